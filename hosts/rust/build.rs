//! Rebuilds the crate whenever the contract in `wit/` changes: the bindings
//! macro reads those files, and cargo does not see a change to them alone.

fn main() {
    println!("cargo:rerun-if-changed=../../wit");
}
