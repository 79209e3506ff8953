//! Fuzz target `board_page`: see `pinterest_connector_fuzz::board_page`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pinterest_connector_fuzz::{CountingAllocator, board_page, run};

#[global_allocator]
static HEAP: CountingAllocator = CountingAllocator;

fuzz_target!(|data: &[u8]| {
    run(board_page, data);
});
