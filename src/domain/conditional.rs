//! Conditional GETs (RFC 9110 §13.1): whether the copy a client has cached is still current, so a
//! file can be answered with `304 Not Modified` instead of its bytes.
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The validators of a stored file: an entity tag and the modification time (whole seconds, as
/// `Last-Modified` carries it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validators {
    etag: String,
    modified_secs: u64,
}

impl Validators {
    /// Stored files are written once under a fresh name and never rewritten, so size and
    /// modification time identify the content.
    pub fn of_file(size: u64, modified: SystemTime) -> Validators {
        let modified = modified.duration_since(UNIX_EPOCH).unwrap_or_default();
        Validators {
            etag: format!("\"{:x}-{:x}-{size:x}\"", modified.as_secs(), modified.subsec_nanos()),
            modified_secs: modified.as_secs(),
        }
    }

    /// The `ETag` header value (a strong tag, quoted).
    pub fn etag(&self) -> &str {
        &self.etag
    }

    /// The `Last-Modified` header value (`Sun, 06 Nov 1994 08:49:37 GMT`).
    pub fn last_modified(&self) -> String {
        httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(self.modified_secs))
    }

    /// Whether a GET with these request headers gets a 304. `If-None-Match` decides when present
    /// (weak comparison, `*` matches); otherwise `If-Modified-Since`, when it is a valid date no
    /// earlier than the file's modification time. An unparsable date is ignored.
    pub fn not_modified(&self, if_none_match: Option<&str>, if_modified_since: Option<&str>) -> bool {
        if let Some(tags) = if_none_match {
            return tags.split(',').map(str::trim).any(|tag| tag == "*" || opaque(tag) == opaque(&self.etag));
        }
        match if_modified_since.and_then(|date| httpdate::parse_http_date(date.trim()).ok()) {
            Some(since) => UNIX_EPOCH + Duration::from_secs(self.modified_secs) <= since,
            None => false,
        }
    }
}

/// An entity tag without its weakness marker (`W/"x"` and `"x"` compare equal for `If-None-Match`).
fn opaque(tag: &str) -> &str {
    tag.strip_prefix("W/").unwrap_or(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> Validators {
        Validators::of_file(1234, UNIX_EPOCH + Duration::new(784_111_777, 500_000_000))
    }

    #[test]
    fn validators_name_size_and_time() {
        let v = file();
        assert_eq!(v.etag(), "\"2ebc98a1-1dcd6500-4d2\"");
        assert_eq!(v.last_modified(), "Sun, 06 Nov 1994 08:49:37 GMT");
    }

    #[test]
    fn a_matching_entity_tag_means_not_modified() {
        let v = file();
        let etag = v.etag().to_owned();
        assert!(v.not_modified(Some(&etag), None));
        assert!(v.not_modified(Some(&format!("\"other\", W/{etag}")), None));
        assert!(v.not_modified(Some("*"), None));
        assert!(!v.not_modified(Some("\"other\""), None));
        assert!(!v.not_modified(Some(""), None));
    }

    #[test]
    fn if_none_match_wins_over_if_modified_since() {
        let v = file();
        assert!(!v.not_modified(Some("\"other\""), Some("Sun, 06 Nov 1994 08:49:37 GMT")));
    }

    #[test]
    fn modification_dates_compare_in_whole_seconds() {
        let v = file();
        assert!(v.not_modified(None, Some("Sun, 06 Nov 1994 08:49:37 GMT")));
        assert!(v.not_modified(None, Some("Mon, 07 Nov 1994 08:49:37 GMT")));
        assert!(!v.not_modified(None, Some("Sun, 06 Nov 1994 08:49:36 GMT")));
        assert!(!v.not_modified(None, Some("yesterday")));
        assert!(!v.not_modified(None, None));
    }
}
