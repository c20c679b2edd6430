// FakeClock is header-only.
#include "tests/support/fake_clock.h"
