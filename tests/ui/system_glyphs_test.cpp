// Characters drawn by the system's fonts (ui/system_glyphs.h): what is asked for, what an answer may say, what a
// bad answer leaves (the characters go to the font slices), and the glyphs' places in the atlas (load_fonts).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <imgui.h>

#include "ui/style.h"
#include "ui/system_glyphs.h"
#include "ui/widgets.h"

using namespace tabi::ui;

namespace {

CodePoints chars(std::u32string_view s) { return CodePoints(s.begin(), s.end()); }

// An answer drawing `drawn` at both sizes with w x h bitmaps filled with `fill` (body: 1, heading: 2 added),
// and naming `none` as characters the system cannot draw.
struct Answer {
    std::string json;
    std::vector<unsigned char> bytes;
};
Answer answer_for(std::u32string_view drawn, std::u32string_view none, int w = 3, int h = 4, float body = 32.0f,
                  float heading = 42.0f) {
    Answer a;
    a.json = "{\"sizes\":[" + std::to_string(body) + "," + std::to_string(heading) + "],\"glyphs\":[";
    bool first = true;
    for (char32_t c : drawn)
        for (int font : {0, 1}) {
            a.json += (first ? "" : ",") + std::string("[") + std::to_string(static_cast<std::uint32_t>(c)) + "," +
                      std::to_string(font) + ",32.0001,-1,-29," + std::to_string(w) + "," + std::to_string(h) + "]";
            first = false;
            a.bytes.insert(a.bytes.end(), static_cast<std::size_t>(w * h), static_cast<unsigned char>(100 + font));
        }
    a.json += "],\"none\":[";
    first = true;
    for (char32_t c : none) {
        a.json += (first ? "" : ",") + std::to_string(static_cast<std::uint32_t>(c));
        first = false;
    }
    a.json += "]}";
    return a;
}

}  // namespace

TEST_CASE("characters are asked for once; what the system cannot draw goes to the slices") {
    SystemGlyphs system;
    system.set_sizes(32.0f, 42.0f);
    CHECK(system.to_ask(chars(U"函馆𠮷")) == chars(U"函馆"));  // 𠮷 is beyond ImGui's 16-bit characters
    CHECK(system.refused(chars(U"函馆𠮷")) == chars(U"𠮷"));    // ... so the slices (or a box) have it
    CHECK(system.to_ask(chars(U"函馆")).empty());               // on the way: not asked twice
    CHECK(system.here(chars(U"函馆")).empty());

    const Answer a = answer_for(U"函", U"馆");
    CHECK(system.add(a.json, a.bytes.data(), a.bytes.size()));
    CHECK(system.here(chars(U"函馆")) == chars(U"函"));
    CHECK(system.refused(chars(U"函馆")) == chars(U"馆"));
    CHECK(system.to_ask(chars(U"函馆樽")) == chars(U"樽"));
    const SystemGlyph* body = system.find(U'函', 0);
    REQUIRE(body);
    CHECK(body->width == 3);
    CHECK(body->height == 4);
    CHECK(body->top == -29);
    CHECK(body->alpha == std::vector<std::uint8_t>(12, 100));
    REQUIRE(system.find(U'函', 1));
    CHECK(system.find(U'函', 1)->alpha == std::vector<std::uint8_t>(12, 101));
}

TEST_CASE("new sizes drop the bitmaps and ask again; an answer for the old sizes changes nothing") {
    SystemGlyphs system;
    system.set_sizes(32.0f, 42.0f);
    CHECK(system.to_ask(chars(U"函馆")) == chars(U"函馆"));
    const Answer a = answer_for(U"函", U"馆");
    CHECK(system.add(a.json, a.bytes.data(), a.bytes.size()));
    system.set_sizes(48.0f, 63.0f);  // the pixel ratio went from 2 to 3
    CHECK(system.here(chars(U"函馆")).empty());
    CHECK(system.refused(chars(U"函馆")) == chars(U"馆"));  // still no font for it, at any size
    CHECK(system.to_ask(chars(U"函馆")) == chars(U"函"));
    const Answer late = answer_for(U"函", U"", 3, 4, 32.0f, 42.0f);  // drawn before the change
    CHECK(system.add(late.json, late.bytes.data(), late.bytes.size()));
    CHECK(system.here(chars(U"函")).empty());
    const Answer now = answer_for(U"函", U"", 5, 6, 48.0f, 63.0f);
    CHECK(system.add(now.json, now.bytes.data(), now.bytes.size()));
    CHECK(system.here(chars(U"函")) == chars(U"函"));
}

TEST_CASE("an answer that does not hold together is refused whole: its characters go to the slices") {
    // Each answer is refused (add() is false) and leaves both characters to the slices.
    const auto refused = [](const std::string& json, std::vector<unsigned char> bytes) {
        SystemGlyphs system;
        system.set_sizes(32.0f, 42.0f);
        system.to_ask(chars(U"函馆"));
        const bool taken = system.add(json, bytes.data(), bytes.size());
        CHECK(system.here(chars(U"函馆")).empty());
        CHECK(system.refused(chars(U"函馆")) == chars(U"函馆"));
        CHECK(system.to_ask(chars(U"函馆")).empty());  // not asked again
        return !taken;
    };
    Answer a = answer_for(U"函", U"馆");
    CHECK(refused(a.json, std::vector<unsigned char>(a.bytes.begin(), a.bytes.end() - 1)));  // a byte short
    std::vector<unsigned char> long_bytes = a.bytes;
    long_bytes.push_back(0);
    CHECK(refused(a.json, long_bytes));  // a byte that belongs to no glyph
    CHECK(refused("[1,2]", a.bytes));    // not an object
    CHECK(refused("{\"sizes\":[32,42],\"glyphs\":{\"a\":[20989,0,32,-1,-29,0,0]}}", {}));  // glyphs not a list
    const Answer huge = answer_for(U"函", U"", 185, 1);  // wider than 4 x 42 + 16 px
    CHECK(refused(huge.json, huge.bytes));
    const Answer other = answer_for(U"樽", U"");  // a character nobody asked for
    CHECK(refused(other.json, other.bytes));
    const Answer stranger = answer_for(U"函", U"樽");
    CHECK(refused(stranger.json, stranger.bytes));
    CHECK(refused(R"({"sizes":[32,42],"glyphs":[[20989,0,32,-1,-29,1,1]],"none":[39302]})", {7}));  // one size
    CHECK(refused(R"({"sizes":[32,42],"glyphs":[[20989,0,-5,-1,-29,0,0],[20989,1,3,-1,-29,0,0]]})", {}));  // advance
    CHECK(refused(R"({"sizes":[32,42],"glyphs":[[20989,0,3,-1,-29,0,0],[20989,0,3,-1,-29,0,0]]})", {}));  // twice
    // Just within the limits is taken.
    const Answer edge = answer_for(U"函", U"馆", 184, 1);
    SystemGlyphs system;
    system.set_sizes(32.0f, 42.0f);
    CHECK(system.bitmap_limit() == 184);  // told to the platform with the request
    system.to_ask(chars(U"函馆"));
    CHECK(system.add(edge.json, edge.bytes.data(), edge.bytes.size()));
    CHECK(system.here(chars(U"函馆")) == chars(U"函"));
}

TEST_CASE("a platform whose pixels cannot be trusted is not asked again") {
    SystemGlyphs system;
    system.set_sizes(32.0f, 42.0f);
    system.to_ask(chars(U"函"));
    CHECK(system.add(R"({"unavailable":true})", nullptr, 0));
    CHECK_FALSE(system.offered());
    CHECK(system.to_ask(chars(U"函馆")).empty());
    CHECK(system.refused(chars(U"函馆")) == chars(U"函馆"));
}

TEST_CASE("the system's glyphs take their place in the atlas, on the baseline, in CSS pixels") {
    ImGuiContext* context = create_context();
    SystemGlyphs system;
    const float ratio = 2.0f;
    const auto [body_px, heading_px] = system_glyph_sizes(ratio, 1.0f);
    CHECK(body_px == doctest::Approx(kBodyFontSize * 2));
    CHECK(heading_px == doctest::Approx(kHeadingFontSize * 2));
    system.set_sizes(body_px, heading_px);
    system.to_ask(chars(U"函"));
    const Answer a = answer_for(U"函", U"", 6, 8, body_px, heading_px);
    REQUIRE(system.add(a.json, a.bytes.data(), a.bytes.size()));
    load_fonts(ratio, {}, 1.0f, {{U'函', system.find(U'函', 0)}, {U'函', system.find(U'函', 1)}});

    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &width, &height);
    for (int font : {0, 1}) {
        ImFont* f = atlas.Fonts[font];
        const ImFontGlyph* g = f->FindGlyphNoFallback(U'函');
        REQUIRE(g);
        CHECK(g->AdvanceX == doctest::Approx(16.0f));              // 32.0001 device px at ratio 2, rounded
        CHECK(g->X0 == doctest::Approx(-0.5f));                    // left -1 device px
        CHECK(g->X1 - g->X0 == doctest::Approx(3.0f));             // 6 device px wide
        CHECK(g->Y1 - g->Y0 == doctest::Approx(4.0f));             // 8 high
        CHECK(g->Y0 == doctest::Approx(std::round(f->Ascent) - 14.5f));  // top 29 device px above the baseline
        // The bitmap is in the atlas where the glyph's UVs point.
        const int x = static_cast<int>(g->U0 * static_cast<float>(width) + 0.5f);
        const int y = static_cast<int>(g->V0 * static_cast<float>(height) + 0.5f);
        CHECK(pixels[y * width + x] == 100 + font);
        CHECK(pixels[(y + 7) * width + x + 5] == 100 + font);
    }
    destroy_context(context);
}
