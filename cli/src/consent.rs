//! Playing the browser on a consent page that approves at once (the
//! stand-in's): fetch the URL, take its redirect, read `code` and `state`,
//! and optionally deliver the redirect to its target.

use std::time::Duration;

use url::Url;

/// Where the consent page redirected to, and what it carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    /// The full redirect target.
    pub location: String,
    /// The `code` parameter.
    pub code: Option<String>,
    /// The `state` parameter.
    pub state: Option<String>,
    /// The `error` parameter, if the page refused.
    pub error: Option<String>,
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

/// Opens `authorize_url` and returns its redirect; the error carries the
/// page's text when it answers without redirecting.
pub fn follow(authorize_url: &str) -> Result<Consent, String> {
    let mut response = agent()
        .get(authorize_url)
        .call()
        .map_err(|e| format!("could not open the consent page: {e}"))?;
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let Some(location) = location.filter(|_| (300..400).contains(&status)) else {
        let body = response.body_mut().read_to_string().unwrap_or_default();
        return Err(format!(
            "the consent page answered {status} without a redirect: {}",
            strip_tags(&body)
        ));
    };
    let url = Url::parse(&location).map_err(|e| format!("bad redirect {location}: {e}"))?;
    let param = |name: &str| {
        url.query_pairs()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.into_owned())
    };
    Ok(Consent {
        code: param("code"),
        state: param("state"),
        error: param("error"),
        location,
    })
}

/// Page text without markup, whitespace collapsed.
fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
