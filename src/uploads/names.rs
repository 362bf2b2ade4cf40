//! Stored names: `<32 hex>.<ext>`, random (never the client's), so they cannot collide, be guessed,
//! or point anywhere but at a stored file, whichever store holds it.
use rand::RngCore;

/// A fresh stored name with the given extension.
pub fn new_name(extension: &str) -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    format!("{}.{extension}", hex::encode(bytes))
}

/// Whether `name` has the shape of a stored name (so a request path can never point elsewhere).
pub fn is_stored_name(name: &str) -> bool {
    match name.split_once('.') {
        Some((stem, extension)) => {
            stem.len() == 32
                && stem.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
                && !extension.is_empty()
                && extension.bytes().all(|b| b.is_ascii_lowercase())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_generated_names_are_stored_names() {
        let name = new_name("png");
        assert!(is_stored_name(&name), "{name}");
        for bad in [
            "../secret.key",
            "x.png",
            "",
            ".png",
            "0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef.p/g",
            "0123456789ABCDEF0123456789abcdef.png",
        ] {
            assert!(!is_stored_name(bad), "{bad}");
        }
    }
}
