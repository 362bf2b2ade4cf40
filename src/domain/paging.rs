//! Paging a conversation's history by message id (issue 19): which page a request asks for, how the
//! page around a message is split, and which read receipts a window of messages holds. Ids are
//! positions: within a conversation they grow with `ts` (the channel clock hands out both in commit
//! order), so "older" is "smaller id" and a cursor stays valid while new messages arrive.
use std::collections::HashMap;

/// The paging parameters of `GET /messages/{channel}` as they arrived (each `None` when absent).
#[derive(Debug, Clone, Copy, Default)]
pub struct PageParams<'a> {
    pub after: Option<&'a str>,
    pub limit: Option<&'a str>,
    pub before: Option<&'a str>,
    pub after_id: Option<&'a str>,
    pub around: Option<&'a str>,
}

/// Page sizes: the size of a page without `limit`, and the largest one (larger ones are clamped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSizes {
    pub default: u32,
    pub max: u32,
}

/// Where a page lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cursor {
    /// The newest messages.
    Newest,
    /// The newest messages with an id below this.
    Before(i64),
    /// The oldest messages with an id above this.
    After(i64),
    /// The page centred on this message (which must be visible to the caller).
    Around(i64),
}

/// One page request: at most `limit` messages at `cursor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub limit: u32,
    pub cursor: Cursor,
}

/// Why a paging request is refused (400); the text is the answer's body.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    #[error("invalid {0}: expected a whole number greater than 0")]
    NotPositive(&'static str),
    #[error("invalid {0}: expected a message id (a whole number greater than 0)")]
    NotAnId(&'static str),
    #[error("use only one of before, after_id and around")]
    SeveralCursors,
    #[error("after cannot be combined with limit, before, after_id or around")]
    AfterWithPaging,
}

impl PageParams<'_> {
    /// `None`: no paging parameter, so the classic `after=` poll. Otherwise the page asked for, or why
    /// the parameters are refused. Cursors are checked in a fixed order, so an answer never depends on
    /// the order of the query string.
    pub fn page(&self, sizes: PageSizes) -> Option<Result<Page, PageError>> {
        let paging = [self.limit, self.before, self.after_id, self.around];
        if paging.iter().all(Option::is_none) {
            return None;
        }
        Some(self.parse(sizes))
    }

    fn parse(&self, sizes: PageSizes) -> Result<Page, PageError> {
        if self.after.is_some() {
            return Err(PageError::AfterWithPaging);
        }
        let limit = match self.limit {
            None => sizes.default,
            Some(raw) => parse_limit(raw, "limit", sizes.max)?,
        };
        let cursors = [
            self.before.map(|raw| parse_id(raw, "before").map(Cursor::Before)),
            self.after_id.map(|raw| parse_id(raw, "after_id").map(Cursor::After)),
            self.around.map(|raw| parse_id(raw, "around").map(Cursor::Around)),
        ];
        let mut given = cursors.into_iter().flatten();
        let cursor = match (given.next(), given.next()) {
            (None, _) => Cursor::Newest,
            (Some(cursor), None) => cursor?,
            (Some(_), Some(_)) => return Err(PageError::SeveralCursors),
        };
        Ok(Page { limit, cursor })
    }
}

/// Whether `raw` is a whole number greater than 0 written in decimal digits only (no sign, no
/// spaces: the contract's `^0*[1-9][0-9]*$`).
fn is_positive_decimal(raw: &str) -> bool {
    !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) && raw.bytes().any(|b| b != b'0')
}

/// A page size: a whole number of at least 1; one above `max`, however many digits it has, is
/// clamped to `max`.
pub fn parse_limit(raw: &str, name: &'static str, max: u32) -> Result<u32, PageError> {
    if !is_positive_decimal(raw) {
        return Err(PageError::NotPositive(name));
    }
    // All digits and not zero: anything that does not fit is above every maximum.
    Ok(raw.parse::<u64>().map_or(max, |n| n.min(u64::from(max)) as u32))
}

/// A message id used as a position: a whole number from 1. It need not name a message; one beyond
/// the largest id there can be (`i64::MAX`) is that largest position.
pub fn parse_id(raw: &str, name: &'static str) -> Result<i64, PageError> {
    if !is_positive_decimal(raw) {
        return Err(PageError::NotAnId(name));
    }
    Ok(raw.parse::<i64>().unwrap_or(i64::MAX))
}

/// How many of the messages older than the centre (`older` found, newest first) and of the centre
/// and newer ones (`newer` found, the centre first) make the page around a message: up to half the
/// page (rounded down) older, the rest newer, and when one side runs out the other fills the page.
/// So the page holds `min(limit, older + newer)` messages and always the centre (`newer >= 1`).
pub fn around_split(limit: u32, older: usize, newer: usize) -> (usize, usize) {
    let limit = limit as usize;
    let older_wanted = older.min(limit / 2);
    let newer_take = newer.min(limit - older_wanted);
    let older_take = older.min(limit - newer_take);
    (older_take, newer_take)
}

/// The window of `GET /read_receipts/{channel}?from_id=&to_id=` (inclusive message ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceiptWindow {
    pub from_id: i64,
    pub to_id: i64,
}

impl ReceiptWindow {
    /// `None` when neither bound is given (the whole answer); a missing bound is open.
    pub fn parse(from_id: Option<&str>, to_id: Option<&str>) -> Option<Result<ReceiptWindow, PageError>> {
        if from_id.is_none() && to_id.is_none() {
            return None;
        }
        let bound = |raw: Option<&str>, name, open| raw.map_or(Ok(open), |raw| parse_id(raw, name));
        Some(bound(from_id, "from_id", 1).and_then(|from_id| {
            let to_id = bound(to_id, "to_id", i64::MAX)?;
            Ok(ReceiptWindow { from_id, to_id })
        }))
    }
}

/// One send of a receipt window: its `ts`, its sender's account (`None` once deleted or for system
/// notices) and whether it is a system notice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WindowSend {
    pub ts: f64,
    pub sender_id: Option<i64>,
    pub is_system: bool,
}

/// A reader's receipt interval: they have read what was sent in `(receipts_from, read_ts]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReaderMark {
    pub user_id: i64,
    pub receipts_from: f64,
    pub read_ts: f64,
}

/// The `(ts, reader)` receipts on the window's sends: the rule of the whole answer
/// (`store::reads::receipts`) applied to a bounded set of sends, so a page's receipts cost what the
/// page costs. A reader never has a receipt on their own send, nor anyone on a system notice.
pub fn window_receipts(sends: &[WindowSend], readers: &[ReaderMark]) -> Vec<(f64, i64)> {
    let mut pairs = Vec::new();
    for send in sends.iter().filter(|send| !send.is_system) {
        for reader in readers {
            let read = reader.receipts_from < send.ts && send.ts <= reader.read_ts;
            if read && send.sender_id != Some(reader.user_id) {
                pairs.push((send.ts, reader.user_id));
            }
        }
    }
    pairs
}

/// The readers' names for [`window_receipts`]' ids (readers without a name are left out).
pub fn named<'a>(pairs: &'a [(f64, i64)], names: &'a HashMap<i64, String>) -> impl Iterator<Item = (f64, &'a str)> {
    pairs.iter().filter_map(|(ts, reader)| names.get(reader).map(|name| (*ts, name.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SIZES: PageSizes = PageSizes { default: 50, max: 200 };

    fn page(params: PageParams) -> Option<Result<Page, PageError>> {
        params.page(SIZES)
    }

    #[test]
    fn no_paging_parameter_is_the_classic_poll() {
        assert_eq!(page(PageParams::default()), None);
        assert_eq!(page(PageParams { after: Some("0"), ..Default::default() }), None);
    }

    #[test]
    fn limit_alone_is_the_newest_page_and_absent_limit_takes_the_default() {
        let newest = page(PageParams { limit: Some("20"), ..Default::default() });
        assert_eq!(newest, Some(Ok(Page { limit: 20, cursor: Cursor::Newest })));
        let before = page(PageParams { before: Some("7"), ..Default::default() });
        assert_eq!(before, Some(Ok(Page { limit: 50, cursor: Cursor::Before(7) })));
    }

    #[test]
    fn a_huge_limit_is_clamped_to_the_maximum() {
        for raw in ["201", "100000", "99999999999999999999999999", "000300"] {
            let parsed = page(PageParams { limit: Some(raw), ..Default::default() });
            assert_eq!(parsed, Some(Ok(Page { limit: 200, cursor: Cursor::Newest })), "{raw}");
        }
    }

    #[test]
    fn zero_negative_and_non_numeric_limits_are_refused() {
        for raw in ["0", "00", "-1", "abc", "", "1.5", "1e3", "+", "+5", " 5", "5 ", "- 1", "0x10", "\u{661}"] {
            let parsed = page(PageParams { limit: Some(raw), ..Default::default() });
            assert_eq!(parsed, Some(Err(PageError::NotPositive("limit"))), "{raw:?}");
        }
    }

    #[test]
    fn cursors_must_be_positive_ids() {
        for raw in ["0", "-5", "x", "", " 7", "+7", "1.0"] {
            let parsed = page(PageParams { around: Some(raw), ..Default::default() });
            assert_eq!(parsed, Some(Err(PageError::NotAnId("around"))), "{raw:?}");
        }
        for raw in ["9223372036854775807", "9223372036854775808", "123456789012345678901234567890"] {
            let max = page(PageParams { before: Some(raw), ..Default::default() });
            assert_eq!(max, Some(Ok(Page { limit: 50, cursor: Cursor::Before(i64::MAX) })), "{raw}");
        }
    }

    #[test]
    fn two_cursors_or_after_with_paging_are_refused() {
        let two = page(PageParams { before: Some("5"), after_id: Some("1"), ..Default::default() });
        assert_eq!(two, Some(Err(PageError::SeveralCursors)));
        let mixed = page(PageParams { after: Some("0"), limit: Some("5"), ..Default::default() });
        assert_eq!(mixed, Some(Err(PageError::AfterWithPaging)));
        assert_eq!(
            PageError::AfterWithPaging.to_string(),
            "after cannot be combined with limit, before, after_id or around"
        );
    }

    #[test]
    fn receipt_windows_have_open_bounds_and_refuse_bad_ids() {
        assert_eq!(ReceiptWindow::parse(None, None), None);
        assert_eq!(ReceiptWindow::parse(Some("4"), None), Some(Ok(ReceiptWindow { from_id: 4, to_id: i64::MAX })));
        assert_eq!(ReceiptWindow::parse(None, Some("9")), Some(Ok(ReceiptWindow { from_id: 1, to_id: 9 })));
        assert_eq!(ReceiptWindow::parse(Some("0"), Some("9")), Some(Err(PageError::NotAnId("from_id"))));
        assert_eq!(ReceiptWindow::parse(Some("1"), Some("z")), Some(Err(PageError::NotAnId("to_id"))));
    }

    #[test]
    fn window_receipts_skip_own_sends_and_system_notices() {
        let sends = [
            WindowSend { ts: 1.0, sender_id: Some(1), is_system: false },
            WindowSend { ts: 2.0, sender_id: None, is_system: true },
            WindowSend { ts: 3.0, sender_id: None, is_system: false },
            WindowSend { ts: 4.0, sender_id: Some(2), is_system: false },
        ];
        let readers = [
            ReaderMark { user_id: 1, receipts_from: 0.0, read_ts: 3.0 },
            ReaderMark { user_id: 2, receipts_from: 0.5, read_ts: 4.0 },
        ];
        assert_eq!(window_receipts(&sends, &readers), vec![(1.0, 2), (3.0, 1), (3.0, 2)]);
    }

    proptest! {
        #[test]
        fn the_page_around_a_message_holds_it_and_as_much_as_fits(
            limit in 1u32..300, older in 0usize..400, newer in 1usize..400,
        ) {
            let (older_take, newer_take) = around_split(limit, older, newer);
            prop_assert!(newer_take >= 1, "the centre is on the page");
            prop_assert!(older_take <= older && newer_take <= newer);
            prop_assert_eq!(older_take + newer_take, (limit as usize).min(older + newer));
            // Balanced while both sides have enough: older at most half, never starved by newer.
            prop_assert!(older_take >= older.min(limit as usize / 2));
        }

        #[test]
        fn a_limit_is_accepted_exactly_when_it_matches_the_contracts_pattern(raw in "[-+ 0-9a]{0,25}") {
            let pattern = !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) && raw.bytes().any(|b| b != b'0');
            match parse_limit(&raw, "limit", 200) {
                Ok(limit) => prop_assert!(pattern && (1..=200).contains(&limit)),
                Err(err) => prop_assert!(!pattern && err == PageError::NotPositive("limit")),
            }
        }
    }
}
