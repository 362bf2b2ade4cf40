//! Message search (§C3.9 with decision Q21): the query is a literal substring, matched
//! case-insensitively over all of Unicode.
//!
//! The store keeps a folded copy of each message's content (computed with [`fold`] when the text is
//! written or edited) and matches it with `folded LIKE ? ESCAPE '\'`, binding
//! [`SearchQuery::like_pattern`]. Folding both sides in Rust gives SQLite and PostgreSQL the same
//! answer, which neither database's own case-insensitive matching would.

use super::messages::is_python_whitespace;

/// A non-empty, folded search term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    folded: String,
}

impl SearchQuery {
    /// The `q` parameter, trimmed like Python's `str.strip()`. `None` (missing, or nothing but
    /// whitespace) means the answer is `[]` without asking the store.
    pub fn parse(q: Option<&str>) -> Option<SearchQuery> {
        let trimmed = q?.trim_matches(is_python_whitespace);
        (!trimmed.is_empty()).then(|| SearchQuery { folded: fold(trimmed) })
    }

    /// The folded term.
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// `%<term>%` with `\`, `%` and `_` escaped, for `folded_content LIKE ? ESCAPE '\'`: every
    /// character of the term matches only itself.
    pub fn like_pattern(&self) -> String {
        let mut pattern = String::with_capacity(self.folded.len() + 2);
        pattern.push('%');
        for c in self.folded.chars() {
            if matches!(c, '\\' | '%' | '_') {
                pattern.push('\\');
            }
            pattern.push(c);
        }
        pattern.push('%');
        pattern
    }

    /// What the store's query decides for one message text (reference model for tests).
    pub fn matches(&self, content: &str) -> bool {
        fold(content).contains(&self.folded)
    }
}

/// The case-insensitive form of a text: each character lowercased on its own, and final sigma `ς`
/// read as `σ`.
///
/// Per character, because `str::to_lowercase` writes `Σ` as `ς` at the end of a word and `σ`
/// elsewhere, so `ΟΔΟΣ` would not contain the folded query `Σ`. An attachment row's empty content
/// folds to `""` and so matches no (non-empty) query.
pub fn fold(text: &str) -> String {
    text.chars().flat_map(char::to_lowercase).map(|c| if c == 'ς' { 'σ' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn query(q: &str) -> SearchQuery {
        SearchQuery::parse(Some(q)).unwrap()
    }

    #[test]
    fn missing_and_blank_queries_search_nothing() {
        assert_eq!(SearchQuery::parse(None), None);
        assert_eq!(SearchQuery::parse(Some("")), None);
        assert_eq!(SearchQuery::parse(Some(" \t\n\u{a0}\u{1c}\u{3000}")), None);
    }

    #[test]
    fn the_query_is_trimmed_and_folded() {
        assert_eq!(query("  Hello World \n").folded(), "hello world");
        assert!(query(" hello ").matches("Say HELLO there"));
    }

    #[test]
    fn matching_ignores_case_beyond_ascii() {
        assert!(query("ÉCOLE").matches("une école"));
        assert!(query("straße").matches("STRASSE und Straße"));
        assert!(query("Σ").matches("ΟΔΟΣ"));
        assert!(query("οδος").matches("ΟΔΟΣ"));
        assert!(query("ΟΔΟΣ").matches("οδος"));
        assert!(!query("ß").matches("SS"));
    }

    #[test]
    fn wildcards_and_backslashes_are_literal() {
        assert_eq!(query("50%").like_pattern(), "%50\\%%");
        assert_eq!(query("a_b").like_pattern(), "%a\\_b%");
        assert_eq!(query("c:\\x").like_pattern(), "%c:\\\\x%");
        assert!(!query("%").matches(""));
        assert!(!query("a_c").matches("abc"));
        assert!(query("a_c").matches("x A_C y"));
    }

    /// SQL `LIKE` with `ESCAPE '\'` over characters: `%` any run, `_` one character, `\x` literal x.
    fn like(pattern: &[char], text: &[char]) -> bool {
        match pattern.split_first() {
            None => text.is_empty(),
            Some(('%', rest)) => (0..=text.len()).any(|skip| like(rest, &text[skip..])),
            Some(('_', rest)) => !text.is_empty() && like(rest, &text[1..]),
            Some((&c, rest)) => {
                let (literal, rest) = match (c, rest.split_first()) {
                    ('\\', Some((&escaped, after))) => (escaped, after),
                    _ => (c, rest),
                };
                text.first() == Some(&literal) && like(rest, &text[1..])
            }
        }
    }

    proptest! {
        #[test]
        fn the_like_pattern_agrees_with_literal_substring_search(
            text in "[aAbB%_\\\\ΣσςİéÉ ]{0,12}",
            q in "[aAbB%_\\\\Σςé]{1,4}",
        ) {
            let query = query(&q);
            let folded: Vec<char> = fold(&text).chars().collect();
            let pattern: Vec<char> = query.like_pattern().chars().collect();
            prop_assert_eq!(like(&pattern, &folded), query.matches(&text));
        }

        #[test]
        fn a_text_is_found_in_itself_and_lowercasing_it_changes_nothing(
            text in "\\PC{1,10}",
            before in "\\PC{0,3}",
            after in "\\PC{0,3}",
        ) {
            prop_assume!(SearchQuery::parse(Some(&text)).is_some());
            let surrounded = format!("{before}{text}{after}");
            prop_assert!(query(&text).matches(&surrounded));
            prop_assert!(query(&text.to_lowercase()).matches(&surrounded));
            prop_assert_eq!(fold(&text.to_lowercase()), fold(&text));
        }
    }
}
