// @generated from api-spec/minimost.yaml by `cargo xtask codegen`.
// DO NOT EDIT: change the spec (or the generator in xtask/src/codegen/) and regenerate.

//! Generated from the OpenAPI spec: operation inputs and responses, and the route table whose
//! adapters call the handlers (`crate::api::<tag>::<operation>`). The schemas' types are in
//! `crate::contract::schemas`.
pub mod operations;
pub mod routes;
