#include "ui/style.h"

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
    style.FrameBorderSize = 0;
    if (theme.dark) ImGui::StyleColorsDark(&style);
    else ImGui::StyleColorsLight(&style);
    ImVec4* c = style.Colors;
    const ImVec4 accent = rgb(theme.accent_rgb);
    c[ImGuiCol_WindowBg] = theme.dark ? rgb(0x16181D) : rgb(0xFFFFFF);
    c[ImGuiCol_Text] = theme.dark ? rgb(0xE8EAED) : rgb(0x1B1F24);
    c[ImGuiCol_TextDisabled] = theme.dark ? rgb(0x9AA0A6) : rgb(0x5F6670);
    c[ImGuiCol_Border] = theme.dark ? rgb(0x2E3238) : rgb(0xE1E4E8);
    c[ImGuiCol_Separator] = c[ImGuiCol_Border];
    c[ImGuiCol_Button] = accent;
    c[ImGuiCol_ButtonHovered] = rgb(theme.accent_rgb, 0.85f);
    c[ImGuiCol_ButtonActive] = rgb(theme.accent_rgb, 0.7f);
    c[ImGuiCol_Header] = rgb(theme.accent_rgb, 0.15f);
    c[ImGuiCol_HeaderHovered] = rgb(theme.accent_rgb, 0.25f);
    c[ImGuiCol_HeaderActive] = rgb(theme.accent_rgb, 0.35f);
    c[ImGuiCol_TableHeaderBg] = theme.dark ? rgb(0x20242A) : rgb(0xF3F5F7);
    c[ImGuiCol_TableRowBgAlt] = theme.dark ? rgb(0x1B1E23) : rgb(0xFAFBFC);
    c[ImGuiCol_TableBorderLight] = c[ImGuiCol_Border];
    c[ImGuiCol_NavHighlight] = accent;
    c[ImGuiCol_CheckMark] = accent;
}

void load_fonts(float pixel_ratio) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // static data inside the binary
    cfg.OversampleH = 1;               // rasterised at the device's pixel size: no oversampling needed
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    cfg.RasterizerDensity = pixel_ratio;  // glyph bitmaps at device pixels, laid out in CSS pixels
    // Keep in step with TABI_LATIN_UNICODES in CMakeLists.txt (the glyphs the subset keeps).
    static const ImWchar kLatinRanges[] = {0x0020, 0x00FF, 0x2010, 0x2027, 0x20A9, 0x20A9, 0x20AC, 0x20AC,
                                           0x2190, 0x2193, 0x2713, 0x2715, 0x25CF, 0x25CF, 0xFFE5, 0xFFE5, 0};
    io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(kFontLatin), static_cast<int>(kFontLatin_size),
                                   kBodyFontSize * kNotoLineHeightPerEm, &cfg, kLatinRanges);
    io.Fonts->Build();
}

}  // namespace tabi::ui
