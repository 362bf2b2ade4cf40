//! Stored names, random (never the client's own), so they cannot collide, be guessed, or point
//! anywhere but at a stored file, whichever store holds it: `<32 hex>.<ext>` for images and avatars,
//! `<32 hex>_<sanitised original name>` for other attachments (§C8.3).
use rand::RngCore;

use crate::domain::attachments::is_sanitised_name;

fn random_stem() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// A fresh stored name with the given extension.
pub fn new_name(extension: &str) -> String {
    format!("{}.{extension}", random_stem())
}

/// A fresh stored name ending in a sanitised original name (`domain::attachments::sanitise`).
pub fn new_download_name(sanitised: &str) -> String {
    format!("{}_{sanitised}", random_stem())
}

/// Whether `name` has the shape of a stored name (so a request path can never point elsewhere).
pub fn is_stored_name(name: &str) -> bool {
    let Some(stem) = name.get(..32) else { return false };
    if !stem.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()) {
        return false;
    }
    match (name.get(32..33), name.get(33..)) {
        (Some("."), Some(extension)) => !extension.is_empty() && extension.bytes().all(|b| b.is_ascii_lowercase()),
        (Some("_"), Some(tail)) => is_sanitised_name(tail),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_generated_names_are_stored_names() {
        let name = new_name("png");
        assert!(is_stored_name(&name), "{name}");
        let download = new_download_name("My_Report_1.pdf");
        assert!(is_stored_name(&download), "{download}");
        for bad in [
            "../secret.key",
            "x.png",
            "",
            ".png",
            "0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef.p/g",
            "0123456789ABCDEF0123456789abcdef.png",
            "0123456789abcdef0123456789abcdef_",
            "0123456789abcdef0123456789abcdef_../x",
            "0123456789abcdef0123456789abcdef_a/b",
            "0123456789abcdef0123456789abcdef_.bashrc",
            "0123456789abcdef0123456789abcdef_a b",
            "0123456789abcdef0123456789abcdef-x",
            "ü123456789abcdef0123456789abcdef.png",
        ] {
            assert!(!is_stored_name(bad), "{bad}");
        }
    }
}
