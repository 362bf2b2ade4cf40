//! `GET/POST /settings` over HTTP, on both backends: partial updates, clearing, colour and bio rules.
mod common;

use common::TestServer;
use serde_json::{json, Value};

async fn settings(server: &TestServer, client: &reqwest::Client) -> Value {
    let response = client.get("/settings").send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn post_json(server: &TestServer, client: &reqwest::Client, body: Value) -> (u16, String) {
    let response = client.post("/settings").json(&body).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

on_both_backends! {
    async fn only_the_keys_present_change_and_empty_or_null_clears(server: TestServer) {
        let alice = server.user("alice").await;
        assert_eq!(settings(&server, &alice).await, json!({"avatar_file": null, "bio": null, "name_color": null}));

        assert_eq!(post_json(&server, &alice, json!({"name_color": " #00ff00 "})).await, (200, "ok".into()));
        assert_eq!(post_json(&server, &alice, json!({"bio": "hello"})).await, (200, "ok".into()));
        assert_eq!(settings(&server, &alice).await, json!({"avatar_file": null, "bio": "hello", "name_color": "#00ff00"}));

        assert_eq!(post_json(&server, &alice, json!({"name_color": ""})).await, (200, "ok".into()));
        assert_eq!(settings(&server, &alice).await, json!({"avatar_file": null, "bio": "hello", "name_color": null}));
        assert_eq!(post_json(&server, &alice, json!({"name_color": "#123456", "bio": null})).await, (200, "ok".into()));
        assert_eq!(settings(&server, &alice).await, json!({"avatar_file": null, "bio": null, "name_color": "#123456"}));
        assert_eq!(post_json(&server, &alice, json!({"name_color": null})).await, (200, "ok".into()));
        assert_eq!(settings(&server, &alice).await["name_color"], Value::Null);

        // Form bodies work the same way.
        let form = alice.post("/settings").form(&[("name_color", "#ABCDEF"), ("bio", " from a form ")]).send().await.unwrap();
        assert_eq!(form.status(), 200);
        assert_eq!(settings(&server, &alice).await, json!({"avatar_file": null, "bio": "from a form", "name_color": "#ABCDEF"}));
        let form = alice.post("/settings").form(&[("bio", "")]).send().await.unwrap();
        assert_eq!(form.status(), 200);
        assert_eq!(settings(&server, &alice).await, json!({"avatar_file": null, "bio": null, "name_color": "#ABCDEF"}));

        // A body that is neither JSON nor a form changes nothing.
        let plain = alice.post("/settings").header("content-type", "text/plain").body("name_color=").send().await.unwrap();
        assert_eq!(plain.status(), 200);
        assert_eq!(settings(&server, &alice).await["name_color"], "#ABCDEF");
    }
}

on_both_backends! {
    async fn malformed_colours_are_refused_and_store_nothing(server: TestServer) {
        let alice = server.user("alice").await;
        post_json(&server, &alice, json!({"name_color": "#010203", "bio": "before"})).await;
        for bad in ["#fff", "red", "010203", "#0102034", "#01020g", "# 010203"] {
            let answer = post_json(&server, &alice, json!({"name_color": bad, "bio": "after"})).await;
            assert_eq!(answer, (400, "invalid color".into()), "{bad:?}");
        }
        assert_eq!(settings(&server, &alice).await, json!({"avatar_file": null, "bio": "before", "name_color": "#010203"}));

        let (status, text) = post_json(&server, &alice, json!({"name_color": 5})).await;
        assert_eq!(status, 400);
        assert!(text.contains("name_color"), "{text}");
        assert_eq!(post_json(&server, &alice, json!({"bio": ["x"]})).await.0, 400);
        assert_eq!(post_json(&server, &alice, json!(["#010203"])).await.0, 400);
        assert_eq!(settings(&server, &alice).await["bio"], "before");
    }
}

on_both_backends! {
    async fn bios_are_trimmed_and_cut_to_160_characters(server: TestServer) {
        let alice = server.user("alice").await;
        let long = format!("  {}  ", "ü".repeat(200));
        assert_eq!(post_json(&server, &alice, json!({"bio": long})).await, (200, "ok".into()));
        let bio = settings(&server, &alice).await["bio"].as_str().unwrap().to_string();
        assert_eq!(bio, "ü".repeat(160));
        assert_eq!(post_json(&server, &alice, json!({"bio": "   "})).await, (200, "ok".into()));
        assert_eq!(settings(&server, &alice).await["bio"], Value::Null, "a blank bio clears it");
        let stranger = server.guest();
        assert_eq!(stranger.post("/settings").json(&json!({"bio": "x"})).send().await.unwrap().status(), 302);
    }
}
