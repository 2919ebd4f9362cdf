// The browser platform layer: our own small layer on Emscripten's html5.h (as sokol_app does) instead of
// Emscripten 3.1.6's built-in GLFW, which here has no HiDPI, drops touch positions, binds to one canvas,
// listens for keys on the whole window and calls preventDefault on Backspace and Tab page-wide.
//
// It listens only on the widget's own canvas (registered by the bridge as the html5.h target "!canvas"),
// feeds ImGui's IO, owns the WebGL2 context and draws a frame only when something changed.
//
// Implemented features:
//  [X] HiDPI: framebuffer = CSS size x devicePixelRatio, fonts rasterised at that ratio.
//  [X] Mouse: position, buttons (left, right, middle), leaving the canvas.
//  [X] Mouse cursors (io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors): given to the bridge as CSS cursors.
//  [X] Wheel: consumed only when the window under the mouse can still scroll that way; otherwise the page scrolls.
//  [X] Keyboard while the canvas holds focus; Tab leaves the widget at its first and last items.
//  [X] Text from the bridge's text agent (phone keyboards, IME composition, paste), as characters and keys.
//  [X] Touch: a tap is a click; a drag scrolls the panel (with coasting) or, at its ends, the page.
//  [X] Render on demand: frames only while something changes; none when idle.
//  [X] WebGL context loss: stops drawing (the bridge shows why).
//  [ ] Gamepads, multiple viewports, ImGui's own IME hook (SetPlatformImeDataFn: the text agent does IME).
//  [ ] Clipboard through ImGui (copy and paste go through the text agent and the bridge's "copy" request).
#pragma once

#include <cstdint>
#include <functional>

#include <emscripten/html5.h>

#include "webgl2_renderer.h"

struct ImFontAtlas;
struct ImGuiWindow;

namespace tabi::wasm {

class BrowserPlatform {
public:
    using FrameFn = std::function<void()>;

    // Takes the WebGL2 context on "!canvas" (the bridge created it at mount) and sends the renderer's shaders to
    // be compiled; false when WebGL2 is unavailable. finish_init() waits for the shaders: in between, the caller
    // does its own first work while the GPU process compiles (on a software rasteriser that is tens of ms).
    bool init(FrameFn draw_frame);
    // False (and the context let go) if the shaders failed.
    bool finish_init();
    // Starts listening for input on the canvas and the text agent. The bridge calls it once the deferred wasm
    // module is in: the first download holds only the first frame's code, so input waits (queued by the bridge).
    void start_input();
    void shutdown();

    // From the bridge's ResizeObserver / devicePixelRatio watcher: CSS size of the canvas and the ratio.
    void set_size(double css_width, double css_height, double device_pixel_ratio);
    double device_pixel_ratio() const { return dpr_; }

    // Asks for a frame on the next animation frame (coalesced: at most one request in flight).
    void request_frame();
    // Draws the frame a request waits for now, not at the next animation frame (when the canvas has a size).
    void draw_requested_now();
    // The CSS cursor for what is under the mouse after the frame just laid out, when it differs from the last one
    // given ("text" over a field, "pointer" over anything that can be pressed); "" when it is the same.
    const char* changed_cursor();
    // Input or a message arrived: keep a few frames alive so ImGui settles (hover, release, animations).
    void wake();
    // Something other than input changed what the panel shows (its first frame, size, fonts, a bridge message):
    // wake, and settle the next frame before showing it.
    void relayout();
    // Frames drawn since init (for the idle test and the benchmark).
    unsigned frame_count() const { return frames_; }

    // Re-uploads the font atlas texture after fonts were rebuilt (e.g. devicePixelRatio changed).
    void reload_fonts(bool redraw = true);  // redraw false: the frame on screen needs none of the new glyphs

    // Asked on Tab (true: Shift+Tab): whether focus should leave the widget for the page.
    void set_tab_leaves(std::function<bool(bool backwards)> fn) { leaves_on_tab_ = std::move(fn); }
    // Input that arrives through the bridge's hidden text input (phone keyboards, IME, paste).
    void text_from_agent(const char* utf8);
    void key_from_agent(const char* dom_key);  // a press and release, e.g. "Backspace" from Android's keyCode 229
    void agent_blurred();

private:
    static EM_BOOL on_animation_frame(double time_ms, void* self);
    static EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* e, void* self);
    static EM_BOOL on_wheel(int type, const EmscriptenWheelEvent* e, void* self);
    static EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void* self);
    static EM_BOOL on_agent_key(int type, const EmscriptenKeyboardEvent* e, void* self);
    EM_BOOL handle_key(int type, const EmscriptenKeyboardEvent& e, bool text_from_keys);
    static EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void* self);
    static EM_BOOL on_focus(int type, const EmscriptenFocusEvent* e, void* self);
    static EM_BOOL on_context_lost(int type, const void* reserved, void* self);

    void draw();

    FrameFn draw_frame_;
    std::function<bool(bool)> leaves_on_tab_;
    WebGl2Renderer renderer_;
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl_ = 0;
    double css_width_ = 0, css_height_ = 0, dpr_ = 1;
    double last_time_ms_ = 0;
    // The requested animation frame, cancelled on shutdown: it would call into a freed instance, and its
    // callback keeps the whole module (canvas, text input, bridge) alive until the browser runs it.
    long frame_request_ = 0;
    const char* cursor_ = "default";  // the CSS cursor last given
    int keep_alive_frames_ = 0;
    int same_frames_ = 0;                 // frames in a row that drew what the frame before drew
    bool settle_next_frame_ = false;      // see relayout()
    std::uint64_t last_fingerprint_ = 0;  // of the last frame's draw data
    bool must_present_ = true;            // the canvas needs a frame even if it draws what the last one drew
    unsigned frames_ = 0;
    bool input_started_ = false;
    long active_touch_ = -1;

    // Touch: a tap is a click; a drag scrolls the window under the finger, with inertia after release.
    struct TouchScroll {
        ImGuiWindow* window = nullptr;  // the scrollable window under the finger (nullptr: nothing scrolls)
        float start_x = 0, start_y = 0, last_y = 0;
        double last_time_ms = 0;
        float velocity = 0;              // CSS px per second, positive = content moves up
        bool dragging = false;           // past the slop: no longer a tap
        bool coasting = false;           // after release, until the velocity dies out
        bool panel_owns = false;         // this drag scrolls the panel
        bool page_owns = false;          // this drag scrolls the host page (the panel could not follow it)
    } touch_;
    void touch_begin(float x, float y, double time_ms);
    void touch_move(float x, float y, double time_ms);
    void touch_end();
    void coast(float dt);
};

}  // namespace tabi::wasm
