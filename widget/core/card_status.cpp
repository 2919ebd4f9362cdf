#include "core/card_status.h"
#include "core/date_text.h"
#include "core/json_syntax.h"
#include "core/module_messages.h"

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

#include <nlohmann/json.hpp>

namespace tabi {

// One JSON type in the whole build (ordered: hosts read members in the order we write them); a second
// instantiation of nlohmann would double its share of the wasm.
using json = nlohmann::ordered_json;

namespace {

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

constexpr std::string_view kValidityNames[] = {"calendar_jst", "rolling_24h"};

// English templates of every message this module reports; the catalogues in messages/ are written from these.
constexpr ModuleMessages kMessages({
    // The status JSON (errors; the host's data is wrong, so they name the member and ask for the site owner).
    {"status.too_large",
     "The card status from the site is larger than {max} bytes, so it was not read; contact the site owner."},
    {"status.not_json", "The card status from the site is not valid JSON (at byte {offset}); contact the site owner."},
    {"status.not_object", "The card status from the site is {found}, not a JSON object; contact the site owner."},
    {"status.missing_field", "The card status from the site has no \"{field}\"; contact the site owner."},
    {"status.wrong_type",
     "In the card status from the site, \"{field}\" should be {expected} but is {found}; contact the site owner."},
    {"status.empty", "In the card status from the site, \"{field}\" is empty; contact the site owner."},
    {"status.too_long",
     "In the card status from the site, \"{field}\" is longer than {max} bytes; contact the site owner."},
    {"status.unknown_value",
     "In the card status from the site, \"{field}\" is \"{value}\", which is not one of: {allowed}; contact the site "
     "owner."},
    {"status.out_of_range",
     "In the card status from the site, \"{field}\" is {value} but must be from {min} to {max}; contact the site "
     "owner."},
    {"status.unknown_currency",
     "In the card status from the site, \"{currency}\" is not an ISO 4217 currency code (such as JPY); contact the "
     "site owner."},
    {"status.unlimited_with_total",
     "The card status from the site gives \"data_total_mb\" for a card with unlimited data; it should leave it out "
     "or set \"unlimited\" to false. Contact the site owner."},
    {"status.wifi_only",
     "The card status from the site gives \"{field}\", which applies only to pocket WiFi rentals, for a {card} card; "
     "contact the site owner."},
    {"status.no_expiry",
     "The card status from the site has neither \"expires_at\" nor \"{field}\", so the expiry cannot be worked out; "
     "contact the site owner."},
    {"status.ends_before_activation",
     "In the card status from the site, \"{field}\" ({end}) is before the activation ({start}); contact the site "
     "owner."},
    // The status against the catalogue.
    {"status.unknown_operator",
     "The card's operator \"{operator}\" is not in the plan catalogue, so no plan can be offered for it; contact the "
     "site owner."},
    {"status.unknown_product",
     "The card's product \"{product}\" has no plans in the plan catalogue, so no plan can be offered for it; contact "
     "the site owner."},
    {"status.card_mismatch",
     "The card is a {card} card, but its product \"{product}\" is for {product_card} cards in the plan catalogue; "
     "contact the site owner."},
    {"status.operator_mismatch",
     "The card's product \"{product}\" belongs to the operator \"{product_operator}\" in the plan catalogue, not to "
     "\"{operator}\"; contact the site owner."},
    // Warnings on the status screen.
    {"status.expired",
     "Your card expired on {date} at {time} (Japan time). Renew it to get back online; the new plan starts right "
     "away."},
    {"status.expires_soon",
     "Your card expires on {date} at {time} (Japan time), in {days} d {hours} h. Renew by {renew_date} {renew_time} "
     "(Japan time) to stay online."},
    {"status.out_of_data",
     "All {total_mb} MB of data are used. Add a data pack or a new plan to get full speed back."},
    {"status.data_low", "Only {left_mb} MB of {total_mb} MB ({percent} percent) are left. Add a data pack before it runs out."},
    // The forecast.
    {"status.forecast.before_expiry",
     "At your rate of {mb_per_day} MB a day, your data runs out on {date}, {days} days before the card expires."},
    {"status.forecast.before_expiry.one",
     "At your rate of {mb_per_day} MB a day, your data runs out on {date}, 1 day before the card expires."},
    {"status.forecast.expiry_day",
     "At your rate of {mb_per_day} MB a day, your data runs out on {date} at about {time} (Japan time), shortly "
     "before the card expires."},
    {"status.forecast.lasts",
     "At your rate of {mb_per_day} MB a day, your data lasts until the card expires on {expiry_date}, with about "
     "{left_mb} MB to spare."},
    // The preview of a renewal: refusals.
    {"status.preview.empty", "Choose at least one plan to see your card after the renewal."},
    {"status.preview.missing_plan", "Item {item} of the renewal has no plan; choose the plan again."},
    {"status.preview.bad_quantity", "The quantity {quantity} of \"{plan}\" is not possible; choose from 1 to {max}."},
    {"status.preview.wrong_card",
     "\"{plan}\" is a plan for {plan_card} cards, but this card is a {card} card; choose one of its own plans."},
    {"status.preview.wrong_product",
     "\"{plan}\" belongs to the product \"{plan_product}\", but this card is \"{product}\"; choose one of its own "
     "plans."},
    {"status.preview.bad_plan",
     "\"{plan}\" has days or data that cannot be applied to this card; the plan catalogue is wrong, contact the site "
     "owner."},
    {"status.preview.pack_needs_days",
     "\"{plan}\" adds data but no days, and the card has expired; add a plan with days as well."},
    {"status.preview.too_large", "Together the chosen plans add more time or data than a card can hold; choose fewer."},
    // The preview of a renewal: notes for the confirm screen.
    {"status.preview.expired_restart",
     "The card expired on {date} at {time} (Japan time), so the renewal starts now and nothing left on the old plan "
     "carries over."},
    {"status.preview.replace_discards",
     "\"{plan}\" replaces the current plan from now on: what is left of it (valid until {date} {time}, Japan time) "
     "is dropped."},
    {"status.preview.pack_on_unlimited",
     "\"{plan}\" adds {data_mb} MB, but the card has unlimited data until it expires, so the pack adds nothing you "
     "can use."},
    {"status.preview.notice_passed",
     "Extensions must be bought {hours} hours before the rental ends ({date} {time}, Japan time), and that time has "
     "passed; contact the rental company before buying."},
    // The preview of a renewal: one line per plan.
    {"status.preview.line.days", "{plan}: valid from {start} to {end} (Japan time), with {data_mb} MB of data."},
    {"status.preview.line.days_unlimited", "{plan}: valid from {start} to {end} (Japan time), with unlimited data."},
    {"status.preview.line.replace",
     "{plan}: replaces the current plan; valid from {start} to {end} (Japan time), with {data_mb} MB of data."},
    {"status.preview.line.replace_unlimited",
     "{plan}: replaces the current plan; valid from {start} to {end} (Japan time), with unlimited data."},
    {"status.preview.line.data_pack", "{plan}: {data_mb} MB more data; the card still expires at {end} (Japan time)."},
    {"status.preview.line.extension",
     "{plan}: the return date moves from {from_date} to {to_date}; the rental ends at {end} (Japan time)."},
    // Pocket WiFi: extension or late fee.
    {"status.late_fee.not_extension",
     "\"{plan}\" is not a rental extension, so it cannot be compared with the late-return fee."},
    {"status.late_fee.unknown",
     "The late-return fee of this rental is not known; ask the rental company before returning late."},
    {"status.late_fee.currency_mismatch",
     "The extension is priced in {extension_currency} but the late fee is in {fee_currency}, so they cannot be "
     "compared here."},
    {"status.late_fee.extension_cheaper",
     "Extending by {days} days costs {extension}; returning {days} days late would cost {late_fee} in late fees. "
     "Extending saves {difference}."},
    {"status.late_fee.extension_cheaper.one",
     "Extending by 1 day costs {extension}; returning 1 day late would cost {late_fee} in late fees. Extending saves "
     "{difference}."},
    {"status.late_fee.late_fee_cheaper",
     "Extending by {days} days costs {extension}; returning {days} days late would cost {late_fee} in late fees, "
     "{difference} less. Check the rental company's terms for late returns first."},
    {"status.late_fee.late_fee_cheaper.one",
     "Extending by 1 day costs {extension}; returning 1 day late would cost {late_fee} in late fees, {difference} "
     "less. Check the rental company's terms for late returns first."},
    {"status.late_fee.same",
     "Extending by {days} days costs {extension}, the same as {days} days of late fees ({late_fee})."},
    {"status.late_fee.same.one", "Extending by 1 day costs {extension}, the same as 1 day of late fees ({late_fee})."},
});

// --- Arithmetic that cannot overflow

UnixSeconds saturating_add(UnixSeconds a, std::int64_t b) {
    UnixSeconds sum = 0;
    if (__builtin_add_overflow(a, b, &sum)) return b > 0 ? kMaxInstant : kMinInstant;
    return sum;
}

std::int64_t saturating_sub(std::int64_t a, std::int64_t b) {
    std::int64_t difference = 0;
    if (__builtin_sub_overflow(a, b, &difference)) return b < 0 ? kMaxInstant : kMinInstant;
    return difference;
}

std::int64_t clamp_to_int64(i128 v) {
    if (v > static_cast<i128>(kMaxInstant)) return kMaxInstant;
    if (v < static_cast<i128>(kMinInstant)) return kMinInstant;
    return static_cast<std::int64_t>(v);
}

// --- Text for message arguments

std::string number(std::int64_t v) { return std::to_string(v); }

// "Thu 26 Nov" and "23:59", in Japan, as the traveller's language writes them; the year only when it is not
// the year of `now` (date_text.h).
std::string jst_date_text(Locale locale, UnixSeconds t, UnixSeconds now) {
    return date_text(locale, jst_date(t), year_shown(t, now, kJstOffsetMinutes));
}

std::string day_text(Locale locale, CivilDate d, UnixSeconds now) {
    return date_text(locale, d, d.year == jst_date(now).year ? YearShown::no : YearShown::yes);
}

std::string jst_time_text(UnixSeconds t) {
    const CivilDateTime c = to_civil(t, kJstOffsetMinutes);
    return clock_text(c.hour, c.minute);
}

// "Thu 26 Nov, 23:59", in Japan.
std::string jst_minute_text(Locale locale, UnixSeconds t, UnixSeconds now) {
    return date_time_text(locale, to_civil(t, kJstOffsetMinutes), year_shown(t, now, kJstOffsetMinutes));
}

// --- Reading the status JSON

std::string_view type_name(const json& v) {
    switch (v.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "true or false";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "a whole number";
        case json::value_t::number_float: return "a decimal number";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        default: return "an unknown value";
    }
}

// 0-based byte offset of the first syntax error.
std::size_t parse_error_offset(std::string_view text) { return find_json_syntax_error(text).offset; }

std::string pointer(std::string_view parent, std::string_view key) {
    std::string out(parent);
    out += '/';
    out += key;  // the status's member names contain neither '~' nor '/'
    return out;
}

// Typed, non-throwing access to the status object; keeps the first problem and ignores everything after it.
class Reader {
public:
    std::optional<Problem> problem;
    bool ok() const { return !problem.has_value(); }

    void fail(std::string where, std::string_view id, std::vector<MessageArg> args = {}) {
        if (!problem) problem = make_problem(std::move(where), std::string(id), std::move(args));
    }

    // The member, nullptr when absent or null. Reports a missing required member.
    const json* member(const json& obj, std::string_view parent, std::string_view key, bool required) {
        if (!ok()) return nullptr;
        const auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) {
            if (required) fail(pointer(parent, key), "status.missing_field", {{"field", std::string(key)}});
            return nullptr;
        }
        return &*it;
    }

    bool expect(bool matches, const json& v, std::string_view parent, std::string_view key,
                std::string_view expected) {
        if (!matches && ok())
            fail(pointer(parent, key), "status.wrong_type",
                 {{"field", std::string(key)}, {"expected", std::string(expected)}, {"found", std::string(type_name(v))}});
        return matches && ok();
    }

    std::optional<std::string> text(const json& obj, std::string_view parent, std::string_view key, bool required,
                                    bool allow_empty) {
        const json* v = member(obj, parent, key, required);
        if (!v || !expect(v->is_string(), *v, parent, key, "a string")) return std::nullopt;
        const auto& s = v->get_ref<const std::string&>();
        if (s.empty() && !allow_empty) {
            fail(pointer(parent, key), "status.empty", {{"field", std::string(key)}});
            return std::nullopt;
        }
        if (s.size() > kMaxStatusTextBytes) {
            fail(pointer(parent, key), "status.too_long",
                 {{"field", std::string(key)}, {"max", number(kMaxStatusTextBytes)}});
            return std::nullopt;
        }
        return s;
    }

    std::optional<std::int64_t> integer(const json& obj, std::string_view parent, std::string_view key, bool required,
                                        std::int64_t min, std::int64_t max) {
        const json* v = member(obj, parent, key, required);
        if (!v || !expect(v->is_number_integer(), *v, parent, key, "a whole number")) return std::nullopt;
        std::string shown;
        std::int64_t value = 0;
        bool in_range = false;
        if (v->is_number_unsigned()) {
            const std::uint64_t u = v->get<std::uint64_t>();
            shown = std::to_string(u);
            in_range = u <= static_cast<std::uint64_t>(max) && static_cast<std::int64_t>(u) >= min;
            value = in_range ? static_cast<std::int64_t>(u) : 0;
        } else {
            value = v->get<std::int64_t>();
            shown = number(value);
            in_range = value >= min && value <= max;
        }
        if (!in_range) {
            fail(pointer(parent, key), "status.out_of_range",
                 {{"field", std::string(key)}, {"value", shown}, {"min", number(min)}, {"max", number(max)}});
            return std::nullopt;
        }
        return value;
    }

    std::optional<bool> boolean(const json& obj, std::string_view parent, std::string_view key) {
        const json* v = member(obj, parent, key, false);
        if (!v || !expect(v->is_boolean(), *v, parent, key, "true or false")) return std::nullopt;
        return v->get<bool>();
    }

    template <std::size_t N>
    std::optional<int> choice(const json& obj, std::string_view parent, std::string_view key, bool required,
                              const std::string_view (&names)[N]) {
        const json* v = member(obj, parent, key, required);
        if (!v || !expect(v->is_string(), *v, parent, key, "a string")) return std::nullopt;
        const auto& s = v->get_ref<const std::string&>();
        for (std::size_t i = 0; i < N; ++i)
            if (names[i] == s) return static_cast<int>(i);
        fail(pointer(parent, key), "status.unknown_value",
             {{"field", std::string(key)}, {"value", quoted_in_problem(s)}, {"allowed", joined(names)}});
        return std::nullopt;
    }

    // A time.* problem from civil_time.h, placed at the member.
    void fail_time(Problem p, std::string_view parent, std::string_view key) {
        if (!ok()) return;
        p.where = pointer(parent, key);
        problem = std::move(p);
    }

    std::optional<UnixSeconds> instant(const json& obj, std::string_view parent, std::string_view key) {
        const json* v = member(obj, parent, key, false);
        if (!v || !expect(v->is_string(), *v, parent, key, "a string")) return std::nullopt;
        auto t = parse_iso8601(v->get_ref<const std::string&>());
        if (!t) {
            fail_time(t.problem(), parent, key);
            return std::nullopt;
        }
        return *t;
    }

    std::optional<CivilDate> date(const json& obj, std::string_view parent, std::string_view key) {
        const json* v = member(obj, parent, key, false);
        if (!v || !expect(v->is_string(), *v, parent, key, "a string")) return std::nullopt;
        auto d = parse_date(v->get_ref<const std::string&>());
        if (!d) {
            fail_time(d.problem(), parent, key);
            return std::nullopt;
        }
        return *d;
    }
};

// --- Renewal state

// Sorts the windows and joins those that overlap or follow each other without a gap.
void merge_windows(std::vector<UnlimitedWindow>& windows) {
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
bool covered(const std::vector<UnlimitedWindow>& windows, UnixSeconds from, UnixSeconds until) {
    for (const auto& w : windows)
        if (w.from <= from && w.until >= until) return true;
    return false;
}

void add_window(std::vector<UnlimitedWindow>& windows, UnixSeconds from, UnixSeconds until) {
    if (until < from) return;
    windows.push_back({from, until});
    merge_windows(windows);
}

bool plan_is_possible(const Plan& p, CardKind card) {
    if (p.days < 0 || p.days > kMaxStatusDays) return false;
    if (!p.data.unlimited && (p.data.mb < 0 || p.data.mb > kMaxStatusMb)) return false;
    if (p.kind == PlanKind::rental_extension) return card == CardKind::wifi && p.days > 0;
    if (card == CardKind::wifi) return p.kind == PlanKind::data_pack;
    if (p.days == 0) return p.kind == PlanKind::data_pack && !p.data.unlimited;
    return true;
}

}  // namespace

// --- Parsing

Result<CardStatus> parse_card_status(std::string_view json_text) {
    if (json_text.size() > kMaxStatusBytes)
        return make_problem("", "status.too_large", {{"max", number(kMaxStatusBytes)}});
    const json root = json::parse(json_text.begin(), json_text.end(), nullptr, false);
    if (root.is_discarded())
        return make_problem("", "status.not_json", {{"offset", number(static_cast<std::int64_t>(parse_error_offset(json_text)))}});
    if (!root.is_object()) return make_problem("", "status.not_object", {{"found", std::string(type_name(root))}});

    Reader r;
    CardStatus s;
    const auto card = r.choice(root, "", "card", true, kCardKindNames);
    if (card) s.card = static_cast<CardKind>(*card);
    if (auto v = r.text(root, "", "operator", true, false)) s.operator_id = std::move(*v);
    if (auto v = r.text(root, "", "product", true, false)) s.product_id = std::move(*v);
    if (auto v = r.text(root, "", "plan", false, false)) s.plan_id = std::move(*v);
    if (auto v = r.text(root, "", "plan_name", false, true)) s.plan_name = std::move(*v);
    s.activated_at = r.instant(root, "", "activated_at");
    if (auto v = r.choice(root, "", "validity", false, kValidityNames)) s.validity = static_cast<ValidityRule>(*v);
    const auto days = r.integer(root, "", "days", false, 1, kMaxStatusDays);
    if (days) s.days = static_cast<int>(*days);
    s.unlimited = r.boolean(root, "", "unlimited").value_or(false);
    const auto total = r.integer(root, "", "data_total_mb", false, 1, kMaxStatusMb);
    if (total && s.unlimited) r.fail("/data_total_mb", "status.unlimited_with_total");
    const auto used = r.integer(root, "", "data_used_mb", false, 0, kMaxStatusMb);
    const auto host_expiry = r.instant(root, "", "expires_at");
    s.rental_return_date = r.date(root, "", "rental_return_date");
    if (s.rental_return_date && s.card != CardKind::wifi)
        r.fail("/rental_return_date", "status.wifi_only",
               {{"field", "rental_return_date"}, {"card", std::string(to_string(s.card))}});
    if (const json* fee = r.member(root, "", "late_fee_per_day", false)) {
        if (r.expect(fee->is_object(), *fee, "", "late_fee_per_day", "an object")) {
            const auto minor = r.integer(*fee, "/late_fee_per_day", "minor", true, 0, kMaxLateFeeMinor);
            auto currency = r.text(*fee, "/late_fee_per_day", "currency", true, false);
            if (currency && !currency_exponent(*currency))
                r.fail("/late_fee_per_day/currency", "status.unknown_currency", {{"currency", quoted_in_problem(*currency)}});
            if (r.ok() && s.card != CardKind::wifi)
                r.fail("/late_fee_per_day", "status.wifi_only",
                       {{"field", "late_fee_per_day"}, {"card", std::string(to_string(s.card))}});
            if (r.ok()) s.late_fee_per_day = Money{*minor, std::move(*currency)};
        }
    }
    if (!r.ok()) return *r.problem;

    // What is required depends on what else is there.
    if (!s.unlimited) {
        if (!total) return make_problem("/data_total_mb", "status.missing_field", {{"field", "data_total_mb"}});
        if (!used) return make_problem("/data_used_mb", "status.missing_field", {{"field", "data_used_mb"}});
        s.data_total_mb = *total;
    }
    s.data_used_mb = used.value_or(0);
    if (s.card == CardKind::wifi && !s.rental_return_date)
        return make_problem("/rental_return_date", "status.missing_field", {{"field", "rental_return_date"}});

    if (host_expiry) {
        s.expires_at = *host_expiry;
        s.expiry_from_host = true;
    } else if (s.card == CardKind::wifi) {
        s.expires_at = rental_end(*s.rental_return_date);
    } else {
        for (std::string_view field : {"activated_at", "validity", "days"}) {
            const bool present = field == "activated_at" ? s.activated_at.has_value()
                                 : field == "validity"   ? s.validity.has_value()
                                                         : days.has_value();
            if (!present) return make_problem(pointer("", field), "status.no_expiry", {{"field", std::string(field)}});
        }
        s.expires_at = validity_end(*s.validity, *s.activated_at, s.days);
    }

    if (s.activated_at) {
        const auto ends_before = [&](std::string_view field, UnixSeconds end) {
            return make_problem(pointer("", field), "status.ends_before_activation",
                                {{"field", std::string(field)},
                                 {"end", format_iso8601(end, kJstOffsetMinutes)},
                                 {"start", format_iso8601(*s.activated_at, kJstOffsetMinutes)}});
        };
        if (host_expiry && *host_expiry < *s.activated_at) return ends_before("expires_at", *host_expiry);
        if (s.rental_return_date && rental_end(*s.rental_return_date) < *s.activated_at)
            return ends_before("rental_return_date", rental_end(*s.rental_return_date));
    }
    return s;
}

std::vector<Problem> check_status_against_catalog(const CardStatus& status, const Catalog& catalog) {
    std::vector<Problem> problems;
    const Operator* op = catalog.find_operator(status.operator_id);
    if (!op) problems.push_back(make_problem("/operator", "status.unknown_operator", {{"operator", status.operator_id}}));
    const Plan* first = nullptr;
    for (const Plan& p : catalog.plans) {
        if (p.product_id == status.product_id) {
            first = &p;
            break;
        }
    }
    if (!first) {
        problems.push_back(make_problem("/product", "status.unknown_product", {{"product", status.product_id}}));
        return problems;
    }
    if (first->card != status.card)
        problems.push_back(make_problem("/card", "status.card_mismatch",
                                        {{"card", std::string(to_string(status.card))},
                                         {"product", status.product_id},
                                         {"product_card", std::string(to_string(first->card))}}));
    if (op && first->operator_id != status.operator_id)
        problems.push_back(make_problem("/operator", "status.operator_mismatch",
                                        {{"product", status.product_id},
                                         {"product_operator", first->operator_id},
                                         {"operator", status.operator_id}}));
    return problems;
}

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
            f.message_id = "status.forecast.expiry_day";
            args.push_back({"time", jst_time_text(f.runs_out_at)});
        } else {
            f.message_id = f.days_before_expiry == 1 ? "status.forecast.before_expiry.one" : "status.forecast.before_expiry";
            args.push_back({"days", number(f.days_before_expiry)});
        }
    } else {
        const i128 until_expiry = static_cast<i128>(status.expires_at) - now;
        f.mb_left_at_expiry = clamp_to_int64(static_cast<i128>(data.left_mb) - used * until_expiry / elapsed);
        f.message_id = "status.forecast.lasts";
        args.push_back({"expiry_date", jst_date_text(locale, status.expires_at, now)});
        args.push_back({"left_mb", number(f.mb_left_at_expiry)});
    }
    f.args = std::move(args);
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
            line.message_id = "status.preview.line.data_pack";
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
            line.message_id = "status.preview.line.extension";
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
            line.message_id = replaces ? (p.data.unlimited ? "status.preview.line.replace_unlimited"
                                                           : "status.preview.line.replace")
                                       : (p.data.unlimited ? "status.preview.line.days_unlimited"
                                                           : "status.preview.line.days");
        }
        active = true;
        line.expires_after = state.expires_at;

        line.args = {{"plan", plan_name},
                     {"quantity", number(quantity)},
                     {"days", number(line.days_added)},
                     {"start", jst_minute_text(locale, line.starts_at, now)},
                     {"end", jst_minute_text(locale, line.ends_at, now)},
                     {"data_mb", number(line.data_added_mb)}};
        if (line.kind == PlanKind::rental_extension) {
            line.args.push_back({"from_date", line.return_date_before ? day_text(locale, *line.return_date_before, now) : ""});
            line.args.push_back({"to_date", day_text(locale, *line.return_date_after, now)});
        }
        preview.lines.push_back(std::move(line));
    }

    state.expired = now > state.expires_at;
    state.unlimited = covered(state.unlimited_windows, now, state.expires_at);
    preview.after = std::move(state);
    return preview;
}

// --- Pocket WiFi: extend or pay the late fee

Result<ExtensionVersusLateFee> compare_extension_to_late_fee(const CardStatus& status, const Plan& extension,
                                                            std::string_view locale) {
    if (extension.kind != PlanKind::rental_extension || extension.days < 1)
        return make_problem("plan", "status.late_fee.not_extension", {{"plan", extension.name}});
    const std::optional<Money>& fee = status.late_fee_per_day ? status.late_fee_per_day : extension.late_fee_per_day;
    if (!fee) return make_problem("late_fee_per_day", "status.late_fee.unknown");
    if (fee->currency != extension.price.currency)
        return make_problem("late_fee_per_day", "status.late_fee.currency_mismatch",
                            {{"extension_currency", extension.price.currency}, {"fee_currency", fee->currency}});
    auto late = multiply(*fee, extension.days);
    if (!late) return late.problem();

    ExtensionVersusLateFee c;
    c.days = extension.days;
    c.extension_price = extension.price;
    c.late_fee = std::move(late).value();
    std::int64_t difference = 0;
    const bool extension_cheaper = c.extension_price.minor < c.late_fee.minor;
    if (__builtin_sub_overflow(std::max(c.extension_price.minor, c.late_fee.minor),
                               std::min(c.extension_price.minor, c.late_fee.minor), &difference))
        return make_problem("late_fee_per_day", "money.overflow");
    c.difference = Money{difference, extension.price.currency};
    c.cheaper = difference == 0 ? CheaperOption::same
                : extension_cheaper ? CheaperOption::extension
                                    : CheaperOption::late_fee;
    const std::string_view id = c.cheaper == CheaperOption::same        ? "status.late_fee.same"
                                : c.cheaper == CheaperOption::extension ? "status.late_fee.extension_cheaper"
                                                                        : "status.late_fee.late_fee_cheaper";
    c.message_id = std::string(id);
    if (c.days == 1) c.message_id += ".one";
    c.args = {{"plan", extension.name},
              {"days", number(c.days)},
              {"extension", format_money(c.extension_price, locale)},
              {"late_fee", format_money(c.late_fee, locale)},
              {"difference", format_money(c.difference, locale)}};
    return c;
}

std::span<const std::string_view> status_message_ids() { return kMessages.ids(); }

std::string_view status_message_template(std::string_view message_id) { return kMessages.text(message_id); }

}  // namespace tabi
