// @generated from api-spec/minimost.yaml by `cargo xtask codegen`.
// DO NOT EDIT: change the spec (or the generator in xtask/src/codegen/) and regenerate.

//! The contract's data types (the spec's schemas), shared by the service layer and the HTTP layer.
pub mod schemas;
