// Instants and calendar dates. Instants are stored as seconds since the Unix epoch in UTC; dates and
// clock times exist only for display and for counting calendar days, at a fixed UTC offset. Japan has
// used UTC+9 all year since 1951 (no daylight saving), so JST is simply offset +540 minutes.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/problem.h"

namespace tabi {

using UnixSeconds = std::int64_t;

inline constexpr int kJstOffsetMinutes = 9 * 60;
inline constexpr std::int64_t kSecondsPerDay = 86'400;

struct CivilDate {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31
    friend bool operator==(const CivilDate&, const CivilDate&) = default;
    friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

struct CivilDateTime {
    CivilDate date;
    int hour = 0;    // 0..23
    int minute = 0;  // 0..59
    int second = 0;  // 0..59
    friend bool operator==(const CivilDateTime&, const CivilDateTime&) = default;
};

// Days since 1970-01-01 for a proleptic Gregorian date (negative before), and back.
std::int64_t days_from_civil(CivilDate d);
CivilDate civil_from_days(std::int64_t days);
bool is_valid_date(CivilDate d);
// Day of the week, 0 = Sunday .. 6 = Saturday (1970-01-01 was a Thursday).
int weekday(CivilDate d);

// The wall-clock date and time at a fixed UTC offset (minutes east of UTC: JST is +540).
CivilDateTime to_civil(UnixSeconds t, int offset_minutes);
// The instant of a wall-clock time at a fixed offset.
UnixSeconds from_civil(const CivilDateTime& c, int offset_minutes);
// The Japan date of an instant, and that date as days since 1970-01-01 (for counting calendar days in Japan).
CivilDate jst_date(UnixSeconds t);
std::int64_t jst_day_number(UnixSeconds t);

// "2026-11-28T12:00:00Z", "2026-11-28T21:00:00+09:00", "2026-11-28" (midnight UTC); offsets ±HH:MM.
Result<UnixSeconds> parse_iso8601(std::string_view text);
// "2026-11-28T12:00:00Z"
std::string format_iso8601_utc(UnixSeconds t);
// "2026-11-28T21:00:00+09:00"
std::string format_iso8601(UnixSeconds t, int offset_minutes);
// "2026-11-28"
std::string format_date(CivilDate d);
Result<CivilDate> parse_date(std::string_view text);
// Whether parse_date() would accept the text, without building the problem that says why not: for checks that
// only need yes or no (a catalogue's as_of), so they carry none of the problem's text code.
bool is_date_text(std::string_view text);

// Every message id parse_iso8601 and parse_date report ("time.*", with an empty `where` that the caller fills
// in), and the English template of each ({name} placeholders for its args; "" for an unknown id).
std::span<const std::string_view> time_message_ids();
std::string_view time_message_template(std::string_view message_id);

}  // namespace tabi
