"""Paying the first-use costs of the key dialogs once, early, off the UI thread.

The first Create, Edit or Rotate dialog used to import its modules (and PySide6 checks each new
module's source for ``__feature__`` switches), and its keychain probe imported ``keyring`` and
ran its backend discovery: ~0.3 s of Python on this machine, half of it on a worker thread
that holds the GIL while the dialog paints — the worst stall of opening a dialog. Once the
window shows its keys, :func:`warm_up` does that work in the background instead, when nobody
is waiting for it; the dialogs then find everything imported.

Importing in a worker is safe: the modules only define classes and constants (no widget is
made), and Python's import lock serialises an import the UI thread would start meanwhile.
"""

from __future__ import annotations

import importlib

from ..core.keychain import Keychain
from .tasks import TaskRunner

#: What a key dialog needs the first time, in the order a person meets them.
MODULES = (
    "qkeys_desktop.ui.create_dialog",
    "qkeys_desktop.ui.key_form",
    "qkeys_desktop.ui.project_picker",
    "qkeys_desktop.ui.delivery",
    "qkeys_desktop.ui.reveal_dialog",
    "qkeys_desktop.ui.clipboard",
    "qkeys_desktop.ui.edit_key_dialog",
    "qkeys_desktop.ui.rotate_dialog",
    "qkeys_desktop.ui.key_details_dialog",
    "qkeys_desktop.ui.usage_chart",
)


def _import_all(service: str) -> None:
    for name in MODULES:
        importlib.import_module(name)
    # keyring's import and backend discovery, as the dialogs' keychain probe does it (with its
    # timeout); what it says is the dialogs' to say, when they ask again
    Keychain(service).unavailable_reason()


def warm_up(runner: TaskRunner, service: str) -> None:
    """Import the key dialogs' modules and discover the keychain's backend (for ``service``)
    in the background. Once per process is enough: a second time finds all of it done."""
    runner.run(lambda: _import_all(service), lambda _none: None, lambda _error: None)
