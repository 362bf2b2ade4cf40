//! What travels between nodes: the text of an event notification (as the `minimost_publish`
//! function writes it), audiences as stored in the log, and batches of presence news.
use anyhow::{anyhow, bail, Context};

use crate::domain::presence::PresenceState;
use crate::events::Audience;

/// A `minimost_events` notification.
#[derive(Debug, Clone, PartialEq)]
pub enum EventNotice {
    /// `<id> <kind> <audience>\n<data>`: the whole event.
    Inline { id: u64, kind: String, audience: Option<String>, data: String },
    /// `<id>`: too large for a notification; the event is read from the log.
    Reference { id: u64 },
}

impl EventNotice {
    pub fn parse(payload: &str) -> anyhow::Result<EventNotice> {
        let (head, data) = match payload.split_once('\n') {
            Some((head, data)) => (head, Some(data)),
            None => (payload, None),
        };
        let mut fields = head.split(' ');
        let id = fields.next().unwrap_or_default().parse().with_context(|| format!("bad event id in {head:?}"))?;
        let Some(data) = data else {
            return Ok(EventNotice::Reference { id });
        };
        let (Some(kind), Some(audience), None) = (fields.next(), fields.next(), fields.next()) else {
            bail!("bad event notice head {head:?}");
        };
        let audience = (audience != "null").then(|| audience.to_owned());
        Ok(EventNotice::Inline { id, kind: kind.to_owned(), audience, data: data.to_owned() })
    }

    pub fn id(&self) -> u64 {
        match self {
            EventNotice::Inline { id, .. } | EventNotice::Reference { id } => *id,
        }
    }
}

/// An audience as the log stores it: `None` for everyone, else a compact JSON array of user ids
/// (no spaces, so it is one field of a notification's head).
pub fn audience_text(audience: &Audience) -> Option<String> {
    match audience {
        Audience::Everyone => None,
        Audience::Users(ids) => Some(serde_json::to_string(ids).unwrap_or_else(|_| "[]".to_owned())),
    }
}

pub fn parse_audience(text: Option<&str>) -> anyhow::Result<Audience> {
    match text {
        None => Ok(Audience::Everyone),
        Some(text) => Ok(Audience::Users(serde_json::from_str(text).context("bad audience in the event log")?)),
    }
}

/// One presence or typing fact to repeat on the other nodes. Each node records it with its own
/// clock when it arrives, so node clocks never need to agree.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum PresenceNews {
    State { user: i64, name: String, state: String },
    Typing { channel: String, user: i64, name: String },
    Forget { user: i64 },
}

impl PresenceNews {
    pub fn state(user: i64, name: &str, state: PresenceState) -> PresenceNews {
        PresenceNews::State { user, name: name.to_owned(), state: state.as_str().to_owned() }
    }

    pub fn parsed_state(state: &str) -> anyhow::Result<PresenceState> {
        PresenceState::parse(state).ok_or_else(|| anyhow!("unknown presence state {state:?}"))
    }
}

/// A `minimost_presence` notification: news from one node.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PresenceBatch {
    pub node: String,
    pub news: Vec<PresenceNews>,
}

/// Notification payloads stay under this many bytes (PostgreSQL refuses 8,000 and more).
pub const MAX_PAYLOAD: usize = 7_000;

/// Encodes `news` from `node` as few payloads as fit [`MAX_PAYLOAD`]. One item too large even
/// alone (a name or channel of thousands of bytes) is dropped with a warning: the next heartbeat
/// of a real client is small.
pub fn presence_payloads(node: &str, news: Vec<PresenceNews>) -> Vec<String> {
    let mut payloads = Vec::new();
    let mut batch = PresenceBatch { node: node.to_owned(), news: Vec::new() };
    let mut size = node.len() + 32;
    for item in news {
        let item_size = serde_json::to_string(&item).map(|text| text.len() + 1).unwrap_or(usize::MAX);
        if node.len() + 32 + item_size > MAX_PAYLOAD {
            tracing::warn!(bytes = item_size, "a presence update is too large to relay; dropped");
            continue;
        }
        if size + item_size > MAX_PAYLOAD {
            payloads.extend(serde_json::to_string(&batch).ok());
            batch.news.clear();
            size = node.len() + 32;
        }
        size += item_size;
        batch.news.push(item);
    }
    if !batch.news.is_empty() {
        payloads.extend(serde_json::to_string(&batch).ok());
    }
    payloads
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inline_notice_carries_id_kind_audience_and_data() {
        let notice = EventNotice::parse("42 message [1,2]\n{\"a\":\"b c\\n\"}").unwrap();
        assert_eq!(
            notice,
            EventNotice::Inline {
                id: 42,
                kind: "message".into(),
                audience: Some("[1,2]".into()),
                data: "{\"a\":\"b c\\n\"}".into()
            }
        );
        let everyone = EventNotice::parse("7 presence null\n{}").unwrap();
        assert!(matches!(everyone, EventNotice::Inline { audience: None, .. }));
    }

    #[test]
    fn a_notice_of_only_an_id_is_a_reference() {
        assert_eq!(EventNotice::parse("9000").unwrap(), EventNotice::Reference { id: 9000 });
        assert!(EventNotice::parse("x").is_err());
        assert!(EventNotice::parse("1 message\n{}").is_err());
    }

    #[test]
    fn audiences_round_trip_through_their_text() {
        for audience in [Audience::Everyone, Audience::Users(vec![]), Audience::Users(vec![3, 10, 200])] {
            let text = audience_text(&audience);
            assert!(!text.as_deref().unwrap_or("").contains(' '));
            assert_eq!(parse_audience(text.as_deref()).unwrap(), audience);
        }
    }

    #[test]
    fn presence_news_is_split_into_payloads_under_the_limit() {
        let news: Vec<PresenceNews> =
            (0..500).map(|user| PresenceNews::state(user, &format!("user{user}"), PresenceState::Active)).collect();
        let payloads = presence_payloads("node-a", news.clone());
        assert!(payloads.len() > 1);
        let mut back = Vec::new();
        for payload in &payloads {
            assert!(payload.len() <= MAX_PAYLOAD, "{}", payload.len());
            let batch: PresenceBatch = serde_json::from_str(payload).unwrap();
            assert_eq!(batch.node, "node-a");
            back.extend(batch.news);
        }
        assert_eq!(back, news);
        let huge = PresenceNews::Typing { channel: "x".repeat(10_000), user: 1, name: "a".into() };
        assert_eq!(presence_payloads("n", vec![huge]), Vec::<String>::new());
    }
}
