"""The workflows. They hold ids, counts and times only (tokens stay in the
vault, read by activities), and wait with durable timers, so a worker that
dies takes no state with it."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError

KEEP_TOKENS_FRESH = "KeepTokensFresh"
PUBLISH_PINS = "PublishPins"
#: KeepTokensFresh starts over as a new run after this many looks, so its history stays short.
ROUNDS_PER_RUN = 100
#: Wait after a refresh failure that retrying will not fix (e.g. the app's credentials), in seconds.
REFRESH_FAILURE_WAIT = 3600
#: A publish worker that dies is noticed within this time.
HEARTBEAT_TIMEOUT = timedelta(seconds=5)
#: Failures the summary lists in full (all are in the vault).
LISTED_FAILURES = 100


def keeper_id(account_id: str) -> str:
    """The id of an account's KeepTokensFresh workflow."""
    return f"keep-tokens-fresh/{account_id}"


def publish_id(batch_id: str) -> str:
    """The id of a batch's PublishPins workflow."""
    return f"publish-pins/{batch_id}"


@workflow.defn(name=KEEP_TOKENS_FRESH)
class KeepTokensFresh:
    """Keeps one account's tokens fresh: sleeps until they are refresh-due,
    refreshes them (under the account's lock in the vault, so a publish
    that needs them at the same moment does not refresh them too), and
    sleeps again; stops when the account is removed or Pinterest refuses its
    refresh token (the account is then ``needs-reauthorization``)."""

    def __init__(self) -> None:
        self._poked = False
        self._state: dict = {"state": "starting"}

    @workflow.signal(name="tokens-replaced")
    def tokens_replaced(self) -> None:
        """The account's tokens were replaced: look again now."""
        self._poked = True

    @workflow.query(name="state")
    def state(self) -> dict:
        """What the workflow is doing."""
        return self._state

    async def _sleep(self, seconds: float) -> None:
        self._poked = False
        self._state = {"state": "sleeping", "until": workflow.time() + seconds}
        try:
            await workflow.wait_condition(lambda: self._poked, timeout=timedelta(seconds=seconds))
        except asyncio.TimeoutError:
            pass

    @workflow.run
    async def run(self, account_id: str) -> dict:
        for _ in range(ROUNDS_PER_RUN):
            self._state = {"state": "looking"}
            plan = await workflow.execute_activity(
                "plan_refresh", account_id, start_to_close_timeout=timedelta(seconds=60),
                retry_policy=RetryPolicy(maximum_interval=timedelta(minutes=10)),
            )
            if plan["action"] == "stop":
                return {"account": account_id, "stopped": plan["reason"]}
            if plan["action"] == "sleep":
                await self._sleep(plan["seconds"])
                continue
            self._state = {"state": "refreshing"}
            try:
                result = await workflow.execute_activity(
                    "refresh_tokens", account_id, start_to_close_timeout=timedelta(minutes=2),
                    heartbeat_timeout=HEARTBEAT_TIMEOUT,
                    retry_policy=RetryPolicy(initial_interval=timedelta(seconds=5), maximum_interval=timedelta(minutes=10)),
                )
            except ActivityError as error:
                workflow.logger.warning("refresh of %s failed: %s", account_id, error.cause)
                await self._sleep(REFRESH_FAILURE_WAIT)
                continue
            if result["stopped"]:
                return {"account": account_id, "stopped": result["remedy"]}
        workflow.continue_as_new(account_id)


@workflow.defn(name=PUBLISH_PINS)
class PublishPins:
    """Publishes a batch stored in the vault: one ``publish_item`` activity
    per pin, ``concurrency`` at a time. An item that finds no write time
    within the budgets' horizon waits here on a durable timer. Failed items
    are recorded with their remedy and the batch goes on; an account that
    needs re-authorization stops it. Progress is the ``progress`` query;
    the result is the summary."""

    def __init__(self) -> None:
        self._spec: dict = {}
        self._queue: list[int] = []
        self._created = 0
        self._failed = 0
        self._uncertain = 0
        self._failures: list[dict] = []
        self._running: set[int] = set()
        self._waiting: dict[int, float] = {}
        self._stopped: str | None = None
        self._started = 0.0
        self._done = False

    @workflow.query(name="progress")
    def progress(self) -> dict:
        """Done, failed, waiting and running items, and the next write time."""
        spec = self._spec
        return {
            "batch": spec.get("batch_id"),
            "total": spec.get("total", 0),
            "created": self._created,
            "failed": self._failed,
            "uncertain": self._uncertain,
            "running": len(self._running),
            "waiting": len(self._waiting),
            "pending": len(self._queue),
            "next_write_at": min(self._waiting.values()) if self._waiting else None,
            "stopped": self._stopped,
            "done": self._done,
        }

    def _fail(self, index: int, outcome: dict, state: str = "failed") -> None:
        if state == "uncertain":
            self._uncertain += 1
        else:
            self._failed += 1
        if len(self._failures) < LISTED_FAILURES:
            self._failures.append({"item": index, **outcome})

    async def _publish(self, index: int) -> None:
        spec = self._spec
        while True:
            try:
                result = await workflow.execute_activity(
                    "publish_item", args=[spec["batch_id"], index],
                    start_to_close_timeout=timedelta(minutes=2), heartbeat_timeout=HEARTBEAT_TIMEOUT,
                    retry_policy=RetryPolicy(initial_interval=timedelta(seconds=2), maximum_interval=timedelta(minutes=1),
                                             maximum_attempts=8),
                )
            except ActivityError as error:
                cause = error.cause
                details = cause.details if isinstance(cause, ApplicationError) and cause.details else None
                self._fail(index, details[0] if details else {"tag": "failed", "summary": str(cause), "remedy": "Publish this item again later."})
                return
            if result["state"] == "waiting":
                self._waiting[index] = result["until"]
                await workflow.sleep(max(0.0, result["until"] - workflow.time()))
                del self._waiting[index]
                continue
            if result["state"] == "created":
                self._created += 1
            elif result["state"] == "stopped":
                self._stopped = result["remedy"]
                self._queue.insert(0, index)
            else:
                self._fail(index, result["outcome"], result["state"])
            return

    async def _lane(self) -> None:
        while self._queue and self._stopped is None and not workflow.info().is_continue_as_new_suggested():
            index = self._queue.pop(0)
            self._running.add(index)
            try:
                await self._publish(index)
            finally:
                self._running.discard(index)

    @workflow.run
    async def run(self, spec: dict) -> dict:
        self._spec = spec
        self._queue = list(spec["todo"])
        carried = spec.get("carried") or {}
        self._created = carried.get("created", 0)
        self._failed = carried.get("failed", 0)
        self._uncertain = carried.get("uncertain", 0)
        self._failures = list(carried.get("failures", []))
        self._started = carried.get("started") or workflow.time()
        if not carried:
            for refused in spec.get("refused", []):
                self._fail(refused["item"], refused["outcome"])
            check = await workflow.execute_activity(
                "check_board", args=[spec["account_id"], spec["board_id"]],
                start_to_close_timeout=timedelta(minutes=2), heartbeat_timeout=HEARTBEAT_TIMEOUT,
                retry_policy=RetryPolicy(initial_interval=timedelta(seconds=2), maximum_interval=timedelta(minutes=1), maximum_attempts=8),
            )
            if check["state"] == "stopped":
                self._stopped = check["remedy"]
            elif check["state"] == "failed":
                self._stopped = f"{check['outcome']['summary']} {check['outcome']['remedy']}"
        await asyncio.gather(*(self._lane() for _ in range(max(1, spec.get("concurrency", 4)))))
        if self._queue and self._stopped is None:
            workflow.continue_as_new({**spec, "todo": self._queue, "carried": {
                "created": self._created, "failed": self._failed, "uncertain": self._uncertain,
                "failures": self._failures, "started": self._started}})
        if self._stopped is not None:
            for index in self._queue:
                self._fail(index, {"tag": "stopped", "summary": "Not published: the batch stopped.", "remedy": self._stopped})
            self._queue = []
        self._done = True
        seconds = workflow.time() - self._started
        return {
            "batch": spec["batch_id"],
            "total": spec["total"],
            "created": self._created,
            "failed": self._failed,
            "uncertain": self._uncertain,
            "stopped": self._stopped,
            "failures": sorted(self._failures, key=lambda f: f["item"]),
            "seconds": round(seconds, 1),
        }
