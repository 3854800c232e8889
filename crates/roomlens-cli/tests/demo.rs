//! `roomlens demo`: the built-in simulator started in-process, the three reports fetched through
//! the real client and summarised, and with `-o` saved as files that read back.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

mod support;

use roomlens::reports::{read_report_file, ReportKind};
use support::{assert_exit, roomlens, run, stdout, TempDir};

#[test]
fn demo_prints_three_summaries_and_saves_three_reports() {
    let dir = TempDir::new("demo");
    let out_dir = dir.join("reports");
    let out = run(
        roomlens(dir.path()).arg("demo").arg("-o").arg(&out_dir),
        None,
    );
    assert_exit(&out, 0);
    let text = stdout(&out);
    for title in [
        "Room data",
        "Attendees",
        "Breakout rooms",
        "Unique users",
        "Average engagement",
    ] {
        assert!(text.contains(title), "{title} missing from:\n{text}");
    }
    for (name, kind) in [
        ("room-data.csv", ReportKind::RoomData),
        ("attendees.csv", ReportKind::Attendees),
        ("breakouts.csv", ReportKind::Breakouts),
    ] {
        let read = read_report_file(&out_dir.join(name)).unwrap();
        assert_eq!(read.report.kind(), kind);
        assert!(read.stats.rows_kept > 0, "{name} is empty");
        assert_eq!(read.stats.rows_rejected, 0);
    }
}

/// On a terminal (a pseudo-terminal from util-linux `script`), the progress line is drawn.
#[cfg(target_os = "linux")]
#[test]
fn progress_line_is_drawn_on_a_terminal() {
    let dir = TempDir::new("demo-tty");
    let command = format!("{} demo", env!("CARGO_BIN_EXE_roomlens"));
    let out = run(
        std::process::Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .env("ROOMLENS_CONFIG_DIR", dir.path())
            .env_remove("ROOMLENS_ADMIN_SECRET"),
        None,
    );
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(text.contains("Fetching attendees — "), "{text}");
    assert!(text.contains(" time windows, "), "{text}");
    assert!(text.contains("\r\x1b[2K"), "the line is redrawn in place");
}

/// A proxy configured for the whole machine cannot reach a server on this computer; the Demo's
/// built-in Kaltura must be reached directly all the same.
#[test]
fn demo_works_with_proxy_variables_set() {
    let dir = TempDir::new("demo-proxy");
    let dead_proxy = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let mut cmd = roomlens(dir.path());
    for name in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        cmd.env(name, &dead_proxy);
    }
    cmd.env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .arg("demo");
    let out = run(&mut cmd, None);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("Attendees"), "{}", stdout(&out));
}
