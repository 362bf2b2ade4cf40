//! The route suite: every operation the served OpenAPI document lists answers an unauthenticated
//! caller with one of the statuses documented for it — so every route exists, is guarded as
//! documented, and nothing undocumented (404, 405, 5xx) comes back.
use serde_json::Value;

use crate::target::Target;
use crate::Outcome;

/// A concrete value for each path parameter, valid in form so routing does not reject it.
fn example_path(template: &str) -> String {
    template
        .replace("{channel}", "general")
        .replace("{msg_id}", "1")
        .replace("{username}", "conformance-nobody")
        .replace("{filename}", "0123456789abcdef0123456789abcdef.png")
        .replace("{channel_id}", "1")
}

pub async fn run(target: &Target) -> anyhow::Result<Vec<Outcome>> {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build()?;
    let document: Value = client.get(target.url("/api/openapi.json")).send().await?.error_for_status()?.json().await?;
    let paths = document["paths"].as_object().ok_or_else(|| anyhow::anyhow!("the document has no paths"))?;
    let mut outcomes = Vec::new();
    for (template, item) in paths {
        let Some(item) = item.as_object() else { continue };
        for (method, operation) in item {
            let Ok(http_method) = reqwest::Method::from_bytes(method.to_ascii_uppercase().as_bytes()) else { continue };
            let name = format!("{} {template} ({})", http_method, operation["operationId"].as_str().unwrap_or("?"));
            let documented: Vec<u16> = operation["responses"]
                .as_object()
                .map(|responses| responses.keys().filter_map(|status| status.parse().ok()).collect())
                .unwrap_or_default();
            let response = client.request(http_method, target.url(&example_path(template))).send().await?;
            let status = response.status().as_u16();
            let failure = (!documented.contains(&status))
                .then(|| format!("answered {status}, documented: {documented:?}"));
            outcomes.push(Outcome { name, failure });
        }
    }
    if outcomes.is_empty() {
        anyhow::bail!("the document lists no operations");
    }
    Ok(outcomes)
}
