#pragma once

class QThreadPool;

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

/// Returns whole free pages of every arena to the system, on the calling thread. It
/// walks every free chunk: 51-95 ms to give back 200 MiB (bench_heaptrim), longer than
/// a frame, so the window calls releaseFreePagesSoon() instead.
void releaseFreePages();

/// Runs releaseFreePages() on a thread of pool (the global pool when null) and returns
/// at once. A request made while another is still waiting to start joins it. The
/// allocating threads wait only while the trim holds their own arena.
void releaseFreePagesSoon(QThreadPool *pool = nullptr);

} // namespace HeapTrim
