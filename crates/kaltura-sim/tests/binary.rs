//! The `kaltura-sim` binary: prints url/partner_id/admin_secret and serves with them; `generate`
//! writes Kaltura-format CSV with exactly the requested rows, the same bytes on every run.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde_json::json;
use support::*;

const BIN: &str = env!("CARGO_BIN_EXE_kaltura-sim");

#[tokio::test]
async fn serve_prints_what_a_client_needs_and_answers_with_it() {
    let mut child = KillOnDrop(
        Command::new(BIN)
            .args(["--profile", "tiny", "--seed", "7"])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut lines = BufReader::new(child.0.stdout.take().unwrap()).lines();
    let mut next = |key: &str| {
        let line = lines.next().unwrap().unwrap();
        line.strip_prefix(&format!("{key}="))
            .unwrap_or_else(|| panic!("{line}"))
            .to_string()
    };
    let url = next("url");
    let partner_id: i64 = next("partner_id").parse().unwrap();
    let secret = next("admin_secret");
    assert!(url.starts_with("http://127.0.0.1:"));
    let r = post_json(
        &format!("{url}/api_v3/service/report/action/getCsvFromStringParams"),
        json!({"ks": admin_ks(partner_id, &secret), "format": 1, "id": 6001, "params": format!("from_date={};to_date={}", now() - 7 * DAY, now())}),
    )
    .await;
    assert_eq!(header(&r, "content-type"), Some("text/csv"));
    assert!(r.text().await.unwrap().lines().count() > 1);
    drop(child);
}

/// Stops the served binary even when an assertion fails first.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn generate_writes_exactly_the_requested_rows_deterministically() {
    let run = || {
        Command::new(BIN)
            .args(["generate", "--kind", "attendees", "--rows", "2500"])
            .output()
            .unwrap()
    };
    let a = run();
    assert!(a.status.success());
    let text = String::from_utf8(a.stdout.clone()).unwrap();
    assert!(text.starts_with("\u{feff}entry_id,cue_point_id,user_id,user_name,user_email,user_type,meeting_view_time,meeting_engaged_play_time_ratio\n"));
    assert_eq!(text.lines().count(), 2501);
    assert!(text.lines().all(|l| l.matches(',').count() == 7));
    assert_eq!(run().stdout, a.stdout);
    let bad = Command::new(BIN)
        .args(["generate", "--kind", "nope", "--rows", "1"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}
