//! Handler of the `link_previews` operation.
use super::error::ApiError;
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::Api;
use crate::contract::schemas;

pub async fn link_preview(
    api: &Api,
    _ctx: RequestContext,
    input: LinkPreviewInput,
) -> Result<LinkPreviewResponse, ApiError> {
    let preview = api.link_previews.preview(input.url.as_deref()).await;
    let body = match preview.card {
        Some(card) => schemas::LinkPreview {
            r#type: Some("og".into()),
            title: Some(card.title),
            description: Some(card.description),
            image: Some(card.image.unwrap_or_default()),
            domain: Some(card.domain),
            url: Some(card.url),
        },
        None => {
            schemas::LinkPreview { r#type: None, title: None, description: None, image: None, domain: None, url: None }
        }
    };
    let outcome = preview.outcome.as_str();
    let header = if preview.cached { format!("{outcome}; cached") } else { outcome.to_owned() };
    Ok(LinkPreviewResponse::Ok { body, x_link_preview: Some(header) })
}
