//! Account deletion rules (§C10 `POST /delete_account`; decisions Q17 and the hard-delete tombstones).

/// The author name shown on the messages of a deleted account. It contains a space, so nobody can
/// ever register it.
pub const DELETED_USER: &str = "Deleted User";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeleteKind {
    /// Messages stay, attributed to [`DELETED_USER`].
    Soft,
    /// Messages become tombstones as well.
    Hard,
}

impl DeleteKind {
    /// Exactly `soft` or `hard`; anything else is `400 {"error":"Invalid delete type."}`.
    pub fn parse(raw: Option<&str>) -> Option<DeleteKind> {
        match raw? {
            "soft" => Some(DeleteKind::Soft),
            "hard" => Some(DeleteKind::Hard),
            _ => None,
        }
    }
}

pub const INVALID_DELETE_TYPE: &str = "Invalid delete type.";
pub const INCORRECT_PASSWORD: &str = "Incorrect password.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_soft_and_hard_are_delete_types() {
        assert_eq!(DeleteKind::parse(Some("soft")), Some(DeleteKind::Soft));
        assert_eq!(DeleteKind::parse(Some("hard")), Some(DeleteKind::Hard));
        for bad in [None, Some(""), Some("Soft"), Some("HARD"), Some(" soft")] {
            assert_eq!(DeleteKind::parse(bad), None, "{bad:?}");
        }
        assert!(credentials_cannot_register_the_deleted_author());
    }

    fn credentials_cannot_register_the_deleted_author() -> bool {
        !super::super::credentials::is_valid_username(DELETED_USER)
    }
}
