// libFuzzer target: arbitrary bytes typed into the identifier field. identify() and each kind's own check must
// never crash, throw or hang, and what they return must be consistent: an acceptable result has a kind and a
// card kind, a masked form never shows more than kMaskVisibleChars letters or digits, errors only when invalid.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/identifier.h"

namespace {

void require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "invariant broken: %s\n", what);
        std::abort();
    }
}

std::size_t visible_alnum(std::string_view masked) {
    std::size_t n = 0;
    for (char c : masked)
        if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) ++n;
    return n;
}

const std::vector<tabi::Operator>& operators() {
    static const std::vector<tabi::Operator> ops = [] {
        tabi::CatalogLoad load = tabi::load_catalog(tabi::sample_catalog_json());
        require(load.catalog.has_value(), "sample catalogue loads");
        return load.catalog->operators;
    }();
    return ops;
}

void check(const tabi::IdentifierCheck& c) {
    using tabi::IdentifierState;
    if (c.acceptable()) {
        require(c.kind != tabi::IdentifierKind::unknown, "acceptable with a kind");
        require(c.card.has_value(), "acceptable with a card kind");
        require(!c.normalized.empty(), "acceptable with a normalized form");
    }
    bool has_error = false;
    for (const auto& p : c.problems) {
        require(!p.message_id.empty(), "problem with an id");
        require(!tabi::identifier_message_template(p.message_id).empty(), "problem id with an English text");
        has_error = has_error || p.is_error();
    }
    require(has_error == (c.state == IdentifierState::invalid), "errors exactly when invalid");
    require(visible_alnum(c.masked) <= tabi::kMaskVisibleChars, "masked shows at most 4 characters");
    if (c.state == IdentifierState::incomplete) require(c.hint.has_value(), "incomplete with a hint");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    check(tabi::identify(text, operators()));
    check(tabi::identify(text));
    check(tabi::check_iccid(text));
    check(tabi::check_imei(text));
    check(tabi::check_eid(text));
    check(tabi::check_jp_phone(text));
    check(tabi::check_rental_order(text, operators()));
    require(visible_alnum(tabi::mask_identifier(text)) <= tabi::kMaskVisibleChars, "mask_identifier");
    return 0;
}
