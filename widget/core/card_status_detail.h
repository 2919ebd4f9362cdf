// Internal to card_status*.cpp: the helpers the parsing, the summary, the activation preview and the late-fee
// comparison share. Not part of core's API.
#pragma once

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "core/card_status.h"
#include "core/date_text.h"

namespace tabi::status_detail {

__extension__ typedef __int128 i128;

constexpr std::int64_t kSecondsPerHour = 3'600;
constexpr UnixSeconds kMaxInstant = std::numeric_limits<UnixSeconds>::max();
constexpr UnixSeconds kMinInstant = std::numeric_limits<UnixSeconds>::min();
// The last second of 9999-12-31 UTC: a renewal that would end later is refused, which also keeps every sum
// below far from overflowing.
constexpr UnixSeconds kLatestExpiry = 253'402'300'799;
// Real UTC offsets lie within ±14 h; JavaScript and ISO 8601 allow ±18 h.
constexpr int kMaxOffsetMinutes = 18 * 60;
constexpr std::int64_t kMaxLateFeeMinor = 1'000'000'000'000;

// --- Arithmetic that cannot overflow

inline UnixSeconds saturating_add(UnixSeconds a, std::int64_t b) {
    UnixSeconds sum = 0;
    if (__builtin_add_overflow(a, b, &sum)) return b > 0 ? kMaxInstant : kMinInstant;
    return sum;
}

inline std::int64_t saturating_sub(std::int64_t a, std::int64_t b) {
    std::int64_t difference = 0;
    if (__builtin_sub_overflow(a, b, &difference)) return b < 0 ? kMaxInstant : kMinInstant;
    return difference;
}

inline std::int64_t clamp_to_int64(i128 v) {
    if (v > static_cast<i128>(kMaxInstant)) return kMaxInstant;
    if (v < static_cast<i128>(kMinInstant)) return kMinInstant;
    return static_cast<std::int64_t>(v);
}

// --- Text for message arguments

inline std::string number(std::int64_t v) { return std::to_string(v); }

// "Thu 26 Nov" and "23:59", in Japan, as the traveller's language writes them; the year only when it is not
// the year of `now` (date_text.h).
inline std::string jst_date_text(Locale locale, UnixSeconds t, UnixSeconds now) {
    return date_text(locale, jst_date(t), year_shown(t, now, kJstOffsetMinutes));
}

inline std::string day_text(Locale locale, CivilDate d, UnixSeconds now) {
    return date_text(locale, d, d.year == jst_date(now).year ? YearShown::no : YearShown::yes);
}

inline std::string jst_time_text(UnixSeconds t) {
    const CivilDateTime c = to_civil(t, kJstOffsetMinutes);
    return clock_text(c.hour, c.minute);
}

// "Thu 26 Nov, 23:59", in Japan.
inline std::string jst_minute_text(Locale locale, UnixSeconds t, UnixSeconds now) {
    return date_time_text(locale, to_civil(t, kJstOffsetMinutes), year_shown(t, now, kJstOffsetMinutes));
}

// --- Renewal state

// Sorts the windows and joins those that overlap or follow each other without a gap.
inline void merge_windows(std::vector<UnlimitedWindow>& windows) {
    std::sort(windows.begin(), windows.end(),
              [](const UnlimitedWindow& a, const UnlimitedWindow& b) { return a.from < b.from; });
    std::size_t kept = 0;
    for (std::size_t i = 0; i < windows.size(); ++i) {
        if (kept > 0 && windows[i].from <= saturating_add(windows[kept - 1].until, 1)) {
            windows[kept - 1].until = std::max(windows[kept - 1].until, windows[i].until);
        } else {
            windows[kept++] = windows[i];
        }
    }
    windows.resize(kept);
}

// Whether unlimited data covers every second from `from` to `until`.
inline bool covered(const std::vector<UnlimitedWindow>& windows, UnixSeconds from, UnixSeconds until) {
    for (const auto& w : windows)
        if (w.from <= from && w.until >= until) return true;
    return false;
}

inline void add_window(std::vector<UnlimitedWindow>& windows, UnixSeconds from, UnixSeconds until) {
    if (until < from) return;
    windows.push_back({from, until});
    merge_windows(windows);
}

inline bool plan_is_possible(const Plan& p, CardKind card) {
    if (p.days < 0 || p.days > kMaxStatusDays) return false;
    if (!p.data.unlimited && (p.data.mb < 0 || p.data.mb > kMaxStatusMb)) return false;
    if (p.kind == PlanKind::rental_extension) return card == CardKind::wifi && p.days > 0;
    if (card == CardKind::wifi) return p.kind == PlanKind::data_pack;
    if (p.days == 0) return p.kind == PlanKind::data_pack && !p.data.unlimited;
    return true;
}

}  // namespace tabi::status_detail
