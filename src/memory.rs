//! Process-wide allocator settings, applied once by the binary at start.
//!
//! The allocator is the system's (glibc's). mimalloc as the global allocator
//! was measured on 2026-12-07 and not kept: 1.8% fewer instructions with
//! `--phone-check format` and 4.3% fewer with `valid` (100k generated rows,
//! `--jobs 1`, callgrind), no wall-time gain that stood out of the machine's
//! noise, and peak RSS on 1M rows at `--jobs 2` of 52-63 MiB against 25-26
//! MiB, over the 48 MB the project holds to.

/// Blocks at least this large are mapped apart and unmapped when freed,
/// and free memory above this much at the top of a heap is given back.
/// It is above the rows of ordinary exports and the batch buffers of rows
/// under the default 1 MiB field limit, which are freed and made again
/// batch after batch: at 256 KiB, rows of 300 KB ran 40% slower, paying
/// page faults for memory given back and taken again.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const THRESHOLD: i32 = 4 << 20;

/// Makes freed large blocks go back to the system at once.
///
/// glibc raises its mapping threshold to the size of each large block freed
/// (up to 32 MiB), after which blocks of that size come from, and stay in,
/// the freeing thread's arena. Every worker reads rows, so each of them kept
/// a few of the longest rows' buffers: rows of 18 MB took 706 MiB at
/// `--jobs 16`, against 95 MiB with both thresholds fixed. (Fixing the
/// mapping threshold alone leaves the trim threshold at 128 KiB, hence both.)
pub fn return_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes settings of the allocator; it is called
    // before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, THRESHOLD);
        libc::mallopt(libc::M_TRIM_THRESHOLD, THRESHOLD);
    }
}
