// Draws ImGui's draw data with WebGL2: our own small renderer instead of imgui_impl_opengl3, because the
// panel's only texture is the font atlas and that needs one channel: the atlas is uploaded as an 8-bit
// (R8) texture that the fragment shader reads as coverage, a quarter of the RGBA32 memory the stock backend
// uploads (a CJK atlas at 3x pixel ratio is megabytes). WebGL2 has no texture swizzle, hence the shader.
//
// Implemented features:
//  [X] The font atlas as one R8 texture (ImGui's only texture here).
//  [X] Large meshes with 16-bit indices (io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset).
//  [X] Shaders compiled without waiting (start(), then finish(): the GPU process compiles meanwhile).
//  [ ] User textures (ImTextureID other than the atlas): the panel draws none (the QR code is rectangles).
//  [ ] Multiple viewports.
#pragma once

namespace tabi::wasm {

class WebGl2Renderer {
public:
    // Sends the shaders to be compiled and linked in the current WebGL2 context, without waiting for them: the
    // GPU process compiles them (tens of ms on a software rasteriser) while the widget builds its first frame.
    void start();
    // Waits for that program and makes the buffers; false if the shaders failed.
    bool finish();
    void shutdown();
    // (Re)uploads ImGui's font atlas (after fonts were rebuilt).
    void upload_font_atlas();
    // Draws a frame's draw data into the current framebuffer (its size in device pixels).
    void render(int framebuffer_width, int framebuffer_height);

private:
    unsigned program_ = 0, vao_ = 0, vbo_ = 0, ebo_ = 0, font_texture_ = 0;
    int projection_location_ = -1, texture_location_ = -1;
};

}  // namespace tabi::wasm
