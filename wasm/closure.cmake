# Emscripten's JS glue through the Closure Compiler (included by wasm/wasm.cmake, after tabi-renew is defined).
#
# Emscripten 3.1.6 runs the Closure Compiler named by CLOSURE_COMPILER in its config file, which Debian sets to
# Debian's closure-compiler: too old for it (/usr/share/doc/emscripten/README.Debian). The EM_CLOSURE_COMPILER
# environment variable overrides that key, so the widget's link runs with it pointing at the one from npm
# (package.json pins the version Emscripten 3.1.6 was made with; ./dev installs it with npm ci), and nothing of
# the system changes. Closure only sees Emscripten's own code and wasm/bridge_imports.js: the bridge is appended
# after it (--extern-post-js), so what the two share is named in quotes (Module['tabiBridge'], bridge['onEmit'])
# or exported by Emscripten under its own quoted names (_malloc, HEAPU8, UTF8ToString...).
set(TABI_CLOSURE_COMPILER "${CMAKE_SOURCE_DIR}/node_modules/.bin/google-closure-compiler")
if(NOT EXISTS "${TABI_CLOSURE_COMPILER}")
  message(FATAL_ERROR "${TABI_CLOSURE_COMPILER} not found: run ./dev deps (or npm ci)")
endif()
set_property(TARGET tabi-renew PROPERTY CXX_LINKER_LAUNCHER
  "${CMAKE_COMMAND}" -E env "EM_CLOSURE_COMPILER=${TABI_CLOSURE_COMPILER}")
# Emscripten asks Closure to write the language it reads; Closure then shortens a = a || b to a ||= b, which
# Chrome and Edge have only from version 85: ES2019 keeps the README's Chrome/Edge 79+ (the later option wins).
target_link_options(tabi-renew PRIVATE "SHELL:--closure 1" "SHELL:--closure-args=--language_out=ECMASCRIPT_2019")
set_property(TARGET tabi-renew APPEND PROPERTY LINK_DEPENDS "${CMAKE_SOURCE_DIR}/package-lock.json")
