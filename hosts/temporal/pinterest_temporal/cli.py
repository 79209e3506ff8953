"""The commands: ``worker``, ``dev``, ``key``, ``accounts …``, ``publish``,
``status``. Errors print what happened and what to do; no command prints a
token or the app secret."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.common import WorkflowIDConflictPolicy
from temporalio.service import RPCError

from . import batchfile, component, devserver, settings, tokens, worker
from .budgets import DEFAULT_ACCOUNT_WRITES_PER_MINUTE, DEFAULT_APP_WRITES_PER_MINUTE, Budgets
from .component import ConnectorError
from .sealing import Sealer, new_key
from .vault import ACTIVE, Batch, Vault
from .workflows import KEEP_TOKENS_FRESH, PUBLISH_PINS, keeper_id, publish_id

#: Exit codes, as the command line host's: usage/setup 2, authentication 3, some items failed 6.
OK, FAILURE, USAGE, AUTH, ITEMS_FAILED = 0, 1, 2, 3, 6


class CommandError(Exception):
    """A command that cannot go on: message, what to do, exit code."""

    def __init__(self, message: str, remedy: str | None = None, code: int = FAILURE):
        super().__init__(message)
        self.remedy, self.code = remedy, code


def _vault() -> Vault:
    return Vault(settings.vault_location(), Sealer(settings.vault_key_text()))


def _when(unix: float | None) -> str:
    if unix is None:
        return "-"
    return datetime.fromtimestamp(unix, timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


async def _client() -> Client:
    temporal = settings.temporal()
    try:
        return await worker.connect(temporal)
    except Exception as error:  # the SDK raises several kinds for an unreachable server
        raise CommandError(f"Could not reach Temporal at {temporal.address}: {error}.",
                           f"Start it (`python -m pinterest_temporal dev` on one machine) or set {settings.TEMPORAL_ADDRESS_VARIABLE}.") from None


# key


def cmd_key(_args: argparse.Namespace) -> int:
    print(new_key())
    return OK


# worker and dev


def _budgets(args: argparse.Namespace) -> Budgets:
    try:
        return Budgets(app_per_minute=args.app_writes_per_minute, account_per_minute=args.account_writes_per_minute)
    except ValueError as error:
        raise CommandError(f"Bad budget: {error}.", "Pass --app-writes-per-minute and --account-writes-per-minute above 0.", USAGE) from None


def _check_worker_setup() -> None:
    settings.app()
    Sealer(settings.vault_key_text())
    component.manifest()


def cmd_worker(args: argparse.Namespace) -> int:
    budgets = _budgets(args)
    _check_worker_setup()
    asyncio.run(worker.run(budgets, args.max_activities, args.task_queue_rate))
    return OK


def cmd_dev(args: argparse.Namespace) -> int:
    budgets = _budgets(args)
    _check_worker_setup()
    state = Path(args.state_dir) if args.state_dir else settings.state_dir()
    vault_given = settings.VAULT_VARIABLE in os.environ
    os.environ.setdefault(settings.VAULT_VARIABLE, str(state / "vault.sqlite3"))
    os.environ[settings.TEMPORAL_ADDRESS_VARIABLE] = f"127.0.0.1:{args.port}"
    print(f"starting Temporal's development server on 127.0.0.1:{args.port} (web UI on port {args.port + 1000}), state in {state}", flush=True)
    if args.state_dir and not vault_given:
        print(f"other commands reach this vault with: export {settings.VAULT_VARIABLE}={state / 'vault.sqlite3'}", flush=True)
    if args.port != 7233:
        print(f"other commands reach this server with: export {settings.TEMPORAL_ADDRESS_VARIABLE}=127.0.0.1:{args.port}", flush=True)
    server = devserver.start(args.port, state / "temporal.sqlite3", headless=False, log_file=state / "temporal.log")
    try:
        asyncio.run(worker.run(budgets, args.max_activities, args.task_queue_rate))
    finally:
        server.terminate()
        server.wait(30)
    return OK


# accounts


async def _keep_fresh(account_id: str, replaced: bool) -> str:
    client = await _client()
    handle = await client.start_workflow(
        KEEP_TOKENS_FRESH, account_id, id=keeper_id(account_id), task_queue=settings.temporal().task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
    )
    if replaced:
        await handle.signal("tokens-replaced")
    return handle.id


def cmd_accounts_authorize(args: argparse.Namespace) -> int:
    app = settings.app()
    scopes = [s for s in (args.scope or "").split(",") if s]
    environment = "sandbox" if args.sandbox else "production"
    try:
        consent = component.call("authorize", config=app.config(environment), redirect_uri=args.redirect_uri, scopes=scopes, state=None)
    except ConnectorError as error:
        raise CommandError(str(error), code=USAGE) from None
    print(f"Open: {consent['url']}\nstate: {consent['state']}\n"
          f"Then: python -m pinterest_temporal accounts add{' --sandbox' if args.sandbox else ''} --code CODE --redirect-uri {args.redirect_uri}")
    return OK


def cmd_accounts_add(args: argparse.Namespace) -> int:
    app = settings.app()
    vault = _vault()
    if args.id and not args.replace and vault.account(args.id) is not None:
        raise CommandError(f"Account {args.id} is already in the vault (nothing was exchanged or stored).",
                           "Pass --replace to give it new tokens, or another --id.", USAGE)
    if args.token_file:
        try:
            token_set, environment, client_id = tokens.from_token_file(Path(args.token_file))
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Could not read the token file {args.token_file}: {error}.",
                               "Pass the file the command line host's `login` wrote (docs/cli.md).", USAGE) from None
        if client_id and client_id != app.client_id:
            raise CommandError(f"The tokens in {args.token_file} belong to app {client_id}, not to PINTEREST_APP_ID {app.client_id}.",
                               "Use that app's credentials, or sign in again with this app.", USAGE)
    else:
        environment = "sandbox" if args.sandbox else "production"
        try:
            token_set = component.call("exchange", config=app.config(environment), code=args.code, redirect_uri=args.redirect_uri)
        except ConnectorError as error:
            raise CommandError(str(error), code=AUTH) from None
    username = None
    try:
        profile = component.call("get-user-account", config=app.config(environment), access_token=token_set["access-token"])
        username = profile.get(component.manifest()["auth"].get("accountNameField", "username"))
    except ConnectorError as error:
        if not args.id:
            raise CommandError(f"Could not read the account's name: {error}", "Pass --id to name the account yourself.", USAGE) from None
    account_id = args.id or username
    if not account_id:
        raise CommandError("The account has no username to name it by.", "Pass --id.", USAGE)
    try:
        account = vault.add_account(account_id, username=username, environment=environment, client_id=app.client_id,
                                    tokens=token_set, replace=args.replace)
    except KeyError:
        raise CommandError(f"Account {account_id} is already in the vault; these tokens were not stored.",
                           "Run it again with --replace (and a new code, or the same token file), or with --id for another name.",
                           USAGE) from None
    print(f"Added account {account.id} ({username or 'no username'}, {environment}): tokens {tokens.status(account.tokens)}, "
          f"access token until {_when(account.expires_at)}.")
    if not args.no_keep_fresh:
        try:
            workflow_id = asyncio.run(_keep_fresh(account.id, replaced=args.replace))
            print(f"Keeping its tokens fresh in workflow {workflow_id}.")
        except CommandError as error:
            print(f"warning: {error} Its tokens are in the vault; run `accounts keep-fresh {account.id}` once Temporal is up.", file=sys.stderr)
    return OK


def cmd_accounts_keep_fresh(args: argparse.Namespace) -> int:
    vault = _vault()
    ids = args.ids or [a.id for a in vault.accounts() if a.state == ACTIVE]
    for account_id in ids:
        print(f"{account_id}: workflow {asyncio.run(_keep_fresh(account_id, replaced=True))}")
    return OK


def cmd_accounts_list(args: argparse.Namespace) -> int:
    rows = []
    for account in _vault().accounts():
        rows.append({
            "id": account.id, "username": account.username, "environment": account.environment, "state": account.state,
            "tokens": tokens.status(account.tokens), "access_expires_at": account.expires_at,
            "refresh_expires_at": account.refresh_expires_at, "refreshes": account.refreshes, "remedy": account.remedy,
        })
    if args.json:
        print(json.dumps(rows, indent=2))
        return OK
    if not rows:
        print("No accounts. Add one with `accounts add`.")
        return OK
    widths = [max(len(str(r[k] or "-")) for r in rows + [{k: k.upper()}]) for k in ("id", "username", "environment", "state", "tokens")]
    header = ("ID", "USERNAME", "ENVIRONMENT", "STATE", "TOKENS")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)) + "  ACCESS TOKEN UNTIL       REFRESHES")
    for r in rows:
        cells = [str(r[k] or "-") for k in ("id", "username", "environment", "state", "tokens")]
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths)) + f"  {_when(r['access_expires_at'])}  {r['refreshes']}")
    for r in rows:
        if r["remedy"]:
            print(f"\n{r['id']}: {r['remedy']}")
    return OK


def cmd_accounts_remove(args: argparse.Namespace) -> int:
    if not _vault().remove_account(args.id):
        raise CommandError(f"No account {args.id} in the vault.", "See `accounts list`.", USAGE)
    print(f"Removed account {args.id} and its tokens.")

    async def stop_keeper() -> None:
        client = await _client()
        try:
            await client.get_workflow_handle(keeper_id(args.id)).signal("tokens-replaced")
        except RPCError:
            pass  # no keeper running

    try:
        asyncio.run(stop_keeper())
    except CommandError as error:
        print(f"warning: {error} Its KeepTokensFresh workflow stops at its next look.", file=sys.stderr)
    return OK


# publish and status


def _counts(progress: dict) -> str:
    done = progress["created"] + progress["failed"] + progress["uncertain"]
    waiting = ""
    if progress["waiting"]:
        waiting = f", {progress['waiting']} waiting for a write time"
        if progress.get("next_write_at"):
            waiting += f" (next at {_when(progress['next_write_at'])[11:19]})"
    return f"{done}/{progress['total']}: {progress['created']} created, {progress['failed'] + progress['uncertain']} failed{waiting}"


def _line(progress: dict, started: float) -> str:
    done = progress["created"] + progress["failed"] + progress["uncertain"]
    filled = int(30 * done / max(progress["total"], 1))
    rate = progress["created"] / max(time.time() - started, 1e-6) * 60
    return f"[{'#' * filled}{'.' * (30 - filled)}] {_counts(progress)}, {rate:.1f} pins/min"


def _with_retries(progress: dict, description) -> dict:
    """The progress with the items whose activity waits for its next
    attempt (after a rate limit or an outage) counted as waiting."""
    now = time.time()
    retries = [a.next_attempt_schedule_time.ToSeconds() for a in description.raw_description.pending_activities
               if a.HasField("next_attempt_schedule_time") and a.next_attempt_schedule_time.ToSeconds() > now]
    if not retries:
        return progress
    times = retries + ([progress["next_write_at"]] if progress.get("next_write_at") else [])
    return {**progress, "waiting": progress["waiting"] + len(retries), "next_write_at": min(times)}


async def _follow(client: Client, batch_id: str, quiet: bool) -> dict:
    handle = client.get_workflow_handle(publish_id(batch_id))
    started, shown = time.time(), -1
    tty = sys.stderr.isatty()
    while True:
        description = await handle.describe()
        if description.status != WorkflowExecutionStatus.RUNNING:
            break
        try:
            progress = _with_retries(await handle.query("progress"), description)
        except RPCError:
            progress = None
        if progress and not quiet:
            done = progress["created"] + progress["failed"] + progress["uncertain"]
            if tty:
                print("\r" + _line(progress, started), end="", file=sys.stderr, flush=True)
            elif done // 10 != shown // 10 or shown < 0:
                print("progress: " + _line(progress, started), file=sys.stderr, flush=True)
            shown = done
        await asyncio.sleep(0.5)
    if tty and not quiet:
        print(file=sys.stderr)
    return await handle.result()


def _print_summary(summary: dict) -> None:
    print(f"Batch {summary['batch']}: {summary['created']} of {summary['total']} pins created, "
          f"{summary['failed']} failed, {summary['uncertain']} uncertain, in {summary['seconds']:.0f} s.")
    for failure in summary["failures"]:
        print(f"  item {failure['item']}: {failure['summary']} What to do: {failure['remedy']}")
    if summary["stopped"]:
        print(f"Stopped: {summary['stopped']}")


def _exit_code(summary: dict) -> int:
    if summary["stopped"]:
        return AUTH
    return ITEMS_FAILED if summary["failed"] or summary["uncertain"] else OK


def cmd_publish(args: argparse.Namespace) -> int:
    vault = _vault()
    account = vault.account(args.account)
    if account is None:
        raise CommandError(f"No account {args.account} in the vault.", "Add it with `accounts add`, or see `accounts list`.", USAGE)
    if account.state != ACTIVE:
        raise CommandError(f"Account {account.id} needs re-authorization: nothing was published.",
                           account.remedy or tokens.REAUTHORIZE_REMEDY.format(id=account.id), AUTH)
    try:
        entries = batchfile.read(Path(args.file), args.board)
    except batchfile.BatchFileError as error:
        raise CommandError(str(error), error.remedy, USAGE) from None
    if not entries:
        raise CommandError(f"{args.file} holds no pins.", "Add one row per pin after the header row.", USAGE)
    batch = Batch(id=uuid.uuid4().hex[:12], account_id=account.id, board_id=args.board, source=str(args.file), created_at=time.time())
    spec = {
        "batch_id": batch.id, "account_id": account.id, "board_id": args.board, "total": len(entries),
        "todo": [i for i, (_, pin, _) in enumerate(entries) if pin is not None],
        "refused": [{"item": i, "outcome": refusal} for i, (_, _, refusal) in enumerate(entries) if refusal],
        "concurrency": args.concurrency,
    }

    async def go() -> dict | None:
        client = await _client()
        vault.add_batch(batch, entries)
        await client.start_workflow(PUBLISH_PINS, spec, id=publish_id(batch.id), task_queue=settings.temporal().task_queue)
        print(f"Batch {batch.id}: {len(entries)} pins for account {account.id} on board {args.board} "
              f"(workflow {publish_id(batch.id)}).", file=sys.stderr if args.json else sys.stdout, flush=True)
        if args.detach:
            return None
        return await _follow(client, batch.id, quiet=args.json)

    summary = asyncio.run(go())
    if summary is None:
        print(f"Follow it with: python -m pinterest_temporal status {batch.id}")
        return OK
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        _print_summary(summary)
    return _exit_code(summary)


def cmd_status(args: argparse.Namespace) -> int:
    async def look() -> tuple[str, dict]:
        client = await _client()
        handle = client.get_workflow_handle(publish_id(args.batch))
        try:
            description = await handle.describe()
        except RPCError:
            return "gone", {}
        if description.status == WorkflowExecutionStatus.RUNNING:
            return "running", _with_retries(await handle.query("progress"), description)
        if description.status == WorkflowExecutionStatus.COMPLETED:
            return "completed", await handle.result()
        return description.status.name.lower() if description.status else "unknown", {}

    state, found = asyncio.run(look())
    if state == "gone":
        vault = _vault()
        if vault.batch(args.batch) is None:
            raise CommandError(f"No batch {args.batch}.", "Pass the id `publish` printed.", USAGE)
        items = vault.items(args.batch)
        found = {"batch": args.batch, "total": len(items)}
        for item in items:
            found[item.state] = found.get(item.state, 0) + 1
        state = "recorded in the vault (its workflow is no longer in Temporal)"
    if args.json:
        print(json.dumps({"state": state, **found}, indent=2))
    elif state == "running":
        print(f"Batch {args.batch} is running: {_counts(found)}; {found['running']} in progress, {found['pending']} not started.")
    elif state == "completed":
        _print_summary(found)
    else:
        print(f"Batch {args.batch}: {state}. " + ", ".join(f"{k}: {v}" for k, v in found.items() if k != "batch"))
    return OK


# The parser.


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m pinterest_temporal", description=__doc__.split("\n\n")[0] if __doc__ else None)
    commands = top.add_subparsers(dest="command", required=True)

    commands.add_parser("key", help="print a new vault key for PINTEREST_VAULT_KEY").set_defaults(run=cmd_key)

    def worker_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--app-writes-per-minute", type=float,
                       default=float(os.environ.get("PINTEREST_APP_WRITES_PER_MINUTE", DEFAULT_APP_WRITES_PER_MINUTE)),
                       help="the app's write budget across all workers (default %(default)s)")
        p.add_argument("--account-writes-per-minute", type=float,
                       default=float(os.environ.get("PINTEREST_ACCOUNT_WRITES_PER_MINUTE", DEFAULT_ACCOUNT_WRITES_PER_MINUTE)),
                       help="each account's write budget across all workers (default %(default)s)")
        p.add_argument("--max-activities", type=int, default=8, help="activities this worker runs at once (default %(default)s)")
        p.add_argument("--task-queue-rate", type=float, default=None,
                       help="also ask Temporal to start at most this many activities a second on the task queue")

    w = commands.add_parser("worker", help="run a worker (as many as you like, on as many machines as share the vault)")
    worker_options(w)
    w.set_defaults(run=cmd_worker)

    d = commands.add_parser("dev", help="one machine: Temporal's development server and a worker, with a SQLite vault")
    worker_options(d)
    d.add_argument("--port", type=int, default=7233, help="Temporal's port (default %(default)s)")
    d.add_argument("--state-dir", help="where the vault and Temporal's state go (default ~/.local/state/pinterest-connector)")
    d.set_defaults(run=cmd_dev)

    accounts = commands.add_parser("accounts", help="the vault's accounts").add_subparsers(dest="accounts", required=True)
    a = accounts.add_parser("authorize", help="print the consent URL to send an account's owner to")
    a.add_argument("--redirect-uri", required=True)
    a.add_argument("--scope", help="comma-separated scopes (default: every scope the connector uses)")
    a.add_argument("--sandbox", action="store_true", help="Pinterest's API sandbox")
    a.set_defaults(run=cmd_accounts_authorize)
    add = accounts.add_parser("add", help="add an account from a token file or an OAuth code")
    source = add.add_mutually_exclusive_group(required=True)
    source.add_argument("--token-file", help="the command line host's token file")
    source.add_argument("--code", help="the code from the redirect after consent")
    add.add_argument("--redirect-uri", help="with --code: the redirect URI the consent used")
    add.add_argument("--sandbox", action="store_true", help="with --code: Pinterest's API sandbox")
    add.add_argument("--id", help="the account's id here (default: its Pinterest username)")
    add.add_argument("--replace", action="store_true", help="give an existing account these tokens (after re-authorization)")
    add.add_argument("--no-keep-fresh", action="store_true", help="do not start its KeepTokensFresh workflow")
    add.set_defaults(run=cmd_accounts_add)
    ls = accounts.add_parser("list", help="every account with its token status")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(run=cmd_accounts_list)
    rm = accounts.add_parser("remove", help="forget an account and its tokens")
    rm.add_argument("id")
    rm.set_defaults(run=cmd_accounts_remove)
    kf = accounts.add_parser("keep-fresh", help="(re)start KeepTokensFresh for these accounts (default: every active one)")
    kf.add_argument("ids", nargs="*")
    kf.set_defaults(run=cmd_accounts_keep_fresh)

    p = commands.add_parser("publish", help="publish a CSV or JSON batch of pins for one account and board")
    p.add_argument("file")
    p.add_argument("--account", required=True)
    p.add_argument("--board", required=True)
    p.add_argument("--concurrency", type=int, default=4, help="pins in progress at once (default %(default)s)")
    p.add_argument("--detach", action="store_true", help="start the batch and return; follow it with `status`")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(run=cmd_publish)

    s = commands.add_parser("status", help="a batch's progress, or its summary once done")
    s.add_argument("batch")
    s.add_argument("--json", action="store_true")
    s.set_defaults(run=cmd_status)
    return top


def main(argv: list[str] | None = None) -> int:
    """Runs one command; returns its exit code."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = parser().parse_args(argv)
    if getattr(args, "accounts", None) == "add" and args.code and not args.redirect_uri:
        args_error = "--code needs --redirect-uri (the one the consent used)."
        print(f"error: {args_error}", file=sys.stderr)
        return USAGE
    try:
        return args.run(args)
    except CommandError as error:
        print(f"error: {error}", file=sys.stderr)
        if error.remedy:
            print(f"what to do: {error.remedy}", file=sys.stderr)
        return error.code
    except settings.SetupError as error:
        print(f"error: {error}\nwhat to do: {error.remedy}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        return 130
