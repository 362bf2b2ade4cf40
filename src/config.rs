//! One typed configuration from `settings.json`, CLI flags and `MINIMOST_*` environment variables.
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};

/// The defaults shipped in the repository's `settings.json`, used when no settings file exists.
pub const DEFAULT_SETTINGS_JSON: &str = include_str!("../settings.json");

/// The largest `max_history_page` accepted: a page is one query's answer, held in memory at once.
pub const MAX_HISTORY_PAGE_LIMIT: u64 = 10_000;

/// The keys of `settings.json`. Every key is optional in the file; a missing key takes its default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Public channels, in sidebar order.
    pub channels: Vec<String>,
    pub max_upload_size_mb: f64,
    pub max_avatar_size_mb: f64,
    /// Consecutive failed logins that lock an account; 0 or less disables lockout.
    pub max_login_attempts: i64,
    pub lockout_duration_minutes: f64,
    /// How long a failed login waits before answering.
    pub login_failure_delay_seconds: f64,
    /// Uploaded images older than this many days (fractions allowed) are removed by the cleanup.
    pub image_retention_days: f64,
    /// The same for other uploads.
    pub file_retention_days: f64,
    /// Messages sent longer ago than this many days are removed by the cleanup.
    pub message_retention_days: f64,
    /// How often the retention cleanup runs (it also runs at start-up), in hours.
    pub retention_interval_hours: f64,
    /// Most pinned messages (sends) one conversation may hold.
    pub max_pins_per_conversation: u64,
    /// Messages in a page of `GET /messages/{channel}` when the request gives no `limit`.
    pub history_page_size: u64,
    /// Largest page of `GET /messages/{channel}` (a larger `limit` is clamped to it), and most sends
    /// one window of `GET /read_receipts/{channel}` covers.
    pub max_history_page: u64,
    /// Link previews kept in memory (least recently used go first).
    pub link_preview_cache_entries: u64,
    /// How long a cached link preview (or a failed fetch) is reused, in minutes.
    pub link_preview_cache_minutes: f64,
    /// Link preview fetches running at once; more wait for a free slot (within their 5 s).
    pub max_concurrent_link_previews: u64,
    /// FOR TESTS ONLY: address ranges the link preview may fetch although they are private or
    /// loopback (a local test server). Empty (the default) in every real deployment.
    pub link_preview_allowed_ranges: Vec<String>,
    pub stun_port: i64,
    /// A session ends after this many days without use.
    pub session_idle_days: f64,
    /// Check the hidden form token on the login and signup forms (turn off only for black-box tests).
    pub csrf_enabled: bool,
    /// Largest body of a request that needs no session (sign-in, sign-up), in KiB.
    pub max_anonymous_body_kb: u64,
    /// Largest body of a signed-in request without attachments (JSON, forms), in KiB.
    pub max_request_body_kb: u64,
    /// Most attachments one message may carry.
    pub max_files_per_message: u64,
    /// Largest attachment `GET /file_preview` reads, in KiB: a larger file is not previewed (413),
    /// so a preview never reads more than this.
    pub max_file_preview_kb: u64,
    /// Most members a private channel may have (its creator included).
    pub max_private_channel_members: u64,
    /// Password hashes computed at once (each argon2id hash holds 19 MiB while it runs).
    pub max_concurrent_password_hashes: u64,
    /// Requests that may wait for a hashing slot; beyond that a request needing a hash gets 503.
    pub max_queued_password_hashes: u64,
    /// How far (KiB of events) one `GET /events` stream may fall behind before it is closed; the
    /// client reconnects with `Last-Event-ID` and is replayed what it missed.
    pub event_stream_buffer_kb: i64,
    /// How much recent event history (MiB) is kept for `Last-Event-ID` replay (at most 10,000
    /// events as well).
    pub event_replay_buffer_mb: f64,
    /// How many conversations one user can be shown typing in at once; a report in one more drops
    /// that user's oldest report.
    pub max_typing_conversations_per_user: i64,
    /// A connection must deliver complete request headers within this many seconds of opening, or of
    /// its previous response (so idle keep-alive connections are closed after this long too).
    pub header_read_timeout_seconds: f64,
    /// Open client connections at most; lowered at start-up to what the process's descriptor limit
    /// allows. At the cap, idle connections are closed (oldest first) to make room for new ones.
    pub max_connections: i64,
    /// Writes (every POST and DELETE) per minute from one client address without a valid session
    /// (login, signup, …); bursts up to the same number. 0 turns the limit off.
    pub rate_limit_per_ip_per_minute: i64,
    /// Writes per minute by one signed-in user; bursts up to the same number. 0 turns the limit off.
    pub rate_limit_per_user_per_minute: i64,
    /// Clients (addresses and users) each limiter tracks at most; beyond it, new clients share one limit.
    pub rate_limit_max_clients: i64,
    /// Reverse proxies (IP addresses or CIDR ranges) whose `X-Forwarded-For` names the real client.
    pub trusted_proxies: Vec<String>,
    /// After SIGTERM, how long requests in flight may take to finish before the process exits anyway.
    pub drain_timeout_seconds: f64,
    /// How often a node reloads the cookie-signing keys from the database (a rotation reaches every
    /// node within this time).
    pub secret_key_reload_seconds: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            channels: ["general", "software", "firmware", "systems", "off-topic"].map(String::from).to_vec(),
            max_upload_size_mb: 25.0,
            max_avatar_size_mb: 5.0,
            max_login_attempts: 5,
            lockout_duration_minutes: 15.0,
            login_failure_delay_seconds: 3.0,
            image_retention_days: 30.0,
            file_retention_days: 30.0,
            message_retention_days: 770.0,
            retention_interval_hours: 24.0,
            max_pins_per_conversation: 100,
            history_page_size: 50,
            max_history_page: 200,
            link_preview_cache_entries: 200,
            link_preview_cache_minutes: 60.0,
            max_concurrent_link_previews: 16,
            link_preview_allowed_ranges: Vec::new(),
            stun_port: 3478,
            session_idle_days: 31.0,
            csrf_enabled: true,
            max_anonymous_body_kb: 16,
            max_request_body_kb: 256,
            max_files_per_message: 10,
            max_file_preview_kb: 1024,
            max_private_channel_members: 1000,
            max_concurrent_password_hashes: 2,
            max_queued_password_hashes: 64,
            event_stream_buffer_kb: 256,
            event_replay_buffer_mb: 16.0,
            max_typing_conversations_per_user: 20,
            header_read_timeout_seconds: 10.0,
            max_connections: 20_000,
            rate_limit_per_ip_per_minute: 120,
            rate_limit_per_user_per_minute: 600,
            rate_limit_max_clients: 100_000,
            trusted_proxies: Vec::new(),
            drain_timeout_seconds: 10.0,
            secret_key_reload_seconds: 60.0,
        }
    }
}

impl Settings {
    /// Parses a settings document; errors name the offending key.
    pub fn from_json(text: &str) -> anyhow::Result<Settings> {
        let value: serde_json::Value = serde_json::from_str(text).context("settings are not valid JSON")?;
        Self::from_value(value)
    }

    pub fn from_value(value: serde_json::Value) -> anyhow::Result<Settings> {
        let settings: Settings = serde_path_to_error::deserialize(value).map_err(|err| {
            let path = err.path().to_string();
            if path == "." {
                anyhow::anyhow!("invalid settings: {}", err.inner())
            } else {
                anyhow::anyhow!("invalid setting `{path}`: {}", err.inner())
            }
        })?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> anyhow::Result<()> {
        if self.channels.is_empty() {
            bail!("invalid setting `channels`: must list at least one channel");
        }
        for (index, name) in self.channels.iter().enumerate() {
            let valid = !name.is_empty()
                && name.len() <= 80
                && !name.starts_with("dm:")
                && !name.starts_with("private:")
                && !name.contains(['/', '?', '#', '%'])
                && !name.chars().any(char::is_whitespace);
            if !valid {
                bail!("invalid setting `channels[{index}]`: {name:?} is not a usable channel name");
            }
            if self.channels[..index].contains(name) {
                bail!("invalid setting `channels[{index}]`: {name:?} is listed twice");
            }
        }
        positive("max_upload_size_mb", self.max_upload_size_mb)?;
        positive("max_avatar_size_mb", self.max_avatar_size_mb)?;
        positive("lockout_duration_minutes", self.lockout_duration_minutes)?;
        positive("session_idle_days", self.session_idle_days)?;
        if !(self.login_failure_delay_seconds.is_finite() && self.login_failure_delay_seconds >= 0.0) {
            bail!("invalid setting `login_failure_delay_seconds`: must be a number of seconds, 0 or more");
        }
        positive("image_retention_days", self.image_retention_days)?;
        positive("file_retention_days", self.file_retention_days)?;
        positive("message_retention_days", self.message_retention_days)?;
        positive("retention_interval_hours", self.retention_interval_hours)?;
        positive("link_preview_cache_minutes", self.link_preview_cache_minutes)?;
        for (key, value) in [
            ("image_retention_days", self.image_retention_days),
            ("file_retention_days", self.file_retention_days),
            ("message_retention_days", self.message_retention_days),
        ] {
            // A longer retention is "keep forever" in practice; the bound keeps `now - days` finite.
            if value > 365_000.0 {
                bail!("invalid setting `{key}`: must be at most 365000 days");
            }
        }
        if self.retention_interval_hours > 24.0 * 365.0 {
            bail!("invalid setting `retention_interval_hours`: must be at most 8760 (a year)");
        }
        if self.link_preview_cache_minutes > 7.0 * 24.0 * 60.0 {
            bail!("invalid setting `link_preview_cache_minutes`: must be at most 10080 (a week)");
        }
        if self.link_preview_cache_entries > 100_000 {
            bail!("invalid setting `link_preview_cache_entries`: must be at most 100000");
        }
        if self.max_concurrent_link_previews > 1024 {
            bail!("invalid setting `max_concurrent_link_previews`: must be at most 1024");
        }
        for (index, entry) in self.link_preview_allowed_ranges.iter().enumerate() {
            if crate::net::IpRange::parse(entry).is_none() {
                bail!(
                    "invalid setting `link_preview_allowed_ranges[{index}]`: {entry:?} is not an IP address or CIDR range"
                );
            }
        }
        for (key, value) in [
            ("max_anonymous_body_kb", self.max_anonymous_body_kb),
            ("max_request_body_kb", self.max_request_body_kb),
            ("max_files_per_message", self.max_files_per_message),
            ("max_file_preview_kb", self.max_file_preview_kb),
            ("max_private_channel_members", self.max_private_channel_members),
            ("max_concurrent_password_hashes", self.max_concurrent_password_hashes),
            ("max_pins_per_conversation", self.max_pins_per_conversation),
            ("history_page_size", self.history_page_size),
            ("max_history_page", self.max_history_page),
            ("link_preview_cache_entries", self.link_preview_cache_entries),
            ("max_concurrent_link_previews", self.max_concurrent_link_previews),
        ] {
            if value == 0 {
                bail!("invalid setting `{key}`: must be a whole number greater than 0");
            }
        }
        if self.max_history_page > MAX_HISTORY_PAGE_LIMIT {
            bail!("invalid setting `max_history_page`: must be at most {MAX_HISTORY_PAGE_LIMIT}");
        }
        if self.history_page_size > self.max_history_page {
            bail!(
                "invalid setting `history_page_size`: must be at most `max_history_page` ({})",
                self.max_history_page
            );
        }
        if !(1..=65535).contains(&self.stun_port) {
            bail!("invalid setting `stun_port`: must be a port number from 1 to 65535");
        }
        if !(1..=1_048_576).contains(&self.event_stream_buffer_kb) {
            bail!("invalid setting `event_stream_buffer_kb`: must be a whole number of KiB from 1 to 1048576");
        }
        positive("event_replay_buffer_mb", self.event_replay_buffer_mb)?;
        if self.event_replay_buffer_mb > 65_536.0 {
            bail!("invalid setting `event_replay_buffer_mb`: must be at most 65536");
        }
        if !(1..=10_000).contains(&self.max_typing_conversations_per_user) {
            bail!("invalid setting `max_typing_conversations_per_user`: must be a whole number from 1 to 10000");
        }
        positive("header_read_timeout_seconds", self.header_read_timeout_seconds)?;
        positive("drain_timeout_seconds", self.drain_timeout_seconds)?;
        if self.drain_timeout_seconds > 3600.0 {
            bail!("invalid setting `drain_timeout_seconds`: must be at most 3600 (an hour)");
        }
        positive("secret_key_reload_seconds", self.secret_key_reload_seconds)?;
        if self.secret_key_reload_seconds > 86_400.0 {
            bail!("invalid setting `secret_key_reload_seconds`: must be at most 86400 (a day)");
        }
        if self.max_connections < 1 {
            bail!("invalid setting `max_connections`: must be a whole number greater than 0");
        }
        for (key, value) in [
            ("rate_limit_per_ip_per_minute", self.rate_limit_per_ip_per_minute),
            ("rate_limit_per_user_per_minute", self.rate_limit_per_user_per_minute),
        ] {
            if !(0..=u32::MAX as i64).contains(&value) {
                bail!("invalid setting `{key}`: must be a whole number of requests, 0 (no limit) or more");
            }
        }
        if self.rate_limit_max_clients < 1 {
            bail!("invalid setting `rate_limit_max_clients`: must be a whole number greater than 0");
        }
        for (index, entry) in self.trusted_proxies.iter().enumerate() {
            if crate::net::IpRange::parse(entry).is_none() {
                bail!("invalid setting `trusted_proxies[{index}]`: {entry:?} is not an IP address or CIDR range");
            }
        }
        Ok(())
    }

    /// The largest attachment or whole request, in bytes.
    pub fn max_upload_bytes(&self) -> u64 {
        (self.max_upload_size_mb * 1024.0 * 1024.0) as u64
    }

    pub fn header_read_timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs_f64(self.header_read_timeout_seconds)
    }

    pub fn drain_timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs_f64(self.drain_timeout_seconds)
    }

    pub fn secret_key_reload_interval(&self) -> std::time::Duration {
        std::time::Duration::from_secs_f64(self.secret_key_reload_seconds)
    }

    pub fn max_avatar_bytes(&self) -> u64 {
        (self.max_avatar_size_mb * 1024.0 * 1024.0) as u64
    }

    pub fn max_anonymous_body_bytes(&self) -> u64 {
        self.max_anonymous_body_kb.saturating_mul(1024)
    }

    pub fn max_request_body_bytes(&self) -> u64 {
        self.max_request_body_kb.saturating_mul(1024)
    }

    /// How many bytes of events one event stream may have waiting.
    pub fn event_stream_buffer_bytes(&self) -> usize {
        (self.event_stream_buffer_kb.max(1) as usize).saturating_mul(1024)
    }

    /// How many bytes of event history are kept for replay.
    pub fn event_replay_buffer_bytes(&self) -> usize {
        (self.event_replay_buffer_mb * 1024.0 * 1024.0) as usize
    }
}

fn positive(key: &str, value: f64) -> anyhow::Result<()> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        bail!("invalid setting `{key}`: must be a number greater than 0")
    }
}

/// Where and how the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    pub bind: SocketAddr,
    pub data_dir: PathBuf,
    /// `sqlite://path`, a plain file path, or `postgres://…`; default `<data_dir>/minimost.db`.
    pub database_url: Option<String>,
    pub settings: Settings,
    /// Cookie-signing keys the operator passes; `None`: the keys live in the database.
    pub secret_keys: Option<SecretKeys>,
}

/// The fewest bytes a cookie-signing key may have (what the signing library requires).
pub const MIN_SECRET_KEY_BYTES: usize = 64;

/// Cookie-signing keys given by the operator (`MINIMOST_SECRET_KEY` or `--secret-key-file`, and
/// `MINIMOST_PREVIOUS_SECRET_KEYS`): `current` signs, every key verifies.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKeys {
    pub current: Vec<u8>,
    pub previous: Vec<Vec<u8>>,
}

/// Keys stay out of logs and panic messages.
impl std::fmt::Debug for SecretKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretKeys {{ current: [redacted], previous: {} }}", self.previous.len())
    }
}

impl SecretKeys {
    /// The operator's keys: `hex` (`MINIMOST_SECRET_KEY`) or the raw bytes of `file`
    /// (`--secret-key-file`), at most one of them; `previous` is a comma-separated list of hex keys
    /// (`MINIMOST_PREVIOUS_SECRET_KEYS`), accepted for verification only. `None` when no current
    /// key is given (then previous keys make no sense and are refused).
    pub fn from_operator(
        hex: Option<&str>,
        file: Option<&Path>,
        previous: Option<&str>,
    ) -> anyhow::Result<Option<SecretKeys>> {
        let current = match (hex, file) {
            (Some(_), Some(_)) => bail!("give the secret key once: MINIMOST_SECRET_KEY or --secret-key-file, not both"),
            (Some(hex), None) => decode_key("MINIMOST_SECRET_KEY", hex)?,
            (None, Some(path)) => {
                let bytes = std::fs::read(path)
                    .with_context(|| format!("cannot read the secret key file {}", path.display()))?;
                if bytes.len() < MIN_SECRET_KEY_BYTES {
                    bail!(
                        "the secret key file {} holds {} bytes; a key needs at least {MIN_SECRET_KEY_BYTES} random bytes",
                        path.display(),
                        bytes.len()
                    );
                }
                bytes
            }
            (None, None) => {
                if previous.is_some_and(|list| !list.trim().is_empty()) {
                    bail!(
                        "MINIMOST_PREVIOUS_SECRET_KEYS needs a current key (MINIMOST_SECRET_KEY or --secret-key-file)"
                    );
                }
                return Ok(None);
            }
        };
        let previous = previous
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .enumerate()
            .map(|(index, hex)| decode_key(&format!("MINIMOST_PREVIOUS_SECRET_KEYS[{index}]"), hex))
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(Some(SecretKeys { current, previous }))
    }
}

/// A key written as hex; the error names where it came from but never shows it.
fn decode_key(name: &str, text: &str) -> anyhow::Result<Vec<u8>> {
    let bytes = hex::decode(text.trim()).map_err(|_| anyhow::anyhow!("{name} is not hexadecimal"))?;
    if bytes.len() < MIN_SECRET_KEY_BYTES {
        bail!(
            "{name} holds {} bytes; a key needs at least {MIN_SECRET_KEY_BYTES} random bytes ({} hex digits)",
            bytes.len(),
            MIN_SECRET_KEY_BYTES * 2
        );
    }
    Ok(bytes)
}

impl Config {
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => self.data_dir.join("minimost.db").to_string_lossy().into_owned(),
        }
    }

    /// A configuration for tests and tools: loopback on an ephemeral port, the given data dir.
    pub fn for_data_dir(data_dir: &Path, settings: Settings) -> Config {
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: data_dir.to_path_buf(),
            database_url: None,
            settings,
            secret_keys: None,
        }
    }
}

/// Reads the settings file (falling back to the shipped defaults when `path` is `None` and no
/// `settings.json` exists in the working directory), then applies `MINIMOST_<KEY>` overrides whose
/// values are JSON (`MINIMOST_MAX_LOGIN_ATTEMPTS=3`, `MINIMOST_CHANNELS='["a","b"]'`).
pub fn load_settings(path: Option<&Path>, env: impl IntoIterator<Item = (String, String)>) -> anyhow::Result<Settings> {
    let text = match path {
        Some(path) => {
            std::fs::read_to_string(path).with_context(|| format!("cannot read settings file {}", path.display()))?
        }
        None => match std::fs::read_to_string("settings.json") {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => DEFAULT_SETTINGS_JSON.to_string(),
            Err(err) => return Err(err).context("cannot read settings.json"),
        },
    };
    let mut value: serde_json::Value = serde_json::from_str(&text).context("the settings file is not valid JSON")?;
    let Some(object) = value.as_object_mut() else {
        bail!("invalid settings: the file must hold a JSON object");
    };
    for (name, raw) in env {
        let Some(key) = name.strip_prefix("MINIMOST_") else { continue };
        let key = key.to_ascii_lowercase();
        if !SETTING_KEYS.contains(&key.as_str()) {
            continue;
        }
        let parsed = serde_json::from_str(&raw).unwrap_or_else(|_| serde_json::Value::String(raw.clone()));
        object.insert(key, parsed);
    }
    Settings::from_value(value)
}

/// Every key of `settings.json` (the environment can override each as `MINIMOST_<KEY>`).
pub const SETTING_KEYS: &[&str] = &[
    "channels",
    "max_upload_size_mb",
    "max_avatar_size_mb",
    "max_login_attempts",
    "lockout_duration_minutes",
    "login_failure_delay_seconds",
    "image_retention_days",
    "file_retention_days",
    "message_retention_days",
    "retention_interval_hours",
    "max_pins_per_conversation",
    "history_page_size",
    "max_history_page",
    "link_preview_cache_entries",
    "link_preview_cache_minutes",
    "max_concurrent_link_previews",
    "link_preview_allowed_ranges",
    "stun_port",
    "session_idle_days",
    "csrf_enabled",
    "max_anonymous_body_kb",
    "max_request_body_kb",
    "max_files_per_message",
    "max_file_preview_kb",
    "max_private_channel_members",
    "max_concurrent_password_hashes",
    "max_queued_password_hashes",
    "event_stream_buffer_kb",
    "event_replay_buffer_mb",
    "max_typing_conversations_per_user",
    "header_read_timeout_seconds",
    "max_connections",
    "rate_limit_per_ip_per_minute",
    "rate_limit_per_user_per_minute",
    "rate_limit_max_clients",
    "trusted_proxies",
    "drain_timeout_seconds",
    "secret_key_reload_seconds",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_settings_equal_the_defaults() {
        assert_eq!(Settings::from_json(DEFAULT_SETTINGS_JSON).unwrap(), Settings::default());
    }

    #[test]
    fn setting_keys_list_every_field() {
        let value = serde_json::to_value(Settings::default()).unwrap();
        let mut keys: Vec<_> = value.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        let mut listed: Vec<_> = SETTING_KEYS.iter().map(|k| k.to_string()).collect();
        listed.sort();
        assert_eq!(keys, listed);
    }

    #[test]
    fn errors_name_the_key() {
        let err = Settings::from_json(r#"{"max_login_attempts": "five"}"#).unwrap_err();
        assert!(err.to_string().contains("`max_login_attempts`"), "{err}");
        let err = Settings::from_json(r#"{"stun_port": 70000}"#).unwrap_err();
        assert!(err.to_string().contains("`stun_port`"), "{err}");
        let err = Settings::from_json(r#"{"channels": []}"#).unwrap_err();
        assert!(err.to_string().contains("`channels`"), "{err}");
        let err = Settings::from_json(r#"{"chanels": ["a"]}"#).unwrap_err();
        assert!(err.to_string().contains("chanels"), "{err}");
        let err = Settings::from_json(r#"{"header_read_timeout_seconds": 0}"#).unwrap_err();
        assert!(err.to_string().contains("`header_read_timeout_seconds`"), "{err}");
        let err = Settings::from_json(r#"{"max_connections": 0}"#).unwrap_err();
        assert!(err.to_string().contains("`max_connections`"), "{err}");
        let err = Settings::from_json(r#"{"rate_limit_per_ip_per_minute": -1}"#).unwrap_err();
        assert!(err.to_string().contains("`rate_limit_per_ip_per_minute`"), "{err}");
        let err = Settings::from_json(r#"{"rate_limit_max_clients": 0}"#).unwrap_err();
        assert!(err.to_string().contains("`rate_limit_max_clients`"), "{err}");
        let err = Settings::from_json(r#"{"trusted_proxies": ["10.0.0.1", "proxy"]}"#).unwrap_err();
        assert!(err.to_string().contains("`trusted_proxies[1]`"), "{err}");
        assert!(Settings::from_json(r#"{"trusted_proxies": ["10.0.0.1", "fd00::/8", "::1"]}"#).is_ok());
        let err = Settings::from_json(r#"{"lockout_duration_minutes": 0}"#).unwrap_err();
        assert!(err.to_string().contains("`lockout_duration_minutes`"), "{err}");
        for (key, bad) in [
            ("event_stream_buffer_kb", "0"),
            ("event_stream_buffer_kb", "1.5"),
            ("event_replay_buffer_mb", "0"),
            ("event_replay_buffer_mb", "-1"),
            ("max_typing_conversations_per_user", "0"),
        ] {
            let err = Settings::from_json(&format!(r#"{{"{key}": {bad}}}"#)).unwrap_err();
            assert!(err.to_string().contains(&format!("`{key}`")), "{key}={bad}: {err}");
        }
    }

    #[test]
    fn environment_overrides_take_json_values() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, DEFAULT_SETTINGS_JSON).unwrap();
        let settings = load_settings(
            Some(&path),
            [
                ("MINIMOST_MAX_LOGIN_ATTEMPTS".to_string(), "2".to_string()),
                ("MINIMOST_CHANNELS".to_string(), r#"["a","b"]"#.to_string()),
                ("MINIMOST_BIND".to_string(), "0.0.0.0:1".to_string()),
            ],
        )
        .unwrap();
        assert_eq!(settings.max_login_attempts, 2);
        assert_eq!(settings.channels, vec!["a", "b"]);
    }

    #[test]
    fn operator_keys_are_hex_or_a_file_of_at_least_64_bytes() {
        let hex_key = "ab".repeat(64);
        let keys =
            SecretKeys::from_operator(Some(&hex_key), None, Some(&format!(" {}, ", "cd".repeat(64)))).unwrap().unwrap();
        assert_eq!(keys.current, vec![0xab; 64]);
        assert_eq!(keys.previous, vec![vec![0xcd; 64]]);
        assert!(!format!("{keys:?}").contains("ab"), "keys are not printed");
        assert_eq!(SecretKeys::from_operator(None, None, None).unwrap(), None);

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key");
        std::fs::write(&path, [7u8; 80]).unwrap();
        assert_eq!(SecretKeys::from_operator(None, Some(&path), None).unwrap().unwrap().current, vec![7u8; 80]);

        for (hex, file, previous, names) in [
            (Some("ab".repeat(63)), None, None, "MINIMOST_SECRET_KEY holds 63 bytes"),
            (Some("zz".repeat(64)), None, None, "MINIMOST_SECRET_KEY is not hexadecimal"),
            (Some(hex_key.clone()), Some(path.as_path()), None, "not both"),
            (None, None, Some(hex_key.clone()), "needs a current key"),
            (
                Some(hex_key.clone()),
                None,
                Some(format!("{hex_key},abcd")),
                "MINIMOST_PREVIOUS_SECRET_KEYS[1] holds 2 bytes",
            ),
        ] {
            let err = SecretKeys::from_operator(hex.as_deref(), file, previous.as_deref()).unwrap_err();
            assert!(err.to_string().contains(names), "{err}");
        }
        std::fs::write(&path, [7u8; 63]).unwrap();
        let err = SecretKeys::from_operator(None, Some(&path), None).unwrap_err();
        assert!(err.to_string().contains("holds 63 bytes"), "{err}");
    }

    #[test]
    fn retention_takes_fractional_days_and_must_be_positive() {
        let settings =
            Settings::from_json(r#"{"message_retention_days": 0.00002, "retention_interval_hours": 0.5}"#).unwrap();
        assert_eq!(settings.message_retention_days, 0.00002);
        for key in ["image_retention_days", "file_retention_days", "message_retention_days", "retention_interval_hours"]
        {
            let err = Settings::from_json(&format!(r#"{{"{key}": 0}}"#)).unwrap_err();
            assert!(err.to_string().contains(&format!("`{key}`")), "{key}: {err}");
        }
    }

    #[test]
    fn link_preview_allowed_ranges_must_be_ranges() {
        let err = Settings::from_json(r#"{"link_preview_allowed_ranges": ["127.0.0.1/32", "localhost"]}"#).unwrap_err();
        assert!(err.to_string().contains("`link_preview_allowed_ranges[1]`"), "{err}");
        let err = Settings::from_json(r#"{"link_preview_cache_entries": 0}"#).unwrap_err();
        assert!(err.to_string().contains("`link_preview_cache_entries`"), "{err}");
    }

    #[test]
    fn fractional_lockout_minutes_are_allowed() {
        let settings = Settings::from_json(r#"{"lockout_duration_minutes": 0.5}"#).unwrap();
        assert_eq!(settings.lockout_duration_minutes, 0.5);
    }
}
