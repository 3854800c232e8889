#!/usr/bin/env bash
# with-keyring.sh CMD... runs CMD inside a private D-Bus session bus with its own GNOME Keyring,
# unlocked, whose default collection ("login") exists and is checked with secret-tool first.
# The keyring files live in a temporary folder that is deleted afterwards; the user's own session
# bus and keyring are never touched. It installs nothing (tests/dev/test.sh does that).
set -euo pipefail

inside_marker="--inside-private-session"

if [[ $# -eq 0 ]]; then
  echo "usage: tests/dev/with-keyring.sh COMMAND [ARGS...]" >&2
  exit 2
fi

for tool in dbus-run-session dbus-send gnome-keyring-daemon secret-tool; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keyring.sh: '$tool' is missing. Run tests/dev/test.sh once (it installs it), or install dbus, gnome-keyring and libsecret-tools." >&2
    exit 1
  fi
done

if [[ "$1" != "$inside_marker" ]]; then
  exec dbus-run-session -- bash "${BASH_SOURCE[0]}" "$inside_marker" "$@"
fi
shift

state="$(mktemp -d "${TMPDIR:-/tmp}/roomlens-keyring.XXXXXX")"
keyring_pid=""
cleanup() {
  if [[ -n "$keyring_pid" ]]; then
    kill "$keyring_pid" 2>/dev/null || true
  fi
  rm -rf "$state"
}
trap cleanup EXIT

mkdir -m 700 "$state/data" "$state/run"
# A fresh password each session; the keyring only lives as long as this bus.
password="$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')"
# With a new data folder, --unlock creates the "login" keyring with this password, unlocks it, and
# makes it the default collection.
printf '%s' "$password" \
  | XDG_DATA_HOME="$state/data" XDG_RUNTIME_DIR="$state/run" \
    gnome-keyring-daemon --unlock --components=secrets >/dev/null
unset password

keyring_pid="$(dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
  org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null \
  | awk '/uint32/ {print $2}')" || true

probe_value="roomlens-probe-$$"
if ! printf '%s' "$probe_value" | timeout 20 secret-tool store --label="Roomlens keyring probe" roomlens-probe "$$" \
  || [[ "$(timeout 20 secret-tool lookup roomlens-probe "$$")" != "$probe_value" ]]; then
  echo "with-keyring.sh: the private gnome-keyring did not store and return a test secret; the keyring tests cannot run." >&2
  exit 1
fi
timeout 20 secret-tool clear roomlens-probe "$$"

status=0
"$@" || status=$?
exit "$status"
