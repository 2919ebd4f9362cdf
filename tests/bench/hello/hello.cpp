// The baseline for the widget's load time: a bare Dear ImGui hello world in the browser, built with the same
// toolchain (Emscripten, html5.h WebGL2 context, the stock imgui_impl_opengl3 backend). One window with
// "Hello, world!", drawn on the first animation frame; performance.now() after that frame's draw calls goes into
// window.__firstFrame. It then keeps drawing every animation frame, as a plain ImGui app does.
// Built by tests/bench/bench.cmake into build/wasm/bench/ (hello.html, hello.js, hello.wasm).
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>

#include <imgui.h>
#include <imgui_impl_opengl3.h>

namespace {

constexpr const char* kCanvas = "#canvas";
EMSCRIPTEN_WEBGL_CONTEXT_HANDLE g_gl = 0;
bool g_first_frame_done = false;

EM_BOOL frame(double /*time_ms*/, void* /*user_data*/) {
    double css_width = 0, css_height = 0;
    emscripten_get_element_css_size(kCanvas, &css_width, &css_height);
    const double dpr = emscripten_get_device_pixel_ratio();
    const int width = static_cast<int>(css_width * dpr + 0.5), height = static_cast<int>(css_height * dpr + 0.5);
    int current_width = 0, current_height = 0;
    emscripten_get_canvas_element_size(kCanvas, &current_width, &current_height);
    if (current_width != width || current_height != height) emscripten_set_canvas_element_size(kCanvas, width, height);

    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(css_width), static_cast<float>(css_height));
    io.DisplayFramebufferScale = ImVec2(static_cast<float>(dpr), static_cast<float>(dpr));
    io.DeltaTime = 1.0f / 60.0f;

    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    // Position and size given, so the window shows on the very first frame (ImGui hides a new auto-sized
    // window for one frame while it measures it).
    ImGui::SetNextWindowPos(ImVec2(40, 40), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(320, 120), ImGuiCond_FirstUseEver);
    ImGui::Begin("Hello");
    ImGui::TextUnformatted("Hello, world!");
    ImGui::End();
    ImGui::Render();

    emscripten_webgl_make_context_current(g_gl);
    glViewport(0, 0, width, height);
    glClearColor(0.94f, 0.94f, 0.94f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    if (!g_first_frame_done) {
        g_first_frame_done = true;
        EM_ASM({ window.__firstFrame = performance.now(); });
    }
    return EM_TRUE;  // keep the animation frame loop going
}

}  // namespace

int main() {
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.alpha = true;
    attrs.depth = false;
    attrs.stencil = false;
    attrs.antialias = false;
    g_gl = emscripten_webgl_create_context(kCanvas, &attrs);
    if (g_gl <= 0) {
        EM_ASM({ window.__firstFrameError = 'no WebGL2 context'; });
        return 1;
    }
    emscripten_webgl_make_context_current(g_gl);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::StyleColorsLight();
    ImGui_ImplOpenGL3_Init("#version 300 es");

    emscripten_request_animation_frame_loop(frame, nullptr);
    return 0;
}
