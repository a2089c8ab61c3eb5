#pragma once

/**
 * Hands the heap's free pages back to the system after a large transient workload: a
 * session replaced or cleared, or a reanalysis finished. glibc keeps what a thread
 * frees in that thread's arena for reuse, and the analysis and loader threads allocate
 * what the GUI thread frees later, so after reanalysing 1,000,000 captures the window
 * held about 250 MiB of free heap (855 MiB of RSS, 607 MiB after a trim).
 *
 * malloc_trim(0) with glibc; nothing elsewhere, or under AddressSanitizer, whose
 * allocator is not glibc's.
 */
namespace HeapTrim {

/// Returns whole free pages of every arena to the system. Takes a few milliseconds
/// on a heap of a gigabyte; call it after the big frees, not per batch.
void releaseFreePages();

} // namespace HeapTrim
