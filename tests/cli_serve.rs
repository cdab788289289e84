//! `guide serve` through the real binary: it serves the site from memory on a free port,
//! rebuilds after an edit, tells open pages over the websocket (a reload, or the errors),
//! keeps the last good site when an edit breaks the build, and never serves anything
//! outside the site.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::{copy_fixture, guide};

/// The server process, stopped when the test ends (also when it fails).
struct Server {
    child: Child,
    port: u16,
    /// Where the server's stdout and stderr go.
    log: tempfile::TempDir,
}

impl Server {
    fn stdout(&self) -> String {
        std::fs::read_to_string(self.log.path().join("stdout")).unwrap_or_default()
    }

    fn stderr(&self) -> String {
        std::fs::read_to_string(self.log.path().join("stderr")).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The load test keeps both cores busy; tests that time the watcher (a burst of writes is
/// one rebuild) must not share the machine with it, so it runs alone and they share.
static MACHINE: std::sync::RwLock<()> = std::sync::RwLock::new(());

/// Lets this test run beside every other test but the load test.
fn share_machine() -> std::sync::RwLockReadGuard<'static, ()> {
    MACHINE.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

fn start(root: &std::path::Path) -> Server {
    let port = free_port();
    let log = tempfile::tempdir().expect("temp dir");
    let file = |name: &str| Stdio::from(std::fs::File::create(log.path().join(name)).expect("log file"));
    // scripts/serve_load.sh points this at the release binary.
    let binary = std::env::var_os("GUIDE_BINARY").unwrap_or_else(|| env!("CARGO_BIN_EXE_guide").into());
    let child = std::process::Command::new(binary)
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(root)
        .env_remove("CI")
        .stdout(file("stdout"))
        .stderr(file("stderr"))
        .spawn()
        .expect("start guide serve");
    let server = Server { child, port, log };
    wait_until(|| get(server.port, "/").is_some_and(|(status, _)| status == 200));
    server
}

fn wait_until(mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !ready() {
        assert!(Instant::now() < deadline, "timed out");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A plain HTTP/1.1 GET, the path sent exactly as given: (status, whole response).
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split(' ').nth(1)?.parse().ok()?;
    Some((status, response))
}

fn page(server: &Server, path: &str) -> String {
    get(server.port, path).map(|(_, body)| body).unwrap_or_default()
}

fn edit(root: &std::path::Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from));
    std::fs::write(&path, text.replace(from, to)).expect("write");
}

#[test]
fn an_edit_is_served_after_the_rebuild_and_public_is_never_written() {
    let _machine = share_machine();
    let site = copy_fixture("check/clean");
    let server = start(site.path());
    let before = page(&server, "/engineering/backend/");
    assert!(before.contains("<title>Backend Developer"), "{before}");
    assert!(before.contains("content-type: text/html; charset=utf-8"), "{before}");
    assert!(
        before.contains("<script src=\"/__guide/reload.js\" data-events=\"/__guide/events\"></script></body>"),
        "the reload script is linked: {before}"
    );
    let script = page(&server, "/__guide/reload.js");
    assert!(script.contains("text/javascript") && script.contains("new WebSocket"), "{script}");
    edit(
        site.path(),
        "content/engineering/backend.md",
        "title = \"Backend Developer\"",
        "title = \"Backend Wizard\"",
    );
    wait_until(|| page(&server, "/engineering/backend/").contains("<title>Backend Wizard"));
    assert!(!site.path().join("public").exists(), "serve wrote public/");
}

/// Files written in place are read again on their own; anything else (a file created,
/// renamed or removed, a folder, the configuration) must still reach the served site.
#[test]
fn created_renamed_removed_and_nested_files_and_the_configuration_are_followed() {
    let _machine = share_machine();
    let site = copy_fixture("check/clean");
    let root = site.path();
    let server = start(root);
    let status = |path: &str| get(server.port, path).map(|(status, _)| status);
    // Written in place, in a nested bundle: the page and the copied asset change.
    edit(root, "content/engineering/bundle/index.md", "## Intro", "## Introduction");
    std::fs::write(
        root.join("content/engineering/bundle/photo.svg"),
        "<svg><title>new photo</title></svg>",
    )
    .expect("write");
    wait_until(|| page(&server, "/engineering/bundle/").contains("Introduction"));
    wait_until(|| page(&server, "/engineering/bundle/photo.svg").contains("new photo"));
    // Created.
    let frontend = root.join("content/engineering/frontend.md");
    std::fs::write(&frontend, "+++\ntitle = \"Frontend Developer\"\n+++\n\nBuilds the interface.\n").expect("write");
    wait_until(|| page(&server, "/engineering/frontend/").contains("<title>Frontend Developer"));
    // Renamed, then edited in place under its new name.
    let web = root.join("content/engineering/web.md");
    std::fs::rename(&frontend, &web).expect("rename");
    wait_until(|| status("/engineering/web/") == Some(200) && status("/engineering/frontend/") == Some(404));
    edit(root, "content/engineering/web.md", "Frontend Developer", "Web Developer");
    wait_until(|| page(&server, "/engineering/web/").contains("<title>Web Developer"));
    // A folder created with a page in it, then the whole folder removed.
    std::fs::create_dir_all(root.join("content/design")).expect("mkdir");
    std::fs::write(root.join("content/design/ux.md"), "+++\ntitle = \"UX Designer\"\n+++\n\nDesigns.\n").expect("write");
    wait_until(|| status("/design/ux/") == Some(200));
    std::fs::remove_dir_all(root.join("content/design")).expect("remove");
    wait_until(|| status("/design/ux/") == Some(404));
    // Removed.
    std::fs::remove_file(&web).expect("remove");
    wait_until(|| status("/engineering/web/") == Some(404));
    // The configuration: every page changes.
    edit(root, "config.toml", "title = \"Check Fixture\"", "title = \"Renamed Guide\"");
    wait_until(|| page(&server, "/engineering/backend/").contains("Renamed Guide"));
}

#[test]
fn versioned_theme_files_may_be_kept_and_pages_never() {
    let _machine = share_machine();
    let site = copy_fixture("check/clean");
    let server = start(site.path());
    let home = page(&server, "/");
    assert!(home.contains("cache-control: no-store"), "{home}");
    let at = home.find("style.css?v=").expect("the stylesheet link") + "style.css?v=".len();
    let version: String = home[at..].chars().take_while(char::is_ascii_alphanumeric).collect();
    let current = page(&server, &format!("/style.css?v={version}"));
    assert!(current.contains("cache-control: max-age=31536000, immutable"), "{current}");
    let unversioned = page(&server, "/style.css");
    assert!(unversioned.contains("cache-control: no-store"), "{unversioned}");
    let stale = page(&server, "/style.css?v=stale");
    assert!(stale.contains("cache-control: no-store"), "{stale}");
}

#[test]
fn requests_outside_the_site_are_refused_and_unknown_pages_get_the_404_page() {
    let _machine = share_machine();
    let site = copy_fixture("check/clean");
    let server = start(site.path());
    for path in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%5c..%5c..%5cetc%5cpasswd",
        "/engineering/..\\..\\config.toml",
        "//etc/passwd",
        "/../config.toml",
    ] {
        let (status, response) = get(server.port, path).expect("response");
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!response.contains("root:"), "{path} leaked a file");
        assert!(!response.contains("base_url"), "{path} leaked config.toml");
    }
    let (status, response) = get(server.port, "/no-such-page/").expect("response");
    assert_eq!(status, 404);
    assert!(response.contains("<html"), "the site's 404 page is served: {response}");
    for (path, content_type) in [
        ("/files/handbook.pdf", "application/pdf"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/search.js", "text/javascript; charset=utf-8"),
        ("/roles.json", "application/json"),
        ("/sitemap.xml", "application/xml"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/engineering/bundle/photo.svg", "image/svg+xml"),
        ("/engineering/", "text/html; charset=utf-8"),
    ] {
        let (status, response) = get(server.port, path).expect("response");
        assert_eq!(status, 200, "{path}");
        assert!(
            response.contains(&format!("content-type: {content_type}\r\n")),
            "{path}: {response:.300}"
        );
    }
}

#[test]
fn it_listens_on_loopback_only_and_prints_the_address() {
    let _machine = share_machine();
    let site = copy_fixture("check/clean");
    let server = start(site.path());
    let stdout = server.stdout();
    assert!(
        stdout.contains(&format!("Serving the guide at http://127.0.0.1:{}/", server.port)),
        "{stdout}"
    );
    // This machine's address on its network (no packet is sent to find it): the server
    // must not answer there. Skipped when the machine has no such address.
    let outward = std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|socket| socket.connect("192.0.2.1:9").map(|()| socket))
        .and_then(|socket| socket.local_addr())
        .map(|address| address.ip())
        .ok()
        .filter(|ip| !ip.is_loopback() && !ip.is_unspecified());
    if let Some(ip) = outward {
        let reached = TcpStream::connect_timeout(&std::net::SocketAddr::new(ip, server.port), Duration::from_secs(2));
        assert!(reached.is_err(), "guide serve answered on {ip}, not only on loopback");
    }
}

/// A minimal websocket client: the handshake, then unmasked text frames from the server.
struct Socket(TcpStream);

impl Socket {
    fn connect(port: u16) -> Socket {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
        write!(
            stream,
            "GET /__guide/events HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        .expect("handshake");
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            stream.read_exact(&mut byte).expect("read handshake");
            head.push(byte[0]);
        }
        assert!(
            String::from_utf8_lossy(&head).starts_with("HTTP/1.1 101"),
            "{}",
            String::from_utf8_lossy(&head)
        );
        Socket(stream)
    }

    /// Sends a text frame, masked as every client frame must be.
    fn send_text(&mut self, text: &str) {
        assert!(text.len() < 126, "a short message");
        let mask = [0x37u8, 0xfa, 0x21, 0x3d];
        let mut frame = vec![0x81, 0x80 | text.len() as u8];
        frame.extend_from_slice(&mask);
        frame.extend(text.bytes().enumerate().map(|(i, b)| b ^ mask[i % 4]));
        self.0.write_all(&frame).expect("send a frame");
    }

    fn next_text_containing(&mut self, needle: &str) -> String {
        loop {
            let text = self.next_text();
            if text.contains(needle) {
                return text;
            }
        }
    }

    fn next_text(&mut self) -> String {
        let mut header = [0u8; 2];
        self.0.read_exact(&mut header).expect("frame header");
        let length = match header[1] & 0x7f {
            126 => {
                let mut extended = [0u8; 2];
                self.0.read_exact(&mut extended).expect("length");
                usize::from(u16::from_be_bytes(extended))
            }
            127 => {
                let mut extended = [0u8; 8];
                self.0.read_exact(&mut extended).expect("length");
                usize::try_from(u64::from_be_bytes(extended)).expect("length")
            }
            short => usize::from(short),
        };
        let mut payload = vec![0u8; length];
        self.0.read_exact(&mut payload).expect("payload");
        String::from_utf8(payload).expect("text frame")
    }
}

#[test]
fn a_breaking_edit_sends_the_errors_keeps_the_last_good_site_and_a_fix_reloads() {
    let _machine = share_machine();
    let site = copy_fixture("check/clean");
    let server = start(site.path());
    let mut socket = Socket::connect(server.port);
    std::fs::write(site.path().join("content/engineering/bad.md"), "+++\ntitle = \n+++\n").expect("write");
    // Saving may be seen as several changes: wait for the message about the saved text.
    let message = socket.next_text_containing("bad.md:2:");
    assert!(message.contains(r#""type":"errors""#), "{message}");
    let (status, body) = get(server.port, "/engineering/backend/").expect("response");
    assert_eq!(status, 200, "the last good site is still served");
    assert!(body.contains("<title>Backend Developer"));
    // The terminal shows the errors exactly as `guide build` prints them.
    let build = guide().arg("build").arg("--root").arg(site.path()).output().expect("run");
    let build_errors = String::from_utf8_lossy(&build.stderr);
    let first = build_errors.split("\n\n").next().expect("an error").trim().to_string();
    assert!(first.starts_with("content/engineering/bad.md:2:"), "{build_errors}");
    wait_until(|| server.stderr().contains(&first));
    assert!(
        server.stderr().contains("still serving the last good version"),
        "{}",
        server.stderr()
    );
    std::fs::remove_file(site.path().join("content/engineering/bad.md")).expect("remove");
    assert_eq!(socket.next_text_containing("reload"), r#"{"type":"reload"}"#);
}

/// After telling pages to reload, the server holds back the rest of the rebuild until a
/// page says it has loaded; a request for any other page meanwhile gets the whole new build
/// (the listing shows the new title), and a page saying it loaded changes nothing served.
#[test]
fn pages_reloading_hold_back_the_rest_of_a_rebuild_but_never_see_an_old_file() {
    let _machine = share_machine();
    let site = copy_fixture("check/clean");
    let server = start(site.path());
    let mut socket = Socket::connect(server.port);
    for (round, title) in ["Backend Wizard", "Backend Sorcerer"].into_iter().enumerate() {
        let from = if round == 0 { "Backend Developer" } else { "Backend Wizard" };
        edit(
            site.path(),
            "content/engineering/backend.md",
            &format!("title = \"{from}\""),
            &format!("title = \"{title}\""),
        );
        assert_eq!(socket.next_text_containing("reload"), r#"{"type":"reload"}"#);
        if round == 1 {
            // As the reloaded page does once it has loaded.
            socket.send_text(r#"{"type":"loaded"}"#);
        }
        let listing = page(&server, "/engineering/");
        assert!(listing.contains(title), "{round}: the section lists the new title:\n{listing}");
        assert!(page(&server, "/engineering/backend/").contains(&format!("<title>{title}")));
        assert!(
            page(&server, "/roles.json").contains(title),
            "{round}: roles.json has the new title"
        );
    }
    wait_until(|| server.stderr().matches("Rebuilt in").count() >= 2);
}

/// An editor's save is often several writes (the file emptied, then written in parts, or
/// written twice): they are one change, rebuilt once, and never built half-written.
#[test]
fn a_burst_of_writes_is_rebuilt_once() {
    let _machine = share_machine();
    let site = copy_fixture("check/clean");
    let server = start(site.path());
    let backend = site.path().join("content/engineering/backend.md");
    let original = std::fs::read_to_string(&backend).expect("read");
    let rebuilds = || server.stderr().matches("Rebuilt in").count();
    assert_eq!(rebuilds(), 0, "{}", server.stderr());
    for save in 0..3 {
        let text = original.replace("title = \"Backend Developer\"", &format!("title = \"Backend Burst {save}\""));
        let (first, second) = text.split_at(text.len() / 2);
        let mut file = std::fs::File::create(&backend).expect("create");
        file.write_all(first.as_bytes()).expect("write");
        file.write_all(second.as_bytes()).expect("write");
    }
    wait_until(|| page(&server, "/engineering/backend/").contains("<title>Backend Burst 2"));
    // Long enough for a second rebuild to have started and ended.
    std::thread::sleep(Duration::from_millis(1000));
    let stderr = server.stderr();
    assert_eq!(rebuilds(), 1, "one rebuild for the burst:\n{stderr}");
    assert!(!stderr.contains("error"), "no half-written file was built:\n{stderr}");
}

#[test]
fn a_port_in_use_is_named_with_the_flag_to_change_it() {
    let _machine = share_machine();
    let site = copy_fixture("check/clean");
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port();
    let output = guide()
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(site.path())
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("port {port} on 127.0.0.1 is already in use")), "{stderr}");
    assert!(stderr.contains("--port"), "{stderr}");
}

/// How long until the server closes `stream`, reading it and, when `trickle`, writing one
/// header byte every 200 ms; `Err` when it answers instead or is still open at `give_up`.
fn time_until_closed(mut stream: TcpStream, trickle: bool, give_up: Duration) -> Result<Duration, String> {
    stream.set_read_timeout(Some(Duration::from_millis(200))).expect("read timeout");
    let started = Instant::now();
    let mut buffer = [0u8; 512];
    while started.elapsed() < give_up {
        match stream.read(&mut buffer) {
            Ok(0) => return Ok(started.elapsed()),
            Ok(n) => return Err(format!("answered: {:?}", String::from_utf8_lossy(&buffer[..n]))),
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            // Reset: a byte written after the server closed.
            Err(_) => return Ok(started.elapsed()),
        }
        if trickle && stream.write_all(b"a").is_err() {
            return Ok(started.elapsed());
        }
    }
    Err(format!("still open after {give_up:?}"))
}

/// A kept-alive connection that has had one answer: the response read to its end.
fn kept_alive_after_one_request(port: u16) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(5))).expect("read timeout");
    stream
        .write_all(b"GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .expect("write");
    let mut response = Vec::new();
    let mut byte = [0u8; 1];
    while !response.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).expect("read headers");
        response.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&response).to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 200"), "{head}");
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length: "))
        .and_then(|n| n.trim().parse().ok())
        .expect("content-length");
    stream.read_exact(&mut vec![0; length]).expect("read body");
    stream
}

/// Connections that never finish their headers (slowloris: a request line, then a header
/// byte every 200 ms), connections that send nothing, and kept-alive connections left idle
/// after an answer are all closed once the header time limit has passed, while another
/// client is served meanwhile.
#[test]
fn connections_that_never_finish_their_headers_are_closed_while_others_are_served() {
    let _machine = share_machine();
    let site = copy_fixture("check/clean");
    let server = start(site.path());
    let port = server.port;
    let limit = interview_guide::serve::http::HEADER_READ_TIMEOUT;
    let give_up = limit * 3;
    let held: Vec<_> = (0..18)
        .map(|i| {
            std::thread::spawn(move || {
                let (kind, stream, trickle) = match i % 3 {
                    0 => {
                        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
                        stream.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ").expect("write");
                        ("trickling", stream, true)
                    }
                    1 => ("silent", TcpStream::connect(("127.0.0.1", port)).expect("connect"), false),
                    _ => ("idle after an answer", kept_alive_after_one_request(port), false),
                };
                (kind, time_until_closed(stream, trickle, give_up))
            })
        })
        .collect();
    // Meanwhile another client is served, promptly, every half second.
    let started = Instant::now();
    let mut served = 0u64;
    while !held.iter().all(std::thread::JoinHandle::is_finished) && started.elapsed() < give_up {
        let asked = Instant::now();
        assert_eq!(get(port, "/engineering/").map(|(status, _)| status), Some(200));
        assert!(asked.elapsed() < Duration::from_secs(2), "a request took {:?}", asked.elapsed());
        served += 1;
        std::thread::sleep(Duration::from_millis(500));
    }
    for thread in held {
        let (kind, closed) = thread.join().expect("client thread");
        let after = closed.unwrap_or_else(|problem| panic!("a {kind} connection was {problem}"));
        assert!(
            after + Duration::from_millis(500) >= limit && after <= limit + Duration::from_secs(5),
            "a {kind} connection was closed after {after:?}, with a limit of {limit:?}"
        );
    }
    assert!(served >= limit.as_secs(), "served {served} requests meanwhile");
    assert_eq!(get(port, "/").map(|(status, _)| status), Some(200), "still serving");
}

/// A number from the environment, for the long form of the load test
/// (scripts/serve_load.sh); `default` in `cargo test`.
fn load_setting(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

/// The server's resident memory in KiB, from /proc (Linux).
fn resident_kib(server: &Server) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.child.id())).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// The build stamps in a response: every "Backend Developer N" the role's title put there.
fn stamps(body: &str) -> Vec<u64> {
    body.match_indices("Backend Developer ")
        .filter_map(|(at, marker)| {
            let digits: String = body[at + marker.len()..].chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .collect()
}

/// Requests that are not HTTP, are too big, or never finish: each is answered with an
/// error or closed, and none holds the server back from anyone else.
fn send_bad_requests(port: u16, stop: &std::sync::atomic::AtomicBool) -> (usize, Vec<String>) {
    let huge_header = format!("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: {}\r\n\r\n", "a".repeat(1 << 20));
    let long_path = format!("GET /{} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "a/".repeat(40_000));
    let many_headers = format!("GET / HTTP/1.1\r\n{}\r\n", "X-A: b\r\n".repeat(10_000));
    let bad: [&[u8]; 7] = [
        b"NOT HTTP AT ALL\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
        b"GET /\x00\xff HTTP/1.1\r\nHost: x\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
        huge_header.as_bytes(),
        long_path.as_bytes(),
        many_headers.as_bytes(),
    ];
    let (mut sent, mut problems) = (0, Vec::new());
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        for request in bad {
            sent += 1;
            let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
                problems.push("a bad request's connection was refused".to_string());
                continue;
            };
            stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
            // The server may close before reading it all: a write error is an answer too.
            let _ = stream.write_all(request);
            let mut answer = Vec::new();
            match stream.read_to_end(&mut answer) {
                Ok(_) => {
                    let status = String::from_utf8_lossy(&answer).split(' ').nth(1).unwrap_or("").to_string();
                    if !(answer.is_empty() || status.starts_with('4')) {
                        problems.push(format!("a bad request got status {status:?}"));
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
                Err(e) => problems.push(format!("a bad request was left hanging: {e}")),
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    (sent, problems)
}

/// Slow clients (slowloris): each sends a request line, then one header byte every half
/// second, for as long as the load lasts; one the server closes (after its header time
/// limit) comes back on a new connection. Returns how many connections were opened and how
/// many of them the server closed.
fn hold_slow_clients(port: u16, count: usize, stop: &std::sync::atomic::AtomicBool) -> (usize, usize) {
    let open = || {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
        stream.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ").ok()?;
        Some(stream)
    };
    let mut streams: Vec<TcpStream> = (0..count).filter_map(|_| open()).collect();
    let (mut opened, mut closed) = (streams.len(), 0);
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        // A stream the server closed fails here (at the latest on the second byte after).
        let before = streams.len();
        streams.retain_mut(|stream| stream.write_all(b"a").is_ok());
        closed += before - streams.len();
        while streams.len() < count {
            let Some(stream) = open() else { break };
            streams.push(stream);
            opened += 1;
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    (opened, closed)
}

/// Many clients on keep-alive connections, while the role file is edited every 50 ms (every
/// tenth edit breaking the build until the next) and other connections send malformed,
/// oversized and slow requests: every answer is right, no response mixes two builds (the
/// role's title carries the edit's number: all of a response's numbers agree, and no client
/// ever sees a number older than one it has seen), the last edit is served, and memory is
/// back near where it started. 20 clients for 4 s here; scripts/serve_load.sh runs 200 for
/// 60 s through `GUIDE_LOAD_CLIENTS` and `GUIDE_LOAD_SECONDS`.
#[test]
fn clients_get_every_answer_right_from_one_build_while_files_are_edited_and_bad_requests_arrive() {
    let _alone = MACHINE.write().unwrap_or_else(|poisoned| poisoned.into_inner());
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let clients = load_setting("GUIDE_LOAD_CLIENTS", 20) as usize;
    let seconds = load_setting("GUIDE_LOAD_SECONDS", 4);
    let site = copy_fixture("check/clean");
    let backend = site.path().join("content/engineering/backend.md");
    let original = std::fs::read_to_string(&backend).expect("read");
    let with_stamp = |n: u64| original.replace("title = \"Backend Developer\"", &format!("title = \"Backend Developer {n}\""));
    std::fs::write(&backend, with_stamp(0)).expect("write");
    let server = start(site.path());
    // (path, expected status): pages naming the role (home, section, role, skill,
    // salaries, roles.json, search documents), static and copied files,
    // generated files, the search index (rebuilt after every edit), and an unknown page.
    let paths: [(&str, u16); 11] = [
        ("/", 200),
        ("/engineering/", 200),
        ("/engineering/backend/", 200),
        ("/engineering/bundle/photo.svg", 200),
        ("/files/handbook.pdf", 200),
        ("/roles.json", 200),
        ("/search_index.json", 200),
        ("/search_docs.json", 200),
        ("/salaries/", 200),
        ("/skills/sql/", 200),
        ("/no-such-page/", 404),
    ];
    for (path, expected) in paths {
        assert_eq!(get(server.port, path).map(|(status, _)| status), Some(expected), "{path}");
    }
    let resident_before = resident_kib(&server);
    let stop = Arc::new(AtomicBool::new(false));
    let port = server.port;
    let workers: Vec<_> = (0..clients)
        .map(|client| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                // One keep-alive connection per client, as a browser tab would use.
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(30)))
                    .build()
                    .into();
                let (mut requests, mut failures, mut newest_seen, mut stamped) = (0usize, Vec::new(), 0u64, 0usize);
                let mut next = client;
                while !stop.load(Ordering::Relaxed) {
                    let (path, expected) = paths[next % paths.len()];
                    next += 1;
                    requests += 1;
                    let response = agent.get(format!("http://127.0.0.1:{port}{path}")).call();
                    let (status, body) = match response {
                        Ok(mut response) => {
                            let status = response.status().as_u16();
                            match response.body_mut().with_config().limit(64 << 20).read_to_vec() {
                                Ok(body) => (status, String::from_utf8_lossy(&body).into_owned()),
                                Err(e) => {
                                    failures.push(format!("{path}: reading the body: {e}"));
                                    continue;
                                }
                            }
                        }
                        Err(e) => {
                            failures.push(format!("{path}: {e}"));
                            continue;
                        }
                    };
                    if status != expected || body.is_empty() {
                        failures.push(format!("{path}: status {status}, expected {expected}"));
                    }
                    let found = stamps(&body);
                    if let Some(&first) = found.first() {
                        stamped += 1;
                        if found.iter().any(|&n| n != first) {
                            failures.push(format!("{path}: one response from several builds: {found:?}"));
                        }
                        if first < newest_seen {
                            failures.push(format!("{path}: build {first} served after build {newest_seen}"));
                        }
                        newest_seen = newest_seen.max(first);
                    }
                }
                (requests, failures, stamped)
            })
        })
        .collect();
    let bad_requests = {
        let stop = stop.clone();
        std::thread::spawn(move || send_bad_requests(port, &stop))
    };
    let slow_clients = {
        let stop = stop.clone();
        std::thread::spawn(move || hold_slow_clients(port, 100, &stop))
    };
    let started = Instant::now();
    let mut edits = 0;
    while started.elapsed() < Duration::from_secs(seconds) {
        edits += 1;
        let text = if edits % 10 == 0 {
            original.replace("demand = \"high\"", "demand = \"hgh\"")
        } else {
            with_stamp(edits)
        };
        std::fs::write(&backend, text).expect("write");
        std::thread::sleep(Duration::from_millis(50));
    }
    let last = edits + 1;
    std::fs::write(&backend, with_stamp(last)).expect("write");
    stop.store(true, Ordering::Relaxed);
    let (mut requests, mut failures, mut stamped) = (0, Vec::new(), 0);
    for worker in workers {
        let (made, failed, with_stamp) = worker.join().expect("client thread");
        requests += made;
        stamped += with_stamp;
        failures.extend(failed);
    }
    let (bad_sent, bad_problems) = bad_requests.join().expect("bad request thread");
    let (slow_opened, slow_closed) = slow_clients.join().expect("slow client thread");
    // The server kept rebuilding under load: the last edit is served.
    wait_until(|| stamps(&page(&server, "/engineering/backend/")).first() == Some(&last));
    // Let the last build's search files and retired builds go before measuring.
    let (_, documents) = get(server.port, "/search_docs.json").expect("response");
    assert!(stamps(&documents).contains(&last), "the search documents have the last edit");
    // Memory is flat: what the load took is given back (with room for allocator caches)
    // once idle threads have ended, within half a minute.
    let bound = resident_before * 2 + 64 * 1024;
    let settling = Instant::now();
    let mut resident_after = resident_kib(&server);
    while resident_after >= bound && settling.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_secs(1));
        resident_after = resident_kib(&server);
    }
    let settle_seconds = settling.elapsed().as_secs();
    eprintln!(
        "LOAD {{\"clients\":{clients},\"seconds\":{seconds},\"requests\":{requests},\"stamped\":{stamped},\"failed\":{},\"edits\":{edits},\
         \"bad_requests\":{bad_sent},\"bad_request_problems\":{},\"slow_connections\":{slow_opened},\"slow_closed_by_the_server\":{slow_closed},\
         \"rss_before_kib\":{resident_before},\"rss_after_kib\":{resident_after},\"rss_settle_seconds\":{settle_seconds}}}",
        failures.len(),
        bad_problems.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {requests} requests failed: {:?}",
        failures.len(),
        &failures[..failures.len().min(20)]
    );
    assert!(bad_problems.is_empty(), "{bad_problems:?}");
    assert!(requests >= clients, "every client made requests");
    assert!(stamped * 2 >= requests, "most responses carry the build's stamp");
    assert!(slow_opened >= 100, "the slow clients were let in");
    if Duration::from_secs(seconds) > interview_guide::serve::http::HEADER_READ_TIMEOUT + Duration::from_secs(5) {
        assert!(slow_closed >= 100, "every slow client was closed at least once: {slow_closed}");
    }
    assert!(
        resident_after < bound,
        "resident memory went from {resident_before} KiB to {resident_after} KiB"
    );
}
