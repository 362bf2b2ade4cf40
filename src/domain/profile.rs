//! Profile settings: name colour and bio (§C8.1, decision Q16).
use super::messages::is_python_whitespace;

/// Longest bio, in characters (code points), after trimming.
pub const MAX_BIO_CHARS: usize = 160;

/// The colour is neither empty nor `#rrggbb`. Answer `400 invalid color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("invalid color")]
pub struct InvalidColor;

/// A submitted `name_color`: trimmed; empty clears (`None`); otherwise `#` and exactly six hex
/// digits, kept in the letter case given.
pub fn parse_name_color(raw: &str) -> Result<Option<String>, InvalidColor> {
    let color = raw.trim_matches(is_python_whitespace);
    if color.is_empty() {
        return Ok(None);
    }
    let hex = color.strip_prefix('#').ok_or(InvalidColor)?;
    if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(Some(color.to_owned()))
    } else {
        Err(InvalidColor)
    }
}

/// A submitted `bio`: trimmed and cut to its first 160 characters; empty clears (`None`).
pub fn normalize_bio(raw: &str) -> Option<String> {
    let bio: String = raw.trim_matches(is_python_whitespace).chars().take(MAX_BIO_CHARS).collect();
    (!bio.is_empty()).then_some(bio)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn colours_are_six_hex_digits_after_trimming() {
        assert_eq!(parse_name_color("#AbCdEf"), Ok(Some("#AbCdEf".into())));
        assert_eq!(parse_name_color("  #00ff00\n"), Ok(Some("#00ff00".into())));
        assert_eq!(parse_name_color(""), Ok(None));
        assert_eq!(parse_name_color("   "), Ok(None));
        for bad in ["#fff", "red", "00ff00", "#00ff0", "#00ff000", "#gg0000", "##00ff0", "#00 ff00", "#００ff00"] {
            assert_eq!(parse_name_color(bad), Err(InvalidColor), "{bad:?}");
        }
    }

    #[test]
    fn bios_are_trimmed_and_cut_to_160_characters() {
        assert_eq!(normalize_bio("  hello \n"), Some("hello".into()));
        assert_eq!(normalize_bio(" \t "), None);
        let long = "é".repeat(200);
        assert_eq!(normalize_bio(&long).unwrap().chars().count(), 160);
    }

    proptest! {
        #[test]
        fn a_bio_is_at_most_160_characters_of_the_trimmed_text(raw in "\\PC{0,300}") {
            let trimmed = raw.trim_matches(is_python_whitespace);
            match normalize_bio(&raw) {
                // Cut after trimming, as the reference does: the cut may end in a space.
                Some(bio) => {
                    prop_assert!(bio.chars().count() <= MAX_BIO_CHARS);
                    prop_assert!(trimmed.starts_with(&bio));
                    prop_assert_eq!(bio.chars().count(), trimmed.chars().count().min(MAX_BIO_CHARS));
                }
                None => prop_assert!(trimmed.is_empty()),
            }
        }
    }
}
