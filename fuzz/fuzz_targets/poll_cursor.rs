//! Fuzz target `poll_cursor`: see `pinterest_connector_fuzz::poll_cursor`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pinterest_connector_fuzz::{CountingAllocator, poll_cursor, run};

#[global_allocator]
static HEAP: CountingAllocator = CountingAllocator;

fuzz_target!(|data: &[u8]| {
    run(poll_cursor, data);
});
