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
    args: argparse.Namespace, account: str, key_ids: Sequence[str] = ()
) -> None:
    """With ``--to keyring``: refuse before anything is created if the token could not go there."""
    if args.to != "keyring":
        return
    from ..core.keychain import KeychainError
    from ..core.keychain_policy import check_free

    try:
        check_free(keychain_for(args), account, key_ids)
    except KeychainError as error:
        raise StoreError(f"{error} Nothing was created.") from None


def forget_keychain_entry(record: KeyRecord) -> None:
    """Remove a revoked key's token from the keychain, if we put it there and it is still its."""
    if record.keychain_service is None:
        return
    from ..core.keychain import Keychain, KeychainError
    from ..core.keychain_policy import forget_token

    try:
        forget_token(Keychain(record.keychain_service), record.name, record.key_id)
    except KeychainError as error:
        say(f"Note: the key is revoked, but its keychain entry could not be removed: {error}")
