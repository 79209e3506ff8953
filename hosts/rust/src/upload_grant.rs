//! The one exception to the egress policy: the upload URL Pinterest hands
//! out when media is registered. Registering (`POST …/v5/media` to an
//! allowed API origin) answers with `media_id` and `upload_url` — Pinterest's
//! upload host, not the API origin. [`UploadGrants`] reads that answer and
//! grants exactly one request to exactly that URL:
//!
//! - granted only by a 2xx JSON answer (at most [`MAX_ANSWER_BYTES`]) to a
//!   `POST` whose path ends in `/v5/media`, sent to an allowed origin (the
//!   guard inspects no other answer: not one from an upload URL, not one
//!   it refused);
//! - claimed by a `POST` whose body carries host content, to the same
//!   scheme, host, port, path and query (a fragment is never sent);
//! - once: the claim spends the grant, whatever comes of the request;
//! - within the window (default [`DEFAULT_WINDOW`], 15 minutes) after the
//!   answer arrived; the upload itself may then run up to
//!   [`HostLimits::max_upload_timeout`](crate::HostLimits::max_upload_timeout).
//!
//! Every other request to that origin stays refused. Grants live in the
//! guard, shared by every call that sends through it; at most
//! [`MAX_GRANTS`] are outstanding (the oldest goes first).

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use url::Url;

use crate::bindings::http::{Method, Response};
use crate::content::quoted;
use crate::transport::OutgoingRequest;

/// How long after the register answer its upload URL may be used.
pub const DEFAULT_WINDOW: Duration = Duration::from_secs(15 * 60);
/// The largest register answer read; a bigger one grants nothing.
pub const MAX_ANSWER_BYTES: usize = 64 * 1024;
/// The most grants outstanding at once.
pub const MAX_GRANTS: usize = 256;

/// One upload URL, usable once.
#[derive(Debug)]
struct Grant {
    url: Url,
    media_id: String,
    until: Instant,
}

/// Upload URLs granted by register answers, each spent by one upload.
#[derive(Debug)]
pub(crate) struct UploadGrants {
    window: Duration,
    grants: Mutex<Vec<Grant>>,
}

impl UploadGrants {
    /// No grants yet; each one to come is usable for `window`.
    pub(crate) fn new(window: Duration) -> Self {
        Self {
            window,
            grants: Mutex::new(Vec::new()),
        }
    }

    /// The same grants, with `window` for the ones to come.
    pub(crate) fn with_window(self, window: Duration) -> Self {
        Self { window, ..self }
    }

    /// Whether `method` to `url` registers media: its answer may grant an
    /// upload URL. Only asked for requests to an allowed origin.
    pub(crate) fn registers(method: Method, url: &Url) -> bool {
        method == Method::Post && url.path().ends_with("/v5/media")
    }

    /// Reads the answer to a register request and grants its upload URL.
    pub(crate) fn grant_from(&self, answer: &Response) {
        if !(200..300).contains(&answer.status) || answer.body.len() > MAX_ANSWER_BYTES {
            return;
        }
        let Some((media_id, url)) = upload_of(&answer.body) else {
            return;
        };
        let now = Instant::now();
        let mut grants = self.grants.lock().unwrap_or_else(PoisonError::into_inner);
        grants.retain(|grant| grant.until > now);
        if grants.len() >= MAX_GRANTS {
            grants.remove(0);
        }
        grants.push(Grant {
            url,
            media_id,
            until: now + self.window,
        });
    }

    /// Spends the grant `request` claims and returns the URL to send it to,
    /// or says why there is none: `refusal` (the egress policy's) when no
    /// grant names the URL.
    pub(crate) fn claim(&self, request: &OutgoingRequest, refusal: String) -> Result<Url, String> {
        let Ok(mut url) = Url::parse(&request.url) else {
            return Err(refusal);
        };
        url.set_fragment(None);
        let now = Instant::now();
        let mut grants = self.grants.lock().unwrap_or_else(PoisonError::into_inner);
        grants.retain(|grant| grant.until > now);
        let Some(index) = grants.iter().position(|grant| grant.url == url) else {
            let same_origin = grants
                .iter()
                .any(|grant| grant.url.origin() == url.origin());
            return Err(if same_origin {
                format!(
                    "{refusal}; of that origin, only the upload URL Pinterest returned is allowed, exactly as returned, once"
                )
            } else {
                refusal
            });
        };
        if request.method != Method::Post || !request.body.carries_host_content() {
            return Err(format!(
                "egress policy: the upload URL Pinterest returned for media {} takes one POST whose body carries host content, not a {} {}",
                quoted(&grants[index].media_id),
                request.method.as_str(),
                if request.body.carries_host_content() {
                    "with host content"
                } else {
                    "without host content"
                }
            ));
        }
        Ok(grants.remove(index).url)
    }
}

/// The media id and upload URL of a register answer: a JSON object with a
/// non-empty `media_id` string and an `upload_url` that is a plain `http`
/// or `https` URL (no credentials; the fragment dropped).
fn upload_of(body: &[u8]) -> Option<(String, Url)> {
    let answer: serde_json::Value = serde_json::from_slice(body).ok()?;
    let media_id = answer.get("media_id")?.as_str()?;
    let mut url = Url::parse(answer.get("upload_url")?.as_str()?).ok()?;
    let plain = matches!(url.scheme(), "http" | "https")
        && url.has_host()
        && url.username().is_empty()
        && url.password().is_none();
    if media_id.is_empty() || !plain {
        return None;
    }
    url.set_fragment(None);
    Some((media_id.to_owned(), url))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::{BodyStream, RequestBody};

    const UPLOAD: &str = "https://pinterest-media-upload.s3-accelerate.amazonaws.com/";

    fn answer(status: u16, body: serde_json::Value) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body: body.to_string().into_bytes(),
        }
    }

    fn registered(url: &str) -> Response {
        answer(
            201,
            serde_json::json!({"media_id": "12345", "media_type": "video", "upload_url": url,
                "upload_parameters": {"key": "uploads/1"}}),
        )
    }

    fn upload(method: Method, url: &str, with_content: bool) -> OutgoingRequest {
        let mut request = OutgoingRequest::new(method, url);
        if with_content {
            let mut stream = BodyStream::new();
            stream.push_content("video", Box::new(&b"v"[..]), 1);
            request.body = RequestBody::Stream(stream);
        }
        request
    }

    fn claim(grants: &UploadGrants, request: &OutgoingRequest) -> Result<String, String> {
        grants
            .claim(request, "refused".to_owned())
            .map(String::from)
    }

    #[test]
    fn a_register_answer_grants_one_upload_to_its_url() {
        let grants = UploadGrants::new(DEFAULT_WINDOW);
        grants.grant_from(&registered(UPLOAD));
        let post = upload(Method::Post, UPLOAD, true);
        assert_eq!(claim(&grants, &post).as_deref(), Ok(UPLOAD));
        assert_eq!(claim(&grants, &post), Err("refused".to_owned()));
    }

    #[test]
    fn only_the_exact_url_is_granted() {
        let grants = UploadGrants::new(DEFAULT_WINDOW);
        grants.grant_from(&registered("https://upload.example/bucket?x=1"));
        for other in [
            "https://upload.example/bucket",
            "https://upload.example/bucket?x=2",
            "https://upload.example/other?x=1",
            "https://upload.example:8443/bucket?x=1",
            "http://upload.example/bucket?x=1",
            "https://uploads.example/bucket?x=1",
        ] {
            assert!(
                claim(&grants, &upload(Method::Post, other, true)).is_err(),
                "{other}"
            );
        }
        // Spelled differently, read the same: the same URL.
        let same = upload(
            Method::Post,
            "HTTPS://Upload.Example:443/bucket?x=1#f",
            true,
        );
        assert_eq!(
            claim(&grants, &same).as_deref(),
            Ok("https://upload.example/bucket?x=1")
        );
    }

    #[test]
    fn the_grant_is_for_a_post_carrying_host_content() {
        let grants = UploadGrants::new(DEFAULT_WINDOW);
        grants.grant_from(&registered(UPLOAD));
        let why = claim(&grants, &upload(Method::Post, UPLOAD, false)).unwrap_err();
        assert!(
            why.contains(
                "takes one POST whose body carries host content, not a POST without host content"
            ),
            "{why}"
        );
        assert!(why.contains("media \"12345\""), "{why}");
        assert!(claim(&grants, &upload(Method::Put, UPLOAD, true)).is_err());
        // Neither spent it.
        assert!(claim(&grants, &upload(Method::Post, UPLOAD, true)).is_ok());
    }

    #[test]
    fn a_grant_expires_after_its_window() {
        let grants = UploadGrants::new(Duration::ZERO);
        grants.grant_from(&registered(UPLOAD));
        assert!(claim(&grants, &upload(Method::Post, UPLOAD, true)).is_err());
    }

    #[test]
    fn answers_that_are_not_a_registration_grant_nothing() {
        let grants = UploadGrants::new(DEFAULT_WINDOW);
        for answer in [
            answer(
                400,
                serde_json::json!({"media_id": "1", "upload_url": UPLOAD}),
            ),
            answer(200, serde_json::json!({"upload_url": UPLOAD})),
            answer(
                200,
                serde_json::json!({"media_id": "", "upload_url": UPLOAD}),
            ),
            answer(
                200,
                serde_json::json!({"media_id": 1, "upload_url": UPLOAD}),
            ),
            answer(
                200,
                serde_json::json!({"media_id": "1", "upload_url": "ftp://upload.example/"}),
            ),
            answer(
                200,
                serde_json::json!({"media_id": "1", "upload_url": "https://u:p@upload.example/"}),
            ),
            answer(
                200,
                serde_json::json!({"media_id": "1", "upload_url": "/relative"}),
            ),
            answer(
                200,
                serde_json::json!([{"media_id": "1", "upload_url": UPLOAD}]),
            ),
            answer(
                200,
                serde_json::json!({"media_id": "1", "upload_url": UPLOAD, "pad": "x".repeat(MAX_ANSWER_BYTES)}),
            ),
        ] {
            grants.grant_from(&answer);
        }
        assert!(claim(&grants, &upload(Method::Post, UPLOAD, true)).is_err());
    }

    #[test]
    fn registering_is_a_post_to_v5_media() {
        let url = |u: &str| Url::parse(u).unwrap();
        assert!(UploadGrants::registers(
            Method::Post,
            &url("https://api.pinterest.com/v5/media")
        ));
        assert!(UploadGrants::registers(
            Method::Post,
            &url("http://127.0.0.1:8080/proxy/v5/media")
        ));
        assert!(!UploadGrants::registers(
            Method::Get,
            &url("https://api.pinterest.com/v5/media")
        ));
        assert!(!UploadGrants::registers(
            Method::Post,
            &url("https://api.pinterest.com/v5/media/123")
        ));
        assert!(!UploadGrants::registers(
            Method::Post,
            &url("https://api.pinterest.com/v5/pins")
        ));
    }

    #[test]
    fn outstanding_grants_are_capped() {
        let grants = UploadGrants::new(DEFAULT_WINDOW);
        for i in 0..=MAX_GRANTS {
            grants.grant_from(&registered(&format!("https://upload.example/{i}")));
        }
        let first = upload(Method::Post, "https://upload.example/0", true);
        assert!(claim(&grants, &first).is_err());
        let last = upload(
            Method::Post,
            &format!("https://upload.example/{MAX_GRANTS}"),
            true,
        );
        assert!(claim(&grants, &last).is_ok());
    }
}
