"""The application's look: Fusion plus a stylesheet written with the palette's colours.

The colours themselves, light and dark, are :mod:`.theme`'s; this is where they are laid out
on widgets, and kept in step when the system switches between light and dark.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from .theme import sheet_colors

_SHEET = """
QWidget#contentArea {{ background: {base}; }}
QFrame#sidebarPanel {{ background: {sidebar}; border: none; border-right: 1px solid {divider}; }}
QLabel#sidebarHeader {{ color: {muted}; padding: 0 20px; }}
QListWidget#sidebar {{ background: transparent; border: none; outline: 0; }}
QListWidget#sidebar::item {{ color: {text}; padding: 0 10px; margin: 1px 10px;
    border-radius: 6px; min-height: 34px; }}
QListWidget#sidebar::item:hover {{ background: {hover}; }}
QListWidget#sidebar::item:selected {{ background: {pill}; color: {pill_text}; }}
QLabel[role="heading"] {{ color: {text}; font-size: 22px; font-weight: 600; }}
QLabel[role="subheading"] {{ color: {text}; font-size: 16px; font-weight: 600; }}
QLabel[role="muted"] {{ color: {muted}; }}
QPushButton {{ background: {button}; color: {text}; border: 1px solid {field_border};
    border-radius: 6px; padding: 5px 14px; min-height: 20px; }}
QPushButton:hover {{ background: {hover}; }}
QPushButton:pressed {{ background: {pressed}; }}
QPushButton:focus {{ border-color: {highlight}; }}
QPushButton:disabled {{ color: {disabled_text}; border-color: {divider}; background: transparent; }}
QPushButton[role="primary"] {{ background: {highlight}; color: {highlight_text};
    border: 1px solid {highlight}; font-weight: 600; }}
QPushButton[role="primary"]:hover {{ background: {highlight_hover};
    border-color: {highlight_hover}; }}
QPushButton[role="primary"]:pressed {{ background: {highlight_pressed}; }}
QPushButton[role="primary"]:focus {{ border-color: {highlight_focus}; }}
QPushButton[role="primary"]:disabled {{ background: {disabled_bg}; color: {disabled_text};
    border-color: {disabled_bg}; }}
QPushButton[role="danger"] {{ color: {error}; border-color: {error_border}; }}
QPushButton[role="danger"]:hover {{ background: {error_soft}; }}
QPushButton[role="danger"]:disabled {{ color: {disabled_text}; border-color: {divider};
    background: transparent; }}
QLineEdit {{ background: {base}; color: {text}; border: 1px solid {field_border};
    border-radius: 6px; padding: 5px 8px; selection-background-color: {highlight};
    selection-color: {highlight_text}; }}
QLineEdit:focus {{ border-color: {highlight}; }}
QAbstractSpinBox > QLineEdit, QComboBox > QLineEdit {{ border: none; padding: 0;
    background: transparent; border-radius: 0; }}
QFrame#expiryBanner {{ background: {warning_soft}; border: 1px solid {warning_border};
    border-radius: 8px; }}
QFrame#expiryBanner QLabel {{ background: transparent; color: {text}; }}
QTableView {{ background: {base}; border: 1px solid {divider}; border-radius: 8px;
    selection-background-color: {row_selected}; selection-color: {text}; outline: 0; }}
QTableView::item {{ padding: 0 5px; border: none; }}
QHeaderView {{ background: transparent; border: none; }}
QHeaderView::section {{ background: {base}; color: {muted}; border: none;
    border-bottom: 1px solid {divider}; padding: 0 8px; min-height: 34px; font-weight: 600; }}
QHeaderView::section:hover {{ color: {text}; }}
QTableCornerButton::section {{ background: {base}; border: none; }}
QRadioButton::indicator {{ width: 14px; height: 14px; border-radius: 8px;
    border: 1px solid {field_border}; background: {base}; }}
QRadioButton::indicator:hover {{ border-color: {highlight}; }}
QRadioButton::indicator:checked {{ border-color: {highlight}; background: qradialgradient(
    cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5, stop: 0 {highlight_text},
    stop: 0.42 {highlight_text}, stop: 0.5 {highlight}, stop: 1 {highlight}); }}
QRadioButton::indicator:disabled {{ border-color: {divider}; background: {disabled_bg}; }}
QRadioButton::indicator:checked:disabled {{ border-color: {disabled_bg};
    background: qradialgradient(
    cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5, stop: 0 {disabled_text},
    stop: 0.42 {disabled_text}, stop: 0.5 {disabled_bg}, stop: 1 {disabled_bg}); }}
QCalendarWidget QTableView {{ border: none; border-radius: 0; }}
QCalendarWidget QTableView::item {{ padding: 0; }}
QStatusBar {{ color: {muted}; }}
QStatusBar QLabel {{ color: {muted}; padding: 0 6px; }}
QStatusBar::item {{ border: none; }}
QSplitter::handle {{ background: {divider}; }}
"""


def stylesheet(palette: QPalette) -> str:
    """The application stylesheet for ``palette``."""
    return _SHEET.format(**sheet_colors(palette))


class _PaletteWatcher(QObject):
    """Re-derives the stylesheet when the system switches between light and dark."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("paletteWatcher")
        self._app = app
        self._applying = False
        app.paletteChanged.connect(self.restyle)

    def restyle(self) -> None:
        if self._applying:
            return
        self._applying = True
        try:
            self._app.setStyleSheet(stylesheet(self._app.palette()))
        finally:
            self._applying = False


def apply_style(app: QApplication) -> None:
    """Fusion with our stylesheet; follows later palette changes (light ↔ dark)."""
    app.setStyle("Fusion")
    app.setStyleSheet(stylesheet(app.palette()))
    if app.findChild(_PaletteWatcher, "paletteWatcher") is None:
        _PaletteWatcher(app)
