// @generated from api-spec/minimost.yaml by `cargo xtask codegen`.
// DO NOT EDIT: change the spec (or the generator in xtask/src/codegen/) and regenerate.

//! Generated from the OpenAPI spec: schema types, operation inputs and responses, the `Handlers`
//! trait, its implementation for `Api`, the warp filters, the route table and the served document.
pub mod dispatch;
pub mod filters;
pub mod handlers;
pub mod openapi;
pub mod operations;
pub mod routes;
pub mod schemas;
