// libFuzzer target: arbitrary bytes as a stored order record (localStorage can hold anything after a crash, an
// old version or tampering) and as a host's payment result. restore_order() and apply_payment_result() must
// never crash, throw or hang; a restored order must serialise to a record that restores to the same order,
// hold only a masked card id, and a refused payment result must leave the order unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/order.h"

namespace {

constexpr std::string_view kNamespace = "fuzz";

void require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "invariant broken: %s\n", what);
        std::abort();
    }
}

// A confirmed order awaiting payment, to apply fuzzed results to.
tabi::Order awaiting_order() {
    tabi::OrderLine line{"sim-7d", "7 days", 1, tabi::Money{1980, "JPY"}};
    tabi::OrderCard card;
    card.kind = tabi::CardKind::sim;
    card.masked_id = "\u2022\u2022\u2022\u2022 4864";
    auto order = tabi::make_order(std::span(&line, 1), card, "en", 1'800'000'000);
    require(order.ok(), "draft");
    tabi::Order o = std::move(order).value();
    require(tabi::confirm(o, "0123456789abcdef0123456789abcdef0123456789", 1'800'000'001).ok(), "confirm");
    require(tabi::request_payment(o, 1'800'000'002).ok(), "request");
    return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    auto restored = tabi::restore_order(text, kNamespace);
    if (restored.ok()) {
        const tabi::Order& o = restored.value();
        require(tabi::is_masked_identifier(o.card.masked_id), "restored card id is masked");
        const std::string again = tabi::serialize_order(o, kNamespace);
        auto round = tabi::restore_order(again, kNamespace);
        require(round.ok(), "a restored order serialises to a record that restores");
        require(tabi::serialize_order(round.value(), kNamespace) == again, "serialise/restore is stable");
        (void)tabi::order_to_host_json(o);
    } else {
        require(!restored.problem().message_id.empty(), "refusal with a reason");
    }

    static const tabi::Order base = awaiting_order();
    tabi::Order o = base;
    auto step = tabi::apply_payment_result(o, text, 1'800'000'003);
    if (!step.ok()) require(o == base, "a refused result changes nothing");
    return 0;
}
