//! Why a request could not be decoded into an operation's input.

/// Why a request could not be decoded into an operation's input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    #[error("missing field: {0}")]
    MissingField(&'static str),
    #[error("invalid field {field}: {reason}")]
    InvalidField { field: &'static str, reason: String },
    /// Valid JSON of the wrong shape, or a broken multipart body; the text names the problem
    /// (`channel must be a string`).
    #[error("invalid body: {0}")]
    MalformedBody(String),
    #[error("request body too large (max {limit_bytes} bytes)")]
    PayloadTooLarge { limit_bytes: u64 },
    /// More multipart parts than the operation takes (attachments beyond `max_files_per_message`,
    /// or more than [`MAX_FORM_FIELDS`] other fields).
    #[error("too many {what} (max {limit})")]
    TooManyParts { what: &'static str, limit: u64 },
    #[error("unsupported content type: {0}")]
    UnsupportedMediaType(String),
}

/// A required input: absent → `MissingField`.
pub fn require<T>(name: &'static str, value: Option<T>) -> Result<T, RequestError> {
    value.ok_or(RequestError::MissingField(name))
}
