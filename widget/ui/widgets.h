// The panel's building blocks on top of ImGui: the product look in one place (full-width primary
// buttons, cards, badges, a data bar, labelled text fields whose screen rectangles are recorded for the
// phone keyboard), so screens read as what they show, not as ImGui calls.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace tabi::ui {

enum class Tone { neutral, good, warning, bad, accent };

// Colours of the current theme that ImGui's style has no slot for.
struct Palette {
    ImU32 good = IM_COL32(26, 127, 55, 255);
    ImU32 warning = IM_COL32(154, 103, 0, 255);
    ImU32 bad = IM_COL32(207, 34, 46, 255);
    ImU32 accent = IM_COL32(31, 111, 235, 255);
    ImU32 muted_fill = IM_COL32(238, 241, 244, 255);
    ImU32 card_fill = IM_COL32(247, 248, 250, 255);
    ImU32 text_on_accent = IM_COL32(255, 255, 255, 255);
};
// The current ImGui context's colours (apply_theme sets them), part of the widgets' state below.
Palette& palette();

// An ImGui context for the panel: ImGui's own, with the widgets' state (the palette, the record of the frame
// being drawn, the last QR code encoded) in its io.UserData, as an ImGui backend keeps its data in the context's
// IO. Two panels in one process, each drawing into its own context, share none of it. The new context is made
// current; destroy_context frees the state with the context.
ImGuiContext* create_context();
void destroy_context(ImGuiContext* context);

// A text field's rectangle in CSS px (the canvas's coordinates), for the bridge's hidden input.
struct FieldRect {
    float x = 0, y = 0, w = 0, h = 0;
    bool operator==(const FieldRect&) const = default;
};

// One item of the accessibility mirror: the bridge keeps an off-screen DOM copy of the screen (headings,
// texts, buttons that act, a live region) so a screen reader can follow and finish a renewal.
struct A11yNode {
    std::string role;   // "heading" | "text" | "button" | "field" | "alert"
    std::string label;
    std::string id;     // buttons and fields: the ImGui id, which the mirror sends back to act on
    bool disabled = false;
    FieldRect rect;     // where it is drawn (CSS px), for tests and the mirror's focus
    bool tab_stop = true;  // buttons and fields: an ImGui item Tab reaches (false: the mirror's own controls)
    std::optional<bool> pressed;  // toggle buttons (a phone model, "I'm not sure", a plan): chosen or not
    bool operator==(const A11yNode&) const = default;
};

// Something said to a screen reader (the mirror's live region) that no node shows, e.g. why Continue did not
// go on; `seq` grows with each, so the same words said twice are read twice. `focus`: the id of the control
// that can supply what is missing (the mirror moves its focus there when the press came from the mirror).
struct Announcement {
    int seq = 0;
    std::string text;
    std::string focus;
    bool operator==(const Announcement&) const = default;
};

// What a frame drew that the platform needs afterwards (text fields for the phone keyboard, the
// accessibility mirror), and what the platform asks of the next frame (a mirror button pressed).
struct FrameRecord {
    std::vector<FieldRect> text_fields;
    FieldRect active_field;       // the field being edited, if any
    bool editing = false;
    bool numeric_field = false;   // the active field wants a numeric keyboard
    std::vector<A11yNode> a11y;
    std::string activate;         // in: the id of a button the mirror pressed (acted on in this frame)
    std::string input_id;         // in: the id of a text field the mirror typed into ...
    std::string input_text;       //     ... and its new text
    Announcement announce;        // out: the panel's latest announcement
    // Starts a frame: keeps the incoming activation, clears the rest.
    void begin() {
        std::string a = std::move(activate), i = std::move(input_id), t = std::move(input_text);
        *this = FrameRecord{};
        activate = std::move(a);
        input_id = std::move(i);
        input_text = std::move(t);
    }
};
// The record of the frame the current context draws (set by the panel around its widgets; nullptr outside a
// frame).
FrameRecord*& current_record();
// Adds a node to the mirror of the current frame.
void a11y_node(std::string_view role, std::string_view label, std::string_view id = {}, bool disabled = false);
// Marks the last node as a toggle, chosen or not.
void a11y_pressed(bool pressed);
// Marks the last node as the mirror's own control (no ImGui item of its own: Tab on the canvas does not reach it).
void a11y_mirror_only();
// Whether the accessibility mirror pressed the control with this id in this frame (the press is then used up).
bool mirror_pressed(ImGuiID id);

// Labels of interactive items end in "###key" when their text is translated (stable ids across locales);
// what follows "##" is never shown.
void heading(std::string_view text);                       // a screen's title
void subheading(std::string_view text);                    // a section inside a screen
void emphasis(std::string_view text);                      // large text that is not a heading (a price, a total)
void body(std::string_view text);                          // wrapped body text
void muted(std::string_view text);                         // wrapped secondary text
void toned(Tone tone, std::string_view text);              // wrapped text in a status colour
void badge(Tone tone, std::string_view text);              // a small rounded label, on the current line
bool primary_button(std::string_view label, bool enabled = true);    // full width, the accent colour
bool secondary_button(std::string_view label, bool enabled = true);  // full width, quiet
float full_width_button_height();  // the height of those two (their padding does not follow the density)
// Inline, text only; `spoken` replaces the label in the accessibility mirror when given.
bool link_button(std::string_view label, std::string_view spoken = {});
// Inline, quiet (steppers, copy); `spoken` replaces the label in the accessibility mirror when given.
bool small_button(std::string_view label, std::string_view spoken = {}, bool enabled = true);
bool checkbox(std::string_view label, bool& value);
bool selectable_row(std::string_view label, bool selected);   // a full-width row in a pick list (a toggle)
// A "−  value  +" stepper (touch friendly, no keyboard needed); returns true when the value changed. A side
// at its bound is disabled (a press there would change nothing).
bool stepper(const char* id, std::string_view label, std::int64_t& value, std::int64_t step, std::int64_t min,
             std::int64_t max, std::string_view value_text);
// A QR code of `text` (byte mode, medium error correction) with its quiet zone, `size` CSS px square; false
// (nothing drawn) when the text is too long for a QR code.
bool qr_code(std::string_view text, float size);
void spinner(float radius_css_px = 10.0f);                  // an animated ring (keeps frames coming while shown)
// The visible part of a label ("Pay ¥1,980###pay" -> "Pay ¥1,980").
std::string_view visible_label(std::string_view label);
void key_value(std::string_view key, std::string_view value);  // "Expires  26 Nov 23:59" rows
void data_bar(float fraction, Tone tone, std::string_view caption);
void begin_card(const char* id, Tone tone = Tone::neutral);  // a rounded, padded group
void end_card();
// A labelled single-line text field. `buffer` holds the text (kept by the caller: nothing entered is
// lost on back/forward); returns true when it changed. Its rectangle is recorded in `record`.
bool text_field(const char* id, std::string_view label, std::string& buffer, std::string_view hint,
                bool numeric, FrameRecord& record);
void gap(float css_px = 8.0f);

ImU32 tone_colour(Tone tone);

}  // namespace tabi::ui
