"""Desktop app benchmark driver, run by bench/desktop.sh (which builds the release app, starts
Xvfb and the keyring session). It measures cold start to an interactive window and idle memory of
the app's process tree with the app launched directly (start-up milestones from
ROOMLENS_STARTUP_TRACE on its stderr), and, talking plain WebDriver over HTTP to tauri-driver, the
same start under WebDriver, the time to show 100,000+ fetched rows and the frame times while
scrolling them, and a 1,000,000-row file chosen in the real Open dialog (time to first rows,
memory before and after). Memory and scrolling are also measured with WebKit's compositing on, and memory for
a blank Tauri window (bench/blank_window.rs), the floor any Tauri app pays here. It prints a
Markdown table; it does not build or install anything."""

import http.client
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


def hundred_thousand_rows(extra_env=None):
    sim = subprocess.Popen([SIM, "--profile", DENSE_PROFILE], stdout=subprocess.PIPE, text=True)
    info = {}
    while len(info) < 3:
        line = sim.stdout.readline()
        if not line:
            raise SystemExit("kaltura-sim exited early")
        key, _, value = line.strip().partition("=")
        if key in ("url", "partner_id", "admin_secret"):
            info[key] = value
    driver = Driver(extra_env)
    try:
        session = driver.new_session()
        session.wait("return document.getElementById('main')?.dataset.state === 'done'")
        account = session.js(
            "return window.__TAURI__.core.invoke('add_account', { draft: { name: 'Dense', partner_id: Number(arguments[0]),"
            " region: 'custom', custom_url: arguments[1], secret: arguments[2] } }).then(a => a.id)",
            info["partner_id"], info["url"], info["admin_secret"],
        )
        # Reload so the page asks Rust for the accounts again, as it does at start.
        session.js("window.__beforeReload = true; setTimeout(() => location.reload(), 0);")
        session.wait("return !window.__beforeReload && document.getElementById('main')?.dataset.state === 'done'")
        session.wait("return !!document.querySelector(`button.account-option[data-account-id=\"${arguments[0]}\"]`)", account)
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


def make_file(directory):
    big = os.path.join(directory, "attendees-1m.csv")
    subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "gen_attendees.py"),
                    big, str(MILLION_ROWS)], check=True, stdout=subprocess.DEVNULL)
    return big, os.path.getsize(big) / 1e6


def main():
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


if __name__ == "__main__":
    sys.exit(main())
