"""Tokens at rest: AES-256-GCM with the vault key, the account id as
associated data (a sealed set moved to another account's row does not
open), a fresh 96-bit nonce per seal."""

from __future__ import annotations

import base64
import binascii
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .settings import MAKE_KEY_REMEDY, VAULT_KEY_VARIABLE, SetupError

#: First byte of every sealed value: the format, for a later key rotation.
FORMAT = b"\x01"
NONCE_BYTES = 12


def new_key() -> str:
    """A new random key, as ``PINTEREST_VAULT_KEY`` takes it."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


class Sealer:
    """Seals and opens token sets with one key."""

    def __init__(self, key_text: str):
        try:
            key = base64.urlsafe_b64decode(key_text + "=" * (-len(key_text) % 4))
        except (binascii.Error, ValueError):
            key = b""
        if len(key) != 32:
            raise SetupError(f"{VAULT_KEY_VARIABLE} is not a key: it must be base64 of 32 bytes.", MAKE_KEY_REMEDY)
        self._aead = AESGCM(key)

    def seal(self, account_id: str, tokens: dict) -> bytes:
        """The token set as ciphertext bound to ``account_id``."""
        nonce = os.urandom(NONCE_BYTES)
        plain = json.dumps(tokens, sort_keys=True).encode()
        return FORMAT + nonce + self._aead.encrypt(nonce, plain, account_id.encode())

    def open(self, account_id: str, sealed: bytes) -> dict:
        """The token set sealed for ``account_id``; a wrong key or a moved row is refused."""
        sealed = bytes(sealed)
        if sealed[:1] != FORMAT:
            raise SetupError(f"The tokens of account {account_id} are in an unknown format.", "Add the account again.")
        nonce, body = sealed[1 : 1 + NONCE_BYTES], sealed[1 + NONCE_BYTES :]
        try:
            return json.loads(self._aead.decrypt(nonce, body, account_id.encode()))
        except InvalidTag:
            raise SetupError(
                f"The tokens of account {account_id} do not open with this {VAULT_KEY_VARIABLE}.",
                "Use the key the vault was written with (every worker and command needs the same key).",
            ) from None

    def __repr__(self) -> str:
        return "Sealer(<key hidden>)"
