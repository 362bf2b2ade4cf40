//! History pages and receipt windows (issue 19) in the DM alice–bob, which by now holds the
//! fixtures' three messages and bob's "One more thing about the PR.": the newest page, the page
//! before it, the page after a message, the page around one, the receipts of a page, and every kind
//! of bad input, each answer under its own name.
use serde_json::{Map, Value};

use super::snap::exchange;
use super::walk::Tour;

impl Tour<'_> {
    pub(super) fn paging(&mut self) -> anyhow::Result<()> {
        let alice = self.user("alice")?;
        let dm = self.loaded.channel("dm:alice:bob")?;
        let path = |query: &str| format!("/messages/{dm}?{query}");
        let newest = alice.get(&path("limit=2"))?;
        let oldest_shown = newest.json()?.as_array().and_then(|rows| rows.first()?["id"].as_i64());
        let oldest_shown = oldest_shown.ok_or_else(|| anyhow::anyhow!("the newest page of {dm} is empty"))?;
        let review = self.loaded.message("pr-review")?;
        let sure = self.loaded.message("pr-sure")?;
        let mut pages = Map::new();
        pages.insert("newest (limit=2)".into(), exchange(&newest));
        pages.insert(
            "before the newest page".into(),
            exchange(&alice.get(&path(&format!("before={oldest_shown}&limit=2")))?),
        );
        pages.insert("after_id pr-review".into(), exchange(&alice.get(&path(&format!("after_id={review}&limit=2")))?));
        pages
            .insert("around pr-sure (limit=3)".into(), exchange(&alice.get(&path(&format!("around={sure}&limit=3")))?));
        pages.insert("default size".into(), exchange(&alice.get(&path(&format!("before={}", i64::MAX)))?));
        self.snap("list_messages_pages", Value::Object(pages));

        let erin = self.user("erin")?;
        let mut bad = Map::new();
        for query in [
            "limit=0",
            "limit=-1",
            "limit=ten",
            "before=abc",
            "after_id=0",
            "around=-1",
            "before=5&after_id=1",
            "after=0&limit=5",
            "around=987654321",
        ] {
            bad.insert(query.into(), exchange(&alice.get(&path(query))?));
        }
        bad.insert("around a message of another conversation".into(), {
            let general = self.loaded.channel("general")?;
            exchange(&alice.get(&format!("/messages/{general}?around={review}"))?)
        });
        bad.insert(
            "around, by someone outside the DM".into(),
            exchange(&erin.get(&path(&format!("around={review}")))?),
        );
        bad.insert("limit=5, by someone outside the DM".into(), exchange(&erin.get(&path("limit=5"))?));
        self.snap("list_messages_pages_bad_input", Value::Object(bad));

        let mut windows = Map::new();
        windows.insert(
            "the newest page".into(),
            self.receipts_of(alice, "dm:alice:bob", &format!("?from_id={oldest_shown}"))?,
        );
        windows.insert("pr-review to pr-sure".into(), {
            self.receipts_of(alice, "dm:alice:bob", &format!("?from_id={review}&to_id={sure}"))?
        });
        for query in ["from_id=0", "to_id=x", "from_id=-3&to_id=9"] {
            windows.insert(query.into(), exchange(&alice.get(&format!("/read_receipts/{dm}?{query}"))?));
        }
        self.snap("read_receipts_windows", Value::Object(windows));
        Ok(())
    }
}
