# The widget: tabi-renew.js (module factory + the bridge) and tabi-renew.wasm, in build/wasm/dist.
set(TABI_DIST_DIR "${CMAKE_BINARY_DIR}/dist")

# Size first: the whole first paint of a blog page waits for these bytes.
set(TABI_WASM_COMPILE_OPTIONS -Oz -fno-exceptions -fno-rtti -flto)
foreach(_target tabi_core imgui qrcodegen tabi_ui)
  target_compile_options(${_target} PRIVATE ${TABI_WASM_COMPILE_OPTIONS})
endforeach()

find_program(TABI_NODE node REQUIRED)

# The renderer is ours (wasm/webgl2_renderer.cpp: an 8-bit alpha font atlas), not imgui_impl_opengl3.
add_executable(tabi-renew wasm/main.cpp wasm/browser_platform.cpp wasm/webgl2_renderer.cpp)
include("${CMAKE_CURRENT_LIST_DIR}/imgui_no_default_font.cmake")  # ImGui's ProggyClean font left out
target_link_libraries(tabi-renew PRIVATE imgui_draw_no_default_font tabi_ui tabi_warnings)
target_compile_options(tabi-renew PRIVATE ${TABI_WASM_COMPILE_OPTIONS})
# emcc writes build/wasm/link/tabi-renew.raw.js and the whole module; wasm/split.cmake splits the module into the
# first frame's part and the rest; the fingerprint step makes the release names in dist/ from them.
set(TABI_LINK_DIR "${CMAKE_BINARY_DIR}/link")
set_target_properties(tabi-renew PROPERTIES OUTPUT_NAME "tabi-renew.raw" SUFFIX ".js"
  RUNTIME_OUTPUT_DIRECTORY "${TABI_LINK_DIR}")
find_program(TABI_WASM_SPLIT wasm-split REQUIRED)  # Binaryen, from Debian's emscripten dependencies
find_program(TABI_WASM_OPT wasm-opt REQUIRED)
string(REPLACE ";" "," _pack_locales_arg "${TABI_PACK_LOCALES}")  # one argument for the script
add_custom_command(TARGET tabi-renew POST_BUILD
  COMMAND "${CMAKE_COMMAND}" "-DLINK=${TABI_LINK_DIR}" "-DPACKS=${CMAKE_BINARY_DIR}/locale-packs"
          "-DSOURCE_DIR=${CMAKE_SOURCE_DIR}" "-DNODE=${TABI_NODE}" "-DWASM_SPLIT=${TABI_WASM_SPLIT}"
          "-DWASM_OPT=${TABI_WASM_OPT}"
          -P "${CMAKE_SOURCE_DIR}/wasm/split.cmake"
  COMMAND "${CMAKE_COMMAND}" "-DLINK=${TABI_LINK_DIR}" "-DDIST=${TABI_DIST_DIR}" "-DPACKS=${CMAKE_BINARY_DIR}/locale-packs"
          "-DPACK_LOCALES=${_pack_locales_arg}"
          -P "${CMAKE_SOURCE_DIR}/wasm/fingerprint.cmake"
  # The npm package (build/wasm/npm) from the same link and release files: js/npm-package.mjs.
  COMMAND "${TABI_NODE}" "${CMAKE_SOURCE_DIR}/js/npm-package.mjs" "${TABI_LINK_DIR}" "${TABI_DIST_DIR}"
          "${CMAKE_BINARY_DIR}/npm"
  VERBATIM)
# The post-link steps and what the profile runs on are part of the link: a change to them splits again.
set_property(TARGET tabi-renew APPEND PROPERTY LINK_DEPENDS "${CMAKE_SOURCE_DIR}/wasm/split.cmake"
  "${CMAKE_SOURCE_DIR}/wasm/profile_first_frame.mjs" "${CMAKE_SOURCE_DIR}/wasm/fingerprint.cmake"
  "${CMAKE_SOURCE_DIR}/js/npm-package.mjs" "${CMAKE_SOURCE_DIR}/js/tabi-renew.d.ts" "${CMAKE_SOURCE_DIR}/package.json"
  "${CMAKE_SOURCE_DIR}/examples/custom-catalog/plans.json" "${CMAKE_SOURCE_DIR}/tests/browser/fixtures/broken-catalog.json")

# The bridge: ES modules in js/src bundled into one classic script appended to Emscripten's output, with core's
# locale negotiation table (widget/core/locale_table.h) written in, so the bridge picks the pack core will want.
file(GLOB _bridge_modules CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/js/src/*.mjs")
set(_bridge "${CMAKE_BINARY_DIR}/tabi-renew-bridge.js")
add_custom_command(OUTPUT "${_bridge}"
  COMMAND "${TABI_NODE}" "${CMAKE_SOURCE_DIR}/js/bundle.mjs" "${_bridge}"
  DEPENDS ${_bridge_modules} "${CMAKE_SOURCE_DIR}/js/bundle.mjs" "${CMAKE_SOURCE_DIR}/js/locale-table.mjs"
          "${CMAKE_SOURCE_DIR}/widget/core/locale_table.h"
  COMMENT "Bundling the JS bridge")
add_custom_target(tabi_bridge_bundle DEPENDS "${_bridge}")
add_dependencies(tabi-renew tabi_bridge_bundle)
set(_imports "${CMAKE_SOURCE_DIR}/wasm/bridge_imports.js")
set(_exports "_malloc,_free,_tabi_widget_init,_tabi_widget_resize,_tabi_widget_frame_count,_tabi_widget_message,_tabi_widget_locale_pack,_tabi_widget_font_slice,_tabi_widget_system_glyphs,_tabi_widget_draw_now,_tabi_widget_start_input,_tabi_widget_load_failed,_tabi_widget_destroy,_tabi_core_call")
target_link_options(tabi-renew PRIVATE
  -Oz -flto --no-entry
  -sMODULARIZE=1 -sEXPORT_NAME=createTabiRenewModule
  -sENVIRONMENT=web
  -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  # The renderer needs no extension (WebGL2 core only). Enabling every supported one at context creation took
  # 30-55 ms of the first frame on a software rasteriser (measured: emscripten_webgl_create_context).
  -sGL_SUPPORT_AUTOMATIC_ENABLE_EXTENSIONS=0
  -sALLOW_MEMORY_GROWTH=1
  -sFILESYSTEM=0
  -sDYNAMIC_EXECUTION=0          # no eval / new Function: works under a strict CSP
  -sMALLOC=emmalloc
  -sTEXTDECODER=2
  -sSPLIT_MODULE=1 -Wno-experimental  # instrumented for wasm/split.cmake's profile; the JS glue takes placeholders
  --profiling-funcs              # function names for the split's placeholder map; split.cmake strips them
  # wasm-opt 108 inlines every function that has one caller, whatever its size, undoing [[gnu::noinline]] on the
  # panel's screens (widget/ui/panel.h); above 25 (binaryen's size measure) such a function stays one. Measured
  # against the default (no limit): 10 KB more raw, 4 KB less in brotli and in gzip (10 to 200 tried, 25-40 best).
  # Two more rounds of -Oz after emcc's own: what one round's inlining and merging leave, the next shrinks
  # (measured in brotli, primary + deferred: 286,040 B with none, 285,248 with one, 285,029 with two; a third
  # round, or --converge, gives 285,135).
  -sBINARYEN_EXTRA_PASSES=--one-caller-inline-max-function-size=25,-Oz,-Oz
  "-sEXPORTED_FUNCTIONS=[${_exports}]"
  "-sEXPORTED_RUNTIME_METHODS=[UTF8ToString,stringToUTF8,lengthBytesUTF8,HEAPU8]"
  "SHELL:--js-library ${_imports}"
  "SHELL:--extern-post-js ${_bridge}")
set_property(TARGET tabi-renew APPEND PROPERTY LINK_DEPENDS "${_bridge}" "${_imports}" "${CMAKE_SOURCE_DIR}/js/minify.mjs")
include("${CMAKE_CURRENT_LIST_DIR}/closure.cmake")  # the JS glue through the Closure Compiler

# Locale packs: for each CJK locale, its message catalogue and Noto Sans CJK cut into slices in the region's glyph
# forms (widget/ui/fonts/make_font_slices.py): slice 000 holds every character of the messages and the sample
# catalogue, the others the rest of the locale's everyday set by frequency, and tabi-fonts-LOCALE.json indexes
# them. The bridge fetches a locale's messages, index and slice 000 the first time that locale is shown (English
# needs none); the wasm asks for the other slices its texts need. The slices are named by their content hash
# here; the fingerprint step (POST_BUILD) hashes the messages and the index and puts their SRI values in the JS.
set(_packs_dir "${CMAKE_BINARY_DIR}/locale-packs")
set(_slices_script "${CMAKE_SOURCE_DIR}/widget/ui/fonts/make_font_slices.py")
set(_pack_outputs "")
# Each pack locale's face in NotoSansCJK-Regular.ttc (its regional glyph forms).
set(_noto_face_zh-Hans 2)
set(_noto_face_zh-Hant 3)
set(_noto_face_ja 0)
set(_noto_face_ko 1)
foreach(_locale IN LISTS TABI_PACK_LOCALES)
  if(NOT DEFINED _noto_face_${_locale})
    message(FATAL_ERROR "wasm/wasm.cmake: no Noto Sans CJK face is named for the locale ${_locale}")
  endif()
  set(_face ${_noto_face_${_locale}})
  set(_index "${_packs_dir}/tabi-fonts-${_locale}.json")
  set(_messages "${_packs_dir}/tabi-messages-${_locale}.json")
  add_custom_command(OUTPUT "${_index}"
    BYPRODUCTS "${_packs_dir}/tabi-fonts-${_locale}.files"
    COMMAND /usr/bin/python3 "${_slices_script}" "${_packs_dir}" "${TABI_NOTO_CJK}" ${_face} ${_locale}
            "${TABI_LATIN_UNICODES}" "${CMAKE_SOURCE_DIR}/widget/core/messages/${_locale}.json"
            "${CMAKE_SOURCE_DIR}/widget/core/sample_catalog.json"
    DEPENDS "${_slices_script}" "${CMAKE_SOURCE_DIR}/widget/ui/fonts/make_font_subset.py" "${TABI_NOTO_CJK}"
            "${CMAKE_SOURCE_DIR}/widget/core/messages/${_locale}.json" "${CMAKE_SOURCE_DIR}/widget/core/sample_catalog.json"
    COMMENT "Cutting Noto Sans CJK into ${_locale} slices")
  add_custom_command(OUTPUT "${_messages}"
    COMMAND "${CMAKE_COMMAND}" -E copy "${CMAKE_SOURCE_DIR}/widget/core/messages/${_locale}.json" "${_messages}"
    DEPENDS "${CMAKE_SOURCE_DIR}/widget/core/messages/${_locale}.json")
  list(APPEND _pack_outputs "${_index}" "${_messages}")
endforeach()
add_custom_target(tabi_locale_packs DEPENDS ${_pack_outputs})
add_dependencies(tabi-renew tabi_locale_packs)
set_property(TARGET tabi-renew APPEND PROPERTY LINK_DEPENDS ${_pack_outputs})

# Benchmark companions (a bare Dear ImGui hello-world page, the core benchmark for Node): tests/bench/bench.cmake.
if(EXISTS "${CMAKE_SOURCE_DIR}/tests/bench/bench.cmake")
  include("${CMAKE_SOURCE_DIR}/tests/bench/bench.cmake")
endif()
