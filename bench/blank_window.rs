//! A blank Tauri 2 window (a heading and a button, served from memory), built only for
//! bench/desktop.py: the floor that Roomlens's idle memory is compared against, since any Tauri
//! app on this WebView pays for it. It prints `roomlens-startup <unix ms> page-loaded` to stderr
//! when its page has loaded, in the same form as the app's start-up trace. It has no other use.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

use std::time::{SystemTime, UNIX_EPOCH};
use tauri::webview::PageLoadEvent;

const PAGE: &[u8] =
    b"<!doctype html><meta charset=utf-8><title>Blank</title><h1>Hello</h1><button>Greet</button>";

fn main() {
    let mut context = tauri::generate_context!("tauri.conf.json");
    // Roomlens's own window (and its page) must not open; this example makes a window of its own.
    context.config_mut().app.windows.clear();
    let result = tauri::Builder::default()
        .register_uri_scheme_protocol("blank", |_, _| {
            let mut response = tauri::http::Response::new(PAGE.to_vec());
            response.headers_mut().insert(
                "Content-Type",
                tauri::http::HeaderValue::from_static("text/html"),
            );
            response
        })
        .on_page_load(|_, payload| {
            if payload.event() == PageLoadEvent::Finished {
                let now = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .unwrap_or_default();
                eprintln!("roomlens-startup {} page-loaded", now.as_millis());
            }
        })
        .setup(|app| {
            let url = tauri::WebviewUrl::External("blank://localhost/".parse()?);
            tauri::WebviewWindowBuilder::new(app, "main", url)
                .title("Blank")
                .inner_size(1200.0, 800.0)
                .build()?;
            Ok(())
        })
        .run(context);
    if let Err(error) = result {
        eprintln!("the blank window could not start: {error}");
        std::process::exit(1);
    }
}
