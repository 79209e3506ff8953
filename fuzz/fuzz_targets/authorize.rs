//! Fuzz target `authorize`: see `pinterest_connector_fuzz::authorize`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pinterest_connector_fuzz::{CountingAllocator, authorize, run};

#[global_allocator]
static HEAP: CountingAllocator = CountingAllocator;

fuzz_target!(|data: &[u8]| {
    run(authorize, data);
});
