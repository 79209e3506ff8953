//! Every committed fuzz input — the seeds taken from Pinterest's API
//! description (`fuzz/seeds/`) and every input a fuzzer once broke the
//! connector with (`fuzz/regressions/`) — replayed through its target on
//! stable Rust: no panic, short errors without secrets, and memory in
//! proportion to the input. `./build.sh fuzz` explores further.

#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::path::{Path, PathBuf};

#[global_allocator]
static HEAP: harness::CountingAllocator = harness::CountingAllocator;

fn inputs(folder: &str, target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(folder)
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|f| f.is_file());
    files.sort();
    files
}

#[test]
fn every_committed_fuzz_input_passes_its_target() {
    let mut replayed = 0;
    for (target, run) in harness::TARGETS {
        let seeds = inputs("seeds", target);
        assert!(!seeds.is_empty(), "fuzz/seeds/{target} has no seeds");
        for file in seeds.iter().chain(&inputs("regressions", target)) {
            let data = std::fs::read(file).unwrap();
            let outcome = std::panic::catch_unwind(|| harness::run(run, &data));
            assert!(outcome.is_ok(), "{target} failed on {}", file.display());
            replayed += 1;
        }
    }
    // 19 targets; the error bodies alone are 114 of Pinterest's examples,
    // the API paths 171.
    assert!(replayed >= 320, "only {replayed} inputs");
}
