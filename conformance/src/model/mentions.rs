//! Mention extraction (reference-behaviour C3.8): an `@` not directly after a word character, an
//! `@` or a `/`, then the longest run of ASCII letters, digits, `_` and `-`, lowercased. Any token
//! `everyone` makes the result exactly `["@everyone"]`; otherwise the channel members whose
//! lowercase name equals a token, in member-list order (byte order of names for every kind of
//! channel here), spelled as registered. Empty → none.

pub fn tokens(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    for (at, &c) in chars.iter().enumerate() {
        if c != '@' {
            continue;
        }
        let blocked = at > 0 && {
            let before = chars[at - 1];
            before.is_alphanumeric() || before == '_' || before == '@' || before == '/'
        };
        if blocked {
            continue;
        }
        let token: String =
            chars[at + 1..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == '_' || **c == '-').collect();
        if !token.is_empty() {
            tokens.push(token.to_ascii_lowercase());
        }
    }
    tokens
}

/// The stored `mentions` for `text` in a channel with these members.
pub fn mentions(text: &str, members: &[String]) -> Option<Vec<String>> {
    let tokens = tokens(text);
    if tokens.iter().any(|t| t == "everyone") {
        return Some(vec!["@everyone".to_string()]);
    }
    let mut found: Vec<String> = members.iter().filter(|m| tokens.contains(&m.to_lowercase())).cloned().collect();
    found.sort();
    found.dedup();
    (!found.is_empty()).then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_the_reference_examples() {
        let members = vec!["Carol".to_string(), "bob".to_string()];
        let m = |text: &str| mentions(text, &members);
        assert_eq!(m("hey @bob."), Some(vec!["bob".into()]));
        assert_eq!(m("(@bob)"), Some(vec!["bob".into()]));
        assert_eq!(m("-@bob"), Some(vec!["bob".into()]));
        for none in ["x@bob.com", "/@bob", "@@bob", "é@bob", "_@bob", "@bob-", "@bob_", "@bobby"] {
            assert_eq!(m(none), None, "{none}");
        }
        assert_eq!(m("@CAROL @bob"), Some(vec!["Carol".into(), "bob".into()]));
        assert_eq!(m("@bob @EveryOne"), Some(vec!["@everyone".into()]));
    }
}
