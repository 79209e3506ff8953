#!/usr/bin/env python3
"""Writes the fuzzers' seed corpus (fuzz/seeds/<target>/) from the examples in
Pinterest's OpenAPI description of API v5.

Run once, by hand, when the API description changes; the files it writes are
committed and nothing reads the description at build or test time:

    python3 fuzz/extract_seeds.py path/to/openapi.json

Where the description gives an `example`, that is used; elsewhere a value is
made from the schema the way API explorers do (the first enum value, the
default, or a placeholder of the right type). Seeds named `hand-*` are not in
the description: a few inputs that reach past the first checks (a real PNG,
a loopback redirect URI).
"""

import base64
import json
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent / "seeds"

# The smallest PNG (1x1), as the tests use it.
PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


# The targets that read a page of pins: one page and all of them, the
# duplicate finder, the polling trigger.
PIN_PAGE_TARGETS = ["pin_page", "duplicate_page", "poll_page"]


def cursor(text):
    """A cursor as poll-new-pins writes it: `text`, a check line (FNV-1a,
    64 bits), in base64url without padding."""
    hash = 0xCBF29CE484222325
    for byte in text.encode():
        hash = ((hash ^ byte) * 0x100000001B3) % (1 << 64)
    data = f"{text}\ncheck {hash:016x}".encode()
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def main(spec_path):
    spec = json.loads(pathlib.Path(spec_path).read_text())
    schemas = spec["components"]["schemas"]

    def resolve(schema):
        while "$ref" in schema:
            schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
        return schema

    def example(schema, variant=0, depth=0):
        schema = resolve(schema)
        if "example" in schema:
            return schema["example"]
        if depth > 12:
            return None
        for key in ("oneOf", "anyOf"):
            if key in schema:
                options = schema[key]
                return example(options[variant % len(options)], 0, depth + 1)
        if "allOf" in schema or "properties" in schema:
            out = {}
            for part in schema.get("allOf", []):
                value = example(part, variant, depth + 1)
                if isinstance(value, dict):
                    out.update(value)
                elif len(schema.get("allOf", [])) == 1 and "properties" not in schema:
                    return value
            for name, prop in schema.get("properties", {}).items():
                out[name] = example(prop, 0, depth + 1)
            return out
        kind = schema.get("type")
        if "enum" in schema:
            return schema["enum"][0]
        if "default" in schema:
            return schema["default"]
        if kind == "array":
            return [example(schema.get("items", {}), 0, depth + 1)]
        if kind == "integer":
            return 0
        if kind == "number":
            return 0.0
        if kind == "boolean":
            return True
        if kind == "string":
            if schema.get("format") == "date-time":
                return "2020-01-01T20:10:40-00:00"
            return "string"
        return None

    seeds = {}

    def seed(target, name, content):
        data = content if isinstance(content, bytes) else json.dumps(content, indent=1).encode()
        seeds.setdefault(target, {})[name] = data

    # Token endpoint answers: every response variant.
    for name in [
        "OauthAccessTokenResponse",
        "OauthAccessTokenResponseCode",
        "OauthAccessTokenResponseRefresh",
        "OauthAccessTokenResponseIntegrationRefresh",
    ]:
        seed("token_response", f"spec-{name}.json", example(schemas[name]))

    seed("user_account", "spec-Account.json", example(schemas["Account"]))
    seed("board", "spec-Board.json", example(schemas["Board"]))

    list_boards = spec["paths"]["/boards"]["get"]["responses"]["200"]
    page_schema = list_boards["content"]["application/json"]["schema"]
    seed("board_page", "spec-boards-list-200.json", example(page_schema))

    seed("section", "spec-BoardSection.json", example(schemas["BoardSection"]))
    list_sections = spec["paths"]["/boards/{board_id}/sections"]["get"]["responses"]["200"]
    sections_schema = list_sections["content"]["application/json"]["schema"]
    seed("section_page", "spec-board_sections-list-200.json", example(sections_schema))
    # The listing's schema merges `Paginated` with its items, which the
    # generator above leaves null: a page of the spec's section, by hand.
    seed(
        "section_page",
        "hand-page-of-BoardSection.json",
        {"items": [example(schemas["BoardSection"]), {"id": "549755885176", "name": "Soups"}], "bookmark": "string"},
    )

    for path, name in [
        ("/boards/{board_id}/pins", "boards-list_pins"),
        ("/boards/{board_id}/sections/{section_id}/pins", "board_sections-list_pins"),
        ("/pins", "pins-list"),
    ]:
        listing = spec["paths"][path]["get"]["responses"]["200"]
        schema = listing["content"]["application/json"]["schema"]
        for target in PIN_PAGE_TARGETS:
            seed(target, f"spec-{name}-200.json", example(schema))

    pin_media = resolve(schemas["PinMedia"])
    for i, option in enumerate(pin_media["oneOf"]):
        variant = option["$ref"].rsplit("/", 1)[1]
        pin = {**example(schemas["Pin"]), "media": example(option)}
        seed("pin", f"spec-Pin-{variant}.json", pin)
        for target in PIN_PAGE_TARGETS:
            seed(target, f"spec-page-of-Pin-{variant}.json", {"items": [pin], "bookmark": "string"})

    # Cursors of poll-new-pins for the fuzz target's board: what a poll
    # writes (see src/poll.rs), and a few it never would.
    board = "for production|board/549755885175|"
    for name, lines in [
        ("hand-empty", ["poll-new-pins 1", board]),
        ("hand-floor", ["poll-new-pins 1", board, "floor 1714558829 813744226420795883 -"]),
        (
            "hand-gap",
            [
                "poll-new-pins 1",
                board,
                "floor 1714558829 813744226420795883 -",
                "lo 1714558830 813744226420795884 -",
                "hi 1714558830 813744226420795884 813744226420795800..813744226420795899",
                "bookmark below Y2JVSG81V2sxcmNHRlpWM1Jo",
            ],
        ),
        ("hand-other-source", ["poll-new-pins 1", "for production|account|"]),
        ("hand-other-version", ["poll-new-pins 2", board]),
    ]:
        seed("poll_cursor", f"{name}.txt", cursor("\n".join(lines)))
    seed("poll_cursor", "hand-not-base64.txt", b"not a cursor!")

    media_source = resolve(schemas["PinMediaSource"])
    for option in media_source["oneOf"]:
        variant = option["$ref"].rsplit("/", 1)[1]
        pin = example(schemas["PinCreate"])
        pin["media_source"] = example(option)
        seed("pin_input", f"spec-PinCreate-{variant}.json", pin)
    seed(
        "pin_input",
        "hand-image-base64-png.json",
        {
            "board_id": "549755885175",
            "title": "Lemon tart",
            "media_source": {"source_type": "image_base64", "content_type": "image/png", "data": PNG_1X1},
        },
    )

    # Every {code, message} example of an error response.
    errors = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "example" and isinstance(value, dict) and set(value) == {"code", "message"}:
                    errors.add(json.dumps(value, sort_keys=True))
                if key == "examples" and isinstance(value, dict):
                    for item in value.values():
                        body = item.get("value") if isinstance(item, dict) else None
                        if isinstance(body, dict) and set(body) == {"code", "message"}:
                            errors.add(json.dumps(body, sort_keys=True))
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    for i, body in enumerate(sorted(errors)):
        seed("error_body", f"spec-error-{i:03}.json", json.loads(body))

    # OAuth inputs: NUL-separated redirect URI, state, scopes.
    oauth = spec["components"]["securitySchemes"]["pinterest_oauth2"]["flows"]["authorizationCode"]
    scopes = list(oauth["scopes"])
    servers = [server["url"] for server in spec["servers"]]
    uris = [oauth["authorizationUrl"], oauth["tokenUrl"], *servers]
    for i, uri in enumerate(uris):
        chosen = scopes[i * 4 : i * 4 + 4]
        seed("authorize", f"spec-redirect-{i}.bin", "\0".join([uri, f"state-{i}", *chosen]).encode())
    seed("authorize", "spec-all-scopes.bin", "\0".join([uris[0], "s", *scopes]).encode())
    seed("authorize", "hand-loopback.bin", b"http://localhost:8085/\0x&y=z#w\0boards:read")

    # Config overrides: NUL-separated API base URL, consent page URL, path segment.
    for i, (base, page) in enumerate(
        [(servers[0], oauth["authorizationUrl"]), (oauth["tokenUrl"], oauth["authorizationUrl"])]
    ):
        seed("config_urls", f"spec-urls-{i}.bin", f"{base}\0{page}\0549755885175".encode())
    seed("config_urls", "hand-loopback.bin", b"http://127.0.0.1:8080/v5/\0http://[::1]:9/oauth/\0a/b?c")

    if ROOT.exists():
        shutil.rmtree(ROOT)
    for target, files in sorted(seeds.items()):
        folder = ROOT / target
        folder.mkdir(parents=True)
        for name, data in sorted(files.items()):
            (folder / name).write_bytes(data)
        print(f"{target}: {len(files)} seeds")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: extract_seeds.py path/to/openapi.json")
    main(sys.argv[1])
