//! The real Roomlens window over WebDriver: starts `tauri-driver` (which drives WebKitWebDriver),
//! opens the app in a new session, and offers the few actions the scenarios need — find, click,
//! type, choose, wait for the page to settle, read text, save a screenshot. It asserts nothing
//! about Roomlens itself; the scenarios in e2e.rs do that.

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long any wait may take before the test fails with a description of what it waited for.
/// A limit for hung runs, not a speed assertion.
const WAIT_LIMIT: Duration = Duration::from_secs(60);
const POLL: Duration = Duration::from_millis(100);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Runs one WebDriver call, failing the test with `what` if it has not answered within WAIT_LIMIT
/// (a hung call would otherwise hold the suite until test.sh's overall limit, naming nothing).
async fn within<T>(what: &str, call: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(WAIT_LIMIT, call)
        .await
        .unwrap_or_else(|_| {
            panic!("WebDriver did not answer within {WAIT_LIMIT:?} while running {what}")
        })
}

/// One `tauri-driver` process; each `open` starts the app afresh in its own WebDriver session.
pub struct TauriDriver {
    child: Child,
    port: u16,
}

impl TauriDriver {
    /// Starts `tauri-driver`, passing `env` on to the app it launches.
    pub fn start(tauri_driver: &Path, env: &[(&str, &Path)]) -> TauriDriver {
        let port = free_port();
        let native_port = free_port();
        let mut command = Command::new(tauri_driver);
        command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit());
        for (name, value) in env {
            command.env(name, value);
        }
        let child = command.spawn().unwrap_or_else(|e| {
            panic!(
                "could not start tauri-driver at {}: {e}",
                tauri_driver.display()
            )
        });
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < WAIT_LIMIT,
                "tauri-driver did not listen on port {port}"
            );
            std::thread::sleep(POLL);
        }
        TauriDriver { child, port }
    }

    /// The process id of tauri-driver, under which the app and its WebKit processes run.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Launches the app binary in a new session and waits for its page to load.
    pub async fn open(&self, app: &Path, screenshots: &Path) -> Window {
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert("tauri:options".into(), json!({ "application": app }));
        // tauri-driver accepts connections before WebKitWebDriver behind it is ready; retry briefly.
        let started = Instant::now();
        let client = loop {
            let attempt =
                ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                    .capabilities(caps.clone())
                    .connect(&format!("http://127.0.0.1:{}", self.port))
                    .await;
            match attempt {
                Ok(client) => break client,
                Err(e) if started.elapsed() > WAIT_LIMIT => {
                    panic!("WebDriver session for {} did not start: {e}", app.display())
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        };
        let window = Window {
            client,
            screenshots: screenshots.to_path_buf(),
        };
        window
            .wait_until(
                "the page has loaded its script",
                "document.readyState === 'complete' && !!window.__TAURI__",
            )
            .await;
        window
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The app's window in one WebDriver session.
pub struct Window {
    client: Client,
    screenshots: PathBuf,
}

impl Window {
    /// Runs `script` (a function body; `arguments` holds `args`) in the page and returns its result.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        within("a script", self.client.execute(script, args))
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Runs an async script: the body receives a `done` callback as its last argument.
    pub async fn js_async(&self, script: &str, args: Vec<Value>) -> Value {
        within("an async script", self.client.execute_async(script, args))
            .await
            .unwrap_or_else(|e| panic!("async script failed: {e}\n{script}"))
    }

    /// Polls the JavaScript expression `expr` until it is truthy; returns its value.
    pub async fn wait_until(&self, what: &str, expr: &str) -> Value {
        let started = Instant::now();
        let script = format!("return ({expr});");
        loop {
            if let Ok(value) = within(what, self.client.execute(&script, vec![])).await {
                let truthy = !matches!(&value, Value::Null | Value::Bool(false))
                    && value != json!(0)
                    && value != json!("");
                if truthy {
                    return value;
                }
            }
            if started.elapsed() > WAIT_LIMIT {
                let state = self
                    .js(
                        "return document.querySelector('#main')?.dataset.state ?? null",
                        vec![],
                    )
                    .await;
                let banner = self.text_of("#error-banner").await;
                panic!(
                    "waited too long for {what} ({expr}); main state {state}, banner {banner:?}"
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits for a visible element matching `css` and returns it.
    pub async fn find(&self, css: &str) -> Element {
        let selector = serde_json::to_string(css).unwrap();
        self.wait_until(
            &format!("a visible {css}"),
            &format!("(() => {{ const e = document.querySelector({selector}); return !!e && e.getClientRects().length > 0 && !e.closest('[hidden]'); }})()"),
        )
        .await;
        within("find", self.client.find(Locator::Css(css)))
            .await
            .unwrap()
    }

    pub async fn click(&self, css: &str) {
        let selector = serde_json::to_string(css).unwrap();
        self.wait_until(
            &format!("{css} to be enabled"),
            &format!("!document.querySelector({selector})?.disabled"),
        )
        .await;
        // The page may re-render the element between finding and clicking it (an account's
        // reachability badge updating, say); find it again then.
        let started = Instant::now();
        loop {
            match within("a click", self.find(css).await.click()).await {
                Ok(()) => return,
                Err(e) if started.elapsed() > WAIT_LIMIT => panic!("could not click {css}: {e}"),
                Err(_) => tokio::time::sleep(POLL).await,
            }
        }
    }

    /// Replaces the text of the input `css` by typing `text`.
    pub async fn fill(&self, css: &str, text: &str) {
        let input = self.find(css).await;
        within("clearing an input", input.clear()).await.unwrap();
        if text.is_empty() {
            // Clearing by WebDriver fires no `input` event; tell the page as typing would.
            self.js(
                "arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
                vec![json!(input)],
            )
            .await;
            return;
        }
        within("typing", input.send_keys(text))
            .await
            .unwrap_or_else(|e| panic!("could not type into {css}: {e}"));
    }

    /// Presses `key` on whatever has the keyboard focus, as a person at the keyboard would.
    pub async fn press(&self, key: Key) {
        let focused = within("finding the focus", self.client.active_element())
            .await
            .unwrap_or_else(|e| panic!("nothing has the keyboard focus: {e}"));
        within("a key press", focused.send_keys(&key))
            .await
            .unwrap_or_else(|e| panic!("could not press {key:?}: {e}"));
    }

    /// Chooses the option with `value` in the `<select>` `css`.
    pub async fn choose(&self, css: &str, value: &str) {
        let select = self.find(css).await;
        within("choosing an option", select.select_by_value(value))
            .await
            .unwrap_or_else(|e| panic!("could not choose {value} in {css}: {e}"));
        let selector = serde_json::to_string(css).unwrap();
        let wanted = serde_json::to_string(value).unwrap();
        self.wait_until(
            &format!("{css} = {value}"),
            &format!("document.querySelector({selector}).value === {wanted}"),
        )
        .await;
    }

    /// The text of the first element matching `css`, or "" when there is none.
    pub async fn text_of(&self, css: &str) -> String {
        let value = self
            .js(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
                vec![json!(css)],
            )
            .await;
        value.as_str().unwrap_or_default().trim().to_owned()
    }

    /// Marks the page as waiting, runs `action`, and waits until the report view reports a new state
    /// (`done`, `error` or `idle`); returns it. The marker makes sure a stale `done` is not mistaken
    /// for the outcome of `action`.
    pub async fn settle_after<F, Fut>(&self, action: F) -> String
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = ()>,
    {
        self.js(
            "document.querySelector('#main').dataset.state = 'e2e-waiting';",
            vec![],
        )
        .await;
        action().await;
        let state = self
            .wait_until(
                "the report view to settle",
                "['done', 'error', 'idle'].includes(document.querySelector('#main').dataset.state) && document.querySelector('#main').dataset.state",
            )
            .await;
        state.as_str().unwrap_or_default().to_owned()
    }

    /// Saves a PNG of the window as docs/screenshots/<name>.png.
    pub async fn screenshot(&self, name: &str) {
        // Two animation frames, so the last change is painted before the picture is taken.
        let painted = self
            .js_async(
                "const done = arguments[0];
                 const timer = setTimeout(() => done(false), 10000);
                 requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(timer); done(true); }));",
                vec![],
            )
            .await;
        assert_eq!(
            painted,
            json!(true),
            "screenshot {name}: the page drew no animation frame within 10 s"
        );
        // WebKitGTK's snapshot without compositing (how the app draws on a machine with no GPU)
        // waits for the next paint, and when nothing on the page changes it waits for ever (seen at
        // the account sheet after a connection test). A 1-pixel dot, 1% opaque at most, changes
        // while the picture is taken, so there is always a next paint.
        self.js(
            "const dot = document.createElement('div'); dot.id = 'e2e-paint-tick';
             Object.assign(dot.style, { position: 'fixed', left: '0', top: '0', width: '1px', height: '1px', pointerEvents: 'none' });
             document.body.append(dot); let n = 0;
             window.__e2eTick = setInterval(() => { dot.style.background = (n++ % 2) ? 'rgba(0,0,0,0.01)' : 'transparent'; }, 20);",
            vec![],
        )
        .await;
        let png = within("a screenshot", self.client.screenshot())
            .await
            .unwrap_or_else(|e| panic!("screenshot {name} failed: {e}"));
        self.js(
            "clearInterval(window.__e2eTick); document.getElementById('e2e-paint-tick')?.remove();",
            vec![],
        )
        .await;
        std::fs::create_dir_all(&self.screenshots).unwrap();
        std::fs::write(self.screenshots.join(format!("{name}.png")), png).unwrap();
    }

    /// Moves and resizes the window as a person dragging it would.
    pub async fn set_rect(&self, x: i64, y: i64, width: i64, height: i64) {
        self.client
            .set_window_rect(x as u32, y as u32, width as u32, height as u32)
            .await
            .unwrap();
    }

    /// The window's position and size: (x, y, width, height).
    pub async fn rect(&self) -> (i64, i64, i64, i64) {
        let (x, y, w, h) = self.client.get_window_rect().await.unwrap();
        (x as i64, y as i64, w as i64, h as i64)
    }

    /// Ends the session, which closes the app.
    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}
