"""The OS keychain as the commands use it — ``--to keyring`` and the entries of revoked keys —
by the core's one rule (:mod:`..core.keychain_policy`). keyring is imported only when needed."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..core.errors import StoreError
from .output import say

if TYPE_CHECKING:
    from ..core.keychain import Keychain
    from ..core.records import KeyRecord


def keychain_for(args: argparse.Namespace) -> Keychain:
    """The keychain service ``--keyring-service`` names."""
    from ..core.keychain import Keychain
    from ..core.keychain_policy import check_service

    return Keychain(check_service(args.keyring_service))


def check_keychain_first(
    args: argparse.Namespace, account: str, key_ids: Sequence[str] = (),
    unchanged: str = "Nothing was created.",
) -> None:
    """With ``--to keyring``: refuse before anything is created (or a key is given a new
    token) if the token could not go there; ``unchanged`` says what the refusal left alone."""
    if args.to != "keyring":
        return
    from ..core.keychain import KeychainError
    from ..core.keychain_policy import check_free

    try:
        check_free(keychain_for(args), account, key_ids)
    except KeychainError as error:
        raise StoreError(f"{error} {unchanged}") from None


def forget_keychain_entry(record: KeyRecord, why: str = "the key is revoked") -> None:
    """Remove a key's old token from the keychain, if we put it there and it is still its."""
    if record.keychain_service is None:
        return
    from ..core.keychain import Keychain, KeychainError
    from ..core.keychain_policy import forget_token

    try:
        forget_token(Keychain(record.keychain_service), record.name, record.key_id)
    except KeychainError as error:
        say(f"Note: {why}, but its old keychain entry could not be removed: {error}")


def move_keychain_entry(old: KeyRecord, new_name: str) -> None:
    """After a rename: the entry is named after the key, so its token moves to the new name
    (``python -m keyring get SERVICE NEW_NAME``). Best effort: the key is renamed either way,
    and a note says where the token still is when it cannot move."""
    if old.keychain_service is None:
        return
    from ..core.keychain import Keychain, KeychainError, read_back_command
    from ..core.keychain_policy import save_token, token_key_id

    keychain = Keychain(old.keychain_service)
    try:
        token = keychain.read(old.name)
        if token is None or token_key_id(token) != old.key_id:
            return  # not ours any more: the user replaced or removed it
        save_token(keychain, new_name, token)
        keychain.remove(old.name)
    except KeychainError as error:
        say(f"Note: the key is renamed, but its token stays in the OS keychain under the old "
            f"name ({read_back_command(old.keychain_service, old.name)}): {error}")
        return
    say(f"Moved its token in the OS keychain; read it with: "
        f"{read_back_command(old.keychain_service, new_name)}")
