//! Contract gaps a schemathesis run found (each answer now agrees with `api-spec/minimost.yaml`),
//! and the rule for requests carrying several `session` cookies; over real HTTP on both backends.
mod common;

use common::{test_settings, RequestExt, TestServer};
use minimost::api::generated::routes::ROUTES;
use minimost::api::guard::allowed_methods;
use reqwest::Method;

/// `GET /users` with exactly these `Cookie` header lines, asking for JSON: the other users, or
/// `None` when the request counts as not signed in (401).
async fn users_seen_with(server: &TestServer, cookie_lines: &[&str]) -> Option<Vec<String>> {
    let mut request = server.bare().get("/users").header("accept", "application/json");
    for line in cookie_lines {
        request = request.header("cookie", *line);
    }
    let response = request.reply().await;
    match response.code() {
        200 => Some(response.json()),
        401 => None,
        other => panic!("GET /users answered {other}"),
    }
}

on_both_backends! {
    async fn a_browser_without_a_session_is_redirected_with_an_html_page(server: TestServer) {
        for (method, path) in [(Method::GET, "/"), (Method::GET, "/channels"), (Method::POST, "/send/general")] {
            let response = server.bare().request(method.clone(), path).reply().await;
            assert_eq!(response.status, 302, "{method} {path}");
            assert_eq!(response.header("location"), "/login");
            assert_eq!(response.header("content-type"), "text/html; charset=utf-8", "{method} {path}");
            assert!(response.header("content-security-policy").contains("frame-ancestors 'none'"));
            assert_eq!(response.header("x-content-type-options"), "nosniff");
            let body = response.text();
            assert!(body.contains("<a href=\"/login\">"), "{body}");
        }
        // A JSON client still gets 401 JSON.
        let json = server.bare().get("/channels").header("accept", "application/json").reply().await;
        assert_eq!(json.status, 401);
        assert_eq!(json.header("content-type"), "application/json");
    }
}

on_both_backends! {
    async fn a_wrong_method_is_answered_405_with_the_methods_of_the_path(server: TestServer) {
        let alice = server.user("alice").await;
        for (method, path, allow) in [
            ("PUT", "/login", "GET, HEAD, POST"),
            ("TRACE", "/presence", "POST"),
            ("DELETE", "/message/1", "GET, HEAD"),
            ("GET", "/delete/1", "POST"),
            ("PATCH", "/avatar", "POST, DELETE"),
            ("POST", "/api/openapi.json", "GET, HEAD"),
            ("POST", "/api/docs/", "GET, HEAD"),
            ("OPTIONS", "/static/app.css", "GET, HEAD"),
        ] {
            let method = Method::from_bytes(method.as_bytes()).unwrap();
            let response = alice.request(method.clone(), path).reply().await;
            assert_eq!(response.status, 405, "{method} {path}");
            assert_eq!(response.header("allow"), allow, "{method} {path}");
            assert_eq!(response.header("x-content-type-options"), "nosniff");
            assert_eq!(response.text(), "method not allowed");
        }
        // Every path of the contract: a method it does not take names the ones it does.
        for route in ROUTES {
            let path = route.path.replace("{channel}", "general").replace("{msg_id}", "1")
                .replace("{username}", "alice").replace("{filename}", "x.png").replace("{channel_id}", "1");
            let response = alice.request(Method::PATCH, &path).reply().await;
            assert_eq!(response.status, 405, "PATCH {path}");
            let allow = response.header("allow");
            assert_eq!(allow, allowed_methods(&path).join(", "));
            assert!(allow.split(", ").any(|m| m == route.method), "{path}: {allow} lacks {}", route.method);
        }
    }
}

on_both_backends! {
    async fn a_path_value_that_does_not_parse_is_404_not_found(server: TestServer) {
        let alice = server.user("alice").await;
        for (method, path) in [
            (Method::POST, "/delete/-1"),
            (Method::POST, "/edit/1x"),
            (Method::GET, "/message/99999999999999999999"),
            (Method::GET, "/profile/%FF"),
            (Method::GET, "/avatar/a%2Fb"),
            (Method::GET, "/messages/%FF"),
        ] {
            let response = alice.request(method.clone(), path).reply().await;
            assert_eq!(response.status, 404, "{method} {path}");
            assert_eq!(response.header("content-type"), "text/plain; charset=utf-8");
            assert_eq!(response.text(), "not found");
        }
        // … and the contract says so for every operation with a path parameter.
        let document: serde_json::Value =
            alice.fetch("/api/openapi.json").await.json();
        for route in ROUTES.iter().filter(|route| route.path.contains('{')) {
            let responses = &document["paths"][route.path][route.method.to_lowercase()]["responses"];
            assert!(responses.get("404").is_some(), "{} {} documents no 404", route.method, route.path);
        }
    }
}

on_both_backends! {
    async fn the_sign_up_and_sign_in_forms_require_a_body(server: TestServer) {
        let document: serde_json::Value =
            server.bare().fetch("/api/openapi.json").await.json();
        for path in ["/signup", "/login"] {
            assert_eq!(document["paths"][path]["post"]["requestBody"]["required"], true, "{path}");
            let response = server.bare().post_empty(path).await;
            assert_eq!(response.status, 400, "{path}");
            assert!(response.text().starts_with("missing field: "));
        }
    }
}

on_both_backends! {
    async fn every_answer_carries_nosniff_and_the_docs_cannot_be_framed(server: TestServer) {
        let alice = server.user("alice").await;
        for (method, path) in [
            (Method::GET, "/channels"),
            (Method::GET, "/"),
            (Method::GET, "/login"),
            (Method::GET, "/nowhere"),
            (Method::POST, "/send/general"),
            (Method::GET, "/api/openapi.json"),
            (Method::GET, "/api/docs"),
            (Method::GET, "/api/docs/"),
            (Method::GET, "/api/docs/swagger-ui.css"),
            (Method::GET, "/api/docs/missing.js"),
            (Method::GET, "/static/app.css"),
            (Method::GET, "/messages/general"),
        ] {
            let response = alice.request(method.clone(), path).reply().await;
            assert_eq!(response.header("x-content-type-options"), "nosniff", "{method} {path}");
        }
        let cross_site = alice.post("/send/general").header("origin", "https://evil.example").reply().await;
        assert_eq!(cross_site.status, 403);
        assert_eq!(cross_site.header("x-content-type-options"), "nosniff");

        for path in ["/api/docs", "/api/docs/", "/api/docs/swagger-initializer.js"] {
            let response = alice.fetch(path).await;
            let csp = response.header("content-security-policy");
            assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
            assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-eval"), "{path}: {csp}");
            assert!(csp.contains("object-src 'none'"), "{path}: {csp}");
            assert_eq!(response.header("x-frame-options"), "DENY", "{path}");
        }
    }
}

on_both_backends! {
    async fn several_session_cookies_sign_in_only_when_exactly_one_verifies(server: TestServer) {
        let alice = server.sign_up_cookie("alice").await;
        let mallory = server.sign_up_cookie("mallory").await;
        // A cookie that was never signed by this server, and one whose signature was tampered with.
        let junk = "session=not-a-session".to_string();
        let (name_value, signature_tail) = alice.split_at(alice.len() - 4);
        let tampered = format!("{name_value}{}", if signature_tail == "0000" { "1111" } else { "0000" });

        let as_alice = Some(vec!["mallory".to_string()]);
        assert_eq!(users_seen_with(&server, &[&alice]).await, as_alice);
        // Cookies that do not verify are ignored, wherever they stand.
        assert_eq!(users_seen_with(&server, &[&format!("{junk}; {alice}")]).await, as_alice);
        assert_eq!(users_seen_with(&server, &[&format!("{alice}; {junk}; {tampered}")]).await, as_alice);
        assert_eq!(users_seen_with(&server, &[&alice, &junk]).await, as_alice);
        // The same cookie twice is still one session.
        assert_eq!(users_seen_with(&server, &[&format!("{alice}; {alice}")]).await, as_alice);
        // Two valid sessions (one planted by a sibling subdomain): neither is used, in either order,
        // in one header line or two.
        assert_eq!(users_seen_with(&server, &[&format!("{alice}; {mallory}")]).await, None);
        assert_eq!(users_seen_with(&server, &[&format!("{mallory}; {alice}")]).await, None);
        assert_eq!(users_seen_with(&server, &[&mallory, &alice]).await, None);
        assert_eq!(users_seen_with(&server, &[&junk]).await, None);
        assert_eq!(users_seen_with(&server, &[&tampered]).await, None);

        // A browser with both is sent to the sign-in page, and a logout ends neither session.
        let both = format!("{alice}; {mallory}");
        let page = server.bare().get("/").header("cookie", &both).reply().await;
        assert_eq!(page.status, 302);
        let logout = server.bare().post("/logout").header("cookie", &both).reply().await;
        assert_eq!(logout.status, 302);
        assert!(logout.header("set-cookie").is_empty(), "nothing was signed out");
        assert_eq!(users_seen_with(&server, &[&alice]).await, as_alice);
        assert_eq!(users_seen_with(&server, &[&mallory]).await, Some(vec!["alice".to_string()]));
    }
}

#[tokio::test]
async fn two_form_tokens_make_the_sign_in_form_refuse() {
    let server =
        TestServer::start_with(common::Db::Sqlite, minimost::Settings { csrf_enabled: true, ..test_settings() }).await;
    // Two browsers' form tokens, each validly signed.
    let mut tokens = Vec::new();
    for _ in 0..2 {
        let page = server.bare().fetch("/login").await;
        let cookie = page.header("set-cookie").split(';').next().unwrap().to_string();
        let html = page.text();
        let start = html.find("name=\"csrf_token\" value=\"").unwrap() + "name=\"csrf_token\" value=\"".len();
        let token = html[start..start + html[start..].find('"').unwrap()].to_string();
        tokens.push((cookie, token));
    }
    let sign_in = |cookies: String, token: String| {
        let client = server.bare();
        async move {
            client
                .post("/login")
                .header("cookie", cookies)
                .form(&[("username", "nobody"), ("password", "wrong"), ("csrf_token", token.as_str())])
                .reply()
                .await
                .status
        }
    };
    let (first_cookie, first_token) = tokens[0].clone();
    let (second_cookie, _) = tokens[1].clone();
    // One token: the form is checked (and the credentials refused with the form again).
    assert_eq!(sign_in(first_cookie.clone(), first_token.clone()).await, 200);
    // The same token beside another valid one: refused whichever it is.
    assert_eq!(sign_in(format!("{second_cookie}; {first_cookie}"), first_token.clone()).await, 403);
    assert_eq!(sign_in(format!("{first_cookie}; {second_cookie}"), first_token).await, 403);
}

on_both_backends! {
    async fn json_null_is_refused_where_the_contract_does_not_allow_it(server: TestServer) {
        let alice = server.user("alice").await;
        for (path, body, error) in [
            ("/presence", r#"{"state": null}"#, "invalid body: state must be a string"),
            ("/private_channels/create", r#"{"name": "crew", "members": null}"#, "invalid body: members must be a list of strings"),
            ("/dms/close", r#"{"channel": null}"#, "invalid body: channel must be a string"),
        ] {
            let response = alice.post(path).header("content-type", "application/json").body(body).reply().await;
            assert_eq!(response.status, 400, "{path} {body}");
            assert_eq!(response.text(), error);
        }
        // Where the contract allows null (the settings), it still clears.
        let set = alice.post_json("/settings", &serde_json::json!({"name_color": "#112233"})).await;
        assert_eq!(set.status, 200);
        let clear = alice.post_json("/settings", &serde_json::json!({"name_color": null})).await;
        assert_eq!(clear.status, 200);
        let settings: serde_json::Value = alice.fetch("/settings").await.json();
        assert!(settings["name_color"].is_null(), "{settings}");
    }
}

on_both_backends! {
    async fn fields_the_handlers_require_are_required_in_the_contract_with_their_own_answers(server: TestServer) {
        let alice = server.user("alice").await;
        alice.post_form("/send/general", &[("text", "hello")]).await;
        let messages: Vec<serde_json::Value> = alice.fetch("/messages/general").await.json();
        let id = messages[0]["id"].as_i64().unwrap();
        let no_file = || reqwest::multipart::Form::new().text("note", "no avatar part");
        for (request, answer) in [
            (alice.post("/avatar").multipart(no_file()), "no file"),
            (alice.post(&format!("/edit/{id}")), "empty"),
            (alice.post(&format!("/react/{id}")), "invalid reaction"),
            (alice.post("/dms/close").json(&serde_json::json!({})), "invalid channel"),
            (alice.post("/private_channels/create").json(&serde_json::json!({})), "name required"),
        ] {
            let response = request.reply().await;
            assert_eq!(response.status, 400);
            assert_eq!(response.text(), answer);
        }
        let document: serde_json::Value =
            alice.fetch("/api/openapi.json").await.json();
        for (schema, field) in [
            ("AvatarUpload", "avatar"),
            ("EditMessageForm", "text"),
            ("ReactionForm", "reaction"),
            ("CloseDmRequest", "channel"),
            ("CreatePrivateChannelRequest", "name"),
            ("RenamePrivateChannelRequest", "name"),
            ("AddMemberRequest", "username"),
        ] {
            let required = &document["components"]["schemas"][schema]["required"];
            assert!(required.as_array().unwrap().iter().any(|f| f == field), "{schema}.{field}: {required}");
            assert!(document["components"]["schemas"][schema]["properties"][field].get("x-handler-checks-presence").is_none());
        }
    }
}

on_both_backends! {
    async fn a_reply_to_an_id_beyond_int64_is_an_invalid_reply_not_a_plain_send(server: TestServer) {
        let alice = server.user("alice").await;
        for reply_to_id in ["-9223372036854775809", "99999999999999999999", "-1"] {
            let response = alice
                .post("/send/general")
                .form(&[("text", "hello"), ("reply_to_id", reply_to_id)])
                .reply().await;
            assert_eq!(response.status, 400, "reply_to_id={reply_to_id}");
            assert_eq!(response.text(), "invalid reply");
        }
        // What does not parse as an integer still means "no reply", as in the original.
        let plain = alice.post_form("/send/general", &[("text", "hello"), ("reply_to_id", "x")]).await;
        assert_eq!(plain.status, 200);
    }
}
