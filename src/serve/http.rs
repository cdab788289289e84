//! The HTTP side of `guide serve`: files of the last good build from memory, the site's
//! 404 page for anything unknown, and the websocket that tells pages to reload.
//!
//! Requests are looked up in a map of built files, so nothing outside the site can be
//! reached; paths with `..`, backslashes or absolute parts are still refused outright,
//! so a request that tries is answered plainly instead of by luck.

use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::broadcast;

use super::files::{EVENTS_PATH, RELOAD_PATH, RELOAD_SCRIPT, SiteFiles, waiting_page};
use crate::check::links::percent_decode;

/// What the server shares between requests and the rebuild loop.
pub struct Shared {
    /// The last good build; `None` until one succeeds.
    pub site: RwLock<Option<Arc<SiteFiles>>>,
    /// The current errors as a JSON message, shown to pages that connect while the build is broken.
    pub errors: RwLock<Option<String>>,
    /// `{"type":"reload"}` or `{"type":"errors",...}`, sent after each rebuild.
    pub events: broadcast::Sender<String>,
    /// Told when a page has loaded or a request waits for the rest of a build: a build
    /// that paused after telling pages to reload goes on (see `watch::rebuild`).
    pub nudges: Nudges,
    /// The editor under `/_edit/`, with `guide serve --edit` only.
    pub editor: Option<Arc<super::edit::Editor>>,
}

/// A counter to wait on: each nudge adds one.
#[derive(Debug, Default)]
pub struct Nudges {
    count: Mutex<u64>,
    changed: Condvar,
}

impl Nudges {
    pub fn count(&self) -> u64 {
        *self.count.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn nudge(&self) {
        *self.count.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        self.changed.notify_all();
    }

    /// Waits until the count is past `seen` (true), or `timeout` has passed (false).
    pub fn wait_past(&self, seen: u64, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut count = self.count.lock().unwrap_or_else(|e| e.into_inner());
        while *count <= seen {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            count = self.changed.wait_timeout(count, left).unwrap_or_else(|e| e.into_inner()).0;
        }
        true
    }
}

impl Shared {
    pub fn new() -> Arc<Shared> {
        Shared::with_editor(None)
    }

    /// The shared state of `guide serve --edit` (with `Some` editor) or plain `guide serve`.
    pub fn with_editor(editor: Option<Arc<super::edit::Editor>>) -> Arc<Shared> {
        let (events, _) = broadcast::channel(16);
        Arc::new(Shared {
            site: RwLock::new(None),
            errors: RwLock::new(None),
            events,
            nudges: Nudges::default(),
            editor,
        })
    }

    /// The last good site (a poisoned lock still holds a complete value: it is only ever replaced whole).
    pub fn site(&self) -> Option<Arc<SiteFiles>> {
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn current_errors(&self) -> Option<String> {
        self.errors.read().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Every request goes through one handler: the base path can change when config.toml does.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(handle).with_state(shared)
}

/// How long a client may take to send a request's headers, counted from when the server
/// is ready to read them: on a new connection, or after the previous response on a kept-alive
/// one (so it is also how long such a connection may idle). A browser sends its headers at
/// once; a client trickling them a byte at a time (slowloris) would otherwise keep its
/// connection, and the file descriptor behind it, for as long as it liked.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `router` on every connection `listener` accepts, until `shutdown` completes;
/// then stops accepting and lets the requests under way finish.
pub async fn serve(listener: tokio::net::TcpListener, router: Router, shutdown: impl Future<Output = ()>) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    // Every connection holds a receiver: `stop` tells them to finish, and is closed once
    // the last of them has.
    let (stop, _) = tokio::sync::watch::channel(());
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    pause_after_accept_error(&error).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        // With upgrades: the reload websocket takes over its connection.
        let connection = http.serve_connection(hyper_util::rt::TokioIo::new(stream), service).with_upgrades();
        let mut stopping = stop.subscribe();
        tokio::spawn(async move {
            let mut connection = std::pin::pin!(connection);
            tokio::select! {
                // A closed or failed connection (a bad request, a timeout) only ends itself.
                _ = connection.as_mut() => return,
                _ = stopping.changed() => connection.as_mut().graceful_shutdown(),
            }
            let _ = connection.await;
        });
    }
    // No receiver left is fine: then there is nothing to wait for.
    let _ = stop.send(());
    stop.closed().await;
}

/// After a failed accept: a connection that went before it was taken is no reason to wait,
/// but running out of file descriptors is; connections that end (at the latest after
/// [`HEADER_READ_TIMEOUT`]) give them back, so accepting is tried again a second later.
async fn pause_after_accept_error(error: &std::io::Error) {
    use std::io::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::ConnectionRefused | ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset
    ) {
        return;
    }
    eprintln!("warning: cannot accept a connection: {error}; trying again in a second");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let site = shared.site();
    let base_path = site.as_ref().map_or("/", |s| s.base_path.as_str()).to_string();
    let path = request.uri().path().to_string();
    if let Some(editor) = &shared.editor
        && super::edit::is_editor_path(&path)
    {
        return super::edit::handle(editor.clone(), site, request).await;
    }
    if path == format!("{base_path}{EVENTS_PATH}") {
        let (mut parts, _) = request.into_parts();
        return match WebSocketUpgrade::from_request_parts(&mut parts, &shared).await {
            Ok(upgrade) => upgrade.on_upgrade(move |socket| events(socket, shared)),
            Err(rejection) => rejection.into_response(),
        };
    }
    if path == format!("{base_path}{RELOAD_PATH}") {
        let mut response = Response::new(Body::from(RELOAD_SCRIPT));
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(RELOAD_PATH)));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return response;
    }
    let Some(mut site) = site else {
        return html_response(StatusCode::SERVICE_UNAVAILABLE, waiting_page(&base_path).into());
    };
    let mut found = lookup(&site, &path);
    // Only the edited pages of a build are in yet: anything else is answered from the
    // whole build, once it is in.
    while found == Lookup::NotFound
        && let Some(gate) = site.partial.clone()
    {
        // The rest of the build may be waiting for the browser: this request needs it now.
        shared.nudges.nudge();
        let _ = tokio::task::spawn_blocking(move || gate.wait()).await;
        site = shared.site().unwrap_or(site);
        found = lookup(&site, &path);
    }
    if found == Lookup::NotFound
        && let Some(search) = &site.search
    {
        // Possibly a search file still being built: wait for it rather than answer 404.
        // (It may also have become ready since the lookup: look again in any case.)
        if search.ready().is_none() {
            let waiting = site.clone();
            // Only a panic in the search build fails this; the lookup below then says 404.
            let _ = tokio::task::spawn_blocking(move || waiting.wait_for_search()).await;
        }
        found = lookup(&site, &path);
    }
    match found {
        Lookup::File(name) => {
            let range = request.headers().get(header::RANGE).and_then(|v| v.to_str().ok());
            file_response(&site, &name, cache_control(&site, &name, request.uri().query()), range)
        }
        Lookup::Redirect(to) => redirect(&to),
        Lookup::Refused => (StatusCode::BAD_REQUEST, "bad request: this path is not allowed\n").into_response(),
        Lookup::NotFound => not_found(&site),
    }
}

/// Where a request path leads within the built site.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    File(String),
    /// A folder asked for without its `/`: relative links only work with it.
    Redirect(String),
    Refused,
    NotFound,
}

/// Resolves a raw request path (still percent-encoded) against the site's files.
pub fn lookup(site: &SiteFiles, raw_path: &str) -> Lookup {
    let base = site.base_path.as_str();
    let Some(rest) = raw_path.strip_prefix(base) else {
        // The site's root without its `/`, or the server's root when the site lives below it.
        return if format!("{raw_path}/") == base || raw_path == "/" {
            Lookup::Redirect(base.to_string())
        } else {
            Lookup::NotFound
        };
    };
    let Some(relative) = safe_path(rest) else {
        return Lookup::Refused;
    };
    if relative.is_empty() || relative.ends_with('/') {
        let index = format!("{relative}index.html");
        return if site.get(&index).is_some() {
            Lookup::File(index)
        } else {
            Lookup::NotFound
        };
    }
    if site.get(&relative).is_some() {
        return Lookup::File(relative);
    }
    if site.get(&format!("{relative}/index.html")).is_some() {
        return Lookup::Redirect(format!("{base}{rest}/"));
    }
    Lookup::NotFound
}

/// The decoded relative path, or `None` for anything that could name a place outside the
/// site: `..` or `.` segments, backslashes, NUL, an absolute path, or a drive letter.
pub fn safe_path(encoded: &str) -> Option<String> {
    let decoded = percent_decode(encoded);
    if decoded.contains(['\\', '\0']) || decoded.starts_with('/') {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        let bad_dots = *segment == ".." || *segment == ".";
        let empty_inside = segment.is_empty() && i != last;
        let drive = segment.len() >= 2 && segment.as_bytes()[1] == b':' && i == 0;
        if bad_dots || empty_inside || drive {
            return None;
        }
    }
    Some(decoded)
}

/// How long a browser may keep a file: nothing is kept, except a theme static file asked
/// for with the current `?v=` version, whose bytes that URL names for good (any change
/// gives the pages a new version). A reloaded page then loads no stylesheet or script again.
pub fn cache_control(site: &SiteFiles, name: &str, query: Option<&str>) -> &'static str {
    let current = !site.asset_version.is_empty()
        && query.is_some_and(|q| {
            q.split('&')
                .any(|pair| pair.strip_prefix("v=") == Some(site.asset_version.as_str()))
        });
    if current && site.versioned.contains(name) {
        "max-age=31536000, immutable"
    } else {
        "no-store"
    }
}

/// A file, or the part of it a `Range: bytes=a-b` header asks for (the search client reads
/// one member of a pack so, as from static hosts); another kind of range gets the whole file,
/// as hosts that ignore ranges send it.
fn file_response(site: &SiteFiles, name: &str, cache: &'static str, range: Option<&str>) -> Response {
    let Some(bytes) = site.get(name) else {
        return not_found(site);
    };
    let part = range.and_then(|range| byte_range(range, bytes.len()));
    let mut response = match &part {
        Some(Ok(part)) => Response::new(Body::from(bytes.slice(part.clone()))),
        Some(Err(())) => Response::new(Body::empty()),
        None => Response::new(Body::from(bytes.clone())),
    };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(name)));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    let (status, content_range) = match part {
        None => return response,
        Some(Ok(part)) => (
            StatusCode::PARTIAL_CONTENT,
            format!("bytes {}-{}/{}", part.start, part.end - 1, bytes.len()),
        ),
        Some(Err(())) => (StatusCode::RANGE_NOT_SATISFIABLE, format!("bytes */{}", bytes.len())),
    };
    if let Ok(value) = HeaderValue::from_str(&content_range) {
        headers.insert(header::CONTENT_RANGE, value);
    }
    *response.status_mut() = status;
    response
}

/// The bytes a single range `bytes=a-b`, `bytes=a-` or `bytes=-n` asks for of a file of
/// `len` bytes: `None` for a header of another form (the whole file is sent), `Err` for a
/// range that starts past the end.
fn byte_range(header: &str, len: usize) -> Option<Result<std::ops::Range<usize>, ()>> {
    let (first, last) = header.trim().strip_prefix("bytes=")?.split_once('-')?;
    let number = |text: &str| text.trim().parse::<usize>().ok();
    let (start, end) = match (first.trim().is_empty(), last.trim().is_empty()) {
        (true, false) => (len.saturating_sub(number(last)?), len),
        (false, true) => (number(first)?, len),
        (false, false) => (number(first)?, number(last)?.checked_add(1)?.min(len)),
        (true, true) => return None,
    };
    if start >= len || start >= end {
        return Some(Err(()));
    }
    Some(Ok(start..end))
}

fn not_found(site: &SiteFiles) -> Response {
    let page = site
        .get("404.html")
        .cloned()
        .unwrap_or_else(|| Bytes::from_static(b"<h1>Not found</h1>"));
    html_response(StatusCode::NOT_FOUND, page)
}

fn html_response(status: StatusCode, bytes: Bytes) -> Response {
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn redirect(to: &str) -> Response {
    match HeaderValue::from_str(to) {
        Ok(location) => (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, location)]).into_response(),
        Err(_) => StatusCode::BAD_REQUEST.into_response(),
    }
}

/// The content type of a built file, by extension.
pub fn content_type(name: &str) -> &'static str {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// What a page sends once it has loaded.
pub const LOADED: &str = r#"{"type":"loaded"}"#;

/// One open page: it gets the current errors at once, then every rebuild's message; it
/// says when it has loaded.
async fn events(mut socket: WebSocket, shared: Arc<Shared>) {
    let mut receiver = shared.events.subscribe();
    if let Some(errors) = shared.current_errors()
        && socket.send(Message::Text(errors.into())).await.is_err()
    {
        return;
    }
    loop {
        tokio::select! {
            message = receiver.recv() => match message {
                Ok(message) => {
                    if socket.send(Message::Text(message.into())).await.is_err() {
                        return;
                    }
                }
                Err(broadcast::error::RecvError::Lagged(_)) => {}
                Err(broadcast::error::RecvError::Closed) => return,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Text(text))) if text.as_str() == LOADED => shared.nudges.nudge(),
                Some(Ok(_)) => {}
                Some(Err(_)) | None => return,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteFiles {
        let mut site = SiteFiles {
            base_path: "/".into(),
            ..Default::default()
        };
        for name in ["index.html", "engineering/index.html", "style.css", "404.html"] {
            site.files.insert(name.into(), Bytes::new());
        }
        site
    }

    #[test]
    fn paths_that_could_escape_are_refused() {
        let site = site();
        for path in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc",
            "/a\\..\\b",
            "/..%5c..%5cetc",
            "//etc/passwd",
            "/C:/x",
            "/a/./b",
            "/%00",
        ] {
            assert_eq!(lookup(&site, path), Lookup::Refused, "{path}");
        }
    }

    #[test]
    fn folders_get_their_index_and_a_trailing_slash() {
        let site = site();
        assert_eq!(lookup(&site, "/"), Lookup::File("index.html".into()));
        assert_eq!(lookup(&site, "/engineering/"), Lookup::File("engineering/index.html".into()));
        assert_eq!(lookup(&site, "/engineering"), Lookup::Redirect("/engineering/".into()));
        assert_eq!(lookup(&site, "/style.css"), Lookup::File("style.css".into()));
        assert_eq!(lookup(&site, "/nope/"), Lookup::NotFound);
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
    }

    #[test]
    fn a_wait_ends_at_a_nudge_or_at_its_timeout() {
        let nudges = Arc::new(Nudges::default());
        let seen = nudges.count();
        assert!(!nudges.wait_past(seen, Duration::from_millis(20)), "nobody nudged");
        let nudger = nudges.clone();
        let thread = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(20));
            nudger.nudge();
        });
        assert!(nudges.wait_past(seen, Duration::from_secs(30)));
        thread.join().unwrap();
        // A nudge before the wait began counts too.
        assert!(nudges.wait_past(seen, Duration::ZERO));
        assert!(!nudges.wait_past(seen + 1, Duration::ZERO));
    }

    /// While only the edited pages are served, a request for another page nudges the
    /// paused build and is answered from the whole build once it is in, never from the
    /// partial one.
    #[test]
    fn a_request_beyond_the_edited_pages_nudges_the_build_and_gets_the_whole_one() {
        let shared = Shared::new();
        let gate = Arc::new(crate::serve::files::Gate::default());
        let mut partial = site();
        partial.files.clear();
        partial
            .files
            .insert("engineering/backend/index.html".into(), Bytes::from_static(b"new page"));
        partial.partial = Some(gate.clone());
        *shared.site.write().unwrap() = Some(Arc::new(partial));
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
        let request = |path: &str| axum::http::Request::builder().uri(path).body(Body::empty()).unwrap();
        let edited = runtime.block_on(handle(State(shared.clone()), request("/engineering/backend/")));
        assert_eq!(edited.status(), StatusCode::OK, "the edited page is served at once");
        assert_eq!(shared.nudges.count(), 0);
        let other = runtime.spawn(handle(State(shared.clone()), request("/engineering/")));
        assert!(shared.nudges.wait_past(0, Duration::from_secs(30)), "the waiting request nudged");
        assert!(!other.is_finished(), "it waits for the whole build");
        let mut whole = site();
        whole
            .files
            .insert("engineering/index.html".into(), Bytes::from_static(b"new listing"));
        *shared.site.write().unwrap() = Some(Arc::new(whole));
        gate.open();
        let response = runtime.block_on(other).unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body = runtime.block_on(axum::body::to_bytes(response.into_body(), 1 << 20)).unwrap();
        assert_eq!(&body[..], b"new listing");
    }

    #[test]
    fn without_edit_nothing_answers_under_the_editor_address() {
        let shared = Shared::new();
        *shared.site.write().unwrap() = Some(Arc::new(site()));
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
        for path in ["/_edit/", "/_edit/engineering/backend.md", "/_edit/editor.js"] {
            let request = axum::http::Request::builder().uri(path).body(Body::empty()).unwrap();
            let response = runtime.block_on(handle(State(shared.clone()), request));
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        }
    }

    #[test]
    fn only_theme_files_of_the_current_version_may_be_kept_by_browsers() {
        let mut site = site();
        site.asset_version = "0a1b2c3d".into();
        site.versioned.insert("style.css".into());
        let kept = "max-age=31536000, immutable";
        assert_eq!(cache_control(&site, "style.css", Some("v=0a1b2c3d")), kept);
        assert_eq!(cache_control(&site, "style.css", Some("x=1&v=0a1b2c3d")), kept);
        // An older version, no version, or a page (even with the version) is never kept.
        assert_eq!(cache_control(&site, "style.css", Some("v=00000000")), "no-store");
        assert_eq!(cache_control(&site, "style.css", None), "no-store");
        assert_eq!(cache_control(&site, "index.html", Some("v=0a1b2c3d")), "no-store");
        site.asset_version.clear();
        assert_eq!(cache_control(&site, "style.css", Some("v=")), "no-store");
    }

    #[test]
    fn a_single_byte_range_is_answered_with_that_part() {
        assert_eq!(byte_range("bytes=2-5", 10), Some(Ok(2..6)));
        assert_eq!(byte_range("bytes=7-", 10), Some(Ok(7..10)));
        assert_eq!(byte_range("bytes=-3", 10), Some(Ok(7..10)));
        assert_eq!(byte_range("bytes=8-100", 10), Some(Ok(8..10)));
        assert_eq!(byte_range("bytes=10-12", 10), Some(Err(())));
        assert_eq!(byte_range("bytes=5-2", 10), Some(Err(())));
        // Several ranges, or another unit: the whole file.
        assert_eq!(byte_range("bytes=0-1,4-5", 10), None);
        assert_eq!(byte_range("items=0-1", 10), None);
        let mut site = site();
        let name = "search/s/0.1a2b3c4d.bin";
        site.files.insert(name.into(), Bytes::from_static(b"0123456789"));
        assert_eq!(file_response(&site, name, "no-store", None).status(), StatusCode::OK);
        let part = file_response(&site, name, "no-store", Some("bytes=1-2"));
        assert_eq!(part.status(), StatusCode::PARTIAL_CONTENT);
        assert_eq!(part.headers()[header::CONTENT_RANGE], "bytes 1-2/10");
        let past = file_response(&site, name, "no-store", Some("bytes=10-"));
        assert_eq!(past.status(), StatusCode::RANGE_NOT_SATISFIABLE);
        assert_eq!(past.headers()[header::CONTENT_RANGE], "bytes */10");
    }
}
