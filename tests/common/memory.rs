//! The process's resident memory, for the tests that bound peak memory
//! (`tests/check_memory.rs`, `tests/chain_memory.rs`; each includes this
//! file with `#[path]` and runs in a test binary of its own, so no other
//! test shares the process).

/// A field of `/proc/self/status` in kB, such as `VmRSS:` (resident now)
/// or `VmHWM:` (the peak); `None` where it cannot be read (not Linux).
pub fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}
