// @generated from api-spec/minimost.yaml by `cargo xtask codegen`.
// DO NOT EDIT: change the spec (or the generator in xtask/src/codegen/) and regenerate.
#![allow(clippy::all, deprecated)]

//! The OpenAPI document the server serves (`serde_json::to_value(openapi())`).
use utoipa::openapi as oa;

use super::schemas;

/// The whole document.
pub fn openapi() -> oa::OpenApi {
    oa::OpenApiBuilder::new()
        .info(info())
        .tags(Some([
            oa::tag::TagBuilder::new().name("web").description(Some("The single-page chat application.")).build(),
            oa::tag::TagBuilder::new().name("auth").description(Some("Sign-in, sign-up and sign-out.")).build(),
            oa::tag::TagBuilder::new()
                .name("channels")
                .description(Some("Public channels and their unread counts."))
                .build(),
            oa::tag::TagBuilder::new().name("messages").description(Some(TEXT[0])).build(),
            oa::tag::TagBuilder::new().name("reactions").description(Some("Emoji reactions on messages.")).build(),
            oa::tag::TagBuilder::new().name("users").description(Some(TEXT[1])).build(),
            oa::tag::TagBuilder::new()
                .name("presence")
                .description(Some("Online state and typing indicators."))
                .build(),
            oa::tag::TagBuilder::new().name("dms").description(Some("Direct conversations.")).build(),
            oa::tag::TagBuilder::new().name("receipts").description(Some("Read state and read receipts.")).build(),
            oa::tag::TagBuilder::new().name("settings").description(Some("The caller's own profile settings.")).build(),
            oa::tag::TagBuilder::new().name("avatars").description(Some("Profile pictures.")).build(),
            oa::tag::TagBuilder::new().name("private_channels").description(Some("Invitation-only channels.")).build(),
            oa::tag::TagBuilder::new().name("events").description(Some(TEXT[2])).build(),
            oa::tag::TagBuilder::new().name("files").description(Some("Images attached to messages.")).build(),
        ]))
        .security(Some(Vec::<oa::security::SecurityRequirement>::from([oa::security::SecurityRequirement::new(
            "session",
            Vec::<String>::new(),
        )])))
        .paths(paths())
        .components(Some(components()))
        .build()
}

fn info() -> oa::info::Info {
    oa::info::InfoBuilder::new().title("Minimost API").version("0.1.0").description(Some(TEXT[3])).build()
}

fn paths() -> oa::path::Paths {
    oa::path::PathsBuilder::new()
        .path("/", oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Get, op_chat_app()).build())
        .path(
            "/login",
            oa::path::PathItemBuilder::new()
                .operation(oa::path::HttpMethod::Get, op_login_page())
                .operation(oa::path::HttpMethod::Post, op_login())
                .build(),
        )
        .path(
            "/logout",
            oa::path::PathItemBuilder::new()
                .operation(oa::path::HttpMethod::Get, op_logout())
                .operation(oa::path::HttpMethod::Post, op_logout_post())
                .build(),
        )
        .path(
            "/signup",
            oa::path::PathItemBuilder::new()
                .operation(oa::path::HttpMethod::Get, op_signup_page())
                .operation(oa::path::HttpMethod::Post, op_signup())
                .build(),
        )
        .path(
            "/channels",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Get, op_list_channels()).build(),
        )
        .path(
            "/channel_unreads",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Get, op_channel_unreads()).build(),
        )
        .path(
            "/messages/{channel}",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Get, op_list_messages()).build(),
        )
        .path(
            "/send/{channel}",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Post, op_send_message()).build(),
        )
        .path(
            "/message/{msg_id}",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Get, op_get_message()).build(),
        )
        .path(
            "/edit/{msg_id}",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Post, op_edit_message()).build(),
        )
        .path(
            "/delete/{msg_id}",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Post, op_delete_message()).build(),
        )
        .path(
            "/search_messages",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Get, op_search_messages()).build(),
        )
        .path(
            "/react/{msg_id}",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Post, op_toggle_reaction()).build(),
        )
        .path("/users", oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Get, op_list_users()).build())
        .path(
            "/channel_members/{channel}",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Get, op_channel_members()).build(),
        )
        .path(
            "/user_colors",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Get, op_user_colors()).build(),
        )
        .path(
            "/user_avatars",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Get, op_user_avatars()).build(),
        )
        .path(
            "/profile/{username}",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Get, op_get_profile()).build(),
        )
        .path(
            "/delete_account",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Post, op_delete_account()).build(),
        )
        .path(
            "/online_users",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Get, op_online_users()).build(),
        )
        .path(
            "/presence",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Post, op_set_presence()).build(),
        )
        .path(
            "/typing/{channel}",
            oa::path::PathItemBuilder::new()
                .operation(oa::path::HttpMethod::Get, op_typing_users())
                .operation(oa::path::HttpMethod::Post, op_report_typing())
                .build(),
        )
        .path("/dms", oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Get, op_list_dms()).build())
        .path(
            "/dms/close",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Post, op_close_dm()).build(),
        )
        .path(
            "/unread_count",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Get, op_unread_count()).build(),
        )
        .path(
            "/mark_read/{channel}",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Post, op_mark_read()).build(),
        )
        .path(
            "/read_receipts/{channel}",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Get, op_read_receipts()).build(),
        )
        .path(
            "/settings",
            oa::path::PathItemBuilder::new()
                .operation(oa::path::HttpMethod::Get, op_get_settings())
                .operation(oa::path::HttpMethod::Post, op_update_settings())
                .build(),
        )
        .path(
            "/avatar/{username}",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Get, op_get_avatar()).build(),
        )
        .path(
            "/avatar",
            oa::path::PathItemBuilder::new()
                .operation(oa::path::HttpMethod::Post, op_upload_avatar())
                .operation(oa::path::HttpMethod::Delete, op_delete_avatar())
                .build(),
        )
        .path(
            "/private_channels",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Get, op_list_private_channels()).build(),
        )
        .path(
            "/private_channels/create",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Post, op_create_private_channel()).build(),
        )
        .path(
            "/private_channels/{channel_id}/rename",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Post, op_rename_private_channel()).build(),
        )
        .path(
            "/private_channels/{channel_id}/add_member",
            oa::path::PathItemBuilder::new()
                .operation(oa::path::HttpMethod::Post, op_add_private_channel_member())
                .build(),
        )
        .path(
            "/private_channels/{channel_id}/members",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Get, op_private_channel_members()).build(),
        )
        .path(
            "/private_channels/{channel_id}/leave",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Post, op_leave_private_channel()).build(),
        )
        .path(
            "/files/{filename}",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Get, op_get_file()).build(),
        )
        .path(
            "/events",
            oa::path::PathItemBuilder::new().operation(oa::path::HttpMethod::Get, op_stream_events()).build(),
        )
        .build()
}

fn op_chat_app() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("chat_app"))
        .tag("web")
        .summary(Some("Serve the chat application"))
        .description(Some(TEXT[4]))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("The chat application page.")
                    .content(
                        "text/html",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .build()
}

fn op_login_page() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("login_page"))
        .tag("auth")
        .summary(Some("Show the sign-in form"))
        .description(Some(TEXT[5]))
        .securities(Some(Vec::<oa::security::SecurityRequirement>::from([])))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("The sign-in page.")
                    .header(
                        "Set-Cookie",
                        oa::header::HeaderBuilder::new()
                            .description(Some(TEXT[6]))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .content(
                        "text/html",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .build()
}

fn op_login() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("login"))
        .tag("auth")
        .summary(Some("Sign in"))
        .description(Some(TEXT[7]))
        .securities(Some(Vec::<oa::security::SecurityRequirement>::from([])))
        .request_body(Some(
            oa::request_body::RequestBodyBuilder::new()
                .required(Some(oa::Required::True))
                .content(
                    "application/x-www-form-urlencoded",
                    oa::content::ContentBuilder::new()
                        .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/LoginForm"))))
                        .build(),
                )
                .content(
                    "multipart/form-data",
                    oa::content::ContentBuilder::new()
                        .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/LoginForm"))))
                        .build(),
                )
                .build(),
        ))
        .response(
            "302",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("Signed in; go to the chat application.")
                    .header(
                        "Location",
                        oa::header::HeaderBuilder::new()
                            .description(Some("Always `/`."))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .header(
                        "Set-Cookie",
                        oa::header::HeaderBuilder::new()
                            .description(Some(TEXT[8]))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[9])
                    .header(
                        "Set-Cookie",
                        oa::header::HeaderBuilder::new()
                            .description(Some(TEXT[10]))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .content(
                        "text/html",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "400",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[11])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "403",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[12])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("413", oa::RefOr::Ref(oa::Ref::new("#/components/responses/BodyTooLarge")))
        .response("503", oa::RefOr::Ref(oa::Ref::new("#/components/responses/HashingBusy")))
        .response("429", oa::RefOr::Ref(oa::Ref::new("#/components/responses/TooManyRequests")))
        .build()
}

fn op_logout() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("logout"))
        .tag("auth")
        .summary(Some("Sign out (link)"))
        .description(Some(TEXT[13]))
        .response(
            "302",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[14])
                    .header(
                        "Location",
                        oa::header::HeaderBuilder::new()
                            .description(Some("Always `/login`."))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .header(
                        "Set-Cookie",
                        oa::header::HeaderBuilder::new()
                            .description(Some(TEXT[15]))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .content(
                        "text/html",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .build()
}

fn op_logout_post() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("logout_post"))
        .tag("auth")
        .summary(Some("Sign out"))
        .description(Some(TEXT[16]))
        .response(
            "302",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[14])
                    .header(
                        "Location",
                        oa::header::HeaderBuilder::new()
                            .description(Some("Always `/login`."))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .header(
                        "Set-Cookie",
                        oa::header::HeaderBuilder::new()
                            .description(Some(TEXT[15]))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .content(
                        "text/html",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response("403", oa::RefOr::Ref(oa::Ref::new("#/components/responses/CrossSiteForbidden")))
        .response("429", oa::RefOr::Ref(oa::Ref::new("#/components/responses/TooManyRequests")))
        .build()
}

fn op_signup_page() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("signup_page"))
        .tag("auth")
        .summary(Some("Show the registration form"))
        .description(Some(TEXT[17]))
        .securities(Some(Vec::<oa::security::SecurityRequirement>::from([])))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("The registration page.")
                    .header(
                        "Set-Cookie",
                        oa::header::HeaderBuilder::new()
                            .description(Some(TEXT[6]))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .content(
                        "text/html",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .build()
}

fn op_signup() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("signup"))
        .tag("auth")
        .summary(Some("Create an account"))
        .description(Some(TEXT[18]))
        .securities(Some(Vec::<oa::security::SecurityRequirement>::from([])))
        .request_body(Some(
            oa::request_body::RequestBodyBuilder::new()
                .required(Some(oa::Required::True))
                .content(
                    "application/x-www-form-urlencoded",
                    oa::content::ContentBuilder::new()
                        .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/SignupForm"))))
                        .build(),
                )
                .content(
                    "multipart/form-data",
                    oa::content::ContentBuilder::new()
                        .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/SignupForm"))))
                        .build(),
                )
                .build(),
        ))
        .response(
            "302",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[19])
                    .header(
                        "Location",
                        oa::header::HeaderBuilder::new()
                            .description(Some("Always `/`."))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .header(
                        "Set-Cookie",
                        oa::header::HeaderBuilder::new()
                            .description(Some(TEXT[8]))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[20])
                    .header(
                        "Set-Cookie",
                        oa::header::HeaderBuilder::new()
                            .description(Some(TEXT[10]))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .content(
                        "text/html",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "400",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[21])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "403",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[22])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("413", oa::RefOr::Ref(oa::Ref::new("#/components/responses/BodyTooLarge")))
        .response("503", oa::RefOr::Ref(oa::Ref::new("#/components/responses/HashingBusy")))
        .response("429", oa::RefOr::Ref(oa::Ref::new("#/components/responses/TooManyRequests")))
        .build()
}

fn op_list_channels() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("list_channels"))
        .tag("channels")
        .summary(Some("List the public channels"))
        .description(Some(TEXT[23]))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("Public channel names.")
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/ChannelList"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .build()
}

fn op_channel_unreads() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("channel_unreads"))
        .tag("channels")
        .summary(Some("Unread counts of the public channels"))
        .description(Some(TEXT[24]))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("Channel name to unread count.")
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/UnreadCounts"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .build()
}

fn op_list_messages() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("list_messages"))
        .tag("messages")
        .summary(Some("Poll a channel's messages"))
        .description(Some(TEXT[25]))
        .parameter(
            oa::path::ParameterBuilder::new()
                .name("channel")
                .parameter_in(oa::path::ParameterIn::Path)
                .description(Some(TEXT[26]))
                .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                    oa::schema::ObjectBuilder::new()
                        .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                        .build(),
                ))))
                .example(Some(serde_json::json!("general")))
                .required(oa::Required::True)
                .build(),
        )
        .parameter(
            oa::path::ParameterBuilder::new()
                .name("after")
                .parameter_in(oa::path::ParameterIn::Query)
                .description(Some(TEXT[27]))
                .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                    oa::schema::ObjectBuilder::new()
                        .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                        .build(),
                ))))
                .example(Some(serde_json::json!("1716000000.123")))
                .required(oa::Required::False)
                .build(),
        )
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("The changed messages, oldest first.")
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/MessageList"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response(
            "404",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[28])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .build()
}

fn op_send_message() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("send_message"))
        .tag("messages")
        .summary(Some("Send a message"))
        .description(Some(TEXT[29]))
        .parameter(
            oa::path::ParameterBuilder::new()
                .name("channel")
                .parameter_in(oa::path::ParameterIn::Path)
                .description(Some(TEXT[26]))
                .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                    oa::schema::ObjectBuilder::new()
                        .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                        .build(),
                ))))
                .example(Some(serde_json::json!("dm:alice:bob")))
                .required(oa::Required::True)
                .build(),
        )
        .request_body(Some(
            oa::request_body::RequestBodyBuilder::new()
                .extensions(Some(
                    oa::extensions::ExtensionsBuilder::new().add("x-minimost-body-limit", "upload").build(),
                ))
                .content(
                    "multipart/form-data",
                    oa::content::ContentBuilder::new()
                        .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/SendMessageForm"))))
                        .build(),
                )
                .content(
                    "application/x-www-form-urlencoded",
                    oa::content::ContentBuilder::new()
                        .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/SendMessageForm"))))
                        .build(),
                )
                .build(),
        ))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("Text `ok`; the message was stored.")
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response(
            "400",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[30])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response(
            "403",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[31])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "404",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[32])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "413",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[33])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "415",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[34])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("429", oa::RefOr::Ref(oa::Ref::new("#/components/responses/TooManyRequests")))
        .build()
}

fn op_get_message() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("get_message"))
        .tag("messages")
        .summary(Some("Fetch one message"))
        .description(Some(TEXT[35]))
        .parameter(
            oa::path::ParameterBuilder::new()
                .name("msg_id")
                .parameter_in(oa::path::ParameterIn::Path)
                .description(Some("Global message id."))
                .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                    oa::schema::ObjectBuilder::new()
                        .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::Integer))
                        .format(Some(oa::schema::SchemaFormat::Custom("int64".to_owned())))
                        .minimum(Some(0i64))
                        .build(),
                ))))
                .example(Some(serde_json::json!(42)))
                .required(oa::Required::True)
                .build(),
        )
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("The message.")
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/MessageSummary"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response(
            "404",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[36])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .build()
}

fn op_edit_message() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("edit_message"))
        .tag("messages")
        .summary(Some("Edit a message's text"))
        .description(Some(TEXT[37]))
        .parameter(
            oa::path::ParameterBuilder::new()
                .name("msg_id")
                .parameter_in(oa::path::ParameterIn::Path)
                .description(Some("Global message id."))
                .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                    oa::schema::ObjectBuilder::new()
                        .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::Integer))
                        .format(Some(oa::schema::SchemaFormat::Custom("int64".to_owned())))
                        .minimum(Some(0i64))
                        .build(),
                ))))
                .example(Some(serde_json::json!(42)))
                .required(oa::Required::True)
                .build(),
        )
        .request_body(Some(
            oa::request_body::RequestBodyBuilder::new()
                .required(Some(oa::Required::True))
                .content(
                    "application/x-www-form-urlencoded",
                    oa::content::ContentBuilder::new()
                        .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/EditMessageForm"))))
                        .build(),
                )
                .content(
                    "multipart/form-data",
                    oa::content::ContentBuilder::new()
                        .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/EditMessageForm"))))
                        .build(),
                )
                .build(),
        ))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("Text `ok`.")
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response(
            "400",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[38])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response(
            "403",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[39])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("404", oa::RefOr::Ref(oa::Ref::new("#/components/responses/PathNotFound")))
        .response(
            "413",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[40])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("429", oa::RefOr::Ref(oa::Ref::new("#/components/responses/TooManyRequests")))
        .build()
}

fn op_delete_message() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("delete_message"))
        .tag("messages")
        .summary(Some("Delete a message"))
        .description(Some(TEXT[41]))
        .parameter(
            oa::path::ParameterBuilder::new()
                .name("msg_id")
                .parameter_in(oa::path::ParameterIn::Path)
                .description(Some("Global message id."))
                .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                    oa::schema::ObjectBuilder::new()
                        .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::Integer))
                        .format(Some(oa::schema::SchemaFormat::Custom("int64".to_owned())))
                        .minimum(Some(0i64))
                        .build(),
                ))))
                .example(Some(serde_json::json!(42)))
                .required(oa::Required::True)
                .build(),
        )
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("Text `ok`.")
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response(
            "403",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[39])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("429", oa::RefOr::Ref(oa::Ref::new("#/components/responses/TooManyRequests")))
        .response("404", oa::RefOr::Ref(oa::Ref::new("#/components/responses/PathNotFound")))
        .build()
}

fn op_search_messages() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("search_messages"))
        .tag("messages")
        .summary(Some("Search message text"))
        .description(Some(TEXT[42]))
        .parameter(
            oa::path::ParameterBuilder::new()
                .name("q")
                .parameter_in(oa::path::ParameterIn::Query)
                .description(Some("The text to look for."))
                .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                    oa::schema::ObjectBuilder::new()
                        .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                        .build(),
                ))))
                .example(Some(serde_json::json!("deploy")))
                .required(oa::Required::False)
                .build(),
        )
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("Up to 50 hits, newest first.")
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/SearchResults"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .build()
}

fn op_toggle_reaction() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("toggle_reaction"))
        .tag("reactions")
        .summary(Some("Toggle a reaction"))
        .description(Some(TEXT[43]))
        .parameter(
            oa::path::ParameterBuilder::new()
                .name("msg_id")
                .parameter_in(oa::path::ParameterIn::Path)
                .description(Some("Global message id."))
                .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                    oa::schema::ObjectBuilder::new()
                        .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::Integer))
                        .format(Some(oa::schema::SchemaFormat::Custom("int64".to_owned())))
                        .minimum(Some(0i64))
                        .build(),
                ))))
                .example(Some(serde_json::json!(42)))
                .required(oa::Required::True)
                .build(),
        )
        .request_body(Some(
            oa::request_body::RequestBodyBuilder::new()
                .required(Some(oa::Required::True))
                .content(
                    "application/x-www-form-urlencoded",
                    oa::content::ContentBuilder::new()
                        .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/ReactionForm"))))
                        .build(),
                )
                .content(
                    "multipart/form-data",
                    oa::content::ContentBuilder::new()
                        .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/ReactionForm"))))
                        .build(),
                )
                .build(),
        ))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("The reaction map after the toggle.")
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/ReactionMap"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response(
            "400",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[44])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response("403", oa::RefOr::Ref(oa::Ref::new("#/components/responses/CrossSiteForbidden")))
        .response(
            "404",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[45])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("413", oa::RefOr::Ref(oa::Ref::new("#/components/responses/BodyTooLarge")))
        .response("429", oa::RefOr::Ref(oa::Ref::new("#/components/responses/TooManyRequests")))
        .build()
}

fn op_list_users() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("list_users"))
        .tag("users")
        .summary(Some("List the other users"))
        .description(Some(TEXT[46]))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("Usernames.")
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/UsernameList"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .build()
}

fn op_channel_members() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("channel_members"))
        .tag("users")
        .summary(Some("Who can be mentioned in a channel"))
        .description(Some(TEXT[47]))
        .parameter(
            oa::path::ParameterBuilder::new()
                .name("channel")
                .parameter_in(oa::path::ParameterIn::Path)
                .description(Some(TEXT[26]))
                .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                    oa::schema::ObjectBuilder::new()
                        .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                        .build(),
                ))))
                .example(Some(serde_json::json!("private:3")))
                .required(oa::Required::True)
                .build(),
        )
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("Mentionable usernames.")
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/UsernameList"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response(
            "403",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[48])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "404",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[28])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .build()
}

fn op_user_colors() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("user_colors"))
        .tag("users")
        .summary(Some("Name colours"))
        .description(Some(TEXT[49]))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[50])
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/UserColors"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .build()
}

fn op_user_avatars() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("user_avatars"))
        .tag("users")
        .summary(Some("Users with an avatar"))
        .description(Some(TEXT[51]))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("Usernames with an avatar.")
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/UsernameList"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .build()
}

fn op_get_profile() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("get_profile"))
        .tag("users")
        .summary(Some("A user's public profile"))
        .description(Some(TEXT[52]))
        .parameter(
            oa::path::ParameterBuilder::new()
                .name("username")
                .parameter_in(oa::path::ParameterIn::Path)
                .description(Some("Username, compared exactly."))
                .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                    oa::schema::ObjectBuilder::new()
                        .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                        .build(),
                ))))
                .example(Some(serde_json::json!("alice")))
                .required(oa::Required::True)
                .build(),
        )
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("The profile.")
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/Profile"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response("404", oa::RefOr::Ref(oa::Ref::new("#/components/responses/PathNotFound")))
        .build()
}

fn op_delete_account() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("delete_account"))
        .tag("users")
        .summary(Some("Delete the caller's account"))
        .description(Some(TEXT[53]))
        .request_body(Some(
            oa::request_body::RequestBodyBuilder::new()
                .content(
                    "application/json",
                    oa::content::ContentBuilder::new()
                        .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/DeleteAccountRequest"))))
                        .build(),
                )
                .build(),
        ))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[54])
                    .header(
                        "Set-Cookie",
                        oa::header::HeaderBuilder::new()
                            .description(Some(TEXT[55]))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/StatusOk"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response(
            "400",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[56])
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/ErrorBody"))))
                            .build(),
                    )
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response(
            "403",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[57])
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/ErrorBody"))))
                            .build(),
                    )
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("413", oa::RefOr::Ref(oa::Ref::new("#/components/responses/BodyTooLarge")))
        .response("503", oa::RefOr::Ref(oa::Ref::new("#/components/responses/HashingBusy")))
        .response("429", oa::RefOr::Ref(oa::Ref::new("#/components/responses/TooManyRequests")))
        .build()
}

fn op_online_users() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("online_users"))
        .tag("presence")
        .summary(Some("Presence of recently seen users"))
        .description(Some(TEXT[58]))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[59])
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/PresenceMap"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .build()
}

fn op_set_presence() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("set_presence"))
        .tag("presence")
        .summary(Some("Report the caller's presence"))
        .description(Some(TEXT[60]))
        .securities(Some(Vec::<oa::security::SecurityRequirement>::from([
            oa::security::SecurityRequirement::default(),
            oa::security::SecurityRequirement::new("session", Vec::<String>::new()),
        ])))
        .request_body(Some(
            oa::request_body::RequestBodyBuilder::new()
                .content(
                    "application/json",
                    oa::content::ContentBuilder::new()
                        .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/PresenceUpdate"))))
                        .build(),
                )
                .build(),
        ))
        .response(
            "204",
            oa::RefOr::T(oa::response::ResponseBuilder::new().description("Accepted (or ignored); no body.").build()),
        )
        .response(
            "400",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[61])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("403", oa::RefOr::Ref(oa::Ref::new("#/components/responses/CrossSiteForbidden")))
        .response("413", oa::RefOr::Ref(oa::Ref::new("#/components/responses/BodyTooLarge")))
        .response("429", oa::RefOr::Ref(oa::Ref::new("#/components/responses/TooManyRequests")))
        .build()
}

fn op_typing_users() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("typing_users"))
        .tag("presence")
        .summary(Some("Who is typing in a channel"))
        .description(Some(TEXT[62]))
        .securities(Some(Vec::<oa::security::SecurityRequirement>::from([
            oa::security::SecurityRequirement::default(),
            oa::security::SecurityRequirement::new("session", Vec::<String>::new()),
        ])))
        .parameter(
            oa::path::ParameterBuilder::new()
                .name("channel")
                .parameter_in(oa::path::ParameterIn::Path)
                .description(Some(TEXT[26]))
                .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                    oa::schema::ObjectBuilder::new()
                        .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                        .build(),
                ))))
                .example(Some(serde_json::json!("general")))
                .required(oa::Required::True)
                .build(),
        )
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[63])
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/UsernameList"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "403",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[64])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "404",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[65])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .build()
}

fn op_report_typing() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("report_typing"))
        .tag("presence")
        .summary(Some("Report that the caller is typing"))
        .description(Some(TEXT[66]))
        .securities(Some(Vec::<oa::security::SecurityRequirement>::from([
            oa::security::SecurityRequirement::default(),
            oa::security::SecurityRequirement::new("session", Vec::<String>::new()),
        ])))
        .parameter(
            oa::path::ParameterBuilder::new()
                .name("channel")
                .parameter_in(oa::path::ParameterIn::Path)
                .description(Some(TEXT[26]))
                .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                    oa::schema::ObjectBuilder::new()
                        .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                        .build(),
                ))))
                .example(Some(serde_json::json!("general")))
                .required(oa::Required::True)
                .build(),
        )
        .response("204", oa::RefOr::T(oa::response::ResponseBuilder::new().description(TEXT[67]).build()))
        .response(
            "403",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[68])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "404",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[69])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("429", oa::RefOr::Ref(oa::Ref::new("#/components/responses/TooManyRequests")))
        .build()
}

fn op_list_dms() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("list_dms"))
        .tag("dms")
        .summary(Some("List the caller's direct conversations"))
        .description(Some(TEXT[70]))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[71])
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/DmList"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .build()
}

fn op_close_dm() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("close_dm"))
        .tag("dms")
        .summary(Some("Hide a direct conversation"))
        .description(Some(TEXT[72]))
        .request_body(Some(
            oa::request_body::RequestBodyBuilder::new()
                .required(Some(oa::Required::True))
                .content(
                    "application/json",
                    oa::content::ContentBuilder::new()
                        .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/CloseDmRequest"))))
                        .build(),
                )
                .build(),
        ))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("Text `ok`.")
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response(
            "400",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[73])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response(
            "403",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[74])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("413", oa::RefOr::Ref(oa::Ref::new("#/components/responses/BodyTooLarge")))
        .response(
            "404",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[75])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("429", oa::RefOr::Ref(oa::Ref::new("#/components/responses/TooManyRequests")))
        .build()
}

fn op_unread_count() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("unread_count"))
        .tag("dms")
        .summary(Some("Total unread direct messages"))
        .description(Some(TEXT[76]))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("The total.")
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/UnreadCount"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .build()
}

fn op_mark_read() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("mark_read"))
        .tag("receipts")
        .summary(Some("Mark a channel as read"))
        .description(Some(TEXT[77]))
        .parameter(
            oa::path::ParameterBuilder::new()
                .name("channel")
                .parameter_in(oa::path::ParameterIn::Path)
                .description(Some(TEXT[26]))
                .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                    oa::schema::ObjectBuilder::new()
                        .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                        .build(),
                ))))
                .example(Some(serde_json::json!("general")))
                .required(oa::Required::True)
                .build(),
        )
        .response("204", oa::RefOr::T(oa::response::ResponseBuilder::new().description("Done; no body.").build()))
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response(
            "403",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[78])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "404",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[79])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("429", oa::RefOr::Ref(oa::Ref::new("#/components/responses/TooManyRequests")))
        .build()
}

fn op_read_receipts() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("read_receipts"))
        .tag("receipts")
        .summary(Some("Read receipts of a channel"))
        .description(Some(TEXT[80]))
        .parameter(
            oa::path::ParameterBuilder::new()
                .name("channel")
                .parameter_in(oa::path::ParameterIn::Path)
                .description(Some(TEXT[26]))
                .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                    oa::schema::ObjectBuilder::new()
                        .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                        .build(),
                ))))
                .example(Some(serde_json::json!("dm:alice:bob")))
                .required(oa::Required::True)
                .build(),
        )
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("Timestamp to readers (`{}` when none).")
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/ReadReceipts"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response(
            "403",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[81])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "404",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[28])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .build()
}

fn op_get_settings() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("get_settings"))
        .tag("settings")
        .summary(Some("The caller's settings"))
        .description(Some(TEXT[82]))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("The settings.")
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/Settings"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .build()
}

fn op_update_settings() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("update_settings"))
        .tag("settings")
        .summary(Some("Change the caller's settings"))
        .description(Some(TEXT[83]))
        .request_body(Some(
            oa::request_body::RequestBodyBuilder::new()
                .content(
                    "application/x-www-form-urlencoded",
                    oa::content::ContentBuilder::new()
                        .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/SettingsUpdate"))))
                        .build(),
                )
                .content(
                    "application/json",
                    oa::content::ContentBuilder::new()
                        .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/SettingsUpdate"))))
                        .build(),
                )
                .build(),
        ))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("Text `ok`.")
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response(
            "400",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[84])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response("403", oa::RefOr::Ref(oa::Ref::new("#/components/responses/CrossSiteForbidden")))
        .response("413", oa::RefOr::Ref(oa::Ref::new("#/components/responses/BodyTooLarge")))
        .response("429", oa::RefOr::Ref(oa::Ref::new("#/components/responses/TooManyRequests")))
        .build()
}

fn op_get_avatar() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("get_avatar"))
        .tag("avatars")
        .summary(Some("A user's profile picture"))
        .description(Some(TEXT[85]))
        .parameter(
            oa::path::ParameterBuilder::new()
                .name("username")
                .parameter_in(oa::path::ParameterIn::Path)
                .description(Some("Username, compared exactly."))
                .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                    oa::schema::ObjectBuilder::new()
                        .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                        .build(),
                ))))
                .example(Some(serde_json::json!("alice")))
                .required(oa::Required::True)
                .build(),
        )
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("The image.")
                    .header(
                        "Content-Type",
                        oa::header::HeaderBuilder::new()
                            .description(Some("The image's real type, e.g. `image/png`."))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .header(
                        "Content-Disposition",
                        oa::header::HeaderBuilder::new()
                            .description(Some("`inline; filename=<stored name>`."))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .header(
                        "Cache-Control",
                        oa::header::HeaderBuilder::new()
                            .description(Some("`no-cache` (revalidate every time)."))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .header(
                        "ETag",
                        oa::header::HeaderBuilder::new()
                            .description(Some("Validator for `If-None-Match`."))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .header(
                        "Last-Modified",
                        oa::header::HeaderBuilder::new()
                            .description(Some(TEXT[86]))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .header(
                        "X-Content-Type-Options",
                        oa::header::HeaderBuilder::new()
                            .description(Some("`nosniff`."))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .content(
                        "image/*",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .format(Some(oa::schema::SchemaFormat::Custom("binary".to_owned())))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response(
            "304",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[87])
                    .header(
                        "ETag",
                        oa::header::HeaderBuilder::new()
                            .description(Some("The current validator."))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .header(
                        "Cache-Control",
                        oa::header::HeaderBuilder::new()
                            .description(Some("`no-cache`."))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response("404", oa::RefOr::T(oa::response::ResponseBuilder::new().description(TEXT[88]).build()))
        .build()
}

fn op_upload_avatar() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("upload_avatar"))
        .tag("avatars")
        .summary(Some("Upload the caller's profile picture"))
        .description(Some(TEXT[89]))
        .request_body(Some(
            oa::request_body::RequestBodyBuilder::new()
                .extensions(Some(
                    oa::extensions::ExtensionsBuilder::new().add("x-minimost-body-limit", "avatar").build(),
                ))
                .required(Some(oa::Required::True))
                .content(
                    "multipart/form-data",
                    oa::content::ContentBuilder::new()
                        .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/AvatarUpload"))))
                        .build(),
                )
                .build(),
        ))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("Text `ok`.")
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response(
            "400",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[90])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response("403", oa::RefOr::Ref(oa::Ref::new("#/components/responses/CrossSiteForbidden")))
        .response(
            "413",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[91])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "415",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("Text `not an image`.")
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("429", oa::RefOr::Ref(oa::Ref::new("#/components/responses/TooManyRequests")))
        .build()
}

fn op_delete_avatar() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("delete_avatar"))
        .tag("avatars")
        .summary(Some("Remove the caller's profile picture"))
        .description(Some(TEXT[92]))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("Text `ok`.")
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response("403", oa::RefOr::Ref(oa::Ref::new("#/components/responses/CrossSiteForbidden")))
        .response("429", oa::RefOr::Ref(oa::Ref::new("#/components/responses/TooManyRequests")))
        .build()
}

fn op_list_private_channels() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("list_private_channels"))
        .tag("private_channels")
        .summary(Some("List the caller's private channels"))
        .description(Some(TEXT[93]))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("The caller's private channels.")
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/PrivateChannelList"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .build()
}

fn op_create_private_channel() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("create_private_channel"))
        .tag("private_channels")
        .summary(Some("Create a private channel"))
        .description(Some(TEXT[94]))
        .request_body(Some(
            oa::request_body::RequestBodyBuilder::new()
                .required(Some(oa::Required::True))
                .content(
                    "application/json",
                    oa::content::ContentBuilder::new()
                        .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/CreatePrivateChannelRequest"))))
                        .build(),
                )
                .build(),
        ))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("The new channel.")
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/CreatedPrivateChannel"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response(
            "400",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[95])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response("403", oa::RefOr::Ref(oa::Ref::new("#/components/responses/CrossSiteForbidden")))
        .response(
            "404",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[96])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("413", oa::RefOr::Ref(oa::Ref::new("#/components/responses/BodyTooLarge")))
        .response("429", oa::RefOr::Ref(oa::Ref::new("#/components/responses/TooManyRequests")))
        .build()
}

fn op_rename_private_channel() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("rename_private_channel"))
        .tag("private_channels")
        .summary(Some("Rename a private channel"))
        .description(Some(TEXT[97]))
        .parameter(
            oa::path::ParameterBuilder::new()
                .name("channel_id")
                .parameter_in(oa::path::ParameterIn::Path)
                .description(Some(TEXT[98]))
                .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                    oa::schema::ObjectBuilder::new()
                        .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                        .build(),
                ))))
                .example(Some(serde_json::json!("private:3")))
                .required(oa::Required::True)
                .build(),
        )
        .request_body(Some(
            oa::request_body::RequestBodyBuilder::new()
                .required(Some(oa::Required::True))
                .content(
                    "application/json",
                    oa::content::ContentBuilder::new()
                        .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/RenamePrivateChannelRequest"))))
                        .build(),
                )
                .build(),
        ))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("Text `ok`.")
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response(
            "400",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[99])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response(
            "403",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[100])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "404",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[101])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("413", oa::RefOr::Ref(oa::Ref::new("#/components/responses/BodyTooLarge")))
        .response("429", oa::RefOr::Ref(oa::Ref::new("#/components/responses/TooManyRequests")))
        .build()
}

fn op_add_private_channel_member() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("add_private_channel_member"))
        .tag("private_channels")
        .summary(Some("Add someone to a private channel"))
        .description(Some(TEXT[102]))
        .parameter(
            oa::path::ParameterBuilder::new()
                .name("channel_id")
                .parameter_in(oa::path::ParameterIn::Path)
                .description(Some(TEXT[98]))
                .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                    oa::schema::ObjectBuilder::new()
                        .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                        .build(),
                ))))
                .example(Some(serde_json::json!("3")))
                .required(oa::Required::True)
                .build(),
        )
        .request_body(Some(
            oa::request_body::RequestBodyBuilder::new()
                .required(Some(oa::Required::True))
                .content(
                    "application/json",
                    oa::content::ContentBuilder::new()
                        .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/AddMemberRequest"))))
                        .build(),
                )
                .build(),
        ))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("Text `ok`.")
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response(
            "400",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[103])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response(
            "403",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[100])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "404",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[104])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "409",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("Text `already a member`.")
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("413", oa::RefOr::Ref(oa::Ref::new("#/components/responses/BodyTooLarge")))
        .response("429", oa::RefOr::Ref(oa::Ref::new("#/components/responses/TooManyRequests")))
        .build()
}

fn op_private_channel_members() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("private_channel_members"))
        .tag("private_channels")
        .summary(Some("Members of a private channel"))
        .description(Some(TEXT[105]))
        .parameter(
            oa::path::ParameterBuilder::new()
                .name("channel_id")
                .parameter_in(oa::path::ParameterIn::Path)
                .description(Some(TEXT[98]))
                .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                    oa::schema::ObjectBuilder::new()
                        .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                        .build(),
                ))))
                .example(Some(serde_json::json!("private:3")))
                .required(oa::Required::True)
                .build(),
        )
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("The members.")
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/ChannelMemberList"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response(
            "403",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[106])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "404",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[101])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .build()
}

fn op_leave_private_channel() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("leave_private_channel"))
        .tag("private_channels")
        .summary(Some("Leave a private channel"))
        .description(Some(TEXT[107]))
        .parameter(
            oa::path::ParameterBuilder::new()
                .name("channel_id")
                .parameter_in(oa::path::ParameterIn::Path)
                .description(Some(TEXT[98]))
                .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                    oa::schema::ObjectBuilder::new()
                        .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                        .build(),
                ))))
                .example(Some(serde_json::json!("private:3")))
                .required(oa::Required::True)
                .build(),
        )
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("Text `ok`.")
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response(
            "403",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[100])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "404",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[101])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("429", oa::RefOr::Ref(oa::Ref::new("#/components/responses/TooManyRequests")))
        .build()
}

fn op_get_file() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("get_file"))
        .tag("files")
        .summary(Some("Download an attached image"))
        .description(Some(TEXT[108]))
        .parameter(
            oa::path::ParameterBuilder::new()
                .name("filename")
                .parameter_in(oa::path::ParameterIn::Path)
                .description(Some(TEXT[109]))
                .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                    oa::schema::ObjectBuilder::new()
                        .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                        .build(),
                ))))
                .example(Some(serde_json::json!("2fca0e5c1b7d4e3a9f8b6c5d4e3f2a1b.png")))
                .required(oa::Required::True)
                .build(),
        )
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description("The file.")
                    .header(
                        "Content-Type",
                        oa::header::HeaderBuilder::new()
                            .description(Some(TEXT[110]))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .header(
                        "Content-Disposition",
                        oa::header::HeaderBuilder::new()
                            .description(Some("`inline; filename=<stored name>`."))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .header(
                        "Cache-Control",
                        oa::header::HeaderBuilder::new()
                            .description(Some("`no-cache` (revalidate every time)."))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .header(
                        "ETag",
                        oa::header::HeaderBuilder::new()
                            .description(Some("Validator for `If-None-Match`."))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .header(
                        "Last-Modified",
                        oa::header::HeaderBuilder::new()
                            .description(Some(TEXT[111]))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .header(
                        "X-Content-Type-Options",
                        oa::header::HeaderBuilder::new()
                            .description(Some("`nosniff`."))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .content(
                        "image/*",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .format(Some(oa::schema::SchemaFormat::Custom("binary".to_owned())))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response(
            "304",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[87])
                    .header(
                        "ETag",
                        oa::header::HeaderBuilder::new()
                            .description(Some("The current validator."))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .header(
                        "Cache-Control",
                        oa::header::HeaderBuilder::new()
                            .description(Some("`no-cache`."))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .response(
            "404",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[112])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .build()
}

fn op_stream_events() -> oa::path::Operation {
    oa::path::OperationBuilder::new()
        .operation_id(Some("stream_events"))
        .tag("events")
        .summary(Some("Live events for the signed-in user"))
        .description(Some(TEXT[113]))
        .response(
            "200",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[114])
                    .content(
                        "text/event-stream",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response("302", oa::RefOr::Ref(oa::Ref::new("#/components/responses/LoginRedirect")))
        .response("401", oa::RefOr::Ref(oa::Ref::new("#/components/responses/Unauthenticated")))
        .build()
}

fn components() -> oa::schema::Components {
    oa::schema::ComponentsBuilder::new()
        .security_scheme(
            "session",
            oa::security::SecurityScheme::ApiKey(oa::security::ApiKey::Cookie(
                oa::security::ApiKeyValue::with_description("session", TEXT[115]),
            )),
        )
        .response(
            "BodyTooLarge",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[116])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "HashingBusy",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[117])
                    .header(
                        "Retry-After",
                        oa::header::HeaderBuilder::new()
                            .description(Some(TEXT[118]))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "LoginRedirect",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[119])
                    .header(
                        "Location",
                        oa::header::HeaderBuilder::new()
                            .description(Some("Always `/login` (relative)."))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            )))
                            .build(),
                    )
                    .content(
                        "text/html",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "Unauthenticated",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[120])
                    .content(
                        "application/json",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::Ref(oa::Ref::new("#/components/schemas/ErrorBody"))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "TooManyRequests",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[121])
                    .header(
                        "Retry-After",
                        oa::header::HeaderBuilder::new()
                            .description(Some(TEXT[122]))
                            .schema(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::Integer))
                                    .build(),
                            )))
                            .build(),
                    )
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "PathNotFound",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[123])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .response(
            "CrossSiteForbidden",
            oa::RefOr::T(
                oa::response::ResponseBuilder::new()
                    .description(TEXT[124])
                    .content(
                        "text/plain",
                        oa::content::ContentBuilder::new()
                            .schema(Some(oa::RefOr::T(oa::schema::Schema::Object(
                                oa::schema::ObjectBuilder::new()
                                    .schema_type(oa::schema::SchemaType::Type(oa::schema::Type::String))
                                    .build(),
                            ))))
                            .build(),
                    )
                    .build(),
            ),
        )
        .schema("ErrorBody", <schemas::ErrorBody as utoipa::PartialSchema>::schema())
        .schema("StatusOk", <schemas::StatusOk as utoipa::PartialSchema>::schema())
        .schema("LoginForm", <schemas::LoginForm as utoipa::PartialSchema>::schema())
        .schema("SignupForm", <schemas::SignupForm as utoipa::PartialSchema>::schema())
        .schema("ChannelList", <schemas::ChannelList as utoipa::PartialSchema>::schema())
        .schema("UnreadCounts", <schemas::UnreadCounts as utoipa::PartialSchema>::schema())
        .schema("Message", <schemas::Message as utoipa::PartialSchema>::schema())
        .schema("MessageList", <schemas::MessageList as utoipa::PartialSchema>::schema())
        .schema("MessageSummary", <schemas::MessageSummary as utoipa::PartialSchema>::schema())
        .schema("SearchHit", <schemas::SearchHit as utoipa::PartialSchema>::schema())
        .schema("SearchResults", <schemas::SearchResults as utoipa::PartialSchema>::schema())
        .schema("SendMessageForm", <schemas::SendMessageForm as utoipa::PartialSchema>::schema())
        .schema("EditMessageForm", <schemas::EditMessageForm as utoipa::PartialSchema>::schema())
        .schema("ReactionForm", <schemas::ReactionForm as utoipa::PartialSchema>::schema())
        .schema("ReactionMap", <schemas::ReactionMap as utoipa::PartialSchema>::schema())
        .schema("UsernameList", <schemas::UsernameList as utoipa::PartialSchema>::schema())
        .schema("UserColors", <schemas::UserColors as utoipa::PartialSchema>::schema())
        .schema("Profile", <schemas::Profile as utoipa::PartialSchema>::schema())
        .schema("DeleteAccountRequest", <schemas::DeleteAccountRequest as utoipa::PartialSchema>::schema())
        .schema("PresenceState", <schemas::PresenceState as utoipa::PartialSchema>::schema())
        .schema("PresenceMap", <schemas::PresenceMap as utoipa::PartialSchema>::schema())
        .schema("PresenceUpdate", <schemas::PresenceUpdate as utoipa::PartialSchema>::schema())
        .schema("DmConversation", <schemas::DmConversation as utoipa::PartialSchema>::schema())
        .schema("DmList", <schemas::DmList as utoipa::PartialSchema>::schema())
        .schema("CloseDmRequest", <schemas::CloseDmRequest as utoipa::PartialSchema>::schema())
        .schema("UnreadCount", <schemas::UnreadCount as utoipa::PartialSchema>::schema())
        .schema("ReadReceipts", <schemas::ReadReceipts as utoipa::PartialSchema>::schema())
        .schema("Settings", <schemas::Settings as utoipa::PartialSchema>::schema())
        .schema("SettingsUpdate", <schemas::SettingsUpdate as utoipa::PartialSchema>::schema())
        .schema("AvatarUpload", <schemas::AvatarUpload as utoipa::PartialSchema>::schema())
        .schema("PrivateChannel", <schemas::PrivateChannel as utoipa::PartialSchema>::schema())
        .schema("PrivateChannelList", <schemas::PrivateChannelList as utoipa::PartialSchema>::schema())
        .schema(
            "CreatePrivateChannelRequest",
            <schemas::CreatePrivateChannelRequest as utoipa::PartialSchema>::schema(),
        )
        .schema("CreatedPrivateChannel", <schemas::CreatedPrivateChannel as utoipa::PartialSchema>::schema())
        .schema(
            "RenamePrivateChannelRequest",
            <schemas::RenamePrivateChannelRequest as utoipa::PartialSchema>::schema(),
        )
        .schema("AddMemberRequest", <schemas::AddMemberRequest as utoipa::PartialSchema>::schema())
        .schema("ChannelMember", <schemas::ChannelMember as utoipa::PartialSchema>::schema())
        .schema("ChannelMemberList", <schemas::ChannelMemberList as utoipa::PartialSchema>::schema())
        .build()
}

/// Long texts of the spec, referenced by index.
const TEXT: &[&str] = &[
"Reading, sending, editing, deleting and searching messages.",
"The user directory, profiles and account deletion.",
"The live event stream (Server-Sent Events), a Minimost extension.",
"Minimost is a small self-hosted team chat. People talk in public channels chosen by the operator,\nin direct conversations between two or more people, and in private channels that members invite\neach other into. Messages can carry images, replies, @-mentions and emoji reactions; the server\nalso tracks read state, read receipts, presence and typing. The browser app served at `/` uses\nonly the operations below and keeps itself up to date by polling.\n\nGeneral rules that every operation follows:\n\n- **Sessions.** `POST /login` (or `POST /signup`) starts a session. Sessions live in the server's\n  database; the browser holds a signed session id in the `session` cookie (HttpOnly,\n  SameSite=Lax, Secure when served over TLS). A session lapses 31 days after it was last used and\n  is revoked by logging out, by a password change and by deleting the account. A request whose\n  `Cookie` header(s) carry several `session` cookies (as happens when a sibling subdomain sets one\n  for the parent domain, \"cookie tossing\") is signed in only when exactly one distinct value among\n  them carries a valid signature; two or more validly signed, different values make the request\n  unauthenticated, whatever their order, so a planted cookie can neither replace nor hijack the\n  session (the original took the last one). Cookies whose signature fails are ignored. The same\n  rule applies to the `csrf` cookie of the sign-in and sign-up forms.\n- **Not signed in.** An operation that needs a session answers `302` with `Location: /login`\n  (small HTML body). A caller whose `Accept` header asks for JSON and not for HTML (for example\n  `Accept: application/json`) gets `401` with `{\"error\":\"unauthenticated\"}` instead; browsers,\n  `*/*` and anything that accepts HTML keep the redirect. `POST /presence` and both `/typing`\n  operations check the session silently and never redirect.\n- **Cross-site requests.** A `POST` or `DELETE` whose `Origin` header names another origin, or whose\n  `Sec-Fetch-Site` header is `cross-site`, is refused with `403` and the text `forbidden`.\n  Requests that carry neither header (scripts, curl) are not affected. Pages and auth forms also\n  carry a CSRF token.\n- **Text answers.** Short fixed answers such as `ok`, `forbidden` or `not found` are sent as\n  `text/plain; charset=utf-8` without a trailing newline. (The original served the same strings\n  as `text/html`.)\n- **JSON request bodies** are parsed only for a JSON media type (`application/json`, or any\n  `application/*+json`). Any other body, and a body that is not valid JSON, counts as an empty\n  object `{}`. Valid JSON of the wrong shape (not an object, or a field of the\n  wrong type, `null` included unless the field is documented as nullable) is refused with `400`\n  and a short text naming the problem, for example `invalid body: channel must be a string`.\n  (The original failed with `500`.)\n- **Channel ids.** A public channel is named by its configured name. A direct conversation is\n  `dm:<name>:<name>[:<name>...]`; the server removes duplicate names and sorts the rest (byte\n  order) into the canonical id, which is what it stores and returns, so any order is accepted on\n  input; a conversation with oneself is `dm:<me>:<me>`. A private channel is `private:<n>` with\n  `<n>` its decimal id without sign or leading zeros; any other spelling starting with `private:`\n  is answered `404` `not found`. (The original neither normalised DM ids nor rejected private id\n  aliases.)\n- **Who sees what.** Everyone sees every message of the public channels, including messages sent\n  before they signed up. The people named in a DM id see its whole history. Members of a private\n  channel see what was sent there since they last joined; someone who leaves loses access.\n- **Ids and times.** Message ids are global: the same message has the same id for everyone.\n  Timestamps are Unix seconds as floating-point numbers; within a channel they strictly increase\n  in commit order, so polling with `after=<largest timestamp seen>` never misses a change.\n- **Routing.** An unknown path gives `404` with the text `not found`. So does a path value that\n  does not parse: an integer parameter that is not plain decimal digits (`/delete/-1`,\n  `/message/1x`), or a string parameter that is empty, decodes to something containing `/`\n  (`%2F`) or a NUL character (`%00`), or is not UTF-8 once percent-decoded; every operation with\n  a path parameter lists this `404`. A known path with the wrong method gives `405` (`method not\n  allowed`) with an `Allow` header listing the methods the path supports (`GET` always with\n  `HEAD`); `HEAD` is accepted wherever `GET` is. An unexpected server failure gives `500` with no\n  internal details; except for the path-value `404`, these router-level answers are not repeated\n  under each operation.\n- **Limits.** Every request body has a size limit by its kind (see the `413` answers): sign-in and\n  sign-up bodies `max_anonymous_body_kb`, other bodies without files `max_request_body_kb`,\n  attachments and avatars their file limits. Text fields of a body and path values never\n  contain a NUL character: such a field is refused with `400` (`invalid field NAME: must not\n  contain NUL characters`), such a path value with `404`. Query values may (a search for a NUL\n  finds nothing).\n- **Rate limits.** Every `POST` and `DELETE` counts against a rate limit: the signed-in user's\n  (`rate_limit_per_user_per_minute`, default 600 a minute), or, without a valid session (login,\n  signup, an expired session), the client address's (`rate_limit_per_ip_per_minute`, default 120\n  a minute; behind a reverse proxy listed in `trusted_proxies`, the address its `X-Forwarded-For`\n  names). Each allows bursts of the whole minute's number. A write over the limit is refused with\n  `429`, the text `too many requests` and a `Retry-After` header in seconds, before anything\n  else is done; reads are never limited. (The original had no limits.)\n",
"Returns the HTML page of the single-page chat application for the signed-in user. The page carries the caller's username and the upload size limits the client needs. It opens the `general` channel first, so the operator is expected to configure a public channel of that name.",
"Returns the sign-in page, whether or not the caller is already signed in (there is no redirect to `/`). The form has the fields `username` and `password` and a hidden `csrf_token` tied to the browser; when the browser holds no CSRF token yet, one is created and a cookie binding it is set.",
"Present when a CSRF token had to be created for this browser; the cookie binds the token embedded in the form.",
"Checks the credentials and starts a session. The username is trimmed and matched without regard to letter case; the session then holds the username as it was registered. The password is used exactly as typed. On success the caller's presence becomes `active`.\n\nEvery failed attempt is answered only after a delay (3 seconds by default, configurable) and re-displays the form with one error line and the typed username filled in. The error is `Invalid credentials` for an unknown user, a wrong password or a password longer than 1024 characters. Lockout works per account: after `max_login_attempts` consecutive wrong passwords (default 5; 0 or less disables lockout) the account is locked for `lockout_duration_minutes` (default 15) and the error reads `Account locked due to too many failed login attempts. Try again in N minutes.` (`minute` when N is 1). While locked, even the right password is refused with that message and such attempts are not counted; a success resets the counter. Attempts against unknown names and over-long passwords are not counted. Wrong passwords given to `POST /delete_account` count too.\n\nParallel attempts (Minimost fix): each check is counted before it runs, so no more than `max_login_attempts` passwords are ever checked between two locks, however many attempts arrive at once; attempts beyond those already running get the lockout message unchecked, and a right password whose check ends after a parallel failure has locked the account is refused too.\n\nDeviations from the original: the session is stored server-side and a fresh session id is issued at sign-in; the cookie is `SameSite=Lax`; a cross-site request is refused with 403.",
"The new `session` cookie (`HttpOnly; SameSite=Lax; Path=/`, plus `Secure` over TLS).",
"Sign-in failed: the form again, with the error line (`Invalid credentials` or the lockout message) and the typed username.",
"Present only when a CSRF token had to be created while rendering the form.",
"The `username` or `password` field is missing. The text names the missing field, for example `missing field: password`.",
"Text `forbidden`: the `csrf_token` field is missing or does not match the browser's token (checked before anything else, unless the CSRF check is switched off in the settings), or the request is cross-site. The original answered a bad token with its framework's HTML error page.",
"Ends the caller's session: presence becomes `offline`, the session is revoked on the server and the cookie is cleared, then the browser is sent to the sign-in page. Kept as a `GET` because the API reference documents it and the app links to it; `POST /logout` does the same and is the preferred form. A caller without a session is simply redirected to `/login` as well (or gets 401 when asking for JSON).",
"Signed out (or was not signed in); go to the sign-in page.",
"Clears the `session` cookie (empty value, `Max-Age=0`); present when a session was ended.",
"Same effect as `GET /logout`: presence becomes `offline`, the session is revoked on the server, the cookie is cleared and the browser is sent to `/login`. Added by Minimost (the original only had the `GET` form); being a `POST`, it is refused for cross-site requests.",
"Returns the registration page, also for a caller who is signed in. The form has the fields `username`, `password`, `confirm_password` and a hidden `csrf_token`; when the browser holds no CSRF token yet, one is created and a cookie binding it is set.",
"Registers a new account and signs it in (replacing any current session). The username is\ntrimmed; the password is taken as typed. Rules are checked in this order and the first failure\nis shown on the re-displayed form:\n\n1. empty username or empty password: `Missing fields`;\n2. the username, in any letter case, is `minimost`, `everyone`, `deleteduser` or `system`:\n   `\"<username>\" is a protected username` (the name as typed);\n3. the username is not 1–32 letters, digits, `-` or `_`: `Username may only contain letters,\n   numbers, hyphens, and underscores (1–32 characters)`;\n4. the password has fewer than 8 characters: `Password must be at least 8 characters`;\n5. the password has more than 1024 characters: `Password must be at most 1024 characters`;\n6. no digit: `Password must contain at least one number`;\n7. no uppercase ASCII letter: `Password must contain at least one uppercase letter`;\n8. none of the 32 ASCII punctuation characters ``!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~``:\n   `Password must contain at least one special character`;\n9. the confirmation differs: `Passwords do not match`;\n10. the name is taken, ignoring letter case: `User already exists`.\n\nThe username is stored as typed. On success the new user's presence becomes `active`; they\nsee the public channels' history but nothing else.\n\nDeviations from the original: `system` is reserved as well; a new account no longer receives\na copy of another user's private-channel history; sessions are server-side with a\n`SameSite=Lax` cookie; a cross-site request is refused with 403.\n",
"Account created and signed in; go to the chat application.",
"Validation failed: the form again, with the error message and the trimmed username.",
"The `username`, `password` or `confirm_password` field is missing. The text names the missing field, for example `missing field: confirm_password`.",
"Text `forbidden`: the `csrf_token` field is missing or wrong (checked first, unless the CSRF check is switched off in the settings), or the request is cross-site. The original answered a bad token with its framework's HTML error page.",
"The names of the public channels, in the order the operator configured them. The list is read once when the server starts.",
"For every configured public channel (each one is a key, zero included), the number of messages the caller has not read yet. Own messages, deleted messages and system notices never count. Each image of a send counts as a message of its own, as in the original.",
"Returns the messages of a channel the caller can see that changed after the `after` timestamp, oldest first (by `ts`), without paging. A message is included when it is not deleted and its `ts`, `edited_ts` or `reactions_ts` is greater than `after`, or when it is deleted and its `deleted_ts` is greater than `after`; so a deletion is delivered once as a tombstone and then never again. Each row carries the current reactions. A channel the caller cannot see (someone else's DM, a private channel they are not in or have left, an unknown name) yields `[]`.\n\nDeviations from the original: one shared message table with global ids; DM ids in any order name the same conversation and rows carry the canonical id; a private id alias answers 404; deleted messages come back with `content`, `filename`, `mentions` and `reply_to_id` set to null; `reply_to_id` is the parent's global id.",
"Public channel name, DM id (any order) or `private:<n>`.",
"Only changes after this Unix timestamp. Absent, unparsable, or `nan` in any letter case (exactly, nothing around it) means 0, i.e. the whole history. Otherwise it is read like a Python float: whitespace around it, a sign, an exponent, `_` between digits and `inf`/`infinity` are accepted; `inf` matches nothing and `-inf` everything; other NaN spellings such as `-nan` or ` nan` match nothing.",
"Text `not found`, for a `private:` id that is not in canonical form or a channel path value that does not parse.",
"Posts text and/or images to a channel. Trailing whitespace is removed from `text` (leading whitespace is kept). File parts with an empty filename are ignored. A send with text and k images becomes k+1 messages sharing one `ts` (and one `reply_to_id`); each image message has `content` `\"\"`. `@name` tokens naming channel members (any letter case) are recorded in `mentions`; `@everyone` is recorded as the sentinel `\"@everyone\"`; tokens inside e-mail addresses and URLs are ignored. The answer is just `ok`; clients see the new messages by polling.\n\nChecks, first failure wins: a `private:` id not in canonical form → 404 `not found`; the caller may not write to the channel → 403 (a public channel must be configured; a DM id needs at least two names including the caller; a private channel needs current membership); a DM id names a user that does not exist → 404 `user not found`; text over 16000 characters → 413; an image over the per-file limit → 413; a file that is not an image → 415; no text and no file → 400 `empty`; `reply_to_id` names a message the caller cannot see → 400 `invalid reply`. Nothing is written when a check fails.\n\nDeviations from the original: every send is its own message (the original merged a sender's consecutive texts within 300 s into one); only images are accepted (as the API reference documents: `.jpg`, `.jpeg`, `.png`, `.gif`, `.webp`, with the content checked too), while the original stored any file; a DM naming an unknown user is refused with 404 instead of failing with 500 after a partial delivery; DM ids are stored in canonical form; `reply_to_id` is the parent's global id and must be visible to the sender; the per-file limit answers the `file too large` text (the request-wide limit is set higher); text longer than 16000 characters is refused; a cross-site request is refused with 403.",
"Text `empty` (no text and no file), or `invalid reply` (the parent message does not exist or the caller cannot see it).",
"Text `forbidden`: the caller may not write to this channel, or the request is cross-site.",
"Text `user not found` (a DM id names a user that does not exist), or `not found` (a `private:` id that is not in canonical form, or a channel path value that does not parse).",
"Text `text too long (max 16000 characters)`, or `file too large (max N MB)` where N is `max_upload_size_mb` in whole MiB; `too many files (max N)` when more than `max_files_per_message` files (default 10) are attached (Minimost addition: nothing is stored), or `request too large (max N MB)` when the whole body passes the file limit plus 1 MiB.",
"Text `not an image`: an attached file's extension is not one of `.jpg`, `.jpeg`, `.png`, `.gif`, `.webp`, or its content is not a JPEG, PNG, GIF or WebP image.",
"A short form of one message the caller can see; the client uses it to quote the parent of a reply. Deleted messages are returned with `deleted` 1 and `content` and `filename` null (deviation: the original still returned the text and file name of deleted messages). A message the caller cannot see answers 404 as if it did not exist.",
"Text `not found`: no message with this id that the caller can see, or the id does not parse (not plain decimal digits).",
"Replaces the text of one of the caller's own messages. The new text is trimmed at both ends; mentions are extracted again from it. The edit applies to the text message of the send the id belongs to: using the id of one of its images edits the text of the same send, and for a send with no text nothing changes (still `ok`). `edited` becomes 1 and `edited_ts` the current time. There is no time limit; a deleted message can be edited and stays deleted. A message that does not exist, that the caller cannot see, or that someone else sent answers 403, never 404.\n\nDeviations from the original: an empty (or all-whitespace) text is refused with 400 `empty`; text longer than 16000 characters is refused with 413; a cross-site request is refused with 403.",
"Text `empty`; the new text is empty after trimming (or the field is missing).",
"Text `forbidden`: not the caller's message (or not visible to them), or the request is cross-site.",
"Text `text too long (max 16000 characters)`, or `request too large (max N bytes)` for a body over `max_request_body_kb`.",
"Soft-deletes one of the caller's own messages together with the rest of its send (its text and all of its images): `deleted` becomes 1 and `deleted_ts` the current time, so pollers receive a tombstone. Deleting again refreshes `deleted_ts`. No request body. Reactions and read receipts are kept. A message that does not exist, that the caller cannot see, or that someone else sent answers 403.\n\nDeviations from the original: deleted messages are served with `content`, `filename`, `mentions` and `reply_to_id` null, and their image files are no longer served; a cross-site request is refused with 403.",
"Finds messages whose text contains `q` (trimmed) among all messages the caller can see, in every channel, deleted messages excluded. At most 50 hits, newest first. An empty or missing `q` gives `[]`.\n\nDeviations from the original: `q` is matched literally (`%` and `_` are ordinary characters, not wildcards) and case-insensitively for all of Unicode, not only ASCII; private channels the caller has left are no longer searched.",
"Adds the caller's reaction of the given name to a message, or removes it when the caller already reacted with that name, and returns the message's reaction map afterwards (`{}` once the last reaction is gone). All messages of one send share one set of reactions. Any message the caller can see may be reacted to, deleted messages and system notices included. The message's `reactions_ts` is set to now so that pollers receive it again. The name (trimmed) is checked first: an unknown name is a 400 even for a message that does not exist. Valid names are the 477 names of the original's list (for example `thumbsup`, `heart`, `tada`, `eyes`, `rocket`; note that `thumbs_up`, used as an example by the API reference, is not one of them).\n\nDeviation from the original: a cross-site request is refused with 403.",
"Text `invalid reaction`; the name is missing or not a valid reaction name.",
"Text `not found`; no message with this id that the caller can see, or the id does not parse (not plain decimal digits).",
"Every registered username except the caller's, in byte order (uppercase before lowercase).",
"The people the caller may @-mention in a channel they can write to, the caller left out: for a public channel every other registered user (byte order); for a private channel the other current members (ascending); for a DM the other names of the canonical id, in id order (`[]` when talking to oneself). The client fills its mention autocompletion from it.",
"Text `forbidden`; the caller may not write to this channel (unknown public name, DM without the caller or with a single name, private channel they are not in).",
"The chosen name colour of every user who has set one, exactly as saved (letter case included). Users without a colour are absent; the client derives one from the name.",
"Username to `#rrggbb` colour (`{}` when nobody has one).",
"The usernames that currently have a profile picture; everyone else is drawn with initials.",
"The bio and name colour of a user (exact, case-sensitive name). There is no existence check: an unknown name gives `bio` and `name_color` null.",
"Deletes the caller's account after confirming the password. `type` is checked first, then the password. Both kinds remove the account, its settings and avatar, presence, typing state, read receipts, reactions and private channel memberships, and end the session. `soft` keeps the user's messages but shows them as sent by `Deleted User`; `hard` also deletes every message the user sent, with its attachments. The name can then be registered again, by a new account that starts afresh: it does not see the direct messages of the deleted one. Messages that carried the user's reactions are sent again to pollers with the reactions gone.\n\nDeviations from the original: the password is checked like a login's: a wrong one is answered after the failure delay and counts towards the account's lockout, and while the account is locked every password is refused with the lockout message (the original checked with no delay or counting, so a stolen session could guess the password quickly); every session of the user is revoked, not just the current one; hard-deleted messages become tombstones (`deleted` 1, content null) so that pollers remove them, instead of vanishing silently; a cross-site request is refused with 403.",
"`{\"status\":\"ok\"}`; the account is gone and the session cookie is cleared.",
"Clears the `session` cookie (empty value, `Max-Age=0`).",
"`{\"error\":\"Invalid delete type.\"}` when `type` is missing or is not `soft` or `hard` (also for a body that is not JSON). A JSON body of the wrong shape (for example `password` not a string) gets the general text answer naming the problem instead.",
"`{\"error\":\"Incorrect password.\"}` for a wrong or missing password, `{\"error\":\"Account locked due to too many failed login attempts. Try again in N minutes.\"}` while the account is locked (or when this wrong password locks it); text `forbidden` for a cross-site request.",
"The presence state of every user whose presence was written within the last hour (sign-in, sign-out or `POST /presence`); anyone older is left out and counts as offline. Signing in sets `active`, signing out `offline`. Presence is kept in the server's memory: after a restart nobody is listed until their app reports again (the original listed everyone as `offline` for the rest of the hour).\n\nDeviations from the original: a user whose last presence write is more than 90 seconds old is reported `offline` whatever they last set (the app re-posts its state every 30 seconds), so a crashed client no longer looks online for an hour; a `hidden` user (whose tab is in the background) is reported `offline` to everyone else and `hidden` only to themself (the original showed `hidden` to everyone, and its app drew it like `idle`).",
"Username to presence state (`{}` when nobody was seen).",
"Stores the caller's presence state and refreshes its last-seen time. Only `active`, `idle`, `hidden` and `offline` (exact, lowercase) are stored; any other value, a missing `state`, a body that is not JSON and a caller who is not signed in are silently ignored and still get 204. The app posts on state changes, every 30 seconds, and by beacon when the tab is hidden or closed.\n\nDeviations from the original: JSON of the wrong shape (not an object, or `state` not a string) is refused with 400 (the original failed with 500 for a signed-in caller); a cross-site request is refused with 403.",
"A short text naming the problem with the JSON shape.",
"The users other than the caller who reported typing in this channel within the last 5 seconds (in no particular order). A caller who is not signed in gets `[]`, never a redirect.\n\nDeviations from the original: a signed-in caller who cannot write to the channel gets 403 (the original answered for any channel string); DM ids in any order name the same conversation.",
"Usernames of those typing (`[]` when not signed in).",
"Text `forbidden`; the signed-in caller has no access to this channel.",
"Text `not found`, for a `private:` id that is not in canonical form (signed-in callers only), or for a channel path value that does not parse (anyone).",
"Records that the caller is typing in the channel now (one entry per user and channel, overwritten each time). No request body. A caller who is not signed in gets 204 and nothing is stored. The app posts at most every 2 seconds while the composer changes.\n\nDeviations from the original: a signed-in caller who cannot write to the channel gets 403; a DM id naming someone who has no account gets 404 `user not found` (as sending there does) and nothing is stored; DM ids in any order name the same conversation; a cross-site request is refused with 403. A user is shown typing in at most `max_typing_conversations_per_user` conversations at once (setting, default 20): a report in one more drops that user's oldest report, so the answer stays 204.",
"Recorded (or ignored when not signed in); no body.",
"Text `forbidden`; the signed-in caller has no access to this channel, or the request is cross-site.",
"Text `not found`, for a `private:` id that is not in canonical form (signed-in callers only), or for a channel path value that does not parse (anyone); text `user not found`, for a DM id naming someone who has no account (signed-in callers only).",
"Every direct conversation the caller takes part in that has at least one message (any message counts, deleted ones and the caller's own included), most recent message first. A conversation closed with `POST /dms/close` is left out until a message newer than the closing time arrives; edits, deletions and reactions do not bring it back.\n\nDeviations from the original: ids are canonical; deleted messages never count as unread.",
"Conversations, most recently active first.",
"Hides a conversation from the caller's list without deleting anything; it comes back by itself when a new message arrives. Closing again moves the hiding time forward. The conversation does not need to have messages. The id (trimmed) may be given in any order.\n\nDeviations from the original: the id is stored in canonical form; JSON of the wrong shape is refused with 400; a cross-site request is refused with 403; an id naming someone who has no account gets 404 `user not found` unless the conversation has messages (one with a since deleted account can still be closed); closing a conversation nobody has written in yet records nothing (it is not listed, and its first message would show it again anyway), so made-up ids leave nothing behind.",
"Text `invalid channel` when `channel` is missing or does not start with `dm:` (also for a body that is not JSON); for JSON of the wrong shape a short text naming the problem.",
"Text `forbidden`; the caller is not one of the names in the id, or the request is cross-site.",
"Text `user not found`; the id names someone who has no account and nobody has written in the conversation.",
"The number of unread messages from others over all of the caller's direct conversations; every image of a send counts separately. The app shows it as a badge and uses it for desktop notifications.\n\nDeviations from the original: deleted messages never count, and a closed conversation does not count until it reappears (then all of its unread messages count again).",
"Marks every message from others in the channel as read by the caller and records a read receipt for each send that was unread until now (messages that were never unread, such as system notices, produce no receipt). No request body. The app calls it on every channel switch and when new messages arrive in a visible tab.\n\nDeviations from the original: a caller who cannot write to the channel gets 403 (the original accepted any channel string); DM ids in any order name the same conversation; a cross-site request is refused with 403; a DM id naming someone who has no account gets 404 `user not found` unless the conversation has messages (one with a since deleted account can still be marked read); marking a conversation nobody has written in yet records nothing (there is nothing to read), so made-up ids leave nothing behind.",
"Text `forbidden`; the caller has no access to this channel, or the request is cross-site.",
"Text `not found`, for a `private:` id that is not in canonical form or a channel path value that does not parse; text `user not found`, for a DM id naming someone who has no account when nobody has written in it.",
"Who has read which send in the channel, keyed by the send's `ts` written the way Python prints a float (shortest digits that round-trip, always with a `.` or an exponent, e.g. `1716000000.0`). Readers are listed in ascending order and include the reader themself. Receipts are permanent. In a private channel a member sees the receipts of the messages sent since they (last) joined, as they see those messages only. Known limitation: a member who leaves a private channel and is added back keeps the receipts of the earlier membership only until they next mark the channel read (one receipt interval is kept per reader and channel).\n\nDeviation from the original: a caller who cannot write to the channel gets 403 (the original showed anyone the receipts of any channel, other people's DMs included).",
"Text `forbidden`; the caller has no access to this channel.",
"The caller's name colour, avatar file name and bio, each null when unset. Deviation from the original: `avatar_file` is included, as the API reference documents (the original returned only `bio` and `name_color`).",
"Updates the name colour and/or the bio. Only the keys present in the request change; an empty string (and, in JSON, `null`) clears a value. `name_color` is trimmed and must be `#` followed by exactly six hex digits (kept in the letter case given). `bio` is trimmed and then truncated to 160 characters. Nothing is stored when the colour is invalid.\n\nDeviations from the original: form bodies are accepted as well as JSON; a key that is absent is left unchanged (the original rewrote both fields on every call, clearing the missing one); `\"\"` clears the colour instead of being rejected; JSON of the wrong shape is refused with 400; a cross-site request is refused with 403.",
"Text `invalid color` when `name_color` is neither empty nor `#rrggbb`; for JSON of the wrong shape a short text naming the problem.",
"The stored image of a user's avatar (exact, case-sensitive name), with validators for conditional requests. After a change the app requests it with a fresh `?v=` query value (ignored by the server) and draws initials on a 404. Deviations from the original: the image is served with its real type (the original always said `image/jpeg`) and with `X-Content-Type-Options: nosniff`; `Range` requests are not supported (the whole image is sent).",
"Time the image was stored, for `If-Modified-Since`.",
"Not modified (`If-None-Match` or `If-Modified-Since` matched); no body.",
"The user has no avatar (or the file is gone): empty body. A username path value that does not parse (for example `%FF`, or `%2F` inside it) gets the router's text `not found`.",
"Stores a new avatar for the caller and removes the previous one. The app scales the picture to 128×128 pixels before uploading; the server keeps the bytes as they are, under a fresh random name.\n\nDeviations from the original: the upload must be a real image (its content must be JPEG, PNG, GIF or WebP, and a filename extension, if any, one of `.jpg`, `.jpeg`, `.png`, `.gif`, `.webp`), otherwise 415; it is later served with its real type; a cross-site request is refused with 403.",
"Text `no file`; no `avatar` part, or one with an empty filename.",
"Text `file too large (max N MB)`, N being `max_avatar_size_mb` in whole MiB (default 5); `request too large (max N MB)` when the whole body passes that plus 1 MiB, `too many files (max 1)` for a second file part.",
"Deletes the caller's avatar; others see the initials again. Succeeds also when there was no avatar. Deviation from the original: a cross-site request is refused with 403.",
"The private channels the caller currently belongs to, by id ascending, with their members and the caller's unread count (messages from others not yet read, deleted ones and system notices excluded).",
"Creates a private channel with the caller and the listed users as members. `name` is trimmed and must have 1–80 characters; names need not be unique. Each member name is trimmed, empty entries are dropped, duplicates are ignored and the caller is added when missing; a missing `members` list means the caller alone. Members join with no history and no notice is posted. The name is checked before the members.\n\nDeviations from the original: every member must be an existing user (exact name), otherwise 404 and nothing is created; `members` must be a list of strings (400 otherwise, where the original split a string into characters or failed with 500); duplicates are ignored instead of failing with 500; a cross-site request is refused with 403.",
"Text `name required` (missing or empty name, also for a body that is not JSON), `channel name must be 80 characters or fewer`, `too many members (max N)` when the distinct members with the creator would be more than `max_private_channel_members` (default 1000; Minimost addition), or, for JSON of the wrong shape (e.g. `members` not a list of strings), a short text naming the problem.",
"Text `user not found`; a listed member is not a registered user.",
"Any member may rename the channel. Membership is checked first, then the name (trimmed, 1–80 characters). On success a system notice `<user> has renamed the channel to \"<name>\"` is posted to the members, also when the name did not change.\n\nDeviations from the original: the id may be given as `3` or `private:3` (the original took only the number); other spellings are 404; JSON of the wrong shape is refused with 400; a cross-site request is refused with 403.",
"The channel's id, `<n>` or `private:<n>` (decimal, no sign, no leading zeros).",
"Text `name required` or `channel name must be 80 characters or fewer`; for JSON of the wrong shape a short text naming the problem.",
"Text `forbidden`; the caller is not a current member (or no such channel), or the request is cross-site.",
"Text `not found`; the id is malformed (or does not parse as a path value).",
"A member adds another registered user (exact, case-sensitive name, trimmed). Checks in order: the caller's membership, an empty name, an unknown user, an existing member. The new member sees the system notice `<adder> added <new> to this channel` (posted to everyone in the channel, the newcomer included) and what follows, but nothing said before; someone re-added after leaving likewise does not see what was said in between.\n\nDeviations from the original: the id may be given as `3` or `private:3`; other spellings are 404; JSON of the wrong shape is refused with 400; a cross-site request is refused with 403.",
"Text `username required` (missing or empty), `too many members (max N)` when the channel already has `max_private_channel_members` members (Minimost addition); for JSON of the wrong shape a short text naming the problem.",
"Text `user not found` (no such user), or `not found` (the channel id is malformed or does not parse as a path value).",
"The current members, ascending, the caller included. Deviation from the original: the id may be given as `3` or `private:3`; other spellings are 404.",
"Text `forbidden`; the caller is not a current member (or no such channel).",
"Removes the caller from the channel and posts the system notice `<user> has left the channel` to those who remain (none when the caller was the last one; the empty channel is kept but nobody can reach it). The caller loses access to the channel's messages. No request body.\n\nDeviations from the original: both `/private_channels/3/leave` and `/private_channels/private:3/leave` work (the original accepted only the number, although its reference documented `private:<n>`); other spellings are 404; someone who left no longer reads or searches the channel's history; a cross-site request is refused with 403.",
"The bytes of an image attached to a message, shown inline, with validators for conditional requests. Query strings are ignored; the name is matched exactly.\n\nDeviations from the original: the file is served only to users who can see a message that carries it and that is not deleted; everyone else, like a request for a missing file or a name escaping the upload directory, gets 404 `not found` (a text body instead of the framework's HTML page); `X-Content-Type-Options: nosniff` is sent; `Range` requests are not supported (the whole file is sent).",
"The stored file name, as in a message's `filename`.",
"The type derived from the file's extension, e.g. `image/png`.",
"Time the file was stored, for `If-Modified-Since`.",
"Text `not found`: no such file, a name outside the upload directory, a file the caller may not see (no visible, undeleted message carries it), or a name that does not parse as a path value.",
"A Server-Sent Events stream (`text/event-stream`) that pushes every change the caller is allowed to see, within milliseconds, so that a client need not poll. Polling stays fully supported; this is a Minimost extension, not part of the original API.\n\nEach event has an `id` (increasing), an `event` type and JSON `data`: `message` — `{\"channel\", \"messages\": [Message…]}`, the rows of a new send or of a message that was edited, deleted or reacted to, exactly as `GET /messages/{channel}` returns them; `receipts` — `{\"channel\"}`, read receipts of the channel changed; `typing` — `{\"channel\", \"user\"}`, someone started typing; `presence` — `{\"user\", \"state\"}`, someone's presence changed (as others see it); `dms` — `{\"channel\"}`, the caller's direct-message list or unread counts changed; `channels` — `{\"channel\"}`, the caller's private channels changed (created, renamed, joined, left); `resync` — `{}`, events were missed and cannot be replayed: reload the state. A comment line is sent every 15 seconds to keep the connection open.\n\nReconnecting: browsers' `EventSource` sends the `Last-Event-ID` header by itself; the server replays the recent events after that id that the caller may see, or sends `resync` when they are too old (the server keeps the last 10,000 events, and at most `event_replay_buffer_mb` MiB of them; an id from before a server restart also gets `resync`). No event ever reaches a user who could not read the same change through the polling API.\n\nThe stream ends when its session does: at once on logout or account deletion, and within 15 seconds when the session expires (an open stream is not a use of the session) or ends elsewhere. It is also closed when the client falls behind: more than `event_stream_buffer_kb` KiB of events for it waiting to be sent (a client that stops reading). A client that reconnects with `Last-Event-ID` then gets what it missed.",
"The event stream; it stays open until the client disconnects, its session ends, or the client falls too far behind.",
"Signed id of a server-side session, set by `POST /login` and `POST /signup`.",
"The request body is over its limit (Minimost addition): text `request too large (max N bytes)` (`max N MB` for megabytes). Bodies of sign-in and sign-up may have `max_anonymous_body_kb` KiB (default 16), other bodies without files `max_request_body_kb` KiB (default 256). A multipart body with more parts than the operation takes gets `too many files (max N)` (N is `max_files_per_message`) or `too many form fields (max 32)`. A body is refused as soon as its declared length or the bytes read pass the limit.",
"Too many password checks are running and waiting (Minimost addition): at most `max_concurrent_password_hashes` run at once and `max_queued_password_hashes` wait. Text `server busy, try again`; retry after the given seconds.",
"Seconds to wait before trying again (always `1`).",
"Not signed in and the request accepts HTML (browsers, `*/*`, no `Accept`): redirect to the sign-in page, with a small HTML body.",
"Not signed in and the request's `Accept` asks for JSON and not HTML: `{\"error\":\"unauthenticated\"}`. Minimost extension; the original always redirected.",
"Text `too many requests`: the caller is over a rate limit on writes (see *Rate limits* in the API description). Minimost addition; the original had no limits.",
"Whole seconds to wait before the next write will be accepted (at least 1).",
"Text `not found`: a path value does not parse (an integer that is not plain decimal digits, such as `-1`; a string that is empty, holds `%2F` or `%00`, or is not UTF-8 once percent-decoded), so no route matches.",
"Text `forbidden`: the request is cross-site (`Origin` names another origin, or `Sec-Fetch-Site: cross-site`). Minimost addition; the original had no such check.",
];
