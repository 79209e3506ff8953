//! The host contains a misbehaving component: a loop that never ends, an
//! allocation that never stops, a panic, a stack overflow and a request
//! that asks to wait for weeks each end the call with a clear error — not a
//! crash of the process — and the same `ConnectorHost` serves the next call.
//! The fixture is `host-tests/bad-guest`, a component of the same WIT world
//! built by `./build.sh`. The default limits leave room for the real
//! connector's heaviest legitimate calls, and the HTTP limits (time, size)
//! hold through the real component.

mod common;

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use base64::Engine as _;
use common::*;
use pinterest_connector_host::{
    ConnectorHost, HostLimits, LimitExceeded, OutgoingRequest, UreqTransport, http,
};
use serde_json::json;
use wasmtime::Trap;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

/// The bad-guest fixture `./build.sh` builds.
fn bad_guest_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/wasm32-wasip2/release/bad_guest.wasm")
}

/// The bad guest, compiled once for this test binary, with default limits.
fn bad_guest() -> ConnectorHost {
    static HOST: OnceLock<ConnectorHost> = OnceLock::new();
    HOST.get_or_init(|| {
        let path = bad_guest_path();
        assert!(
            path.exists(),
            "the bad-guest fixture {} is missing: run ./build.sh (or cargo build --release --target wasm32-wasip2 -p bad-guest) first",
            path.display()
        );
        let cache = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("component-cache");
        ConnectorHost::load_cached(&path, cache, Arc::new(UreqTransport::default()))
            .unwrap_or_else(|e| panic!("loading {}: {e:?}", path.display()))
    })
    .clone()
}

/// `get-board` of the bad guest: the board's name, or the host's error.
fn board_name(host: &ConnectorHost, board_id: &str) -> wasmtime::Result<String> {
    let board = host
        .get_board(&offline_config(), ACCESS_TOKEN, board_id)?
        .unwrap_or_else(|e| panic!("the fixture answers get-board: {e:?}"));
    Ok(board.name)
}

/// The same host still answers a well-behaved call.
fn assert_serves_a_good_call(host: &ConnectorHost) {
    assert_eq!(board_name(host, "549755885175").unwrap(), "fine");
}

#[test]
fn a_runaway_loop_is_stopped_by_the_fuel_budget() {
    let host = bad_guest().with_limits(HostLimits {
        fuel_per_call: 300_000_000,
        ..HostLimits::default()
    });
    let error = board_name(&host, "spin").unwrap_err();
    assert_eq!(
        LimitExceeded::of(&error),
        Some(&LimitExceeded::Fuel {
            budget: 300_000_000
        })
    );
    assert_eq!(error.downcast_ref::<Trap>(), Some(&Trap::OutOfFuel));
    assert!(
        error
            .to_string()
            .contains("used up its compute budget of 300000000 fuel"),
        "{error}"
    );
    assert_serves_a_good_call(&host);
}

#[test]
fn the_default_fuel_budget_stops_a_runaway_loop_too() {
    let host = bad_guest();
    let error = board_name(&host, "spin").unwrap_err();
    assert_eq!(
        LimitExceeded::of(&error),
        Some(&LimitExceeded::Fuel {
            budget: HostLimits::DEFAULT_FUEL_PER_CALL
        })
    );
    assert_serves_a_good_call(&host);
}

#[test]
fn a_memory_bomb_is_stopped_at_the_memory_limit() {
    let host = bad_guest();
    // Again and again: each call's memory goes with its store.
    for _ in 0..3 {
        let error = board_name(&host, "grow").unwrap_err();
        match LimitExceeded::of(&error) {
            Some(LimitExceeded::Memory { limit, requested }) => {
                assert_eq!(*limit, 64 * 1024 * 1024);
                assert!(requested > limit);
            }
            other => panic!("expected the memory limit, got {other:?}: {error:?}"),
        }
        assert!(
            error
                .to_string()
                .contains("past the host's limit of 67108864 bytes"),
            "{error}"
        );
        assert_serves_a_good_call(&host);
    }

    let small = host.with_limits(HostLimits {
        max_memory_bytes: 8 * 1024 * 1024,
        ..HostLimits::default()
    });
    let error = board_name(&small, "grow").unwrap_err();
    assert!(
        matches!(
            LimitExceeded::of(&error),
            Some(LimitExceeded::Memory { limit, .. }) if *limit == 8 * 1024 * 1024
        ),
        "{error:?}"
    );
    assert_serves_a_good_call(&small);
}

#[test]
fn a_panic_in_the_component_is_a_trap_not_a_crash() {
    let host = bad_guest();
    let error = board_name(&host, "panic").unwrap_err();
    assert_eq!(
        error.downcast_ref::<Trap>(),
        Some(&Trap::UnreachableCodeReached)
    );
    assert_eq!(LimitExceeded::of(&error), None);
    assert!(
        error
            .to_string()
            .starts_with("the connector component crashed"),
        "{error}"
    );
    assert_serves_a_good_call(&host);
}

#[test]
fn unbounded_recursion_ends_in_a_stack_overflow_trap() {
    let host = bad_guest();
    let error = board_name(&host, "recurse").unwrap_err();
    assert_eq!(error.downcast_ref::<Trap>(), Some(&Trap::StackOverflow));
    assert!(
        error
            .to_string()
            .starts_with("the connector component crashed"),
        "{error}"
    );
    assert_serves_a_good_call(&host);
}

#[test]
fn a_runaway_call_does_not_hold_up_calls_on_other_threads() {
    let host = bad_guest();
    std::thread::scope(|scope| {
        let runaway = scope.spawn(|| board_name(&host, "spin"));
        for _ in 0..50 {
            assert_serves_a_good_call(&host);
        }
        let error = runaway.join().expect("no panic").unwrap_err();
        assert!(LimitExceeded::of(&error).is_some(), "{error:?}");
    });
}

#[test]
fn a_request_asking_to_wait_for_weeks_is_cut_at_the_host_limit() {
    let p = Pinterest::start();
    p.mount(
        Mock::given(method("GET"))
            .and(path("/slow"))
            .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5))),
    );
    let host = bad_guest().with_limits(HostLimits {
        max_http_timeout: Duration::from_millis(500),
        ..HostLimits::default()
    });
    // The fixture asks for u32::MAX milliseconds (49 days).
    let outcome = board_name(&host, &format!("fetch:{}/slow", p.server.uri())).unwrap();
    assert_eq!(outcome, "timeout");
    assert_serves_a_good_call(&host);
}

#[test]
fn an_engine_without_fuel_metering_is_refused() {
    let engine = wasmtime::Engine::default();
    let component = wasmtime::component::Component::from_file(&engine, bad_guest_path()).unwrap();
    let error = match ConnectorHost::from_component(
        &engine,
        &component,
        Arc::new(UreqTransport::default()),
    ) {
        Ok(_) => panic!("a host without fuel metering was built"),
        Err(error) => error,
    };
    assert!(error.to_string().contains("does not meter fuel"), "{error}");
}

// The real connector under the default limits.

/// A transport answering every request at once with `status` and `body`.
fn answering(status: u16, body: Vec<u8>) -> Arc<dyn pinterest_connector_host::Transport> {
    Arc::new(move |_: http::Request| {
        Ok(http::Response {
            status,
            headers: vec![http::Header {
                name: "content-type".into(),
                value: "application/json".into(),
            }],
            body: body.clone(),
        })
    })
}

/// Runs `operation` on `host` and returns its result with the fuel it used.
fn metered<R>(
    host: &ConnectorHost,
    operation: impl FnOnce(
        &pinterest_connector_host::PinterestConnector,
        &mut wasmtime::Store<pinterest_connector_host::State>,
    ) -> wasmtime::Result<R>,
) -> (R, u64) {
    let budget = host.limits().fuel_per_call;
    let (result, left) = host
        .call(|connector, store| {
            let result = operation(connector, &mut *store)?;
            Ok((result, store.get_fuel()?))
        })
        .unwrap();
    (result, budget - left)
}

fn boards(range: std::ops::Range<usize>, description: usize) -> Vec<serde_json::Value> {
    range
        .map(|i| {
            json!({
                "id": format!("{}", 549_755_885_100_u64 + i as u64),
                "name": format!("Board {i}"),
                "description": "d".repeat(description),
                "privacy": "PUBLIC",
                "owner": {"username": "chef"},
                "pin_count": 12,
                "created_at": "2020-01-01T20:10:40",
                "media": {"image_cover_url": "https://i.pinimg.com/a.jpg"}
            })
        })
        .collect()
}

#[test]
fn the_defaults_leave_room_for_ten_thousand_boards() {
    let pages = std::sync::atomic::AtomicUsize::new(0);
    let transport = move |_: http::Request| {
        let page = pages.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let bookmark = (page < 39).then(|| format!("page-{}", page + 1));
        let body =
            json!({"items": boards(page * 250..(page + 1) * 250, 500), "bookmark": bookmark});
        Ok(http::Response {
            status: 200,
            headers: Vec::new(),
            body: serde_json::to_vec(&body).unwrap_or_default(),
        })
    };
    let host = host().with_transport(Arc::new(transport));
    let config = offline_config();
    let (page, fuel) = metered(&host, |c, s| {
        c.pinterest_connector_connector().call_list_all_boards(
            s,
            &config,
            ACCESS_TOKEN,
            None,
            Some(10_000),
        )
    });
    assert_eq!(page.unwrap().items.len(), 10_000);
    eprintln!("list-all-boards of 10 000 boards: {fuel} fuel");
    assert!(fuel * 20 < HostLimits::DEFAULT_FUEL_PER_CALL, "{fuel}");
}

#[test]
fn the_defaults_leave_room_for_the_largest_page_and_image() {
    let config = offline_config();
    // A page just under the 4 MiB the component accepts.
    let page =
        serde_json::to_vec(&json!({"items": boards(0..250, 15_500), "bookmark": null})).unwrap();
    assert!(page.len() > 3_900_000 && page.len() < 4 * 1024 * 1024);
    let listing = host().with_transport(answering(200, page));
    let query = types::ListBoardsQuery {
        bookmark: None,
        page_size: Some(250),
        privacy: None,
    };
    let listed = listing.list_boards(&config, ACCESS_TOKEN, &query).unwrap();
    assert_eq!(listed.unwrap().items.len(), 250);

    // A pin with the largest base64 image the default memory admits.
    let mut image = vec![0x5a_u8; HostLimits::DEFAULT_MAX_IMAGE_BYTES];
    image[..8].copy_from_slice(b"\x89PNG\r\n\x1a\n");
    let pin = types::PinInput {
        media: types::MediaSource::ImageData(types::ImageData {
            content_type: types::ImageContentType::Png,
            data: base64::engine::general_purpose::STANDARD.encode(&image),
        }),
        ..sample_pin()
    };
    let created = json!({"id": "813744226420795884", "board_id": "549755885175", "media": {"media_type": "image"}});
    let pinning = host().with_transport(answering(201, serde_json::to_vec(&created).unwrap()));
    let (result, fuel) = metered(&pinning, |c, s| {
        c.pinterest_connector_connector()
            .call_create_pin(s, &config, ACCESS_TOKEN, &pin)
    });
    assert_eq!(result.unwrap().id, "813744226420795884");
    eprintln!("create-pin with a 20 MiB base64 image: {fuel} fuel");
    assert!(fuel * 5 < HostLimits::DEFAULT_FUEL_PER_CALL, "{fuel}");
}

// The HTTP limits, through the real connector.

#[test]
fn a_response_slower_than_the_time_limit_is_a_timeout() {
    let p = Pinterest::start();
    p.mount(
        Mock::given(method("GET"))
            .and(path("/v5/boards/549755885175"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"id": "549755885175", "name": "Late"}))
                    .set_delay(Duration::from_secs(5)),
            ),
    );
    let limits = HostLimits {
        max_http_timeout: Duration::from_millis(500),
        ..HostLimits::default()
    };
    // The component asks for 30 s; the host allows 0.5 s.
    let host = host()
        .with_transport(Arc::new(UreqTransport::with_limits(&limits)))
        .with_limits(limits);
    let error = host
        .get_board(&p.config(), ACCESS_TOKEN, "549755885175")
        .unwrap()
        .unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("expected a transport error, got {error:?}")
    };
    assert_eq!(transport.problem, types::TransportProblem::Timeout);
    assert!(transport.failure.retryable);
    assert_no_secrets(&all_text(&error));
}

#[test]
fn the_transport_honours_a_shorter_time_limit_the_request_names() {
    let p = Pinterest::start();
    p.mount(
        Mock::given(method("GET"))
            .and(path("/late"))
            .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5))),
    );
    let request = OutgoingRequest {
        timeout: Duration::from_millis(300),
        ..OutgoingRequest::new(http::Method::Get, format!("{}/late", p.server.uri()))
    };
    let outcome = pinterest_connector_host::Transport::send(&UreqTransport::default(), request);
    assert!(
        matches!(outcome, Err(http::HttpError::Timeout)),
        "{outcome:?}"
    );
}

#[test]
fn a_response_over_the_size_limit_is_denied() {
    let limits = HostLimits {
        max_response_bytes: 1024,
        ..HostLimits::default()
    };
    let board = |size: usize| {
        let body = json!({"id": "549755885175", "name": "n".repeat(size)}).to_string();
        ResponseTemplate::new(200).set_body_raw(body, "application/json")
    };
    let overhead = json!({"id": "549755885175", "name": ""}).to_string().len();
    for (size, allowed) in [(1024, true), (1025, false)] {
        let p = Pinterest::start();
        p.mount(
            Mock::given(method("GET"))
                .and(path("/v5/boards/549755885175"))
                .respond_with(board(size - overhead)),
        );
        let host = host()
            .with_transport(Arc::new(UreqTransport::with_limits(&limits)))
            .with_limits(limits);
        let result = host
            .get_board(&p.config(), ACCESS_TOKEN, "549755885175")
            .unwrap();
        match (result, allowed) {
            (Ok(board), true) => assert_eq!(board.name.len(), size - overhead),
            (Err(Error::Transport(t)), false) => {
                assert_eq!(t.problem, types::TransportProblem::Denied);
                assert!(
                    t.failure.summary.contains("limit of 1024 bytes"),
                    "{}",
                    t.failure.summary
                );
            }
            (other, _) => panic!("{size} bytes: {other:?}"),
        }
    }
}

#[test]
fn the_size_limit_holds_whatever_the_transport() {
    // A transport without a cap of its own: the host refuses for it.
    let host = host()
        .with_transport(answering(200, vec![b' '; 2048]))
        .with_limits(HostLimits {
            max_response_bytes: 1024,
            ..HostLimits::default()
        });
    let error = host
        .get_board(&offline_config(), ACCESS_TOKEN, "549755885175")
        .unwrap()
        .unwrap_err();
    assert!(
        matches!(&error, Error::Transport(t) if t.problem == types::TransportProblem::Denied),
        "{error:?}"
    );
}

#[test]
fn the_default_transport_reads_at_most_eight_mebibytes() {
    let limit = HostLimits::DEFAULT_MAX_RESPONSE_BYTES as usize;
    for (size, allowed) in [(limit, true), (limit + 1, false)] {
        let p = Pinterest::start();
        p.mount(
            Mock::given(method("GET")).and(path("/big")).respond_with(
                ResponseTemplate::new(200).set_body_raw(vec![b'x'; size], "text/plain"),
            ),
        );
        let request = OutgoingRequest::new(http::Method::Get, format!("{}/big", p.server.uri()));
        let outcome = pinterest_connector_host::Transport::send(&UreqTransport::default(), request);
        match (outcome, allowed) {
            (Ok(response), true) => assert_eq!(response.body.len(), size),
            (Err(http::HttpError::Denied(why)), false) => {
                assert!(why.contains("8388608 bytes"), "{why}")
            }
            (other, _) => panic!("{size} bytes: {:?}", other.map(|r| r.body.len())),
        }
    }
}
