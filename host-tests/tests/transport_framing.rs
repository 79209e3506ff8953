//! How `UreqTransport` frames a body: a GET or DELETE without content goes
//! without `content-length` or `transfer-encoding` (RFC 9110 §8.6: a client
//! should not send `content-length` when there is no content and the
//! method gives none a meaning), while a POST states its length, even 0.

use host_tests::Pinterest;
use pinterest_connector_host::http::Method;
use pinterest_connector_host::{OutgoingRequest, RequestBody, Transport, UreqTransport};
use wiremock::ResponseTemplate;
use wiremock::matchers::any;

fn framing_of(method: Method, body: &[u8]) -> (Option<String>, Option<String>) {
    let server = Pinterest::start();
    server.mount(wiremock::Mock::given(any()).respond_with(ResponseTemplate::new(204)));
    let mut request = OutgoingRequest::new(method, format!("{}/v5/pins/1", server.server.uri()));
    request.body = RequestBody::Bytes(body.to_vec());
    let answer = UreqTransport::new(1 << 20)
        .send(request)
        .expect("an answer");
    assert_eq!(answer.status, 204);
    let sent = server.single_request();
    let header = |name: &str| {
        sent.headers
            .get(name)
            .map(|v| v.to_str().unwrap_or_default().to_owned())
    };
    (header("content-length"), header("transfer-encoding"))
}

#[test]
fn a_get_or_delete_without_content_carries_no_framing() {
    assert_eq!(framing_of(Method::Get, b""), (None, None));
    assert_eq!(framing_of(Method::Delete, b""), (None, None));
}

#[test]
fn a_post_states_its_length_even_when_empty() {
    assert_eq!(framing_of(Method::Post, b""), (Some("0".to_owned()), None));
    assert_eq!(
        framing_of(Method::Post, b"{}"),
        (Some("2".to_owned()), None)
    );
}
