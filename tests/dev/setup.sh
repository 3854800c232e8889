# Sourced by tests/dev/run.sh and tests/dev/test.sh: installs the system packages Roomlens needs to
# build, run and test on Debian or Ubuntu (apt-get, through sudo when not root), and checks that
# Rust is there. On other systems it names what to install and stops; it never installs Rust itself.

# Build dependencies of a Tauri 2 app on Linux, plus D-Bus headers for the Secret Service keychain.
ROOMLENS_RUN_PACKAGES=(
  build-essential file pkg-config libssl-dev libdbus-1-dev
  libwebkit2gtk-4.1-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev
)

# What the tests add: a private D-Bus session with a real GNOME Keyring, and a virtual display with
# WebKit's WebDriver for the desktop end-to-end suite, a window manager (openbox) so the system's
# file dialogs behave as on a desktop, and what the suite uses to find those dialogs, type into
# them and photograph them (xdotool, xprop/xwininfo, ImageMagick's import).
ROOMLENS_TEST_PACKAGES=(
  "${ROOMLENS_RUN_PACKAGES[@]}"
  dbus dbus-x11 gnome-keyring libsecret-tools
  xvfb xauth webkit2gtk-driver
  openbox xdotool x11-utils imagemagick
  poppler-utils
)

# The Rust version the workspace declares (rust-version in Cargo.toml).
ROOMLENS_MIN_RUST="1.92"

roomlens_say() {
  printf '%s\n' "$*" >&2
}

roomlens_is_debian_like() {
  [[ "$(uname -s)" == "Linux" ]] && command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1
}

roomlens_missing_packages() {
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      printf '%s\n' "$pkg"
    fi
  done
}

# Runs a command as root: directly when root, through sudo otherwise (never asking for a password
# when there is no terminal to ask on, as in CI).
roomlens_as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    if [[ -t 0 && -z "${CI:-}" ]]; then
      sudo "$@"
    else
      sudo -n "$@"
    fi
  else
    return 127
  fi
}

# roomlens_install_system_packages run|test
roomlens_install_system_packages() {
  local purpose="$1"
  local -a wanted
  if [[ "$purpose" == "test" ]]; then
    wanted=("${ROOMLENS_TEST_PACKAGES[@]}")
    # The page's own unit tests run on Node's built-in test runner; any Node 18 or newer will do.
    if ! command -v node >/dev/null 2>&1; then
      wanted+=(nodejs)
    fi
    # npm fetches the TypeScript compiler that type-checks the page (tests/ui/package.json).
    if ! command -v npm >/dev/null 2>&1; then
      wanted+=(npm)
    fi
  else
    wanted=("${ROOMLENS_RUN_PACKAGES[@]}")
  fi

  if ! roomlens_is_debian_like; then
    if [[ "$purpose" == "run" && "$(uname -s)" == "Darwin" ]]; then
      if ! xcode-select -p >/dev/null 2>&1; then
        roomlens_say "Roomlens needs Apple's command line tools to build. Install them with: xcode-select --install"
        return 1
      fi
      return 0
    fi
    roomlens_say "This script installs system packages on Debian and Ubuntu only."
    roomlens_say "On this system, install the equivalents of these Debian packages, then run it again:"
    roomlens_say "  ${wanted[*]}"
    if [[ "$purpose" == "test" ]]; then
      roomlens_say "(The tests also need a D-Bus session bus with gnome-keyring, Xvfb and WebKitWebDriver.)"
    fi
    return 1
  fi

  local -a missing
  mapfile -t missing < <(roomlens_missing_packages "${wanted[@]}")
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi
  roomlens_say "Installing missing system packages: ${missing[*]}"
  if ! roomlens_as_root true; then
    roomlens_say "Installing them needs root, and this user cannot use sudo here (or sudo needs a password and there is no terminal)."
    roomlens_say "Install them yourself, then run this again:"
    roomlens_say "  sudo apt-get install ${missing[*]}"
    return 1
  fi
  if ! roomlens_as_root env DEBIAN_FRONTEND=noninteractive apt-get update; then
    roomlens_say "apt-get update failed; check the network and the apt sources, then run this again."
    return 1
  fi
  if ! roomlens_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"; then
    roomlens_say "apt-get could not install: ${missing[*]}"
    return 1
  fi
}

# Checks that cargo is installed and recent enough; it does not install Rust.
roomlens_require_cargo() {
  if ! command -v cargo >/dev/null 2>&1 && [[ -x "$HOME/.cargo/bin/cargo" ]]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  if ! command -v cargo >/dev/null 2>&1; then
    roomlens_say "Rust is not installed (no 'cargo' found). Install it from https://rustup.rs, open a new terminal, and run this again."
    return 1
  fi
  local version
  version="$(rustc --version 2>/dev/null | awk '{print $2}')"
  if [[ -n "$version" ]] && ! printf '%s\n%s\n' "$ROOMLENS_MIN_RUST" "$version" | sort -V -C; then
    roomlens_say "Roomlens needs Rust $ROOMLENS_MIN_RUST or newer; this machine has $version. Update it with: rustup update stable"
    return 1
  fi
}

# Checks that cargo's formatter and linter are there (the tests run both); adds them with rustup
# when it manages the toolchain, else names what to install.
roomlens_require_rust_tools() {
  if cargo fmt --version >/dev/null 2>&1 && cargo clippy --version >/dev/null 2>&1; then
    return 0
  fi
  if command -v rustup >/dev/null 2>&1; then
    roomlens_say "Adding rustfmt and clippy to the Rust toolchain (the tests check formatting and lints)."
    rustup component add rustfmt clippy && return 0
  fi
  roomlens_say "The tests need cargo fmt and cargo clippy. Install them with: rustup component add rustfmt clippy"
  return 1
}

# The repository root, whatever folder the script was started from.
roomlens_repo_root() {
  cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd
}
