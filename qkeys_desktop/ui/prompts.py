"""The one seam for modal questions, so tests can answer them (monkeypatch ``confirm``,
``confirm_typed``)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from .i18n import translate
from .typed_confirm import TypedConfirmDialog


def confirm(
    parent: QWidget | None,
    title: str,
    text: str,
    details: str = "",
    action: str = "",
    destructive: bool = False,
) -> bool:
    """Ask a yes/no question; Cancel is the default button. True when the user chose ``action``
    ("OK" when none is given)."""
    icon = QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question
    box = _message_box(parent, "confirmBox", icon, title, text, details)
    accept = box.addButton(action or translate("Prompts", "OK"),
                           QMessageBox.ButtonRole.DestructiveRole
                           if destructive else QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is accept


def confirm_typed(
    parent: QWidget | None,
    title: str,
    text: str,
    details: str,
    prompt: str,
    answers: Sequence[str],
    action: str,
) -> bool:
    """Ask for a destructive act the user confirms by typing one of ``answers`` (the first is
    the field's placeholder); True when they did and chose ``action``. Esc cancels."""
    dialog = TypedConfirmDialog(parent, title, text, details, prompt, answers, action)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def inform(parent: QWidget | None, title: str, text: str, error: bool = False) -> None:
    """Show a message that needs only acknowledging."""
    icon = QMessageBox.Icon.Critical if error else QMessageBox.Icon.Information
    _message_box(parent, "informBox", icon, title, text).exec()


def choose(
    parent: QWidget | None,
    title: str,
    text: str,
    details: str,
    choices: Sequence[tuple[str, str]],
    escape: str,
    error: bool = False,
) -> str:
    """Offer ``choices`` (key, button text), the first one the default; returns the key chosen.

    Esc and the window's close button choose ``escape``.
    """
    icon = QMessageBox.Icon.Critical if error else QMessageBox.Icon.Question
    box = _message_box(parent, "chooseBox", icon, title, text, details)
    buttons = {}
    for index, (key, label) in enumerate(choices):
        role = (QMessageBox.ButtonRole.RejectRole if key == escape
                else QMessageBox.ButtonRole.AcceptRole if index == 0
                else QMessageBox.ButtonRole.ActionRole)
        buttons[key] = box.addButton(label, role)
        buttons[key].setObjectName(f"{key}Choice")
    box.setDefaultButton(buttons[choices[0][0]])
    box.setEscapeButton(buttons[escape])
    box.exec()
    clicked = box.clickedButton()
    return next((key for key, button in buttons.items() if button is clicked), escape)


def _message_box(parent: QWidget | None, name: str, icon: QMessageBox.Icon, title: str,
                 text: str, details: str = "") -> QMessageBox:
    """A message box with its object name (tests find it by that), icon, title and texts."""
    box = QMessageBox(parent)
    box.setObjectName(name)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    return box
