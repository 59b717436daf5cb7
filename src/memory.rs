//! Process-wide allocator settings, applied once by the binary at start.

/// Blocks at least this large are mapped apart and unmapped when freed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: i32 = 256 << 10;

/// Makes freed large blocks go back to the system at once.
///
/// glibc raises its mapping threshold to the size of each large block freed
/// (up to 32 MiB), after which blocks of that size come from, and stay in,
/// the freeing thread's arena. Every worker reads rows, so each of them kept
/// a few of the longest rows' buffers: rows of 18 MB took 706 MiB at
/// `--jobs 16`, against 97 MiB with the threshold fixed. Ordinary rows never
/// reach it (their buffers are reused and stay under 16 KiB).
pub fn return_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes a setting of the allocator; it is called
    // before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}
