#include "core/date_text.h"
#include "core/module_messages.h"

#include <array>
#include <cstdlib>

namespace tabi {
namespace {

// English templates. {weekday} and {month_name} are the "date.weekday.N" and "date.month.N" texts ("Dec",
// ja "12月"), {day} a number without a leading zero, {year} four digits, {time} clock_text().
constexpr ModuleMessages kMessages({
    {"date.day", "{weekday} {day} {month_name}"},
    {"date.day_year", "{weekday} {day} {month_name} {year}"},
    {"date.day_time", "{date}, {time}"},
    {"date.weekday.0", "Sun"},
    {"date.weekday.1", "Mon"},
    {"date.weekday.2", "Tue"},
    {"date.weekday.3", "Wed"},
    {"date.weekday.4", "Thu"},
    {"date.weekday.5", "Fri"},
    {"date.weekday.6", "Sat"},
    {"date.month.1", "Jan"},
    {"date.month.2", "Feb"},
    {"date.month.3", "Mar"},
    {"date.month.4", "Apr"},
    {"date.month.5", "May"},
    {"date.month.6", "Jun"},
    {"date.month.7", "Jul"},
    {"date.month.8", "Aug"},
    {"date.month.9", "Sep"},
    {"date.month.10", "Oct"},
    {"date.month.11", "Nov"},
    {"date.month.12", "Dec"},
});

constexpr std::string_view kWeekdayIds[] = {"date.weekday.0", "date.weekday.1", "date.weekday.2", "date.weekday.3",
                                            "date.weekday.4", "date.weekday.5", "date.weekday.6"};
constexpr std::string_view kMonthIds[] = {"date.month.1", "date.month.2",  "date.month.3",  "date.month.4",
                                          "date.month.5", "date.month.6",  "date.month.7",  "date.month.8",
                                          "date.month.9", "date.month.10", "date.month.11", "date.month.12"};

void put_two_digits(std::string& out, int v) {
    out += static_cast<char>('0' + v / 10 % 10);
    out += static_cast<char>('0' + v % 10);
}

}  // namespace

YearShown year_shown(UnixSeconds at, UnixSeconds now, int offset_minutes) {
    return to_civil(at, offset_minutes).date.year == to_civil(now, offset_minutes).date.year ? YearShown::no
                                                                                              : YearShown::yes;
}

std::string date_text(Locale locale, CivilDate date, YearShown year) {
    // A date from to_civil or parse_date always has month 1..12; anything else reads as its ISO form.
    if (date.month < 1 || date.month > 12) return format_date(date);
    const std::array<MessageArg, 4> args{{{"weekday", std::string(message_text(locale, kWeekdayIds[weekday(date)]))},
                                          {"day", std::to_string(date.day)},
                                          {"month_name", std::string(message_text(locale, kMonthIds[date.month - 1]))},
                                          {"year", std::to_string(date.year)}}};
    std::string out;
    render_into(out, locale, year == YearShown::yes ? "date.day_year" : "date.day", args);
    return out;
}

std::string clock_text(int hour, int minute) {
    std::string out;
    out.reserve(5);
    put_two_digits(out, hour);
    out += ':';
    put_two_digits(out, minute);
    return out;
}

std::string date_time_text(Locale locale, const CivilDateTime& c, YearShown year) {
    const std::array<MessageArg, 2> args{{{"date", date_text(locale, c.date, year)}, {"time", clock_text(c.hour, c.minute)}}};
    std::string out;
    render_into(out, locale, "date.day_time", args);
    return out;
}

std::string zone_text(int offset_minutes) {
    if (offset_minutes == kJstOffsetMinutes) return "JST";
    if (offset_minutes == 0) return "UTC";
    const int magnitude = std::abs(offset_minutes);
    std::string out = offset_minutes < 0 ? "UTC-" : "UTC+";
    out += std::to_string(magnitude / 60);
    if (magnitude % 60 != 0) {
        out += ':';
        put_two_digits(out, magnitude % 60);
    }
    return out;
}

std::string instant_text(Locale locale, UnixSeconds at, int offset_minutes, YearShown year) {
    std::string out = date_time_text(locale, to_civil(at, offset_minutes), year);
    out += ' ';
    out += zone_text(offset_minutes);
    return out;
}

std::span<const std::string_view> date_message_ids() { return kMessages.ids(); }

std::string_view date_message_template(std::string_view message_id) { return kMessages.text(message_id); }

}  // namespace tabi
