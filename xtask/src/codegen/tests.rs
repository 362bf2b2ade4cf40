//! Generator tests on `xtask/tests/fixtures/mini.yaml`, a small spec that uses every convention.
use super::model::{Api, FieldKind, ParamIn, ResponseBody, Scalar, Security};
use super::names;

const FIXTURE: &str = include_str!("../../tests/fixtures/mini.yaml");

fn fixture() -> Api {
    Api::from_yaml(FIXTURE).expect("the fixture is inside the supported subset")
}

fn files() -> std::collections::BTreeMap<String, String> {
    super::generate(&fixture()).expect("generate the fixture")
}

fn op<'a>(api: &'a Api, id: &str) -> &'a super::model::Operation {
    api.operations.iter().find(|o| o.id == id).unwrap_or_else(|| panic!("no operation {id}"))
}

#[test]
fn operations_are_in_spec_order_with_their_security() {
    let api = fixture();
    let ids: Vec<&str> = api.operations.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(
        ids,
        ["login_page", "login", "list_messages", "send_message", "delete_message", "edit_message", "get_file"]
    );
    assert_eq!(op(&api, "login").security, Security::Public);
    assert_eq!(op(&api, "list_messages").security, Security::Session);
    assert_eq!(op(&api, "get_file").security, Security::OptionalSession);
    assert_eq!(api.tags, ["web", "auth", "messages", "files"]);
}

#[test]
fn parameters_resolve_refs_and_types() {
    let api = fixture();
    let list = op(&api, "list_messages");
    let params: Vec<(&str, ParamIn, Scalar, bool)> =
        list.params.iter().map(|p| (p.name.as_str(), p.location, p.kind, p.required)).collect();
    assert_eq!(
        params,
        [
            ("channel", ParamIn::Path, Scalar::Str, true),
            ("after", ParamIn::Query, Scalar::Str, false),
            ("limit", ParamIn::Query, Scalar::Int, false),
        ]
    );
    assert_eq!(op(&api, "delete_message").params[0].kind, Scalar::Int);
}

#[test]
fn bodies_know_their_encodings_and_field_kinds() {
    let api = fixture();
    let send = op(&api, "send_message").body.as_ref().expect("body");
    assert!(send.urlencoded && send.multipart && !send.json);
    let fields: Vec<(&str, FieldKind, bool)> =
        send.fields.iter().map(|f| (f.name.as_str(), f.kind, f.required)).collect();
    assert_eq!(
        fields,
        [
            ("avatar", FieldKind::File, false),
            ("files", FieldKind::FileList, false),
            ("parent", FieldKind::Scalar(Scalar::Int), false),
            ("tags", FieldKind::StrList, false),
            ("text", FieldKind::Scalar(Scalar::Str), true),
        ]
    );
    // A requestBodies $ref shared by a form and a JSON encoding.
    let login = op(&api, "login").body.as_ref().expect("body");
    assert!(login.urlencoded && login.json && !login.multipart);
    assert_eq!(
        login.fields.iter().find(|f| f.name == "remember").map(|f| f.kind),
        Some(FieldKind::Scalar(Scalar::Bool))
    );
}

#[test]
fn responses_have_variants_bodies_and_headers() {
    let api = fixture();
    let login = op(&api, "login");
    let see_other = &login.responses[0];
    assert_eq!((see_other.status, see_other.variant.as_str()), (303, "SeeOther"));
    let headers: Vec<(&str, bool, bool)> =
        see_other.headers.iter().map(|h| (h.ident.as_str(), h.required, h.multi)).collect();
    assert_eq!(headers, [("location", true, false), ("set_cookie", false, true)]);
    // components.responses refs are resolved.
    assert_eq!(login.responses[2].body, Some(ResponseBody::Json("schemas::Error".into())));
    let list = op(&api, "list_messages");
    assert_eq!(list.responses[0].body, Some(ResponseBody::Json("Vec<schemas::Message>".into())));
    let file = op(&api, "get_file");
    assert_eq!(file.responses[0].body, Some(ResponseBody::Binary));
    assert_eq!(file.responses[1].variant, "NotModified");
    assert_eq!(file.responses[1].body, None);
    assert_eq!(op(&api, "delete_message").responses[0].variant, "NoContent");
}

#[test]
fn every_file_has_the_header_and_output_is_deterministic() {
    let first = files();
    assert_eq!(
        first.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "api/generated/mod.rs",
            "api/generated/operations.rs",
            "api/generated/routes.rs",
            "contract/mod.rs",
            "contract/schemas.rs"
        ]
    );
    for (name, text) in &first {
        assert!(
            text.starts_with("// @generated from api-spec/minimost.yaml by `cargo xtask codegen`."),
            "{name} lacks the header"
        );
        assert!(text.contains("DO NOT EDIT"), "{name}");
    }
    assert_eq!(first, files(), "two runs differ");
}

#[test]
fn operation_types_follow_the_conventions() {
    let files = files();
    let ops = &files["api/generated/operations.rs"];
    for expected in [
        "pub struct SendMessageInput {",
        "pub channel: String,",
        "pub files: Vec<UploadedFile>,",
        "pub avatar: Option<UploadedFile>,",
        "pub parent: Option<i64>,",
        "pub text: String,",
        "pub user: CurrentUser,",
        "pub user: Option<CurrentUser>,",
        "pub limit: Option<i64>,",
        "pub after: Option<String>,",
        "pub msg_id: i64,",
        "Created(schemas::Message),",
        "SeeOther {",
        "location: String",
        "set_cookie: Vec<String>",
        "content_disposition: Option<String>",
        "NoContent,",
        "NotModified,",
        "Ok(rt::Html),",
        "rt::json_response(201, &body)",
        ".with(\"set-cookie\", set_cookie)",
        "impl OpResponse for SendMessageResponse {",
    ] {
        assert!(ops.contains(expected), "operations.rs lacks {expected:?}");
    }
    // Public operations get no user.
    let login_input = ops.split("pub struct LoginInput {").nth(1).and_then(|s| s.split('}').next()).unwrap();
    assert!(!login_input.contains("pub user:"), "{login_input}");
}

#[test]
fn the_route_table_and_its_adapters() {
    let files = files();
    let routes = &files["api/generated/routes.rs"];
    let table = routes.split("pub const ROUTES").nth(1).and_then(|s| s.split("];").next()).unwrap();
    let login_page = table.find("\"login_page\",").unwrap();
    let get_file = table.find("\"get_file\",").unwrap();
    assert!(login_page < get_file, "spec order");
    assert!(table.contains("OptionalSession,"), "{table}");
    assert!(routes.contains("&[Lit(\"api\"), Lit(\"messages\"), Int]"), "{routes}");
    assert!(routes.contains("files: &[\"avatar\", \"files\"]"), "{routes}");
    assert!(routes.contains("fn send_message(api: Api, mut r: Request) -> Handled {"), "{routes}");
    assert!(routes.contains("require(\"text\", r.body.string(\"text\")?)?"), "{routes}");
    assert!(routes.contains("r.body.lenient_int(\"parent\")?"), "{routes}");
    assert!(routes.contains("user: caller(r.user)?"), "{routes}");
    assert!(routes.contains("answer(crate::api::messages::send_message(&api, r.ctx, input).await)"), "{routes}");
    for gone in ["trait Handlers", "warp::Filter", "BoxedFilter"] {
        assert!(!files.values().any(|text| text.contains(gone)), "{gone} is generated again");
    }
}

#[test]
fn a_documented_denial_status_is_the_operations_own_variant() {
    let files = files();
    let ops = &files["api/generated/operations.rs"];
    let delete = ops.split("impl OpResponse for DeleteMessageResponse {").nth(1).unwrap();
    let delete = delete.split("\n}\n").next().unwrap();
    assert!(delete.contains("fn from_denied(denied: &Denied) -> Option<Self> {"), "{delete}");
    assert!(delete.contains("(403, text) => Some(Self::Forbidden(text.to_owned())),"), "{delete}");
    assert!(delete.contains("(404, text) => Some(Self::NotFound(text.to_owned())),"), "{delete}");
    // An operation that documents neither keeps the default: the error renders itself.
    let login_page = ops.split("impl OpResponse for LoginPageResponse {").nth(1).unwrap();
    let login_page = login_page.split("\n}\n").next().unwrap();
    assert!(!login_page.contains("from_denied"), "{login_page}");
}

#[test]
fn schemas_sort_fields_and_mark_nullability() {
    let files = files();
    let schemas = &files["contract/schemas.rs"];
    let message = schemas.split("pub struct Message {").nth(1).and_then(|s| s.split("\n}").next()).unwrap();
    let fields: Vec<&str> =
        message.lines().filter_map(|l| l.trim().strip_prefix("pub ")).map(|l| l.split(':').next().unwrap()).collect();
    let mut sorted = fields.clone();
    sorted.sort();
    assert_eq!(fields, sorted, "fields in ascending JSON-name order");
    assert!(message.contains("pub edited_ts: Option<f64>,"), "{message}");
    assert!(message.contains("pub thread_root: Option<Attachment>,"));
    assert!(message.contains("pub reactions: std::collections::BTreeMap<String, Vec<String>>,"));
    assert!(schemas.contains("#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]"));
    assert!(schemas.contains("pub struct MessageList(pub Vec<Message>);"));
    assert!(schemas.contains("pub enum Status {"));
    // The served document is the spec itself: the types carry no schema of their own.
    assert!(!schemas.contains("utoipa"), "{schemas}");
}

fn spec_error(from: &str, to: &str) -> String {
    assert!(FIXTURE.contains(from), "fixture lacks {from:?}");
    match Api::from_yaml(&FIXTURE.replacen(from, to, 1)) {
        Ok(_) => panic!("accepted a spec with {to:?}"),
        Err(err) => format!("{err:#}"),
    }
}

#[test]
fn specs_outside_the_subset_are_refused_with_a_location() {
    let err = spec_error("tags: [messages]\n      summary: Send a message", "summary: Send a message");
    assert!(err.contains("/api/channels/{channel}/messages.post") && err.contains("exactly one tag"), "{err}");
    let err = spec_error("operationId: get_file", "operationId: getFile");
    assert!(err.contains("snake_case"), "{err}");
    let err = spec_error("      security: []\n      parameters:", "      security: [{basic: []}]\n      parameters:");
    assert!(err.contains("security must be"), "{err}");
    let err = spec_error(
        "text/html:\n              schema: {type: string}",
        "text/csv:\n              schema: {type: string}",
    );
    assert!(err.contains("text/csv"), "{err}");
}

#[test]
fn a_required_field_the_handler_checks_stays_optional_in_the_decoder() {
    let from =
        "    EditMessage:\n      type: object\n      required: [text]\n      properties:\n        text: {type: string}";
    assert!(FIXTURE.contains(from));
    let spec =
        FIXTURE.replacen(from, &from.replace("{type: string}", "{type: string, x-handler-checks-presence: true}"), 1);
    let api = Api::from_yaml(&spec).expect("the extension is supported");
    let edit = op(&api, "edit_message").body.as_ref().expect("body");
    let text = edit.fields.iter().find(|f| f.name == "text").expect("text");
    assert!(!text.required, "the decoder leaves it to the handler");
    let files = super::generate(&api).expect("generate");
    let routes = &files["api/generated/routes.rs"];
    assert!(routes.contains("text: r.body.string(\"text\")?"), "{routes}");
    // The documentation keeps it required, and the extension stays out of the served document.
    let schemas = &files["contract/schemas.rs"];
    assert!(!schemas.contains("x-handler"), "{schemas}");
    let err = spec_error(
        "labels:\n          type: array",
        "labels:\n          x-handler-checks-presence: true\n          type: array",
    );
    assert!(err.contains("only with a field listed in `required`"), "{err}");
}

#[test]
fn names() {
    assert_eq!(names::pascal("send_message"), "SendMessage");
    assert_eq!(names::pascal("private_channels"), "PrivateChannels");
    assert_eq!(names::snake("Content-Disposition"), "content_disposition");
    assert_eq!(names::snake("ETag"), "etag");
    assert_eq!(names::snake("msgId"), "msg_id");
    assert_eq!(names::ident("type"), "r#type");
    assert_eq!(names::ident("self"), "self_");
    assert_eq!(names::status_variant(413), "PayloadTooLarge");
    assert_eq!(names::status_variant(299), "Status299");
}

/// The real spec, when present, is inside the subset.
#[test]
fn the_project_spec_is_supported() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../api-spec/minimost.yaml");
    if let Ok(text) = std::fs::read_to_string(path) {
        let api = Api::from_yaml(&text).expect("api-spec/minimost.yaml is inside the supported subset");
        super::generate_unformatted(&api).expect("generate from api-spec/minimost.yaml");
    }
}

/// `cargo xtask codegen --check` as a plain test: `cargo test --workspace` fails on generated code
/// that does not match the spec (or the generator).
#[test]
fn the_generated_code_in_the_tree_matches_the_spec() {
    let root = crate::workspace_root();
    let text = std::fs::read_to_string(root.join(super::SPEC_NAME)).expect("read api-spec/minimost.yaml");
    let api = Api::from_yaml(&text).expect("api-spec/minimost.yaml is inside the supported subset");
    let files = super::generate(&api).expect("generate from api-spec/minimost.yaml");
    let stale = super::stale_files(&root.join("src"), &files).expect("compare with src/");
    assert!(stale.is_empty(), "generated code is stale, run `cargo xtask codegen`: {stale:?} (below src/)");
}
