//! How this process's SQLite connections are set up beyond what diesel's API reaches. Both settings
//! only change how much work SQLite does per statement, never what a statement returns.
//!
//! - The query planner stability guarantee (`SQLITE_DBCONFIG_ENABLE_QPSG`). Without it, when the
//!   planner reads the value bound to a parameter while planning (it does for every `LIMIT ?`, and
//!   diesel binds every limit, `first()` included), SQLite marks the prepared statement to be planned
//!   again whenever that parameter is bound anew. Diesel's statement cache then saved nothing: every
//!   execution parsed and planned the statement again, about a fifth of the CPU of a request that
//!   reads a page of history. Each of our queries is written for one plan (an index range) whatever
//!   its values, which is what the guarantee keeps.
//! - The multi-thread mode (`SQLITE_CONFIG_MULTITHREAD`) instead of the serialized one: no mutex
//!   taken and released around every call (each column of each row read is one). It requires that
//!   a connection is never used by two threads at once, which holds by construction: a diesel
//!   connection is not `Sync`, and the pool lends each one to one task at a time.
use std::os::raw::{c_char, c_int};
use std::sync::Once;

use libsqlite3_sys as ffi;

/// Applies both settings to every SQLite connection this process opens from now on. Call before
/// opening the first connection; later calls do nothing. (Opened before, e.g. by a test, SQLite is
/// already initialised and keeps its serialized mode, which is only slower.)
pub fn configure_before_first_connection() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        // SAFETY: called before this process initialises SQLite (or refused with SQLITE_MISUSE,
        // which changes nothing); the mode's condition is explained in the module documentation.
        unsafe { ffi::sqlite3_config(ffi::SQLITE_CONFIG_MULTITHREAD) };
        // SAFETY: `enable_qpsg` has the signature SQLite calls an automatic extension with, and
        // stays valid for the life of the process.
        let rc = unsafe { ffi::sqlite3_auto_extension(Some(enable_qpsg)) };
        if rc != ffi::SQLITE_OK {
            tracing::warn!(rc, "cannot register the SQLite planner setting; statements are planned per execution");
        }
    });
}

/// Runs inside `sqlite3_open_v2` for each new connection.
unsafe extern "C" fn enable_qpsg(
    db: *mut ffi::sqlite3,
    _error: *mut *mut c_char,
    _api: *const ffi::sqlite3_api_routines,
) -> c_int {
    // SAFETY: `db` is the connection being opened; the option takes an int and an optional int
    // pointer for the previous value (none wanted). A failure leaves the default, which is only slower.
    let enable: c_int = 1;
    unsafe { ffi::sqlite3_db_config(db, ffi::SQLITE_DBCONFIG_ENABLE_QPSG, enable, std::ptr::null_mut::<c_int>()) };
    ffi::SQLITE_OK
}

#[cfg(test)]
mod tests {
    use diesel::connection::SimpleConnection;
    use diesel::prelude::*;

    use super::*;

    diesel::table! { numbers (id) { id -> BigInt, } }

    /// A statement whose `LIMIT` is bound anew still answers by its new values (the guarantee
    /// changes how often a statement is planned, never what it returns).
    #[test]
    fn limited_statements_answer_by_their_current_bindings() {
        configure_before_first_connection();
        let mut conn = SqliteConnection::establish(":memory:").unwrap();
        conn.batch_execute(
            "CREATE TABLE numbers (id INTEGER PRIMARY KEY); INSERT INTO numbers VALUES (1), (2), (3), (4);",
        )
        .unwrap();
        for limit in [1_i64, 3, 2, 4, 0] {
            let ids: Vec<i64> =
                numbers::table.select(numbers::id).order(numbers::id.desc()).limit(limit).load(&mut conn).unwrap();
            let expected: Vec<i64> = (1..=4).rev().take(limit as usize).collect();
            assert_eq!(ids, expected, "limit {limit}");
        }
    }
}
