//! Fuzz target `error_body`: see `pinterest_connector_fuzz::error_body`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pinterest_connector_fuzz::{CountingAllocator, error_body, run};

#[global_allocator]
static HEAP: CountingAllocator = CountingAllocator;

fuzz_target!(|data: &[u8]| {
    run(error_body, data);
});
