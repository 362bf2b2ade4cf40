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

/// The database server's clock, in seconds since the epoch. Files are dated by it, not by the
/// clock of the node that wrote them, so that a node whose clock runs ahead never takes a file
/// another node has just written for an old one (and sweeps it before its message commits).
pub fn database_clock(conn: &mut DbConnection) -> anyhow::Result<f64> {
    use diesel::dsl::sql;
    use diesel::sql_types::Double;
    let clock = match conn {
        DbConnection::Postgres(conn) => {
            diesel::select(sql::<Double>("CAST(EXTRACT(EPOCH FROM clock_timestamp()) AS DOUBLE PRECISION)"))
                .get_result(conn)
        }
        DbConnection::Sqlite(conn) => {
            diesel::select(sql::<Double>("(julianday('now') - 2440587.5) * 86400.0")).get_result(conn)
        }
    };
    clock.context("read the database clock")
}

/// Records a new file (its chunks follow, in the same transaction), dated now by the database's
/// clock; returns its id.
pub fn insert_file(conn: &mut DbConnection, area: &str, name: &str, size: i64) -> anyhow::Result<i64> {
    let created_at = database_clock(conn)?;
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

/// The names of the files of `area` written more than `age` seconds ago (by the database's clock).
pub fn names_older_than(conn: &mut DbConnection, area: &str, age: f64) -> anyhow::Result<Vec<String>> {
    let cutoff = database_clock(conn)? - age;
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
