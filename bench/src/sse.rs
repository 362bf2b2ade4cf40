//! An incremental Server-Sent Events parser: bytes in as they arrive, complete events out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SseEvent {
    pub id: Option<String>,
    /// The `event:` field; `message` when absent, as EventSource does.
    pub kind: String,
    pub data: String,
}

#[derive(Default)]
pub struct SseParser {
    buffer: Vec<u8>,
    current: SseEvent,
    has_data: bool,
}

impl SseParser {
    /// Feeds bytes; returns the events they complete.
    pub fn push(&mut self, bytes: &[u8]) -> Vec<SseEvent> {
        self.buffer.extend_from_slice(bytes);
        let mut events = Vec::new();
        while let Some(end) = self.buffer.iter().position(|&b| b == b'\n') {
            let mut line: Vec<u8> = self.buffer.drain(..=end).collect();
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            self.line(&String::from_utf8_lossy(&line), &mut events);
        }
        events
    }

    fn line(&mut self, line: &str, events: &mut Vec<SseEvent>) {
        if line.is_empty() {
            let mut event = std::mem::take(&mut self.current);
            if std::mem::take(&mut self.has_data) {
                if event.kind.is_empty() {
                    event.kind = "message".to_string();
                }
                events.push(event);
            }
            return;
        }
        if line.starts_with(':') {
            return; // a comment (keep-alive)
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "event" => self.current.kind = value.to_string(),
            "id" => self.current.id = Some(value.to_string()),
            "data" => {
                if self.has_data {
                    self.current.data.push('\n');
                }
                self.current.data.push_str(value);
                self.has_data = true;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_split_across_chunks_come_out_whole() {
        let mut parser = SseParser::default();
        assert!(parser.push(b"id: 7\nevent: mess").is_empty());
        assert!(parser.push(b"age\ndata: {\"a\":1}\n").is_empty());
        let events = parser.push(b"\n:keep-alive\n\ndata:x\r\ndata: y\r\n\r\n");
        assert_eq!(
            events,
            vec![
                SseEvent { id: Some("7".into()), kind: "message".into(), data: "{\"a\":1}".into() },
                SseEvent { id: None, kind: "message".into(), data: "x\ny".into() },
            ]
        );
    }

    #[test]
    fn an_event_without_data_is_not_dispatched() {
        let mut parser = SseParser::default();
        assert!(parser.push(b"event: resync\n\n").is_empty());
        assert_eq!(parser.push(b"event: resync\ndata: {}\n\n")[0].kind, "resync");
    }
}
