"""Reads workflows through Temporal's Python SDK and prints JSON, in a
process of its own: the SDK's client threads can abort an interpreter's
teardown (temporalio/sdk-python#300), which must not hit the test runner.

    temporal_probe.py ADDRESS histories TASK_QUEUE
    temporal_probe.py ADDRESS results WORKFLOW_ID
    temporal_probe.py ADDRESS status WORKFLOW_ID
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import sys

from temporalio.client import Client


async def main(address: str, what: str, name: str) -> object:
    client = await Client.connect(address)
    if what == "histories":
        found = []
        async for execution in client.list_workflows(f"TaskQueue = '{name}'"):
            history = await client.get_workflow_handle(execution.id, run_id=execution.run_id).fetch_history()
            raw = b"".join(event.SerializeToString() for event in history.events)
            found.append({"id": execution.id, "json": history.to_json(), "raw": base64.b64encode(raw).decode()})
        return found
    if what == "results":
        history = await client.get_workflow_handle(name).fetch_history()
        return [json.loads(payload.data) for event in history.events
                if event.HasField("activity_task_completed_event_attributes")
                for payload in event.activity_task_completed_event_attributes.result.payloads]
    if what == "status":
        return (await client.get_workflow_handle(name).describe()).status.name
    raise SystemExit(f"unknown request {what}")


print(json.dumps(asyncio.run(main(*sys.argv[1:4]))), flush=True)
os._exit(0)
