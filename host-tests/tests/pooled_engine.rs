//! The component on an engine with the pooling allocator: calls reuse the
//! pool's instance slots, and a pool sized for one call serves any number
//! of calls made one after another.

mod common;

use std::sync::Arc;

use common::component_path;
use common::offline_config;
use pinterest_connector_host::pooled_engine;
use pinterest_connector_host::{ConnectorHost, UreqTransport};

#[test]
fn a_pool_for_one_call_serves_calls_one_after_another() {
    let engine = pooled_engine(1).expect("a pooled engine");
    let cache = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("pooled-component-cache");
    let host = ConnectorHost::load_cached_on(
        &engine,
        component_path(),
        cache,
        Arc::new(UreqTransport::default()),
    )
    .expect("the component loads on a pooled engine");
    let config = offline_config();
    for state in ["first", "second", "third"] {
        let authorization = host
            .authorize(&config, "http://localhost:8085/", &[], Some(state))
            .expect("the call runs")
            .expect("authorize succeeds");
        assert!(
            authorization.url.contains(&format!("state={state}")),
            "{}",
            authorization.url
        );
    }
}
