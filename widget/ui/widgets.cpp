#include "ui/widgets.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>
#include <string>

#include <imgui.h>
#include <qrcodegen.h>
#include <misc/cpp/imgui_stdlib.h>

#include "ui/imgui_internals.h"

namespace tabi::ui {
namespace {

// What the widgets keep between calls, one per ImGui context (create_context).
struct WidgetState {
    Palette palette;
    FrameRecord* record = nullptr;
    // The last QR code's text and modules: encoded once per text, the frame only draws the modules.
    std::string qr_text;
    std::vector<std::uint8_t> qr_code;
    bool qr_ok = false;
};

WidgetState& state() {
    auto* s = static_cast<WidgetState*>(ImGui::GetIO().UserData);
    IM_ASSERT(s && "the ImGui context must come from ui::create_context");
    return *s;
}

// Fonts pushed by the panel: [0] body, [1] heading (see style.cpp).
ImFont* heading_font() {
    ImGuiIO& io = ImGui::GetIO();
    return io.Fonts->Fonts.Size > 1 ? io.Fonts->Fonts[1] : ImGui::GetFont();
}

std::string id_text(ImGuiID id) { return std::to_string(id); }

// Gives the last mirror node the rectangle of the item just drawn.
void node_rect() {
    FrameRecord* r = current_record();
    if (!r || r->a11y.empty()) return;
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    r->a11y.back().rect = FieldRect{min.x, min.y, max.x - min.x, max.y - min.y};
}

// Decodes one UTF-8 character at s[i] with ImGui's own decoder, so lines are measured as ImGui draws them
// (invalid bytes come out as U+FFFD).
unsigned decode_utf8(std::string_view s, std::size_t& i) {
    unsigned cp = 0;
    i += static_cast<std::size_t>(imgui_internals::char_from_utf8(&cp, s.data() + i, s.data() + s.size()));
    return cp;
}

// Chinese and Japanese break between almost any two characters (Korean breaks at spaces, but a long run
// may break anywhere too), which ImGui's wrapping, made for spaces, does not know.
bool breaks_anywhere(unsigned cp) {
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFF00 && cp <= 0xFFEF);
}

// Punctuation a line must not start with (the common part of Japanese kinsoku and Chinese rules).
bool no_break_before(unsigned cp) {
    switch (cp) {
        case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E: case 0xFF09: case 0x300D: case 0x300F: case 0x3011:
        case 0xFF01: case 0xFF1F: case 0xFF1A: case 0xFF1B: case 0x30FC: case 0x3009: case 0x300B: case ')':
        case ',': case '.': case ':': case ';': case '!': case '?': case 0x2026: case 0x00B7:
            return true;
        default:
            return false;
    }
}

// Wrapped text: lines broken at spaces and, in CJK text, between characters; drawn one line at a time with
// the font's own line spacing (not the spacing between items).
void text_wrapped(std::string_view text) {
    const float width = std::max(1.0f, ImGui::GetContentRegionAvail().x);
    ImFont* font = ImGui::GetFont();
    const float scale = ImGui::GetFontSize() / font->FontSize;
    struct Line {
        std::size_t begin, end;
    };
    std::vector<Line> lines;
    std::size_t line_start = 0;
    while (line_start < text.size()) {
        float x = 0.0f;
        std::size_t i = line_start, last_break = std::string_view::npos, resume = std::string_view::npos;
        unsigned prev = 0;
        bool hard_break = false;
        while (i < text.size()) {
            const std::size_t at = i;
            const unsigned cp = decode_utf8(text, i);
            if (cp == '\n') {
                last_break = at;
                resume = i;
                hard_break = true;
                break;
            }
            if (cp == ' ') {
                last_break = at;
                resume = i;
            } else if (at > line_start && (breaks_anywhere(cp) || breaks_anywhere(prev)) && !no_break_before(cp)) {
                last_break = at;
                resume = at;
            }
            x += font->GetCharAdvance(static_cast<ImWchar>(cp <= 0xFFFF ? cp : 0xFFFD)) * scale;
            if (x > width && at > line_start) {
                if (last_break == std::string_view::npos || last_break == line_start) {
                    last_break = at;  // one long word: cut it
                    resume = at;
                }
                break;
            }
            prev = cp;
        }
        if (i >= text.size() && !hard_break && x <= width) last_break = resume = text.size();
        if (last_break == std::string_view::npos) last_break = resume = text.size();
        lines.push_back({line_start, last_break});
        line_start = resume;
        // Spaces at the start of a wrapped line are not shown.
        while (!hard_break && line_start < text.size() && text[line_start] == ' ') ++line_start;
    }
    if (lines.empty()) lines.push_back({0, 0});
    const ImVec2 spacing = ImGui::GetStyle().ItemSpacing;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(spacing.x, 2.0f));
    for (std::size_t k = 0; k < lines.size(); ++k) {
        if (k + 1 == lines.size()) ImGui::PopStyleVar();  // the usual spacing after the paragraph
        ImGui::TextUnformatted(text.data() + lines[k].begin, text.data() + lines[k].end);
    }
}

// The full-width buttons' padding: fixed, whatever the density, so that they stay a finger's size.
constexpr ImVec2 kButtonPadding(16.0f, 12.0f);

bool full_width_button(std::string_view label, bool enabled, ImU32 fill, ImU32 fill_hover, ImU32 text) {
    const std::string id(label);
    const ImGuiID item = ImGui::GetID(id.c_str());
    a11y_node("button", visible_label(label), id_text(item), !enabled);
    const bool from_mirror = enabled && mirror_pressed(item);
    ImGui::BeginDisabled(!enabled);
    ImGui::PushStyleColor(ImGuiCol_Button, fill);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, fill_hover);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, fill_hover);
    ImGui::PushStyleColor(ImGuiCol_Text, text);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, kButtonPadding);
    const bool pressed = ImGui::Button(id.c_str(), ImVec2(-FLT_MIN, 0.0f));
    node_rect();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(4);
    ImGui::EndDisabled();
    return (pressed || from_mirror) && enabled;
}

ImU32 with_alpha(ImU32 c, float alpha) {
    ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
    v.w = alpha;
    return ImGui::ColorConvertFloat4ToU32(v);
}

}  // namespace

ImGuiContext* create_context() {
    ImGuiContext* context = ImGui::CreateContext();
    ImGui::SetCurrentContext(context);  // CreateContext keeps a context that was current
    ImGui::GetIO().UserData = new WidgetState();
    return context;
}

void destroy_context(ImGuiContext* context) {
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(context);
    delete static_cast<WidgetState*>(ImGui::GetIO().UserData);
    ImGui::SetCurrentContext(previous);
    ImGui::DestroyContext(context);  // leaves no context current when it was
}

FrameRecord*& current_record() { return state().record; }

void a11y_node(std::string_view role, std::string_view label, std::string_view id, bool disabled) {
    FrameRecord* r = current_record();
    if (!r || label.empty()) return;
    r->a11y.push_back(A11yNode{std::string(role), std::string(label), std::string(id), disabled, FieldRect{}, true, {}});
}

void a11y_pressed(bool pressed) {
    FrameRecord* r = current_record();
    if (r && !r->a11y.empty()) r->a11y.back().pressed = pressed;
}

void a11y_mirror_only() {
    FrameRecord* r = current_record();
    if (r && !r->a11y.empty()) r->a11y.back().tab_stop = false;
}

bool mirror_pressed(ImGuiID id) {
    FrameRecord* r = current_record();
    if (!r || r->activate.empty() || r->activate != id_text(id)) return false;
    r->activate.clear();
    return true;
}

std::string_view visible_label(std::string_view label) {
    const auto hashes = label.find("##");
    return hashes == std::string_view::npos ? label : label.substr(0, hashes);
}

Palette& palette() { return state().palette; }

ImU32 tone_colour(Tone tone) {
    const Palette& p = palette();
    switch (tone) {
        case Tone::good: return p.good;
        case Tone::warning: return p.warning;
        case Tone::bad: return p.bad;
        case Tone::accent: return p.accent;
        default: return ImGui::GetColorU32(ImGuiCol_Text);
    }
}

void heading(std::string_view text) {
    a11y_node("heading", text);
    ImGui::PushFont(heading_font());
    text_wrapped(text);
    ImGui::PopFont();
}

namespace {
// Wrapped text in the heading font at 0.8 of its size; the mirror reads it as `role`.
void small_heading_font_text(std::string_view role, std::string_view text) {
    a11y_node(role, text);
    ImGui::PushFont(heading_font());
    ImGui::SetWindowFontScale(0.8f);
    text_wrapped(text);
    ImGui::SetWindowFontScale(1.0f);
    ImGui::PopFont();
}
}  // namespace

void subheading(std::string_view text) { small_heading_font_text("heading", text); }

// Read as text: heading navigation is for the screen's structure, not its prices.
void emphasis(std::string_view text) { small_heading_font_text("text", text); }

void body(std::string_view text) {
    a11y_node("text", text);
    text_wrapped(text);
}

void muted(std::string_view text) {
    a11y_node("text", text);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    text_wrapped(text);
    ImGui::PopStyleColor();
}

void toned(Tone tone, std::string_view text) {
    // Problems and warnings are read out as they appear (the mirror's live region).
    a11y_node(tone == Tone::bad || tone == Tone::warning ? "alert" : "text", text);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImGui::PushStyleColor(ImGuiCol_Text, tone_colour(tone));
    text_wrapped(text);
    ImGui::PopStyleColor();
    // Where it is drawn, all its lines (tests check a message is in view).
    if (FrameRecord* r = current_record(); r && !r->a11y.empty() && r->a11y.back().label == text) {
        const ImVec2 end = ImGui::GetItemRectMax();
        r->a11y.back().rect = FieldRect{top.x, top.y, end.x - top.x, end.y - top.y};
    }
}

void badge(Tone tone, std::string_view text) {
    a11y_node("text", text);
    const ImVec2 pad(8.0f, 3.0f);
    const ImVec2 size = ImGui::CalcTextSize(text.data(), text.data() + text.size());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 end(pos.x + size.x + pad.x * 2, pos.y + size.y + pad.y * 2);
    const ImU32 colour = tone == Tone::neutral ? ImGui::GetColorU32(ImGuiCol_TextDisabled) : tone_colour(tone);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, end, with_alpha(colour, 0.14f), size.y);
    dl->AddText(ImVec2(pos.x + pad.x, pos.y + pad.y), colour, text.data(), text.data() + text.size());
    ImGui::Dummy(ImVec2(end.x - pos.x, end.y - pos.y));
}

float full_width_button_height() { return ImGui::GetFontSize() + 2 * kButtonPadding.y; }

bool primary_button(std::string_view label, bool enabled) {
    const Palette& p = palette();
    return full_width_button(label, enabled, p.accent, with_alpha(p.accent, 0.85f), p.text_on_accent);
}

bool secondary_button(std::string_view label, bool enabled) {
    const Palette& p = palette();
    return full_width_button(label, enabled, p.muted_fill, with_alpha(p.accent, 0.18f), ImGui::GetColorU32(ImGuiCol_Text));
}

bool link_button(std::string_view label, std::string_view spoken) {
    const std::string id(label);
    const ImGuiID item = ImGui::GetID(id.c_str());
    a11y_node("button", spoken.empty() ? visible_label(label) : spoken, id_text(item));
    const bool from_mirror = mirror_pressed(item);
    const ImU32 accent = palette().accent;
    ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, with_alpha(accent, 0.10f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, with_alpha(accent, 0.18f));
    ImGui::PushStyleColor(ImGuiCol_Text, accent);
    const bool pressed = ImGui::SmallButton(id.c_str());
    node_rect();
    ImGui::PopStyleColor(4);
    return pressed || from_mirror;
}

bool small_button(std::string_view label, std::string_view spoken, bool enabled) {
    const std::string id(label);
    const ImGuiID item = ImGui::GetID(id.c_str());
    a11y_node("button", spoken.empty() ? visible_label(label) : spoken, id_text(item), !enabled);
    const bool from_mirror = enabled && mirror_pressed(item);
    ImGui::BeginDisabled(!enabled);
    const Palette& p = palette();
    ImGui::PushStyleColor(ImGuiCol_Button, p.muted_fill);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, with_alpha(p.accent, 0.18f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, with_alpha(p.accent, 0.28f));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_Text));
    const bool pressed = ImGui::Button(id.c_str());
    node_rect();
    ImGui::PopStyleColor(4);
    ImGui::EndDisabled();
    return (pressed || from_mirror) && enabled;
}

bool checkbox(std::string_view label, bool& value) {
    const std::string id(label);
    const ImGuiID item = ImGui::GetID(id.c_str());
    a11y_node("button", visible_label(label), id_text(item));
    a11y_pressed(value);  // the mirror shows the check mark and says "pressed"
    bool changed = ImGui::Checkbox(id.c_str(), &value);
    node_rect();
    if (mirror_pressed(item)) {
        value = !value;
        changed = true;
    }
    return changed;
}

bool selectable_row(std::string_view label, bool selected) {
    const std::string id(label);
    const ImGuiID item = ImGui::GetID(id.c_str());
    a11y_node("button", visible_label(label), id_text(item));
    a11y_pressed(selected);
    ImGui::PushStyleVar(ImGuiStyleVar_SelectableTextAlign, ImVec2(0.0f, 0.5f));
    const float height = ImGui::GetTextLineHeight() + 16.0f;
    const bool pressed = ImGui::Selectable(id.c_str(), selected, 0, ImVec2(0.0f, height));
    node_rect();
    ImGui::PopStyleVar();
    return pressed || mirror_pressed(item);
}

bool stepper(const char* id, std::string_view label, std::int64_t& value, std::int64_t step, std::int64_t min,
             std::int64_t max, std::string_view value_text) {
    ImGui::PushID(id);
    body(label);
    const std::int64_t before = value;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(18.0f, 8.0f));
    if (small_button("\u2212##minus", std::string(label) + " \u2212", value > min)) value = std::max(min, value - step);
    ImGui::SameLine();
    const float w = std::max(72.0f, ImGui::CalcTextSize(value_text.data(), value_text.data() + value_text.size()).x + 16.0f);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::CalcTextSize(value_text.data(), value_text.data() + value_text.size());
    ImGui::Dummy(ImVec2(w, ImGui::GetFrameHeight()));
    ImGui::GetWindowDrawList()->AddText(
        ImVec2(pos.x + (w - size.x) * 0.5f, pos.y + (ImGui::GetFrameHeight() - size.y) * 0.5f),
        ImGui::GetColorU32(ImGuiCol_Text), value_text.data(), value_text.data() + value_text.size());
    ImGui::SameLine();
    if (small_button("+##plus", std::string(label) + " +", value < max)) value = std::min(max, value + step);
    ImGui::PopStyleVar();
    ImGui::PopID();
    return value != before;
}

bool qr_code(std::string_view text, float size) {
    WidgetState& s = state();
    std::vector<std::uint8_t>& code = s.qr_code;
    if (text != s.qr_text || code.empty()) {
        s.qr_text.assign(text);
        code.assign(qrcodegen_BUFFER_LEN_MAX, 0);
        std::vector<std::uint8_t> temp(qrcodegen_BUFFER_LEN_MAX);
        s.qr_ok = qrcodegen_encodeText(s.qr_text.c_str(), temp.data(), code.data(), qrcodegen_Ecc_MEDIUM,
                                       qrcodegen_VERSION_MIN, qrcodegen_VERSION_MAX, qrcodegen_Mask_AUTO, true);
    }
    if (!s.qr_ok) return false;
    const int modules = qrcodegen_getSize(code.data());
    constexpr int kQuiet = 4;  // the quiet zone the standard asks for, in modules
    const float cell = std::floor(size / static_cast<float>(modules + 2 * kQuiet));
    const float side = cell * static_cast<float>(modules + 2 * kQuiet);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Dark on white whatever the theme: scanners expect it.
    dl->AddRectFilled(pos, ImVec2(pos.x + side, pos.y + side), IM_COL32(255, 255, 255, 255), 6.0f);
    for (int y = 0; y < modules; ++y)
        for (int x = 0; x < modules; ++x)
            if (qrcodegen_getModule(code.data(), x, y)) {
                const float px = pos.x + static_cast<float>(x + kQuiet) * cell;
                const float py = pos.y + static_cast<float>(y + kQuiet) * cell;
                dl->AddRectFilled(ImVec2(px, py), ImVec2(px + cell, py + cell), IM_COL32(0, 0, 0, 255));
            }
    ImGui::Dummy(ImVec2(side, side));
    return true;
}

void spinner(float radius) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float t = static_cast<float>(ImGui::GetTime());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 c(pos.x + radius, pos.y + radius);
    dl->PathClear();
    const float start = t * 6.0f;
    for (int i = 0; i <= 24; ++i) {
        const float a = start + static_cast<float>(i) / 24.0f * 4.2f;
        dl->PathLineTo(ImVec2(c.x + std::cos(a) * (radius - 2.0f), c.y + std::sin(a) * (radius - 2.0f)));
    }
    dl->PathStroke(palette().accent, 0, 3.0f);
    ImGui::Dummy(ImVec2(radius * 2.0f, radius * 2.0f));
}

void key_value(std::string_view key, std::string_view value) {
    a11y_node("text", std::string(key) + ": " + std::string(value));
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 key_size = ImGui::CalcTextSize(key.data(), key.data() + key.size());
    const ImVec2 value_size = ImGui::CalcTextSize(value.data(), value.data() + value.size());
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(key.data(), key.data() + key.size());
    ImGui::PopStyleColor();
    if (key_size.x + value_size.x + 16.0f < width) {
        // Right-aligned on the same line when there is room; below it on narrow phones.
        ImGui::SameLine(width - value_size.x);
        ImGui::TextUnformatted(value.data(), value.data() + value.size());
    } else {
        text_wrapped(value);
    }
}

void data_bar(float fraction, Tone tone, std::string_view caption) {
    fraction = std::clamp(fraction, 0.0f, 1.0f);
    const float width = ImGui::GetContentRegionAvail().x;
    const float height = 10.0f;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height), palette().muted_fill, height);
    if (fraction > 0.0f)
        dl->AddRectFilled(pos, ImVec2(pos.x + std::max(height, width * fraction), pos.y + height), tone_colour(tone), height);
    ImGui::Dummy(ImVec2(width, height));
    if (!caption.empty()) muted(caption);
}

void begin_card(const char* id, Tone tone) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().card_fill);
    ImGui::PushStyleColor(ImGuiCol_Border, tone == Tone::neutral ? ImGui::GetColorU32(ImGuiCol_Border) : tone_colour(tone));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(14.0f, 12.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, tone == Tone::neutral ? 1.0f : 1.5f);
    // Flattened for navigation: a card is part of its screen (Tab runs through it; Escape does not mean
    // "leave the card").
    ImGui::BeginChild(id, ImVec2(-FLT_MIN, 0.0f), ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NavFlattened);
}

void end_card() {
    ImGui::EndChild();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(2);
}

bool text_field(const char* id, std::string_view label, std::string& buffer, std::string_view hint, bool numeric,
                FrameRecord& record) {
    if (!label.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_Text));
        text_wrapped(label);
        ImGui::PopStyleColor();
    }
    const ImGuiID item = ImGui::GetID(id);
    a11y_node("field", label.empty() ? hint : label, id_text(item));
    bool from_mirror = false;
    if (!record.input_id.empty() && record.input_id == id_text(item)) {
        // Typed into the mirror's <input> (screen readers): the same field, the same rules.
        buffer = std::move(record.input_text);
        record.input_id.clear();
        from_mirror = true;
    }
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(12.0f, 10.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0f);
    const std::string hint_text(hint);
    const bool changed = ImGui::InputTextWithHint(id, hint_text.c_str(), &buffer) || from_mirror;
    ImGui::PopStyleVar(2);
    node_rect();
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    const FieldRect rect{min.x, min.y, max.x - min.x, max.y - min.y};
    record.text_fields.push_back(rect);
    if (ImGui::IsItemActive()) {
        record.editing = true;
        record.active_field = rect;
        record.numeric_field = numeric;
    }
    return changed;
}

void gap(float css_px) { ImGui::Dummy(ImVec2(0.0f, css_px)); }

}  // namespace tabi::ui
