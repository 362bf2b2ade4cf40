// @generated from api-spec/minimost.yaml by `cargo xtask codegen`.
// DO NOT EDIT: change the spec (or the generator in xtask/src/codegen/) and regenerate.
#![allow(clippy::all, deprecated)]

//! Operation inputs (decoded by the filters) and responses (one variant per documented status).
use super::schemas;
use crate::api::runtime as rt;
use crate::api::session::CurrentUser;

/// Input of `chat_app` (GET /).
#[derive(Debug, Clone)]
pub struct ChatAppInput {
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `chat_app`.
#[derive(Debug, Clone)]
pub enum ChatAppResponse {
    /// 200: The chat application page.
    Ok(rt::Html),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
}

impl ChatAppResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::html_response(200, body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

impl warp::Reply for ChatAppResponse {
    fn into_response(self) -> warp::reply::Response {
        ChatAppResponse::into_response(self)
    }
}

/// Input of `login_page` (GET /login).
#[derive(Debug, Clone)]
pub struct LoginPageInput {}

/// Responses of `login_page`.
#[derive(Debug, Clone)]
pub enum LoginPageResponse {
    /// 200: The sign-in page.
    Ok {
        body: rt::Html,
        /// `Set-Cookie` header.
        set_cookie: Vec<String>,
    },
}

impl LoginPageResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok { body, set_cookie } => {
                let mut response = rt::html_response(200, body);
                rt::append_headers(&mut response, "set-cookie", set_cookie);
                response
            }
        }
    }
}

impl warp::Reply for LoginPageResponse {
    fn into_response(self) -> warp::reply::Response {
        LoginPageResponse::into_response(self)
    }
}

/// Input of `login` (POST /login).
#[derive(Debug, Clone)]
pub struct LoginInput {
    /// Body field `csrf_token`.
    pub csrf_token: Option<String>,
    /// Body field `password`.
    pub password: String,
    /// Body field `username`.
    pub username: String,
}

/// Responses of `login`.
#[derive(Debug, Clone)]
pub enum LoginResponse {
    /// 200: Sign-in failed: the form again, with the error line (`Invalid credentials` or the lockout message) and the typed username.
    Ok {
        body: rt::Html,
        /// `Set-Cookie` header.
        set_cookie: Vec<String>,
    },
    /// 302: Signed in; go to the chat application.
    Found {
        /// `Location` header.
        location: Option<String>,
        /// `Set-Cookie` header.
        set_cookie: Vec<String>,
    },
    /// 400: The `username` or `password` field is missing. The text names the missing field, for example `missing field: password`.
    BadRequest(String),
    /// 403: Text `forbidden`: the `csrf_token` field is missing or does not match the browser's token (checked before anything else, unless the CSRF check is switched off in the settings), or the request is cross-site. The original answered a bad token with its framework's HTML error page.
    Forbidden(String),
    /// 413: The request body is over its limit (Minimost addition): text `request too large (max N bytes)` (`max N MB` for megabytes). Bodies of sign-in and sign-up may have `max_anonymous_body_kb` KiB (default 16), other bodies without files `max_request_body_kb` KiB (default 256). A multipart body with more parts than the operation takes gets `too many files (max N)` (N is `max_files_per_message`) or `too many form fields (max 32)`. A body is refused as soon as its declared length or the bytes read pass the limit.
    PayloadTooLarge(String),
    /// 429: Text `too many requests`: the caller is over a rate limit on writes (see *Rate limits* in the API description). Minimost addition; the original had no limits.
    TooManyRequests {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
    /// 503: Too many password checks are running and waiting (Minimost addition): at most `max_concurrent_password_hashes` run at once and `max_queued_password_hashes` wait. Text `server busy, try again`; retry after the given seconds.
    ServiceUnavailable {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
}

impl LoginResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok { body, set_cookie } => {
                let mut response = rt::html_response(200, body);
                rt::append_headers(&mut response, "set-cookie", set_cookie);
                response
            }
            Self::Found { location, set_cookie } => {
                let mut response = rt::empty_response(302);
                rt::set_optional_header(&mut response, "location", location);
                rt::append_headers(&mut response, "set-cookie", set_cookie);
                response
            }
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                let mut response = rt::text_response(429, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
            Self::ServiceUnavailable { body, retry_after } => {
                let mut response = rt::text_response(503, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
        }
    }
}

impl warp::Reply for LoginResponse {
    fn into_response(self) -> warp::reply::Response {
        LoginResponse::into_response(self)
    }
}

/// Input of `logout` (GET /logout).
#[derive(Debug, Clone)]
pub struct LogoutInput {
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `logout`.
#[derive(Debug, Clone)]
pub enum LogoutResponse {
    /// 302: Signed out (or was not signed in); go to the sign-in page.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
        /// `Set-Cookie` header.
        set_cookie: Vec<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
}

impl LogoutResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Found { body, location, set_cookie } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                rt::append_headers(&mut response, "set-cookie", set_cookie);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

impl warp::Reply for LogoutResponse {
    fn into_response(self) -> warp::reply::Response {
        LogoutResponse::into_response(self)
    }
}

/// Input of `logout_post` (POST /logout).
#[derive(Debug, Clone)]
pub struct LogoutPostInput {
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `logout_post`.
#[derive(Debug, Clone)]
pub enum LogoutPostResponse {
    /// 302: Signed out (or was not signed in); go to the sign-in page.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
        /// `Set-Cookie` header.
        set_cookie: Vec<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 403: Text `forbidden`: the request is cross-site (`Origin` names another origin, or `Sec-Fetch-Site: cross-site`). Minimost addition; the original had no such check.
    Forbidden(String),
    /// 429: Text `too many requests`: the caller is over a rate limit on writes (see *Rate limits* in the API description). Minimost addition; the original had no limits.
    TooManyRequests {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
}

impl LogoutPostResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Found { body, location, set_cookie } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                rt::append_headers(&mut response, "set-cookie", set_cookie);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::TooManyRequests { body, retry_after } => {
                let mut response = rt::text_response(429, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
        }
    }
}

impl warp::Reply for LogoutPostResponse {
    fn into_response(self) -> warp::reply::Response {
        LogoutPostResponse::into_response(self)
    }
}

/// Input of `signup_page` (GET /signup).
#[derive(Debug, Clone)]
pub struct SignupPageInput {}

/// Responses of `signup_page`.
#[derive(Debug, Clone)]
pub enum SignupPageResponse {
    /// 200: The registration page.
    Ok {
        body: rt::Html,
        /// `Set-Cookie` header.
        set_cookie: Vec<String>,
    },
}

impl SignupPageResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok { body, set_cookie } => {
                let mut response = rt::html_response(200, body);
                rt::append_headers(&mut response, "set-cookie", set_cookie);
                response
            }
        }
    }
}

impl warp::Reply for SignupPageResponse {
    fn into_response(self) -> warp::reply::Response {
        SignupPageResponse::into_response(self)
    }
}

/// Input of `signup` (POST /signup).
#[derive(Debug, Clone)]
pub struct SignupInput {
    /// Body field `confirm_password`.
    pub confirm_password: String,
    /// Body field `csrf_token`.
    pub csrf_token: Option<String>,
    /// Body field `password`.
    pub password: String,
    /// Body field `username`.
    pub username: String,
}

/// Responses of `signup`.
#[derive(Debug, Clone)]
pub enum SignupResponse {
    /// 200: Validation failed: the form again, with the error message and the trimmed username.
    Ok {
        body: rt::Html,
        /// `Set-Cookie` header.
        set_cookie: Vec<String>,
    },
    /// 302: Account created and signed in; go to the chat application.
    Found {
        /// `Location` header.
        location: Option<String>,
        /// `Set-Cookie` header.
        set_cookie: Vec<String>,
    },
    /// 400: The `username`, `password` or `confirm_password` field is missing. The text names the missing field, for example `missing field: confirm_password`.
    BadRequest(String),
    /// 403: Text `forbidden`: the `csrf_token` field is missing or wrong (checked first, unless the CSRF check is switched off in the settings), or the request is cross-site. The original answered a bad token with its framework's HTML error page.
    Forbidden(String),
    /// 413: The request body is over its limit (Minimost addition): text `request too large (max N bytes)` (`max N MB` for megabytes). Bodies of sign-in and sign-up may have `max_anonymous_body_kb` KiB (default 16), other bodies without files `max_request_body_kb` KiB (default 256). A multipart body with more parts than the operation takes gets `too many files (max N)` (N is `max_files_per_message`) or `too many form fields (max 32)`. A body is refused as soon as its declared length or the bytes read pass the limit.
    PayloadTooLarge(String),
    /// 429: Text `too many requests`: the caller is over a rate limit on writes (see *Rate limits* in the API description). Minimost addition; the original had no limits.
    TooManyRequests {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
    /// 503: Too many password checks are running and waiting (Minimost addition): at most `max_concurrent_password_hashes` run at once and `max_queued_password_hashes` wait. Text `server busy, try again`; retry after the given seconds.
    ServiceUnavailable {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
}

impl SignupResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok { body, set_cookie } => {
                let mut response = rt::html_response(200, body);
                rt::append_headers(&mut response, "set-cookie", set_cookie);
                response
            }
            Self::Found { location, set_cookie } => {
                let mut response = rt::empty_response(302);
                rt::set_optional_header(&mut response, "location", location);
                rt::append_headers(&mut response, "set-cookie", set_cookie);
                response
            }
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                let mut response = rt::text_response(429, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
            Self::ServiceUnavailable { body, retry_after } => {
                let mut response = rt::text_response(503, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
        }
    }
}

impl warp::Reply for SignupResponse {
    fn into_response(self) -> warp::reply::Response {
        SignupResponse::into_response(self)
    }
}

/// Input of `list_channels` (GET /channels).
#[derive(Debug, Clone)]
pub struct ListChannelsInput {
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `list_channels`.
#[derive(Debug, Clone)]
pub enum ListChannelsResponse {
    /// 200: Public channel names.
    Ok(schemas::ChannelList),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
}

impl ListChannelsResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

impl warp::Reply for ListChannelsResponse {
    fn into_response(self) -> warp::reply::Response {
        ListChannelsResponse::into_response(self)
    }
}

/// Input of `channel_unreads` (GET /channel_unreads).
#[derive(Debug, Clone)]
pub struct ChannelUnreadsInput {
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `channel_unreads`.
#[derive(Debug, Clone)]
pub enum ChannelUnreadsResponse {
    /// 200: Channel name to unread count.
    Ok(schemas::UnreadCounts),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
}

impl ChannelUnreadsResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

impl warp::Reply for ChannelUnreadsResponse {
    fn into_response(self) -> warp::reply::Response {
        ChannelUnreadsResponse::into_response(self)
    }
}

/// Input of `list_messages` (GET /messages/{channel}).
#[derive(Debug, Clone)]
pub struct ListMessagesInput {
    /// Path parameter `channel`.
    pub channel: String,
    /// Query parameter `after`.
    pub after: Option<String>,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `list_messages`.
#[derive(Debug, Clone)]
pub enum ListMessagesResponse {
    /// 200: The changed messages, oldest first.
    Ok(schemas::MessageList),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 404: Text `not found`, for a `private:` id that is not in canonical form or a channel path value that does not parse.
    NotFound(String),
}

impl ListMessagesResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::NotFound(body) => rt::text_response(404, body),
        }
    }
}

impl warp::Reply for ListMessagesResponse {
    fn into_response(self) -> warp::reply::Response {
        ListMessagesResponse::into_response(self)
    }
}

/// Input of `send_message` (POST /send/{channel}).
#[derive(Debug, Clone)]
pub struct SendMessageInput {
    /// Path parameter `channel`.
    pub channel: String,
    /// Body field `files`.
    pub files: Vec<rt::UploadedFile>,
    /// Body field `reply_to_id`.
    pub reply_to_id: Option<i64>,
    /// Body field `text`.
    pub text: Option<String>,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `send_message`.
#[derive(Debug, Clone)]
pub enum SendMessageResponse {
    /// 200: Text `ok`; the message was stored.
    Ok(String),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 400: Text `empty` (no text and no file), or `invalid reply` (the parent message does not exist or the caller cannot see it).
    BadRequest(String),
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 403: Text `forbidden`: the caller may not write to this channel, or the request is cross-site.
    Forbidden(String),
    /// 404: Text `user not found` (a DM id names a user that does not exist), or `not found` (a `private:` id that is not in canonical form, or a channel path value that does not parse).
    NotFound(String),
    /// 413: Text `text too long (max 16000 characters)`, or `file too large (max N MB)` where N is `max_upload_size_mb` in whole MiB; `too many files (max N)` when more than `max_files_per_message` files (default 10) are attached (Minimost addition: nothing is stored), or `request too large (max N MB)` when the whole body passes the file limit plus 1 MiB.
    PayloadTooLarge(String),
    /// 415: Text `not an image`: an attached file's extension is not one of `.jpg`, `.jpeg`, `.png`, `.gif`, `.webp`, or its content is not a JPEG, PNG, GIF or WebP image.
    UnsupportedMediaType(String),
    /// 429: Text `too many requests`: the caller is over a rate limit on writes (see *Rate limits* in the API description). Minimost addition; the original had no limits.
    TooManyRequests {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
}

impl SendMessageResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::UnsupportedMediaType(body) => rt::text_response(415, body),
            Self::TooManyRequests { body, retry_after } => {
                let mut response = rt::text_response(429, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
        }
    }
}

impl warp::Reply for SendMessageResponse {
    fn into_response(self) -> warp::reply::Response {
        SendMessageResponse::into_response(self)
    }
}

/// Input of `get_message` (GET /message/{msg_id}).
#[derive(Debug, Clone)]
pub struct GetMessageInput {
    /// Path parameter `msg_id`.
    pub msg_id: i64,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `get_message`.
#[derive(Debug, Clone)]
pub enum GetMessageResponse {
    /// 200: The message.
    Ok(schemas::MessageSummary),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 404: Text `not found`: no message with this id that the caller can see, or the id does not parse (not plain decimal digits).
    NotFound(String),
}

impl GetMessageResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::NotFound(body) => rt::text_response(404, body),
        }
    }
}

impl warp::Reply for GetMessageResponse {
    fn into_response(self) -> warp::reply::Response {
        GetMessageResponse::into_response(self)
    }
}

/// Input of `edit_message` (POST /edit/{msg_id}).
#[derive(Debug, Clone)]
pub struct EditMessageInput {
    /// Path parameter `msg_id`.
    pub msg_id: i64,
    /// Body field `text`.
    pub text: Option<String>,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `edit_message`.
#[derive(Debug, Clone)]
pub enum EditMessageResponse {
    /// 200: Text `ok`.
    Ok(String),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 400: Text `empty`; the new text is empty after trimming (or the field is missing).
    BadRequest(String),
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 403: Text `forbidden`: not the caller's message (or not visible to them), or the request is cross-site.
    Forbidden(String),
    /// 404: Text `not found`: a path value does not parse (an integer that is not plain decimal digits, such as `-1`; a string that is empty, holds `%2F` or `%00`, or is not UTF-8 once percent-decoded), so no route matches.
    NotFound(String),
    /// 413: Text `text too long (max 16000 characters)`, or `request too large (max N bytes)` for a body over `max_request_body_kb`.
    PayloadTooLarge(String),
    /// 429: Text `too many requests`: the caller is over a rate limit on writes (see *Rate limits* in the API description). Minimost addition; the original had no limits.
    TooManyRequests {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
}

impl EditMessageResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                let mut response = rt::text_response(429, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
        }
    }
}

impl warp::Reply for EditMessageResponse {
    fn into_response(self) -> warp::reply::Response {
        EditMessageResponse::into_response(self)
    }
}

/// Input of `delete_message` (POST /delete/{msg_id}).
#[derive(Debug, Clone)]
pub struct DeleteMessageInput {
    /// Path parameter `msg_id`.
    pub msg_id: i64,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `delete_message`.
#[derive(Debug, Clone)]
pub enum DeleteMessageResponse {
    /// 200: Text `ok`.
    Ok(String),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 403: Text `forbidden`: not the caller's message (or not visible to them), or the request is cross-site.
    Forbidden(String),
    /// 404: Text `not found`: a path value does not parse (an integer that is not plain decimal digits, such as `-1`; a string that is empty, holds `%2F` or `%00`, or is not UTF-8 once percent-decoded), so no route matches.
    NotFound(String),
    /// 429: Text `too many requests`: the caller is over a rate limit on writes (see *Rate limits* in the API description). Minimost addition; the original had no limits.
    TooManyRequests {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
}

impl DeleteMessageResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::TooManyRequests { body, retry_after } => {
                let mut response = rt::text_response(429, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
        }
    }
}

impl warp::Reply for DeleteMessageResponse {
    fn into_response(self) -> warp::reply::Response {
        DeleteMessageResponse::into_response(self)
    }
}

/// Input of `search_messages` (GET /search_messages).
#[derive(Debug, Clone)]
pub struct SearchMessagesInput {
    /// Query parameter `q`.
    pub q: Option<String>,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `search_messages`.
#[derive(Debug, Clone)]
pub enum SearchMessagesResponse {
    /// 200: Up to 50 hits, newest first.
    Ok(schemas::SearchResults),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
}

impl SearchMessagesResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

impl warp::Reply for SearchMessagesResponse {
    fn into_response(self) -> warp::reply::Response {
        SearchMessagesResponse::into_response(self)
    }
}

/// Input of `toggle_reaction` (POST /react/{msg_id}).
#[derive(Debug, Clone)]
pub struct ToggleReactionInput {
    /// Path parameter `msg_id`.
    pub msg_id: i64,
    /// Body field `reaction`.
    pub reaction: Option<String>,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `toggle_reaction`.
#[derive(Debug, Clone)]
pub enum ToggleReactionResponse {
    /// 200: The reaction map after the toggle.
    Ok(schemas::ReactionMap),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 400: Text `invalid reaction`; the name is missing or not a valid reaction name.
    BadRequest(String),
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 403: Text `forbidden`: the request is cross-site (`Origin` names another origin, or `Sec-Fetch-Site: cross-site`). Minimost addition; the original had no such check.
    Forbidden(String),
    /// 404: Text `not found`; no message with this id that the caller can see, or the id does not parse (not plain decimal digits).
    NotFound(String),
    /// 413: The request body is over its limit (Minimost addition): text `request too large (max N bytes)` (`max N MB` for megabytes). Bodies of sign-in and sign-up may have `max_anonymous_body_kb` KiB (default 16), other bodies without files `max_request_body_kb` KiB (default 256). A multipart body with more parts than the operation takes gets `too many files (max N)` (N is `max_files_per_message`) or `too many form fields (max 32)`. A body is refused as soon as its declared length or the bytes read pass the limit.
    PayloadTooLarge(String),
    /// 429: Text `too many requests`: the caller is over a rate limit on writes (see *Rate limits* in the API description). Minimost addition; the original had no limits.
    TooManyRequests {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
}

impl ToggleReactionResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                let mut response = rt::text_response(429, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
        }
    }
}

impl warp::Reply for ToggleReactionResponse {
    fn into_response(self) -> warp::reply::Response {
        ToggleReactionResponse::into_response(self)
    }
}

/// Input of `list_users` (GET /users).
#[derive(Debug, Clone)]
pub struct ListUsersInput {
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `list_users`.
#[derive(Debug, Clone)]
pub enum ListUsersResponse {
    /// 200: Usernames.
    Ok(schemas::UsernameList),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
}

impl ListUsersResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

impl warp::Reply for ListUsersResponse {
    fn into_response(self) -> warp::reply::Response {
        ListUsersResponse::into_response(self)
    }
}

/// Input of `channel_members` (GET /channel_members/{channel}).
#[derive(Debug, Clone)]
pub struct ChannelMembersInput {
    /// Path parameter `channel`.
    pub channel: String,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `channel_members`.
#[derive(Debug, Clone)]
pub enum ChannelMembersResponse {
    /// 200: Mentionable usernames.
    Ok(schemas::UsernameList),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 403: Text `forbidden`; the caller may not write to this channel (unknown public name, DM without the caller or with a single name, private channel they are not in).
    Forbidden(String),
    /// 404: Text `not found`, for a `private:` id that is not in canonical form or a channel path value that does not parse.
    NotFound(String),
}

impl ChannelMembersResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
        }
    }
}

impl warp::Reply for ChannelMembersResponse {
    fn into_response(self) -> warp::reply::Response {
        ChannelMembersResponse::into_response(self)
    }
}

/// Input of `user_colors` (GET /user_colors).
#[derive(Debug, Clone)]
pub struct UserColorsInput {
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `user_colors`.
#[derive(Debug, Clone)]
pub enum UserColorsResponse {
    /// 200: Username to `#rrggbb` colour (`{}` when nobody has one).
    Ok(schemas::UserColors),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
}

impl UserColorsResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

impl warp::Reply for UserColorsResponse {
    fn into_response(self) -> warp::reply::Response {
        UserColorsResponse::into_response(self)
    }
}

/// Input of `user_avatars` (GET /user_avatars).
#[derive(Debug, Clone)]
pub struct UserAvatarsInput {
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `user_avatars`.
#[derive(Debug, Clone)]
pub enum UserAvatarsResponse {
    /// 200: Usernames with an avatar.
    Ok(schemas::UsernameList),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
}

impl UserAvatarsResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

impl warp::Reply for UserAvatarsResponse {
    fn into_response(self) -> warp::reply::Response {
        UserAvatarsResponse::into_response(self)
    }
}

/// Input of `get_profile` (GET /profile/{username}).
#[derive(Debug, Clone)]
pub struct GetProfileInput {
    /// Path parameter `username`.
    pub username: String,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `get_profile`.
#[derive(Debug, Clone)]
pub enum GetProfileResponse {
    /// 200: The profile.
    Ok(schemas::Profile),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 404: Text `not found`: a path value does not parse (an integer that is not plain decimal digits, such as `-1`; a string that is empty, holds `%2F` or `%00`, or is not UTF-8 once percent-decoded), so no route matches.
    NotFound(String),
}

impl GetProfileResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::NotFound(body) => rt::text_response(404, body),
        }
    }
}

impl warp::Reply for GetProfileResponse {
    fn into_response(self) -> warp::reply::Response {
        GetProfileResponse::into_response(self)
    }
}

/// Input of `delete_account` (POST /delete_account).
#[derive(Debug, Clone)]
pub struct DeleteAccountInput {
    /// Body field `password`.
    pub password: Option<String>,
    /// Body field `type`.
    pub r#type: Option<String>,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `delete_account`.
#[derive(Debug, Clone)]
pub enum DeleteAccountResponse {
    /// 200: `{"status":"ok"}`; the account is gone and the session cookie is cleared.
    Ok {
        body: schemas::StatusOk,
        /// `Set-Cookie` header.
        set_cookie: Vec<String>,
    },
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 400: `{"error":"Invalid delete type."}` when `type` is missing or is not `soft` or `hard` (also for a body that is not JSON). A JSON body of the wrong shape (for example `password` not a string) gets the general text answer naming the problem instead.
    BadRequest(DeleteAccountBadRequestBody),
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 403: `{"error":"Incorrect password."}` for a wrong or missing password, `{"error":"Account locked due to too many failed login attempts. Try again in N minutes."}` while the account is locked (or when this wrong password locks it); text `forbidden` for a cross-site request.
    Forbidden(DeleteAccountForbiddenBody),
    /// 413: The request body is over its limit (Minimost addition): text `request too large (max N bytes)` (`max N MB` for megabytes). Bodies of sign-in and sign-up may have `max_anonymous_body_kb` KiB (default 16), other bodies without files `max_request_body_kb` KiB (default 256). A multipart body with more parts than the operation takes gets `too many files (max N)` (N is `max_files_per_message`) or `too many form fields (max 32)`. A body is refused as soon as its declared length or the bytes read pass the limit.
    PayloadTooLarge(String),
    /// 429: Text `too many requests`: the caller is over a rate limit on writes (see *Rate limits* in the API description). Minimost addition; the original had no limits.
    TooManyRequests {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
    /// 503: Too many password checks are running and waiting (Minimost addition): at most `max_concurrent_password_hashes` run at once and `max_queued_password_hashes` wait. Text `server busy, try again`; retry after the given seconds.
    ServiceUnavailable {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
}

impl DeleteAccountResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok { body, set_cookie } => {
                let mut response = rt::json_response(200, &body);
                rt::append_headers(&mut response, "set-cookie", set_cookie);
                response
            }
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::BadRequest(body) => body.into_response(400),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => body.into_response(403),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                let mut response = rt::text_response(429, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
            Self::ServiceUnavailable { body, retry_after } => {
                let mut response = rt::text_response(503, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
        }
    }
}

impl warp::Reply for DeleteAccountResponse {
    fn into_response(self) -> warp::reply::Response {
        DeleteAccountResponse::into_response(self)
    }
}

/// The possible bodies of one status.
#[derive(Debug, Clone)]
pub enum DeleteAccountBadRequestBody {
    Json(schemas::ErrorBody),
    Text(String),
}

impl DeleteAccountBadRequestBody {
    /// The response with this body and `status`.
    pub fn into_response(self, status: u16) -> warp::reply::Response {
        match self {
            Self::Json(body) => rt::json_response(status, &body),
            Self::Text(body) => rt::text_response(status, body),
        }
    }
}

/// The possible bodies of one status.
#[derive(Debug, Clone)]
pub enum DeleteAccountForbiddenBody {
    Json(schemas::ErrorBody),
    Text(String),
}

impl DeleteAccountForbiddenBody {
    /// The response with this body and `status`.
    pub fn into_response(self, status: u16) -> warp::reply::Response {
        match self {
            Self::Json(body) => rt::json_response(status, &body),
            Self::Text(body) => rt::text_response(status, body),
        }
    }
}

/// Input of `online_users` (GET /online_users).
#[derive(Debug, Clone)]
pub struct OnlineUsersInput {
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `online_users`.
#[derive(Debug, Clone)]
pub enum OnlineUsersResponse {
    /// 200: Username to presence state (`{}` when nobody was seen).
    Ok(schemas::PresenceMap),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
}

impl OnlineUsersResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

impl warp::Reply for OnlineUsersResponse {
    fn into_response(self) -> warp::reply::Response {
        OnlineUsersResponse::into_response(self)
    }
}

/// Input of `set_presence` (POST /presence).
#[derive(Debug, Clone)]
pub struct SetPresenceInput {
    /// Body field `state`.
    pub state: Option<String>,
    /// The caller, when the request carries a valid session.
    pub user: Option<CurrentUser>,
}

/// Responses of `set_presence`.
#[derive(Debug, Clone)]
pub enum SetPresenceResponse {
    /// 204: Accepted (or ignored); no body.
    NoContent,
    /// 400: A short text naming the problem with the JSON shape.
    BadRequest(String),
    /// 403: Text `forbidden`: the request is cross-site (`Origin` names another origin, or `Sec-Fetch-Site: cross-site`). Minimost addition; the original had no such check.
    Forbidden(String),
    /// 413: The request body is over its limit (Minimost addition): text `request too large (max N bytes)` (`max N MB` for megabytes). Bodies of sign-in and sign-up may have `max_anonymous_body_kb` KiB (default 16), other bodies without files `max_request_body_kb` KiB (default 256). A multipart body with more parts than the operation takes gets `too many files (max N)` (N is `max_files_per_message`) or `too many form fields (max 32)`. A body is refused as soon as its declared length or the bytes read pass the limit.
    PayloadTooLarge(String),
    /// 429: Text `too many requests`: the caller is over a rate limit on writes (see *Rate limits* in the API description). Minimost addition; the original had no limits.
    TooManyRequests {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
}

impl SetPresenceResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::NoContent => rt::empty_response(204),
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                let mut response = rt::text_response(429, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
        }
    }
}

impl warp::Reply for SetPresenceResponse {
    fn into_response(self) -> warp::reply::Response {
        SetPresenceResponse::into_response(self)
    }
}

/// Input of `typing_users` (GET /typing/{channel}).
#[derive(Debug, Clone)]
pub struct TypingUsersInput {
    /// Path parameter `channel`.
    pub channel: String,
    /// The caller, when the request carries a valid session.
    pub user: Option<CurrentUser>,
}

/// Responses of `typing_users`.
#[derive(Debug, Clone)]
pub enum TypingUsersResponse {
    /// 200: Usernames of those typing (`[]` when not signed in).
    Ok(schemas::UsernameList),
    /// 403: Text `forbidden`; the signed-in caller has no access to this channel.
    Forbidden(String),
    /// 404: Text `not found`, for a `private:` id that is not in canonical form (signed-in callers only), or for a channel path value that does not parse (anyone).
    NotFound(String),
}

impl TypingUsersResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
        }
    }
}

impl warp::Reply for TypingUsersResponse {
    fn into_response(self) -> warp::reply::Response {
        TypingUsersResponse::into_response(self)
    }
}

/// Input of `report_typing` (POST /typing/{channel}).
#[derive(Debug, Clone)]
pub struct ReportTypingInput {
    /// Path parameter `channel`.
    pub channel: String,
    /// The caller, when the request carries a valid session.
    pub user: Option<CurrentUser>,
}

/// Responses of `report_typing`.
#[derive(Debug, Clone)]
pub enum ReportTypingResponse {
    /// 204: Recorded (or ignored when not signed in); no body.
    NoContent,
    /// 403: Text `forbidden`; the signed-in caller has no access to this channel, or the request is cross-site.
    Forbidden(String),
    /// 404: Text `not found`, for a `private:` id that is not in canonical form (signed-in callers only), or for a channel path value that does not parse (anyone); text `user not found`, for a DM id naming someone who has no account (signed-in callers only).
    NotFound(String),
    /// 429: Text `too many requests`: the caller is over a rate limit on writes (see *Rate limits* in the API description). Minimost addition; the original had no limits.
    TooManyRequests {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
}

impl ReportTypingResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::NoContent => rt::empty_response(204),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::TooManyRequests { body, retry_after } => {
                let mut response = rt::text_response(429, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
        }
    }
}

impl warp::Reply for ReportTypingResponse {
    fn into_response(self) -> warp::reply::Response {
        ReportTypingResponse::into_response(self)
    }
}

/// Input of `list_dms` (GET /dms).
#[derive(Debug, Clone)]
pub struct ListDmsInput {
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `list_dms`.
#[derive(Debug, Clone)]
pub enum ListDmsResponse {
    /// 200: Conversations, most recently active first.
    Ok(schemas::DmList),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
}

impl ListDmsResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

impl warp::Reply for ListDmsResponse {
    fn into_response(self) -> warp::reply::Response {
        ListDmsResponse::into_response(self)
    }
}

/// Input of `close_dm` (POST /dms/close).
#[derive(Debug, Clone)]
pub struct CloseDmInput {
    /// Body field `channel`.
    pub channel: Option<String>,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `close_dm`.
#[derive(Debug, Clone)]
pub enum CloseDmResponse {
    /// 200: Text `ok`.
    Ok(String),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 400: Text `invalid channel` when `channel` is missing or does not start with `dm:` (also for a body that is not JSON); for JSON of the wrong shape a short text naming the problem.
    BadRequest(String),
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 403: Text `forbidden`; the caller is not one of the names in the id, or the request is cross-site.
    Forbidden(String),
    /// 404: Text `user not found`; the id names someone who has no account and nobody has written in the conversation.
    NotFound(String),
    /// 413: The request body is over its limit (Minimost addition): text `request too large (max N bytes)` (`max N MB` for megabytes). Bodies of sign-in and sign-up may have `max_anonymous_body_kb` KiB (default 16), other bodies without files `max_request_body_kb` KiB (default 256). A multipart body with more parts than the operation takes gets `too many files (max N)` (N is `max_files_per_message`) or `too many form fields (max 32)`. A body is refused as soon as its declared length or the bytes read pass the limit.
    PayloadTooLarge(String),
    /// 429: Text `too many requests`: the caller is over a rate limit on writes (see *Rate limits* in the API description). Minimost addition; the original had no limits.
    TooManyRequests {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
}

impl CloseDmResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                let mut response = rt::text_response(429, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
        }
    }
}

impl warp::Reply for CloseDmResponse {
    fn into_response(self) -> warp::reply::Response {
        CloseDmResponse::into_response(self)
    }
}

/// Input of `unread_count` (GET /unread_count).
#[derive(Debug, Clone)]
pub struct UnreadCountInput {
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `unread_count`.
#[derive(Debug, Clone)]
pub enum UnreadCountResponse {
    /// 200: The total.
    Ok(schemas::UnreadCount),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
}

impl UnreadCountResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

impl warp::Reply for UnreadCountResponse {
    fn into_response(self) -> warp::reply::Response {
        UnreadCountResponse::into_response(self)
    }
}

/// Input of `mark_read` (POST /mark_read/{channel}).
#[derive(Debug, Clone)]
pub struct MarkReadInput {
    /// Path parameter `channel`.
    pub channel: String,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `mark_read`.
#[derive(Debug, Clone)]
pub enum MarkReadResponse {
    /// 204: Done; no body.
    NoContent,
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 403: Text `forbidden`; the caller has no access to this channel, or the request is cross-site.
    Forbidden(String),
    /// 404: Text `not found`, for a `private:` id that is not in canonical form or a channel path value that does not parse; text `user not found`, for a DM id naming someone who has no account when nobody has written in it.
    NotFound(String),
    /// 429: Text `too many requests`: the caller is over a rate limit on writes (see *Rate limits* in the API description). Minimost addition; the original had no limits.
    TooManyRequests {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
}

impl MarkReadResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::NoContent => rt::empty_response(204),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::TooManyRequests { body, retry_after } => {
                let mut response = rt::text_response(429, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
        }
    }
}

impl warp::Reply for MarkReadResponse {
    fn into_response(self) -> warp::reply::Response {
        MarkReadResponse::into_response(self)
    }
}

/// Input of `read_receipts` (GET /read_receipts/{channel}).
#[derive(Debug, Clone)]
pub struct ReadReceiptsInput {
    /// Path parameter `channel`.
    pub channel: String,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `read_receipts`.
#[derive(Debug, Clone)]
pub enum ReadReceiptsResponse {
    /// 200: Timestamp to readers (`{}` when none).
    Ok(schemas::ReadReceipts),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 403: Text `forbidden`; the caller has no access to this channel.
    Forbidden(String),
    /// 404: Text `not found`, for a `private:` id that is not in canonical form or a channel path value that does not parse.
    NotFound(String),
}

impl ReadReceiptsResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
        }
    }
}

impl warp::Reply for ReadReceiptsResponse {
    fn into_response(self) -> warp::reply::Response {
        ReadReceiptsResponse::into_response(self)
    }
}

/// Input of `get_settings` (GET /settings).
#[derive(Debug, Clone)]
pub struct GetSettingsInput {
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `get_settings`.
#[derive(Debug, Clone)]
pub enum GetSettingsResponse {
    /// 200: The settings.
    Ok(schemas::Settings),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
}

impl GetSettingsResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

impl warp::Reply for GetSettingsResponse {
    fn into_response(self) -> warp::reply::Response {
        GetSettingsResponse::into_response(self)
    }
}

/// Input of `update_settings` (POST /settings).
#[derive(Debug, Clone)]
pub struct UpdateSettingsInput {
    /// Body field `bio`.
    pub bio: Option<Option<String>>,
    /// Body field `name_color`.
    pub name_color: Option<Option<String>>,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `update_settings`.
#[derive(Debug, Clone)]
pub enum UpdateSettingsResponse {
    /// 200: Text `ok`.
    Ok(String),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 400: Text `invalid color` when `name_color` is neither empty nor `#rrggbb`; for JSON of the wrong shape a short text naming the problem.
    BadRequest(String),
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 403: Text `forbidden`: the request is cross-site (`Origin` names another origin, or `Sec-Fetch-Site: cross-site`). Minimost addition; the original had no such check.
    Forbidden(String),
    /// 413: The request body is over its limit (Minimost addition): text `request too large (max N bytes)` (`max N MB` for megabytes). Bodies of sign-in and sign-up may have `max_anonymous_body_kb` KiB (default 16), other bodies without files `max_request_body_kb` KiB (default 256). A multipart body with more parts than the operation takes gets `too many files (max N)` (N is `max_files_per_message`) or `too many form fields (max 32)`. A body is refused as soon as its declared length or the bytes read pass the limit.
    PayloadTooLarge(String),
    /// 429: Text `too many requests`: the caller is over a rate limit on writes (see *Rate limits* in the API description). Minimost addition; the original had no limits.
    TooManyRequests {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
}

impl UpdateSettingsResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                let mut response = rt::text_response(429, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
        }
    }
}

impl warp::Reply for UpdateSettingsResponse {
    fn into_response(self) -> warp::reply::Response {
        UpdateSettingsResponse::into_response(self)
    }
}

/// Input of `get_avatar` (GET /avatar/{username}).
#[derive(Debug, Clone)]
pub struct GetAvatarInput {
    /// Path parameter `username`.
    pub username: String,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `get_avatar`.
#[derive(Debug, Clone)]
pub enum GetAvatarResponse {
    /// 200: The image.
    Ok {
        body: rt::Binary,
        /// `Content-Disposition` header.
        content_disposition: Option<String>,
        /// `Cache-Control` header.
        cache_control: Option<String>,
        /// `ETag` header.
        etag: Option<String>,
        /// `Last-Modified` header.
        last_modified: Option<String>,
        /// `X-Content-Type-Options` header.
        x_content_type_options: Option<String>,
    },
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 304: Not modified (`If-None-Match` or `If-Modified-Since` matched); no body.
    NotModified {
        /// `ETag` header.
        etag: Option<String>,
        /// `Cache-Control` header.
        cache_control: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 404: The user has no avatar (or the file is gone): empty body. A username path value that does not parse (for example `%FF`, or `%2F` inside it) gets the router's text `not found`.
    NotFound,
}

impl GetAvatarResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok { body, content_disposition, cache_control, etag, last_modified, x_content_type_options } => {
                let mut response = rt::binary_response(200, body);
                rt::set_optional_header(&mut response, "content-disposition", content_disposition);
                rt::set_optional_header(&mut response, "cache-control", cache_control);
                rt::set_optional_header(&mut response, "etag", etag);
                rt::set_optional_header(&mut response, "last-modified", last_modified);
                rt::set_optional_header(&mut response, "x-content-type-options", x_content_type_options);
                response
            }
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::NotModified { etag, cache_control } => {
                let mut response = rt::empty_response(304);
                rt::set_optional_header(&mut response, "etag", etag);
                rt::set_optional_header(&mut response, "cache-control", cache_control);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::NotFound => rt::empty_response(404),
        }
    }
}

impl warp::Reply for GetAvatarResponse {
    fn into_response(self) -> warp::reply::Response {
        GetAvatarResponse::into_response(self)
    }
}

/// Input of `upload_avatar` (POST /avatar).
#[derive(Debug, Clone)]
pub struct UploadAvatarInput {
    /// Body field `avatar`.
    pub avatar: Option<rt::UploadedFile>,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `upload_avatar`.
#[derive(Debug, Clone)]
pub enum UploadAvatarResponse {
    /// 200: Text `ok`.
    Ok(String),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 400: Text `no file`; no `avatar` part, or one with an empty filename.
    BadRequest(String),
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 403: Text `forbidden`: the request is cross-site (`Origin` names another origin, or `Sec-Fetch-Site: cross-site`). Minimost addition; the original had no such check.
    Forbidden(String),
    /// 413: Text `file too large (max N MB)`, N being `max_avatar_size_mb` in whole MiB (default 5); `request too large (max N MB)` when the whole body passes that plus 1 MiB, `too many files (max 1)` for a second file part.
    PayloadTooLarge(String),
    /// 415: Text `not an image`.
    UnsupportedMediaType(String),
    /// 429: Text `too many requests`: the caller is over a rate limit on writes (see *Rate limits* in the API description). Minimost addition; the original had no limits.
    TooManyRequests {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
}

impl UploadAvatarResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::UnsupportedMediaType(body) => rt::text_response(415, body),
            Self::TooManyRequests { body, retry_after } => {
                let mut response = rt::text_response(429, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
        }
    }
}

impl warp::Reply for UploadAvatarResponse {
    fn into_response(self) -> warp::reply::Response {
        UploadAvatarResponse::into_response(self)
    }
}

/// Input of `delete_avatar` (DELETE /avatar).
#[derive(Debug, Clone)]
pub struct DeleteAvatarInput {
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `delete_avatar`.
#[derive(Debug, Clone)]
pub enum DeleteAvatarResponse {
    /// 200: Text `ok`.
    Ok(String),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 403: Text `forbidden`: the request is cross-site (`Origin` names another origin, or `Sec-Fetch-Site: cross-site`). Minimost addition; the original had no such check.
    Forbidden(String),
    /// 429: Text `too many requests`: the caller is over a rate limit on writes (see *Rate limits* in the API description). Minimost addition; the original had no limits.
    TooManyRequests {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
}

impl DeleteAvatarResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::TooManyRequests { body, retry_after } => {
                let mut response = rt::text_response(429, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
        }
    }
}

impl warp::Reply for DeleteAvatarResponse {
    fn into_response(self) -> warp::reply::Response {
        DeleteAvatarResponse::into_response(self)
    }
}

/// Input of `list_private_channels` (GET /private_channels).
#[derive(Debug, Clone)]
pub struct ListPrivateChannelsInput {
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `list_private_channels`.
#[derive(Debug, Clone)]
pub enum ListPrivateChannelsResponse {
    /// 200: The caller's private channels.
    Ok(schemas::PrivateChannelList),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
}

impl ListPrivateChannelsResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

impl warp::Reply for ListPrivateChannelsResponse {
    fn into_response(self) -> warp::reply::Response {
        ListPrivateChannelsResponse::into_response(self)
    }
}

/// Input of `create_private_channel` (POST /private_channels/create).
#[derive(Debug, Clone)]
pub struct CreatePrivateChannelInput {
    /// Body field `members`.
    pub members: Vec<String>,
    /// Body field `name`.
    pub name: Option<String>,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `create_private_channel`.
#[derive(Debug, Clone)]
pub enum CreatePrivateChannelResponse {
    /// 200: The new channel.
    Ok(schemas::CreatedPrivateChannel),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 400: Text `name required` (missing or empty name, also for a body that is not JSON), `channel name must be 80 characters or fewer`, `too many members (max N)` when the distinct members with the creator would be more than `max_private_channel_members` (default 1000; Minimost addition), or, for JSON of the wrong shape (e.g. `members` not a list of strings), a short text naming the problem.
    BadRequest(String),
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 403: Text `forbidden`: the request is cross-site (`Origin` names another origin, or `Sec-Fetch-Site: cross-site`). Minimost addition; the original had no such check.
    Forbidden(String),
    /// 404: Text `user not found`; a listed member is not a registered user.
    NotFound(String),
    /// 413: The request body is over its limit (Minimost addition): text `request too large (max N bytes)` (`max N MB` for megabytes). Bodies of sign-in and sign-up may have `max_anonymous_body_kb` KiB (default 16), other bodies without files `max_request_body_kb` KiB (default 256). A multipart body with more parts than the operation takes gets `too many files (max N)` (N is `max_files_per_message`) or `too many form fields (max 32)`. A body is refused as soon as its declared length or the bytes read pass the limit.
    PayloadTooLarge(String),
    /// 429: Text `too many requests`: the caller is over a rate limit on writes (see *Rate limits* in the API description). Minimost addition; the original had no limits.
    TooManyRequests {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
}

impl CreatePrivateChannelResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                let mut response = rt::text_response(429, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
        }
    }
}

impl warp::Reply for CreatePrivateChannelResponse {
    fn into_response(self) -> warp::reply::Response {
        CreatePrivateChannelResponse::into_response(self)
    }
}

/// Input of `rename_private_channel` (POST /private_channels/{channel_id}/rename).
#[derive(Debug, Clone)]
pub struct RenamePrivateChannelInput {
    /// Path parameter `channel_id`.
    pub channel_id: String,
    /// Body field `name`.
    pub name: Option<String>,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `rename_private_channel`.
#[derive(Debug, Clone)]
pub enum RenamePrivateChannelResponse {
    /// 200: Text `ok`.
    Ok(String),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 400: Text `name required` or `channel name must be 80 characters or fewer`; for JSON of the wrong shape a short text naming the problem.
    BadRequest(String),
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 403: Text `forbidden`; the caller is not a current member (or no such channel), or the request is cross-site.
    Forbidden(String),
    /// 404: Text `not found`; the id is malformed (or does not parse as a path value).
    NotFound(String),
    /// 413: The request body is over its limit (Minimost addition): text `request too large (max N bytes)` (`max N MB` for megabytes). Bodies of sign-in and sign-up may have `max_anonymous_body_kb` KiB (default 16), other bodies without files `max_request_body_kb` KiB (default 256). A multipart body with more parts than the operation takes gets `too many files (max N)` (N is `max_files_per_message`) or `too many form fields (max 32)`. A body is refused as soon as its declared length or the bytes read pass the limit.
    PayloadTooLarge(String),
    /// 429: Text `too many requests`: the caller is over a rate limit on writes (see *Rate limits* in the API description). Minimost addition; the original had no limits.
    TooManyRequests {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
}

impl RenamePrivateChannelResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                let mut response = rt::text_response(429, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
        }
    }
}

impl warp::Reply for RenamePrivateChannelResponse {
    fn into_response(self) -> warp::reply::Response {
        RenamePrivateChannelResponse::into_response(self)
    }
}

/// Input of `add_private_channel_member` (POST /private_channels/{channel_id}/add_member).
#[derive(Debug, Clone)]
pub struct AddPrivateChannelMemberInput {
    /// Path parameter `channel_id`.
    pub channel_id: String,
    /// Body field `username`.
    pub username: Option<String>,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `add_private_channel_member`.
#[derive(Debug, Clone)]
pub enum AddPrivateChannelMemberResponse {
    /// 200: Text `ok`.
    Ok(String),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 400: Text `username required` (missing or empty), `too many members (max N)` when the channel already has `max_private_channel_members` members (Minimost addition); for JSON of the wrong shape a short text naming the problem.
    BadRequest(String),
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 403: Text `forbidden`; the caller is not a current member (or no such channel), or the request is cross-site.
    Forbidden(String),
    /// 404: Text `user not found` (no such user), or `not found` (the channel id is malformed or does not parse as a path value).
    NotFound(String),
    /// 409: Text `already a member`.
    Conflict(String),
    /// 413: The request body is over its limit (Minimost addition): text `request too large (max N bytes)` (`max N MB` for megabytes). Bodies of sign-in and sign-up may have `max_anonymous_body_kb` KiB (default 16), other bodies without files `max_request_body_kb` KiB (default 256). A multipart body with more parts than the operation takes gets `too many files (max N)` (N is `max_files_per_message`) or `too many form fields (max 32)`. A body is refused as soon as its declared length or the bytes read pass the limit.
    PayloadTooLarge(String),
    /// 429: Text `too many requests`: the caller is over a rate limit on writes (see *Rate limits* in the API description). Minimost addition; the original had no limits.
    TooManyRequests {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
}

impl AddPrivateChannelMemberResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::Conflict(body) => rt::text_response(409, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                let mut response = rt::text_response(429, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
        }
    }
}

impl warp::Reply for AddPrivateChannelMemberResponse {
    fn into_response(self) -> warp::reply::Response {
        AddPrivateChannelMemberResponse::into_response(self)
    }
}

/// Input of `private_channel_members` (GET /private_channels/{channel_id}/members).
#[derive(Debug, Clone)]
pub struct PrivateChannelMembersInput {
    /// Path parameter `channel_id`.
    pub channel_id: String,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `private_channel_members`.
#[derive(Debug, Clone)]
pub enum PrivateChannelMembersResponse {
    /// 200: The members.
    Ok(schemas::ChannelMemberList),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 403: Text `forbidden`; the caller is not a current member (or no such channel).
    Forbidden(String),
    /// 404: Text `not found`; the id is malformed (or does not parse as a path value).
    NotFound(String),
}

impl PrivateChannelMembersResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
        }
    }
}

impl warp::Reply for PrivateChannelMembersResponse {
    fn into_response(self) -> warp::reply::Response {
        PrivateChannelMembersResponse::into_response(self)
    }
}

/// Input of `leave_private_channel` (POST /private_channels/{channel_id}/leave).
#[derive(Debug, Clone)]
pub struct LeavePrivateChannelInput {
    /// Path parameter `channel_id`.
    pub channel_id: String,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `leave_private_channel`.
#[derive(Debug, Clone)]
pub enum LeavePrivateChannelResponse {
    /// 200: Text `ok`.
    Ok(String),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 403: Text `forbidden`; the caller is not a current member (or no such channel), or the request is cross-site.
    Forbidden(String),
    /// 404: Text `not found`; the id is malformed (or does not parse as a path value).
    NotFound(String),
    /// 429: Text `too many requests`: the caller is over a rate limit on writes (see *Rate limits* in the API description). Minimost addition; the original had no limits.
    TooManyRequests {
        body: String,
        /// `Retry-After` header.
        retry_after: Option<String>,
    },
}

impl LeavePrivateChannelResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::TooManyRequests { body, retry_after } => {
                let mut response = rt::text_response(429, body);
                rt::set_optional_header(&mut response, "retry-after", retry_after);
                response
            }
        }
    }
}

impl warp::Reply for LeavePrivateChannelResponse {
    fn into_response(self) -> warp::reply::Response {
        LeavePrivateChannelResponse::into_response(self)
    }
}

/// Input of `get_file` (GET /files/{filename}).
#[derive(Debug, Clone)]
pub struct GetFileInput {
    /// Path parameter `filename`.
    pub filename: String,
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `get_file`.
#[derive(Debug, Clone)]
pub enum GetFileResponse {
    /// 200: The file.
    Ok {
        body: rt::Binary,
        /// `Content-Disposition` header.
        content_disposition: Option<String>,
        /// `Cache-Control` header.
        cache_control: Option<String>,
        /// `ETag` header.
        etag: Option<String>,
        /// `Last-Modified` header.
        last_modified: Option<String>,
        /// `X-Content-Type-Options` header.
        x_content_type_options: Option<String>,
    },
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 304: Not modified (`If-None-Match` or `If-Modified-Since` matched); no body.
    NotModified {
        /// `ETag` header.
        etag: Option<String>,
        /// `Cache-Control` header.
        cache_control: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
    /// 404: Text `not found`: no such file, a name outside the upload directory, a file the caller may not see (no visible, undeleted message carries it), or a name that does not parse as a path value.
    NotFound(String),
}

impl GetFileResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok { body, content_disposition, cache_control, etag, last_modified, x_content_type_options } => {
                let mut response = rt::binary_response(200, body);
                rt::set_optional_header(&mut response, "content-disposition", content_disposition);
                rt::set_optional_header(&mut response, "cache-control", cache_control);
                rt::set_optional_header(&mut response, "etag", etag);
                rt::set_optional_header(&mut response, "last-modified", last_modified);
                rt::set_optional_header(&mut response, "x-content-type-options", x_content_type_options);
                response
            }
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::NotModified { etag, cache_control } => {
                let mut response = rt::empty_response(304);
                rt::set_optional_header(&mut response, "etag", etag);
                rt::set_optional_header(&mut response, "cache-control", cache_control);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::NotFound(body) => rt::text_response(404, body),
        }
    }
}

impl warp::Reply for GetFileResponse {
    fn into_response(self) -> warp::reply::Response {
        GetFileResponse::into_response(self)
    }
}

/// Input of `stream_events` (GET /events).
#[derive(Debug, Clone)]
pub struct StreamEventsInput {
    /// The logged-in caller.
    pub user: CurrentUser,
}

/// Responses of `stream_events`.
#[derive(Debug, Clone)]
pub enum StreamEventsResponse {
    /// 200: The event stream; it stays open until the client disconnects, its session ends, or the client falls too far behind.
    Ok(rt::EventStream),
    /// 302: Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.
    Found {
        body: rt::Html,
        /// `Location` header.
        location: Option<String>,
    },
    /// 401: Not signed in and the request's `Accept` asks for JSON and not HTML: `{"error":"unauthenticated"}`. Minimost extension; the original always redirected.
    Unauthorized(schemas::ErrorBody),
}

impl StreamEventsResponse {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    pub fn into_response(self) -> warp::reply::Response {
        match self {
            Self::Ok(body) => rt::event_stream_response(200, body),
            Self::Found { body, location } => {
                let mut response = rt::html_response(302, body);
                rt::set_optional_header(&mut response, "location", location);
                response
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

impl warp::Reply for StreamEventsResponse {
    fn into_response(self) -> warp::reply::Response {
        StreamEventsResponse::into_response(self)
    }
}
