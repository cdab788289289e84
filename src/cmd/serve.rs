//! `guide serve`: builds the guide into memory, serves it on loopback, rebuilds when a
//! source changes, and makes open pages reload (or show the errors) when a build ends.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use crate::serve::builder::Builder;
use crate::serve::edit::Editor;
use crate::serve::http::{self, Shared};
use crate::serve::watch;

/// `guide serve [--root DIR] [--interface 127.0.0.1] [--port 1111] [--drafts] [--edit]`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The guide's folder (holding config.toml and content/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The address to listen on; the default is reachable from this computer only.
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub interface: IpAddr,
    /// The port to listen on.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Add an editor at /_edit/ and an "Edit this page" link to every page: HR staff
    /// change roles in the browser, and each save is checked like a build first.
    #[arg(long)]
    pub edit: bool,
}

/// Runs `guide serve` until Ctrl+C; returns the exit code.
pub fn run(args: &ServeArgs) -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the server: {e}");
            return 1;
        }
    };
    match runtime.block_on(serve(args)) {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("error: {message}");
            1
        }
    }
}

async fn serve(args: &ServeArgs) -> Result<(), String> {
    let address = SocketAddr::new(args.interface, args.port);
    let listener = tokio::net::TcpListener::bind(address).await.map_err(|e| bind_error(&address, &e))?;
    let root = crate::config::absolute(&args.root);
    let host = match args.interface {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let origin = format!("http://{host}:{}", args.port);
    let mut builder = Builder::new(root.clone(), args.drafts, origin.clone());
    builder.edit_links = args.edit;
    let editor = match args.edit {
        true => Some(Arc::new(Editor::new(
            root.clone(),
            args.drafts,
            origin.clone(),
            args.interface,
            args.port,
        )?)),
        false => None,
    };
    let shared = Shared::with_editor(editor.clone());
    let (first_built, first_built_receiver) = std::sync::mpsc::channel();
    watch::spawn_watcher(root, builder, shared.clone(), first_built)?;
    tokio::task::spawn_blocking(move || first_built_receiver.recv())
        .await
        .map_err(|e| format!("the first build stopped: {e}"))?
        .map_err(|_| "the first build stopped".to_string())?;
    let base_path = shared.site().map_or_else(|| "/".to_string(), |s| s.base_path.clone());
    // Serving goes on when nothing reads the output any more.
    let mut banner = format!("Serving the guide at {origin}{base_path} (press Ctrl+C to stop); changes are rebuilt as you save\n");
    if let Some(editor) = &editor {
        banner += &format!("Editor at {}\n", editor.address());
        if editor.access_token.is_some() {
            banner += "Anyone with this address can change the guide: share it only with the people who edit it\n";
        }
    }
    super::print_stdout(&banner);
    let ctrl_c = async {
        // If Ctrl+C cannot be listened for, the server runs until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    http::serve(listener, http::router(shared), ctrl_c).await;
    Ok(())
}

/// A port in use is the common case: name it and the flag that changes it.
fn bind_error(address: &SocketAddr, error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::AddrInUse => format!(
            "port {} on {} is already in use (is another `guide serve` running?); pass --port with another number, like --port {}",
            address.port(),
            address.ip(),
            address.port().wrapping_add(1).max(1024)
        ),
        std::io::ErrorKind::AddrNotAvailable => format!(
            "cannot listen on {}: this computer has no such address; pass --interface 127.0.0.1",
            address.ip()
        ),
        _ => format!("cannot listen on {address}: {error}"),
    }
}
