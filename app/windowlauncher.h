#pragma once

#include "commandline.h"

/// Shows the inspector window for these options and runs the event loop.
int runWindow(const CommandLineOptions &options);
