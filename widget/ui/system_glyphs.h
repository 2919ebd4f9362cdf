// CJK characters drawn by the traveller's own fonts. A traveller who reads the widget in Chinese, Japanese or
// Korean reads web pages in it too, so the device has a font for it (every phone, Windows and macOS do): a
// character outside the slices here (font_slices.h) costs no download when that font draws it. The platform
// rasterises the characters at the atlas's sizes (the browser's 2D canvas, in that locale's glyph forms) and
// answers with bitmaps; the characters it cannot draw, or all of them when its pixels cannot be trusted, are
// left to the font slices. Nothing here knows the browser: the answer is JSON metrics and alpha bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "ui/font_slices.h"

namespace tabi::ui {

// One character drawn at one of the atlas's sizes, in device pixels.
struct SystemGlyph {
    int font = 0;          // 0 body, 1 heading (load_fonts' order)
    float advance = 0.0f;  // the pen's move
    int left = 0;          // the bitmap's left edge from the pen position
    int top = 0;           // its top edge from the baseline (above it: negative)
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> alpha;  // width x height, row by row
};

class SystemGlyphs {
public:
    // The sizes the atlas is built at: the em size of the body and heading fonts in device pixels. Bitmaps of
    // other sizes are dropped (what was asked for is asked again); what the system cannot draw stays known.
    void set_sizes(float body_px, float heading_px);
    float body_px() const { return sizes_.first; }
    float heading_px() const { return sizes_.second; }
    // The largest width, height, offset or advance a glyph may have at these sizes, in px: the platform is told
    // it with the request, and an answer beyond it is refused.
    int bitmap_limit() const;

    // Whether the platform may still be asked (it answered that it cannot draw trustworthy pixels: never again).
    bool offered() const { return offered_; }

    // The characters of `set` to ask the platform for: not here, not asked, not refused, and within ImGui's
    // 16-bit characters; marks them asked.
    CodePoints to_ask(const CodePoints& set);
    // The characters of `set` the platform cannot draw (or that no 16-bit ImGui character holds).
    CodePoints refused(const CodePoints& set) const;
    // The characters of `set` drawn at the current sizes.
    CodePoints here(const CodePoints& set) const;

    // The platform's answer to to_ask():
    //   {"sizes": [body_px, heading_px], "glyphs": [[code point, font, advance, left, top, width, height], ...],
    //    "none": [code point, ...], "unavailable": true?}
    // with each glyph's alpha bytes in `bytes`, one after another. An answer for other sizes only hands its
    // characters back to be asked again; an answer that does not hold together (sizes, counts, byte total) is
    // refused whole, its characters go to the slices, and this returns false.
    bool add(std::string_view answer_json, const unsigned char* bytes, std::size_t size);

    // The glyph of `c` for `font`, if drawn.
    const SystemGlyph* find(char32_t c, int font) const;

private:
    void refuse_asked();  // what was asked for goes to the slices

    std::pair<float, float> sizes_{0.0f, 0.0f};
    bool offered_ = true;
    std::map<char32_t, std::vector<SystemGlyph>> glyphs_;  // per character: one per font
    CodePoints asked_;    // sorted
    CodePoints refused_;  // sorted
};

}  // namespace tabi::ui
