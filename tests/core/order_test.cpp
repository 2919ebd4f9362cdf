#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/catalog.h"
#include "core/order.h"

using namespace tabi;

namespace {

// 42 random hex digits, as the JS side draws them from crypto.getRandomValues.
constexpr std::string_view kEntropyA = "0123456789abcdef0123456789abcdef0123456789";
constexpr std::string_view kEntropyB = "fedcba9876543210fedcba9876543210fedcba9876";
constexpr std::string_view kEntropyC = "00112233445566778899aabbccddeeff0011223344";
// kEntropyA gives this id and key (checked by hand: 0x0123456789 in 5-bit groups is 0 4 17 20 10 25 28 9).
constexpr std::string_view kOrderIdA = "TR-04HM-ASW9";
constexpr std::string_view kKeyA = "01234567-89ab-4def-8123-456789abcdef";

constexpr UnixSeconds kNow = 1'795'867'200;  // 2026-11-28T12:00:00Z
constexpr std::string_view kNamespace = "sample@https://blog.example";
constexpr std::string_view kMasked = "•••• •••• •••• 0157";

Money jpy(std::int64_t minor) { return Money{minor, "JPY"}; }

Order draft_order(std::vector<OrderLine> lines = {{"sakura-7d-5gb", "7 days · 5 GB", 1, jpy(1980)}},
                  std::string locale = "en") {
    auto order = make_order(lines, OrderCard{CardKind::esim, std::string(kMasked)}, std::move(locale), kNow);
    REQUIRE(order.ok());
    return std::move(order).value();
}

std::string result_json(const Order& order, std::string_view status, std::string_view extra = "") {
    std::string out = R"({"orderId":")" + order.id + R"(","status":")" + std::string(status) + '"';
    if (!extra.empty()) {
        out += ',';
        out += extra;
    }
    out += '}';
    return out;
}

void apply_ok(Order& order, const std::string& json, UnixSeconds now = kNow + 60) {
    auto t = apply_payment_result(order, json, now);
    INFO(json);
    if (!t) INFO(t.problem().message_id);
    REQUIRE(t.ok());
}

// An order in the given state, reached only through legal steps.
Order order_in(OrderState state) {
    Order order = draft_order();
    if (state == OrderState::draft) return order;
    REQUIRE(confirm(order, kEntropyA, kNow + 10).ok());
    if (state == OrderState::confirmed) return order;
    REQUIRE(request_payment(order, kNow + 20).ok());
    switch (state) {
        case OrderState::renewed:
            apply_ok(order, result_json(order, "succeeded", R"("reference":"pi_setup","newExpiry":"2026-12-05T23:59:59+09:00")"));
            break;
        case OrderState::failed: apply_ok(order, result_json(order, "failed", R"("reason":"card_declined")")); break;
        case OrderState::cancelled: apply_ok(order, result_json(order, "cancelled")); break;
        case OrderState::pending: apply_ok(order, result_json(order, "pending", R"("reference":"pi_setup")")); break;
        default: break;
    }
    REQUIRE(order.state == state);
    return order;
}

// A problem's message id has an English template, and the template's {placeholders} are all among its args.
void check_message(const Problem& p) {
    INFO(p.message_id);
    if (p.message_id.starts_with("money.")) return;  // money.h's own messages
    const std::string_view text = order_message_template(p.message_id);
    REQUIRE_FALSE(text.empty());
    for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
        const std::size_t close = text.find('}', open);
        REQUIRE(close != std::string_view::npos);
        const std::string_view name = text.substr(open + 1, close - open - 1);
        bool present = false;
        for (const MessageArg& a : p.args) present = present || a.name == name;
        CHECK_MESSAGE(present, name);
    }
}

// Everything an order holds, to show that a refusal left it exactly as it was.
std::string snapshot(const Order& order) { return serialize_order(order, "snapshot"); }

nlohmann::json record_of(const Order& order) {
    return nlohmann::json::parse(serialize_order(order, kNamespace));
}

Problem restore_problem(const nlohmann::json& record) {
    auto restored = restore_order(record.dump(), kNamespace);
    REQUIRE_FALSE(restored.ok());
    check_message(restored.problem());
    return restored.problem();
}

}  // namespace

TEST_CASE("order: make_order computes line totals and the total") {
    std::vector<OrderLine> lines{{"sakura-7d-5gb", "7 days · 5 GB", 2, jpy(1980)}, {"sakura-pack-3gb", "Extra 3 GB", 1, jpy(1200)}};
    const Order order = draft_order(lines);
    CHECK(order.state == OrderState::draft);
    CHECK(order.id.empty());
    CHECK(order.idempotency_key.empty());
    CHECK(order.attempt == 0);
    REQUIRE(order.items.size() == 2);
    CHECK(order.items[0].line_total == jpy(3960));
    CHECK(order.items[1].line_total == jpy(1200));
    CHECK(order.total == jpy(5160));
    CHECK(order.created_at == kNow);
    CHECK(order.updated_at == kNow);
    CHECK(order.locale == "en");
}

TEST_CASE("order: order_line_from_plan takes the catalogue's plan") {
    const CatalogLoad load = load_catalog(sample_catalog_json());
    REQUIRE(load.catalog.has_value());
    const Plan* plan = load.catalog->find_plan("kumo-7d-10gb");
    REQUIRE(plan != nullptr);
    const OrderLine line = order_line_from_plan(*plan, 2);
    CHECK(line.plan_id == "kumo-7d-10gb");
    CHECK(line.name == plan->name);
    CHECK(line.quantity == 2);
    CHECK(line.unit_price == jpy(2480));
    // In the traveller's language where the catalogue translates the name (the payment sheet shows it).
    CHECK(order_line_from_plan(*plan, 1, Locale::ja).name == "7日間 · 10 GB");
    CHECK(order_line_from_plan(*plan, 1, Locale::zh_Hans).name == "7 天 · 10 GB");
}

TEST_CASE("order: make_order refuses bad lines and an unmasked card") {
    const OrderCard card{CardKind::sim, "•••• •••• •••• •••• 4864"};
    auto problem_of = [&](std::vector<OrderLine> lines, OrderCard c = OrderCard{CardKind::sim, "•••• •••• •••• •••• 4864"}) {
        auto order = make_order(lines, std::move(c), "en", kNow);
        REQUIRE_FALSE(order.ok());
        check_message(order.problem());
        return order.problem();
    };
    CHECK(problem_of({}).message_id == "order.items.empty");
    CHECK(problem_of(std::vector<OrderLine>(21, OrderLine{"p", "P", 1, jpy(1)})).message_id == "order.items.too_many");
    CHECK(problem_of({{"", "P", 1, jpy(100)}}).where == "/items/0/planId");
    auto q0 = problem_of({{"p", "P", 0, jpy(100)}});
    CHECK(q0.message_id == "order.item.bad_quantity");
    CHECK(q0.arg("quantity") == "0");
    CHECK(q0.arg("max") == "99");
    CHECK(problem_of({{"p", "P", 100, jpy(100)}}).message_id == "order.item.bad_quantity");
    auto neg = problem_of({{"p", "P", 1, jpy(100)}, {"q", "Q", 1, jpy(-5)}});
    CHECK(neg.message_id == "order.item.negative_price");
    CHECK(neg.where == "/items/1/unitPrice/minor");
    CHECK(problem_of({{"p", "P", 1, Money{100, "XXX"}}}).message_id == "order.item.unknown_currency");
    auto mixed = problem_of({{"p", "P", 1, jpy(100)}, {"q", "Q", 1, Money{1250, "USD"}}});
    CHECK(mixed.message_id == "order.items.mixed_currency");
    CHECK(mixed.where == "/items/1/unitPrice/currency");
    CHECK(mixed.arg("currency") == "USD");
    CHECK(mixed.arg("expected") == "JPY");
    CHECK(problem_of({{"p", "P", 99, jpy(INT64_MAX / 10)}}).message_id == "money.overflow");
    CHECK(problem_of({{"p", "P", 1, jpy(INT64_MAX)}, {"q", "Q", 1, jpy(1)}}).message_id == "money.overflow");
    // The full EID: an unmasked identifier never gets into an order.
    auto unmasked = problem_of({{"p", "P", 1, jpy(100)}}, OrderCard{CardKind::esim, "89001039240180124400000000000157"});
    CHECK(unmasked.message_id == "order.card.not_masked");
    CHECK(unmasked.where == "/card/maskedId");
    CHECK(problem_of({{"p", "P", 1, jpy(100)}}, OrderCard{CardKind::esim, ""}).message_id == "order.card.missing");
    CHECK(make_order(std::vector<OrderLine>{{"p", "P", 1, jpy(100)}}, card, "", kNow)->locale == "en");
}

TEST_CASE("order: what counts as a masked identifier") {
    // As mask_identifier() makes them: at most 4 letters or digits left.
    CHECK(is_masked_identifier("•••• •••• •••• •••• 4864"));
    CHECK(is_masked_identifier("•••-••••-5678"));
    CHECK(is_masked_identifier("••-••••1128"));
    CHECK(is_masked_identifier("**-****1128"));
    CHECK(is_masked_identifier("…0157"));
    CHECK(is_masked_identifier("••••"));
    CHECK_FALSE(is_masked_identifier("TW-20261128"));               // no mask at all
    CHECK_FALSE(is_masked_identifier("89450421180216254864"));      // a full ICCID
    CHECK_FALSE(is_masked_identifier("8981 •••• •••• 4864"));       // 8 digits left
    CHECK_FALSE(is_masked_identifier("TW-****1128"));               // 6 characters left
    CHECK_FALSE(is_masked_identifier(""));
}

TEST_CASE("order: confirm draws the id and the key from the caller's entropy") {
    Order order = draft_order();
    auto t = confirm(order, kEntropyA, kNow + 10);
    REQUIRE(t.ok());
    CHECK(t->from == OrderState::draft);
    CHECK(t->to == OrderState::confirmed);
    CHECK(t->new_idempotency_key);
    CHECK(order.id == kOrderIdA);
    CHECK(order.idempotency_key == kKeyA);
    CHECK(order.attempt == 1);
    CHECK(order.updated_at == kNow + 10);
    CHECK(order.created_at == kNow);
    CHECK(is_valid_order_id(order.id));
    CHECK(is_valid_idempotency_key(order.idempotency_key));

    // Same entropy, same ids: deterministic. Upper-case hex is the same bytes.
    Order again = draft_order();
    std::string upper(kEntropyA);
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    REQUIRE(confirm(again, upper, kNow).ok());
    CHECK(again.id == order.id);
    CHECK(again.idempotency_key == order.idempotency_key);

    // Any entropy gives well-formed ids (version and variant bits forced, only Crockford characters).
    for (std::string_view e : {kEntropyB, kEntropyC, std::string_view("ffffffffffffffffffffffffffffffffffffffffe0")}) {
        Order o = draft_order();
        REQUIRE(confirm(o, e, kNow).ok());
        CHECK(is_valid_order_id(o.id));
        CHECK(is_valid_idempotency_key(o.idempotency_key));
    }
}

TEST_CASE("order: confirm refuses entropy that is short, not hex or all one digit, and changes nothing") {
    Order order = draft_order();
    const std::string before = snapshot(order);
    auto short_entropy = confirm(order, kEntropyA.substr(0, 41), kNow);
    REQUIRE_FALSE(short_entropy.ok());
    CHECK(short_entropy.problem().message_id == "order.entropy.too_short");
    CHECK(short_entropy.problem().arg("needed") == "42");
    CHECK(short_entropy.problem().arg("got") == "41");
    auto not_hex = confirm(order, "0123456789abcdef0123456789abcdeg0123456789", kNow);
    REQUIRE_FALSE(not_hex.ok());
    CHECK(not_hex.problem().message_id == "order.entropy.not_hex");
    CHECK(not_hex.problem().arg("position") == "31");
    auto zeros = confirm(order, std::string(42, '0'), kNow);
    REQUIRE_FALSE(zeros.ok());
    CHECK(zeros.problem().message_id == "order.entropy.weak");
    CHECK(snapshot(order) == before);
}

TEST_CASE("order: the transition table") {
    using S = OrderState;
    const std::set<std::pair<S, S>> legal{
        {S::draft, S::confirmed},
        {S::confirmed, S::awaiting_payment},
        {S::awaiting_payment, S::awaiting_payment}, {S::awaiting_payment, S::renewed}, {S::awaiting_payment, S::failed},
        {S::awaiting_payment, S::cancelled}, {S::awaiting_payment, S::pending},
        {S::pending, S::pending}, {S::pending, S::renewed}, {S::pending, S::failed}, {S::pending, S::cancelled},
        {S::failed, S::confirmed}, {S::cancelled, S::confirmed},
        // reconcile: the host's status answer for an order restored from an older declined record
        {S::failed, S::renewed}, {S::failed, S::pending}, {S::cancelled, S::renewed}, {S::cancelled, S::pending},
    };
    for (S from : kAllOrderStates)
        for (S to : kAllOrderStates) {
            INFO(to_string(from), " -> ", to_string(to));
            CHECK(transition_allowed(from, to) == legal.contains({from, to}));
            const bool new_key = to == S::confirmed && (from == S::draft || from == S::failed || from == S::cancelled);
            CHECK(transition_starts_new_key(from, to) == new_key);
        }
    CHECK(is_final(S::renewed));
    for (S s : kAllOrderStates)
        if (s != S::renewed) CHECK_FALSE(is_final(s));
    CHECK(needs_host_check(S::awaiting_payment));
    CHECK(needs_host_check(S::pending));
    CHECK_FALSE(needs_host_check(S::confirmed));
    for (S s : kAllOrderStates) CHECK(order_state_from_string(to_string(s)) == s);
    CHECK_FALSE(order_state_from_string("paid").has_value());
}

TEST_CASE("order: every step from every state, legal or refused with the state unchanged") {
    using S = OrderState;
    struct Action {
        std::string_view name;
        std::function<Result<Transition>(Order&)> run;
        std::function<S(S)> target;
        std::set<S> allowed_from;
        std::string_view refusal;  // message id when refused
    };
    auto result_action = [](std::string_view status, S target) {
        return Action{status,
                      [status](Order& o) {
                          return apply_payment_result(o, result_json(o, status, R"("reference":"pi_action")"), kNow + 500);
                      },
                      [target](S) { return target; },
                      {S::awaiting_payment, S::pending},
                      ""};
    };
    auto reconcile_action = [](std::string_view status, S target) {
        return Action{status,
                      [status](Order& o) {
                          auto parsed = parse_payment_result(result_json(o, status, R"("reference":"pi_later")"));
                          REQUIRE(parsed.ok());
                          return reconcile(o, *parsed, kNow + 500);
                      },
                      [target](S) { return target; },
                      {S::failed, S::cancelled},
                      "order.result.not_awaiting"};
    };
    const std::vector<Action> actions{
        {"confirm", [](Order& o) { return confirm(o, kEntropyB, kNow + 500); }, [](S) { return S::confirmed; },
         {S::draft}, "order.transition.not_allowed"},
        {"request_payment", [](Order& o) { return request_payment(o, kNow + 500); },
         [](S) { return S::awaiting_payment; }, {S::confirmed}, "order.transition.not_allowed"},
        {"resend_payment", [](Order& o) { return resend_payment(o, kNow + 500); }, [](S s) { return s; },
         {S::awaiting_payment, S::pending}, "order.transition.not_allowed"},
        {"retry", [](Order& o) { return retry(o, kEntropyB, kNow + 500); }, [](S) { return S::confirmed; },
         {S::failed, S::cancelled}, "order.transition.not_allowed"},
        result_action("succeeded", S::renewed),
        result_action("failed", S::failed),
        result_action("cancelled", S::cancelled),
        result_action("pending", S::pending),
        reconcile_action("succeeded", S::renewed),
        reconcile_action("pending", S::pending),
    };
    std::set<std::pair<S, S>> reached;
    for (S from : kAllOrderStates) {
        for (const Action& action : actions) {
            INFO(to_string(from), " + ", action.name);
            Order order = order_in(from);
            const std::string before = snapshot(order);
            const std::string key_before = order.idempotency_key;
            auto t = action.run(order);
            if (action.allowed_from.contains(from)) {
                REQUIRE(t.ok());
                CHECK(t->from == from);
                CHECK(t->to == action.target(from));
                CHECK(order.state == t->to);
                CHECK_FALSE(t->duplicate);
                CHECK(transition_allowed(t->from, t->to));
                CHECK(t->new_idempotency_key == transition_starts_new_key(t->from, t->to));
                CHECK((order.idempotency_key != key_before) == t->new_idempotency_key);
                CHECK(order.updated_at == kNow + 500);
                reached.insert({t->from, t->to});
            } else {
                REQUIRE_FALSE(t.ok());
                std::string_view expected = action.refusal;
                if (expected.empty())
                    expected = (from == S::draft || from == S::confirmed) ? "order.result.not_awaiting"
                                                                          : "order.result.already_settled";
                CHECK(t.problem().message_id == expected);
                check_message(t.problem());
                CHECK(t.problem().arg("state") == to_string(from));
                CHECK(snapshot(order) == before);
            }
        }
    }
    // The steps reach exactly the transitions the table allows.
    for (S from : kAllOrderStates)
        for (S to : kAllOrderStates) CHECK(reached.contains({from, to}) == transition_allowed(from, to));
}

TEST_CASE("order: the key survives a timeout, a resend and a reload, and the result then applies") {
    Order order = order_in(OrderState::confirmed);
    const std::string key = order.idempotency_key;
    REQUIRE(request_payment(order, kNow + 20).ok());
    const std::string first_handoff = order_to_host_json(order);

    // The host did not answer: the order goes to the host again with the same key.
    auto resent = resend_payment(order, kNow + 80);
    REQUIRE(resent.ok());
    CHECK(resent->from == OrderState::awaiting_payment);
    CHECK(resent->to == OrderState::awaiting_payment);
    CHECK_FALSE(resent->new_idempotency_key);
    CHECK(order.idempotency_key == key);
    CHECK(order_to_host_json(order) == first_handoff);

    // The page reloads in the middle of the payment.
    auto restored = restore_order(serialize_order(order, kNamespace), kNamespace);
    REQUIRE(restored.ok());
    Order reloaded = std::move(restored).value();
    CHECK(reloaded.state == OrderState::awaiting_payment);
    CHECK(needs_host_check(reloaded.state));
    CHECK(reloaded.idempotency_key == key);
    CHECK(reloaded.id == order.id);
    REQUIRE(resend_payment(reloaded, kNow + 200).ok());
    CHECK(order_to_host_json(reloaded) == first_handoff);

    apply_ok(reloaded, result_json(reloaded, "succeeded",
                                   R"("reference":"pi_3Q","newExpiry":"2026-12-05T23:59:59+09:00","total":{"currency":"JPY","minor":1980})"),
             kNow + 300);
    CHECK(reloaded.state == OrderState::renewed);
    CHECK(reloaded.host_reference == "pi_3Q");
    CHECK(reloaded.new_expiry == UnixSeconds{1'796'482'799});  // 2026-12-05T14:59:59Z
    CHECK(reloaded.updated_at == kNow + 300);
    CHECK(reloaded.idempotency_key == key);
}

TEST_CASE("order: a retry after a decline or a cancel gets a new key and keeps everything else") {
    for (OrderState settled : {OrderState::failed, OrderState::cancelled}) {
        INFO(to_string(settled));
        Order order = order_in(settled);
        const std::string old_key = order.idempotency_key;
        const std::string old_id = order.id;
        if (settled == OrderState::failed) CHECK(order.failure_reason == "card_declined");

        // The same random digits again would mint the old key: refused.
        auto reused = retry(order, kEntropyA, kNow + 100);
        REQUIRE_FALSE(reused.ok());
        CHECK(reused.problem().message_id == "order.entropy.reused");
        CHECK(order.state == settled);

        auto t = retry(order, kEntropyB, kNow + 100);
        REQUIRE(t.ok());
        CHECK(t->new_idempotency_key);
        CHECK(order.state == OrderState::confirmed);
        CHECK(order.idempotency_key != old_key);
        CHECK(is_valid_idempotency_key(order.idempotency_key));
        CHECK(order.id == old_id);
        CHECK(order.attempt == 2);
        CHECK(order.failure_reason.empty());
        CHECK(order.host_reference.empty());
        CHECK(order.total == jpy(1980));
        CHECK(order.card.masked_id == kMasked);

        REQUIRE(request_payment(order, kNow + 110).ok());
        CHECK(order_to_host_json(order).find(order.idempotency_key) != std::string::npos);
        CHECK(order_to_host_json(order).find(old_key) == std::string::npos);
        // Declined again, and a third attempt gets a third key.
        apply_ok(order, result_json(order, "failed", R"("reason":"insufficient_funds")"), kNow + 120);
        const std::string second_key = order.idempotency_key;
        REQUIRE(retry(order, kEntropyC, kNow + 130).ok());
        CHECK(order.attempt == 3);
        CHECK(order.idempotency_key != second_key);
        CHECK(order.idempotency_key != old_key);
    }
}

TEST_CASE("order: results that do not belong to this order are refused with the state unchanged") {
    Order order = order_in(OrderState::awaiting_payment);
    const std::string before = snapshot(order);
    auto refused = [&](const std::string& json) {
        auto t = apply_payment_result(order, json, kNow + 99);
        INFO(json);
        REQUIRE_FALSE(t.ok());
        CHECK(snapshot(order) == before);
        check_message(t.problem());
        return t.problem();
    };

    auto other = refused(R"({"orderId":"TR-ZZZZ-ZZZZ","status":"succeeded"})");
    CHECK(other.message_id == "order.result.wrong_order");
    CHECK(other.where == "/orderId");
    CHECK(other.arg("expected") == kOrderIdA);
    CHECK(other.arg("received") == "TR-ZZZZ-ZZZZ");

    auto amount = refused(result_json(order, "succeeded", R"("total":{"currency":"JPY","minor":198})"));
    CHECK(amount.message_id == "order.result.wrong_amount");
    CHECK(amount.where == "/total/minor");
    CHECK(amount.arg("expected") == "1980");
    CHECK(amount.arg("received") == "198");

    auto currency = refused(result_json(order, "succeeded", R"("total":{"currency":"USD","minor":1980})"));
    CHECK(currency.message_id == "order.result.wrong_currency");
    CHECK(currency.where == "/total/currency");
    CHECK(currency.arg("expected") == "JPY");
    CHECK(currency.arg("received") == "USD");

    auto status = refused(result_json(order, "authorised"));
    CHECK(status.message_id == "order.result.unknown_status");
    CHECK(status.where == "/status");
    CHECK(status.arg("status") == "authorised");

    auto malformed = refused(R"({"orderId":"TR-04HM-ASW9","status":)");
    CHECK(malformed.message_id == "order.result.not_json");
    CHECK(malformed.where == "");
    CHECK(malformed.arg("offset") == "35");

    auto not_object = refused(R"(["succeeded"])");
    CHECK(not_object.message_id == "order.result.wrong_type");
    CHECK(not_object.arg("expected") == "object");
    CHECK(not_object.arg("found") == "array");

    auto missing = refused(R"({"status":"succeeded"})");
    CHECK(missing.message_id == "order.result.missing_field");
    CHECK(missing.where == "/orderId");
    CHECK(missing.arg("field") == "orderId");

    auto wrong_type = refused(result_json(order, "succeeded", R"("total":{"currency":"JPY","minor":"1980"})"));
    CHECK(wrong_type.message_id == "order.result.wrong_type");
    CHECK(wrong_type.where == "/total/minor");
    CHECK(wrong_type.arg("expected") == "integer");
    CHECK(wrong_type.arg("found") == "string");

    auto fractional = refused(result_json(order, "succeeded", R"("total":{"currency":"JPY","minor":1980.0})"));
    CHECK(fractional.message_id == "order.result.wrong_type");
    CHECK(fractional.arg("found") == "number");

    auto expiry = refused(result_json(order, "succeeded", R"("newExpiry":"5 December")"));
    CHECK(expiry.message_id == "order.result.bad_expiry");
    CHECK(expiry.where == "/newExpiry");
    CHECK(expiry.arg("text") == "5 December");

    auto stale = refused(result_json(order, "succeeded", R"("idempotencyKey":"ffffffff-ffff-4fff-bfff-ffffffffffff")"));
    CHECK(stale.message_id == "order.result.stale_attempt");
    CHECK(stale.where == "/idempotencyKey");

    auto long_reference = refused(result_json(order, "succeeded", R"("reference":")" + std::string(201, 'x') + '"'));
    CHECK(long_reference.message_id == "order.result.too_long");
    CHECK(long_reference.arg("field") == "reference");

    auto huge = refused(std::string(20000, ' '));
    CHECK(huge.message_id == "order.result.too_large");

    // Null optional fields are absent fields; the right key, total and unknown extra fields are fine.
    apply_ok(order, result_json(order, "succeeded",
                                std::string(R"("reference":null,"reason":null,"newExpiry":null,"extra":1,"idempotencyKey":")") +
                                    std::string(kKeyA) + R"(","total":{"currency":"JPY","minor":1980})"));
    CHECK(order.state == OrderState::renewed);
    CHECK_FALSE(order.new_expiry.has_value());
}

TEST_CASE("order: pending, then renewed or failed") {
    Order order = order_in(OrderState::awaiting_payment);
    apply_ok(order, result_json(order, "pending"), kNow + 30);
    CHECK(order.state == OrderState::pending);
    CHECK(order.host_reference.empty());

    // Still pending, now with the host's reference: applied, stays pending.
    auto t = apply_payment_result(order, result_json(order, "pending", R"("reference":"pi_9")"), kNow + 40);
    REQUIRE(t.ok());
    CHECK(t->from == OrderState::pending);
    CHECK(t->to == OrderState::pending);
    CHECK_FALSE(t->duplicate);
    CHECK(order.host_reference == "pi_9");

    Order failing = order;
    apply_ok(order, result_json(order, "succeeded", R"("reference":"pi_9","newExpiry":"2026-12-05")"), kNow + 50);
    CHECK(order.state == OrderState::renewed);
    CHECK(order.new_expiry == UnixSeconds{1'796'428'800});  // 2026-12-05T00:00:00Z

    apply_ok(failing, result_json(failing, "failed", R"("reason":"expired_card")"), kNow + 50);
    CHECK(failing.state == OrderState::failed);
    CHECK(failing.failure_reason == "expired_card");
}

TEST_CASE("order: the same result twice is a no-op, a different one after it is refused") {
    Order order = order_in(OrderState::awaiting_payment);
    const std::string success =
        result_json(order, "succeeded", R"("reference":"pi_3Q","newExpiry":"2026-12-05T23:59:59+09:00")");
    apply_ok(order, success, kNow + 30);
    const std::string after_first = snapshot(order);

    auto again = apply_payment_result(order, success, kNow + 90);
    REQUIRE(again.ok());
    CHECK(again->duplicate);
    CHECK(again->from == OrderState::renewed);
    CHECK(again->to == OrderState::renewed);
    CHECK(snapshot(order) == after_first);  // not even updated_at moves

    // The same answer written differently (member order, spacing, the same instant in UTC) is the same answer.
    auto reworded = apply_payment_result(
        order, R"({ "newExpiry": "2026-12-05T14:59:59Z", "reference": "pi_3Q", "status": "succeeded", "orderId": "TR-04HM-ASW9" })",
        kNow + 91);
    REQUIRE(reworded.ok());
    CHECK(reworded->duplicate);

    auto different = apply_payment_result(order, result_json(order, "failed"), kNow + 92);
    REQUIRE_FALSE(different.ok());
    CHECK(different.problem().message_id == "order.result.already_settled");
    CHECK(different.problem().arg("state") == "renewed");
    CHECK(snapshot(order) == after_first);

    // A duplicate survives a reload.
    auto restored = restore_order(serialize_order(order, kNamespace), kNamespace);
    REQUIRE(restored.ok());
    Order reloaded = std::move(restored).value();
    auto after_reload = apply_payment_result(reloaded, success, kNow + 93);
    REQUIRE(after_reload.ok());
    CHECK(after_reload->duplicate);
}

TEST_CASE("order: a late copy of the declined answer does not fail the next attempt") {
    Order order = order_in(OrderState::awaiting_payment);
    const std::string declined = result_json(order, "failed", R"("reason":"card_declined")");
    apply_ok(order, declined, kNow + 30);
    REQUIRE(retry(order, kEntropyB, kNow + 40).ok());
    REQUIRE(request_payment(order, kNow + 50).ok());
    const std::string before = snapshot(order);
    auto late = apply_payment_result(order, declined, kNow + 60);
    REQUIRE(late.ok());
    CHECK(late->duplicate);
    CHECK(order.state == OrderState::awaiting_payment);
    CHECK(snapshot(order) == before);
    // The new attempt's own answer applies.
    apply_ok(order, result_json(order, "succeeded", R"("reference":"pi_2")"), kNow + 70);
    CHECK(order.state == OrderState::renewed);
}

TEST_CASE("order: parse_payment_result reads every field") {
    auto r = parse_payment_result(
        R"({"orderId":"TR-04HM-ASW9","status":"cancelled","reference":"r1","reason":"user_closed","newExpiry":"2026-12-05T23:59:59+09:00","total":{"currency":"KWD","minor":1250},"idempotencyKey":"k"})");
    REQUIRE(r.ok());
    CHECK(r->order_id == "TR-04HM-ASW9");
    CHECK(r->status == PaymentStatus::cancelled);
    CHECK(r->reference == "r1");
    CHECK(r->reason == "user_closed");
    CHECK(r->new_expiry == UnixSeconds{1'796'482'799});
    CHECK(r->total == Money{1250, "KWD"});
    CHECK(r->idempotency_key == "k");
    CHECK(to_string(PaymentStatus::succeeded) == "succeeded");
}

TEST_CASE("order: the order as the host receives it, exactly") {
    std::vector<OrderLine> lines{{"sakura-7d-5gb", "7 days · 5 GB", 2, jpy(1980)}, {"sakura-pack-3gb", "Extra 3 GB", 1, jpy(1200)}};
    Order order = draft_order(lines, "ja");
    REQUIRE(confirm(order, kEntropyA, kNow).ok());
    REQUIRE(request_payment(order, kNow).ok());
    CHECK(order_to_host_json(order) ==
          R"({"orderId":"TR-04HM-ASW9","idempotencyKey":"01234567-89ab-4def-8123-456789abcdef",)"
          R"("items":[{"planId":"sakura-7d-5gb","name":"7 days · 5 GB","quantity":2,)"
          R"("unitPrice":{"currency":"JPY","minor":1980,"value":"1980"},"lineTotal":{"currency":"JPY","minor":3960,"value":"3960"}},)"
          R"({"planId":"sakura-pack-3gb","name":"Extra 3 GB","quantity":1,)"
          R"("unitPrice":{"currency":"JPY","minor":1200,"value":"1200"},"lineTotal":{"currency":"JPY","minor":1200,"value":"1200"}}],)"
          R"("total":{"currency":"JPY","minor":5160,"value":"5160"},)"
          R"("card":{"kind":"esim","maskedId":"•••• •••• •••• 0157"},)"
          R"("paymentRequest":{"total":{"label":"合計","amount":{"currency":"JPY","value":"5160"}},)"
          R"("displayItems":[{"label":"7 days · 5 GB × 2","amount":{"currency":"JPY","value":"3960"}},)"
          R"({"label":"Extra 3 GB","amount":{"currency":"JPY","value":"1200"}}]},)"
          R"("locale":"ja"})");
}

TEST_CASE("order: host amounts are decimal strings in each currency's own decimals") {
    struct Case {
        Money price;
        std::string locale;
        std::string value;
        std::string label;
    };
    for (const Case& c : {Case{jpy(1980), "zh-Hant", "1980", "合計"}, Case{Money{1250, "USD"}, "en", "12.50", "Total"},
                          Case{Money{1250, "KWD"}, "ko", "1.250", "합계"}, Case{Money{5, "USD"}, "zh-Hans", "0.05", "合计"}}) {
        INFO(c.value);
        Order order = draft_order({{"plan", "Plan", 1, c.price}}, c.locale);
        REQUIRE(confirm(order, kEntropyA, kNow).ok());
        const auto host = nlohmann::json::parse(order_to_host_json(order));
        CHECK(host["total"]["minor"] == c.price.minor);
        CHECK(host["total"]["value"] == c.value);
        CHECK(host["total"]["currency"] == c.price.currency);
        CHECK(host["paymentRequest"]["total"]["amount"]["value"] == c.value);
        CHECK(host["paymentRequest"]["total"]["amount"]["currency"] == c.price.currency);
        CHECK(host["paymentRequest"]["total"]["label"] == c.label);
        CHECK(host["paymentRequest"]["displayItems"][0]["amount"]["value"] == c.value);
        CHECK(host["items"][0]["unitPrice"]["value"] == c.value);
        CHECK(host["locale"] == c.locale);
    }
}

TEST_CASE("order: serialise and restore round trip in every state") {
    for (OrderState state : kAllOrderStates) {
        INFO(to_string(state));
        const Order order = order_in(state);
        const std::string text = serialize_order(order, kNamespace);
        auto restored = restore_order(text, kNamespace);
        if (!restored) INFO(restored.problem().message_id, " at ", restored.problem().where);
        REQUIRE(restored.ok());
        CHECK(serialize_order(*restored, kNamespace) == text);
        CHECK(restored->state == order.state);
        CHECK(restored->id == order.id);
        CHECK(restored->idempotency_key == order.idempotency_key);
        CHECK(restored->attempt == order.attempt);
        CHECK(restored->total == order.total);
        CHECK(restored->created_at == order.created_at);
        CHECK(restored->updated_at == order.updated_at);
        CHECK(restored->new_expiry == order.new_expiry);
        CHECK(restored->last_result == order.last_result);
        CHECK(restored->failure_reason == order.failure_reason);
    }
}

TEST_CASE("order: the stored record's exact shape") {
    Order order = order_in(OrderState::renewed);
    CHECK(serialize_order(order, kNamespace) ==
          R"({"format":"tabi-renew-order","version":1,"namespace":"sample@https://blog.example","order":{)"
          R"("state":"renewed","orderId":"TR-04HM-ASW9","idempotencyKey":"01234567-89ab-4def-8123-456789abcdef","attempt":1,)"
          R"("items":[{"planId":"sakura-7d-5gb","name":"7 days · 5 GB","quantity":1,)"
          R"("unitPrice":{"currency":"JPY","minor":1980},"lineTotal":{"currency":"JPY","minor":1980}}],)"
          R"("total":{"currency":"JPY","minor":1980},"card":{"kind":"esim","maskedId":"•••• •••• •••• 0157"},)"
          R"("locale":"en","createdAt":1795867200,"updatedAt":1795867260,"hostReference":"pi_setup","failureReason":"",)"
          R"("newExpiry":1796482799,"lastResult":{"orderId":"TR-04HM-ASW9","status":"succeeded","reference":"pi_setup",)"
          R"("newExpiry":"2026-12-05T14:59:59Z"}}})");
    CHECK(order_storage_namespace("sample", "https://blog.example") == kNamespace);
}

TEST_CASE("order: the storage key is per catalogue and page origin") {
    CHECK(order_storage_key("cat-1", "https://a.example") == "tabi-renew:v1:pending:https://a.example:cat-1");
    CHECK(order_storage_key("cat-1", "https://a.example") != order_storage_key("cat-2", "https://a.example"));
    CHECK(order_storage_key("cat-1", "https://a.example") != order_storage_key("cat-1", "https://b.example"));
}

TEST_CASE("order: restore refuses corrupt, truncated, foreign, future and tampered records") {
    const Order order = order_in(OrderState::awaiting_payment);
    const std::string text = serialize_order(order, kNamespace);

    auto corrupt = restore_order("{\"format\":\"tabi-renew-order\",\"version\":1,,}", kNamespace);
    REQUIRE_FALSE(corrupt.ok());
    CHECK(corrupt.problem().message_id == "order.restore.not_json");
    CHECK(corrupt.problem().arg("offset") == "41");

    for (std::size_t cut : {std::size_t{0}, std::size_t{1}, text.size() / 2, text.size() - 1}) {
        auto truncated = restore_order(text.substr(0, cut), kNamespace);
        REQUIRE_FALSE(truncated.ok());
        CHECK(truncated.problem().message_id == "order.restore.not_json");
    }

    auto foreign = restore_order(text, "other@https://blog.example");
    REQUIRE_FALSE(foreign.ok());
    CHECK(foreign.problem().message_id == "order.restore.foreign");
    CHECK(foreign.problem().where == "/namespace");
    CHECK(foreign.problem().arg("namespace") == kNamespace);

    auto not_ours = restore_order(R"({"format":"something-else","version":1})", kNamespace);
    REQUIRE_FALSE(not_ours.ok());
    CHECK(not_ours.problem().message_id == "order.restore.not_an_order");
    auto array = restore_order("[1,2]", kNamespace);
    REQUIRE_FALSE(array.ok());
    CHECK(array.problem().message_id == "order.restore.not_an_order");

    auto too_large = restore_order(std::string(70000, ' '), kNamespace);
    REQUIRE_FALSE(too_large.ok());
    CHECK(too_large.problem().message_id == "order.restore.too_large");

    struct Tamper {
        std::string_view name;
        std::function<void(nlohmann::json&)> change;
        std::string_view message_id;
        std::string_view where;
    };
    const std::vector<Tamper> tampers{
        {"future version", [](auto& r) { r["version"] = 2; }, "order.restore.future_version", "/version"},
        {"version zero", [](auto& r) { r["version"] = 0; }, "order.restore.bad_version", "/version"},
        {"version as text", [](auto& r) { r["version"] = "1"; }, "order.restore.wrong_type", "/version"},
        {"no namespace", [](auto& r) { r.erase("namespace"); }, "order.restore.missing_field", "/namespace"},
        {"no order", [](auto& r) { r.erase("order"); }, "order.restore.missing_field", "/order"},
        {"unknown state", [](auto& r) { r["order"]["state"] = "paid"; }, "order.restore.unknown_state", "/order/state"},
        {"total changed", [](auto& r) { r["order"]["total"]["minor"] = 198; }, "order.restore.total_mismatch", "/order/total"},
        {"total currency changed", [](auto& r) { r["order"]["total"]["currency"] = "USD"; }, "order.restore.total_mismatch",
         "/order/total"},
        {"line total changed", [](auto& r) { r["order"]["items"][0]["lineTotal"]["minor"] = 1; },
         "order.restore.line_total_mismatch", "/order/items/0/lineTotal"},
        {"negative price", [](auto& r) { r["order"]["items"][0]["unitPrice"]["minor"] = -1980; },
         "order.item.negative_price", "/order/items/0/unitPrice/minor"},
        {"quantity zero", [](auto& r) { r["order"]["items"][0]["quantity"] = 0; }, "order.item.bad_quantity",
         "/order/items/0/quantity"},
        {"unknown currency", [](auto& r) { r["order"]["items"][0]["unitPrice"]["currency"] = "ZZZ"; },
         "order.item.unknown_currency", "/order/items/0/unitPrice/currency"},
        {"no items", [](auto& r) { r["order"]["items"] = nlohmann::json::array(); }, "order.items.empty", "/order/items"},
        {"mixed currency",
         [](auto& r) {
             auto item = r["order"]["items"][0];
             item["unitPrice"] = {{"currency", "USD"}, {"minor", 100}};
             item["lineTotal"] = {{"currency", "USD"}, {"minor", 100}};
             r["order"]["items"].push_back(item);
         },
         "order.items.mixed_currency", "/order/items/1/unitPrice/currency"},
        {"unmasked card", [](auto& r) { r["order"]["card"]["maskedId"] = "89001039240180124400000000000157"; },
         "order.card.not_masked", "/order/card/maskedId"},
        {"unknown card kind", [](auto& r) { r["order"]["card"]["kind"] = "modem"; }, "order.restore.unknown_card_kind",
         "/order/card/kind"},
        {"bad order id", [](auto& r) { r["order"]["orderId"] = "TR-OOOO-IIII"; }, "order.restore.bad_order_id", "/order/orderId"},
        {"no order id", [](auto& r) { r["order"]["orderId"] = ""; }, "order.restore.bad_order_id", "/order/orderId"},
        {"bad key", [](auto& r) { r["order"]["idempotencyKey"] = "not-a-key"; }, "order.restore.bad_idempotency_key",
         "/order/idempotencyKey"},
        {"draft with an id", [](auto& r) { r["order"]["state"] = "draft"; }, "order.restore.bad_order_id", "/order/orderId"},
        {"attempt zero", [](auto& r) { r["order"]["attempt"] = 0; }, "order.restore.bad_attempt", "/order/attempt"},
        {"updated before created", [](auto& r) { r["order"]["updatedAt"] = 5; }, "order.restore.bad_timestamps",
         "/order/updatedAt"},
        {"minor as float", [](auto& r) { r["order"]["total"]["minor"] = 1980.5; }, "order.restore.wrong_type",
         "/order/total/minor"},
        {"item not an object", [](auto& r) { r["order"]["items"][0] = 7; }, "order.restore.wrong_type", "/order/items/0"},
        {"last result for another order",
         [](auto& r) { r["order"]["lastResult"] = {{"orderId", "TR-ZZZZ-ZZZZ"}, {"status", "pending"}}; },
         "order.restore.bad_order_id", "/order/lastResult/orderId"},
        {"last result unknown status",
         [](auto& r) { r["order"]["lastResult"] = {{"orderId", "TR-04HM-ASW9"}, {"status", "won"}}; },
         "order.result.unknown_status", "/order/lastResult/status"},
    };
    for (const Tamper& t : tampers) {
        INFO(t.name);
        nlohmann::json record = record_of(order);
        t.change(record);
        const Problem p = restore_problem(record);
        CHECK(p.message_id == t.message_id);
        CHECK(p.where == t.where);
    }
    // The untouched record still restores.
    CHECK(restore_order(record_of(order).dump(), kNamespace).ok());
}

TEST_CASE("order: the stored record and the host JSON hold only the masked identifier") {
    const Order order = order_in(OrderState::renewed);
    const std::string stored = serialize_order(order, kNamespace);
    const std::string host = order_to_host_json(order);
    CHECK(stored.find(kMasked) != std::string::npos);
    CHECK(host.find(kMasked) != std::string::npos);
    // No run of more than 4 digits anywhere in the card object.
    const auto card = nlohmann::json::parse(stored)["order"]["card"].dump();
    int run = 0, longest = 0;
    for (char c : card) {
        run = (c >= '0' && c <= '9') ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    CHECK(longest <= 4);
}

TEST_CASE("order: hostile text never throws or aborts") {
    Order order = order_in(OrderState::awaiting_payment);
    const std::string before = snapshot(order);
    for (std::string_view text : {std::string_view(""), std::string_view("null"), std::string_view("\"x\""),
                                  std::string_view("{\"orderId\":5}"), std::string_view("{\"orderId\":\"\xff\xfe\"}"),
                                  std::string_view("{\"orderId\":\"TR-04HM-ASW9\",\"status\":\"pending\",\"total\":[]}"),
                                  std::string_view("{\"orderId\":\"TR-04HM-ASW9\",\"status\":\"pending\",\"total\":{\"currency\":1,\"minor\":18446744073709551615}}"),
                                  std::string_view("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[")}) {
        CHECK_FALSE(apply_payment_result(order, text, kNow).ok());
        CHECK_FALSE(restore_order(text, kNamespace).ok());
    }
    CHECK(snapshot(order) == before);
    // Invalid UTF-8 from a caller is replaced, never thrown on, when written out.
    Order odd = draft_order({{"p", "bad \xff name", 1, jpy(100)}}, "en\xfe");
    CHECK(order_to_host_json(odd).find("bad \xef\xbf\xbd name") != std::string::npos);
    CHECK(restore_order(serialize_order(odd, kNamespace), kNamespace).ok());
}

TEST_CASE("order: every message id has an English template") {
    const auto ids = order_message_ids();
    CHECK(ids.size() == 43);
    std::set<std::string_view> seen;
    for (std::string_view id : ids) {
        INFO(id);
        CHECK(id.starts_with("order."));
        CHECK(seen.insert(id).second);
        CHECK_FALSE(order_message_template(id).empty());
    }
    CHECK(order_message_template("order.no_such_message").empty());
    // The refusals of the steps themselves.
    Order order = draft_order();
    check_message(request_payment(order, kNow).problem());
    check_message(confirm(order, "zz", kNow).problem());
    check_message(confirm(order, "00", kNow).problem());
    check_message(confirm(order, std::string(42, 'a'), kNow).problem());
    check_message(apply_payment_result(order, "{}", kNow).problem());
    Order failed = order_in(OrderState::failed);
    check_message(retry(failed, kEntropyA, kNow).problem());
    Order renewed = order_in(OrderState::renewed);
    check_message(apply_payment_result(renewed, result_json(renewed, "failed"), kNow).problem());
}

// Found by the payment chaos test: a clock set back between two steps wrote updatedAt before createdAt, and the
// record of a payment in progress was then refused as tampered on the next reload, losing the order.
TEST_CASE("order: a clock set back never makes a record restore_order refuses") {
    Order order = draft_order();
    const UnixSeconds earlier = kNow - 3 * 86'400;
    REQUIRE(confirm(order, kEntropyA, earlier).ok());
    REQUIRE(request_payment(order, earlier).ok());
    CHECK(order.updated_at == kNow);  // never before the order was made
    auto restored = restore_order(serialize_order(order, kNamespace), kNamespace);
    REQUIRE(restored.ok());
    CHECK(restored->state == OrderState::awaiting_payment);
    CHECK(restored->idempotency_key == order.idempotency_key);
    const std::string pending = nlohmann::json{{"orderId", order.id}, {"status", "pending"}}.dump();
    REQUIRE(apply_payment_result(order, pending, earlier - 60).ok());
    REQUIRE(resend_payment(order, earlier - 120).ok());
    CHECK(order.updated_at == kNow);
    CHECK(restore_order(serialize_order(order, kNamespace), kNamespace).ok());
    // A later step moves it on as usual.
    REQUIRE(resend_payment(order, kNow + 10).ok());
    CHECK(order.updated_at == kNow + 10);
}

TEST_CASE("order: reconcile takes the host's word that a later attempt was paid, and nothing else") {
    Order order = order_in(OrderState::failed);
    const std::string before = snapshot(order);
    const auto refused = [&](std::string_view json, std::string_view id) {
        auto parsed = parse_payment_result(json);
        REQUIRE(parsed.ok());
        auto t = reconcile(order, *parsed, kNow + 600);
        REQUIRE_FALSE(t.ok());
        CHECK(t.problem().message_id == id);
        CHECK(snapshot(order) == before);
    };
    refused(result_json(order, "failed"), "order.result.already_settled");
    refused(result_json(order, "cancelled"), "order.result.already_settled");
    refused(R"({"orderId":"TR-ZZZZ-ZZZZ","status":"succeeded"})", "order.result.wrong_order");
    refused(result_json(order, "succeeded", R"("total":{"currency":"JPY","minor":1})"), "order.result.wrong_amount");

    // Pending under the later attempt's key: that key is the one to ask about from then on.
    const std::string later_key = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
    auto pending = parse_payment_result(result_json(order, "pending", R"("reference":"pi_9","idempotencyKey":")" +
                                                                          later_key + '"'));
    REQUIRE(pending.ok());
    auto t = reconcile(order, *pending, kNow + 600);
    REQUIRE(t.ok());
    CHECK(order.state == OrderState::pending);
    CHECK(order.idempotency_key == later_key);
    CHECK(order.host_reference == "pi_9");
    CHECK(order.failure_reason.empty());
    // ... and its success then applies as usual.
    apply_ok(order, result_json(order, "succeeded", R"("reference":"pi_9","idempotencyKey":")" + later_key + '"'));
    CHECK(order.state == OrderState::renewed);
}
