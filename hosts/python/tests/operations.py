"""The shared table of operations (wasi/tests/operations.json) run through
any ``call(name, input) -> output`` that raises ``ConnectorError`` on
failure: placeholders filled in, the consent page followed, every
expectation checked."""

from __future__ import annotations

import http.client
import json
import urllib.parse
from pathlib import Path
from typing import Any, Callable

TABLE = Path(__file__).resolve().parents[3] / "wasi/tests/operations.json"


def steps() -> list[dict]:
    return json.loads(TABLE.read_text())["steps"]


def write_content(directory: Path) -> tuple[str, str]:
    """Writes the table's video into ``directory``; returns the guest name
    to preopen ``directory`` as and the host-content name ``${content}``
    stands for."""
    content = json.loads(TABLE.read_text())["content"]
    (directory / content["file"]).write_text(content["text"])
    return content["directory"], f"{content['directory']}/{content['file']}"


def lookup(value: Any, path: str) -> Any:
    """The part of ``value`` at the dotted ``path`` (list indexes as numbers)."""
    for part in filter(None, path.split(".")):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def fill(template: Any, known: dict[str, Any]) -> Any:
    """``template`` with every ``"${name}"`` string replaced."""
    if isinstance(template, dict):
        return {key: fill(value, known) for key, value in template.items()}
    if isinstance(template, list):
        return [fill(value, known) for value in template]
    if isinstance(template, str) and template.startswith("${") and template.endswith("}"):
        name = template[2:-1]
        head, _, path = name.partition(".")
        return lookup(known[head], path)
    return template


def consent(url: str) -> str:
    """The code the consent page at ``url`` redirects with (not followed)."""
    target = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
    connection.request("GET", f"{target.path}?{target.query}")
    answer = connection.getresponse()
    location = answer.getheader("location")
    connection.close()
    assert answer.status == 302, f"the consent page answered {answer.status}"
    return urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["code"][0]


def check(step: dict, output: Any, known: dict[str, Any]) -> None:
    expect = fill(step["expect"], known)
    got = lookup(output, expect["path"])
    where = f"{step['operation']} {expect['path']!r}"
    if "equals" in expect:
        assert got == expect["equals"], f"{where}: {got!r}"
    if "count" in expect:
        assert len(got) == expect["count"], f"{where}: {len(got)} items"
    if "contains" in expect:
        assert expect["contains"] in got, f"{where}: {got[:200]!r}"


def run(call: Callable[[str, dict], Any], error_type: type, known: dict[str, Any]) -> list[str]:
    """Runs every step; returns the operations run. ``known`` holds
    ``config``, ``redirect-uri`` and ``content``; outputs are added to it."""
    done = []
    for step in steps():
        name = step["operation"]
        given = fill(step["input"], known)
        if "fails" in step:
            try:
                call(name, given)
            except error_type as error:
                assert error.tag == step["fails"], f"{name}: {error.tag}: {error}"
            else:
                raise AssertionError(f"{name} succeeded; expected {step['fails']}")
        else:
            output = call(name, given)
            check(step, output, known)
            known[name] = output
            if "consent" in step:
                known["code"] = consent(lookup(output, step["consent"]))
        done.append(name)
    return done
