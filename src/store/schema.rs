//! Table definitions shared by the SQLite and PostgreSQL migrations (kept in step by hand; the store
//! tests run every query against both backends).
diesel::table! {
    users (id) {
        id -> BigInt,
        username -> Text,
        username_key -> Text,
        password_hash -> Text,
        failed_logins -> BigInt,
        locked_until -> Nullable<Double>,
        name_color -> Nullable<Text>,
        bio -> Nullable<Text>,
        avatar_file -> Nullable<Text>,
        created_at -> Double,
    }
}

diesel::table! {
    sessions (token_hash) {
        token_hash -> Text,
        user_id -> BigInt,
        created_at -> Double,
        last_used_at -> Double,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::allow_tables_to_appear_in_same_query!(users, sessions);
