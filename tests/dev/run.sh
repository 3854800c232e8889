#!/usr/bin/env bash
# THE run command: installs what is missing (Debian/Ubuntu), builds Roomlens in release mode and
# starts it on its built-in demo data: the desktop app when the repository root is the app's
# package, otherwise `roomlens demo` from the command line. Extra arguments go to the program.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=tests/dev/setup.sh
source "$here/setup.sh"
root="$(roomlens_repo_root)"
cd "$root"

roomlens_install_system_packages run
roomlens_require_cargo

if grep -q '^\[package\]' Cargo.toml; then
  exec cargo run --release -- "$@"
else
  exec cargo run --release -p roomlens-cli -- demo "$@"
fi
