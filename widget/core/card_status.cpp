// The card status: its message table and reading it from the host's JSON. The rest of card_status.h lives
// beside it, one seam a file: card_status_summary.cpp (days and instants, data left, renew-by, the forecast),
// card_status_preview.cpp (the activation preview), card_status_late_fee.cpp (extend or pay the late fee);
// card_status_detail.h holds the arithmetic and text helpers they share.

#include "core/card_status.h"
#include "core/date_text.h"
#include "core/json_syntax.h"
#include "core/card_status_detail.h"
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

using namespace status_detail;

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
// order.cpp's Reader has the same shape and stays apart: a host's status may write null for what it does not know,
// so a required null here is "missing" (there, in a record we wrote, it is a wrong type), and these messages name
// types in a host's words ("a whole number", type_name) where records use json_type_name.
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

std::span<const std::string_view> status_message_ids() { return kMessages.ids(); }

std::string_view status_message_template(std::string_view message_id) { return kMessages.text(message_id); }

}  // namespace tabi
