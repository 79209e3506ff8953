"""The parts under the workflows, without Temporal: the vault on both
backends (sealing, the write budgets, the account lock), the batch files,
what each of the component's real errors makes a batch do, the
``publish_item`` activity (run by temporalio's ActivityEnvironment) when
Pinterest's answer to a create is lost or unusable, and the commands'
refusal to run without a vault key."""

from __future__ import annotations

import base64
import dataclasses
import http.client
import http.server
import json
import subprocess
import sys
import threading
import time
import urllib.parse

import pytest
from conftest import BOARD, PACKAGE_DIR, REDIRECT_URI, StandIn, encodings
from temporalio.common import RetryPolicy
from temporalio.exceptions import ApplicationError
from temporalio.testing import ActivityEnvironment

from pinterest_temporal import batchfile, component
from pinterest_temporal.activities import Activities
from pinterest_temporal.budgets import Budgets, account_budget, app_budget
from pinterest_temporal.component import ConnectorError
from pinterest_temporal.outcomes import decide
from pinterest_temporal.sealing import Sealer, new_key
from pinterest_temporal.settings import App, SetupError
from pinterest_temporal.vault import CREATED, FAILED, PENDING, SLOTTED, UNCERTAIN, Batch, Vault

TOKENS = {"access-token": "pina_PARTSTEST0123456789abcdef", "token-type": "bearer", "scopes": ["pins:write"],
          "expires-at": 2_000_000_000, "refresh-token": "pinr_PARTSTEST9876543210fedcba", "refresh-token-expires-at": 2_000_500_000}


def dump(location: str, request) -> bytes:
    if location.startswith("postgresql"):
        return request.getfixturevalue("postgres").dump(location)
    import glob
    from pathlib import Path

    return b"".join(Path(p).read_bytes() for p in glob.glob(location + "*"))


def test_tokens_are_sealed_bound_to_their_account_and_open_only_with_the_key(vault_location, request):
    key = new_key()
    vault = Vault(vault_location, Sealer(key))
    vault.add_account("shop-1", username="shop", environment="sandbox", client_id="1484362", tokens=TOKENS, replace=False)
    assert vault.account("shop-1").tokens == TOKENS
    assert "pina_" not in repr(vault.account("shop-1"))
    content = dump(vault_location, request)
    for secret in (TOKENS["access-token"], TOKENS["refresh-token"], key):
        assert not any(form in content for form in encodings(secret))
    with pytest.raises(SetupError, match="do not open with this PINTEREST_VAULT_KEY"):
        Vault(vault_location, Sealer(new_key())).account("shop-1")
    # A sealed set copied onto another account's row does not open there.
    vault.add_account("shop-2", username="shop", environment="sandbox", client_id="1484362", tokens=TOKENS, replace=False)
    with vault._transaction(lock=True) as tx:
        sealed = tx.one("SELECT sealed_tokens FROM accounts WHERE id = ?", "shop-1")[0]
        tx.execute("UPDATE accounts SET sealed_tokens = ? WHERE id = ?", sealed, "shop-2")
    with pytest.raises(SetupError):
        vault.account("shop-2")
    with pytest.raises(KeyError):
        vault.add_account("shop-1", username=None, environment="sandbox", client_id="1484362", tokens=TOKENS, replace=False)


def test_write_times_booked_from_many_threads_keep_the_app_and_each_account_budget(vault_location):
    vault = Vault(vault_location, Sealer(new_key()))
    vault.add_batch(Batch("b1", "one", "549755885100", "test", time.time()), [(None, {"title": str(i)}, None) for i in range(24)])
    budgets = Budgets(app_per_minute=120, account_per_minute=40, horizon=3600)
    booked: list[tuple[str, float]] = []

    def book(item: int) -> None:
        account = "one" if item % 2 else "two"
        granted, at = vault.take_write_slot(budgets.for_write("app", account), budgets.horizon, "b1", item, "w")
        assert granted
        booked.append((account, at))

    threads = [threading.Thread(target=book, args=(i,)) for i in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = sorted(at for _, at in booked)
    assert min(b - a for a, b in zip(every, every[1:])) >= 0.5 - 1e-6
    for account in ("one", "two"):
        own = sorted(at for who, at in booked if who == account)
        assert min(b - a for a, b in zip(own, own[1:])) >= 1.5 - 1e-6
    assert {item.state for item in vault.items("b1")} == {SLOTTED}
    assert vault.next_write_at(app_budget("app")) >= every[-1] + 0.5 - 1e-6


def test_a_write_beyond_the_horizon_is_not_booked_and_pinterest_can_push_the_budget_back(vault_location):
    vault = Vault(vault_location, Sealer(new_key()))
    vault.add_batch(Batch("b2", "one", "549755885100", "test", time.time()), [(None, {"title": "x"}, None), (1, None, {"tag": "invalid-input"})])
    budgets = Budgets(app_per_minute=60, account_per_minute=60, horizon=5)
    until = time.time() + 30
    vault.defer_writes(app_budget("app"), until)
    granted, at = vault.take_write_slot(budgets.for_write("app", "one"), budgets.horizon, "b2", 0, "w")
    assert not granted and at == pytest.approx(until)
    assert vault.next_write_at(account_budget("one")) == 0
    assert [item.state for item in vault.items("b2")] == [PENDING, FAILED]


def test_the_account_lock_holds_off_a_second_holder_until_the_first_commits(vault_location):
    vault = Vault(vault_location, Sealer(new_key()))
    vault.add_account("shop", username=None, environment="sandbox", client_id="1484362", tokens=TOKENS, replace=False)
    events: list[str] = []
    first_has_it = threading.Event()

    def first() -> None:
        with vault.locked_account("shop") as locked:
            first_has_it.set()
            time.sleep(0.5)
            locked.store_tokens({**TOKENS, "access-token": "pina_ROTATED0123456789"})
            events.append("first stored")

    def second() -> None:
        first_has_it.wait()
        with vault.locked_account("shop") as locked:
            events.append(f"second read generation {locked.account.generation}")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert events == ["first stored", "second read generation 2"]


def test_a_csv_reads_as_the_command_line_host_reads_it(tmp_path):
    png = tmp_path / "pin.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    (tmp_path / "notes.txt").write_text("not an image")
    sheet = tmp_path / "pins.csv"
    sheet.write_text(
        "Image_URL, title ,description,extra,image_file\n"
        "https://example.com/a.jpg,Lemon tart,\"two\nlines\",x,\n"
        "\n"
        ",No image,,,\n"
        "https://example.com/b.jpg,Both,,,pin.png\n",
    )
    tart, no_image, both = batchfile.read_csv(sheet, "549755885100")
    assert tart == (2, {"board-id": "549755885100", "media": {"tag": "image-url", "val": "https://example.com/a.jpg"},
                        "title": "Lemon tart", "description": "two\nlines"}, None)
    assert no_image[0] == 5 and no_image[2]["summary"] == "Line 5: no image: fill image_url or image_file."
    assert both[2]["summary"] == "Line 6: fill either image_url or image_file, not both."
    files = tmp_path / "files.csv"
    files.write_text("image_file,title\npin.png,From a file\nnotes.txt,Text\nmissing.png,Gone\n")
    pin, text, missing = batchfile.read_csv(files, "549755885100")
    assert pin[1]["media"] == {"tag": "image-data", "val": {"content-type": "png", "data": base64.b64encode(png.read_bytes()).decode()}}
    assert "notes.txt is not a JPEG or PNG image" in text[2]["summary"]
    assert "cannot read image_file missing.png" in missing[2]["summary"]
    with pytest.raises(batchfile.BatchFileError, match="no image_url or image_file column"):
        (tmp_path / "bad.csv").write_text("title\nx\n")
        batchfile.read_csv(tmp_path / "bad.csv", "1")


def test_a_json_batch_takes_pins_in_the_components_form(tmp_path):
    path = tmp_path / "pins.json"
    path.write_text(json.dumps([{"title": "A", "media": {"tag": "image-url", "val": "https://example.com/a.jpg"}}, {"title": "no media"}]))
    pin, refused = batchfile.read(path, "549755885100")
    assert pin[1] == {"board-id": "549755885100", "title": "A", "media": {"tag": "image-url", "val": "https://example.com/a.jpg"}}
    assert refused[2]["tag"] == "invalid-input"


def _error(call) -> ConnectorError:
    with pytest.raises(ConnectorError) as caught:
        call()
    return caught.value


def test_each_real_failure_of_create_pin_decides_what_the_batch_does(standin):
    config = standin.config()
    issued = component.call("exchange", config=config, code=standin.code(), redirect_uri=REDIRECT_URI)
    narrow = component.call("exchange", config=config, code=standin.code(scopes=["boards:read", "user_accounts:read"]), redirect_uri=REDIRECT_URI)
    production = component.call("exchange", config=standin.config("production"), code=standin.code(environment="production"),
                                 redirect_uri=REDIRECT_URI)
    pin = {"board-id": "549755885100", "title": "Tart", "media": {"tag": "image-url", "val": "https://example.com/a.jpg"}}

    def create(token=issued["access-token"], cfg=config, **changes):
        return lambda: component.call("create-pin", config=cfg, access_token=token, pin={**pin, **changes})

    decided = {
        "title too long": decide(_error(create(title="t" * 101))),
        "unknown board": decide(_error(create(**{"board-id": "549755885199"}))),
        "refused token": decide(_error(create(token="pina_NOTATOKEN0123456789"))),
        "narrow scopes": decide(_error(create(token=narrow["access-token"]))),
        "trial app in production": decide(_error(create(token=production["access-token"], cfg=standin.config("production")))),
        "unreachable": decide(_error(create(cfg={**config, "api-base-url": "http://127.0.0.1:9"}))),
    }
    assert {name: (d.action, d.tag) for name, d in decided.items()} == {
        "title too long": ("fail", "invalid-input"),
        "unknown board": ("fail", "not-found"),
        "refused token": ("refresh", "unauthorized"),
        "narrow scopes": ("fail", "missing-scope"),
        "trial app in production": ("fail", "trial-access"),
        "unreachable": ("retry", "transport"),
    }
    assert decided["title too long"].remedy == "Fix pin.title in the batch: it is 101 characters; the limit is 100."
    assert "sandbox" in decided["trial app in production"].remedy
    assert all(issued["access-token"] not in json.dumps(d.outcome()) for d in decided.values())


def test_a_created_pin_is_found_on_its_board_by_title_and_link(standin):
    config = standin.config()
    token = component.call("exchange", config=config, code=standin.code(), redirect_uri=REDIRECT_URI)["access-token"]
    pin = {"board-id": "549755885100", "title": "Plum tart", "link": "https://shop.example/plum-tart",
           "media": {"tag": "image-url", "val": "https://example.com/plum.jpg"}}
    assert component.find_created_pin(config, token, pin) is None
    created = component.call("create-pin", config=config, access_token=token, pin=pin)
    found = component.find_created_pin(config, token, {**pin, "title": "PLUM TART"})
    assert found["id"] == created["id"]
    # Both the title and the link must match: a pin with one of them is another pin.
    assert component.find_created_pin(config, token, {**pin, "link": "https://shop.example/other"}) is None
    assert component.find_created_pin(config, token, {**pin, "title": "Pear tart"}) is None
    untitled = {"board-id": pin["board-id"], "media": pin["media"]}
    assert component.find_created_pin(config, token, untitled) is component.NO_FINDER


def test_a_rate_limited_write_waits_for_pinterests_reset_time():
    limited = StandIn("--writes-per-minute", "1")
    try:
        config = limited.config()
        token = component.call("exchange", config=config, code=limited.code(), redirect_uri=REDIRECT_URI)["access-token"]
        pin = {"board-id": "549755885100", "media": {"tag": "image-url", "val": "https://example.com/a.jpg"}}
        component.call("create-pin", config=config, access_token=token, pin=pin)
        decision = decide(_error(lambda: component.call("create-pin", config=config, access_token=token, pin=pin)))
    finally:
        limited.stop()
    assert decision.action == "wait" and decision.tag == "rate-limited"
    assert 1 <= decision.seconds <= 60


class LossyPinterest:
    """A proxy in front of the stand-in. Every request goes through as it
    is, except creates (``POST …/v5/pins``): each takes the next step of
    ``plan`` (then ``pass`` once the plan is used up) —
    ``pass``: forwarded, the stand-in's answer returned;
    ``503 after``: forwarded, and the answer replaced by a 503;
    ``503 before``: answered 503 without forwarding;
    ``drop after``: forwarded, then the connection closed without an answer;
    ``garbled after``: forwarded, and answered 201 with a body no pin can be read from.
    With ``lookups_fail``, every listing of pins (``GET …/pins``) is answered 503."""

    def __init__(self, standin: StandIn, plan: list[str], lookups_fail: bool = False):
        self.plan, self.creates = list(plan), 0
        upstream = urllib.parse.urlsplit(standin.sandbox)
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _forward(self, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
                connection = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                connection.request(self.command, self.path, body=body or None, headers=headers)
                answer = connection.getresponse()
                data = answer.read()
                connection.close()
                return answer.status, answer.getheaders(), data

            def _answer(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
                self.send_response(status)
                for name, value in headers:
                    if name.lower() not in ("transfer-encoding", "connection", "content-length", "date", "server"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _relay(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                step = "pass"
                if self.command == "POST" and urllib.parse.urlsplit(self.path).path.endswith("/v5/pins"):
                    proxy.creates += 1
                    step = proxy.plan.pop(0) if proxy.plan else "pass"
                elif self.command == "GET" and urllib.parse.urlsplit(self.path).path.endswith("/pins") and lookups_fail:
                    step = "503 before"
                unavailable = (503, [("Content-Type", "application/json")], b'{"code": 1, "message": "Service unavailable."}')
                if step == "503 before":
                    return self._answer(*unavailable)
                answer = self._forward(body)
                if step == "pass":
                    return self._answer(*answer)
                if step == "503 after":
                    return self._answer(*unavailable)
                if step == "garbled after":
                    return self._answer(201, [("Content-Type", "text/html")], b"<html><body>Pin saved!</body></html>")
                assert step == "drop after", step
                self.close_connection = True

            do_GET = do_POST = do_PATCH = do_DELETE = _relay

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.sandbox = f"http://127.0.0.1:{self.server.server_address[1]}{upstream.path}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def publish_with_retries(activities: Activities, batch_id: str, index: int, max_attempts: int) -> tuple[dict, list[str]]:
    """``publish_item`` run as Temporal runs it under a retry policy of
    ``max_attempts``: again after each retryable failure. Its result, and
    the failures before it."""
    environment = ActivityEnvironment()
    failures: list[str] = []
    for attempt in range(1, max_attempts + 1):
        environment.info = dataclasses.replace(environment.info, attempt=attempt,
                                               retry_policy=RetryPolicy(maximum_attempts=max_attempts))
        try:
            return environment.run(activities.publish_item, batch_id, index), failures
        except ApplicationError as failure:
            assert not failure.non_retryable, failure
            failures.append(failure.type)
    raise AssertionError(f"every attempt failed: {failures}")


TITLED = {"board-id": BOARD, "title": "Quince tart", "link": "https://shop.example/quince-tart",
          "media": {"tag": "image-url", "val": "https://example.com/quince.jpg"}}
UNTITLED = {"board-id": BOARD, "media": {"tag": "image-url", "val": "https://example.com/quince.jpg"}}


NO_TITLE_OR_LINK = "with neither a title nor a link it cannot be looked for"


@pytest.mark.parametrize("pin, plan, lookups_fail, max_attempts, failures, state, pins, said", [
    # Pinterest created the pin, but the answer was a 5xx or never came: the retry finds it.
    (TITLED, ["503 after"], False, 8, ["upstream-unavailable"], CREATED, 1, None),
    (TITLED, ["drop after"], False, 8, ["transport"], CREATED, 1, None),
    # It did not: the retry looks, finds nothing, and creates it.
    (TITLED, ["503 before"], False, 8, ["upstream-unavailable"], CREATED, 1, None),
    (TITLED, ["503 before", "503 before", "503 after"], False, 8, ["upstream-unavailable"] * 3, CREATED, 1, None),
    # A success it could not read: looked for at once, never created again.
    (TITLED, ["garbled after"], False, 8, [], CREATED, 1, None),
    # The last attempt looks at once: found, or not there (failed, safe to publish again),
    # or the look fails too (uncertain).
    (TITLED, ["503 after"], False, 1, [], CREATED, 1, None),
    (TITLED, ["503 before"], False, 1, [], FAILED, 0, "Pinterest failed while creating the pin (503)"),
    (TITLED, ["503 after"], True, 2, ["upstream-unavailable"], UNCERTAIN, 1, "looking for it on the board failed"),
    # Neither title nor link to look for it by: uncertain, not created a second time.
    (UNTITLED, ["503 after"], False, 8, [], UNCERTAIN, 1, NO_TITLE_OR_LINK),
    (UNTITLED, ["503 before"], False, 8, [], UNCERTAIN, 0, NO_TITLE_OR_LINK),
    (UNTITLED, ["garbled after"], False, 8, [], UNCERTAIN, 1, NO_TITLE_OR_LINK),
], ids=["5xx after creating", "connection lost after creating", "5xx before creating", "three 5xx",
        "unreadable success", "last attempt, created", "last attempt, not created", "last attempt, lookup fails",
        "untitled, 5xx after creating", "untitled, 5xx before creating", "untitled, unreadable success"])
def test_a_create_whose_answer_is_lost_makes_one_pin_at_most(vault_location, standin, pin, plan, lookups_fail, max_attempts,
                                                              failures, state, pins, said):
    tokens = component.call("exchange", config=standin.config(), code=standin.code(), redirect_uri=REDIRECT_URI)
    vault = Vault(vault_location, Sealer(new_key()))
    vault.add_account("shop", username=None, environment="sandbox", client_id=standin.client_id, tokens=tokens, replace=False)
    vault.add_batch(Batch("b", "shop", BOARD, "test", time.time()), [(2, pin, None)])
    proxy = LossyPinterest(standin, plan, lookups_fail)
    try:
        app = App(standin.client_id, standin.client_secret, proxy.sandbox, standin.consent)
        result, failed = publish_with_retries(Activities(vault, app, Budgets(app_per_minute=600, account_per_minute=600)), "b", 0, max_attempts)
    finally:
        proxy.stop()
    on_board = component.call("list-all-pins", config=standin.config(), access_token=tokens["access-token"],
                              source={"tag": "board", "val": BOARD}, max_items=1000)["items"]
    made = [p for p in on_board if p.get("title") == pin.get("title") and p.get("link") == pin.get("link")]
    standin.settle()
    assert failed == failures
    assert result["state"] == state, result
    assert len(made) == pins, made
    assert standin.count("POST /sandbox/v5/pins → 201") == pins
    item = vault.item("b", 0)
    assert item.state == state
    if state == CREATED:
        assert item.pin_id == made[0]["id"] == result["pin_id"]
    else:
        assert said in item.outcome["summary"]
        assert item.outcome == result["outcome"]
        if state == UNCERTAIN:
            assert item.outcome["remedy"] == "Check the board for this pin; if it is missing, publish this item again."
        else:
            assert item.outcome["tag"] == "upstream-unavailable"


@pytest.mark.parametrize("key, said", [(None, "PINTEREST_VAULT_KEY is not set"), ("c2hvcnQ=", "PINTEREST_VAULT_KEY is not a key")])
def test_commands_refuse_to_start_without_a_vault_key_and_say_how_to_make_one(tmp_path, key, said):
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("PINTEREST_")}
    env.update(PYTHONPATH=str(PACKAGE_DIR), PINTEREST_VAULT=str(tmp_path / "vault.sqlite3"),
               PINTEREST_APP_ID="1484362", PINTEREST_APP_SECRET="app-secret-for-this-test")
    if key:
        env["PINTEREST_VAULT_KEY"] = key
    for command in (["worker"], ["accounts", "list"]):
        done = subprocess.run([sys.executable, "-m", "pinterest_temporal", *command], env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 2
        assert said in done.stderr
        assert "python -m pinterest_temporal key" in done.stderr
    made = subprocess.run([sys.executable, "-m", "pinterest_temporal", "key"], env=env, capture_output=True, text=True, timeout=60)
    assert len(base64.urlsafe_b64decode(made.stdout.strip())) == 32
    assert not (tmp_path / "vault.sqlite3").exists()
