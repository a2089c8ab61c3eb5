#pragma once

#include <QString>

/**
 * Which memory allocator the executable runs on, for --version and bug reports.
 *
 * The app links jemalloc (Debian's libjemalloc2) unless built with -DMWI_JEMALLOC=OFF or
 * a sanitizer: captures are allocated on the listener and analysis threads and freed on
 * the owner's, and glibc's malloc serialises those cross-thread frees on the allocating
 * arena's lock. bench/listener.sh measured 2.3x the headless throughput with jemalloc.
 */
namespace Allocator {

/// "jemalloc 5.3.0-0-g54eaed1d8b56b1aa528be3bdd1877e59c56fa90c" or "glibc malloc".
QString description();

} // namespace Allocator
