//! Files kept in the database (a PostgreSQL deployment's attachments and avatars): one
//! `stored_files` row per file and its contents as numbered `file_chunks`. How a file is cut into
//! chunks is the caller's (`uploads::database`); these are the queries.
use anyhow::Context;
use diesel::prelude::*;

use super::schema::{file_chunks, stored_files};
use super::DbConnection;

/// A stored file's row, without its contents.
#[derive(Debug, Clone, Queryable)]
pub struct Blob {
    pub id: i64,
    pub size: i64,
    pub created_at: f64,
}

/// Records a new file (its chunks follow, in the same transaction); returns its id.
pub fn insert_file(conn: &mut DbConnection, area: &str, name: &str, size: i64, created_at: f64) -> anyhow::Result<i64> {
    diesel::insert_into(stored_files::table)
        .values((
            stored_files::area.eq(area),
            stored_files::name.eq(name),
            stored_files::size.eq(size),
            stored_files::created_at.eq(created_at),
        ))
        .returning(stored_files::id)
        .get_result(conn)
        .context("record stored file")
}

/// Stores chunk number `seq` of a file.
pub fn insert_chunk(conn: &mut DbConnection, file_id: i64, seq: i64, data: &[u8]) -> anyhow::Result<()> {
    diesel::insert_into(file_chunks::table)
        .values((file_chunks::file_id.eq(file_id), file_chunks::seq.eq(seq), file_chunks::data.eq(data)))
        .execute(conn)
        .context("store file chunk")?;
    Ok(())
}

/// The file `name` of `area`, if it is stored.
pub fn find(conn: &mut DbConnection, area: &str, name: &str) -> anyhow::Result<Option<Blob>> {
    stored_files::table
        .filter(stored_files::area.eq(area).and(stored_files::name.eq(name)))
        .select((stored_files::id, stored_files::size, stored_files::created_at))
        .first(conn)
        .optional()
        .context("find stored file")
}

/// Chunk number `seq` of a file; `None` when there is no such chunk (the file was removed since it
/// was opened).
pub fn chunk(conn: &mut DbConnection, file_id: i64, seq: i64) -> anyhow::Result<Option<Vec<u8>>> {
    file_chunks::table
        .filter(file_chunks::file_id.eq(file_id).and(file_chunks::seq.eq(seq)))
        .select(file_chunks::data)
        .first(conn)
        .optional()
        .context("read file chunk")
}

/// The names of the files of `area` written before `cutoff` (seconds since the epoch).
pub fn names_older_than(conn: &mut DbConnection, area: &str, cutoff: f64) -> anyhow::Result<Vec<String>> {
    stored_files::table
        .filter(stored_files::area.eq(area).and(stored_files::created_at.lt(cutoff)))
        .select(stored_files::name)
        .load(conn)
        .context("list old stored files")
}

/// Removes the files `names` of `area` with their chunks; returns how many were stored.
pub fn delete(conn: &mut DbConnection, area: &str, names: &[String]) -> anyhow::Result<usize> {
    let counts = super::batched(names, |names| {
        let removed = diesel::delete(stored_files::table.filter(stored_files::area.eq(area)))
            .filter(stored_files::name.eq_any(names))
            .execute(conn)
            .context("remove stored files")?;
        Ok(vec![removed])
    })?;
    Ok(counts.into_iter().sum())
}
