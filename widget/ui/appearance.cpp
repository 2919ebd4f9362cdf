#include "ui/appearance.h"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace tabi::ui {
namespace {

struct ColourVariable {
    const char* name;
    std::optional<std::uint32_t> Appearance::*field;
};
constexpr ColourVariable kColours[] = {
    {"primary", &Appearance::primary}, {"background", &Appearance::background}, {"surface", &Appearance::surface},
    {"text", &Appearance::text},       {"mutedText", &Appearance::muted_text},  {"danger", &Appearance::danger},
    {"success", &Appearance::success},
};

double channel_luminance(std::uint32_t c8) {
    const double c = static_cast<double>(c8) / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double relative_luminance(std::uint32_t rgb) {
    return 0.2126 * channel_luminance((rgb >> 16) & 0xFF) + 0.7152 * channel_luminance((rgb >> 8) & 0xFF) +
           0.0722 * channel_luminance(rgb & 0xFF);
}

}  // namespace

std::string parse_appearance(const nlohmann::json& message, Appearance& out) {
    if (!message.is_object()) return "appearance: expected an object of named variables";
    Appearance next;
    for (const auto& [name, value] : message.items()) {
        const ColourVariable* colour = nullptr;
        for (const auto& c : kColours)
            if (name == c.name) colour = &c;
        if (colour) {
            // Signed or unsigned: nlohmann stores a literal as signed, parsed text as unsigned.
            if (!value.is_number_integer() || value.get<std::int64_t>() < 0 || value.get<std::int64_t>() > 0xFFFFFF)
                return fmt::format("appearance.{}: expected a colour 0xRRGGBB", name);
            next.*(colour->field) = value.get<std::uint32_t>();
        } else if (name == "radius" || name == "fontScale") {
            const bool is_radius = name == "radius";
            const float lo = is_radius ? 0.0f : kMinFontScale;
            const float hi = is_radius ? kMaxRadius : kMaxFontScale;
            // The JS bridge writes 0.85 exactly; a float reading of it must not fall below the bound.
            const double v = value.is_number() ? value.get<double>() : NAN;
            if (!std::isfinite(v) || v < lo - 1e-6 || v > hi + 1e-6)
                return fmt::format("appearance.{}: expected a number from {}", name,
                                   is_radius ? "0 to 24" : "0.85 to 1.5");
            (is_radius ? next.radius : next.font_scale) = static_cast<float>(v);
        } else if (name == "density") {
            const std::string d = value.is_string() ? value.get<std::string>() : std::string();
            if (d == "compact") next.density = Density::compact;
            else if (d == "normal") next.density = Density::normal;
            else if (d == "roomy") next.density = Density::roomy;
            else return "appearance.density: expected compact, normal or roomy";
        } else {
            return fmt::format("appearance.{}: unknown variable", name);
        }
    }
    out = next;
    return {};
}

ResolvedColours resolve_colours(bool dark, const Appearance& a) {
    // The theme defaults: the colours style.cpp drew with before appearances existed.
    const ResolvedColours base = dark ? ResolvedColours{0x1F6FEB, 0x16181D, 0x1C1F25, 0xE8EAED, 0x9AA0A6, 0xF85149, 0x3FB950}
                                      : ResolvedColours{0x1F6FEB, 0xFFFFFF, 0xF7F8FA, 0x1B1F24, 0x5F6670, 0xCF222E, 0x1A7F37};
    return {a.primary.value_or(base.primary),       a.background.value_or(base.background),
            a.surface.value_or(base.surface),       a.text.value_or(base.text),
            a.muted_text.value_or(base.muted_text), a.danger.value_or(base.danger),
            a.success.value_or(base.success)};
}

double contrast_ratio(std::uint32_t a, std::uint32_t b) {
    const double la = relative_luminance(a), lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::vector<std::string> contrast_warnings(const ResolvedColours& c) {
    constexpr double kAaNormalText = 4.5;
    std::vector<std::string> out;
    const auto check = [&](const char* fg_name, std::uint32_t fg, const char* bg_name, std::uint32_t bg) {
        const double ratio = contrast_ratio(fg, bg);
        if (ratio >= kAaNormalText) return;
        // Hundredths, rounded down, so a ratio just under 4.5 never reads as 4.50.
        const long hundredths = static_cast<long>(std::floor(ratio * 100));
        out.push_back(fmt::format("appearance: {} on {} has contrast {}.{:02}:1, below WCAG AA 4.5:1 for normal text; "
                                  "darken or lighten one of them",
                                  fg_name, bg_name, hundredths / 100, hundredths % 100));
    };
    check("text", c.text, "background", c.background);
    check("text", c.text, "surface", c.surface);
    check("mutedText", c.muted_text, "background", c.background);
    check("danger", c.danger, "background", c.background);
    check("success", c.success, "background", c.background);
    return out;
}

}  // namespace tabi::ui
