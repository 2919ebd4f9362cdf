#include "ui/style.h"

#include "ui/widgets.h"

#include <cmath>
#include <cstddef>
#include <cstring>

#include <imgui.h>

// The Latin subset of Noto Sans, generated at build time (widget/ui/fonts/make_font_source.py).
extern const unsigned char kFontLatin[];
extern const std::size_t kFontLatin_size;
extern const unsigned short kFontLatin_ranges[];

namespace tabi::ui {
namespace {

ImVec4 rgb(std::uint32_t c, float alpha = 1.0f) {
    return ImVec4(static_cast<float>((c >> 16) & 0xFF) / 255.0f, static_cast<float>((c >> 8) & 0xFF) / 255.0f,
                  static_cast<float>(c & 0xFF) / 255.0f, alpha);
}

// ImGui sizes a font by its line height (ascent − descent); Noto Sans CJK's is 1.448 em
// (hhea 1160 + 288 over 1000 units), so this turns an em size in CSS px into ImGui's size.
constexpr float kNotoLineHeightPerEm = 1.448f;

}  // namespace

void apply_theme(const Theme& theme) {
    Appearance look = theme.appearance;
    if (!look.primary) look.primary = theme.accent_rgb;  // accent: the older name of primary
    const ResolvedColours k = resolve_colours(theme.dark, look);
    // Spacing and corner radius scale together with density; the radius variable sets the controls' corners.
    const float space = look.density == Density::compact ? 0.75f : look.density == Density::roomy ? 1.25f : 1.0f;
    const float radius = look.radius.value_or(8.0f);
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    style.WindowPadding = ImVec2(16 * space, 16 * space);
    style.FramePadding = ImVec2(12 * space, 8 * space);
    style.ItemSpacing = ImVec2(10 * space, 10 * space);
    style.CellPadding = ImVec2(8 * space, 6 * space);
    style.WindowRounding = radius * 1.5f;
    style.FrameRounding = radius;
    style.GrabRounding = radius;
    style.ChildRounding = radius * 1.25f;
    style.ScrollbarSize = 10;
    style.ScrollbarRounding = 6;
    style.WindowBorderSize = 1;
    style.FrameBorderSize = 1;
    if (theme.dark) ImGui::StyleColorsDark(&style);
    else ImGui::StyleColorsLight(&style);
    ImVec4* c = style.Colors;
    const ImVec4 accent = rgb(k.primary);
    // Borders, quiet fills and table stripes are the surface colour moved towards the text colour.
    const auto mix = [](std::uint32_t from, std::uint32_t to, unsigned per256) {
        std::uint32_t out = 0;
        for (int shift : {16, 8, 0}) {
            const unsigned a = (from >> shift) & 0xFF, b = (to >> shift) & 0xFF;
            out |= ((a * (256 - per256) + b * per256) / 256) << shift;
        }
        return out;
    };
    const bool default_colours = !look.background && !look.surface && !look.text;
    const std::uint32_t border = default_colours ? (theme.dark ? 0x2E3238 : 0xE1E4E8) : mix(k.surface, k.text, 36);
    const std::uint32_t quiet = default_colours ? (theme.dark ? 0x2A2F36 : 0xEEF1F4) : mix(k.surface, k.text, 18);
    c[ImGuiCol_WindowBg] = rgb(k.background);
    c[ImGuiCol_Text] = rgb(k.text);
    c[ImGuiCol_TextDisabled] = rgb(k.muted_text);
    c[ImGuiCol_Border] = rgb(border);
    c[ImGuiCol_Separator] = c[ImGuiCol_Border];
    // Plain ImGui buttons (combo arrows) stay quiet; the primary action pushes the accent itself.
    c[ImGuiCol_Button] = rgb(quiet);
    c[ImGuiCol_ButtonHovered] = rgb(k.primary, 0.18f);
    c[ImGuiCol_ButtonActive] = rgb(k.primary, 0.28f);
    c[ImGuiCol_PopupBg] = default_colours ? (theme.dark ? rgb(0x1F2329) : rgb(0xFFFFFF)) : rgb(k.surface);
    c[ImGuiCol_Header] = rgb(k.primary, 0.15f);
    c[ImGuiCol_HeaderHovered] = rgb(k.primary, 0.25f);
    c[ImGuiCol_HeaderActive] = rgb(k.primary, 0.35f);
    c[ImGuiCol_TableHeaderBg] = default_colours ? (theme.dark ? rgb(0x20242A) : rgb(0xF3F5F7)) : rgb(mix(k.surface, k.text, 10));
    c[ImGuiCol_TableRowBgAlt] = default_colours ? (theme.dark ? rgb(0x1B1E23) : rgb(0xFAFBFC)) : rgb(mix(k.background, k.text, 5));
    c[ImGuiCol_TableBorderLight] = c[ImGuiCol_Border];
    c[ImGuiCol_NavHighlight] = accent;
    c[ImGuiCol_CheckMark] = accent;
    c[ImGuiCol_FrameBg] = default_colours ? (theme.dark ? rgb(0x1F2329) : rgb(0xFFFFFF)) : rgb(k.background);
    c[ImGuiCol_FrameBgHovered] = default_colours ? (theme.dark ? rgb(0x262B32) : rgb(0xF6F8FA)) : rgb(mix(k.background, k.text, 12));
    c[ImGuiCol_FrameBgActive] = default_colours ? (theme.dark ? rgb(0x262B32) : rgb(0xFFFFFF)) : rgb(k.background);
    c[ImGuiCol_TextSelectedBg] = rgb(k.primary, 0.30f);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);

    Palette& p = palette();
    const auto u32 = [](std::uint32_t rgb_value) {
        return IM_COL32((rgb_value >> 16) & 0xFF, (rgb_value >> 8) & 0xFF, rgb_value & 0xFF, 255);
    };
    p.accent = u32(k.primary);
    // Status colours with enough contrast on each background (WCAG AA for text) unless the host sets its own.
    p.good = u32(k.success);
    p.warning = theme.dark ? u32(0xD29922) : u32(0x9A6700);
    p.bad = u32(k.danger);
    p.muted_fill = u32(quiet);
    p.card_fill = u32(k.surface);
    // White or near-black text on the accent, whichever contrasts more.
    p.text_on_accent = contrast_ratio(k.primary, 0xFFFFFF) >= contrast_ratio(k.primary, 0x1B1F24) ? u32(0xFFFFFF)
                                                                                               : u32(0x1B1F24);
}

namespace {
// The Latin font's characters (TABI_LATIN_UNICODES in CMakeLists.txt, written beside the font's bytes).
static_assert(sizeof(ImWchar) == sizeof(unsigned short), "ImGui is built with 16-bit ImWchar");
const ImWchar* const kLatinRanges = kFontLatin_ranges;

// ImGui's glyph ranges (pairs of first and last, ending in 0) of sorted characters.
std::vector<ImWchar> ranges_of(const std::vector<char32_t>& chars) {
    std::vector<ImWchar> ranges;
    for (char32_t c : chars) {
        if (c > 0xFFFF) continue;  // ImGui is built with 16-bit ImWchar
        const auto w = static_cast<ImWchar>(c);
        if (!ranges.empty() && ranges.back() + 1 == w) ranges.back() = w;
        else ranges.insert(ranges.end(), {w, w});
    }
    ranges.push_back(0);
    return ranges;
}

}  // namespace

bool in_latin_font(char32_t c) {
    for (std::size_t i = 0; kLatinRanges[i]; i += 2)
        if (c >= kLatinRanges[i] && c <= kLatinRanges[i + 1]) return true;
    return false;
}

std::pair<float, float> system_glyph_sizes(float pixel_ratio, float font_scale) {
    return {kBodyFontSize * font_scale * pixel_ratio, kHeadingFontSize * font_scale * pixel_ratio};
}

namespace {
// The fonts of the atlas, before it is built: the Latin font and the CJK slices' characters, at both sizes.
void add_fonts(float pixel_ratio, const std::vector<CjkFontPart>& cjk, float font_scale,
               std::vector<std::vector<ImWchar>>& ranges) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    // One channel is all text needs: the platform uploads the atlas as an 8-bit alpha texture.
    io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // static data inside the binary, or the slices the caller keeps
    cfg.OversampleH = 1;               // rasterised at the device's pixel size: no oversampling needed
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    cfg.RasterizerDensity = pixel_ratio;  // glyph bitmaps at device pixels, laid out in CSS pixels
    ranges.reserve(cjk.size());  // read by Build()
    for (const auto& part : cjk) ranges.push_back(ranges_of(part.chars));
    for (const float em : {kBodyFontSize, kHeadingFontSize}) {  // Fonts[0] body, Fonts[1] headings
        const float size = em * font_scale * kNotoLineHeightPerEm;
        ImFontConfig latin = cfg;
        io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(kFontLatin), static_cast<int>(kFontLatin_size), size,
                                       &latin, kLatinRanges);
        for (std::size_t i = 0; i < cjk.size(); ++i) {
            if (!cjk[i].font || cjk[i].font->empty() || ranges[i].size() < 2) continue;
            ImFontConfig merge = cfg;
            merge.MergeMode = true;
            io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(cjk[i].font->data()),
                                           static_cast<int>(cjk[i].font->size()), size, &merge, ranges[i].data());
        }
    }
}
}  // namespace

void load_fonts(float pixel_ratio, const std::vector<CjkFontPart>& cjk, float font_scale) {
    std::vector<std::vector<ImWchar>> ranges;
    add_fonts(pixel_ratio, cjk, font_scale, ranges);
    // Fonts were added above: the widget's ImGui has no default font (wasm/imgui_no_default_font.cmake).
    ImGui::GetIO().Fonts->Build();
}

void load_fonts(float pixel_ratio, const std::vector<CjkFontPart>& cjk, float font_scale,
                const std::vector<DrawnGlyph>& drawn) {
    std::vector<std::vector<ImWchar>> ranges;
    add_fonts(pixel_ratio, cjk, font_scale, ranges);
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    // The system's glyphs get a place in the atlas before it is built, and their pixels after.
    std::vector<int> places;
    places.reserve(drawn.size());
    for (const DrawnGlyph& d : drawn) places.push_back(atlas.AddCustomRectRegular(d.glyph->width, d.glyph->height));
    atlas.Build();
    unsigned char* pixels = nullptr;
    int atlas_width = 0, atlas_height = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &atlas_width, &atlas_height);
    for (std::size_t i = 0; i < drawn.size(); ++i) {
        const SystemGlyph& g = *drawn[i].glyph;
        const ImFontAtlasCustomRect* place = atlas.GetCustomRectByIndex(places[i]);
        for (int row = 0; row < g.height; ++row)
            std::memcpy(pixels + (place->Y + row) * atlas_width + place->X, g.alpha.data() + row * g.width,
                        static_cast<std::size_t>(g.width));
        ImVec2 uv0, uv1;
        atlas.CalcCustomRectUV(place, &uv0, &uv1);
        ImFont* font = atlas.Fonts[g.font];
        // Laid out in CSS pixels on the font's baseline, as the slices' glyphs are (ImGui rounds the ascent).
        const float x0 = static_cast<float>(g.left) / pixel_ratio;
        const float y0 = std::round(font->Ascent) + static_cast<float>(g.top) / pixel_ratio;
        font->AddGlyph(nullptr, static_cast<ImWchar>(drawn[i].c), x0, y0, x0 + static_cast<float>(g.width) / pixel_ratio,
                       y0 + static_cast<float>(g.height) / pixel_ratio, uv0.x, uv0.y, uv1.x, uv1.y,
                       std::round(g.advance / pixel_ratio));
    }
    for (ImFont* font : atlas.Fonts) font->BuildLookupTable();
}

}  // namespace tabi::ui
