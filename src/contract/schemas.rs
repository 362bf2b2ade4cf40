// @generated from api-spec/minimost.yaml by `cargo xtask codegen`.
// DO NOT EDIT: change the spec (or the generator in xtask/src/codegen/) and regenerate.
#![allow(clippy::all, deprecated)]

//! The types of `components.schemas`. JSON field order is ascending by name (sorted keys).
use utoipa::openapi as oa;

/// An error in JSON form.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// What went wrong.
    #[schema(example = json!("unauthenticated"))]
    pub error: String,
}

/// Success marker of `POST /delete_account`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct StatusOk {
    /// Always `ok`.
    #[schema(example = json!("ok"))]
    pub status: String,
}

/// Fields of the sign-in form.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct LoginForm {
    /// The token embedded in the form by `GET /login`; must match the browser's token unless the check is switched off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false, example = json!("9f2c4b6a8e0d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a"))]
    pub csrf_token: Option<String>,
    /// The password, exactly as typed.
    #[schema(example = json!("Correct-Horse-9"))]
    pub password: String,
    /// Username in any letter case; surrounding whitespace is ignored.
    #[schema(example = json!("alice"))]
    pub username: String,
}

/// Fields of the registration form.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct SignupForm {
    /// Must equal `password` exactly.
    #[schema(example = json!("Correct-Horse-9"))]
    pub confirm_password: String,
    /// The token embedded in the form by `GET /signup`; must match the browser's token unless the check is switched off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false, example = json!("9f2c4b6a8e0d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a"))]
    pub csrf_token: Option<String>,
    /// 8–1024 characters with at least one digit, one uppercase letter and one special character.
    #[schema(example = json!("Correct-Horse-9"))]
    pub password: String,
    /// 1–32 characters of letters, digits, `-` and `_` (surrounding whitespace removed); not a reserved name.
    #[schema(example = json!("alice"))]
    pub username: String,
}

/// Public channel names in configured order.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(example = json!(["general", "software", "firmware", "systems", "off-topic"]))]
#[serde(transparent)]
pub struct ChannelList(pub Vec<String>);

/// Public channel name to the caller's unread message count; every channel is present.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct UnreadCounts(pub std::collections::BTreeMap<String, i64>);

impl utoipa::PartialSchema for UnreadCounts {
    fn schema() -> oa::RefOr<oa::schema::Schema> {
        oa::RefOr::T(oa::schema::Schema::Object(
            oa::schema::ObjectBuilder::new()
                .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::Object))
                .description(Some(TEXT[0]))
                .example(Some(serde_json::json!({"general": 3, "software": 0, "off-topic": 1})))
                .additional_properties(Some(<i64 as utoipa::PartialSchema>::schema()))
                .build(),
        ))
    }
}
impl utoipa::ToSchema for UnreadCounts {}

/// One message as the caller sees it. All 14 keys are always present. A send with text and k images is k+1 messages sharing one `ts`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Message {
    /// Channel id (DM ids in canonical form).
    #[schema(example = json!("dm:alice:bob"))]
    pub channel: String,
    /// The text; `""` for an image message; null when the message is deleted.
    #[schema(required = true, example = json!("Deploy is done, @bob"))]
    pub content: Option<String>,
    /// 1 when the message is deleted (a tombstone), else 0.
    #[schema(example = json!(0))]
    pub deleted: i64,
    /// Time of the (last) deletion, or null.
    #[schema(required = true)]
    pub deleted_ts: Option<f64>,
    /// 1 once the text has been edited, else 0.
    #[schema(example = json!(0))]
    pub edited: i64,
    /// Time of the last edit, or null.
    #[schema(required = true)]
    pub edited_ts: Option<f64>,
    /// Stored name of the attached image (fetch it from `/files/{filename}`); null for a text message and for a deleted message.
    #[schema(required = true)]
    pub filename: Option<String>,
    /// Global message id, the same for every viewer.
    #[schema(example = json!(42))]
    pub id: i64,
    /// JSON text of the array of channel members mentioned in the text (registered spelling, channel member order), or `["@everyone"]` for a channel-wide mention; null when nobody is mentioned, for image messages and for deleted messages.
    #[schema(required = true, example = json!("[\"bob\"]"))]
    pub mentions: Option<String>,
    /// JSON text of the current reaction map (reaction name to reactors, both in ascending order, written with `": "` and `", "` separators); null when there are none.
    #[schema(required = true, example = json!("{\"heart\": [\"alice\", \"bob\"], \"thumbsup\": [\"carol\"]}"))]
    pub reactions: Option<String>,
    /// Time of the last reaction change, or null.
    #[schema(required = true)]
    pub reactions_ts: Option<f64>,
    /// Global id of the message this one answers; null when none or when deleted.
    #[schema(required = true)]
    pub reply_to_id: Option<i64>,
    /// Author's username; `system` for system notices, `Deleted User` after the author soft-deleted their account.
    #[schema(example = json!("alice"))]
    pub sender: String,
    /// Send time in Unix seconds; shared by all messages of one send.
    #[schema(example = json!(1716000000.123))]
    pub ts: f64,
}

/// Messages ordered by `ts`, oldest first.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct MessageList(pub Vec<Message>);

/// Short form of one message.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct MessageSummary {
    /// The text; `""` for an image message; null when deleted.
    #[schema(required = true, example = json!("See you tomorrow"))]
    pub content: Option<String>,
    /// 1 when deleted, else 0.
    #[schema(example = json!(0))]
    pub deleted: i64,
    /// Stored image name, or null for a text message and when deleted.
    #[schema(required = true)]
    pub filename: Option<String>,
    /// Global message id.
    #[schema(example = json!(42))]
    pub id: i64,
    /// Author's username.
    #[schema(example = json!("bob"))]
    pub sender: String,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct SearchHit {
    /// Channel id of the message.
    #[schema(example = json!("software"))]
    pub channel: String,
    /// The message text.
    #[schema(example = json!("the deploy script needs a retry"))]
    pub content: String,
    /// Global message id.
    #[schema(example = json!(42))]
    pub id: i64,
    /// Author's username.
    #[schema(example = json!("carol"))]
    pub sender: String,
    /// Send time in Unix seconds.
    #[schema(example = json!(1716000000.123))]
    pub ts: f64,
}

/// At most 50 hits, newest first.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct SearchResults(pub Vec<SearchHit>);

/// Fields of a send. `files` travels only in `multipart/form-data`; a url-encoded body carries text and reply only.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct SendMessageForm {
    /// Zero or more image parts (`.jpg`, `.jpeg`, `.png`, `.gif`, `.webp`), each within `max_upload_size_mb`; parts with an empty filename are ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false, format = "binary")]
    pub files: Option<Vec<String>>,
    /// Global id of the message being answered (optional). Whitespace around it and a sign are allowed; an empty or unparsable value counts as no reply, as in the original. An integer outside the int64 range names no message: `400 invalid reply`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false, example = json!(41))]
    pub reply_to_id: Option<i64>,
    /// The message text (optional when files are attached); trailing whitespace is removed; at most 16000 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false, example = json!("Hello @everyone"))]
    pub text: Option<String>,
}

/// Field of an edit.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct EditMessageForm {
    /// The new text; trimmed; must not end up empty (the pattern: at least one character that is not whitespace); at most 16000 characters. Missing or blank: `400 empty`.
    #[schema(max_length = 16000, pattern = "[^\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]", example = json!("Deploy is done now"))]
    pub text: String,
}

/// Field of a reaction toggle.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct ReactionForm {
    /// A valid reaction name (trimmed, case-sensitive). Missing or not a valid name: `400 invalid reaction`.
    #[schema(example = json!("thumbsup"))]
    pub reaction: String,
}

/// Reaction name to the users who reacted with it, both in ascending order; `{}` when there are no reactions.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct ReactionMap(pub std::collections::BTreeMap<String, Vec<String>>);

impl utoipa::PartialSchema for ReactionMap {
    fn schema() -> oa::RefOr<oa::schema::Schema> {
        oa::RefOr::T(oa::schema::Schema::Object(
            oa::schema::ObjectBuilder::new()
                .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::Object))
                .description(Some(TEXT[1]))
                .example(Some(serde_json::json!({"heart": ["alice", "bob"], "thumbsup": ["carol"]})))
                .additional_properties(Some(<Vec<String> as utoipa::PartialSchema>::schema()))
                .build(),
        ))
    }
}
impl utoipa::ToSchema for ReactionMap {}

/// A list of usernames.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(example = json!(["alice", "bob"]))]
#[serde(transparent)]
pub struct UsernameList(pub Vec<String>);

/// Username to name colour (`#rrggbb`, letter case as saved).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct UserColors(pub std::collections::BTreeMap<String, String>);

impl utoipa::PartialSchema for UserColors {
    fn schema() -> oa::RefOr<oa::schema::Schema> {
        oa::RefOr::T(oa::schema::Schema::Object(
            oa::schema::ObjectBuilder::new()
                .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::Object))
                .description(Some(TEXT[2]))
                .example(Some(serde_json::json!({"alice": "#e06c75", "bob": "#61AFEF"})))
                .additional_properties(Some(<String as utoipa::PartialSchema>::schema()))
                .build(),
        ))
    }
}
impl utoipa::ToSchema for UserColors {}

/// A user's public profile.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Profile {
    /// Short self-description (at most 160 characters), or null.
    #[schema(required = true, example = json!("Firmware, coffee, cycling."))]
    pub bio: Option<String>,
    /// Name colour `#rrggbb`, or null.
    #[schema(required = true, example = json!("#e06c75"))]
    pub name_color: Option<String>,
    /// The username as requested.
    #[schema(example = json!("alice"))]
    pub username: String,
}

/// Body of an account deletion.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct DeleteAccountRequest {
    /// The caller's current password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false, example = json!("Correct-Horse-9"))]
    pub password: Option<String>,
    /// `soft` (messages kept under `Deleted User`) or `hard` (messages deleted too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false, example = json!("soft"))]
    pub r#type: Option<String>,
}

/// A presence state.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(example = json!("active"))]
pub enum PresenceState {
    #[serde(rename = "active")]
    Active,
    #[serde(rename = "idle")]
    Idle,
    #[serde(rename = "hidden")]
    Hidden,
    #[serde(rename = "offline")]
    Offline,
}

/// Username to presence state, for users seen within the last hour.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct PresenceMap(pub std::collections::BTreeMap<String, PresenceState>);

impl utoipa::PartialSchema for PresenceMap {
    fn schema() -> oa::RefOr<oa::schema::Schema> {
        oa::RefOr::T(oa::schema::Schema::Object(
            oa::schema::ObjectBuilder::new()
                .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::Object))
                .description(Some(TEXT[3]))
                .example(Some(serde_json::json!({"alice": "active", "bob": "idle", "charlie": "offline"})))
                .additional_properties(Some(oa::RefOr::Ref(oa::Ref::from_schema_name(
                    <PresenceState as utoipa::ToSchema>::name(),
                ))))
                .build(),
        ))
    }
}
impl utoipa::ToSchema for PresenceMap {}

/// Body of a presence report.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct PresenceUpdate {
    /// `active`, `idle`, `hidden` or `offline`; anything else is ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false, example = json!("idle"))]
    pub state: Option<String>,
}

/// One direct conversation of the caller.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct DmConversation {
    /// Canonical DM id.
    #[schema(example = json!("dm:alice:bob:carol"))]
    pub channel: String,
    /// Messages from others the caller has not read (deleted ones excluded).
    #[schema(example = json!(2))]
    pub unread: i64,
    /// The other participants in id order (`[]` for a conversation with oneself).
    #[schema(example = json!(["bob", "carol"]))]
    pub users: Vec<String>,
}

/// Direct conversations, most recently active first.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct DmList(pub Vec<DmConversation>);

/// Body of a DM close.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct CloseDmRequest {
    /// The DM id to hide (any order of names; surrounding whitespace ignored). Missing or not starting with `dm:`: `400 invalid channel`.
    #[schema(pattern = "^[\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*dm:", example = json!("dm:alice:bob"))]
    pub channel: String,
}

/// Total of unread direct messages.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct UnreadCount {
    /// Unread messages from others over all visible direct conversations.
    #[schema(example = json!(4))]
    pub count: i64,
}

/// Send timestamp (formatted like a Python float) to the users who have read that send.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct ReadReceipts(pub std::collections::BTreeMap<String, Vec<String>>);

impl utoipa::PartialSchema for ReadReceipts {
    fn schema() -> oa::RefOr<oa::schema::Schema> {
        oa::RefOr::T(oa::schema::Schema::Object(
            oa::schema::ObjectBuilder::new()
                .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::Object))
                .description(Some(TEXT[4]))
                .example(Some(serde_json::json!({"1716000000.123": ["alice", "bob"], "1716000001.456": ["alice"]})))
                .additional_properties(Some(<Vec<String> as utoipa::PartialSchema>::schema()))
                .build(),
        ))
    }
}
impl utoipa::ToSchema for ReadReceipts {}

/// The caller's settings.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Settings {
    /// Stored file name of the caller's avatar, or null.
    #[schema(required = true, example = json!("7d1e9a3c5b2f4e6a8c0d1b3f5e7a9c2d.jpg"))]
    pub avatar_file: Option<String>,
    /// Short self-description, or null.
    #[schema(required = true)]
    pub bio: Option<String>,
    /// Name colour `#rrggbb`, or null.
    #[schema(required = true, example = json!("#61afef"))]
    pub name_color: Option<String>,
}

/// Settings to change; absent keys stay as they are.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct SettingsUpdate {
    /// Trimmed and cut to 160 characters; `""` (or JSON `null`) clears.
    #[schema(example = json!("Firmware, coffee, cycling."))]
    pub bio: Option<String>,
    /// `#rrggbb` (six hex digits; surrounding whitespace ignored), or `""` (or JSON `null`) to clear. Anything else: `400 invalid color`, and nothing is stored.
    #[schema(pattern = "^(#[0-9A-Fa-f]{6})?$", example = json!("#61afef"))]
    pub name_color: Option<String>,
}

/// Avatar upload form.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct AvatarUpload {
    /// The image (JPEG, PNG, GIF or WebP), within `max_avatar_size_mb`. Missing, or a part without a file name: `400 no file`.
    #[schema(format = "binary")]
    pub avatar: String,
}

/// A private channel the caller belongs to.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct PrivateChannel {
    /// Channel id, `private:<id>`.
    #[schema(example = json!("private:3"))]
    pub channel: String,
    /// Numeric id of the channel.
    #[schema(example = json!(3))]
    pub id: i64,
    /// Current members, ascending.
    #[schema(example = json!(["alice", "bob"]))]
    pub members: Vec<String>,
    /// Display name.
    #[schema(example = json!("release-crew"))]
    pub name: String,
    /// Messages from others the caller has not read.
    #[schema(example = json!(0))]
    pub unread: i64,
}

/// Private channels, by id ascending.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct PrivateChannelList(pub Vec<PrivateChannel>);

/// Body of a private channel creation.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct CreatePrivateChannelRequest {
    /// Usernames to include (the caller is added automatically).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false, example = json!(["bob", "carol"]))]
    pub members: Option<Vec<String>>,
    /// Display name, 1–80 characters after trimming (the pattern: at least one character that is not whitespace). Missing or blank: `400 name required`.
    #[schema(max_length = 80, pattern = "[^\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]", example = json!("release-crew"))]
    pub name: String,
}

/// A newly created private channel.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct CreatedPrivateChannel {
    /// Channel id, `private:<id>`.
    #[schema(example = json!("private:3"))]
    pub channel: String,
    /// Numeric id of the channel.
    #[schema(example = json!(3))]
    pub id: i64,
    /// Display name as stored (trimmed).
    #[schema(example = json!("release-crew"))]
    pub name: String,
}

/// Body of a rename.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct RenamePrivateChannelRequest {
    /// New display name, 1–80 characters after trimming (the pattern: at least one character that is not whitespace). Missing or blank: `400 name required`.
    #[schema(max_length = 80, pattern = "[^\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]", example = json!("launch-crew"))]
    pub name: String,
}

/// Body of an add-member request.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct AddMemberRequest {
    /// Exact username of the user to add (surrounding whitespace ignored). Missing or blank: `400 username required`.
    #[schema(pattern = "[^\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]", example = json!("dave"))]
    pub username: String,
}

/// One member of a private channel.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct ChannelMember {
    /// The member's username.
    #[schema(example = json!("alice"))]
    pub username: String,
}

/// Members, ascending by username.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct ChannelMemberList(pub Vec<ChannelMember>);

/// Long texts of the spec, referenced by index.
const TEXT: &[&str] = &[
    "Public channel name to the caller's unread message count; every channel is present.",
    "Reaction name to the users who reacted with it, both in ascending order; `{}` when there are no reactions.",
    "Username to name colour (`#rrggbb`, letter case as saved).",
    "Username to presence state, for users seen within the last hour.",
    "Send timestamp (formatted like a Python float) to the users who have read that send.",
];
