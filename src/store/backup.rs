//! Consistent copies of a live SQLite database, for `minimost admin backup`.
use std::path::Path;

use anyhow::{bail, Context};
use diesel::prelude::*;
use diesel::sql_types::Text;

use super::DbConnection;

/// Writes a consistent, compacted copy of the database to `dest` (which must not exist) with
/// `VACUUM INTO`: one read transaction, so servers keep writing meanwhile and the copy is the
/// database as of one moment.
pub fn copy_into(conn: &mut DbConnection, dest: &Path) -> anyhow::Result<()> {
    let DbConnection::Sqlite(conn) = conn else {
        bail!("the database is PostgreSQL: back it up with pg_dump (see the README, \"Operating Minimost\")");
    };
    let dest = dest.to_str().context("the backup's path is not UTF-8")?;
    diesel::sql_query("VACUUM INTO ?").bind::<Text, _>(dest).execute(conn).context("copy the database")?;
    Ok(())
}

/// SQLite's own consistency check of the database file at `path` (`PRAGMA quick_check`), on a
/// connection of its own: `Ok` when it is sound.
pub fn check_file(path: &Path) -> anyhow::Result<()> {
    let url = path.to_str().context("the database's path is not UTF-8")?;
    let conn = SqliteConnection::establish(url).with_context(|| format!("cannot open {}", path.display()))?;
    check(&mut DbConnection::Sqlite(conn))
}

/// SQLite's own consistency check of a database (`PRAGMA quick_check`): `Ok` when it is sound.
pub fn check(conn: &mut DbConnection) -> anyhow::Result<()> {
    #[derive(QueryableByName)]
    struct Verdict {
        #[diesel(sql_type = Text)]
        quick_check: String,
    }
    let DbConnection::Sqlite(conn) = conn else { bail!("only a SQLite database is checked this way") };
    let verdicts: Vec<Verdict> = diesel::sql_query("PRAGMA quick_check").load(conn).context("check the database")?;
    match verdicts.first() {
        Some(verdict) if verdicts.len() == 1 && verdict.quick_check == "ok" => Ok(()),
        _ => bail!(
            "the database is damaged: {}",
            verdicts.iter().map(|verdict| verdict.quick_check.as_str()).collect::<Vec<_>>().join("; ")
        ),
    }
}
