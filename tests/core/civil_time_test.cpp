#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <set>
#include <string>

#include "core/civil_time.h"

using namespace tabi;

namespace {

// The expected values below were computed independently (Python's calendar.timegm and datetime.date).
constexpr UnixSeconds k20261120T0300Z = 1'795'143'600;
constexpr UnixSeconds k20261120T1500Z = 1'795'186'800;  // 2026-11-21 00:00:00 JST

UnixSeconds parsed(std::string_view text) {
    auto r = parse_iso8601(text);
    INFO(text);
    if (!r) INFO(r.problem().message_id);
    REQUIRE(r.ok());
    return *r;
}

std::string refused(std::string_view text) {
    auto r = parse_iso8601(text);
    INFO(text);
    REQUIRE_FALSE(r.ok());
    const Problem& p = r.problem();
    CHECK(p.is_error());
    CHECK(p.where.empty());
    CHECK(p.arg("text") == text);
    // Every message id has an English template, and every {placeholder} of it is among the args.
    const std::string_view tmpl = time_message_template(p.message_id);
    CHECK_FALSE(tmpl.empty());
    for (std::size_t open = tmpl.find('{'); open != std::string_view::npos; open = tmpl.find('{', open + 1)) {
        const std::size_t close = tmpl.find('}', open);
        REQUIRE(close != std::string_view::npos);
        const std::string name(tmpl.substr(open + 1, close - open - 1));
        bool found = false;
        for (const auto& a : p.args) found = found || a.name == name;
        INFO(name);
        CHECK(found);
    }
    return p.message_id;
}

// Day counting done the slow, obvious way: whole years, then whole months.
std::int64_t naive_days(int year, int month, int day) {
    auto leap = [](int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; };
    constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    std::int64_t days = 0;
    if (year >= 1970) {
        for (int y = 1970; y < year; ++y) days += leap(y) ? 366 : 365;
    } else {
        for (int y = year; y < 1970; ++y) days -= leap(y) ? 366 : 365;
    }
    for (int m = 1; m < month; ++m) days += kMonthDays[m - 1] + (m == 2 && leap(year) ? 1 : 0);
    return days + day - 1;
}

}  // namespace

TEST_CASE("civil time: days from civil at known dates") {
    CHECK(days_from_civil({1970, 1, 1}) == 0);
    CHECK(days_from_civil({1969, 12, 31}) == -1);
    CHECK(days_from_civil({2000, 3, 1}) == 11'017);
    CHECK(days_from_civil({2028, 2, 29}) == 21'243);
    CHECK(days_from_civil({1, 1, 1}) == -719'162);
    CHECK(days_from_civil({0, 1, 1}) == -719'162 - 366);  // year 0 (1 BC) is a leap year
    CHECK(civil_from_days(0) == CivilDate{1970, 1, 1});
    CHECK(civil_from_days(-1) == CivilDate{1969, 12, 31});
    CHECK(civil_from_days(21'243) == CivilDate{2028, 2, 29});
    CHECK(civil_from_days(-719'162) == CivilDate{1, 1, 1});
    CHECK(civil_from_days(-719'163) == CivilDate{0, 12, 31});
}

TEST_CASE("civil time: agrees with naive counting for every day from 1600 to 2400") {
    std::int64_t expected = naive_days(1600, 1, 1);
    CivilDate d{1600, 1, 1};
    auto leap = [](int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; };
    constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    std::int64_t mismatches = 0;
    while (d.year < 2401) {
        if (days_from_civil(d) != expected || civil_from_days(expected) != d || !is_valid_date(d)) ++mismatches;
        const int month_days = kMonthDays[d.month - 1] + (d.month == 2 && leap(d.year) ? 1 : 0);
        if (++d.day > month_days) {
            d.day = 1;
            if (++d.month > 12) {
                d.month = 1;
                ++d.year;
            }
        }
        ++expected;
    }
    CHECK(mismatches == 0);
    CHECK(expected == naive_days(2401, 1, 1));
}

TEST_CASE("civil time: round trips over a wide range, days strictly consecutive") {
    // Every day for about ±5,500 years around the epoch (mismatches counted, so the loop stays fast), then
    // far-out days.
    CivilDate previous = civil_from_days(-2'000'001);
    std::int64_t mismatches = 0;
    for (std::int64_t days = -2'000'000; days <= 2'000'000; ++days) {
        const CivilDate d = civil_from_days(days);
        if (!is_valid_date(d) || days_from_civil(d) != days || !(previous < d)) ++mismatches;
        previous = d;
    }
    CHECK(mismatches == 0);
    for (std::int64_t days : {std::int64_t{-500'000'000'000}, std::int64_t{-123'456'789'012}, std::int64_t{987'654'321},
                              std::int64_t{500'000'000'000}}) {
        CHECK(days_from_civil(civil_from_days(days)) == days);
    }
}

TEST_CASE("civil time: validity of dates") {
    CHECK(is_valid_date({2028, 2, 29}));
    CHECK_FALSE(is_valid_date({2026, 2, 29}));
    CHECK(is_valid_date({2000, 2, 29}));
    CHECK_FALSE(is_valid_date({1900, 2, 29}));
    CHECK_FALSE(is_valid_date({2100, 2, 29}));
    CHECK(is_valid_date({2026, 4, 30}));
    CHECK_FALSE(is_valid_date({2026, 4, 31}));
    CHECK(is_valid_date({2026, 12, 31}));
    CHECK_FALSE(is_valid_date({2026, 13, 1}));
    CHECK_FALSE(is_valid_date({2026, 0, 1}));
    CHECK_FALSE(is_valid_date({2026, 1, 0}));
    CHECK_FALSE(is_valid_date({2026, 1, 32}));
}

TEST_CASE("civil time: is_date_text accepts exactly what parse_date accepts") {
    for (std::string_view text : {"2026-11-28", "2028-02-29", "2026-02-29", "2026-13-01", "2026-00-10", "2026-11-31",
                                  "2026-11-00", "2026-1-28", "2026-11-28T00:00:00Z", "+2026-11-28", "2026/11/28",
                                  "abcd-ef-gh", "", "0000-01-01", "9999-12-31"}) {
        CAPTURE(text);
        CHECK(is_date_text(text) == parse_date(text).ok());
    }
}

TEST_CASE("civil time: fields out of range are counted on, never undefined") {
    CHECK(days_from_civil({2026, 13, 1}) == days_from_civil({2027, 1, 1}));
    CHECK(days_from_civil({2026, 0, 1}) == days_from_civil({2025, 12, 1}));
    CHECK(days_from_civil({2026, -11, 1}) == days_from_civil({2025, 1, 1}));
    CHECK(days_from_civil({2026, 2, 29}) == days_from_civil({2026, 3, 1}));
    CHECK(days_from_civil({2026, 1, 0}) == days_from_civil({2025, 12, 31}));
    // Extremes of int do not overflow (the sanitizers would stop this test).
    constexpr int kMax = std::numeric_limits<int>::max();
    constexpr int kMin = std::numeric_limits<int>::min();
    (void)days_from_civil({kMax, kMax, kMax});
    (void)days_from_civil({kMin, kMin, kMin});
    (void)from_civil({{kMax, kMax, kMax}, kMax, kMax, kMax}, kMin);
    (void)from_civil({{kMin, kMin, kMin}, kMin, kMin, kMin}, kMax);
    for (UnixSeconds t : {std::numeric_limits<UnixSeconds>::min(), std::numeric_limits<UnixSeconds>::max()}) {
        for (int offset : {kMin, -540, 0, 540, kMax}) {
            const CivilDateTime c = to_civil(t, offset);
            CHECK(is_valid_date(c.date));
            CHECK(c.hour >= 0);
            CHECK(c.hour <= 23);
            (void)format_iso8601(t, offset);
        }
    }
    CHECK(civil_from_days(std::numeric_limits<std::int64_t>::max()).year > 1'900'000'000);
    CHECK(civil_from_days(std::numeric_limits<std::int64_t>::min()).year < -1'900'000'000);
}

TEST_CASE("civil time: wall clock at a fixed offset") {
    // Midnight in Japan is 15:00 UTC the day before.
    CHECK(to_civil(k20261120T1500Z, kJstOffsetMinutes) == CivilDateTime{{2026, 11, 21}, 0, 0, 0});
    CHECK(to_civil(k20261120T1500Z - 1, kJstOffsetMinutes) == CivilDateTime{{2026, 11, 20}, 23, 59, 59});
    CHECK(to_civil(k20261120T1500Z, 0) == CivilDateTime{{2026, 11, 20}, 15, 0, 0});
    CHECK(from_civil({{2026, 11, 21}, 0, 0, 0}, kJstOffsetMinutes) == k20261120T1500Z);
    CHECK(from_civil({{2026, 11, 20}, 3, 0, 0}, 0) == k20261120T0300Z);
    // Year end in Japan while it is still the old year in UTC.
    const UnixSeconds new_year_jst = from_civil({{2027, 1, 1}, 0, 0, 0}, kJstOffsetMinutes);
    CHECK(to_civil(new_year_jst, 0) == CivilDateTime{{2026, 12, 31}, 15, 0, 0});
    CHECK(to_civil(new_year_jst - 1, kJstOffsetMinutes) == CivilDateTime{{2026, 12, 31}, 23, 59, 59});
    // Negative offsets and half-hour offsets.
    CHECK(to_civil(k20261120T0300Z, -8 * 60) == CivilDateTime{{2026, 11, 19}, 19, 0, 0});
    CHECK(to_civil(k20261120T0300Z, 5 * 60 + 30) == CivilDateTime{{2026, 11, 20}, 8, 30, 0});
    CHECK(to_civil(k20261120T0300Z, -(9 * 60 + 30)) == CivilDateTime{{2026, 11, 19}, 17, 30, 0});
    // Negative epochs.
    CHECK(to_civil(-1, 0) == CivilDateTime{{1969, 12, 31}, 23, 59, 59});
    CHECK(to_civil(-2'208'988'800, 0) == CivilDateTime{{1900, 1, 1}, 0, 0, 0});
    CHECK(to_civil(-62'135'596'800, 0) == CivilDateTime{{1, 1, 1}, 0, 0, 0});
    CHECK(to_civil(-86'401, kJstOffsetMinutes) == CivilDateTime{{1969, 12, 31}, 8, 59, 59});
    CHECK(from_civil({{1969, 12, 31}, 23, 59, 59}, 0) == -1);
    CHECK(from_civil({{1, 1, 1}, 0, 0, 0}, 0) == -62'135'596'800);
    // Leap day 2028.
    CHECK(to_civil(1'835'395'200, kJstOffsetMinutes) == CivilDateTime{{2028, 2, 29}, 9, 0, 0});
    CHECK(to_civil(1'835'395'200 - 1, 0) == CivilDateTime{{2028, 2, 28}, 23, 59, 59});
}

TEST_CASE("civil time: instants round trip through wall clocks at many offsets") {
    std::int64_t mismatches = 0;
    for (UnixSeconds t = -70'000'000'000; t <= 260'000'000'000; t += 7'777'777 + 13) {
        for (int offset : {-720, -570, -1, 0, 1, 330, 540, 765, 840})
            if (from_civil(to_civil(t, offset), offset) != t) ++mismatches;
    }
    CHECK(mismatches == 0);
}

TEST_CASE("civil time: parse ISO 8601 instants") {
    CHECK(parsed("2026-11-20T03:00:00Z") == k20261120T0300Z);
    CHECK(parsed("2026-11-20t03:00:00z") == k20261120T0300Z);
    CHECK(parsed("2026-11-20T12:00:00+09:00") == k20261120T0300Z);
    CHECK(parsed("2026-11-19T22:00:00-05:00") == k20261120T0300Z);
    CHECK(parsed("2026-11-20T03:00:00+00:00") == k20261120T0300Z);
    CHECK(parsed("2026-11-20T03:00:00-00:00") == k20261120T0300Z);
    CHECK(parsed("2026-11-20T08:30:00+05:30") == k20261120T0300Z);
    CHECK(parsed("2026-11-21T00:00:00+09:00") == k20261120T1500Z);
    // Fractions of a second (JavaScript's toISOString) floor to the second.
    CHECK(parsed("2026-11-20T03:00:00.000Z") == k20261120T0300Z);
    CHECK(parsed("2026-11-20T03:00:00.999999999Z") == k20261120T0300Z);
    CHECK(parsed("2026-11-20T03:00:00.5+09:00") == k20261120T0300Z - 9 * 3600);
    // A date alone is midnight UTC.
    CHECK(parsed("2026-11-20") == k20261120T0300Z - 3 * 3600);
    CHECK(parsed("2028-02-29") == 1'835'395'200);
    CHECK(parsed("2000-02-29T12:00:00Z") == 951'825'600);
    CHECK(parsed("1969-12-31T23:59:59Z") == -1);
    CHECK(parsed("1900-01-01T00:00:00Z") == -2'208'988'800);
    CHECK(parsed("0001-01-01T00:00:00Z") == -62'135'596'800);
    CHECK(parsed("9999-12-31T23:59:59Z") == 253'402'300'799);
    CHECK(parsed("0000-01-01T00:00:00+23:59") == (-719'162 - 366) * std::int64_t{86'400} - (23 * 60 + 59) * 60);
    CHECK(parsed("2026-12-31T23:59:59-23:59") == from_civil({{2027, 1, 1}, 23, 58, 59}, 0));
}

TEST_CASE("civil time: parse refuses malformed instants with a specific message") {
    CHECK(refused("") == "time.bad_format");
    CHECK(refused("2026") == "time.bad_format");
    CHECK(refused("2026-11-2") == "time.bad_format");
    CHECK(refused("2026/11/20") == "time.bad_format");
    CHECK(refused("26-11-20T03:00:00Z") == "time.bad_format");
    CHECK(refused("+2026-11-20T03:00:00Z") == "time.bad_format");
    CHECK(refused("2026-11-20T03:00:00") == "time.bad_format");        // no offset: ambiguous
    CHECK(refused("2026-11-20T03:00Z") == "time.bad_format");          // no seconds
    CHECK(refused("2026-11-20 03:00:00Z") == "time.bad_format");
    CHECK(refused(" 2026-11-20T03:00:00Z") == "time.bad_format");
    CHECK(refused("2026-11-20T03:00:00Z ") == "time.bad_format");
    CHECK(refused("2026-11-20T03:00:00.Z") == "time.bad_format");
    CHECK(refused("2026-11-20T03:00:00.1234567890Z") == "time.bad_format");
    CHECK(refused("2026-11-20T03:00:00+0900") == "time.bad_format");
    CHECK(refused("2026-11-20T03:00:00+09") == "time.bad_format");
    CHECK(refused("2026-11-20T03:00:00+09:00:00") == "time.bad_format");
    CHECK(refused("2026-11-20T3:00:00Z") == "time.bad_format");
    CHECK(refused("2026-11-20T03:00:00ZZ") == "time.bad_format");
    CHECK(refused("２０２６-11-20T03:00:00Z") == "time.bad_format");
    CHECK(refused("2026-1a-20T03:00:00Z") == "time.bad_format");
    CHECK(refused("2026-02-29T00:00:00Z") == "time.bad_day");
    CHECK(refused("2026-02-29") == "time.bad_day");
    CHECK(refused("1900-02-29") == "time.bad_day");
    CHECK(refused("2026-04-31T00:00:00Z") == "time.bad_day");
    CHECK(refused("2026-11-00T00:00:00Z") == "time.bad_day");
    CHECK(refused("2026-00-10T00:00:00Z") == "time.bad_month");
    CHECK(refused("2026-13-10T00:00:00Z") == "time.bad_month");
    CHECK(refused("2026-11-20T24:00:00Z") == "time.bad_hour");
    CHECK(refused("2026-11-20T23:60:00Z") == "time.bad_minute");
    CHECK(refused("2026-11-20T23:59:60Z") == "time.bad_second");
    CHECK(refused("2026-11-20T03:00:00+24:00") == "time.bad_offset");
    CHECK(refused("2026-11-20T03:00:00+09:60") == "time.bad_offset");

    auto day = parse_iso8601("2026-02-29T10:00:00+09:00");
    REQUIRE_FALSE(day.ok());
    CHECK(day.problem().arg("year") == "2026");
    CHECK(day.problem().arg("month") == "02");
    CHECK(day.problem().arg("day") == "29");
    CHECK(day.problem().arg("days_in_month") == "28");
    auto hour = parse_iso8601("2026-11-20T24:00:00Z");
    CHECK(hour.problem().arg("hour") == "24");
    auto offset = parse_iso8601("2026-11-20T03:00:00-25:00");
    CHECK(offset.problem().arg("offset") == "-25:00");
}

TEST_CASE("civil time: a long text is quoted shortened, on a character boundary") {
    const std::string text = "2026-11-20T03:00:00Z" + std::string(30, 'x') + "日本語日本語";
    auto r = parse_iso8601(text);
    REQUIRE_FALSE(r.ok());
    const std::string& quoted = r.problem().arg("text");
    CHECK(quoted.size() <= 40 + 3);
    CHECK(quoted.ends_with("\xE2\x80\xA6"));
    CHECK(quoted.starts_with("2026-11-20T03:00:00Zxxxx"));
    // A cut inside 日 (3 bytes from offset 39) backs off to before it.
    const std::string cjk = std::string(39, 'y') + "日本";
    auto r2 = parse_iso8601(cjk);
    CHECK(r2.problem().arg("text") == std::string(39, 'y') + "\xE2\x80\xA6");
}

TEST_CASE("civil time: parse dates") {
    auto d = parse_date("2028-02-29");
    REQUIRE(d.ok());
    CHECK(*d == CivilDate{2028, 2, 29});
    CHECK(parse_date("2026-12-31").value() == CivilDate{2026, 12, 31});
    CHECK(parse_date("2026-02-29").problem().message_id == "time.bad_day");
    CHECK(parse_date("2026-13-01").problem().message_id == "time.bad_month");
    CHECK(parse_date("2026-11-20T00:00:00Z").problem().message_id == "time.bad_date_format");
    CHECK(parse_date("2026-1-20").problem().message_id == "time.bad_date_format");
    CHECK(parse_date("").problem().message_id == "time.bad_date_format");
    CHECK(parse_date("20261120").problem().message_id == "time.bad_date_format");
}

TEST_CASE("civil time: formatting") {
    CHECK(format_iso8601_utc(k20261120T0300Z) == "2026-11-20T03:00:00Z");
    CHECK(format_iso8601(k20261120T0300Z, kJstOffsetMinutes) == "2026-11-20T12:00:00+09:00");
    CHECK(format_iso8601(k20261120T1500Z, kJstOffsetMinutes) == "2026-11-21T00:00:00+09:00");
    CHECK(format_iso8601(k20261120T0300Z, 0) == "2026-11-20T03:00:00+00:00");
    CHECK(format_iso8601(k20261120T0300Z, -(3 * 60 + 30)) == "2026-11-19T23:30:00-03:30");
    CHECK(format_iso8601_utc(-1) == "1969-12-31T23:59:59Z");
    CHECK(format_iso8601_utc(0) == "1970-01-01T00:00:00Z");
    CHECK(format_iso8601_utc(-62'135'596'800) == "0001-01-01T00:00:00Z");
    CHECK(format_iso8601_utc(253'402'300'799) == "9999-12-31T23:59:59Z");
    CHECK(format_iso8601_utc(253'402'300'800) == "+10000-01-01T00:00:00Z");
    CHECK(format_iso8601_utc(-62'135'596'800 - 366 * 86'400 - 1) == "-0001-12-31T23:59:59Z");
    CHECK(format_date({2028, 2, 29}) == "2028-02-29");
    CHECK(format_date({7, 1, 5}) == "0007-01-05");
}

TEST_CASE("civil time: format and parse round trip from year 1 to 9999") {
    std::int64_t mismatches = 0;
    auto same = [](const Result<UnixSeconds>& r, UnixSeconds t) { return r.ok() && *r == t; };
    for (UnixSeconds t = -62'135'596'800; t <= 253'402'300'799; t += 86'400 * 97 + 3'631) {
        if (!same(parse_iso8601(format_iso8601_utc(t)), t)) ++mismatches;
        if (!same(parse_iso8601(format_iso8601(t, kJstOffsetMinutes)), t)) ++mismatches;
        if (!same(parse_iso8601(format_iso8601(t, -570)), t)) ++mismatches;
        const CivilDate d = to_civil(t, 0).date;
        const auto back = parse_date(format_date(d));
        if (!back.ok() || *back != d) ++mismatches;
    }
    CHECK(mismatches == 0);
}

TEST_CASE("civil time: message ids") {
    std::set<std::string_view> seen;
    for (std::string_view id : time_message_ids()) {
        CHECK(id.starts_with("time."));
        CHECK(seen.insert(id).second);
        CHECK_FALSE(time_message_template(id).empty());
    }
    CHECK(seen.size() == 8);
    CHECK(time_message_template("time.nothing").empty());
}
