// @generated from api-spec/minimost.yaml by `cargo xtask codegen`.
// DO NOT EDIT: change the spec (or the generator in xtask/src/codegen/) and regenerate.
#![allow(clippy::all)]

//! The types of `components.schemas`. JSON field order is ascending by name (sorted keys).

/// An error in JSON form.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: String,
}

/// Success marker of `POST /delete_account`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StatusOk {
    /// Always `ok`.
    pub status: String,
}

/// The answer of `GET /readyz`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Readiness {
    /// Every check, in a fixed order.
    pub checks: Vec<ReadinessCheck>,
    /// The names of the checks that fail, in the order of `checks`.
    pub failing: Vec<String>,
    pub status: ReadinessStatus,
}

/// `ready` when every check passes, else `not_ready`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ReadinessStatus {
    #[serde(rename = "ready")]
    Ready,
    #[serde(rename = "not_ready")]
    NotReady,
}

/// One named readiness check and its outcome.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReadinessCheck {
    /// `ok`, or why it fails (for example `no answer within 2 s`); never internal error text.
    pub detail: String,
    /// The check's name (`accepting`, `database`, …).
    pub name: String,
    /// Whether it passes.
    pub ok: bool,
}

/// Fields of the sign-in form.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LoginForm {
    /// The token embedded in the form by `GET /login`; must match the browser's token unless the check is switched off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csrf_token: Option<String>,
    /// The password, exactly as typed.
    pub password: String,
    /// Username in any letter case; surrounding whitespace is ignored.
    pub username: String,
}

/// Fields of the registration form.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SignupForm {
    /// Must equal `password` exactly.
    pub confirm_password: String,
    /// The token embedded in the form by `GET /signup`; must match the browser's token unless the check is switched off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csrf_token: Option<String>,
    /// 8–1024 characters with at least one digit, one uppercase letter and one special character.
    pub password: String,
    /// 1–32 characters of letters, digits, `-` and `_` (surrounding whitespace removed); not a reserved name.
    pub username: String,
}

/// Fields of the password-reset form.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ResetPasswordForm {
    /// Must equal `password` exactly.
    pub confirm_password: String,
    /// The token embedded in the form by `GET /reset-password/{token}`; must match the browser's token unless the check is switched off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csrf_token: Option<String>,
    /// The new password: 8–1024 characters with at least one digit, one uppercase letter and one special character.
    pub password: String,
}

/// Public channel names in configured order.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct ChannelList(pub Vec<String>);

/// Public channel name to the caller's unread message count; every channel is present.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct UnreadCounts(pub std::collections::BTreeMap<String, i64>);

/// One message as the caller sees it. The 14 required keys are always present; `pinned_by`, `pinned_ts` and `pin_changed_ts` (Minimost additions) only once the message has been pinned. A send with text and k images is k+1 messages sharing one `ts`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Message {
    /// Channel id (DM ids in canonical form).
    pub channel: String,
    /// The text; `""` for a file message; null when the message is deleted.
    pub content: Option<String>,
    /// 1 when the message is deleted (a tombstone), else 0.
    pub deleted: i64,
    /// Time of the (last) deletion, or null.
    pub deleted_ts: Option<f64>,
    /// 1 once the text has been edited, else 0.
    pub edited: i64,
    /// Time of the last edit, or null.
    pub edited_ts: Option<f64>,
    /// Stored name of the attached file (fetch it from `/files/{filename}`): `<32 hex>.<ext>` for an image, `<32 hex>_<sanitised original name>` for any other file; null for a text message and for a deleted message.
    pub filename: Option<String>,
    /// Global message id, the same for every viewer.
    pub id: i64,
    /// JSON text of the array of channel members mentioned in the text (registered spelling, channel member order), or `["@everyone"]` for a channel-wide mention; null when nobody is mentioned, for file messages and for deleted messages.
    pub mentions: Option<String>,
    /// Time of the last pin or unpin; present once the message has been pinned. Like `reactions_ts`, a pin change makes pollers receive the message again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin_changed_ts: Option<f64>,
    /// Who pinned the message (Minimost addition); present only while it is pinned (see `POST /pin/{msg_id}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned_by: Option<String>,
    /// When the message was pinned; present only while it is pinned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned_ts: Option<f64>,
    /// JSON text of the current reaction map (reaction name to reactors, both in ascending order, written with `": "` and `", "` separators); null when there are none.
    pub reactions: Option<String>,
    /// Time of the last reaction change, or null.
    pub reactions_ts: Option<f64>,
    /// Global id of the message this one answers; null when none or when deleted.
    pub reply_to_id: Option<i64>,
    /// Author's username; `system` for system notices, `Deleted User` after the author soft-deleted their account.
    pub sender: String,
    /// Send time in Unix seconds; shared by all messages of one send.
    pub ts: f64,
}

/// A web page's preview card, or `{}` when there is none (then no key is present).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LinkPreview {
    /// The page's description (at most 400 characters; `""` when it has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The page's host without a leading `www.`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Absolute http(s) URL of the page's image; `""` when it names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The page's title (at most 200 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Always `og`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// The page's URL (after redirects).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Messages ordered by `ts`, oldest first.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct MessageList(pub Vec<Message>);

/// The first lines of a text or code attachment (`GET /file_preview/{filename}`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CodePreview {
    /// The first 1000 lines, joined with `\n` (no newline after the last).
    pub code: String,
    /// The download name (the stored name without its `<32 hex>_` prefix).
    pub filename: String,
    /// The stored name.
    pub filepath: String,
    /// Always 1.
    pub first_line_num: i64,
    /// Always null.
    pub highlight_end: Option<i64>,
    /// Always null (kept for the original's shape).
    pub highlight_start: Option<i64>,
    /// The download name's extension, lowercased (`py`, `rs`, `txt`, …).
    pub language: String,
    /// How many lines the whole file has.
    pub total_lines: i64,
    /// Always `code`.
    pub r#type: String,
    /// `/files/<stored name>`.
    pub url: String,
}

/// A code preview, or `{}` when the file is not a text or code file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct FilePreview(pub serde_json::Value);

/// Short form of one message.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MessageSummary {
    /// The text; `""` for a file message; null when deleted.
    pub content: Option<String>,
    /// 1 when deleted, else 0.
    pub deleted: i64,
    /// Stored image name, or null for a text message and when deleted.
    pub filename: Option<String>,
    /// Global message id.
    pub id: i64,
    /// Author's username.
    pub sender: String,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SearchHit {
    /// Channel id of the message.
    pub channel: String,
    /// The message text.
    pub content: String,
    /// Global message id.
    pub id: i64,
    /// Author's username.
    pub sender: String,
    /// Send time in Unix seconds.
    pub ts: f64,
}

/// At most 50 hits, newest first.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct SearchResults(pub Vec<SearchHit>);

/// Fields of a send. `files` travels only in `multipart/form-data`; a url-encoded body carries text and reply only.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SendMessageForm {
    /// Zero or more file parts of any type, each within `max_upload_size_mb` (at most `max_files_per_message`); parts with an empty filename are ignored. A part named as an image (`.jpg`, `.jpeg`, `.png`, `.gif`, `.webp`) must be that image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<String>>,
    /// Global id of the message being answered (optional). Whitespace around it and a sign are allowed; an empty or unparsable value counts as no reply, as in the original. An integer outside the int64 range names no message: `400 invalid reply`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to_id: Option<i64>,
    /// The message text (optional when files are attached); trailing whitespace is removed; at most 16000 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Field of an edit.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EditMessageForm {
    /// The new text; trimmed; must not end up empty (the pattern: at least one character that is not whitespace); at most 16000 characters. Missing or blank: `400 empty`.
    pub text: String,
}

/// Field of a reaction toggle.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReactionForm {
    /// A valid reaction name (trimmed, case-sensitive). Missing or not a valid name: `400 invalid reaction`.
    pub reaction: String,
}

/// Reaction name to the users who reacted with it, both in ascending order; `{}` when there are no reactions.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct ReactionMap(pub std::collections::BTreeMap<String, Vec<String>>);

/// A list of usernames.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct UsernameList(pub Vec<String>);

/// Username to name colour (`#rrggbb`, letter case as saved).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct UserColors(pub std::collections::BTreeMap<String, String>);

/// A user's public profile.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Profile {
    /// Short self-description (at most 160 characters), or null.
    pub bio: Option<String>,
    /// Name colour `#rrggbb`, or null.
    pub name_color: Option<String>,
    /// The username as requested.
    pub username: String,
}

/// Body of an account deletion.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DeleteAccountRequest {
    /// The caller's current password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// `soft` (messages kept under `Deleted User`) or `hard` (messages deleted too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
}

/// A presence state.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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

/// Body of a presence report.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PresenceUpdate {
    /// `active`, `idle`, `hidden` or `offline`; anything else is ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
}

/// One direct conversation of the caller.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DmConversation {
    /// Canonical DM id.
    pub channel: String,
    /// Messages from others the caller has not read (deleted ones excluded).
    pub unread: i64,
    /// The other participants in id order (`[]` for a conversation with oneself).
    pub users: Vec<String>,
}

/// Direct conversations, most recently active first.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct DmList(pub Vec<DmConversation>);

/// Body of a DM close.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CloseDmRequest {
    /// The DM id to hide (any order of names; surrounding whitespace ignored). Missing or not starting with `dm:`: `400 invalid channel`.
    pub channel: String,
}

/// Total of unread direct messages.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct UnreadCount {
    /// Unread messages from others over all visible direct conversations.
    pub count: i64,
}

/// Send timestamp (formatted like a Python float) to the users who have read that send.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct ReadReceipts(pub std::collections::BTreeMap<String, Vec<String>>);

/// The caller's settings.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    /// Stored file name of the caller's avatar, or null.
    pub avatar_file: Option<String>,
    /// Short self-description, or null.
    pub bio: Option<String>,
    /// Name colour `#rrggbb`, or null.
    pub name_color: Option<String>,
}

/// Settings to change; absent keys stay as they are.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SettingsUpdate {
    /// Trimmed and cut to 160 characters; `""` (or JSON `null`) clears.
    pub bio: Option<String>,
    /// `#rrggbb` (six hex digits; surrounding whitespace ignored), or `""` (or JSON `null`) to clear. Anything else: `400 invalid color`, and nothing is stored.
    pub name_color: Option<String>,
}

/// Avatar upload form.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AvatarUpload {
    /// The image (JPEG, PNG, GIF or WebP), within `max_avatar_size_mb`. Missing, or a part without a file name: `400 no file`.
    pub avatar: String,
}

/// A private channel the caller belongs to.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PrivateChannel {
    /// Channel id, `private:<id>`.
    pub channel: String,
    /// Numeric id of the channel.
    pub id: i64,
    /// Current members, ascending.
    pub members: Vec<String>,
    /// Display name.
    pub name: String,
    /// Messages from others the caller has not read.
    pub unread: i64,
}

/// Private channels, by id ascending.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct PrivateChannelList(pub Vec<PrivateChannel>);

/// Body of a private channel creation.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CreatePrivateChannelRequest {
    /// Usernames to include (the caller is added automatically).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<String>>,
    /// Display name, 1–80 characters after trimming (the pattern: at least one character that is not whitespace). Missing or blank: `400 name required`.
    pub name: String,
}

/// A newly created private channel.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CreatedPrivateChannel {
    /// Channel id, `private:<id>`.
    pub channel: String,
    /// Numeric id of the channel.
    pub id: i64,
    /// Display name as stored (trimmed).
    pub name: String,
}

/// Body of a rename.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RenamePrivateChannelRequest {
    /// New display name, 1–80 characters after trimming (the pattern: at least one character that is not whitespace). Missing or blank: `400 name required`.
    pub name: String,
}

/// Body of an add-member request.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AddMemberRequest {
    /// Exact username of the user to add (surrounding whitespace ignored). Missing or blank: `400 username required`.
    pub username: String,
}

/// One member of a private channel.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ChannelMember {
    /// The member's username.
    pub username: String,
}

/// Members, ascending by username.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct ChannelMemberList(pub Vec<ChannelMember>);
