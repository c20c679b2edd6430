#include "tests/support/fake_process_runner.h"
