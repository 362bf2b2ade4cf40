//! What `minimost admin …` prints: the operator's account chores on top of
//! [`crate::service::admin_accounts`], and the summaries of backups.
use std::io::{BufRead, Write};

use anyhow::Context;

use crate::backup::Summary;
use crate::domain::accounts::DeleteKind;
use crate::service::admin_accounts::{self, AccountSummary};
use crate::store::Store;
use crate::uploads::Uploads;

/// `create-user`: the password from the first line of standard input, or a generated one that is
/// printed (once: only its hash is kept).
pub async fn create_user(store: &Store, user: &str, password_stdin: bool) -> anyhow::Result<()> {
    let (password, generated) = if password_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).context("cannot read the password from standard input")?;
        (line.trim_end_matches(['\r', '\n']).to_owned(), false)
    } else {
        (admin_accounts::generated_password(), true)
    };
    let username = admin_accounts::create(store, user, &password).await?;
    println!("created user {username}");
    if generated {
        println!("password: {password}");
    }
    Ok(())
}

pub async fn delete_user(store: &Store, files: (Uploads, Uploads), user: &str, hard: bool) -> anyhow::Result<()> {
    let kind = if hard { DeleteKind::Hard } else { DeleteKind::Soft };
    let deleted = admin_accounts::delete(store, (&files.0, &files.1), user, kind).await?;
    println!(
        "deleted user {} ({}): {} messages changed in {} conversations, {} attachments removed",
        deleted.username,
        if hard { "hard: messages deleted too" } else { "messages kept as \"Deleted User\"" },
        deleted.changed_messages,
        deleted.changed_conversations,
        deleted.removed_files
    );
    Ok(())
}

pub async fn unlock(store: &Store, user: &str) -> anyhow::Result<()> {
    let unlocked = admin_accounts::unlock(store, user).await?;
    if unlocked.was_locked {
        println!("unlocked {}", unlocked.username);
    } else {
        println!("{} was not locked (its count of failed logins is cleared)", unlocked.username);
    }
    Ok(())
}

pub async fn list_users(store: &Store, json: bool) -> anyhow::Result<()> {
    let accounts = admin_accounts::list(store).await?;
    let mut out = std::io::stdout().lock();
    if json {
        for account in &accounts {
            writeln!(out, "{}", serde_json::to_string(account)?)?;
        }
        return Ok(());
    }
    let width = accounts.iter().map(|account| account.username.chars().count()).max().unwrap_or(0).max(4);
    writeln!(out, "{:<width$}  {:<29}  {:<29}  locked", "name", "created", "last seen")?;
    for account in &accounts {
        writeln!(out, "{}", table_row(account, width))?;
    }
    Ok(())
}

fn table_row(account: &AccountSummary, width: usize) -> String {
    let locked = match account.locked_until {
        Some(until) => format!("until {}", utc(until)),
        None if account.failed_logins > 0 => format!("no ({} failed logins)", account.failed_logins),
        None => "no".to_owned(),
    };
    let last_seen = account.last_seen.map_or_else(|| "-".to_owned(), utc);
    format!("{:<width$}  {:<29}  {:<29}  {locked}", account.username, utc(account.created_at), last_seen)
}

/// Unix seconds as an HTTP date (`Thu, 03 Dec 2026 18:14:27 GMT`).
fn utc(seconds: f64) -> String {
    httpdate::fmt_http_date(std::time::UNIX_EPOCH + std::time::Duration::from_secs_f64(seconds.max(0.0)))
}

/// One line about an archive.
pub fn describe_archive(what: &str, summary: &Summary) -> String {
    format!(
        "{what}: the database ({} bytes) and {} stored files ({} bytes)",
        summary.database_bytes, summary.files, summary.file_bytes
    )
}
