//! An engine whose instances come from wasmtime's pooling allocator: memory
//! and tables are set up once and reused, so each call's fresh instance
//! costs less than on [`ConnectorHost::new_engine`]'s (see the `call` rows of
//! `./build.sh bench`). The pool is sized for
//! a number of calls running at once; a call beyond it fails to instantiate,
//! so size it to the host's concurrency.

use wasmtime::{Engine, InstanceAllocationStrategy, PoolingAllocationConfig, Result};

use crate::ConnectorHost;

/// Core instances of one connector instance: its code and two small
/// adapter modules, with a margin.
const CORE_INSTANCES_PER_CALL: u32 = 4;
/// Tables of one connector instance, with a margin.
const TABLES_PER_CALL: u32 = 4;
/// Linear memory (and table) bytes kept mapped between instances, so the
/// next call finds its first pages ready.
const KEEP_RESIDENT_BYTES: usize = 4 << 20;

/// An engine with [`ConnectorHost::engine_config`] and the pool, for at most
/// `max_concurrent_calls` calls at a time, each on a fresh instance (as
/// [`ConnectorHost`] runs them). Use it with
/// [`ConnectorHost::load_cached_on`].
pub fn pooled_engine(max_concurrent_calls: u32) -> Result<Engine> {
    let mut pool = PoolingAllocationConfig::default();
    pool.total_component_instances(max_concurrent_calls)
        .total_core_instances(max_concurrent_calls.saturating_mul(CORE_INSTANCES_PER_CALL))
        .total_memories(max_concurrent_calls)
        .total_tables(max_concurrent_calls.saturating_mul(TABLES_PER_CALL))
        .linear_memory_keep_resident(KEEP_RESIDENT_BYTES)
        .table_keep_resident(KEEP_RESIDENT_BYTES);
    let mut config = ConnectorHost::engine_config();
    config.allocation_strategy(InstanceAllocationStrategy::Pooling(pool));
    Engine::new(&config)
}
