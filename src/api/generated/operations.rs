// @generated from api-spec/minimost.yaml by `cargo xtask codegen`.
// DO NOT EDIT: change the spec (or the generator in xtask/src/codegen/) and regenerate.
#![allow(clippy::all)]

//! Operation inputs (decoded by the adapters in `routes.rs`) and responses (one variant per
//! documented status).
use warp::reply::Response;

use crate::api::http::body::UploadedFile;
use crate::api::http::responses::{self as rt, OpResponse, WithHeader};
use crate::contract::schemas;
use crate::service::{CurrentUser, Denied};

/// Input of `chat_app` (GET /).
#[derive(Debug, Clone)]
pub struct ChatAppInput {
    pub user: CurrentUser,
}

/// Responses of `chat_app`.
#[derive(Debug, Clone)]
pub enum ChatAppResponse {
    Ok(rt::Html),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
}

impl OpResponse for ChatAppResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::html_response(200, body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

/// Input of `login_page` (GET /login).
#[derive(Debug, Clone)]
pub struct LoginPageInput {}

/// Responses of `login_page`.
#[derive(Debug, Clone)]
pub enum LoginPageResponse {
    Ok { body: rt::Html, set_cookie: Vec<String> },
}

impl OpResponse for LoginPageResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok { body, set_cookie } => rt::html_response(200, body).with("set-cookie", set_cookie),
        }
    }
}

/// Input of `login` (POST /login).
#[derive(Debug, Clone)]
pub struct LoginInput {
    pub csrf_token: Option<String>,
    pub password: String,
    pub username: String,
}

/// Responses of `login`.
#[derive(Debug, Clone)]
pub enum LoginResponse {
    Ok { body: rt::Html, set_cookie: Vec<String> },
    Found { location: Option<String>, set_cookie: Vec<String> },
    BadRequest(String),
    Forbidden(String),
    PayloadTooLarge(String),
    TooManyRequests { body: String, retry_after: Option<String> },
    ServiceUnavailable { body: String, retry_after: Option<String> },
}

impl OpResponse for LoginResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok { body, set_cookie } => rt::html_response(200, body).with("set-cookie", set_cookie),
            Self::Found { location, set_cookie } => {
                rt::empty_response(302).with("location", location).with("set-cookie", set_cookie)
            }
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
            Self::ServiceUnavailable { body, retry_after } => {
                rt::text_response(503, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `logout` (GET /logout).
#[derive(Debug, Clone)]
pub struct LogoutInput {
    pub user: CurrentUser,
}

/// Responses of `logout`.
#[derive(Debug, Clone)]
pub enum LogoutResponse {
    Found { body: rt::Html, location: Option<String>, set_cookie: Vec<String> },
    Unauthorized(schemas::ErrorBody),
}

impl OpResponse for LogoutResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Found { body, location, set_cookie } => {
                rt::html_response(302, body).with("location", location).with("set-cookie", set_cookie)
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

/// Input of `logout_post` (POST /logout).
#[derive(Debug, Clone)]
pub struct LogoutPostInput {
    pub user: CurrentUser,
}

/// Responses of `logout_post`.
#[derive(Debug, Clone)]
pub enum LogoutPostResponse {
    Found { body: rt::Html, location: Option<String>, set_cookie: Vec<String> },
    Unauthorized(schemas::ErrorBody),
    Forbidden(String),
    TooManyRequests { body: String, retry_after: Option<String> },
}

impl OpResponse for LogoutPostResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Found { body, location, set_cookie } => {
                rt::html_response(302, body).with("location", location).with("set-cookie", set_cookie)
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `signup_page` (GET /signup).
#[derive(Debug, Clone)]
pub struct SignupPageInput {}

/// Responses of `signup_page`.
#[derive(Debug, Clone)]
pub enum SignupPageResponse {
    Ok { body: rt::Html, set_cookie: Vec<String> },
}

impl OpResponse for SignupPageResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok { body, set_cookie } => rt::html_response(200, body).with("set-cookie", set_cookie),
        }
    }
}

/// Input of `signup` (POST /signup).
#[derive(Debug, Clone)]
pub struct SignupInput {
    pub confirm_password: String,
    pub csrf_token: Option<String>,
    pub password: String,
    pub username: String,
}

/// Responses of `signup`.
#[derive(Debug, Clone)]
pub enum SignupResponse {
    Ok { body: rt::Html, set_cookie: Vec<String> },
    Found { location: Option<String>, set_cookie: Vec<String> },
    BadRequest(String),
    Forbidden(String),
    PayloadTooLarge(String),
    TooManyRequests { body: String, retry_after: Option<String> },
    ServiceUnavailable { body: String, retry_after: Option<String> },
}

impl OpResponse for SignupResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok { body, set_cookie } => rt::html_response(200, body).with("set-cookie", set_cookie),
            Self::Found { location, set_cookie } => {
                rt::empty_response(302).with("location", location).with("set-cookie", set_cookie)
            }
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
            Self::ServiceUnavailable { body, retry_after } => {
                rt::text_response(503, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `forgot_password_page` (GET /forgot-password).
#[derive(Debug, Clone)]
pub struct ForgotPasswordPageInput {}

/// Responses of `forgot_password_page`.
#[derive(Debug, Clone)]
pub enum ForgotPasswordPageResponse {
    Ok(rt::Html),
}

impl OpResponse for ForgotPasswordPageResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::html_response(200, body),
        }
    }
}

/// Input of `reset_password_page` (GET /reset-password/{token}).
#[derive(Debug, Clone)]
pub struct ResetPasswordPageInput {
    pub token: String,
}

/// Responses of `reset_password_page`.
#[derive(Debug, Clone)]
pub enum ResetPasswordPageResponse {
    Ok { body: rt::Html, set_cookie: Vec<String> },
    NotFound(String),
}

impl OpResponse for ResetPasswordPageResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok { body, set_cookie } => rt::html_response(200, body).with("set-cookie", set_cookie),
            Self::NotFound(body) => rt::text_response(404, body),
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `reset_password` (POST /reset-password/{token}).
#[derive(Debug, Clone)]
pub struct ResetPasswordInput {
    pub token: String,
    pub confirm_password: String,
    pub csrf_token: Option<String>,
    pub password: String,
}

/// Responses of `reset_password`.
#[derive(Debug, Clone)]
pub enum ResetPasswordResponse {
    Ok { body: rt::Html, set_cookie: Vec<String> },
    BadRequest(String),
    Forbidden(String),
    NotFound(String),
    PayloadTooLarge(String),
    TooManyRequests { body: String, retry_after: Option<String> },
    ServiceUnavailable { body: String, retry_after: Option<String> },
}

impl OpResponse for ResetPasswordResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok { body, set_cookie } => rt::html_response(200, body).with("set-cookie", set_cookie),
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
            Self::ServiceUnavailable { body, retry_after } => {
                rt::text_response(503, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `list_channels` (GET /channels).
#[derive(Debug, Clone)]
pub struct ListChannelsInput {
    pub user: CurrentUser,
}

/// Responses of `list_channels`.
#[derive(Debug, Clone)]
pub enum ListChannelsResponse {
    Ok(schemas::ChannelList),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
}

impl OpResponse for ListChannelsResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

/// Input of `channel_unreads` (GET /channel_unreads).
#[derive(Debug, Clone)]
pub struct ChannelUnreadsInput {
    pub user: CurrentUser,
}

/// Responses of `channel_unreads`.
#[derive(Debug, Clone)]
pub enum ChannelUnreadsResponse {
    Ok(schemas::UnreadCounts),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
}

impl OpResponse for ChannelUnreadsResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

/// Input of `list_messages` (GET /messages/{channel}).
#[derive(Debug, Clone)]
pub struct ListMessagesInput {
    pub channel: String,
    pub after: Option<String>,
    pub limit: Option<String>,
    pub before: Option<String>,
    pub after_id: Option<String>,
    pub around: Option<String>,
    pub user: CurrentUser,
}

/// Responses of `list_messages`.
#[derive(Debug, Clone)]
pub enum ListMessagesResponse {
    Ok(schemas::MessageList),
    Found { body: rt::Html, location: Option<String> },
    BadRequest(String),
    Unauthorized(schemas::ErrorBody),
    NotFound(String),
}

impl OpResponse for ListMessagesResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::NotFound(body) => rt::text_response(404, body),
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `send_message` (POST /send/{channel}).
#[derive(Debug, Clone)]
pub struct SendMessageInput {
    pub channel: String,
    pub files: Vec<UploadedFile>,
    pub reply_to_id: Option<i64>,
    pub text: Option<String>,
    pub user: CurrentUser,
}

/// Responses of `send_message`.
#[derive(Debug, Clone)]
pub enum SendMessageResponse {
    Ok(String),
    Found { body: rt::Html, location: Option<String> },
    BadRequest(String),
    Unauthorized(schemas::ErrorBody),
    Forbidden(String),
    NotFound(String),
    PayloadTooLarge(String),
    UnsupportedMediaType(String),
    TooManyRequests { body: String, retry_after: Option<String> },
}

impl OpResponse for SendMessageResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::UnsupportedMediaType(body) => rt::text_response(415, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `get_message` (GET /message/{msg_id}).
#[derive(Debug, Clone)]
pub struct GetMessageInput {
    pub msg_id: i64,
    pub user: CurrentUser,
}

/// Responses of `get_message`.
#[derive(Debug, Clone)]
pub enum GetMessageResponse {
    Ok(schemas::MessageSummary),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
    NotFound(String),
}

impl OpResponse for GetMessageResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::NotFound(body) => rt::text_response(404, body),
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `edit_message` (POST /edit/{msg_id}).
#[derive(Debug, Clone)]
pub struct EditMessageInput {
    pub msg_id: i64,
    pub text: Option<String>,
    pub user: CurrentUser,
}

/// Responses of `edit_message`.
#[derive(Debug, Clone)]
pub enum EditMessageResponse {
    Ok(String),
    Found { body: rt::Html, location: Option<String> },
    BadRequest(String),
    Unauthorized(schemas::ErrorBody),
    Forbidden(String),
    NotFound(String),
    PayloadTooLarge(String),
    TooManyRequests { body: String, retry_after: Option<String> },
}

impl OpResponse for EditMessageResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `delete_message` (POST /delete/{msg_id}).
#[derive(Debug, Clone)]
pub struct DeleteMessageInput {
    pub msg_id: i64,
    pub user: CurrentUser,
}

/// Responses of `delete_message`.
#[derive(Debug, Clone)]
pub enum DeleteMessageResponse {
    Ok(String),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
    Forbidden(String),
    NotFound(String),
    TooManyRequests { body: String, retry_after: Option<String> },
}

impl OpResponse for DeleteMessageResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `search_messages` (GET /search_messages).
#[derive(Debug, Clone)]
pub struct SearchMessagesInput {
    pub q: Option<String>,
    pub user: CurrentUser,
}

/// Responses of `search_messages`.
#[derive(Debug, Clone)]
pub enum SearchMessagesResponse {
    Ok(schemas::SearchResults),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
}

impl OpResponse for SearchMessagesResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

/// Input of `toggle_reaction` (POST /react/{msg_id}).
#[derive(Debug, Clone)]
pub struct ToggleReactionInput {
    pub msg_id: i64,
    pub reaction: Option<String>,
    pub user: CurrentUser,
}

/// Responses of `toggle_reaction`.
#[derive(Debug, Clone)]
pub enum ToggleReactionResponse {
    Ok(schemas::ReactionMap),
    Found { body: rt::Html, location: Option<String> },
    BadRequest(String),
    Unauthorized(schemas::ErrorBody),
    Forbidden(String),
    NotFound(String),
    PayloadTooLarge(String),
    TooManyRequests { body: String, retry_after: Option<String> },
}

impl OpResponse for ToggleReactionResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `pin_message` (POST /pin/{msg_id}).
#[derive(Debug, Clone)]
pub struct PinMessageInput {
    pub msg_id: i64,
    pub user: CurrentUser,
}

/// Responses of `pin_message`.
#[derive(Debug, Clone)]
pub enum PinMessageResponse {
    Ok(String),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
    Forbidden(String),
    NotFound(String),
    Conflict(String),
    TooManyRequests { body: String, retry_after: Option<String> },
}

impl OpResponse for PinMessageResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::Conflict(body) => rt::text_response(409, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `unpin_message` (POST /unpin/{msg_id}).
#[derive(Debug, Clone)]
pub struct UnpinMessageInput {
    pub msg_id: i64,
    pub user: CurrentUser,
}

/// Responses of `unpin_message`.
#[derive(Debug, Clone)]
pub enum UnpinMessageResponse {
    Ok(String),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
    Forbidden(String),
    NotFound(String),
    TooManyRequests { body: String, retry_after: Option<String> },
}

impl OpResponse for UnpinMessageResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `list_pins` (GET /pins/{channel}).
#[derive(Debug, Clone)]
pub struct ListPinsInput {
    pub channel: String,
    pub user: CurrentUser,
}

/// Responses of `list_pins`.
#[derive(Debug, Clone)]
pub enum ListPinsResponse {
    Ok(schemas::MessageList),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
    Forbidden(String),
    NotFound(String),
}

impl OpResponse for ListPinsResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `link_preview` (GET /link_preview).
#[derive(Debug, Clone)]
pub struct LinkPreviewInput {
    pub url: Option<String>,
    pub user: CurrentUser,
}

/// Responses of `link_preview`.
#[derive(Debug, Clone)]
pub enum LinkPreviewResponse {
    Ok { body: schemas::LinkPreview, x_link_preview: Option<String> },
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
}

impl OpResponse for LinkPreviewResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok { body, x_link_preview } => rt::json_response(200, &body).with("x-link-preview", x_link_preview),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

/// Input of `list_users` (GET /users).
#[derive(Debug, Clone)]
pub struct ListUsersInput {
    pub user: CurrentUser,
}

/// Responses of `list_users`.
#[derive(Debug, Clone)]
pub enum ListUsersResponse {
    Ok(schemas::UsernameList),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
}

impl OpResponse for ListUsersResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

/// Input of `channel_members` (GET /channel_members/{channel}).
#[derive(Debug, Clone)]
pub struct ChannelMembersInput {
    pub channel: String,
    pub user: CurrentUser,
}

/// Responses of `channel_members`.
#[derive(Debug, Clone)]
pub enum ChannelMembersResponse {
    Ok(schemas::UsernameList),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
    Forbidden(String),
    NotFound(String),
}

impl OpResponse for ChannelMembersResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `user_colors` (GET /user_colors).
#[derive(Debug, Clone)]
pub struct UserColorsInput {
    pub user: CurrentUser,
}

/// Responses of `user_colors`.
#[derive(Debug, Clone)]
pub enum UserColorsResponse {
    Ok(schemas::UserColors),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
}

impl OpResponse for UserColorsResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

/// Input of `user_avatars` (GET /user_avatars).
#[derive(Debug, Clone)]
pub struct UserAvatarsInput {
    pub user: CurrentUser,
}

/// Responses of `user_avatars`.
#[derive(Debug, Clone)]
pub enum UserAvatarsResponse {
    Ok(schemas::UsernameList),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
}

impl OpResponse for UserAvatarsResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

/// Input of `get_profile` (GET /profile/{username}).
#[derive(Debug, Clone)]
pub struct GetProfileInput {
    pub username: String,
    pub user: CurrentUser,
}

/// Responses of `get_profile`.
#[derive(Debug, Clone)]
pub enum GetProfileResponse {
    Ok(schemas::Profile),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
    NotFound(String),
}

impl OpResponse for GetProfileResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::NotFound(body) => rt::text_response(404, body),
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `delete_account` (POST /delete_account).
#[derive(Debug, Clone)]
pub struct DeleteAccountInput {
    pub password: Option<String>,
    pub r#type: Option<String>,
    pub user: CurrentUser,
}

/// Responses of `delete_account`.
#[derive(Debug, Clone)]
pub enum DeleteAccountResponse {
    Ok { body: schemas::StatusOk, set_cookie: Vec<String> },
    Found { body: rt::Html, location: Option<String> },
    BadRequest(DeleteAccountBadRequestBody),
    Unauthorized(schemas::ErrorBody),
    Forbidden(DeleteAccountForbiddenBody),
    PayloadTooLarge(String),
    TooManyRequests { body: String, retry_after: Option<String> },
    ServiceUnavailable { body: String, retry_after: Option<String> },
}

impl OpResponse for DeleteAccountResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok { body, set_cookie } => rt::json_response(200, &body).with("set-cookie", set_cookie),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::BadRequest(body) => body.into_response(400),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => body.into_response(403),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
            Self::ServiceUnavailable { body, retry_after } => {
                rt::text_response(503, body).with("retry-after", retry_after)
            }
        }
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
    pub fn into_response(self, status: u16) -> Response {
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
    pub fn into_response(self, status: u16) -> Response {
        match self {
            Self::Json(body) => rt::json_response(status, &body),
            Self::Text(body) => rt::text_response(status, body),
        }
    }
}

/// Input of `online_users` (GET /online_users).
#[derive(Debug, Clone)]
pub struct OnlineUsersInput {
    pub user: CurrentUser,
}

/// Responses of `online_users`.
#[derive(Debug, Clone)]
pub enum OnlineUsersResponse {
    Ok(schemas::PresenceMap),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
}

impl OpResponse for OnlineUsersResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

/// Input of `set_presence` (POST /presence).
#[derive(Debug, Clone)]
pub struct SetPresenceInput {
    pub state: Option<String>,
    pub user: Option<CurrentUser>,
}

/// Responses of `set_presence`.
#[derive(Debug, Clone)]
pub enum SetPresenceResponse {
    NoContent,
    BadRequest(String),
    Forbidden(String),
    PayloadTooLarge(String),
    TooManyRequests { body: String, retry_after: Option<String> },
}

impl OpResponse for SetPresenceResponse {
    fn into_response(self) -> Response {
        match self {
            Self::NoContent => rt::empty_response(204),
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `typing_users` (GET /typing/{channel}).
#[derive(Debug, Clone)]
pub struct TypingUsersInput {
    pub channel: String,
    pub user: Option<CurrentUser>,
}

/// Responses of `typing_users`.
#[derive(Debug, Clone)]
pub enum TypingUsersResponse {
    Ok(schemas::UsernameList),
    Forbidden(String),
    NotFound(String),
}

impl OpResponse for TypingUsersResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `report_typing` (POST /typing/{channel}).
#[derive(Debug, Clone)]
pub struct ReportTypingInput {
    pub channel: String,
    pub user: Option<CurrentUser>,
}

/// Responses of `report_typing`.
#[derive(Debug, Clone)]
pub enum ReportTypingResponse {
    NoContent,
    Forbidden(String),
    NotFound(String),
    TooManyRequests { body: String, retry_after: Option<String> },
}

impl OpResponse for ReportTypingResponse {
    fn into_response(self) -> Response {
        match self {
            Self::NoContent => rt::empty_response(204),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `list_dms` (GET /dms).
#[derive(Debug, Clone)]
pub struct ListDmsInput {
    pub user: CurrentUser,
}

/// Responses of `list_dms`.
#[derive(Debug, Clone)]
pub enum ListDmsResponse {
    Ok(schemas::DmList),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
}

impl OpResponse for ListDmsResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

/// Input of `close_dm` (POST /dms/close).
#[derive(Debug, Clone)]
pub struct CloseDmInput {
    pub channel: Option<String>,
    pub user: CurrentUser,
}

/// Responses of `close_dm`.
#[derive(Debug, Clone)]
pub enum CloseDmResponse {
    Ok(String),
    Found { body: rt::Html, location: Option<String> },
    BadRequest(String),
    Unauthorized(schemas::ErrorBody),
    Forbidden(String),
    NotFound(String),
    PayloadTooLarge(String),
    TooManyRequests { body: String, retry_after: Option<String> },
}

impl OpResponse for CloseDmResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `unread_count` (GET /unread_count).
#[derive(Debug, Clone)]
pub struct UnreadCountInput {
    pub user: CurrentUser,
}

/// Responses of `unread_count`.
#[derive(Debug, Clone)]
pub enum UnreadCountResponse {
    Ok(schemas::UnreadCount),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
}

impl OpResponse for UnreadCountResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

/// Input of `mark_read` (POST /mark_read/{channel}).
#[derive(Debug, Clone)]
pub struct MarkReadInput {
    pub channel: String,
    pub user: CurrentUser,
}

/// Responses of `mark_read`.
#[derive(Debug, Clone)]
pub enum MarkReadResponse {
    NoContent,
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
    Forbidden(String),
    NotFound(String),
    TooManyRequests { body: String, retry_after: Option<String> },
}

impl OpResponse for MarkReadResponse {
    fn into_response(self) -> Response {
        match self {
            Self::NoContent => rt::empty_response(204),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `read_receipts` (GET /read_receipts/{channel}).
#[derive(Debug, Clone)]
pub struct ReadReceiptsInput {
    pub channel: String,
    pub from_id: Option<String>,
    pub to_id: Option<String>,
    pub user: CurrentUser,
}

/// Responses of `read_receipts`.
#[derive(Debug, Clone)]
pub enum ReadReceiptsResponse {
    Ok(schemas::ReadReceipts),
    Found { body: rt::Html, location: Option<String> },
    BadRequest(String),
    Unauthorized(schemas::ErrorBody),
    Forbidden(String),
    NotFound(String),
}

impl OpResponse for ReadReceiptsResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `get_settings` (GET /settings).
#[derive(Debug, Clone)]
pub struct GetSettingsInput {
    pub user: CurrentUser,
}

/// Responses of `get_settings`.
#[derive(Debug, Clone)]
pub enum GetSettingsResponse {
    Ok(schemas::Settings),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
}

impl OpResponse for GetSettingsResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

/// Input of `update_settings` (POST /settings).
#[derive(Debug, Clone)]
pub struct UpdateSettingsInput {
    pub bio: Option<Option<String>>,
    pub name_color: Option<Option<String>>,
    pub user: CurrentUser,
}

/// Responses of `update_settings`.
#[derive(Debug, Clone)]
pub enum UpdateSettingsResponse {
    Ok(String),
    Found { body: rt::Html, location: Option<String> },
    BadRequest(String),
    Unauthorized(schemas::ErrorBody),
    Forbidden(String),
    PayloadTooLarge(String),
    TooManyRequests { body: String, retry_after: Option<String> },
}

impl OpResponse for UpdateSettingsResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `get_avatar` (GET /avatar/{username}).
#[derive(Debug, Clone)]
pub struct GetAvatarInput {
    pub username: String,
    pub user: CurrentUser,
}

/// Responses of `get_avatar`.
#[derive(Debug, Clone)]
pub enum GetAvatarResponse {
    Ok {
        body: rt::Binary,
        content_disposition: Option<String>,
        cache_control: Option<String>,
        accept_ranges: Option<String>,
        etag: Option<String>,
        last_modified: Option<String>,
        x_content_type_options: Option<String>,
    },
    PartialContent {
        body: rt::Binary,
        content_range: Option<String>,
        content_disposition: Option<String>,
        accept_ranges: Option<String>,
        cache_control: Option<String>,
        etag: Option<String>,
        last_modified: Option<String>,
        x_content_type_options: Option<String>,
    },
    Found {
        body: rt::Html,
        location: Option<String>,
    },
    NotModified {
        etag: Option<String>,
        cache_control: Option<String>,
    },
    Unauthorized(schemas::ErrorBody),
    NotFound,
    RangeNotSatisfiable {
        body: String,
        content_range: Option<String>,
    },
}

impl OpResponse for GetAvatarResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok {
                body,
                content_disposition,
                cache_control,
                accept_ranges,
                etag,
                last_modified,
                x_content_type_options,
            } => rt::binary_response(200, body)
                .with("content-disposition", content_disposition)
                .with("cache-control", cache_control)
                .with("accept-ranges", accept_ranges)
                .with("etag", etag)
                .with("last-modified", last_modified)
                .with("x-content-type-options", x_content_type_options),
            Self::PartialContent {
                body,
                content_range,
                content_disposition,
                accept_ranges,
                cache_control,
                etag,
                last_modified,
                x_content_type_options,
            } => rt::binary_response(206, body)
                .with("content-range", content_range)
                .with("content-disposition", content_disposition)
                .with("accept-ranges", accept_ranges)
                .with("cache-control", cache_control)
                .with("etag", etag)
                .with("last-modified", last_modified)
                .with("x-content-type-options", x_content_type_options),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::NotModified { etag, cache_control } => {
                rt::empty_response(304).with("etag", etag).with("cache-control", cache_control)
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::NotFound => rt::empty_response(404),
            Self::RangeNotSatisfiable { body, content_range } => {
                rt::text_response(416, body).with("content-range", content_range)
            }
        }
    }
}

/// Input of `upload_avatar` (POST /avatar).
#[derive(Debug, Clone)]
pub struct UploadAvatarInput {
    pub avatar: Option<UploadedFile>,
    pub user: CurrentUser,
}

/// Responses of `upload_avatar`.
#[derive(Debug, Clone)]
pub enum UploadAvatarResponse {
    Ok(String),
    Found { body: rt::Html, location: Option<String> },
    BadRequest(String),
    Unauthorized(schemas::ErrorBody),
    Forbidden(String),
    PayloadTooLarge(String),
    UnsupportedMediaType(String),
    TooManyRequests { body: String, retry_after: Option<String> },
}

impl OpResponse for UploadAvatarResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::UnsupportedMediaType(body) => rt::text_response(415, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `delete_avatar` (DELETE /avatar).
#[derive(Debug, Clone)]
pub struct DeleteAvatarInput {
    pub user: CurrentUser,
}

/// Responses of `delete_avatar`.
#[derive(Debug, Clone)]
pub enum DeleteAvatarResponse {
    Ok(String),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
    Forbidden(String),
    TooManyRequests { body: String, retry_after: Option<String> },
}

impl OpResponse for DeleteAvatarResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `list_private_channels` (GET /private_channels).
#[derive(Debug, Clone)]
pub struct ListPrivateChannelsInput {
    pub user: CurrentUser,
}

/// Responses of `list_private_channels`.
#[derive(Debug, Clone)]
pub enum ListPrivateChannelsResponse {
    Ok(schemas::PrivateChannelList),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
}

impl OpResponse for ListPrivateChannelsResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

/// Input of `create_private_channel` (POST /private_channels/create).
#[derive(Debug, Clone)]
pub struct CreatePrivateChannelInput {
    pub members: Vec<String>,
    pub name: Option<String>,
    pub user: CurrentUser,
}

/// Responses of `create_private_channel`.
#[derive(Debug, Clone)]
pub enum CreatePrivateChannelResponse {
    Ok(schemas::CreatedPrivateChannel),
    Found { body: rt::Html, location: Option<String> },
    BadRequest(String),
    Unauthorized(schemas::ErrorBody),
    Forbidden(String),
    NotFound(String),
    PayloadTooLarge(String),
    TooManyRequests { body: String, retry_after: Option<String> },
}

impl OpResponse for CreatePrivateChannelResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `rename_private_channel` (POST /private_channels/{channel_id}/rename).
#[derive(Debug, Clone)]
pub struct RenamePrivateChannelInput {
    pub channel_id: String,
    pub name: Option<String>,
    pub user: CurrentUser,
}

/// Responses of `rename_private_channel`.
#[derive(Debug, Clone)]
pub enum RenamePrivateChannelResponse {
    Ok(String),
    Found { body: rt::Html, location: Option<String> },
    BadRequest(String),
    Unauthorized(schemas::ErrorBody),
    Forbidden(String),
    NotFound(String),
    PayloadTooLarge(String),
    TooManyRequests { body: String, retry_after: Option<String> },
}

impl OpResponse for RenamePrivateChannelResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `add_private_channel_member` (POST /private_channels/{channel_id}/add_member).
#[derive(Debug, Clone)]
pub struct AddPrivateChannelMemberInput {
    pub channel_id: String,
    pub username: Option<String>,
    pub user: CurrentUser,
}

/// Responses of `add_private_channel_member`.
#[derive(Debug, Clone)]
pub enum AddPrivateChannelMemberResponse {
    Ok(String),
    Found { body: rt::Html, location: Option<String> },
    BadRequest(String),
    Unauthorized(schemas::ErrorBody),
    Forbidden(String),
    NotFound(String),
    Conflict(String),
    PayloadTooLarge(String),
    TooManyRequests { body: String, retry_after: Option<String> },
}

impl OpResponse for AddPrivateChannelMemberResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::BadRequest(body) => rt::text_response(400, body),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::Conflict(body) => rt::text_response(409, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `private_channel_members` (GET /private_channels/{channel_id}/members).
#[derive(Debug, Clone)]
pub struct PrivateChannelMembersInput {
    pub channel_id: String,
    pub user: CurrentUser,
}

/// Responses of `private_channel_members`.
#[derive(Debug, Clone)]
pub enum PrivateChannelMembersResponse {
    Ok(schemas::ChannelMemberList),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
    Forbidden(String),
    NotFound(String),
}

impl OpResponse for PrivateChannelMembersResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `leave_private_channel` (POST /private_channels/{channel_id}/leave).
#[derive(Debug, Clone)]
pub struct LeavePrivateChannelInput {
    pub channel_id: String,
    pub user: CurrentUser,
}

/// Responses of `leave_private_channel`.
#[derive(Debug, Clone)]
pub enum LeavePrivateChannelResponse {
    Ok(String),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
    Forbidden(String),
    NotFound(String),
    TooManyRequests { body: String, retry_after: Option<String> },
}

impl OpResponse for LeavePrivateChannelResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::text_response(200, body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::Forbidden(body) => rt::text_response(403, body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::TooManyRequests { body, retry_after } => {
                rt::text_response(429, body).with("retry-after", retry_after)
            }
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (403, text) => Some(Self::Forbidden(text.to_owned())),
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `get_file` (GET /files/{filename}).
#[derive(Debug, Clone)]
pub struct GetFileInput {
    pub filename: String,
    pub user: CurrentUser,
}

/// Responses of `get_file`.
#[derive(Debug, Clone)]
pub enum GetFileResponse {
    Ok {
        body: rt::Binary,
        content_disposition: Option<String>,
        accept_ranges: Option<String>,
        cache_control: Option<String>,
        etag: Option<String>,
        last_modified: Option<String>,
        x_content_type_options: Option<String>,
        content_security_policy: Option<String>,
    },
    PartialContent {
        body: rt::Binary,
        content_range: Option<String>,
        content_disposition: Option<String>,
        accept_ranges: Option<String>,
        cache_control: Option<String>,
        etag: Option<String>,
        last_modified: Option<String>,
        x_content_type_options: Option<String>,
        content_security_policy: Option<String>,
    },
    Found {
        body: rt::Html,
        location: Option<String>,
    },
    NotModified {
        etag: Option<String>,
        cache_control: Option<String>,
    },
    Unauthorized(schemas::ErrorBody),
    NotFound(String),
    RangeNotSatisfiable {
        body: String,
        content_range: Option<String>,
        content_security_policy: Option<String>,
    },
}

impl OpResponse for GetFileResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok {
                body,
                content_disposition,
                accept_ranges,
                cache_control,
                etag,
                last_modified,
                x_content_type_options,
                content_security_policy,
            } => rt::binary_response(200, body)
                .with("content-disposition", content_disposition)
                .with("accept-ranges", accept_ranges)
                .with("cache-control", cache_control)
                .with("etag", etag)
                .with("last-modified", last_modified)
                .with("x-content-type-options", x_content_type_options)
                .with("content-security-policy", content_security_policy),
            Self::PartialContent {
                body,
                content_range,
                content_disposition,
                accept_ranges,
                cache_control,
                etag,
                last_modified,
                x_content_type_options,
                content_security_policy,
            } => rt::binary_response(206, body)
                .with("content-range", content_range)
                .with("content-disposition", content_disposition)
                .with("accept-ranges", accept_ranges)
                .with("cache-control", cache_control)
                .with("etag", etag)
                .with("last-modified", last_modified)
                .with("x-content-type-options", x_content_type_options)
                .with("content-security-policy", content_security_policy),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::NotModified { etag, cache_control } => {
                rt::empty_response(304).with("etag", etag).with("cache-control", cache_control)
            }
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::RangeNotSatisfiable { body, content_range, content_security_policy } => rt::text_response(416, body)
                .with("content-range", content_range)
                .with("content-security-policy", content_security_policy),
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `get_file_preview` (GET /file_preview/{filename}).
#[derive(Debug, Clone)]
pub struct GetFilePreviewInput {
    pub filename: String,
    pub user: CurrentUser,
}

/// Responses of `get_file_preview`.
#[derive(Debug, Clone)]
pub enum GetFilePreviewResponse {
    Ok(schemas::FilePreview),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
    NotFound(String),
    PayloadTooLarge(String),
    UnsupportedMediaType(String),
}

impl OpResponse for GetFilePreviewResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
            Self::NotFound(body) => rt::text_response(404, body),
            Self::PayloadTooLarge(body) => rt::text_response(413, body),
            Self::UnsupportedMediaType(body) => rt::text_response(415, body),
        }
    }
    fn from_denied(denied: &Denied) -> Option<Self> {
        match denied.status_and_text() {
            (404, text) => Some(Self::NotFound(text.to_owned())),
            _ => None,
        }
    }
}

/// Input of `stream_events` (GET /events).
#[derive(Debug, Clone)]
pub struct StreamEventsInput {
    pub user: CurrentUser,
}

/// Responses of `stream_events`.
#[derive(Debug, Clone)]
pub enum StreamEventsResponse {
    Ok(rt::EventStream),
    Found { body: rt::Html, location: Option<String> },
    Unauthorized(schemas::ErrorBody),
}

impl OpResponse for StreamEventsResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::event_stream_response(200, body),
            Self::Found { body, location } => rt::html_response(302, body).with("location", location),
            Self::Unauthorized(body) => rt::json_response(401, &body),
        }
    }
}

/// Input of `health` (GET /healthz).
#[derive(Debug, Clone)]
pub struct HealthInput {}

/// Responses of `health`.
#[derive(Debug, Clone)]
pub enum HealthResponse {
    Ok(schemas::StatusOk),
}

impl OpResponse for HealthResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
        }
    }
}

/// Input of `readiness` (GET /readyz).
#[derive(Debug, Clone)]
pub struct ReadinessInput {}

/// Responses of `readiness`.
#[derive(Debug, Clone)]
pub enum ReadinessResponse {
    Ok(schemas::Readiness),
    ServiceUnavailable(schemas::Readiness),
}

impl OpResponse for ReadinessResponse {
    fn into_response(self) -> Response {
        match self {
            Self::Ok(body) => rt::json_response(200, &body),
            Self::ServiceUnavailable(body) => rt::json_response(503, &body),
        }
    }
}
