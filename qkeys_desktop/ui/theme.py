"""Every colour the window uses, for light and for dark palettes.

Colours come from the palette's roles wherever they can, so a dark system theme gets matching
ones. Only the semantic tones are fixed, each in a light and a dark variant that reads well on
its background. Widgets take their colours from here (:func:`tone_color`, :func:`muted_color`),
and so does the stylesheet (:func:`sheet_colors`, used by :mod:`.style`).
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtGui import QColor, QGuiApplication, QPalette

#: A semantic colour: what a message, an icon or a badge means.
Tone = Literal["error", "warning", "success", "info", "project", "muted"]

#: (light palette, dark palette) colour of each fixed tone.
TONES: dict[str, tuple[str, str]] = {
    "error": ("#c62828", "#f87171"),  # expired keys, destructive actions, refusals
    "warning": ("#b45309", "#fbbf24"),  # keys expiring soon, risky choices
    "success": ("#2e7d32", "#6fcf7f"),  # done, created
    "info": ("#1d64c8", "#7aa7ff"),  # neutral news, a regenerated key
    "project": ("#d08c1a", "#d08c1a"),  # the folder of a project, wherever it is shown
}


def _palette(palette: QPalette | None) -> QPalette:
    return palette if palette is not None else QGuiApplication.palette()


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the palette (the application's by default) is a dark one: light text on a dark
    window."""
    return _palette(palette).color(QPalette.ColorRole.Window).lightness() < 128


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0..1) of the way towards ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def rgba(color: QColor, alpha: float = 1.0) -> str:
    """``color`` with an opacity (0..1), as a stylesheet writes it."""
    return f"rgba({color.red()}, {color.green()}, {color.blue()}, {round(alpha * 255)})"


def muted_color(palette: QPalette | None = None) -> QColor:
    """Secondary text: between the text and the background, still above 4.5:1 contrast."""
    palette = _palette(palette)
    return mix(palette.color(QPalette.ColorRole.WindowText),
               palette.color(QPalette.ColorRole.Window), 0.38)


def tone_color(tone: Tone, palette: QPalette | None = None) -> QColor:
    """The colour of a tone that reads on ``palette`` (the application's by default)."""
    if tone == "muted":
        return muted_color(palette)
    light, dark = TONES[tone]
    return QColor(dark if is_dark(palette) else light)


def accent_text(palette: QPalette) -> QColor:
    """The highlight colour as text on a softly highlighted background (the chosen page)."""
    highlight = palette.color(QPalette.ColorRole.Highlight)
    return highlight.lighter(150) if is_dark(palette) else highlight.darker(135)


def card_colors(palette: QPalette) -> tuple[QColor, QColor]:
    """The fill and the border of a quiet box that groups read-only facts."""
    role = QPalette.ColorRole
    fill = mix(palette.color(role.Window), palette.color(role.Base), 0.6)
    border = mix(palette.color(role.Window), palette.color(role.WindowText), 0.16)
    return fill, border


def sheet_colors(palette: QPalette) -> dict[str, str]:
    """The named colours the application stylesheet is written with."""
    role = QPalette.ColorRole
    window, base = palette.color(role.Window), palette.color(role.Base)
    text, highlight = palette.color(role.WindowText), palette.color(role.Highlight)
    dark = is_dark(palette)
    error, warning = tone_color("error", palette), tone_color("warning", palette)
    return {
        "base": base.name(),
        "window": window.name(),
        "text": text.name(),
        "muted": muted_color(palette).name(),
        "sidebar": mix(window, QColor("#000000"), 0.12 if dark else 0.015).name(),
        "divider": mix(base, text, 0.13 if dark else 0.11).name(),
        "field_border": mix(base, text, 0.24).name(),
        "hover": rgba(text, 0.06),
        "pressed": rgba(text, 0.11),
        "pill": rgba(highlight, 0.28 if dark else 0.14),
        "pill_text": accent_text(palette).name(),
        "row_selected": rgba(highlight, 0.34 if dark else 0.16),
        "highlight": highlight.name(),
        "highlight_hover": highlight.lighter(112).name(),
        "highlight_pressed": highlight.darker(115).name(),
        "highlight_focus": (highlight.lighter(160) if dark else highlight.darker(160)).name(),
        "highlight_text": palette.color(role.HighlightedText).name(),
        "disabled_bg": mix(base, text, 0.10).name(),
        "disabled_text": mix(text, base, 0.55).name(),
        "error": error.name(),
        "error_soft": rgba(error, 0.12),
        "error_border": rgba(error, 0.55),
        "warning_soft": rgba(warning, 0.14 if dark else 0.10),
        "warning_border": rgba(warning, 0.50),
        "button": mix(base, text, 0.04 if dark else 0.0).name(),
    }


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
