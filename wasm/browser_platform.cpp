#include "browser_platform.h"

#include <cfloat>
#include <cmath>
#include <cstring>

#include <GLES3/gl3.h>
#include <imgui.h>

#include "core/utf8.h"
#include "ui/imgui_internals.h"


namespace tabi::wasm {
namespace imgui_internals = ui::imgui_internals;
namespace {

constexpr const char* kCanvas = "!canvas";        // registered by the bridge (see bridge_imports.js)
constexpr const char* kTextAgent = "!textinput";  // the bridge's hidden <input> (js/src/text-agent.mjs)
// Frames drawn after the last input at most: ImGui needs a couple to settle hover/active state and to
// finish its own short animations (e.g. the navigation highlight); auto-sized cards measure the frame before.
constexpr int kFramesAfterInput = 6;
// Drawing stops sooner once this many frames in a row drew exactly what the frame before drew: ImGui's deferred
// work (a Tab's result, a focus request, a card's new size) shows one frame after the input at the latest.
constexpr int kSettledAfterSameFrames = 2;
// A frame after a layout change is run again, unshown, until two runs draw the same (at most this many runs):
// ImGui sizes auto-fitting cards and applies focus requests one run late. Shown unsettled, the first frame
// would be corrected by the next ones, and an idle widget would draw those frames after its `ready`.
constexpr int kMaxSettleRuns = 4;
constexpr float kSettleRunSeconds = 0.001f;  // ImGui's clock moves on only a little between unshown runs

// A fingerprint of what a frame drew (every vertex, index and draw command), to tell a frame that changed
// nothing. FNV-1a over 32-bit words: a frame's few hundred KB hash in well under a millisecond.
std::uint64_t fingerprint(const ImDrawData* d) {
    std::uint64_t h = 1469598103934665603ull;
    const auto mix = [&h](const void* data, std::size_t bytes) {
        const auto* p = static_cast<const unsigned char*>(data);
        std::size_t i = 0;
        for (; i + 4 <= bytes; i += 4) {
            std::uint32_t w;
            std::memcpy(&w, p + i, 4);
            h = (h ^ w) * 1099511628211ull;
        }
        for (; i < bytes; ++i) h = (h ^ p[i]) * 1099511628211ull;
    };
    if (!d) return 0;
    mix(&d->DisplaySize, sizeof d->DisplaySize);
    mix(&d->FramebufferScale, sizeof d->FramebufferScale);
    for (int n = 0; n < d->CmdListsCount; ++n) {
        const ImDrawList* list = d->CmdLists[n];
        mix(list->VtxBuffer.Data, static_cast<std::size_t>(list->VtxBuffer.Size) * sizeof(ImDrawVert));
        mix(list->IdxBuffer.Data, static_cast<std::size_t>(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            mix(&cmd.ClipRect, sizeof cmd.ClipRect);
            const ImTextureID texture = cmd.GetTexID();
            mix(&texture, sizeof texture);
            mix(&cmd.ElemCount, sizeof cmd.ElemCount);
        }
    }
    return h;
}

BrowserPlatform* self_of(void* p) { return static_cast<BrowserPlatform*>(p); }

// Whether a DOM KeyboardEvent.key is one printable character (one UTF-8 sequence, not a control character),
// as opposed to a named key such as "Enter" or "ArrowLeft".
bool is_one_printable_character(const char* key) {
    const std::size_t len = std::strlen(key);
    const Utf8Char d = decode_utf8(std::string_view(key, len), 0);
    return len > 0 && d.length == len && d.code_point >= 0x20;
}

ImGuiKey key_from_dom(const EmscriptenKeyboardEvent& e) {
    struct Named { const char* dom; ImGuiKey key; };
    static constexpr Named kNamed[] = {
        {"Tab", ImGuiKey_Tab}, {"ArrowLeft", ImGuiKey_LeftArrow}, {"ArrowRight", ImGuiKey_RightArrow},
        {"ArrowUp", ImGuiKey_UpArrow}, {"ArrowDown", ImGuiKey_DownArrow}, {"PageUp", ImGuiKey_PageUp},
        {"PageDown", ImGuiKey_PageDown}, {"Home", ImGuiKey_Home}, {"End", ImGuiKey_End},
        {"Insert", ImGuiKey_Insert}, {"Delete", ImGuiKey_Delete}, {"Backspace", ImGuiKey_Backspace},
        {"Enter", ImGuiKey_Enter}, {"Escape", ImGuiKey_Escape}, {" ", ImGuiKey_Space},
        {"Shift", ImGuiKey_LeftShift}, {"Control", ImGuiKey_LeftCtrl}, {"Alt", ImGuiKey_LeftAlt},
        {"Meta", ImGuiKey_LeftSuper},
    };
    for (const auto& n : kNamed)
        if (std::strcmp(e.key, n.dom) == 0) return n.key;
    // Letters by physical position so shortcuts (Ctrl+A/C/V/X/Z) work whatever the layout.
    if (std::strncmp(e.code, "Key", 3) == 0 && e.code[3] >= 'A' && e.code[3] <= 'Z' && e.code[4] == 0)
        return static_cast<ImGuiKey>(ImGuiKey_A + (e.code[3] - 'A'));
    if (std::strncmp(e.code, "Digit", 5) == 0 && e.code[5] >= '0' && e.code[5] <= '9' && e.code[6] == 0)
        return static_cast<ImGuiKey>(ImGuiKey_0 + (e.code[5] - '0'));
    return ImGuiKey_None;
}

constexpr float kTouchSlop = 8.0f;           // CSS px a finger may wander and still tap
constexpr float kCoastFriction = 4.0f;       // 1/s: velocity decays as e^(-4t), ~0.6 s of coasting
constexpr float kCoastStopVelocity = 20.0f;  // CSS px/s

}  // namespace

bool BrowserPlatform::init(FrameFn draw_frame) {
    draw_frame_ = std::move(draw_frame);
    // The bridge created the context at mount (js/src/widget.mjs, WEBGL_ATTRIBUTES), while the wasm downloaded:
    // creating one takes 70-120 ms on a software rasteriser. getContext hands back that same context, so only the
    // version is asked for here; the bridge's attributes are the ones in force.
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    gl_ = emscripten_webgl_create_context(kCanvas, &attrs);
    if (gl_ <= 0) return false;
    emscripten_webgl_make_context_current(gl_);
    renderer_.start();
    return true;
}

bool BrowserPlatform::finish_init() {
    if (gl_ <= 0) return false;
    emscripten_webgl_make_context_current(gl_);
    if (!renderer_.finish()) {
        shutdown();
        return false;
    }
    ImGuiIO& io = ImGui::GetIO();
    io.BackendPlatformName = "tabi_browser_platform";
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
    emscripten_set_webglcontextlost_callback(kCanvas, this, false, on_context_lost);
    return true;
}

void BrowserPlatform::start_input() {
    if (input_started_ || gl_ <= 0) return;
    input_started_ = true;
    emscripten_set_mousedown_callback(kCanvas, this, false, on_mouse);
    emscripten_set_mouseup_callback(kCanvas, this, false, on_mouse);
    emscripten_set_mousemove_callback(kCanvas, this, false, on_mouse);
    emscripten_set_mouseleave_callback(kCanvas, this, false, on_mouse);
    emscripten_set_wheel_callback(kCanvas, this, false, on_wheel);
    emscripten_set_keydown_callback(kCanvas, this, false, on_key);
    emscripten_set_keyup_callback(kCanvas, this, false, on_key);
    emscripten_set_keydown_callback(kTextAgent, this, false, on_agent_key);
    emscripten_set_keyup_callback(kTextAgent, this, false, on_agent_key);
    emscripten_set_touchstart_callback(kCanvas, this, false, on_touch);
    emscripten_set_touchmove_callback(kCanvas, this, false, on_touch);
    emscripten_set_touchend_callback(kCanvas, this, false, on_touch);
    emscripten_set_touchcancel_callback(kCanvas, this, false, on_touch);
    emscripten_set_focus_callback(kCanvas, this, false, on_focus);
    emscripten_set_blur_callback(kCanvas, this, false, on_focus);
}

void BrowserPlatform::shutdown() {
    emscripten_html5_remove_all_event_listeners();
    if (frame_request_ != 0) emscripten_cancel_animation_frame(frame_request_);
    frame_request_ = 0;
    if (gl_ > 0) {
        emscripten_webgl_make_context_current(gl_);
        renderer_.shutdown();
        emscripten_webgl_destroy_context(gl_);
        gl_ = 0;
    }
    draw_frame_ = nullptr;
}

void BrowserPlatform::set_size(double css_width, double css_height, double device_pixel_ratio) {
    if (css_width <= 0 || css_height <= 0 || device_pixel_ratio <= 0) return;
    // The ResizeObserver's first call repeats the size the bridge set at mount: nothing to draw again.
    if (css_width == css_width_ && css_height == css_height_ && device_pixel_ratio == dpr_) return;
    css_width_ = css_width;
    css_height_ = css_height;
    dpr_ = device_pixel_ratio;
    emscripten_set_canvas_element_size(kCanvas, static_cast<int>(std::lround(css_width * dpr_)),
                                       static_cast<int>(std::lround(css_height * dpr_)));
    must_present_ = true;  // a resized canvas is cleared
    relayout();
}

void BrowserPlatform::reload_fonts(bool redraw) {
    if (gl_ > 0) {
        emscripten_webgl_make_context_current(gl_);
        renderer_.upload_font_atlas();
    }
    must_present_ = true;  // the same vertices may now sample other glyphs
    if (redraw) relayout();
}

void BrowserPlatform::relayout() {
    settle_next_frame_ = true;
    wake();
}

void BrowserPlatform::request_frame() {
    if (frame_request_ != 0 || gl_ <= 0) return;
    frame_request_ = emscripten_request_animation_frame(on_animation_frame, this);
}

void BrowserPlatform::wake() {
    keep_alive_frames_ = kFramesAfterInput;
    same_frames_ = 0;
    request_frame();
}

const char* BrowserPlatform::changed_cursor() {
    const char* css = "default";
    switch (ImGui::GetMouseCursor()) {
    case ImGuiMouseCursor_None: css = "none"; break;
    case ImGuiMouseCursor_TextInput: css = "text"; break;
    case ImGuiMouseCursor_ResizeAll: css = "move"; break;
    case ImGuiMouseCursor_ResizeNS: css = "ns-resize"; break;
    case ImGuiMouseCursor_ResizeEW: css = "ew-resize"; break;
    case ImGuiMouseCursor_ResizeNESW: css = "nesw-resize"; break;
    case ImGuiMouseCursor_ResizeNWSE: css = "nwse-resize"; break;
    case ImGuiMouseCursor_Hand: css = "pointer"; break;
    case ImGuiMouseCursor_NotAllowed: css = "not-allowed"; break;
    default:
        // ImGui's own buttons keep the arrow; a page's buttons show a hand, and so do the panel's.
        if (ImGui::IsAnyItemHovered()) css = "pointer";
        break;
    }
    if (std::strcmp(css, cursor_) == 0) return "";
    cursor_ = css;
    return css;
}

void BrowserPlatform::draw_requested_now() {
    if (frame_request_ == 0 || css_width_ <= 0) return;
    emscripten_cancel_animation_frame(frame_request_);
    on_animation_frame(emscripten_get_now(), this);
}

EM_BOOL BrowserPlatform::on_animation_frame(double time_ms, void* p) {
    BrowserPlatform* self = self_of(p);
    self->frame_request_ = 0;
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = self->last_time_ms_ > 0 ? static_cast<float>((time_ms - self->last_time_ms_) / 1000.0) : 1.0f / 60.0f;
    if (io.DeltaTime <= 0.0f || io.DeltaTime > 0.25f) io.DeltaTime = 1.0f / 60.0f;  // woke from idle
    self->last_time_ms_ = time_ms;
    self->coast(io.DeltaTime);
    self->draw();
    // Keep drawing only while ImGui is busy: an item is active (text field, held button), input is still
    // queued (ImGui takes one key or click per frame) or a touch coasts; and for the frames after an input,
    // until they stop changing. Otherwise stop: an idle widget costs nothing.
    const bool busy = imgui_internals::item_active() || io.WantTextInput || self->touch_.coasting ||
                      imgui_internals::input_queued();
    if (self->keep_alive_frames_ > 0) --self->keep_alive_frames_;
    if (self->same_frames_ >= kSettledAfterSameFrames) self->keep_alive_frames_ = 0;
    if (busy || self->keep_alive_frames_ > 0) self->request_frame();
    else self->last_time_ms_ = 0;
    return EM_FALSE;
}

void BrowserPlatform::draw() {
    if (gl_ <= 0 || css_width_ <= 0 || !draw_frame_) return;
    emscripten_webgl_make_context_current(gl_);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(css_width_), static_cast<float>(css_height_));
    io.DisplayFramebufferScale = ImVec2(static_cast<float>(dpr_), static_cast<float>(dpr_));
    draw_frame_();  // NewFrame ... Render, by the caller
    std::uint64_t drawn = fingerprint(ImGui::GetDrawData());
    bool settled = false;
    if (settle_next_frame_) {
        settle_next_frame_ = false;
        for (int run = 1; run < kMaxSettleRuns && !settled; ++run) {
            io.DeltaTime = kSettleRunSeconds;
            draw_frame_();
            const std::uint64_t again = fingerprint(ImGui::GetDrawData());
            settled = again == drawn;
            drawn = again;
        }
    }
    same_frames_ = settled ? kSettledAfterSameFrames : (drawn == last_fingerprint_ ? same_frames_ + 1 : 0);
    // The same picture as the one on screen (a message that changed nothing, such as the answer that no order
    // was interrupted): the canvas keeps showing it, and no frame is drawn or counted. Frames still go on as
    // before (same_frames_ above) for ImGui's work that shows a frame later.
    if (!must_present_ && drawn == last_fingerprint_) return;
    must_present_ = false;
    const int fb_w = static_cast<int>(std::lround(css_width_ * dpr_));
    const int fb_h = static_cast<int>(std::lround(css_height_ * dpr_));
    glViewport(0, 0, fb_w, fb_h);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(0, 0, 0, 0);
    glClear(GL_COLOR_BUFFER_BIT);
    renderer_.render(fb_w, fb_h);
    ++frames_;
    last_fingerprint_ = drawn;
}

EM_BOOL BrowserPlatform::on_mouse(int type, const EmscriptenMouseEvent* e, void* p) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
    if (type == EMSCRIPTEN_EVENT_MOUSELEAVE) {
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    } else {
        io.AddMousePosEvent(static_cast<float>(e->targetX), static_cast<float>(e->targetY));
        if ((type == EMSCRIPTEN_EVENT_MOUSEDOWN || type == EMSCRIPTEN_EVENT_MOUSEUP) && e->button < 3) {
            static constexpr int kImGuiButton[] = {0, 2, 1};  // DOM: left, middle, right
            io.AddMouseButtonEvent(kImGuiButton[e->button], type == EMSCRIPTEN_EVENT_MOUSEDOWN);
        }
    }
    self_of(p)->wake();
    // Let the browser focus the canvas on mousedown (so keys reach us); swallow nothing else.
    return EM_FALSE;
}

EM_BOOL BrowserPlatform::on_wheel(int, const EmscriptenWheelEvent* e, void* p) {
    // DOM_DELTA_PIXEL (0) is the usual mode; lines (1) and pages (2) are rare.
    const double unit = e->deltaMode == DOM_DELTA_PIXEL ? 1.0 / 100.0 : (e->deltaMode == DOM_DELTA_LINE ? 1.0 / 3.0 : 1.0);
    const float dx = static_cast<float>(-e->deltaX * unit);
    const float dy = static_cast<float>(-e->deltaY * unit);
    if (!imgui_internals::hovered_window_can_scroll(-dy) && dx == 0.0f) return EM_FALSE;  // the page scrolls, as without us
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(static_cast<float>(e->mouse.targetX), static_cast<float>(e->mouse.targetY));
    io.AddMouseWheelEvent(dx, dy);
    self_of(p)->wake();
    return EM_TRUE;
}

EM_BOOL BrowserPlatform::on_key(int type, const EmscriptenKeyboardEvent* e, void* p) {
    return self_of(p)->handle_key(type, *e, /*text_from_keys=*/true);
}

// Keys while the hidden text input has focus: text arrives through its input events (which also carry
// IME and Android keyboards), so only named keys are taken from keydown here.
EM_BOOL BrowserPlatform::on_agent_key(int type, const EmscriptenKeyboardEvent* e, void* p) {
    return self_of(p)->handle_key(type, *e, /*text_from_keys=*/false);
}

EM_BOOL BrowserPlatform::handle_key(int type, const EmscriptenKeyboardEvent& e, bool text_from_keys) {
    ImGuiIO& io = ImGui::GetIO();
    const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
    io.AddKeyEvent(ImGuiMod_Ctrl, e.ctrlKey);
    io.AddKeyEvent(ImGuiMod_Shift, e.shiftKey);
    io.AddKeyEvent(ImGuiMod_Alt, e.altKey);
    io.AddKeyEvent(ImGuiMod_Super, e.metaKey);
    ImGuiKey key = key_from_dom(e);
    if (!text_from_keys && key == ImGuiKey_Space) key = ImGuiKey_None;  // a space is text in the input
    // Tab past the panel's last item (Shift+Tab before its first) leaves the widget: the browser moves focus
    // on to the page, as with any other control. Never a keyboard trap.
    if (key == ImGuiKey_Tab && down && !e.ctrlKey && !e.altKey && !e.metaKey && leaves_on_tab_ &&
        leaves_on_tab_(e.shiftKey)) {
        wake();
        return EM_FALSE;  // not ImGui's: the browser moves focus (its keyup still reaches ImGui, harmlessly)
    }
    if (key != ImGuiKey_None) io.AddKeyEvent(key, down);
    bool consumed = key != ImGuiKey_None && key != ImGuiKey_LeftShift && key != ImGuiKey_LeftCtrl &&
                    key != ImGuiKey_LeftAlt && key != ImGuiKey_LeftSuper;
    // In the hidden text input a printable key is text: its input event must follow (no preventDefault).
    if (!text_from_keys && is_one_printable_character(e.key)) consumed = false;
    // Printable characters (one UTF-8 character in `key`, no shortcut modifier) are text.
    if (text_from_keys && down && !e.ctrlKey && !e.metaKey && is_one_printable_character(e.key)) {
        io.AddInputCharactersUTF8(e.key);
        consumed = true;
    }
    // Clipboard shortcuts must reach the browser so its paste/copy events fire.
    if (e.ctrlKey || e.metaKey) consumed = false;
    wake();
    return consumed ? EM_TRUE : EM_FALSE;
}

void BrowserPlatform::text_from_agent(const char* utf8) {
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
    wake();
}

void BrowserPlatform::key_from_agent(const char* dom_key) {
    EmscriptenKeyboardEvent e{};
    std::strncpy(e.key, dom_key, sizeof(e.key) - 1);
    const ImGuiKey key = key_from_dom(e);
    if (key != ImGuiKey_None) {
        ImGui::GetIO().AddKeyEvent(key, true);
        ImGui::GetIO().AddKeyEvent(key, false);
    }
    wake();
}

void BrowserPlatform::agent_blurred() {
    // The phone keyboard was closed: leave the text field, as a click elsewhere would.
    imgui_internals::release_active_item();
    wake();
}

EM_BOOL BrowserPlatform::on_touch(int type, const EmscriptenTouchEvent* e, void* p) {
    BrowserPlatform* self = self_of(p);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    for (int i = 0; i < e->numTouches; ++i) {
        const EmscriptenTouchPoint& t = e->touches[i];
        if (!t.isChanged) continue;
        if (type == EMSCRIPTEN_EVENT_TOUCHSTART && self->active_touch_ < 0) self->active_touch_ = t.identifier;
        if (t.identifier != self->active_touch_) continue;  // one finger drives the pointer
        const float x = static_cast<float>(t.targetX), y = static_cast<float>(t.targetY);
        if (type == EMSCRIPTEN_EVENT_TOUCHSTART) {
            io.AddMousePosEvent(x, y);
            io.AddMouseButtonEvent(0, true);
            self->touch_begin(x, y, e->timestamp);
        } else if (type == EMSCRIPTEN_EVENT_TOUCHMOVE) {
            self->touch_move(x, y, e->timestamp);
        } else {
            if (!self->touch_.dragging) io.AddMousePosEvent(x, y);
            io.AddMouseButtonEvent(0, false);
            io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);  // a lifted finger hovers nothing
            self->touch_end();
            self->active_touch_ = -1;
        }
    }
    self->wake();
    // The end of a touch is always ours (no emulated mouse events after it). Its start and moves are ours
    // only while the panel scrolls them; otherwise the page under the widget scrolls as it would without it.
    // Scroll chaining, as the page does with its own scroll boxes: a drag the panel can follow is the panel's
    // (preventDefault); one it cannot (nothing to scroll, or already at that end) goes to the page, which then
    // scrolls for the rest of the gesture. A tap is the panel's; its end is always ours (no emulated mouse).
    if (type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL) return EM_TRUE;
    if (type == EMSCRIPTEN_EVENT_TOUCHSTART) return EM_FALSE;
    return self->touch_.page_owns ? EM_FALSE : EM_TRUE;
}

void BrowserPlatform::touch_begin(float x, float y, double time_ms) {
    touch_ = TouchScroll{};
    touch_.window = imgui_internals::scrollable_window_at(x, y);
    touch_.start_x = x;
    touch_.start_y = y;
    touch_.last_y = y;
    touch_.last_time_ms = time_ms;
}

void BrowserPlatform::touch_move(float x, float y, double time_ms) {
    ImGuiIO& io = ImGui::GetIO();
    if (!touch_.dragging) {
        if (std::fabs(y - touch_.start_y) < kTouchSlop && std::fabs(x - touch_.start_x) < kTouchSlop) return;
        touch_.dragging = true;
        // It is a scroll, not a tap: lift the button away from any item so nothing is clicked.
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        io.AddMouseButtonEvent(0, false);
    }
    const float dy = y - touch_.last_y;
    if (!touch_.panel_owns && !touch_.page_owns) {
        // The gesture's first real move decides who scrolls.
        const bool can_follow = touch_.window && imgui_internals::window_can_scroll(touch_.window, -dy);
        if (can_follow) touch_.panel_owns = true;
        else touch_.page_owns = true;
    }
    if (touch_.page_owns || !touch_.window) {
        touch_.last_y = y;
        return;
    }
    imgui_internals::scroll_window_by(touch_.window, -dy);
    const double dt = (time_ms - touch_.last_time_ms) / 1000.0;
    if (dt > 0.0) {
        // Smoothed so a last jittery sample does not decide the throw.
        const float instant = static_cast<float>(-dy / dt);
        touch_.velocity = 0.8f * instant + 0.2f * touch_.velocity;
    }
    touch_.last_y = y;
    touch_.last_time_ms = time_ms;
}

void BrowserPlatform::touch_end() {
    touch_.coasting = touch_.dragging && touch_.window && std::fabs(touch_.velocity) > kCoastStopVelocity;
    if (!touch_.coasting) touch_.window = nullptr;
}

void BrowserPlatform::coast(float dt) {
    if (!touch_.coasting) return;
    const bool inside = imgui_internals::scroll_window_by(touch_.window, touch_.velocity * dt);
    touch_.velocity *= std::exp(-kCoastFriction * dt);
    if (std::fabs(touch_.velocity) < kCoastStopVelocity || !inside) {
        touch_.coasting = false;
        touch_.window = nullptr;
    }
}

EM_BOOL BrowserPlatform::on_focus(int type, const EmscriptenFocusEvent*, void* p) {
    ImGui::GetIO().AddFocusEvent(type == EMSCRIPTEN_EVENT_FOCUS);
    self_of(p)->wake();
    return EM_FALSE;
}

EM_BOOL BrowserPlatform::on_context_lost(int, const void*, void* p) {
    // The browser may drop WebGL contexts (too many on a page, GPU reset); the bridge recreates the widget.
    self_of(p)->gl_ = 0;
    return EM_TRUE;
}

}  // namespace tabi::wasm
