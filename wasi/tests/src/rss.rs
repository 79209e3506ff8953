//! The process's resident memory, from `/proc/self/status` (Linux).

/// A `/proc/self/status` field in bytes (`VmRSS`: now, `VmHWM`: the peak).
fn status(field: &str) -> u64 {
    let text = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    text.lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().strip_suffix("kB"))
        .and_then(|kb| kb.trim().parse::<u64>().ok())
        .map(|kb| kb * 1024)
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"))
}

/// The peak resident memory so far, in bytes.
pub fn peak() -> u64 {
    status("VmHWM")
}

/// The resident memory now, in bytes.
pub fn now() -> u64 {
    status("VmRSS")
}
