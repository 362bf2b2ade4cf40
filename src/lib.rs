//! Minimost: a self-hosted team chat server implementing the MiniMost HTTP API.
pub mod admin;
pub mod api;
pub mod app;
pub mod backup;
pub mod config;
pub mod contract;
pub mod domain;
pub mod events;
pub mod import;
pub mod maintenance;
pub mod metrics;
pub mod net;
pub mod outbound;
pub mod presence;
pub mod relay;
pub mod server;
pub mod service;
pub mod store;
pub mod stun;
pub mod uploads;
pub mod web;

pub use app::App;
pub use config::{Config, Settings};
