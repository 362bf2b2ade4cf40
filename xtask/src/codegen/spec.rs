//! The spec as a `serde_json::Value`, with local `$ref` resolution.
use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value;

pub struct Spec {
    pub doc: Value,
}

impl Spec {
    pub fn parse(yaml: &str) -> Result<Spec> {
        let doc: Value = serde_norway::from_str(yaml).context("parsing the spec as YAML")?;
        if !doc.is_object() {
            bail!("the spec is not a YAML mapping");
        }
        Ok(Spec { doc })
    }

    /// Follows `$ref`s (local JSON pointers only) until a non-ref value.
    pub fn resolve<'a>(&'a self, mut value: &'a Value) -> Result<&'a Value> {
        for _ in 0..32 {
            match ref_of(value) {
                Some(reference) => value = self.pointer(reference)?,
                None => return Ok(value),
            }
        }
        bail!("$ref chain too long (a cycle?)")
    }

    pub fn pointer(&self, reference: &str) -> Result<&Value> {
        let pointer =
            reference.strip_prefix('#').ok_or_else(|| anyhow!("only local $refs are supported: {reference}"))?;
        self.doc.pointer(pointer).ok_or_else(|| anyhow!("dangling $ref {reference}"))
    }

    pub fn get(&self, pointer: &str) -> Option<&Value> {
        self.doc.pointer(pointer)
    }
}

/// The `$ref` of a reference object.
pub fn ref_of(value: &Value) -> Option<&str> {
    value.get("$ref").and_then(Value::as_str)
}

/// `#/components/schemas/Name` → `Name`.
pub fn schema_ref_name(value: &Value) -> Option<&str> {
    ref_of(value).and_then(|r| r.strip_prefix("#/components/schemas/"))
}

pub fn str_field<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}
