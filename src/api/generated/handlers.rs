// @generated from api-spec/minimost.yaml by `cargo xtask codegen`.
// DO NOT EDIT: change the spec (or the generator in xtask/src/codegen/) and regenerate.
#![allow(clippy::all, deprecated)]

//! One async method per operation; `dispatch.rs` implements it for `crate::api::Api`.
use std::future::Future;

use super::operations::*;
use crate::api::error::ApiError;
use crate::api::runtime::RequestContext;
use crate::api::session::CurrentUser;

pub trait Handlers: Clone + Send + Sync + 'static {
    /// The largest request body accepted, in bytes.
    fn body_limits(&self, class: crate::api::runtime::BodyClass) -> crate::api::runtime::BodyLimits;
    /// The caller of an optional-session operation (`security: [{}, {session: []}]`).
    fn authenticate(&self, ctx: &RequestContext) -> impl Future<Output = Result<Option<CurrentUser>, ApiError>> + Send;
    /// The caller of a session operation; an error (e.g. unauthenticated) is the reply.
    fn require_session(&self, ctx: &RequestContext) -> impl Future<Output = Result<CurrentUser, ApiError>> + Send;
    /// Whether the request may proceed once its caller is known (`None`: no valid session), e.g.
    /// under the rate limits; an error is the reply.
    fn admit(&self, ctx: &RequestContext, user: Option<&CurrentUser>) -> Result<(), ApiError>;

    /// Serve the chat application
    ///
    /// `GET /`
    ///
    /// Returns the HTML page of the single-page chat application for the signed-in user. The page carries the caller's username and the upload size limits the client needs. It opens the `general` channel first, so the operator is expected to configure a public channel of that name.
    fn chat_app(
        &self,
        ctx: RequestContext,
        input: ChatAppInput,
    ) -> impl Future<Output = Result<ChatAppResponse, ApiError>> + Send;

    /// Show the sign-in form
    ///
    /// `GET /login`
    ///
    /// Returns the sign-in page, whether or not the caller is already signed in (there is no redirect to `/`). The form has the fields `username` and `password` and a hidden `csrf_token` tied to the browser; when the browser holds no CSRF token yet, one is created and a cookie binding it is set.
    fn login_page(
        &self,
        ctx: RequestContext,
        input: LoginPageInput,
    ) -> impl Future<Output = Result<LoginPageResponse, ApiError>> + Send;

    /// Sign in
    ///
    /// `POST /login`
    ///
    /// Checks the credentials and starts a session. The username is trimmed and matched without regard to letter case; the session then holds the username as it was registered. The password is used exactly as typed. On success the caller's presence becomes `active`.
    ///
    /// Every failed attempt is answered only after a delay (3 seconds by default, configurable) and re-displays the form with one error line and the typed username filled in. The error is `Invalid credentials` for an unknown user, a wrong password or a password longer than 1024 characters. Lockout works per account: after `max_login_attempts` consecutive wrong passwords (default 5; 0 or less disables lockout) the account is locked for `lockout_duration_minutes` (default 15) and the error reads `Account locked due to too many failed login attempts. Try again in N minutes.` (`minute` when N is 1). While locked, even the right password is refused with that message and such attempts are not counted; a success resets the counter. Attempts against unknown names and over-long passwords are not counted. Wrong passwords given to `POST /delete_account` count too.
    ///
    /// Parallel attempts (Minimost fix): each check is counted before it runs, so no more than `max_login_attempts` passwords are ever checked between two locks, however many attempts arrive at once; attempts beyond those already running get the lockout message unchecked, and a right password whose check ends after a parallel failure has locked the account is refused too.
    ///
    /// Deviations from the original: the session is stored server-side and a fresh session id is issued at sign-in; the cookie is `SameSite=Lax`; a cross-site request is refused with 403.
    fn login(
        &self,
        ctx: RequestContext,
        input: LoginInput,
    ) -> impl Future<Output = Result<LoginResponse, ApiError>> + Send;

    /// Sign out (link)
    ///
    /// `GET /logout`
    ///
    /// Ends the caller's session: presence becomes `offline`, the session is revoked on the server and the cookie is cleared, then the browser is sent to the sign-in page. Kept as a `GET` because the API reference documents it and the app links to it; `POST /logout` does the same and is the preferred form. A caller without a session is simply redirected to `/login` as well (or gets 401 when asking for JSON).
    fn logout(
        &self,
        ctx: RequestContext,
        input: LogoutInput,
    ) -> impl Future<Output = Result<LogoutResponse, ApiError>> + Send;

    /// Sign out
    ///
    /// `POST /logout`
    ///
    /// Same effect as `GET /logout`: presence becomes `offline`, the session is revoked on the server, the cookie is cleared and the browser is sent to `/login`. Added by Minimost (the original only had the `GET` form); being a `POST`, it is refused for cross-site requests.
    fn logout_post(
        &self,
        ctx: RequestContext,
        input: LogoutPostInput,
    ) -> impl Future<Output = Result<LogoutPostResponse, ApiError>> + Send;

    /// Show the registration form
    ///
    /// `GET /signup`
    ///
    /// Returns the registration page, also for a caller who is signed in. The form has the fields `username`, `password`, `confirm_password` and a hidden `csrf_token`; when the browser holds no CSRF token yet, one is created and a cookie binding it is set.
    fn signup_page(
        &self,
        ctx: RequestContext,
        input: SignupPageInput,
    ) -> impl Future<Output = Result<SignupPageResponse, ApiError>> + Send;

    /// Create an account
    ///
    /// `POST /signup`
    ///
    /// Registers a new account and signs it in (replacing any current session). The username is
    /// trimmed; the password is taken as typed. Rules are checked in this order and the first failure
    /// is shown on the re-displayed form:
    ///
    /// 1. empty username or empty password: `Missing fields`;
    /// 2. the username, in any letter case, is `minimost`, `everyone`, `deleteduser` or `system`:
    ///    `"<username>" is a protected username` (the name as typed);
    /// 3. the username is not 1–32 letters, digits, `-` or `_`: `Username may only contain letters,
    ///    numbers, hyphens, and underscores (1–32 characters)`;
    /// 4. the password has fewer than 8 characters: `Password must be at least 8 characters`;
    /// 5. the password has more than 1024 characters: `Password must be at most 1024 characters`;
    /// 6. no digit: `Password must contain at least one number`;
    /// 7. no uppercase ASCII letter: `Password must contain at least one uppercase letter`;
    /// 8. none of the 32 ASCII punctuation characters ``!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~``:
    ///    `Password must contain at least one special character`;
    /// 9. the confirmation differs: `Passwords do not match`;
    /// 10. the name is taken, ignoring letter case: `User already exists`.
    ///
    /// The username is stored as typed. On success the new user's presence becomes `active`; they
    /// see the public channels' history but nothing else.
    ///
    /// Deviations from the original: `system` is reserved as well; a new account no longer receives
    /// a copy of another user's private-channel history; sessions are server-side with a
    /// `SameSite=Lax` cookie; a cross-site request is refused with 403.
    fn signup(
        &self,
        ctx: RequestContext,
        input: SignupInput,
    ) -> impl Future<Output = Result<SignupResponse, ApiError>> + Send;

    /// List the public channels
    ///
    /// `GET /channels`
    ///
    /// The names of the public channels, in the order the operator configured them. The list is read once when the server starts.
    fn list_channels(
        &self,
        ctx: RequestContext,
        input: ListChannelsInput,
    ) -> impl Future<Output = Result<ListChannelsResponse, ApiError>> + Send;

    /// Unread counts of the public channels
    ///
    /// `GET /channel_unreads`
    ///
    /// For every configured public channel (each one is a key, zero included), the number of messages the caller has not read yet. Own messages, deleted messages and system notices never count. Each image of a send counts as a message of its own, as in the original.
    fn channel_unreads(
        &self,
        ctx: RequestContext,
        input: ChannelUnreadsInput,
    ) -> impl Future<Output = Result<ChannelUnreadsResponse, ApiError>> + Send;

    /// Poll a channel's messages
    ///
    /// `GET /messages/{channel}`
    ///
    /// Returns the messages of a channel the caller can see that changed after the `after` timestamp, oldest first (by `ts`), without paging. A message is included when it is not deleted and its `ts`, `edited_ts` or `reactions_ts` is greater than `after`, or when it is deleted and its `deleted_ts` is greater than `after`; so a deletion is delivered once as a tombstone and then never again. Each row carries the current reactions. A channel the caller cannot see (someone else's DM, a private channel they are not in or have left, an unknown name) yields `[]`.
    ///
    /// Deviations from the original: one shared message table with global ids; DM ids in any order name the same conversation and rows carry the canonical id; a private id alias answers 404; deleted messages come back with `content`, `filename`, `mentions` and `reply_to_id` set to null; `reply_to_id` is the parent's global id.
    fn list_messages(
        &self,
        ctx: RequestContext,
        input: ListMessagesInput,
    ) -> impl Future<Output = Result<ListMessagesResponse, ApiError>> + Send;

    /// Send a message
    ///
    /// `POST /send/{channel}`
    ///
    /// Posts text and/or images to a channel. Trailing whitespace is removed from `text` (leading whitespace is kept). File parts with an empty filename are ignored. A send with text and k images becomes k+1 messages sharing one `ts` (and one `reply_to_id`); each image message has `content` `""`. `@name` tokens naming channel members (any letter case) are recorded in `mentions`; `@everyone` is recorded as the sentinel `"@everyone"`; tokens inside e-mail addresses and URLs are ignored. The answer is just `ok`; clients see the new messages by polling.
    ///
    /// Checks, first failure wins: a `private:` id not in canonical form → 404 `not found`; the caller may not write to the channel → 403 (a public channel must be configured; a DM id needs at least two names including the caller; a private channel needs current membership); a DM id names a user that does not exist → 404 `user not found`; text over 16000 characters → 413; an image over the per-file limit → 413; a file that is not an image → 415; no text and no file → 400 `empty`; `reply_to_id` names a message the caller cannot see → 400 `invalid reply`. Nothing is written when a check fails.
    ///
    /// Deviations from the original: every send is its own message (the original merged a sender's consecutive texts within 300 s into one); only images are accepted (as the API reference documents: `.jpg`, `.jpeg`, `.png`, `.gif`, `.webp`, with the content checked too), while the original stored any file; a DM naming an unknown user is refused with 404 instead of failing with 500 after a partial delivery; DM ids are stored in canonical form; `reply_to_id` is the parent's global id and must be visible to the sender; the per-file limit answers the `file too large` text (the request-wide limit is set higher); text longer than 16000 characters is refused; a cross-site request is refused with 403.
    fn send_message(
        &self,
        ctx: RequestContext,
        input: SendMessageInput,
    ) -> impl Future<Output = Result<SendMessageResponse, ApiError>> + Send;

    /// Fetch one message
    ///
    /// `GET /message/{msg_id}`
    ///
    /// A short form of one message the caller can see; the client uses it to quote the parent of a reply. Deleted messages are returned with `deleted` 1 and `content` and `filename` null (deviation: the original still returned the text and file name of deleted messages). A message the caller cannot see answers 404 as if it did not exist.
    fn get_message(
        &self,
        ctx: RequestContext,
        input: GetMessageInput,
    ) -> impl Future<Output = Result<GetMessageResponse, ApiError>> + Send;

    /// Edit a message's text
    ///
    /// `POST /edit/{msg_id}`
    ///
    /// Replaces the text of one of the caller's own messages. The new text is trimmed at both ends; mentions are extracted again from it. The edit applies to the text message of the send the id belongs to: using the id of one of its images edits the text of the same send, and for a send with no text nothing changes (still `ok`). `edited` becomes 1 and `edited_ts` the current time. There is no time limit; a deleted message can be edited and stays deleted. A message that does not exist, that the caller cannot see, or that someone else sent answers 403, never 404.
    ///
    /// Deviations from the original: an empty (or all-whitespace) text is refused with 400 `empty`; text longer than 16000 characters is refused with 413; a cross-site request is refused with 403.
    fn edit_message(
        &self,
        ctx: RequestContext,
        input: EditMessageInput,
    ) -> impl Future<Output = Result<EditMessageResponse, ApiError>> + Send;

    /// Delete a message
    ///
    /// `POST /delete/{msg_id}`
    ///
    /// Soft-deletes one of the caller's own messages together with the rest of its send (its text and all of its images): `deleted` becomes 1 and `deleted_ts` the current time, so pollers receive a tombstone. Deleting again refreshes `deleted_ts`. No request body. Reactions and read receipts are kept. A message that does not exist, that the caller cannot see, or that someone else sent answers 403.
    ///
    /// Deviations from the original: deleted messages are served with `content`, `filename`, `mentions` and `reply_to_id` null, and their image files are no longer served; a cross-site request is refused with 403.
    fn delete_message(
        &self,
        ctx: RequestContext,
        input: DeleteMessageInput,
    ) -> impl Future<Output = Result<DeleteMessageResponse, ApiError>> + Send;

    /// Search message text
    ///
    /// `GET /search_messages`
    ///
    /// Finds messages whose text contains `q` (trimmed) among all messages the caller can see, in every channel, deleted messages excluded. At most 50 hits, newest first. An empty or missing `q` gives `[]`.
    ///
    /// Deviations from the original: `q` is matched literally (`%` and `_` are ordinary characters, not wildcards) and case-insensitively for all of Unicode, not only ASCII; private channels the caller has left are no longer searched.
    fn search_messages(
        &self,
        ctx: RequestContext,
        input: SearchMessagesInput,
    ) -> impl Future<Output = Result<SearchMessagesResponse, ApiError>> + Send;

    /// Toggle a reaction
    ///
    /// `POST /react/{msg_id}`
    ///
    /// Adds the caller's reaction of the given name to a message, or removes it when the caller already reacted with that name, and returns the message's reaction map afterwards (`{}` once the last reaction is gone). All messages of one send share one set of reactions. Any message the caller can see may be reacted to, deleted messages and system notices included. The message's `reactions_ts` is set to now so that pollers receive it again. The name (trimmed) is checked first: an unknown name is a 400 even for a message that does not exist. Valid names are the 477 names of the original's list (for example `thumbsup`, `heart`, `tada`, `eyes`, `rocket`; note that `thumbs_up`, used as an example by the API reference, is not one of them).
    ///
    /// Deviation from the original: a cross-site request is refused with 403.
    fn toggle_reaction(
        &self,
        ctx: RequestContext,
        input: ToggleReactionInput,
    ) -> impl Future<Output = Result<ToggleReactionResponse, ApiError>> + Send;

    /// List the other users
    ///
    /// `GET /users`
    ///
    /// Every registered username except the caller's, in byte order (uppercase before lowercase).
    fn list_users(
        &self,
        ctx: RequestContext,
        input: ListUsersInput,
    ) -> impl Future<Output = Result<ListUsersResponse, ApiError>> + Send;

    /// Who can be mentioned in a channel
    ///
    /// `GET /channel_members/{channel}`
    ///
    /// The people the caller may @-mention in a channel they can write to, the caller left out: for a public channel every other registered user (byte order); for a private channel the other current members (ascending); for a DM the other names of the canonical id, in id order (`[]` when talking to oneself). The client fills its mention autocompletion from it.
    fn channel_members(
        &self,
        ctx: RequestContext,
        input: ChannelMembersInput,
    ) -> impl Future<Output = Result<ChannelMembersResponse, ApiError>> + Send;

    /// Name colours
    ///
    /// `GET /user_colors`
    ///
    /// The chosen name colour of every user who has set one, exactly as saved (letter case included). Users without a colour are absent; the client derives one from the name.
    fn user_colors(
        &self,
        ctx: RequestContext,
        input: UserColorsInput,
    ) -> impl Future<Output = Result<UserColorsResponse, ApiError>> + Send;

    /// Users with an avatar
    ///
    /// `GET /user_avatars`
    ///
    /// The usernames that currently have a profile picture; everyone else is drawn with initials.
    fn user_avatars(
        &self,
        ctx: RequestContext,
        input: UserAvatarsInput,
    ) -> impl Future<Output = Result<UserAvatarsResponse, ApiError>> + Send;

    /// A user's public profile
    ///
    /// `GET /profile/{username}`
    ///
    /// The bio and name colour of a user (exact, case-sensitive name). There is no existence check: an unknown name gives `bio` and `name_color` null.
    fn get_profile(
        &self,
        ctx: RequestContext,
        input: GetProfileInput,
    ) -> impl Future<Output = Result<GetProfileResponse, ApiError>> + Send;

    /// Delete the caller's account
    ///
    /// `POST /delete_account`
    ///
    /// Deletes the caller's account after confirming the password. `type` is checked first, then the password. Both kinds remove the account, its settings and avatar, presence, typing state, read receipts, reactions and private channel memberships, and end the session. `soft` keeps the user's messages but shows them as sent by `Deleted User`; `hard` also deletes every message the user sent, with its attachments. The name can then be registered again, by a new account that starts afresh: it does not see the direct messages of the deleted one. Messages that carried the user's reactions are sent again to pollers with the reactions gone.
    ///
    /// Deviations from the original: the password is checked like a login's: a wrong one is answered after the failure delay and counts towards the account's lockout, and while the account is locked every password is refused with the lockout message (the original checked with no delay or counting, so a stolen session could guess the password quickly); every session of the user is revoked, not just the current one; hard-deleted messages become tombstones (`deleted` 1, content null) so that pollers remove them, instead of vanishing silently; a cross-site request is refused with 403.
    fn delete_account(
        &self,
        ctx: RequestContext,
        input: DeleteAccountInput,
    ) -> impl Future<Output = Result<DeleteAccountResponse, ApiError>> + Send;

    /// Presence of recently seen users
    ///
    /// `GET /online_users`
    ///
    /// The presence state of every user whose presence was written within the last hour (sign-in, sign-out or `POST /presence`); anyone older is left out and counts as offline. Signing in sets `active`, signing out `offline`. Presence is kept in the server's memory: after a restart nobody is listed until their app reports again (the original listed everyone as `offline` for the rest of the hour).
    ///
    /// Deviations from the original: a user whose last presence write is more than 90 seconds old is reported `offline` whatever they last set (the app re-posts its state every 30 seconds), so a crashed client no longer looks online for an hour; a `hidden` user (whose tab is in the background) is reported `offline` to everyone else and `hidden` only to themself (the original showed `hidden` to everyone, and its app drew it like `idle`).
    fn online_users(
        &self,
        ctx: RequestContext,
        input: OnlineUsersInput,
    ) -> impl Future<Output = Result<OnlineUsersResponse, ApiError>> + Send;

    /// Report the caller's presence
    ///
    /// `POST /presence`
    ///
    /// Stores the caller's presence state and refreshes its last-seen time. Only `active`, `idle`, `hidden` and `offline` (exact, lowercase) are stored; any other value, a missing `state`, a body that is not JSON and a caller who is not signed in are silently ignored and still get 204. The app posts on state changes, every 30 seconds, and by beacon when the tab is hidden or closed.
    ///
    /// Deviations from the original: JSON of the wrong shape (not an object, or `state` not a string) is refused with 400 (the original failed with 500 for a signed-in caller); a cross-site request is refused with 403.
    fn set_presence(
        &self,
        ctx: RequestContext,
        input: SetPresenceInput,
    ) -> impl Future<Output = Result<SetPresenceResponse, ApiError>> + Send;

    /// Who is typing in a channel
    ///
    /// `GET /typing/{channel}`
    ///
    /// The users other than the caller who reported typing in this channel within the last 5 seconds (in no particular order). A caller who is not signed in gets `[]`, never a redirect.
    ///
    /// Deviations from the original: a signed-in caller who cannot write to the channel gets 403 (the original answered for any channel string); DM ids in any order name the same conversation.
    fn typing_users(
        &self,
        ctx: RequestContext,
        input: TypingUsersInput,
    ) -> impl Future<Output = Result<TypingUsersResponse, ApiError>> + Send;

    /// Report that the caller is typing
    ///
    /// `POST /typing/{channel}`
    ///
    /// Records that the caller is typing in the channel now (one entry per user and channel, overwritten each time). No request body. A caller who is not signed in gets 204 and nothing is stored. The app posts at most every 2 seconds while the composer changes.
    ///
    /// Deviations from the original: a signed-in caller who cannot write to the channel gets 403; a DM id naming someone who has no account gets 404 `user not found` (as sending there does) and nothing is stored; DM ids in any order name the same conversation; a cross-site request is refused with 403. A user is shown typing in at most `max_typing_conversations_per_user` conversations at once (setting, default 20): a report in one more drops that user's oldest report, so the answer stays 204.
    fn report_typing(
        &self,
        ctx: RequestContext,
        input: ReportTypingInput,
    ) -> impl Future<Output = Result<ReportTypingResponse, ApiError>> + Send;

    /// List the caller's direct conversations
    ///
    /// `GET /dms`
    ///
    /// Every direct conversation the caller takes part in that has at least one message (any message counts, deleted ones and the caller's own included), most recent message first. A conversation closed with `POST /dms/close` is left out until a message newer than the closing time arrives; edits, deletions and reactions do not bring it back.
    ///
    /// Deviations from the original: ids are canonical; deleted messages never count as unread.
    fn list_dms(
        &self,
        ctx: RequestContext,
        input: ListDmsInput,
    ) -> impl Future<Output = Result<ListDmsResponse, ApiError>> + Send;

    /// Hide a direct conversation
    ///
    /// `POST /dms/close`
    ///
    /// Hides a conversation from the caller's list without deleting anything; it comes back by itself when a new message arrives. Closing again moves the hiding time forward. The conversation does not need to have messages. The id (trimmed) may be given in any order.
    ///
    /// Deviations from the original: the id is stored in canonical form; JSON of the wrong shape is refused with 400; a cross-site request is refused with 403; an id naming someone who has no account gets 404 `user not found` unless the conversation has messages (one with a since deleted account can still be closed); closing a conversation nobody has written in yet records nothing (it is not listed, and its first message would show it again anyway), so made-up ids leave nothing behind.
    fn close_dm(
        &self,
        ctx: RequestContext,
        input: CloseDmInput,
    ) -> impl Future<Output = Result<CloseDmResponse, ApiError>> + Send;

    /// Total unread direct messages
    ///
    /// `GET /unread_count`
    ///
    /// The number of unread messages from others over all of the caller's direct conversations; every image of a send counts separately. The app shows it as a badge and uses it for desktop notifications.
    ///
    /// Deviations from the original: deleted messages never count, and a closed conversation does not count until it reappears (then all of its unread messages count again).
    fn unread_count(
        &self,
        ctx: RequestContext,
        input: UnreadCountInput,
    ) -> impl Future<Output = Result<UnreadCountResponse, ApiError>> + Send;

    /// Mark a channel as read
    ///
    /// `POST /mark_read/{channel}`
    ///
    /// Marks every message from others in the channel as read by the caller and records a read receipt for each send that was unread until now (messages that were never unread, such as system notices, produce no receipt). No request body. The app calls it on every channel switch and when new messages arrive in a visible tab.
    ///
    /// Deviations from the original: a caller who cannot write to the channel gets 403 (the original accepted any channel string); DM ids in any order name the same conversation; a cross-site request is refused with 403; a DM id naming someone who has no account gets 404 `user not found` unless the conversation has messages (one with a since deleted account can still be marked read); marking a conversation nobody has written in yet records nothing (there is nothing to read), so made-up ids leave nothing behind.
    fn mark_read(
        &self,
        ctx: RequestContext,
        input: MarkReadInput,
    ) -> impl Future<Output = Result<MarkReadResponse, ApiError>> + Send;

    /// Read receipts of a channel
    ///
    /// `GET /read_receipts/{channel}`
    ///
    /// Who has read which send in the channel, keyed by the send's `ts` written the way Python prints a float (shortest digits that round-trip, always with a `.` or an exponent, e.g. `1716000000.0`). Readers are listed in ascending order and include the reader themself. Receipts are permanent. In a private channel a member sees the receipts of the messages sent since they (last) joined, as they see those messages only. Known limitation: a member who leaves a private channel and is added back keeps the receipts of the earlier membership only until they next mark the channel read (one receipt interval is kept per reader and channel).
    ///
    /// Deviation from the original: a caller who cannot write to the channel gets 403 (the original showed anyone the receipts of any channel, other people's DMs included).
    fn read_receipts(
        &self,
        ctx: RequestContext,
        input: ReadReceiptsInput,
    ) -> impl Future<Output = Result<ReadReceiptsResponse, ApiError>> + Send;

    /// The caller's settings
    ///
    /// `GET /settings`
    ///
    /// The caller's name colour, avatar file name and bio, each null when unset. Deviation from the original: `avatar_file` is included, as the API reference documents (the original returned only `bio` and `name_color`).
    fn get_settings(
        &self,
        ctx: RequestContext,
        input: GetSettingsInput,
    ) -> impl Future<Output = Result<GetSettingsResponse, ApiError>> + Send;

    /// Change the caller's settings
    ///
    /// `POST /settings`
    ///
    /// Updates the name colour and/or the bio. Only the keys present in the request change; an empty string (and, in JSON, `null`) clears a value. `name_color` is trimmed and must be `#` followed by exactly six hex digits (kept in the letter case given). `bio` is trimmed and then truncated to 160 characters. Nothing is stored when the colour is invalid.
    ///
    /// Deviations from the original: form bodies are accepted as well as JSON; a key that is absent is left unchanged (the original rewrote both fields on every call, clearing the missing one); `""` clears the colour instead of being rejected; JSON of the wrong shape is refused with 400; a cross-site request is refused with 403.
    fn update_settings(
        &self,
        ctx: RequestContext,
        input: UpdateSettingsInput,
    ) -> impl Future<Output = Result<UpdateSettingsResponse, ApiError>> + Send;

    /// A user's profile picture
    ///
    /// `GET /avatar/{username}`
    ///
    /// The stored image of a user's avatar (exact, case-sensitive name), with validators for conditional requests. After a change the app requests it with a fresh `?v=` query value (ignored by the server) and draws initials on a 404. Deviations from the original: the image is served with its real type (the original always said `image/jpeg`) and with `X-Content-Type-Options: nosniff`; `Range` requests are not supported (the whole image is sent).
    fn get_avatar(
        &self,
        ctx: RequestContext,
        input: GetAvatarInput,
    ) -> impl Future<Output = Result<GetAvatarResponse, ApiError>> + Send;

    /// Upload the caller's profile picture
    ///
    /// `POST /avatar`
    ///
    /// Stores a new avatar for the caller and removes the previous one. The app scales the picture to 128×128 pixels before uploading; the server keeps the bytes as they are, under a fresh random name.
    ///
    /// Deviations from the original: the upload must be a real image (its content must be JPEG, PNG, GIF or WebP, and a filename extension, if any, one of `.jpg`, `.jpeg`, `.png`, `.gif`, `.webp`), otherwise 415; it is later served with its real type; a cross-site request is refused with 403.
    fn upload_avatar(
        &self,
        ctx: RequestContext,
        input: UploadAvatarInput,
    ) -> impl Future<Output = Result<UploadAvatarResponse, ApiError>> + Send;

    /// Remove the caller's profile picture
    ///
    /// `DELETE /avatar`
    ///
    /// Deletes the caller's avatar; others see the initials again. Succeeds also when there was no avatar. Deviation from the original: a cross-site request is refused with 403.
    fn delete_avatar(
        &self,
        ctx: RequestContext,
        input: DeleteAvatarInput,
    ) -> impl Future<Output = Result<DeleteAvatarResponse, ApiError>> + Send;

    /// List the caller's private channels
    ///
    /// `GET /private_channels`
    ///
    /// The private channels the caller currently belongs to, by id ascending, with their members and the caller's unread count (messages from others not yet read, deleted ones and system notices excluded).
    fn list_private_channels(
        &self,
        ctx: RequestContext,
        input: ListPrivateChannelsInput,
    ) -> impl Future<Output = Result<ListPrivateChannelsResponse, ApiError>> + Send;

    /// Create a private channel
    ///
    /// `POST /private_channels/create`
    ///
    /// Creates a private channel with the caller and the listed users as members. `name` is trimmed and must have 1–80 characters; names need not be unique. Each member name is trimmed, empty entries are dropped, duplicates are ignored and the caller is added when missing; a missing `members` list means the caller alone. Members join with no history and no notice is posted. The name is checked before the members.
    ///
    /// Deviations from the original: every member must be an existing user (exact name), otherwise 404 and nothing is created; `members` must be a list of strings (400 otherwise, where the original split a string into characters or failed with 500); duplicates are ignored instead of failing with 500; a cross-site request is refused with 403.
    fn create_private_channel(
        &self,
        ctx: RequestContext,
        input: CreatePrivateChannelInput,
    ) -> impl Future<Output = Result<CreatePrivateChannelResponse, ApiError>> + Send;

    /// Rename a private channel
    ///
    /// `POST /private_channels/{channel_id}/rename`
    ///
    /// Any member may rename the channel. Membership is checked first, then the name (trimmed, 1–80 characters). On success a system notice `<user> has renamed the channel to "<name>"` is posted to the members, also when the name did not change.
    ///
    /// Deviations from the original: the id may be given as `3` or `private:3` (the original took only the number); other spellings are 404; JSON of the wrong shape is refused with 400; a cross-site request is refused with 403.
    fn rename_private_channel(
        &self,
        ctx: RequestContext,
        input: RenamePrivateChannelInput,
    ) -> impl Future<Output = Result<RenamePrivateChannelResponse, ApiError>> + Send;

    /// Add someone to a private channel
    ///
    /// `POST /private_channels/{channel_id}/add_member`
    ///
    /// A member adds another registered user (exact, case-sensitive name, trimmed). Checks in order: the caller's membership, an empty name, an unknown user, an existing member. The new member sees the system notice `<adder> added <new> to this channel` (posted to everyone in the channel, the newcomer included) and what follows, but nothing said before; someone re-added after leaving likewise does not see what was said in between.
    ///
    /// Deviations from the original: the id may be given as `3` or `private:3`; other spellings are 404; JSON of the wrong shape is refused with 400; a cross-site request is refused with 403.
    fn add_private_channel_member(
        &self,
        ctx: RequestContext,
        input: AddPrivateChannelMemberInput,
    ) -> impl Future<Output = Result<AddPrivateChannelMemberResponse, ApiError>> + Send;

    /// Members of a private channel
    ///
    /// `GET /private_channels/{channel_id}/members`
    ///
    /// The current members, ascending, the caller included. Deviation from the original: the id may be given as `3` or `private:3`; other spellings are 404.
    fn private_channel_members(
        &self,
        ctx: RequestContext,
        input: PrivateChannelMembersInput,
    ) -> impl Future<Output = Result<PrivateChannelMembersResponse, ApiError>> + Send;

    /// Leave a private channel
    ///
    /// `POST /private_channels/{channel_id}/leave`
    ///
    /// Removes the caller from the channel and posts the system notice `<user> has left the channel` to those who remain (none when the caller was the last one; the empty channel is kept but nobody can reach it). The caller loses access to the channel's messages. No request body.
    ///
    /// Deviations from the original: both `/private_channels/3/leave` and `/private_channels/private:3/leave` work (the original accepted only the number, although its reference documented `private:<n>`); other spellings are 404; someone who left no longer reads or searches the channel's history; a cross-site request is refused with 403.
    fn leave_private_channel(
        &self,
        ctx: RequestContext,
        input: LeavePrivateChannelInput,
    ) -> impl Future<Output = Result<LeavePrivateChannelResponse, ApiError>> + Send;

    /// Download an attached image
    ///
    /// `GET /files/{filename}`
    ///
    /// The bytes of an image attached to a message, shown inline, with validators for conditional requests. Query strings are ignored; the name is matched exactly.
    ///
    /// Deviations from the original: the file is served only to users who can see a message that carries it and that is not deleted; everyone else, like a request for a missing file or a name escaping the upload directory, gets 404 `not found` (a text body instead of the framework's HTML page); `X-Content-Type-Options: nosniff` is sent; `Range` requests are not supported (the whole file is sent).
    fn get_file(
        &self,
        ctx: RequestContext,
        input: GetFileInput,
    ) -> impl Future<Output = Result<GetFileResponse, ApiError>> + Send;

    /// Live events for the signed-in user
    ///
    /// `GET /events`
    ///
    /// A Server-Sent Events stream (`text/event-stream`) that pushes every change the caller is allowed to see, within milliseconds, so that a client need not poll. Polling stays fully supported; this is a Minimost extension, not part of the original API.
    ///
    /// Each event has an `id` (increasing), an `event` type and JSON `data`: `message` — `{"channel", "messages": [Message…]}`, the rows of a new send or of a message that was edited, deleted or reacted to, exactly as `GET /messages/{channel}` returns them; `receipts` — `{"channel"}`, read receipts of the channel changed; `typing` — `{"channel", "user"}`, someone started typing; `presence` — `{"user", "state"}`, someone's presence changed (as others see it); `dms` — `{"channel"}`, the caller's direct-message list or unread counts changed; `channels` — `{"channel"}`, the caller's private channels changed (created, renamed, joined, left); `resync` — `{}`, events were missed and cannot be replayed: reload the state. A comment line is sent every 15 seconds to keep the connection open.
    ///
    /// Reconnecting: browsers' `EventSource` sends the `Last-Event-ID` header by itself; the server replays the recent events after that id that the caller may see, or sends `resync` when they are too old (the server keeps the last 10,000 events, and at most `event_replay_buffer_mb` MiB of them; an id from before a server restart also gets `resync`). No event ever reaches a user who could not read the same change through the polling API.
    ///
    /// The stream ends when its session does: at once on logout or account deletion, and within 15 seconds when the session expires (an open stream is not a use of the session) or ends elsewhere. It is also closed when the client falls behind: more than `event_stream_buffer_kb` KiB of events for it waiting to be sent (a client that stops reading). A client that reconnects with `Last-Event-ID` then gets what it missed.
    fn stream_events(
        &self,
        ctx: RequestContext,
        input: StreamEventsInput,
    ) -> impl Future<Output = Result<StreamEventsResponse, ApiError>> + Send;
}
