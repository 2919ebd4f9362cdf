// A checkout's brand look: named variables over the theme's own colours and sizes (the host's `appearance` option).
// The bridge checks them in JS first; they are checked again here because the UI must not trust a message.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace tabi::ui {

enum class Density { compact, normal, roomy };

// Each variable left unset keeps the theme's (light or dark) default.
struct Appearance {
    std::optional<std::uint32_t> primary, background, surface, text, muted_text, danger, success;  // 0xRRGGBB
    std::optional<float> radius;      // corner radius of buttons and fields, CSS px, 0..24
    std::optional<Density> density;   // spacing between and inside controls
    std::optional<float> font_scale;  // 0.85..1.5 times the body and heading sizes
    bool operator==(const Appearance&) const = default;
};

inline constexpr float kMaxRadius = 24.0f;
inline constexpr float kMinFontScale = 0.85f;
inline constexpr float kMaxFontScale = 1.5f;

// Reads the bridge's appearance object (colours as 0xRRGGBB numbers, density as a name, radius and fontScale as
// numbers). On a bad value returns a message naming the variable and what is wrong, and leaves `out` unchanged.
std::string parse_appearance(const nlohmann::json& message, Appearance& out);

// The colours the panel draws with once an appearance is laid over a theme's defaults.
struct ResolvedColours {
    std::uint32_t primary, background, surface, text, muted_text, danger, success;
};
ResolvedColours resolve_colours(bool dark, const Appearance& appearance);

// WCAG 2 contrast ratio of two sRGB colours (1..21).
double contrast_ratio(std::uint32_t a, std::uint32_t b);

// Pairs that fall below WCAG AA for normal text (4.5:1), one message each (empty when all pass). The widget still
// draws them: a brand may choose so, and the host hears it as a warning.
std::vector<std::string> contrast_warnings(const ResolvedColours& colours);

}  // namespace tabi::ui
