"""The vault every worker shares: accounts with their sealed tokens, the
write budgets' next free times, and publish batches item by item. One
schema and one code path on two stores: SQLite (one machine, a file) and
PostgreSQL (several machines). The SQL is written once with ``?``
placeholders; the backends differ only in how a transaction takes its lock
(``BEGIN IMMEDIATE`` on SQLite, ``SELECT … FOR UPDATE`` on PostgreSQL)."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .sealing import Sealer

#: Account states.
ACTIVE = "active"
NEEDS_REAUTHORIZATION = "needs-reauthorization"

#: Item states: waiting for its turn, holding a write slot, being created
#: (the request may be at Pinterest), created, failed with a remedy, or
#: undecided (an attempt vanished while creating; see docs/scale.md).
PENDING, SLOTTED, CREATING, CREATED, FAILED, UNCERTAIN = "pending", "slotted", "creating", "created", "failed", "uncertain"

SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    id TEXT PRIMARY KEY,
    username TEXT,
    environment TEXT NOT NULL,
    client_id TEXT NOT NULL,
    state TEXT NOT NULL,
    remedy TEXT,
    sealed_tokens {blob} NOT NULL,
    generation BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    refresh_expires_at BIGINT,
    refreshes BIGINT NOT NULL,
    updated_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS write_budgets (
    budget TEXT PRIMARY KEY,
    next_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS batches (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    board_id TEXT NOT NULL,
    source TEXT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS batch_items (
    batch_id TEXT NOT NULL,
    item BIGINT NOT NULL,
    line BIGINT,
    pin TEXT,
    state TEXT NOT NULL,
    slot_at DOUBLE PRECISION,
    worker TEXT,
    pin_id TEXT,
    pin_url TEXT,
    outcome TEXT,
    attempts BIGINT NOT NULL,
    updated_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (batch_id, item)
)
"""


@dataclass
class Account:
    """An account as stored, with its token set opened (hidden from repr)."""

    id: str
    username: str | None
    environment: str
    client_id: str
    state: str
    remedy: str | None
    generation: int
    expires_at: int
    refresh_expires_at: int | None
    refreshes: int
    tokens: dict = field(repr=False)


@dataclass
class Item:
    """One pin of a batch and how far it got."""

    batch_id: str
    item: int
    line: int | None
    pin: dict | None
    state: str
    slot_at: float | None
    worker: str | None
    pin_id: str | None
    pin_url: str | None
    outcome: dict | None
    attempts: int


@dataclass
class Batch:
    """A batch: whose pins, to which board, from which file."""

    id: str
    account_id: str
    board_id: str
    source: str
    created_at: float


class _Sqlite:
    """A SQLite file: WAL (readers never wait), synchronous=FULL (a committed
    token set survives a power cut), a write transaction locks the file."""

    placeholder = "?"
    blob = "BLOB"
    for_update = ""
    #: The write transaction already excludes every other writer.
    schema_lock = ""

    def __init__(self, path: str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not self.path.exists():
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))

    @contextmanager
    def transaction(self, lock: bool) -> Iterator[Any]:
        connection = sqlite3.connect(self.path, timeout=120, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("BEGIN IMMEDIATE" if lock else "BEGIN")
            try:
                yield connection.cursor()
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        finally:
            connection.close()

    def describe(self) -> str:
        return f"SQLite {self.path}"


class _Postgres:
    """A PostgreSQL database: row locks with ``SELECT … FOR UPDATE``."""

    placeholder = "%s"
    blob = "BYTEA"
    for_update = " FOR UPDATE"
    #: Workers starting together must not race to create the tables.
    schema_lock = "SELECT pg_advisory_xact_lock(7270113)"

    def __init__(self, url: str):
        import psycopg

        self._psycopg = psycopg
        self.url = url

    @contextmanager
    def transaction(self, lock: bool) -> Iterator[Any]:
        with self._psycopg.connect(self.url, connect_timeout=30) as connection:
            with connection.transaction():
                yield connection.cursor()

    def describe(self) -> str:
        return "PostgreSQL " + self.url.split("@")[-1]


def _backend(location: str) -> _Sqlite | _Postgres:
    if location.startswith(("postgresql://", "postgres://")):
        return _Postgres(location)
    return _Sqlite(location)


class Vault:
    """Accounts, write budgets and batches in one store, tokens sealed."""

    def __init__(self, location: str, sealer: Sealer):
        self._store = _backend(location)
        self._sealer = sealer
        with self._transaction(lock=True) as tx:
            tx.execute(self._store.schema_lock)
            for statement in SCHEMA.format(blob=self._store.blob).split(";"):
                tx.execute(statement)

    def describe(self) -> str:
        """Which store, without credentials."""
        return self._store.describe()

    @contextmanager
    def _transaction(self, lock: bool = False) -> Iterator["_Tx"]:
        with self._store.transaction(lock) as cursor:
            yield _Tx(cursor, self._store.placeholder)

    # Accounts.

    def add_account(self, account_id: str, *, username: str | None, environment: str, client_id: str, tokens: dict, replace: bool) -> Account:
        """Stores a new account, or (``replace``) new tokens for an existing
        one, which makes it active again. Refuses to overwrite by accident."""
        with self._transaction(lock=True) as tx:
            existing = tx.one(f"SELECT generation FROM accounts WHERE id = ?{self._store.for_update}", account_id)
            if existing and not replace:
                raise KeyError(account_id)
            generation = existing[0] + 1 if existing else 1
            sealed = self._sealer.seal(account_id, tokens)
            if existing:
                tx.execute(
                    "UPDATE accounts SET username = ?, environment = ?, client_id = ?, state = ?, remedy = NULL, "
                    "sealed_tokens = ?, generation = ?, expires_at = ?, refresh_expires_at = ?, updated_at = ? WHERE id = ?",
                    username, environment, client_id, ACTIVE, sealed, generation, tokens["expires-at"],
                    tokens.get("refresh-token-expires-at"), time.time(), account_id,
                )
            else:
                tx.execute(
                    "INSERT INTO accounts (id, username, environment, client_id, state, remedy, sealed_tokens, generation, "
                    "expires_at, refresh_expires_at, refreshes, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, 0, ?)",
                    account_id, username, environment, client_id, ACTIVE, sealed, generation, tokens["expires-at"],
                    tokens.get("refresh-token-expires-at"), time.time(),
                )
        account = self.account(account_id)
        assert account is not None
        return account

    _ACCOUNT_COLUMNS = "id, username, environment, client_id, state, remedy, generation, expires_at, refresh_expires_at, refreshes, sealed_tokens"

    def _account(self, row: Any) -> Account:
        *fields, sealed = row
        return Account(*fields, tokens=self._sealer.open(row[0], sealed))

    def account(self, account_id: str) -> Account | None:
        """The account with its tokens, or None."""
        with self._transaction() as tx:
            row = tx.one(f"SELECT {self._ACCOUNT_COLUMNS} FROM accounts WHERE id = ?", account_id)
        return self._account(row) if row else None

    def accounts(self) -> list[Account]:
        """Every account, by id."""
        with self._transaction() as tx:
            rows = tx.all(f"SELECT {self._ACCOUNT_COLUMNS} FROM accounts ORDER BY id")
        return [self._account(row) for row in rows]

    def remove_account(self, account_id: str) -> bool:
        """Forgets the account and its tokens; whether it was there."""
        with self._transaction(lock=True) as tx:
            return tx.execute("DELETE FROM accounts WHERE id = ?", account_id) > 0

    @contextmanager
    def locked_account(self, account_id: str) -> Iterator["LockedAccount | None"]:
        """The account re-read under its lock, held until the block ends
        (committed when it ends normally): the one way to change tokens."""
        with self._transaction(lock=True) as tx:
            row = tx.one(f"SELECT {self._ACCOUNT_COLUMNS} FROM accounts WHERE id = ?{self._store.for_update}", account_id)
            yield LockedAccount(self, tx, self._account(row)) if row else None

    # Write budgets.

    def take_write_slot(self, budgets: list[tuple[str, float]], horizon: float, batch_id: str, item: int,
                        worker: str) -> tuple[bool, float]:
        """The earliest time every budget (name, seconds between writes)
        allows a write. Within ``horizon`` seconds from now it is taken
        (each budget's next free time moves one interval past it) and
        recorded on the item with the worker that holds it: (True, time).
        Later, nothing is taken: (False, time)."""
        names = sorted(name for name, _ in budgets)
        with self._transaction(lock=True) as tx:
            for name in names:
                tx.execute("INSERT INTO write_budgets (budget, next_at) VALUES (?, 0) ON CONFLICT (budget) DO NOTHING", name)
            marks = ", ".join("?" for _ in names)
            rows = tx.all(f"SELECT budget, next_at FROM write_budgets WHERE budget IN ({marks}) ORDER BY budget{self._store.for_update}", *names)
            now = time.time()
            slot = max([now] + [next_at for _, next_at in rows])
            if slot > now + horizon:
                return False, slot
            for name, interval in budgets:
                tx.execute("UPDATE write_budgets SET next_at = ? WHERE budget = ?", slot + interval, name)
            tx.execute(
                "UPDATE batch_items SET state = ?, slot_at = ?, worker = ?, updated_at = ? WHERE batch_id = ? AND item = ?",
                SLOTTED, slot, worker, now, batch_id, item,
            )
            return True, slot

    def defer_writes(self, budget: str, until: float) -> None:
        """No write under ``budget`` before ``until`` (Pinterest said so)."""
        with self._transaction(lock=True) as tx:
            tx.execute("INSERT INTO write_budgets (budget, next_at) VALUES (?, ?) ON CONFLICT (budget) DO NOTHING", budget, until)
            tx.execute("UPDATE write_budgets SET next_at = ? WHERE budget = ? AND next_at < ?", until, budget, until)

    def next_write_at(self, budget: str) -> float | None:
        """When ``budget`` next allows a write."""
        with self._transaction() as tx:
            row = tx.one("SELECT next_at FROM write_budgets WHERE budget = ?", budget)
        return row[0] if row else None

    # Batches.

    def add_batch(self, batch: Batch, items: list[tuple[int | None, dict | None, dict | None]]) -> None:
        """Stores a batch and its items: (line, pin, refusal); an item with a
        refusal is failed from the start."""
        with self._transaction(lock=True) as tx:
            tx.execute(
                "INSERT INTO batches (id, account_id, board_id, source, created_at) VALUES (?, ?, ?, ?, ?)",
                batch.id, batch.account_id, batch.board_id, batch.source, batch.created_at,
            )
            now = time.time()
            for index, (line, pin, refusal) in enumerate(items):
                tx.execute(
                    "INSERT INTO batch_items (batch_id, item, line, pin, state, outcome, attempts, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
                    batch.id, index, line, json.dumps(pin) if pin is not None else None,
                    FAILED if refusal else PENDING, json.dumps(refusal) if refusal else None, now,
                )

    def batch(self, batch_id: str) -> Batch | None:
        """The batch, or None."""
        with self._transaction() as tx:
            row = tx.one("SELECT id, account_id, board_id, source, created_at FROM batches WHERE id = ?", batch_id)
        return Batch(*row) if row else None

    _ITEM_COLUMNS = "batch_id, item, line, pin, state, slot_at, worker, pin_id, pin_url, outcome, attempts"

    @staticmethod
    def _item(row: Any) -> Item:
        batch_id, item, line, pin, state, slot_at, worker, pin_id, pin_url, outcome, attempts = row
        return Item(batch_id, item, line, json.loads(pin) if pin else None, state, slot_at, worker, pin_id, pin_url,
                    json.loads(outcome) if outcome else None, attempts)

    def item(self, batch_id: str, item: int) -> Item:
        """One item of a batch."""
        with self._transaction() as tx:
            row = tx.one(f"SELECT {self._ITEM_COLUMNS} FROM batch_items WHERE batch_id = ? AND item = ?", batch_id, item)
        if row is None:
            raise KeyError(f"{batch_id}#{item}")
        return self._item(row)

    def items(self, batch_id: str) -> list[Item]:
        """Every item of a batch, in order."""
        with self._transaction() as tx:
            rows = tx.all(f"SELECT {self._ITEM_COLUMNS} FROM batch_items WHERE batch_id = ? ORDER BY item", batch_id)
        return [self._item(row) for row in rows]

    def begin_create(self, batch_id: str, item: int) -> None:
        """Marks the item as being created: from here until ``finish_item``
        the request may be at Pinterest. Clears what an earlier attempt
        recorded (an item found ``creating`` with no outcome was left by a
        worker that vanished mid-create)."""
        with self._transaction(lock=True) as tx:
            tx.execute(
                "UPDATE batch_items SET state = ?, outcome = NULL, attempts = attempts + 1, updated_at = ? WHERE batch_id = ? AND item = ?",
                CREATING, time.time(), batch_id, item,
            )

    def finish_item(self, batch_id: str, item: int, state: str, *, pin_id: str | None = None, pin_url: str | None = None,
                    outcome: dict | None = None) -> None:
        """Records where the item ended up (or ``PENDING`` for another try)."""
        with self._transaction(lock=True) as tx:
            tx.execute(
                "UPDATE batch_items SET state = ?, pin_id = ?, pin_url = ?, outcome = ?, updated_at = ? WHERE batch_id = ? AND item = ?",
                state, pin_id, pin_url, json.dumps(outcome) if outcome else None, time.time(), batch_id, item,
            )


class LockedAccount:
    """An account under its lock: read it, store rotated tokens, or stop it."""

    def __init__(self, vault: Vault, tx: "_Tx", account: Account):
        self._vault, self._tx, self.account = vault, tx, account

    def store_tokens(self, tokens: dict) -> Account:
        """Replaces the token set (a refresh): the generation moves on."""
        account = self.account
        self._tx.execute(
            "UPDATE accounts SET sealed_tokens = ?, generation = ?, expires_at = ?, refresh_expires_at = ?, "
            "refreshes = refreshes + 1, updated_at = ? WHERE id = ?",
            self._vault._sealer.seal(account.id, tokens), account.generation + 1, tokens["expires-at"],
            tokens.get("refresh-token-expires-at"), time.time(), account.id,
        )
        account.tokens, account.generation, account.refreshes = tokens, account.generation + 1, account.refreshes + 1
        account.expires_at, account.refresh_expires_at = tokens["expires-at"], tokens.get("refresh-token-expires-at")
        return account

    def stop(self, remedy: str) -> None:
        """Marks the account ``needs-reauthorization``: its work stops until it is added again."""
        self._tx.execute("UPDATE accounts SET state = ?, remedy = ?, updated_at = ? WHERE id = ?",
                         NEEDS_REAUTHORIZATION, remedy, time.time(), self.account.id)
        self.account.state, self.account.remedy = NEEDS_REAUTHORIZATION, remedy


class _Tx:
    """A cursor that takes ``?`` placeholders on both stores."""

    def __init__(self, cursor: Any, placeholder: str):
        self._cursor, self._placeholder = cursor, placeholder

    def execute(self, sql: str, *params: Any) -> int:
        if not sql.strip():
            return 0
        self._cursor.execute(sql.replace("?", self._placeholder), params)
        return self._cursor.rowcount

    def one(self, sql: str, *params: Any) -> Any:
        self.execute(sql, *params)
        return self._cursor.fetchone()

    def all(self, sql: str, *params: Any) -> list[Any]:
        self.execute(sql, *params)
        return self._cursor.fetchall()
