//! The two compositions, as wac-graph graphs.
//!
//! - standard: `adapter` instantiated once; the connector instantiated with
//!   the adapter's `pinterest:connector/http` and `pinterest:connector/types`
//!   exports as its imports of those names; the connector's exports
//!   exported, and the adapter's type-only `types` beside them (the types
//!   of an export must be exported or imported, and nothing of the
//!   connector's is imported any more). What `wac plug --plug adapter.wasm
//!   connector.wasm` makes, without the type-only import it would leave.
//! - service: the same two instances, and the service instantiated with the
//!   connector's `connector` export and the adapter's `types`; the service's
//!   exports exported, with `types`.
//!
//! Every import nobody satisfies (the `wasi:*` ones) becomes an import of
//! the result, shared by every instance that has it.

use std::path::Path;

use wac_graph::types::Package;
use wac_graph::{CompositionGraph, EncodeOptions, NodeId, PackageId};

/// The adapter's exports the connector imports.
const PLUGGED: [&str; 2] = ["pinterest:connector/http", "pinterest:connector/types"];
/// The connector's export the service imports.
const CONNECTOR: &str = "pinterest:connector/connector";
/// The type-only interface every component here shares.
const TYPES: &str = "pinterest:connector/types";

/// An instantiation in the graph and the package it instantiates.
type Instance = (NodeId, PackageId);

/// A package registered from the component file `path`, under `name`.
fn register(graph: &mut CompositionGraph, name: &str, path: &Path) -> Result<PackageId, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let package = Package::from_bytes(name, None, bytes, graph.types_mut())
        .map_err(|e| format!("{}: {e:#}", path.display()))?;
    graph
        .register_package(package)
        .map_err(|e| format!("{}: {e:#}", path.display()))
}

/// The name among `names` (imports or exports) that is `interface` at
/// some version, e.g. `pinterest:connector/http@0.3.0`.
fn named(names: Vec<String>, interface: &str) -> Option<String> {
    names.into_iter().find(|name| {
        name == interface
            || name
                .strip_prefix(interface)
                .is_some_and(|rest| rest.starts_with('@'))
    })
}

fn export_names(graph: &CompositionGraph, package: PackageId) -> Vec<String> {
    graph.types()[graph[package].ty()]
        .exports
        .keys()
        .cloned()
        .collect()
}

fn import_names(graph: &CompositionGraph, package: PackageId) -> Vec<String> {
    graph.types()[graph[package].ty()]
        .imports
        .keys()
        .cloned()
        .collect()
}

/// Passes `interface` of instance `from` (package `from_package`) to the
/// import of that interface of instance `to` (package `to_package`).
fn connect(
    graph: &mut CompositionGraph,
    (from, from_package): Instance,
    (to, to_package): Instance,
    interface: &str,
) -> Result<(), String> {
    let export = named(export_names(graph, from_package), interface)
        .ok_or_else(|| format!("{} exports no {interface}", graph[from_package].name()))?;
    let import = named(import_names(graph, to_package), interface)
        .ok_or_else(|| format!("{} imports no {interface}", graph[to_package].name()))?;
    let alias = graph
        .alias_instance_export(from, &export)
        .map_err(|e| format!("{export}: {e:#}"))?;
    graph
        .set_instantiation_argument(to, &import, alias)
        .map_err(|e| {
            format!(
                "{} as {import} of {}: {e:#}",
                export,
                graph[to_package].name()
            )
        })
}

/// Exports every export of instance `node` (package `package`).
fn export_all(
    graph: &mut CompositionGraph,
    node: NodeId,
    package: PackageId,
) -> Result<(), String> {
    for name in export_names(graph, package) {
        let alias = graph
            .alias_instance_export(node, &name)
            .map_err(|e| format!("{name}: {e:#}"))?;
        graph
            .export(alias, &name)
            .map_err(|e| format!("{name}: {e:#}"))?;
    }
    Ok(())
}

/// The adapter and the connector instantiated, the adapter plugged in.
fn plugged(
    graph: &mut CompositionGraph,
    connector: &Path,
    adapter: &Path,
) -> Result<(Instance, Instance), String> {
    let adapter_package = register(graph, "pinterest:wasi-adapter", adapter)?;
    let connector_package = register(graph, "pinterest:connector", connector)?;
    let adapter = (graph.instantiate(adapter_package), adapter_package);
    let connector = (graph.instantiate(connector_package), connector_package);
    for interface in PLUGGED {
        connect(graph, adapter, connector, interface)?;
    }
    Ok((adapter, connector))
}

fn encode(graph: &CompositionGraph) -> Result<Vec<u8>, String> {
    graph.encode(EncodeOptions::default()).map_err(|e| {
        let mut text = format!("encoding the composition: {e}");
        let mut source = std::error::Error::source(&e);
        while let Some(cause) = source {
            text.push_str(&format!(": {cause}"));
            source = cause.source();
        }
        text
    })
}

/// Exports the adapter's `types`: an export's types must be exported or
/// imported, and the composition imports nothing of the connector's.
fn export_types(graph: &mut CompositionGraph, (node, package): Instance) -> Result<(), String> {
    let name = named(export_names(graph, package), TYPES)
        .ok_or_else(|| format!("{} exports no {TYPES}", graph[package].name()))?;
    let alias = graph
        .alias_instance_export(node, &name)
        .map_err(|e| format!("{name}: {e:#}"))?;
    graph
        .export(alias, &name)
        .map_err(|e| format!("{name}: {e:#}"))
}

/// The connector with the adapter plugged in.
pub fn standard(connector: &Path, adapter: &Path) -> Result<Vec<u8>, String> {
    let mut graph = CompositionGraph::new();
    let (adapter, connector) = plugged(&mut graph, connector, adapter)?;
    export_types(&mut graph, adapter)?;
    export_all(&mut graph, connector.0, connector.1)?;
    encode(&graph)
}

/// The HTTP service over the connector with the adapter plugged in.
pub fn service(connector: &Path, adapter: &Path, service: &Path) -> Result<Vec<u8>, String> {
    let mut graph = CompositionGraph::new();
    let (adapter, connector) = plugged(&mut graph, connector, adapter)?;
    let service_package = register(&mut graph, "pinterest:http-service", service)?;
    let service = (graph.instantiate(service_package), service_package);
    connect(&mut graph, connector, service, CONNECTOR)?;
    connect(&mut graph, adapter, service, TYPES)?;
    export_types(&mut graph, adapter)?;
    export_all(&mut graph, service.0, service.1)?;
    encode(&graph)
}

/// The import names of the component at `path`.
pub fn imports(path: &Path) -> Result<Vec<String>, String> {
    let mut graph = CompositionGraph::new();
    let package = register(&mut graph, "component", path)?;
    Ok(import_names(&graph, package))
}
