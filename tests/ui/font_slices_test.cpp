// The font-slice index as the build writes it (widget/ui/fonts/make_font_slices.py): which slice holds a
// character, the file names derived from the integrity values, and what a set of characters still needs.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "core/messages.h"
#include "ui/font_slices.h"
#include "ui/style.h"

using namespace tabi::ui;

namespace {

// Two slices: 000 holds 你 好; 001 holds 世 界 and 你 again. The encoding is
// each code point's difference from the previous one in base 32 (make_font_slices.py, encode_chars).
std::string index_json() {
    // 你 U+4F60 "Tx0", then +0x0A1D to 好 "CQt"; 世 U+4E16 "TQm", +0x014A to 你 "Ka", +0x25EC to 界 "JPc".
    return R"({"locale":"zh-Hans","slices":[)"
           R"(["sha256-q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=","Tx0CQt"],)"
           R"(["sha256-ASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4mrze8=","TQmKaJPc"]]})";
}

CodePoints chars(std::u32string_view s) { return CodePoints(s.begin(), s.end()); }

}  // namespace

TEST_CASE("the index maps each character to its slice, the first one that holds it") {
    FontSlices slices;
    REQUIRE(slices.read_index(index_json()));
    CHECK(slices.slice_of(U'你') == 0u);
    CHECK(slices.slice_of(U'好') == 0u);
    CHECK(slices.slice_of(U'世') == 1u);
    CHECK(slices.slice_of(U'界') == 1u);
    CHECK_FALSE(slices.slice_of(U'龘').has_value());  // above the index's characters
    CHECK_FALSE(slices.slice_of(U'A').has_value());   // below them
    CHECK_FALSE(slices.slice_of(U'丢').has_value());  // between them (U+4E22)
    CHECK(slices.uncovered(chars(U"你龘界😀")) == chars(U"龘😀"));
}

TEST_CASE("file names carry the locale, the slice number and the digest's first ten hex digits") {
    FontSlices slices;
    REQUIRE(slices.read_index(index_json()));
    // base64 "q83vEjRW" = ab cd ef 12 34 56
    CHECK(slices.file(0) == "tabi-font-zh-Hans-000.abcdef1234.otf");
    CHECK(slices.file(1) == "tabi-font-zh-Hans-001.0123456789.otf");
    CHECK(slices.integrity(1) == "sha256-ASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4mrze8=");
}

TEST_CASE("a slice is asked for once; a failed one is not asked for again") {
    FontSlices slices;
    REQUIRE(slices.read_index(index_json()));
    const unsigned char font[] = {1, 2, 3};
    REQUIRE(slices.add(slices.file(0), font, sizeof font));
    CHECK(slices.to_fetch(chars(U"你好")).empty());
    CHECK(slices.to_fetch(chars(U"你世界")) == std::vector<std::size_t>{1});
    CHECK(slices.to_fetch(chars(U"界")).empty());  // already asked for
    CHECK(slices.here(chars(U"你世界")) == chars(U"你"));
    slices.fetch_failed(slices.file(1));
    CHECK(slices.to_fetch(chars(U"界")).empty());
    CHECK_FALSE(slices.add("tabi-font-zh-Hans-002.0000000000.otf", font, sizeof font));
    const auto parts = slices.parts_for(chars(U"你好世"));
    REQUIRE(parts.size() == 1);
    CHECK(parts[0].chars == chars(U"你好"));
}

TEST_CASE("an index that is not one is refused and nothing is kept") {
    FontSlices slices;
    CHECK_FALSE(slices.read_index("not json"));
    CHECK_FALSE(slices.read_index(R"({"locale":"ja","slices":[["sha1-abc","0"]]})"));   // not SHA-256
    CHECK_FALSE(slices.read_index(R"({"locale":"ja","slices":[["sha256-q83vEjRWeJCr","T!"]]})"));  // bad digit
    CHECK_FALSE(slices.read_index(R"({"locale":"ja","slices":[["sha256-q83vEjRWeJCr","T"]]})"));   // unfinished
    CHECK_FALSE(slices.has_index());
}

TEST_CASE("characters are read as UTF-8, above U+FFFF too; control characters and invalid bytes are left out") {
    CodePoints set;
    add_code_points("a\x01" "b\xFF" "中😀中", set);
    CHECK(set == chars(U"ab中😀"));
    CHECK(beyond_latin(set) == chars(U"😀"));  // 中 is in the Latin font (the language menu's 中文)
    CHECK(in_latin_font(U'é'));
    CHECK_FALSE(in_latin_font(U'界'));
}

TEST_CASE("English texts use only characters the built-in Latin font has") {
    for (const auto& e : tabi::builtin_messages(tabi::Locale::en).entries()) {
        // The language menu names each language in its own script, whatever the panel's language.
        if (e.id.starts_with("ui.language.")) continue;
        // The one text with a line break: the reminder's description, written into the .ics file, never drawn.
        const bool multi_line = e.id == "receipt.label.reminder_description";
        CAPTURE(e.id);
        CodePoints text;
        add_code_points(e.text, text);
        for (const char32_t c : text) {
            if (c == U'\n' && multi_line) continue;  // a line break in a file, not a glyph
            CAPTURE(static_cast<std::uint32_t>(c));
            CHECK(in_latin_font(c));
        }
    }
}
