// The panel's look: theme colours, sizes and fonts. ImGui only; the platform tells us the pixel ratio.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "ui/appearance.h"
#include "ui/system_glyphs.h"

namespace tabi::ui {

struct Theme {
    bool dark = false;
    std::uint32_t accent_rgb = 0x1F6FEB;  // the host's accent colour, 0xRRGGBB (appearance.primary wins over it)
    Appearance appearance;                // the host's named variables over this theme's defaults
};

inline constexpr float kBodyFontSize = 16.0f;     // em size in CSS px: readable on phones (>= 15)
inline constexpr float kHeadingFontSize = 21.0f;

void apply_theme(const Theme& theme);

// Whether the built-in Latin font (its glyphs are in the wasm) holds `c`.
bool in_latin_font(char32_t c);

// One CJK font merged into the atlas: an OpenType file (a slice of Noto Sans CJK, font_slices.h) and the
// characters to rasterise from it. The bytes must outlive the atlas.
struct CjkFontPart {
    const std::vector<unsigned char>* font;
    std::vector<char32_t> chars;
};

// A character the system's fonts drew (system_glyphs.h) for one of the two fonts, in device pixels.
struct DrawnGlyph {
    char32_t c;
    const SystemGlyph* glyph;
};

// Rebuilds the font atlas for a device pixel ratio: glyph bitmaps are rasterised at device pixels
// (ImFontConfig::RasterizerDensity) while layout stays in CSS pixels, so text is crisp on HiDPI
// screens. The platform re-uploads the texture afterwards.
// `cjk`: the CJK characters to draw, by the slice that holds them (none for English), merged into both sizes.
// Only those characters are rasterised: each one costs time at every rebuild, whatever the font file holds.
// `font_scale`: the appearance's fontScale (1 when unset); a change of it needs this rebuild, a colour change does not.
void load_fonts(float pixel_ratio, const std::vector<CjkFontPart>& cjk = {}, float font_scale = 1.0f);
// The same, with characters the system's fonts drew at the sizes of system_glyph_sizes(), each put into its
// font's glyphs as drawn (the bitmaps must outlive this call only). A function of its own: a first frame never
// has any, and wasm-split leaves what the first frame does not run out of its module.
void load_fonts(float pixel_ratio, const std::vector<CjkFontPart>& cjk, float font_scale,
                const std::vector<DrawnGlyph>& drawn);
// The em sizes, in device pixels, of the body and heading fonts load_fonts builds (what the system draws at).
std::pair<float, float> system_glyph_sizes(float pixel_ratio, float font_scale);

}  // namespace tabi::ui
