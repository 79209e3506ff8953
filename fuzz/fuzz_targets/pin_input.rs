//! Fuzz target `pin_input`: see `pinterest_connector_fuzz::pin_input`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pinterest_connector_fuzz::{CountingAllocator, pin_input, run};

#[global_allocator]
static HEAP: CountingAllocator = CountingAllocator;

fuzz_target!(|data: &[u8]| {
    run(pin_input, data);
});
