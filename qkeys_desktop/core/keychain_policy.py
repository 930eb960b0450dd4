"""When a key's token may be written to or removed from the OS keychain: one rule for the CLI and
the window.

An entry is ``service``/``account`` where the account is the key's name, so a person reads it
back with ``python -m keyring get qkeys NAME``. The keychain is shared with everything else the
user keeps there, and with every other qkeys registry on the machine, so an entry belongs to a
key only while it holds a token *of that key*: a well-formed token (checksum included) whose key
id is the key's. Key ids are 71 random bits, so this tells keys of two registries apart too.

- **Save** only into an empty entry, or one that holds a token of the same key (or of the key it
  replaces, when a key is regenerated). Anything else — a user's own password, another
  registry's live token under the same name — is left exactly as it is and the save is refused
  with :class:`KeychainConflictError`.
- **Forget** (on delete or regenerate) only an entry that still holds this key's token: one that
  was overwritten since, or belongs to another registry's key of the same name, stays.

Two registries with a key of the same name therefore never overwrite or delete each other's
entry: the second one to save is refused and told to choose another keychain service (the
``--keyring-service`` option, or Settings → Keychain service) or another key name.
"""

from __future__ import annotations

from collections.abc import Collection

from .keychain import Keychain, KeychainError, read_back_command
from .tokens import TokenFormatError, parse_token
from .validation import clean_name


class KeychainConflictError(KeychainError):
    """The entry holds something that is not a token of this key; it was left untouched."""


def check_service(service: str) -> str:
    """A keychain service name as typed by a person, checked like a name (no secrets in it:
    it is stored on the key in clear)."""
    return clean_name(service, "keyring_service", "keychain service")


def token_key_id(value: str | None) -> str | None:
    """The key id of the token ``value`` holds, or None if it holds no qkeys token at all."""
    try:
        return parse_token(value).key_id
    except TokenFormatError:
        return None


def check_free(keychain: Keychain, account: str, key_ids: Collection[str] = ()) -> None:
    """Raise unless a token of one of ``key_ids`` (or of a new key, when empty) may be saved
    under ``account``: the keychain must work and the entry be empty or already ours.

    Called before a key is created, so that a refusal leaves nothing behind.
    """
    reason = keychain.unavailable_reason()
    if reason is not None:
        raise KeychainError(reason)
    held = keychain.read(account)
    if held is not None and token_key_id(held) not in key_ids:
        raise _conflict(keychain, account)


def save_token(
    keychain: Keychain, account: str, token: str, replacing: Collection[str] = ()
) -> None:
    """Save ``token`` under ``account`` unless the entry holds something not ours (a token of
    neither this key nor one of the keys in ``replacing``): then KeychainConflictError."""
    held = keychain.read(account)
    owners = {token_key_id(token), *replacing}
    if held is not None and token_key_id(held) not in owners:
        raise _conflict(keychain, account)
    keychain.store(account, token)


def forget_token(keychain: Keychain, account: str, key_id: str) -> bool:
    """Remove the entry if it still holds a token of ``key_id``; whether it was removed."""
    if token_key_id(keychain.read(account)) != key_id:
        return False  # already gone, replaced by the user, or another registry's key
    return keychain.remove(account)


def _conflict(keychain: Keychain, account: str) -> KeychainConflictError:
    return KeychainConflictError(
        f"The OS keychain already has an entry {keychain.service}/{account} that does not hold "
        f"this key's token (a secret of your own, or a key of another registry); it was left as "
        f"it is. Choose another keychain service (--keyring-service, or Settings → Keychain "
        f"service) or another key name; see it with: {read_back_command(keychain.service, account)}"
    )
