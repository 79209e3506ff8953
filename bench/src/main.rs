//! `bench`: prints one table of the connector's costs from one run — size,
//! load time, per-call overhead and end-to-end speed — each figure with its
//! ratio to a baseline measured in the same run. Run it through
//! `./build.sh bench`, which builds the component both ways and the Python
//! SDK's virtualenv first.
//!
//! ```text
//! bench --repo DIR --component SHIPPED.wasm --size-profile RAW.wasm
//!       --default-profile DEFAULT.wasm [--python VENV/bin/python]
//!       [--standard STANDARD.wasm] [--service SERVICE.wasm] [--before BEFORE.wasm]
//! ```
//!
//! It prints the goal table first (each goal, the figure of this run, the
//! figure from before the work on speed and size, met or not), then every
//! measurement. `--before` names a component from before that work, whose
//! `Component::new` is then measured in this run as the cold-load baseline.

mod breakdown;
mod calls;
mod e2e;
mod external;
mod fixtures;
mod goals;
mod inputs;
mod load;
mod machine;
mod mock;
mod native_client;
mod ops;
mod size;
mod standard;
mod stats;
mod table;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use fixtures::Answers;

/// The command line.
struct Args {
    repo: PathBuf,
    component: PathBuf,
    size_profile: PathBuf,
    default_profile: PathBuf,
    python: Option<PathBuf>,
    before: Option<PathBuf>,
    standard: Option<PathBuf>,
    service: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("breakdown") => match args.get(1) {
            Some(wasm) => breakdown::breakdown(wasm),
            None => Err("usage: bench breakdown COMPONENT.wasm".into()),
        },
        Some("frontier") => breakdown::frontier(&args[1..]),
        Some("spin") => breakdown::spin(&args[1..]),
        _ => parse_args().and_then(run),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<(), String> {
    let answers = Arc::new(Answers::new());
    let scratch = args.repo.join("target/bench");
    let wasm = std::fs::read(&args.component)
        .map_err(|e| format!("{}: {e} (run ./build.sh first)", args.component.display()))?;

    eprintln!("bench: load");
    let loaded = load::run(&wasm, &scratch, &answers)?;
    let mut rows = size::rows(
        &size::Builds {
            shipped: &args.component,
            size_profile: &args.size_profile,
            default_profile: &args.default_profile,
            standard: args.standard.as_deref(),
            service: args.service.as_deref(),
        },
        loaded.precompiled_bytes,
    )?;
    rows.extend(loaded.rows.iter().cloned());
    let load_before = match &args.before {
        Some(path) => {
            let before = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            goals::LoadBefore::Measured(load::compile_time(&loaded.engine, &before)?)
        }
        None => goals::LoadBefore::Printed,
    };

    eprintln!("bench: per-call overhead");
    let default_profile_wasm = std::fs::read(&args.default_profile)
        .map_err(|e| format!("{}: {e}", args.default_profile.display()))?;
    rows.extend(calls::rows(
        &loaded.engine,
        &loaded.component,
        &wasm,
        &default_profile_wasm,
        &answers,
    )?);

    eprintln!("bench: end to end");
    let python = args
        .python
        .as_ref()
        .map(|python| external::External::PythonSdk {
            python: python.clone(),
            script: args.repo.join("bench/python/sdk_e2e.py"),
        });
    rows.extend(e2e::rows(
        e2e::Setup {
            component: &args.component,
            cache: &scratch.join("component-cache"),
            python,
            node: external::node_host(&args.repo, &args.component),
            standard: args.standard.as_deref(),
        },
        &answers,
    )?);

    println!(
        "Machine: {}",
        machine::describe(&args.repo, args.python.as_deref())
    );
    println!();
    print!("{}", goals::render(&goals::goals(&rows, &load_before)));
    println!();
    print!("{}", table::render(&rows));
    Ok(())
}

fn parse_args() -> Result<Args, String> {
    let mut repo = None;
    let mut component = None;
    let mut size_profile = None;
    let mut default_profile = None;
    let mut python = None;
    let mut before = None;
    let mut standard = None;
    let mut service = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .map(PathBuf::from)
            .ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--repo" => repo = Some(value),
            "--component" => component = Some(value),
            "--size-profile" => size_profile = Some(value),
            "--default-profile" => default_profile = Some(value),
            "--python" => python = Some(value),
            "--before" => before = Some(value),
            "--standard" => standard = Some(value),
            "--service" => service = Some(value),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let required = |v: Option<PathBuf>, name: &str| v.ok_or_else(|| format!("{name} is required"));
    Ok(Args {
        repo: required(repo, "--repo")?,
        component: required(component, "--component")?,
        size_profile: required(size_profile, "--size-profile")?,
        default_profile: required(default_profile, "--default-profile")?,
        python,
        before,
        standard,
        service,
    })
}
