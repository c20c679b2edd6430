# Helpers every part uses to declare its tests, fuzz targets and benchmarks the same way.

# `pacer_unit_and_fuzz` builds every unit test and fuzz target and nothing else: the Sanitize
# phase of scripts/test.sh runs only those, so it need not compile the daemons' mains, the
# integration tests and the benchmarks a second time.
if(NOT TARGET pacer_unit_and_fuzz)
  add_custom_target(pacer_unit_and_fuzz)
endif()

# Catch2 v2's main() lives in one object library so it is compiled once (tests/support/catch_main.cpp).
#
# pacer_unit_test(NAME SOURCES a.cpp b.cpp LIBS x y)
#   A Catch2 unit test binary, registered with CTest under the label "unit". Unit tests need no
#   network, no root and no sandbox; they must finish in seconds.
function(pacer_unit_test name)
  cmake_parse_arguments(arg "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE pacer_catch_main ${arg_LIBS})
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES LABELS unit TIMEOUT 120)
  add_dependencies(pacer_unit_and_fuzz ${name})
endfunction()

# pacer_fuzz_target(NAME SOURCES f.cpp LIBS x CORPUS dir)
#   A libFuzzer target, built only with PACER_FUZZ. Registered with CTest under the label "fuzz":
#   runs for PACER_FUZZ_SECONDS from the seed corpus (read-only; new inputs go to a scratch dir).
set(PACER_FUZZ_SECONDS 30 CACHE STRING "How long each fuzz target runs under ctest")
function(pacer_fuzz_target name)
  cmake_parse_arguments(arg "" "CORPUS" "SOURCES;LIBS" ${ARGN})
  if(NOT EXISTS "${arg_CORPUS}")
    # git does not keep empty directories: a seed corpus must hold at least one file.
    message(FATAL_ERROR "fuzz target ${name}: seed corpus ${arg_CORPUS} does not exist")
  endif()
  if(NOT PACER_FUZZ)
    return()
  endif()
  add_executable(${name} ${arg_SOURCES})
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  target_link_libraries(${name} PRIVATE ${arg_LIBS})
  set(scratch "${CMAKE_CURRENT_BINARY_DIR}/${name}.corpus")
  add_test(NAME ${name}
    COMMAND ${CMAKE_COMMAND} -E env
      sh -c "mkdir -p '${scratch}' && exec \"$0\" -max_total_time=${PACER_FUZZ_SECONDS} -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 '${scratch}' '${arg_CORPUS}'"
      $<TARGET_FILE:${name}>)
  set_tests_properties(${name} PROPERTIES LABELS fuzz TIMEOUT 300)
  add_dependencies(pacer_unit_and_fuzz ${name})
endfunction()
