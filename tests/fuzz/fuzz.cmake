# libFuzzer targets (preset "fuzz", clang): one per fuzz_*.cpp, each over tabi_core. ./dev test runs each for a
# few seconds from tests/fuzz/seeds/<target> (tests/run-all.mjs).
file(GLOB TABI_FUZZ_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_*.cpp")
foreach(_fuzz ${TABI_FUZZ_SOURCES})
  get_filename_component(_name "${_fuzz}" NAME_WE)
  add_executable(${_name} "${_fuzz}")
  target_link_libraries(${_name} PRIVATE tabi_core)
  target_link_options(${_name} PRIVATE -fsanitize=fuzzer)
endforeach()

# The system glyphs' answer is read by widget/ui (no ImGui in it): its one source file joins the target.
target_sources(fuzz_system_glyphs PRIVATE "${CMAKE_SOURCE_DIR}/widget/ui/system_glyphs.cpp")
