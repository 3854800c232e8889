#!/usr/bin/env bash
# Benchmark of the desktop app (release build) in a real window on a private Xvfb display, inside
# the private keyring session of tests/dev/with-keyring.sh: cold start to an interactive window
# (launched directly, and under WebDriver), idle memory of the app's process tree, the time to
# show 100,000+ fetched rows and a 1,000,000-row file opened through the real Open dialog, and the
# Rooms screen on a session of 5,000 attendees × 480 minutes (its minute strips loaded and scrolled);
# beside the app's idle memory, a blank Tauri window's. bench/desktop.py does the measuring; results go
# in BENCHMARKS.md by hand. ROOMLENS_BENCH_ONLY=file runs only the 1,000,000-row file step;
# ROOMLENS_BENCH_ONLY=heatmap only the Rooms screen on kaltura-sim's demo-marathon session (5,000
# attendees × 480 minutes: dashboard, first strips, scrolling the strips; ROOMLENS_BENCH_LATENCY_MS,
# 200 by default, is the simulator's delay per reply; ROOMLENS_BENCH_HEATMAP_COMPOSITING_ON=1 adds a
# run of it with WebKit's compositing on, here and in the full run: about 2.5 minutes more, as it
# scrolls at a few frames a second).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"

if [[ "${1:-}" != "--inside" ]]; then
  cargo build --release --quiet -p roomlens-app -p kaltura-sim
  cargo build --release --quiet -p roomlens-app --example blank_window --features blank-window-bench
  if [[ ! -x target/tools/bin/tauri-driver ]]; then
    cargo install tauri-driver --locked --version '^2' --root target/tools
  fi
  exec tests/dev/with-keyring.sh bash "$0" --inside
fi

display_file="$(mktemp)"
Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$display_file" 2>/dev/null &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true; rm -f "$display_file"' EXIT
for _ in $(seq 1 200); do
  [[ -s "$display_file" ]] && break
  sleep 0.1
done
[[ -s "$display_file" ]] || { echo "bench/desktop.sh: Xvfb did not start" >&2; exit 1; }

display=":$(tr -d '[:space:]' <"$display_file")"
# A window manager, as on any desktop: the Open dialog is a real top-level window it manages.
DISPLAY="$display" openbox --sm-disable >/dev/null 2>&1 &
wm_pid=$!
trap 'kill "$wm_pid" "$xvfb_pid" 2>/dev/null || true; rm -f "$display_file"' EXIT
for _ in $(seq 1 200); do
  DISPLAY="$display" xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q 'window id' && break
  sleep 0.1
done

DISPLAY="$display" \
ROOMLENS_BENCH_APP="$target/release/roomlens-desktop" \
ROOMLENS_BENCH_BLANK="$target/release/examples/blank_window" \
ROOMLENS_BENCH_SIM="$target/release/kaltura-sim" \
ROOMLENS_TAURI_DRIVER="$root/target/tools/bin/tauri-driver" \
  python3 bench/desktop.py
