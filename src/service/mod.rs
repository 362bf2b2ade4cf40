//! The service layer: what the server does, independent of HTTP. Handlers call one service function
//! per request; services own transactions, access decisions, event publishing and file storage.
mod caller;
mod denied;

pub use caller::CurrentUser;
pub use denied::Denied;
