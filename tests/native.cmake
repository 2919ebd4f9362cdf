# Native-only targets: doctest suites (registered with CTest), the catalogue checker, benchmarks, fuzzers.
enable_testing()

# The catalogue checker hosts run in their own CI: tabi-catalog-check FILE...
add_executable(tabi-catalog-check "${CMAKE_SOURCE_DIR}/widget/cli/catalog_check.cpp")
target_link_libraries(tabi-catalog-check PRIVATE tabi_core tabi_warnings)
add_test(NAME "cli: the sample catalogue passes the checker"
  COMMAND tabi-catalog-check "${CMAKE_SOURCE_DIR}/widget/core/sample_catalog.json")
add_test(NAME "cli: the custom-catalog example passes the checker"
  COMMAND tabi-catalog-check "${CMAKE_SOURCE_DIR}/examples/custom-catalog/plans.json")
add_test(NAME "cli: a broken catalogue fails the checker with its JSON pointer"
  COMMAND tabi-catalog-check "${CMAKE_SOURCE_DIR}/tests/browser/fixtures/broken-catalog.json")
set_tests_properties("cli: a broken catalogue fails the checker with its JSON pointer" PROPERTIES
  WILL_FAIL FALSE PASS_REGULAR_EXPRESSION "/products/0/plans/1/price/minor")

# Benchmarks (figures, not pass/fail): ./dev bench builds them in release (preset release-native), by name; the
# test build leaves them out.
file(GLOB TABI_BENCH_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/bench/*.cpp")
foreach(_bench ${TABI_BENCH_SOURCES})
  get_filename_component(_name "${_bench}" NAME_WE)
  add_executable(${_name} EXCLUDE_FROM_ALL "${_bench}")
  target_link_libraries(${_name} PRIVATE tabi_core)
endforeach()

find_package(doctest REQUIRED)
include(doctest)

# The built-in sample catalogue, embedded from widget/core/sample_catalog.json (shared with the wasm build).
add_library(tabi_doctest_main OBJECT "${CMAKE_SOURCE_DIR}/tests/doctest_main.cpp")
target_link_libraries(tabi_doctest_main PUBLIC doctest::doctest)

file(GLOB TABI_CORE_TEST_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/core/*_test.cpp")
list(FILTER TABI_CORE_TEST_SOURCES EXCLUDE REGEX "payment_chaos_test\\.cpp$")
add_executable(tabi_core_tests ${TABI_CORE_TEST_SOURCES})
target_link_libraries(tabi_core_tests PRIVATE tabi_core tabi_doctest_main)
target_compile_definitions(tabi_core_tests PRIVATE TABI_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
doctest_discover_tests(tabi_core_tests TEST_PREFIX "core: ")
# The bridge's locale negotiation (js/src/locale.mjs) answers tests/js/locale-cases.mjs's tags; core's tests check
# match_locale and negotiate_locale give the same answers. Both read widget/core/locale_table.h.
find_program(TABI_NODE node REQUIRED)
set(_locale_cases "${CMAKE_BINARY_DIR}/generated/locale_cases.json")
add_custom_command(OUTPUT "${_locale_cases}"
  COMMAND "${TABI_NODE}" "${CMAKE_SOURCE_DIR}/tests/js/locale-cases.mjs" "${_locale_cases}"
  DEPENDS "${CMAKE_SOURCE_DIR}/tests/js/locale-cases.mjs" "${CMAKE_SOURCE_DIR}/js/src/locale.mjs"
          "${CMAKE_SOURCE_DIR}/js/locale-table.mjs" "${CMAKE_SOURCE_DIR}/widget/core/locale_table.h"
  COMMENT "The bridge's answers to the locale negotiation cases")
add_custom_target(tabi_locale_cases DEPENDS "${_locale_cases}")
add_dependencies(tabi_core_tests tabi_locale_cases)
target_compile_definitions(tabi_core_tests PRIVATE TABI_LOCALE_CASES="${_locale_cases}")

file(GLOB TABI_UI_TEST_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/ui/*_test.cpp")
if(TABI_UI_TEST_SOURCES)
  add_executable(tabi_ui_tests ${TABI_UI_TEST_SOURCES})
  target_link_libraries(tabi_ui_tests PRIVATE tabi_ui tabi_doctest_main)
  doctest_discover_tests(tabi_ui_tests TEST_PREFIX "ui: ")
endif()

# The payment chaos test (10,000 random episodes a run) gets its own executable over core compiled again with -O1
# and without ASan (UBSan stays on): in the Debug + ASan build an episode takes ~25 ms, over 4 min a run; like this,
# about 12 s. ASan watches the same code through the core tests and the fuzzers. No debug info: this second copy of
# core is the largest part of the native build, and -O1 -g0 builds it in 75 s against 88 s for -O2 -g (clang, 2
# cores), for 12 s a run against 9 s (docs/benchmark.md, "The test command's time"). Its summary line
# ("payment chaos: N episodes, ...") is printed by tests/run-all.mjs from ctest's log.
set(_chaos_flags -O1 -g0 -fno-sanitize=address)
add_library(tabi_core_optimised STATIC ${TABI_CORE_SOURCES} "${CMAKE_BINARY_DIR}/generated/sample_catalog.cpp"
  "${CMAKE_BINARY_DIR}/generated/messages_data.cpp")
target_include_directories(tabi_core_optimised PUBLIC "${CMAKE_SOURCE_DIR}/widget")
target_link_libraries(tabi_core_optimised PUBLIC tabi_thirdparty_headers PRIVATE tabi_warnings)
target_compile_options(tabi_core_optimised PRIVATE ${_chaos_flags})
add_executable(tabi_payment_chaos "${CMAKE_SOURCE_DIR}/tests/core/payment_chaos_test.cpp"
  "${CMAKE_SOURCE_DIR}/tests/doctest_main.cpp")
target_link_libraries(tabi_payment_chaos PRIVATE tabi_core_optimised doctest::doctest)
target_compile_options(tabi_payment_chaos PRIVATE ${_chaos_flags})
target_link_options(tabi_payment_chaos PRIVATE -fno-sanitize=address)
doctest_discover_tests(tabi_payment_chaos TEST_PREFIX "chaos: ")
