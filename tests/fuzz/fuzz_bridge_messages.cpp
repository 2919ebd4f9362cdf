// libFuzzer target: the bridge's messages into the widget, as wasm/main.cpp hands them to core. Input: messages
// separated by a 0x00 byte; each message's first byte picks how it is delivered (lookup-result, payment-result or
// payment-unanswered, restore with the rest as the record, set-currency, set-locale, set-catalog through
// load_catalog), the rest is its JSON text as the host or the storage sent it. The session starts with an order
// awaiting payment. Nothing may crash, throw or hang; while money may be moving the order keeps its id and key
// and the basket cannot change; no event or request carries the unmasked identifier.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "core/catalog.h"
#include "core/session.h"

namespace {

constexpr tabi::UnixSeconds kNow = 1'795'000'000;
constexpr std::string_view kIccid = "8981100012345678905";
constexpr std::string_view kEntropy = "0123456789abcdef0123456789abcdef0123456789";

void require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "invariant broken: %s\n", what);
        std::abort();
    }
}

std::shared_ptr<const tabi::Catalog> sample() {
    static std::shared_ptr<const tabi::Catalog> cat = [] {
        tabi::CatalogLoad load = tabi::load_catalog(tabi::sample_catalog_json());
        require(load.catalog.has_value(), "sample catalogue loads");
        return std::make_shared<const tabi::Catalog>(std::move(*load.catalog));
    }();
    return cat;
}

void check_outputs(tabi::RenewalSession& s) {
    for (const auto& r : s.take_requests())
        if (r.kind != tabi::BridgeRequestKind::lookup) require(r.json.find(kIccid) == std::string::npos, "no identifier in a request");
    for (const auto& e : s.take_events()) require(e.json.find(kIccid) == std::string::npos, "no identifier in an event");
}

// The session with its order at the host. The walk there is the same for every input and was most of an
// execution's time: it is taken once, and each input starts from a copy (the session is a value; the catalogue
// is shared and never changes).
struct Paying {
    tabi::RenewalSession session;
    std::string id;
    std::string key;
};

const Paying& paying() {
    static const Paying walked = [] {
        tabi::SessionOptions o;
        o.can_lookup = true;
        o.can_pay = true;
        o.page_origin = "https://fuzz.example";
        tabi::RenewalSession s(sample(), o);
        s.set_identifier_text(std::string(kIccid));
        s.submit_identifier(kNow);
        // Walk on without the host's status, as far as the order and its payment.
        s.apply_lookup_answer(R"({"requestId":1,"ok":false,"error":"fuzz","timeout":false})", kNow);
        s.take_requests();
        s.continue_from_status();
        s.choose_device(0);
        s.continue_from_device();
        s.continue_from_payment_methods();
        s.choose_only("sakura-7d-5gb");
        s.continue_to_confirm(kNow);
        s.pay(kNow, kEntropy);
        check_outputs(s);
        require(s.order().has_value() && s.waiting_for_host(), "the order is with the host");
        // Computed here once; a message that changes what they depend on makes the copy compute them again.
        (void)s.comparison();
        (void)s.recommendation();
        return Paying{s, s.order()->id, s.order()->idempotency_key};
    }();
    return walked;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Paying& start = paying();
    tabi::RenewalSession s = start.session;
    const std::string& id = start.id;
    const std::string& key = start.key;

    const std::string_view all(reinterpret_cast<const char*>(data), size);
    std::size_t at = 0;
    while (at < all.size()) {
        std::size_t end = all.find('\0', at);
        if (end == std::string_view::npos) end = all.size();
        const std::string_view message = all.substr(at, end - at);
        at = end + 1;
        if (message.empty()) continue;
        const std::string_view body = message.substr(1);
        const bool waiting = s.waiting_for_host();
        switch (static_cast<unsigned char>(message[0]) % 7) {
            case 0: s.apply_lookup_answer(body, kNow); break;
            case 1: s.apply_payment_answer(body, kNow); break;
            case 2: s.apply_restored_record(body, kNow); break;
            case 3: s.set_currency(std::string(body)); break;
            case 4: s.set_locale(static_cast<tabi::Locale>(body.size() % 5)); break;
            case 5: (void)tabi::load_catalog(body); break;
            default:
                // The traveller presses what a panel offers while the answers come in.
                s.set_quantity("sakura-30d-20gb", 1);
                s.pay(kNow, kEntropy);
                s.check_payment_status();
                break;
        }
        (void)s.comparison();
        (void)s.recommendation();
        check_outputs(s);
        require(s.order().has_value(), "an order with the host is never dropped");
        require(s.order()->id == id, "the order keeps its id");
        if (waiting) {
            require(s.order()->idempotency_key == key, "the key holds while money may be moving");
            require(s.chosen().count("sakura-30d-20gb") == 0, "the basket holds while money may be moving");
        }
    }
    return 0;
}
