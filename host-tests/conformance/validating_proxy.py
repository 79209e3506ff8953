"""A reverse proxy that holds every exchange against Pinterest's OpenAPI description.

It sits between a host running the connector component and a Pinterest stand-in: each request
the component sends is validated against the spec (path, method, query parameters, security
headers, the body against its request-body schema, with no query parameter or body field the
spec does not declare) before it is forwarded, and each answer is validated against the
responses the spec documents for that operation. Nothing is changed on the way through. Each
exchange is recorded (`exchanges`, `seen`, `bodies_checked`), so a check can tell that a request
did pass through.

Video uploads do not pass through it: they go to the `upload_url` that `POST /v5/media` answers
with, another origin (Pinterest's S3 bucket; the stand-in's upload listener), which Pinterest's
API description does not describe.
"""

import http.client
import json
import re
import threading
import warnings
from collections import namedtuple
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from jsonschema import FormatChecker
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_schema_validator import OAS30ReadValidator, OAS30WriteValidator, oas30_format_checker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from werkzeug.datastructures import Headers, ImmutableMultiDict

# openapi-core checks `http` security schemes (the token endpoint's Basic) but not `oauth2`
# ones; `check_credentials` below holds every request to its scheme instead.
warnings.filterwarnings("ignore", "Unsupported scheme type")

#: The origin the spec's server list names; requests are validated as if sent there.
PINTEREST_ORIGIN = "https://api.pinterest.com"
#: The stand-in serves the sandbox under this prefix; the spec knows only the API paths.
SANDBOX_PREFIX = "/sandbox"

#: Fields a request may carry although its schema does not declare them, each with the reason.
#: Pinterest's prose asks for `continuous_refresh=true` on a code exchange by an app created
#: before 2025-09-25; the request schema (`OauthAccessTokenRequestCode`) does not list it.
UNDECLARED_ALLOWED = {("/v5/oauth/token", "continuous_refresh"): "the token endpoint's prose asks for it"}

#: One exchange through the proxy: the method, the spec's path template, the answer's status, the
#: request-body schema the body was validated against (its component name, `inline` for a
#: schema written in the operation, None when the request carried no body), and the query
#: parameters (a dict, the last value of each name).
Exchange = namedtuple("Exchange", "method operation status body_schema query")


def pinterest_date_time(value):
    """`date-time` as Pinterest sends it: RFC 3339, or the same without a zone.

    The description says `date-time`, but Pinterest's answers (and its own examples, such as
    `Pin.created_at`) carry times without a zone; the component reads both and adds `Z`.
    Used for answers only: requests are held to the letter of the spec.
    """
    if not isinstance(value, str):
        return True
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?", value):
        return False
    try:
        datetime.fromisoformat(value[:19])
    except ValueError:
        return False
    return True


class SpecRequest:
    """One request as openapi-core reads it."""

    def __init__(self, method, path, query, headers, body):
        self.host_url = PINTEREST_ORIGIN
        self.path = path
        self.full_url_pattern = PINTEREST_ORIGIN + path
        self.method = method.lower()
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qsl(query, keep_blank_values=True)),
            header=Headers(headers),
            cookie=ImmutableMultiDict(),
            path={},
        )
        self.content_type = headers.get("content-type", "")
        self.mimetype = self.content_type.split(";")[0]
        self.body = body


class SpecResponse:
    """One response as openapi-core reads it."""

    def __init__(self, status, headers, body):
        self.status_code = status
        self.headers = Headers(headers)
        self.content_type = headers.get("content-type", "")
        self.mimetype = self.content_type.split(";")[0]
        self.data = body


def check_credentials(path, headers):
    """The spec's security for `path`: Basic app credentials at the token endpoint (`basic`),
    a Bearer token everywhere else (`pinterest_oauth2`). Returns a finding, or None."""
    authorization = headers.get("authorization", "")
    scheme = "Basic" if path == "/v5/oauth/token" else "Bearer"
    if not re.fullmatch(scheme + r" [A-Za-z0-9._~+/=-]+", authorization):
        shown = authorization.split(" ", 1)[0] or "nothing"
        return f"authorization must be `{scheme} …` for {path}; got `{shown} …`"
    return None


#: The URI the spec document is registered under for variant validation.
SPEC_URI = "urn:pinterest-v5-subset"

#: The spec's path templates of the operations with path parameters, as patterns.
TEMPLATES = [
    (re.compile(r"^/v5/boards/[^/]+$"), "/v5/boards/{board_id}"),
    (re.compile(r"^/v5/boards/[^/]+/pins$"), "/v5/boards/{board_id}/pins"),
    (re.compile(r"^/v5/boards/[^/]+/sections$"), "/v5/boards/{board_id}/sections"),
    (re.compile(r"^/v5/boards/[^/]+/sections/[^/]+$"), "/v5/boards/{board_id}/sections/{section_id}"),
    (re.compile(r"^/v5/boards/[^/]+/sections/[^/]+/pins$"),
     "/v5/boards/{board_id}/sections/{section_id}/pins"),
    (re.compile(r"^/v5/pins/[^/]+$"), "/v5/pins/{pin_id}"),
    (re.compile(r"^/v5/pins/[^/]+/save$"), "/v5/pins/{pin_id}/save"),
    (re.compile(r"^/v5/media/[^/]+$"), "/v5/media/{media_id}"),
]


def operation(path):
    """The spec's path template for a concrete path."""
    for pattern, template in TEMPLATES:
        if pattern.match(path):
            return template
    return path


def undeclared_fields(spec, schema, value, where=""):
    """The fields of a request body `value` that its `schema` does not name, or names read-only,
    as (field path, finding) pairs.

    Pinterest's schemas leave `additionalProperties` open, so a misspelt or invented field (say
    `section_id` for `board_section_id`) passes schema validation, and Pinterest ignores it or
    refuses it. Requests are held to the fields the description declares: the properties of the
    schema and of its `allOf` parts, the matching `oneOf`/`anyOf` variant (by its discriminator
    when it has one), item by item in arrays. A schema naming no properties is free-form.
    """
    schema = resolve(spec, schema)
    found = []
    if isinstance(value, list):
        for index, item in enumerate(value):
            found += undeclared_fields(spec, schema.get("items", {}), item, f"{where}[{index}]")
        return found
    if not isinstance(value, dict):
        return found
    variants = schema.get("oneOf") or schema.get("anyOf")
    if variants:
        discriminator = schema.get("discriminator") or {}
        mapped = (discriminator.get("mapping") or {}).get(value.get(discriminator.get("propertyName")))
        if mapped:
            return undeclared_fields(spec, {"$ref": mapped}, value, where)
        return min((undeclared_fields(spec, variant, value, where) for variant in variants), key=len)
    mapped = base_type_variant(spec, schema, value)
    if mapped:
        return undeclared_fields(spec, {"$ref": mapped}, value, where)
    properties = {}
    parts = [schema]
    while parts:
        part = resolve(spec, parts.pop())
        properties.update(part.get("properties", {}))
        parts += part.get("allOf", [])
    if not properties:
        return found
    for name, item in value.items():
        field = f"{where}.{name}" if where else name
        if name not in properties:
            found.append((field, f"`{field}` is not a field of the request body's schema"))
        elif resolve(spec, properties[name]).get("readOnly"):
            found.append((field, f"`{field}` is read-only"))
        else:
            found += undeclared_fields(spec, properties[name], item, field)
    return found


def base_type_variant(spec, schema, value):
    """The `$ref` of the variant a discriminator maps `value` to, when `schema` is a base type
    (a discriminator with a mapping but no `oneOf`/`anyOf`, as the token endpoint's request and
    answer): schema validators check only the base's few fields then; None otherwise."""
    schema = resolve(spec, schema)
    discriminator = schema.get("discriminator")
    if not isinstance(discriminator, dict) or "oneOf" in schema or "anyOf" in schema:
        return None
    if not isinstance(value, dict):
        return None
    return (discriminator.get("mapping") or {}).get(value.get(discriminator.get("propertyName")))


def resolve(spec, schema):
    """`schema` with its local `$ref` followed."""
    while isinstance(schema, dict) and "$ref" in schema:
        node = spec
        for key in schema["$ref"].lstrip("#/").split("/"):
            node = node[key]
        schema = node
    return schema if isinstance(schema, dict) else {}


def undeclared_query(spec, path, method, query):
    """The query parameters of a request that its operation does not declare.

    openapi-core checks the declared ones and lets others through; Pinterest may ignore them or
    refuse them (an `ad_account_id` on an endpoint without Business Access, say). Requests are
    held to the parameters the description declares for the operation and its path."""
    template = operation(path)
    item = spec["paths"].get(template[len("/v5"):], {}) if template.startswith("/v5/") else {}
    parameters = (item.get(method.lower()) or {}).get("parameters", []) + item.get("parameters", [])
    declared = {resolve(spec, parameter).get("name") for parameter in parameters
                if resolve(spec, parameter).get("in") == "query"}
    if not item.get(method.lower()):
        return []  # an operation the spec lacks: openapi-core reports it
    return [f"query parameter `{name}` is not declared for {method} {template}"
            for name in dict(parse_qsl(query, keep_blank_values=True)) if name not in declared]


def body_schema(spec, path, method, content_type, body):
    """The request-body schema of the spec's operation for this request, and its name (the
    component's, or `inline`); (None, None) when the request carries no body or the operation
    takes none of its media type (openapi-core reports those)."""
    if not body:
        return None, None
    template = operation(path)
    if not template.startswith("/v5/"):
        return None, None
    item = spec["paths"].get(template[len("/v5"):], {})
    content = ((item.get(method.lower()) or {}).get("requestBody") or {}).get("content", {})
    media = content.get(content_type.split(";")[0].strip())
    if not media or "schema" not in media:
        return None, None
    schema = media["schema"]
    return schema, schema.get("$ref", "inline").rsplit("/", 1)[-1]


def parse_body(mimetype, body):
    """A JSON body as its value, a form as a dict of its fields; None when it is neither (or
    does not parse: openapi-core reports that)."""
    try:
        if mimetype == "application/json":
            return json.loads(body)
        if mimetype == "application/x-www-form-urlencoded":
            return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    except (ValueError, UnicodeDecodeError):
        pass
    return None


def response_schema(spec, path, method, status):
    """The JSON schema the spec documents for an answer with `status` (else its `default`)."""
    template = operation(path)
    item = spec["paths"].get(template[len("/v5"):], {}) if template.startswith("/v5/") else {}
    responses = (item.get(method.lower()) or {}).get("responses", {})
    answer = resolve(spec, responses.get(str(status)) or responses.get("default") or {})
    media = answer.get("content", {}).get("application/json") or {}
    return media.get("schema")


def read_chunked(stream):
    """A `transfer-encoding: chunked` body, read to its last chunk (and trailers)."""
    body = b""
    while True:
        size = int(stream.readline().split(b";")[0].strip() or b"0", 16)
        if size == 0:
            while stream.readline() not in (b"\r\n", b"\n", b""):
                pass  # trailers
            return body
        body += stream.read(size)
        stream.readline()  # the CRLF after the chunk


def describe(error):
    """The validation error and the schema errors behind it, as text."""
    parts = [repr(error)]
    cause = error.__cause__
    while cause is not None:
        parts.append(repr(cause))
        parts.extend(str(e.message) for e in getattr(cause, "schema_errors", ()) or ())
        cause = cause.__cause__
    return " | ".join(parts)


class ValidatingProxy:
    """Forwards to `upstream` (http://host:port) and records every spec violation."""

    def __init__(self, spec_path, upstream):
        self.api = OpenAPI.from_file_path(spec_path)
        self.answers = OpenAPI.from_file_path(
            spec_path, config=Config(extra_format_validators={"date-time": pinterest_date_time})
        )
        with open(spec_path, encoding="utf-8") as source:
            self.spec = json.load(source)
        self.registry = Registry().with_resource(SPEC_URI, Resource.from_contents(
            self.spec, default_specification=DRAFT4))
        self.lenient_formats = FormatChecker()
        for name, check in oas30_format_checker.checkers.items():
            self.lenient_formats.checkers[name] = check
        self.lenient_formats.checks("date-time")(pinterest_date_time)
        self.upstream = urlsplit(upstream)
        self.exchanges = []
        self.violations = []
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                proxy.handle(self)

            def do_POST(self):
                proxy.handle(self)

            def do_PATCH(self):
                proxy.handle(self)

            def do_DELETE(self):
                proxy.handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self):
        """The proxy's origin."""
        host, port = self.server.server_address
        return f"http://{host}:{port}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def handle(self, handler):
        url = urlsplit(handler.path)
        headers = {name.lower(): value for name, value in handler.headers.items()}
        if "chunked" in headers.get("transfer-encoding", "").lower():
            body = read_chunked(handler.rfile) or None
        else:
            length = int(headers.get("content-length") or 0)
            body = handler.rfile.read(length) if length else None
        path = url.path
        if path.startswith(SANDBOX_PREFIX + "/"):
            path = path[len(SANDBOX_PREFIX):]
        request = SpecRequest(handler.command, path, url.query, headers, body)
        found = []
        try:
            self.api.validate_request(request)
        except Exception as error:  # every kind of validation error is a finding
            found.append(("request", describe(error)))
        credentials = check_credentials(path, headers)
        if credentials:
            found.append(("request", credentials))
        found += [("request", text) for text in undeclared_query(self.spec, path, handler.command, url.query)]
        schema, schema_name = body_schema(self.spec, path, handler.command, request.content_type, body)
        value = parse_body(request.mimetype, body) if schema is not None else None
        if value is not None:
            fields = undeclared_fields(self.spec, schema, value)
            found += [("request", text) for field, text in fields if (path, field) not in UNDECLARED_ALLOWED]
            variant = self.variant_errors(schema, value, OAS30WriteValidator)
            found += [("request", text) for text in variant]

        upstream = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=30)
        # The body goes on whole, framed by its length (http.client adds `content-length`).
        forwarded = {k: v for k, v in headers.items()
                     if k not in ("host", "connection", "transfer-encoding", "content-length")}
        upstream.request(handler.command, handler.path, body=body, headers=forwarded)
        answer = upstream.getresponse()
        answer_body = answer.read()
        answer_headers = {name.lower(): value for name, value in answer.getheaders()}
        upstream.close()

        # The spec documents JSON answers of the API, and empty ones (204); a redirect or a
        # page is the component's to refuse, not the spec's.
        is_json = answer_headers.get("content-type", "").startswith("application/json")
        if is_json or (answer.status == 204 and not answer_body):
            try:
                self.answers.validate_response(
                    request, SpecResponse(answer.status, answer_headers, answer_body))
            except Exception as error:
                found.append(("response", describe(error)))
            schema = response_schema(self.spec, path, handler.command, answer.status)
            if is_json and schema is not None:
                try:
                    value = json.loads(answer_body)
                except ValueError:
                    value = None  # openapi-core has reported it
                variant = self.variant_errors(schema, value, OAS30ReadValidator)
                found += [("response", text) for text in variant]

        with self.lock:
            self.exchanges.append(Exchange(handler.command, operation(path), answer.status, schema_name,
                                           dict(parse_qsl(url.query, keep_blank_values=True))))
            for side, text in found:
                self.violations.append(
                    {
                        "side": side,
                        "method": handler.command,
                        "path": handler.path,
                        "status": answer.status,
                        "error": text,
                        "body": (body or b"").decode("utf-8", "replace")[:300],
                    }
                )

        handler.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                handler.send_header(name, value)
        if answer.status != 204:  # a 204 has no body and must not say otherwise (RFC 9110 §8.6)
            handler.send_header("content-length", str(len(answer_body)))
        handler.end_headers()
        handler.wfile.write(answer_body)

    def variant_errors(self, schema, value, validator_class):
        """What breaks the variant a base type's discriminator maps `value` to (none when
        `schema` is no base type): openapi-core checks only the base."""
        mapped = base_type_variant(self.spec, schema, value)
        if not mapped:
            return []
        formats = self.lenient_formats if validator_class is OAS30ReadValidator else oas30_format_checker
        validator = validator_class({"$ref": SPEC_URI + mapped}, registry=self.registry,
                                    format_checker=formats)
        return [f"{mapped.rsplit('/', 1)[-1]}: {error.message}" for error in validator.iter_errors(value)]

    def seen(self, since=0):
        """How many requests each operation (method and path template) received, from exchange
        `since` on."""
        counts = {}
        for exchange in self.exchanges[since:]:
            key = (exchange.method, exchange.operation)
            counts[key] = counts.get(key, 0) + 1
        return counts

    def bodies_checked(self, since=0):
        """The operations whose request bodies were validated against a request-body schema,
        from exchange `since` on, each with its schema's name."""
        return {(e.method, e.operation): e.body_schema for e in self.exchanges[since:] if e.body_schema}

    def report(self):
        """The violations as readable JSON."""
        return json.dumps(self.violations, indent=1)
