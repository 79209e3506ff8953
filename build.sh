#!/usr/bin/env bash
# Builds the Pinterest connector component and runs its checks.
#
#   ./build.sh          build the component (target/wasm32-wasip2/release/pinterest_connector.wasm)
#                       and its standard-WASI artifacts beside it: pinterest_connector_wasi.wasm
#                       (the wasi:http adapter composed in) and pinterest_connector_service.wasm
#                       (the connector as an HTTP service), which import only wasi:* interfaces
#   ./build.sh demo     build it, then run the whole story through it against a local Pinterest stand-in
#   ./build.sh test     build them and the test fixture, then run formatting, lint and every test:
#                       Rust (wasmtime), Node (jco, hosts/node) and Python (wasmtime-py,
#                       hosts/python) hosts, the standard-WASI artifacts on wasmtime-wasi-http
#                       (wasi/tests), wasmtime-py and jco, the conformance check, and the
#                       Temporal host (hosts/temporal) with its workers, vaults and dev server
#   ./build.sh fuzz     run every fuzz target for FUZZ_SECONDS (default 60) each, on nightly
#   ./build.sh bench    build it, then print one table of its costs (size, load,
#                       per-call overhead, end to end against a native client,
#                       Pinterest's Python SDK and the Node host), every ratio from the same run
set -euo pipefail
cd "$(dirname "$0")"

WASM=target/wasm32-wasip2/release/pinterest_connector.wasm
# What cargo links, before wasm-opt; `$WASM` is made from it.
RAW_WASM=target/wasm32-wasip2/release/deps/pinterest_connector.wasm
# Binaryen's optimization level for the component's core module, matching
# the release profile's opt-level in Cargo.toml (docs/bench.md: the frontier).
WASM_OPT_LEVEL=-O2
# The standard-WASI artifacts (wasi/, docs/standard-hosts.md): the adapter that
# answers the connector's http import over wasi:http, the HTTP service, and
# what tools/compose makes of them with the connector. The first two are the
# shrunk builds, under names of their own: cargo puts its own build back at
# its crate's name on every build.
ADAPTER_WASM=target/wasm32-wasip2/release/pinterest_connector_adapter.wasm
SERVICE_PART_WASM=target/wasm32-wasip2/release/pinterest_connector_service_part.wasm
WASI_WASM=target/wasm32-wasip2/release/pinterest_connector_wasi.wasm
SERVICE_WASM=target/wasm32-wasip2/release/pinterest_connector_service.wasm
# A deliberately misbehaving component: the fixture of the host's containment tests.
BAD_GUEST=target/wasm32-wasip2/release/bad_guest.wasm
# One Python virtual environment for the Python host's tests and the conformance check.
PY_VENV=target/python
PY_REQUIREMENTS=(hosts/python/requirements.txt host-tests/conformance/requirements.txt)

ensure_target() {
  if ! rustup target list --installed | grep -qx wasm32-wasip2; then
    rustup target add wasm32-wasip2
  fi
}

# Binaryen's wasm-opt shrinks the component by a fifth and speeds it up. Installed from
# Debian's packages where that is possible (CI runs as root); elsewhere
# install binaryen yourself, or the component is left as cargo built it.
ensure_wasm_opt() {
  if ! command -v wasm-opt >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq binaryen >/dev/null ||
      echo "warning: could not install binaryen from Debian's packages" >&2
  fi
}

# Writes $2 from $1, the component cargo linked: shrunk by wasm-opt (at
# level $3, -Oz unless given), or as it is when wasm-opt is missing.
shrink() {
  if command -v wasm-opt >/dev/null; then
    cargo run -q -p wasm-shrink -- "$1" "$2" wasm-opt "${3:--Oz}"
  else
    cp "$1" "$2.tmp" && mv "$2.tmp" "$2"
  fi
}

build_component() {
  ensure_target
  cargo build --release --target wasm32-wasip2 -p pinterest-connector
  ensure_wasm_opt
  command -v wasm-opt >/dev/null ||
    echo "warning: wasm-opt (Binaryen) not found: the components are left as cargo built them" >&2
  shrink "$RAW_WASM" "$WASM" "$WASM_OPT_LEVEL"
  echo "component: $WASM ($(wc -c < "$WASM") bytes)"
  build_standard_artifacts
}

# The adapter and the service built and shrunk, then composed with the
# connector by tools/compose (wac-graph, the library behind `wac plug`).
build_standard_artifacts() {
  local deps=target/wasm32-wasip2/release/deps
  cargo build --release --target wasm32-wasip2 -p pinterest-wasi-adapter -p pinterest-http-service
  # Shrunk again only when cargo linked them again, so that what checks
  # their time (the Node host's transpilation) sees no change.
  [ "$ADAPTER_WASM" -nt "$deps/pinterest_wasi_adapter.wasm" ] ||
    shrink "$deps/pinterest_wasi_adapter.wasm" "$ADAPTER_WASM"
  [ "$SERVICE_PART_WASM" -nt "$deps/pinterest_http_service.wasm" ] ||
    shrink "$deps/pinterest_http_service.wasm" "$SERVICE_PART_WASM"
  cargo run -q -p compose -- standard "$WASM" "$ADAPTER_WASM" "$WASI_WASM"
  cargo run -q -p compose -- service "$WASM" "$ADAPTER_WASM" "$SERVICE_PART_WASM" "$SERVICE_WASM"
}

build_test_fixtures() {
  cargo build --release --target wasm32-wasip2 -p bad-guest
  echo "test fixture: $BAD_GUEST ($(wc -c < "$BAD_GUEST") bytes)"
}

# Prints the sha256 of files, to tell whether an install is current.
digest() {
  cat "$@" | sha256sum | cut -d' ' -f1
}

# The Node host: npm ci from the lock file (skipped while node_modules was
# installed from this very lock), jco transpilation, node --test against the
# stand-in (the debug pinterest-connector binary `cargo test` built) and a
# local server.
node_host_tests() {
  local start=$SECONDS stamp=hosts/node/node_modules/.installed-from
  if [ "$(cat "$stamp" 2>/dev/null)" != "$(digest hosts/node/package-lock.json)" ]; then
    (cd hosts/node && npm ci --no-audit --no-fund)
    digest hosts/node/package-lock.json > "$stamp"
  fi
  (cd hosts/node && node scripts/transpile.mjs && node --test test/)
  echo "node host: $((SECONDS - start)) s"
}

# A Python virtual environment at $1 with the packages of the requirements
# files that follow (pinned with every dependency), made again only when one
# of those files changes.
python_venv() {
  local venv=$1 requirement
  shift
  local stamp=$venv/.installed-from pip_args=()
  for requirement in "$@"; do pip_args+=(-r "$requirement"); done
  if [ "$(cat "$stamp" 2>/dev/null)" != "$(digest "$@")" ]; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "${pip_args[@]}"
    digest "$@" > "$stamp"
  fi
}

# The Python host's and the conformance check's packages, in target/python.
python_env() {
  python_venv "$PY_VENV" "${PY_REQUIREMENTS[@]}"
}

# The Python host: pytest against a local mock.
python_host_tests() {
  local start=$SECONDS
  python_env
  PYTHONDONTWRITEBYTECODE=1 "$PY_VENV/bin/python" -m pytest -p no:cacheprovider hosts/python
  echo "python host: $((SECONDS - start)) s"
}

# Every request the component sends, held against Pinterest's API description
# (through the command-line host that `cargo test` built).
conformance_tests() {
  python_env
  PINTEREST_CLI=target/debug/pinterest-connector PYTHONDONTWRITEBYTECODE=1 \
    "$PY_VENV/bin/python" -m pytest -q -p no:cacheprovider host-tests/conformance
}

# The Temporal host: its packages (with the Temporal CLI for the development
# server) in target/temporal, Debian's PostgreSQL when initdb is missing,
# then pytest, which starts and stops the development server, a throwaway
# PostgreSQL cluster, the stand-in (the debug pinterest-connector binary
# `cargo test` built) and worker processes.
temporal_host_tests() {
  local start=$SECONDS
  if ! command -v initdb >/dev/null && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null &&
    command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  python_venv target/temporal hosts/temporal/requirements.txt
  PINTEREST_CLI=target/debug/pinterest-connector PYTHONDONTWRITEBYTECODE=1 \
    target/temporal/bin/python -m pytest -p no:cacheprovider hosts/temporal/tests
  echo "temporal host: $((SECONDS - start)) s"
}

run_tests() {
  build_component
  build_test_fixtures
  cargo fmt --all -- --check
  cargo clippy -p pinterest-connector --all-targets -- -D warnings
  cargo clippy -p pinterest-connector --target wasm32-wasip2 -- -D warnings
  cargo clippy -p bad-guest --target wasm32-wasip2 -- -D warnings
  cargo clippy -p pinterest-connector-host --all-targets -- -D warnings
  cargo clippy -p pinterest-connector-host --no-default-features -- -D warnings
  cargo clippy -p pinterest-connector-cli --all-targets --features test-hooks -- -D warnings
  cargo clippy -p pinterest-standin --all-targets -- -D warnings
  # One run for both harnesses: the same wasmtime features, one check build.
  cargo clippy -p host-tests -p standard-hosts -p compose -p pinterest-wasi-adapter -p pinterest-http-service \
    --all-targets -- -D warnings
  cargo clippy -p wasm-shrink --all-targets -- -D warnings
  cargo clippy -p manifest-gen --all-targets -- -D warnings
  cargo clippy -p bench --all-targets -- -D warnings
  cargo clippy -p pinterest-wasi-adapter -p pinterest-http-service --target wasm32-wasip2 -- -D warnings
  # The crash tests need the command line's test hooks, which a normal
  # build (cargo install, ./build.sh demo) leaves out.
  cargo test --workspace --features pinterest-connector-cli/test-hooks
  node_host_tests
  python_host_tests
  conformance_tests
  temporal_host_tests
}

# cargo-fuzz runs the targets in fuzz/ (a crate outside the workspace) on the
# nightly toolchain, natively on the core. Each target starts from the
# committed seeds (fuzz/seeds/, taken from Pinterest's API description) and
# regressions (fuzz/regressions/) and keeps what it learns in fuzz/corpus/
# (not committed). A crash leaves its input in fuzz/artifacts/TARGET/: copy it
# to fuzz/regressions/TARGET/ with the fix, and `cargo test` replays it.
CARGO_FUZZ_VERSION=0.13.2

run_fuzz() {
  local seconds="${FUZZ_SECONDS:-60}"
  if ! rustup toolchain list | grep -q '^nightly'; then
    rustup toolchain install nightly --profile minimal
  fi
  if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
    cargo install --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION"
  fi
  # No sanitizer (the core is safe Rust); fuzz/Cargo.toml turns on debug
  # assertions and overflow checks.
  cargo +nightly fuzz build --release --sanitizer none
  local summary="" failed=0 target log
  for target in $(cargo +nightly fuzz list); do
    mkdir -p "fuzz/corpus/$target" "fuzz/regressions/$target" "fuzz/artifacts/$target"
    log="fuzz/artifacts/$target.log"
    touch "fuzz/artifacts/$target.start"
    echo "fuzzing $target for ${seconds}s"
    local status=0
    cargo +nightly fuzz run --release --sanitizer none "$target" \
      "fuzz/corpus/$target" "fuzz/seeds/$target" "fuzz/regressions/$target" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      >"$log" 2>&1 || status=$?
    local execs crashes
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    crashes=$(find "fuzz/artifacts/$target" -type f -newer "fuzz/artifacts/$target.start" | wc -l)
    if [ "$status" -ne 0 ]; then
      failed=1
      tail -40 "$log" >&2
    fi
    summary+=$(printf '%-16s %12s executions  %s crashes  (exit %s)' "$target" "${execs:-?}" "$crashes" "$status")$'\n'
  done
  echo
  echo "fuzzing, ${seconds}s a target:"
  printf '%s' "$summary"
  return "$failed"
}

# Cargo's default release profile, built only to show what the size profile buys.
DEFAULT_PROFILE_DIR=target/bench-default-profile
# Pinterest's Python SDK, pinned in bench/python/requirements.txt.
BENCH_VENV=target/bench/venv

run_bench() {
  build_component
  CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_STRIP=debuginfo \
    cargo build --release --target wasm32-wasip2 -p pinterest-connector --target-dir "$DEFAULT_PROFILE_DIR"
  local python=()
  if command -v python3 >/dev/null; then
    python_venv "$BENCH_VENV" bench/python/requirements.txt
    python=(--python "$BENCH_VENV/bin/python")
  else
    echo "warning: python3 not found: the Python SDK rows are skipped" >&2
  fi
  # BENCH_BEFORE names a component from before the work on speed and size:
  # its compile time is then the cold-load baseline, measured in this run.
  local before=()
  if [ -n "${BENCH_BEFORE:-}" ]; then before=(--before "$BENCH_BEFORE"); fi
  cargo run --profile host -p bench -- --repo "$PWD" --component "$WASM" --size-profile "$RAW_WASM" \
    --default-profile "$DEFAULT_PROFILE_DIR/wasm32-wasip2/release/pinterest_connector.wasm" "${python[@]}" \
    --standard "$WASI_WASM" --service "$SERVICE_WASM" "${before[@]}"
}

case "${1:-build}" in
  build) build_component ;;
  test) run_tests ;;
  fuzz) run_fuzz ;;
  demo)
    build_component
    # The debug profile: the same wasmtime build the tests use.
    cargo run -p pinterest-connector-cli -- demo
    ;;
  bench) run_bench ;;
  *)
    echo "usage: $0 [build|demo|test|fuzz|bench]" >&2
    exit 2
    ;;
esac
