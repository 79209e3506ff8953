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
from .component import FINDER_MAX_SCANNED, NO_FINDER, ConnectorError
from .outcomes import LIKELY_CREATED, NOT_CREATED, Decision, create_left, decide
from .settings import App
from .tokens import AccountStopped
from .vault import ACTIVE, CREATED, CREATING, FAILED, PENDING, UNCERTAIN, Account, Item, Vault

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

#: Why an item is ``creating`` when no attempt recorded why: its worker vanished mid-create.
VANISHED = "A worker stopped while creating this pin."
UNCERTAIN_REMEDY = "Check the board for this pin; if it is missing, publish this item again."


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


def _last_attempt() -> bool:
    """Whether Temporal runs this activity no more after a failure (its
    retry policy's last attempt)."""
    info = activity.info()
    policy = info.retry_policy
    return bool(policy and policy.maximum_attempts and info.attempt >= policy.maximum_attempts)


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
        after. A create whose pin may exist without a usable answer (a 5xx,
        a lost answer, a success it could not read) leaves the item
        ``creating``, and no attempt creates it again without looking for it
        on the board first. Answers ``created``, ``failed`` (with the
        remedy), ``uncertain``, ``stopped`` (the account needs
        re-authorization) or ``waiting`` (no write time within the horizon:
        ``until``)."""
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
            settled = self._look(item, config, account)
            if settled is not None:
                return settled
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
                left = create_left(error)
                if left != NOT_CREATED:
                    return self._unanswered(item, config, account, decision, left)
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
            return self._created(item, pin, account)

    def _unanswered(self, item: Item, config: dict, account: Account, decision: Decision, left: str) -> dict:
        """A create whose pin may exist though Pinterest gave no usable
        answer (see ``create_left``). The item stays ``creating``, with what
        happened in its outcome, so no attempt creates it again without
        looking on the board first (``_look``). A 5xx or a lost answer is
        retried with backoff, and the retry looks; it is looked for now when
        Pinterest answered with success (it most likely exists: never
        created again), when the pin cannot be looked for (neither title nor
        link: ``uncertain``), or on the retry policy's last attempt."""
        recorded = {**decision.outcome(), "left": left}
        self.vault.finish_item(item.batch_id, item.item, CREATING, outcome=recorded)
        activity.logger.info("batch %s item %s: %s; the pin may exist, so it is looked for before any new create",
                             item.batch_id, item.item, decision.tag)
        if left != LIKELY_CREATED and component.findable(item.pin) and not _last_attempt():
            raise _retry(decision) from None
        settled = self._look(self.vault.item(item.batch_id, item.item), config, account)
        if settled is not None:
            return settled
        # The last attempt, and the pin is not on the board: it was not created.
        self.vault.finish_item(item.batch_id, item.item, FAILED, outcome=decision.outcome())
        return {"state": FAILED, "outcome": decision.outcome()}

    def _look(self, item: Item, config: dict, account: Account) -> dict | None:
        """For an item left ``creating`` (its worker vanished mid-create, or
        Pinterest's answer left the pin's fate open): the pin looked for on
        the board with the component's duplicate finder, and recorded
        ``created`` when found. ``uncertain`` when it cannot be told — the
        pin has neither a title nor a link, or Pinterest answered with
        success and yet it is not among the board's newest pins, or the look
        itself failed for good (not retryable, or the last attempt) — rather
        than risk a second pin. None when it is not there: create it."""
        recorded = item.outcome or {}
        cause = recorded.get("summary", VANISHED)
        try:
            found = component.find_created_pin(config, account.tokens["access-token"], item.pin)
        except ConnectorError as error:
            if error.retryable and not _last_attempt():
                raise
            why = f"{cause} It may have been created, and looking for it on the board failed: {decide(error).summary}"
        else:
            if found is NO_FINDER:
                why = f"{cause} It may have been created all the same, and with neither a title nor a link it cannot be looked for on the board."
            elif found is not None:
                activity.logger.info("batch %s item %s: found the pin an earlier attempt created", item.batch_id, item.item)
                return self._created(item, found, account)
            elif recorded.get("left") == LIKELY_CREATED:
                why = (f"{cause} Pinterest answered with success, so the pin was most likely created, "
                       f"yet it is not among the board's newest {FINDER_MAX_SCANNED} pins.")
            else:
                return None
        outcome = {"tag": "uncertain", "summary": why, "remedy": UNCERTAIN_REMEDY}
        activity.logger.warning("batch %s item %s: uncertain whether the pin was created", item.batch_id, item.item)
        self.vault.finish_item(item.batch_id, item.item, UNCERTAIN, outcome=outcome)
        return {"state": UNCERTAIN, "outcome": outcome}

    def _created(self, item: Item, pin: dict, account: Account) -> dict:
        self.vault.finish_item(item.batch_id, item.item, CREATED, pin_id=pin["id"], pin_url=pin.get("url"))
        activity.logger.info("batch %s item %s: created pin %s", item.batch_id, item.item, pin["id"])
        return {"state": CREATED, "pin_id": pin["id"], "url": pin.get("url"), "generation": account.generation, "worker": self.identity}

    @staticmethod
    def _result(item: Item) -> dict:
        if item.state == CREATED:
            return {"state": CREATED, "pin_id": item.pin_id, "url": item.pin_url}
        return {"state": item.state, "outcome": item.outcome}

    def all(self) -> list:
        """Every activity, for the worker."""
        return [self.plan_refresh, self.refresh_tokens, self.check_board, self.publish_item]
