//! Media uploads: registering one (`POST /v5/media`, answered with an
//! S3-style upload URL and form fields), its status as it moves from
//! `registered` through `processing` to `succeeded` (or `failed`), and the
//! account's uploads with bookmarks.

use base64::Engine as _;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::fields::optional_string;
use super::model::MediaUpload;
use super::paging;
use super::pins::media_not_found;
use super::reply::Reply;
use super::routes::Call;
use super::state::Shared;
use super::{MediaStatus, utc};

/// How long an upload's policy is valid, in seconds.
pub(crate) const POLICY_SECONDS: u64 = 3600;
/// Largest file the upload policy allows (2 GiB, Pinterest's video limit).
pub(crate) const MAX_UPLOAD_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// The bucket the upload URL stands for.
const BUCKET: &str = "pinterest-media-upload";

fn media_json(media: &MediaUpload) -> Value {
    json!({
        "media_id": media.media_id,
        "media_type": "video",
        "status": media.status.as_str(),
    })
}

/// Hex SHA-256 of `parts`, for the generated secrets and names.
fn digest(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The `upload_parameters` for media `id`, in the order a client sends them.
fn upload_parameters(id: &str, now: u64) -> Vec<(String, String)> {
    let seed = digest(&[id, &now.to_string()]);
    let key = format!(
        "uploads/{}/{}/{}/1125899906842624:video:{id}:{}",
        &seed[0..2],
        &seed[2..4],
        &seed[4..6],
        u64::from_str_radix(&seed[6..21], 16).unwrap_or_default()
    );
    let date = utc::amz(now);
    let credential = format!(
        "ASIASTANDIN{}/{}/us-east-1/s3/aws4_request",
        seed[21..30].to_ascii_uppercase(),
        &date[..8]
    );
    let token = base64::engine::general_purpose::STANDARD.encode(digest(&[&seed, "token"]));
    let fields = [
        ("key", key.as_str()),
        ("Content-Type", "multipart/form-data"),
        ("x-amz-algorithm", "AWS4-HMAC-SHA256"),
        ("x-amz-credential", credential.as_str()),
        ("x-amz-date", date.as_str()),
        ("x-amz-security-token", token.as_str()),
    ];
    let mut conditions: Vec<Value> = vec![json!({ "bucket": BUCKET })];
    conditions.extend(fields.iter().map(|(n, v)| json!({ *n: v })));
    conditions.push(json!(["content-length-range", 1, MAX_UPLOAD_BYTES]));
    let policy = base64::engine::general_purpose::STANDARD.encode(
        json!({
            "expiration": utc::rfc3339(now + POLICY_SECONDS),
            "conditions": conditions,
        })
        .to_string(),
    );
    let signature = digest(&[&policy, &seed, "signature"]);
    let mut parameters: Vec<(String, String)> = fields
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    parameters.insert(1, ("policy".to_owned(), policy));
    parameters.push(("x-amz-signature".to_owned(), signature));
    parameters
}

/// `POST /v5/media`: `media_type` must be `video`. Answers 201 with
/// `media_id`, `upload_url` (the upload listener) and `upload_parameters`.
pub(crate) fn create(shared: &Shared, call: &Call) -> Reply {
    let body = match call.request.json_object("MediaUploadCreate") {
        Ok(body) => body,
        Err(reply) => return reply,
    };
    if let Err(message) = media_type(&body) {
        return Reply::invalid(&message);
    }
    let now = shared.clock.now_seconds();
    let mut data = shared.lock();
    let (media_id, seq) = data.next_media_id();
    let parameters = upload_parameters(&media_id, now);
    let answer = json!({
        "media_id": media_id,
        "media_type": "video",
        "upload_url": data.upload_url,
        "upload_parameters": parameters
            .iter()
            .map(|(n, v)| (n.clone(), Value::from(v.as_str())))
            .collect::<Map<String, Value>>(),
    });
    data.media.push(MediaUpload {
        media_id,
        seq,
        environment: call.request.environment,
        status: MediaStatus::Registered,
        parameters,
        expires_unix: now + POLICY_SECONDS,
        polls_left: shared.settings.media_processing_polls,
        fails: shared.settings.fail_media,
    });
    Reply::json(201, &answer)
}

fn media_type(body: &Map<String, Value>) -> Result<(), String> {
    match optional_string(body, "media_type", "media_type")?.as_deref() {
        None => Err("'media_type' is a required property".to_owned()),
        Some("video") => Ok(()),
        Some(other) => Err(format!(
            "'media_type' value '{other}' is not one of ['video']"
        )),
    }
}

/// `GET /v5/media/{media_id}`. Each poll of an upload that is
/// `processing` uses up one of its processing polls; once they are spent
/// it is `succeeded` (or `failed`).
pub(crate) fn get(shared: &Shared, call: &Call) -> Reply {
    let media_id = call.param("media_id");
    let mut data = shared.lock();
    let Some(media) = data.media.iter_mut().find(|m| m.media_id == media_id) else {
        return media_not_found(media_id);
    };
    if media.status == MediaStatus::Processing {
        if media.polls_left > 0 {
            media.polls_left -= 1;
        } else if media.fails {
            media.status = MediaStatus::Failed;
        } else {
            media.status = MediaStatus::Succeeded;
        }
    }
    Reply::json(200, &media_json(media))
}

/// `GET /v5/media`: the account's uploads, newest first.
pub(crate) fn list(shared: &Shared, call: &Call) -> Reply {
    let page_size = match paging::page_size(call.request) {
        Ok(size) => size,
        Err(reply) => return reply,
    };
    let before = match paging::read_bookmark(call.request, "media") {
        Ok(None) => u64::MAX,
        Ok(Some(position)) => match position.parse::<u64>() {
            Ok(seq) => seq,
            Err(_) => return Reply::invalid("Invalid bookmark."),
        },
        Err(reply) => return reply,
    };
    let data = shared.lock();
    let rest: Vec<&MediaUpload> = data.media.iter().rev().filter(|m| m.seq < before).collect();
    let page = &rest[..page_size.min(rest.len())];
    let bookmark = (rest.len() > page.len())
        .then(|| page.last())
        .flatten()
        .map(|last| paging::write_bookmark("media", &last.seq.to_string()));
    let items = page.iter().map(|m| media_json(m)).collect();
    Reply::json(200, &paging::page(items, bookmark))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_parameters_are_the_s3_fields_with_a_policy_naming_them() {
        let parameters = upload_parameters("5212123920968240001", 1_665_625_229);
        let names: Vec<&str> = parameters.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "key",
                "policy",
                "Content-Type",
                "x-amz-algorithm",
                "x-amz-credential",
                "x-amz-date",
                "x-amz-security-token",
                "x-amz-signature"
            ]
        );
        let policy = base64::engine::general_purpose::STANDARD
            .decode(&parameters[1].1)
            .unwrap();
        let policy: Value = serde_json::from_slice(&policy).unwrap();
        assert_eq!(policy["expiration"], "2022-10-13T02:40:29Z");
        assert!(policy["conditions"].to_string().contains(&parameters[0].1));
        assert_eq!(parameters[5].1, "20221013T014029Z");
        assert!(
            parameters[4]
                .1
                .contains("/20221013/us-east-1/s3/aws4_request")
        );
    }
}
