// The activation preview: the card after a renewal (preview_renewal).

#include "core/card_status.h"
#include "core/card_status_detail.h"

namespace tabi {

using namespace status_detail;

// --- The card after a renewal

Result<RenewalPreview> preview_renewal(const CardStatus& status, std::span<const PlanQuantity> items, UnixSeconds now,
                                       Locale locale) {
    if (items.empty()) return make_problem("plans", "status.preview.empty");
    for (std::size_t i = 0; i < items.size(); ++i) {
        const PlanQuantity& item = items[i];
        if (!item.plan)
            return make_problem("plans", "status.preview.missing_plan", {{"item", number(static_cast<std::int64_t>(i + 1))}});
        const Plan& p = *item.plan;
        const std::string& plan_name = p.name_in(locale);
        if (item.quantity < 1 || item.quantity > kMaxRenewalQuantity)
            return make_problem("plans", "status.preview.bad_quantity",
                                {{"plan", plan_name}, {"quantity", number(item.quantity)}, {"max", number(kMaxRenewalQuantity)}});
        if (p.card != status.card)
            return make_problem("plans", "status.preview.wrong_card",
                                {{"plan", plan_name},
                                 {"plan_card", std::string(to_string(p.card))},
                                 {"card", std::string(to_string(status.card))}});
        if (p.product_id != status.product_id)
            return make_problem("plans", "status.preview.wrong_product",
                                {{"plan", plan_name}, {"plan_product", p.product_id}, {"product", status.product_id}});
        if (!plan_is_possible(p, status.card)) return make_problem("plans", "status.preview.bad_plan", {{"plan", plan_name}});
    }

    RenewalPreview preview;
    const DataLeft data = data_left(status);
    const bool was_expired = now > status.expires_at;
    CardAfter& before = preview.before;
    before.expires_at = status.expires_at;
    before.expired = was_expired;
    before.unlimited = status.unlimited && !was_expired;
    before.data_total_mb = data.total_mb;
    before.data_left_mb = data.left_mb;
    if (before.unlimited) before.unlimited_windows.push_back({now, status.expires_at});
    before.rental_return_date = status.rental_return_date;

    // The running state: an expired card keeps nothing and gets its days from now.
    CardAfter state = before;
    bool active = !was_expired;
    if (was_expired) {
        state.data_total_mb = 0;
        state.data_left_mb = 0;
        state.unlimited_windows.clear();
        preview.notes.push_back(make_problem("plans", "status.preview.expired_restart",
                                             {{"date", jst_date_text(locale, status.expires_at, now)},
                                              {"time", jst_time_text(status.expires_at)}},
                                             Severity::warning));
    }

    // Plans with days first, then data packs that only add data (on wifi every data pack only adds data).
    std::vector<std::size_t> order;
    order.reserve(items.size());
    const auto only_adds_data = [&](const Plan& p) {
        return p.kind == PlanKind::data_pack && (p.days == 0 || status.card == CardKind::wifi);
    };
    for (std::size_t i = 0; i < items.size(); ++i)
        if (!only_adds_data(*items[i].plan)) order.push_back(i);
    for (std::size_t i = 0; i < items.size(); ++i)
        if (only_adds_data(*items[i].plan)) order.push_back(i);

    const Problem too_large = make_problem("plans", "status.preview.too_large");
    preview.lines.reserve(items.size());
    for (const std::size_t index : order) {
        const Plan& p = *items[index].plan;
        const std::string& plan_name = p.name_in(locale);
        const int quantity = items[index].quantity;
        PreviewLine line;
        line.plan_id = p.id;
        line.plan_name = plan_name;
        line.kind = p.kind;
        line.quantity = quantity;
        line.unlimited = p.data.unlimited;
        line.days_added = only_adds_data(p) ? 0 : static_cast<std::int64_t>(p.days) * quantity;
        line.data_added_mb = p.data.unlimited ? 0 : p.data.mb * quantity;
        const int days = static_cast<int>(line.days_added);  // at most 3660 × 99
        // The plan's data once its days are known: unlimited over them, or added to the allowance.
        const auto add_data = [&]() {
            if (p.data.unlimited) {
                add_window(state.unlimited_windows, line.starts_at, line.ends_at);
                return true;
            }
            return !__builtin_add_overflow(state.data_total_mb, line.data_added_mb, &state.data_total_mb) &&
                   !__builtin_add_overflow(state.data_left_mb, line.data_added_mb, &state.data_left_mb);
        };

        if (only_adds_data(p)) {
            if (!active) return make_problem("plans", "status.preview.pack_needs_days", {{"plan", plan_name}});
            line.starts_at = now;
            line.ends_at = state.expires_at;
            if (!p.data.unlimited && covered(state.unlimited_windows, now, state.expires_at))
                preview.notes.push_back(make_problem("plans", "status.preview.pack_on_unlimited",
                                                     {{"plan", plan_name}, {"data_mb", number(line.data_added_mb)}},
                                                     Severity::warning));
            if (!add_data()) return too_large;
            line.message.message_id = "status.preview.line.data_pack";
        } else if (p.kind == PlanKind::rental_extension) {
            line.return_date_before = state.rental_return_date;
            std::int64_t new_return = 0;
            if (active && state.rental_return_date) {
                if (p.extension_notice_hours > 0) {
                    const UnixSeconds deadline = saturating_add(
                        state.expires_at, -static_cast<std::int64_t>(p.extension_notice_hours) * kSecondsPerHour);
                    if (now > deadline)
                        preview.notes.push_back(make_problem("plans", "status.preview.notice_passed",
                                                             {{"hours", number(p.extension_notice_hours)},
                                                              {"date", jst_date_text(locale, state.expires_at, now)},
                                                              {"time", jst_time_text(state.expires_at)}},
                                                             Severity::warning));
                }
                line.starts_at = saturating_add(state.expires_at, 1);
                new_return = days_from_civil(*state.rental_return_date) + days;
            } else {
                line.starts_at = now;  // overdue: today in Japan is day 1
                new_return = jst_day_number(now) + days - 1;
            }
            const CivilDate to = civil_from_days(new_return);
            line.ends_at = rental_end(to);
            if (line.ends_at > kLatestExpiry || line.ends_at < line.starts_at) return too_large;
            state.rental_return_date = to;
            state.expires_at = line.ends_at;
            line.return_date_after = to;
            if (!add_data()) return too_large;
            line.message.message_id = "status.preview.line.extension";
        } else {
            const bool replaces = active && p.stacking == Stacking::replace && p.starts == StartRule::now;
            if (!active || p.starts == StartRule::now) {
                line.starts_at = now;
            } else {
                // Calendar days start on the Japan date after the last valid second; 24-hour periods follow on.
                line.starts_at = p.validity == ValidityRule::calendar_jst ? saturating_add(state.expires_at, 1)
                                                                         : state.expires_at;
            }
            line.ends_at = validity_end(p.validity, line.starts_at, days);
            if (line.ends_at > kLatestExpiry || line.ends_at < line.starts_at) return too_large;
            if (replaces) {
                preview.notes.push_back(make_problem("plans", "status.preview.replace_discards",
                                                     {{"plan", plan_name},
                                                      {"date", jst_date_text(locale, state.expires_at, now)},
                                                      {"time", jst_time_text(state.expires_at)},
                                                      {"left_mb", number(state.data_left_mb)}},
                                                     Severity::warning));
                state.data_total_mb = 0;
                state.data_left_mb = 0;
                state.unlimited_windows.clear();
                state.expires_at = line.ends_at;
            } else {
                state.expires_at = active ? std::max(state.expires_at, line.ends_at) : line.ends_at;
            }
            if (!add_data()) return too_large;
            line.message.message_id = replaces ? (p.data.unlimited ? "status.preview.line.replace_unlimited"
                                                           : "status.preview.line.replace")
                                       : (p.data.unlimited ? "status.preview.line.days_unlimited"
                                                           : "status.preview.line.days");
        }
        active = true;
        line.expires_after = state.expires_at;

        line.message.args = {{"plan", plan_name},
                     {"quantity", number(quantity)},
                     {"days", number(line.days_added)},
                     {"start", jst_minute_text(locale, line.starts_at, now)},
                     {"end", jst_minute_text(locale, line.ends_at, now)},
                     {"data_mb", number(line.data_added_mb)}};
        if (line.kind == PlanKind::rental_extension) {
            line.message.args.push_back({"from_date", line.return_date_before ? day_text(locale, *line.return_date_before, now) : ""});
            line.message.args.push_back({"to_date", day_text(locale, *line.return_date_after, now)});
        }
        preview.lines.push_back(std::move(line));
    }

    state.expired = now > state.expires_at;
    state.unlimited = covered(state.unlimited_windows, now, state.expires_at);
    preview.after = std::move(state);
    return preview;
}

}  // namespace tabi
