#include "ui/style.h"

#include "ui/widgets.h"

#include <cstddef>

#include <imgui.h>

// The Latin subset of Noto Sans, generated at build time (widget/ui/fonts/make_font_source.py).
extern const unsigned char kFontLatin[];
extern const std::size_t kFontLatin_size;

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
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    style.WindowPadding = ImVec2(16, 16);
    style.FramePadding = ImVec2(12, 8);
    style.ItemSpacing = ImVec2(10, 10);
    style.CellPadding = ImVec2(8, 6);
    style.WindowRounding = 12;
    style.FrameRounding = 8;
    style.GrabRounding = 8;
    style.ChildRounding = 10;
    style.ScrollbarSize = 10;
    style.ScrollbarRounding = 6;
    style.WindowBorderSize = 1;
    style.FrameBorderSize = 1;
    if (theme.dark) ImGui::StyleColorsDark(&style);
    else ImGui::StyleColorsLight(&style);
    ImVec4* c = style.Colors;
    const ImVec4 accent = rgb(theme.accent_rgb);
    c[ImGuiCol_WindowBg] = theme.dark ? rgb(0x16181D) : rgb(0xFFFFFF);
    c[ImGuiCol_Text] = theme.dark ? rgb(0xE8EAED) : rgb(0x1B1F24);
    c[ImGuiCol_TextDisabled] = theme.dark ? rgb(0x9AA0A6) : rgb(0x5F6670);
    c[ImGuiCol_Border] = theme.dark ? rgb(0x2E3238) : rgb(0xE1E4E8);
    c[ImGuiCol_Separator] = c[ImGuiCol_Border];
    // Plain ImGui buttons (combo arrows) stay quiet; the primary action pushes the accent itself.
    c[ImGuiCol_Button] = theme.dark ? rgb(0x2A2F36) : rgb(0xEEF1F4);
    c[ImGuiCol_ButtonHovered] = rgb(theme.accent_rgb, 0.18f);
    c[ImGuiCol_ButtonActive] = rgb(theme.accent_rgb, 0.28f);
    c[ImGuiCol_PopupBg] = theme.dark ? rgb(0x1F2329) : rgb(0xFFFFFF);
    c[ImGuiCol_Header] = rgb(theme.accent_rgb, 0.15f);
    c[ImGuiCol_HeaderHovered] = rgb(theme.accent_rgb, 0.25f);
    c[ImGuiCol_HeaderActive] = rgb(theme.accent_rgb, 0.35f);
    c[ImGuiCol_TableHeaderBg] = theme.dark ? rgb(0x20242A) : rgb(0xF3F5F7);
    c[ImGuiCol_TableRowBgAlt] = theme.dark ? rgb(0x1B1E23) : rgb(0xFAFBFC);
    c[ImGuiCol_TableBorderLight] = c[ImGuiCol_Border];
    c[ImGuiCol_NavHighlight] = accent;
    c[ImGuiCol_CheckMark] = accent;
    c[ImGuiCol_FrameBg] = theme.dark ? rgb(0x1F2329) : rgb(0xFFFFFF);
    c[ImGuiCol_FrameBgHovered] = theme.dark ? rgb(0x262B32) : rgb(0xF6F8FA);
    c[ImGuiCol_FrameBgActive] = theme.dark ? rgb(0x262B32) : rgb(0xFFFFFF);
    c[ImGuiCol_TextSelectedBg] = rgb(theme.accent_rgb, 0.30f);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);

    Palette& p = palette();
    const auto u32 = [](std::uint32_t rgb_value) {
        return IM_COL32((rgb_value >> 16) & 0xFF, (rgb_value >> 8) & 0xFF, rgb_value & 0xFF, 255);
    };
    p.accent = u32(theme.accent_rgb);
    // Status colours with enough contrast on each background (WCAG AA for text).
    p.good = theme.dark ? u32(0x3FB950) : u32(0x1A7F37);
    p.warning = theme.dark ? u32(0xD29922) : u32(0x9A6700);
    p.bad = theme.dark ? u32(0xF85149) : u32(0xCF222E);
    p.muted_fill = theme.dark ? u32(0x2A2F36) : u32(0xEEF1F4);
    p.card_fill = theme.dark ? u32(0x1C1F25) : u32(0xF7F8FA);
    // White or near-black text on the accent, whichever contrasts more (luma of the accent colour).
    const std::uint32_t a = theme.accent_rgb;
    const unsigned luma = (((a >> 16) & 0xFF) * 299 + ((a >> 8) & 0xFF) * 587 + (a & 0xFF) * 114) / 1000;
    p.text_on_accent = luma > 160 ? u32(0x1B1F24) : u32(0xFFFFFF);
}

namespace {
// Keep in step with TABI_LATIN_UNICODES in CMakeLists.txt (the glyphs the subset keeps).
constexpr ImWchar kLatinRanges[] = {
    0x0020, 0x00FF, 0x2010, 0x2027, 0x20A9, 0x20A9, 0x20AC, 0x20AC, 0x2190, 0x2193, 0x2212, 0x2212,
    0x25A1, 0x25A1, 0x25CF, 0x25CF, 0x2713, 0x2715, 0x4E2D, 0x4E2D, 0x4F53, 0x4F53, 0x6587, 0x6587,
    0x65E5, 0x65E5, 0x672C, 0x672C, 0x7B80, 0x7B80, 0x7E41, 0x7E41, 0x8A9E, 0x8A9E, 0x9AD4, 0x9AD4,
    0xAD6D, 0xAD6D, 0xC5B4, 0xC5B4, 0xD55C, 0xD55C, 0xFFE5, 0xFFE5, 0xFFFD, 0xFFFD, 0};

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

void load_fonts(float pixel_ratio, const std::vector<CjkFontPart>& cjk) {
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
    std::vector<std::vector<ImWchar>> ranges;  // read by Build() below
    ranges.reserve(cjk.size());
    for (const auto& part : cjk) ranges.push_back(ranges_of(part.chars));
    for (const float em : {kBodyFontSize, kHeadingFontSize}) {  // Fonts[0] body, Fonts[1] headings
        const float size = em * kNotoLineHeightPerEm;
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
    // Fonts were added above: the widget's ImGui has no default font (wasm/imgui_no_default_font.cmake).
    io.Fonts->Build();
}

}  // namespace tabi::ui
