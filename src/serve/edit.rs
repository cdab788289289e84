//! The HTTP side of `guide serve --edit`: the editor's pages under `/_edit/` and the
//! requests that preview, save, undo and create content files.
//!
//! Safe by construction:
//! - served only by `guide serve --edit`, at the server's root, never by a build;
//! - on loopback the `Host` must be a loopback name, so another site cannot reach the
//!   editor through a name that resolves to 127.0.0.1; on any other interface every
//!   request needs the access token printed in the terminal (kept in a cookie);
//! - every write needs this run's write token (in the editor's pages, sent in a header)
//!   and an `Origin` equal to the server's own, so no other site can post to it;
//! - paths are confined to `content/` (`edit::store::resolve`), and nothing is written
//!   that the build's own checks reject.

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::edit_pages::{self, Library as PagesLibrary};
use super::files::SiteFiles;
use crate::check::links::percent_decode;
use crate::config::{Config, Overrides};
use crate::edit::check::{Findings, check_save};
use crate::edit::form::Form;
use crate::edit::rewrite::{self, Refusal};
use crate::edit::store::{self, ContentFile};

/// Where the editor lives, at the server's root (outside any base path).
pub const PREFIX: &str = "/_edit/";
/// The header that carries the write token.
pub const TOKEN_HEADER: &str = "x-guide-token";
const ACCESS_COOKIE: &str = "guide_edit_access";
/// The largest request body: a content file may be 16 MiB.
const MAX_BODY: usize = (crate::content::MAX_CONTENT_FILE_BYTES as usize) + (1 << 20);

const SCRIPT: &str = include_str!("editor.js");
const STYLE: &str = include_str!("editor.css");

/// The editor's settings for one run of `guide serve --edit`.
#[derive(Debug)]
pub struct Editor {
    pub root: PathBuf,
    pub drafts: bool,
    /// `http://127.0.0.1:1111`, as the builder serves permalinks.
    pub origin: String,
    pub port: u16,
    /// Listening on loopback only.
    pub loopback: bool,
    /// Sent by the editor's pages with every write; new for every run.
    pub write_token: String,
    /// Needed for every request when not on loopback; printed in the terminal.
    pub access_token: Option<String>,
}

impl Editor {
    pub fn new(root: PathBuf, drafts: bool, origin: String, interface: IpAddr, port: u16) -> Result<Editor, String> {
        let loopback = interface.is_loopback();
        Ok(Editor {
            root,
            drafts,
            origin,
            port,
            loopback,
            write_token: random_token()?,
            access_token: if loopback { None } else { Some(random_token()?) },
        })
    }

    /// The address to open, as printed in the terminal (with the access token when needed).
    pub fn address(&self) -> String {
        match &self.access_token {
            Some(token) => format!("{}{PREFIX}?access={token}", self.origin),
            None => format!("{}{PREFIX}", self.origin),
        }
    }

    /// The `Host` check (loopback) and the access token (any other interface).
    fn admit(&self, parts: &Parts) -> Result<(), Denied> {
        if self.loopback {
            let host = header_text(parts, header::HOST.as_str());
            let allowed = ["127.0.0.1", "localhost", "[::1]"].map(|name| format!("{name}:{}", self.port));
            if !allowed.contains(&host) {
                return Err(Denied::new(
                    StatusCode::FORBIDDEN,
                    "the editor answers only at the address printed in the terminal",
                ));
            }
            return Ok(());
        }
        let Some(token) = &self.access_token else { return Ok(()) };
        let cookie = header_text(parts, header::COOKIE.as_str());
        let from_cookie = cookie
            .split(';')
            .filter_map(|c| c.trim().strip_prefix(&format!("{ACCESS_COOKIE}=")).map(str::to_string))
            .any(|c| same_secret(&c, token));
        if from_cookie {
            Ok(())
        } else {
            Err(Denied::new(
                StatusCode::FORBIDDEN,
                "open the editor with the address printed in the terminal where `guide serve --edit` runs",
            ))
        }
    }

    /// A write must come from the editor's own pages: the write token and our `Origin`.
    fn allow_write(&self, parts: &Parts) -> Result<(), Denied> {
        let host = header_text(parts, header::HOST.as_str());
        let origin = header_text(parts, header::ORIGIN.as_str());
        if host.is_empty() || origin != format!("http://{host}") {
            return Err(Denied::new(
                StatusCode::FORBIDDEN,
                "refused: the request does not come from the editor's own page",
            ));
        }
        if !same_secret(&header_text(parts, TOKEN_HEADER), &self.write_token) {
            return Err(Denied::new(
                StatusCode::FORBIDDEN,
                "refused: the editor's token is missing or wrong; reload the editor",
            ));
        }
        let json = header_text(parts, header::CONTENT_TYPE.as_str()).starts_with("application/json");
        if !json {
            return Err(Denied::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "refused: expected JSON"));
        }
        Ok(())
    }

    fn config(&self) -> Result<Config, Denied> {
        Config::load(&self.root, &Overrides::default())
            .map(|c| c.served_from(&self.origin))
            .map_err(|errors| {
                let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
                Denied(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!("config.toml has errors; fix them first:\n{}", messages.join("\n")),
                )
            })
    }
}

/// A request the editor turns down: its status and why, in plain words.
#[derive(Debug)]
struct Denied(StatusCode, String);

impl Denied {
    fn new(status: StatusCode, message: &str) -> Denied {
        Denied(status, message.to_string())
    }
}

impl IntoResponse for Denied {
    fn into_response(self) -> Response {
        refuse(self.0, &self.1)
    }
}

/// 32 random bytes from the operating system, as hex.
fn random_token() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| format!("cannot make the editor's token: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Compares secrets in time that does not depend on where they differ.
fn same_secret(given: &str, expected: &str) -> bool {
    given.len() == expected.len() && given.bytes().zip(expected.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

fn header_text(parts: &Parts, name: &str) -> String {
    parts.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string()
}

/// Whether a request path belongs to the editor.
pub fn is_editor_path(path: &str) -> bool {
    path == PREFIX.trim_end_matches('/') || path.starts_with(PREFIX)
}

/// Answers one request under [`PREFIX`].
pub async fn handle(editor: Arc<Editor>, site: Option<Arc<SiteFiles>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    if let Err(refused) = editor.admit(&parts) {
        // The access token itself, once: kept in a cookie, then out of the address bar.
        return match access_from_query(&editor, &parts) {
            Some(response) => response,
            None => refused.into_response(),
        };
    }
    let rest = parts.uri.path().strip_prefix(PREFIX).unwrap_or("").to_string();
    if parts.method == Method::POST {
        if let Err(refused) = editor.allow_write(&parts) {
            return refused.into_response();
        }
        let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
            return refuse(StatusCode::PAYLOAD_TOO_LARGE, "the request is too large");
        };
        let editor = editor.clone();
        return tokio::task::spawn_blocking(move || api(&editor, &rest, &bytes))
            .await
            .unwrap_or_else(|_| refuse(StatusCode::INTERNAL_SERVER_ERROR, "the editor failed; see the terminal"));
    }
    if parts.method != Method::GET {
        return refuse(StatusCode::METHOD_NOT_ALLOWED, "not allowed");
    }
    match rest.as_str() {
        "editor.js" => asset(SCRIPT, "text/javascript; charset=utf-8"),
        "editor.css" => asset(STYLE, "text/css; charset=utf-8"),
        _ => {
            let query = parts.uri.query().unwrap_or("").to_string();
            let has_highlight = site.as_ref().is_some_and(|s| s.files.contains_key("highlight.css"));
            let asset_version = site.as_ref().map(|s| s.asset_version.clone()).unwrap_or_default();
            tokio::task::spawn_blocking(move || page(&editor, &rest, &query, has_highlight, &asset_version))
                .await
                .unwrap_or_else(|_| refuse(StatusCode::INTERNAL_SERVER_ERROR, "the editor failed; see the terminal"))
        }
    }
}

/// `GET /_edit/?access=TOKEN` with the right token: sets the cookie and goes to the editor.
fn access_from_query(editor: &Editor, parts: &Parts) -> Option<Response> {
    let token = editor.access_token.as_ref()?;
    let given = query_value(parts.uri.query().unwrap_or(""), "access")?;
    if !same_secret(&given, token) {
        return None;
    }
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, HeaderValue::from_static(PREFIX))]).into_response();
    let cookie = format!("{ACCESS_COOKIE}={token}; Path=/_edit; HttpOnly; SameSite=Strict");
    response
        .headers_mut()
        .insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).ok()?);
    Some(response)
}

fn query_value(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
        .map(|v| percent_decode(&v.replace('+', " ")))
}

/// The editor's pages: the list of pages, a page's form, or the way from a page's URL to its form.
fn page(editor: &Editor, rest: &str, query: &str, has_highlight: bool, asset_version: &str) -> Response {
    let config = match editor.config() {
        Ok(config) => config,
        Err(denied) => return denied.into_response(),
    };
    let (library, _) = crate::content::load(&config, editor.drafts);
    let library = PagesLibrary {
        config: &config,
        library: &library,
    };
    if rest.is_empty() {
        return html(StatusCode::OK, edit_pages::index(&library, &editor.write_token));
    }
    if rest == "page" {
        let url = query_value(query, "url").unwrap_or_default();
        return match library.source_of_url(&url) {
            Some(target) => (StatusCode::SEE_OTHER, [(header::LOCATION, target)]).into_response(),
            None => html(StatusCode::NOT_FOUND, edit_pages::not_editable(&url)),
        };
    }
    let file = match store::resolve(&editor.root, &percent_decode(rest)) {
        Ok(file) => file,
        Err(refused) => return html(StatusCode::BAD_REQUEST, edit_pages::message_page("Not allowed", &refused.0)),
    };
    let Ok(text) = std::fs::read_to_string(&file.path) else {
        return html(
            StatusCode::NOT_FOUND,
            edit_pages::message_page("No such page", &format!("{} does not exist", file.shown.display())),
        );
    };
    let opened = match rewrite::open(&text, &file.shown) {
        Ok(opened) => opened,
        Err(refusal) => {
            return html(
                StatusCode::UNPROCESSABLE_ENTITY,
                edit_pages::message_page("This file cannot be edited here", &refusal.to_string()),
            );
        }
    };
    if file.relative.ends_with("_index.md") {
        return html(
            StatusCode::OK,
            edit_pages::message_page(
                "Sections are edited in a text editor",
                &format!(
                    "{} describes a section; the editor changes pages. Add a role to this section from the list of pages.",
                    file.shown.display()
                ),
            ),
        );
    }
    let view = edit_pages::FormView {
        file: &file,
        opened: &opened,
        fingerprint: store::fingerprint(text.as_bytes()),
        has_previous: store::previous(&editor.root, &file).is_some(),
        token: &editor.write_token,
        highlight_css: has_highlight.then(|| format!("{}highlight.css?v={asset_version}", config.base_path)),
    };
    html(StatusCode::OK, edit_pages::form(&library, &view))
}

/// The JSON requests: `preview`, `save`, `undo`, `new`.
fn api(editor: &Editor, name: &str, body: &[u8]) -> Response {
    let config = match editor.config() {
        Ok(config) => config,
        Err(denied) => return denied.into_response(),
    };
    let result = match name {
        "api/preview" => serde_json::from_slice(body).map(|r| preview(&config, r)),
        "api/save" => serde_json::from_slice(body).map(|r| save(editor, &config, r)),
        "api/undo" => serde_json::from_slice(body).map(|r| undo(editor, r)),
        "api/new" => serde_json::from_slice(body).map(|r| new_role(editor, &config, r)),
        _ => return refuse(StatusCode::NOT_FOUND, "no such request"),
    };
    result.unwrap_or_else(|e| refuse(StatusCode::BAD_REQUEST, &format!("the request cannot be read: {e}")))
}

#[derive(Deserialize)]
struct PreviewRequest {
    body: String,
}

/// The body rendered by the build's Markdown renderer, and its guide sections.
fn preview(config: &Config, request: PreviewRequest) -> Response {
    let rendered = crate::markdown::render(&request.body, &crate::pipeline::markdown_options(config));
    json_response(
        StatusCode::OK,
        &json!({ "html": rendered.html, "sections": edit_pages::sections_of(&rendered) }),
    )
}

#[derive(Deserialize)]
struct SaveRequest {
    path: String,
    fingerprint: String,
    form: Form,
    body: String,
    #[serde(default)]
    save_anyway: bool,
}

fn save(editor: &Editor, config: &Config, request: SaveRequest) -> Response {
    let file = match resolve(editor, &request.path) {
        Ok(file) => file,
        Err(denied) => return denied.into_response(),
    };
    let Ok(text) = std::fs::read_to_string(&file.path) else {
        return refuse(StatusCode::NOT_FOUND, "the file no longer exists");
    };
    let opened = match rewrite::open(&text, &file.shown) {
        Ok(opened) => opened,
        Err(refusal) => return refusal_response(&refusal),
    };
    let new_text = match opened.rewrite(&request.form, &request.body) {
        Ok(new_text) => new_text,
        Err(refusal) => return refusal_response(&refusal),
    };
    let current = store::fingerprint(text.as_bytes());
    if current != request.fingerprint {
        return json_response(
            StatusCode::CONFLICT,
            &json!({ "conflict": true, "theirs": text, "yours": new_text, "fingerprint": current }),
        );
    }
    let (findings, url_path) = check_save(config, &file.path, &file.shown, &new_text);
    if let Some(response) = unsaved(&findings, request.save_anyway) {
        return response;
    }
    if new_text != text {
        if let Err(e) = store::keep_previous(&editor.root, &file, text.as_bytes()) {
            return refuse(StatusCode::INTERNAL_SERVER_ERROR, &format!("cannot keep the previous version: {e}"));
        }
        if let Err(e) = store::write_atomically(&file.path, new_text.as_bytes()) {
            return refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!("cannot write {}: {e}", file.shown.display()),
            );
        }
    }
    json_response(
        StatusCode::OK,
        &json!({
            "saved": true,
            "changed": new_text != text,
            "fingerprint": store::fingerprint(new_text.as_bytes()),
            "url": url_path.map(|u| format!("{}{u}", config.base_path)),
            "has_previous": store::previous(&editor.root, &file).is_some(),
            "warnings": findings.warnings,
        }),
    )
}

/// The answer when a save must not be written: errors, or warnings not yet accepted.
fn unsaved(findings: &Findings, save_anyway: bool) -> Option<Response> {
    if !findings.errors.is_empty() || (!findings.warnings.is_empty() && !save_anyway) {
        return Some(json_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            &json!({ "errors": findings.errors, "warnings": findings.warnings }),
        ));
    }
    None
}

#[derive(Deserialize)]
struct UndoRequest {
    path: String,
    fingerprint: String,
}

/// Puts back the version kept before the last save, if the file is still what that save wrote.
fn undo(editor: &Editor, request: UndoRequest) -> Response {
    let file = match resolve(editor, &request.path) {
        Ok(file) => file,
        Err(denied) => return denied.into_response(),
    };
    let Some(previous) = store::previous(&editor.root, &file) else {
        return refuse(StatusCode::NOT_FOUND, "there is no earlier version of this page to go back to");
    };
    let current = std::fs::read(&file.path).unwrap_or_default();
    if store::fingerprint(&current) != request.fingerprint {
        return json_response(
            StatusCode::CONFLICT,
            &json!({ "conflict": true, "theirs": String::from_utf8_lossy(&current), "fingerprint": store::fingerprint(&current) }),
        );
    }
    if let Err(e) = store::write_atomically(&file.path, &previous).and_then(|()| store::forget_previous(&editor.root, &file)) {
        return refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            &format!("cannot restore {}: {e}", file.shown.display()),
        );
    }
    json_response(
        StatusCode::OK,
        &json!({ "restored": true, "fingerprint": store::fingerprint(&previous) }),
    )
}

#[derive(Deserialize)]
struct NewRoleRequest {
    /// The section's folder below `content/` (`engineering`), `""` for the home section.
    section: String,
    title: String,
}

/// A new role in a section, from `guide init`'s template with the title (and today's
/// date) set; checked like a save, then created (never over an existing file).
fn new_role(editor: &Editor, config: &Config, request: NewRoleRequest) -> Response {
    let title = request.title.trim();
    if title.is_empty() {
        return json_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            &json!({ "errors": [{ "field": "title", "message": "write the role's title first, like \"Data Engineer\"" }], "warnings": [] }),
        );
    }
    let name = format!("{}.md", crate::content::paths::slugify(title));
    let relative = match request.section.trim_matches('/') {
        "" => name,
        folder => format!("{folder}/{name}"),
    };
    let file = match resolve(editor, &relative) {
        Ok(file) => file,
        Err(denied) => return denied.into_response(),
    };
    if !file.path.parent().is_some_and(std::path::Path::is_dir) {
        return refuse(StatusCode::NOT_FOUND, "there is no such section");
    }
    if file.path.exists() {
        return refuse(
            StatusCode::CONFLICT,
            &format!("{} already exists: open it from the list instead", file.shown.display()),
        );
    }
    let template = crate::edit::NEW_ROLE_TEMPLATE;
    let text = match rewrite::open(template, &file.shown).and_then(|opened| {
        let mut form = opened.form.clone();
        form.title = title.to_string();
        form.description = format!("{title} interview questions, skills and a typical salary range.");
        form.date = jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::UTC).date().to_string();
        opened.rewrite(&form, opened.body)
    }) {
        Ok(text) => text,
        Err(refusal) => return refusal_response(&refusal),
    };
    let (findings, _) = check_save(config, &file.path, &file.shown, &text);
    if let Some(response) = unsaved(&findings, true) {
        return response;
    }
    match store::create_atomically(&file.path, text.as_bytes()) {
        Ok(()) => json_response(
            StatusCode::OK,
            &json!({ "path": file.relative, "editor": format!("{PREFIX}{}", file.relative) }),
        ),
        Err(e) => refuse(StatusCode::CONFLICT, &format!("cannot create {}: {e}", file.shown.display())),
    }
}

fn resolve(editor: &Editor, requested: &str) -> Result<ContentFile, Denied> {
    store::resolve(&editor.root, requested).map_err(|refused| Denied(StatusCode::BAD_REQUEST, refused.0))
}

fn refusal_response(refusal: &Refusal) -> Response {
    match refusal {
        Refusal::Fields(problems) => json_response(StatusCode::UNPROCESSABLE_ENTITY, &json!({ "errors": problems, "warnings": [] })),
        other => json_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            &json!({ "errors": [{ "message": other.to_string() }], "warnings": [] }),
        ),
    }
}

fn refuse(status: StatusCode, message: &str) -> Response {
    json_response(status, &json!({ "message": message }))
}

fn json_response(status: StatusCode, value: &serde_json::Value) -> Response {
    let mut response = Response::new(Body::from(value.to_string()));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The editor's own pages: scripts and styles from the editor's files only, never framed.
fn html(status: StatusCode, page: String) -> Response {
    let mut response = Response::new(Body::from(page));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

fn asset(text: &'static str, content_type: &'static str) -> Response {
    let mut response = Response::new(Body::from(text));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const ORIGIN: &str = "http://127.0.0.1:4111";
    const HOST: &str = "127.0.0.1:4111";
    const ROLE: &str = "engineering/backend.md";

    /// A copy of the clean fixture and an editor over it, on loopback.
    fn site() -> (tempfile::TempDir, Arc<Editor>) {
        let dir = crate::serve::copy_fixture("check/clean");
        let editor = Editor::new(dir.path().to_path_buf(), false, ORIGIN.into(), "127.0.0.1".parse().unwrap(), 4111).unwrap();
        (dir, Arc::new(editor))
    }

    fn run(editor: &Arc<Editor>, request: Request) -> (StatusCode, serde_json::Value, Response) {
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
        let response = runtime.block_on(handle(editor.clone(), None, request));
        let status = response.status();
        let (parts, body) = response.into_parts();
        let bytes = runtime.block_on(axum::body::to_bytes(body, 1 << 24)).unwrap();
        let json = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
        (status, json, Response::from_parts(parts, Body::from(bytes)))
    }

    fn post(name: &str, payload: &serde_json::Value, token: &str, origin: &str) -> Request {
        axum::http::Request::builder()
            .method("POST")
            .uri(format!("{PREFIX}api/{name}"))
            .header("host", HOST)
            .header("origin", origin)
            .header("content-type", "application/json")
            .header(TOKEN_HEADER, token)
            .body(Body::from(payload.to_string()))
            .unwrap()
    }

    /// A response's body as text (a page of the editor).
    fn body_text(response: Response) -> String {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let bytes = runtime.block_on(axum::body::to_bytes(response.into_body(), 1 << 24)).unwrap();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    fn get(uri: &str, host: &str) -> Request {
        axum::http::Request::builder()
            .uri(uri)
            .header("host", host)
            .body(Body::empty())
            .unwrap()
    }

    /// A save of the role with the salary section added and `min` as given.
    fn save_payload(dir: &Path, path: &str, min: &str) -> serde_json::Value {
        let text = std::fs::read_to_string(dir.join("content").join(ROLE)).unwrap();
        let opened = rewrite::open(&text, Path::new("content/x.md")).unwrap();
        let mut form = opened.form.clone();
        form.role.as_mut().unwrap().salary = Some(crate::edit::form::SalaryForm {
            min: min.into(),
            max: "150000".into(),
            currency: "USD".into(),
            period: "year".into(),
        });
        json!({ "path": path, "fingerprint": store::fingerprint(text.as_bytes()), "form": form, "body": opened.body })
    }

    fn role_bytes(dir: &Path) -> Vec<u8> {
        std::fs::read(dir.join("content").join(ROLE)).unwrap()
    }

    #[test]
    fn a_good_save_is_written_and_one_undo_restores_the_previous_bytes() {
        let (dir, editor) = site();
        let before = role_bytes(dir.path());
        let (status, body, _) = run(
            &editor,
            post("save", &save_payload(dir.path(), ROLE, "100000"), &editor.write_token, ORIGIN),
        );
        assert_eq!(status, StatusCode::OK, "{body}");
        let after = String::from_utf8(role_bytes(dir.path())).unwrap();
        assert!(after.contains("[role.salary]\nmin = 100000\nmax = 150000"), "{after}");
        assert_eq!(body["url"], "/engineering/backend/");
        let undo = json!({ "path": ROLE, "fingerprint": body["fingerprint"] });
        let (status, _, _) = run(&editor, post("undo", &undo, &editor.write_token, ORIGIN));
        assert_eq!(status, StatusCode::OK);
        assert_eq!(role_bytes(dir.path()), before);
        let (status, _, _) = run(&editor, post("undo", &undo, &editor.write_token, ORIGIN));
        assert_eq!(status, StatusCode::NOT_FOUND, "only one step is kept");
    }

    #[test]
    fn an_invalid_save_is_answered_with_its_field_and_writes_nothing() {
        let (dir, editor) = site();
        let before = role_bytes(dir.path());
        let (status, body, _) = run(
            &editor,
            post("save", &save_payload(dir.path(), ROLE, "200000"), &editor.write_token, ORIGIN),
        );
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["errors"][0]["field"], "role.salary.min");
        assert_eq!(role_bytes(dir.path()), before);
        assert!(!dir.path().join(".guide-edits").exists());
    }

    #[test]
    fn a_file_changed_on_disk_since_it_was_opened_is_not_overwritten() {
        let (dir, editor) = site();
        let payload = save_payload(dir.path(), ROLE, "100000");
        let edited_meanwhile = format!("{}\nEdited on disk.\n", String::from_utf8(role_bytes(dir.path())).unwrap());
        std::fs::write(dir.path().join("content").join(ROLE), &edited_meanwhile).unwrap();
        let (status, body, _) = run(&editor, post("save", &payload, &editor.write_token, ORIGIN));
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(body["theirs"], edited_meanwhile.as_str());
        assert!(body["yours"].as_str().unwrap().contains("min = 100000"));
        assert_eq!(role_bytes(dir.path()), edited_meanwhile.as_bytes());
    }

    #[test]
    fn writes_without_the_token_or_from_another_origin_are_refused_and_write_nothing() {
        let (dir, editor) = site();
        let before = role_bytes(dir.path());
        let payload = save_payload(dir.path(), ROLE, "100000");
        for (token, origin) in [
            ("", ORIGIN),
            ("0000", ORIGIN),
            (editor.write_token.as_str(), "http://evil.test"),
            (editor.write_token.as_str(), "null"),
            (editor.write_token.as_str(), ""),
        ] {
            let (status, _, _) = run(&editor, post("save", &payload, token, origin));
            assert_eq!(status, StatusCode::FORBIDDEN, "token {token:?}, origin {origin:?}");
        }
        // Another name for 127.0.0.1 (a rebinding attack): refused even with the token.
        let mut rebound = post("save", &payload, &editor.write_token, "http://attacker.test:4111");
        rebound.headers_mut().insert("host", HeaderValue::from_static("attacker.test:4111"));
        assert_eq!(run(&editor, rebound).0, StatusCode::FORBIDDEN);
        assert_eq!(role_bytes(dir.path()), before);
        assert!(!dir.path().join(".guide-edits").exists());
    }

    #[test]
    fn paths_outside_content_are_refused_and_nothing_is_written() {
        let (dir, editor) = site();
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("x.md");
        std::fs::write(&target, "+++\ntitle = \"Outside\"\n+++\n").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(outside.path(), dir.path().join("content/linked")).unwrap();
        let absolute = target.to_string_lossy().into_owned();
        for path in [
            "../config.toml",
            "engineering/../../config.md",
            absolute.as_str(),
            "linked/x.md",
            ".guide-edits/content/engineering/backend.md",
        ] {
            let mut payload = save_payload(dir.path(), ROLE, "100000");
            payload["path"] = json!(path);
            let (status, body, _) = run(&editor, post("save", &payload, &editor.write_token, ORIGIN));
            assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
            let new = json!({ "section": path, "title": "Escapee" });
            let (status, _, _) = run(&editor, post("new", &new, &editor.write_token, ORIGIN));
            assert!(status.is_client_error(), "{path}");
        }
        for uri in ["/_edit/..%2fconfig.toml", "/_edit/%2Fetc%2Fpasswd.md", "/_edit/linked/x.md"] {
            assert_eq!(run(&editor, get(uri, HOST)).0, StatusCode::BAD_REQUEST, "{uri}");
        }
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "+++\ntitle = \"Outside\"\n+++\n");
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 1);
        assert!(!dir.path().join(".guide-edits").exists());
    }

    #[test]
    fn off_loopback_every_request_needs_the_printed_access_token() {
        let (dir, _) = site();
        let editor = Arc::new(
            Editor::new(
                dir.path().to_path_buf(),
                false,
                "http://0.0.0.0:4111".into(),
                "0.0.0.0".parse().unwrap(),
                4111,
            )
            .unwrap(),
        );
        let token = editor.access_token.clone().unwrap();
        assert!(editor.address().ends_with(&format!("/_edit/?access={token}")));
        assert_eq!(run(&editor, get("/_edit/", "192.168.1.5:4111")).0, StatusCode::FORBIDDEN);
        assert_eq!(
            run(&editor, get("/_edit/?access=wrong", "192.168.1.5:4111")).0,
            StatusCode::FORBIDDEN
        );
        let (status, _, response) = run(&editor, get(&format!("/_edit/?access={token}"), "192.168.1.5:4111"));
        assert_eq!(status, StatusCode::SEE_OTHER);
        let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap().to_string();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
        let mut with_cookie = get("/_edit/", "192.168.1.5:4111");
        with_cookie
            .headers_mut()
            .insert(header::COOKIE, HeaderValue::from_str(cookie.split(';').next().unwrap()).unwrap());
        assert_eq!(run(&editor, with_cookie).0, StatusCode::OK);
    }

    #[test]
    fn a_new_role_comes_from_the_init_template_and_never_replaces_a_file() {
        let (dir, editor) = site();
        let new = json!({ "section": "engineering", "title": "Site Reliability Engineer" });
        let (status, body, _) = run(&editor, post("new", &new, &editor.write_token, ORIGIN));
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["path"], "engineering/site-reliability-engineer.md");
        let text = std::fs::read_to_string(dir.path().join("content/engineering/site-reliability-engineer.md")).unwrap();
        assert!(text.starts_with("+++\ntitle = \"Site Reliability Engineer\"\n"), "{text}");
        assert!(text.contains("## Initial Screening Questions"));
        let (status, _, _) = run(&editor, post("new", &new, &editor.write_token, ORIGIN));
        assert_eq!(status, StatusCode::CONFLICT);
    }

    #[test]
    fn the_form_page_labels_its_fields_and_carries_the_token() {
        let (_dir, editor) = site();
        let (status, _, response) = run(&editor, get("/_edit/engineering/backend.md", HOST));
        assert_eq!(status, StatusCode::OK);
        let csp = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_string();
        assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), "{csp}");
        let html = body_text(response);
        assert!(html.contains(&format!("content=\"{}\"", editor.write_token)));
        for id in ["title", "role.salary.min", "role.skills-new", "body"] {
            assert!(html.contains(&format!("<label for=\"{id}\">")), "{id} has a label");
        }
        assert!(html.contains("Add a question under “Behavioral Questions”"));
        let (status, _, response) = run(&editor, get("/_edit/page?url=/engineering/backend/", HOST));
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(response.headers()[header::LOCATION], "/_edit/engineering/backend.md");
    }

    #[test]
    fn the_role_form_suggests_the_configured_skill_and_industry_aliases() {
        let dir = crate::serve::copy_fixture("check/clean");
        let config = dir.path().join("config.toml");
        let aliases = "\n[skills.aliases]\nK8s = \"Kubernetes\"\n\n[industries.aliases]\nFinTech = \"Financial services\"\n";
        std::fs::write(&config, std::fs::read_to_string(&config).unwrap() + aliases).unwrap();
        let editor = Arc::new(Editor::new(dir.path().to_path_buf(), false, ORIGIN.into(), "127.0.0.1".parse().unwrap(), 4111).unwrap());
        let (status, _, response) = run(&editor, get("/_edit/engineering/backend.md", HOST));
        assert_eq!(status, StatusCode::OK);
        let html = body_text(response);
        let options = |id: &str| {
            let start = html
                .find(&format!("<datalist id=\"{id}-options\">"))
                .unwrap_or_else(|| panic!("{id}: {html}"));
            html[start..].split("</datalist>").next().unwrap().to_string()
        };
        let (industries, skills) = (options("role.industries"), options("role.skills"));
        for name in ["fintech", "Financial services"] {
            assert!(industries.contains(&format!("<option value=\"{name}\">")), "{name}: {industries}");
            assert!(!skills.contains(name), "{name} is no skill: {skills}");
        }
        for name in ["k8s", "Kubernetes"] {
            assert!(skills.contains(&format!("<option value=\"{name}\">")), "{name}: {skills}");
            assert!(!industries.contains(name), "{name} is no industry: {industries}");
        }
    }

    #[test]
    fn the_list_of_pages_names_each_languages_sections_apart() {
        let dir = crate::serve::copy_fixture("languages/basic");
        let editor = Arc::new(Editor::new(dir.path().to_path_buf(), false, ORIGIN.into(), "127.0.0.1".parse().unwrap(), 4111).unwrap());
        let (status, _, response) = run(&editor, get("/_edit/", HOST));
        assert_eq!(status, StatusCode::OK);
        let html = body_text(response);
        let ids: Vec<&str> = html.split(" id=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
        let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len(), "every id once: {ids:?}");
        assert!(
            html.contains("<h2 id=\"section-engineering-de-heading\">Technik (Deutsch)</h2>"),
            "{html}"
        );
        // "New role" writes a page of the default language, so only its sections offer it.
        assert!(html.contains("id=\"section-engineering-new\""), "{html}");
        assert!(!html.contains("section-engineering-de-new"), "{html}");
    }
}
