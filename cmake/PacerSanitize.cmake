# The Sanitize build type: clang with AddressSanitizer + UndefinedBehaviorSanitizer. It is also the
# build that links the libFuzzer targets (PACER_FUZZ is on by default there).
set(CMAKE_C_FLAGS_SANITIZE "-O1 -gline-tables-only -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined")
set(CMAKE_CXX_FLAGS_SANITIZE "${CMAKE_C_FLAGS_SANITIZE}")
set(CMAKE_EXE_LINKER_FLAGS_SANITIZE "-fsanitize=address,undefined")
set(CMAKE_SHARED_LINKER_FLAGS_SANITIZE "-fsanitize=address,undefined")

if(CMAKE_BUILD_TYPE STREQUAL "Sanitize" AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  set(pacer_fuzz_default ON)
else()
  set(pacer_fuzz_default OFF)
endif()
option(PACER_FUZZ "Build the libFuzzer targets (needs clang)" ${pacer_fuzz_default})
