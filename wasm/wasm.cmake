# The widget: tabi-renew.js (module factory + the bridge) and tabi-renew.wasm, in build/wasm/dist.
set(TABI_DIST_DIR "${CMAKE_BINARY_DIR}/dist")

# Size first: the whole first paint of a blog page waits for these bytes.
set(TABI_WASM_COMPILE_OPTIONS -Oz -fno-exceptions -fno-rtti -flto)
foreach(_target tabi_core imgui tabi_ui)
  target_compile_options(${_target} PRIVATE ${TABI_WASM_COMPILE_OPTIONS})
endforeach()

add_library(imgui_backend_webgl2 STATIC "${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
target_include_directories(imgui_backend_webgl2 PUBLIC "${IMGUI_DIR}/backends")
target_compile_definitions(imgui_backend_webgl2 PUBLIC IMGUI_IMPL_OPENGL_ES3)
target_link_libraries(imgui_backend_webgl2 PUBLIC imgui)
target_compile_options(imgui_backend_webgl2 PRIVATE ${TABI_WASM_COMPILE_OPTIONS})

add_executable(tabi-renew wasm/main.cpp wasm/browser_platform.cpp)
target_link_libraries(tabi-renew PRIVATE tabi_ui imgui_backend_webgl2 tabi_warnings)
target_compile_options(tabi-renew PRIVATE ${TABI_WASM_COMPILE_OPTIONS})
# emcc writes tabi-renew.raw.js/.wasm; the fingerprint step makes the release names from them.
set_target_properties(tabi-renew PROPERTIES OUTPUT_NAME "tabi-renew.raw" SUFFIX ".js"
  RUNTIME_OUTPUT_DIRECTORY "${TABI_DIST_DIR}")
add_custom_command(TARGET tabi-renew POST_BUILD
  COMMAND "${CMAKE_COMMAND}" "-DDIST=${TABI_DIST_DIR}" -P "${CMAKE_SOURCE_DIR}/wasm/fingerprint.cmake"
  VERBATIM)

# The bridge: ES modules in js/src bundled into one classic script appended to Emscripten's output.
find_program(TABI_NODE node REQUIRED)
file(GLOB _bridge_modules CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/js/src/*.mjs")
set(_bridge "${CMAKE_BINARY_DIR}/tabi-renew-bridge.js")
add_custom_command(OUTPUT "${_bridge}"
  COMMAND "${TABI_NODE}" "${CMAKE_SOURCE_DIR}/js/bundle.mjs" "${_bridge}"
  DEPENDS ${_bridge_modules} "${CMAKE_SOURCE_DIR}/js/bundle.mjs"
  COMMENT "Bundling the JS bridge")
add_custom_target(tabi_bridge_bundle DEPENDS "${_bridge}")
add_dependencies(tabi-renew tabi_bridge_bundle)
set(_imports "${CMAKE_SOURCE_DIR}/wasm/bridge_imports.js")
set(_exports "_malloc,_free,_tabi_widget_init,_tabi_widget_resize,_tabi_widget_frame_count,_tabi_widget_message,_tabi_widget_destroy,_tabi_core_call")
target_link_options(tabi-renew PRIVATE
  -Oz -flto --no-entry
  -sMODULARIZE=1 -sEXPORT_NAME=createTabiRenewModule
  -sENVIRONMENT=web
  -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sALLOW_MEMORY_GROWTH=1
  -sFILESYSTEM=0
  -sDYNAMIC_EXECUTION=0          # no eval / new Function: works under a strict CSP
  -sMALLOC=emmalloc
  -sTEXTDECODER=2
  "-sEXPORTED_FUNCTIONS=[${_exports}]"
  "-sEXPORTED_RUNTIME_METHODS=[UTF8ToString,stringToUTF8,lengthBytesUTF8]"
  "SHELL:--js-library ${_imports}"
  "SHELL:--extern-post-js ${_bridge}")
set_property(TARGET tabi-renew APPEND PROPERTY LINK_DEPENDS "${_bridge}" "${_imports}")
