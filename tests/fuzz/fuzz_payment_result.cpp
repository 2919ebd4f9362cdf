// libFuzzer target: arbitrary bytes as a host's payment result, applied to an order in every state. Nothing may
// crash, throw or hang; a refused result leaves the order exactly as it was; an accepted one takes a step the
// machine allows, never changes the id, key, items or total, and the same result again changes nothing.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/order.h"

namespace {

constexpr std::string_view kNamespace = "fuzz";
constexpr tabi::UnixSeconds kNow = 1'800'000'000;

void require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "invariant broken: %s\n", what);
        std::abort();
    }
}

// The order in each state a result may meet: awaiting, pending, renewed, failed, and a draft.
std::vector<tabi::Order> orders() {
    tabi::OrderLine line{"sakura-7d-5gb", "7 days", 2, tabi::Money{1980, "JPY"}};
    tabi::OrderCard card{tabi::CardKind::esim, "\u2022\u2022\u2022\u2022 4864"};
    auto made = tabi::make_order(std::span(&line, 1), card, "en", kNow);
    require(made.ok(), "draft");
    std::vector<tabi::Order> out{made.value()};
    tabi::Order o = made.value();
    require(tabi::confirm(o, "0123456789abcdef0123456789abcdef0123456789", kNow + 1).ok(), "confirm");
    require(tabi::request_payment(o, kNow + 2).ok(), "request");
    out.push_back(o);
    for (const char* status : {"pending", "succeeded", "failed"}) {
        tabi::Order settled = o;
        const std::string result = std::string(R"({"orderId":")") + o.id + R"(","status":")" + status + R"("})";
        require(tabi::apply_payment_result(settled, result, kNow + 3).ok(), "settle");
        out.push_back(settled);
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    static const std::vector<tabi::Order> base = orders();
    // Parsed once: apply_payment_result(order, text) is parse_payment_result then the parsed overload, so the
    // five orders share one parse (the text overload runs once, on the order awaiting payment).
    const auto parsed = tabi::parse_payment_result(text);
    tabi::Order via_text = base[1];
    const auto text_step = tabi::apply_payment_result(via_text, text, kNow + 10);
    if (!parsed.ok()) {
        // Refused before the order is looked at: every state gets this same refusal.
        require(!text_step.ok() && !text_step.problem().message_id.empty(), "refusal with a reason");
        require(via_text == base[1], "a refused result changes nothing");
        return 0;
    }
    for (const tabi::Order& start : base) {
        tabi::Order o = start;
        auto step = tabi::apply_payment_result(o, *parsed, kNow + 10);
        if (&start == &base[1]) require(step.ok() == text_step.ok() && o == via_text, "the text and the parsed result agree");
        if (!step.ok()) {
            require(!step.problem().message_id.empty(), "refusal with a reason");
            require(o == start, "a refused result changes nothing");
            continue;
        }
        require(step->from == start.state, "the step starts where the order was");
        require(step->from == step->to || tabi::transition_allowed(step->from, step->to), "an allowed step");
        require(o.id == start.id && o.idempotency_key == start.idempotency_key, "id and key kept");
        require(o.total == start.total && o.items.size() == start.items.size(), "items and total kept");
        require(tabi::restore_order(tabi::serialize_order(o, kNamespace), kNamespace).ok(),
                "the record after a result restores");
        const tabi::Order after = o;
        auto again = tabi::apply_payment_result(o, *parsed, kNow + 20);
        require(again.ok() && again->duplicate, "the same result again is a duplicate");
        require(o == after, "a duplicate changes nothing");
    }
    return 0;
}
