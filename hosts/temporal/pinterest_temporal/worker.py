"""A worker process: polls the task queue for both workflows and every
activity. Run as many as needed, on as many machines as share the vault;
give them all the same key, app and budgets."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import signal
import time
from datetime import timedelta

from temporalio.client import Client
from temporalio.worker import Worker

from . import settings
from .activities import Activities
from .budgets import Budgets
from .sealing import Sealer
from .vault import Vault
from .workflows import KeepTokensFresh, PublishPins

log = logging.getLogger("pinterest_temporal.worker")


async def connect(temporal: settings.Temporal, patience: float = 0) -> Client:
    """A client of the configured Temporal service, trying for up to
    ``patience`` seconds (a server that has just started may refuse)."""
    deadline = time.monotonic() + patience
    while True:
        try:
            return await Client.connect(temporal.address, namespace=temporal.namespace)
        except Exception:  # the SDK raises several kinds for a server not yet up
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.5)


async def run(budgets: Budgets, max_activities: int, task_queue_rate: float | None, stop: asyncio.Event | None = None) -> None:
    """Runs a worker until SIGINT/SIGTERM (or ``stop`` is set)."""
    temporal = settings.temporal()
    app = settings.app()
    vault = Vault(settings.vault_location(), Sealer(settings.vault_key_text()))
    activities = Activities(vault, app, budgets)
    client = await connect(temporal, patience=60)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max_activities) as executor:
        worker = Worker(
            client,
            task_queue=temporal.task_queue,
            workflows=[KeepTokensFresh, PublishPins],
            activities=activities.all(),
            activity_executor=executor,
            max_concurrent_activities=max_activities,
            max_task_queue_activities_per_second=task_queue_rate,
            identity=activities.identity,
            # On SIGTERM, running activities finish (a create is never cut
            # between Pinterest's answer and its record); then it stops.
            graceful_shutdown_timeout=timedelta(seconds=60),
        )
        log.info(
            "worker %s on %s, task queue %s, vault %s, budgets %g writes/min per app and %g per account",
            activities.identity, temporal.address, temporal.task_queue, vault.describe(),
            budgets.app_per_minute, budgets.account_per_minute,
        )
        async with worker:
            print(f"worker ready: {activities.identity}", flush=True)
            await stop.wait()
        log.info("worker %s stopped", activities.identity)
