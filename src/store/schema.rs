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

diesel::table! {
    channels (id) {
        id -> Text,
        kind -> Integer,
        clock -> Double,
        last_message_ts -> Nullable<Double>,
    }
}

diesel::table! {
    private_channels (id) {
        id -> BigInt,
        name -> Text,
        creator_id -> Nullable<BigInt>,
        created_at -> Double,
    }
}

diesel::table! {
    channel_members (channel, user_id) {
        channel -> Text,
        user_id -> BigInt,
        joined_at -> Double,
        hidden_at -> Nullable<Double>,
    }
}

diesel::table! {
    messages (id) {
        id -> BigInt,
        channel -> Text,
        send_id -> BigInt,
        sender -> Text,
        sender_id -> Nullable<BigInt>,
        is_system -> Integer,
        content -> Nullable<Text>,
        filename -> Nullable<Text>,
        ts -> Double,
        edited_ts -> Nullable<Double>,
        deleted_ts -> Nullable<Double>,
        reply_to_id -> Nullable<BigInt>,
        reactions_ts -> Nullable<Double>,
        mentions -> Nullable<Text>,
        changed_ts -> Double,
        folded_content -> Nullable<Text>,
    }
}

diesel::table! {
    pins (send_id) {
        send_id -> BigInt,
        channel -> Text,
        pinned_by -> Nullable<Text>,
        pinned_ts -> Nullable<Double>,
        changed_ts -> Double,
    }
}

diesel::table! {
    reactions (send_id, name, user_id) {
        send_id -> BigInt,
        name -> Text,
        user_id -> BigInt,
        created_at -> Double,
    }
}

diesel::table! {
    channel_reads (user_id, channel) {
        user_id -> BigInt,
        channel -> Text,
        read_ts -> Double,
        receipts_from -> Double,
    }
}

diesel::table! {
    /// The cluster's event log (PostgreSQL; empty on SQLite): see `store::event_log`.
    event_log (id) {
        id -> BigInt,
        audience -> Nullable<Text>,
        kind -> Text,
        data -> Text,
    }
}

diesel::table! {
    stored_files (id) {
        id -> BigInt,
        area -> Text,
        name -> Text,
        size -> BigInt,
        created_at -> Double,
    }
}

diesel::table! {
    signing_keys (generation) {
        generation -> BigInt,
        secret -> Binary,
        created_at -> Double,
        active_from -> Double,
        retired_until -> Nullable<Double>,
    }
}

diesel::table! {
    file_chunks (file_id, seq) {
        file_id -> BigInt,
        seq -> BigInt,
        data -> Binary,
    }
}

diesel::table! {
    cluster_settings (name) {
        name -> Text,
        value -> Text,
        changed_at -> Double,
    }
}

diesel::table! {
    nodes (id) {
        id -> Text,
        started_at -> Double,
        last_seen -> Double,
    }
}

diesel::table! {
    password_resets (token_hash) {
        token_hash -> Text,
        user_id -> BigInt,
        created_at -> Double,
        expires_at -> Double,
        used_at -> Nullable<Double>,
    }
}

diesel::joinable!(channel_members -> users (user_id));
diesel::joinable!(channel_members -> channels (channel));
diesel::joinable!(reactions -> users (user_id));
diesel::joinable!(password_resets -> users (user_id));
diesel::joinable!(channel_reads -> users (user_id));
diesel::joinable!(file_chunks -> stored_files (file_id));
diesel::allow_tables_to_appear_in_same_query!(
    users,
    sessions,
    channels,
    private_channels,
    channel_members,
    messages,
    reactions,
    channel_reads,
    event_log,
    stored_files,
    file_chunks,
    signing_keys,
    cluster_settings,
    nodes,
    pins,
    password_resets,
);
