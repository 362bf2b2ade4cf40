//! HTTP sessions: the signed `session` cookie that carries a session token (the session itself is
//! [`crate::service::sessions`]'s), and the form token (`csrf` cookie) of the login and signup forms.
use std::sync::{Arc, RwLock};

use cookie::{Cookie, CookieJar, Key, SameSite};
use subtle::ConstantTimeEq;
use warp::http::header;

use super::error::ApiError;
use super::http::context::RequestContext;
use super::Api;
use crate::service::sessions::{self, random_token};
use crate::service::signing_keys::KeySet;

pub const SESSION_COOKIE: &str = "session";
pub const CSRF_COOKIE: &str = "csrf";

pub use crate::service::CurrentUser;

/// The keys cookies are signed and verified with (chosen by [`crate::service::signing_keys`]),
/// swapped as a whole when the set is reloaded.
pub struct Keys(RwLock<Arc<Ring>>);

/// The keys as the cookie library takes them, with the times of the [`KeySet`] they came from.
struct Ring {
    set: KeySet,
    keys: Vec<Key>,
}

impl Keys {
    pub fn new(set: KeySet) -> Keys {
        Keys(RwLock::new(Arc::new(Ring::new(set))))
    }

    /// Puts a reloaded set in force (unchanged sets cost nothing).
    pub fn replace(&self, set: KeySet) {
        if self.ring().set != set {
            *self.0.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(Ring::new(set));
        }
    }

    fn ring(&self) -> Arc<Ring> {
        self.0.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The key that signs now.
    pub fn signing(&self) -> Key {
        let ring = self.ring();
        ring.keys[ring.set.signing_index(crate::store::now())].clone()
    }

    /// The keys that verify now, the signing key first.
    fn verifying(&self) -> Vec<Key> {
        let ring = self.ring();
        let now = crate::store::now();
        let signing = ring.set.signing_index(now);
        std::iter::once(signing)
            .chain((0..ring.keys.len()).filter(|index| *index != signing))
            .filter(|index| ring.set.verifies(*index, now))
            .map(|index| ring.keys[index].clone())
            .collect()
    }
}

impl Ring {
    fn new(set: KeySet) -> Ring {
        // Every secret has at least 64 bytes (checked where it was read), which is all `Key` needs.
        let keys = set.keys.iter().map(|key| Key::from(&key.secret)).collect();
        Ring { set, keys }
    }
}

/// Every cookie of the request named `name`, in the order sent (a jar would keep only the last).
fn request_cookies(ctx: &RequestContext, name: &str) -> Vec<Cookie<'static>> {
    let mut found = Vec::new();
    for value in ctx.headers.get_all(header::COOKIE) {
        let Ok(value) = value.to_str() else { continue };
        found.extend(Cookie::split_parse_encoded(value.to_string()).flatten().filter(|cookie| cookie.name() == name));
    }
    found
}

/// The verified value of a signed cookie, or `None` when absent, tampered with, or ambiguous.
///
/// A request can carry several cookies of one name: a sibling subdomain may set one for the whole
/// parent domain ("cookie tossing"), and the browser then sends both, in an order the server cannot
/// trust. Cookies whose signature fails are ignored (garbage cannot lock anyone out); when more than
/// one distinct validly signed value remains, none is used — taking the first or the last would let
/// a planted cookie, itself a real session of the attacker's, replace the victim's. A signature by
/// any key that still verifies counts (a key rotation keeps the old key for a grace period).
fn signed_cookie(ctx: &RequestContext, keys: &[Key], name: &str) -> Option<String> {
    let jar = CookieJar::new();
    let mut verified: Option<String> = None;
    for cookie in request_cookies(ctx, name) {
        let Some(cookie) = keys.iter().find_map(|key| jar.signed(key).verify(cookie.clone())) else { continue };
        match &verified {
            None => verified = Some(cookie.value().to_string()),
            Some(value) if value == cookie.value() => {}
            Some(_) => return None,
        }
    }
    verified
}

fn is_https(ctx: &RequestContext) -> bool {
    ctx.headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()).is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// `value` with its signature, as the cookie carries it.
fn signed_value(key: &Key, name: &'static str, value: String) -> String {
    let mut jar = CookieJar::new();
    jar.signed_mut(key).add(Cookie::new(name, value.clone()));
    jar.get(name).map(|signed| signed.value().to_string()).unwrap_or(value)
}

/// A `Set-Cookie` value for a signed cookie: HttpOnly, SameSite=Lax, Secure behind TLS, and no
/// expiry (the browser forgets it when closed; the server ends idle sessions itself).
fn set_signed_cookie(ctx: &RequestContext, key: &Key, name: &'static str, value: String) -> String {
    Cookie::build((name, signed_value(key, name, value)))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(is_https(ctx))
        .build()
        .encoded()
        .to_string()
}

/// The `Cookie` request header a client presents for the session `token` (as a browser sends it
/// back after login). For tools that create sessions directly in the store, such as the benchmarks,
/// so they need not log in thousands of users.
pub fn session_cookie_header(key: &Key, token: &str) -> String {
    Cookie::new(SESSION_COOKIE, signed_value(key, SESSION_COOKIE, token.to_string())).encoded().to_string()
}

/// A `Set-Cookie` value that removes the cookie.
pub fn clear_cookie(name: &'static str) -> String {
    let mut cookie = Cookie::build((name, "")).path("/").http_only(true).build();
    cookie.make_removal();
    cookie.to_string()
}

/// The `Set-Cookie` value that carries a session's token (the client presents it from then on).
pub fn session_cookie(api: &Api, ctx: &RequestContext, token: String) -> String {
    set_signed_cookie(ctx, &api.keys.signing(), SESSION_COOKIE, token)
}

/// The caller, when the request carries a valid, unexpired session of an existing user.
pub async fn authenticate(api: &Api, ctx: &RequestContext) -> Result<Option<CurrentUser>, ApiError> {
    let Some(token) = session_token(api, ctx) else {
        return Ok(None);
    };
    Ok(sessions::find(api, &token).await?)
}

/// The session token the browser presents in a correctly signed cookie, not yet checked against the
/// stored sessions.
pub fn session_token(api: &Api, ctx: &RequestContext) -> Option<String> {
    signed_cookie(ctx, &api.keys.verifying(), SESSION_COOKIE)
}

/// Like [`authenticate`], but a missing session is an error: a login redirect, or 401 JSON for a
/// client that asks for JSON and not HTML.
pub async fn require_session(api: &Api, ctx: &RequestContext) -> Result<CurrentUser, ApiError> {
    match authenticate(api, ctx).await? {
        Some(user) => Ok(user),
        None => Err(ApiError::Unauthenticated { wants_json: wants_json(ctx) }),
    }
}

/// `Accept` names JSON and not HTML (browsers and `*/*` keep the redirect).
pub fn wants_json(ctx: &RequestContext) -> bool {
    let accept = ctx
        .headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",")
        .to_ascii_lowercase();
    accept.contains("json") && !accept.contains("text/html")
}

/// The form token for the login/signup page: the caller's current one, or a new one with the
/// `Set-Cookie` value that stores it.
pub fn form_token(api: &Api, ctx: &RequestContext) -> (String, Option<String>) {
    match signed_cookie(ctx, &api.keys.verifying(), CSRF_COOKIE) {
        Some(token) => (token, None),
        None => {
            let token = random_token();
            let set_cookie = set_signed_cookie(ctx, &api.keys.signing(), CSRF_COOKIE, token.clone());
            (token, Some(set_cookie))
        }
    }
}

/// Whether a submitted form token matches the caller's `csrf` cookie (always true when the check
/// is switched off in the settings).
pub fn form_token_valid(api: &Api, ctx: &RequestContext, submitted: Option<&str>) -> bool {
    if !api.settings.csrf_enabled {
        return true;
    }
    match (signed_cookie(ctx, &api.keys.verifying(), CSRF_COOKIE), submitted) {
        (Some(expected), Some(submitted)) => bool::from(expected.as_bytes().ct_eq(submitted.as_bytes())),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_cookie_header_carries_the_token_verifiably() {
        let key = Key::generate();
        let header = session_cookie_header(&key, "abc123");
        let mut jar = CookieJar::new();
        for cookie in Cookie::split_parse_encoded(header).flatten() {
            jar.add_original(cookie);
        }
        assert_eq!(jar.signed(&key).get(SESSION_COOKIE).map(|c| c.value().to_string()), Some("abc123".to_string()));
        assert!(jar.signed(&Key::generate()).get(SESSION_COOKIE).is_none());
    }

    #[test]
    fn a_rotated_key_signs_from_its_time_on_and_the_old_one_verifies_until_its_end() {
        use crate::service::signing_keys::KeyEntry;
        let now = crate::store::now();
        let entry =
            |byte: u8, active_from: f64, until: Option<f64>| KeyEntry { secret: vec![byte; 64], active_from, until };
        let verifies = |keys: &Keys, byte: u8| keys.verifying().iter().any(|key| *key == Key::from(&[byte; 64]));
        // Just rotated: the new key (2) is known but does not sign yet.
        let keys =
            Keys::new(KeySet { keys: vec![entry(2, now + 60.0, None), entry(1, now - 60.0, Some(now + 120.0))] });
        assert!(keys.signing() == Key::from(&[1; 64]));
        assert!(verifies(&keys, 1) && verifies(&keys, 2));
        // Later: the new key signs, the old one verifies until its end and not after.
        keys.replace(KeySet { keys: vec![entry(2, now - 1.0, None), entry(1, now - 60.0, Some(now + 1.0))] });
        assert!(keys.signing() == Key::from(&[2; 64]));
        assert!(verifies(&keys, 1));
        keys.replace(KeySet { keys: vec![entry(2, now - 1.0, None), entry(1, now - 60.0, Some(now - 0.5))] });
        assert!(!verifies(&keys, 1) && verifies(&keys, 2));
    }

    fn context_with_cookies(values: &[&str]) -> RequestContext {
        let mut headers = warp::http::HeaderMap::new();
        for value in values {
            headers.append(header::COOKIE, value.parse().unwrap());
        }
        RequestContext { method: warp::http::Method::GET, path: "/".into(), query: None, headers, remote_addr: None }
    }

    #[test]
    fn exactly_one_validly_signed_value_counts() {
        let key = Key::generate();
        let alice = session_cookie_header(&key, "alice-token");
        let mallory = session_cookie_header(&key, "mallory-token");
        let forged = session_cookie_header(&Key::generate(), "forged-token");
        let keys = [key.clone()];
        let read = |values: &[&str]| signed_cookie(&context_with_cookies(values), &keys, SESSION_COOKIE);

        assert_eq!(read(&[&alice]).as_deref(), Some("alice-token"));
        assert_eq!(read(&[&format!("{forged}; {alice}; session=junk")]).as_deref(), Some("alice-token"));
        assert_eq!(read(&[&format!("{alice}; {alice}")]).as_deref(), Some("alice-token"));
        assert_eq!(read(&[&format!("{alice}; {mallory}")]), None);
        assert_eq!(read(&[&format!("{mallory}; {alice}")]), None);
        // Split over two header lines (as HTTP/2 may send them): the same rule.
        assert_eq!(read(&[&alice, &mallory]), None);
        assert_eq!(read(&[&alice, "session=junk"]).as_deref(), Some("alice-token"));
        assert_eq!(read(&[&forged]), None);
        assert_eq!(read(&["other=1"]), None);
    }
}
