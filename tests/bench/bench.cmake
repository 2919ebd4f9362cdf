# Benchmark companions of the wasm build (included by wasm/wasm.cmake), all in build/wasm/bench/:
#   tabi_bench_hello   hello.html + hello.js + hello.wasm: a bare Dear ImGui hello world (tests/bench/hello), the
#                      baseline for the widget's navigation-to-first-frame time. Built on request, like the others
#                      (its link takes about 13 s that neither ./dev demo nor ./dev test needs).
#   core_bench_node    tests/bench/core_bench.cpp and the core sources compiled for Node at -O3 (core_bench.js +
#                      .wasm). Not cheap (all of core again), so only built on request:
#                        cmake --build --preset wasm --target core_bench_node
#   core_bench_node_oz the same benchmark linked against the widget's own tabi_core (-Oz, LTO: the code the
#                      widget ships), core_bench_oz.js. On request as well.
# Run the Node ones with: node --no-experimental-fetch build/wasm/bench/core_bench.js
# tests/bench/bench.mjs builds what it needs and runs them all.
set(TABI_BENCH_DIR "${CMAKE_BINARY_DIR}/bench")
file(MAKE_DIRECTORY "${TABI_BENCH_DIR}")
# The repository's package.json says "type": "module"; Emscripten's Node output is CommonJS.
file(CONFIGURE OUTPUT "${TABI_BENCH_DIR}/package.json" CONTENT "{ \"type\": \"commonjs\" }\n")

# --- the Dear ImGui hello world, built like the widget (size-optimised, WebGL2 only, no file system)
add_executable(tabi_bench_hello EXCLUDE_FROM_ALL "${CMAKE_CURRENT_LIST_DIR}/hello/hello.cpp" "${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
target_include_directories(tabi_bench_hello PRIVATE "${IMGUI_DIR}/backends")
target_compile_definitions(tabi_bench_hello PRIVATE IMGUI_IMPL_OPENGL_ES3)
target_compile_options(tabi_bench_hello PRIVATE ${TABI_WASM_COMPILE_OPTIONS})
target_link_libraries(tabi_bench_hello PRIVATE imgui)
target_link_options(tabi_bench_hello PRIVATE
  -Oz -flto
  -sENVIRONMENT=web
  -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sALLOW_MEMORY_GROWTH=1
  -sFILESYSTEM=0
  -sMALLOC=emmalloc)
set_target_properties(tabi_bench_hello PROPERTIES OUTPUT_NAME "hello" SUFFIX ".js"
  RUNTIME_OUTPUT_DIRECTORY "${TABI_BENCH_DIR}")
configure_file("${CMAKE_CURRENT_LIST_DIR}/hello/hello.html" "${TABI_BENCH_DIR}/hello.html" COPYONLY)

# --- the core benchmark under Node
set(_bench_node_link_options -sENVIRONMENT=node -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=67108864 -sEXIT_RUNTIME=1)

add_executable(core_bench_node EXCLUDE_FROM_ALL "${CMAKE_CURRENT_LIST_DIR}/core_bench.cpp" ${TABI_CORE_SOURCES}
  "${CMAKE_BINARY_DIR}/generated/sample_catalog.cpp" "${CMAKE_BINARY_DIR}/generated/messages_data.cpp")
target_include_directories(core_bench_node PRIVATE "${CMAKE_SOURCE_DIR}/widget")
target_link_libraries(core_bench_node PRIVATE tabi_thirdparty_headers)
target_compile_options(core_bench_node PRIVATE -O3 -fno-exceptions -fno-rtti)
target_link_options(core_bench_node PRIVATE -O3 ${_bench_node_link_options})
set_target_properties(core_bench_node PROPERTIES OUTPUT_NAME "core_bench" SUFFIX ".js"
  RUNTIME_OUTPUT_DIRECTORY "${TABI_BENCH_DIR}")

add_executable(core_bench_node_oz EXCLUDE_FROM_ALL "${CMAKE_CURRENT_LIST_DIR}/core_bench.cpp")
target_link_libraries(core_bench_node_oz PRIVATE tabi_core)
target_compile_options(core_bench_node_oz PRIVATE ${TABI_WASM_COMPILE_OPTIONS})
target_link_options(core_bench_node_oz PRIVATE -Oz -flto ${_bench_node_link_options})
set_target_properties(core_bench_node_oz PROPERTIES OUTPUT_NAME "core_bench_oz" SUFFIX ".js"
  RUNTIME_OUTPUT_DIRECTORY "${TABI_BENCH_DIR}")
