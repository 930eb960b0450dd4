"""The key dialogs (Create, Edit, Rotate, the reveal) say nothing that bypasses Qt's translation,
and the core's validation messages they show are translated at the boundary.

A marking translator stands in for a language (the ``marked`` fixture, tests/ui/conftest.py): it
wraps every text it is asked for in ⟪…⟫, so any text on screen without the mark was never
offered for translation (data — names, ids, numbers — aside).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import keyring
import pytest
from doubles import Confirmations
from memory_keyring import MemoryKeyring
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QWidget,
)
from translation_probes import shown_texts

from qkeys_desktop.core.errors import ValidationError
from qkeys_desktop.core.keychain import unusable_reason
from qkeys_desktop.core.limits import check_rate, check_uses
from qkeys_desktop.core.policy import RegistryPolicy, check_against
from qkeys_desktop.core.records import CreatedKey
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.validation import (
    DESCRIPTION_MAX,
    NAME_MAX,
    check_expiration,
    check_permissions,
    check_scope,
    clean_description,
    clean_name,
)
from qkeys_desktop.ui.create_dialog import CreateKeyDialog
from qkeys_desktop.ui.edit_key_dialog import EditKeyDialog
from qkeys_desktop.ui.reveal_dialog import RevealDialog
from qkeys_desktop.ui.rotate_dialog import RotateKeyDialog
from qkeys_desktop.ui.rule_messages import known, rule_message
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.tasks import TaskRunner

TOKEN_LIKE = "qk_" + "A1b2C3d4E5f6G7h8J9k0" * 3
KEY, PROJECT = "Release pipeline", "billing-service"


@pytest.fixture(autouse=True)
def confirm(confirm: Confirmations) -> Confirmations:
    confirm.answer = True  # closing a reveal without copying, at teardown
    return confirm


@pytest.fixture
def created(store: Store) -> CreatedKey:
    store.add_project(PROJECT)
    return store.create_key(KEY, ["read", "write"], store.clock() + timedelta(days=90),
                            [PROJECT], "Deploys the web app", uses=1000, refill="daily")


def raised(check: Any, *args: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        check(*args)
    return caught.value.message


def the_rules_messages(store: Store) -> list[str]:
    """What the core says for each rule the key forms check, as it says it."""
    now = store.clock()
    messages = [raised(check_permissions, []), raised(check_scope, []),
                raised(check_expiration, now - timedelta(days=1), now),
                raised(check_expiration, now + timedelta(days=4000), now),
                raised(check_against, RegistryPolicy(None, False), None, now),
                raised(check_against, RegistryPolicy(30, False), None, now),
                raised(check_against, RegistryPolicy(30), now + timedelta(days=90), now),
                raised(check_uses, 0), raised(check_rate, (0, 60)),
                raised(clean_description, "x" * (DESCRIPTION_MAX + 1)),
                raised(clean_description, f"see {TOKEN_LIKE}"),
                raised(clean_description, "a\u202eb"), raised(clean_description, "a\u0007b"),
                raised(clean_name, "qk_something")]
    for what in ("key", "project"):
        for name in ("", "x" * (NAME_MAX + 1), TOKEN_LIKE, "a\u202eb", "a\u200bb", "\u3164"):
            messages.append(raised(clean_name, name, what, what))
    store.add_project(PROJECT)
    store.create_key(KEY, ["read"], None)
    messages += [raised(store.create_key, KEY.upper(), ["read"], None),
                 raised(store.add_project, PROJECT.upper()),
                 raised(store.create_key, "other", ["read"], None, ["no-such-project"])]
    return messages


class UnusableBackend:
    """A keychain backend whose service is gone (keyring says so with priority 0)."""

    priority = 0


def why_no_keychain() -> list[str]:
    """What the core says when the keychain can't be used (the Create dialog shows it)."""
    from keyring.backends import fail, null

    reasons = [unusable_reason(fail.Keyring()), unusable_reason(null.Keyring()),
               unusable_reason(UnusableBackend())]
    return [reason for reason in reasons if reason is not None]


def test_every_rule_the_forms_show_has_its_translation(store: Store, marked: None) -> None:
    messages = the_rules_messages(store) + why_no_keychain()
    assert len(messages) == 32  # every rule said its piece
    for message in messages:
        assert known(message), message
        translated = rule_message(message)
        assert translated.startswith("⟪") and translated.endswith("⟫"), message


def test_the_values_in_a_rules_message_are_kept() -> None:
    message = "The key name is 70 characters; shorten it to 64 or fewer."
    assert rule_message(message) == message  # English: the core's words exactly
    taken = "A key named “Billing” already exists; choose another name."
    assert rule_message(taken) == taken


def test_the_values_go_into_the_translation(marked: None) -> None:
    assert rule_message("The key name is 70 characters; shorten it to 64 or fewer.") == (
        "⟪The key name is 70 characters; shorten it to 64 or fewer.⟫")
    assert rule_message("A key named “Billing” already exists; choose another name.") == (
        "⟪A key named ⟪“Billing”⟫ already exists; choose another name.⟫")  # the language's marks
    assert rule_message("Something the templates do not know.") == (
        "Something the templates do not know.")


def untranslated(dialog: QWidget, data: set[str]) -> list[str]:
    return sorted({text for text in shown_texts(dialog)
                   if text and "⟪" not in text and text not in data and not text.isdigit()})


def show(qtbot: Any, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not getattr(dialog, "loading", False))


def data_of(created: CreatedKey) -> set[str]:
    record = created.record
    return {record.name, record.key_id, PROJECT, created.token, "60/min"}


@pytest.mark.usefixtures("marked")
def test_the_create_dialog_says_nothing_untranslated(
        qtbot: Any, store: Store, runner: TaskRunner, settings: AppSettings,
        created: CreatedKey) -> None:
    dialog = CreateKeyDialog(store, runner, settings)
    show(qtbot, dialog)
    form = dialog.form
    form.limits.unfold(True)
    form.limits.uses_check.setChecked(True)
    form.limits.rate_check.setChecked(True)
    form.limit_check.setChecked(True)
    form.picker.start_new_project()
    form.name_edit.setText(created.record.name)  # taken
    form.touch_all()
    dialog.validate()
    assert untranslated(dialog, data_of(created)) == []
    form.deliver_keychain.setChecked(True)
    form.expiration_combo.setCurrentIndex(form.expiration_combo.findData("custom"))
    assert untranslated(dialog, data_of(created)) == []


@pytest.mark.usefixtures("marked")
def test_the_edit_dialog_says_nothing_untranslated(
        qtbot: Any, store: Store, runner: TaskRunner, settings: AppSettings,
        created: CreatedKey) -> None:
    dialog = EditKeyDialog(store, runner, settings, created.record)
    show(qtbot, dialog)
    dialog.form.limits.unfold(True)
    assert untranslated(dialog, data_of(created)) == []


@pytest.mark.usefixtures("marked")
def test_the_registrys_policy_is_explained_in_translation(
        qtbot: Any, store: Store, runner: TaskRunner, settings: AppSettings,
        created: CreatedKey) -> None:
    store.set_policy(60, allow_never=False)  # rules out 90 days, 1 year and never
    dialog = CreateKeyDialog(store, runner, settings)
    show(qtbot, dialog)
    combo = dialog.form.expiration_combo
    assert combo.itemData(combo.findData("never"), Qt.ItemDataRole.ToolTipRole)
    assert untranslated(dialog, data_of(created)) == []


@pytest.mark.usefixtures("marked")
def test_the_rotate_dialog_says_nothing_untranslated(
        qtbot: Any, store: Store, runner: TaskRunner, settings: AppSettings,
        created: CreatedKey) -> None:
    dialog = RotateKeyDialog(store, runner, settings, created.record)
    show(qtbot, dialog)
    assert untranslated(dialog, data_of(created)) == []
    dialog.overlap.combo.setCurrentIndex(dialog.overlap.combo.findData("custom"))
    assert untranslated(dialog, data_of(created)) == []


@pytest.mark.usefixtures("marked", "clipboard")
def test_the_reveal_dialog_says_nothing_untranslated(qtbot: Any, created: CreatedKey) -> None:
    keyring.set_keyring(MemoryKeyring())
    dialog = RevealDialog(created)
    qtbot.addWidget(dialog)
    data = data_of(created) | {dialog.command_field.text()}
    assert untranslated(dialog, data) == []
    dialog.copy_token()
    assert untranslated(dialog, data) == []
    dialog.show_saving("qkeys")
    assert untranslated(dialog, data) == []
    dialog.show_saved("qkeys")
    assert untranslated(dialog, data | {dialog.command_field.text()}) == []
