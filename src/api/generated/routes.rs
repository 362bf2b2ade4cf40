// @generated from api-spec/minimost.yaml by `cargo xtask codegen`.
// DO NOT EDIT: change the spec (or the generator in xtask/src/codegen/) and regenerate.
#![allow(clippy::all)]

//! The route table (method, path, security, body, adapter per operation, in spec order) and the
//! adapters: each decodes its operation's input and calls `crate::api::<tag>::<operation>`.
use super::operations::*;
use crate::api::http::body::{BodyClass, BodySpec};
use crate::api::http::path::Seg::{Int, Lit, Str};
use crate::api::http::query::Query;
use crate::api::http::request_error::require;
use crate::api::http::responses::answer;
use crate::api::http::route::Security::{OptionalSession, Public, Session};
use crate::api::http::route::{caller, route, Handled, Request};
pub use crate::api::http::route::{RouteInfo, Security};
use crate::api::Api;

const ANONYMOUS_UM: BodySpec =
    BodySpec { urlencoded: true, multipart: true, json: false, files: &[], class: BodyClass::Anonymous };
const UPLOAD_UM: BodySpec =
    BodySpec { urlencoded: true, multipart: true, json: false, files: &["files"], class: BodyClass::Upload };
const FORM_UM: BodySpec =
    BodySpec { urlencoded: true, multipart: true, json: false, files: &[], class: BodyClass::Form };
const FORM_J: BodySpec =
    BodySpec { urlencoded: false, multipart: false, json: true, files: &[], class: BodyClass::Form };
const FORM_UJ: BodySpec =
    BodySpec { urlencoded: true, multipart: false, json: true, files: &[], class: BodyClass::Form };
const AVATAR_M: BodySpec =
    BodySpec { urlencoded: false, multipart: true, json: false, files: &["avatar"], class: BodyClass::Avatar };

/// All operations, in spec order.
pub const ROUTES: &[RouteInfo] = &[
    route("GET", "/", &[Lit("")], "chat_app", Session, None, chat_app),
    route("GET", "/login", &[Lit("login")], "login_page", Public, None, login_page),
    route("POST", "/login", &[Lit("login")], "login", Public, Some(ANONYMOUS_UM), login),
    route("GET", "/logout", &[Lit("logout")], "logout", Session, None, logout),
    route("POST", "/logout", &[Lit("logout")], "logout_post", Session, None, logout_post),
    route("GET", "/signup", &[Lit("signup")], "signup_page", Public, None, signup_page),
    route("POST", "/signup", &[Lit("signup")], "signup", Public, Some(ANONYMOUS_UM), signup),
    route("GET", "/channels", &[Lit("channels")], "list_channels", Session, None, list_channels),
    route("GET", "/channel_unreads", &[Lit("channel_unreads")], "channel_unreads", Session, None, channel_unreads),
    route("GET", "/messages/{channel}", &[Lit("messages"), Str], "list_messages", Session, None, list_messages),
    route("POST", "/send/{channel}", &[Lit("send"), Str], "send_message", Session, Some(UPLOAD_UM), send_message),
    route("GET", "/message/{msg_id}", &[Lit("message"), Int], "get_message", Session, None, get_message),
    route("POST", "/edit/{msg_id}", &[Lit("edit"), Int], "edit_message", Session, Some(FORM_UM), edit_message),
    route("POST", "/delete/{msg_id}", &[Lit("delete"), Int], "delete_message", Session, None, delete_message),
    route("GET", "/search_messages", &[Lit("search_messages")], "search_messages", Session, None, search_messages),
    route("POST", "/react/{msg_id}", &[Lit("react"), Int], "toggle_reaction", Session, Some(FORM_UM), toggle_reaction),
    route("POST", "/pin/{msg_id}", &[Lit("pin"), Int], "pin_message", Session, None, pin_message),
    route("POST", "/unpin/{msg_id}", &[Lit("unpin"), Int], "unpin_message", Session, None, unpin_message),
    route("GET", "/pins/{channel}", &[Lit("pins"), Str], "list_pins", Session, None, list_pins),
    route("GET", "/link_preview", &[Lit("link_preview")], "link_preview", Session, None, link_preview),
    route("GET", "/users", &[Lit("users")], "list_users", Session, None, list_users),
    route(
        "GET",
        "/channel_members/{channel}",
        &[Lit("channel_members"), Str],
        "channel_members",
        Session,
        None,
        channel_members,
    ),
    route("GET", "/user_colors", &[Lit("user_colors")], "user_colors", Session, None, user_colors),
    route("GET", "/user_avatars", &[Lit("user_avatars")], "user_avatars", Session, None, user_avatars),
    route("GET", "/profile/{username}", &[Lit("profile"), Str], "get_profile", Session, None, get_profile),
    route("POST", "/delete_account", &[Lit("delete_account")], "delete_account", Session, Some(FORM_J), delete_account),
    route("GET", "/online_users", &[Lit("online_users")], "online_users", Session, None, online_users),
    route("POST", "/presence", &[Lit("presence")], "set_presence", OptionalSession, Some(FORM_J), set_presence),
    route("GET", "/typing/{channel}", &[Lit("typing"), Str], "typing_users", OptionalSession, None, typing_users),
    route("POST", "/typing/{channel}", &[Lit("typing"), Str], "report_typing", OptionalSession, None, report_typing),
    route("GET", "/dms", &[Lit("dms")], "list_dms", Session, None, list_dms),
    route("POST", "/dms/close", &[Lit("dms"), Lit("close")], "close_dm", Session, Some(FORM_J), close_dm),
    route("GET", "/unread_count", &[Lit("unread_count")], "unread_count", Session, None, unread_count),
    route("POST", "/mark_read/{channel}", &[Lit("mark_read"), Str], "mark_read", Session, None, mark_read),
    route(
        "GET",
        "/read_receipts/{channel}",
        &[Lit("read_receipts"), Str],
        "read_receipts",
        Session,
        None,
        read_receipts,
    ),
    route("GET", "/settings", &[Lit("settings")], "get_settings", Session, None, get_settings),
    route("POST", "/settings", &[Lit("settings")], "update_settings", Session, Some(FORM_UJ), update_settings),
    route("GET", "/avatar/{username}", &[Lit("avatar"), Str], "get_avatar", Session, None, get_avatar),
    route("POST", "/avatar", &[Lit("avatar")], "upload_avatar", Session, Some(AVATAR_M), upload_avatar),
    route("DELETE", "/avatar", &[Lit("avatar")], "delete_avatar", Session, None, delete_avatar),
    route(
        "GET",
        "/private_channels",
        &[Lit("private_channels")],
        "list_private_channels",
        Session,
        None,
        list_private_channels,
    ),
    route(
        "POST",
        "/private_channels/create",
        &[Lit("private_channels"), Lit("create")],
        "create_private_channel",
        Session,
        Some(FORM_J),
        create_private_channel,
    ),
    route(
        "POST",
        "/private_channels/{channel_id}/rename",
        &[Lit("private_channels"), Str, Lit("rename")],
        "rename_private_channel",
        Session,
        Some(FORM_J),
        rename_private_channel,
    ),
    route(
        "POST",
        "/private_channels/{channel_id}/add_member",
        &[Lit("private_channels"), Str, Lit("add_member")],
        "add_private_channel_member",
        Session,
        Some(FORM_J),
        add_private_channel_member,
    ),
    route(
        "GET",
        "/private_channels/{channel_id}/members",
        &[Lit("private_channels"), Str, Lit("members")],
        "private_channel_members",
        Session,
        None,
        private_channel_members,
    ),
    route(
        "POST",
        "/private_channels/{channel_id}/leave",
        &[Lit("private_channels"), Str, Lit("leave")],
        "leave_private_channel",
        Session,
        None,
        leave_private_channel,
    ),
    route("GET", "/files/{filename}", &[Lit("files"), Str], "get_file", Session, None, get_file),
    route(
        "GET",
        "/file_preview/{filename}",
        &[Lit("file_preview"), Str],
        "get_file_preview",
        Session,
        None,
        get_file_preview,
    ),
    route("GET", "/events", &[Lit("events")], "stream_events", Session, None, stream_events),
    route("GET", "/healthz", &[Lit("healthz")], "health", Public, None, health),
    route("GET", "/readyz", &[Lit("readyz")], "readiness", Public, None, readiness),
];

fn chat_app(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = ChatAppInput { user: caller(r.user)? };
        answer(crate::api::web::chat_app(&api, r.ctx, input).await)
    })
}

fn login_page(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = LoginPageInput {};
        answer(crate::api::auth::login_page(&api, r.ctx, input).await)
    })
}

fn login(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = LoginInput {
            csrf_token: r.body.string("csrf_token")?,
            password: require("password", r.body.string("password")?)?,
            username: require("username", r.body.string("username")?)?,
        };
        answer(crate::api::auth::login(&api, r.ctx, input).await)
    })
}

fn logout(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = LogoutInput { user: caller(r.user)? };
        answer(crate::api::auth::logout(&api, r.ctx, input).await)
    })
}

fn logout_post(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = LogoutPostInput { user: caller(r.user)? };
        answer(crate::api::auth::logout_post(&api, r.ctx, input).await)
    })
}

fn signup_page(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = SignupPageInput {};
        answer(crate::api::auth::signup_page(&api, r.ctx, input).await)
    })
}

fn signup(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = SignupInput {
            confirm_password: require("confirm_password", r.body.string("confirm_password")?)?,
            csrf_token: r.body.string("csrf_token")?,
            password: require("password", r.body.string("password")?)?,
            username: require("username", r.body.string("username")?)?,
        };
        answer(crate::api::auth::signup(&api, r.ctx, input).await)
    })
}

fn list_channels(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = ListChannelsInput { user: caller(r.user)? };
        answer(crate::api::channels::list_channels(&api, r.ctx, input).await)
    })
}

fn channel_unreads(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = ChannelUnreadsInput { user: caller(r.user)? };
        answer(crate::api::channels::channel_unreads(&api, r.ctx, input).await)
    })
}

fn list_messages(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let q = Query::parse(r.ctx.query.as_deref());
        let input = ListMessagesInput {
            channel: r.params.string(0),
            after: q.string("after")?,
            limit: q.string("limit")?,
            before: q.string("before")?,
            after_id: q.string("after_id")?,
            around: q.string("around")?,
            user: caller(r.user)?,
        };
        answer(crate::api::messages::list_messages(&api, r.ctx, input).await)
    })
}

fn send_message(api: Api, mut r: Request) -> Handled {
    Box::pin(async move {
        let input = SendMessageInput {
            channel: r.params.string(0),
            files: r.body.files("files"),
            reply_to_id: r.body.lenient_int("reply_to_id")?,
            text: r.body.string("text")?,
            user: caller(r.user)?,
        };
        answer(crate::api::messages::send_message(&api, r.ctx, input).await)
    })
}

fn get_message(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = GetMessageInput { msg_id: r.params.int(0), user: caller(r.user)? };
        answer(crate::api::messages::get_message(&api, r.ctx, input).await)
    })
}

fn edit_message(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = EditMessageInput { msg_id: r.params.int(0), text: r.body.string("text")?, user: caller(r.user)? };
        answer(crate::api::messages::edit_message(&api, r.ctx, input).await)
    })
}

fn delete_message(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = DeleteMessageInput { msg_id: r.params.int(0), user: caller(r.user)? };
        answer(crate::api::messages::delete_message(&api, r.ctx, input).await)
    })
}

fn search_messages(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let q = Query::parse(r.ctx.query.as_deref());
        let input = SearchMessagesInput { q: q.string("q")?, user: caller(r.user)? };
        answer(crate::api::messages::search_messages(&api, r.ctx, input).await)
    })
}

fn toggle_reaction(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = ToggleReactionInput {
            msg_id: r.params.int(0),
            reaction: r.body.string("reaction")?,
            user: caller(r.user)?,
        };
        answer(crate::api::reactions::toggle_reaction(&api, r.ctx, input).await)
    })
}

fn pin_message(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = PinMessageInput { msg_id: r.params.int(0), user: caller(r.user)? };
        answer(crate::api::pins::pin_message(&api, r.ctx, input).await)
    })
}

fn unpin_message(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = UnpinMessageInput { msg_id: r.params.int(0), user: caller(r.user)? };
        answer(crate::api::pins::unpin_message(&api, r.ctx, input).await)
    })
}

fn list_pins(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = ListPinsInput { channel: r.params.string(0), user: caller(r.user)? };
        answer(crate::api::pins::list_pins(&api, r.ctx, input).await)
    })
}

fn link_preview(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let q = Query::parse(r.ctx.query.as_deref());
        let input = LinkPreviewInput { url: q.string("url")?, user: caller(r.user)? };
        answer(crate::api::link_previews::link_preview(&api, r.ctx, input).await)
    })
}

fn list_users(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = ListUsersInput { user: caller(r.user)? };
        answer(crate::api::users::list_users(&api, r.ctx, input).await)
    })
}

fn channel_members(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = ChannelMembersInput { channel: r.params.string(0), user: caller(r.user)? };
        answer(crate::api::users::channel_members(&api, r.ctx, input).await)
    })
}

fn user_colors(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = UserColorsInput { user: caller(r.user)? };
        answer(crate::api::users::user_colors(&api, r.ctx, input).await)
    })
}

fn user_avatars(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = UserAvatarsInput { user: caller(r.user)? };
        answer(crate::api::users::user_avatars(&api, r.ctx, input).await)
    })
}

fn get_profile(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = GetProfileInput { username: r.params.string(0), user: caller(r.user)? };
        answer(crate::api::users::get_profile(&api, r.ctx, input).await)
    })
}

fn delete_account(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = DeleteAccountInput {
            password: r.body.string("password")?,
            r#type: r.body.string("type")?,
            user: caller(r.user)?,
        };
        answer(crate::api::users::delete_account(&api, r.ctx, input).await)
    })
}

fn online_users(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = OnlineUsersInput { user: caller(r.user)? };
        answer(crate::api::presence::online_users(&api, r.ctx, input).await)
    })
}

fn set_presence(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = SetPresenceInput { state: r.body.string("state")?, user: r.user };
        answer(crate::api::presence::set_presence(&api, r.ctx, input).await)
    })
}

fn typing_users(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = TypingUsersInput { channel: r.params.string(0), user: r.user };
        answer(crate::api::presence::typing_users(&api, r.ctx, input).await)
    })
}

fn report_typing(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = ReportTypingInput { channel: r.params.string(0), user: r.user };
        answer(crate::api::presence::report_typing(&api, r.ctx, input).await)
    })
}

fn list_dms(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = ListDmsInput { user: caller(r.user)? };
        answer(crate::api::dms::list_dms(&api, r.ctx, input).await)
    })
}

fn close_dm(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = CloseDmInput { channel: r.body.string("channel")?, user: caller(r.user)? };
        answer(crate::api::dms::close_dm(&api, r.ctx, input).await)
    })
}

fn unread_count(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = UnreadCountInput { user: caller(r.user)? };
        answer(crate::api::dms::unread_count(&api, r.ctx, input).await)
    })
}

fn mark_read(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = MarkReadInput { channel: r.params.string(0), user: caller(r.user)? };
        answer(crate::api::receipts::mark_read(&api, r.ctx, input).await)
    })
}

fn read_receipts(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let q = Query::parse(r.ctx.query.as_deref());
        let input = ReadReceiptsInput {
            channel: r.params.string(0),
            from_id: q.string("from_id")?,
            to_id: q.string("to_id")?,
            user: caller(r.user)?,
        };
        answer(crate::api::receipts::read_receipts(&api, r.ctx, input).await)
    })
}

fn get_settings(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = GetSettingsInput { user: caller(r.user)? };
        answer(crate::api::settings::get_settings(&api, r.ctx, input).await)
    })
}

fn update_settings(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = UpdateSettingsInput {
            bio: r.body.nullable_string("bio")?,
            name_color: r.body.nullable_string("name_color")?,
            user: caller(r.user)?,
        };
        answer(crate::api::settings::update_settings(&api, r.ctx, input).await)
    })
}

fn get_avatar(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = GetAvatarInput { username: r.params.string(0), user: caller(r.user)? };
        answer(crate::api::avatars::get_avatar(&api, r.ctx, input).await)
    })
}

fn upload_avatar(api: Api, mut r: Request) -> Handled {
    Box::pin(async move {
        let input = UploadAvatarInput { avatar: r.body.file("avatar"), user: caller(r.user)? };
        answer(crate::api::avatars::upload_avatar(&api, r.ctx, input).await)
    })
}

fn delete_avatar(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = DeleteAvatarInput { user: caller(r.user)? };
        answer(crate::api::avatars::delete_avatar(&api, r.ctx, input).await)
    })
}

fn list_private_channels(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = ListPrivateChannelsInput { user: caller(r.user)? };
        answer(crate::api::private_channels::list_private_channels(&api, r.ctx, input).await)
    })
}

fn create_private_channel(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = CreatePrivateChannelInput {
            members: r.body.strings("members")?,
            name: r.body.string("name")?,
            user: caller(r.user)?,
        };
        answer(crate::api::private_channels::create_private_channel(&api, r.ctx, input).await)
    })
}

fn rename_private_channel(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = RenamePrivateChannelInput {
            channel_id: r.params.string(0),
            name: r.body.string("name")?,
            user: caller(r.user)?,
        };
        answer(crate::api::private_channels::rename_private_channel(&api, r.ctx, input).await)
    })
}

fn add_private_channel_member(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = AddPrivateChannelMemberInput {
            channel_id: r.params.string(0),
            username: r.body.string("username")?,
            user: caller(r.user)?,
        };
        answer(crate::api::private_channels::add_private_channel_member(&api, r.ctx, input).await)
    })
}

fn private_channel_members(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = PrivateChannelMembersInput { channel_id: r.params.string(0), user: caller(r.user)? };
        answer(crate::api::private_channels::private_channel_members(&api, r.ctx, input).await)
    })
}

fn leave_private_channel(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = LeavePrivateChannelInput { channel_id: r.params.string(0), user: caller(r.user)? };
        answer(crate::api::private_channels::leave_private_channel(&api, r.ctx, input).await)
    })
}

fn get_file(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = GetFileInput { filename: r.params.string(0), user: caller(r.user)? };
        answer(crate::api::files::get_file(&api, r.ctx, input).await)
    })
}

fn get_file_preview(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = GetFilePreviewInput { filename: r.params.string(0), user: caller(r.user)? };
        answer(crate::api::files::get_file_preview(&api, r.ctx, input).await)
    })
}

fn stream_events(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = StreamEventsInput { user: caller(r.user)? };
        answer(crate::api::events::stream_events(&api, r.ctx, input).await)
    })
}

fn health(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = HealthInput {};
        answer(crate::api::operations::health(&api, r.ctx, input).await)
    })
}

fn readiness(api: Api, r: Request) -> Handled {
    Box::pin(async move {
        let input = ReadinessInput {};
        answer(crate::api::operations::readiness(&api, r.ctx, input).await)
    })
}
