# Post-link step (cmake -P): the wasm in two parts, a primary module with what the first frame runs and a
# deferred module with the rest, fetched by the bridge after the first frame (js/src/wasm-loader.mjs).
#   in:  LINK/tabi-renew.raw.wasm.orig (the module), LINK/tabi-renew.raw.wasm (the same, instrumented by
#        Emscripten's -sSPLIT_MODULE to record each function's first call), LINK/tabi-renew.raw.js
#   out: LINK/tabi-renew.primary.wasm, LINK/tabi-renew.deferred.wasm (without names), and
#        LINK/tabi-renew.primary.named.wasm.placeholders: the function each placeholder of the primary stands for
# The profile comes from the build itself: wasm/profile_first_frame.mjs runs the instrumented widget headless in
# every configuration a first frame meets. Never a file edited by hand: a function the profile misses would be
# fetched late, and one it wrongly keeps would weigh on every page view.
cmake_minimum_required(VERSION 3.25)

foreach(var LINK PACKS SOURCE_DIR NODE WASM_SPLIT WASM_OPT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "split.cmake: -D${var}=... is missing")
  endif()
endforeach()

set(profile "${LINK}/first-frame.profile")
execute_process(
  COMMAND "${NODE}" "${SOURCE_DIR}/wasm/profile_first_frame.mjs" "${LINK}" "${PACKS}" "${profile}"
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "split.cmake: profiling the first frame failed (node wasm/profile_first_frame.mjs)")
endif()

# --export-prefix: the primary module exports what the deferred one needs under short names ("%a", ...).
# The placeholders are imported from "placeholder", the deferred module's imports from "primary" (the bridge
# provides both: wasm-loader.mjs).
execute_process(
  COMMAND "${WASM_SPLIT}" --split --enable-mutable-globals --export-prefix=% --placeholder-namespace=placeholder
          --import-namespace=primary --profile=${profile} --placeholdermap
          -o1 "${LINK}/tabi-renew.primary.named.wasm" -o2 "${LINK}/tabi-renew.deferred.named.wasm"
          "${LINK}/tabi-renew.raw.wasm.orig"
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "split.cmake: wasm-split failed")
endif()
# The link kept function names (--profiling-funcs) for the placeholder map; the shipped modules carry none.
foreach(part primary deferred)
  execute_process(
    COMMAND "${WASM_OPT}" --enable-mutable-globals --strip-debug "${LINK}/tabi-renew.${part}.named.wasm"
            -o "${LINK}/tabi-renew.${part}.wasm"
    RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "split.cmake: wasm-opt --strip-debug failed on the ${part} module")
  endif()
endforeach()
file(SIZE "${LINK}/tabi-renew.primary.wasm" primary_size)
file(SIZE "${LINK}/tabi-renew.deferred.wasm" deferred_size)
message(STATUS "tabi-renew: split into primary ${primary_size} bytes + deferred ${deferred_size} bytes")
