//! Carries the connector component inside the program: the release build
//! `./build.sh` makes (or the file `PINTEREST_CONNECTOR_WASM` names) is
//! copied into the build and included with `include_bytes!`, so the
//! installed program needs no source checkout.

use std::path::PathBuf;

const COMPONENT_ENV: &str = "PINTEREST_CONNECTOR_WASM";

fn main() {
    println!("cargo:rerun-if-env-changed={COMPONENT_ENV}");
    let component = std::env::var_os(COMPONENT_ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../target/wasm32-wasip2/release/pinterest_connector.wasm")
        });
    println!("cargo:rerun-if-changed={}", component.display());
    let bytes = std::fs::read(&component).unwrap_or_else(|e| {
        panic!(
            "the connector component {} is missing ({e}): build it first with ./build.sh \
             (or set {COMPONENT_ENV} to a built pinterest_connector.wasm)",
            component.display()
        )
    });
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("pinterest_connector.wasm"), bytes)
        .expect("writing the component into OUT_DIR");
}
