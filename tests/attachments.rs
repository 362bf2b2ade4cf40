//! Attachments of any type over HTTP, on both backends (§C8.3, §C8.4, §C10): naming, serving as a
//! download, byte ranges, text previews, and the bad input around them.
mod common;

use common::{test_settings, RequestExt, TestServer, User, JPEG, PNG};
use minimost::Settings;
use serde_json::{json, Value};

/// The stored-name prefix every attachment gets: 32 lowercase hex digits.
fn assert_random_prefix(stored: &str) {
    let stem = &stored[..32];
    assert!(stem.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()), "{stored}");
}

/// A file large enough to span three database chunks (256 KiB each), every byte telling its place.
fn numbered_bytes(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

async fn preview(user: &User, stored: &str) -> (u16, Value) {
    let reply = user.fetch(&format!("/file_preview/{stored}")).await;
    let body = if reply.is_json() { reply.json() } else { Value::String(reply.text()) };
    (reply.code(), body)
}

on_both_backends! {
    async fn any_file_is_accepted_and_served_as_a_download_under_its_sanitised_name(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let pdf = b"%PDF-1.4\n% a report\n".as_slice();
        let (_, stored) = alice.send_file("dm:alice:bob", "My Report (1).pdf", pdf).await;
        assert_random_prefix(&stored);
        assert_eq!(&stored[32..], "_My_Report_1.pdf");

        let path = format!("/files/{stored}");
        let response = bob.fetch(&path).await;
        assert_eq!(response.status, 200);
        assert_eq!(response.header("content-type"), "application/pdf");
        assert_eq!(response.header("content-disposition"), "attachment; filename=My_Report_1.pdf");
        assert_eq!(response.header("x-content-type-options"), "nosniff");
        assert_eq!(response.header("content-security-policy"), "sandbox");
        assert_eq!(response.header("accept-ranges"), "bytes");
        assert_eq!(response.header("cache-control"), "no-cache");
        assert_eq!(response.body.as_ref(), pdf);
        assert_eq!(carol.fetch(&path).await.status_text(), (404, "not found".into()), "not a participant");

        let head = bob.head(&path).reply().await;
        assert_eq!(head.status, 200);
        assert_eq!(head.header("content-length"), pdf.len().to_string(), "HEAD tells the size");
        assert!(head.body.is_empty());
    }
}

on_both_backends! {
    async fn a_page_or_script_upload_is_only_ever_a_sandboxed_download(server: TestServer) {
        let alice = server.user("alice").await;
        let page = b"<html><script>alert(document.cookie)</script></html>".as_slice();
        for (name, content_type) in [("page.html", "text/html; charset=utf-8"), ("drawing.svg", "image/svg+xml"), ("notes.txt", "text/plain; charset=utf-8")] {
            let (_, stored) = alice.send_file("general", name, page).await;
            let response = alice.fetch(&format!("/files/{stored}")).await;
            assert_eq!(response.header("content-type"), content_type, "{name}");
            assert_eq!(response.header("content-disposition"), format!("attachment; filename={name}"));
            assert_eq!(response.header("content-security-policy"), "sandbox", "{name}");
            assert_eq!(response.header("x-content-type-options"), "nosniff", "{name}");
        }
        let (_, unknown) = alice.send_file("general", "data.unknownext", b"\x00\x01").await;
        assert_eq!(alice.fetch(&format!("/files/{unknown}")).await.header("content-type"), "application/octet-stream");
    }
}

on_both_backends! {
    async fn an_image_keeps_its_own_lowercased_extension_and_is_shown_inline(server: TestServer) {
        let alice = server.user("alice").await;
        let (_, stored) = alice.send_file("general", "photo.JPEG", JPEG).await;
        assert_random_prefix(&stored);
        assert_eq!(&stored[32..], ".jpeg", "`.jpeg` stays `.jpeg`");
        let response = alice.fetch(&format!("/files/{stored}")).await;
        assert_eq!(response.header("content-type"), "image/jpeg");
        assert_eq!(response.header("content-disposition"), format!("inline; filename={stored}"));
        assert_eq!(response.header("content-security-policy"), "sandbox");
        assert_eq!(response.body.as_ref(), JPEG);

        let (_, jpg) = alice.send_file("general", "Pic.JPG", JPEG).await;
        assert!(jpg.ends_with(".jpg"), "{jpg}");
        let refused = alice.send_files("general", None, &[("photo.jpeg", PNG)]).await;
        assert_eq!(refused.status_text(), (415, "not an image".into()), "a PNG named .jpeg is refused");
    }
}

on_both_backends! {
    async fn dangerous_names_are_sanitised_and_never_refused(server: TestServer) {
        let alice = server.user("alice").await;
        for (sent, stored_tail) in [
            ("../../etc/passwd", "etc_passwd"),
            ("..\\..\\windows\\evil.exe", "windows_evil.exe"),
            ("...", "file"),
            (".bashrc", "bashrc"),
            ("ñandú café.txt", "nandu_cafe.txt"),
            ("tab\tseparated.md", "tab_separated.md"),
            ("日本語.日本", "file"),
        ] {
            let reply = alice.send_files("general", None, &[(sent, b"x")]).await;
            assert_eq!(reply.status_text(), (200, "ok".into()), "{sent:?}");
            let messages = alice.messages("general").await;
            let stored = messages.last().unwrap()["filename"].as_str().unwrap().to_owned();
            assert_random_prefix(&stored);
            assert_eq!(&stored[33..], stored_tail, "{sent:?}");
            let response = alice.fetch(&format!("/files/{stored}")).await;
            assert_eq!(response.status, 200, "{sent:?}");
            assert_eq!(response.header("content-disposition"), format!("attachment; filename={stored_tail}"));
        }
        // A raw control character other than a tab is not valid in a multipart header at all
        // (browsers escape them): the whole body is refused before any file is looked at.
        let before = server.files_in("uploads").len();
        for raw_name in ["bell\u{7}.md", "new\r\nline.md", "nul\u{0}.txt"] {
            let raw = alice.send_files("general", None, &[(raw_name, b"x")]).await;
            assert_eq!(raw.status_text(), (400, "invalid body: multipart: failed to read headers".into()), "{raw_name:?}");
        }
        assert_eq!(server.files_in("uploads").len(), before, "nothing stored");

        let long = format!("{}.csv", "n".repeat(400));
        let (_, stored) = alice.send_file("general", &long, b"a,b").await;
        assert_eq!(stored.len(), 33 + 120, "a long name is cut to 120 characters");
        assert!(stored.ends_with("n.csv"), "keeping its extension: {stored}");
        assert_eq!(alice.fetch(&format!("/files/{stored}")).await.status, 200);
    }
}

on_both_backends! {
    async fn an_empty_file_is_stored_and_answers_every_request_clearly(server: TestServer) {
        let alice = server.user("alice").await;
        let (_, stored) = alice.send_file("general", "empty.txt", b"").await;
        let path = format!("/files/{stored}");
        let whole = alice.fetch(&path).await;
        assert_eq!(whole.status, 200);
        assert_eq!(whole.header("content-length"), "0");
        assert!(whole.body.is_empty());
        let ranged = alice.get(&path).header("range", "bytes=0-").reply().await;
        assert_eq!(ranged.status_text(), (416, "range not satisfiable".into()));
        assert_eq!(ranged.header("content-range"), "bytes */0");
        assert_eq!(
            preview(&alice, &stored).await,
            (200, json!({
                "type": "code", "filename": "empty.txt", "filepath": stored, "language": "txt",
                "first_line_num": 1, "highlight_start": null, "highlight_end": null,
                "code": "", "total_lines": 0, "url": path,
            }))
        );
    }
}

on_both_backends_with_settings! {
    Settings { max_upload_size_mb: 1.0, ..test_settings() },
    async fn a_file_over_the_limit_gets_413_naming_the_limit_and_nothing_is_stored(server: TestServer) {
        let alice = server.user("alice").await;
        let big = vec![b'a'; 1024 * 1024 + 1];
        let refused = alice.send_files("general", Some("with a big file"), &[("small.txt", b"ok"), ("big.log", &big)]).await;
        assert_eq!(refused.status_text(), (413, "file too large (max 1 MB)".into()));
        assert!(alice.messages("general").await.is_empty());
        assert!(server.files_in("uploads").is_empty());
        let (_, stored) = alice.send_file("general", "exactly.bin", &big[1..]).await;
        assert_eq!(alice.head(&format!("/files/{stored}")).reply().await.header("content-length"), (1024 * 1024).to_string());
    }
}

on_both_backends! {
    async fn a_single_range_gets_206_with_exactly_its_bytes_across_chunks(server: TestServer) {
        let alice = server.user("alice").await;
        let bytes = numbered_bytes(2 * 256 * 1024 + 1000);
        let size = bytes.len();
        let (_, stored) = alice.send_file("general", "clip.mp4", &bytes).await;
        let path = format!("/files/{stored}");
        for (range, start, end) in [
            ("bytes=0-9", 0, 9),
            ("bytes=262140-262149", 262_140, 262_149),
            ("bytes=300000-", 300_000, size - 1),
            ("bytes=-5", size - 5, size - 1),
            ("bytes=10-99999999", 10, size - 1),
        ] {
            let response = alice.get(&path).header("range", range).reply().await;
            assert_eq!(response.status, 206, "{range}");
            assert_eq!(response.header("content-range"), format!("bytes {start}-{end}/{size}"), "{range}");
            assert_eq!(response.header("content-length"), (end - start + 1).to_string(), "{range}");
            assert_eq!(response.header("content-type"), "video/mp4");
            assert_eq!(response.header("content-security-policy"), "sandbox");
            assert_eq!(response.body.as_ref(), &bytes[start..=end], "{range}");
        }

        let past = alice.get(&path).header("range", format!("bytes={size}-")).reply().await;
        assert_eq!(past.status_text(), (416, "range not satisfiable".into()));
        assert_eq!(past.header("content-range"), format!("bytes */{size}"));

        // Several ranges, a malformed one or another unit: the whole file, as RFC 9110 allows.
        for range in ["bytes=0-1,5-6", "bytes=9-2", "lines=1-2"] {
            let response = alice.get(&path).header("range", range).reply().await;
            assert_eq!(response.status, 200, "{range}");
            assert_eq!(response.body.len(), size, "{range}");
        }

        let etag = alice.head(&path).reply().await.header("etag").to_string();
        let current = alice.get(&path).header("range", "bytes=0-0").header("if-range", &etag).reply().await;
        assert_eq!(current.status, 206, "If-Range naming the current file");
        let stale = alice.get(&path).header("range", "bytes=0-0").header("if-range", "\"old\"").reply().await;
        assert_eq!(stale.status, 200, "If-Range naming another version gets the whole file");
        assert_eq!(stale.body.len(), size);

        server.user("bob").await;
        let outsider = server.user("carol").await;
        let carol_path = alice.send_file("dm:alice:bob", "secret.bin", b"secret").await.1;
        let response = outsider.get(&format!("/files/{carol_path}")).header("range", "bytes=0-1").reply().await;
        assert_eq!(response.status, 404, "ranges are never served to outsiders");
    }
}

on_both_backends! {
    async fn a_code_file_previews_its_first_thousand_lines_with_its_language(server: TestServer) {
        let alice = server.user("alice").await;
        let bob = server.user("bob").await;
        let carol = server.user("carol").await;
        let source: String = (1..=1500).map(|n| format!("print({n})\n")).collect();
        let (_, stored) = alice.send_file("dm:alice:bob", "Script.PY", source.as_bytes()).await;
        let (status, body) = preview(&bob, &stored).await;
        assert_eq!(status, 200);
        assert_eq!(body["type"], "code");
        assert_eq!(body["filename"], "Script.PY");
        assert_eq!(body["filepath"], stored.as_str());
        assert_eq!(body["language"], "py");
        assert_eq!(body["total_lines"], 1500);
        assert_eq!(body["url"], format!("/files/{stored}"));
        let code = body["code"].as_str().unwrap();
        assert_eq!(code.lines().count(), 1000);
        assert!(code.starts_with("print(1)\nprint(2)\n") && code.ends_with("print(1000)"));
        assert_eq!(preview(&carol, &stored).await, (404, json!("not found")), "same access rule as downloads");
        assert_eq!(preview(&bob, "00000000000000000000000000000000_x.txt").await, (404, json!("not found")));
        assert_eq!(preview(&bob, "..%2F..%2Fetc%2Fpasswd").await, (404, json!("not found")));
    }
}

on_both_backends! {
    async fn files_that_are_not_text_get_an_empty_preview_or_a_clear_refusal(server: TestServer) {
        let alice = server.user("alice").await;
        let (_, image) = alice.send_file("general", "a.png", PNG).await;
        assert_eq!(preview(&alice, &image).await, (200, json!({})), "an image is not previewed");
        let (_, pdf) = alice.send_file("general", "doc.pdf", b"%PDF-1.4").await;
        assert_eq!(preview(&alice, &pdf).await, (200, json!({})), "nor is a document");
        let (_, binary) = alice.send_file("general", "dump.txt", PNG).await;
        assert_eq!(preview(&alice, &binary).await, (415, json!("not a text file")));
        let (_, latin1) = alice.send_file("general", "old.txt", b"caf\xe9").await;
        assert_eq!(preview(&alice, &latin1).await, (415, json!("not a text file")));
    }
}

on_both_backends_with_settings! {
    Settings { max_file_preview_kb: 1, ..test_settings() },
    async fn a_file_over_the_preview_limit_is_refused_without_being_read(server: TestServer) {
        let alice = server.user("alice").await;
        let (_, fits) = alice.send_file("general", "fits.log", &[b'x'; 1024]).await;
        assert_eq!(preview(&alice, &fits).await.0, 200);
        let (_, huge) = alice.send_file("general", "huge.log", &[b'x'; 1025]).await;
        assert_eq!(preview(&alice, &huge).await, (413, json!("file too large to preview (max 1 KB)")));
        let response = alice.fetch(&format!("/files/{huge}")).await;
        assert_eq!(response.body.len(), 1025, "it is still downloaded whole");
    }
}

on_postgres! {
    async fn a_file_sent_through_one_node_is_served_in_parts_and_previewed_by_another() {
        let node_a = TestServer::start(common::Db::Postgres).await;
        let node_b = node_a.another_node().await;
        let alice = node_a.user("alice").await;
        let bytes = numbered_bytes(300 * 1024);
        let (_, stored) = alice.send_file("general", "trace.csv", &bytes).await;
        let bob_on_b = User::new(&node_b.base, "bob");
        assert_eq!(bob_on_b.sign_up("bob", common::PASSWORD).await.status, 302);
        let part = bob_on_b.get(&format!("/files/{stored}")).header("range", "bytes=262000-262299").reply().await;
        assert_eq!(part.status, 206);
        assert_eq!(part.body.as_ref(), &bytes[262_000..262_300], "across the first chunk's end");
        let (_, notes) = alice.send_file("general", "notes.md", b"# Title\nbody\n").await;
        let (status, preview) = preview(&bob_on_b, &notes).await;
        assert_eq!((status, preview["total_lines"].clone()), (200, json!(2)));
    }
}
