#!/usr/bin/env bash
# The size/speed frontier of the component's build profile, one table from
# one run: opt-level z, s, 2 and 3 (each with the size profile's LTO, one
# codegen unit and strip), each as cargo links it and after wasm-opt at the
# matching level (-Oz, -Os, -O2, -O3), with its size, its Component::new
# time and every operation's time on a live instance against the native core.
#
#   tools/frontier.sh            build what is missing, then measure
#
# Builds go to target/frontier/LEVEL (kept between runs).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/frontier
mkdir -p "$out"
builds=()
for level in z s 2 3; do
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$level \
    cargo build -q --release --target wasm32-wasip2 -p pinterest-connector --target-dir "$out/$level"
  raw=$out/$level/wasm32-wasip2/release/deps/pinterest_connector.wasm
  cp "$raw" "$out/opt-$level.wasm"
  cargo run -q -p wasm-shrink -- "$raw" "$out/opt-$level-wasm-opt.wasm" wasm-opt "-O$level" >&2
  builds+=("opt-level $level=$out/opt-$level.wasm" "opt-level $level + wasm-opt -O$level=$out/opt-$level-wasm-opt.wasm")
done
cargo run -q --profile host -p bench -- frontier "${builds[@]}"
