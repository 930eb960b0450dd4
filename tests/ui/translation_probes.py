"""Probes for the tests of the window's translation.

A marking translator stands in for a language: it wraps every text it is asked for in ⟪…⟫, so
any text on screen without the mark was never offered for translation (data — names, ids,
numbers — aside). The ``marked`` fixture (tests/ui/conftest.py) installs it for a test.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QWidget


class MarkingTranslator(QTranslator):
    """Every text, marked: ⟪text⟫ (placeholders and %n kept, so values still go in)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        return f"⟪{source}⟫"

    def isEmpty(self) -> bool:
        return False


def shown_texts(dialog: QWidget) -> list[str]:
    """Every text the dialog shows or tells a screen reader (its visible widgets')."""
    texts = [dialog.windowTitle()]
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisibleTo(dialog):
            continue
        texts += [widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
            texts += [str(widget.itemData(i, Qt.ItemDataRole.ToolTipRole) or "")
                      for i in range(widget.count())]  # why a choice is ruled out
    return texts
