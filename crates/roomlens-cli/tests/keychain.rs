//! `roomlens login` and `logout` with the real system keychain: the secret checked with the
//! simulator, stored in gnome-keyring (read back with `secret-tool`), used by `fetch`, and deleted.
//! These run when ROOMLENS_KEYRING_TESTS=1 (tests/dev/test.sh sets it inside a private D-Bus
//! session) and then fail loudly if no keychain can be reached.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

mod support;

use kaltura_sim::SimConfig;
use std::process::Command;
use support::{assert_exit, roomlens, run, stderr, stdout, Sim, TempDir};

fn keyring_tests_enabled(test: &str) -> bool {
    if std::env::var("ROOMLENS_KEYRING_TESTS").as_deref() != Ok("1") {
        eprintln!("{test}: not run, ROOMLENS_KEYRING_TESTS is not 1 (tests/dev/test.sh sets it)");
        return false;
    }
    if let Ok(log) = std::env::var("ROOMLENS_KEYRING_TESTS_LOG") {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .unwrap();
        writeln!(f, "roomlens-cli::keychain::{test}").unwrap();
    }
    true
}

/// The secret stored for an account, read with libsecret's own tool (None when there is none).
fn stored_secret(partner_id: i64, service_url: &str) -> Option<String> {
    let out = Command::new("secret-tool")
        .args([
            "lookup",
            "service",
            "Roomlens",
            "username",
            &format!("{partner_id}@{service_url}"),
        ])
        .output()
        .unwrap();
    out.status
        .success()
        .then(|| String::from_utf8(out.stdout).unwrap())
}

fn login(sim: &Sim, dir: &TempDir, secret: &str, extra: &[&str]) -> std::process::Output {
    let mut cmd = roomlens(dir.path());
    cmd.args([
        "login",
        "--partner-id",
        &sim.handle.partner_id().to_string(),
        "--service-url",
        &sim.url(),
    ])
    .args(extra);
    run(&mut cmd, Some(&format!("{secret}\n")))
}

#[test]
fn login_fetch_logout_with_the_real_keychain() {
    if !keyring_tests_enabled("login_fetch_logout_with_the_real_keychain") {
        return;
    }
    let sim = Sim::start(SimConfig::default());
    let dir = TempDir::new("keychain-login");
    let secret = sim.handle.admin_secret();
    let partner = sim.handle.partner_id();

    let out = login(&sim, &dir, &secret, &["--name", "Test organisation"]);
    assert_exit(&out, 0);
    assert!(!stderr(&out).contains(&secret) && !stdout(&out).contains(&secret));
    assert!(
        stored_secret(partner, &sim.url()).as_deref() == Some(secret.as_str()),
        "the keychain holds the secret"
    );
    let accounts = std::fs::read_to_string(dir.join("accounts.json")).unwrap();
    assert!(accounts.contains("Test organisation") && accounts.contains(&partner.to_string()));
    assert!(
        !accounts.contains(&secret),
        "the accounts file never holds the secret"
    );

    // The saved account and the keychain are used when nothing else is given.
    let file = dir.join("attendees.csv");
    let out = run(
        roomlens(dir.path())
            .args(["fetch", "attendees", "--last", "7d", "-o"])
            .arg(&file),
        None,
    );
    assert_exit(&out, 0);
    assert!(file.exists());

    let out = run(roomlens(dir.path()).arg("logout"), None);
    assert_exit(&out, 0);
    assert!(
        stored_secret(partner, &sim.url()).is_none(),
        "logout deletes the keychain entry"
    );
    let accounts = std::fs::read_to_string(dir.join("accounts.json")).unwrap();
    assert!(!accounts.contains(&partner.to_string()));

    let out = run(
        roomlens(dir.path()).args([
            "fetch",
            "attendees",
            "--partner-id",
            &partner.to_string(),
            "--service-url",
            &sim.url(),
        ]),
        None,
    );
    assert_exit(&out, 3);
    assert!(
        stderr(&out).contains("(code: secret_not_found)"),
        "{}",
        stderr(&out)
    );
    sim.shutdown();
}

#[test]
fn login_with_a_wrong_secret_exits_3_and_stores_nothing() {
    if !keyring_tests_enabled("login_with_a_wrong_secret_exits_3_and_stores_nothing") {
        return;
    }
    let sim = Sim::start(SimConfig::default());
    let dir = TempDir::new("keychain-wrong");
    let wrong = "0123456789abcdef0123456789abcdef";
    let out = login(&sim, &dir, wrong, &[]);
    assert_exit(&out, 3);
    assert!(!stderr(&out).contains(wrong));
    assert!(stored_secret(sim.handle.partner_id(), &sim.url()).is_none());
    assert!(dir.names().is_empty(), "{:?}", dir.names());
    sim.shutdown();
}

#[test]
fn login_again_replaces_the_secret_and_keeps_one_account() {
    if !keyring_tests_enabled("login_again_replaces_the_secret_and_keeps_one_account") {
        return;
    }
    let sim = Sim::start(SimConfig::default());
    let dir = TempDir::new("keychain-again");
    let partner = sim.handle.partner_id();
    assert_exit(
        &login(&sim, &dir, "first-unchecked-secret", &["--no-verify"]),
        0,
    );
    assert!(stored_secret(partner, &sim.url()).as_deref() == Some("first-unchecked-secret"));
    assert_exit(
        &login(
            &sim,
            &dir,
            &sim.handle.admin_secret(),
            &["--name", "Renamed"],
        ),
        0,
    );
    assert!(
        stored_secret(partner, &sim.url()).as_deref() == Some(sim.handle.admin_secret().as_str())
    );
    let accounts: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("accounts.json")).unwrap()).unwrap();
    assert_eq!(accounts["accounts"].as_array().unwrap().len(), 1);
    assert_eq!(accounts["accounts"][0]["name"], "Renamed");
    assert_exit(&run(roomlens(dir.path()).arg("logout"), None), 0);
    sim.shutdown();
}

#[test]
fn the_secret_is_never_an_argument_and_never_empty() {
    let dir = TempDir::new("keychain-args");
    let out = run(
        roomlens(dir.path()).args(["login", "--partner-id", "5", "--secret", "abc"]),
        None,
    );
    assert_exit(&out, 2);
    let out = run(
        roomlens(dir.path()).args(["login", "--partner-id", "5", "--no-verify"]),
        Some("  \n"),
    );
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("No admin secret was given"),
        "{}",
        stderr(&out)
    );
    assert!(dir.names().is_empty());
}

#[cfg(target_os = "linux")]
#[test]
fn no_keychain_exits_7_with_a_plain_message() {
    let dir = TempDir::new("keychain-none");
    let mut cmd = roomlens(dir.path());
    cmd.env(
        "DBUS_SESSION_BUS_ADDRESS",
        format!("unix:path={}", dir.join("no-bus").display()),
    )
    .env_remove("DISPLAY")
    .args(["login", "--partner-id", "5", "--no-verify"]);
    let out = run(&mut cmd, Some("some-secret\n"));
    assert_exit(&out, 7);
    assert!(
        stderr(&out).contains("could not reach the system keychain"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("(code: keychain_unavailable)"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("accounts.json").exists());
}

#[test]
fn ten_logins_at_once_leave_ten_accounts() {
    if !keyring_tests_enabled("ten_logins_at_once_leave_ten_accounts") {
        return;
    }
    let dir = TempDir::new("keychain-concurrent");
    let service = "https://kaltura.example.com";
    let partners: Vec<i64> = (0..10).map(|i| 9_100_000 + i).collect();
    let children: Vec<_> = partners
        .iter()
        .map(|partner| {
            let mut cmd = roomlens(dir.path());
            cmd.args([
                "login",
                "--no-verify",
                "--service-url",
                service,
                "--partner-id",
                &partner.to_string(),
            ])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
            let mut child = cmd.spawn().unwrap();
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            stdin
                .write_all(format!("secret-of-{partner}\n").as_bytes())
                .unwrap();
            drop(stdin);
            child
        })
        .collect();
    for child in children {
        assert_exit(&child.wait_with_output().unwrap(), 0);
    }

    let out = run(roomlens(dir.path()).args(["accounts", "--json"]), None);
    assert_exit(&out, 0);
    let listed: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut seen: Vec<i64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["partner_id"].as_i64().unwrap())
        .collect();
    seen.sort_unstable();
    assert_eq!(seen, partners, "every login left its account");
    for account in listed.as_array().unwrap() {
        assert_eq!(account["service_url"], service);
        assert!(account["name"].as_str().unwrap().starts_with("Partner "));
        assert!(
            !account.to_string().contains("secret-of-"),
            "the list never holds a secret"
        );
    }
    for partner in &partners {
        assert_eq!(
            stored_secret(*partner, service).as_deref(),
            Some(format!("secret-of-{partner}").as_str())
        );
        let out = run(
            roomlens(dir.path()).args([
                "logout",
                "--service-url",
                service,
                "--partner-id",
                &partner.to_string(),
            ]),
            None,
        );
        assert_exit(&out, 0);
        assert!(stored_secret(*partner, service).is_none());
    }
    let out = run(roomlens(dir.path()).args(["accounts", "--json"]), None);
    assert_eq!(stdout(&out).trim(), "[]");
}
