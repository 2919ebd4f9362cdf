#include "core/core_api.h"

#include <algorithm>
#include <map>
#include <optional>

#include "core/bridge_json.h"
#include "core/catalog.h"
#include "core/compare.h"
#include "core/identifier.h"
#include "core/messages.h"
#include "core/order.h"
#include "core/recommend.h"

namespace tabi {
namespace {

json error_answer(std::string_view id, std::string_view message, json problems = json::array()) {
    return json{{"error", {{"id", id}, {"message", message}, {"problems", std::move(problems)}}}};
}

json money_json(const Money& m, Locale locale) {
    return json{{"currency", m.currency}, {"minor", m.minor}, {"value", to_decimal_string(m)},
                {"text", format_money(m, locale_tag(locale))}};
}

json message_json(const Message& m, Locale locale) {
    return json{{"id", m.message_id}, {"args", args_json(m.args)}, {"text", render(locale, m.message_id, m.args)}};
}

json check_catalog(std::string_view text) {
    const CatalogLoad load = load_catalog(text);
    json errors = json::array(), warnings = json::array();
    for (const auto& p : load.problems) (p.is_error() ? errors : warnings).push_back(catalog_problem_json(p));
    json out{{"ok", load.catalog.has_value()}, {"errors", errors}, {"warnings", warnings}};
    if (load.catalog) out["plans"] = load.catalog->plans.size();
    return out;
}

// The request's "catalog" (a JSON object or its text; absent or null: the built-in sample).
std::optional<Catalog> request_catalog(const json& request, json& error) {
    std::string text(sample_catalog_json());
    if (request.is_object() && request.contains("catalog") && !request["catalog"].is_null()) {
        const json& c = request["catalog"];
        text = c.is_string() ? c.get<std::string>() : c.dump(-1, ' ', false, json::error_handler_t::replace);
    }
    CatalogLoad load = load_catalog(text);
    if (!load.catalog) {
        json problems = json::array();
        for (const auto& p : load.problems)
            if (p.is_error()) problems.push_back(catalog_problem_json(p));
        error = error_answer("api.bad_catalog", "the catalogue has errors", problems);
        return std::nullopt;
    }
    return std::move(load.catalog);
}

std::optional<std::int64_t> int_member(const json& obj, const char* key) {
    if (!obj.is_object()) return std::nullopt;
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<std::int64_t>();
}

std::optional<PlanKind> plan_kind_from(std::string_view s) {
    for (PlanKind k : {PlanKind::day_pass, PlanKind::monthly, PlanKind::data_pack, PlanKind::rental_extension})
        if (to_string(k) == s) return k;
    return std::nullopt;
}

Locale request_locale(const json& query) {
    return match_locale(string_member(query, "locale", "en")).value_or(Locale::en);
}

json identify_call(const json& request) {
    if (!request.is_object() || !request.contains("text") || !request["text"].is_string())
        return error_answer("api.bad_request", "identify needs {\"text\": string}");
    json error;
    const auto catalog = request_catalog(request, error);
    if (!catalog) return error;
    const Locale locale = request_locale(request);
    const IdentifierCheck c = identify(request["text"].get<std::string>(), catalog->operators);
    json problems = json::array();
    for (const auto& p : c.problems) problems.push_back(problem_json(p, locale));
    json out{{"kind", to_string(c.kind)}, {"state", to_string(c.state)}, {"acceptable", c.acceptable()},
             {"card", c.card ? json(to_string(*c.card)) : json(nullptr)}, {"normalized", c.normalized},
             {"masked", c.masked}, {"issuer", c.issuer}, {"operators", c.operator_ids}, {"problems", problems},
             {"hint", c.hint ? problem_json(*c.hint, locale) : json(nullptr)}};
    return out;
}

json plan_json(const Plan& p, Locale locale) {
    return json{{"planId", p.id}, {"name", p.name_in(locale)}, {"productId", p.product_id}, {"operatorId", p.operator_id},
                {"card", to_string(p.card)}, {"kind", to_string(p.kind)}, {"days", p.days},
                {"data", {{"unlimited", p.data.unlimited}, {"mb", p.data.mb}, {"fairUseMbPerDay", p.data.fair_use_mb_per_day}}},
                {"speedAfterCapKbps", p.speed_after_cap_kbps}, {"refund", to_string(p.refund.policy)},
                {"networks", p.networks}};
}

// What the display currency adds to a recommendation: each total as compare() would show it, the rate used and
// a note per currency that has no rate.
struct DisplayCurrency {
    const ExchangeRates* rates = nullptr;
    std::string currency;  // empty: totals as they are
    std::optional<ExchangeRate> rate_used;
    std::vector<Problem> notes;

    json shown(const Money& total, Locale locale) {
        ShownAmount s = shown_in_currency(total, *rates, currency);
        if (s.rate && !rate_used) {
            rate_used = *s.rate;
            if (rate_used->as_of.empty()) rate_used->as_of = rates->as_of;
        }
        if (!s.converted && !currency.empty() && total.currency != currency &&
            std::none_of(notes.begin(), notes.end(), [&](const Problem& p) { return p.arg("from") == total.currency; }))
            notes.push_back(make_problem("currency", "compare.no_rate", {{"from", total.currency}, {"to", currency}},
                                         Severity::warning));
        return money_json(s.amount, locale);
    }
};

json rate_json(const std::optional<ExchangeRate>& rate) {
    if (!rate) return nullptr;
    return {{"from", rate->from}, {"to", rate->to}, {"rate", rate_to_string(*rate)}, {"asOf", rate->as_of}};
}

json compare_call(const json& request) {
    json error;
    const auto catalog = request_catalog(request, error);
    if (!catalog) return error;
    const json query = request.is_object() && request.contains("query") ? request["query"] : json::object();
    const Locale locale = request_locale(query);
    CompareQuery q;
    q.product_id = string_member(query, "product");
    q.card = card_kind_from(string_member(query, "card"));
    q.currency = string_member(query, "currency");
    q.filter.refundable_only = query.is_object() && query.value("refundableOnly", false);
    q.filter.min_data_mb = int_member(query, "minDataMb").value_or(0);
    q.filter.kind = plan_kind_from(string_member(query, "kind"));
    if (auto col = compare_column_from_string(string_member(query, "sortBy", "price"))) q.sort_by = *col;
    else return error_answer("api.bad_request", "sortBy must be one of price, days, data, price_per_day, price_per_gb, speed_after_cap, refundable, networks");
    q.direction = string_member(query, "direction") == "descending" ? SortDirection::descending : SortDirection::ascending;
    auto cmp = compare_plans(*catalog, q);
    if (!cmp) return error_answer(cmp.problem().message_id, render(locale, cmp.problem()), json::array({problem_json(cmp.problem(), locale)}));
    json rows = json::array();
    for (const CompareRow& row : cmp->rows) {
        json r = plan_json(*row.plan, locale);
        r["price"] = money_json(row.plan->price, locale);
        r["shownPrice"] = money_json(row.shown_price, locale);
        r["converted"] = row.converted;
        r["pricePerDay"] = row.price_per_day ? money_json(*row.price_per_day, locale) : json(nullptr);
        r["pricePerGb"] = row.price_per_gb ? money_json(*row.price_per_gb, locale) : json(nullptr);
        r["refundable"] = row.refundable;
        rows.push_back(std::move(r));
    }
    json notes = json::array();
    for (const auto& n : cmp->notes) notes.push_back(problem_json(n, locale));
    return json{{"rows", rows}, {"plansInScope", cmp->plans_in_scope}, {"rate", rate_json(cmp->rate)}, {"notes", notes}};
}

json pick_json(const Pick& p, Locale locale, DisplayCurrency& display) {
    json items = json::array();
    for (const auto& i : p.items) items.push_back({{"planId", i.plan->id}, {"name", i.plan->name_in(locale)}, {"quantity", i.quantity}});
    return json{{"items", items}, {"total", money_json(p.total, locale)}, {"shownTotal", display.shown(p.total, locale)},
                {"purchases", p.purchases},
                {"daysAdded", p.days_added}, {"dataAddedMb", p.data_added_mb}, {"coveredDays", p.covered_days},
                {"allRefundable", p.all_refundable}, {"replacesCurrent", p.replaces_current},
                {"reason", message_json(p.reason, locale)}};
}

json recommend_call(const json& request) {
    json error;
    const auto catalog = request_catalog(request, error);
    if (!catalog) return error;
    const json query = request.is_object() && request.contains("query") ? request["query"] : json::object();
    const Locale locale = request_locale(query);
    DisplayCurrency display{&catalog->exchange_rates, string_member(query, "currency"), std::nullopt, {}};
    if (!display.currency.empty() && !currency_exponent(display.currency)) {
        const Problem p = make_problem("currency", "compare.unknown_currency", {{"currency", display.currency}});
        return error_answer(p.message_id, render(locale, p), json::array({problem_json(p, locale)}));
    }
    const auto trip_days = int_member(query, "tripDays");
    const auto mb_per_day = int_member(query, "mbPerDay");
    if (!trip_days || !mb_per_day) return error_answer("api.bad_request", "recommend needs query.tripDays and query.mbPerDay (integers)");
    auto scope = plans_for_card(*catalog, string_member(query, "product"), card_kind_from(string_member(query, "card")));
    if (!scope) return error_answer(scope.problem().message_id, render(locale, scope.problem()), json::array({problem_json(scope.problem(), locale)}));
    RecommendRequest r;
    r.plans = *scope;
    r.trip = TripNeed{static_cast<int>(std::clamp<std::int64_t>(*trip_days, -1, kMaxTripDays + 1)), *mb_per_day};
    r.card = CardNow{static_cast<int>(std::clamp<std::int64_t>(int_member(query, "validDaysLeft").value_or(0), -1, 1'000'000)),
                     int_member(query, "remainingMb").value_or(0)};
    r.rates = &catalog->exchange_rates;
    r.locale = std::string(locale_tag(locale));
    auto rec = recommend(r);
    if (!rec) return error_answer(rec.problem().message_id, render(locale, rec.problem()), json::array({problem_json(rec.problem(), locale)}));
    json alternatives = json::array();
    const json best = rec->best ? pick_json(*rec->best, locale, display) : json(nullptr);
    for (const Pick& p : rec->alternatives) alternatives.push_back(pick_json(p, locale, display));
    json notes = json::array();
    for (const auto& n : display.notes) notes.push_back(problem_json(n, locale));
    static constexpr const char* kStatus[] = {"recommended", "already_covered", "cannot_cover"};
    return json{{"status", kStatus[static_cast<int>(rec->status)]}, {"tripDays", rec->trip_days}, {"tripMb", rec->trip_mb},
                {"daysNeeded", rec->days_needed}, {"mbNeeded", rec->mb_needed},
                {"best", best}, {"alternatives", alternatives},
                {"message", message_json(rec->message, locale)},
                {"rate", rate_json(display.rate_used)}, {"notes", notes}};
}

// The order the widget would hand the host for the same plans and card: built by order_for_choice (as the confirm
// step builds it), confirmed with the caller's entropy (the bridge passes crypto random hex) at the caller's
// time, and written as order_to_host_json writes it for onPayment.
json order_call(const json& request) {
    json error;
    const auto catalog = request_catalog(request, error);
    if (!catalog) return error;
    const Locale locale = request_locale(request);
    const json selection = request.is_object() && request.contains("selection") ? request["selection"] : json();
    if (!selection.is_array() || selection.empty())
        return error_answer("api.bad_request",
                            "order needs selection: a non-empty array of { planId, quantity }, e.g. [{\"planId\": \"sakura-7d-5gb\", \"quantity\": 1}]");
    if (!request.contains("card") || !request["card"].is_string())
        return error_answer("api.bad_request", "order needs card: the SIM, eSIM or rental identifier as the traveller typed it");
    const auto now = int_member(request, "now");
    const std::string entropy = string_member(request, "entropy");
    if (!now || *now < 0 || entropy.size() < kOrderEntropyHexDigits)
        return error_answer("api.bad_request", "order needs now (Unix seconds) and entropy (at least 42 random hex digits); the bridge fills both in");

    const IdentifierCheck card = identify(request["card"].get<std::string>(), catalog->operators);
    if (!card.acceptable() || !card.card) {
        json problems = json::array();
        for (const auto& p : card.problems) problems.push_back(problem_json(p, locale));
        if (card.hint) problems.push_back(problem_json(*card.hint, locale));  // what to type for incomplete input
        return error_answer("api.bad_card", "card: the identifier is not one the widget would accept; identify() says why", problems);
    }
    std::map<std::string, int> chosen;
    for (std::size_t i = 0; i < selection.size(); ++i) {
        const json& entry = selection[i];
        const std::string where = "selection[" + std::to_string(i) + "]";
        const std::string plan_id = string_member(entry, "planId");
        const auto quantity = entry.is_object() && !entry.contains("quantity") ? std::optional<std::int64_t>(1)
                                                                                : int_member(entry, "quantity");
        if (plan_id.empty() || !quantity)
            return error_answer("api.bad_request", where + " must be { planId: string, quantity: integer }");
        if (*quantity < 1 || *quantity > kMaxItemQuantity)
            return error_answer("api.bad_quantity", where + ": quantity " + std::to_string(*quantity) + " is outside 1 to 99");
        const Plan* plan = catalog->find_plan(plan_id);
        if (!plan) return error_answer("api.unknown_plan", where + ": the catalogue has no plan \"" + plan_id + "\"");
        if (plan->card != *card.card)
            return error_answer("api.wrong_card", where + ": \"" + plan_id + "\" is a " + std::string(to_string(plan->card)) +
                                                      " plan, but the card is a " + std::string(to_string(*card.card)));
        if (chosen.contains(plan_id))
            return error_answer("api.bad_request", where + ": \"" + plan_id + "\" is chosen twice; give it once with its quantity");
        chosen.emplace(plan_id, static_cast<int>(*quantity));
    }
    auto made = order_for_choice(*catalog, chosen, OrderCard{*card.card, card.masked}, locale, *now);
    if (!made) return error_answer(made.problem().message_id, render(locale, made.problem()), json::array({problem_json(made.problem(), locale)}));
    Order order = std::move(made).value();
    const Result<Transition> step = confirm(order, entropy, *now);
    if (!step) return error_answer(step.problem().message_id, render(locale, step.problem()), json::array({problem_json(step.problem(), locale)}));
    // Parsed from a view, as the request is: a std::string would instantiate nlohmann's parser a second time.
    const std::string host_order = order_to_host_json(order);
    return json{{"order", json::parse(std::string_view(host_order), nullptr, false)}};
}

// The bridge hands a locale pack's message catalogue over before answering in that locale.
json install_messages_call(const json& request) {
    const std::string tag = string_member(request, "locale", "");
    const auto locale = locale_from_tag(tag);
    if (!locale || !request.contains("messages") || !request["messages"].is_string())
        return error_answer("api.bad_request", "installMessages needs {\"locale\": a widget locale tag, \"messages\": string}");
    if (auto problem = install_messages(*locale, request["messages"].get<std::string>()))
        return error_answer(problem->message_id, render(Locale::en, *problem), json::array({problem_json(*problem, Locale::en)}));
    return json{{"ok", true}, {"locale", tag}};
}

}  // namespace

std::string call_core_api(std::string_view method, std::string_view input_json) {
    json answer;
    if (method == "checkCatalog") {
        answer = check_catalog(input_json);
    } else {
        const json request = json::parse(input_json, nullptr, false);
        if (request.is_discarded()) answer = error_answer("api.not_json", "the request is not valid JSON");
        else if (method == "identify") answer = identify_call(request);
        else if (method == "compare") answer = compare_call(request);
        else if (method == "recommend") answer = recommend_call(request);
        else if (method == "order") answer = order_call(request);
        else if (method == "installMessages") answer = install_messages_call(request);
        else answer = error_answer("api.unknown_method", std::string("unknown method: ") + std::string(method));
    }
    return answer.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace tabi
