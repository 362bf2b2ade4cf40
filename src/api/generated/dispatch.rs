// @generated from api-spec/minimost.yaml by `cargo xtask codegen`.
// DO NOT EDIT: change the spec (or the generator in xtask/src/codegen/) and regenerate.
#![allow(clippy::all, deprecated)]

//! `Handlers` for `Api`: every operation delegates to the function of the same name in
//! `crate::api::<tag>`.
use std::future::Future;

use super::handlers::Handlers;
use super::operations::*;
use crate::api::error::ApiError;
use crate::api::runtime::RequestContext;
use crate::api::session::CurrentUser;

impl Handlers for crate::api::Api {
    fn body_limits(&self, class: crate::api::runtime::BodyClass) -> crate::api::runtime::BodyLimits {
        crate::api::Api::body_limits(self, class)
    }
    fn authenticate(&self, ctx: &RequestContext) -> impl Future<Output = Result<Option<CurrentUser>, ApiError>> + Send {
        crate::api::session::authenticate(self, ctx)
    }
    fn require_session(&self, ctx: &RequestContext) -> impl Future<Output = Result<CurrentUser, ApiError>> + Send {
        crate::api::session::require_session(self, ctx)
    }
    fn admit(&self, ctx: &RequestContext, user: Option<&CurrentUser>) -> Result<(), ApiError> {
        crate::api::limits::admit(self, ctx, user)
    }
    fn chat_app(
        &self,
        ctx: RequestContext,
        input: ChatAppInput,
    ) -> impl Future<Output = Result<ChatAppResponse, ApiError>> + Send {
        crate::api::web::chat_app(self, ctx, input)
    }
    fn login_page(
        &self,
        ctx: RequestContext,
        input: LoginPageInput,
    ) -> impl Future<Output = Result<LoginPageResponse, ApiError>> + Send {
        crate::api::auth::login_page(self, ctx, input)
    }
    fn login(
        &self,
        ctx: RequestContext,
        input: LoginInput,
    ) -> impl Future<Output = Result<LoginResponse, ApiError>> + Send {
        crate::api::auth::login(self, ctx, input)
    }
    fn logout(
        &self,
        ctx: RequestContext,
        input: LogoutInput,
    ) -> impl Future<Output = Result<LogoutResponse, ApiError>> + Send {
        crate::api::auth::logout(self, ctx, input)
    }
    fn logout_post(
        &self,
        ctx: RequestContext,
        input: LogoutPostInput,
    ) -> impl Future<Output = Result<LogoutPostResponse, ApiError>> + Send {
        crate::api::auth::logout_post(self, ctx, input)
    }
    fn signup_page(
        &self,
        ctx: RequestContext,
        input: SignupPageInput,
    ) -> impl Future<Output = Result<SignupPageResponse, ApiError>> + Send {
        crate::api::auth::signup_page(self, ctx, input)
    }
    fn signup(
        &self,
        ctx: RequestContext,
        input: SignupInput,
    ) -> impl Future<Output = Result<SignupResponse, ApiError>> + Send {
        crate::api::auth::signup(self, ctx, input)
    }
    fn list_channels(
        &self,
        ctx: RequestContext,
        input: ListChannelsInput,
    ) -> impl Future<Output = Result<ListChannelsResponse, ApiError>> + Send {
        crate::api::channels::list_channels(self, ctx, input)
    }
    fn channel_unreads(
        &self,
        ctx: RequestContext,
        input: ChannelUnreadsInput,
    ) -> impl Future<Output = Result<ChannelUnreadsResponse, ApiError>> + Send {
        crate::api::channels::channel_unreads(self, ctx, input)
    }
    fn list_messages(
        &self,
        ctx: RequestContext,
        input: ListMessagesInput,
    ) -> impl Future<Output = Result<ListMessagesResponse, ApiError>> + Send {
        crate::api::messages::list_messages(self, ctx, input)
    }
    fn send_message(
        &self,
        ctx: RequestContext,
        input: SendMessageInput,
    ) -> impl Future<Output = Result<SendMessageResponse, ApiError>> + Send {
        crate::api::messages::send_message(self, ctx, input)
    }
    fn get_message(
        &self,
        ctx: RequestContext,
        input: GetMessageInput,
    ) -> impl Future<Output = Result<GetMessageResponse, ApiError>> + Send {
        crate::api::messages::get_message(self, ctx, input)
    }
    fn edit_message(
        &self,
        ctx: RequestContext,
        input: EditMessageInput,
    ) -> impl Future<Output = Result<EditMessageResponse, ApiError>> + Send {
        crate::api::messages::edit_message(self, ctx, input)
    }
    fn delete_message(
        &self,
        ctx: RequestContext,
        input: DeleteMessageInput,
    ) -> impl Future<Output = Result<DeleteMessageResponse, ApiError>> + Send {
        crate::api::messages::delete_message(self, ctx, input)
    }
    fn search_messages(
        &self,
        ctx: RequestContext,
        input: SearchMessagesInput,
    ) -> impl Future<Output = Result<SearchMessagesResponse, ApiError>> + Send {
        crate::api::messages::search_messages(self, ctx, input)
    }
    fn toggle_reaction(
        &self,
        ctx: RequestContext,
        input: ToggleReactionInput,
    ) -> impl Future<Output = Result<ToggleReactionResponse, ApiError>> + Send {
        crate::api::reactions::toggle_reaction(self, ctx, input)
    }
    fn list_users(
        &self,
        ctx: RequestContext,
        input: ListUsersInput,
    ) -> impl Future<Output = Result<ListUsersResponse, ApiError>> + Send {
        crate::api::users::list_users(self, ctx, input)
    }
    fn channel_members(
        &self,
        ctx: RequestContext,
        input: ChannelMembersInput,
    ) -> impl Future<Output = Result<ChannelMembersResponse, ApiError>> + Send {
        crate::api::users::channel_members(self, ctx, input)
    }
    fn user_colors(
        &self,
        ctx: RequestContext,
        input: UserColorsInput,
    ) -> impl Future<Output = Result<UserColorsResponse, ApiError>> + Send {
        crate::api::users::user_colors(self, ctx, input)
    }
    fn user_avatars(
        &self,
        ctx: RequestContext,
        input: UserAvatarsInput,
    ) -> impl Future<Output = Result<UserAvatarsResponse, ApiError>> + Send {
        crate::api::users::user_avatars(self, ctx, input)
    }
    fn get_profile(
        &self,
        ctx: RequestContext,
        input: GetProfileInput,
    ) -> impl Future<Output = Result<GetProfileResponse, ApiError>> + Send {
        crate::api::users::get_profile(self, ctx, input)
    }
    fn delete_account(
        &self,
        ctx: RequestContext,
        input: DeleteAccountInput,
    ) -> impl Future<Output = Result<DeleteAccountResponse, ApiError>> + Send {
        crate::api::users::delete_account(self, ctx, input)
    }
    fn online_users(
        &self,
        ctx: RequestContext,
        input: OnlineUsersInput,
    ) -> impl Future<Output = Result<OnlineUsersResponse, ApiError>> + Send {
        crate::api::presence::online_users(self, ctx, input)
    }
    fn set_presence(
        &self,
        ctx: RequestContext,
        input: SetPresenceInput,
    ) -> impl Future<Output = Result<SetPresenceResponse, ApiError>> + Send {
        crate::api::presence::set_presence(self, ctx, input)
    }
    fn typing_users(
        &self,
        ctx: RequestContext,
        input: TypingUsersInput,
    ) -> impl Future<Output = Result<TypingUsersResponse, ApiError>> + Send {
        crate::api::presence::typing_users(self, ctx, input)
    }
    fn report_typing(
        &self,
        ctx: RequestContext,
        input: ReportTypingInput,
    ) -> impl Future<Output = Result<ReportTypingResponse, ApiError>> + Send {
        crate::api::presence::report_typing(self, ctx, input)
    }
    fn list_dms(
        &self,
        ctx: RequestContext,
        input: ListDmsInput,
    ) -> impl Future<Output = Result<ListDmsResponse, ApiError>> + Send {
        crate::api::dms::list_dms(self, ctx, input)
    }
    fn close_dm(
        &self,
        ctx: RequestContext,
        input: CloseDmInput,
    ) -> impl Future<Output = Result<CloseDmResponse, ApiError>> + Send {
        crate::api::dms::close_dm(self, ctx, input)
    }
    fn unread_count(
        &self,
        ctx: RequestContext,
        input: UnreadCountInput,
    ) -> impl Future<Output = Result<UnreadCountResponse, ApiError>> + Send {
        crate::api::dms::unread_count(self, ctx, input)
    }
    fn mark_read(
        &self,
        ctx: RequestContext,
        input: MarkReadInput,
    ) -> impl Future<Output = Result<MarkReadResponse, ApiError>> + Send {
        crate::api::receipts::mark_read(self, ctx, input)
    }
    fn read_receipts(
        &self,
        ctx: RequestContext,
        input: ReadReceiptsInput,
    ) -> impl Future<Output = Result<ReadReceiptsResponse, ApiError>> + Send {
        crate::api::receipts::read_receipts(self, ctx, input)
    }
    fn get_settings(
        &self,
        ctx: RequestContext,
        input: GetSettingsInput,
    ) -> impl Future<Output = Result<GetSettingsResponse, ApiError>> + Send {
        crate::api::settings::get_settings(self, ctx, input)
    }
    fn update_settings(
        &self,
        ctx: RequestContext,
        input: UpdateSettingsInput,
    ) -> impl Future<Output = Result<UpdateSettingsResponse, ApiError>> + Send {
        crate::api::settings::update_settings(self, ctx, input)
    }
    fn get_avatar(
        &self,
        ctx: RequestContext,
        input: GetAvatarInput,
    ) -> impl Future<Output = Result<GetAvatarResponse, ApiError>> + Send {
        crate::api::avatars::get_avatar(self, ctx, input)
    }
    fn upload_avatar(
        &self,
        ctx: RequestContext,
        input: UploadAvatarInput,
    ) -> impl Future<Output = Result<UploadAvatarResponse, ApiError>> + Send {
        crate::api::avatars::upload_avatar(self, ctx, input)
    }
    fn delete_avatar(
        &self,
        ctx: RequestContext,
        input: DeleteAvatarInput,
    ) -> impl Future<Output = Result<DeleteAvatarResponse, ApiError>> + Send {
        crate::api::avatars::delete_avatar(self, ctx, input)
    }
    fn list_private_channels(
        &self,
        ctx: RequestContext,
        input: ListPrivateChannelsInput,
    ) -> impl Future<Output = Result<ListPrivateChannelsResponse, ApiError>> + Send {
        crate::api::private_channels::list_private_channels(self, ctx, input)
    }
    fn create_private_channel(
        &self,
        ctx: RequestContext,
        input: CreatePrivateChannelInput,
    ) -> impl Future<Output = Result<CreatePrivateChannelResponse, ApiError>> + Send {
        crate::api::private_channels::create_private_channel(self, ctx, input)
    }
    fn rename_private_channel(
        &self,
        ctx: RequestContext,
        input: RenamePrivateChannelInput,
    ) -> impl Future<Output = Result<RenamePrivateChannelResponse, ApiError>> + Send {
        crate::api::private_channels::rename_private_channel(self, ctx, input)
    }
    fn add_private_channel_member(
        &self,
        ctx: RequestContext,
        input: AddPrivateChannelMemberInput,
    ) -> impl Future<Output = Result<AddPrivateChannelMemberResponse, ApiError>> + Send {
        crate::api::private_channels::add_private_channel_member(self, ctx, input)
    }
    fn private_channel_members(
        &self,
        ctx: RequestContext,
        input: PrivateChannelMembersInput,
    ) -> impl Future<Output = Result<PrivateChannelMembersResponse, ApiError>> + Send {
        crate::api::private_channels::private_channel_members(self, ctx, input)
    }
    fn leave_private_channel(
        &self,
        ctx: RequestContext,
        input: LeavePrivateChannelInput,
    ) -> impl Future<Output = Result<LeavePrivateChannelResponse, ApiError>> + Send {
        crate::api::private_channels::leave_private_channel(self, ctx, input)
    }
    fn get_file(
        &self,
        ctx: RequestContext,
        input: GetFileInput,
    ) -> impl Future<Output = Result<GetFileResponse, ApiError>> + Send {
        crate::api::files::get_file(self, ctx, input)
    }
    fn stream_events(
        &self,
        ctx: RequestContext,
        input: StreamEventsInput,
    ) -> impl Future<Output = Result<StreamEventsResponse, ApiError>> + Send {
        crate::api::events::stream_events(self, ctx, input)
    }
}
