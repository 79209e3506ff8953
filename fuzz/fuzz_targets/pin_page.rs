//! Fuzz target `pin_page`: see `pinterest_connector_fuzz::pin_page`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pinterest_connector_fuzz::{CountingAllocator, pin_page, run};

#[global_allocator]
static HEAP: CountingAllocator = CountingAllocator;

fuzz_target!(|data: &[u8]| {
    run(pin_page, data);
});
