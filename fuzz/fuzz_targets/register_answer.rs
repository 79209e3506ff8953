//! Fuzz target `register_answer`: see `pinterest_connector_fuzz::register_answer`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pinterest_connector_fuzz::{CountingAllocator, register_answer, run};

#[global_allocator]
static HEAP: CountingAllocator = CountingAllocator;

fuzz_target!(|data: &[u8]| {
    run(register_answer, data);
});
