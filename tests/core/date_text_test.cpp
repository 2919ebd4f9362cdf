#include <doctest/doctest.h>

#include <string>

#include "core/civil_time.h"
#include "core/date_text.h"
#include "core/messages.h"

using namespace tabi;

namespace {

// Weekdays checked against Python's datetime.date(...).strftime("%a").
UnixSeconds jst(int y, int mo, int d, int h, int mi, int s = 0) {
    return from_civil(CivilDateTime{{y, mo, d}, h, mi, s}, kJstOffsetMinutes);
}

struct LocaleForms {
    Locale locale;
    const char* dec_8;            // 2026-12-08 23:59 JST, no year
    const char* dec_31_year;      // 2026-12-31 23:59 JST, with the year
    const char* jan_1_midnight;   // 2027-01-01 00:00 JST, no year
    const char* leap_day;         // 2028-02-29 (a date), with the year
    const char* mar_1;            // 2028-03-01 (a date), no year
};

const LocaleForms kForms[] = {
    {Locale::en, "Tue 8 Dec, 23:59", "Thu 31 Dec 2026, 23:59", "Fri 1 Jan, 00:00", "Tue 29 Feb 2028", "Wed 1 Mar"},
    {Locale::ja, "12月8日(火) 23:59", "2026年12月31日(木) 23:59", "1月1日(金) 00:00", "2028年2月29日(火)", "3月1日(水)"},
    {Locale::zh_Hans, "12月8日 周二 23:59", "2026年12月31日 周四 23:59", "1月1日 周五 00:00", "2028年2月29日 周二",
     "3月1日 周三"},
    {Locale::zh_Hant, "12月8日 週二 23:59", "2026年12月31日 週四 23:59", "1月1日 週五 00:00", "2028年2月29日 週二",
     "3月1日 週三"},
    {Locale::ko, "12월 8일 (화) 23:59", "2026년 12월 31일 (목) 23:59", "1월 1일 (금) 00:00", "2028년 2월 29일 (화)",
     "3월 1일 (수)"},
};

}  // namespace

TEST_CASE("date text: weekdays come from the calendar") {
    CHECK(weekday({1970, 1, 1}) == 4);  // Thursday
    CHECK(weekday({1969, 12, 31}) == 3);
    CHECK(weekday({2026, 12, 8}) == 2);
    CHECK(weekday({2028, 2, 29}) == 2);
    CHECK(weekday({2028, 3, 1}) == 3);
    CHECK(weekday({2000, 2, 29}) == 2);
    CHECK(weekday({1600, 1, 1}) == 6);
    // Consecutive days step through the week, across month ends, year ends and leap days.
    for (std::int64_t days = days_from_civil({1999, 12, 25}); days < days_from_civil({2029, 1, 8}); ++days)
        CHECK((weekday(civil_from_days(days)) + 1) % 7 == weekday(civil_from_days(days + 1)));
}

TEST_CASE("date text: every locale writes dates and times its own way") {
    for (const LocaleForms& f : kForms) {
        CAPTURE(locale_tag(f.locale));
        CHECK(date_time_text(f.locale, to_civil(jst(2026, 12, 8, 23, 59), kJstOffsetMinutes), YearShown::no) == f.dec_8);
        CHECK(date_time_text(f.locale, to_civil(jst(2026, 12, 31, 23, 59, 59), kJstOffsetMinutes), YearShown::yes) ==
              f.dec_31_year);
        CHECK(date_time_text(f.locale, to_civil(jst(2027, 1, 1, 0, 0), kJstOffsetMinutes), YearShown::no) ==
              f.jan_1_midnight);
        CHECK(date_text(f.locale, {2028, 2, 29}, YearShown::yes) == f.leap_day);
        CHECK(date_text(f.locale, {2028, 3, 1}, YearShown::no) == f.mar_1);
    }
}

TEST_CASE("date text: month ends in English") {
    CHECK(date_text(Locale::en, {2026, 1, 31}, YearShown::no) == "Sat 31 Jan");
    CHECK(date_text(Locale::en, {2026, 4, 30}, YearShown::no) == "Thu 30 Apr");
    CHECK(date_text(Locale::en, {2028, 2, 28}, YearShown::no) == "Mon 28 Feb");
    CHECK(date_text(Locale::ja, {2026, 4, 30}, YearShown::no) == "4月30日(木)");
    CHECK(date_text(Locale::ko, {2026, 1, 31}, YearShown::no) == "1월 31일 (토)");
}

TEST_CASE("date text: midnight in Japan is the next day's 00:00, whatever the traveller's zone") {
    const UnixSeconds midnight = jst(2026, 12, 8, 0, 0);
    CHECK(format_iso8601_utc(midnight) == "2026-12-07T15:00:00Z");
    CHECK(to_civil(midnight - 1, kJstOffsetMinutes).date == CivilDate{2026, 12, 7});
    CHECK(instant_text(Locale::en, midnight, kJstOffsetMinutes, YearShown::no) == "Tue 8 Dec, 00:00 JST");
    CHECK(instant_text(Locale::en, midnight - 1, kJstOffsetMinutes, YearShown::no) == "Mon 7 Dec, 23:59 JST");
    CHECK(instant_text(Locale::en, midnight, 60, YearShown::no) == "Mon 7 Dec, 16:00 UTC+1");
    CHECK(instant_text(Locale::ja, midnight, kJstOffsetMinutes, YearShown::no) == "12月8日(火) 00:00 JST");
    CHECK(instant_text(Locale::zh_Hans, midnight, -300, YearShown::no) == "12月7日 周一 10:00 UTC-5");
    CHECK(instant_text(Locale::zh_Hant, midnight, 0, YearShown::no) == "12月7日 週一 15:00 UTC");
    CHECK(instant_text(Locale::ko, midnight, 330, YearShown::no) == "12월 7일 (월) 20:30 UTC+5:30");
}

TEST_CASE("date text: the zone is named") {
    CHECK(zone_text(kJstOffsetMinutes) == "JST");
    CHECK(zone_text(0) == "UTC");
    CHECK(zone_text(120) == "UTC+2");
    CHECK(zone_text(-210) == "UTC-3:30");
    CHECK(zone_text(345) == "UTC+5:45");
    CHECK(zone_text(-600) == "UTC-10");
    CHECK(zone_text(600) == "UTC+10");
}

TEST_CASE("date text: the year shows when it is not this year's, where the date is read") {
    const UnixSeconds now = jst(2026, 12, 28, 12, 0);
    CHECK(year_shown(jst(2026, 12, 31, 23, 59), now, kJstOffsetMinutes) == YearShown::no);
    CHECK(year_shown(jst(2027, 1, 1, 0, 0), now, kJstOffsetMinutes) == YearShown::yes);
    // 2027-01-01 08:00 JST is still 2026 in UTC.
    CHECK(year_shown(jst(2027, 1, 1, 8, 0), now, 0) == YearShown::no);
    CHECK(year_shown(jst(2025, 12, 31, 0, 0), now, kJstOffsetMinutes) == YearShown::yes);
}

TEST_CASE("date text: a date outside the calendar's months reads as its ISO form") {
    CHECK(date_text(Locale::en, {2026, 13, 1}, YearShown::no) == "2026-13-01");
    CHECK(clock_text(0, 0) == "00:00");
    CHECK(clock_text(23, 59) == "23:59");
}
