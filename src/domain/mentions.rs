//! `@name` mentions, extracted exactly as the reference does (§C3.8), and their stored text form.
//!
//! The reference matches `(?<![\w@/])@([A-Za-z0-9_-]+)` with Python's Unicode `\w`. The scanner below
//! is that expression written out by hand: the `regex` crate has no look-behind, and the rule is
//! small enough to read as code.

use std::collections::HashSet;

use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// The sentinel stored instead of names when anyone writes `@everyone`.
pub const EVERYONE: &str = "@everyone";

/// The members of a channel that `text` mentions, in member-list order and canonical spelling, or
/// exactly `["@everyone"]` when any token is `everyone` (any case, any channel kind).
///
/// `members` is the channel's member list at the time of the send or edit (§C2.5). A member listed
/// twice is returned twice; a token naming a non-member is ignored. Matching ignores case.
pub fn extract_mentions(text: &str, members: &[String]) -> Vec<String> {
    let tokens: HashSet<String> = mention_tokens(text).map(|t| t.to_ascii_lowercase()).collect();
    if tokens.contains("everyone") {
        return vec![EVERYONE.to_owned()];
    }
    members.iter().filter(|member| tokens.contains(&member.to_lowercase())).cloned().collect()
}

/// The raw tokens (without `@`, original case) in order of appearance.
///
/// Tokens never contain `@`, so checking every `@` against its preceding character finds the same
/// matches as the regular expression's left-to-right scan.
pub fn mention_tokens(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut previous: Option<char> = None;
    text.char_indices().filter_map(move |(at, c)| {
        let before = previous.replace(c);
        if c != '@' || before.is_some_and(blocks_mention) {
            return None;
        }
        let rest = &text[at + 1..];
        let len = rest.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-').count();
        (len > 0).then(|| &rest[..len])
    })
}

/// A character directly before `@` that makes it part of a word, an e-mail address, a doubled `@` or
/// a path: Python's `\w` (letters, numbers, `_`), `@` or `/`.
fn blocks_mention(c: char) -> bool {
    c == '@' || c == '/' || is_python_word_char(c)
}

/// Python's `str.isalnum() or c == '_'`: general categories L* and N*. (`char::is_alphanumeric`
/// would also count combining vowel signs with the `Other_Alphabetic` property, which Python does
/// not.)
fn is_python_word_char(c: char) -> bool {
    c == '_' || matches!(c.general_category_group(), GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number)
}

/// The `mentions` column text: a JSON array as Python's `json.dumps` writes it (`["Carol", "bob"]`,
/// `", "` between items, non-ASCII as `\uXXXX`), or `None` when nobody is mentioned.
pub fn mentions_json(mentions: &[String]) -> Option<String> {
    if mentions.is_empty() {
        return None;
    }
    let mut out = String::from("[");
    for (i, name) in mentions.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_json_string(&mut out, name);
    }
    out.push(']');
    Some(out)
}

/// Appends `s` as a JSON string literal the way Python's `json.dumps` (with `ensure_ascii`) does:
/// everything outside printable ASCII becomes `\uXXXX` (lowercase hex, surrogate pairs above the
/// BMP), with the short escapes for `"`, `\`, `\n`, `\r`, `\t`, `\b`, `\f`.
pub(crate) fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn members(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    fn mentions(text: &str, names: &[&str]) -> Vec<String> {
        extract_mentions(text, &members(names))
    }

    #[test]
    fn the_reference_examples_behave_as_documented() {
        let bob = ["bob"];
        for text in ["hey @bob.", "(@bob)", "-@bob", "@bob", "hi @bob!", "@bob\n", "\u{a0}@bob"] {
            assert_eq!(mentions(text, &bob), ["bob"], "{text:?}");
        }
        for text in ["x@bob.com", "/@bob", "@@bob", "é@bob", "_@bob", "3@bob", "@bob-", "@bob_", "@bobby"] {
            assert!(mentions(text, &bob).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn tokens_are_the_longest_run_of_ascii_name_characters() {
        let tokens: Vec<&str> = mention_tokens("@bob-@carol @dave.x @é @ @e_f-9é").collect();
        assert_eq!(tokens, ["bob-", "carol", "dave", "e_f-9"]);
    }

    #[test]
    fn matching_ignores_case_and_returns_the_canonical_spelling_in_member_order() {
        assert_eq!(mentions("@BOB and @carol", &["Carol", "bob", "dave"]), ["Carol", "bob"]);
        assert_eq!(mentions("@carol @carol", &["Carol"]), ["Carol"]);
    }

    #[test]
    fn a_member_listed_twice_is_mentioned_twice() {
        assert_eq!(mentions("@alice", &["alice", "bob", "alice"]), ["alice", "alice"]);
    }

    #[test]
    fn everyone_in_any_case_replaces_all_other_mentions() {
        assert_eq!(mentions("@bob @EveryOne", &["bob"]), [EVERYONE]);
        assert_eq!(mentions("@everyone", &[]), [EVERYONE]);
        assert!(mentions("@everyone-", &["bob"]).is_empty());
        assert!(mentions("x@everyone", &["bob"]).is_empty());
    }

    #[test]
    fn non_members_and_the_empty_text_mention_nobody() {
        assert!(mentions("@zed", &["bob"]).is_empty());
        assert!(mentions("", &["bob"]).is_empty());
    }

    #[test]
    fn python_word_characters_block_but_combining_signs_do_not() {
        // U+093E DEVANAGARI VOWEL SIGN AA is `Other_Alphabetic` but not a letter for Python.
        assert_eq!(mentions("\u{915}\u{93e}@bob", &["bob"]), ["bob"]);
        // U+0663 ARABIC-INDIC DIGIT THREE and U+00BD ½ are numbers, so they block.
        assert!(mentions("\u{663}@bob", &["bob"]).is_empty());
        assert!(mentions("\u{bd}@bob", &["bob"]).is_empty());
    }

    #[test]
    fn the_stored_form_is_python_json_with_spaces() {
        assert_eq!(mentions_json(&members(&["Carol", "bob"])).unwrap(), r#"["Carol", "bob"]"#);
        assert_eq!(mentions_json(&members(&[EVERYONE])).unwrap(), r#"["@everyone"]"#);
        assert_eq!(mentions_json(&[]), None);
    }

    #[test]
    fn json_strings_escape_like_python_ensure_ascii() {
        let mut out = String::new();
        push_json_string(&mut out, "a\"\\\n\t\u{1}\u{7f}é😀");
        assert_eq!(out, r#""a\"\\\n\t\u0001\u007f\u00e9\ud83d\ude00""#);
    }

    fn name() -> impl Strategy<Value = String> {
        "[A-Za-z0-9_-]{1,8}"
    }

    proptest! {
        #[test]
        fn the_result_is_drawn_from_the_members_or_is_everyone(
            text in "[ a-zA-Z@/._é-]{0,40}",
            names in prop::collection::vec(name(), 0..5),
        ) {
            let found = extract_mentions(&text, &names);
            if found != [EVERYONE] {
                prop_assert!(found.iter().all(|m| names.contains(m)));
                prop_assert!(found.len() <= names.len());
            }
        }

        #[test]
        fn a_name_glued_to_a_word_character_at_or_slash_never_matches(
            glue in "[A-Za-z0-9_@/é]",
            member in name(),
        ) {
            let text = format!("{glue}@{member}");
            prop_assert!(extract_mentions(&text, &[member]).is_empty());
        }

        #[test]
        fn a_free_standing_mention_matches_whatever_its_case(
            before in "[ (,.:;!-]?",
            member in name(),
            after in "[ ),.:;!?]?",
        ) {
            prop_assume!(!member.eq_ignore_ascii_case("everyone"));
            let text = format!("{before}@{}{after}", member.to_ascii_uppercase());
            prop_assert_eq!(extract_mentions(&text, std::slice::from_ref(&member)), vec![member]);
        }

        #[test]
        fn everyone_anywhere_dominates(
            prefix in "[ a-z@.]{0,20}",
            suffix in "[ a-z@.-]{0,20}",
            names in prop::collection::vec(name(), 0..5),
        ) {
            let text = format!("{prefix} @Everyone {suffix}");
            prop_assert_eq!(extract_mentions(&text, &names), vec![EVERYONE.to_owned()]);
        }

        #[test]
        fn mentions_json_round_trips_through_a_json_parser(names in prop::collection::vec(".{0,6}", 1..4)) {
            let text = mentions_json(&names).unwrap();
            prop_assert!(text.is_ascii());
            let parsed: Vec<String> = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(parsed, names);
        }
    }
}
