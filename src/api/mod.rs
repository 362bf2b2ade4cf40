//! The HTTP layer: generated routes and types (`generated`), the HTTP plumbing they rely on (`http`),
//! and one hand-written handler module per OpenAPI tag.
pub mod auth;
pub mod avatars;
pub mod channels;
pub mod dms;
pub mod docs;
pub mod error;
pub mod events;
pub mod files;
pub mod generated;
pub mod guard;
pub mod http;
pub mod limits;
pub mod link_previews;
pub mod messages;
pub mod operations;
pub mod pins;
pub mod presence;
pub mod private_channels;
pub mod reactions;
pub mod receipts;
pub mod scrape;
pub mod session;
pub mod settings;
pub mod users;
pub mod web;

use std::ops::Deref;
use std::sync::Arc;

use crate::service::Services;
use http::body::{BodyClass, BodyLimits};

/// The state every handler receives: the services, and what only HTTP needs.
#[derive(Clone)]
pub struct Api {
    pub services: Services,
    /// Sign and verify the session and form-token cookies.
    pub keys: Arc<session::Keys>,
    /// Rate limits on writes (per client address and per user).
    pub limits: Arc<limits::RateLimits>,
}

/// Handlers pass `api` wherever a service wants `&Services`.
impl Deref for Api {
    type Target = Services;

    fn deref(&self) -> &Services {
        &self.services
    }
}

impl Api {
    /// What a body of the class may hold. Bodies with files are allowed a little above the file
    /// limit, so that an oversized attachment gets the specific "file too large" answer rather than
    /// a generic one (Q24); all the files of one request share that allowance.
    pub fn body_limits(&self, class: BodyClass) -> BodyLimits {
        const ROOM_FOR_OTHER_PARTS: u64 = 1024 * 1024;
        let settings = &self.settings;
        match class {
            BodyClass::Anonymous => BodyLimits { bytes: settings.max_anonymous_body_bytes(), files: 0 },
            BodyClass::Form => BodyLimits { bytes: settings.max_request_body_bytes(), files: 0 },
            BodyClass::Upload => BodyLimits {
                bytes: settings.max_upload_bytes().saturating_add(ROOM_FOR_OTHER_PARTS),
                files: settings.max_files_per_message,
            },
            BodyClass::Avatar => {
                BodyLimits { bytes: settings.max_avatar_bytes().saturating_add(ROOM_FOR_OTHER_PARTS), files: 1 }
            }
        }
    }
}
