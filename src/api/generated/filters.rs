// @generated from api-spec/minimost.yaml by `cargo xtask codegen`.
// DO NOT EDIT: change the spec (or the generator in xtask/src/codegen/) and regenerate.
#![allow(clippy::all, deprecated)]

//! The warp filters: per operation path → method → context → session → body → input → handler.
//! Unknown paths and methods are left as rejections (404/405) for the caller's `recover`.
use warp::filters::BoxedFilter;
use warp::http::Method;
use warp::reply::Response;
use warp::Filter;

use super::handlers::Handlers;
use super::operations::*;
use crate::api::runtime::{self as rt, RequestContext, Seg};
use crate::api::session::CurrentUser;

/// Every operation of the spec, as one filter.
pub fn routes<H: Handlers>(handlers: H) -> BoxedFilter<(Response,)> {
    rt::one_of(vec![
        chat_app(handlers.clone()),
        login_page(handlers.clone()),
        login(handlers.clone()),
        logout(handlers.clone()),
        logout_post(handlers.clone()),
        signup_page(handlers.clone()),
        signup(handlers.clone()),
        list_channels(handlers.clone()),
        channel_unreads(handlers.clone()),
        list_messages(handlers.clone()),
        send_message(handlers.clone()),
        get_message(handlers.clone()),
        edit_message(handlers.clone()),
        delete_message(handlers.clone()),
        search_messages(handlers.clone()),
        toggle_reaction(handlers.clone()),
        list_users(handlers.clone()),
        channel_members(handlers.clone()),
        user_colors(handlers.clone()),
        user_avatars(handlers.clone()),
        get_profile(handlers.clone()),
        delete_account(handlers.clone()),
        online_users(handlers.clone()),
        set_presence(handlers.clone()),
        typing_users(handlers.clone()),
        report_typing(handlers.clone()),
        list_dms(handlers.clone()),
        close_dm(handlers.clone()),
        unread_count(handlers.clone()),
        mark_read(handlers.clone()),
        read_receipts(handlers.clone()),
        get_settings(handlers.clone()),
        update_settings(handlers.clone()),
        get_avatar(handlers.clone()),
        upload_avatar(handlers.clone()),
        delete_avatar(handlers.clone()),
        list_private_channels(handlers.clone()),
        create_private_channel(handlers.clone()),
        rename_private_channel(handlers.clone()),
        add_private_channel_member(handlers.clone()),
        private_channel_members(handlers.clone()),
        leave_private_channel(handlers.clone()),
        get_file(handlers.clone()),
        stream_events(handlers.clone()),
    ])
}

/// `GET /` → `Handlers::chat_app`.
fn chat_app<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("")];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = ChatAppInput { user };
                        Ok(h.chat_app(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /login` → `Handlers::login_page`.
fn login_page<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("login")];
    rt::route(Method::GET, PATH)
        .and(rt::public(h.clone(), None))
        .then(move |_params: rt::PathParams, ctx: RequestContext| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = LoginPageInput {};
                        Ok(h.login_page(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `POST /login` → `Handlers::login`.
fn login<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("login")];
    const BODY: rt::BodySpec =
        rt::BodySpec { urlencoded: true, multipart: true, json: false, files: &[], class: rt::BodyClass::Anonymous };
    rt::route(Method::POST, PATH)
        .and(rt::public(h.clone(), Some(BODY.class)))
        .and(rt::multipart_or_raw_body())
        .then(move |_params: rt::PathParams, ctx: RequestContext, body: rt::BodyInput| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        #[allow(unused_mut)]
                        let mut body = rt::read_body(body, &BODY, h.body_limits(BODY.class), &ctx.headers).await?;
                        let input = LoginInput {
                            csrf_token: body.string("csrf_token")?,
                            password: rt::require("password", body.string("password")?)?,
                            username: rt::require("username", body.string("username")?)?,
                        };
                        Ok(h.login(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /logout` → `Handlers::logout`.
fn logout<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("logout")];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = LogoutInput { user };
                        Ok(h.logout(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `POST /logout` → `Handlers::logout_post`.
fn logout_post<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("logout")];
    rt::route(Method::POST, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = LogoutPostInput { user };
                        Ok(h.logout_post(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /signup` → `Handlers::signup_page`.
fn signup_page<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("signup")];
    rt::route(Method::GET, PATH)
        .and(rt::public(h.clone(), None))
        .then(move |_params: rt::PathParams, ctx: RequestContext| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = SignupPageInput {};
                        Ok(h.signup_page(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `POST /signup` → `Handlers::signup`.
fn signup<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("signup")];
    const BODY: rt::BodySpec =
        rt::BodySpec { urlencoded: true, multipart: true, json: false, files: &[], class: rt::BodyClass::Anonymous };
    rt::route(Method::POST, PATH)
        .and(rt::public(h.clone(), Some(BODY.class)))
        .and(rt::multipart_or_raw_body())
        .then(move |_params: rt::PathParams, ctx: RequestContext, body: rt::BodyInput| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        #[allow(unused_mut)]
                        let mut body = rt::read_body(body, &BODY, h.body_limits(BODY.class), &ctx.headers).await?;
                        let input = SignupInput {
                            confirm_password: rt::require("confirm_password", body.string("confirm_password")?)?,
                            csrf_token: body.string("csrf_token")?,
                            password: rt::require("password", body.string("password")?)?,
                            username: rt::require("username", body.string("username")?)?,
                        };
                        Ok(h.signup(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /channels` → `Handlers::list_channels`.
fn list_channels<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("channels")];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = ListChannelsInput { user };
                        Ok(h.list_channels(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /channel_unreads` → `Handlers::channel_unreads`.
fn channel_unreads<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("channel_unreads")];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = ChannelUnreadsInput { user };
                        Ok(h.channel_unreads(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /messages/{channel}` → `Handlers::list_messages`.
fn list_messages<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("messages"), Seg::Str];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let query = rt::Query::parse(ctx.query.as_deref());
                        let input =
                            ListMessagesInput { channel: params.string(0), after: query.string("after")?, user };
                        Ok(h.list_messages(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `POST /send/{channel}` → `Handlers::send_message`.
fn send_message<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("send"), Seg::Str];
    const BODY: rt::BodySpec = rt::BodySpec {
        urlencoded: true,
        multipart: true,
        json: false,
        files: &["files"],
        class: rt::BodyClass::Upload,
    };
    rt::route(Method::POST, PATH)
        .and(rt::session(h.clone(), Some(BODY.class)))
        .and(rt::multipart_or_raw_body())
        .then(move |params: rt::PathParams, ctx: RequestContext, user: CurrentUser, body: rt::BodyInput| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        #[allow(unused_mut)]
                        let mut body = rt::read_body(body, &BODY, h.body_limits(BODY.class), &ctx.headers).await?;
                        let input = SendMessageInput {
                            channel: params.string(0),
                            files: body.files("files"),
                            reply_to_id: body.lenient_int("reply_to_id")?,
                            text: body.string("text")?,
                            user,
                        };
                        Ok(h.send_message(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /message/{msg_id}` → `Handlers::get_message`.
fn get_message<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("message"), Seg::Int];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = GetMessageInput { msg_id: params.int(0), user };
                        Ok(h.get_message(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `POST /edit/{msg_id}` → `Handlers::edit_message`.
fn edit_message<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("edit"), Seg::Int];
    const BODY: rt::BodySpec =
        rt::BodySpec { urlencoded: true, multipart: true, json: false, files: &[], class: rt::BodyClass::Form };
    rt::route(Method::POST, PATH)
        .and(rt::session(h.clone(), Some(BODY.class)))
        .and(rt::multipart_or_raw_body())
        .then(move |params: rt::PathParams, ctx: RequestContext, user: CurrentUser, body: rt::BodyInput| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        #[allow(unused_mut)]
                        let mut body = rt::read_body(body, &BODY, h.body_limits(BODY.class), &ctx.headers).await?;
                        let input = EditMessageInput { msg_id: params.int(0), text: body.string("text")?, user };
                        Ok(h.edit_message(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `POST /delete/{msg_id}` → `Handlers::delete_message`.
fn delete_message<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("delete"), Seg::Int];
    rt::route(Method::POST, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = DeleteMessageInput { msg_id: params.int(0), user };
                        Ok(h.delete_message(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /search_messages` → `Handlers::search_messages`.
fn search_messages<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("search_messages")];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let query = rt::Query::parse(ctx.query.as_deref());
                        let input = SearchMessagesInput { q: query.string("q")?, user };
                        Ok(h.search_messages(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `POST /react/{msg_id}` → `Handlers::toggle_reaction`.
fn toggle_reaction<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("react"), Seg::Int];
    const BODY: rt::BodySpec =
        rt::BodySpec { urlencoded: true, multipart: true, json: false, files: &[], class: rt::BodyClass::Form };
    rt::route(Method::POST, PATH)
        .and(rt::session(h.clone(), Some(BODY.class)))
        .and(rt::multipart_or_raw_body())
        .then(move |params: rt::PathParams, ctx: RequestContext, user: CurrentUser, body: rt::BodyInput| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        #[allow(unused_mut)]
                        let mut body = rt::read_body(body, &BODY, h.body_limits(BODY.class), &ctx.headers).await?;
                        let input =
                            ToggleReactionInput { msg_id: params.int(0), reaction: body.string("reaction")?, user };
                        Ok(h.toggle_reaction(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /users` → `Handlers::list_users`.
fn list_users<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("users")];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = ListUsersInput { user };
                        Ok(h.list_users(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /channel_members/{channel}` → `Handlers::channel_members`.
fn channel_members<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("channel_members"), Seg::Str];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = ChannelMembersInput { channel: params.string(0), user };
                        Ok(h.channel_members(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /user_colors` → `Handlers::user_colors`.
fn user_colors<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("user_colors")];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = UserColorsInput { user };
                        Ok(h.user_colors(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /user_avatars` → `Handlers::user_avatars`.
fn user_avatars<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("user_avatars")];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = UserAvatarsInput { user };
                        Ok(h.user_avatars(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /profile/{username}` → `Handlers::get_profile`.
fn get_profile<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("profile"), Seg::Str];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = GetProfileInput { username: params.string(0), user };
                        Ok(h.get_profile(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `POST /delete_account` → `Handlers::delete_account`.
fn delete_account<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("delete_account")];
    const BODY: rt::BodySpec =
        rt::BodySpec { urlencoded: false, multipart: false, json: true, files: &[], class: rt::BodyClass::Form };
    rt::route(Method::POST, PATH)
        .and(rt::session(h.clone(), Some(BODY.class)))
        .and(rt::raw_body())
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser, body: rt::BodyInput| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        #[allow(unused_mut)]
                        let mut body = rt::read_body(body, &BODY, h.body_limits(BODY.class), &ctx.headers).await?;
                        let input = DeleteAccountInput {
                            password: body.string("password")?,
                            r#type: body.string("type")?,
                            user,
                        };
                        Ok(h.delete_account(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /online_users` → `Handlers::online_users`.
fn online_users<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("online_users")];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = OnlineUsersInput { user };
                        Ok(h.online_users(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `POST /presence` → `Handlers::set_presence`.
fn set_presence<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("presence")];
    const BODY: rt::BodySpec =
        rt::BodySpec { urlencoded: false, multipart: false, json: true, files: &[], class: rt::BodyClass::Form };
    rt::route(Method::POST, PATH)
        .and(rt::optional_session(h.clone(), Some(BODY.class)))
        .and(rt::raw_body())
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: Option<CurrentUser>, body: rt::BodyInput| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        #[allow(unused_mut)]
                        let mut body = rt::read_body(body, &BODY, h.body_limits(BODY.class), &ctx.headers).await?;
                        let input = SetPresenceInput { state: body.string("state")?, user };
                        Ok(h.set_presence(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /typing/{channel}` → `Handlers::typing_users`.
fn typing_users<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("typing"), Seg::Str];
    rt::route(Method::GET, PATH)
        .and(rt::optional_session(h.clone(), None))
        .then(move |params: rt::PathParams, ctx: RequestContext, user: Option<CurrentUser>| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = TypingUsersInput { channel: params.string(0), user };
                        Ok(h.typing_users(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `POST /typing/{channel}` → `Handlers::report_typing`.
fn report_typing<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("typing"), Seg::Str];
    rt::route(Method::POST, PATH)
        .and(rt::optional_session(h.clone(), None))
        .then(move |params: rt::PathParams, ctx: RequestContext, user: Option<CurrentUser>| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = ReportTypingInput { channel: params.string(0), user };
                        Ok(h.report_typing(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /dms` → `Handlers::list_dms`.
fn list_dms<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("dms")];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = ListDmsInput { user };
                        Ok(h.list_dms(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `POST /dms/close` → `Handlers::close_dm`.
fn close_dm<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("dms"), Seg::Lit("close")];
    const BODY: rt::BodySpec =
        rt::BodySpec { urlencoded: false, multipart: false, json: true, files: &[], class: rt::BodyClass::Form };
    rt::route(Method::POST, PATH)
        .and(rt::session(h.clone(), Some(BODY.class)))
        .and(rt::raw_body())
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser, body: rt::BodyInput| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        #[allow(unused_mut)]
                        let mut body = rt::read_body(body, &BODY, h.body_limits(BODY.class), &ctx.headers).await?;
                        let input = CloseDmInput { channel: body.string("channel")?, user };
                        Ok(h.close_dm(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /unread_count` → `Handlers::unread_count`.
fn unread_count<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("unread_count")];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = UnreadCountInput { user };
                        Ok(h.unread_count(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `POST /mark_read/{channel}` → `Handlers::mark_read`.
fn mark_read<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("mark_read"), Seg::Str];
    rt::route(Method::POST, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = MarkReadInput { channel: params.string(0), user };
                        Ok(h.mark_read(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /read_receipts/{channel}` → `Handlers::read_receipts`.
fn read_receipts<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("read_receipts"), Seg::Str];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = ReadReceiptsInput { channel: params.string(0), user };
                        Ok(h.read_receipts(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /settings` → `Handlers::get_settings`.
fn get_settings<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("settings")];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = GetSettingsInput { user };
                        Ok(h.get_settings(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `POST /settings` → `Handlers::update_settings`.
fn update_settings<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("settings")];
    const BODY: rt::BodySpec =
        rt::BodySpec { urlencoded: true, multipart: false, json: true, files: &[], class: rt::BodyClass::Form };
    rt::route(Method::POST, PATH)
        .and(rt::session(h.clone(), Some(BODY.class)))
        .and(rt::raw_body())
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser, body: rt::BodyInput| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        #[allow(unused_mut)]
                        let mut body = rt::read_body(body, &BODY, h.body_limits(BODY.class), &ctx.headers).await?;
                        let input = UpdateSettingsInput {
                            bio: body.nullable_string("bio")?,
                            name_color: body.nullable_string("name_color")?,
                            user,
                        };
                        Ok(h.update_settings(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /avatar/{username}` → `Handlers::get_avatar`.
fn get_avatar<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("avatar"), Seg::Str];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = GetAvatarInput { username: params.string(0), user };
                        Ok(h.get_avatar(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `POST /avatar` → `Handlers::upload_avatar`.
fn upload_avatar<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("avatar")];
    const BODY: rt::BodySpec = rt::BodySpec {
        urlencoded: false,
        multipart: true,
        json: false,
        files: &["avatar"],
        class: rt::BodyClass::Avatar,
    };
    rt::route(Method::POST, PATH)
        .and(rt::session(h.clone(), Some(BODY.class)))
        .and(rt::multipart_or_raw_body())
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser, body: rt::BodyInput| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        #[allow(unused_mut)]
                        let mut body = rt::read_body(body, &BODY, h.body_limits(BODY.class), &ctx.headers).await?;
                        let input = UploadAvatarInput { avatar: body.file("avatar"), user };
                        Ok(h.upload_avatar(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `DELETE /avatar` → `Handlers::delete_avatar`.
fn delete_avatar<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("avatar")];
    rt::route(Method::DELETE, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = DeleteAvatarInput { user };
                        Ok(h.delete_avatar(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /private_channels` → `Handlers::list_private_channels`.
fn list_private_channels<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("private_channels")];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = ListPrivateChannelsInput { user };
                        Ok(h.list_private_channels(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `POST /private_channels/create` → `Handlers::create_private_channel`.
fn create_private_channel<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("private_channels"), Seg::Lit("create")];
    const BODY: rt::BodySpec =
        rt::BodySpec { urlencoded: false, multipart: false, json: true, files: &[], class: rt::BodyClass::Form };
    rt::route(Method::POST, PATH)
        .and(rt::session(h.clone(), Some(BODY.class)))
        .and(rt::raw_body())
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser, body: rt::BodyInput| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        #[allow(unused_mut)]
                        let mut body = rt::read_body(body, &BODY, h.body_limits(BODY.class), &ctx.headers).await?;
                        let input = CreatePrivateChannelInput {
                            members: body.strings("members")?,
                            name: body.string("name")?,
                            user,
                        };
                        Ok(h.create_private_channel(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `POST /private_channels/{channel_id}/rename` → `Handlers::rename_private_channel`.
fn rename_private_channel<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("private_channels"), Seg::Str, Seg::Lit("rename")];
    const BODY: rt::BodySpec =
        rt::BodySpec { urlencoded: false, multipart: false, json: true, files: &[], class: rt::BodyClass::Form };
    rt::route(Method::POST, PATH)
        .and(rt::session(h.clone(), Some(BODY.class)))
        .and(rt::raw_body())
        .then(move |params: rt::PathParams, ctx: RequestContext, user: CurrentUser, body: rt::BodyInput| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        #[allow(unused_mut)]
                        let mut body = rt::read_body(body, &BODY, h.body_limits(BODY.class), &ctx.headers).await?;
                        let input = RenamePrivateChannelInput {
                            channel_id: params.string(0),
                            name: body.string("name")?,
                            user,
                        };
                        Ok(h.rename_private_channel(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `POST /private_channels/{channel_id}/add_member` → `Handlers::add_private_channel_member`.
fn add_private_channel_member<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("private_channels"), Seg::Str, Seg::Lit("add_member")];
    const BODY: rt::BodySpec =
        rt::BodySpec { urlencoded: false, multipart: false, json: true, files: &[], class: rt::BodyClass::Form };
    rt::route(Method::POST, PATH)
        .and(rt::session(h.clone(), Some(BODY.class)))
        .and(rt::raw_body())
        .then(move |params: rt::PathParams, ctx: RequestContext, user: CurrentUser, body: rt::BodyInput| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        #[allow(unused_mut)]
                        let mut body = rt::read_body(body, &BODY, h.body_limits(BODY.class), &ctx.headers).await?;
                        let input = AddPrivateChannelMemberInput {
                            channel_id: params.string(0),
                            username: body.string("username")?,
                            user,
                        };
                        Ok(h.add_private_channel_member(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /private_channels/{channel_id}/members` → `Handlers::private_channel_members`.
fn private_channel_members<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("private_channels"), Seg::Str, Seg::Lit("members")];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = PrivateChannelMembersInput { channel_id: params.string(0), user };
                        Ok(h.private_channel_members(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `POST /private_channels/{channel_id}/leave` → `Handlers::leave_private_channel`.
fn leave_private_channel<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("private_channels"), Seg::Str, Seg::Lit("leave")];
    rt::route(Method::POST, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = LeavePrivateChannelInput { channel_id: params.string(0), user };
                        Ok(h.leave_private_channel(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /files/{filename}` → `Handlers::get_file`.
fn get_file<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("files"), Seg::Str];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = GetFileInput { filename: params.string(0), user };
                        Ok(h.get_file(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}

/// `GET /events` → `Handlers::stream_events`.
fn stream_events<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {
    const PATH: &[Seg] = &[Seg::Lit("events")];
    rt::route(Method::GET, PATH)
        .and(rt::session(h.clone(), None))
        .then(move |_params: rt::PathParams, ctx: RequestContext, user: CurrentUser| {
            let h = h.clone();
            async move {
                rt::respond(
                    async move {
                        let input = StreamEventsInput { user };
                        Ok(h.stream_events(ctx, input).await?.into_response())
                    }
                    .await,
                )
            }
        })
        .recover(rt::recover_deferred)
        .unify()
        .boxed()
}
