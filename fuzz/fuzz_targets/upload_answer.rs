//! Fuzz target `upload_answer`: see `pinterest_connector_fuzz::upload_answer`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pinterest_connector_fuzz::{CountingAllocator, upload_answer, run};

#[global_allocator]
static HEAP: CountingAllocator = CountingAllocator;

fuzz_target!(|data: &[u8]| {
    run(upload_answer, data);
});
