//! The SQLite and PostgreSQL migration sets and `src/store/schema.rs` are kept in step by hand; this
//! checks that they describe the same tables with the same columns and nullability.
mod common;

use std::collections::BTreeMap;

use diesel::sql_types::{Bool, Text};
use diesel::{Connection, PgConnection, QueryableByName, RunQueryDsl, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");
const SCHEMA_RS: &str = include_str!("../src/store/schema.rs");

/// Table → column → nullable.
type Tables = BTreeMap<String, BTreeMap<String, bool>>;

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Bool)]
    nullable: bool,
}

fn collect(columns: Vec<Column>) -> Tables {
    let mut tables = Tables::new();
    for column in columns {
        tables.entry(column.table_name).or_default().insert(column.column_name, column.nullable);
    }
    tables
}

/// The ordinary tables after every SQLite migration: not SQLite's own, not diesel's bookkeeping, and
/// not the full-text index (a virtual table and its shadow tables, which have no PostgreSQL
/// counterpart: there the index is a trigram index on `messages`). A rowid primary key (`INTEGER
/// PRIMARY KEY`) cannot hold NULL even though it is not declared NOT NULL.
fn sqlite_tables() -> Tables {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = dir.path().join("schema.db").to_str().unwrap().to_string();
    let mut conn = SqliteConnection::establish(&url).expect("open SQLite database");
    conn.run_pending_migrations(SQLITE_MIGRATIONS).expect("SQLite migrations apply");
    let columns = diesel::sql_query(
        "SELECT t.name AS table_name, c.name AS column_name, (c.\"notnull\" = 0 AND c.pk = 0) AS nullable \
         FROM pragma_table_list AS t JOIN pragma_table_info(t.name) AS c \
         WHERE t.schema = 'main' AND t.type = 'table' AND t.name NOT LIKE 'sqlite_%' \
         AND t.name <> '__diesel_schema_migrations'",
    )
    .load::<Column>(&mut conn)
    .expect("read SQLite columns");
    collect(columns)
}

fn postgres_tables() -> Tables {
    let (_database, url) = common::PostgresDb::create();
    let mut conn = PgConnection::establish(&url).expect("open PostgreSQL database");
    conn.run_pending_migrations(POSTGRES_MIGRATIONS).expect("PostgreSQL migrations apply");
    let columns = diesel::sql_query(
        "SELECT table_name::text AS table_name, column_name::text AS column_name, \
         (is_nullable = 'YES') AS nullable \
         FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations'",
    )
    .load::<Column>(&mut conn)
    .expect("read PostgreSQL columns");
    drop(conn);
    collect(columns)
}

/// The `diesel::table!` blocks of schema.rs: `name (key) {` opens a table, `column -> Type,` declares
/// a column, nullable when its type is `Nullable<…>`.
fn declared_tables() -> Tables {
    let mut tables = Tables::new();
    let mut current: Option<String> = None;
    for line in SCHEMA_RS.lines().map(str::trim) {
        if line == "diesel::table! {" {
            current = None;
            continue;
        }
        match &current {
            None if line.ends_with('{') && line.contains('(') => {
                let name = line.split(['(', ' ']).next().unwrap().to_string();
                tables.insert(name.clone(), BTreeMap::new());
                current = Some(name);
            }
            Some(table) if line.contains("->") && line.ends_with(',') => {
                let (column, sql_type) = line.trim_end_matches(',').split_once("->").unwrap();
                let nullable = sql_type.trim().starts_with("Nullable<");
                tables.get_mut(table).unwrap().insert(column.trim().to_string(), nullable);
            }
            Some(_) if line == "}" => current = None,
            _ => {}
        }
    }
    tables
}

#[test]
fn migrations_and_schema_declare_the_same_tables_and_columns() {
    let declared = declared_tables();
    assert!(
        declared.len() >= 8 && declared["messages"].contains_key("folded_content"),
        "schema.rs parsed: {declared:#?}"
    );
    let sqlite = sqlite_tables();
    let postgres = postgres_tables();
    assert_eq!(sqlite, declared, "the SQLite migrations (left) and schema.rs (right) differ");
    assert_eq!(postgres, declared, "the PostgreSQL migrations (left) and schema.rs (right) differ");
}
