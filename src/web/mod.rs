//! The browser side: server-rendered login and signup pages and the embedded static assets.
//! Every value put into a page is HTML-escaped; pages carry no inline script or style, so the
//! Content-Security-Policy can forbid both.
use warp::http::{header, HeaderValue, StatusCode};
use warp::reply::Response;
use warp::Filter;

/// Sent with every HTML page.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data: blob:; \
     style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; \
     frame-ancestors 'none'; form-action 'self'";

/// The frame of every page outside the app (sign-in, sign-up, password reset); the others are the
/// inside of its card.
const AUTH_LAYOUT: &str = include_str!("auth-layout.html");
const LOGIN_TEMPLATE: &str = include_str!("login.html");
const SIGNUP_TEMPLATE: &str = include_str!("signup.html");
/// The new password, its rules and its confirmation: the same on sign-up and reset forms.
const NEW_PASSWORD_FIELDS: &str = include_str!("new-password-fields.html");
const CHAT_TEMPLATE: &str = include_str!("chat.html");
const RESET_PASSWORD_TEMPLATE: &str = include_str!("reset-password.html");
const MESSAGE_TEMPLATE: &str = include_str!("message.html");

fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut page = template.to_string();
    for (name, value) in values {
        page = page.replace(&format!("{{{{{name}}}}}"), &html_escape::encode_double_quoted_attribute(value));
    }
    page
}

/// The error line of a form page: hidden when there is none; a lockout gets its own look.
fn error_block(error: Option<&str>) -> (&'static str, &'static str, String) {
    match error {
        Some(message) if message.starts_with("Account locked") => ("", "error locked", message.to_string()),
        Some(message) => ("", "error", message.to_string()),
        None => ("hidden", "error", String::new()),
    }
}

/// A page outside the app: `body` (already filled, so escaped) inside the layout's card.
fn auth_page(title: &str, body: &str) -> String {
    // The title goes in first: the body, which holds user values, is never searched for placeholders.
    fill(AUTH_LAYOUT, &[("page_title", title)]).replace("{{page_body}}", body)
}

fn form_page(title: &str, template: &str, error: Option<&str>, username: &str, csrf_token: &str) -> String {
    auth_page(title, &form_fields(template, error, username, csrf_token))
}

fn form_fields(template: &str, error: Option<&str>, username: &str, csrf_token: &str) -> String {
    let (hidden, class, message) = error_block(error);
    fill(
        template,
        &[
            ("error_hidden", hidden),
            ("error_class", class),
            ("error", &message),
            ("username", username),
            ("csrf_token", csrf_token),
        ],
    )
}

pub fn login_page(error: Option<&str>, username: &str, csrf_token: &str) -> String {
    form_page("Sign in", LOGIN_TEMPLATE, error, username, csrf_token)
}

pub fn signup_page(error: Option<&str>, username: &str, csrf_token: &str) -> String {
    let template = SIGNUP_TEMPLATE.replace("{{new_password_fields}}", NEW_PASSWORD_FIELDS);
    form_page("Create account", &template, error, username, csrf_token)
}

/// The form of a usable password-reset link, for the user it resets.
pub fn reset_password_page(error: Option<&str>, username: &str, token: &str, csrf_token: &str) -> String {
    // The token is filled first: the username and error that follow cannot hold a placeholder.
    let template = RESET_PASSWORD_TEMPLATE.replace("{{new_password_fields}}", NEW_PASSWORD_FIELDS);
    let fields = fill(&template, &[("token", token)]);
    form_page("Reset password", &fields, error, username, csrf_token)
}

/// A page that only says something, with one link onwards.
pub struct Message<'a> {
    pub title: &'a str,
    pub text: &'a str,
    pub link: &'a str,
    pub link_text: &'a str,
}

pub const FORGOT_PASSWORD: Message<'static> = Message {
    title: "Forgot your password?",
    text: "Ask an administrator of this server for a reset link. You will also find a notice about it in your \
           direct messages from system once you are back in.",
    link: "/login",
    link_text: "Back to sign in",
};

pub const RESET_LINK_INVALID: Message<'static> = Message {
    title: "Link invalid or expired",
    text: "This reset link is invalid or has expired. Ask an administrator for a new one.",
    link: "/login",
    link_text: "Back to sign in",
};

pub const PASSWORD_UPDATED: Message<'static> = Message {
    title: "Password updated",
    text: "Your password has been changed. Sign in with the new one.",
    link: "/login",
    link_text: "Sign in",
};

pub fn message_page(message: &Message<'_>) -> String {
    let body = fill(
        MESSAGE_TEMPLATE,
        &[("title", message.title), ("text", message.text), ("link", message.link), ("link_text", message.link_text)],
    );
    auth_page(message.title, &body)
}

pub fn chat_page(username: &str, max_upload_size_mb: f64, max_avatar_size_mb: f64) -> String {
    fill(
        CHAT_TEMPLATE,
        &[
            ("username", username),
            ("max_upload_size_mb", &max_upload_size_mb.to_string()),
            ("max_avatar_size_mb", &max_avatar_size_mb.to_string()),
        ],
    )
}

/// Adds the security headers of our HTML pages to a response that is one. An answer that set its
/// own policy is not one of our pages: an uploaded HTML file is served with `sandbox`, which must
/// not be replaced by the app's policy (that would let its scripts run as ours).
pub fn with_page_headers(mut response: Response) -> Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html || response.headers().contains_key(header::CONTENT_SECURITY_POLICY) {
        return response;
    }
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    headers.insert("x-frame-options", HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

/// One embedded file of `static/`; the type follows from the extension.
macro_rules! asset {
    ($name:literal) => {
        Asset { name: $name, content_type: content_type($name), body: include_bytes!(concat!("static/", $name)) }
    };
}

const fn content_type(name: &str) -> &'static str {
    let bytes = name.as_bytes();
    let mut dot = bytes.len();
    while dot > 0 && bytes[dot - 1] != b'.' {
        dot -= 1;
    }
    match bytes.split_at(dot).1 {
        b"css" => "text/css; charset=utf-8",
        b"js" => "text/javascript; charset=utf-8",
        b"svg" => "image/svg+xml",
        _ => "text/plain; charset=utf-8",
    }
}

const ASSETS: &[Asset] = &[
    asset!("auth.css"),
    asset!("auth.js"),
    asset!("app.css"),
    asset!("main.js"),
    asset!("api.js"),
    asset!("events.js"),
    asset!("sync.js"),
    asset!("state.js"),
    asset!("dom.js"),
    asset!("format.js"),
    asset!("people.js"),
    asset!("sidebar.js"),
    asset!("channel-actions.js"),
    asset!("messages.js"),
    asset!("timeline.js"),
    asset!("history.js"),
    asset!("pages.js"),
    asset!("message.js"),
    asset!("reactions.js"),
    asset!("emoji.js"),
    asset!("emoji-picker.js"),
    asset!("composer.js"),
    asset!("composer-tools.js"),
    asset!("markup.js"),
    asset!("notice.js"),
    asset!("mentions.js"),
    asset!("attachments.js"),
    asset!("filecard.js"),
    asset!("search.js"),
    asset!("pins.js"),
    asset!("link-preview.js"),
    asset!("settings.js"),
    asset!("notify.js"),
    asset!("presence.js"),
    asset!("viewer.js"),
    asset!("icons.js"),
    asset!("favicon.svg"),
    // The picker offers exactly the names the server accepts, from the same file.
    Asset {
        name: "reactions.txt",
        content_type: "text/plain; charset=utf-8",
        body: include_bytes!("../domain/valid-reactions.txt"),
    },
];

/// `GET /static/<name>`: the embedded assets, public like the login page that uses them.
pub fn static_files() -> warp::filters::BoxedFilter<(Response,)> {
    warp::path("static")
        .and(warp::path::param::<String>())
        .and(warp::path::end())
        .and(warp::get().or(warp::head()).unify())
        .and_then(|name: String| async move {
            let asset = ASSETS.iter().find(|asset| asset.name == name).ok_or_else(warp::reject::not_found)?;
            let mut response = Response::new(asset.body.into());
            *response.status_mut() = StatusCode::OK;
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type));
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
            headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
            Ok::<_, warp::Rejection>(response)
        })
        .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped() {
        let page = login_page(Some("<b>bad</b>"), "\"><script>", "tok");
        assert!(!page.contains("<script>"));
        assert!(!page.contains("<b>bad"));
        assert!(page.contains("&lt;b&gt;bad&lt;/b&gt;"));
        assert!(!page.contains("{{"));
    }

    #[test]
    fn no_placeholder_is_left_unfilled() {
        let pages = [
            signup_page(None, "", "t"),
            login_page(Some("x"), "", "t"),
            chat_page("bob", 25.0, 5.0),
            reset_password_page(Some("x"), "bob", "token", "t"),
            message_page(&PASSWORD_UPDATED),
        ];
        for page in pages {
            assert!(!page.contains("{{"), "{page}");
            assert!(page.contains("<title>") && page.ends_with("</html>\n"), "{page}");
        }
    }

    #[test]
    fn user_values_in_a_reset_form_are_escaped_and_never_taken_for_placeholders() {
        let page = reset_password_page(Some("<i>x</i>"), "{{page_title}}<script>", "\"><script>", "t");
        assert!(!page.contains("<script>") && !page.contains("<i>x"));
        assert!(page.contains("{{page_title}}&lt;script&gt;"), "the name is shown as typed, not filled: {page}");
        assert!(page.contains("<title>Reset password · Minimost</title>"));
    }

    #[test]
    fn a_lockout_is_marked_for_its_own_look() {
        let page =
            login_page(Some("Account locked due to too many failed login attempts. Try again in 2 minutes."), "a", "t");
        assert!(page.contains("class=\"error locked\""));
        assert!(login_page(Some("Invalid credentials"), "a", "t").contains("class=\"error\""));
    }

    #[test]
    fn every_asset_has_a_type_and_the_chat_page_loads_only_assets() {
        assert_eq!(content_type("main.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("app.css"), "text/css; charset=utf-8");
        let page = chat_page("bob", 25.0, 5.0);
        for reference in page.split("/static/").skip(1) {
            let name = reference.split('"').next().unwrap_or_default();
            assert!(ASSETS.iter().any(|a| a.name == name), "{name} is not embedded");
        }
    }

    #[test]
    fn every_file_of_the_static_directory_is_embedded() {
        // A module only another module imports is not named by the page: forgetting it here
        // would break the app at load time with a 404 for the import.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web/static");
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(ASSETS.iter().any(|a| a.name == name), "static/{name} is not in ASSETS");
        }
    }
}
