// Index of this file:
// - the message table (kMessages: every order.* id with its English text) and the state and status names
// - money and item JSON helpers
// - states: the transition table
// - building: make_order, order_for_choice
// - steps: confirm, payment results, retries
// - JSON out: what the host receives
// - storage: the pending-order record and its restore

#include "core/order.h"
#include "core/json_syntax.h"
#include "core/module_messages.h"

#include <algorithm>
#include <array>
#include <limits>

#include <nlohmann/json.hpp>

namespace tabi {

// One JSON type in the whole build (ordered: hosts read members in the order we write them); a second
// instantiation of nlohmann would double its share of the wasm.
using json = nlohmann::ordered_json;
using ordered_json = nlohmann::ordered_json;

namespace {

constexpr std::string_view kStateNames[] = {"draft",  "confirmed", "awaiting_payment", "renewed",
                                            "failed", "cancelled", "pending"};
constexpr std::string_view kStatusNames[] = {"succeeded", "failed", "cancelled", "pending"};

// Crockford base 32: digits and upper-case letters without I, L, O and U, so an id read aloud on the phone
// has no letter that looks or sounds like a digit.
constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// English templates of every message this module reports; the catalogues in messages/ are written from these.
constexpr ModuleMessages kMessages({
    {"order.transition.not_allowed", "The order is {state}, so the step \"{action}\" is not possible now."},
    {"order.entropy.not_hex",
     "The random data for the order number is not hexadecimal (character {position}); reload the page and try again."},
    {"order.entropy.too_short",
     "The random data for the order number has {got} hex digits but needs {needed}; reload the page and try again."},
    {"order.entropy.weak",
     "The random data for the order number is all one digit, so the browser's random source did not work; reload "
     "the page and try again."},
    {"order.entropy.reused",
     "The new payment attempt would reuse the last attempt's key, so the payment could not be tried again; reload the "
     "page and try again."},
    {"order.items.empty", "The order has no plan in it; choose a plan first."},
    {"order.items.too_many", "The order has {count} items, but one order holds at most {max}; remove some."},
    {"order.items.mixed_currency",
     "This plan is priced in {currency} but the order is in {expected}; one order is paid in one currency, so buy it "
     "in a separate order."},
    {"order.item.missing_plan", "An item of the order has no plan id; choose the plan again."},
    {"order.item.bad_quantity", "The quantity {quantity} is not possible; choose from 1 to {max}."},
    {"order.item.negative_price",
     "The price {amount} {currency} is negative, so the plan catalogue is wrong; contact the site owner."},
    {"order.item.unknown_currency",
     "The currency \"{currency}\" is not an ISO 4217 code, so the plan catalogue is wrong; contact the site owner."},
    {"order.card.missing", "The card's number is missing from the order; enter it again."},
    {"order.card.not_masked",
     "The card's number must be kept masked (at most 4 characters visible) in an order; enter it again."},
    {"order.result.too_large",
     "The site's payment answer is longer than {max} bytes and was ignored; contact support with your order number."},
    {"order.result.not_json",
     "The site's payment answer is not valid JSON (at byte {offset}) and was ignored; contact support with your "
     "order number."},
    {"order.result.missing_field",
     "The site's payment answer has no \"{field}\" and was ignored; contact support with your order number."},
    {"order.result.wrong_type",
     "In the site's payment answer this value should be {expected} but is {found}; the answer was ignored. Contact "
     "support with your order number."},
    {"order.result.unknown_status",
     "The site's payment answer has the status \"{status}\", which is not succeeded, failed, cancelled or pending; it "
     "was ignored. Contact support with your order number."},
    {"order.result.too_long",
     "The \"{field}\" of the site's payment answer is longer than {max} bytes; the answer was ignored."},
    {"order.result.bad_expiry",
     "The new expiry \"{text}\" in the site's payment answer is not an ISO 8601 date and time; the answer was "
     "ignored. Contact support with your order number."},
    {"order.result.wrong_order",
     "A payment answer for order {received} arrived, but this order is {expected}; it was ignored."},
    {"order.result.stale_attempt",
     "A payment answer for an earlier payment attempt of this order arrived late; it was ignored."},
    {"order.result.not_awaiting",
     "A payment answer arrived while the order is {state} and not waiting for a payment; it was ignored."},
    {"order.result.already_settled",
     "A different payment answer arrived for an order that is already {state}; it was ignored. If you were charged "
     "twice, contact support with your order number."},
    {"order.result.wrong_currency",
     "The site's payment answer is in {received} but the order is in {expected}; it was ignored. Contact support "
     "with your order number before paying again."},
    {"order.result.wrong_amount",
     "The site's payment answer is for {received} {currency} but the order total is {expected} {currency}; it was "
     "ignored. Contact support with your order number before paying again."},
    {"order.restore.too_large", "The saved order is larger than {max} bytes, so it was not restored."},
    {"order.restore.not_json", "The saved order is damaged or cut short (at byte {offset}), so it was not restored."},
    {"order.restore.not_an_order", "The saved data is not a Tabi Renew order, so it was not restored."},
    {"order.restore.future_version",
     "The saved order was written by a newer version (format {version}; this one reads {supported}), so it was not "
     "restored; reload the page to get the newer version."},
    {"order.restore.bad_version", "The saved order has the format version {version}, which does not exist."},
    {"order.restore.foreign",
     "The saved order belongs to another shop or page ({namespace}), so it was not restored here."},
    {"order.restore.missing_field", "The saved order has no \"{field}\", so it was not restored."},
    {"order.restore.wrong_type",
     "In the saved order this value should be {expected} but is {found}, so it was not restored."},
    {"order.restore.unknown_state", "The saved order has the unknown state \"{state}\", so it was not restored."},
    {"order.restore.unknown_card_kind",
     "The saved order has the unknown card kind \"{kind}\", so it was not restored."},
    {"order.restore.line_total_mismatch",
     "In the saved order an item's total is {found} but its price times its quantity is {expected}, so it was not "
     "restored."},
    {"order.restore.total_mismatch",
     "The saved order's total is {found} but its items add up to {expected}, so it was not restored."},
    {"order.restore.bad_order_id", "The saved order's order number is not valid, so it was not restored."},
    {"order.restore.bad_idempotency_key", "The saved order's payment key is not valid, so it was not restored."},
    {"order.restore.bad_attempt",
     "The saved order's payment attempt number {attempt} is not possible, so it was not restored."},
    {"order.restore.bad_timestamps",
     "The saved order's creation and change times are not possible, so it was not restored."},
});

constexpr std::string_view kRecordFormat = "tabi-renew-order";
// Limits on text from outside (host answers, stored records): far above any real value, low enough that a
// hostile or corrupted input cannot make a phone allocate much.
constexpr std::size_t kMaxResultBytes = 16 * 1024;
constexpr std::size_t kMaxRecordBytes = 64 * 1024;
constexpr std::size_t kMaxReferenceBytes = 200;
constexpr std::size_t kMaxReasonBytes = 500;
// mask_identifier() (identifier.h) leaves at most 4 characters of an identifier visible.
constexpr std::size_t kMaxVisibleInMask = 4;

constexpr std::size_t kKeyHexDigits = 32;
constexpr std::size_t kOrderIdHexDigits = 10;  // 40 bits = 8 Crockford characters

std::string child(std::string_view where, std::string_view key) {
    std::string out(where);
    out += '/';
    out += escape_pointer_token(key);
    return out;
}

std::string child(std::string_view where, std::size_t index) {
    std::string out(where);
    out += '/';
    out += std::to_string(index);
    return out;
}

std::string dump(const ordered_json& j) {
    // replace: text from outside that is not valid UTF-8 must not make dump() throw (or abort in the wasm build).
    return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

// 0-based byte offset of the first syntax error.
std::size_t parse_error_offset(std::string_view text) { return find_json_syntax_error(text).offset; }

// Typed, non-throwing access to a JSON object. The first problem is kept; message ids are
// "<prefix>.missing_field" and "<prefix>.wrong_type" so host answers and stored records each get their own.
class Reader {
public:
    explicit Reader(std::string_view id_prefix) : prefix_(id_prefix) {}

    std::optional<Problem> problem;
    bool ok() const { return !problem.has_value(); }

    void fail(std::string where, std::string_view id, std::vector<MessageArg> args = {}) {
        if (!problem) problem = make_problem(std::move(where), std::string(id), std::move(args));
    }

    // The member, nullptr when absent (or null and optional). Reports a missing required member.
    const json* member(const json& obj, std::string_view where, std::string_view key, bool required) {
        if (!ok()) return nullptr;
        const auto it = obj.find(key);
        if (it == obj.end() || (!required && it->is_null())) {
            if (required) fail(child(where, key), id("missing_field"), {{"field", std::string(key)}});
            return nullptr;
        }
        return &*it;
    }

    bool expect(const json& v, const std::string& where, json::value_t type, std::string_view expected) {
        if (!ok()) return false;
        const bool matches = type == json::value_t::number_integer ? v.is_number_integer() : v.type() == type;
        if (!matches)
            fail(where, id("wrong_type"), {{"expected", std::string(expected)}, {"found", std::string(json_type_name(v))}});
        return matches;
    }

    const json* object(const json& obj, std::string_view where, std::string_view key, bool required) {
        const json* v = member(obj, where, key, required);
        if (v && !expect(*v, child(where, key), json::value_t::object, "object")) return nullptr;
        return v;
    }

    const json* array(const json& obj, std::string_view where, std::string_view key, bool required) {
        const json* v = member(obj, where, key, required);
        if (v && !expect(*v, child(where, key), json::value_t::array, "array")) return nullptr;
        return v;
    }

    std::optional<std::string> string(const json& obj, std::string_view where, std::string_view key, bool required) {
        const json* v = member(obj, where, key, required);
        if (!v || !expect(*v, child(where, key), json::value_t::string, "string")) return std::nullopt;
        return v->get_ref<const std::string&>();
    }

    std::optional<std::int64_t> integer(const json& obj, std::string_view where, std::string_view key, bool required) {
        const json* v = member(obj, where, key, required);
        if (!v || !expect(*v, child(where, key), json::value_t::number_integer, "integer")) return std::nullopt;
        if (v->is_number_unsigned()) {
            const auto u = v->get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
                fail(child(where, key), id("wrong_type"), {{"expected", "integer"}, {"found", "integer"}});
                return std::nullopt;
            }
            return static_cast<std::int64_t>(u);
        }
        return v->get<std::int64_t>();
    }

    // {"currency", "minor"}
    std::optional<Money> money(const json& obj, std::string_view where, std::string_view key, bool required) {
        const json* v = object(obj, where, key, required);
        if (!v) return std::nullopt;
        const std::string at = child(where, key);
        auto currency = string(*v, at, "currency", true);
        auto minor = integer(*v, at, "minor", true);
        if (!currency || !minor) return std::nullopt;
        return Money{*minor, std::move(*currency)};
    }

private:
    std::string id(std::string_view suffix) const {
        std::string out(prefix_);
        out += '.';
        out += suffix;
        return out;
    }
    std::string_view prefix_;
};

ordered_json money_json(const Money& m, bool with_value) {
    ordered_json j;
    j["currency"] = m.currency;
    j["minor"] = m.minor;
    if (with_value) j["value"] = to_decimal_string(m);
    return j;
}

ordered_json payment_amount_json(const Money& m) {
    ordered_json j;
    j["currency"] = m.currency;
    j["value"] = to_decimal_string(m);
    return j;
}

// The Payment Request sheet's total label in the order's locale (the sheet is drawn by the browser, not by us).
std::string_view total_label(std::string_view locale) {
    if (locale.starts_with("ja")) return "合計";
    if (locale.starts_with("ko")) return "합계";
    if (locale == "zh-Hant" || locale.starts_with("zh-Hant") || locale.starts_with("zh-TW") ||
        locale.starts_with("zh-HK") || locale.starts_with("zh-MO"))
        return "合計";
    if (locale.starts_with("zh")) return "合计";
    return "Total";
}

std::optional<PaymentStatus> payment_status_from_string(std::string_view s) {
    for (std::size_t i = 0; i < std::size(kStatusNames); ++i)
        if (kStatusNames[i] == s) return static_cast<PaymentStatus>(i);
    return std::nullopt;
}

Problem not_allowed(std::string_view action, OrderState state) {
    return make_problem("state", "order.transition.not_allowed",
                        {{"action", std::string(action)}, {"state", std::string(to_string(state))}});
}

// The idempotency key and the order id drawn from caller-supplied random hex digits.
struct DrawnIds {
    std::string key;
    std::string order_id;
};

Result<DrawnIds> draw_ids(std::string_view entropy_hex) {
    for (std::size_t i = 0; i < entropy_hex.size(); ++i)
        if (hex_value(entropy_hex[i]) < 0)
            return make_problem("entropy", "order.entropy.not_hex", {{"position", std::to_string(i)}});
    if (entropy_hex.size() < kOrderEntropyHexDigits)
        return make_problem("entropy", "order.entropy.too_short",
                            {{"needed", std::to_string(kOrderEntropyHexDigits)},
                             {"got", std::to_string(entropy_hex.size())}});
    // A caller that forgot to fill its buffer passes all zeros: never mint a predictable key from that.
    bool all_same = true;
    for (std::size_t i = 1; i < kOrderEntropyHexDigits; ++i) all_same = all_same && entropy_hex[i] == entropy_hex[0];
    if (all_same) return make_problem("entropy", "order.entropy.weak");

    constexpr std::string_view kHex = "0123456789abcdef";
    DrawnIds ids;
    // UUID v4 layout: version nibble 4 at position 12, variant bits 10xx at position 16.
    ids.key.reserve(36);
    for (std::size_t i = 0; i < kKeyHexDigits; ++i) {
        int v = hex_value(entropy_hex[i]);
        if (i == 12) v = 4;
        if (i == 16) v = (v & 0x3) | 0x8;
        if (i == 8 || i == 12 || i == 16 || i == 20) ids.key += '-';
        ids.key += kHex[static_cast<std::size_t>(v)];
    }
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < kOrderIdHexDigits; ++i)
        bits = (bits << 4) | static_cast<std::uint64_t>(hex_value(entropy_hex[kKeyHexDigits + i]));
    ids.order_id = "TR-";
    for (int i = 7; i >= 0; --i) {
        ids.order_id += kCrockford[(bits >> (5 * i)) & 0x1f];
        if (i == 4) ids.order_id += '-';
    }
    return ids;
}

// Line totals and the order total, checked. `where` prefixes the pointers ("" for make_order, "/order" for restore).
Result<Order> build_order(std::span<const OrderLine> lines, OrderCard card, std::string locale, UnixSeconds now,
                          std::string_view where) {
    const std::string items_at = child(where, "items");
    if (lines.empty()) return make_problem(items_at, "order.items.empty");
    if (lines.size() > kMaxOrderItems)
        return make_problem(items_at, "order.items.too_many",
                            {{"count", std::to_string(lines.size())}, {"max", std::to_string(kMaxOrderItems)}});
    Order order;
    order.items.reserve(lines.size());
    order.total = Money{0, lines.front().unit_price.currency};
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const OrderLine& line = lines[i];
        const std::string at = child(items_at, i);
        if (line.plan_id.empty()) return make_problem(at + "/planId", "order.item.missing_plan");
        if (line.quantity < 1 || line.quantity > kMaxItemQuantity)
            return make_problem(at + "/quantity", "order.item.bad_quantity",
                                {{"quantity", std::to_string(line.quantity)},
                                 {"max", std::to_string(kMaxItemQuantity)}});
        if (!currency_exponent(line.unit_price.currency))
            return make_problem(at + "/unitPrice/currency", "order.item.unknown_currency",
                                {{"currency", line.unit_price.currency}});
        if (line.unit_price.minor < 0)
            return make_problem(at + "/unitPrice/minor", "order.item.negative_price",
                                {{"amount", to_decimal_string(line.unit_price)},
                                 {"currency", line.unit_price.currency}});
        if (line.unit_price.currency != order.total.currency)
            return make_problem(at + "/unitPrice/currency", "order.items.mixed_currency",
                                {{"currency", line.unit_price.currency}, {"expected", order.total.currency}});
        auto line_total = multiply(line.unit_price, line.quantity);
        if (!line_total) return make_problem(at + "/lineTotal", "money.overflow");
        auto sum = add(order.total, *line_total);
        if (!sum) return make_problem(child(where, "total"), "money.overflow");
        order.total = std::move(sum).value();
        order.items.push_back(
            OrderItem{line, std::move(line_total).value()});
    }
    if (card.masked_id.empty()) return make_problem(child(where, "card") + "/maskedId", "order.card.missing");
    if (!is_masked_identifier(card.masked_id))
        return make_problem(child(where, "card") + "/maskedId", "order.card.not_masked");
    order.card = std::move(card);
    order.locale = locale.empty() ? std::string("en") : std::move(locale);
    order.created_at = now;
    order.updated_at = now;
    return order;
}

// {"orderId", "status", "reference"?, "reason"?, "newExpiry"?, "total"?, "idempotencyKey"?} at `where`.
std::optional<PaymentResult> read_payment_result(Reader& r, const json& obj, std::string_view where) {
    PaymentResult result;
    auto order_id = r.string(obj, where, "orderId", true);
    auto status = r.string(obj, where, "status", true);
    auto reference = r.string(obj, where, "reference", false);
    auto reason = r.string(obj, where, "reason", false);
    auto new_expiry = r.string(obj, where, "newExpiry", false);
    auto total = r.money(obj, where, "total", false);
    auto key = r.string(obj, where, "idempotencyKey", false);
    if (!r.ok()) return std::nullopt;
    const auto parsed_status = payment_status_from_string(*status);
    if (!parsed_status) {
        r.fail(child(where, "status"), "order.result.unknown_status", {{"status", *status}});
        return std::nullopt;
    }
    if (reference && reference->size() > kMaxReferenceBytes) {
        r.fail(child(where, "reference"), "order.result.too_long",
               {{"field", "reference"}, {"max", std::to_string(kMaxReferenceBytes)}});
        return std::nullopt;
    }
    if (reason && reason->size() > kMaxReasonBytes) {
        r.fail(child(where, "reason"), "order.result.too_long",
               {{"field", "reason"}, {"max", std::to_string(kMaxReasonBytes)}});
        return std::nullopt;
    }
    if (new_expiry) {
        auto instant = parse_iso8601(*new_expiry);
        if (!instant) {
            r.fail(child(where, "newExpiry"), "order.result.bad_expiry", {{"text", *new_expiry}});
            return std::nullopt;
        }
        result.new_expiry = *instant;
    }
    result.order_id = std::move(*order_id);
    result.status = *parsed_status;
    if (reference) result.reference = std::move(*reference);
    if (reason) result.reason = std::move(*reason);
    result.total = std::move(total);
    if (key) result.idempotency_key = std::move(*key);
    return result;
}

ordered_json payment_result_json(const PaymentResult& result) {
    ordered_json j;
    j["orderId"] = result.order_id;
    j["status"] = to_string(result.status);
    if (!result.reference.empty()) j["reference"] = result.reference;
    if (!result.reason.empty()) j["reason"] = result.reason;
    if (result.new_expiry) j["newExpiry"] = format_iso8601_utc(*result.new_expiry);
    if (result.total) j["total"] = money_json(*result.total, false);
    if (!result.idempotency_key.empty()) j["idempotencyKey"] = result.idempotency_key;
    return j;
}

ordered_json item_json(const OrderItem& item, bool with_value) {
    ordered_json j;
    j["planId"] = item.plan_id;
    j["name"] = item.name;
    j["quantity"] = item.quantity;
    j["unitPrice"] = money_json(item.unit_price, with_value);
    j["lineTotal"] = money_json(item.line_total, with_value);
    return j;
}

}  // namespace

// ---------------------------------------------------------------------------------------------- states

std::string_view to_string(OrderState s) { return kStateNames[static_cast<int>(s)]; }

std::optional<OrderState> order_state_from_string(std::string_view s) {
    for (std::size_t i = 0; i < std::size(kStateNames); ++i)
        if (kStateNames[i] == s) return static_cast<OrderState>(i);
    return std::nullopt;
}

std::string_view to_string(PaymentStatus s) { return kStatusNames[static_cast<int>(s)]; }

bool is_final(OrderState s) { return s == OrderState::renewed; }

bool needs_host_check(OrderState s) { return s == OrderState::awaiting_payment || s == OrderState::pending; }

bool transition_allowed(OrderState from, OrderState to) {
    using S = OrderState;
    switch (from) {
        case S::draft: return to == S::confirmed;
        case S::confirmed: return to == S::awaiting_payment;
        case S::awaiting_payment:
            return to == S::awaiting_payment || to == S::renewed || to == S::failed || to == S::cancelled ||
                   to == S::pending;
        case S::pending: return to == S::pending || to == S::renewed || to == S::failed || to == S::cancelled;
        case S::failed:
        case S::cancelled: return to == S::confirmed || to == S::renewed || to == S::pending;  // reconcile
        case S::renewed: return false;
    }
    return false;
}

bool transition_starts_new_key(OrderState from, OrderState to) {
    return (from == OrderState::draft || from == OrderState::failed || from == OrderState::cancelled) &&
           to == OrderState::confirmed;
}

// ---------------------------------------------------------------------------------------------- building

OrderLine order_line_from_plan(const Plan& plan, std::int64_t quantity, Locale locale) {
    return OrderLine{plan.id, plan.name_in(locale), quantity, plan.price};
}

bool is_masked_identifier(std::string_view text) {
    bool has_mask = false;
    std::size_t visible = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) ++visible;
        if (c == '*') has_mask = true;
        // U+2022 BULLET (E2 80 A2) and U+2026 HORIZONTAL ELLIPSIS (E2 80 A6) in UTF-8.
        if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < text.size() &&
            static_cast<unsigned char>(text[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(text[i + 2]) == 0xA2 || static_cast<unsigned char>(text[i + 2]) == 0xA6))
            has_mask = true;
    }
    return has_mask && visible <= kMaxVisibleInMask;
}

std::vector<PlanQuantity> chosen_in_catalog_order(const Catalog& catalog, const std::map<std::string, int>& chosen) {
    std::vector<PlanQuantity> out;
    for (const Plan& p : catalog.plans) {
        const auto it = chosen.find(p.id);
        if (it != chosen.end()) out.push_back(PlanQuantity{&p, it->second});
    }
    return out;
}

Result<Order> order_for_choice(const Catalog& catalog, const std::map<std::string, int>& chosen, OrderCard card,
                               Locale locale, UnixSeconds now) {
    std::vector<OrderLine> lines;
    for (const PlanQuantity& c : chosen_in_catalog_order(catalog, chosen))
        lines.push_back(order_line_from_plan(*c.plan, c.quantity, locale));
    return make_order(lines, std::move(card), std::string(locale_tag(locale)), now);
}

Result<Order> make_order(std::span<const OrderLine> lines, OrderCard card, std::string locale, UnixSeconds now) {
    return build_order(lines, std::move(card), std::move(locale), now, "");
}

bool is_valid_order_id(std::string_view id) {
    if (id.size() != 12 || !id.starts_with("TR-") || id[7] != '-') return false;
    for (std::size_t i = 3; i < id.size(); ++i)
        if (i != 7 && kCrockford.find(id[i]) == std::string_view::npos) return false;
    return true;
}

bool is_valid_idempotency_key(std::string_view key) {
    if (key.size() != 36) return false;
    for (std::size_t i = 0; i < key.size(); ++i) {
        const char c = key[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return key[14] == '4' && (key[19] == '8' || key[19] == '9' || key[19] == 'a' || key[19] == 'b');
}

// ---------------------------------------------------------------------------------------------- steps
// updated_at never moves back: a clock set back (by the traveller, or corrected by the network) would otherwise
// write a record with updatedAt before createdAt, which restore_order refuses as tampered, losing the order on the
// next reload (found by the payment chaos test, tests/core/payment_chaos_test.cpp).

Result<Transition> confirm(Order& order, std::string_view entropy_hex, UnixSeconds now) {
    if (order.state != OrderState::draft) return not_allowed("confirm", order.state);
    auto ids = draw_ids(entropy_hex);
    if (!ids) return ids.problem();
    order.id = std::move(ids.value().order_id);
    order.idempotency_key = std::move(ids.value().key);
    order.attempt = 1;
    order.state = OrderState::confirmed;
    order.updated_at = std::max(order.updated_at, now);
    return Transition{OrderState::draft, OrderState::confirmed, true, false};
}

Result<Transition> request_payment(Order& order, UnixSeconds now) {
    if (order.state != OrderState::confirmed) return not_allowed("request_payment", order.state);
    order.state = OrderState::awaiting_payment;
    order.updated_at = std::max(order.updated_at, now);
    return Transition{OrderState::confirmed, OrderState::awaiting_payment, false, false};
}

Result<Transition> resend_payment(Order& order, UnixSeconds now) {
    if (!needs_host_check(order.state)) return not_allowed("resend_payment", order.state);
    order.updated_at = std::max(order.updated_at, now);
    return Transition{order.state, order.state, false, false};
}

Result<Transition> retry(Order& order, std::string_view entropy_hex, UnixSeconds now) {
    if (order.state != OrderState::failed && order.state != OrderState::cancelled)
        return not_allowed("retry", order.state);
    auto ids = draw_ids(entropy_hex);
    if (!ids) return ids.problem();
    // The same random digits again would give the same key, which the host has already settled.
    if (ids->key == order.idempotency_key) return make_problem("entropy", "order.entropy.reused");
    const OrderState from = order.state;
    order.idempotency_key = std::move(ids.value().key);
    order.attempt += 1;
    order.state = OrderState::confirmed;
    order.host_reference.clear();
    order.failure_reason.clear();
    order.updated_at = std::max(order.updated_at, now);
    return Transition{from, OrderState::confirmed, true, false};
}

Result<PaymentResult> parse_payment_result(std::string_view json_text) {
    if (json_text.size() > kMaxResultBytes)
        return make_problem("", "order.result.too_large", {{"max", std::to_string(kMaxResultBytes)}});
    const json root = json::parse(json_text.begin(), json_text.end(), nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded())
        return make_problem("", "order.result.not_json", {{"offset", std::to_string(parse_error_offset(json_text))}});
    Reader r("order.result");
    if (!r.expect(root, "", json::value_t::object, "object")) return *r.problem;
    auto result = read_payment_result(r, root, "");
    if (!result) return *r.problem;
    return std::move(*result);
}

namespace {

// A result that names an amount must name the order's own (a host's bug or a replay of another order's answer).
std::optional<Problem> wrong_total(const Order& order, const PaymentResult& result) {
    if (!result.total) return std::nullopt;
    if (result.total->currency != order.total.currency)
        return make_problem("/total/currency", "order.result.wrong_currency",
                            {{"expected", order.total.currency}, {"received", result.total->currency}});
    if (result.total->minor != order.total.minor)
        return make_problem("/total/minor", "order.result.wrong_amount",
                            {{"expected", to_decimal_string(order.total)},
                             {"received", to_decimal_string(*result.total)},
                             {"currency", order.total.currency}});
    return std::nullopt;
}

}  // namespace

Result<Transition> apply_payment_result(Order& order, const PaymentResult& result, UnixSeconds now) {
    if (order.id.empty())
        return make_problem("state", "order.result.not_awaiting", {{"state", std::string(to_string(order.state))}});
    if (result.order_id != order.id)
        return make_problem("/orderId", "order.result.wrong_order",
                            {{"expected", order.id}, {"received", result.order_id}});
    // The same answer again (a retransmission, a second tab, a status check after a reload) changes nothing.
    if (order.last_result && *order.last_result == result) return Transition{order.state, order.state, false, true};
    if (!result.idempotency_key.empty() && result.idempotency_key != order.idempotency_key)
        return make_problem("/idempotencyKey", "order.result.stale_attempt");
    if (order.state == OrderState::renewed || order.state == OrderState::failed || order.state == OrderState::cancelled)
        return make_problem("state", "order.result.already_settled", {{"state", std::string(to_string(order.state))}});
    if (!needs_host_check(order.state))
        return make_problem("state", "order.result.not_awaiting", {{"state", std::string(to_string(order.state))}});
    if (auto wrong = wrong_total(order, result)) return *wrong;
    const OrderState from = order.state;
    switch (result.status) {
        case PaymentStatus::succeeded:
            order.state = OrderState::renewed;
            order.host_reference = result.reference;
            order.failure_reason.clear();
            order.new_expiry = result.new_expiry;
            break;
        case PaymentStatus::failed:
        case PaymentStatus::cancelled:
            order.state = result.status == PaymentStatus::failed ? OrderState::failed : OrderState::cancelled;
            order.host_reference = result.reference;
            order.failure_reason = result.reason;
            break;
        case PaymentStatus::pending:
            order.state = OrderState::pending;
            if (!result.reference.empty()) order.host_reference = result.reference;
            break;
    }
    order.last_result = result;
    order.updated_at = std::max(order.updated_at, now);
    return Transition{from, order.state, false, false};
}

Result<Transition> reconcile(Order& order, const PaymentResult& result, UnixSeconds now) {
    if (order.state != OrderState::failed && order.state != OrderState::cancelled)
        return make_problem("state", "order.result.not_awaiting", {{"state", std::string(to_string(order.state))}});
    if (result.order_id != order.id)
        return make_problem("/orderId", "order.result.wrong_order",
                            {{"expected", order.id}, {"received", result.order_id}});
    if (result.status != PaymentStatus::succeeded && result.status != PaymentStatus::pending)
        return make_problem("state", "order.result.already_settled", {{"state", std::string(to_string(order.state))}});
    if (auto wrong = wrong_total(order, result)) return *wrong;
    const OrderState from = order.state;
    order.failure_reason.clear();
    if (!result.reference.empty()) order.host_reference = result.reference;
    if (result.status == PaymentStatus::succeeded) {
        order.state = OrderState::renewed;
        order.new_expiry = result.new_expiry;
    } else {
        order.state = OrderState::pending;
        if (is_valid_idempotency_key(result.idempotency_key)) order.idempotency_key = result.idempotency_key;
    }
    order.last_result = result;
    order.updated_at = std::max(order.updated_at, now);
    return Transition{from, order.state, false, false};
}

Result<Transition> apply_payment_result(Order& order, std::string_view result_json, UnixSeconds now) {
    auto parsed = parse_payment_result(result_json);
    if (!parsed) return parsed.problem();
    return apply_payment_result(order, *parsed, now);
}

// ---------------------------------------------------------------------------------------------- JSON out

std::string order_to_host_json(const Order& order) {
    ordered_json j;
    j["orderId"] = order.id;
    j["idempotencyKey"] = order.idempotency_key;
    ordered_json items = ordered_json::array();
    ordered_json display_items = ordered_json::array();
    for (const OrderItem& item : order.items) {
        items.push_back(item_json(item, true));
        ordered_json display;
        display["label"] = item.quantity == 1 ? item.name : item.name + " × " + std::to_string(item.quantity);
        display["amount"] = payment_amount_json(item.line_total);
        display_items.push_back(std::move(display));
    }
    j["items"] = std::move(items);
    j["total"] = money_json(order.total, true);
    j["card"] = {{"kind", to_string(order.card.kind)}, {"maskedId", order.card.masked_id}};
    ordered_json total;
    total["label"] = total_label(order.locale);
    total["amount"] = payment_amount_json(order.total);
    ordered_json payment_request;
    payment_request["total"] = std::move(total);
    payment_request["displayItems"] = std::move(display_items);
    j["paymentRequest"] = std::move(payment_request);
    j["locale"] = order.locale;
    return dump(j);
}

// ---------------------------------------------------------------------------------------------- storage

std::string order_storage_namespace(std::string_view catalogue_id, std::string_view page_origin) {
    std::string out(catalogue_id);
    out += '@';
    out += page_origin;
    return out;
}

std::string order_storage_key(std::string_view catalogue_id, std::string_view page_origin) {
    std::string out("tabi-renew:v1:pending:");
    out += page_origin;
    out += ':';
    out += catalogue_id;
    return out;
}

std::string serialize_order(const Order& order, std::string_view storage_namespace) {
    ordered_json o;
    o["state"] = to_string(order.state);
    o["orderId"] = order.id;
    o["idempotencyKey"] = order.idempotency_key;
    o["attempt"] = order.attempt;
    ordered_json items = ordered_json::array();
    for (const OrderItem& item : order.items) items.push_back(item_json(item, false));
    o["items"] = std::move(items);
    o["total"] = money_json(order.total, false);
    o["card"] = {{"kind", to_string(order.card.kind)}, {"maskedId", order.card.masked_id}};
    o["locale"] = order.locale;
    o["createdAt"] = order.created_at;
    o["updatedAt"] = order.updated_at;
    o["hostReference"] = order.host_reference;
    o["failureReason"] = order.failure_reason;
    o["newExpiry"] = order.new_expiry ? ordered_json(*order.new_expiry) : ordered_json(nullptr);
    o["lastResult"] = order.last_result ? payment_result_json(*order.last_result) : ordered_json(nullptr);
    ordered_json record;
    record["format"] = kRecordFormat;
    record["version"] = kOrderFormatVersion;
    record["namespace"] = storage_namespace;
    record["order"] = std::move(o);
    return dump(record);
}

Result<Order> restore_order(std::string_view text, std::string_view expected_namespace) {
    if (text.size() > kMaxRecordBytes)
        return make_problem("", "order.restore.too_large", {{"max", std::to_string(kMaxRecordBytes)}});
    const json root = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded())
        return make_problem("", "order.restore.not_json", {{"offset", std::to_string(parse_error_offset(text))}});
    if (!root.is_object()) return make_problem("", "order.restore.not_an_order");
    Reader r("order.restore");
    const auto format = root.find("format");
    if (format == root.end() || !format->is_string() || format->get_ref<const std::string&>() != kRecordFormat)
        return make_problem("/format", "order.restore.not_an_order");
    const auto version = r.integer(root, "", "version", true);
    if (!version) return *r.problem;
    if (*version > kOrderFormatVersion)
        return make_problem("/version", "order.restore.future_version",
                            {{"version", std::to_string(*version)},
                             {"supported", std::to_string(kOrderFormatVersion)}});
    if (*version < 1)
        return make_problem("/version", "order.restore.bad_version", {{"version", std::to_string(*version)}});
    const auto ns = r.string(root, "", "namespace", true);
    if (!ns) return *r.problem;
    if (*ns != expected_namespace) return make_problem("/namespace", "order.restore.foreign", {{"namespace", *ns}});

    const json* o = r.object(root, "", "order", true);
    if (!o) return *r.problem;
    constexpr std::string_view at = "/order";
    const auto state_name = r.string(*o, at, "state", true);
    const auto order_id = r.string(*o, at, "orderId", true);
    const auto key = r.string(*o, at, "idempotencyKey", true);
    const auto attempt = r.integer(*o, at, "attempt", true);
    const json* items = r.array(*o, at, "items", true);
    const auto total = r.money(*o, at, "total", true);
    const json* card = r.object(*o, at, "card", true);
    const auto locale = r.string(*o, at, "locale", true);
    const auto created_at = r.integer(*o, at, "createdAt", true);
    const auto updated_at = r.integer(*o, at, "updatedAt", true);
    const auto host_reference = r.string(*o, at, "hostReference", true);
    const auto failure_reason = r.string(*o, at, "failureReason", true);
    const auto new_expiry = r.integer(*o, at, "newExpiry", false);
    const json* last_result = r.object(*o, at, "lastResult", false);
    if (!r.ok()) return *r.problem;

    const auto state = order_state_from_string(*state_name);
    if (!state) return make_problem("/order/state", "order.restore.unknown_state", {{"state", *state_name}});

    // Items: read as lines, then rebuilt with the same checks make_order applies, so a record can never
    // hold something an order could not; the stored line totals and total must agree with the rebuilt ones.
    std::vector<OrderLine> lines;
    std::vector<Money> stored_line_totals;
    lines.reserve(items->size());
    stored_line_totals.reserve(items->size());
    if (items->size() > kMaxOrderItems)
        return make_problem("/order/items", "order.items.too_many",
                            {{"count", std::to_string(items->size())}, {"max", std::to_string(kMaxOrderItems)}});
    for (std::size_t i = 0; i < items->size(); ++i) {
        const std::string item_at = child("/order/items", i);
        const json& item = (*items)[i];
        if (!r.expect(item, item_at, json::value_t::object, "object")) return *r.problem;
        auto plan_id = r.string(item, item_at, "planId", true);
        auto name = r.string(item, item_at, "name", true);
        auto quantity = r.integer(item, item_at, "quantity", true);
        auto unit_price = r.money(item, item_at, "unitPrice", true);
        auto line_total = r.money(item, item_at, "lineTotal", true);
        if (!r.ok()) return *r.problem;
        lines.push_back(OrderLine{std::move(*plan_id), std::move(*name), *quantity, std::move(*unit_price)});
        stored_line_totals.push_back(std::move(*line_total));
    }
    const auto kind_name = r.string(*card, "/order/card", "kind", true);
    auto masked_id = r.string(*card, "/order/card", "maskedId", true);
    if (!r.ok()) return *r.problem;
    const auto kind = card_kind_from(*kind_name);
    if (!kind) return make_problem("/order/card/kind", "order.restore.unknown_card_kind", {{"kind", *kind_name}});

    auto built = build_order(lines, OrderCard{*kind, std::move(*masked_id)}, *locale, *created_at, at);
    if (!built) return built.problem();
    Order order = std::move(built).value();
    for (std::size_t i = 0; i < order.items.size(); ++i)
        if (order.items[i].line_total != stored_line_totals[i])
            return make_problem(child("/order/items", i) + "/lineTotal", "order.restore.line_total_mismatch",
                                {{"expected", to_decimal_string(order.items[i].line_total)},
                                 {"found", to_decimal_string(stored_line_totals[i])}});
    if (order.total != *total)
        return make_problem("/order/total", "order.restore.total_mismatch",
                            {{"expected", to_decimal_string(order.total)}, {"found", to_decimal_string(*total)}});

    const bool draft = *state == OrderState::draft;
    if (draft ? !order_id->empty() : !is_valid_order_id(*order_id))
        return make_problem("/order/orderId", "order.restore.bad_order_id");
    if (draft ? !key->empty() : !is_valid_idempotency_key(*key))
        return make_problem("/order/idempotencyKey", "order.restore.bad_idempotency_key");
    if (draft ? *attempt != 0 : (*attempt < 1 || *attempt > 1'000'000))
        return make_problem("/order/attempt", "order.restore.bad_attempt", {{"attempt", std::to_string(*attempt)}});
    if (*created_at < 0 || *updated_at < *created_at)
        return make_problem("/order/updatedAt", "order.restore.bad_timestamps");
    if (last_result) {
        Reader lr("order.restore");
        auto result = read_payment_result(lr, *last_result, "/order/lastResult");
        if (!result) return *lr.problem;
        if (result->order_id != *order_id)
            return make_problem("/order/lastResult/orderId", "order.restore.bad_order_id");
        order.last_result = std::move(*result);
    }

    order.state = *state;
    order.id = *order_id;
    order.idempotency_key = *key;
    order.attempt = static_cast<int>(*attempt);
    order.updated_at = *updated_at;
    order.host_reference = *host_reference;
    order.failure_reason = *failure_reason;
    order.new_expiry = new_expiry;
    return order;
}

std::span<const std::string_view> order_message_ids() { return kMessages.ids(); }

std::string_view order_message_template(std::string_view message_id) { return kMessages.text(message_id); }

}  // namespace tabi
