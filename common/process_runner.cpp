#include "common/process_runner.h"
