//! The cookie-signing keys every node shares (see `service::signing_keys` for the policy). The
//! table holds a handful of rows: one per rotation still within its grace period.
use anyhow::Context;
use diesel::prelude::*;

use super::schema::signing_keys;
use super::{per_backend, DbConnection};

#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct StoredKey {
    pub generation: i64,
    pub secret: Vec<u8>,
    /// Signs from this time on (Unix seconds), until a newer generation does.
    pub active_from: f64,
    /// Verifies until this time; `None`: no end yet.
    pub retired_until: Option<f64>,
}

/// Records `secret` as the first key, signing from `now`, unless there is a key already (nodes
/// that start together race here; exactly one insert wins and every node reads the winner back).
pub fn insert_first(conn: &mut DbConnection, secret: &[u8], now: f64) -> anyhow::Result<()> {
    per_backend!(conn, |c| diesel::insert_into(signing_keys::table)
        .values((
            signing_keys::generation.eq(1i64),
            signing_keys::secret.eq(secret),
            signing_keys::created_at.eq(now),
            signing_keys::active_from.eq(now),
        ))
        .on_conflict_do_nothing()
        .execute(c))
    .context("record the first signing key")?;
    Ok(())
}

/// The keys that verify at `now`, newest generation first.
pub fn accepted(conn: &mut DbConnection, now: f64) -> anyhow::Result<Vec<StoredKey>> {
    signing_keys::table
        .filter(signing_keys::retired_until.is_null().or(signing_keys::retired_until.gt(now)))
        .select((
            signing_keys::generation,
            signing_keys::secret,
            signing_keys::active_from,
            signing_keys::retired_until,
        ))
        .order(signing_keys::generation.desc())
        .load(conn)
        .context("read the signing keys")
}

/// Adds `secret` as a new generation signing from `active_from`; keys without an end are retired
/// at `retired_until`, and keys whose end has passed are deleted. Run it in a transaction. Of two
/// rotations at once, the second fails on the generation's primary key and changes nothing.
/// Returns the new generation.
pub fn rotate(
    conn: &mut DbConnection,
    secret: &[u8],
    now: f64,
    active_from: f64,
    retired_until: f64,
) -> anyhow::Result<i64> {
    let newest: Option<i64> = signing_keys::table
        .select(diesel::dsl::max(signing_keys::generation))
        .first(conn)
        .context("read the newest signing key")?;
    diesel::update(signing_keys::table.filter(signing_keys::retired_until.is_null()))
        .set(signing_keys::retired_until.eq(Some(retired_until)))
        .execute(conn)
        .context("retire the signing keys")?;
    diesel::delete(signing_keys::table.filter(signing_keys::retired_until.le(now)))
        .execute(conn)
        .context("delete expired signing keys")?;
    let generation = newest.unwrap_or(0) + 1;
    diesel::insert_into(signing_keys::table)
        .values((
            signing_keys::generation.eq(generation),
            signing_keys::secret.eq(secret),
            signing_keys::created_at.eq(now),
            signing_keys::active_from.eq(active_from),
        ))
        .execute(conn)
        .context("record the new signing key (did another rotation run at the same time? run it again)")?;
    Ok(generation)
}
