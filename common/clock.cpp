// clock.h is header-only today; this file keeps the target's source list stable.
#include "common/clock.h"
