// Index of this file:
// - the message table (kMessages: every catalog.* id with its English text) and the known values' names
// - field checks (ids, phones, e-mail, URLs, dates, rates) and the Checker that walks the document
// - one loader per section: load_operators, load_products (with their plans), load_payment_methods,
//   load_exchange_rates, load_devices
// - problems in document order; to_string and card_kind_from for the enums
// - the texts a widget shows (shown_in), load_catalog itself
// - order-number patterns (check_order_pattern, matches_order_pattern); problem texts (catalog_problem_text,
//   describe_catalog_problem, catalog_problem_message)

#include "core/catalog.h"
#include "core/civil_time.h"
#include "core/json_syntax.h"
#include "core/messages.h"
#include "core/module_messages.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <map>
#include <set>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace tabi {

// ordered_json keeps members in document order, which the problems are sorted into at the end.
using json = nlohmann::ordered_json;

namespace {

// Known values, in the order the JSON format documents them.
constexpr std::string_view kPlanKinds[] = {"day_pass", "monthly", "data_pack", "rental_extension"};
constexpr std::string_view kValidityRules[] = {"calendar_jst", "rolling_24h"};
constexpr std::string_view kStackings[] = {"add", "replace"};
constexpr std::string_view kStartRules[] = {"now", "after_current"};
constexpr std::string_view kRefundPolicies[] = {"none", "before_activation", "unused_days"};
constexpr std::string_view kNetworks[] = {"docomo", "au", "softbank", "rakuten"};
constexpr std::string_view kSupportDays[] = {"daily", "weekdays", "weekends"};
constexpr std::string_view kPaymentMethods[] = {"card", "paypal", "alipay", "wechat_pay", "apple_pay",
                                                "google_pay", "union_pay", "konbini", "paypay", "line_pay"};

constexpr std::size_t kMaxIdLength = 64;

// Every message this module produces, with its English text; {name} stands for the problem's argument.
// docs/catalog.md lists the same table (tests/core/catalog_test.cpp checks that it does).
constexpr ModuleMessages kMessages({
    {"catalog.fetch_failed", "the catalogue could not be loaded: {reason}"},
    {"catalog.not_json", "not valid JSON at line {line}, column {column} (byte {offset}): {reason}"},
    {"catalog.wrong_type", "must be {expected} (found {found})"},
    {"catalog.missing_field", "required field \"{field}\" is missing"},
    {"catalog.unknown_field", "unknown field \"{field}\" (ignored); check its spelling"},
    {"catalog.unsupported_version",
     "catalogue version {found} is not supported (this widget reads version {supported})"},
    {"catalog.empty", "\"{field}\" must not be empty"},
    {"catalog.empty_list", "\"{field}\" must list at least one entry"},
    {"catalog.not_integer", "\"{field}\" must be a whole number, without a decimal point"},
    {"catalog.negative", "\"{field}\" must not be negative"},
    {"catalog.out_of_range", "\"{field}\" must be between {min} and {max}"},
    {"catalog.unknown_value", "\"{value}\" is not one of: {allowed}"},
    {"catalog.bad_id",
     "\"{value}\" is not a usable id: use up to 64 letters, digits, '-', '_' or '.', starting with a letter or digit"},
    {"catalog.duplicate_id", "id \"{id}\" is already used at {first}; ids must be unique"},
    {"catalog.duplicate_value", "\"{value}\" is already listed at {first} (ignored)"},
    {"catalog.bad_phone",
     "\"{value}\" is not a phone number: use digits with an optional leading +, spaces, dots, hyphens or brackets"},
    {"catalog.bad_email", "\"{value}\" is not an email address"},
    {"catalog.not_https", "\"{value}\" must be an https:// URL"},
    {"catalog.no_support_contact", "give at least one of phone, email or chat_url"},
    {"catalog.bad_time", "\"{value}\" is not a time of day as HH:MM (00:00 to 23:59, or 24:00 as a closing time)"},
    {"catalog.bad_hours",
     "support hours from {open} to {close} are empty; for round-the-clock support write 00:00 to 24:00"},
    {"catalog.mask_too_long", "the pattern is longer than {max} characters"},
    {"catalog.mask_bad_char",
     "the pattern has an unsupported character at position {position}; use printable ASCII characters only"},
    {"catalog.mask_trailing_escape", "the pattern ends with a lone \"\\\"; write \"\\\\\" for a literal backslash"},
    {"catalog.mask_no_placeholder",
     "the pattern has no placeholder (# for a digit, @ for a letter, * for a letter or digit)"},
    {"catalog.unknown_operator", "no operator has id \"{id}\"; add it to \"operators\" or fix the reference"},
    {"catalog.no_order_pattern",
     "operator \"{operator}\" rents pocket WiFi but has no \"order_pattern\", so rental order numbers cannot be "
     "checked as they are typed"},
    {"catalog.zero_days", "only a data pack may have 0 days"},
    {"catalog.rental_not_wifi", "a rental extension belongs to a wifi product"},
    {"catalog.wifi_needs_rental",
     "a wifi rental is renewed with \"rental_extension\" or \"data_pack\" plans, not \"{kind}\""},
    {"catalog.mb_with_unlimited", "an unlimited plan has no \"mb\"; use \"fair_use_mb_per_day\""},
    {"catalog.fair_use_without_unlimited",
     "\"fair_use_mb_per_day\" is only for unlimited plans; set \"unlimited\": true or remove it"},
    {"catalog.unlimited_pack_needs_days", "an unlimited data pack needs \"days\" above 0"},
    {"catalog.no_networks", "list the networks the plan uses (docomo, au, softbank, rakuten)"},
    {"catalog.unknown_currency", "\"{currency}\" is not an ISO 4217 currency code (write it in capitals, e.g. JPY)"},
    {"catalog.mixed_currencies",
     "all plans of a product must be priced in one currency: this plan uses {currency}, the first plan ({first}) "
     "uses {expected}"},
    {"catalog.currency_differs", "must be in the plan's currency {currency}"},
    {"catalog.refund_days_ignored", "\"within_days\" has no effect when the refund policy is \"none\" (ignored)"},
    {"catalog.replace_after_current",
     "\"replace\" has no effect on a plan that starts after the current one ends; use \"starts\": \"now\" or "
     "\"stacking\": \"add\""},
    {"catalog.rental_field_ignored", "\"{field}\" applies only to wifi rentals (ignored)"},
    {"catalog.unknown_payment_method", "\"{value}\" is not a known payment method; check its spelling"},
    {"catalog.bad_date", "\"{value}\" is not a date as YYYY-MM-DD"},
    {"catalog.rate_not_string", "write the rate as a decimal string (\"0.0065\"), not a number, so it stays exact"},
    {"catalog.bad_rate",
     "\"{value}\" is not a positive decimal rate (digits with an optional decimal point; at most 12 decimals and "
     "18 digits)"},
    {"catalog.rates_base_mismatch",
     "rates are quoted from {base} but plans are priced in {currency}, so prices in {currency} cannot be converted; "
     "quote the rates from {currency}"},
    {"catalog.bad_band", "must be a band number from 1 to {max}"},
    {"catalog.control_character",
     "holds a control character (U+{code}), which shows as nothing or as a box; remove it or write a space"},
    {"catalog.unpaired_surrogate",
     "holds half of a character (an unpaired UTF-16 surrogate, such as a cut emoji), shown as \u201C\uFFFD\u201D; "
     "write the whole character or remove the half"},
    {"catalog.glyph_missing",
     "{chars} cannot be drawn in {locale} (no font of the widget holds them) and show as boxes; use other characters "
     "or give this text in another locale's \"names\""},
});

template <std::size_t N>
int index_of(const std::string_view (&names)[N], std::string_view s) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == s) return static_cast<int>(i);
    return -1;
}

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Ids appear in orders, events and URLs: keep them to a safe, short alphabet.
bool is_valid_id(std::string_view s) {
    if (s.empty() || s.size() > kMaxIdLength) return false;
    if (!is_ascii_digit(s[0]) && !is_ascii_letter(s[0])) return false;
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return is_ascii_digit(c) || is_ascii_letter(c) || c == '-' || c == '_' || c == '.'; });
}

bool is_valid_phone(std::string_view s) {
    int digits = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (is_ascii_digit(c)) ++digits;
        else if (c == '+' && i == 0) continue;
        else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') return false;
    }
    return digits >= 5 && digits <= 20;
}

bool has_space_or_control(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; });
}

bool is_valid_email(std::string_view s) {
    const auto at = s.find('@');
    if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) return false;
    if (s.size() > 254 || has_space_or_control(s)) return false;
    const std::string_view domain = s.substr(at + 1);
    const auto dot = domain.find('.');
    return dot != std::string_view::npos && dot != 0 && domain.back() != '.';
}

bool is_valid_https_url(std::string_view s) {
    constexpr std::string_view scheme = "https://";
    if (s.size() <= scheme.size() || s.substr(0, scheme.size()) != scheme) return false;
    return !has_space_or_control(s) && s[scheme.size()] != '/';
}

// A rate as hosts write it: digits, optionally a '.' followed by digits ("0.0065", "9.12", "150").
// money's parser is more lenient (".5", "5."), which a catalogue should not rely on.
bool has_rate_shape(std::string_view s) {
    const auto dot = s.find('.');
    const std::string_view whole = s.substr(0, dot);
    const std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
    if (whole.empty() || !std::all_of(whole.begin(), whole.end(), is_ascii_digit)) return false;
    if (dot != std::string_view::npos && (fraction.empty() || !std::all_of(fraction.begin(), fraction.end(), is_ascii_digit)))
        return false;
    return true;
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
        if (!ok) error(where, "catalog.wrong_type", {{"expected", std::string(expected)}, {"found", std::string(json_type_name(v))}});
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
    // A required array that must not be empty.
    const json* list(const json& obj, const std::string& where, std::string_view key) {
        const json* v = array(obj, where, key, true);
        if (v && v->empty()) error(at(where, key), "catalog.empty_list", {{"field", std::string(key)}});
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

    // "names": translations of a name, keyed by a widget locale tag ("ja", "ko", "zh-Hans", "zh-Hant", "en").
    // A key the widget has no locale for is a warning (a newer widget may show it); the others must be
    // non-empty strings.
    Translations translations(const json& obj, const std::string& where) {
        Translations out;
        const json* names = object(obj, where, "names", false);
        if (!names) return out;
        const std::string names_where = at(where, "names");
        for (auto it = names->begin(); it != names->end(); ++it) {
            const std::string entry = at(names_where, it.key());
            const std::optional<Locale> locale = locale_from_tag(it.key());
            if (!locale) {
                warning(entry, "catalog.unknown_value", {{"value", quoted_in_problem(it.key())}, {"allowed", joined(kLocaleTags)}});
                continue;
            }
            if (auto text = string(*names, names_where, it.key(), true)) out.by_locale.emplace_back(*locale, *text);
        }
        return out;
    }

    std::optional<std::string> id(const json& obj, const std::string& where, std::string_view key) {
        auto s = string(obj, where, key, true);
        if (s && !is_valid_id(*s)) {
            error(at(where, key), "catalog.bad_id", {{"value", *s}});
            return std::nullopt;
        }
        return s;
    }

    std::optional<std::int64_t> integer(const json& obj, const std::string& where, std::string_view key, bool required,
                                        std::int64_t min, std::int64_t max) {
        const json* v = member(obj, where, key, required);
        if (!v) return std::nullopt;
        const std::string path = at(where, key);
        const std::string field(key);
        if (v->is_number_float()) {
            error(path, "catalog.not_integer", {{"field", field}});
            return std::nullopt;
        }
        if (!expect(*v, path, json::value_t::number_integer, "integer")) return std::nullopt;
        const auto out_of_range = [&] {
            error(path, "catalog.out_of_range", {{"field", field}, {"min", std::to_string(min)}, {"max", std::to_string(max)}});
            return std::nullopt;
        };
        if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) return out_of_range();
        const auto n = v->get<std::int64_t>();
        if (n < 0 && min >= 0) {
            error(path, "catalog.negative", {{"field", field}});
            return std::nullopt;
        }
        if (n < min || n > max) return out_of_range();
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
        // A charge of 0 cannot go through a payment provider; the cap keeps every later sum and conversion
        // far from int64 overflow.
        auto minor = integer(*obj, path, "minor", true, 1, INT64_MAX / 1000);
        auto code = currency(*obj, path, "currency");
        if (!minor || !code) return std::nullopt;
        return Money{*minor, *code};
    }

    // "HH:MM" in JST -> minutes after midnight; "24:00" only as a closing time.
    std::optional<int> clock(const json& obj, const std::string& where, std::string_view key, bool allow_24) {
        auto s = string(obj, where, key, true);
        if (!s) return std::nullopt;
        const std::string& t = *s;
        const bool shape = t.size() == 5 && t[2] == ':' && is_ascii_digit(t[0]) && is_ascii_digit(t[1]) &&
                           is_ascii_digit(t[3]) && is_ascii_digit(t[4]);
        const int h = shape ? (t[0] - '0') * 10 + (t[1] - '0') : -1;
        const int m = shape ? (t[3] - '0') * 10 + (t[4] - '0') : -1;
        if (!shape || m > 59 || h > 24 || (h == 24 && (m != 0 || !allow_24))) {
            error(at(where, key), "catalog.bad_time", {{"value", t}});
            return std::nullopt;
        }
        return h * 60 + m;
    }

    // A list of network names; duplicates are dropped. False when the list had a problem.
    bool networks(const json& arr, const std::string& where, std::vector<std::string>& out) {
        bool ok = true;
        if (arr.empty()) {
            error(where, "catalog.empty_list", {{"field", "networks"}});
            ok = false;
        }
        for (std::size_t i = 0; i < arr.size(); ++i) {
            const std::string nw = at(where, i);
            if (!expect(arr[i], nw, json::value_t::string, "string")) {
                ok = false;
                continue;
            }
            const auto& s = arr[i].get_ref<const std::string&>();
            if (index_of(kNetworks, s) < 0) {
                error(nw, "catalog.unknown_value", {{"value", s}, {"allowed", joined(kNetworks)}});
                ok = false;
            } else if (std::find(out.begin(), out.end(), s) == out.end()) {
                out.push_back(s);
            }
        }
        return ok;
    }
};

// What one section of the document tells the checks of a later one.
struct LoadState {
    std::vector<std::string> operators_with_pattern;            // ids whose "order_pattern" is present
    std::vector<std::pair<std::string, std::string>> price_currencies;  // each plan currency, first price pointer
};

Problem not_json_problem(std::string_view text) {
    const JsonSyntaxError e = find_json_syntax_error(text);
    return make_problem("", "catalog.not_json",
                        {{"offset", std::to_string(e.offset)},
                         {"line", std::to_string(e.line)},
                         {"column", std::to_string(e.column)},
                         {"reason", e.reason.empty() ? std::string("unexpected input") : e.reason}});
}

void load_operators(Checker& c, const json& root, Catalog& cat, LoadState& state) {
    const json* ops = c.list(root, "", "operators");
    if (!ops) return;
    std::map<std::string, std::string, std::less<>> seen;  // id -> pointer of first use
    for (std::size_t i = 0; i < ops->size(); ++i) {
        const std::string where = Checker::at("/operators", i);
        const json& o = (*ops)[i];
        if (!c.expect(o, where, json::value_t::object, "object")) continue;
        c.known_fields(o, where, {"id", "name", "support", "order_pattern"});
        Operator op;
        if (auto id = c.id(o, where, "id")) {
            if (auto [it, fresh] = seen.emplace(*id, where + "/id"); !fresh)
                c.error(where + "/id", "catalog.duplicate_id", {{"id", *id}, {"first", it->second}});
            op.id = *id;
        }
        op.name = c.string(o, where, "name", true).value_or("");
        if (const json* s = c.object(o, where, "support", true)) {
            const std::string sw = where + "/support";
            c.known_fields(*s, sw, {"phone", "email", "chat_url", "hours"});
            op.phone = c.string(*s, sw, "phone", false).value_or("");
            op.email = c.string(*s, sw, "email", false).value_or("");
            op.chat_url = c.string(*s, sw, "chat_url", false).value_or("");
            if (!op.phone.empty() && !is_valid_phone(op.phone)) c.error(sw + "/phone", "catalog.bad_phone", {{"value", op.phone}});
            if (!op.email.empty() && !is_valid_email(op.email)) c.error(sw + "/email", "catalog.bad_email", {{"value", op.email}});
            if (!op.chat_url.empty() && !is_valid_https_url(op.chat_url))
                c.error(sw + "/chat_url", "catalog.not_https", {{"value", op.chat_url}});
            if (!s->contains("phone") && !s->contains("email") && !s->contains("chat_url"))
                c.error(sw, "catalog.no_support_contact");
            if (const json* h = c.object(*s, sw, "hours", true)) {
                const std::string hw = sw + "/hours";
                c.known_fields(*h, hw, {"open", "close", "days"});
                auto open = c.clock(*h, hw, "open", /*allow_24=*/false);
                auto close = c.clock(*h, hw, "close", /*allow_24=*/true);
                // close < open means the hours run past midnight; equal means never open.
                if (open && close && *open == *close) {
                    const std::string hhmm = fmt::format("{:02}:{:02}", *open / 60, *open % 60);
                    c.error(hw + "/close", "catalog.bad_hours", {{"open", hhmm}, {"close", hhmm}});
                }
                op.hours.open_minute = open.value_or(0);
                op.hours.close_minute = close.value_or(0);
                auto days = c.choice(*h, hw, "days", false, kSupportDays);
                op.hours.days = kSupportDays[days.value_or(0)];
            }
        }
        if (auto pattern = c.string(o, where, "order_pattern", false)) {
            if (auto problem = check_order_pattern(*pattern, where + "/order_pattern")) c.problems.push_back(std::move(*problem));
            else op.order_pattern = *pattern;
        }
        if (o.contains("order_pattern")) state.operators_with_pattern.push_back(op.id);
        cat.operators.push_back(std::move(op));
    }
}

// What every plan of one product shares.
struct ProductContext {
    Plan defaults;
    bool card_known = false;                // "card" is valid: card-specific checks apply
    bool networks_reported = false;         // the product's "networks" already had a problem
    std::string currency, currency_where;   // the first plan's currency and its pointer
};

void load_plan(Checker& c, const json& p, const std::string& where, ProductContext& product, Catalog& cat,
               LoadState& state, std::map<std::string, std::string, std::less<>>& seen_ids) {
    if (!c.expect(p, where, json::value_t::object, "object")) return;
    c.known_fields(p, where, {"id", "name", "names", "kind", "days", "data", "speed_after_cap_kbps", "price", "refund",
                              "networks", "validity", "stacking", "starts", "late_fee_per_day",
                              "extension_notice_hours"});
    Plan plan = product.defaults;
    const bool wifi = product.card_known && plan.card == CardKind::wifi;
    bool ok = true;
    if (auto id = c.id(p, where, "id")) {
        if (auto [it, fresh] = seen_ids.emplace(*id, where + "/id"); !fresh) {
            c.error(where + "/id", "catalog.duplicate_id", {{"id", *id}, {"first", it->second}});
            ok = false;
        }
        plan.id = *id;
    } else {
        ok = false;
    }
    if (auto name = c.string(p, where, "name", true)) plan.name = *name; else ok = false;
    plan.names = c.translations(p, where);
    const auto kind = c.choice(p, where, "kind", true, kPlanKinds);
    if (kind) plan.kind = static_cast<PlanKind>(*kind); else ok = false;
    if (kind && plan.kind == PlanKind::rental_extension && product.card_known && !wifi) {
        c.error(where + "/kind", "catalog.rental_not_wifi");
        ok = false;
    }
    if (kind && wifi && (plan.kind == PlanKind::day_pass || plan.kind == PlanKind::monthly)) {
        c.error(where + "/kind", "catalog.wifi_needs_rental", {{"kind", std::string(to_string(plan.kind))}});
        ok = false;
    }
    const auto days = c.integer(p, where, "days", true, 0, 3650);
    if (days) {
        plan.days = static_cast<int>(*days);
        if (plan.days == 0 && kind && plan.kind != PlanKind::data_pack) {
            c.error(where + "/days", "catalog.zero_days");
            ok = false;
        }
    } else {
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
            if (kind && plan.kind == PlanKind::data_pack && days && plan.days == 0) {
                c.error(dw + "/unlimited", "catalog.unlimited_pack_needs_days");
                ok = false;
            }
            plan.data.fair_use_mb_per_day = c.integer(*d, dw, "fair_use_mb_per_day", false, 1, 10'000'000).value_or(0);
        } else {
            if (auto mb = c.integer(*d, dw, "mb", true, 1, 100'000'000)) plan.data.mb = *mb;
            else ok = false;
            if (d->contains("fair_use_mb_per_day")) {
                c.error(dw + "/fair_use_mb_per_day", "catalog.fair_use_without_unlimited");
                ok = false;
            }
        }
    } else {
        ok = false;
    }
    plan.speed_after_cap_kbps =
        static_cast<int>(c.integer(p, where, "speed_after_cap_kbps", false, 0, 10'000'000).value_or(0));
    if (auto price = c.money(p, where, "price", true)) {
        plan.price = *price;
        const std::string currency_where = where + "/price/currency";
        if (product.currency.empty()) {
            product.currency = price->currency;
            product.currency_where = currency_where;
        } else if (price->currency != product.currency) {
            c.error(currency_where, "catalog.mixed_currencies",
                    {{"currency", price->currency}, {"expected", product.currency}, {"first", product.currency_where}});
            ok = false;
        }
        auto& seen = state.price_currencies;
        if (std::none_of(seen.begin(), seen.end(), [&](const auto& e) { return e.first == price->currency; }))
            seen.emplace_back(price->currency, currency_where);
    } else {
        ok = false;
    }
    if (const json* r = c.object(p, where, "refund", true)) {
        const std::string rw = where + "/refund";
        c.known_fields(*r, rw, {"policy", "within_days"});
        const auto policy = c.choice(*r, rw, "policy", true, kRefundPolicies);
        if (policy) plan.refund.policy = static_cast<RefundPolicy>(*policy);
        else ok = false;
        if (policy && plan.refund.policy == RefundPolicy::none) {
            if (r->contains("within_days")) c.warning(rw + "/within_days", "catalog.refund_days_ignored");
        } else if (policy) {
            if (auto within = c.integer(*r, rw, "within_days", true, 1, 365)) plan.refund.within_days = static_cast<int>(*within);
            else ok = false;
        }
    } else {
        ok = false;
    }
    if (const json* n = c.array(p, where, "networks", false)) {
        plan.networks.clear();
        if (!c.networks(*n, where + "/networks", plan.networks)) ok = false;
    } else if (p.contains("networks")) {
        ok = false;
    } else if (plan.networks.empty() && !product.networks_reported && product.card_known && !wifi) {
        // A pocket WiFi is the operator's own device; a SIM or eSIM must say where it works.
        c.error(where + "/networks", "catalog.no_networks");
        ok = false;
    }
    if (auto v = c.choice(p, where, "validity", false, kValidityRules)) plan.validity = static_cast<ValidityRule>(*v);
    else if (p.contains("validity")) ok = false;
    if (auto s = c.choice(p, where, "stacking", false, kStackings)) plan.stacking = static_cast<Stacking>(*s);
    else if (p.contains("stacking")) ok = false;
    if (auto s = c.choice(p, where, "starts", false, kStartRules)) plan.starts = static_cast<StartRule>(*s);
    else if (p.contains("starts")) ok = false;
    if (plan.stacking == Stacking::replace && plan.starts == StartRule::after_current)
        c.warning(where + (p.contains("stacking") ? "/stacking" : "/starts"), "catalog.replace_after_current");
    if (p.contains("late_fee_per_day")) {
        if (auto fee = c.money(p, where, "late_fee_per_day", false)) {
            if (!plan.price.currency.empty() && fee->currency != plan.price.currency)
                c.error(where + "/late_fee_per_day/currency", "catalog.currency_differs", {{"currency", plan.price.currency}});
            plan.late_fee_per_day = *fee;
        } else {
            ok = false;
        }
        if (product.card_known && !wifi)
            c.warning(where + "/late_fee_per_day", "catalog.rental_field_ignored", {{"field", "late_fee_per_day"}});
    }
    if (p.contains("extension_notice_hours")) {
        plan.extension_notice_hours =
            static_cast<int>(c.integer(p, where, "extension_notice_hours", false, 0, 720).value_or(0));
        if (product.card_known && !wifi)
            c.warning(where + "/extension_notice_hours", "catalog.rental_field_ignored", {{"field", "extension_notice_hours"}});
    }
    if (ok) cat.plans.push_back(std::move(plan));
}

void load_products(Checker& c, const json& root, Catalog& cat, LoadState& state) {
    const json* products = c.list(root, "", "products");
    if (!products) return;
    std::map<std::string, std::string, std::less<>> product_ids, plan_ids;
    for (std::size_t i = 0; i < products->size(); ++i) {
        const std::string where = Checker::at("/products", i);
        const json& pr = (*products)[i];
        if (!c.expect(pr, where, json::value_t::object, "object")) continue;
        c.known_fields(pr, where, {"id", "operator", "card", "name", "names", "networks", "validity", "plans"});
        ProductContext product;
        Plan& defaults = product.defaults;
        if (auto id = c.id(pr, where, "id")) {
            if (auto [it, fresh] = product_ids.emplace(*id, where + "/id"); !fresh)
                c.error(where + "/id", "catalog.duplicate_id", {{"id", *id}, {"first", it->second}});
            defaults.product_id = *id;
        }
        defaults.product_name = c.string(pr, where, "name", true).value_or("");
        defaults.product_names = c.translations(pr, where);
        const Operator* op = nullptr;
        if (auto op_id = c.string(pr, where, "operator", true)) {
            op = cat.find_operator(*op_id);
            if (!op) c.error(where + "/operator", "catalog.unknown_operator", {{"id", *op_id}});
            defaults.operator_id = *op_id;
        }
        if (auto card = c.choice(pr, where, "card", true, kCardKindNames)) {
            defaults.card = static_cast<CardKind>(*card);
            product.card_known = true;
        }
        if (const json* n = c.array(pr, where, "networks", false)) {
            if (!c.networks(*n, where + "/networks", defaults.networks)) product.networks_reported = true;
        } else if (pr.contains("networks")) {
            product.networks_reported = true;
        }
        if (auto v = c.choice(pr, where, "validity", false, kValidityRules)) defaults.validity = static_cast<ValidityRule>(*v);
        if (op && product.card_known && defaults.card == CardKind::wifi) {
            const auto& with = state.operators_with_pattern;
            if (std::find(with.begin(), with.end(), op->id) == with.end())
                c.warning(where + "/operator", "catalog.no_order_pattern", {{"operator", op->id}});
        }
        const json* plans = c.list(pr, where, "plans");
        if (!plans) continue;
        for (std::size_t k = 0; k < plans->size(); ++k)
            load_plan(c, (*plans)[k], Checker::at(where + "/plans", k), product, cat, state, plan_ids);
    }
}

void load_payment_methods(Checker& c, const json& root, Catalog& cat) {
    const json* methods = c.list(root, "", "payment_methods");
    if (!methods) return;
    std::map<std::string, std::string, std::less<>> seen;
    for (std::size_t i = 0; i < methods->size(); ++i) {
        const std::string where = Checker::at("/payment_methods", i);
        if (!c.expect((*methods)[i], where, json::value_t::string, "string")) continue;
        const auto& m = (*methods)[i].get_ref<const std::string&>();
        if (m.empty()) {
            c.error(where, "catalog.empty", {{"field", "payment_methods"}});
            continue;
        }
        if (auto [it, fresh] = seen.emplace(m, where); !fresh) {
            c.warning(where, "catalog.duplicate_value", {{"value", m}, {"first", it->second}});
            continue;
        }
        // An unknown method is shown by its name; warn in case it is a typo.
        if (index_of(kPaymentMethods, m) < 0) c.warning(where, "catalog.unknown_payment_method", {{"value", m}});
        cat.payment_methods.push_back(m);
    }
}

void load_exchange_rates(Checker& c, const json& root, Catalog& cat, const LoadState& state) {
    const json* er = c.object(root, "", "exchange_rates", false);
    if (!er) return;
    const std::string where = "/exchange_rates";
    c.known_fields(*er, where, {"base", "as_of", "rates"});
    auto base = c.currency(*er, where, "base");
    auto as_of = c.string(*er, where, "as_of", true);
    if (as_of && !is_date_text(*as_of)) {
        c.error(where + "/as_of", "catalog.bad_date", {{"value", *as_of}});
        as_of.reset();
    }
    const json* rates = c.object(*er, where, "rates", true);
    if (rates && rates->empty()) c.error(where + "/rates", "catalog.empty_list", {{"field", "rates"}});
    if (base) {
        // Rates convert from the base only: a plan priced in another currency cannot be shown converted.
        for (const auto& [currency, first] : state.price_currencies)
            if (currency != *base)
                c.warning(where + "/base", "catalog.rates_base_mismatch", {{"base", *base}, {"currency", currency}});
    }
    if (!rates) return;
    cat.exchange_rates.base = base.value_or("");
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
        const auto& text = it->get_ref<const std::string&>();
        auto rate = has_rate_shape(text) ? parse_exchange_rate(text, cat.exchange_rates.base, it.key(), cat.exchange_rates.as_of)
                                         : Result<ExchangeRate>(make_problem("rate", "money.bad_rate"));
        if (!rate) c.error(rw, "catalog.bad_rate", {{"value", text}});
        else if (base) cat.exchange_rates.rates.push_back(std::move(rate).value());
    }
}

std::vector<int> load_bands(Checker& c, const json& d, const std::string& where, std::string_view key, int max_band,
                            bool non_empty) {
    std::vector<int> bands;
    const json* arr = non_empty ? c.list(d, where, key) : c.array(d, where, key, true);
    if (!arr) return bands;
    bands.reserve(arr->size());
    for (std::size_t i = 0; i < arr->size(); ++i) {
        const json& b = (*arr)[i];
        // is_number_integer() also holds for unsigned values, which may exceed int64: compare as unsigned then.
        const bool in_range = b.is_number_unsigned()   ? b.get<std::uint64_t>() >= 1 && b.get<std::uint64_t>() <= static_cast<std::uint64_t>(max_band)
                              : b.is_number_integer() ? b.get<std::int64_t>() >= 1 && b.get<std::int64_t>() <= max_band
                                                      : false;
        if (!in_range) {
            c.error(Checker::at(Checker::at(where, key), i), "catalog.bad_band", {{"max", std::to_string(max_band)}});
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
    std::map<std::string, std::string, std::less<>> seen;
    cat.devices.reserve(devices->size());
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
            if (auto [it, fresh] = seen.emplace(key, where + "/model"); !fresh)
                c.error(where + "/model", "catalog.duplicate_id", {{"id", dev.model}, {"first", it->second}});
        }
        dev.lte_bands = load_bands(c, d, where, "lte", 255, /*non_empty=*/true);  // Japan is LTE-only: no LTE, no service
        dev.nr_bands = load_bands(c, d, where, "nr", 512, /*non_empty=*/false);
        dev.esim = c.boolean(d, where, "esim", true).value_or(false);
        dev.note = c.string(d, where, "note", false, false).value_or("");
        cat.devices.push_back(std::move(dev));
    }
}

// A problem's place in the document, as the ordinal of each step of its pointer (member order in an object,
// index in an array). A step that does not exist (a missing field) sorts after everything in its parent.
std::vector<std::size_t> document_position(const json& root, std::string_view pointer) {
    std::vector<std::size_t> position;
    const json* node = &root;
    std::string token;
    std::size_t i = 0;
    while (node && i < pointer.size() && pointer[i] == '/') {
        const std::size_t end = std::min(pointer.find('/', i + 1), pointer.size());
        token.clear();
        for (std::size_t k = i + 1; k < end; ++k) {
            if (pointer[k] == '~' && k + 1 < end) {
                token += pointer[k + 1] == '1' ? '/' : '~';
                ++k;
            } else {
                token += pointer[k];
            }
        }
        i = end;
        const json* next = nullptr;
        std::size_t ordinal = node->size();
        if (node->is_object()) {
            std::size_t k = 0;
            for (auto it = node->begin(); it != node->end(); ++it, ++k) {
                if (it.key() == token) {
                    ordinal = k;
                    next = &*it;
                    break;
                }
            }
        } else if (node->is_array()) {
            std::size_t index = 0;
            const bool numeric = !token.empty() && token.size() < 10 && std::all_of(token.begin(), token.end(), is_ascii_digit);
            for (std::size_t k = 0; numeric && k < token.size(); ++k) index = index * 10 + static_cast<std::size_t>(token[k] - '0');
            if (numeric && index < node->size()) {
                ordinal = index;
                next = &(*node)[index];
            }
        } else {
            ordinal = 0;
        }
        position.push_back(ordinal);
        node = next;
    }
    return position;
}

void sort_in_document_order(const json& root, std::vector<Problem>& problems) {
    std::vector<std::pair<std::vector<std::size_t>, std::size_t>> keys;
    keys.reserve(problems.size());
    for (std::size_t i = 0; i < problems.size(); ++i) keys.emplace_back(document_position(root, problems[i].where), i);
    // Problems at the same place keep the order they were found in.
    std::stable_sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<Problem> sorted;
    sorted.reserve(problems.size());
    for (auto& key : keys) sorted.push_back(std::move(problems[key.second]));
    problems = std::move(sorted);
}

}  // namespace

std::string_view to_string(CardKind k) { return kCardKindNames[static_cast<int>(k)]; }

std::optional<CardKind> card_kind_from(std::string_view name) {
    for (std::size_t i = 0; i < std::size(kCardKindNames); ++i)
        if (kCardKindNames[i] == name) return static_cast<CardKind>(i);
    return std::nullopt;
}
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

namespace {

// Every string value under `value` with its JSON pointer; one in an entry of a "names" object with its key.
void collect_texts(const json& value, const std::string& pointer, const std::string& names_locale, bool in_names,
                   std::vector<CatalogText>& out) {
    if (value.is_string()) {
        out.push_back({pointer, value.get<std::string>(), names_locale});
    } else if (value.is_object()) {
        for (const auto& [key, item] : value.items())
            collect_texts(item, pointer + "/" + escape_pointer_token(key), in_names ? key : names_locale,
                          key == "names", out);
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            collect_texts(value[i], pointer + "/" + std::to_string(i), names_locale, false, out);
    }
}

void warn_control_characters(Checker& c, const CatalogText& t) {
    for (std::size_t i = 0; i < t.text.size(); ++i) {
        const auto b = static_cast<unsigned char>(t.text[i]);
        unsigned code = b < 0x20 || b == 0x7F ? b : 0x100;
        // U+0080-U+009F: C2 80 - C2 9F in UTF-8.
        if (b == 0xC2 && i + 1 < t.text.size() && static_cast<unsigned char>(t.text[i + 1]) <= 0x9F &&
            static_cast<unsigned char>(t.text[i + 1]) >= 0x80)
            code = static_cast<unsigned char>(t.text[i + 1]);
        if (code < 0x100) {
            c.warning(t.pointer, "catalog.control_character", {{"code", fmt::format("{:04X}", code)}});
            return;  // one warning per string
        }
    }
}

// Each string value that holds kUnpairedSurrogateMark gets U+FFFD in its place (what a browser shows for half a
// character); their pointers, for one warning each.
void replace_surrogate_marks(json& value, const std::string& pointer, std::set<std::string>& pointers) {
    if (value.is_string()) {
        auto& s = value.get_ref<std::string&>();
        for (auto at = s.find(kUnpairedSurrogateMark); at != std::string::npos; at = s.find(kUnpairedSurrogateMark, at)) {
            s.replace(at, kUnpairedSurrogateMark.size(), "\uFFFD");
            pointers.insert(pointer);
        }
    } else if (value.is_object()) {
        for (auto& [key, item] : value.items()) replace_surrogate_marks(item, pointer + "/" + escape_pointer_token(key), pointers);
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            replace_surrogate_marks(value[i], pointer + "/" + std::to_string(i), pointers);
    }
}

std::vector<CatalogText> texts_of(const json& root) {
    std::vector<CatalogText> out;
    collect_texts(root, "", std::string(), false, out);
    return out;
}

}  // namespace

bool shown_in(const CatalogText& text, Locale locale) {
    return text.names_locale.empty() || text.names_locale == locale_tag(locale);
}

CatalogLoad load_catalog(std::string_view json_text) {
    CatalogLoad result;
    const std::optional<std::string> marked = with_unpaired_surrogates_marked(json_text);
    if (marked) json_text = *marked;
    json root = json::parse(json_text.begin(), json_text.end(), nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded()) {
        result.problems.push_back(not_json_problem(json_text));
        return result;
    }
    std::set<std::string> half_characters;  // pointers of the strings that held an unpaired surrogate
    if (marked) replace_surrogate_marks(root, "", half_characters);
    Checker c;
    if (!c.expect(root, "", json::value_t::object, "object")) {
        result.problems = std::move(c.problems);
        return result;
    }
    Catalog cat;
    LoadState state;
    if (auto v = c.integer(root, "", "version", true, INT64_MIN, INT64_MAX); v && *v != kCatalogVersion) {
        // Another version's fields mean other things: checking them against v1 would only bury this message.
        c.error("/version", "catalog.unsupported_version",
                {{"found", std::to_string(*v)}, {"supported", std::to_string(kCatalogVersion)}});
        result.problems = std::move(c.problems);
        return result;
    }
    c.known_fields(root, "", {"$schema", "version", "name", "operators", "products", "payment_methods",
                              "exchange_rates", "devices"});
    cat.name = c.string(root, "", "name", false).value_or("");
    load_operators(c, root, cat, state);
    load_products(c, root, cat, state);
    load_payment_methods(c, root, cat);
    load_exchange_rates(c, root, cat, state);
    load_devices(c, root, cat);
    result.texts = texts_of(root);
    for (const auto& t : result.texts) {
        // A string the checks above already reported (an id, a pattern) is not reported twice.
        const bool reported = std::any_of(c.problems.begin(), c.problems.end(),
                                          [&](const Problem& p) { return p.where == t.pointer; });
        if (reported) continue;
        if (half_characters.count(t.pointer)) c.warning(t.pointer, "catalog.unpaired_surrogate");
        else warn_control_characters(c, t);
    }
    sort_in_document_order(root, c.problems);
    result.problems = std::move(c.problems);
    if (result.error_count() == 0) result.catalog = std::move(cat);
    return result;
}

std::optional<Problem> check_order_pattern(std::string_view pattern, std::string where) {
    if (pattern.size() > kMaxOrderPatternLength)
        return make_problem(std::move(where), "catalog.mask_too_long", {{"max", std::to_string(kMaxOrderPatternLength)}});
    bool placeholder = false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char ch = pattern[i];
        if (ch < 0x20 || ch > 0x7e)
            return make_problem(std::move(where), "catalog.mask_bad_char", {{"position", std::to_string(i + 1)}});
        if (ch == '\\') {
            if (i + 1 == pattern.size()) return make_problem(std::move(where), "catalog.mask_trailing_escape");
            ++i;  // the quoted character is checked on the next turn only for its range
            if (pattern[i] < 0x20 || pattern[i] > 0x7e)
                return make_problem(std::move(where), "catalog.mask_bad_char", {{"position", std::to_string(i + 1)}});
        } else if (ch == '#' || ch == '@' || ch == '*') {
            placeholder = true;
        }
    }
    if (!placeholder) return make_problem(std::move(where), "catalog.mask_no_placeholder");
    return std::nullopt;
}

bool matches_order_pattern(std::string_view pattern, std::string_view text) {
    if (check_order_pattern(pattern, std::string()).has_value()) return false;
    std::size_t t = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i, ++t) {
        if (t >= text.size()) return false;
        const char ch = pattern[i];
        const char got = text[t];
        if (ch == '\\') {
            if (ascii_lower(pattern[++i]) != ascii_lower(got)) return false;
        } else if (ch == '#') {
            if (!is_ascii_digit(got)) return false;
        } else if (ch == '@') {
            if (!is_ascii_letter(got)) return false;
        } else if (ch == '*') {
            if (!is_ascii_digit(got) && !is_ascii_letter(got)) return false;
        } else if (ascii_lower(ch) != ascii_lower(got)) {
            return false;
        }
    }
    return t == text.size();
}

std::span<const std::string_view> catalog_message_ids() { return kMessages.ids(); }

std::string_view catalog_message_template(std::string_view message_id) { return kMessages.text(message_id); }

std::string catalog_problem_text(const Problem& p) {
    const std::string_view text = catalog_message_template(p.message_id);
    if (text.empty()) return p.message_id;
    std::string out;
    append_rendered(out, text, p.args);
    return out;
}

std::string describe_catalog_problem(const Problem& p) {
    const std::string where = p.where.empty() ? "(document)" : p.where;
    return fmt::format("{}: {}", where, catalog_problem_text(p));
}

std::string catalog_problem_message(const Problem& p) {
    return p.message_id == "catalog.fetch_failed" ? p.arg("reason") : describe_catalog_problem(p);
}

}  // namespace tabi
