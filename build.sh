#!/usr/bin/env bash
# Builds the Pinterest connector component and runs its checks.
#
#   ./build.sh          build the component (target/wasm32-wasip2/release/pinterest_connector.wasm)
#   ./build.sh demo     build it, then run the whole story through it against a local Pinterest stand-in
#   ./build.sh test     build it and the test fixture, then run formatting, lint and every test
set -euo pipefail
cd "$(dirname "$0")"

WASM=target/wasm32-wasip2/release/pinterest_connector.wasm
# A deliberately misbehaving component: the fixture of the host's containment tests.
BAD_GUEST=target/wasm32-wasip2/release/bad_guest.wasm

ensure_target() {
  if ! rustup target list --installed | grep -qx wasm32-wasip2; then
    rustup target add wasm32-wasip2
  fi
}

build_component() {
  ensure_target
  cargo build --release --target wasm32-wasip2 -p pinterest-connector
  echo "component: $WASM ($(wc -c < "$WASM") bytes)"
}

# A Python virtual environment in target/ with the pinned packages of the
# conformance check; pip only downloads what is missing.
python_env() {
  if [ ! -x target/python/bin/python ]; then
    python3 -m venv target/python
  fi
  target/python/bin/pip install --quiet --disable-pip-version-check \
    -r host-tests/conformance/requirements.txt
}

build_test_fixtures() {
  cargo build --release --target wasm32-wasip2 -p bad-guest
  echo "test fixture: $BAD_GUEST ($(wc -c < "$BAD_GUEST") bytes)"
}

run_tests() {
  build_component
  build_test_fixtures
  cargo fmt --all -- --check
  cargo clippy -p pinterest-connector --all-targets -- -D warnings
  cargo clippy -p pinterest-connector --target wasm32-wasip2 -- -D warnings
  cargo clippy -p bad-guest --target wasm32-wasip2 -- -D warnings
  cargo clippy -p host-tests --all-targets -- -D warnings
  cargo test --workspace
  # Every request the component sends, held against Pinterest's API description
  # (through the command-line host that `cargo test` built).
  python_env
  PINTEREST_CLI=target/debug/pinterest-connector \
    target/python/bin/python -m pytest -q -p no:cacheprovider host-tests/conformance
}

case "${1:-build}" in
  build) build_component ;;
  test) run_tests ;;
  demo)
    build_component
    # The debug profile: the same wasmtime build the tests use.
    cargo run -p host-tests --bin pinterest-connector -- demo
    ;;
  *)
    echo "usage: $0 [build|demo|test]" >&2
    exit 2
    ;;
esac
