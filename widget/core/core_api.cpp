#include "core/core_api.h"

#include <optional>

#include <nlohmann/json.hpp>

#include "core/catalog.h"
#include "core/compare.h"
#include "core/identifier.h"
#include "core/messages.h"
#include "core/recommend.h"

namespace tabi {
namespace {

// One JSON type in the whole build (ordered: hosts read members in the order we write them); a second
// instantiation of nlohmann would double its share of the wasm.
using json = nlohmann::ordered_json;

json error_answer(std::string_view id, std::string_view message, json problems = json::array()) {
    return json{{"error", {{"id", id}, {"message", message}, {"problems", std::move(problems)}}}};
}

json catalog_problem_json(const Problem& p) {
    return json{{"path", p.where}, {"id", p.message_id}, {"message", describe_catalog_problem(p)}};
}

json problem_json(const Problem& p, Locale locale) {
    json args = json::object();
    for (const auto& a : p.args) args[a.name] = a.value;
    return json{{"path", p.where}, {"id", p.message_id}, {"severity", p.is_error() ? "error" : "warning"},
                {"args", args}, {"message", render(locale, p)}};
}

json money_json(const Money& m, Locale locale) {
    return json{{"currency", m.currency}, {"minor", m.minor}, {"value", to_decimal_string(m)},
                {"text", format_money(m, locale_tag(locale))}};
}

json message_json(const std::string& id, const std::vector<MessageArg>& args, Locale locale) {
    json a = json::object();
    for (const auto& arg : args) a[arg.name] = arg.value;
    return json{{"id", id}, {"args", a}, {"text", render(locale, id, args)}};
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

std::string string_member(const json& obj, const char* key, std::string fallback = {}) {
    if (!obj.is_object()) return fallback;
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::optional<std::int64_t> int_member(const json& obj, const char* key) {
    if (!obj.is_object()) return std::nullopt;
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<std::int64_t>();
}

std::optional<CardKind> card_from(std::string_view s) {
    if (s == "sim") return CardKind::sim;
    if (s == "esim") return CardKind::esim;
    if (s == "wifi") return CardKind::wifi;
    return std::nullopt;
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

json compare_call(const json& request) {
    json error;
    const auto catalog = request_catalog(request, error);
    if (!catalog) return error;
    const json query = request.is_object() && request.contains("query") ? request["query"] : json::object();
    const Locale locale = request_locale(query);
    CompareQuery q;
    q.product_id = string_member(query, "product");
    q.card = card_from(string_member(query, "card"));
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
    json rate = nullptr;
    if (cmp->rate) rate = {{"from", cmp->rate->from}, {"to", cmp->rate->to}, {"rate", rate_to_string(*cmp->rate)}, {"asOf", cmp->rate->as_of}};
    return json{{"rows", rows}, {"plansInScope", cmp->plans_in_scope}, {"rate", rate}, {"notes", notes}};
}

json pick_json(const Pick& p, Locale locale) {
    json items = json::array();
    for (const auto& i : p.items) items.push_back({{"planId", i.plan->id}, {"name", i.plan->name_in(locale)}, {"quantity", i.quantity}});
    return json{{"items", items}, {"total", money_json(p.total, locale)}, {"purchases", p.purchases},
                {"daysAdded", p.days_added}, {"dataAddedMb", p.data_added_mb}, {"coveredDays", p.covered_days},
                {"allRefundable", p.all_refundable}, {"replacesCurrent", p.replaces_current},
                {"reason", message_json(p.reason.id, p.reason.args, locale)}};
}

json recommend_call(const json& request) {
    json error;
    const auto catalog = request_catalog(request, error);
    if (!catalog) return error;
    const json query = request.is_object() && request.contains("query") ? request["query"] : json::object();
    const Locale locale = request_locale(query);
    const auto trip_days = int_member(query, "tripDays");
    const auto mb_per_day = int_member(query, "mbPerDay");
    if (!trip_days || !mb_per_day) return error_answer("api.bad_request", "recommend needs query.tripDays and query.mbPerDay (integers)");
    auto scope = plans_for_card(*catalog, string_member(query, "product"), card_from(string_member(query, "card")));
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
    for (const Pick& p : rec->alternatives) alternatives.push_back(pick_json(p, locale));
    static constexpr const char* kStatus[] = {"recommended", "already_covered", "cannot_cover"};
    return json{{"status", kStatus[static_cast<int>(rec->status)]}, {"tripDays", rec->trip_days}, {"tripMb", rec->trip_mb},
                {"daysNeeded", rec->days_needed}, {"mbNeeded", rec->mb_needed},
                {"best", rec->best ? pick_json(*rec->best, locale) : json(nullptr)}, {"alternatives", alternatives},
                {"message", message_json(rec->message.id, rec->message.args, locale)}};
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
        else if (method == "installMessages") answer = install_messages_call(request);
        else answer = error_answer("api.unknown_method", std::string("unknown method: ") + std::string(method));
    }
    return answer.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace tabi
