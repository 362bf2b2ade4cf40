//! `minimost import-minimost <DIR>`: loads the data directory of an original MiniMost (3be25cb)
//! into an empty Minimost database, on either backend (README, "Moving from MiniMost").
//!
//! Phases: read every database of the original (read-only) and merge the per-user copies into one
//! plan (`source`, `merge`); check the files and the target; copy the files (`files`); write the
//! plan in one transaction (`write`). Nothing is written before everything was read and checked;
//! a failure after the files were copied removes them again, and the transaction leaves the
//! database as it was.
mod conversations;
mod files;
mod merge;
mod plan;
mod progress;
mod source;
mod write;

use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use diesel::Connection;

use crate::config::Config;
use crate::store::{self, Store};
use progress::Phase;

/// What an import did, for the closing summary.
#[derive(Debug, Clone)]
pub struct Summary {
    pub users: usize,
    pub messages: usize,
    pub copies_merged: usize,
    pub conversations: usize,
    pub private_channels: usize,
    pub reactions: usize,
    pub files: usize,
    pub file_bytes: u64,
    pub unreferenced_files: usize,
    pub notes: Vec<String>,
    pub elapsed: Duration,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Imported in {:.1} s:", self.elapsed.as_secs_f64())?;
        writeln!(f, "  {} users (their MiniMost passwords work; each is re-hashed at its first login)", self.users)?;
        writeln!(
            f,
            "  {} messages in {} conversations ({} per-user copies merged)",
            self.messages, self.conversations, self.copies_merged
        )?;
        writeln!(f, "  {} private channels, {} reactions", self.private_channels, self.reactions)?;
        write!(f, "  {} files ({} bytes)", self.files, self.file_bytes)?;
        if self.unreferenced_files > 0 {
            write!(f, "; {} files in uploads/ no message refers to were left out", self.unreferenced_files)?;
        }
        for note in &self.notes {
            write!(f, "\n  note: {note}")?;
        }
        Ok(())
    }
}

/// Imports the MiniMost data directory `source` into the database and file stores that `config`
/// names. `force` replaces whatever the target holds; without it a non-empty target is refused.
pub async fn run(config: &Config, source: &Path, force: bool) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let url = config.database_url();
    let store = tokio::task::spawn_blocking(move || Store::open_for_command(&url)).await??;
    let (uploads, avatars) = crate::app::file_stores(&store, &config.data_dir)?;

    let mut plan = read_and_merge(source).await?;
    check_public_channels(&plan.public_channels, &config.settings.channels)?;
    if !force {
        // Checked again inside the transaction; here so that a refusal copies no file.
        store.run(write::check_empty).await?;
    }

    let dir = source.to_owned();
    let (file_plan, plan) = tokio::task::spawn_blocking(move || {
        let files = files::plan_files(&dir, &mut plan, force)?;
        anyhow::Ok((files, plan))
    })
    .await??;

    let phase = Phase::start("files", file_plan.total_bytes(), true);
    let copied = files::copy(&file_plan, &uploads, &avatars, |done| phase.set(done)).await?;
    phase.finish();

    let plan = std::sync::Arc::new(plan);
    let avatar_names = files::avatar_names(&file_plan);
    let written = {
        let plan = plan.clone();
        store
            .run(move |conn| {
                conn.transaction(|conn| {
                    write::prepare_target(conn, force)?;
                    let users = Phase::start("users", plan.users.len() as u64, false);
                    write::write_people_and_conversations(conn, &plan, &avatar_names)?;
                    users.set(plan.users.len() as u64);
                    users.finish();
                    let messages = Phase::start("messages", plan.messages.len() as u64, false);
                    write::write_messages(conn, &plan, |done| messages.set(done as u64))?;
                    write::advance_id_sequences(conn)?;
                    messages.finish();
                    Ok(())
                })
            })
            .await
    };
    if let Err(err) = written {
        copied.undo(&uploads, &avatars).await;
        return Err(err.context("nothing was imported (the database is unchanged and the copied files were removed)"));
    }

    let mut notes = Vec::new();
    for (user, reason) in &file_plan.avatars_skipped {
        notes.push(format!("{user}'s avatar was left out: {reason}"));
    }
    let n = &plan.notes;
    if n.replies_unresolved > 0 {
        notes.push(format!("{} replies point at a message the sender's store no longer has", n.replies_unresolved));
    }
    if n.reactions_dropped + n.receipts_dropped > 0 {
        notes.push(format!(
            "{} reactions and {} read receipts were on messages or by users that no longer exist",
            n.reactions_dropped, n.receipts_dropped
        ));
    }
    Ok(Summary {
        users: plan.users.len(),
        messages: plan.messages.len(),
        copies_merged: n.copies_merged,
        conversations: plan.channels.len(),
        private_channels: plan.private_channels.len(),
        reactions: plan.reactions.len(),
        files: file_plan.count(),
        file_bytes: file_plan.total_bytes(),
        unreferenced_files: file_plan.unreferenced,
        notes,
        elapsed: started.elapsed(),
    })
}

/// Reads the original and merges it (blocking work, off the async threads), with a bar counting the
/// stores read. Only the plan is kept: the rows as read are dropped once merged.
async fn read_and_merge(source: &Path) -> anyhow::Result<plan::Plan> {
    let dir = source.to_owned();
    tokio::task::spawn_blocking(move || {
        let stores = std::fs::read_dir(dir.join("users"))
            .map(|entries| {
                entries.filter_map(Result::ok).filter(|e| e.file_name().to_string_lossy().ends_with(".db")).count()
            })
            .unwrap_or(0);
        let reading = Phase::start("reading", stores as u64, false);
        let mut read = 0;
        let original = source::read(&dir, |_| {
            read += 1;
            reading.set(read);
        })?;
        reading.finish();
        merge::plan(&original, store::now())
    })
    .await
    .context("the import's reading task failed")?
}

/// Our public channels come from our settings (`channels`), not from the database: every public
/// channel of the original (listed in its settings.json, or holding messages) must be listed there
/// too, or its history would be imported but never shown. Refuses otherwise, with the list to use.
fn check_public_channels(original: &[String], ours: &[String]) -> anyhow::Result<()> {
    let missing: Vec<&String> = original.iter().filter(|name| !ours.contains(name)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut wanted: Vec<&String> = ours.iter().collect();
    wanted.extend(missing.iter().copied());
    let list = serde_json::to_string(&wanted).unwrap_or_default();
    bail!(
        "the original has public channels that Minimost's settings do not list: {}. Add them to the settings \
         file (`\"channels\": {list}`) and run the import again; nothing was imported",
        missing.iter().map(|name| format!("{name:?}")).collect::<Vec<_>>().join(", ")
    )
}
