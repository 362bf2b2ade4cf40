//! Handlers of the `auth` operations: the login and signup pages and forms, logout, and the pages
//! of a password-reset link.
use super::error::{ApiError, LOGIN_REDIRECT_BODY};
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::http::responses::Html;
use super::session::{self, CurrentUser, SESSION_COOKIE};
use super::Api;
use crate::service::password_resets::{self, Completion};
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

pub async fn forgot_password_page(
    _api: &Api,
    _ctx: RequestContext,
    _input: ForgotPasswordPageInput,
) -> Result<ForgotPasswordPageResponse, ApiError> {
    Ok(ForgotPasswordPageResponse::Ok(Html(web::message_page(&web::FORGOT_PASSWORD))))
}

/// The reset form for `username`, with a form token for this browser.
fn reset_form(
    api: &Api,
    ctx: &RequestContext,
    error: Option<&str>,
    username: &str,
    token: &str,
) -> (Html, Vec<String>) {
    let (csrf_token, set_cookie) = session::form_token(api, ctx);
    (Html(web::reset_password_page(error, username, token, &csrf_token)), set_cookie.into_iter().collect())
}

pub async fn reset_password_page(
    api: &Api,
    ctx: RequestContext,
    input: ResetPasswordPageInput,
) -> Result<ResetPasswordPageResponse, ApiError> {
    let Some(username) = password_resets::holder(api, &input.token).await? else {
        return Ok(ResetPasswordPageResponse::Ok {
            body: Html(web::message_page(&web::RESET_LINK_INVALID)),
            set_cookie: Vec::new(),
        });
    };
    let (body, set_cookie) = reset_form(api, &ctx, None, &username, &input.token);
    Ok(ResetPasswordPageResponse::Ok { body, set_cookie })
}

pub async fn reset_password(
    api: &Api,
    ctx: RequestContext,
    input: ResetPasswordInput,
) -> Result<ResetPasswordResponse, ApiError> {
    if !session::form_token_valid(api, &ctx, input.csrf_token.as_deref()) {
        return Ok(ResetPasswordResponse::Forbidden(forbidden()));
    }
    let page = |message: &web::Message<'_>| ResetPasswordResponse::Ok {
        body: Html(web::message_page(message)),
        set_cookie: Vec::new(),
    };
    Ok(match password_resets::complete(api, &input.token, &input.password, &input.confirm_password).await? {
        Completion::Invalid => page(&web::RESET_LINK_INVALID),
        Completion::Done { .. } => page(&web::PASSWORD_UPDATED),
        Completion::Refused { username, message } => {
            let (body, set_cookie) = reset_form(api, &ctx, Some(&message), &username, &input.token);
            ResetPasswordResponse::Ok { body, set_cookie }
        }
    })
}
