//! Fuzz target `duplicate_page`: see `pinterest_connector_fuzz::duplicate_page`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pinterest_connector_fuzz::{CountingAllocator, duplicate_page, run};

#[global_allocator]
static HEAP: CountingAllocator = CountingAllocator;

fuzz_target!(|data: &[u8]| {
    run(duplicate_page, data);
});
