//! `GET/POST /settings` over HTTP, on both backends: partial updates, clearing, colour and bio rules.
mod common;

use common::RequestExt;
use serde_json::{json, Value};

on_both_backends! {
    async fn only_the_keys_present_change_and_empty_or_null_clears(server: TestServer) {
        let alice = server.user("alice").await;
        assert_eq!(alice.settings().await, json!({"avatar_file": null, "bio": null, "name_color": null}));

        assert_eq!(alice.save_settings(&json!({"name_color": " #00ff00 "})).await.status_text(), (200, "ok".into()));
        assert_eq!(alice.save_settings(&json!({"bio": "hello"})).await.status_text(), (200, "ok".into()));
        assert_eq!(alice.settings().await, json!({"avatar_file": null, "bio": "hello", "name_color": "#00ff00"}));

        assert_eq!(alice.save_settings(&json!({"name_color": ""})).await.status_text(), (200, "ok".into()));
        assert_eq!(alice.settings().await, json!({"avatar_file": null, "bio": "hello", "name_color": null}));
        assert_eq!(alice.save_settings(&json!({"name_color": "#123456", "bio": null})).await.status_text(), (200, "ok".into()));
        assert_eq!(alice.settings().await, json!({"avatar_file": null, "bio": null, "name_color": "#123456"}));
        assert_eq!(alice.save_settings(&json!({"name_color": null})).await.status_text(), (200, "ok".into()));
        assert_eq!(alice.settings().await["name_color"], Value::Null);

        // Form bodies work the same way.
        let form = alice.post_form("/settings", &[("name_color", "#ABCDEF"), ("bio", " from a form ")]).await;
        assert_eq!(form.status, 200);
        assert_eq!(alice.settings().await, json!({"avatar_file": null, "bio": "from a form", "name_color": "#ABCDEF"}));
        let form = alice.post_form("/settings", &[("bio", "")]).await;
        assert_eq!(form.status, 200);
        assert_eq!(alice.settings().await, json!({"avatar_file": null, "bio": null, "name_color": "#ABCDEF"}));

        // A body that is neither JSON nor a form changes nothing.
        let plain = alice.post("/settings").header("content-type", "text/plain").body("name_color=").reply().await;
        assert_eq!(plain.status, 200);
        assert_eq!(alice.settings().await["name_color"], "#ABCDEF");
    }
}

on_both_backends! {
    async fn malformed_colours_are_refused_and_store_nothing(server: TestServer) {
        let alice = server.user("alice").await;
        alice.save_settings(&json!({"name_color": "#010203", "bio": "before"})).await.status_text();
        for bad in ["#fff", "red", "010203", "#0102034", "#01020g", "# 010203"] {
            let answer = alice.save_settings(&json!({"name_color": bad, "bio": "after"})).await.status_text();
            assert_eq!(answer, (400, "invalid color".into()), "{bad:?}");
        }
        assert_eq!(alice.settings().await, json!({"avatar_file": null, "bio": "before", "name_color": "#010203"}));

        let (status, text) = alice.save_settings(&json!({"name_color": 5})).await.status_text();
        assert_eq!(status, 400);
        assert!(text.contains("name_color"), "{text}");
        assert_eq!(alice.save_settings(&json!({"bio": ["x"]})).await.status_text().0, 400);
        assert_eq!(alice.save_settings(&json!(["#010203"])).await.status_text().0, 400);
        assert_eq!(alice.settings().await["bio"], "before");
    }
}

on_both_backends! {
    async fn bios_are_trimmed_and_cut_to_160_characters(server: TestServer) {
        let alice = server.user("alice").await;
        let long = format!("  {}  ", "ü".repeat(200));
        assert_eq!(alice.save_settings(&json!({"bio": long})).await.status_text(), (200, "ok".into()));
        let bio = alice.settings().await["bio"].as_str().unwrap().to_string();
        assert_eq!(bio, "ü".repeat(160));
        assert_eq!(alice.save_settings(&json!({"bio": "   "})).await.status_text(), (200, "ok".into()));
        assert_eq!(alice.settings().await["bio"], Value::Null, "a blank bio clears it");
        let stranger = server.guest();
        assert_eq!(stranger.post_json("/settings", &json!({"bio": "x"})).await.status, 302);
    }
}
