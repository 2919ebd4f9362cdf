#include "core/civil_time.h"
#include "core/module_messages.h"

#include <array>
#include <optional>

namespace tabi {

namespace {

// Days are clamped to this range before they become a CivilDate, so that the year always fits an int
// (about ±1.99 billion years) and no arithmetic below can overflow, whatever instant a caller passes.
constexpr std::int64_t kMaxCivilDays = 727'000'000'000;

// English templates of every message this module reports. The problems carry an empty `where`: the caller
// knows which field the text came from and sets it (a JSON pointer or a field name).
constexpr ModuleMessages kMessages({
    {"time.bad_format",
     "\"{text}\" is not a date and time; write it as 2026-11-28T12:00:00Z or 2026-11-28T21:00:00+09:00."},
    {"time.bad_date_format", "\"{text}\" is not a date; write it as YYYY-MM-DD, for example 2026-11-28."},
    {"time.bad_month", "\"{text}\" has month {month}; months run from 01 to 12."},
    {"time.bad_day", "\"{text}\" has day {day}, but {year}-{month} has only {days_in_month} days."},
    {"time.bad_hour", "\"{text}\" has hour {hour}; hours run from 00 to 23 (write 00 of the next day instead of 24)."},
    {"time.bad_minute", "\"{text}\" has minute {minute}; minutes run from 00 to 59."},
    {"time.bad_second", "\"{text}\" has second {second}; seconds run from 00 to 59."},
    {"time.bad_offset",
     "\"{text}\" has the UTC offset {offset}; write Z, or an offset from -23:59 to +23:59 such as +09:00."},
});

// Floor division and its non-negative remainder (C++ division truncates toward zero).
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    const std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
constexpr std::int64_t floor_mod(std::int64_t a, std::int64_t b) {
    const std::int64_t r = a % b;
    return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}

constexpr bool is_leap_year(std::int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

constexpr int days_in_month(std::int64_t year, int month) {
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// Days since 1970-01-01 of year/month/day, month 1..12 and day any value (counted on from the month's start).
// Howard Hinnant's algorithm ("chrono-Compatible Low-Level Date Algorithms"): shift the year to start in March
// so the leap day is the last day of the year, then count 400-year eras of 146097 days, years of the era,
// and days of the shifted year, where (153 * m + 2) / 5 gives the days before month m (March = 0).
constexpr std::int64_t days_from_ymd(std::int64_t y, std::int64_t m, std::int64_t d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = floor_div(y, 400);
    const std::int64_t year_of_era = y - era * 400;                              // 0..399
    const std::int64_t shifted_month = m > 2 ? m - 3 : m + 9;                    // March = 0 .. February = 11
    const std::int64_t day_of_year = (153 * shifted_month + 2) / 5 + d - 1;      // 0..365 for a real day
    const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146'097 + day_of_era - 719'468;  // 719468 = days from 0000-03-01 to 1970-01-01
}

constexpr CivilDate ymd_from_days(std::int64_t days) {
    if (days > kMaxCivilDays) days = kMaxCivilDays;
    if (days < -kMaxCivilDays) days = -kMaxCivilDays;
    const std::int64_t z = days + 719'468;
    const std::int64_t era = floor_div(z, 146'097);
    const std::int64_t day_of_era = z - era * 146'097;  // 0..146096
    const std::int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36'524 - day_of_era / 146'096) / 365;  // 0..399
    const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;  // March = 0
    const std::int64_t day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    const std::int64_t month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
    const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
    return CivilDate{static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

static_assert(days_from_ymd(1970, 1, 1) == 0);
static_assert(days_from_ymd(2000, 3, 1) == 11'017);
static_assert(ymd_from_days(-1) == CivilDate{1969, 12, 31});
static_assert(ymd_from_days(days_from_ymd(2028, 2, 29)) == CivilDate{2028, 2, 29});

// --- Formatting

void put_digits(std::string& out, std::int64_t value, int width) {
    char buffer[24];
    int n = 0;
    std::uint64_t v = value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
    do {
        buffer[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n < width) buffer[n++] = '0';
    while (n > 0) out += buffer[--n];
}

// Years 0000..9999 as four digits; others with a sign or more digits, as ISO 8601's expanded form writes them.
void put_year(std::string& out, int year) {
    if (year < 0) out += '-';
    else if (year > 9999) out += '+';
    put_digits(out, year, 4);
}

void put_date(std::string& out, CivilDate d) {
    put_year(out, d.year);
    out += '-';
    put_digits(out, d.month, 2);
    out += '-';
    put_digits(out, d.day, 2);
}

void put_date_time(std::string& out, const CivilDateTime& c) {
    put_date(out, c.date);
    out += 'T';
    put_digits(out, c.hour, 2);
    out += ':';
    put_digits(out, c.minute, 2);
    out += ':';
    put_digits(out, c.second, 2);
}

// --- Parsing

Problem time_problem(std::string_view id, std::string_view text, std::vector<MessageArg> args = {}) {
    args.insert(args.begin(), MessageArg{"text", quoted_in_problem(text)});
    return make_problem("", std::string(id), std::move(args));
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `count` digits at `pos`.
bool read_digits(std::string_view s, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > s.size()) return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (!is_digit(s[i])) return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

std::string two_digits(int v) {
    std::string out;
    put_digits(out, v, 2);
    return out;
}

// "YYYY-MM-DD" at the start of s: nullopt when the shape is wrong; a Problem when the shape is right but the
// date does not exist.
struct DateScan {
    bool shape_ok = false;
    CivilDate date;
    std::optional<Problem> problem;
};

DateScan scan_date(std::string_view s, std::string_view whole) {
    DateScan r;
    if (s.size() < 10 || s[4] != '-' || s[7] != '-') return r;
    if (!read_digits(s, 0, 4, r.date.year) || !read_digits(s, 5, 2, r.date.month) ||
        !read_digits(s, 8, 2, r.date.day))
        return r;
    r.shape_ok = true;
    if (r.date.month < 1 || r.date.month > 12) {
        r.problem = time_problem("time.bad_month", whole, {{"month", two_digits(r.date.month)}});
    } else if (r.date.day < 1 || r.date.day > days_in_month(r.date.year, r.date.month)) {
        std::string year;
        put_digits(year, r.date.year, 4);
        r.problem = time_problem("time.bad_day", whole,
                                 {{"day", two_digits(r.date.day)},
                                  {"year", std::move(year)},
                                  {"month", two_digits(r.date.month)},
                                  {"days_in_month", std::to_string(days_in_month(r.date.year, r.date.month))}});
    }
    return r;
}

}  // namespace

std::int64_t days_from_civil(CivilDate d) {
    // Months outside 1..12 roll into neighbouring years, so any fields give a defined day count.
    const std::int64_t month0 = static_cast<std::int64_t>(d.month) - 1;
    const std::int64_t year = static_cast<std::int64_t>(d.year) + floor_div(month0, 12);
    return days_from_ymd(year, floor_mod(month0, 12) + 1, d.day);
}

CivilDate civil_from_days(std::int64_t days) { return ymd_from_days(days); }

bool is_valid_date(CivilDate d) {
    return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= days_in_month(d.year, d.month);
}

int weekday(CivilDate d) { return static_cast<int>(floor_mod(days_from_civil(d) + 4, 7)); }

CivilDateTime to_civil(UnixSeconds t, int offset_minutes) {
    // Split first, then add the offset to the seconds of the day: no sum of two large numbers can overflow.
    std::int64_t days = floor_div(t, kSecondsPerDay);
    std::int64_t seconds = floor_mod(t, kSecondsPerDay) + static_cast<std::int64_t>(offset_minutes) * 60;
    days += floor_div(seconds, kSecondsPerDay);
    seconds = floor_mod(seconds, kSecondsPerDay);
    CivilDateTime c;
    c.date = ymd_from_days(days);
    c.hour = static_cast<int>(seconds / 3600);
    c.minute = static_cast<int>(seconds / 60 % 60);
    c.second = static_cast<int>(seconds % 60);
    return c;
}

UnixSeconds from_civil(const CivilDateTime& c, int offset_minutes) {
    // Every term fits easily in 64 bits for any int fields: |days| < 2^42, the clock terms < 2^44.
    return days_from_civil(c.date) * kSecondsPerDay + static_cast<std::int64_t>(c.hour) * 3600 +
           static_cast<std::int64_t>(c.minute) * 60 + c.second - static_cast<std::int64_t>(offset_minutes) * 60;
}

Result<UnixSeconds> parse_iso8601(std::string_view text) {
    const DateScan date = scan_date(text, text);
    if (!date.shape_ok) return time_problem("time.bad_format", text);
    if (text.size() == 10) {
        if (date.problem) return *date.problem;
        return from_civil(CivilDateTime{date.date, 0, 0, 0}, 0);
    }
    // RFC 3339 allows lower-case t and z; fractional seconds (JavaScript's toISOString writes ".000") are
    // dropped, which floors the instant to its second.
    CivilDateTime c{date.date, 0, 0, 0};
    if (text.size() < 20 || (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':' ||
        !read_digits(text, 11, 2, c.hour) || !read_digits(text, 14, 2, c.minute) ||
        !read_digits(text, 17, 2, c.second))
        return time_problem("time.bad_format", text);
    std::size_t pos = 19;
    if (text[pos] == '.') {
        const std::size_t first = ++pos;
        while (pos < text.size() && is_digit(text[pos]) && pos - first < 9) ++pos;
        if (pos == first || (pos < text.size() && is_digit(text[pos]))) return time_problem("time.bad_format", text);
    }
    int offset_minutes = 0;
    std::string offset_text;
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
        ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        int oh = 0;
        int om = 0;
        if (pos + 6 > text.size() || text[pos + 3] != ':' || !read_digits(text, pos + 1, 2, oh) ||
            !read_digits(text, pos + 4, 2, om))
            return time_problem("time.bad_format", text);
        offset_text = std::string(text.substr(pos, 6));
        offset_minutes = (text[pos] == '-' ? -1 : 1) * (oh * 60 + om);
        if (oh > 23 || om > 59) return time_problem("time.bad_offset", text, {{"offset", offset_text}});
        pos += 6;
    } else {
        return time_problem("time.bad_format", text);
    }
    if (pos != text.size()) return time_problem("time.bad_format", text);
    if (date.problem) return *date.problem;
    if (c.hour > 23) return time_problem("time.bad_hour", text, {{"hour", two_digits(c.hour)}});
    if (c.minute > 59) return time_problem("time.bad_minute", text, {{"minute", two_digits(c.minute)}});
    if (c.second > 59) return time_problem("time.bad_second", text, {{"second", two_digits(c.second)}});
    return from_civil(c, offset_minutes);
}

CivilDate jst_date(UnixSeconds t) { return to_civil(t, kJstOffsetMinutes).date; }

std::int64_t jst_day_number(UnixSeconds t) { return days_from_civil(jst_date(t)); }

std::string format_iso8601_utc(UnixSeconds t) {
    std::string out;
    out.reserve(24);
    put_date_time(out, to_civil(t, 0));
    out += 'Z';
    return out;
}

std::string format_iso8601(UnixSeconds t, int offset_minutes) {
    std::string out;
    out.reserve(28);
    put_date_time(out, to_civil(t, offset_minutes));
    out += offset_minutes < 0 ? '-' : '+';
    const std::int64_t magnitude = offset_minutes < 0 ? -static_cast<std::int64_t>(offset_minutes) : offset_minutes;
    put_digits(out, magnitude / 60, 2);
    out += ':';
    put_digits(out, magnitude % 60, 2);
    return out;
}

std::string format_date(CivilDate d) {
    std::string out;
    out.reserve(12);
    put_date(out, d);
    return out;
}

Result<CivilDate> parse_date(std::string_view text) {
    const DateScan date = scan_date(text, text);
    if (!date.shape_ok || text.size() != 10) return time_problem("time.bad_date_format", text);
    if (date.problem) return *date.problem;
    return date.date;
}

bool is_date_text(std::string_view text) {
    CivilDate d;
    return text.size() == 10 && text[4] == '-' && text[7] == '-' && read_digits(text, 0, 4, d.year) &&
           read_digits(text, 5, 2, d.month) && read_digits(text, 8, 2, d.day) && is_valid_date(d);
}

std::span<const std::string_view> time_message_ids() { return kMessages.ids(); }

std::string_view time_message_template(std::string_view message_id) { return kMessages.text(message_id); }

}  // namespace tabi
