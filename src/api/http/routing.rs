//! The one filter that serves every operation of the route table: path (404) → method (405, `GET`
//! also answers `HEAD`) → context → session → rate limits → body limits and reading → the
//! operation's adapter, which decodes the input and calls the handler.
use tracing::Instrument;
use warp::filters::path::FullPath;
use warp::filters::BoxedFilter;
use warp::http::Method;
use warp::reject::Rejection;
use warp::reply::Response;
use warp::Filter;

use super::body::{check_length, multipart_or_raw_body, read_body, Body, BodyInput};
use super::context::{context, RequestContext};
use super::path::{match_path, PathParams};
use super::request_log;
use super::route::{Request, RouteInfo, Security};
use crate::api::error::ApiError;
use crate::api::generated::routes::ROUTES;
use crate::api::{limits, session, Api};
use crate::metrics::metrics;

/// The first operation whose path and method match.
fn find(path: &str, method: &Method) -> Option<(&'static RouteInfo, PathParams)> {
    ROUTES.iter().find_map(|route| {
        let method_matches = route.method == method.as_str() || (route.method == "GET" && *method == Method::HEAD);
        if !method_matches {
            return None;
        }
        match_path(route.pattern, path).map(|params| (route, params))
    })
}

/// Every operation of the route table as one filter. A path no operation has is left as a 404
/// rejection, a known path with another method as a 405 one, for the caller's `recover`; everything
/// else is answered here, errors included.
pub fn routes(api: Api) -> BoxedFilter<(Response,)> {
    let found = warp::path::full().and(warp::method()).and_then(|path: FullPath, method: Method| async move {
        find(path.as_str(), &method).ok_or_else(warp::reject::not_found)
    });
    let served = found.and(context()).and(multipart_or_raw_body()).then(
        move |(route, params): (&'static RouteInfo, PathParams), ctx: RequestContext, body: BodyInput| {
            let api = api.clone();
            let request_id = request_log::request_id(&ctx.headers);
            let span = request_log::span(&request_id);
            async move {
                let started = std::time::Instant::now();
                let mut user_id = None;
                let mut response =
                    serve(api, route, params, ctx, body, &mut user_id).await.unwrap_or_else(warp::Reply::into_response);
                let elapsed = started.elapsed();
                metrics().request(route.operation_id, response.status().as_u16(), elapsed);
                let answered = request_log::Answered { operation: route.operation_id, user_id, elapsed };
                request_log::finish(&mut response, answered, &request_id);
                response
            }
            .instrument(span)
        },
    );
    served.or(method_not_allowed()).unify().boxed()
}

/// Rejects with warp's own 405 when some operation has the path (no filter passes both `GET` and
/// `POST`), else with 404.
fn method_not_allowed() -> impl Filter<Extract = (Response,), Error = Rejection> + Clone {
    warp::path::full()
        .and_then(|path: FullPath| async move {
            if ROUTES.iter().any(|route| match_path(route.pattern, path.as_str()).is_some()) {
                Ok(())
            } else {
                Err(warp::reject::not_found())
            }
        })
        .untuple_one()
        .and(warp::get())
        .and(warp::post())
        .and_then(|| async { Err::<Response, _>(warp::reject::not_found()) })
}

async fn serve(
    api: Api,
    route: &'static RouteInfo,
    params: PathParams,
    ctx: RequestContext,
    input: BodyInput,
    user_id: &mut Option<i64>,
) -> Result<Response, ApiError> {
    let user = match route.security {
        Security::Public => {
            limits::admit(&api, &ctx, None)?;
            None
        }
        Security::Session => match session::require_session(&api, &ctx).await {
            Ok(user) => {
                *user_id = Some(user.id);
                limits::admit(&api, &ctx, Some(&user))?;
                Some(user)
            }
            Err(err) => {
                // Writes without a valid session count against the client address.
                limits::admit(&api, &ctx, None)?;
                return Err(err);
            }
        },
        Security::OptionalSession => {
            let user = session::authenticate(&api, &ctx).await?;
            *user_id = user.as_ref().map(|user| user.id);
            limits::admit(&api, &ctx, user.as_ref())?;
            user
        }
    };
    let body = match &route.body {
        Some(spec) => {
            let limits = api.body_limits(spec.class);
            check_length(&ctx, limits.bytes)?;
            read_body(input, spec, limits, &ctx.headers).await?
        }
        None => Body::default(),
    };
    (route.adapter)(api, Request { ctx, params, user, body }).await
}
