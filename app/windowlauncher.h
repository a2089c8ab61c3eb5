#pragma once

#include "commandline.h"
#include "mainwindow.h"

/// The listener settings the window starts with: the saved ones, overridden by what the
/// command line gave explicitly (--bind, --port, --token, --max-body).
ListenerConfig windowListenerConfig(const ListenerConfig &saved, const CommandLineOptions &options);

/// What the window opens at start: the session file (--session, else --open, else the first
/// positional session file) and the HAR files to import (positional or --open *.har).
WindowStart windowStart(const CommandLineOptions &options, const ListenerConfig &saved);

/// Shows the inspector window for these options and runs the event loop.
int runWindow(const CommandLineOptions &options);
