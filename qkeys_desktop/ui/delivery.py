"""The one place a new key is delivered (clipboard or OS keychain) and old entries forgotten.

Every keychain call runs through the caller's TaskRunner, like any background job, on a pool of
one thread (:func:`.tasks.serial_pool`), in the order the UI asked: "forget the old key's entry"
and "save the new key" for a regenerated key (same name, same account) can never overtake each
other. What may be saved or removed is the core's keychain policy
(:mod:`qkeys_desktop.core.keychain_policy`), the same as the command line's: an entry that does
not hold this key's token (the user's own secret, another registry's key) is never overwritten,
and is never removed — so a late removal can never delete the entry of the key that replaced it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QWidget

from ..core.errors import StoreError
from ..core.keychain import DEFAULT_TIMEOUT, Keychain, KeychainError
from ..core.keychain_policy import forget_token, save_token
from ..core.records import CreatedKey, KeyRecord
from ..core.store import Store
from .i18n import translate
from .reveal_dialog import RevealDialog, default_clipboard
from .settings import DELIVERY_CLIPBOARD, DELIVERY_KEYCHAIN, AppSettings
from .tasks import TaskRunner, describe_error, guarded, serial_pool

log = logging.getLogger(__name__)
Report = Callable[[str], None]

_open_dialogs: set[RevealDialog] = set()  # shown non-modally-blocking: keep them referenced


def _queued(runner: TaskRunner, work: Callable[[], Any], on_success: Callable[[Any], None],
            on_failure: Callable[[Exception], None]) -> None:
    """Run a keychain job after those asked before it, and report through ``runner``."""
    runner.run(work, on_success, on_failure, pool=serial_pool("qkeys-keychain"))


def open_reveal_dialogs() -> list[RevealDialog]:
    """The reveal dialogs on screen now (for the window and for tests)."""
    return list(_open_dialogs)


def deliver_new_key(parent: QWidget | None, created: CreatedKey, method: str | None,
                    settings: AppSettings, runner: TaskRunner, store: Store, *,
                    replacing: Sequence[str] = (), keychain_timeout: float | None = None,
                    service: str | None = None) -> None:
    """Hand a new key to the user once: the reveal dialog, or the keychain and then its report.

    ``method`` is 'clipboard', 'keychain' or None for the user's default. ``replacing``: the
    ids of keys this one replaces, whose entry it may take over. ``service``: the keychain
    service to save under (None: the settings'). When the keychain fails (or its entry is not
    ours) the token is shown for copying instead: the key is never lost.
    """
    dialog = RevealDialog(created, parent, clipboard=default_clipboard())
    _open_dialogs.add(dialog)
    dialog.finished.connect(lambda _r: _closed(dialog))
    dialog.destroyed.connect(lambda: _open_dialogs.discard(dialog))  # its parent went away
    if (method or settings.default_delivery) != DELIVERY_KEYCHAIN:
        dialog.open()
        return
    service = service or settings.keychain_service
    keychain = Keychain(service, timeout=keychain_timeout or DEFAULT_TIMEOUT)
    dialog.show_saving(service)
    dialog.open()
    _queued(runner, lambda: _save(keychain, store, created, replacing),
            guarded(dialog, lambda note: dialog.show_saved(service, note)),
            guarded(dialog, lambda error: dialog.show_token(_failure_text(error))))


def delivery_for(record: KeyRecord) -> str:
    """Where a rotated key's new token goes unless the user says otherwise: where the old one
    is — the OS keychain when qkeys put it there, else shown once for copying."""
    return DELIVERY_KEYCHAIN if record.keychain_service else DELIVERY_CLIPBOARD


def deliver_rotated_key(parent: QWidget | None, created: CreatedKey, old: KeyRecord,
                        method: str | None, settings: AppSettings, runner: TaskRunner,
                        store: Store, *, on_message: Report | None = None,
                        keychain_timeout: float | None = None) -> None:
    """Hand over the new token of a rotated (or regenerated) key once; ``old`` is the key as it
    was before, ``method`` 'clipboard', 'keychain' or None for :func:`delivery_for`.

    To the keychain, it takes over the old token's entry (same service, same account); shown
    for copying instead, the old token's entry is removed and the key no longer says it lives
    in the keychain — an entry must never hold a token that has stopped working.
    """
    method = method or delivery_for(old)
    if method == DELIVERY_KEYCHAIN:
        deliver_new_key(parent, created, method, settings, runner, store,
                        replacing=[old.key_id], keychain_timeout=keychain_timeout,
                        service=old.keychain_service)
        return
    forget_keychain_entries([old], runner, on_message=on_message,
                            keychain_timeout=keychain_timeout)
    if old.keychain_service:
        key_id, report = created.record.key_id, on_message or (lambda _text: None)
        runner.run(lambda: store.set_keychain_service(key_id, None), lambda _none: None,
                   lambda error: report(translate(
                       "Delivery", "Could not note that the key left the OS keychain: {reason}")
                       .format(reason=describe_error(error))))
    deliver_new_key(parent, created, method, settings, runner, store)


def _closed(dialog: RevealDialog) -> None:
    _open_dialogs.discard(dialog)
    dialog.deleteLater()


def _save(keychain: Keychain, store: Store, created: CreatedKey,
          replacing: Sequence[str]) -> str | None:
    """Store the token, then remember on the key that it is there; returns a note or None."""
    save_token(keychain, created.record.name, created.token, replacing)
    try:
        store.set_keychain_service(created.record.key_id, keychain.service)
    except StoreError as error:
        return translate("Delivery", "qkeys could not note this on the key ({reason}); when "
                                     "you delete the key, remove the keychain entry yourself."
                         ).format(reason=error)
    return None


def _failure_text(error: Exception) -> str:
    reason = str(error) if isinstance(error, KeychainError) else describe_error(error)
    return translate("Delivery", "Could not save to the OS keychain: {reason} The key is shown "
                                 "below instead.").format(reason=reason)


def forget_keychain_entries(records: Sequence[KeyRecord], runner: TaskRunner, *,
                            on_message: Report | None = None,
                            keychain_timeout: float | None = None) -> None:
    """Remove the keychain entries qkeys stored for deleted or replaced keys, in the background.

    Failures are not fatal (the key itself is already revoked): they are logged and reported
    through ``on_message``, e.g. the status bar. Call it before delivering a regenerated key.
    """
    stored = [(r.keychain_service, r.name, r.key_id) for r in records if r.keychain_service]
    if not stored:
        return
    timeout = keychain_timeout or DEFAULT_TIMEOUT
    report = on_message or (lambda _text: None)

    def work() -> list[str]:
        return [_forget(Keychain(s, timeout=timeout), n, k) for s, n, k in stored]

    _queued(runner, work, lambda outcomes: _report(outcomes, report),
            lambda error: report(translate("Delivery", "Could not clean up the OS keychain: "
                                           "{reason}").format(reason=describe_error(error))))


def _forget(keychain: Keychain, account: str, key_id: str) -> str:
    """Remove one entry if it still holds this key's token: 'removed', 'kept' or why it failed."""
    try:
        if not forget_token(keychain, account, key_id):
            return "kept"  # already gone, or it now holds something else
    except KeychainError as error:
        log.warning("Could not remove the keychain entry %s/%s: %s", keychain.service, account,
                    error)
        return f"“{account}”: {error}"
    return "removed"


def _report(outcomes: list[str], report: Report) -> None:
    failures = [text for text in outcomes if text not in ("removed", "kept")]
    removed = outcomes.count("removed")
    if failures:
        report(translate("Delivery", "Could not remove from the OS keychain {failures}")
               .format(failures="; ".join(failures)))
    elif removed:
        report(translate("Delivery", "Removed %n key(s) from the OS keychain.", "", removed))
