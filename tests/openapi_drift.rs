//! The spec cannot drift from the code: the document the server serves equals `api-spec/minimost.yaml`
//! (both read through utoipa's model and normalised), its JSON is snapshotted, and every operation of
//! the spec is in the route table.
use std::collections::BTreeSet;

use minimost::api::docs::openapi;
use minimost::api::generated::routes::ROUTES;
use serde_json::{Map, Value};

const SPEC_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/api-spec/minimost.yaml");

fn spec_value() -> Value {
    let text = std::fs::read_to_string(SPEC_PATH).expect("read api-spec/minimost.yaml");
    serde_norway::from_str(&text).expect("api-spec/minimost.yaml is YAML")
}

/// Replaces `$ref`s into `components.{parameters,requestBodies,headers,examples}` by their targets and
/// drops those sections: utoipa's model has no place for such refs, so the served document inlines them.
fn inline_component_refs(root: &Value, value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                let inlined = ["parameters", "requestBodies", "headers", "examples"]
                    .iter()
                    .any(|kind| reference.starts_with(&format!("#/components/{kind}/")));
                if inlined {
                    let target = root
                        .pointer(reference.trim_start_matches('#'))
                        .unwrap_or_else(|| panic!("dangling $ref {reference}"));
                    return inline_component_refs(root, target);
                }
            }
            let mut out = Map::new();
            for (key, item) in map {
                out.insert(key.clone(), inline_component_refs(root, item));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(|item| inline_component_refs(root, item)).collect()),
        other => other.clone(),
    }
}

/// Normal form for comparison: `required` lists are sets (sorted); object key order never matters.
fn normalise(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                if key == "required" {
                    if let Value::Array(names) = item {
                        if names.iter().all(Value::is_string) {
                            names.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
                        }
                    }
                }
                normalise(item);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalise),
        _ => {}
    }
}

/// Keys that instruct the generator and are never served (api-spec/README.md).
const GENERATOR_DIRECTIVES: &[&str] = &["x-handler-checks-presence"];

fn without_generator_directives(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|key, _| !GENERATOR_DIRECTIVES.contains(&key.as_str()));
            map.values_mut().for_each(without_generator_directives);
        }
        Value::Array(items) => items.iter_mut().for_each(without_generator_directives),
        _ => {}
    }
}

/// The spec as utoipa reads it, as JSON.
fn spec_through_utoipa() -> Value {
    let mut raw = spec_value();
    without_generator_directives(&mut raw);
    let mut inlined = inline_component_refs(&raw, &raw);
    if let Some(components) = inlined.get_mut("components").and_then(Value::as_object_mut) {
        for kind in ["parameters", "requestBodies", "headers", "examples"] {
            components.remove(kind);
        }
    }
    let parsed: utoipa::openapi::OpenApi =
        serde_json::from_value(inlined).expect("api-spec/minimost.yaml parses as a utoipa OpenApi");
    serde_json::to_value(parsed).expect("serialise the spec")
}

fn served() -> Value {
    serde_json::to_value(openapi()).expect("serialise the served document")
}

/// JSON-pointer paths where the two values differ (at most `limit`).
fn differences(a: &Value, b: &Value, path: &str, out: &mut Vec<String>, limit: usize) {
    if out.len() >= limit || a == b {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for key in keys {
                let p = format!("{path}/{}", key.replace('~', "~0").replace('/', "~1"));
                match (x.get(key), y.get(key)) {
                    (Some(u), Some(v)) => differences(u, v, &p, out, limit),
                    (Some(u), None) => out.push(format!("{p}: only served: {u}")),
                    (None, Some(v)) => out.push(format!("{p}: only in the spec: {v}")),
                    (None, None) => {}
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (u, v)) in x.iter().zip(y).enumerate() {
                differences(u, v, &format!("{path}/{i}"), out, limit);
            }
        }
        _ => out.push(format!("{path}: served {a} but the spec says {b}")),
    }
}

#[test]
fn served_document_equals_the_spec() {
    let mut served = served();
    let mut spec = spec_through_utoipa();
    normalise(&mut served);
    normalise(&mut spec);
    let mut diffs = Vec::new();
    differences(&served, &spec, "", &mut diffs, 40);
    assert!(
        diffs.is_empty(),
        "the served OpenAPI document differs from api-spec/minimost.yaml \
         (run `cargo xtask codegen`; see api-spec/README.md for spellings the generator supports):\n{}",
        diffs.join("\n")
    );
}

/// Rebuilds maps in key order so the snapshot is the same whether or not serde_json keeps insertion
/// order in this build.
fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let keys: BTreeSet<&String> = map.keys().collect();
            let mut out = Map::new();
            for key in keys {
                out.insert(key.clone(), sorted(&map[key]));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

#[test]
fn served_document_snapshot() {
    insta::assert_json_snapshot!("openapi", sorted(&served()));
}

#[test]
fn every_spec_operation_is_in_the_route_table_and_back() {
    let spec = spec_value();
    let mut in_spec = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("path item").keys() {
            if ["get", "put", "post", "delete", "options", "head", "patch", "trace"].contains(&method.as_str()) {
                in_spec.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    let in_routes: BTreeSet<(String, String)> =
        ROUTES.iter().map(|r| (r.method.to_owned(), r.path.to_owned())).collect();
    assert_eq!(ROUTES.len(), in_routes.len(), "ROUTES has duplicate (method, path) entries");
    let missing: Vec<_> = in_spec.difference(&in_routes).collect();
    let extra: Vec<_> = in_routes.difference(&in_spec).collect();
    assert!(missing.is_empty(), "operations of the spec missing from ROUTES: {missing:?}");
    assert!(extra.is_empty(), "ROUTES entries that are not in the spec: {extra:?}");
}
