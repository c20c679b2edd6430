// Catch2 v2's main(), in a file of its own so that it is compiled once for every test binary.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
