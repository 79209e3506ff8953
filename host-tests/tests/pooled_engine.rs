//! The component on an engine with the pooling allocator: calls reuse the
//! pool's instance slots, and a pool sized for one call serves any number
//! of calls made one after another.

use std::sync::Arc;

use host_tests::pool::pooled_engine;
use host_tests::{ConnectorHost, UreqTransport, component_path, types};

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
    let config = types::Config {
        client_id: "1484362".into(),
        client_secret: "app-secret-5f1d9c0e7b2a48d6".into(),
        environment: types::Environment::Production,
        api_base_url: None,
        authorize_url: None,
    };
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
