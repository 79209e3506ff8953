"""The activities: every step that touches Pinterest or the vault. They take
and return account ids, batch ids and item numbers, never a token: tokens
are read from the vault here, so none enters a workflow's history."""

from __future__ import annotations

import contextvars
import os
import socket
import sys
import threading
import time
from contextlib import contextmanager
from datetime import timedelta
from typing import Iterator

from temporalio import activity
from temporalio.exceptions import ApplicationError

from . import component, tokens
from .budgets import Budgets, app_budget
from .component import NO_FINDER, ConnectorError
from .outcomes import Decision, decide
from .settings import App
from .tokens import AccountStopped
from .vault import ACTIVE, CREATED, CREATING, FAILED, PENDING, UNCERTAIN, Item, Vault

#: Shortest and longest sleep of KeepTokensFresh between looks, in seconds.
MIN_SLEEP_SECONDS = 60
MAX_SLEEP_SECONDS = 24 * 60 * 60
#: Write times an activity may miss (see ``Budgets.late``) before it hands
#: the item back to its workflow.
MAX_MISSED_WRITE_TIMES = 3
#: Seconds between heartbeats (activities are given a 5 s heartbeat timeout).
HEARTBEAT_SECONDS = 1.0
#: For crash tests: ``pin-created`` stops the worker for good right after
#: Pinterest's answer to a create, before it is recorded.
PAUSE_VARIABLE = "PINTEREST_TEMPORAL_PAUSE_AT"

UNCERTAIN_REMEDY = (
    "A worker stopped while this pin was being created, and it has neither a title nor a link to look for it by on the board. "
    "Check the board for it; if it is missing, publish this item again."
)


@contextmanager
def heartbeating() -> Iterator[None]:
    """Heartbeats from a side thread while the block runs, so a blocked
    Pinterest call is not mistaken for a dead worker (and a dead worker is
    noticed within the heartbeat timeout)."""
    done = threading.Event()
    context = contextvars.copy_context()

    def beat() -> None:
        while not done.wait(HEARTBEAT_SECONDS):
            context.run(activity.heartbeat)

    thread = threading.Thread(target=beat, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def pause_at(point: str) -> None:
    """Stops here for good when ``PINTEREST_TEMPORAL_PAUSE_AT`` names ``point``."""
    if os.environ.get(PAUSE_VARIABLE) == point:
        print(f"paused at {point}", file=sys.stderr, flush=True)
        threading.Event().wait()


def _retry(decision: Decision) -> ApplicationError:
    """The failure that has Temporal retry the activity: after Pinterest's
    reset time for a rate limit, else with the retry policy's backoff."""
    return ApplicationError(decision.summary, decision.outcome(), type=decision.tag,
                            next_retry_delay=timedelta(seconds=decision.seconds) if decision.seconds else None)


def _sleep_until(moment: float) -> None:
    while (left := moment - time.time()) > 0:
        time.sleep(min(left, 0.5))


class Activities:
    """The activities of one worker process, over its vault and app."""

    def __init__(self, vault: Vault, app: App, budgets: Budgets):
        self.vault, self.app, self.budgets = vault, app, budgets
        self.identity = f"{socket.gethostname()}:{os.getpid()}"

    # KeepTokensFresh.

    @activity.defn(name="plan_refresh")
    def plan_refresh(self, account_id: str) -> dict:
        """What KeepTokensFresh does next: ``refresh`` now, ``sleep`` until
        the tokens are due, or ``stop`` (account removed or stopped)."""
        account = self.vault.account(account_id)
        if account is None:
            return {"action": "stop", "reason": f"Account {account_id} is no longer in the vault."}
        if account.state != ACTIVE:
            return {"action": "stop", "reason": account.remedy or account.state}
        if tokens.status(account.tokens) != "fresh":
            return {"action": "refresh"}
        wait = tokens.due_at(account) - time.time()
        return {"action": "sleep", "seconds": int(max(MIN_SLEEP_SECONDS, min(wait, MAX_SLEEP_SECONDS)))}

    @activity.defn(name="refresh_tokens")
    def refresh_tokens(self, account_id: str) -> dict:
        """Refreshes the account's tokens if they are still due, under its lock."""
        with heartbeating():
            try:
                account = tokens.fresh(self.vault, self.app, account_id)
            except AccountStopped as stopped:
                activity.logger.warning("account %s stopped: %s", account_id, stopped.summary)
                return {"stopped": True, "remedy": stopped.remedy}
            except ConnectorError as error:
                raise ApplicationError(str(error), type=error.tag, non_retryable=not error.retryable) from None
        return {"stopped": False, "generation": account.generation}

    # PublishPins.

    @activity.defn(name="check_board")
    def check_board(self, account_id: str, board_id: str) -> dict:
        """Reads the board before any write. Uses the tokens as stored (a
        token due for refresh still works for days; writes refresh it), and
        refreshes only when Pinterest refuses it."""
        with heartbeating():
            try:
                return self._check_board(account_id, board_id)
            except AccountStopped as stopped:
                return {"state": "stopped", "remedy": stopped.remedy}
            except ConnectorError as error:
                raise ApplicationError(str(error), type=error.tag, non_retryable=not error.retryable) from None

    def _check_board(self, account_id: str, board_id: str) -> dict:
        account = self.vault.account(account_id)
        if account is None or account.state != ACTIVE or tokens.status(account.tokens) == "reauthorize":
            account = tokens.fresh(self.vault, self.app, account_id)
        refreshed = False
        while True:
            try:
                board = component.call("get-board", config=self.app.config(account.environment),
                                       access_token=account.tokens["access-token"], board_id=board_id)
                return {"state": "ok", "name": board["name"]}
            except ConnectorError as error:
                decision = decide(error)
                if decision.action == "refresh" and not refreshed:
                    refreshed = True
                    account = tokens.fresh(self.vault, self.app, account_id, refused_generation=account.generation)
                    continue
                if decision.action in ("wait", "retry"):
                    raise _retry(decision) from None
                return {"state": "failed", "outcome": decision.outcome()}

    @activity.defn(name="publish_item")
    def publish_item(self, batch_id: str, index: int) -> dict:
        """Creates one pin of a batch, at most once: a fresh token (refreshed
        under the account's lock if due), a write time within both budgets,
        then ``create-pin``, with the item's state in the vault before and
        after. Answers ``created``, ``failed`` (with the remedy), ``uncertain``,
        ``stopped`` (the account needs re-authorization) or ``waiting`` (no
        write time within the horizon: ``until``)."""
        with heartbeating():
            try:
                return self._publish(batch_id, index)
            except AccountStopped as stopped:
                activity.logger.warning("batch %s item %s: account stopped: %s", batch_id, index, stopped.summary)
                return {"state": "stopped", "remedy": stopped.remedy}
            except ConnectorError as error:
                raise ApplicationError(str(error), type=error.tag, non_retryable=not error.retryable) from None

    def _publish(self, batch_id: str, index: int) -> dict:
        item = self.vault.item(batch_id, index)
        if item.state in (CREATED, FAILED, UNCERTAIN):
            return self._result(item)
        batch = self.vault.batch(batch_id)
        assert batch is not None
        account = tokens.fresh(self.vault, self.app, batch.account_id)
        config = self.app.config(account.environment)
        if item.state == CREATING:
            found = component.find_created_pin(config, account.tokens["access-token"], item.pin)
            if found is NO_FINDER:
                activity.logger.warning("batch %s item %s: an earlier attempt vanished while creating", batch_id, index)
                outcome = {"tag": "uncertain", "summary": "A worker stopped while creating this pin.", "remedy": UNCERTAIN_REMEDY}
                self.vault.finish_item(batch_id, index, UNCERTAIN, outcome=outcome)
                return {"state": UNCERTAIN, "outcome": outcome}
            if found is not None:
                self.vault.finish_item(batch_id, index, CREATED, pin_id=found["id"], pin_url=found.get("url"))
                return {"state": CREATED, "pin_id": found["id"], "url": found.get("url"), "generation": account.generation, "worker": self.identity}
        refreshed, missed = False, 0
        while True:
            granted, moment = self.vault.take_write_slot(self.budgets.for_write(self.app.client_id, account.id),
                                                         self.budgets.horizon, batch_id, index, self.identity)
            if not granted:
                self.vault.finish_item(batch_id, index, PENDING)
                return {"state": "waiting", "until": moment}
            _sleep_until(moment)
            self.vault.begin_create(batch_id, index)
            if time.time() > moment + self.budgets.late:
                self.vault.finish_item(batch_id, index, PENDING)
                missed += 1
                activity.logger.info("batch %s item %s: missed its write time by %.3f s", batch_id, index, time.time() - moment)
                if missed == MAX_MISSED_WRITE_TIMES:
                    return {"state": "waiting", "until": time.time()}
                continue
            try:
                pin = component.call("create-pin", config=config, access_token=account.tokens["access-token"], pin=item.pin)
            except ConnectorError as error:
                decision = decide(error)
                self.vault.finish_item(batch_id, index, PENDING)
                if decision.action == "refresh" and not refreshed:
                    refreshed = True
                    account = tokens.fresh(self.vault, self.app, account.id, refused_generation=account.generation)
                    continue
                if decision.action == "wait":
                    self.vault.defer_writes(app_budget(self.app.client_id), time.time() + decision.seconds)
                if decision.action in ("wait", "retry"):
                    activity.logger.info("batch %s item %s: %s (retrying)", batch_id, index, decision.tag)
                    raise _retry(decision) from None
                self.vault.finish_item(batch_id, index, FAILED, outcome=decision.outcome())
                activity.logger.info("batch %s item %s: failed (%s)", batch_id, index, decision.tag)
                return {"state": FAILED, "outcome": decision.outcome()}
            pause_at("pin-created")
            self.vault.finish_item(batch_id, index, CREATED, pin_id=pin["id"], pin_url=pin["url"])
            activity.logger.info("batch %s item %s: created pin %s", batch_id, index, pin["id"])
            return {"state": CREATED, "pin_id": pin["id"], "url": pin["url"], "generation": account.generation, "worker": self.identity}

    @staticmethod
    def _result(item: Item) -> dict:
        if item.state == CREATED:
            return {"state": CREATED, "pin_id": item.pin_id, "url": item.pin_url}
        return {"state": item.state, "outcome": item.outcome}

    def all(self) -> list:
        """Every activity, for the worker."""
        return [self.plan_refresh, self.refresh_tokens, self.check_board, self.publish_item]
