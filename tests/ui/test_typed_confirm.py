"""The typed confirmation: the action stays disabled until the count or "delete" is typed,
Enter then confirms, Esc cancels; prompts.confirm_typed runs the real dialog modally."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from qkeys_desktop.ui import prompts
from qkeys_desktop.ui.typed_confirm import TypedConfirmDialog, typed_matches

ANSWERS = ("12", "delete")


def open_dialog(qtbot: Any, parent: QWidget) -> TypedConfirmDialog:
    dialog = TypedConfirmDialog(parent, "Delete API keys?", "Delete these 12 API keys?",
                                "This cannot be undone.", "To confirm, type 12 or “delete”:",
                                ANSWERS, "Delete 12 Keys")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize("typed", ["12", "delete", "DELETE", "  Delete "])
def test_typed_answers_that_confirm(typed: str) -> None:
    assert typed_matches(typed, ANSWERS)


@pytest.mark.parametrize("typed", ["", " ", "1", "11", "120", "delet", "deleted", "yes"])
def test_typed_answers_that_do_not(typed: str) -> None:
    assert not typed_matches(typed, ANSWERS)


def test_the_action_is_disabled_until_the_count_is_typed_then_enter_confirms(
        qtbot: Any, window: QWidget) -> None:
    dialog = open_dialog(qtbot, window)
    button = dialog.confirm_button
    assert dialog.focusWidget() is dialog.field
    assert not button.isEnabled() and button.text() == "Delete 12 Keys"
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)  # a reflexive Enter does nothing
    assert dialog.isVisible() and dialog.result() == 0
    qtbot.keyClicks(dialog.field, "1")
    assert not button.isEnabled()
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.field, "2")
    assert button.isEnabled()
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_typing_delete_enables_and_erasing_disables_again(qtbot: Any, window: QWidget) -> None:
    dialog = open_dialog(qtbot, window)
    qtbot.keyClicks(dialog.field, "Delete")
    assert dialog.confirm_button.isEnabled()
    qtbot.keyClick(dialog.field, Qt.Key.Key_Backspace)
    assert not dialog.confirm_button.isEnabled()


def test_escape_cancels_even_with_the_answer_typed(qtbot: Any, window: QWidget) -> None:
    dialog = open_dialog(qtbot, window)
    qtbot.keyClicks(dialog.field, "12")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_the_dialog_shows_the_question_consequences_and_what_to_type(
        qtbot: Any, window: QWidget) -> None:
    dialog = open_dialog(qtbot, window)
    assert dialog.windowTitle() == "Delete API keys?"
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Delete these 12 API keys?" in labels
    assert "This cannot be undone." in labels
    assert "To confirm, type 12 or “delete”:" in labels
    assert dialog.field.placeholderText() == "12"
    assert dialog.field.accessibleName() == "To confirm, type 12 or “delete”"


def answer_modal(qtbot: Any, act: Callable[[TypedConfirmDialog], None]) -> None:
    """Once the modal dialog is up, do ``act`` to it (exec() blocks the test meanwhile)."""
    def act_when_open() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, TypedConfirmDialog):
            QTimer.singleShot(10, act_when_open)
            return
        act(dialog)
    QTimer.singleShot(0, act_when_open)


def typing(qtbot: Any, text: str, key: Qt.Key = Qt.Key.Key_Return,
           ) -> Callable[[TypedConfirmDialog], None]:
    def act(dialog: TypedConfirmDialog) -> None:
        qtbot.keyClicks(dialog.field, text)
        qtbot.keyClick(dialog.field, key)
    return act


def ask(window: QWidget) -> bool:
    return prompts.confirm_typed(window, "Delete API keys?", "Delete these 12 API keys?", "",
                                 "To confirm, type 12 or “delete”:", ANSWERS, "Delete 12 Keys")


def test_confirm_typed_is_true_once_the_answer_is_typed_and_entered(
        qtbot: Any, window: QWidget) -> None:
    answer_modal(qtbot, typing(qtbot, "12"))
    assert ask(window) is True


def test_confirm_typed_is_false_when_escaped(qtbot: Any, window: QWidget) -> None:
    answer_modal(qtbot, typing(qtbot, "12", Qt.Key.Key_Escape))
    assert ask(window) is False
