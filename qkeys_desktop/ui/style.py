"""The application's look: Fusion plus a stylesheet derived from the palette, light or dark.

Colours come from QPalette roles so a dark system theme (or the dark palette the screenshot
script sets) gets a matching sheet; only the semantic warning/error colours are fixed, in one
light and one dark variant that both read well on their background.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

_WARNING = {"light": "#b45309", "dark": "#fbbf24"}
_ERROR = {"light": "#c62828", "dark": "#f87171"}


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the palette is a dark one (light text on a dark window)."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def _variant(colors: dict[str, str]) -> QColor:
    return QColor(colors["dark" if is_dark() else "light"])


def warning_color() -> QColor:
    """Amber for "expires soon": readable on both light and dark backgrounds."""
    return _variant(_WARNING)


def error_color() -> QColor:
    """Red for "expired" and destructive actions."""
    return _variant(_ERROR)


def muted_color(palette: QPalette | None = None) -> QColor:
    """Secondary text: between the text and the background, still above 4.5:1 contrast."""
    palette = palette or QGuiApplication.palette()
    return mix(palette.color(QPalette.ColorRole.WindowText),
               palette.color(QPalette.ColorRole.Window), 0.38)


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0..1) of the way towards ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def _rgba(color: QColor, alpha: float = 1.0) -> str:
    return f"rgba({color.red()}, {color.green()}, {color.blue()}, {round(alpha * 255)})"


def dark_palette() -> QPalette:
    """A neutral dark palette, for screenshots and for trying the dark look on any desktop."""
    palette = QPalette()
    roles = QPalette.ColorRole
    colors = {
        roles.Window: "#26282b", roles.WindowText: "#e6e6e6", roles.Base: "#1c1d1f",
        roles.AlternateBase: "#222326", roles.ToolTipBase: "#323438",
        roles.ToolTipText: "#e6e6e6", roles.PlaceholderText: "#8b8e94", roles.Text: "#e6e6e6",
        roles.Button: "#303236", roles.ButtonText: "#e6e6e6", roles.BrightText: "#ff6b6b",
        roles.Light: "#3c3f44", roles.Midlight: "#34363a", roles.Mid: "#45484d",
        roles.Dark: "#151618", roles.Shadow: "#000000", roles.Highlight: "#3b82f6",
        roles.HighlightedText: "#ffffff", roles.Link: "#7aa7ff", roles.LinkVisited: "#b39ddb",
    }
    for role, value in colors.items():
        palette.setColor(role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#75787e"))
    palette.setColor(disabled, roles.Highlight, QColor("#3a3c40"))
    return palette


def _colors(palette: QPalette) -> dict[str, str]:
    """The named colours the stylesheet template uses."""
    role = QPalette.ColorRole
    window, base = palette.color(role.Window), palette.color(role.Base)
    text, highlight = palette.color(role.WindowText), palette.color(role.Highlight)
    dark = is_dark(palette)
    error = QColor(_ERROR["dark" if dark else "light"])
    warning = QColor(_WARNING["dark" if dark else "light"])
    return {
        "base": base.name(),
        "window": window.name(),
        "text": text.name(),
        "muted": muted_color(palette).name(),
        "sidebar": mix(window, QColor("#000000"), 0.12 if dark else 0.015).name(),
        "divider": mix(base, text, 0.13 if dark else 0.11).name(),
        "field_border": mix(base, text, 0.24).name(),
        "hover": _rgba(text, 0.06),
        "pressed": _rgba(text, 0.11),
        "pill": _rgba(highlight, 0.28 if dark else 0.14),
        "pill_text": (highlight.lighter(150) if dark else highlight.darker(135)).name(),
        "row_selected": _rgba(highlight, 0.34 if dark else 0.16),
        "highlight": highlight.name(),
        "highlight_hover": highlight.lighter(112).name(),
        "highlight_pressed": highlight.darker(115).name(),
        "highlight_focus": (highlight.lighter(160) if dark else highlight.darker(160)).name(),
        "highlight_text": palette.color(role.HighlightedText).name(),
        "disabled_bg": mix(base, text, 0.10).name(),
        "disabled_text": mix(text, base, 0.55).name(),
        "error": error.name(),
        "error_soft": _rgba(error, 0.12),
        "error_border": _rgba(error, 0.55),
        "warning_soft": _rgba(warning, 0.14 if dark else 0.10),
        "warning_border": _rgba(warning, 0.50),
        "button": mix(base, text, 0.04 if dark else 0.0).name(),
    }


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
QStatusBar {{ color: {muted}; }}
QStatusBar QLabel {{ color: {muted}; padding: 0 6px; }}
QStatusBar::item {{ border: none; }}
QSplitter::handle {{ background: {divider}; }}
"""


def stylesheet(palette: QPalette) -> str:
    """The application stylesheet for ``palette``."""
    return _SHEET.format(**_colors(palette))


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
