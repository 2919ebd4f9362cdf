// libFuzzer target: the bridge's answer about the characters the system's fonts drew (widget/ui/system_glyphs.h,
// what tabi_widget_system_glyphs hands over). Input: the answer's JSON text, a 0x00 byte, then the bitmaps' bytes.
// The wasm has asked for 函馆樽札幌 at 32 and 42 px. Nothing may crash, throw or hang; what is kept holds together:
// a character is either drawn (at both sizes, each bitmap exactly width x height bytes within the size limit) or
// refused, never both, and an answer that was refused leaves nothing drawn.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "ui/system_glyphs.h"

namespace {

void require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "invariant broken: %s\n", what);
        std::abort();
    }
}

const tabi::ui::CodePoints kAsked{U'函', U'幌', U'札', U'樽', U'馆'};  // sorted

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t cut = input.find('\0');
    const std::string answer(input.substr(0, cut));
    const std::string_view bytes = cut == std::string_view::npos ? std::string_view() : input.substr(cut + 1);

    tabi::ui::SystemGlyphs system;
    system.set_sizes(32.0f, 42.0f);
    require(system.to_ask(kAsked) == kAsked, "the characters are asked for");
    const bool taken =
        system.add(answer, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    const tabi::ui::CodePoints here = system.here(kAsked);
    const tabi::ui::CodePoints refused = system.refused(kAsked);
    if (!taken) require(here.empty() && refused == kAsked, "a refused answer leaves every character to the slices");
    for (char32_t c : here) {
        for (char32_t r : refused) require(c != r, "a character is drawn or refused, not both");
        for (int font : {0, 1}) {
            const tabi::ui::SystemGlyph* g = system.find(c, font);
            require(g != nullptr, "a drawn character is drawn at both sizes");
            require(g->width >= 0 && g->height >= 0 && g->width <= 184 && g->height <= 184, "within the limit");
            require(g->alpha.size() == static_cast<std::size_t>(g->width) * static_cast<std::size_t>(g->height),
                    "a bitmap is width x height bytes");
        }
    }
    // New sizes drop the bitmaps and ask again for what was drawn; the same answer is then one for old sizes.
    system.set_sizes(48.0f, 63.0f);
    require(system.here(kAsked).empty(), "no bitmap of other sizes is kept");
    (void)system.to_ask(kAsked);
    (void)system.add(answer, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return 0;
}
