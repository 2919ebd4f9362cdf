# The widget's Dear ImGui without its built-in font (included by wasm/wasm.cmake).
#
# ImGui 1.90.1's ImFontAtlas::Build() calls AddFontDefault() when no font was added, which keeps ProggyClean
# (12 KB of base85 data) and its decompressor in the wasm, although the widget always adds its own fonts before
# building the atlas (load_fonts in widget/ui/style.cpp). 1.90.1 has no switch for this (1.91.6 and later have
# IMGUI_DISABLE_DEFAULT_FONT in imconfig.h: use it instead after an upgrade). So the build writes a copy of
# imgui_draw.cpp in the build tree whose Build() asserts that a font was added instead of adding the default one,
# and links it into the widget as an object file: it defines every symbol of libimgui's imgui_draw.o, so the linker
# never takes that member from the archive (if it ever did, the duplicate symbols would fail the link). The rest of
# the build (the native tests, the benchmark's bare hello world, which draws with the default font) keeps the
# stock file. The text replaced is checked: a future ImGui without it fails the configure step, loudly.
set(_stock "${IMGUI_DIR}/imgui_draw.cpp")
set(_copy "${CMAKE_BINARY_DIR}/generated/imgui_draw_no_default_font.cpp")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_stock}")
file(READ "${_stock}" _draw)
set(_default_font_call "    if (ConfigData.Size == 0)\n        AddFontDefault();\n")
string(FIND "${_draw}" "${_default_font_call}" _at)
if(_at EQUAL -1)
  message(FATAL_ERROR "wasm/imgui_no_default_font.cmake: ImFontAtlas::Build() in ${_stock} no longer reads\n"
    "${_default_font_call}so the widget's copy cannot drop the default font. With ImGui 1.91.6 or later, define "
    "IMGUI_DISABLE_DEFAULT_FONT for the imgui target instead and delete this file.")
endif()
string(REPLACE "${_default_font_call}"
  "    // Tabi Renew's build: no default font (wasm/imgui_no_default_font.cmake); the widget adds its own.\n    IM_ASSERT(ConfigData.Size > 0 && \"no default font in this build: add a font before building the atlas\");\n"
  _draw "${_draw}")
file(WRITE "${_copy}.tmp" "${_draw}")
file(COPY_FILE "${_copy}.tmp" "${_copy}" ONLY_IF_DIFFERENT)  # unchanged text: no rebuild
file(REMOVE "${_copy}.tmp")

add_library(imgui_draw_no_default_font OBJECT "${_copy}")
target_link_libraries(imgui_draw_no_default_font PRIVATE imgui)  # ImGui's include folder and configuration
target_compile_options(imgui_draw_no_default_font PRIVATE ${TABI_WASM_COMPILE_OPTIONS})
