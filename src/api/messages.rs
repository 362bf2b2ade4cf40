//! Handlers of the `messages` operations: polling, sending, reading, editing, deleting, searching.
use super::error::{answer, ApiError};
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::Api;
use crate::contract::schemas;
use crate::domain::messages::EditTextError;
use crate::domain::paging::PageParams;
use crate::service::history::{self, HistoryRefusal};
use crate::service::messages;
use crate::service::sending::{self, Attachment, NewMessage, SendRefusal};

pub async fn list_messages(
    api: &Api,
    _ctx: RequestContext,
    input: ListMessagesInput,
) -> Result<ListMessagesResponse, ApiError> {
    let params = PageParams {
        after: input.after.as_deref(),
        limit: input.limit.as_deref(),
        before: input.before.as_deref(),
        after_id: input.after_id.as_deref(),
        around: input.around.as_deref(),
    };
    answer(
        history::list(api, &input.user, &input.channel, params).await,
        |found| ListMessagesResponse::Ok(schemas::MessageList(found)),
        |refusal| match refusal {
            HistoryRefusal::BadPaging(err) => ListMessagesResponse::BadRequest(err.to_string()),
            HistoryRefusal::AroundNotFound => ListMessagesResponse::NotFound("not found".into()),
        },
    )
}

pub async fn send_message(
    api: &Api,
    _ctx: RequestContext,
    input: SendMessageInput,
) -> Result<SendMessageResponse, ApiError> {
    let files = input.files.into_iter().map(|file| Attachment { file_name: file.file_name, data: file.data }).collect();
    let new = NewMessage { channel: input.channel, text: input.text, reply_to_id: input.reply_to_id, files };
    answer(
        sending::send(api, &input.user, new).await,
        |()| SendMessageResponse::Ok("ok".into()),
        |refusal| match refusal {
            SendRefusal::TooLong(too_long) => SendMessageResponse::PayloadTooLarge(too_long.to_string()),
            SendRefusal::InvalidReply => SendMessageResponse::BadRequest("invalid reply".into()),
            SendRefusal::FileTooLarge { max_mb } => {
                SendMessageResponse::PayloadTooLarge(format!("file too large (max {max_mb} MB)"))
            }
            SendRefusal::NotAnImage => SendMessageResponse::UnsupportedMediaType("not an image".into()),
            SendRefusal::Empty => SendMessageResponse::BadRequest("empty".into()),
        },
    )
}

pub async fn get_message(
    api: &Api,
    _ctx: RequestContext,
    input: GetMessageInput,
) -> Result<GetMessageResponse, ApiError> {
    Ok(match messages::summary(api, &input.user, input.msg_id).await? {
        Some(summary) => GetMessageResponse::Ok(summary),
        None => GetMessageResponse::NotFound("not found".into()),
    })
}

pub async fn edit_message(
    api: &Api,
    _ctx: RequestContext,
    input: EditMessageInput,
) -> Result<EditMessageResponse, ApiError> {
    answer(
        messages::edit(api, &input.user, input.msg_id, input.text.as_deref().unwrap_or("")).await,
        |()| EditMessageResponse::Ok("ok".into()),
        |refusal| match refusal {
            EditTextError::Empty => EditMessageResponse::BadRequest(refusal.to_string()),
            EditTextError::TooLong => EditMessageResponse::PayloadTooLarge(refusal.to_string()),
        },
    )
}

pub async fn delete_message(
    api: &Api,
    _ctx: RequestContext,
    input: DeleteMessageInput,
) -> Result<DeleteMessageResponse, ApiError> {
    messages::delete(api, &input.user, input.msg_id).await?;
    Ok(DeleteMessageResponse::Ok("ok".into()))
}

pub async fn search_messages(
    api: &Api,
    _ctx: RequestContext,
    input: SearchMessagesInput,
) -> Result<SearchMessagesResponse, ApiError> {
    let hits = messages::search(api, &input.user, input.q.as_deref()).await?;
    Ok(SearchMessagesResponse::Ok(schemas::SearchResults(hits)))
}
