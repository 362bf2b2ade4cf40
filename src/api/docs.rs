//! `/api/openapi.json` (the contract, `api-spec/minimost.yaml`, read into utoipa's model) and the
//! interactive docs at `/api/docs`, whose assets are embedded so the page works offline.
use std::sync::Arc;

use warp::http::{header, HeaderValue, StatusCode};
use warp::reply::Response;
use warp::Filter;

use serde_norway::{Mapping, Value};

/// The contract, compiled in.
const SPEC: &str = include_str!("../../api-spec/minimost.yaml");

/// Keys that instruct the code generator and are never served (api-spec/README.md).
const GENERATOR_DIRECTIVES: &[&str] = &["x-handler-checks-presence"];

/// Component sections whose `$ref`s utoipa's model cannot hold: the served document inlines them.
const INLINED_COMPONENTS: &[&str] = &["parameters", "requestBodies", "headers", "examples"];

/// The served document: the contract without generator directives, with `$ref`s into
/// [`INLINED_COMPONENTS`] replaced by their targets (and those sections dropped), as utoipa reads it.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let spec: Value = serde_norway::from_str(SPEC).expect("api-spec/minimost.yaml is YAML");
    let mut served = served_form(&spec, &spec);
    if let Some(components) = served.get_mut("components").and_then(Value::as_mapping_mut) {
        for kind in INLINED_COMPONENTS {
            components.remove(*kind);
        }
        if let Some(Value::Mapping(schemas)) = components.get_mut("schemas") {
            schemas.values_mut().for_each(in_name_order);
        }
    }
    serde_norway::from_value(served).expect("api-spec/minimost.yaml is an OpenAPI document utoipa reads")
}

fn served_form(root: &Value, value: &Value) -> Value {
    match value {
        Value::Mapping(map) => {
            if let Some(target) = map.get("$ref").and_then(Value::as_str).and_then(|r| inlined_target(root, r)) {
                return served_form(root, target);
            }
            let mut out = Mapping::new();
            for (key, item) in map {
                if !key.as_str().is_some_and(|key| GENERATOR_DIRECTIVES.contains(&key)) {
                    out.insert(key.clone(), served_form(root, item));
                }
            }
            Value::Mapping(out)
        }
        Value::Sequence(items) => Value::Sequence(items.iter().map(|item| served_form(root, item)).collect()),
        other => other.clone(),
    }
}

/// A component schema's `properties` and `required` names in name order, as the document has always
/// listed them (the order of the fields of the schema's Rust type).
fn in_name_order(schema: &mut Value) {
    if let Some(Value::Mapping(properties)) = schema.get_mut("properties") {
        let mut sorted: Vec<(Value, Value)> = std::mem::take(properties).into_iter().collect();
        sorted.sort_by(|(a, _), (b, _)| a.as_str().cmp(&b.as_str()));
        properties.extend(sorted);
    }
    if let Some(Value::Sequence(required)) = schema.get_mut("required") {
        required.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    }
}

/// The target of a `#/components/<kind>/<name>` reference whose kind is inlined.
fn inlined_target<'a>(root: &'a Value, reference: &str) -> Option<&'a Value> {
    let (kind, name) = reference.strip_prefix("#/components/")?.split_once('/')?;
    if !INLINED_COMPONENTS.contains(&kind) {
        return None;
    }
    let name = name.replace("~1", "/").replace("~0", "~");
    root.get("components")?.get(kind)?.get(name.as_str())
}

/// The policy of the docs pages: Swagger UI's scripts and styles come from `/api/docs/` only, its
/// icons are `data:` images, and "Try it out" talks to this server alone. Swagger UI sets inline
/// styles, the one thing the app's own policy (`web::CONTENT_SECURITY_POLICY`) does not allow.
pub const DOCS_CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; \
     style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// The headers of every `/api/docs` answer: no framing, no sniffing, the docs policy.
fn with_docs_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(DOCS_CONTENT_SECURITY_POLICY));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    response
}

pub fn routes() -> warp::filters::BoxedFilter<(Response,)> {
    let document: Arc<Vec<u8>> =
        Arc::new(serde_json::to_vec(&openapi()).expect("the generated OpenAPI document serialises"));
    let spec = warp::path!("api" / "openapi.json").and(warp::get().or(warp::head()).unify()).map(move || {
        let mut response = Response::new(document.as_ref().clone().into());
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        response
    });

    let config = Arc::new(
        utoipa_swagger_ui::Config::new(["/api/openapi.json"])
            // The validator badge would send the document to an outside service.
            .validator_url("none")
            .try_it_out_enabled(true),
    );
    let ui = warp::path("api")
        .and(warp::path("docs"))
        .and(warp::path::full())
        .and(warp::path::tail())
        .and(warp::get().or(warp::head()).unify())
        .and_then(move |full: warp::path::FullPath, tail: warp::path::Tail| {
            let config = config.clone();
            async move {
                // Relative asset links in the page only resolve below `/api/docs/`.
                if full.as_str() == "/api/docs" {
                    let mut response = Response::new("".into());
                    *response.status_mut() = StatusCode::MOVED_PERMANENTLY;
                    response.headers_mut().insert(header::LOCATION, HeaderValue::from_static("/api/docs/"));
                    return Ok(response);
                }
                let file = utoipa_swagger_ui::serve(tail.as_str(), config)
                    .map_err(|_| warp::reject::not_found())?
                    .ok_or_else(warp::reject::not_found)?;
                let mut response = Response::new(file.bytes.into_owned().into());
                if let Ok(value) = HeaderValue::from_str(&file.content_type) {
                    response.headers_mut().insert(header::CONTENT_TYPE, value);
                }
                Ok::<_, warp::Rejection>(response)
            }
        })
        .map(with_docs_headers);
    spec.or(ui).unify().boxed()
}
