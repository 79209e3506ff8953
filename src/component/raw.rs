//! `api-request`, between WIT and the core: the method, the query and the
//! answer.

use super::wit;
use crate::{ApiResponse, Method, QueryParam};

impl From<wit::ApiMethod> for Method {
    fn from(method: wit::ApiMethod) -> Self {
        match method {
            wit::ApiMethod::Get => Self::Get,
            wit::ApiMethod::Post => Self::Post,
            wit::ApiMethod::Put => Self::Put,
            wit::ApiMethod::Patch => Self::Patch,
            wit::ApiMethod::Delete => Self::Delete,
        }
    }
}

impl From<wit::QueryParam> for QueryParam {
    fn from(p: wit::QueryParam) -> Self {
        Self {
            name: p.name,
            value: p.value,
        }
    }
}

impl From<ApiResponse> for wit::ApiResponse {
    fn from(r: ApiResponse) -> Self {
        Self {
            status: r.status,
            headers: r
                .headers
                .into_iter()
                .map(|(name, value)| wit::ResponseHeader { name, value })
                .collect(),
            body: r.body,
        }
    }
}
