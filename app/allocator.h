#pragma once

#include <QString>

/**
 * Which memory allocator the executable runs on, for --version and bug reports.
 *
 * The app links jemalloc (Debian's libjemalloc2) unless built with -DMWI_JEMALLOC=OFF or
 * a sanitizer: captures are allocated on the listener and analysis threads and freed on
 * the owner's, and glibc's malloc serialises those cross-thread frees on the allocating
 * arena's lock (perf: 11% of the owner thread's time went to waking that lock, and the
 * listener waited on it). With jemalloc, bench/listener.sh answered 1.2x as many requests
 * at 16 connections and 1.2-1.6x at 64, against the same build on glibc in the same run.
 */
namespace Allocator {

/// "jemalloc 5.3.0-0-g54eaed1d8b56b1aa528be3bdd1877e59c56fa90c" or "glibc malloc".
QString description();

} // namespace Allocator
