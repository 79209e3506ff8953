//! Fuzz target `config_urls`: see `pinterest_connector_fuzz::config_urls`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pinterest_connector_fuzz::{CountingAllocator, config_urls, run};

#[global_allocator]
static HEAP: CountingAllocator = CountingAllocator;

fuzz_target!(|data: &[u8]| {
    run(config_urls, data);
});
