//! The contract's data types (the spec's schemas), shared by the service layer and the HTTP layer.
pub use crate::api::generated::schemas;
