//! Fuzz target `token_response`: see `pinterest_connector_fuzz::token_response`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pinterest_connector_fuzz::{CountingAllocator, run, token_response};

#[global_allocator]
static HEAP: CountingAllocator = CountingAllocator;

fuzz_target!(|data: &[u8]| {
    run(token_response, data);
});
