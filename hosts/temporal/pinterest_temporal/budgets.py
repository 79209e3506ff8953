"""Write budgets shared by every worker: each is a name in the vault's
``write_budgets`` table and a spacing between writes. A write takes the
earliest time that suits both its app's budget and its account's."""

from __future__ import annotations

from dataclasses import dataclass

#: Pinterest allows about 100 writes a minute per app and per user; the
#: defaults keep a margin (the command line host paces 60 a minute).
DEFAULT_APP_WRITES_PER_MINUTE = 90.0
DEFAULT_ACCOUNT_WRITES_PER_MINUTE = 60.0
#: How far ahead a write may book its time; later, the item waits in its
#: workflow (a durable timer) instead of holding an activity.
DEFAULT_HORIZON_SECONDS = 5.0
#: How late a write may go after its booked time. A worker or vault that
#: stalled past it gives the time up and books another: late writes would
#: otherwise crowd the ones booked after them.
DEFAULT_LATE_SECONDS = 0.05


def app_budget(client_id: str) -> str:
    """The vault's name of the app's budget."""
    return f"app:{client_id}"


def account_budget(account_id: str) -> str:
    """The vault's name of an account's budget."""
    return f"account:{account_id}"


@dataclass(frozen=True)
class Budgets:
    """Writes per minute for the app and for each account."""

    app_per_minute: float = DEFAULT_APP_WRITES_PER_MINUTE
    account_per_minute: float = DEFAULT_ACCOUNT_WRITES_PER_MINUTE
    horizon: float = DEFAULT_HORIZON_SECONDS
    late: float = DEFAULT_LATE_SECONDS

    def __post_init__(self) -> None:
        if self.app_per_minute <= 0 or self.account_per_minute <= 0:
            raise ValueError("writes per minute must be more than 0")

    def for_write(self, client_id: str, account_id: str) -> list[tuple[str, float]]:
        """The budgets one write of ``account_id`` draws on, with their spacing in seconds."""
        return [
            (app_budget(client_id), 60.0 / self.app_per_minute),
            (account_budget(account_id), 60.0 / self.account_per_minute),
        ]
