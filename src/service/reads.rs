//! What the caller has read: marking a conversation read, who has read what, and the unread counts
//! of the public channels.
use super::access::{self, Recording};
use super::{CurrentUser, Error, Failure, Services};
use crate::contract::schemas;
use crate::domain::paging::{named, window_receipts, PageError, ReceiptWindow};
use crate::domain::reads::{receipt_map, ReadMark};
use crate::store::{history, reads};

/// Marks everything the caller can see in `channel` as read.
pub async fn mark_read(services: &Services, user: &CurrentUser, channel: &str) -> Result<(), Error> {
    let conversation = access::for_reading(services, user, channel).await?;
    if access::recording(services, &conversation).await? == Recording::Nothing {
        return Ok(());
    }
    let user_id = user.id;
    services
        .store
        .run(move |conn| {
            let signed_up_at = reads::signed_up_at(conn, user_id)?;
            let initial = ReadMark::initial(&conversation.id, signed_up_at, conversation.visible_from);
            reads::mark_read(conn, user_id, &conversation.key, initial, conversation.visible_from)
        })
        .await?;
    Ok(())
}

/// Who has read which message of `channel`, by name. A private channel's member sees the receipts
/// of what was said since they joined, nothing older. With a window (`from_id`/`to_id`, raw query
/// values) only the receipts of the newest `max_history_page` sends in it; a bad bound is refused.
pub async fn receipts(
    services: &Services,
    user: &CurrentUser,
    channel: &str,
    from_id: Option<&str>,
    to_id: Option<&str>,
) -> Result<schemas::ReadReceipts, Failure<PageError>> {
    let window = ReceiptWindow::parse(from_id, to_id).transpose().map_err(Failure::Refused)?;
    let conversation = access::for_reading(services, user, channel).await?;
    let (key, visible_from) = (conversation.key, conversation.visible_from);
    let Some(window) = window else {
        let receipts = services.store.run(move |conn| reads::receipts(conn, &key, visible_from)).await?;
        return Ok(schemas::ReadReceipts(receipt_map(receipts.named())));
    };
    let max_sends = usize::try_from(services.settings.max_history_page).unwrap_or(usize::MAX);
    // A send has a text row and up to `max_files_per_message` attachment rows.
    let rows_per_send = services.settings.max_files_per_message.saturating_add(1);
    let max_rows = i64::try_from(services.settings.max_history_page.saturating_mul(rows_per_send)).unwrap_or(i64::MAX);
    let map = services
        .store
        .run(move |conn| {
            // Below the caller's first visible message there is nothing to walk through.
            let Some(start) = history::visible_start(conn, &key, visible_from)? else {
                return Ok(receipt_map(std::iter::empty()));
            };
            let bounds = (window.from_id.max(start.first_id), window.to_id);
            let sends = reads::window_sends(conn, &key, visible_from, bounds, max_sends, max_rows)?;
            let (Some(newest), Some(oldest)) = (sends.first(), sends.last()) else {
                return Ok(receipt_map(std::iter::empty()));
            };
            let (marks, names) = reads::marks_covering(conn, &key, (oldest.ts, newest.ts))?;
            let pairs = window_receipts(&sends, &marks);
            Ok(receipt_map(named(&pairs, &names)))
        })
        .await?;
    Ok(schemas::ReadReceipts(map))
}

/// The caller's unread count in every configured public channel: three queries however many
/// channels are configured (the web app polls this every second).
pub async fn channel_unreads(services: &Services, user: &CurrentUser) -> Result<schemas::UnreadCounts, Error> {
    let mut conversations = Vec::with_capacity(services.settings.channels.len());
    for name in &services.settings.channels {
        // Public channels are open to everyone; resolving them costs no query.
        match access::for_reading(services, user, name).await {
            Ok(conversation) => conversations.push(conversation),
            Err(Error::Denied(_)) => {}
            Err(err) => return Err(err),
        }
    }
    let user_id = user.id;
    let counts = services
        .store
        .run(move |conn| {
            let keys: Vec<String> = conversations.iter().map(|c| c.key.clone()).collect();
            let signed_up_at = reads::signed_up_at(conn, user_id)?;
            let marks = reads::marks(conn, user_id, &keys)?;
            let bounds: Vec<(String, f64)> = conversations
                .iter()
                .map(|c| {
                    let mark = marks
                        .get(&c.key)
                        .copied()
                        .unwrap_or_else(|| ReadMark::initial(&c.id, signed_up_at, c.visible_from));
                    (c.key.clone(), mark.unread_after(c.visible_from))
                })
                .collect();
            let unread = reads::unread_counts(conn, user_id, &bounds)?;
            Ok(keys
                .into_iter()
                .map(|key| {
                    let count = unread.get(&key).copied().unwrap_or(0);
                    (key, count)
                })
                .collect())
        })
        .await?;
    Ok(schemas::UnreadCounts(counts))
}
