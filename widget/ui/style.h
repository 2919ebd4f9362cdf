// The panel's look: theme colours, sizes and fonts. ImGui only; the platform tells us the pixel ratio.
#pragma once

#include <cstdint>
#include <vector>

namespace tabi::ui {

struct Theme {
    bool dark = false;
    std::uint32_t accent_rgb = 0x1F6FEB;  // the host's accent colour, 0xRRGGBB
};

inline constexpr float kBodyFontSize = 16.0f;     // em size in CSS px: readable on phones (>= 15)
inline constexpr float kHeadingFontSize = 21.0f;

void apply_theme(const Theme& theme);

// Rebuilds the font atlas for a device pixel ratio: glyph bitmaps are rasterised at device pixels
// (ImFontConfig::RasterizerDensity) while layout stays in CSS pixels, so text is crisp on HiDPI
// screens. The platform re-uploads the texture afterwards.
// `cjk_font`: the current locale's CJK font (an OpenType file subset at build time to that locale's texts),
// merged into both sizes; nullptr for English. The bytes must outlive the atlas.
void load_fonts(float pixel_ratio, const std::vector<unsigned char>* cjk_font = nullptr);

}  // namespace tabi::ui
