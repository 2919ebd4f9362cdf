// The renewal order: what the traveller confirmed, what the host page is asked to charge, and what the
// host answered. Core has no clock and no random source, so the caller passes `now` and random bytes
// (hex from crypto.getRandomValues) to every step, which keeps the whole machine deterministic in tests.
//
// States and the steps between them (every other step is refused with order.transition.not_allowed and
// the order left exactly as it was):
//
//   draft ──confirm──▶ confirmed ──request_payment──▶ awaiting_payment ──result──▶ renewed | failed
//                          ▲                                                         | cancelled | pending
//                          │                          pending ──result──▶ renewed | failed | cancelled | pending
//                          └──── retry ◀── failed | cancelled
//   awaiting_payment, pending ──resend_payment──▶ the same state (no answer, timeout, network error, reload)
//   failed | cancelled ──reconcile──▶ renewed | pending (only from the host's status answer for an order restored
//                                    from a declined or cancelled record: storage lost a later attempt's record)
//
// Idempotency keys (Stripe's model, see ../shared/REFERENCE.md "Payment safety"): the host saves its first
// result under the key and answers every request with the same key from that result, so
//   - confirm gives the order its first key (attempt 1);
//   - resend_payment, and a restore after a reload, keep the key: the host either charges once or returns
//     the result it already has, never a second charge;
//   - retry (after failed = declined, or cancelled) starts a NEW key (attempt + 1): a declined or cancelled
//     payment is final for its key, so a new attempt under the old key would only replay the old answer.
//     The order id stays the same across attempts: it is what the traveller quotes to support.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/civil_time.h"
#include "core/money.h"
#include "core/problem.h"

namespace tabi {

inline constexpr int kOrderFormatVersion = 1;
inline constexpr std::size_t kMaxOrderItems = 20;
inline constexpr std::int64_t kMaxItemQuantity = 99;
// Random hex digits confirm and retry need: 32 for the idempotency key (128 bits, written as a UUID v4)
// and 10 for the order id (40 bits). 24 random bytes from crypto.getRandomValues are enough.
inline constexpr std::size_t kOrderEntropyHexDigits = 42;

enum class OrderState { draft, confirmed, awaiting_payment, renewed, failed, cancelled, pending };
inline constexpr OrderState kAllOrderStates[] = {
    OrderState::draft,  OrderState::confirmed, OrderState::awaiting_payment, OrderState::renewed,
    OrderState::failed, OrderState::cancelled, OrderState::pending};

std::string_view to_string(OrderState s);  // "draft", "awaiting_payment", ...
std::optional<OrderState> order_state_from_string(std::string_view s);
// renewed is the only state nothing leaves.
bool is_final(OrderState s);
// awaiting_payment and pending: money may be moving, so the host must be asked before anything else is paid.
bool needs_host_check(OrderState s);
// Whether the machine has a step from `from` to `to` (resend_payment's same-state steps included).
bool transition_allowed(OrderState from, OrderState to);
// Whether the step from `from` to `to` gives the order a new idempotency key: draft → confirmed (its first key)
// and failed | cancelled → confirmed (a new attempt). Every other step keeps the key.
bool transition_starts_new_key(OrderState from, OrderState to);

// What the caller knows about a line before the order exists: a plan and its quantity, copied out of the
// catalogue (see PlanQuantity in catalog.h for why an order does not point into one).
struct OrderLine {
    std::string plan_id;
    std::string name;           // the plan's name as the catalogue gives it
    std::int64_t quantity = 1;  // 1..kMaxItemQuantity
    Money unit_price;
    friend bool operator==(const OrderLine&, const OrderLine&) = default;
};

// A line of a made order: the line and its total.
struct OrderItem : OrderLine {
    Money line_total;  // unit_price × quantity, computed by make_order
    friend bool operator==(const OrderItem&, const OrderItem&) = default;
};

struct OrderCard {
    CardKind kind = CardKind::sim;
    // The identifier as mask_identifier() shows it ("•••• •••• •••• •••• 4864"). The order never holds the
    // unmasked identifier; make_order refuses one that does not look masked (see is_masked_identifier).
    std::string masked_id;
    friend bool operator==(const OrderCard&, const OrderCard&) = default;
};

enum class PaymentStatus { succeeded, failed, cancelled, pending };
std::string_view to_string(PaymentStatus s);

// The host's answer, as parsed from its JSON:
// {"orderId", "status": "succeeded"|"failed"|"cancelled"|"pending", "reference"?, "reason"?,
//  "newExpiry"? (ISO 8601), "total"? {"currency", "minor"}, "idempotencyKey"?}
// Optional fields may be absent or null. "idempotencyKey" is an extension: when a host sends it, a late
// answer for an earlier attempt is told apart from an answer for the current one.
struct PaymentResult {
    std::string order_id;
    PaymentStatus status = PaymentStatus::pending;
    std::string reference;
    std::string reason;
    std::optional<UnixSeconds> new_expiry;
    std::optional<Money> total;
    std::string idempotency_key;  // "" when the host did not send one
    friend bool operator==(const PaymentResult&, const PaymentResult&) = default;
};

// Parses the host's answer. Refuses malformed JSON (order.result.not_json with the byte offset), a
// missing or mistyped field (with its JSON pointer), an unknown status and an unreadable newExpiry.
Result<PaymentResult> parse_payment_result(std::string_view json_text);

struct Order {
    OrderState state = OrderState::draft;
    std::string id;               // "TR-7K4Q-9XWM"; empty in draft
    std::string idempotency_key;  // UUID v4 text; empty in draft; new for each attempt
    int attempt = 0;              // 1 for the first key, +1 for each retry; 0 in draft
    std::vector<OrderItem> items;
    Money total;                  // sum of the line totals, all in one currency
    OrderCard card;
    std::string locale;           // the traveller's UI locale ("en", "ja", "zh-Hans", "zh-Hant", "ko")
    UnixSeconds created_at = 0;
    UnixSeconds updated_at = 0;   // for a renewed order: when the success was applied (the receipt's time)
    std::string host_reference;   // the host's payment reference (from a succeeded or pending result)
    std::string failure_reason;   // the host's reason (from a failed or cancelled result)
    std::optional<UnixSeconds> new_expiry;  // from the host's succeeded result
    std::optional<PaymentResult> last_result;  // the last result applied, to recognise a duplicate
    friend bool operator==(const Order&, const Order&) = default;
};

// What a step did. A duplicate result changes nothing (from == to, duplicate = true).
struct Transition {
    OrderState from = OrderState::draft;
    OrderState to = OrderState::draft;
    bool new_idempotency_key = false;
    bool duplicate = false;
};

OrderLine order_line_from_plan(const Plan& plan, std::int64_t quantity = 1, Locale locale = Locale::en);

// A masked identifier has at least one mask character ('•' U+2022, '*' or '…') and at most 4 ASCII letters and
// digits left visible, as mask_identifier() (identifier.h) makes it; anything else is taken for an unmasked
// identifier and kept out of the order.
bool is_masked_identifier(std::string_view text);

// A draft order. Refuses no items, too many items, an empty plan id, a quantity outside 1..99, a negative or
// unknown-currency price, items in different currencies, an overflowing total and a card id that is not masked.
Result<Order> make_order(std::span<const OrderLine> lines, OrderCard card, std::string locale, UnixSeconds now);

// The chosen plans (plan id → quantity) in catalogue order, so the same basket always reads the same. Ids the
// catalogue lacks are left out.
std::vector<PlanQuantity> chosen_in_catalog_order(const Catalog& catalog, const std::map<std::string, int>& chosen);

// The draft order of chosen plans, names in `locale`: what the widget's confirm step builds and what the headless
// API's order() hands a host with its own form (widget/core/core_api.h). Problems are make_order's.
Result<Order> order_for_choice(const Catalog& catalog, const std::map<std::string, int>& chosen, OrderCard card,
                               Locale locale, UnixSeconds now);

// draft → confirmed: gives the order its id and first idempotency key from `entropy_hex` (at least
// kOrderEntropyHexDigits random hex digits).
Result<Transition> confirm(Order& order, std::string_view entropy_hex, UnixSeconds now);
// confirmed → awaiting_payment: the order is handed to the host (order_to_host_json).
Result<Transition> request_payment(Order& order, UnixSeconds now);
// awaiting_payment → awaiting_payment, pending → pending: the host did not answer (timeout, offline) or the
// page was reloaded; the order is handed over again with the SAME key.
Result<Transition> resend_payment(Order& order, UnixSeconds now);
// failed | cancelled → confirmed with a NEW idempotency key from `entropy_hex`; items, card and id are kept.
Result<Transition> retry(Order& order, std::string_view entropy_hex, UnixSeconds now);
// Applies the host's answer (JSON text). Accepted only for this order id (and this attempt's key when the host
// sends one), only in awaiting_payment or pending, and only when a total, if given, matches exactly. The
// last applied result again is a no-op (Transition::duplicate), also after a retry: a late copy of the old
// decline must not fail the new attempt (a new attempt that is declined again is told apart by its reference
// or idempotencyKey). Refusals leave the order unchanged.
Result<Transition> apply_payment_result(Order& order, std::string_view result_json, UnixSeconds now);
Result<Transition> apply_payment_result(Order& order, const PaymentResult& result, UnixSeconds now);
// failed | cancelled → renewed | pending: the host's status answer for an order restored from a declined or
// cancelled record says that a later attempt of this order (one whose record the browser's storage lost: rolled
// back, a stale tab's write) succeeded or is under way. Accepted only for this order id, a matching total if given,
// and a succeeded or pending status; a pending answer's idempotencyKey, when given, becomes the order's key (that
// attempt is the one to ask about from then on). A failed or cancelled answer is refused with
// order.result.already_settled: nothing moved, and the order stays as it was.
Result<Transition> reconcile(Order& order, const PaymentResult& result, UnixSeconds now);

// Checks an order id's form: "TR-" then two groups of 4 Crockford base-32 characters (no I, L, O, U).
bool is_valid_order_id(std::string_view id);
// Checks a lower-case UUID v4 text.
bool is_valid_idempotency_key(std::string_view key);

// The order as the host receives it, fields in this order:
// {"orderId", "idempotencyKey", "items": [{"planId", "name", "quantity", "unitPrice", "lineTotal"}],
//  "total": {"currency", "minor", "value"}, "card": {"kind", "maskedId"},
//  "paymentRequest": {"total": {"label", "amount": {"currency", "value"}}, "displayItems": [{"label", "amount"}]},
//  "locale"}
// Amounts carry integer minor units and the exact decimal string ("1980", "12.50", "1.250"); paymentRequest is a
// W3C Payment Request `details` object whose total label is in the order's locale.
std::string order_to_host_json(const Order& order);

// Versioned record for reload recovery: {"format": "tabi-renew-order", "version": 1, "namespace", "order": {...}}.
// The namespace keeps one catalogue's or one page's orders apart from another's: use order_storage_namespace.
std::string order_storage_namespace(std::string_view catalogue_id, std::string_view page_origin);
// The page storage's key for that record (the bridge stores under it as given): per page origin and catalogue.
std::string order_storage_key(std::string_view catalogue_id, std::string_view page_origin);
std::string serialize_order(const Order& order, std::string_view storage_namespace);
// Refuses text that is not JSON or truncated, not such a record, from another namespace, from a future version,
// and records that are inconsistent (tampered): unknown state or card kind, negative amounts, line totals or a
// total that do not add up, a malformed id or key, an unmasked card id, timestamps out of order.
Result<Order> restore_order(std::string_view text, std::string_view expected_namespace);

// Every message id this module reports, and the English template of each ({name} placeholders for its args;
// "" for an unknown id). Steps also pass on "money.overflow" from money.h.
std::span<const std::string_view> order_message_ids();
std::string_view order_message_template(std::string_view message_id);

}  // namespace tabi
