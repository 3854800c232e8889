"""Desktop app benchmark driver, run by bench/desktop.sh (which builds the release app, starts
Xvfb and the keyring session). It measures cold start to an interactive window and idle memory of
the app's process tree with the app launched directly (start-up milestones from
ROOMLENS_STARTUP_TRACE on its stderr), and, talking plain WebDriver over HTTP to tauri-driver, the
same start under WebDriver, the time to show 100,000+ fetched rows and the frame times while
scrolling them, and a 1,000,000-row file chosen in the real Open dialog (time to first rows,
memory before and after), and the Rooms screen on a session of 5,000 attendees × 480 minutes (time
to the dashboard and to the first strips drawn, frame times while scrolling its engagement table of
minute strips, memory after). Memory and scrolling are also measured with WebKit's compositing on, and memory for
a blank Tauri window (bench/blank_window.rs), the floor any Tauri app pays here. It prints a
Markdown table; it does not build or install anything."""

import csv
import http.client
import io
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

APP = os.environ["ROOMLENS_BENCH_APP"]
BLANK = os.environ["ROOMLENS_BENCH_BLANK"]
SIM = os.environ["ROOMLENS_BENCH_SIM"]
DRIVER = os.environ["ROOMLENS_TAURI_DRIVER"]
STARTS = int(os.environ.get("ROOMLENS_BENCH_STARTS", "5"))
DENSE_PROFILE = os.environ.get("ROOMLENS_BENCH_DENSE_PROFILE", "dense-20000")
SETTLE_S = 10
MILLION_ROWS = int(os.environ.get("ROOMLENS_BENCH_FILE_ROWS", "1000000"))
OPEN_TITLE = "Open a room report"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_settings():
    """A new empty folder for the app's settings, data and cache, and the environment naming it."""
    work = tempfile.mkdtemp(prefix="roomlens-bench-")
    env = dict(os.environ)
    for name, var in (("config", "ROOMLENS_CONFIG_DIR"), ("data", "XDG_DATA_HOME"), ("cache", "XDG_CACHE_HOME")):
        env[var] = os.path.join(work, name)
        os.makedirs(env[var])
    return work, env


def stop_and_clean(proc, work):
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    shutil.rmtree(work, ignore_errors=True)


class Driver:
    """tauri-driver with a fresh settings folder (so every start is a first run)."""

    def __init__(self, extra_env=None):
        self.work, env = fresh_settings()
        env.update(extra_env or {})
        self.port = free_port()
        self.proc = subprocess.Popen(
            [DRIVER, "--port", str(self.port), "--native-port", str(free_port())],
            env=env, stdout=subprocess.DEVNULL,
        )
        deadline = time.time() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline:
                    raise SystemExit("tauri-driver did not start")
                time.sleep(0.05)

    def call(self, method, path, body=None, timeout=600):
        data = None if body is None else json.dumps(body).encode()
        for attempt in range(3):
            req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(req, timeout=timeout) as resp:
                    return json.loads(resp.read() or b"{}").get("value")
            except (http.client.RemoteDisconnected, ConnectionResetError):
                # tauri-driver now and then drops a connection without answering; ask again.
                if attempt == 2:
                    raise
                time.sleep(0.1)

    def new_session(self):
        caps = {"capabilities": {"alwaysMatch": {"browserName": "wry", "tauri:options": {"application": APP}}}}
        # tauri-driver accepts connections before WebKitWebDriver behind it is ready; retry briefly.
        deadline = time.time() + 30
        while True:
            try:
                return Session(self, self.call("POST", "/session", caps)["sessionId"])
            except (ConnectionError, OSError):
                if time.time() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self):
        stop_and_clean(self.proc, self.work)


class Session:
    def __init__(self, driver, sid):
        self.driver, self.sid = driver, sid

    def js(self, script, *args):
        return self.driver.call("POST", f"/session/{self.sid}/execute/sync", {"script": script, "args": list(args)})

    def js_async(self, script, *args):
        return self.driver.call("POST", f"/session/{self.sid}/execute/async", {"script": script, "args": list(args)})

    def wait(self, script, *args, timeout=300):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                value = self.js(script, *args)
            except urllib.error.HTTPError:
                value = None  # the page is between two documents (a reload)
            if value:
                return value
            time.sleep(0.05)
        raise SystemExit(f"timed out waiting for {script}")

    def close(self):
        self.driver.call("DELETE", f"/session/{self.sid}")


def app_pid(driver):
    """The app process this driver's WebKitWebDriver started (not one left over from an earlier run)."""
    real = os.path.realpath(APP)
    for pid in process_tree(driver.proc.pid):
        try:
            if os.path.realpath(f"/proc/{pid}/exe") == real:
                return pid
        except OSError:
            pass
    raise SystemExit("the app process was not found")


def start_epoch_ms(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    start_ticks = int(fields[19])  # field 22 of stat, counted after the command name
    with open("/proc/stat") as f:
        btime = next(int(line.split()[1]) for line in f if line.startswith("btime"))
    return (btime + start_ticks / CLK_TCK) * 1000


def process_tree(root):
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except OSError:
                pass
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def memory_kb(pids):
    """(sum of RSS, sum of PSS) in KiB; PSS shares each shared page among the processes using it."""
    rss = pss = 0
    names = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/comm") as f:
                name = f.read().strip()
            own_rss = own_pss = 0
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        own_rss = int(line.split()[1])
                    elif line.startswith("Pss:"):
                        own_pss = int(line.split()[1])
            rss += own_rss
            pss += own_pss
            names.append(f"{name} {own_pss / 1024:.0f}")
        except OSError:
            pass
    return rss, pss, names


class DirectLaunch:
    """The app started as a person starts it (no WebDriver), first run with fresh settings, with
    ROOMLENS_STARTUP_TRACE on: each milestone's time after launch, in ms."""

    def __init__(self, app=APP, extra_env=None):
        self.work, env = fresh_settings()
        env["ROOMLENS_STARTUP_TRACE"] = "1"
        env.update(extra_env or {})
        self.marks = {}
        self.reached = threading.Condition()
        launched = time.time() * 1000
        self.proc = subprocess.Popen([app], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        threading.Thread(target=self._read_stderr, args=(launched,), daemon=True).start()

    def _read_stderr(self, launched):
        for line in self.proc.stderr:  # keeps the pipe drained for as long as the app runs
            parts = line.split()
            if len(parts) == 3 and parts[0] == "roomlens-startup":
                with self.reached:
                    self.marks[parts[2]] = int(parts[1]) - launched
                    self.reached.notify_all()

    def wait_for(self, milestone, timeout=120):
        with self.reached:
            if not self.reached.wait_for(lambda: milestone in self.marks or self.proc.poll() is not None, timeout):
                raise SystemExit(f"the app did not reach {milestone}")
        if milestone not in self.marks:
            raise SystemExit(f"the app exited before {milestone}")
        return self.marks[milestone]

    def stop(self):
        stop_and_clean(self.proc, self.work)


def direct_cold_start():
    """Launch → window shown, → page loaded (asks Rust for its start data), → Demo rows served."""
    runs = []
    for _ in range(STARTS):
        app = DirectLaunch()
        try:
            app.wait_for("first-rows-served")
            runs.append(dict(app.marks))
        finally:
            app.stop()
        time.sleep(1)
    return runs


# Roomlens turns WebKit's compositing off on a machine with no GPU, like this one, unless the
# variable is set (src-tauri/src/webkit_rendering.rs). "0" keeps it on: how Roomlens runs where
# there is a GPU, and what a Tauri app gets from WebKit by default.
COMPOSITING_ON = {"WEBKIT_DISABLE_COMPOSITING_MODE": "0"}
COMPOSITING_OFF = {"WEBKIT_DISABLE_COMPOSITING_MODE": "1"}


def direct_idle_memory(app=APP, ready="first-rows-served", extra_env=None):
    """Memory of the process tree SETTLE_S after `ready`: Roomlens's Demo rows, or the blank
    window's page."""
    app = DirectLaunch(app, extra_env)
    try:
        app.wait_for(ready)
        time.sleep(SETTLE_S)
        return memory_kb(process_tree(app.proc.pid))
    finally:
        app.stop()


def cold_start():
    """Process start → DOMContentLoaded, and → data-state=done (Demo attendees on screen)."""
    to_dom, to_done = [], []
    for _ in range(STARTS):
        driver = Driver()
        try:
            session = driver.new_session()
            session.wait("return document.getElementById('main')?.dataset.state === 'done'")
            timing = session.js(
                "const nav = performance.getEntriesByType('navigation')[0];"
                "const shown = performance.getEntriesByName('roomlens:rows-shown').at(-1);"
                "return { origin: performance.timeOrigin, dom: nav ? nav.domContentLoadedEventEnd : null,"
                "         done: shown ? shown.startTime + shown.duration : null };"
            )
            started = start_epoch_ms(app_pid(driver))
            to_dom.append(timing["origin"] + timing["dom"] - started)
            to_done.append(timing["origin"] + timing["done"] - started)
            session.close()
        finally:
            driver.stop()
        time.sleep(1)
    return to_dom, to_done


def start_sim(*args):
    """A kaltura-sim process with `args`, and the url, partner_id and admin_secret it printed."""
    sim = subprocess.Popen([SIM, *args], stdout=subprocess.PIPE, text=True)
    info = {}
    while len(info) < 3:
        line = sim.stdout.readline()
        if not line:
            raise SystemExit("kaltura-sim exited early")
        key, _, value = line.strip().partition("=")
        if key in ("url", "partner_id", "admin_secret"):
            info[key] = value
    return sim, info


def add_sim_account(session, name, info):
    """Adds an account on the simulator `info` describes and reloads the page so it lists it; its id."""
    session.wait("return document.getElementById('main')?.dataset.state === 'done'")
    account = session.js(
        "return window.__TAURI__.core.invoke('add_account', { draft: { name: arguments[0], partner_id: Number(arguments[1]),"
        " region: 'custom', custom_url: arguments[2], secret: arguments[3] } }).then(a => a.id)",
        name, info["partner_id"], info["url"], info["admin_secret"],
    )
    # Reload so the page asks Rust for the accounts again, as it does at start.
    session.js("window.__beforeReload = true; setTimeout(() => location.reload(), 0);")
    session.wait("return !window.__beforeReload && document.getElementById('main')?.dataset.state === 'done'")
    session.wait("return !!document.querySelector(`button.account-option[data-account-id=\"${arguments[0]}\"]`)", account)
    return account


def hundred_thousand_rows(extra_env=None):
    sim, info = start_sim("--profile", DENSE_PROFILE)
    driver = Driver(extra_env)
    try:
        session = driver.new_session()
        account = add_sim_account(session, "Dense", info)
        session.js(
            "document.querySelector(`button.account-option[data-account-id=\"${arguments[0]}\"]`).click();"
            "const kind = document.getElementById('report-kind'); kind.value = 'attendees';"
            "kind.dispatchEvent(new Event('change', { bubbles: true }));"
            "const range = document.getElementById('date-range'); range.value = '7';"
            "range.dispatchEvent(new Event('change', { bubbles: true }));"
            "window.__benchStart = performance.now(); document.getElementById('fetch').click();",
            account,
        )
        session.wait("return document.getElementById('main').dataset.state === 'fetching'")
        session.wait("return ['done', 'error'].includes(document.getElementById('main').dataset.state)", timeout=900)
        result = session.js(
            "const m = performance.getEntriesByName('roomlens:rows-shown').at(-1);"
            "return { shown_ms: m.duration, total_ms: m.startTime + m.duration - window.__benchStart,"
            "         state: document.getElementById('main').dataset.state,"
            "         count: document.getElementById('row-count').textContent,"
            "         banner: document.getElementById('error-banner').textContent };"
        )
        if result["state"] != "done":
            raise SystemExit(f"the dense fetch failed: {result['banner']}")
        result["frames_ms"] = scroll_frames(session)
        session.close()
        return result
    finally:
        driver.stop()
        sim.terminate()
        sim.wait()


def xdotool(*args):
    return subprocess.run(["xdotool", *args], capture_output=True, text=True, check=False).stdout


def million_row_file(path):
    """The app at rest on its Demo rows, then a MILLION_ROWS-row Attendees file chosen in the real
    Open dialog (typed into GTK's location field, as a person does): memory of the process tree
    at rest before and SETTLE_S after the file's rows are shown, and the time from pressing Enter
    in the dialog to the first rows painted (`roomlens:rows-shown`)."""
    driver = Driver()
    try:
        session = driver.new_session()
        session.wait("return document.getElementById('main')?.dataset.state === 'done'")
        time.sleep(SETTLE_S)
        tree = process_tree(app_pid(driver))
        _, idle_pss, _ = memory_kb(tree)
        session.js("setTimeout(() => document.getElementById('open-csv').click(), 0);")
        deadline = time.time() + 30
        dialog = ""
        while not dialog and time.time() < deadline:
            dialog = xdotool("search", "--onlyvisible", "--name", OPEN_TITLE).split()
            time.sleep(0.1)
        if not dialog:
            raise SystemExit("the Open dialog did not appear")
        xdotool("windowactivate", "--sync", dialog[0])
        xdotool("key", "--clearmodifiers", "ctrl+l")
        xdotool("key", "--clearmodifiers", "ctrl+a")
        xdotool("type", "--delay", "5", path)
        time.sleep(0.5)
        chosen_ms = time.time() * 1000
        xdotool("key", "--clearmodifiers", "Return")
        session.wait(
            "const m = performance.getEntriesByName('roomlens:rows-shown').at(-1);"
            "return document.getElementById('main').dataset.state === 'done' && m"
            "  && performance.timeOrigin + m.startTime > arguments[0]",
            chosen_ms, timeout=600,
        )
        result = session.js(
            "const m = performance.getEntriesByName('roomlens:rows-shown').at(-1);"
            "const a = performance.getEntriesByName('roomlens:report-arrived').at(-1);"
            "return { shown_at: performance.timeOrigin + m.startTime + m.duration,"
            "         arrived_at: performance.timeOrigin + a.startTime,"
            "         count: document.getElementById('row-count').textContent };"
        )
        time.sleep(SETTLE_S)
        _, open_pss, open_names = memory_kb(process_tree(app_pid(driver)))
        session.close()
        return {"idle_pss": idle_pss, "open_pss": open_pss, "open_names": open_names,
                "first_rows_ms": result["shown_at"] - chosen_ms, "arrived_ms": result["arrived_at"] - chosen_ms,
                "count": result["count"]}
    finally:
        driver.stop()


SCROLL_FRAMES = 240
SCROLL_STEP_PX = 200


def scroll_frames(session):
    """Scrolls the report table SCROLL_STEP_PX further at each animation frame, as a fast wheel
    does, for SCROLL_FRAMES frames; returns the time between painted frames, in ms."""
    return session.js_async(
        "const done = arguments[arguments.length - 1];"
        "const scroller = document.querySelector('#rows-table .vtable-scroll');"
        "const times = [];"
        "const frame = (now) => { times.push(now);"
        "  if (times.length > arguments[0]) return done(times.slice(1).map((t, i) => t - times[i]));"
        "  scroller.scrollTop += arguments[1]; requestAnimationFrame(frame); };"
        "requestAnimationFrame(frame);",
        SCROLL_FRAMES, SCROLL_STEP_PX,
    )


# The heatmap step: the Rooms screen on a 5,000-attendee, 480-minute session (kaltura-sim's
# demo-marathon profile, a separate process answering after HEATMAP_LATENCY_MS like a distant
# Kaltura), its engagement table of minute strips loaded and scrolled in the window.
HEATMAP_LATENCY_MS = int(os.environ.get("ROOMLENS_BENCH_LATENCY_MS", "200"))
HEATMAP_FRAMES = 240
# Rows whose strips are fetched (one table-full at a time) before the pass over loaded strips.
HEATMAP_WARM_ROWS = 400


def sim_api(info, service, action, **params):
    """One api_v3 call to the simulator, parameters as a JSON body; the raw answer."""
    req = urllib.request.Request(
        f"{info['url']}/api_v3/service/{service}/action/{action}",
        data=json.dumps({"format": 1, **params}).encode(), method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=60) as resp:
        return resp.read().decode("utf-8-sig")


def marathon_session(info):
    """The simulator's marathon session (the main-room session with the most viewers in the last
    three days; demo-marathon puts 5,000 of them in one, the day before now), read from its Room
    data report (6000) as any Kaltura client would: room id, cue point id, viewers, start, end."""
    ks = json.loads(sim_api(info, "session", "start", secret=info["admin_secret"],
                            partnerId=int(info["partner_id"]), type=2))
    now = int(time.time())
    text = sim_api(info, "report", "getCsvFromStringParams", ks=ks, id=6000,
                   params=f"from_date={now - 3 * 86400};to_date={now + 86400}")
    rows = list(csv.DictReader(io.StringIO(text)))
    main_rooms = [r for r in rows if not r["parent_entry_id"]]
    if not main_rooms:
        raise SystemExit("the simulator's Room data report has no sessions")
    best = max(main_rooms, key=lambda r: int(r["meeting_view_period_unique_users"] or 0))
    return {"room": best["entry_id"], "session": best["cue_point_id"],
            "viewers": int(best["meeting_view_period_unique_users"]),
            "start": best["session_start_time"], "end": best["session_end_time"]}


# Installed in the page before the room is opened: times every session_dashboard call (from the
# request to the last byte of its answer, read from a copy, before the page decodes it) and every
# attendee_strips call (to its answer's first byte) with the number of people asked for; and, from
# the press of Show, records in performance.now() ms when #view-rooms[data-state] changes
# (MutationObserver) and, once done, the first frame in which every strip in view is drawn.
# (Tauri's invoke cannot be wrapped, it is frozen; on Linux it calls
# fetch('ipc://localhost/<command>'), which can.)
HEATMAP_WATCH = r"""
const heat = window.__heat = { asks: [], loads: [], answers: [] };
const realFetch = window.fetch;
window.fetch = (url, options) => {
  if (String(url).endsWith('/session_dashboard')) {
    const answer = { at: performance.now() };
    heat.answers.push(answer);
    return realFetch.call(window, url, options).then(async (response) => {
      answer.bytes = (await response.clone().arrayBuffer()).byteLength;
      answer.ms = performance.now() - answer.at;
      return response;
    });
  }
  if (!String(url).endsWith('/attendee_strips')) return realFetch.call(window, url, options);
  let people = null;
  try { people = JSON.parse(options.body).request.user_ids.length; } catch (_) {}
  const ask = { at: performance.now(), people };
  heat.asks.push(ask);
  return realFetch.call(window, url, options).finally(() => { ask.ms = performance.now() - ask.at; });
};
const view = document.getElementById('view-rooms');
new MutationObserver(() => {
  const load = heat.loads.at(-1);
  if (load && !load.end && ['done', 'error'].includes(view.dataset.state)) {
    load.end = performance.now();
    load.state = view.dataset.state;
    if (load.state === 'done') window.__heatStrips(load.end);
  }
}).observe(view, { attributes: true, attributeFilter: ['data-state'] });
// From `from`, the first frame in which the rows at the table's scroll position are drawn and
// every strip in view is drawn (a newer call stops an older one).
let generation = 0;
window.__heatStrips = (from) => {
  heat.strips = null;
  const mine = ++generation;
  let frames = 0;
  const check = () => {
    if (mine !== generation) return;
    frames += 1;
    const c = window.__heatCanvases();
    if (frames > 1 && c.current && c.inView > 0 && c.drawn === c.inView) heat.strips = { at: performance.now(), from, ...c };
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
};
// The strip canvases whose rows are in the table's visible area, how many of those are drawn, and
// whether the rows shown are those at the scroll position (the render after a scroll has run).
window.__heatCanvases = () => {
  const scroller = document.querySelector('#attendees-grid .vtable-scroll');
  const firstIndex = String(Math.floor(scroller.scrollTop / 58));
  const current = [...scroller.querySelectorAll('.vtable-rows .vtable-row')].some((r) => r.dataset.index === firstIndex && r.dataset.rowIndex === firstIndex);
  const box = scroller.getBoundingClientRect();
  const top = box.top + document.querySelector('#attendees-grid .vtable-header').offsetHeight;
  let inView = 0, drawn = 0, all = 0, allDrawn = 0;
  for (const canvas of scroller.querySelectorAll('canvas.minute-strip')) {
    const row = canvas.closest('.vtable-row').getBoundingClientRect();
    all += 1;
    if (canvas.dataset.state === 'drawn') allDrawn += 1;
    if (row.bottom <= top || row.top >= box.bottom) continue;
    inView += 1;
    if (canvas.dataset.state === 'drawn') drawn += 1;
  }
  return { current, inView, drawn, all, allDrawn };
};
"""

# Scrolls the engagement table by `step` px at each animation frame for `frames` frames, from
# `start`, turning back at `lo` and `hi`; returns the time between painted frames (ms), the strip
# asks made meanwhile, and where it stopped. With `profile`, every other animation-frame callback
# (the table's render) is timed, and the style and layout it leaves is forced and timed after it;
# inside the render, the time spent reading a canvas's clientWidth (which lays the page out when
# rows were just rewritten) and in putImageData is summed.
SCROLL_HEATMAP = r"""
const done = arguments[arguments.length - 1];
const [frames, step, start, lo, hi, profile] = arguments;
const scroller = document.querySelector('#attendees-grid .vtable-scroll');
const asksBefore = window.__heat.asks.length;
const times = [], script = new Map(), layout = new Map();
const inside = { width: 0, widthReads: 0, put: 0, puts: 0 };
const raf = window.requestAnimationFrame;
const put = CanvasRenderingContext2D.prototype.putImageData;
const width = Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth');
if (profile) {
  window.requestAnimationFrame = (cb) => raf.call(window, (t) => {
    const a = performance.now(); cb(t); const b = performance.now();
    scroller.offsetHeight; const c = performance.now();
    script.set(t, (script.get(t) ?? 0) + b - a); layout.set(t, (layout.get(t) ?? 0) + c - b);
  });
  Object.defineProperty(HTMLCanvasElement.prototype, 'clientWidth', { configurable: true, get() {
    const a = performance.now(); const value = width.get.call(this);
    inside.width += performance.now() - a; inside.widthReads += 1; return value; } });
  CanvasRenderingContext2D.prototype.putImageData = function (...args) {
    const a = performance.now(); put.apply(this, args); inside.put += performance.now() - a; inside.puts += 1; };
}
let position = start, direction = 1;
scroller.scrollTop = position;
const frame = (now) => {
  times.push(now);
  if (times.length > frames) {
    window.requestAnimationFrame = raf;
    delete HTMLCanvasElement.prototype.clientWidth;
    CanvasRenderingContext2D.prototype.putImageData = put;
    const intervals = times.slice(1).map((t, i) => t - times[i]);
    const perFrame = (m) => times.slice(1).map((t) => m.get(t) ?? 0);
    return done({ intervals, script: profile ? perFrame(script) : null, layout: profile ? perFrame(layout) : null, inside,
                  asks: window.__heat.asks.length - asksBefore, end: scroller.scrollTop, max: scroller.scrollHeight - scroller.clientHeight });
  }
  let next = position + direction * step;
  if (next > hi || next < lo) { direction = -direction; next = position + direction * step; }
  position = Math.max(lo, Math.min(hi, next));
  scroller.scrollTop = position;
  raf.call(window, frame);
};
raf.call(window, frame);
"""


def peak_rss_kb(pids):
    """The highest RSS each process reached (VmHWM), summed, in KiB, with each one's in MiB."""
    total, names = 0, []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/comm") as f:
                name = f.read().strip()
            with open(f"/proc/{pid}/status") as f:
                hwm = next((int(line.split()[1]) for line in f if line.startswith("VmHWM:")), 0)
            total += hwm
            names.append(f"{name} {hwm / 1024:.0f}")
        except OSError:
            pass
    return total, names


def frame_stats(intervals):
    xs = sorted(intervals)
    return {"median": statistics.median(xs), "p95": xs[int(len(xs) * 0.95)], "max": xs[-1],
            "fps": 1000 * len(xs) / sum(xs),
            "le16": sum(x <= 16.7 for x in xs) / len(xs), "le17": sum(x <= 17 for x in xs) / len(xs),
            "le33": sum(x <= 33.4 for x in xs) / len(xs)}


def heatmap(extra_env=None):
    """The Rooms screen on the marathon session in the real window: Show pressed → dashboard of
    5,000 attendees × 480 minutes on screen; → first screen of strips drawn; frame times while
    scrolling the engagement table through all 5,000 rows (strips not fetched yet), over rows whose
    strips are all drawn, and at the report table's 200 px a frame over rows not fetched yet; the
    memory of the app's process tree afterwards."""
    load_before = os.getloadavg()[0]
    sim, info = start_sim("--profile", "demo-marathon", "--latency-ms", str(HEATMAP_LATENCY_MS))
    driver = None
    try:
        marathon = marathon_session(info)
        driver = Driver(extra_env)
        session = driver.new_session()
        account = add_sim_account(session, "Marathon", info)
        session.js(
            "document.querySelector(`button.account-option[data-account-id=\"${arguments[0]}\"]`).click();"
            "document.getElementById('nav-rooms').click();", account)
        session.wait("return !document.getElementById('view-rooms').hidden")
        session.js(HEATMAP_WATCH)
        # Show, as a person types the room ID and presses it: the room's newest ended session.
        session.js(
            "const input = document.getElementById('room-id'); input.value = arguments[0];"
            "input.dispatchEvent(new Event('input', { bubbles: true }));"
            "window.__heat.loads.push({ how: 'Show', start: performance.now() });"
            "document.getElementById('room-open').click();", marathon["room"])
        load_script = "const l = window.__heat.loads.at(-1); return l.end ? l : null;"
        loads = [session.wait(load_script, timeout=120)]
        picked = session.js("return document.getElementById('session-picker').value")
        if loads[0]["state"] == "done" and picked != marathon["session"]:
            # The room held a session after the marathon: pick the marathon in the session list.
            options = session.js("return [...document.getElementById('session-picker').options].map(o => o.value)")
            if marathon["session"] not in options:
                raise SystemExit(f"the marathon session {marathon['session']} is not in the picker: {options}")
            session.js(
                "const picker = document.getElementById('session-picker'); picker.value = arguments[0];"
                "window.__heat.loads.push({ how: 'picked', start: performance.now() });"
                "picker.dispatchEvent(new Event('change', { bubbles: true }));", marathon["session"])
            loads.append(session.wait(load_script, timeout=120))
        if loads[-1]["state"] != "done":
            banner = session.js("return document.getElementById('error-banner').textContent")
            raise SystemExit(f"the marathon dashboard failed: {banner}")
        # The first screen of strips (watched from the dashboard's arrival), the table brought into
        # the window meanwhile as a person scrolls down to it
        # (after the charts above it are drawn, which would push it down again).
        session.wait("const img = document.getElementById('chart-timeline'); return !!img && img.complete", timeout=60)
        session.js("document.getElementById('attendees-grid').scrollIntoView({ block: 'end' });")
        strips = session.wait("return window.__heat.strips", timeout=60)
        count = session.js("return document.getElementById('attendees-count').textContent")
        in_window = session.js(
            "const r = document.getElementById('attendees-grid').getBoundingClientRect();"
            "return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0")
        if not in_window:
            raise SystemExit("the engagement table is not wholly in the window")
        geometry = session.js(
            "const s = document.querySelector('#attendees-grid .vtable-scroll');"
            "return { max: s.scrollHeight - s.clientHeight, view: s.clientHeight - document.querySelector('#attendees-grid .vtable-header').offsetHeight,"
            "         window: [window.innerWidth, window.innerHeight] }")
        row_px, top_max = 58, geometry["max"]
        # A pass at a few frames a second (compositing on, here) outlasts WebDriver's 30 s default.
        driver.call("POST", f"/session/{session.sid}/timeouts", {"script": 300_000})
        scroll = lambda *args: session.js_async(SCROLL_HEATMAP, HEATMAP_FRAMES, *args)
        # 1. Through all 5,000 rows in HEATMAP_FRAMES frames, none of their strips fetched yet.
        fling_step = -(-top_max // HEATMAP_FRAMES)
        fling = scroll(fling_step, 0, 0, top_max, False)
        # 2. Strips fetched for the first HEATMAP_WARM_ROWS rows, a table-full (rows in view plus
        # the table's 8 rows either side) at a time, each waited for; then scrolled over, back and forth.
        warm_px = HEATMAP_WARM_ROWS * row_px
        hop = max(row_px, geometry["view"] + 16 * row_px - row_px)
        filled_at = time.time()
        position = 0
        while True:
            session.js(
                "document.querySelector('#attendees-grid .vtable-scroll').scrollTop = arguments[0];"
                "window.__heatStrips(performance.now());", position)
            session.wait("return window.__heat.strips", timeout=60)
            if position >= warm_px:
                break
            position = min(warm_px, position + hop)
        fill_s = time.time() - filled_at
        warm = scroll(SCROLL_STEP_PX, 0, 0, warm_px, False)
        warm_profiled = scroll(SCROLL_STEP_PX, 0, 0, warm_px, True)
        # 3. The report table's speed over rows whose strips were not fetched.
        cold = scroll(SCROLL_STEP_PX, warm_px + 2 * row_px, warm_px + 2 * row_px, top_max, False)
        cold_profiled = scroll(SCROLL_STEP_PX, warm_px + 2 * row_px, warm_px + 2 * row_px, top_max, True)
        asks = session.js("return window.__heat.asks")
        answers = session.js("return window.__heat.answers")
        time.sleep(2)
        tree = process_tree(app_pid(driver))
        _, pss, pss_names = memory_kb(tree)
        peak, peak_names = peak_rss_kb(tree)
        session.close()
        return {"load_avg": (load_before, os.getloadavg()[0]), "marathon": marathon, "loads": loads, "strips": strips, "count": count, "geometry": geometry,
                "fling": fling, "fling_step": fling_step, "warm": warm, "warm_profiled": warm_profiled,
                "cold": cold, "cold_profiled": cold_profiled, "fill_s": fill_s, "asks": asks, "answers": answers,
                "pss": pss, "pss_names": pss_names, "peak": peak, "peak_names": peak_names}
    finally:
        if driver:
            driver.stop()
        sim.terminate()
        sim.wait()


def print_heatmap(h, label):
    """The heatmap step's figures, as Markdown table rows."""
    m = h["marathon"]
    print(f"| Heatmap ({label}): marathon session | room {m['room']}, session {m['session']}, {m['viewers']:,} viewers, "
          f"{m['start']} – {m['end']}; simulator latency {HEATMAP_LATENCY_MS} ms a reply; {h['count']}; window "
          f"{h['geometry']['window'][0]}×{h['geometry']['window'][1]}, table {h['geometry']['view']} px of rows; "
          f"load average {h['load_avg'][0]:.1f} before, {h['load_avg'][1]:.1f} after |")
    for load, answer in zip(h["loads"], h["answers"]):
        what = "Show pressed (room ID typed)" if load["how"] == "Show" else "marathon picked in the session list"
        print(f"| Heatmap ({label}): {what} → `#view-rooms[data-state={load['state']}]`; of which until the session_dashboard "
              f"command's answer ({answer['bytes'] / 1e6:.1f} MB) is all in the page (Rust's fetch from the simulator, the answer "
              f"carried); the rest (decoding it, drawing the screen) | {load['end'] - load['start']:.0f} ms; "
              f"{answer['at'] + answer['ms'] - load['start']:.0f} ms; {load['end'] - answer['at'] - answer['ms']:.0f} ms |")
    s = h["strips"]
    asks = h["asks"]
    first = [a for a in asks if a["at"] >= h["loads"][-1]["end"]][:1]
    first_asks = ", ".join(f"{a['people']} people, answered in {a.get('ms', 0):.0f} ms" for a in first) or "none seen"
    print(f"| Heatmap ({label}): dashboard done → every strip in view drawn ({s['inView']} in view, {s['allDrawn']} of the table's {s['all']} rows) | "
          f"{s['at'] - s['from']:.0f} ms (the ask: {first_asks}) |")
    what = "Show pressed" if h["loads"][-1]["how"] == "Show" else "marathon picked"
    print(f"| Heatmap ({label}): {what} → first screen of strips drawn | {s['at'] - h['loads'][-1]['start']:.0f} ms |")
    for key, what in (("fling", f"through all 5,000 rows, {h['fling_step']} px a frame, strips not fetched yet"),
                      ("warm", f"{SCROLL_STEP_PX} px a frame back and forth over {HEATMAP_WARM_ROWS} rows whose strips are drawn"),
                      ("cold", f"{SCROLL_STEP_PX} px a frame over rows whose strips are not fetched")):
        f = frame_stats(h[key]["intervals"])
        # WebKit gives animation frames whole-millisecond times: at 60 Hz they alternate 16 and 17 ms.
        print(f"| Heatmap ({label}): {HEATMAP_FRAMES} frames {what}: median; 95th percentile; longest; frames ≤ 16.7 ms; "
              f"≤ 17 ms (on time at 60 Hz, times being whole ms); ≤ 33 ms; frames a second; strip asks meanwhile | "
              f"{f['median']:.1f} ms; {f['p95']:.1f} ms; {f['max']:.1f} ms; {f['le16']:.0%}; {f['le17']:.0%}; "
              f"{f['le33']:.0%}; {f['fps']:.0f}; {h[key]['asks']} |")
    for key, what in (("warm_profiled", "over drawn strips"), ("cold_profiled", "over strips not fetched")):
        p = h[key]
        f = frame_stats(p["intervals"])
        n = len(p["intervals"])
        i = p["inside"]
        print(f"| Heatmap ({label}): same scroll {what}, timed inside: frame median {f['median']:.1f} ms; per frame, "
              f"the table's render (script) median {statistics.median(p['script']):.1f} ms, max {max(p['script']):.1f}; "
              f"style + layout after it median {statistics.median(p['layout']):.1f} ms, max {max(p['layout']):.1f}; "
              f"within the render, on average, canvas clientWidth reads {i['width'] / n:.1f} ms ({i['widthReads'] / n:.0f} reads), "
              f"putImageData {i['put'] / n:.1f} ms ({i['puts'] / n:.0f} calls) | |")
    print(f"| Heatmap ({label}): strips of {HEATMAP_WARM_ROWS} rows fetched a table-full at a time | {h['fill_s']:.1f} s, "
          f"{len(h['asks'])} asks in all, {sum(a['people'] for a in h['asks'])} people, median ask {statistics.median([a.get('ms', 0) for a in h['asks']] or [0]):.0f} ms |")
    print(f"| Heatmap ({label}): memory after, PSS summed; peak RSS (VmHWM) summed | {h['pss'] / 1024:.0f} MiB "
          f"({', '.join(h['pss_names'])}); {h['peak'] / 1024:.0f} MiB ({', '.join(h['peak_names'])}) |")


def make_file(directory):
    big = os.path.join(directory, "attendees-1m.csv")
    subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "gen_attendees.py"),
                    big, str(MILLION_ROWS)], check=True, stdout=subprocess.DEVNULL)
    return big, os.path.getsize(big) / 1e6


def main():
    if os.environ.get("ROOMLENS_BENCH_ONLY") == "heatmap":
        print("| Measure | Result |")
        print("|---|---|")
        print_heatmap(heatmap(), "as the app chose")
        if os.environ.get("ROOMLENS_BENCH_HEATMAP_COMPOSITING_ON") == "1":
            print_heatmap(heatmap(COMPOSITING_ON), "compositing on")
        return 0
    if os.environ.get("ROOMLENS_BENCH_ONLY") == "file":
        with tempfile.TemporaryDirectory(prefix="roomlens-bench-file-") as directory:
            big, file_mb = make_file(directory)
            m = million_row_file(big)
        print(f"{MILLION_ROWS:,}-row file ({file_mb:.0f} MB): Enter → report read {m['arrived_ms']:.0f} ms, → first rows {m['first_rows_ms']:.0f} ms ({m['count']}); "
              f"PSS at rest {m['idle_pss'] / 1024:.0f} MiB, with the file {m['open_pss'] / 1024:.0f} MiB "
              f"({', '.join(m['open_names'])}), +{(m['open_pss'] - m['idle_pss']) / 1024:.0f} MiB")
        return 0
    direct = direct_cold_start()
    rss, pss, names = direct_idle_memory()
    _, on_pss, on_names = direct_idle_memory(extra_env=COMPOSITING_ON)
    blank_rss, blank_pss, blank_names = direct_idle_memory(BLANK, "page-loaded", COMPOSITING_ON)
    _, blank_off_pss, blank_off_names = direct_idle_memory(BLANK, "page-loaded", COMPOSITING_OFF)
    to_dom, to_done = cold_start()
    rows = hundred_thousand_rows()
    rows_on = hundred_thousand_rows(COMPOSITING_ON)
    with tempfile.TemporaryDirectory(prefix="roomlens-bench-file-") as directory:
        big, file_mb = make_file(directory)
        million = million_row_file(big)
    heat = heatmap()
    heat_on = heatmap(COMPOSITING_ON) if os.environ.get("ROOMLENS_BENCH_HEATMAP_COMPOSITING_ON") == "1" else None
    fmt = lambda xs: f"{statistics.median(xs):.0f} ms (min {min(xs):.0f}, max {max(xs):.0f}, {len(xs)} starts)"
    print("| Measure | Result |")
    print("|---|---|")
    print(f"| Launch → window shown | {fmt([r['window-shown'] for r in direct])} |")
    print(f"| Launch → page loaded, controls ready (`bootstrap` called) | {fmt([r['page-loaded'] for r in direct])} |")
    print(f"| Launch → Demo attendees' first rows served to the page | {fmt([r['first-rows-served'] for r in direct])} |")
    print(f"| Idle memory of the app's process tree, {SETTLE_S} s after the Demo rows, RSS summed | {rss / 1024:.0f} MiB |")
    print(f"| Same, PSS summed (shared pages counted once) | {pss / 1024:.0f} MiB |")
    print(f"| Processes in the tree, PSS MiB each | {', '.join(names)} |")
    mib = lambda kb, names: f"{kb / 1024:.0f} MiB ({', '.join(names)})"
    print(f"| Same, with WebKit's GPU compositing on (`WEBKIT_DISABLE_COMPOSITING_MODE=0`), PSS summed | {mib(on_pss, on_names)} |")
    print(f"| Blank Tauri window, {SETTLE_S} s after its page loaded, WebKit's defaults: RSS summed; PSS summed | "
          f"{blank_rss / 1024:.0f} MiB; {mib(blank_pss, blank_names)} |")
    print(f"| Blank Tauri window, compositing off, PSS summed | {mib(blank_off_pss, blank_off_names)} |")
    print(f"| Under WebDriver: process start → DOMContentLoaded | {fmt(to_dom)} |")
    print(f"| Under WebDriver: process start → Demo attendees on screen (`data-state=done`) | {fmt(to_done)} |")
    print(f"| 100,000+ fetched rows: data arrived → first rows and cards shown (`roomlens:rows-shown`) | {rows['shown_ms']:.0f} ms |")
    print(f"| Same fetch, Fetch clicked → rows shown | {rows['total_ms'] / 1000:.1f} s |")
    print(f"| Rows in that report | {rows['count']} |")
    for label, run in (("as the app chose", rows), ("with compositing on", rows_on)):
        frames = sorted(run["frames_ms"])
        print(f"| Scrolling that table {SCROLL_STEP_PX} px per frame for {SCROLL_FRAMES} frames, {label}: "
              f"time between frames, median; 95th percentile; longest | {statistics.median(frames):.1f} ms; "
              f"{frames[int(len(frames) * 0.95)]:.1f} ms; {frames[-1]:.1f} ms |")
    print(f"| 100,000+ rows shown after arriving, with compositing on | {rows_on['shown_ms']:.0f} ms |")
    print(f"| {MILLION_ROWS:,}-row Attendees file ({file_mb:.0f} MB) chosen in the Open dialog: Enter → read and at the page; → first rows shown | "
          f"{million['arrived_ms']:.0f} ms; {million['first_rows_ms']:.0f} ms ({million['count']}) |")
    print(f"| Same run: PSS summed at rest on the Demo rows; {SETTLE_S} s after the file's rows are shown; difference | "
          f"{million['idle_pss'] / 1024:.0f} MiB; {mib(million['open_pss'], million['open_names'])}; "
          f"+{(million['open_pss'] - million['idle_pss']) / 1024:.0f} MiB |")
    print_heatmap(heat, "as the app chose")
    if heat_on:
        print_heatmap(heat_on, "compositing on")


if __name__ == "__main__":
    sys.exit(main())
