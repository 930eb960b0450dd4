"""The one seam for modal questions, so tests can answer them (monkeypatch ``confirm``)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(
    parent: QWidget | None,
    title: str,
    text: str,
    details: str = "",
    action: str = "OK",
    destructive: bool = False,
) -> bool:
    """Ask a yes/no question; Cancel is the default button. True when the user chose ``action``."""
    box = QMessageBox(parent)
    box.setObjectName("confirmBox")
    box.setIcon(QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    accept = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole
                           if destructive else QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is accept


def inform(parent: QWidget | None, title: str, text: str, error: bool = False) -> None:
    """Show a message that needs only acknowledging."""
    box = QMessageBox(parent)
    box.setObjectName("informBox")
    box.setIcon(QMessageBox.Icon.Critical if error else QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text)
    box.exec()
