//! Rules as pure functions: no I/O, so they are tested directly and by property tests.
pub mod accounts;
pub mod channel;
pub mod cluster;
pub mod conditional;
pub mod credentials;
pub mod lockout;
pub mod mentions;
pub mod messages;
pub mod presence;
pub mod private_channels;
pub mod profile;
pub mod reactions;
pub mod reads;
pub mod search;
pub mod timestamps;
