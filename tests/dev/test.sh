#!/usr/bin/env bash
# THE test command: installs what is missing (Debian/Ubuntu), then runs every Rust test of the
# workspace inside a private D-Bus session with a real, unlocked GNOME Keyring, checks that the
# keychain tests really ran, and runs the desktop end-to-end suite. It changes no user settings.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=tests/dev/setup.sh
source "$here/setup.sh"
root="$(roomlens_repo_root)"
cd "$root"

# Tests that must have used the real keychain in this run; each records its name when it runs.
REQUIRED_KEYRING_TESTS=(
  "roomlens::keychain::store_load_replace_delete_round_trip"
  "roomlens-cli::keychain::login_fetch_logout_with_the_real_keychain"
  "roomlens-cli::keychain::login_with_a_wrong_secret_exits_3_and_stores_nothing"
  "roomlens-cli::keychain::login_again_replaces_the_secret_and_keeps_one_account"
  "roomlens-cli::keychain::ten_logins_at_once_leave_ten_accounts"
)

# One formatting for the whole workspace (rustfmt.toml), and clippy with the workspace's lints
# (Cargo.toml [workspace.lints]: no unwrap, expect, panic or unchecked indexing outside tests).
check_formatting_and_lints() {
  if ! cargo fmt --all --check >/dev/null; then
    echo "test.sh: some Rust files are not formatted; run \`cargo fmt --all\` and commit the result." >&2
    return 1
  fi
  if ! cargo clippy --workspace --all-targets -- -D warnings; then
    echo "test.sh: clippy found problems (above); fix them or allow one with its reason." >&2
    return 1
  fi
}

# The page's pure modules (formatting, pasted ID lists, columns, error actions) on Node's
# built-in runner, then the TypeScript compiler over the page's JavaScript and the command
# contract generated from Rust (tests/ui/tsconfig.json; TypeScript comes from npm, pinned by
# tests/ui/package-lock.json).
run_ui_tests() {
  node --test tests/ui/ || return $?
  if [[ ! -x tests/ui/node_modules/.bin/tsc ]]; then
    (cd tests/ui && npm ci --no-audit --no-fund --loglevel=error) || return $?
  fi
  tests/ui/node_modules/.bin/tsc -p tests/ui/tsconfig.json || {
    echo "test.sh: the page does not type-check against the command contract (above)." >&2
    return 1
  }
}

# Called as `run_rust_tests || status=$?`, where bash ignores `set -e`: each step's failure must be
# returned by hand, or a failing test would be hidden by the next step's success.
run_rust_tests() {
  if command -v cargo-nextest >/dev/null 2>&1; then
    cargo nextest run --workspace --no-fail-fast || return $?
    cargo test --workspace --doc || return $?
  else
    cargo test --workspace --no-fail-fast || return $?
  fi
}

# The programs people run build the simulator (their Demo account) without its fault injection,
# which only the tests switch on (kaltura-sim's "faults" feature).
check_no_fault_injection_shipped() {
  local pkg tree
  for pkg in roomlens-app roomlens-cli; do
    tree="$(cargo tree -p "$pkg" -e normal,build,features)" || return 1
    if ! grep -q 'kaltura-sim feature "default"' <<<"$tree"; then
      echo "test.sh: could not read how $pkg builds kaltura-sim." >&2
      return 1
    fi
    if grep -q 'kaltura-sim feature "faults"' <<<"$tree"; then
      echo "test.sh: $pkg would ship the simulator's fault injection (kaltura-sim feature \"faults\")." >&2
      return 1
    fi
  done
}

check_keyring_tests_ran() {
  local log="$1" name missing=0
  for name in "${REQUIRED_KEYRING_TESTS[@]}"; do
    if ! grep -qxF "$name" "$log" 2>/dev/null; then
      echo "test.sh: the keychain test '$name' did not run against the real keyring." >&2
      missing=1
    fi
  done
  return "$missing"
}

# The desktop end-to-end suite: tests/e2e.rs drives the real window through tauri-driver and
# WebKitWebDriver on a private Xvfb display managed by openbox, inside this keyring session, and
# uses the system's real file dialogs (no path switch). tauri-driver is built
# from crates.io once into target/tools; the test starts and stops it and the simulators itself.
E2E_TIME_LIMIT_S=1200
e2e_xvfb_pid=""
e2e_wm_pid=""
e2e_display_file=""

stop_e2e_display() {
  if [[ -n "$e2e_wm_pid" ]]; then
    kill "$e2e_wm_pid" 2>/dev/null || true
    wait "$e2e_wm_pid" 2>/dev/null || true
    e2e_wm_pid=""
  fi
  if [[ -n "$e2e_xvfb_pid" ]]; then
    kill "$e2e_xvfb_pid" 2>/dev/null || true
    wait "$e2e_xvfb_pid" 2>/dev/null || true
    e2e_xvfb_pid=""
  fi
  if [[ -n "$e2e_display_file" ]]; then
    rm -f "$e2e_display_file"
    e2e_display_file=""
  fi
}

run_e2e() {
  local tools="$root/target/tools" display="" waited=0 status=0
  for tool in Xvfb WebKitWebDriver openbox xdotool xprop xwininfo import pdftotext pdfinfo pdftoppm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "test.sh: '$tool' is missing (Debian: xvfb, webkit2gtk-driver, openbox, xdotool, x11-utils, imagemagick, poppler-utils); the desktop end-to-end suite cannot run." >&2
      return 1
    fi
  done
  cargo build -p roomlens-app -p kaltura-sim || return 1
  if [[ ! -x "$tools/bin/tauri-driver" ]]; then
    echo "test.sh: building tauri-driver into target/tools (first run only)." >&2
    cargo install tauri-driver --locked --version '^2' --root "$tools" || return 1
  fi

  trap stop_e2e_display EXIT
  e2e_display_file="$(mktemp "${TMPDIR:-/tmp}/roomlens-e2e-display.XXXXXX")"
  # -displayfd picks a free display number and writes it once the server accepts clients.
  Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$e2e_display_file" 2>/dev/null &
  e2e_xvfb_pid=$!
  while [[ ! -s "$e2e_display_file" ]]; do
    if (( waited >= 200 )) || ! kill -0 "$e2e_xvfb_pid" 2>/dev/null; then
      echo "test.sh: Xvfb did not start; the desktop end-to-end suite cannot run." >&2
      stop_e2e_display
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  display=":$(tr -d '[:space:]' <"$e2e_display_file")"

  # A window manager, as on any desktop: the file dialogs are real top-level windows it manages.
  DISPLAY="$display" openbox --sm-disable >/dev/null 2>&1 &
  e2e_wm_pid=$!
  waited=0
  until DISPLAY="$display" xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q 'window id'; do
    if (( waited >= 200 )) || ! kill -0 "$e2e_wm_pid" 2>/dev/null; then
      echo "test.sh: the window manager (openbox) did not start; the desktop end-to-end suite cannot run." >&2
      stop_e2e_display
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done

  DISPLAY="$display" ROOMLENS_E2E=1 ROOMLENS_TAURI_DRIVER="$tools/bin/tauri-driver" \
    timeout --kill-after=30 "$E2E_TIME_LIMIT_S" \
    cargo test -p roomlens-app --test e2e -- --nocapture || status=$?
  if [[ $status -eq 124 ]]; then
    echo "test.sh: the desktop end-to-end suite took longer than $E2E_TIME_LIMIT_S s and was stopped." >&2
  fi
  stop_e2e_display
  trap - EXIT
  return "$status"
}

inside_keyring_session() {
  local log status=0
  log="$(mktemp "${TMPDIR:-/tmp}/roomlens-keyring-tests.XXXXXX")"
  export ROOMLENS_KEYRING_TESTS=1
  export ROOMLENS_KEYRING_TESTS_LOG="$log"
  check_formatting_and_lints || status=$?
  if [[ $status -eq 0 ]]; then
    run_ui_tests || status=$?
  fi
  if [[ $status -eq 0 ]]; then
    check_no_fault_injection_shipped || status=$?
  fi
  if [[ $status -eq 0 ]]; then
    run_rust_tests || status=$?
  fi
  if [[ $status -eq 0 ]]; then
    check_keyring_tests_ran "$log" || status=1
  fi
  rm -f "$log"
  if [[ $status -eq 0 ]]; then
    run_e2e || status=$?
  fi
  return "$status"
}

if [[ "${1:-}" == "--inside-keyring-session" ]]; then
  inside_keyring_session
  exit $?
fi

roomlens_install_system_packages test
roomlens_require_cargo
roomlens_require_rust_tools
exec "$here/with-keyring.sh" bash "$here/test.sh" --inside-keyring-session
