"""A confirmation the user answers by typing (GitHub's "type the name to confirm").

For acts too large to be undone by a stray Enter, such as deleting many keys at once: the
action button stays disabled until the typed text is one of the accepted answers, so a
reflexive click or key press cannot confirm. Open it through :func:`.prompts.confirm_typed`,
the seam tests replace.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from .widgets import SPACING, control, make_button, muted_label, section_label


def typed_matches(typed: str, answers: Sequence[str]) -> bool:
    """Whether ``typed`` is one of ``answers``, ignoring case and surrounding spaces."""
    wanted = typed.strip().casefold()
    return bool(wanted) and wanted in {answer.casefold() for answer in answers}


class TypedConfirmDialog(QDialog):
    """Question, consequences, what to type, a field, and Cancel / the (disabled) action."""

    def __init__(self, parent: QWidget | None, title: str, text: str, details: str,
                 prompt: str, answers: Sequence[str], action: str) -> None:
        super().__init__(parent)
        self.setObjectName("typedConfirmDialog")
        self.setWindowTitle(title)
        self._answers = tuple(answers)
        self.field = control(QLineEdit(self), "typedConfirmInput", prompt.rstrip(":"), "")
        self.field.setPlaceholderText(self._answers[0])
        self.confirm_button = make_button(self, action, "typedConfirmButton", self.accept,
                                          self.tr("Enabled once you have typed what is asked "
                                                  "above"),
                                          role="danger")
        self.cancel_button = make_button(self, self.tr("Cancel"), "cancelButton", self.reject,
                                         self.tr("Keep everything as it is"))
        # The action is the default button: Enter confirms once (and only once) it is enabled;
        # a disabled default button swallows Enter instead of passing it to Cancel.
        self.confirm_button.setDefault(True)
        self.confirm_button.setEnabled(False)
        self.field.textChanged.connect(self._typed)
        self._lay_out(text, details, prompt)
        self.field.setFocus()

    def _lay_out(self, text: str, details: str, prompt: str) -> None:
        """The warning icon beside the texts and the field, the buttons below on the right."""
        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning, None, self).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        question = QLabel(text, self)
        question.setWordWrap(True)
        question.setObjectName("typedConfirmText")
        texts = QVBoxLayout()
        texts.setSpacing(SPACING)
        texts.addWidget(question)
        if details:
            texts.addWidget(muted_label(details))
        texts.addSpacing(SPACING)
        texts.addWidget(section_label(prompt, self.field))
        texts.addWidget(self.field)
        body = QHBoxLayout()
        body.setSpacing(2 * SPACING)
        body.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        body.addLayout(texts, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.confirm_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(3 * SPACING, 3 * SPACING, 3 * SPACING, 2 * SPACING)
        column.setSpacing(2 * SPACING)
        column.addLayout(body)
        column.addLayout(buttons)
        self.setMinimumWidth(64 * self.fontMetrics().averageCharWidth())

    def _typed(self, typed: str) -> None:
        """Enable the action exactly while the field holds an accepted answer."""
        self.confirm_button.setEnabled(typed_matches(typed, self._answers))

    def accept(self) -> None:
        """Only with an accepted answer typed, however the accept was asked for."""
        if typed_matches(self.field.text(), self._answers):
            super().accept()

