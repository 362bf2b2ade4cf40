//! The retention rules: what counts as an image for `image_retention_days`, and when something is
//! old enough to go.

/// Extensions stored for images (lowercased, as stored names carry them); every other upload is a
/// file for `file_retention_days`.
pub const IMAGE_EXTENSIONS: [&str; 5] = ["jpg", "jpeg", "png", "gif", "webp"];

/// Whether a stored upload name is an image (by its lowercased extension).
pub fn is_image_name(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, ext)| IMAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// The time before which something kept for `days` days (fractions allowed) has expired at `now`.
pub fn cutoff(now: f64, days: f64) -> f64 {
    now - days * 86_400.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_told_by_their_extension() {
        for name in ["0123.jpg", "a.JPEG", "x.png", "x.gif", "x.webp"] {
            assert!(is_image_name(name), "{name}");
        }
        for name in ["x.pdf", "x.txt", "jpg", "x.jpg.exe", "x.svg", ""] {
            assert!(!is_image_name(name), "{name}");
        }
    }

    #[test]
    fn fractional_days_give_seconds() {
        assert_eq!(cutoff(1_000.0, 1.0 / 86_400.0), 999.0);
        assert_eq!(cutoff(100_000.0, 1.0), 100_000.0 - 86_400.0);
    }
}
