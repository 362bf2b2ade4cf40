//! The contract: `api-spec/minimost.yaml`, compiled into the harness (a deployment is judged against
//! our document, not against whatever document it serves). Finds the operation of a request and
//! checks a response's status, media type and body against what that operation documents.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use anyhow::{anyhow, Context};
use serde_json::Value;

const DOCUMENT: &str = include_str!("../../api-spec/minimost.yaml");

pub struct Contract {
    document: Value,
    operations: Vec<Operation>,
    validators: Mutex<HashMap<String, Arc<jsonschema::Validator>>>,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub id: String,
    pub method: String,
    pub template: String,
    segments: Vec<Segment>,
}

#[derive(Debug, Clone)]
enum Segment {
    Literal(String),
    Parameter,
}

impl Operation {
    fn matches(&self, method: &str, path: &str) -> bool {
        let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        self.method.eq_ignore_ascii_case(method)
            && parts.len() == self.segments.len()
            && self.segments.iter().zip(&parts).all(|(segment, part)| match segment {
                Segment::Literal(literal) => literal == part,
                Segment::Parameter => !part.is_empty(),
            })
    }

    fn literal_segments(&self) -> usize {
        self.segments.iter().filter(|s| matches!(s, Segment::Literal(_))).count()
    }
}

/// What one response broke of the contract.
pub type Violation = String;

impl Contract {
    pub fn load() -> anyhow::Result<Contract> {
        let document: Value = serde_norway::from_str(DOCUMENT).context("parse api-spec/minimost.yaml")?;
        let mut operations = Vec::new();
        let paths = document["paths"].as_object().ok_or_else(|| anyhow!("the document has no paths"))?;
        for (template, item) in paths {
            let Some(item) = item.as_object() else { continue };
            for (method, operation) in item {
                let Some(id) = operation["operationId"].as_str() else { continue };
                let segments =
                    template
                        .trim_start_matches('/')
                        .split('/')
                        .map(|part| {
                            if part.starts_with('{') {
                                Segment::Parameter
                            } else {
                                Segment::Literal(part.to_string())
                            }
                        })
                        .collect();
                operations.push(Operation {
                    id: id.to_string(),
                    method: method.to_ascii_uppercase(),
                    template: template.clone(),
                    segments,
                });
            }
        }
        Ok(Contract { document, operations, validators: Mutex::new(HashMap::new()) })
    }

    pub fn operations(&self) -> &[Operation] {
        &self.operations
    }

    /// The operation serving `method path` (path without query); literal segments win over
    /// parameters, as in the router (`/private_channels/create` is not a channel id).
    pub fn operation_for(&self, method: &str, path: &str) -> Option<&Operation> {
        let method = if method.eq_ignore_ascii_case("HEAD") { "GET" } else { method };
        self.operations
            .iter()
            .filter(|operation| operation.matches(method, path))
            .max_by_key(|operation| operation.literal_segments())
    }

    /// Checks one response against the operation's documented responses. `body` is the raw text
    /// (binary bodies are not passed through here: only their media type is checked).
    pub fn check(
        &self,
        operation: &Operation,
        status: u16,
        content_type: Option<&str>,
        body: Option<&str>,
    ) -> Vec<Violation> {
        let pointer = format!(
            "/paths/{}/{}/responses",
            escape_pointer(&operation.template),
            operation.method.to_ascii_lowercase()
        );
        let responses = self.document.pointer(&pointer);
        let Some((response_pointer, response)) = responses.and_then(|all| {
            let key = status.to_string();
            all.get(&key).map(|r| (format!("{pointer}/{key}"), r))
        }) else {
            let documented: Vec<String> =
                responses.and_then(Value::as_object).map(|all| all.keys().cloned().collect()).unwrap_or_default();
            return vec![format!("status {status} is not documented (documented: {})", documented.join(", "))];
        };
        let (response_pointer, response) = self.resolve(response_pointer, response);
        let Some(content) = response.get("content").and_then(Value::as_object) else {
            // A documented body-less answer: whatever small text a server adds is not checked.
            return Vec::new();
        };
        let media_type = content_type.map(|value| value.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
        let Some(media_type) = media_type.filter(|m| !m.is_empty()) else {
            return vec![format!("status {status} must carry a body of type {}", keys(content))];
        };
        let Some((documented_type, _)) = content.iter().find(|(documented, _)| media_matches(documented, &media_type))
        else {
            return vec![format!("status {status} answered {media_type}, documented: {}", keys(content))];
        };
        let Some(body) = body else { return Vec::new() };
        let instance = if media_type == "application/json" || media_type.ends_with("+json") {
            match serde_json::from_str::<Value>(body) {
                Ok(value) => value,
                Err(err) => return vec![format!("status {status}: body is not JSON ({err})")],
            }
        } else if media_type.starts_with("text/") && media_type != "text/event-stream" {
            Value::String(body.to_string())
        } else {
            return Vec::new();
        };
        let schema_pointer = format!("{response_pointer}/content/{}/schema", escape_pointer(documented_type));
        if self.document.pointer(&schema_pointer).is_none() {
            return Vec::new();
        }
        match self.validator(&schema_pointer) {
            Ok(validator) => validator
                .iter_errors(&instance)
                .take(5)
                .map(|error| format!("status {status} body at `{}`: {error}", error.instance_path()))
                .collect(),
            Err(err) => vec![format!("the schema at {schema_pointer} does not compile: {err:#}")],
        }
    }

    /// Follows a `$ref` to `#/components/responses/...` (one level is all the document uses).
    fn resolve<'a>(&'a self, pointer: String, response: &'a Value) -> (String, &'a Value) {
        match response.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
            Some(target) => match self.document.pointer(target) {
                Some(resolved) => (target.to_string(), resolved),
                None => (pointer, response),
            },
            None => (pointer, response),
        }
    }

    /// A validator for the schema at `pointer`: the whole document is the root resource, so every
    /// `$ref: '#/components/schemas/...'` inside resolves as written.
    fn validator(&self, pointer: &str) -> anyhow::Result<Arc<jsonschema::Validator>> {
        let mut cache = self.validators.lock().map_err(|_| anyhow!("validator cache poisoned"))?;
        if let Some(validator) = cache.get(pointer) {
            return Ok(validator.clone());
        }
        let mut root = self.document.clone();
        if let Some(object) = root.as_object_mut() {
            let fragment = pointer.replace('{', "%7B").replace('}', "%7D");
            object.insert("$ref".to_string(), Value::String(format!("#{fragment}")));
            object.insert("$schema".to_string(), Value::String("https://json-schema.org/draft/2020-12/schema".into()));
        }
        let validator = Arc::new(
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .build(&root)
                .map_err(|err| anyhow!("{err}"))?,
        );
        cache.insert(pointer.to_string(), validator.clone());
        Ok(validator)
    }
}

fn keys(content: &serde_json::Map<String, Value>) -> String {
    content.keys().cloned().collect::<Vec<_>>().join(", ")
}

/// `image/*` documents any image type, `*/*` any type at all (a download of any file).
fn media_matches(documented: &str, actual: &str) -> bool {
    let documented = documented.to_ascii_lowercase();
    if documented == "*/*" {
        return true;
    }
    match documented.strip_suffix("/*") {
        Some(family) => actual.split('/').next() == Some(family),
        None => documented == actual,
    }
}

/// RFC 6901: `~` and `/` inside one pointer token.
fn escape_pointer(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_media_types_document_their_family_or_everything() {
        assert!(media_matches("image/*", "image/png"));
        assert!(!media_matches("image/*", "text/plain"));
        assert!(media_matches("*/*", "application/pdf"));
        assert!(media_matches("*/*", "text/plain"));
        assert!(media_matches("text/plain", "text/plain"));
        assert!(!media_matches("text/plain", "text/html"));
    }

    #[test]
    fn finds_operations_preferring_literals() {
        let contract = Contract::load().unwrap();
        assert_eq!(contract.operation_for("POST", "/private_channels/create").unwrap().id, "create_private_channel");
        assert_eq!(contract.operation_for("GET", "/messages/general").unwrap().id, "list_messages");
        assert!(contract.operation_for("PUT", "/messages/general").is_none());
    }

    #[test]
    fn checks_bodies_against_schemas() {
        let contract = Contract::load().unwrap();
        let op = contract.operation_for("GET", "/channels").unwrap().clone();
        assert!(contract.check(&op, 200, Some("application/json"), Some(r#"["general"]"#)).is_empty());
        assert!(!contract.check(&op, 200, Some("application/json"), Some(r#"[1]"#)).is_empty());
        assert!(!contract.check(&op, 418, Some("application/json"), Some("[]")).is_empty());
        assert!(!contract.check(&op, 200, Some("text/html"), Some("[]")).is_empty());
    }
}
