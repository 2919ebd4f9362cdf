#include "core/catalog.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace tabi {

using json = nlohmann::json;

namespace {

// Known values, in the order the JSON format documents them.
constexpr std::string_view kCardKinds[] = {"sim", "esim", "wifi"};
constexpr std::string_view kPlanKinds[] = {"day_pass", "monthly", "data_pack", "rental_extension"};
constexpr std::string_view kValidityRules[] = {"calendar_jst", "rolling_24h"};
constexpr std::string_view kStackings[] = {"add", "replace"};
constexpr std::string_view kStartRules[] = {"now", "after_current"};
constexpr std::string_view kRefundPolicies[] = {"none", "before_activation", "unused_days"};
constexpr std::string_view kNetworks[] = {"docomo", "au", "softbank", "rakuten"};
constexpr std::string_view kPaymentMethods[] = {"card", "paypal", "alipay", "wechat_pay", "apple_pay",
                                                "google_pay", "union_pay", "konbini", "paypay", "line_pay"};

template <std::size_t N>
int index_of(const std::string_view (&names)[N], std::string_view s) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == s) return static_cast<int>(i);
    return -1;
}

template <std::size_t N>
std::string joined(const std::string_view (&names)[N]) {
    std::string out;
    for (std::size_t i = 0; i < N; ++i) {
        if (i) out += ", ";
        out += names[i];
    }
    return out;
}

std::string escape_pointer_token(std::string_view token) {
    std::string out;
    for (char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string_view type_name(const json& v) {
    switch (v.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "integer";
        case json::value_t::number_float: return "number";
        case json::value_t::string: return "string";
        case json::value_t::array: return "array";
        case json::value_t::object: return "object";
        default: return "value";
    }
}

// Collects problems while walking the document. Each accessor checks the type before reading,
// so no nlohmann accessor can throw (the wasm build has no exceptions at all).
class Checker {
public:
    std::vector<Problem> problems;

    void error(const std::string& where, std::string id, std::vector<MessageArg> args = {}) {
        problems.push_back(make_problem(where, std::move(id), std::move(args)));
    }
    void warning(const std::string& where, std::string id, std::vector<MessageArg> args = {}) {
        problems.push_back(make_problem(where, std::move(id), std::move(args), Severity::warning));
    }

    static std::string at(const std::string& base, std::string_view key) { return base + "/" + escape_pointer_token(key); }
    static std::string at(const std::string& base, std::size_t index) { return base + "/" + std::to_string(index); }

    // Unknown members are warnings: a newer catalogue may carry fields this widget does not use.
    void known_fields(const json& obj, const std::string& where, std::initializer_list<std::string_view> names) {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            if (std::find(names.begin(), names.end(), it.key()) == names.end())
                warning(at(where, it.key()), "catalog.unknown_field", {{"field", it.key()}});
        }
    }

    const json* member(const json& obj, const std::string& where, std::string_view key, bool required) {
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (required) error(at(where, key), "catalog.missing_field", {{"field", std::string(key)}});
            return nullptr;
        }
        return &*it;
    }

    bool expect(const json& v, const std::string& where, json::value_t t1, std::string_view expected) {
        const bool ok = v.type() == t1 || (t1 == json::value_t::number_integer && v.type() == json::value_t::number_unsigned);
        if (!ok) error(where, "catalog.wrong_type", {{"expected", std::string(expected)}, {"found", std::string(type_name(v))}});
        return ok;
    }

    const json* object(const json& obj, const std::string& where, std::string_view key, bool required) {
        const json* v = member(obj, where, key, required);
        if (v && !expect(*v, at(where, key), json::value_t::object, "object")) return nullptr;
        return v;
    }
    const json* array(const json& obj, const std::string& where, std::string_view key, bool required) {
        const json* v = member(obj, where, key, required);
        if (v && !expect(*v, at(where, key), json::value_t::array, "array")) return nullptr;
        return v;
    }

    std::optional<std::string> string(const json& obj, const std::string& where, std::string_view key, bool required,
                                      bool non_empty = true) {
        const json* v = member(obj, where, key, required);
        if (!v || !expect(*v, at(where, key), json::value_t::string, "string")) return std::nullopt;
        const auto& s = v->get_ref<const std::string&>();
        if (non_empty && s.empty()) {
            error(at(where, key), "catalog.empty", {{"field", std::string(key)}});
            return std::nullopt;
        }
        return s;
    }

    std::optional<std::int64_t> integer(const json& obj, const std::string& where, std::string_view key, bool required,
                                        std::int64_t min, std::int64_t max) {
        const json* v = member(obj, where, key, required);
        if (!v) return std::nullopt;
        const std::string path = at(where, key);
        if (v->is_number_float()) {
            error(path, "catalog.not_integer", {{"field", std::string(key)}});
            return std::nullopt;
        }
        if (!expect(*v, path, json::value_t::number_integer, "integer")) return std::nullopt;
        if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
            error(path, "catalog.out_of_range", {{"min", std::to_string(min)}, {"max", std::to_string(max)}});
            return std::nullopt;
        }
        const auto n = v->get<std::int64_t>();
        if (n < 0 && min >= 0) {
            error(path, "catalog.negative", {{"field", std::string(key)}});
            return std::nullopt;
        }
        if (n < min || n > max) {
            error(path, "catalog.out_of_range", {{"min", std::to_string(min)}, {"max", std::to_string(max)}});
            return std::nullopt;
        }
        return n;
    }

    std::optional<bool> boolean(const json& obj, const std::string& where, std::string_view key, bool required) {
        const json* v = member(obj, where, key, required);
        if (!v || !expect(*v, at(where, key), json::value_t::boolean, "boolean")) return std::nullopt;
        return v->get<bool>();
    }

    template <std::size_t N>
    std::optional<int> choice(const json& obj, const std::string& where, std::string_view key, bool required,
                              const std::string_view (&names)[N]) {
        auto s = string(obj, where, key, required);
        if (!s) return std::nullopt;
        const int i = index_of(names, *s);
        if (i < 0) error(at(where, key), "catalog.unknown_value", {{"value", *s}, {"allowed", joined(names)}});
        return i < 0 ? std::nullopt : std::optional<int>(i);
    }

    std::optional<std::string> currency(const json& obj, const std::string& where, std::string_view key) {
        auto code = string(obj, where, key, true);
        if (!code) return std::nullopt;
        if (!currency_exponent(*code)) {
            error(at(where, key), "catalog.unknown_currency", {{"currency", *code}});
            return std::nullopt;
        }
        return code;
    }

    std::optional<Money> money(const json& parent, const std::string& where, std::string_view key, bool required) {
        const json* obj = object(parent, where, key, required);
        if (!obj) return std::nullopt;
        const std::string path = at(where, key);
        known_fields(*obj, path, {"minor", "currency"});
        auto minor = integer(*obj, path, "minor", true, 0, INT64_MAX / 1000);
        auto code = currency(*obj, path, "currency");
        if (!minor || !code) return std::nullopt;
        return Money{*minor, *code};
    }

    // "HH:MM" in JST -> minutes after midnight; "24:00" allowed as a closing time.
    std::optional<int> clock(const json& obj, const std::string& where, std::string_view key) {
        auto s = string(obj, where, key, true);
        if (!s) return std::nullopt;
        const std::string& t = *s;
        const bool shape = t.size() == 5 && t[2] == ':' && std::isdigit(static_cast<unsigned char>(t[0])) &&
                           std::isdigit(static_cast<unsigned char>(t[1])) && std::isdigit(static_cast<unsigned char>(t[3])) &&
                           std::isdigit(static_cast<unsigned char>(t[4]));
        const int h = shape ? (t[0] - '0') * 10 + (t[1] - '0') : -1;
        const int m = shape ? (t[3] - '0') * 10 + (t[4] - '0') : -1;
        if (!shape || m > 59 || h > 24 || (h == 24 && m != 0)) {
            error(at(where, key), "catalog.bad_time", {{"value", t}});
            return std::nullopt;
        }
        return h * 60 + m;
    }
};

bool is_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9') return false;
    const int month = (s[5] - '0') * 10 + (s[6] - '0');
    const int day = (s[8] - '0') * 10 + (s[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// Where and why the text is not JSON: nlohmann's SAX interface reports the byte offset and reason
// without exceptions, which the DOM parser in no-throw mode does not.
struct ParseErrorFinder : nlohmann::json_sax<json> {
    std::size_t position = 0;
    std::string reason;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception& ex) override {
        position = pos;
        reason = ex.what();
        // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 1, column 5: ": keep the tail.
        if (auto colon = reason.find(": "); colon != std::string::npos) reason = reason.substr(colon + 2);
        return false;
    }
};

void load_operators(Checker& c, const json& root, Catalog& cat) {
    const json* ops = c.array(root, "", "operators", true);
    if (!ops) return;
    if (ops->empty()) c.error("/operators", "catalog.empty_list", {{"field", "operators"}});
    std::map<std::string, std::string> seen;  // id -> pointer of first use
    for (std::size_t i = 0; i < ops->size(); ++i) {
        const std::string where = Checker::at("/operators", i);
        const json& o = (*ops)[i];
        if (!c.expect(o, where, json::value_t::object, "object")) continue;
        c.known_fields(o, where, {"id", "name", "support", "order_pattern"});
        Operator op;
        auto id = c.string(o, where, "id", true);
        auto name = c.string(o, where, "name", true);
        if (id) {
            if (auto [it, fresh] = seen.emplace(*id, where + "/id"); !fresh)
                c.error(where + "/id", "catalog.duplicate_id", {{"id", *id}, {"first", it->second}});
            op.id = *id;
        }
        if (name) op.name = *name;
        if (const json* s = c.object(o, where, "support", true)) {
            const std::string sw = where + "/support";
            c.known_fields(*s, sw, {"phone", "email", "chat_url", "hours"});
            op.phone = c.string(*s, sw, "phone", false).value_or("");
            op.email = c.string(*s, sw, "email", false).value_or("");
            op.chat_url = c.string(*s, sw, "chat_url", false).value_or("");
            if (!op.email.empty() && op.email.find('@') == std::string::npos)
                c.error(sw + "/email", "catalog.bad_email", {{"value", op.email}});
            if (!op.chat_url.empty() && op.chat_url.rfind("https://", 0) != 0)
                c.error(sw + "/chat_url", "catalog.not_https", {{"value", op.chat_url}});
            if (op.phone.empty() && op.email.empty() && op.chat_url.empty())
                c.error(sw, "catalog.no_support_contact");
            if (const json* h = c.object(*s, sw, "hours", true)) {
                const std::string hw = sw + "/hours";
                c.known_fields(*h, hw, {"open", "close", "days"});
                op.hours.open_minute = c.clock(*h, hw, "open").value_or(0);
                op.hours.close_minute = c.clock(*h, hw, "close").value_or(0);
                op.hours.days = c.string(*h, hw, "days", false).value_or("daily");
            }
        }
        op.order_pattern = c.string(o, where, "order_pattern", false).value_or("");
        cat.operators.push_back(std::move(op));
    }
}

void load_plan(Checker& c, const json& p, const std::string& where, const Plan& defaults, Catalog& cat,
               std::map<std::string, std::string>& seen_ids) {
    if (!c.expect(p, where, json::value_t::object, "object")) return;
    c.known_fields(p, where, {"id", "name", "kind", "days", "data", "speed_after_cap_kbps", "price", "refund",
                              "networks", "validity", "stacking", "starts", "late_fee_per_day",
                              "extension_notice_hours"});
    Plan plan = defaults;
    bool ok = true;
    if (auto id = c.string(p, where, "id", true)) {
        if (auto [it, fresh] = seen_ids.emplace(*id, where + "/id"); !fresh) {
            c.error(where + "/id", "catalog.duplicate_id", {{"id", *id}, {"first", it->second}});
            ok = false;
        }
        plan.id = *id;
    } else {
        ok = false;
    }
    if (auto name = c.string(p, where, "name", true)) plan.name = *name; else ok = false;
    if (auto kind = c.choice(p, where, "kind", true, kPlanKinds)) plan.kind = static_cast<PlanKind>(*kind); else ok = false;
    if (auto days = c.integer(p, where, "days", true, 0, 3650)) {
        plan.days = static_cast<int>(*days);
        if (plan.days == 0 && plan.kind != PlanKind::data_pack) {
            c.error(where + "/days", "catalog.zero_days");
            ok = false;
        }
    } else {
        ok = false;
    }
    if (plan.kind == PlanKind::rental_extension && plan.card != CardKind::wifi) {
        c.error(where + "/kind", "catalog.rental_not_wifi");
        ok = false;
    }
    if (const json* d = c.object(p, where, "data", true)) {
        const std::string dw = where + "/data";
        c.known_fields(*d, dw, {"mb", "unlimited", "fair_use_mb_per_day"});
        const bool unlimited = c.boolean(*d, dw, "unlimited", false).value_or(false);
        plan.data.unlimited = unlimited;
        if (unlimited) {
            if (d->contains("mb")) {
                c.error(dw + "/mb", "catalog.mb_with_unlimited");
                ok = false;
            }
            plan.data.fair_use_mb_per_day = c.integer(*d, dw, "fair_use_mb_per_day", false, 1, 10'000'000).value_or(0);
        } else if (auto mb = c.integer(*d, dw, "mb", true, 1, 100'000'000)) {
            plan.data.mb = *mb;
        } else {
            ok = false;
        }
    } else {
        ok = false;
    }
    plan.speed_after_cap_kbps =
        static_cast<int>(c.integer(p, where, "speed_after_cap_kbps", false, 0, 10'000'000).value_or(0));
    if (auto price = c.money(p, where, "price", true)) plan.price = *price; else ok = false;
    if (const json* r = c.object(p, where, "refund", true)) {
        const std::string rw = where + "/refund";
        c.known_fields(*r, rw, {"policy", "within_days"});
        if (auto pol = c.choice(*r, rw, "policy", true, kRefundPolicies)) plan.refund.policy = static_cast<RefundPolicy>(*pol);
        else ok = false;
        const bool needs_days = plan.refund.policy != RefundPolicy::none;
        plan.refund.within_days = static_cast<int>(c.integer(*r, rw, "within_days", needs_days, 1, 365).value_or(0));
    } else {
        ok = false;
    }
    if (const json* n = c.array(p, where, "networks", false)) {
        plan.networks.clear();
        for (std::size_t i = 0; i < n->size(); ++i) {
            const std::string nw = Checker::at(where + "/networks", i);
            if (!c.expect((*n)[i], nw, json::value_t::string, "string")) continue;
            const auto& s = (*n)[i].get_ref<const std::string&>();
            if (index_of(kNetworks, s) < 0) c.error(nw, "catalog.unknown_value", {{"value", s}, {"allowed", joined(kNetworks)}});
            else plan.networks.push_back(s);
        }
    }
    if (plan.networks.empty() && plan.card != CardKind::wifi) {
        c.error(where + "/networks", "catalog.no_networks");
        ok = false;
    }
    if (auto v = c.choice(p, where, "validity", false, kValidityRules)) plan.validity = static_cast<ValidityRule>(*v);
    if (auto s = c.choice(p, where, "stacking", false, kStackings)) plan.stacking = static_cast<Stacking>(*s);
    if (auto s = c.choice(p, where, "starts", false, kStartRules)) plan.starts = static_cast<StartRule>(*s);
    if (auto fee = c.money(p, where, "late_fee_per_day", false)) {
        if (fee->currency != plan.price.currency)
            c.error(where + "/late_fee_per_day/currency", "catalog.currency_differs", {{"currency", plan.price.currency}});
        plan.late_fee_per_day = *fee;
    }
    plan.extension_notice_hours = static_cast<int>(c.integer(p, where, "extension_notice_hours", false, 0, 720).value_or(0));
    if (ok) cat.plans.push_back(std::move(plan));
}

void load_products(Checker& c, const json& root, Catalog& cat) {
    const json* products = c.array(root, "", "products", true);
    if (!products) return;
    if (products->empty()) c.error("/products", "catalog.empty_list", {{"field", "products"}});
    std::map<std::string, std::string> product_ids, plan_ids;
    for (std::size_t i = 0; i < products->size(); ++i) {
        const std::string where = Checker::at("/products", i);
        const json& pr = (*products)[i];
        if (!c.expect(pr, where, json::value_t::object, "object")) continue;
        c.known_fields(pr, where, {"id", "operator", "card", "name", "networks", "validity", "plans"});
        Plan defaults;
        if (auto id = c.string(pr, where, "id", true)) {
            if (auto [it, fresh] = product_ids.emplace(*id, where + "/id"); !fresh)
                c.error(where + "/id", "catalog.duplicate_id", {{"id", *id}, {"first", it->second}});
            defaults.product_id = *id;
        }
        defaults.product_name = c.string(pr, where, "name", true).value_or("");
        if (auto op = c.string(pr, where, "operator", true)) {
            if (!cat.find_operator(*op)) c.error(where + "/operator", "catalog.unknown_operator", {{"id", *op}});
            defaults.operator_id = *op;
        }
        if (auto card = c.choice(pr, where, "card", true, kCardKinds)) defaults.card = static_cast<CardKind>(*card);
        if (const json* n = c.array(pr, where, "networks", false)) {
            for (std::size_t k = 0; k < n->size(); ++k) {
                const std::string nw = Checker::at(where + "/networks", k);
                if (!c.expect((*n)[k], nw, json::value_t::string, "string")) continue;
                const auto& s = (*n)[k].get_ref<const std::string&>();
                if (index_of(kNetworks, s) < 0) c.error(nw, "catalog.unknown_value", {{"value", s}, {"allowed", joined(kNetworks)}});
                else defaults.networks.push_back(s);
            }
        }
        if (auto v = c.choice(pr, where, "validity", false, kValidityRules)) defaults.validity = static_cast<ValidityRule>(*v);
        const json* plans = c.array(pr, where, "plans", true);
        if (!plans) continue;
        if (plans->empty()) c.error(where + "/plans", "catalog.empty_list", {{"field", "plans"}});
        for (std::size_t k = 0; k < plans->size(); ++k)
            load_plan(c, (*plans)[k], Checker::at(where + "/plans", k), defaults, cat, plan_ids);
    }
}

void load_payment_methods(Checker& c, const json& root, Catalog& cat) {
    const json* methods = c.array(root, "", "payment_methods", true);
    if (!methods) return;
    if (methods->empty()) c.error("/payment_methods", "catalog.empty_list", {{"field", "payment_methods"}});
    for (std::size_t i = 0; i < methods->size(); ++i) {
        const std::string where = Checker::at("/payment_methods", i);
        if (!c.expect((*methods)[i], where, json::value_t::string, "string")) continue;
        const auto& m = (*methods)[i].get_ref<const std::string&>();
        // An unknown method is shown by its name; warn in case it is a typo.
        if (index_of(kPaymentMethods, m) < 0) c.warning(where, "catalog.unknown_payment_method", {{"value", m}});
        cat.payment_methods.push_back(m);
    }
}

void load_exchange_rates(Checker& c, const json& root, Catalog& cat) {
    const json* er = c.object(root, "", "exchange_rates", false);
    if (!er) return;
    const std::string where = "/exchange_rates";
    c.known_fields(*er, where, {"base", "as_of", "rates"});
    auto base = c.currency(*er, where, "base");
    auto as_of = c.string(*er, where, "as_of", true);
    if (as_of && !is_iso_date(*as_of)) c.error(where + "/as_of", "catalog.bad_date", {{"value", *as_of}});
    const json* rates = c.object(*er, where, "rates", true);
    if (!base || !rates) return;
    cat.exchange_rates.base = *base;
    cat.exchange_rates.as_of = as_of.value_or("");
    for (auto it = rates->begin(); it != rates->end(); ++it) {
        const std::string rw = Checker::at(where + "/rates", it.key());
        if (!currency_exponent(it.key())) {
            c.error(rw, "catalog.unknown_currency", {{"currency", it.key()}});
            continue;
        }
        if (it->is_number()) {
            // A JSON number is a binary float in most parsers: rates must be exact.
            c.error(rw, "catalog.rate_not_string");
            continue;
        }
        if (!c.expect(*it, rw, json::value_t::string, "string")) continue;
        auto rate = parse_exchange_rate(it->get_ref<const std::string&>(), *base, it.key(), cat.exchange_rates.as_of);
        if (!rate) c.error(rw, "catalog.bad_rate", {{"value", it->get_ref<const std::string&>()}});
        else cat.exchange_rates.rates.push_back(std::move(rate).value());
    }
}

std::vector<int> load_bands(Checker& c, const json& d, const std::string& where, std::string_view key, int max_band) {
    std::vector<int> bands;
    const json* arr = c.array(d, where, key, true);
    if (!arr) return bands;
    for (std::size_t i = 0; i < arr->size(); ++i) {
        const std::string bw = Checker::at(Checker::at(where, key), i);
        const json& b = (*arr)[i];
        if (!b.is_number_integer() || b.get<std::int64_t>() < 1 || b.get<std::int64_t>() > max_band) {
            c.error(bw, "catalog.bad_band", {{"max", std::to_string(max_band)}});
            continue;
        }
        bands.push_back(static_cast<int>(b.get<std::int64_t>()));
    }
    std::sort(bands.begin(), bands.end());
    bands.erase(std::unique(bands.begin(), bands.end()), bands.end());
    return bands;
}

void load_devices(Checker& c, const json& root, Catalog& cat) {
    const json* devices = c.array(root, "", "devices", false);
    if (!devices) return;
    std::map<std::string, std::string> seen;
    for (std::size_t i = 0; i < devices->size(); ++i) {
        const std::string where = Checker::at("/devices", i);
        const json& d = (*devices)[i];
        if (!c.expect(d, where, json::value_t::object, "object")) continue;
        c.known_fields(d, where, {"brand", "model", "lte", "nr", "esim", "note"});
        Device dev;
        dev.brand = c.string(d, where, "brand", true).value_or("");
        dev.model = c.string(d, where, "model", true).value_or("");
        if (!dev.model.empty()) {
            const std::string key = dev.brand + "\x1f" + dev.model;
            if (auto [it, fresh] = seen.emplace(key, where); !fresh)
                c.error(where + "/model", "catalog.duplicate_id", {{"id", dev.model}, {"first", it->second + "/model"}});
        }
        dev.lte_bands = load_bands(c, d, where, "lte", 255);
        dev.nr_bands = load_bands(c, d, where, "nr", 512);
        dev.esim = c.boolean(d, where, "esim", true).value_or(false);
        dev.note = c.string(d, where, "note", false, false).value_or("");
        cat.devices.push_back(std::move(dev));
    }
}

}  // namespace

std::string_view to_string(CardKind k) { return kCardKinds[static_cast<int>(k)]; }
std::string_view to_string(PlanKind k) { return kPlanKinds[static_cast<int>(k)]; }
std::string_view to_string(ValidityRule r) { return kValidityRules[static_cast<int>(r)]; }
std::string_view to_string(Stacking s) { return kStackings[static_cast<int>(s)]; }
std::string_view to_string(StartRule s) { return kStartRules[static_cast<int>(s)]; }
std::string_view to_string(RefundPolicy p) { return kRefundPolicies[static_cast<int>(p)]; }

const ExchangeRate* ExchangeRates::find(std::string_view to) const {
    for (const auto& r : rates)
        if (r.to == to) return &r;
    return nullptr;
}

const Operator* Catalog::find_operator(std::string_view id) const {
    for (const auto& o : operators)
        if (o.id == id) return &o;
    return nullptr;
}

const Plan* Catalog::find_plan(std::string_view id) const {
    for (const auto& p : plans)
        if (p.id == id) return &p;
    return nullptr;
}

std::size_t CatalogLoad::error_count() const {
    return static_cast<std::size_t>(std::count_if(problems.begin(), problems.end(), [](const Problem& p) { return p.is_error(); }));
}

CatalogLoad load_catalog(std::string_view json_text) {
    CatalogLoad result;
    Checker c;
    json root = json::parse(json_text.begin(), json_text.end(), nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded()) {
        ParseErrorFinder finder;
        json::sax_parse(json_text.begin(), json_text.end(), &finder, nlohmann::detail::input_format_t::json,
                        /*strict=*/true);
        c.error("", "catalog.not_json", {{"offset", std::to_string(finder.position)}, {"reason", finder.reason}});
        result.problems = std::move(c.problems);
        return result;
    }
    if (!c.expect(root, "", json::value_t::object, "object")) {
        result.problems = std::move(c.problems);
        return result;
    }
    Catalog cat;
    c.known_fields(root, "", {"$schema", "version", "name", "operators", "products", "payment_methods",
                              "exchange_rates", "devices"});
    if (auto v = c.integer(root, "", "version", true, 1, 1'000'000)) {
        if (*v != kCatalogVersion)
            c.error("/version", "catalog.unsupported_version", {{"found", std::to_string(*v)}, {"supported", std::to_string(kCatalogVersion)}});
    }
    cat.name = c.string(root, "", "name", false).value_or("");
    load_operators(c, root, cat);
    load_products(c, root, cat);
    load_payment_methods(c, root, cat);
    load_exchange_rates(c, root, cat);
    load_devices(c, root, cat);
    result.problems = std::move(c.problems);
    if (result.error_count() == 0) result.catalog = std::move(cat);
    return result;
}

std::string describe_catalog_problem(const Problem& p) {
    const auto& id = p.message_id;
    std::string what;
    if (id == "catalog.not_json") what = fmt::format("not valid JSON at byte {}: {}", p.arg("offset"), p.arg("reason"));
    else if (id == "catalog.wrong_type") what = fmt::format("must be {} (found {})", p.arg("expected"), p.arg("found"));
    else if (id == "catalog.missing_field") what = fmt::format("required field \"{}\" is missing", p.arg("field"));
    else if (id == "catalog.empty") what = "must not be empty";
    else if (id == "catalog.empty_list") what = "must list at least one entry";
    else if (id == "catalog.not_integer") what = "must be a whole number";
    else if (id == "catalog.negative") what = "must not be negative";
    else if (id == "catalog.out_of_range") what = fmt::format("must be between {} and {}", p.arg("min"), p.arg("max"));
    else if (id == "catalog.unknown_value") what = fmt::format("\"{}\" is not one of: {}", p.arg("value"), p.arg("allowed"));
    else if (id == "catalog.unknown_currency") what = fmt::format("\"{}\" is not an ISO 4217 currency code", p.arg("currency"));
    else if (id == "catalog.unknown_field") what = fmt::format("unknown field \"{}\" (ignored)", p.arg("field"));
    else if (id == "catalog.unsupported_version")
        what = fmt::format("catalogue version {} is not supported (this widget reads version {})", p.arg("found"), p.arg("supported"));
    else if (id == "catalog.duplicate_id") what = fmt::format("id \"{}\" is already used at {}", p.arg("id"), p.arg("first"));
    else if (id == "catalog.unknown_operator") what = fmt::format("no operator has id \"{}\"", p.arg("id"));
    else if (id == "catalog.zero_days") what = "only a data pack may have 0 days";
    else if (id == "catalog.rental_not_wifi") what = "a rental extension belongs to a wifi product";
    else if (id == "catalog.mb_with_unlimited") what = "an unlimited plan has no \"mb\"; use \"fair_use_mb_per_day\"";
    else if (id == "catalog.no_networks") what = "list the networks the plan uses (docomo, au, softbank, rakuten)";
    else if (id == "catalog.currency_differs") what = fmt::format("must be in the plan's currency {}", p.arg("currency"));
    else if (id == "catalog.bad_time") what = fmt::format("\"{}\" is not a time of day as HH:MM", p.arg("value"));
    else if (id == "catalog.bad_date") what = fmt::format("\"{}\" is not a date as YYYY-MM-DD", p.arg("value"));
    else if (id == "catalog.bad_email") what = fmt::format("\"{}\" is not an email address", p.arg("value"));
    else if (id == "catalog.not_https") what = fmt::format("\"{}\" must be an https:// URL", p.arg("value"));
    else if (id == "catalog.no_support_contact") what = "give at least one of phone, email or chat_url";
    else if (id == "catalog.rate_not_string") what = "write the rate as a decimal string (\"0.0065\"), not a number, so it stays exact";
    else if (id == "catalog.bad_rate") what = fmt::format("\"{}\" is not a positive decimal rate", p.arg("value"));
    else if (id == "catalog.bad_band") what = fmt::format("must be a band number from 1 to {}", p.arg("max"));
    else if (id == "catalog.unknown_payment_method") what = fmt::format("\"{}\" is not a known payment method", p.arg("value"));
    else what = id;
    const std::string where = p.where.empty() ? "(document)" : p.where;
    return fmt::format("{}: {}", where, what);
}

}  // namespace tabi
