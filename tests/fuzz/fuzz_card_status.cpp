// libFuzzer target: arbitrary bytes as the card status a host's lookupCard answers. parse_card_status() and
// everything the status screen computes from it must never crash, throw or hang, and what it accepts must be
// in range (data used within the total, an expiry, a countdown and a bar that add up).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "core/card_status.h"
#include "core/catalog.h"

namespace {

void require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "invariant broken: %s\n", what);
        std::abort();
    }
}

const tabi::Catalog& sample() {
    static const tabi::Catalog cat = [] {
        tabi::CatalogLoad load = tabi::load_catalog(tabi::sample_catalog_json());
        require(load.catalog.has_value(), "sample catalogue loads");
        return std::move(*load.catalog);
    }();
    return cat;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = tabi::parse_card_status(text);
    if (!parsed.ok()) {
        require(!parsed.problem().message_id.empty(), "refusal with a reason");
        return 0;
    }
    const tabi::CardStatus& status = parsed.value();
    constexpr tabi::UnixSeconds now = 1'795'000'000;
    (void)tabi::check_status_against_catalog(status, sample());
    const tabi::DataLeft left = tabi::data_left(status);
    require(left.permille_left >= 0 && left.permille_left <= 1000, "the data bar is within 0..1000");
    require(left.left_mb >= 0, "data left is never negative");
    const tabi::Countdown c = tabi::countdown_to(status.expires_at, now);
    require(c.total_seconds >= 0, "a countdown never runs below zero");
    (void)tabi::display_instant(status.expires_at, 540);
    (void)tabi::renew_by(status, sample().plans, now);
    (void)tabi::status_warnings(status, sample().plans, now);
    return 0;
}
