//! Reading a conversation's history: the classic `after=` poll ([`super::messages::changed`]) or one
//! page by message id (issue 19), whichever the request asks for.
use super::access;
use std::collections::HashMap;

use super::changes::views_of;
use super::messages;
use super::{CurrentUser, Denied, Error, Failure, Services};
use crate::contract::schemas;
use crate::domain::paging::{around_split, Cursor, Page, PageError, PageParams, PageSizes};
use crate::store::history::{self, PageRow, VisibleStart};
use crate::store::messages::{self as store_messages, MessageRow};
use crate::store::DbConnection;

/// Why a history request is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryRefusal {
    /// The paging parameters are invalid (400, the error's text).
    BadPaging(PageError),
    /// `around` names a message the caller cannot see in this conversation (404).
    AroundNotFound,
}

/// The page sizes the settings allow.
pub fn page_sizes(services: &Services) -> PageSizes {
    let max = u32::try_from(services.settings.max_history_page).unwrap_or(u32::MAX);
    let default = u32::try_from(services.settings.history_page_size).unwrap_or(max);
    PageSizes { default, max }
}

/// The messages `GET /messages/{channel}` answers: without paging parameters the classic poll,
/// otherwise the page they name, oldest first.
pub async fn list(
    services: &Services,
    user: &CurrentUser,
    channel: &str,
    params: PageParams<'_>,
) -> Result<Vec<schemas::Message>, Failure<HistoryRefusal>> {
    match params.page(page_sizes(services)) {
        None => Ok(messages::changed(services, user, channel, params.after).await?),
        Some(Err(err)) => Err(Failure::Refused(HistoryRefusal::BadPaging(err))),
        Some(Ok(page)) => page_of(services, user, channel, page).await,
    }
}

/// One page of what the caller can see in `channel`. A conversation they cannot read has no
/// messages for them, as in the classic poll; only `around` insists on a message it can show.
async fn page_of(
    services: &Services,
    user: &CurrentUser,
    channel: &str,
    page: Page,
) -> Result<Vec<schemas::Message>, Failure<HistoryRefusal>> {
    let conversation = match access::for_reading(services, user, channel).await {
        Ok(conversation) => conversation,
        Err(Error::Denied(Denied::Malformed)) => return Err(Denied::Malformed.into()),
        Err(Error::Denied(_)) if matches!(page.cursor, Cursor::Around(_)) => {
            return Err(Failure::Refused(HistoryRefusal::AroundNotFound))
        }
        Err(Error::Denied(_)) => return Ok(Vec::new()),
        Err(err) => return Err(err.into()),
    };
    let (key, visible_from) = (conversation.key, conversation.visible_from);
    let found = services
        .store
        .run(move |conn| {
            let Some(start) = history::visible_start(conn, &key, visible_from)? else {
                return Ok(None);
            };
            let Some(page_rows) = page_rows(conn, &key, start, page)? else {
                return Ok(None);
            };
            let mut pins = HashMap::new();
            let rows = page_rows
                .into_iter()
                .map(|(row, pin)| {
                    if let Some(pin) = pin {
                        pins.insert(row.send_id, pin);
                    }
                    row
                })
                .collect();
            views_of(conn, rows, &pins).map(Some)
        })
        .await?;
    match found {
        Some(messages) => Ok(messages),
        None if matches!(page.cursor, Cursor::Around(_)) => Err(Failure::Refused(HistoryRefusal::AroundNotFound)),
        None => Ok(Vec::new()),
    }
}

/// The rows of a page with their pins, oldest first; `None` when `around` names no visible message
/// of `channel`.
fn page_rows(
    conn: &mut DbConnection,
    channel: &str,
    start: VisibleStart,
    page: Page,
) -> anyhow::Result<Option<Vec<PageRow>>> {
    let limit = page.limit;
    let rows = match page.cursor {
        Cursor::Newest => oldest_first(history::newest_before(conn, channel, start, None, limit)?),
        Cursor::Before(before) => oldest_first(history::newest_before(conn, channel, start, Some(before), limit)?),
        Cursor::After(after) => match after.checked_add(1) {
            Some(from) => history::oldest_from(conn, channel, start, from, limit)?,
            None => Vec::new(),
        },
        Cursor::Around(centre) => {
            let visible = |row: &MessageRow| {
                row.channel == channel
                    && start.visible_from.is_none_or(|from| row.ts >= from)
                    && row.id >= start.first_id
            };
            if !store_messages::find(conn, centre)?.is_some_and(|row| visible(&row)) {
                return Ok(None);
            }
            let older = history::newest_before(conn, channel, start, Some(centre), limit)?;
            let newer = history::oldest_from(conn, channel, start, centre, limit)?;
            let (older_take, newer_take) = around_split(limit, older.len(), newer.len());
            let mut rows = oldest_first(older.into_iter().take(older_take).collect());
            rows.extend(newer.into_iter().take(newer_take));
            rows
        }
    };
    Ok(Some(rows))
}

/// Rows loaded newest first, put in the answer's order (oldest first).
fn oldest_first(mut rows: Vec<PageRow>) -> Vec<PageRow> {
    rows.reverse();
    rows
}
