// The appearance variables as the widget receives them from the bridge: checked again (the wasm never trusts a
// message), laid over the theme's defaults, and their contrast judged against WCAG AA.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "ui/appearance.h"

using namespace tabi::ui;
using json = nlohmann::json;

TEST_CASE("appearance: the named variables are read from the bridge's message") {
    Appearance a;
    const json m = {{"primary", 0xE60012}, {"background", 0xFFFFFF}, {"surface", 0xFAFAFA}, {"text", 0x111111},
                    {"mutedText", 0x555555}, {"danger", 0xB00020}, {"success", 0x1A7F37}, {"radius", 4},
                    {"density", "compact"}, {"fontScale", 0.85}};
    CHECK(parse_appearance(m, a).empty());
    CHECK(a.primary == 0xE60012u);
    CHECK(a.muted_text == 0x555555u);
    CHECK(a.success == 0x1A7F37u);
    CHECK(a.radius == 4.0f);
    CHECK(a.density == Density::compact);
    CHECK(a.font_scale == doctest::Approx(0.85f));
    CHECK(parse_appearance(json::object(), a).empty());
    CHECK(a == Appearance{});  // an empty object: all back to the theme's defaults
}

TEST_CASE("appearance: a bad variable is refused by name and the last good appearance is kept") {
    Appearance a;
    REQUIRE(parse_appearance({{"primary", 0x0F766E}}, a).empty());
    const Appearance good = a;
    const std::pair<json, const char*> cases[] = {
        {{{"primay", 1}}, "appearance.primay: unknown variable"},
        {{{"text", "#fff"}}, "appearance.text: expected a colour 0xRRGGBB"},
        {{{"danger", 0x1000000}}, "appearance.danger: expected a colour 0xRRGGBB"},
        {{{"success", -1}}, "appearance.success: expected a colour 0xRRGGBB"},
        {{{"radius", 25}}, "appearance.radius: expected a number from 0 to 24"},
        {{{"radius", "8"}}, "appearance.radius: expected a number from 0 to 24"},
        {{{"fontScale", 1.6}}, "appearance.fontScale: expected a number from 0.85 to 1.5"},
        {{{"fontScale", 0.5}}, "appearance.fontScale: expected a number from 0.85 to 1.5"},
        {{{"density", "tight"}}, "appearance.density: expected compact, normal or roomy"},
        {json::array(), "appearance: expected an object of named variables"},
    };
    for (const auto& [message, error] : cases) {
        const std::string sent = message.dump();  // clang 14 cannot capture a structured binding (CAPTURE does)
        CAPTURE(sent);
        CHECK(parse_appearance(message, a) == error);
        CHECK(a == good);
    }
    // One bad variable refuses the whole message, not just itself.
    CHECK_FALSE(parse_appearance({{"primary", 0xE60012}, {"radius", 99}}, a).empty());
    CHECK(a.primary == 0x0F766Eu);
}

TEST_CASE("appearance: a partial set merges over the light and the dark theme's defaults") {
    Appearance a;
    a.primary = 0xE60012;
    const ResolvedColours light = resolve_colours(false, a), dark = resolve_colours(true, a);
    CHECK(light.primary == 0xE60012u);
    CHECK(dark.primary == 0xE60012u);
    CHECK(light.background == 0xFFFFFFu);
    CHECK(dark.background == 0x16181Du);
    CHECK(light.text == 0x1B1F24u);
    CHECK(dark.text == 0xE8EAEDu);
    // The defaults themselves pass WCAG AA in both themes.
    CHECK(contrast_warnings(resolve_colours(false, {})).empty());
    CHECK(contrast_warnings(resolve_colours(true, {})).empty());
}

TEST_CASE("appearance: contrast below WCAG AA for normal text is named, pair by pair") {
    CHECK(contrast_ratio(0x000000, 0xFFFFFF) == doctest::Approx(21.0));
    CHECK(contrast_ratio(0x777777, 0xFFFFFF) == doctest::Approx(4.48).epsilon(0.01));  // just under 4.5
    Appearance a;
    a.text = 0x999999;  // light grey text on the light theme's white
    const auto warnings = contrast_warnings(resolve_colours(false, a));
    REQUIRE(warnings.size() == 2);  // on the background and on the surface
    CHECK(warnings[0].find("text on background has contrast 2.84:1, below WCAG AA 4.5:1") != std::string::npos);
    CHECK(warnings[1].find("text on surface") != std::string::npos);
    a.text = 0x000000;
    a.background = 0x0B3D3A;  // a dark teal background under black text
    CHECK(contrast_warnings(resolve_colours(false, a)).front().find("text on background") != std::string::npos);
}
