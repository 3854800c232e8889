//! The X display the end-to-end suite runs on, seen from outside the app, as a person sees it:
//! top-level windows found by title (xdotool), the window a dialog is attached to (xprop), keys
//! and text typed on the real keyboard path (xdotool's XTEST input, to whatever has the focus),
//! and pictures of the screen (ImageMagick's `import`). It knows nothing about Roomlens.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const POLL: Duration = Duration::from_millis(100);

/// An X window id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowId(pub u64);

fn run(program: &str, args: &[&str]) -> std::process::Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("could not run {program} {args:?}: {e}"))
}

fn run_ok(program: &str, args: &[&str]) -> String {
    let output = run(program, args);
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The visible top-level windows whose title is exactly `title`.
pub fn windows_titled(title: &str) -> Vec<WindowId> {
    let pattern = format!("^{}$", regex_escape(title));
    // xdotool exits 1 when nothing matches; that is an empty answer, not a failure.
    let output = run("xdotool", &["search", "--onlyvisible", "--name", &pattern]);
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.trim().parse().ok())
        .map(WindowId)
        .collect()
}

fn regex_escape(text: &str) -> String {
    let mut escaped = String::new();
    for c in text.chars() {
        if "\\^$.|?*+()[]{}".contains(c) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// Waits until exactly one visible window is titled `title` and returns it.
pub async fn wait_for_window(title: &str, limit: Duration) -> WindowId {
    let started = Instant::now();
    loop {
        let found = windows_titled(title);
        if let [one] = found.as_slice() {
            return *one;
        }
        assert!(
            started.elapsed() < limit,
            "no window titled {title:?} appeared within {limit:?} (found {found:?})"
        );
        tokio::time::sleep(POLL).await;
    }
}

/// Waits until no visible window is titled `title`.
pub async fn wait_until_gone(title: &str, limit: Duration) {
    let started = Instant::now();
    while !windows_titled(title).is_empty() {
        assert!(
            started.elapsed() < limit,
            "the window titled {title:?} was still open after {limit:?}"
        );
        tokio::time::sleep(POLL).await;
    }
}

/// The window `id` is attached to (its WM_TRANSIENT_FOR), if any.
pub fn transient_for(id: WindowId) -> Option<WindowId> {
    let text = run_ok("xprop", &["-id", &id.0.to_string(), "WM_TRANSIENT_FOR"]);
    // "WM_TRANSIENT_FOR(WINDOW): window id # 0x1a00003"
    let hex = text.rsplit("0x").next().filter(|_| text.contains("0x"))?;
    u64::from_str_radix(hex.trim(), 16).ok().map(WindowId)
}

/// The window the window manager calls active (the one with the keyboard focus).
pub fn active_window() -> Option<WindowId> {
    let output = run("xdotool", &["getactivewindow"]);
    String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .ok()
        .map(WindowId)
}

/// Makes `id` the active window through the window manager and waits until it is.
pub async fn focus(id: WindowId, limit: Duration) {
    let started = Instant::now();
    while active_window() != Some(id) {
        run("xdotool", &["windowactivate", &id.0.to_string()]);
        assert!(
            started.elapsed() < limit,
            "window {id:?} did not become active within {limit:?} (active: {:?})",
            active_window()
        );
        tokio::time::sleep(POLL).await;
    }
}

/// Presses a key combination (xdotool's names: "ctrl+l", "Return", "Escape").
pub fn press(keys: &str) {
    run_ok("xdotool", &["key", "--clearmodifiers", keys]);
}

/// Types `text` on the keyboard, one key at a time.
pub fn type_text(text: &str) {
    run_ok(
        "xdotool",
        &["type", "--clearmodifiers", "--delay", "15", text],
    );
}

/// The window's outer rectangle on screen: (x, y, width, height).
pub fn geometry(id: WindowId) -> (i64, i64, i64, i64) {
    let text = run_ok("xwininfo", &["-id", &id.0.to_string()]);
    let field = |name: &str| -> i64 {
        text.lines()
            .find_map(|line| line.trim().strip_prefix(name))
            .and_then(|value| value.trim().parse().ok())
            .unwrap_or_else(|| panic!("xwininfo gave no {name:?} for {id:?}:\n{text}"))
    };
    (
        field("Absolute upper-left X:"),
        field("Absolute upper-left Y:"),
        field("Width:"),
        field("Height:"),
    )
}

/// Saves a PNG of the part of the screen the windows `around` cover, title bars included, to
/// `path`.
pub fn screenshot(around: &[WindowId], path: &Path) {
    let rects: Vec<_> = around.iter().map(|id| geometry(*id)).collect();
    let left = rects.iter().map(|r| r.0).min().unwrap_or(0) - 4;
    let top = rects.iter().map(|r| r.1).min().unwrap_or(0) - 32;
    let right = rects.iter().map(|r| r.0 + r.2).max().unwrap_or(0) + 4;
    let bottom = rects.iter().map(|r| r.1 + r.3).max().unwrap_or(0) + 4;
    let (left, top) = (left.max(0), top.max(0));
    let crop = format!("{}x{}+{left}+{top}", right - left, bottom - top);
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).unwrap();
    }
    run_ok(
        "import",
        &[
            "-silent",
            "-window",
            "root",
            "-crop",
            &crop,
            "+repage",
            &path.to_string_lossy(),
        ],
    );
}
