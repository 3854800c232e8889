//! End-to-end tests of the desktop app in its real window: tauri-driver drives WebKitWebDriver,
//! which starts the built `roomlens-desktop` under Xvfb, inside a private D-Bus session with a real
//! GNOME Keyring, with a window manager (openbox) so the system's file dialogs behave as on a
//! desktop; they are used for real (tests/dev/test.sh sets all of this up and sets ROOMLENS_E2E=1). Without
//! ROOMLENS_E2E=1 the suite is skipped so `cargo test --workspace` opens no window; with it,
//! anything missing is a failure. Screenshots of each screen go to docs/screenshots/.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

#[path = "e2e/driver.rs"]
mod driver;
#[path = "e2e/sim_process.rs"]
mod sim_process;
#[path = "e2e/webkit_process.rs"]
mod webkit_process;
#[path = "e2e/x11_desktop.rs"]
mod x11_desktop;

use driver::{TauriDriver, Window};
use fantoccini::key::Key;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens::cancel::CancelToken;
use roomlens::kaltura::date_range::DateRangeChoice;
use roomlens::kaltura::{
    fetch_report, ClientOptions, Credentials, FetchRequest, KalturaClient, ReportFilters,
    ServiceUrl,
};
use roomlens::reports::{read_report_file, ReportKind};
use roomlens::secret::AdminSecret;
use serde_json::json;
use sim_process::SimProcess;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use x11_desktop::WindowId;

/// Latency of the separately started simulator: long enough that a fetch is still running when the
/// test presses Cancel.
const SIM_LATENCY_MS: u64 = 1500;

struct Setup {
    app: PathBuf,
    tauri_driver: PathBuf,
    sim_binary: PathBuf,
    screenshots: PathBuf,
    work: PathBuf,
}

impl Setup {
    fn config_dir(&self) -> PathBuf {
        self.work.join("config")
    }
    /// The app's XDG_CONFIG_HOME, whose user-dirs.dirs names the two folders below.
    fn xdg_config_dir(&self) -> PathBuf {
        self.work.join("xdg-config")
    }
    /// The person's Downloads folder, where the Open dialog starts.
    fn downloads(&self) -> PathBuf {
        self.work.join("Downloads")
    }
    /// The person's Documents folder, where the Save dialog starts.
    fn documents(&self) -> PathBuf {
        self.work.join("Documents")
    }
    fn save_path(&self) -> PathBuf {
        self.documents().join("saved-report.csv")
    }
    fn open_path(&self) -> PathBuf {
        self.work.join("to-open.csv")
    }
}

fn required_file(what: &str, path: PathBuf) -> PathBuf {
    assert!(
        path.is_file(),
        "ROOMLENS_E2E=1 but {what} is missing at {}",
        path.display()
    );
    path
}

fn setup() -> Setup {
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "ROOMLENS_E2E=1 but no DISPLAY: run tests/dev/test.sh (it starts Xvfb)"
    );
    assert!(
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        "ROOMLENS_E2E=1 but no D-Bus session: run tests/dev/test.sh (it starts a private keyring session)"
    );
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target_debug = std::env::current_exe()
        .unwrap()
        .parent()
        .and_then(Path::parent)
        .unwrap()
        .to_path_buf();
    let tauri_driver = std::env::var_os("ROOMLENS_TAURI_DRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/tools/bin/tauri-driver"));
    let work = std::env::temp_dir().join(format!("roomlens-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&work).unwrap();
    Setup {
        app: required_file(
            "the app binary",
            PathBuf::from(env!("CARGO_BIN_EXE_roomlens-desktop")),
        ),
        tauri_driver: required_file("tauri-driver", tauri_driver),
        sim_binary: required_file(
            "the kaltura-sim binary (cargo build -p kaltura-sim)",
            target_debug.join("kaltura-sim"),
        ),
        screenshots: root.join("docs/screenshots"),
        work,
    }
}

#[test]
fn desktop_app_end_to_end() {
    if std::env::var("ROOMLENS_E2E").as_deref() != Ok("1") {
        eprintln!("desktop end-to-end suite skipped: set ROOMLENS_E2E=1 (tests/dev/test.sh does) to run it");
        return;
    }
    let setup = setup();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(run_all(&setup));
    let _ = std::fs::remove_dir_all(&setup.work);
}

async fn run_all(setup: &Setup) {
    let config_dir = setup.config_dir();
    let xdg_config_dir = setup.xdg_config_dir();
    give_the_person_folders(setup);
    let driver = TauriDriver::start(
        &setup.tauri_driver,
        &[
            ("ROOMLENS_CONFIG_DIR", config_dir.as_path()),
            ("XDG_CONFIG_HOME", xdg_config_dir.as_path()),
        ],
    );
    let sim = SimProcess::start(&setup.sim_binary, SIM_LATENCY_MS);

    let window = driver.open(&setup.app, &setup.screenshots).await;
    step("first run opens on the Demo account with its report");
    first_run_shows_the_demo(&window).await;
    step("WebKit draws as chosen for this machine (compositing off without a GPU)");
    webkit_draws_as_chosen(&driver);
    step("the page can call only the app's own commands");
    only_the_apps_commands_are_callable(&window).await;
    step("each report fetched and shown");
    each_demo_report_is_fetched_and_shown(&window).await;
    step("keyboard: Tab reaches Fetch and Enter fetches");
    keyboard_reaches_fetch(&window).await;
    step("filter boxes: only the chosen report's; typed IDs narrow the fetch");
    filters_narrow_the_fetch(&window).await;
    step("hostile names are shown as text");
    hostile_names_are_text(&window).await;
    step("the drill-down for one attendee lists their sessions");
    drilldown_lists_sessions(&window).await;
    step("Rooms: a Demo room's newest session, its cards and attendees; another session; back again from memory");
    rooms_show_a_session_dashboard(&window, setup).await;
    step("the system's Open dialog: attached, the window answering, one at a time, Escape changes nothing");
    open_dialog_cancelled_changes_nothing(&window, setup).await;
    step("the system's Save dialog: attached, the window answering, Escape returns to the options");
    save_dialog_cancelled_returns_to_the_sheet(&window, setup).await;
    step("save as CSV through the system's Save dialog");
    let saved_rows = save_csv_writes_the_report(&window, setup).await;
    step("save as PDF: the first pages of the table, through the system's Save dialog");
    save_pdf_writes_the_report(&window, setup, saved_rows).await;
    step("Send to my e-mail: a bad address refused in the sheet, then Kaltura's acceptance told");
    send_to_my_email(&window).await;
    step("open a good CSV through the system's Open dialog");
    open_good_csv(&window, setup, saved_rows).await;
    assert_eq!(
        window
            .js(
                "return document.querySelector('#send-email').disabled",
                vec![]
            )
            .await,
        json!(true),
        "a report opened from a file cannot be e-mailed by Kaltura"
    );
    step("open bad CSVs through the system's Open dialog");
    open_bad_csvs(&window, setup).await;
    step("account errors: wrong secret, no network");
    account_errors_are_plain_sentences(&window, &sim).await;
    step("add an account against the separate simulator; secret in the keyring");
    let account_id = add_account_stores_the_secret_in_the_keyring(&window, &sim, setup).await;
    step("fetch from the added account");
    fetch_from_added_account(&window, &sim, &account_id).await;
    step("Rooms: a session of the added account's room, kept in the library as it is shown");
    let kept_session = rooms_from_added_account(&window, setup).await;
    step("cancel a fetch");
    cancel_a_fetch(&window).await;
    step("remove the account; its keychain entry goes too");
    remove_account_deletes_the_secret(&window, &sim, &account_id).await;
    step("Library: what was fetched and opened is kept; a fetch from a Kaltura now gone opens; one deleted");
    // The added account's Kaltura goes away: its report must come from the library alone.
    drop(sim);
    library_keeps_and_opens_offline(&window).await;
    step("Library: the added account's session dashboard opens on Rooms with its Kaltura gone (the keyboard, the same figures, its PDF), then is deleted after asking");
    kept_dashboard_opens_offline(&window, setup, &kept_session).await;
    step("Library rollups: people (search, a person's sessions, saved as CSV), rooms over time, attention, breakouts");
    library_rollups_answer(&window, setup).await;
    step("at its smallest size the page still fits the window");
    window
        .set_rect(WINDOW_RECT.0, WINDOW_RECT.1, MIN_SIZE.0, MIN_SIZE.1)
        .await;
    page_fits_the_window(&window, "Reports, at the smallest window size").await;
    window.click("#nav-settings").await;
    page_fits_the_window(&window, "Settings, at the smallest window size").await;
    step("an export default chosen in Settings is saved as a setting");
    export_default_is_saved(&window, &config_dir).await;
    step("Back (Alt+Left, the mouse's back button) returns from Settings to Reports");
    back_returns_to_the_screen_before(&window).await;
    step("the window's size and position are noted");
    window
        .set_rect(WINDOW_RECT.0, WINDOW_RECT.1, WINDOW_RECT.2, WINDOW_RECT.3)
        .await;
    wait_for_window_file(&config_dir).await;
    step("a second start brings the window forward and exits");
    second_start_brings_the_first_forward(&window, setup).await;
    step("the report charts folded away are remembered");
    window.click("#nav-reports").await;
    window.click("#report-charts-title").await;
    window
        .wait_until(
            "the charts folded",
            "document.querySelector('#report-charts').open === false",
        )
        .await;
    step("the screen shown last is remembered");
    window.click("#nav-library").await;
    wait_for_last_screen(&config_dir, "library").await;
    let saved: serde_json::Value = serde_json::from_slice(
        &std::fs::read(config_dir.join("last-view.json")).expect("the last view was saved"),
    )
    .expect("the last view is JSON");
    assert_eq!(
        saved["charts_open"],
        json!(false),
        "the folded charts are saved with the last view"
    );
    window.close().await;

    // Between the two runs the library file is damaged (a disk fault, a bad copy).
    let library = config_dir.join("library.sqlite");
    for extra in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{extra}", library.display()));
    }
    std::fs::write(
        &library,
        b"this is not a database, it was damaged on the way",
    )
    .unwrap();

    step("a second start restores the last view, size and position");
    let window = driver.open(&setup.app, &setup.screenshots).await;
    second_start_restores_the_view(&window).await;
    assert_eq!(
        window.rect().await,
        WINDOW_RECT,
        "the window reopens where it was left"
    );
    step("a damaged library is said plainly, kept untouched and set aside for a new one");
    damaged_library_is_set_aside(&window, &library).await;
    step("Rooms: a session fetched from another added account, kept in the new library");
    let field_sim = SimProcess::start(&setup.sim_binary, 0);
    let (field_account, field_session) = session_for_a_later_run(&window, &field_sim, setup).await;
    window.close().await;
    // Its Kaltura goes away before the next start, whose memory holds no dashboard yet.
    drop(field_sim);

    step("a third start, Kaltura gone: Rooms shows the session kept in the library and says so");
    let window = driver.open(&setup.app, &setup.screenshots).await;
    rooms_fall_back_to_the_library(&window, &field_account, &field_session).await;
    window.close().await;
}

/// The Library screen with a damaged library file: a plain sentence and "Start a new library…"
/// instead of the tabs; confirmed, the old file is renamed beside the new, empty library with its
/// bytes unchanged.
async fn damaged_library_is_set_aside(window: &Window, library: &Path) {
    let damaged = std::fs::read(library).expect("the damaged library is there");
    window.click("#nav-library").await;
    window
        .wait_until(
            "the library said to be unusable",
            "!document.querySelector('#library-unusable').hidden && document.querySelector('#library-tabs').hidden",
        )
        .await;
    let said = window.text_of("#library-unusable-text").await;
    assert!(
        said.contains("damaged") && said.contains("new"),
        "a plain sentence: {said:?}"
    );
    assert_eq!(
        std::fs::read(library).expect("still there"),
        damaged,
        "the damaged file is left as it was"
    );
    window.screenshot("28-library-damaged").await;
    window.click("#library-start-new").await;
    window.click("#library-start-new-sheet-confirm").await;
    window
        .wait_until(
            "a new, empty library",
            "document.querySelector('#library-unusable').hidden && document.querySelector('#view-library').dataset.state === 'done' && \
             document.querySelector('#status').textContent.includes('set-aside')",
        )
        .await;
    let folder = library.parent().expect("the settings folder");
    let aside: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("library.sqlite.set-aside-"))
        .collect();
    assert_eq!(aside.len(), 1, "the old library kept beside: {aside:?}");
    assert_eq!(
        std::fs::read(&aside[0]).unwrap(),
        damaged,
        "set aside byte for byte"
    );
}

/// Downloads (with two report files someone downloaded earlier) and Documents folders, named in
/// user-dirs.dirs as xdg-user-dirs does on a desktop.
fn give_the_person_folders(setup: &Setup) {
    for folder in [setup.xdg_config_dir(), setup.downloads(), setup.documents()] {
        std::fs::create_dir_all(folder).unwrap();
    }
    let user_dirs = format!(
        "XDG_DOWNLOAD_DIR=\"{}\"\nXDG_DOCUMENTS_DIR=\"{}\"\n",
        setup.downloads().display(),
        setup.documents().display()
    );
    std::fs::write(setup.xdg_config_dir().join("user-dirs.dirs"), user_dirs).unwrap();
    let attendees = "entry_id,cue_point_id,user_id,user_name,user_email,user_type,meeting_view_time,meeting_engaged_play_time_ratio\n\
                     1_room,cp1,u1,Ada Lovelace,ada@example.com,Attendee,12.5,0.8\n";
    for name in ["attendees-october.csv", "attendees-november.csv"] {
        std::fs::write(setup.downloads().join(name), attendees).unwrap();
    }
}

/// The app chooses WebKit's compositing before WebKit starts (off without a GPU, unless the person
/// has chosen; `roomlens_app::webkit_rendering`). This checks the running web process got it.
fn webkit_draws_as_chosen(driver: &TauriDriver) {
    use roomlens_app::webkit_rendering::{effective_value, DISABLE_COMPOSITING};
    let expected = effective_value(std::env::var_os(DISABLE_COMPOSITING))
        .map(|value| value.to_string_lossy().into_owned());
    let seen = webkit_process::web_process_variable(driver.pid(), DISABLE_COMPOSITING);
    assert!(
        !seen.is_empty(),
        "no WebKit web process was found under tauri-driver"
    );
    for value in seen {
        assert_eq!(value, expected, "the web process's {DISABLE_COMPOSITING}");
    }
}

/// Where the test leaves the window: (x, y, width, height).
const WINDOW_RECT: (i64, i64, i64, i64) = (60, 50, 1000, 700);
/// The window's minimum size in tauri.conf.json: (width, height).
const MIN_SIZE: (i64, i64) = (860, 560);

/// The page needs no horizontal scroll bar of its own: only the report table scrolls sideways.
async fn page_fits_the_window(window: &Window, when: &str) {
    let widths = window
        .wait_until(
            &format!("the page laid out at the window's width ({when})"),
            "(() => { const m = document.querySelector('main'); return m.clientWidth > 0 && [m.clientWidth, m.scrollWidth, document.documentElement.scrollWidth, innerWidth]; })()",
        )
        .await;
    let [main_width, main_scroll, doc_scroll, inner_now] =
        [0, 1, 2, 3].map(|i| widths[i].as_i64().unwrap_or(-1));
    assert!(
        main_scroll <= main_width,
        "{when}: the main area is {main_scroll}px wide inside {main_width}px, so it scrolls sideways"
    );
    assert!(
        doc_scroll <= inner_now,
        "{when}: the page is {doc_scroll}px wide in a {inner_now}px window"
    );
}

async fn export_default_is_saved(window: &Window, config_dir: &Path) {
    window
        .js(
            "document.querySelector('#default-delimiter').scrollIntoView({ block: 'center' });",
            vec![],
        )
        .await;
    window.choose("#default-delimiter", "tab").await;
    window
        .wait_until(
            "the saved status",
            "document.querySelector('#status')?.textContent.includes('Export defaults saved')",
        )
        .await;
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(config_dir.join("settings.json")).unwrap()).unwrap();
    assert_eq!(saved["export"]["delimiter"], "tab", "{saved}");
}

/// Which screen is shown: its hash, and that it alone is visible and marked in the sidebar.
fn screen_shown(route: &str) -> String {
    format!(
        "location.hash === '#/{route}' && [...document.querySelectorAll('#screens > .view')].every(v => v.hidden === (v.id !== 'view-{route}')) \
         && [...document.querySelectorAll('.section-link')].every(l => (l.getAttribute('aria-current') === 'page') === (l.id === 'nav-{route}'))"
    )
}

/// On Settings, reached from Reports: Alt+Left (typed on the X display, as a person does) goes back
/// to Reports, Alt+Right forward to Settings again, and the mouse's back button back to Reports.
/// The choice made in Settings stays as it was.
async fn back_returns_to_the_screen_before(window: &Window) {
    window
        .wait_until("Settings to be shown", &screen_shown("settings"))
        .await;
    let main = main_window().await;
    x11_desktop::focus(main, DIALOG_LIMIT).await;
    x11_desktop::press("alt+Left");
    window
        .wait_until("Alt+Left to return to Reports", &screen_shown("reports"))
        .await;
    x11_desktop::press("alt+Right");
    window
        .wait_until(
            "Alt+Right to go forward to Settings",
            &screen_shown("settings"),
        )
        .await;
    // The mouse's back button (X button 8), over the window's content.
    let (_, _, width, height) = x11_desktop::geometry(main);
    let (x, y) = ((width * 2 / 3).to_string(), (height / 2).to_string());
    Command::new("xdotool")
        .args([
            "mousemove",
            "--window",
            &main.0.to_string(),
            &x,
            &y,
            "click",
            "8",
        ])
        .status()
        .expect("xdotool runs");
    window
        .wait_until(
            "the mouse's back button to return to Reports",
            &screen_shown("reports"),
        )
        .await;
    assert_eq!(
        window
            .js(
                "return document.querySelector('#default-delimiter').value",
                vec![]
            )
            .await,
        json!("tab"),
        "going back and forward leaves the choice made in Settings as it was"
    );
}

/// Starting Roomlens again while it runs (a second double-click) must not open a second app on the
/// same settings: the new process asks the first to show its window and exits.
async fn second_start_brings_the_first_forward(window: &Window, setup: &Setup) {
    let main = main_window().await;
    Command::new("xdotool")
        .args(["windowminimize", &main.0.to_string()])
        .status()
        .expect("xdotool runs");
    x11_desktop::wait_until_gone("Roomlens", DIALOG_LIMIT).await;
    let mut second = Command::new(&setup.app)
        .env("ROOMLENS_CONFIG_DIR", setup.config_dir())
        .env("XDG_CONFIG_HOME", setup.xdg_config_dir())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the app starts a second time");
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > DIALOG_LIMIT {
            let _ = second.kill();
            panic!("the second start did not exit within {DIALOG_LIMIT:?}: two apps run on one settings folder");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        status.success(),
        "the second start exits cleanly, got {status}"
    );
    assert_eq!(
        main_window().await,
        main,
        "the first window is shown again, and no other"
    );
    let started = std::time::Instant::now();
    while x11_desktop::active_window() != Some(main) {
        assert!(
            started.elapsed() < DIALOG_LIMIT,
            "the first window came back but did not take the focus"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    window_answers_while(window, "the window coming back").await;
}

/// Waits until the page has saved `section` as the screen shown last.
async fn wait_for_last_screen(config_dir: &Path, section: &str) {
    let path = config_dir.join("last-view.json");
    for _ in 0..600 {
        let saved = std::fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
        if saved.is_some_and(|v| v["section"] == json!(section)) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "the page did not save {section} as the last screen in {}",
        path.display()
    );
}

/// Waits until the app has written the window's geometry to its settings folder.
async fn wait_for_window_file(config_dir: &Path) {
    let path = config_dir.join("window.json");
    for _ in 0..600 {
        let written = std::fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
        if written.is_some_and(|v| {
            v["width"] == json!(WINDOW_RECT.2) && v["height"] == json!(WINDOW_RECT.3)
        }) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!(
        "the window's geometry was not written to {}",
        path.display()
    );
}

fn step(name: &str) {
    eprintln!("e2e: {name}");
}

async fn first_run_shows_the_demo(window: &Window) {
    window
        .wait_until(
            "the Demo account to be the current one",
            "document.querySelector('button.account-option[aria-current=\"true\"]')?.dataset.accountId === 'demo'",
        )
        .await;
    window
        .wait_until(
            "the first report on screen",
            "document.querySelector('#main').dataset.state === 'done'",
        )
        .await;
    let source = window.text_of("#report-source").await;
    assert!(
        source.contains("Demo"),
        "the first report should come from the Demo account, got {source:?}"
    );
    assert!(
        rows_on_screen(window).await > 0,
        "the Demo report shows rows on first run"
    );
    page_fits_the_window(window, "on first run").await;
    window.screenshot("01-first-run-demo").await;
}

async fn only_the_apps_commands_are_callable(window: &Window) {
    let call = |command: &str, args: serde_json::Value| {
        let script = "const done = arguments[arguments.length - 1];
            window.__TAURI__.core.invoke(arguments[0], arguments[1])
              .then(() => done('allowed'), (e) => done('refused: ' + (typeof e === 'string' ? e : JSON.stringify(e))));";
        let command = command.to_owned();
        async move { window.js_async(script, vec![json!(command), args]).await }
    };
    assert_eq!(call("list_accounts", json!({})).await, json!("allowed"));
    for (command, args) in [
        ("plugin:fs|read_text_file", json!({ "path": "/etc/passwd" })),
        (
            "plugin:event|listen",
            json!({ "event": "x", "target": { "kind": "Any" }, "handler": 1 }),
        ),
        (
            "plugin:shell|open",
            json!({ "path": "https://example.com" }),
        ),
        ("plugin:path|resolve_directory", json!({ "directory": 11 })),
    ] {
        let answer = call(command, args).await;
        let text = answer.as_str().unwrap_or_default();
        assert!(
            text.starts_with("refused"),
            "{command} must be refused, got {answer}"
        );
    }
}

async fn rows_on_screen(window: &Window) -> u64 {
    window
        .js(
            "return document.querySelectorAll('#rows-table .vtable-row[data-row-index]').length",
            vec![],
        )
        .await
        .as_u64()
        .unwrap_or(0)
}

/// The number after " of " in "Showing 1,284 of 3,297 attendees".
async fn total_rows_shown(window: &Window) -> u64 {
    let text = window.text_of("#row-count").await;
    let after = text.split(" of ").nth(1).unwrap_or_default();
    let digits: String = after
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no row total in {text:?}"))
}

async fn fetch(window: &Window, kind: &str, range: &str) -> String {
    window.choose("#report-kind", kind).await;
    window.choose("#date-range", range).await;
    window.settle_after(|| window.click("#fetch")).await
}

async fn each_demo_report_is_fetched_and_shown(window: &Window) {
    for (kind, shot) in [
        ("room_data", "02-room-data"),
        ("breakouts", "04-breakout-rooms"),
        ("attendees", "03-attendees"),
    ] {
        let state = fetch(window, kind, "30").await;
        assert_eq!(state, "done", "fetching {kind} from the Demo account");
        let title = ReportKind::ALL
            .into_iter()
            .find(|k| serde_json::to_value(k).unwrap() == json!(kind))
            .unwrap()
            .title();
        let source = window.text_of("#report-source").await;
        assert!(
            source.starts_with(title),
            "{kind}: the source line names the report, got {source:?}"
        );
        assert!(rows_on_screen(window).await > 0, "{kind}: rows are shown");
        assert!(
            total_rows_shown(window).await > 0,
            "{kind}: the row count is shown"
        );
        let cards = window
            .js(
                "return document.querySelectorAll('#summary [id^=\"card-\"]').length",
                vec![],
            )
            .await;
        assert!(
            cards.as_u64().unwrap_or(0) >= 3,
            "{kind}: summary cards are shown, got {cards}"
        );
        let zone = window.text_of("#zone").await;
        assert!(
            zone.starts_with("Times in"),
            "{kind}: the time zone is named, got {zone:?}"
        );
        window.screenshot(shot).await;
    }
}

async fn keyboard_reaches_fetch(window: &Window) {
    window.choose("#report-kind", "attendees").await;
    window
        .js("document.querySelector('#report-kind').focus();", vec![])
        .await;
    let mut tabs = 0;
    while window
        .js("return document.activeElement?.id ?? ''", vec![])
        .await
        != json!("fetch")
    {
        tabs += 1;
        assert!(tabs <= 8, "Tab from the report choice never reached Fetch");
        window.press(Key::Tab).await;
    }
    let state = window.settle_after(|| window.press(Key::Enter)).await;
    assert_eq!(state, "done", "Enter on Fetch fetches the report");
    let source = window.text_of("#report-source").await;
    assert!(
        source.starts_with("Attendees"),
        "the keyboard fetch shows attendees, got {source:?}"
    );
}

/// Waits until the image `css` has loaded and has a width: a chart Rust drew, shown.
async fn image_drawn(window: &Window, css: &str, what: &str) {
    let width = window
        .wait_until(
            what,
            &format!(
                "(() => {{ const img = document.querySelector({}); return img && img.complete && img.naturalWidth; }})()",
                json!(css)
            ),
        )
        .await;
    assert!(width.as_u64().unwrap_or(0) > 0, "{what} is drawn");
}

/// The attendees and their strips on screen; then the Rooms screen in dark mode, chosen in
/// Settings as a person would (charts redrawn dark, strips repainted), and back to the system's.
async fn rooms_in_dark_mode(window: &Window) {
    let show_attendees =
        "document.querySelector('#attendees-grid').scrollIntoView({ block: 'end' });";
    let strips_drawn = "document.querySelectorAll('#attendees-grid canvas.minute-strip[data-state=drawn]').length >= Math.min(5, document.querySelectorAll('#attendees-grid .vtable-rows .vtable-row').length)";
    window.js(show_attendees, vec![]).await;
    window.wait_until("the strips in view", strips_drawn).await;
    window.screenshot("19-rooms-attendees").await;
    window.click("#nav-settings").await;
    window.choose("#appearance", "dark").await;
    window
        .wait_until(
            "the page to turn dark",
            "document.documentElement.dataset.theme === 'dark'",
        )
        .await;
    window.click("#nav-rooms").await;
    window
        .wait_until(
            "the timeline drawn again in dark colours",
            "(() => { const img = document.querySelector('#chart-timeline'); return img && img.complete && img.naturalWidth && decodeURIComponent(img.src).toLowerCase().includes('#1c1c1f'); })()",
        )
        .await;
    // The report's charts on the Reports screen follow too.
    window.click("#nav-reports").await;
    window
        .wait_until(
            "the report's charts drawn again in dark colours",
            "(() => { const imgs = [...document.querySelectorAll('#report-charts img.chart')]; \
               return imgs.length >= 3 && imgs.every(img => decodeURIComponent(img.src).toLowerCase().includes('#1c1c1f')); })()",
        )
        .await;
    window.click("#nav-rooms").await;
    let background = window
        .js(
            "return getComputedStyle(document.body).backgroundColor",
            vec![],
        )
        .await;
    assert_eq!(background, json!("rgb(20, 20, 22)"), "the dark page colour");
    window
        .js(
            "document.querySelector('#rooms-cards').scrollIntoView({ block: 'start' });",
            vec![],
        )
        .await;
    window.screenshot("20-rooms-dark").await;
    window.js(show_attendees, vec![]).await;
    window
        .wait_until("the strips repainted", strips_drawn)
        .await;
    let engaged = window
        .js(
            "for (const c of document.querySelectorAll('#attendees-grid canvas.minute-strip[data-state=drawn]')) { const d = c.getContext('2d').getImageData(0, 0, c.width, 1).data; for (let i = 0; i < d.length; i += 4) if (d[i + 3] === 255) return [d[i], d[i + 1], d[i + 2]]; } return null;",
            vec![],
        )
        .await;
    assert_eq!(
        engaged,
        json!([127, 162, 255]),
        "engaged minutes painted in the dark theme's accent"
    );
    window.screenshot("21-rooms-attendees-dark").await;
    window.click("#nav-settings").await;
    window.choose("#appearance", "system").await;
    window
        .wait_until(
            "the page to follow the system again (light here)",
            "document.documentElement.dataset.theme === 'light'",
        )
        .await;
    window.click("#nav-rooms").await;
}

/// Waits for the Rooms screen to finish loading a dashboard; fails with the banner's words if
/// loading failed.
async fn rooms_loaded(window: &Window) {
    let state = window
        .wait_until(
            "the session dashboard",
            "['done', 'error'].includes(document.querySelector('#view-rooms').dataset.state) && document.querySelector('#view-rooms').dataset.state",
        )
        .await;
    if state != json!("done") {
        let banner = window.text_of("#error-banner").await;
        panic!("the session dashboard did not load: {banner}");
    }
}

async fn rooms_show_a_session_dashboard(window: &Window, setup: &Setup) {
    let state = fetch(window, "room_data", "30").await;
    assert_eq!(state, "done");
    window.click("#nav-rooms").await;
    window
        .wait_until(
            "the rooms of the Room data report",
            "document.querySelectorAll('#rooms-list button.room-option').length",
        )
        .await;
    // The Demo's busiest room of these 30 days, found in the list as a person would.
    let demo = kaltura_sim::Org::new(kaltura_sim::OrgProfile::demo(), 2026, None);
    let now = demo.data_end();
    let busiest = demo
        .busiest_room(now - 30 * 86_400, now)
        .expect("the Demo has sessions in the last 30 days")
        .room
        .entry_id;
    window
        .click(&format!(
            "#rooms-list button.room-option[data-room-id=\"{busiest}\"]"
        ))
        .await;
    rooms_loaded(window).await;
    assert_eq!(
        window
            .js(
                "return document.querySelector('#rooms-subtitle').textContent",
                vec![]
            )
            .await
            .as_str()
            .map(|t| t.contains(&busiest)),
        Some(true),
        "the busiest room's dashboard is shown"
    );
    let cards = window
        .js(
            "return document.querySelectorAll('#rooms-cards .card').length",
            vec![],
        )
        .await;
    assert_eq!(
        cards,
        json!(9),
        "the nine overview cards of Kaltura's dashboard"
    );
    let viewers = window.text_of("#rooms-card-viewers .card-value").await;
    assert_ne!(viewers, "—", "the session had viewers");
    let shown_of = |text: String| -> (u64, u64) {
        let numbers: Vec<u64> = text
            .split(" of ")
            .map(|part| {
                part.chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>()
                    .parse()
                    .unwrap_or(0)
            })
            .collect();
        (
            numbers.first().copied().unwrap_or(0),
            numbers.get(1).copied().unwrap_or(0),
        )
    };
    let (listed, attendees) = shown_of(window.text_of("#attendees-count").await);
    assert!(
        attendees > 0 && listed == attendees,
        "every attendee is listed ({listed} of {attendees})"
    );
    window
        .wait_until(
            "the minute-by-minute strips of the attendees in view",
            "document.querySelectorAll('#attendees-grid canvas.minute-strip[data-state=drawn]').length >= Math.min(5, document.querySelectorAll('#attendees-grid .vtable-rows .vtable-row').length)",
        )
        .await;
    let name = window
        .text_of("#attendees-grid .vtable-rows .vtable-row[data-index=\"0\"] .attendee-name")
        .await;
    let needle: String = name.chars().take(3).collect();
    if needle.chars().count() == 3 {
        window.fill("#attendees-search", &needle).await;
        let (found, all) = shown_of(window.text_of("#attendees-count").await);
        assert!(
            found >= 1 && found <= attendees && all == attendees,
            "searching {needle:?} keeps {found} of {attendees}"
        );
        window.fill("#attendees-search", "").await;
    }
    // The first click on the table both focuses it and opens the row (it once lost the click).
    window
        .click("#attendees-grid .vtable-rows .vtable-row[data-index=\"0\"] .attendee-name")
        .await;
    image_drawn(
        window,
        "#attendee-detail img.strip",
        "one attendee's minute-by-minute engagement strip",
    )
    .await;
    image_drawn(
        window,
        "#chart-timeline",
        "the timeline's SVG shown as an image",
    )
    .await;
    for id in ["#chart-countries", "#chart-devices"] {
        window.find(id).await;
    }
    let minutes = window
        .js(
            "return document.querySelectorAll('#chart-timeline-table tbody tr').length",
            vec![],
        )
        .await
        .as_u64()
        .unwrap_or(0);
    assert!(
        minutes > 0,
        "the timeline's figures are there as a table too"
    );
    // The attendees table saved through the Save as CSV sheet (Kaltura's own column names
    // chosen there) and the system's Save dialog, every attendee in the file.
    window.click("#save-attendees").await;
    window.find("#export-confirm").await;
    window.click("#export-headers").await;
    let path = setup.documents().join("session-attendees.csv");
    save_from_sheet(window, "export", SAVE_TITLE, &path, "the attendees saved").await;
    let text = std::fs::read_to_string(&path).expect("the attendees table was saved");
    let lines = text.lines().count() as u64;
    assert!(
        lines > attendees,
        "a header and every attendee ({attendees}) in the file, got {lines} lines"
    );
    assert!(
        text.trim_start_matches('\u{feff}').starts_with("user_id,"),
        "Kaltura's own column names, as chosen in the sheet: {:?}",
        text.lines().next()
    );
    // The timeline saved as a picture through the system's Save dialog.
    click_to_open_dialog(window, "#save-chart-timeline-png").await;
    let dialog = dialog_opened(window, SAVE_CHART_PNG_TITLE).await;
    let path = setup.documents().join("session-timeline.png");
    type_path_and_enter(dialog, &path.display().to_string(), DialogKind::Save).await;
    x11_desktop::wait_until_gone(SAVE_CHART_PNG_TITLE, DIALOG_LIMIT).await;
    window
        .wait_until(
            "the timeline saved",
            "document.querySelector('#rooms-status')?.textContent.includes('session-timeline.png')",
        )
        .await;
    let png = std::fs::read(&path).expect("the timeline was saved");
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000,
        "a PNG picture of the timeline, {} bytes",
        png.len()
    );
    // The session's report as a PDF: Download report, US Letter chosen in the sheet, the
    // system's Save dialog; the file read back with poppler's pdftotext and pdfinfo.
    window.click("#session-pdf").await;
    window.find("#pdf-confirm").await;
    window.choose("#pdf-paper", "letter").await;
    let path = setup.documents().join("session-report.pdf");
    save_from_sheet(
        window,
        "pdf",
        SAVE_PDF_TITLE,
        &path,
        "the session's PDF saved",
    )
    .await;
    let pdf = std::fs::read(&path).expect("the session's PDF was saved");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF file");
    let poppler = |tool: &str, args: &[&str]| -> String {
        let out = std::process::Command::new(tool)
            .args(args)
            .arg(&path)
            .args(if tool == "pdftotext" {
                &["-"][..]
            } else {
                &[][..]
            })
            .output()
            .unwrap_or_else(|e| panic!("{tool} (poppler-utils) could not run: {e}"));
        assert!(out.status.success(), "{tool} failed on the saved PDF");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(
        poppler("pdfinfo", &[]).contains("612 x 792"),
        "US Letter, as chosen"
    );
    let text = poppler("pdftotext", &["-raw"]);
    assert!(
        text.contains(&format!(
            "All {} attendees",
            roomlens::wording::count(attendees)
        )),
        "every attendee listed in the PDF:\n{}",
        text.chars().take(600).collect::<String>()
    );
    let squeezed = |t: &str| t.split_whitespace().collect::<String>();
    assert!(
        squeezed(&text).contains(&squeezed(&name)),
        "the first attendee, {name:?}, in the PDF"
    );
    // Its first two pages as pictures for the README, drawn by poppler as a viewer would.
    for page in ["1", "2"] {
        let picture = setup
            .screenshots
            .join(format!("22-session-report-page-{page}"));
        let drawn = std::process::Command::new("pdftoppm")
            .args(["-r", "60", "-png", "-singlefile", "-f", page, "-l", page])
            .arg(&path)
            .arg(&picture)
            .status()
            .expect("pdftoppm (poppler-utils) runs");
        assert!(
            drawn.success(),
            "pdftoppm drew page {page} of the session's PDF"
        );
    }
    window
        .js(
            "document.querySelector('#timeline-host').scrollIntoView();",
            vec![],
        )
        .await;
    window.screenshot("18-rooms-dashboard").await;
    rooms_in_dark_mode(window).await;
    let sessions = window
        .js(
            "return [...document.querySelectorAll('#session-picker option')].map((o) => o.value)",
            vec![],
        )
        .await;
    let sessions: Vec<String> = serde_json::from_value(sessions).unwrap_or_default();
    if let [newest, older, ..] = sessions.as_slice() {
        window.choose("#session-picker", older).await;
        rooms_loaded(window).await;
        assert_eq!(
            window
                .js(
                    "return document.querySelector('#session-picker').value",
                    vec![]
                )
                .await,
            json!(older)
        );
        window.choose("#session-picker", newest).await;
        rooms_loaded(window).await;
        assert_eq!(
            window.text_of("#rooms-status").await,
            "Shown from earlier in this run.",
            "going back to a session does not fetch it again"
        );
    }
    // A room typed by its ID: the Demo's room with a recording shows the recording's figures.
    let recorded = demo
        .edge_sessions()
        .expect("the Demo has a room with a recording")
        .with_recording
        .room_id;
    window.fill("#room-id", &recorded).await;
    window.click("#room-open").await;
    rooms_loaded(window).await;
    window.find("#recording-cards").await;
    image_drawn(
        window,
        "#chart-recording-plays",
        "the recording's plays-per-day chart",
    )
    .await;
    window.click("#nav-reports").await;
    // The steps after this one work on the Demo's attendees, as the steps before left them.
    let state = fetch(window, "attendees", "30").await;
    assert_eq!(state, "done");
}

/// The text of column `key` in the first row on screen.
async fn first_row_cell(window: &Window, key: &str) -> String {
    let value = window
        .js(
            "const head = document.querySelector(`#rows-table [data-column=\"${arguments[0]}\"]`)?.closest('[aria-colindex]');
             const at = head?.getAttribute('aria-colindex');
             return at ? document.querySelector(`#rows-table .vtable-row[data-row-index=\"0\"] [aria-colindex=\"${at}\"]`)?.textContent ?? null : null;",
            vec![json!(key)],
        )
        .await;
    value
        .as_str()
        .unwrap_or_else(|| panic!("no {key} column in the table"))
        .to_owned()
}

/// Which filter boxes the chosen report shows comes from Rust's report tables; what is typed in
/// them (an ID twice, with spaces and a stray separator) reaches Kaltura as one filter, and
/// every row fetched is of that room.
async fn filters_narrow_the_fetch(window: &Window) {
    const VISIBLE_FILTERS: &str =
        "return [...document.querySelectorAll('#filters [data-filter]')].filter((f) => !f.hidden).map((f) => f.dataset.filter)";
    window.choose("#report-kind", "breakouts").await;
    assert_eq!(
        window.js(VISIBLE_FILTERS, vec![]).await,
        json!(["main_room_ids", "virtual_event_ids"]),
        "Breakout rooms take main room IDs and virtual event IDs"
    );
    window.choose("#report-kind", "attendees").await;
    assert_eq!(
        window.js(VISIBLE_FILTERS, vec![]).await,
        json!(["room_ids", "session_ids", "user_ids", "virtual_event_ids"]),
        "Attendees take room, session, user and virtual event IDs"
    );
    let state = fetch(window, "attendees", "30").await;
    assert_eq!(state, "done");
    let all = total_rows_shown(window).await;
    let room = first_row_cell(window, "entry_id").await;
    window.click("#filters-toggle").await;
    window
        .fill("#filter-room-ids", &format!(" {room} ,, {room};"))
        .await;
    assert_eq!(window.text_of("#filters-count").await, "1");
    let state = window.settle_after(|| window.click("#fetch")).await;
    assert_eq!(state, "done", "fetching with a room filter");
    let filtered = total_rows_shown(window).await;
    assert!(
        filtered > 0 && filtered < all,
        "the room filter narrows {all} attendees, got {filtered}"
    );
    assert_eq!(first_row_cell(window, "entry_id").await, room);
    window.fill("#filter-room-ids", "").await;
    window.click("#filters-toggle").await;
    let state = fetch(window, "attendees", "30").await;
    assert_eq!(state, "done");
    assert_eq!(
        total_rows_shown(window).await,
        all,
        "without the filter, every attendee again"
    );
}

async fn drilldown_lists_sessions(window: &Window) {
    let name = window
        .text_of("#rows-table .vtable-row[data-row-index=\"0\"] [role=gridcell]")
        .await;
    window
        .click("#rows-table .vtable-row[data-row-index=\"0\"]")
        .await;
    window.find("#drilldown").await;
    let sessions = window
        .wait_until(
            "the person's sessions",
            "document.querySelectorAll('#drilldown-sessions tbody tr').length",
        )
        .await;
    let heading = window.text_of("#drilldown-content h3").await;
    assert!(
        heading.starts_with(&format!("{sessions} session")),
        "the heading counts the sessions listed ({sessions}), got {heading:?}"
    );
    let title = window.text_of("#drilldown .sheet-title").await;
    if name != "—" {
        assert_eq!(title, name, "the sheet is about the person clicked");
    }
    let cards = window
        .js(
            "return document.querySelectorAll('#drilldown-cards .card').length",
            vec![],
        )
        .await;
    assert!(
        cards.as_u64().unwrap_or(0) > 0,
        "the person's summary cards are shown"
    );
    window.screenshot("15-drilldown").await;
    window.click("#drilldown-done").await;
    window
        .wait_until(
            "the drill-down to close",
            "document.querySelector('#drilldown') === null",
        )
        .await;
}

async fn hostile_names_are_text(window: &Window) {
    window
        .js(
            "window.__pwned = undefined; window.alert = () => { window.__pwned = true; };",
            vec![],
        )
        .await;
    window.fill("#search", "onerror").await;
    window
        .wait_until(
            "a hostile name in the table",
            "[...document.querySelectorAll('#rows-table [role=gridcell]')].some(c => c.textContent.includes('<img src=x onerror=alert(1)>'))",
        )
        .await;
    let injected = window
        .js("return document.querySelectorAll('#rows-table img, img[src=\"x\"], script:not([src])').length", vec![])
        .await;
    assert_eq!(injected, json!(0), "no element may be made from a name");
    assert_eq!(
        window
            .js("return window.__pwned === undefined", vec![])
            .await,
        json!(true),
        "no script may run from a name"
    );
    // The charts above the table count only the rows the search matches, and say so.
    window
        .wait_until(
            "the charts redrawn for the search",
            "document.querySelector('#report-charts')?.dataset.state === 'done' && \
             document.querySelector('#report-charts-scope').textContent.includes('onerror') && \
             !!document.querySelector('#chart-report-people-per-role')",
        )
        .await;
    let people = window
        .js(
            "return [...document.querySelectorAll('#chart-report-participation-time-table tbody tr td:nth-child(2)')] \
               .reduce((sum, td) => sum + Number(td.textContent.replace(/[^0-9]/g, '')), 0)",
            vec![],
        )
        .await;
    assert!(
        matches!(people.as_u64(), Some(1..=20)),
        "the charts count only the people the search matched, got {people}"
    );
    window.screenshot("05-hostile-names-as-text").await;
    window.fill("#search", "").await;
    window
        .wait_until(
            "the search cleared and every row back",
            "document.querySelector('#search').value === '' && (() => { \
               const m = document.querySelector('#row-count').textContent.match(/Showing (\\S+) of (\\S+)/); \
               return !!m && m[1] === m[2]; })()",
        )
        .await;
}

/// Titles of the system's dialogs, as Roomlens names them.
const OPEN_TITLE: &str = "Open a room report";
const SAVE_TITLE: &str = "Save report as CSV";
const SAVE_CHART_PNG_TITLE: &str = "Save chart as PNG";
const SAVE_CHART_SVG_TITLE: &str = "Save chart as SVG";
const SAVE_PDF_TITLE: &str = "Save report as PDF";
/// How long a system dialog may take to appear or go (a limit for hung runs).
const DIALOG_LIMIT: Duration = Duration::from_secs(20);
/// How long the window may take to paint a frame and answer a command while a dialog is open.
/// A frozen main thread (the bug where rfd's dialog deadlocked GTK's main loop) never answers.
const ANSWER_LIMIT: Duration = Duration::from_secs(3);

/// The Roomlens window on the X display.
async fn main_window() -> WindowId {
    x11_desktop::wait_for_window("Roomlens", DIALOG_LIMIT).await
}

/// Clicks the control `css` that opens a system dialog. The click must come back within
/// ANSWER_LIMIT: a main thread that blocks while showing the dialog holds the click too.
async fn click_to_open_dialog(window: &Window, css: &str) {
    tokio::time::timeout(ANSWER_LIMIT, window.click(css))
        .await
        .unwrap_or_else(|_| {
            panic!("the window stopped answering after the click on {css} that opens a file dialog (no answer within {ANSWER_LIMIT:?})")
        });
}

/// Waits for the system dialog titled `title`; checks that it is attached to the Roomlens window
/// and that the window keeps painting and answering while it is open.
async fn dialog_opened(window: &Window, title: &str) -> WindowId {
    let dialog = x11_desktop::wait_for_window(title, DIALOG_LIMIT).await;
    let main = main_window().await;
    assert_eq!(
        x11_desktop::transient_for(dialog),
        Some(main),
        "the {title:?} dialog is attached to the Roomlens window"
    );
    window_answers_while(window, title).await;
    dialog
}

/// Fails unless the page paints a frame and a command answers within ANSWER_LIMIT.
async fn window_answers_while(window: &Window, what: &str) {
    let script = "const done = arguments[0];
        requestAnimationFrame(() => window.__TAURI__.core.invoke('list_accounts')
          .then((accounts) => done({ accounts: accounts.length }), (e) => done({ error: String(e?.message ?? e) })));";
    let answer = tokio::time::timeout(ANSWER_LIMIT, window.js_async(script, vec![]))
        .await
        .unwrap_or_else(|_| {
            panic!("the window stopped answering while {what:?} was open: no frame and no command answer within {ANSWER_LIMIT:?}")
        });
    assert!(
        answer["accounts"].as_u64().unwrap_or(0) >= 1,
        "a command answered while {what:?} was open, got {answer}"
    );
}

#[derive(Clone, Copy, PartialEq)]
enum DialogKind {
    Open,
    Save,
}

/// Types `path` (a full path, or a name in the folder the dialog shows) into the system dialog as
/// a person would and presses Enter: in GTK's chooser, Ctrl+L opens the location field of an
/// Open dialog; a Save dialog's name field takes a name or a path.
async fn type_path_and_enter(dialog: WindowId, path: &str, kind: DialogKind) {
    x11_desktop::focus(dialog, DIALOG_LIMIT).await;
    if kind == DialogKind::Open {
        x11_desktop::press("ctrl+l");
    }
    x11_desktop::press("ctrl+a");
    x11_desktop::type_text(path);
    x11_desktop::press("Return");
}

/// From an open Save as CSV or PDF sheet (`sheet`: "export" or "pdf"): clicks its Save…, names
/// `path` in the system's Save dialog titled `title`, and waits (as `what`) until the sheet is
/// gone and the status line names the file.
async fn save_from_sheet(window: &Window, sheet: &str, title: &str, path: &Path, what: &str) {
    click_to_open_dialog(window, &format!("#{sheet}-confirm")).await;
    let dialog = dialog_opened(window, title).await;
    type_path_and_enter(dialog, &path.display().to_string(), DialogKind::Save).await;
    x11_desktop::wait_until_gone(title, DIALOG_LIMIT).await;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    window
        .wait_until(
            what,
            &format!(
                "!document.querySelector('#{sheet}-sheet') && document.querySelector('#status')?.textContent.includes({})",
                serde_json::to_string(&name).unwrap()
            ),
        )
        .await;
}

/// After a click on Open CSV…: chooses `path` in the system's Open dialog.
async fn choose_in_open_dialog(window: &Window, path: &str) {
    let dialog = dialog_opened(window, OPEN_TITLE).await;
    type_path_and_enter(dialog, path, DialogKind::Open).await;
    x11_desktop::wait_until_gone(OPEN_TITLE, DIALOG_LIMIT).await;
}

/// What a person sees of the report view, to compare before and after a cancelled dialog.
async fn report_view_snapshot(window: &Window) -> serde_json::Value {
    window
        .js(
            "const text = (s) => document.querySelector(s)?.textContent ?? null;
             return { state: document.querySelector('#main').dataset.state, source: text('#report-source'),
                      rows: text('#row-count'), status: text('#status'), kind: document.querySelector('#report-kind').value,
                      banner: document.querySelector('#error-banner').hidden, sheets: document.querySelectorAll('dialog[open]').length,
                      first: text('#rows-table .vtable-row[data-row-index=\"0\"]') };",
            vec![],
        )
        .await
}

async fn open_dialog_cancelled_changes_nothing(window: &Window, setup: &Setup) {
    let before = report_view_snapshot(window).await;
    click_to_open_dialog(window, "#open-csv").await;
    let dialog = dialog_opened(window, OPEN_TITLE).await;
    assert_eq!(
        window
            .js(
                "return document.querySelector('#open-csv').disabled",
                vec![]
            )
            .await,
        json!(true),
        "Open CSV… is unavailable while its dialog is open"
    );
    // A second request while the dialog is open (as a shortcut or a drop might make) answers at
    // once and opens nothing: still exactly one dialog.
    let second = tokio::time::timeout(
        ANSWER_LIMIT,
        window.js_async(
            "const done = arguments[0];
             window.__TAURI__.core.invoke('open_csv', { progress: new window.__TAURI__.core.Channel() }).then((r) => done({ result: r }), (e) => done({ error: String(e?.message ?? e) }));",
            vec![],
        ),
    )
    .await
    .expect("a second Open request answers while the first dialog is open");
    assert_eq!(
        second,
        json!({ "result": null }),
        "the second request opens nothing"
    );
    assert_eq!(
        x11_desktop::windows_titled(OPEN_TITLE),
        vec![dialog],
        "still exactly one Open dialog"
    );
    x11_desktop::screenshot(
        &[main_window().await, dialog],
        &setup.screenshots.join("16-open-dialog.png"),
    );
    x11_desktop::focus(dialog, DIALOG_LIMIT).await;
    x11_desktop::press("Escape");
    x11_desktop::wait_until_gone(OPEN_TITLE, DIALOG_LIMIT).await;
    window_answers_while(window, "the Open dialog closing").await;
    window
        .wait_until(
            "Open CSV… to be available again",
            "!document.querySelector('#open-csv').disabled",
        )
        .await;
    assert_eq!(
        report_view_snapshot(window).await,
        before,
        "Escape in the Open dialog leaves the window exactly as it was"
    );
}

async fn save_dialog_cancelled_returns_to_the_sheet(window: &Window, setup: &Setup) {
    let before = report_view_snapshot(window).await;
    window.click("#save-csv").await;
    window.find("#export-confirm").await;
    window.click("#export-headers").await;
    window.choose("#export-delimiter", "semicolon").await;
    click_to_open_dialog(window, "#export-confirm").await;
    let dialog = dialog_opened(window, SAVE_TITLE).await;
    x11_desktop::screenshot(
        &[main_window().await, dialog],
        &setup.screenshots.join("17-save-dialog.png"),
    );
    x11_desktop::focus(dialog, DIALOG_LIMIT).await;
    x11_desktop::press("Escape");
    x11_desktop::wait_until_gone(SAVE_TITLE, DIALOG_LIMIT).await;
    window_answers_while(window, "the Save dialog closing").await;
    let sheet = window
        .wait_until(
            "the export options back, ready to save",
            "(() => { const c = document.querySelector('#export-confirm'); return !!c && !c.disabled && c.textContent === 'Save…' && \
               { headers: document.querySelector('#export-headers').checked, delimiter: document.querySelector('#export-delimiter').value, \
                 focused: document.activeElement?.id ?? null }; })()",
        )
        .await;
    assert_eq!(
        sheet,
        json!({ "headers": false, "delimiter": "semicolon", "focused": "export-confirm" }),
        "Escape in the Save dialog returns to the options as they were"
    );
    window.click("#export-cancel").await;
    window
        .wait_until(
            "the export options to close",
            "document.querySelector('#export-sheet') === null",
        )
        .await;
    assert_eq!(
        report_view_snapshot(window).await,
        before,
        "nothing was saved and nothing changed"
    );
}

/// The attendees report shown saved as a PDF of its summary and the first 20 pages of its table
/// (the sheet's default), read back with poppler: the cards, the first rows, and the note of the
/// rows left for the CSV.
async fn save_pdf_writes_the_report(window: &Window, setup: &Setup, rows: u64) {
    // One of the charts above the table saved as SVG through the system's Save dialog.
    click_to_open_dialog(window, "#save-chart-report-engagement-rate").await;
    let dialog = dialog_opened(window, SAVE_CHART_SVG_TITLE).await;
    let path = setup.documents().join("attendees-engagement.svg");
    type_path_and_enter(dialog, &path.display().to_string(), DialogKind::Save).await;
    x11_desktop::wait_until_gone(SAVE_CHART_SVG_TITLE, DIALOG_LIMIT).await;
    window
        .wait_until(
            "the chart saved",
            "document.querySelector('#status')?.textContent.includes('attendees-engagement.svg')",
        )
        .await;
    let svg = std::fs::read_to_string(&path).expect("the chart was saved");
    assert!(
        svg.starts_with("<svg") && svg.contains("People by engagement rate"),
        "an SVG of the engagement chart: {}",
        svg.chars().take(200).collect::<String>()
    );
    window.click("#save-pdf").await;
    window.find("#pdf-pages").await;
    let path = setup.documents().join("attendees-report.pdf");
    save_from_sheet(
        window,
        "pdf",
        SAVE_PDF_TITLE,
        &path,
        "the report's PDF saved",
    )
    .await;
    let out = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success(), "the report's PDF reads");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Attendees report")
            && text.contains("Unique attendees")
            && text.contains("People by engagement rate")
            && text.contains("People per role"),
        "{}",
        text.chars().take(400).collect::<String>()
    );
    let pages = std::process::Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&pages.stdout);
    let count: u64 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    // The cards and the charts take the first pages; the table at most 20 after them.
    assert!(
        (2..=23).contains(&count),
        "{count} pages: the summary and charts, then the table's first 20 at most"
    );
    if rows > 20 * 60 {
        assert!(
            text.contains("more rows in the CSV"),
            "the rows left out are counted"
        );
    }
    // Its first page as a picture for the README, drawn by poppler as a viewer would.
    let drawn = std::process::Command::new("pdftoppm")
        .args(["-r", "60", "-png", "-singlefile", "-f", "1", "-l", "1"])
        .arg(&path)
        .arg(setup.screenshots.join("23-report-pdf-page-1"))
        .status()
        .expect("pdftoppm (poppler-utils) runs");
    assert!(drawn.success(), "pdftoppm drew the report PDF's first page");
}

async fn save_csv_writes_the_report(window: &Window, setup: &Setup) -> u64 {
    let shown = total_rows_shown(window).await;
    window.click("#save-csv").await;
    window.find("#export-confirm").await;
    window.screenshot("06-export-options").await;
    click_to_open_dialog(window, "#export-confirm").await;
    let dialog = dialog_opened(window, SAVE_TITLE).await;
    // Only a name: the Save dialog starts in the person's Documents folder.
    let name = setup
        .save_path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    type_path_and_enter(dialog, &name, DialogKind::Save).await;
    x11_desktop::wait_until_gone(SAVE_TITLE, DIALOG_LIMIT).await;
    window
        .wait_until(
            "the saved status",
            "document.querySelector('#status')?.textContent.includes('Saved to')",
        )
        .await;
    let status = window.text_of("#status").await;
    assert!(
        status.contains(&setup.save_path().display().to_string()),
        "the status names the file chosen in the dialog, got {status:?}"
    );
    let bytes = std::fs::read(setup.save_path())
        .expect("the CSV was saved in Documents, where the Save dialog started");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "Excel compatibility (BOM) is on by default"
    );
    let outcome =
        read_report_file(&setup.save_path()).expect("the saved CSV reads back as a report");
    assert_eq!(outcome.report.kind(), ReportKind::Attendees);
    assert_eq!(
        outcome.report.len() as u64,
        shown,
        "every row on screen is in the file"
    );
    assert_eq!(outcome.stats.rows_rejected, 0);
    let header = String::from_utf8_lossy(&bytes[3..])
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(
        header.contains("User name"),
        "descriptive headers by default, got {header:?}"
    );
    shown
}

async fn open_good_csv(window: &Window, setup: &Setup, rows: u64) {
    std::fs::copy(setup.save_path(), setup.open_path()).unwrap();
    window.choose("#report-kind", "room_data").await;
    let state = window
        .settle_after(|| async {
            click_to_open_dialog(window, "#open-csv").await;
            choose_in_open_dialog(window, &setup.open_path().to_string_lossy()).await;
        })
        .await;
    assert_eq!(state, "done", "opening a good CSV");
    let source = window.text_of("#report-source").await;
    assert!(
        source.contains("to-open.csv"),
        "the source line names the file, got {source:?}"
    );
    // The progress box told how far reading got, and is gone now that the file is open.
    let told = window.text_of("#progress-text").await;
    assert!(
        told.starts_with("Reading to-open.csv — ") && told.contains(" of "),
        "reading progress was shown, got {told:?}"
    );
    assert_eq!(
        window
            .js("return document.querySelector('#progress').hidden", vec![])
            .await,
        json!(true)
    );
    assert_eq!(
        window
            .js(
                "return document.querySelector('#report-kind').value",
                vec![]
            )
            .await,
        json!("attendees")
    );
    assert_eq!(total_rows_shown(window).await, rows);
    let kept: String = window
        .text_of("#rows-kept")
        .await
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    assert_eq!(kept, rows.to_string(), "the read line shows the rows kept");
    window.screenshot("07-opened-csv").await;
}

/// "Send to my e-mail" on the fetched report shown: a mistyped address is refused in the sheet
/// (nothing sent), a good one is accepted by Kaltura (the Demo account's built-in simulator,
/// which checks and records the request) and the banner says where the link goes.
async fn send_to_my_email(window: &Window) {
    window.click("#send-email").await;
    window.find("#email-to").await;
    window.fill("#email-to", "ada at example").await;
    window.click("#email-confirm").await;
    window
        .wait_until(
            "the address refused",
            "!document.querySelector('#email-error').hidden && document.querySelector('#email-error').textContent.includes('name@example.com')",
        )
        .await;
    window.fill("#email-to", "ada@example.org").await;
    window.screenshot("24-send-to-my-email").await;
    window.click("#email-confirm").await;
    window
        .wait_until(
            "Kaltura's acceptance told",
            "document.querySelector('#email-sheet') === null && \
             document.querySelector('#error-banner').dataset.code === 'email_sent' && \
             document.querySelector('#banner-message').textContent.includes('ada@example.org')",
        )
        .await;
    let told = window.text_of("#banner-message").await;
    assert!(
        told.contains("seven days") && told.contains("job number"),
        "{told}"
    );
}

/// Opens `path` through Open CSV… and the system's dialog, and waits for the error banner with
/// `code`; returns its sentence.
async fn banner_after_opening(window: &Window, code: &str, path: &str) -> String {
    window.js("const b = document.querySelector('#error-banner'); b.hidden = true; b.dataset.code = '';", vec![]).await;
    click_to_open_dialog(window, "#open-csv").await;
    choose_in_open_dialog(window, path).await;
    let wanted = serde_json::to_string(code).unwrap();
    window
        .wait_until(
            &format!("the {code} banner"),
            &format!("!document.querySelector('#error-banner').hidden && document.querySelector('#error-banner').dataset.code === {wanted}"),
        )
        .await;
    window.text_of("#banner-message").await
}

async fn open_bad_csvs(window: &Window, setup: &Setup) {
    let cases: [(&str, &[u8]); 3] = [
        ("not-a-report", b"name,age\nAda,36\nGrace,45\n"),
        ("empty", b""),
        ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
    ];
    // Only a name: the Open dialog starts in the folder of the file opened last.
    let file_name = setup
        .open_path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    for (i, (case, bytes)) in cases.iter().enumerate() {
        std::fs::write(setup.open_path(), bytes).unwrap();
        let expected =
            read_report_file(&setup.open_path()).expect_err("the core refuses this file");
        let message = banner_after_opening(window, expected.code.as_str(), &file_name).await;
        assert_eq!(
            message, expected.message,
            "{case}: the window shows the core's sentence"
        );
        if i == 0 {
            window.screenshot("08-bad-file-error").await;
        }
    }
    window.click("#banner-dismiss").await;
}

async fn core_test_connection(partner_id: i64, secret: &str, url: &str) -> roomlens::Error {
    let credentials = Credentials {
        partner_id,
        secret: AdminSecret::new(secret).unwrap(),
        service_url: ServiceUrl::parse(url).unwrap(),
    };
    let client = KalturaClient::new(credentials, ClientOptions::default()).unwrap();
    client
        .test_connection(&CancelToken::new())
        .await
        .expect_err("this connection must fail")
}

async fn fill_account_sheet(window: &Window, name: &str, partner_id: i64, secret: &str, url: &str) {
    window.fill("#account-name", name).await;
    window
        .fill("#account-partner-id", &partner_id.to_string())
        .await;
    window.fill("#account-secret", secret).await;
    window.choose("#account-region", "custom").await;
    window.fill("#account-custom-url", url).await;
}

/// Opens the Add account sheet, fills it for `sim` under `name`, and sees its connection test pass.
async fn sheet_connects(window: &Window, name: &str, sim: &SimProcess) {
    window.click("#add-account").await;
    fill_account_sheet(window, name, sim.partner_id, &sim.admin_secret, &sim.url).await;
    let (result, message) = test_result(window).await;
    assert_eq!(result, "ok", "{name}'s simulator connects: {message}");
}

/// Saves the Add account sheet; the new account's id, once the switcher shows it (the only
/// account besides the Demo).
async fn save_new_account(window: &Window) -> String {
    window.click("#account-save").await;
    let id = window
        .wait_until(
            "the new account in the switcher",
            "[...document.querySelectorAll('button.account-option')].map(b => b.dataset.accountId).find(id => id !== 'demo')",
        )
        .await;
    id.as_str().unwrap().to_owned()
}

async fn test_result(window: &Window) -> (String, String) {
    window.click("#account-test").await;
    window
        .wait_until(
            "the connection test result",
            "['ok', 'failed'].includes(document.querySelector('#account-test-result')?.dataset.result)",
        )
        .await;
    let result = window
        .js(
            "return document.querySelector('#account-test-result').dataset.result",
            vec![],
        )
        .await;
    (
        result.as_str().unwrap_or_default().to_owned(),
        window.text_of("#account-test-result").await,
    )
}

async fn account_errors_are_plain_sentences(window: &Window, sim: &SimProcess) {
    window.click("#nav-settings").await;
    window.click("#add-account").await;
    window.find("#account-sheet").await;

    let wrong = format!("{}x", sim.admin_secret);
    fill_account_sheet(window, "Wrong secret", sim.partner_id, &wrong, &sim.url).await;
    let expected = core_test_connection(sim.partner_id, &wrong, &sim.url).await;
    assert_eq!(expected.code, roomlens::ErrorCode::CredentialsRejected);
    let (result, message) = test_result(window).await;
    assert_eq!(result, "failed");
    assert_eq!(
        message, expected.message,
        "wrong secret: the window shows the core's sentence"
    );
    assert!(
        !message.contains(&wrong),
        "the sentence never holds the secret"
    );
    window.screenshot("09-wrong-secret").await;

    let closed_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let nowhere = format!("http://127.0.0.1:{closed_port}");
    window.fill("#account-custom-url", &nowhere).await;
    window.fill("#account-secret", &sim.admin_secret).await;
    let expected = core_test_connection(sim.partner_id, &sim.admin_secret, &nowhere).await;
    let (result, message) = test_result(window).await;
    assert_eq!(result, "failed");
    assert_eq!(
        message, expected.message,
        "no network: the window shows the core's sentence"
    );
    window.screenshot("10-no-network").await;
    window.click("#account-cancel").await;
}

fn keyring_lookup(partner_id: i64, url: &str) -> Option<String> {
    let output = Command::new("secret-tool")
        .args([
            "lookup",
            "service",
            "Roomlens",
            "username",
            &format!("{partner_id}@{url}"),
        ])
        .output()
        .expect("secret-tool runs (libsecret-tools)");
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
        .filter(|s| !s.is_empty())
}

async fn add_account_stores_the_secret_in_the_keyring(
    window: &Window,
    sim: &SimProcess,
    setup: &Setup,
) -> String {
    let url = ServiceUrl::parse(&sim.url).unwrap().as_str().to_owned();
    assert!(
        keyring_lookup(sim.partner_id, &url).is_none(),
        "no secret is stored before the account is added"
    );
    sheet_connects(window, "Training team", sim).await;
    window.screenshot("11-add-account").await;
    let id = save_new_account(window).await;
    let stored = keyring_lookup(sim.partner_id, &url);
    assert!(
        stored.as_deref() == Some(sim.admin_secret.as_str()),
        "the admin secret is in the real keyring"
    );
    let accounts = std::fs::read_to_string(setup.config_dir().join("accounts.json"))
        .expect("the accounts file is written");
    assert!(accounts.contains("Training team"));
    assert!(
        !accounts.contains(&sim.admin_secret),
        "the accounts file never holds the secret"
    );
    window.click(&format!("#account-check-{id}")).await;
    let reach = serde_json::to_string(&format!("#reach-row-{id}")).unwrap();
    window
        .wait_until(
            "Test connection in Settings to reach the simulator",
            &format!("document.querySelector({reach})?.dataset.reach === 'ok'"),
        )
        .await;
    window.screenshot("12-settings-accounts").await;
    id
}

async fn fetch_from_added_account(window: &Window, sim: &SimProcess, id: &str) {
    window
        .click(&format!("button.account-option[data-account-id=\"{id}\"]"))
        .await;
    window.click("#nav-reports").await;
    let state = fetch(window, "room_data", "7").await;
    assert_eq!(state, "done", "fetching room data from the added account");
    let credentials = Credentials {
        partner_id: sim.partner_id,
        secret: AdminSecret::new(sim.admin_secret.clone()).unwrap(),
        service_url: ServiceUrl::parse(&sim.url).unwrap(),
    };
    let client = KalturaClient::new(credentials, ClientOptions::default()).unwrap();
    let range = DateRangeChoice::LastDays(7)
        .resolve(&TimeZone::system(), Timestamp::now())
        .unwrap();
    let request = FetchRequest {
        kind: ReportKind::RoomData,
        range,
        filters: ReportFilters::default(),
    };
    let outcome = fetch_report(&client, &request, &|_| {}, &CancelToken::new())
        .await
        .unwrap();
    assert_eq!(
        total_rows_shown(window).await,
        outcome.report.len() as u64,
        "the window shows every row Kaltura sent"
    );
    let source = window.text_of("#report-source").await;
    assert!(
        source.contains("Training team"),
        "the source line names the account, got {source:?}"
    );
}

/// The Library lists the reports fetched and opened in this run (newest first); the room data
/// fetched from the added account opens on Reports with every row though its Kaltura is gone; a
/// kept report is deleted after the confirmation.
async fn library_keeps_and_opens_offline(window: &Window) {
    window.click("#nav-library").await;
    window
        .wait_until(
            "the library listed with the Training team's fetch",
            "document.querySelector('#view-library')?.dataset.state === 'done' && \
             [...document.querySelectorAll('#library-rows tr[data-snapshot]')].some(tr => tr.textContent.includes('Training team'))",
        )
        .await;
    let listed = window
        .js(
            "return document.querySelectorAll('#library-rows tr').length",
            vec![],
        )
        .await;
    assert!(
        listed.as_u64().unwrap_or(0) >= 5,
        "the Demo's fetches, the opened file and the added account's fetch are kept: {listed}"
    );
    assert!(window.text_of("#library-size").await.contains("on disk"));
    window.screenshot("25-library").await;
    let rows: u64 = window
        .js(
            "const tr = [...document.querySelectorAll('#library-rows tr[data-snapshot]')].find(tr => tr.textContent.includes('Training team')); \
             return Number(tr.children[2].textContent.replace(/[^0-9]/g, ''))",
            vec![],
        )
        .await
        .as_u64()
        .unwrap_or(0);
    window
        .js(
            "[...document.querySelectorAll('#library-rows tr[data-snapshot]')].find(tr => tr.textContent.includes('Training team')).querySelector('.library-open').click()",
            vec![],
        )
        .await;
    window
        .wait_until(
            "the kept report on Reports",
            "document.querySelector('#report-source').textContent.includes('from the library') && document.querySelector('#main').dataset.state === 'done'",
        )
        .await;
    assert_eq!(
        total_rows_shown(window).await,
        rows,
        "every kept row, with Kaltura gone"
    );
    assert!(window
        .text_of("#report-source")
        .await
        .contains("Training team"));
    // Delete one (the oldest), confirming in the sheet.
    window.click("#nav-library").await;
    window
        .wait_until(
            "the library listed again",
            "document.querySelector('#view-library')?.dataset.state === 'done'",
        )
        .await;
    window
        .js("[...document.querySelectorAll('#library-rows tr[data-snapshot]')].pop().querySelector('.library-remove').click()", vec![])
        .await;
    window.click("#library-remove-sheet-confirm").await;
    window
        .wait_until(
            "one fewer kept report",
            &format!(
                "document.querySelectorAll('#library-rows tr').length === {}",
                listed.as_u64().unwrap_or(1) - 1
            ),
        )
        .await;
    // A kept Demo attendees report opened too: Reports is left on Attendees, as before this step.
    window
        .js(
            "[...document.querySelectorAll('#library-rows tr')].find(tr => tr.children[0].textContent === 'Attendees' && tr.textContent.includes('Demo')).querySelector('.library-open').click()",
            vec![],
        )
        .await;
    window
        .wait_until(
            "the kept attendees on Reports",
            "document.querySelector('#report-source').textContent.startsWith('Attendees · from the library') && document.querySelector('#main').dataset.state === 'done'",
        )
        .await;
}

/// A session dashboard as it was shown, and the library's id of the copy kept of it.
struct KeptSession {
    room_id: String,
    id: i64,
    figures: serde_json::Value,
}

/// What the Rooms screen shows of the session on screen, as text: the title and session, every
/// card, the attendees' count and first names, countries, devices and the timeline's minutes.
/// Waits for the charts and the attendees' rows first.
async fn session_figures(window: &Window) -> serde_json::Value {
    image_drawn(window, "#chart-timeline", "the session's timeline").await;
    window
        .wait_until(
            "the attendees' rows",
            "document.querySelectorAll('#attendees-grid .vtable-rows .vtable-row').length > 0",
        )
        .await;
    window
        .js(
            "const text = (css) => [...document.querySelectorAll(css)].map((e) => e.textContent.trim());
             const rows = [...document.querySelectorAll('#attendees-grid .vtable-rows .vtable-row[data-index]')]
               .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
             return {
               title: document.querySelector('#rooms-title').textContent,
               session: document.querySelector('#session-picker').selectedOptions[0]?.textContent ?? '',
               cards: text('#rooms-cards .card'),
               recording: text('#recording-cards .card'),
               attendees: document.querySelector('#attendees-count').textContent,
               names: rows.slice(0, 8).map((r) => r.querySelector('.attendee-name')?.textContent ?? ''),
               countries: text('#countries-table tbody tr'),
               devices: text('#devices-table tbody tr'),
               minutes: text('#chart-timeline-table tbody tr'),
             };",
            vec![],
        )
        .await
}

/// The id of the session dashboard of `account`'s room `room_id` the window's library keeps (it
/// is kept in the background once on screen), waited for.
async fn kept_dashboard_id(setup: &Setup, account: &str, room_id: &str) -> i64 {
    let path = setup.config_dir().join("library.sqlite");
    let started = std::time::Instant::now();
    loop {
        let found = roomlens::library::Library::open(&path)
            .and_then(|library| library.dashboards())
            .ok()
            .and_then(|kept| {
                kept.into_iter()
                    .find(|d| d.account_name == account && d.room_id == room_id)
            });
        if let Some(info) = found {
            return info.id;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{account}'s session of {room_id} was never kept in the library"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The room with a recording, typed by its ID with the added account chosen: its newest
/// session fetched from that account's Kaltura, shown, and kept in the library.
async fn rooms_from_added_account(window: &Window, setup: &Setup) -> KeptSession {
    let demo = kaltura_sim::Org::new(kaltura_sim::OrgProfile::demo(), 2026, None);
    let room_id = demo
        .edge_sessions()
        .expect("the Demo has a room with a recording")
        .with_recording
        .room_id;
    window.click("#nav-rooms").await;
    window.fill("#room-id", &room_id).await;
    window.click("#room-open").await;
    rooms_loaded(window).await;
    assert_eq!(
        window.text_of("#rooms-status").await,
        "",
        "fetched from Kaltura now, not a kept copy"
    );
    let figures = session_figures(window).await;
    assert_eq!(
        figures["cards"].as_array().map(Vec::len),
        Some(9),
        "the nine cards: {figures}"
    );
    let id = kept_dashboard_id(setup, "Training team", &room_id).await;
    window.click("#nav-reports").await;
    KeptSession {
        room_id,
        id,
        figures,
    }
}

/// With the added account removed and its Kaltura gone: the Library lists its session
/// dashboard among the others (the kind filter narrows to them); Open, pressed from the
/// keyboard, shows it on Rooms with the line saying which copy it is and the very figures
/// shown when it was fetched, no strip asked of Kaltura; Download report makes its PDF; Delete…
/// asks, then removes it from the file and the list.
async fn kept_dashboard_opens_offline(window: &Window, setup: &Setup, kept: &KeptSession) {
    let row = format!("#library-rows tr[data-dashboard=\"{}\"]", kept.id);
    let row_js = serde_json::to_string(&row).unwrap();
    window.click("#nav-library").await;
    window
        .wait_until(
            "the library listed with the kept session dashboard",
            &format!(
                "document.querySelector('#view-library')?.dataset.state === 'done' && !!document.querySelector({row_js})"
            ),
        )
        .await;
    window.choose("#library-kind", "session_dashboard").await;
    let kinds: Vec<String> = serde_json::from_value(
        window
            .js(
                "return [...document.querySelectorAll('#library-rows tr')].map((tr) => tr.children[0].textContent)",
                vec![],
            )
            .await,
    )
    .unwrap();
    assert!(
        kinds.len() >= 2 && kinds.iter().all(|k| k == "Session dashboard"),
        "only session dashboards, the Demo's and the added account's: {kinds:?}"
    );
    let listed = window.text_of(&row).await;
    assert!(
        listed.contains("Training team") && listed.contains("session of"),
        "the row names the account and the session: {listed:?}"
    );
    window.screenshot("29-library-session-dashboards").await;

    // Opened from the keyboard: its Open button focused, then Enter.
    let open = format!("#library-open-dashboard-{}", kept.id);
    window
        .js(
            "document.querySelector(arguments[0]).focus();",
            vec![json!(open)],
        )
        .await;
    window.press(Key::Enter).await;
    window
        .wait_until(
            "the kept session dashboard on Rooms",
            &format!(
                "{} && document.querySelector('#view-rooms').dataset.state === 'done' && document.querySelector('#rooms-status').textContent.startsWith('From the library')",
                screen_shown("rooms")
            ),
        )
        .await;
    let line = window.text_of("#rooms-status").await;
    assert!(
        line.contains("the copy of this session kept on")
            && line.contains("Training team")
            && line.contains("UTC"),
        "the line says which copy, when (with the zone) and from where: {line:?}"
    );
    assert_eq!(
        session_figures(window).await,
        kept.figures,
        "the same figures as when it was fetched, with its Kaltura gone"
    );
    window
        .wait_until(
            "each strip said to be not kept, none asked of Kaltura",
            "document.querySelectorAll('#attendees-grid canvas.minute-strip[data-state=not-kept]').length > 0 && \
             document.querySelectorAll('#attendees-grid canvas.minute-strip[data-state=waiting], #attendees-grid canvas.minute-strip[data-state=failed]').length === 0",
        )
        .await;
    assert!(
        window
            .js(
                "return document.querySelector('#error-banner').hidden",
                vec![]
            )
            .await
            == json!(true),
        "no error: nothing was asked of the Kaltura that is gone"
    );
    window.screenshot("30-kept-session-dashboard").await;

    // Its report as a PDF, made from the library alone.
    window.click("#session-pdf").await;
    window.find("#pdf-confirm").await;
    let path = setup.documents().join("kept-session.pdf");
    save_from_sheet(
        window,
        "pdf",
        SAVE_PDF_TITLE,
        &path,
        "the kept session's PDF saved",
    )
    .await;
    let text = Command::new("pdftotext")
        .args(["-raw"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    let text: String = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("From the library: the copy of this session kept on"),
        "the PDF says it is the kept copy:\n{}",
        text.chars().take(600).collect::<String>()
    );

    // Deleted after the confirmation: gone from the list and from the library file.
    window.click("#nav-library").await;
    window
        .wait_until(
            "the library listed again",
            &format!(
                "document.querySelector('#view-library')?.dataset.state === 'done' && !!document.querySelector({row_js})"
            ),
        )
        .await;
    let size_before = window.text_of("#library-size").await;
    window
        .click(&format!("#library-remove-dashboard-{}", kept.id))
        .await;
    window.find("#library-remove-sheet").await;
    let asked = window.text_of("#library-remove-sheet").await;
    assert!(
        asked.contains("Session dashboard") && asked.contains("Training team"),
        "the sheet says what goes: {asked:?}"
    );
    window.click("#library-remove-sheet-confirm").await;
    window
        .wait_until(
            "the session dashboard gone from the list",
            &format!(
                "document.querySelector('#view-library')?.dataset.state === 'done' && !document.querySelector({row_js}) && \
                 document.querySelector('#status').textContent.includes('Deleted from the library')"
            ),
        )
        .await;
    let size_after = window.text_of("#library-size").await;
    assert!(
        size_after != size_before && size_after.contains("on disk"),
        "the count and disk line read again: {size_before:?} → {size_after:?}"
    );
    let library = roomlens::library::Library::open(&setup.config_dir().join("library.sqlite"))
        .expect("the window's library opens");
    assert!(
        !library
            .dashboards()
            .unwrap()
            .iter()
            .any(|d| d.id == kept.id
                || (d.account_name == "Training team" && d.room_id == kept.room_id)),
        "the kept session dashboard is gone from the file"
    );
    window.choose("#library-kind", "").await;
}

/// In the run after the library was set aside: another account is added against a second
/// simulator, chosen, and its room with a recording shown on Rooms (kept in the new library).
/// Returns the account's id and the session's figures.
async fn session_for_a_later_run(
    window: &Window,
    sim: &SimProcess,
    setup: &Setup,
) -> (String, KeptSession) {
    window.click("#nav-settings").await;
    sheet_connects(window, "Field team", sim).await;
    let id = save_new_account(window).await;
    window
        .click(&format!("button.account-option[data-account-id=\"{id}\"]"))
        .await;
    let demo = kaltura_sim::Org::new(kaltura_sim::OrgProfile::demo(), 2026, None);
    let room_id = demo
        .edge_sessions()
        .expect("the Demo has a room with a recording")
        .with_recording
        .room_id;
    window.click("#nav-rooms").await;
    window.fill("#room-id", &room_id).await;
    window.click("#room-open").await;
    rooms_loaded(window).await;
    let figures = session_figures(window).await;
    let kept = kept_dashboard_id(setup, "Field team", &room_id).await;
    (
        id,
        KeptSession {
            room_id,
            id: kept,
            figures,
        },
    )
}

/// A new run, its memory empty and the account's Kaltura gone: the room typed on Rooms comes
/// from the library, with the same figures, and the line says Kaltura could not be reached.
async fn rooms_fall_back_to_the_library(window: &Window, account: &str, kept: &KeptSession) {
    window
        .wait_until(
            "the window to start",
            "document.querySelector('#main').dataset.state !== undefined",
        )
        .await;
    window
        .click(&format!(
            "button.account-option[data-account-id=\"{account}\"]"
        ))
        .await;
    window.click("#nav-rooms").await;
    window.fill("#room-id", &kept.room_id).await;
    window.click("#room-open").await;
    rooms_loaded(window).await;
    let line = window.text_of("#rooms-status").await;
    assert!(
        line.starts_with("Kaltura could not be reached: this is the copy kept in the library on")
            && line.contains("UTC"),
        "the line says Kaltura was out of reach and when the copy was kept: {line:?}"
    );
    assert_eq!(
        session_figures(window).await,
        kept.figures,
        "the same figures as when it was fetched in the run before"
    );
    window
        .wait_until(
            "each strip said to be not kept",
            "document.querySelectorAll('#attendees-grid canvas.minute-strip[data-state=not-kept]').length > 0",
        )
        .await;
}

/// The rollups over what the library keeps, as a person reaches them: the People tab's count is
/// the number of distinct people in the kept attendances (counted here from the library file), a
/// search narrows it, a name opens every session of that person, the table is saved as CSV through
/// the real Save dialog; Rooms over time draws its charts and a room's own trend; Attention and
/// Breakouts answer.
async fn library_rollups_answer(window: &Window, setup: &Setup) {
    let library = roomlens::library::Library::open(&setup.config_dir().join("library.sqlite"))
        .expect("the window's library opens");
    let kept = library
        .kept_attendances(&CancelToken::new())
        .expect("the kept attendances read");
    let people: std::collections::BTreeSet<&str> = kept
        .iter()
        .map(|a| a.person)
        .filter(|p| !p.is_empty())
        .collect();
    drop(library);
    window.click("#nav-library").await;
    window.click("#library-tab-people").await;
    window
        .wait_until(
            "the people counted",
            "document.querySelector('#people-panel')?.dataset.state === 'done' && document.querySelectorAll('#people-rows tr').length > 0",
        )
        .await;
    let count = window.text_of("#people-count").await;
    let shown_total: u64 = count
        .split(" people")
        .next()
        .and_then(|head| head.rsplit(' ').next())
        .map(|n| n.replace([',', '.', '\u{a0}', '\u{202f}'], ""))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a count of people in {count:?}"));
    assert_eq!(
        shown_total,
        people.len() as u64,
        "each person kept is counted once: {count:?}"
    );
    window.screenshot("26-library-people").await;
    // The table starts with the first 500; *Show more* adds 500 at a time until everyone is shown,
    // then goes away.
    let mut expected = shown_total.min(500);
    loop {
        let rows = window
            .js(
                "return document.querySelectorAll('#people-rows tr').length",
                vec![],
            )
            .await
            .as_u64();
        assert_eq!(
            rows,
            Some(expected),
            "the People table shows {expected} rows"
        );
        let more_shown = window
            .js(
                "return !document.querySelector('.rollup-more').hidden",
                vec![],
            )
            .await
            .as_bool();
        if expected == shown_total {
            assert_eq!(
                more_shown,
                Some(false),
                "Show more goes away once everyone is shown"
            );
            break;
        }
        assert_eq!(
            more_shown,
            Some(true),
            "Show more is offered while people are left"
        );
        window.click("#people-more").await;
        expected = shown_total.min(expected + 500);
        window
            .wait_until(
                "more people shown",
                &format!("document.querySelector('#people-panel').dataset.state === 'done' && document.querySelectorAll('#people-rows tr').length === {expected}"),
            )
            .await;
    }
    // The first person (most participation time): a search by three letters of their name keeps
    // them, and every row shown matches.
    let first = window
        .js(
            "const tr = document.querySelector('#people-rows tr'); \
             return { name: tr.querySelector('.person-open').textContent, sessions: Number(tr.children[1].textContent.replace(/[^0-9]/g, '')) }",
            vec![],
        )
        .await;
    let name = first["name"].as_str().unwrap_or_default().to_owned();
    let sessions = first["sessions"].as_u64().unwrap_or(0);
    assert!(sessions >= 1, "the first person attended sessions: {first}");
    let search: String = name.chars().filter(|c| c.is_alphabetic()).take(4).collect();
    window.fill("#people-search", &search).await;
    let search_js = serde_json::to_string(&search.to_lowercase()).unwrap();
    window
        .wait_until(
            "the people matching the search",
            &format!(
                "document.querySelector('#people-panel').dataset.state === 'done' && document.querySelector('#people-count').textContent.includes('matching') && \
                 [...document.querySelectorAll('#people-rows tr')].every(tr => tr.textContent.toLowerCase().includes({search_js}))"
            ),
        )
        .await;
    let matched = window
        .js(
            "return document.querySelectorAll('#people-rows tr').length",
            vec![],
        )
        .await
        .as_u64()
        .unwrap_or(0);
    assert!(
        matched >= 1 && matched < shown_total,
        "the search narrows the people ({matched} of {shown_total})"
    );
    window
        .js(
            "[...document.querySelectorAll('#people-rows .person-open')].find(b => b.textContent === arguments[0]).click()",
            vec![json!(name)],
        )
        .await;
    window
        .wait_until(
            "the person's sessions",
            "document.querySelectorAll('#person-sessions-table tbody tr').length > 0",
        )
        .await;
    let listed = window
        .js(
            "return document.querySelectorAll('#person-sessions-table tbody tr').length",
            vec![],
        )
        .await
        .as_u64()
        .unwrap_or(0);
    assert_eq!(listed, sessions, "every session of {name} is listed");
    window.click("#person-done").await;
    // The people matching the search saved as CSV through the real Save dialog.
    window.click("#people-save-csv").await;
    window.find("#export-confirm").await;
    let path = setup.documents().join("people.csv");
    save_from_sheet(window, "export", SAVE_TITLE, &path, "the people saved").await;
    let text = std::fs::read_to_string(&path).expect("the people were saved");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().expect("a header").clone();
    assert_eq!(
        header.get(0),
        Some("Name"),
        "descriptive headers: {header:?}"
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(
        rows.len() as u64,
        matched,
        "every matching person in the file"
    );
    assert!(
        rows.iter().any(|r| r.get(0) == Some(name.as_str())),
        "{name} is in the file"
    );
    window.fill("#people-search", "").await;

    window.click("#library-tab-rooms").await;
    window
        .wait_until(
            "the rooms over time",
            "document.querySelector('#trends-panel')?.dataset.state === 'done' && document.querySelector('#chart-top-rooms') && document.querySelectorAll('#trends-rows tr').length > 0",
        )
        .await;
    window
        .js(
            "document.querySelector('#trends-rows .room-open').click()",
            vec![],
        )
        .await;
    window
        .wait_until(
            "a room's own trend",
            "!document.querySelector('#room-trend').hidden && document.querySelector('#chart-room-trend') && document.querySelectorAll('#room-trend-table tbody tr').length > 0",
        )
        .await;
    window.screenshot("27-room-trend").await;
    // Rooms over time saved as a PDF through the real Save dialog: the top rooms chart (as text,
    // not a picture) and the table of rooms per week, the room just opened among them.
    let room_name = window.text_of("#room-trend-title").await;
    window.click("#trends-save-pdf").await;
    window.find("#pdf-paper").await;
    let path = setup.documents().join("rooms-over-time.pdf");
    save_from_sheet(window, "pdf", SAVE_PDF_TITLE, &path, "the rooms' PDF saved").await;
    let out = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success(), "the rooms' PDF reads");
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = words(&String::from_utf8_lossy(&out.stdout));
    assert!(
        text.contains("Rooms week by week")
            && text.contains("Unique attendees")
            && text.contains("Week from")
            && text.contains(&words(&room_name)),
        "{}",
        text.chars().take(600).collect::<String>()
    );

    window.click("#library-tab-attention").await;
    window
        .wait_until(
            "what needs attention",
            "document.querySelector('#attention-panel')?.dataset.state === 'done' && \
             (document.querySelector('#attention-sessions-table') || document.querySelector('#attention-sessions-empty'))",
        )
        .await;
    window.click("#library-tab-breakouts").await;
    window
        .wait_until(
            "breakouts per main room",
            "document.querySelector('#breakouts-panel')?.dataset.state === 'done' && document.querySelector('#breakouts-count').textContent.includes('main room')",
        )
        .await;
    window.click("#library-tab-kept").await;
    // Back on Reports, where the steps after this one start.
    window.click("#nav-reports").await;
}

async fn cancel_a_fetch(window: &Window) {
    window.choose("#report-kind", "attendees").await;
    window.choose("#date-range", "365").await;
    window.js("const b = document.querySelector('#error-banner'); b.hidden = true; b.dataset.code = '';", vec![]).await;
    window.click("#fetch").await;
    window.find("#cancel").await;
    window.screenshot("13-fetch-progress").await;
    window.click("#cancel").await;
    window
        .wait_until(
            "the cancelled notice",
            "!document.querySelector('#error-banner').hidden && document.querySelector('#error-banner').dataset.code === 'cancelled'",
        )
        .await;
    let message = window.text_of("#banner-message").await;
    assert_eq!(message, "Fetch cancelled. Nothing was saved.");
    let source = window.text_of("#report-source").await;
    assert!(
        source.starts_with("Room data"),
        "the report on screen before the fetch stays, got {source:?}"
    );
    window.screenshot("14-fetch-cancelled").await;
}

async fn remove_account_deletes_the_secret(window: &Window, sim: &SimProcess, id: &str) {
    let url = ServiceUrl::parse(&sim.url).unwrap().as_str().to_owned();
    window.click("#nav-settings").await;
    window.click(&format!("#account-remove-{id}")).await;
    window.click("#remove-confirm-confirm").await;
    let selector =
        serde_json::to_string(&format!("button.account-option[data-account-id=\"{id}\"]")).unwrap();
    window
        .wait_until(
            "the account to leave the switcher",
            &format!("document.querySelector({selector}) === null"),
        )
        .await;
    assert!(
        keyring_lookup(sim.partner_id, &url).is_none(),
        "removing the account deletes its keychain entry"
    );
    window.click("#nav-reports").await;
}

async fn second_start_restores_the_view(window: &Window) {
    window
        .wait_until(
            "the window to start",
            "document.querySelector('#main').dataset.state !== undefined",
        )
        .await;
    window
        .wait_until(
            "the report kind chosen last time",
            "document.querySelector('#report-kind').value === 'attendees' && document.querySelector('#date-range').value === '365'",
        )
        .await;
    window
        .wait_until(
            "the Demo account (the other one was removed)",
            "document.querySelector('button.account-option[aria-current=\"true\"]')?.dataset.accountId === 'demo'",
        )
        .await;
    window
        .wait_until(
            "the export default saved as a setting",
            "document.querySelector('#default-delimiter').value === 'tab'",
        )
        .await;
    window
        .wait_until("the screen shown last (Library)", &screen_shown("library"))
        .await;
    window
        .wait_until(
            "the report charts still folded",
            "document.querySelector('#report-charts').open === false",
        )
        .await;
}
