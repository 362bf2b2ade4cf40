//! Handlers of the `auth` operations: the login and signup pages and forms, and logout.
use super::accounts::{self, LoginOutcome, SignupOutcome};
use super::error::ApiError;
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::http::responses::Html;
use super::session::{self, CurrentUser};
use super::{presence, Api};
use crate::domain::presence::PresenceState;
use crate::web;

fn forbidden() -> String {
    "forbidden".to_string()
}

/// The login page: always shown, also to a signed-in user (as the reference does).
pub async fn login_page(api: &Api, ctx: RequestContext, _input: LoginPageInput) -> Result<LoginPageResponse, ApiError> {
    let (token, set_cookie) = session::form_token(api, &ctx);
    Ok(LoginPageResponse::Ok {
        body: Html(web::login_page(None, "", &token)),
        set_cookie: set_cookie.into_iter().collect(),
    })
}

pub async fn login(api: &Api, ctx: RequestContext, input: LoginInput) -> Result<LoginResponse, ApiError> {
    if !session::form_token_valid(api, &ctx, input.csrf_token.as_deref()) {
        return Ok(LoginResponse::Forbidden(forbidden()));
    }
    let typed = input.username.trim();
    match accounts::attempt_login(api, typed, input.password).await? {
        LoginOutcome::Accepted { user_id, username } => {
            let set_cookie = vec![session::start(api, &ctx, user_id).await?];
            presence::record_state(api, user_id, &username, PresenceState::Active).await?;
            Ok(LoginResponse::Found { location: Some("/".into()), set_cookie })
        }
        LoginOutcome::Refused { message } => {
            let (token, set_cookie) = session::form_token(api, &ctx);
            Ok(LoginResponse::Ok {
                body: Html(web::login_page(Some(&message), typed, &token)),
                set_cookie: set_cookie.into_iter().collect(),
            })
        }
    }
}

pub async fn signup_page(
    api: &Api,
    ctx: RequestContext,
    _input: SignupPageInput,
) -> Result<SignupPageResponse, ApiError> {
    let (token, set_cookie) = session::form_token(api, &ctx);
    Ok(SignupPageResponse::Ok {
        body: Html(web::signup_page(None, "", &token)),
        set_cookie: set_cookie.into_iter().collect(),
    })
}

/// Registers and signs in. Signing up while signed in replaces the session.
pub async fn signup(api: &Api, ctx: RequestContext, input: SignupInput) -> Result<SignupResponse, ApiError> {
    if !session::form_token_valid(api, &ctx, input.csrf_token.as_deref()) {
        return Ok(SignupResponse::Forbidden(forbidden()));
    }
    let username = input.username.trim();
    match accounts::register(api, username, &input.password, &input.confirm_password).await? {
        SignupOutcome::Created { user_id } => {
            if let Some(previous) = session::authenticate(api, &ctx).await? {
                session::end(api, &previous).await?;
            }
            let set_cookie = vec![session::start(api, &ctx, user_id).await?];
            presence::record_state(api, user_id, username, PresenceState::Active).await?;
            Ok(SignupResponse::Found { location: Some("/".into()), set_cookie })
        }
        SignupOutcome::Refused { message } => {
            let (token, set_cookie) = session::form_token(api, &ctx);
            Ok(SignupResponse::Ok {
                body: Html(web::signup_page(Some(&message), username, &token)),
                set_cookie: set_cookie.into_iter().collect(),
            })
        }
    }
}

/// Ends this session (other sessions of the user stay) and returns to the login page.
async fn sign_out(api: &Api, user: &CurrentUser) -> Result<(Html, Option<String>, Vec<String>), ApiError> {
    let cleared = session::end(api, user).await?;
    presence::record_state(api, user.id, &user.username, PresenceState::Offline).await?;
    Ok((Html(super::error::LOGIN_REDIRECT_BODY.to_string()), Some("/login".to_string()), vec![cleared]))
}

pub async fn logout(api: &Api, _ctx: RequestContext, input: LogoutInput) -> Result<LogoutResponse, ApiError> {
    let (body, location, set_cookie) = sign_out(api, &input.user).await?;
    Ok(LogoutResponse::Found { body, location, set_cookie })
}

pub async fn logout_post(
    api: &Api,
    _ctx: RequestContext,
    input: LogoutPostInput,
) -> Result<LogoutPostResponse, ApiError> {
    let (body, location, set_cookie) = sign_out(api, &input.user).await?;
    Ok(LogoutPostResponse::Found { body, location, set_cookie })
}
