//! Who is asking: the signed-in user every service call acts for.
/// The authenticated caller of a request.
#[derive(Debug, Clone, PartialEq)]
pub struct CurrentUser {
    pub id: i64,
    /// The stored spelling of the username.
    pub username: String,
    /// Hash of the session token, to end exactly this session on logout.
    pub session_hash: String,
    /// When the account was created: a name can be registered again after an account deletion,
    /// and the new account must not read the old one's direct messages.
    pub created_at: f64,
    /// When the session expires unless it is used again (Unix seconds).
    pub session_expires_at: f64,
}
