//! What a WASI host reports, in the connector's `http-error`: timeouts as
//! `timeout`, policy refusals as `denied`, everything else as `transport`
//! with a short description. Texts the host wrote pass through the
//! request's [`Redactor`](crate::Redactor).

use wasi::http::types::ErrorCode;

use super::bindings::exports::pinterest::connector::http::HttpError;
use crate::Redactor;

/// `code` as the connector's `http-error`.
pub fn http_error(code: ErrorCode, redactor: &Redactor) -> HttpError {
    use ErrorCode as E;
    let text = match code {
        E::DnsTimeout
        | E::ConnectionTimeout
        | E::ConnectionReadTimeout
        | E::ConnectionWriteTimeout
        | E::HttpResponseTimeout => return HttpError::Timeout,
        E::HttpRequestDenied => {
            return HttpError::Denied(
                "the WASI host's outgoing HTTP policy refused the request".to_owned(),
            );
        }
        E::DestinationIpProhibited => {
            return HttpError::Denied(
                "the WASI host refuses requests to this destination address".to_owned(),
            );
        }
        E::DnsError(payload) => match payload.rcode {
            Some(rcode) => format!("DNS lookup failed ({rcode})"),
            None => "DNS lookup failed".to_owned(),
        },
        E::DestinationNotFound => "the destination host was not found".to_owned(),
        E::DestinationUnavailable => "the destination is unavailable".to_owned(),
        E::DestinationIpUnroutable => "the destination address is unroutable".to_owned(),
        E::ConnectionRefused => "connection refused".to_owned(),
        E::ConnectionTerminated => "the connection was closed before the exchange ended".to_owned(),
        E::ConnectionLimitReached => "the WASI host's connection limit was reached".to_owned(),
        E::TlsProtocolError => "TLS protocol error".to_owned(),
        E::TlsCertificateError => "the server's TLS certificate was rejected".to_owned(),
        E::TlsAlertReceived(alert) => match alert.alert_message {
            Some(message) => format!("the server sent a TLS alert: {message}"),
            None => "the server sent a TLS alert".to_owned(),
        },
        E::HttpRequestBodySize(_) => "the request body did not match its content-length".to_owned(),
        E::HttpResponseIncomplete => "the response ended before it was complete".to_owned(),
        E::HttpProtocolError => "HTTP protocol error".to_owned(),
        E::InternalError(Some(message)) => format!("the WASI host's HTTP client failed: {message}"),
        E::InternalError(None) => "the WASI host's HTTP client failed".to_owned(),
        other => format!("the WASI host's HTTP client reported {other:?}"),
    };
    HttpError::Transport(redactor.redact(&text))
}
