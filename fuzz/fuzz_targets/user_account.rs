//! Fuzz target `user_account`: see `pinterest_connector_fuzz::user_account`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pinterest_connector_fuzz::{CountingAllocator, run, user_account};

#[global_allocator]
static HEAP: CountingAllocator = CountingAllocator;

fuzz_target!(|data: &[u8]| {
    run(user_account, data);
});
