//! Fuzz target `pin`: see `pinterest_connector_fuzz::pin`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pinterest_connector_fuzz::{CountingAllocator, pin, run};

#[global_allocator]
static HEAP: CountingAllocator = CountingAllocator;

fuzz_target!(|data: &[u8]| {
    run(pin, data);
});
