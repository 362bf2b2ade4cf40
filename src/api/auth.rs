//! Handlers of the `auth` operations: the login and signup pages and forms, and logout.
use super::error::{ApiError, LOGIN_REDIRECT_BODY};
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::http::responses::Html;
use super::session::{self, CurrentUser, SESSION_COOKIE};
use super::Api;
use crate::service::signing::{self, SignedIn};
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
    match signing::sign_in(api, typed, input.password).await? {
        SignedIn::Session { token } => {
            let set_cookie = vec![session::session_cookie(api, &ctx, token)];
            Ok(LoginResponse::Found { location: Some("/".into()), set_cookie })
        }
        SignedIn::Refused { message } => {
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
    let previous = session::session_token(api, &ctx);
    let signed_in =
        signing::sign_up(api, username, &input.password, &input.confirm_password, previous.as_deref()).await?;
    match signed_in {
        SignedIn::Session { token } => {
            let set_cookie = vec![session::session_cookie(api, &ctx, token)];
            Ok(SignupResponse::Found { location: Some("/".into()), set_cookie })
        }
        SignedIn::Refused { message } => {
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
    signing::sign_out(api, user).await?;
    let cleared = session::clear_cookie(SESSION_COOKIE);
    Ok((Html(LOGIN_REDIRECT_BODY.to_string()), Some("/login".to_string()), vec![cleared]))
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
