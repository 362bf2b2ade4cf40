//! Why a conversation is out of reach: the typed refusal every access decision returns.
/// Why a conversation is out of reach; each maps to the reference's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Denied {
    /// 404 `not found`: a `private:` id that is not canonical.
    Malformed,
    /// 403 `forbidden`: not a member, not a participant, or not a channel at all.
    Forbidden,
    /// 404 `user not found`: a DM id naming someone who has no account (writes only).
    UnknownUser,
}

impl Denied {
    pub fn status_and_text(&self) -> (u16, &'static str) {
        match self {
            Denied::Malformed => (404, "not found"),
            Denied::Forbidden => (403, "forbidden"),
            Denied::UnknownUser => (404, "user not found"),
        }
    }
}
