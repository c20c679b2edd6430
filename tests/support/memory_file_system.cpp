#include "tests/support/memory_file_system.h"
