"""Cuts Pinterest's OpenAPI description down to the operations the connector uses.

Usage: python3 extract_subset.py OPENAPI_JSON pinterest-v5-subset.json

The input is `v5/openapi.json` of github.com/pinterest/api-description (MIT). The output keeps
those operations verbatim, with every component they reference (transitively, through `$ref`
and discriminator mappings) and the security schemes, so a validator sees exactly what
Pinterest publishes for them. Run it again when Pinterest publishes a new release; the tests
only read the output.
"""

import json
import sys

OPERATIONS = {
    "/oauth/token": ["post"],
    "/user_account": ["get"],
    "/boards": ["get", "post"],
    "/boards/{board_id}": ["get", "patch", "delete"],
    "/boards/{board_id}/pins": ["get"],
    "/boards/{board_id}/sections": ["get", "post"],
    "/boards/{board_id}/sections/{section_id}": ["patch", "delete"],
    "/boards/{board_id}/sections/{section_id}/pins": ["get"],
    "/pins": ["get", "post"],
    "/pins/{pin_id}": ["get", "patch", "delete"],
    "/pins/{pin_id}/save": ["post"],
    "/media": ["get", "post"],
    "/media/{media_id}": ["get"],
}


def extract(spec):
    """Returns the subset of `spec` (a parsed OpenAPI document) for OPERATIONS."""
    subset = {key: spec[key] for key in ("openapi", "info", "servers")}
    subset["paths"] = {}
    for path, methods in OPERATIONS.items():
        item = {method: spec["paths"][path][method] for method in methods}
        if "parameters" in spec["paths"][path]:
            item["parameters"] = spec["paths"][path]["parameters"]
        subset["paths"][path] = item
    components = {"securitySchemes": dict(spec["components"]["securitySchemes"])}

    def walk(node):
        if isinstance(node, dict):
            refs = [node.get("$ref")]
            # A discriminator's mapping names schemas too (the token request's variants).
            discriminator = node.get("discriminator")
            if isinstance(discriminator, dict):
                refs += list((discriminator.get("mapping") or {}).values())
            for ref in refs:
                if isinstance(ref, str) and ref.startswith("#/components/"):
                    _, _, kind, name = ref.split("/", 3)
                    if name not in components.setdefault(kind, {}):
                        components[kind][name] = spec["components"][kind][name]
                        walk(components[kind][name])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(subset["paths"])
    subset["components"] = components
    return subset


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as source:
        spec = json.load(source)
    with open(sys.argv[2], "w", encoding="utf-8") as target:
        json.dump(extract(spec), target, indent=1, sort_keys=True)
        target.write("\n")
