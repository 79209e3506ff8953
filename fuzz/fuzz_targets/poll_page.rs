//! Fuzz target `poll_page`: see `pinterest_connector_fuzz::poll_page`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pinterest_connector_fuzz::{CountingAllocator, poll_page, run};

#[global_allocator]
static HEAP: CountingAllocator = CountingAllocator;

fuzz_target!(|data: &[u8]| {
    run(poll_page, data);
});
