# Installs what GP Funding Explorer needs and is missing, each at a pinned version, and puts the
# tools on PATH. Sourced by scripts/serve.sh and scripts/test.sh; safe to run again: anything
# already present at the right version is left alone. Only package registries are used
# (the Rust, npm and Debian registries).
#
#   setup_build   wasm32 target, trunk, wasm-bindgen-cli, wasm-opt, crates (what serving needs)
#   setup_test    also Chromium and ChromeDriver (apt) and the end-to-end test packages (npm)

TRUNK_VERSION="0.21.14"
WASM_BINDGEN_VERSION="0.2.130"   # must equal the `=` pin of wasm-bindgen in Cargo.toml
BINARYEN_VERSION="132.0.0"       # wasm-opt "version_132", as Trunk.toml's [tools] asks
CHROMIUM_VERSION="156.0.8078.114-1~deb12u1"

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="${GPFE_TOOLS_DIR:-$HOME/.cache/gp-funding-explorer}"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Trunk would otherwise ask the Rust registry whether a newer trunk exists.
export TRUNK_SKIP_VERSION_CHECK=true
export PATH="$HOME/.cargo/bin:$TOOLS_DIR/binaryen/node_modules/.bin:$PATH"

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "error: '$1' is required: $2" >&2; return 1; }
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Prints the version a tool reports, or nothing when it is missing.
version_of() { "$@" 2>/dev/null | head -n1 || true; }

setup_build() {
  need cargo "install Rust with rustup (https://rustup.rs)" || return 1
  need rustup "install Rust with rustup (https://rustup.rs)" || return 1
  need npm "install Node.js and npm (apt-get install -y nodejs npm)" || return 1

  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown || return 1
  fi

  if [ "$(version_of trunk --version)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (compiles from source: 15 minutes or so on 2 cores)"
    cargo install trunk --locked --version "$TRUNK_VERSION" || return 1
  fi

  if [ "$(version_of wasm-bindgen --version)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (5 minutes or so)"
    # Not --locked: its lockfile pins a webpki-roots release the registry no longer serves.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" || return 1
  fi

  if [ "$(version_of wasm-opt --version)" != "wasm-opt version ${BINARYEN_VERSION%%.*} (version_${BINARYEN_VERSION%%.*})" ]; then
    say "installing wasm-opt from npm binaryen@$BINARYEN_VERSION into $TOOLS_DIR/binaryen"
    mkdir -p "$TOOLS_DIR/binaryen" || return 1
    (cd "$TOOLS_DIR/binaryen" && npm install --no-audit --no-fund --no-save "binaryen@$BINARYEN_VERSION") || return 1
    hash -r
  fi

  say "fetching crates (Trunk builds offline)"
  (cd "$REPO_ROOT" && cargo fetch --locked) || return 1
}

setup_test() {
  setup_build || return 1

  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Chromium and ChromeDriver from Debian"
    as_root apt-get update -qq || return 1
    # `apt-cache show pkg=version` exits 0 even when that version is gone, so ask madison, which
    # lists only the versions the archive offers now.
    if apt-cache madison chromium | awk -F'|' '{gsub(/ /, "", $2); print $2}' | grep -qxF "$CHROMIUM_VERSION" \
      && apt-cache madison chromium-driver | awk -F'|' '{gsub(/ /, "", $2); print $2}' | grep -qxF "$CHROMIUM_VERSION"; then
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        "chromium=$CHROMIUM_VERSION" "chromium-driver=$CHROMIUM_VERSION" || return 1
    else
      # Debian's security archive keeps only the newest build of Chromium.
      say "warning: chromium $CHROMIUM_VERSION is no longer offered; installing Debian's current build"
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver || return 1
    fi
  fi

  if [ ! -f "$REPO_ROOT/tests/e2e/node_modules/playwright-core/package.json" ] \
    || [ ! -f "$REPO_ROOT/tests/e2e/node_modules/axe-core/package.json" ] \
    || [ ! -f "$REPO_ROOT/tests/e2e/node_modules/jsqr/package.json" ]; then
    say "installing the end-to-end test packages (npm ci)"
    (cd "$REPO_ROOT/tests/e2e" && npm ci --no-audit --no-fund) || return 1
  fi
}
