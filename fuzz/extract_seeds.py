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
a loopback redirect URI, times in other zones, HTTP-dates, secrets echoed
in upper case, strict fields of the wrong type).
"""

import base64
import json
import pathlib
import re
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent / "seeds"

# The app's secret and the access token of the fuzz targets
# (fuzz/src/lib.rs), echoed back in upper case by the `hand-echo-*` seeds.
FUZZ_CLIENT = "1484362:fuzz-client-secret-3b9d7e21"
FUZZ_TOKEN = "fuzz-access-token-a61c0f5e"

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

    echo = f"Bearer {FUZZ_TOKEN} Basic {base64.b64encode(FUZZ_CLIENT.encode()).decode()} {FUZZ_CLIENT}".upper()
    seed("board", "hand-echo-privacy.json", {"id": "549755885175", "name": "R", "privacy": echo})
    seed(
        "board",
        "hand-offset-time.json",
        {"id": "549755885175", "name": "Summer recipes", "privacy": "SECRET", "created_at": "2024-03-01T00:15:00.125+01:00"},
    )

    list_boards = spec["paths"]["/boards"]["get"]["responses"]["200"]
    page_schema = list_boards["content"]["application/json"]["schema"]
    seed("board_page", "spec-boards-list-200.json", example(page_schema))
    zoned = [
        "2020-01-01T03:00:00+05:30",
        "2019-12-31T22:00:00-02:30",
        "1998-12-31T18:59:60-05:00",
        "2023-02-29T10:00:00Z",
        "0000-01-01T00:00:00+00:01",
    ]
    # Fields that control paging or credentials, of the wrong type: refused.
    seed("board_page", "hand-bookmark-number.json", {"items": [{"id": "1", "name": "A"}], "bookmark": 12345})
    seed("board", "hand-privacy-array.json", {"id": "549755885175", "name": 2024, "privacy": ["SECRET"]})
    seed(
        "token_response",
        "hand-refresh-token-number.json",
        {"access_token": "pina_new", "expires_in": 2592000, "refresh_token": 12345},
    )
    seed(
        "board_page",
        "hand-times-in-every-zone.json",
        {"items": [{"id": str(i), "name": f"Board {i}", "created_at": t} for i, t in enumerate(zoned)], "bookmark": None},
    )

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
    seed(
        "pin",
        "hand-offset-time.json",
        {"id": "813744226420795884", "board_id": "549755885175", "created_at": "2024-12-31T23:30:00.5-01:00"},
    )

    # Times: every date-time the description shows, and some in other zones.
    times = set()

    def find_times(node):
        if isinstance(node, dict):
            for value in node.values():
                find_times(value)
        elif isinstance(node, list):
            for value in node:
                find_times(value)
        elif isinstance(node, str) and re.match(r"\d{4}-\d\d-\d\d[Tt ]\d\d:", node):
            times.add(node)

    find_times(spec)
    for i, time in enumerate(sorted(times)):
        seed("times", f"spec-time-{i}.txt", time.encode())
    for i, time in enumerate(zoned + ["2024-02-29T23:00:00-01:00", "2022-10-13T01:40:29.1234567891234Z"]):
        seed("times", f"hand-zoned-{i}.txt", time.encode())
    for name, date in [
        ("imf-fixdate", "Sun, 06 Nov 1994 08:49:37 GMT"),
        ("rfc850-date", "Sunday, 06-Nov-94 08:49:37 GMT"),
        ("asctime-date", "Sun Nov  6 08:49:37 1994"),
    ]:
        seed("times", f"hand-{name}.txt", date.encode())

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
    seed("error_body", "hand-echo-upper-case.json", {"code": 1, "message": echo, "error_description": echo})
    # The first line goes into the rate-limit headers: HTTP-dates in each
    # form, and numbers that are not delay-seconds.
    rate_limited = json.dumps({"code": 8, "message": "This request exceeded a rate limit."})
    for name, line in [
        ("imf-fixdate", "Thu, 01 Jan 2026 00:02:00 GMT"),
        ("rfc850-date", "Thursday, 01-Jan-26 00:02:00 GMT"),
        ("asctime-date", "Thu Jan  1 00:02:00 2026"),
        ("exponent", "1e99"),
        ("huge-reset", "99999999999999"),
    ]:
        seed("error_body", f"hand-retry-after-{name}.txt", f"{line}\n{rate_limited}".encode())

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

    # Media uploads: one upload (in every status), a page of them, and the
    # answer to registering one.
    media = example(schemas["Media"])
    seed("media", "spec-Media.json", media)
    for status in resolve(schemas["MediaUploadStatus"])["enum"]:
        seed("media", f"spec-Media-{status}.json", {**media, "status": status})
    list_media = spec["paths"]["/media"]["get"]["responses"]["200"]
    seed("media_page", "spec-media-list-200.json", example(list_media["content"]["application/json"]["schema"]))
    seed("register_answer", "spec-MediaUpload.json", example(schemas["MediaUpload"]))
    seed(
        "register_answer",
        "hand-loopback-upload-url.json",
        {**example(schemas["MediaUpload"]), "upload_url": "http://127.0.0.1:9/bucket?x=1"},
    )
    # The upload host's answers, as S3 gives them (not in the description).
    for code, message in [
        ("AccessDenied", "Invalid according to Policy: Policy expired."),
        ("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size"),
        ("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided."),
    ]:
        xml = f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>'
        seed("upload_answer", f"hand-s3-{code}.xml", xml.encode())

    # Raw calls: answers of a few endpoints, and every path of the
    # description (its parameters filled in) with a query.
    for name, path in [("boards-list", "/boards"), ("user-account", "/user_account"), ("media-list", "/media")]:
        answer = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        seed("api_response", f"spec-{name}-200.json", example(answer))
    seed("api_response", "spec-Pin.json", example(schemas["Pin"]))
    prefix = "/v5"
    for i, path in enumerate(sorted(spec["paths"])):
        filled = "/".join("1" if part.startswith("{") else part for part in path.split("/"))
        seed("api_path", f"spec-path-{i:03}.bin", f"{prefix}{filled}\0page_size\025".encode())
    seed("api_path", "hand-escape-dots.bin", b"/v5/boards/%2e%2e/%2E./admin\0a\0b")
    seed("api_path", "hand-body.bin", b"/v5/boards\0ad_account_id\0549755885175\0{\"name\": \"x\"}")

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
