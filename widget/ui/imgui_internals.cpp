#include "ui/imgui_internals.h"

#include <imgui_internal.h>

namespace tabi::ui::imgui_internals {

ImGuiID focused_item() { return ImGui::GetCurrentContext()->NavId; }

void unfocus() { ImGui::GetCurrentContext()->NavId = 0; }

bool keyboard_focus_on_item() {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    return g.NavInputSource == ImGuiInputSource_Keyboard && g.NavId != 0;
}

void keep_navigation_in_current_window() {
    if (ImGui::GetCurrentContext()->NavWindow == nullptr) ImGui::FocusWindow(ImGui::GetCurrentWindow());
}

void restart_navigation_in_current_window() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    // The window it last ran in may be a card that is gone.
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    ImGui::FocusWindow(window);
    // Tabbing only runs within the navigation's focus scope (the window's root: a flattened child is in it).
    g.NavId = 0;
    g.NavFocusScopeId = window->NavRootFocusScopeId;
    g.NavLayer = ImGuiNavLayer_Main;
    // With nothing focused, ImGui 1.90's forward Tab only finds the first item while the highlight is hidden
    // ("tab init"); with the highlight shown it looks for the item after NavId 0, finds none, and Tab is dead.
    g.NavDisableHighlight = true;
}

void focus_last_item() {
    ImGui::SetFocusID(ImGui::GetItemID(), ImGui::GetCurrentWindow());
    ImGuiContext& g = *ImGui::GetCurrentContext();
    g.NavDisableHighlight = false;
    g.NavDisableMouseHover = true;
}

void scroll_to_last_item() { ImGui::ScrollToItem(ImGuiScrollFlags_KeepVisibleEdgeY); }

bool item_active() { return ImGui::GetCurrentContext()->ActiveId != 0; }

void release_active_item() {
    if (item_active()) ImGui::ClearActiveID();
}

bool input_queued() { return !ImGui::GetCurrentContext()->InputEventsQueue.empty(); }

int char_from_utf8(unsigned* out, const char* text, const char* end) { return ImTextCharFromUtf8(out, text, end); }

ImGuiWindow* scrollable_window_at(float x, float y) {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    for (int i = g.Windows.Size - 1; i >= 0; --i) {
        ImGuiWindow* w = g.Windows[i];
        if (!w->WasActive || w->Hidden || !w->Rect().Contains(ImVec2(x, y))) continue;
        for (ImGuiWindow* s = w; s; s = s->ParentWindow)
            if (s->ScrollMax.y > 0.0f) return s;
        return nullptr;
    }
    return nullptr;
}

bool hovered_window_can_scroll(float dy) {
    const ImGuiContext* g = ImGui::GetCurrentContext();
    for (ImGuiWindow* w = g ? g->HoveredWindow : nullptr; w; w = w->ParentWindow) {
        if (w->ScrollMax.y <= 0.0f) continue;
        if (dy < 0 && w->Scroll.y > 0.0f) return true;
        if (dy > 0 && w->Scroll.y < w->ScrollMax.y) return true;
    }
    return false;
}

bool window_can_scroll(ImGuiWindow* window, float dy) {
    return (dy < 0 && window->Scroll.y > 0.5f) || (dy > 0 && window->Scroll.y < window->ScrollMax.y - 0.5f);
}

bool scroll_window_by(ImGuiWindow* window, float dy) {
    const float next = ImClamp(window->Scroll.y + dy, 0.0f, window->ScrollMax.y);
    ImGui::SetScrollY(window, next);
    return next > 0.0f && next < window->ScrollMax.y;
}

}  // namespace tabi::ui::imgui_internals
