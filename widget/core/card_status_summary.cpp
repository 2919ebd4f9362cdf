// What the status screen shows: days and instants, data left, when to renew, how long the data lasts.

#include "core/card_status.h"
#include "core/card_status_detail.h"

namespace tabi {

using namespace status_detail;

// --- Days and instants

UnixSeconds validity_end(ValidityRule rule, UnixSeconds start, int days) {
    if (days < 1) return start;
    if (rule == ValidityRule::rolling_24h) return saturating_add(start, static_cast<std::int64_t>(days) * kSecondsPerDay);
    const std::int64_t last_day = jst_day_number(start) + days - 1;
    return from_civil(CivilDateTime{civil_from_days(last_day), 23, 59, 59}, kJstOffsetMinutes);
}

UnixSeconds rental_end(CivilDate return_date) {
    return from_civil(CivilDateTime{return_date, 23, 59, 59}, kJstOffsetMinutes);
}

InstantDisplay display_instant(UnixSeconds at, int traveller_offset_minutes) {
    InstantDisplay d;
    d.at = at;
    d.local_offset_minutes = std::clamp(traveller_offset_minutes, -kMaxOffsetMinutes, kMaxOffsetMinutes);
    d.jst = to_civil(at, kJstOffsetMinutes);
    d.local = to_civil(at, d.local_offset_minutes);
    return d;
}

Countdown countdown_to(UnixSeconds expiry, UnixSeconds now) {
    Countdown c;
    if (now > expiry) {
        c.expired = true;
        return c;
    }
    c.total_seconds = saturating_sub(expiry, now);
    c.days = c.total_seconds / kSecondsPerDay;
    const std::int64_t rest = c.total_seconds % kSecondsPerDay;
    c.hours = static_cast<int>(rest / kSecondsPerHour);
    c.minutes = static_cast<int>(rest / 60 % 60);
    c.seconds = static_cast<int>(rest % 60);
    return c;
}

DataLeft data_left(const CardStatus& status) {
    DataLeft d;
    d.used_mb = std::max<std::int64_t>(status.data_used_mb, 0);
    if (status.unlimited) {
        d.unlimited = true;
        d.permille_left = 1000;
        return d;
    }
    d.total_mb = std::max<std::int64_t>(status.data_total_mb, 0);
    d.left_mb = d.used_mb >= d.total_mb ? 0 : d.total_mb - d.used_mb;
    if (d.total_mb > 0) d.permille_left = static_cast<int>(static_cast<i128>(d.left_mb) * 1000 / d.total_mb);
    return d;
}

RenewBy renew_by(const CardStatus& status, std::span<const Plan> plans, UnixSeconds now) {
    RenewBy r;
    if (status.card == CardKind::wifi) {
        for (const Plan& p : plans)
            if (p.kind == PlanKind::rental_extension && p.product_id == status.product_id)
                r.notice_hours = std::max(r.notice_hours, std::clamp(p.extension_notice_hours, 0, 24 * 365));
    }
    r.at = saturating_add(status.expires_at, -static_cast<std::int64_t>(r.notice_hours) * kSecondsPerHour);
    r.passed = now > r.at;
    return r;
}

std::vector<Problem> status_warnings(const CardStatus& status, std::span<const Plan> plans, UnixSeconds now,
                                     Locale locale) {
    std::vector<Problem> warnings;
    const Countdown left = countdown_to(status.expires_at, now);
    const UnixSeconds expiry = status.expires_at;
    if (left.expired) {
        warnings.push_back(make_problem("expires_at", "status.expired",
                                        {{"date", jst_date_text(locale, expiry, now)}, {"time", jst_time_text(expiry)}},
                                        Severity::warning));
        return warnings;  // nothing else matters until it is renewed
    }
    if (left.total_seconds <= kExpirySoonSeconds) {
        const RenewBy by = renew_by(status, plans, now);
        warnings.push_back(make_problem("expires_at", "status.expires_soon",
                                        {{"date", jst_date_text(locale, expiry, now)},
                                         {"time", jst_time_text(expiry)},
                                         {"days", number(left.days)},
                                         {"hours", number(left.hours)},
                                         {"renew_date", jst_date_text(locale, by.at, now)},
                                         {"renew_time", jst_time_text(by.at)}},
                                        Severity::warning));
    }
    const DataLeft data = data_left(status);
    if (!data.unlimited) {
        if (data.left_mb == 0) {
            warnings.push_back(make_problem("data_used_mb", "status.out_of_data", {{"total_mb", number(data.total_mb)}},
                                            Severity::warning));
        } else if (static_cast<i128>(data.left_mb) * 100 < static_cast<i128>(data.total_mb) * kDataLowPercent) {
            const auto percent = static_cast<std::int64_t>(static_cast<i128>(data.left_mb) * 100 / data.total_mb);
            warnings.push_back(make_problem("data_used_mb", "status.data_low",
                                            {{"left_mb", number(data.left_mb)},
                                             {"total_mb", number(data.total_mb)},
                                             {"percent", number(percent)}},
                                            Severity::warning));
        }
    }
    return warnings;
}

DataForecast forecast_data(const CardStatus& status, UnixSeconds now, Locale locale) {
    DataForecast f;
    const DataLeft data = data_left(status);
    if (data.unlimited || !status.activated_at || data.used_mb == 0 || data.left_mb == 0 || now > status.expires_at)
        return f;
    f.available = true;
    f.elapsed_seconds = std::max(saturating_sub(now, *status.activated_at), kSecondsPerDay);
    const i128 used = data.used_mb;
    const i128 elapsed = f.elapsed_seconds;
    f.mb_per_day = clamp_to_int64((used * kSecondsPerDay * 2 + elapsed) / (elapsed * 2));  // rounded half up
    f.runs_out_at = clamp_to_int64(static_cast<i128>(now) + static_cast<i128>(data.left_mb) * elapsed / used);
    f.runs_out_date = jst_date(f.runs_out_at);
    f.before_expiry = f.runs_out_at < status.expires_at;
    std::vector<MessageArg> args{{"mb_per_day", number(f.mb_per_day)}};
    if (f.before_expiry) {
        f.days_before_expiry = jst_day_number(status.expires_at) - days_from_civil(f.runs_out_date);
        args.push_back({"date", day_text(locale, f.runs_out_date, now)});
        if (f.days_before_expiry == 0) {
            f.message.message_id = "status.forecast.expiry_day";
            args.push_back({"time", jst_time_text(f.runs_out_at)});
        } else {
            f.message.message_id = f.days_before_expiry == 1 ? "status.forecast.before_expiry.one" : "status.forecast.before_expiry";
            args.push_back({"days", number(f.days_before_expiry)});
        }
    } else {
        const i128 until_expiry = static_cast<i128>(status.expires_at) - now;
        f.mb_left_at_expiry = clamp_to_int64(static_cast<i128>(data.left_mb) - used * until_expiry / elapsed);
        f.message.message_id = "status.forecast.lasts";
        args.push_back({"expiry_date", jst_date_text(locale, status.expires_at, now)});
        args.push_back({"left_mb", number(f.mb_left_at_expiry)});
    }
    f.message.args = std::move(args);
    return f;
}

StatusSummary summarize_status(const CardStatus& status, std::span<const Plan> plans, UnixSeconds now,
                               int traveller_offset_minutes, Locale locale) {
    StatusSummary s;
    s.expiry = display_instant(status.expires_at, traveller_offset_minutes);
    s.countdown = countdown_to(status.expires_at, now);
    s.renew_by = renew_by(status, plans, now);
    s.renew_by_display = display_instant(s.renew_by.at, traveller_offset_minutes);
    s.data = data_left(status);
    s.forecast = forecast_data(status, now, locale);
    s.warnings = status_warnings(status, plans, now, locale);
    return s;
}

}  // namespace tabi
