#include "common/xml.h"
