//! Sign-up rules for usernames and passwords, in the order the reference checks them.

/// Names nobody may register, compared ignoring ASCII case. `system` authors system messages.
pub const RESERVED_USERNAMES: &[&str] = &["minimost", "everyone", "deleteduser", "system"];

/// The characters that count as "special" in a password.
pub const PASSWORD_SPECIALS: &str = "!@#$%^&*()_+-=[]{};':\"\\|,.<>/?`~";

pub const MAX_PASSWORD_CHARS: usize = 1024;

/// The case-folded form under which a username is unique and looked up at login.
pub fn username_key(username: &str) -> String {
    username.to_ascii_lowercase()
}

/// The first sign-up rule the input breaks, as the message shown on the re-rendered page.
pub fn signup_error(username: &str, password: &str, confirm_password: &str) -> Option<String> {
    if username.is_empty() || password.is_empty() {
        return Some("Missing fields".into());
    }
    if RESERVED_USERNAMES.contains(&username_key(username).as_str()) {
        return Some(format!("\"{username}\" is a protected username"));
    }
    if !is_valid_username(username) {
        return Some(
            "Username may only contain letters, numbers, hyphens, and underscores (1\u{2013}32 characters)".into(),
        );
    }
    password_error(password, confirm_password)
}

/// Password rules 4–9 (also used by password changes).
pub fn password_error(password: &str, confirm_password: &str) -> Option<String> {
    let chars = password.chars().count();
    if chars < 8 {
        return Some("Password must be at least 8 characters".into());
    }
    if chars > MAX_PASSWORD_CHARS {
        return Some("Password must be at most 1024 characters".into());
    }
    if !password.chars().any(is_decimal_digit) {
        return Some("Password must contain at least one number".into());
    }
    if !password.chars().any(|c| c.is_ascii_uppercase()) {
        return Some("Password must contain at least one uppercase letter".into());
    }
    if !password.chars().any(|c| PASSWORD_SPECIALS.contains(c)) {
        return Some("Password must contain at least one special character".into());
    }
    if password != confirm_password {
        return Some("Passwords do not match".into());
    }
    None
}

pub fn is_valid_username(username: &str) -> bool {
    (1..=32).contains(&username.len()) && username.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Any Unicode decimal digit (general category `Nd`) counts, as in the reference; fractions,
/// superscripts and numerals (`No`, `Nl`) do not.
fn is_decimal_digit(c: char) -> bool {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    c.general_category() == GeneralCategory::DecimalNumber
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "Secret#123";

    #[test]
    fn rules_apply_in_the_reference_order() {
        assert_eq!(signup_error("", GOOD, GOOD).unwrap(), "Missing fields");
        assert_eq!(signup_error("bob", "", "").unwrap(), "Missing fields");
        assert_eq!(signup_error("EveryOne", "x", "y").unwrap(), "\"EveryOne\" is a protected username");
        assert_eq!(signup_error("SYSTEM", GOOD, GOOD).unwrap(), "\"SYSTEM\" is a protected username");
        assert!(signup_error("bad name", GOOD, GOOD).unwrap().starts_with("Username may only"));
        assert!(signup_error(&"a".repeat(33), GOOD, GOOD).unwrap().starts_with("Username may only"));
        assert_eq!(signup_error("bob", "Sh#1", "Sh#1").unwrap(), "Password must be at least 8 characters");
        let long = format!("A1#{}", "x".repeat(1022));
        assert_eq!(signup_error("bob", &long, &long).unwrap(), "Password must be at most 1024 characters");
        assert_eq!(signup_error("bob", "Secret#xx", "Secret#xx").unwrap(), "Password must contain at least one number");
        assert_eq!(
            signup_error("bob", "secret#12", "secret#12").unwrap(),
            "Password must contain at least one uppercase letter"
        );
        assert_eq!(
            signup_error("bob", "Secret 12", "Secret 12").unwrap(),
            "Password must contain at least one special character"
        );
        assert_eq!(signup_error("bob", GOOD, "Secret#124").unwrap(), "Passwords do not match");
        assert_eq!(signup_error("a-B_9", GOOD, GOOD), None);
    }

    #[test]
    fn unicode_decimal_digits_count_but_other_numerals_do_not() {
        assert_eq!(password_error("Secret#\u{0663}x", "Secret#\u{0663}x"), None); // Arabic-Indic 3
        assert!(password_error("Secret#\u{00bd}x", "Secret#\u{00bd}x").is_some()); // ½
        assert!(password_error("Secret#\u{2167}x", "Secret#\u{2167}x").is_some());
        // Roman numeral 8
    }

    #[test]
    fn no_lowercase_is_needed_and_spaces_are_not_special() {
        assert_eq!(password_error("SECRET#12", "SECRET#12"), None);
        assert!(password_error("SECRET 12", "SECRET 12").is_some());
    }
}
