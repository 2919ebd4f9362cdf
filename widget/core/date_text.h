// Dates and times as each language writes them, for people to read: "Tue 8 Dec, 23:59" in English,
// "12月8日(火) 23:59" in Japanese, "12月8日 周二 23:59" in Simplified Chinese, "12月8日 週二 23:59" in
// Traditional Chinese, "12월 8일 (화) 23:59" in Korean. The forms are message templates ("date.*" in
// widget/core/messages/<locale>.json), the calendar is civil_time's. Machine outputs (receipt JSON, .ics
// times, events, storage) keep civil_time's ISO 8601 forms.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/civil_time.h"
#include "core/messages.h"

namespace tabi {

// Whether a date shows its year. Dates in the current year read without it, as people write them; a date in
// another year, or a document kept for later (receipt, reminder), shows it.
enum class YearShown { no, yes };

// Shown with its year when it falls in another year than `now`, both read at the offset.
YearShown year_shown(UnixSeconds at, UnixSeconds now, int offset_minutes);

// "Tue 8 Dec" / "Tue 8 Dec 2027"; ja "12月8日(火)" / "2027年12月8日(水)".
std::string date_text(Locale locale, CivilDate date, YearShown year);
// "23:59": every locale writes the 24-hour clock with two-digit minutes.
std::string clock_text(int hour, int minute);
// "Tue 8 Dec, 23:59"; ja "12月8日(火) 23:59".
std::string date_time_text(Locale locale, const CivilDateTime& c, YearShown year);
// The zone of a fixed offset: "JST" for +09:00, "UTC" for 0, else "UTC+2", "UTC-3:30", "UTC+5:45".
std::string zone_text(int offset_minutes);
// The instant at the offset with its zone named: "Tue 8 Dec, 23:59 JST", "Tue 8 Dec, 16:59 UTC+2".
std::string instant_text(Locale locale, UnixSeconds at, int offset_minutes, YearShown year);

// Every message id this module renders, and the English template of each.
std::span<const std::string_view> date_message_ids();
std::string_view date_message_template(std::string_view message_id);

}  // namespace tabi
