#pragma once

#include "commandline.h"

/**
 * The listener-less uses of headless mode, each run to completion:
 *   --open FILE --export-har OUT / --export-jsonl OUT   convert a session ("-" is stdout)
 *   --headless --open FILE                              print its captures (text or jsonl)
 *   --import-har IN --session FILE                      add a HAR file's requests to a session
 *   --open FILE --salvage OUT                           copy what still reads of a damaged file
 * Returns the process exit code; errors go to stderr as one line.
 */
int runSessionConversion(const CommandLineOptions &options);
