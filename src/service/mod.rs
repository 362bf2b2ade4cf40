//! The service layer: what the server does, independent of HTTP. Handlers call one service function
//! per request; services own transactions, access decisions, event publishing and file storage.
//!
//! Services may use the store, the domain rules, the event bus, presence, uploads and the contract's
//! schemas (the shapes of answers and events); never `crate::api` nor HTTP types.
//!
//! Conventions: a service function takes `&Services`, then the caller ([`CurrentUser`]), then the
//! request's values. It fails with [`Error`] (a refused conversation is [`Error::Denied`]); an
//! operation that can also refuse for reasons of its own returns [`Failure`] of an enum of them,
//! which the handler maps to the operation's documented answers.
pub mod access;
pub mod accounts;
pub mod admin_accounts;
pub mod avatars;
mod caller;
pub mod changes;
pub mod cluster;
pub mod deletion;
mod denied;
pub mod dms;
mod error;
pub mod events;
pub mod files;
pub mod hashing;
pub mod health;
pub mod history;
pub mod link_previews;
pub mod mentions;
pub mod messages;
pub mod password_resets;
pub mod pins;
pub mod presence;
pub mod private_channels;
pub mod reactions;
pub mod reads;
pub mod retention;
pub mod sending;
pub mod sessions;
pub mod settings;
pub mod signing;
pub mod signing_keys;
pub mod users;

use std::sync::Arc;

pub use caller::CurrentUser;
pub use denied::Denied;
pub use error::{refuse, Error, Failure};

use crate::config::Settings;
use crate::presence::PresenceStore;
use crate::relay::Relay;
use crate::store::Store;
use crate::uploads::Uploads;

/// Everything a service call works with: one per server, cheap to clone.
#[derive(Clone)]
pub struct Services {
    pub store: Store,
    pub settings: Arc<Settings>,
    /// Message attachments (`<data_dir>/uploads`, or the database on PostgreSQL).
    pub uploads: Uploads,
    /// Profile pictures (`<data_dir>/avatars`, or the database on PostgreSQL).
    pub avatars: Uploads,
    /// Live events: this node's streams, and on a cluster the other nodes'.
    pub events: Relay,
    /// Presence and typing (in memory; on a cluster each node's copy hears the others' writes).
    pub presence: Arc<dyn PresenceStore>,
    /// The bounded pool every password hash of a request goes through.
    pub hashing: hashing::PasswordHashing,
    /// The conditions `GET /readyz` reports (see [`health`]).
    pub readiness: health::Readiness,
    /// Link previews: the guarded fetcher and its cache.
    pub link_previews: link_previews::LinkPreviews,
}
