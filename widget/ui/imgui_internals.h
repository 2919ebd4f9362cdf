// The one file that reaches into Dear ImGui's internals (imgui_internal.h): keyboard navigation state, the active
// item, the input queue and window scrolling, which ImGui 1.90's public API does not give. Everything else uses
// imgui.h only, so an ImGui upgrade is this file's work. (Written against ImGui 1.90.1.)
#pragma once

#include <imgui.h>

struct ImGuiWindow;  // opaque outside this file

namespace tabi::ui::imgui_internals {

// Keyboard navigation.
ImGuiID focused_item();         // the item with the keyboard focus (0: none)
void unfocus();                 // nothing has the keyboard focus
bool keyboard_focus_on_item();  // the keyboard moved the focus, and it is on an item
// Losing the browser focus leaves ImGui without a navigation window, and Tab would then do nothing: the window
// being drawn takes it back.
void keep_navigation_in_current_window();
// A new screen: navigation belongs to the window being drawn, with nothing focused (Tab starts at its top).
void restart_navigation_in_current_window();
void focus_last_item();      // the keyboard focus, with its highlight, on the item just drawn
void scroll_to_last_item();  // the item just drawn into view (its top or bottom edge, whichever is nearer)

// The item being used (a field being edited, a button held), and input ImGui has not taken yet.
bool item_active();
void release_active_item();  // as a click elsewhere would
bool input_queued();

// ImGui's own UTF-8 decoder (invalid bytes give U+FFFD as ImGui draws them): the bytes read at `text`.
int char_from_utf8(unsigned* out, const char* text, const char* end);

// Scrolling by touch and wheel.
ImGuiWindow* scrollable_window_at(float x, float y);  // the top-most window there that scrolls vertically
bool hovered_window_can_scroll(float dy);             // the one under the mouse (or a parent) can scroll by dy
// Whether `window` has room (over half a pixel) to scroll by dy's sign.
bool window_can_scroll(ImGuiWindow* window, float dy);
// Scrolls `window` by dy, clamped to its range; false when it is now at an end.
bool scroll_window_by(ImGuiWindow* window, float dy);

}  // namespace tabi::ui::imgui_internals
