"""Fresh tokens for an account, with exactly one refresh per due token
however many workers ask at once: every refresh happens under the
account's lock in the vault, after re-reading the tokens there, and only if
they are still due (or still the set Pinterest just refused)."""

from __future__ import annotations

import json
from pathlib import Path

from . import component
from .component import ConnectorError
from .settings import App
from .vault import ACTIVE, Account, Vault

#: Said when an account must go through OAuth again.
REAUTHORIZE_REMEDY = (
    "Send the account's owner through OAuth again (`accounts authorize`), then "
    "`accounts add --replace --id {id} --code CODE` (or `--token-file` from the command line host's `login`)."
)


class AccountStopped(Exception):
    """The account cannot be used until it is authorized again."""

    def __init__(self, account_id: str, summary: str, remedy: str):
        super().__init__(summary)
        self.account_id, self.summary, self.remedy = account_id, summary, remedy


def from_token_file(path: Path) -> tuple[dict, str, str | None]:
    """The command line host's token file (see docs/cli.md) as the
    component's token set, with its environment and app id."""
    stored = json.loads(Path(path).read_text())
    tokens = {
        "access-token": stored["access_token"],
        "token-type": stored.get("token_type", "bearer"),
        "scopes": stored.get("scopes", []),
        "expires-at": stored["expires_at"],
        "refresh-token": stored.get("refresh_token"),
        "refresh-token-expires-at": stored.get("refresh_token_expires_at"),
    }
    return tokens, stored["environment"], stored.get("client_id")


def status(tokens: dict) -> str:
    """The component's ``token-status``: fresh, refresh-due or reauthorize."""
    return component.call("token-status", tokens=tokens)


def due_at(account: Account) -> int:
    """When the component will call these tokens refresh-due (its
    ``refreshDueSeconds`` before the first expiry). Only schedules the next
    look: ``status`` decides."""
    ends = [account.expires_at] + ([account.refresh_expires_at] if account.refresh_expires_at else [])
    return min(ends) - component.refresh_due_seconds()


def _stopped(account: Account) -> AccountStopped:
    return AccountStopped(account.id, f"Account {account.id} needs re-authorization.",
                          account.remedy or REAUTHORIZE_REMEDY.format(id=account.id))


def fresh(vault: Vault, app: App, account_id: str, refused_generation: int | None = None) -> Account:
    """The account with tokens fit to use, refreshed first when due.
    ``refused_generation``: Pinterest refused that generation's access token,
    so refresh unless another worker already has. Raises AccountStopped
    (the account is marked ``needs-reauthorization`` when Pinterest refuses
    the refresh token) and ConnectorError for failures worth retrying."""
    account = vault.account(account_id)
    if account is None:
        raise AccountStopped(account_id, f"Account {account_id} is not in the vault.", "Add it with `accounts add`.")
    if account.state != ACTIVE:
        raise _stopped(account)
    if refused_generation is None and status(account.tokens) == "fresh":
        return account
    with vault.locked_account(account_id) as locked:
        if locked is None:
            raise AccountStopped(account_id, f"Account {account_id} is not in the vault.", "Add it with `accounts add`.")
        account = locked.account
        if account.state != ACTIVE:
            raise _stopped(account)
        state = status(account.tokens)
        refused = refused_generation is not None and account.generation == refused_generation
        if state == "fresh" and not refused:
            return account
        if state == "reauthorize" or not account.tokens.get("refresh-token"):
            why = "The tokens have expired." if state == "reauthorize" else "Pinterest refused the access token and there is no refresh token."
            locked.stop(f"{why} " + REAUTHORIZE_REMEDY.format(id=account_id))
            stopped = _stopped(locked.account)
        else:
            try:
                rotated = component.call("refresh", config=app.config(account.environment),
                                         refresh_token=account.tokens["refresh-token"], scopes=None)
            except ConnectorError as error:
                if error.tag != "grant-rejected" or error.error["val"]["problem"] != "invalid-refresh-token":
                    raise
                locked.stop(f"{error.error['val']['failure']['summary']} " + REAUTHORIZE_REMEDY.format(id=account_id))
                stopped = _stopped(locked.account)
            else:
                if not rotated.get("refresh-token"):
                    rotated["refresh-token"] = account.tokens["refresh-token"]
                    rotated["refresh-token-expires-at"] = account.tokens.get("refresh-token-expires-at")
                return locked.store_tokens(rotated)
    raise stopped
