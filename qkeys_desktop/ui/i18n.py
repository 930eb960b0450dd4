"""The window's language: every user-visible string goes through Qt's translation system.

Conventions (docs/ARCHITECTURE.md, "Translations"):

- In a QObject subclass, ``self.tr("Text")``; the context is the class that defines the method
  (PySide6 6.11), so subclasses share their base's translations.
- Outside a class, ``translate("Context", "Text")`` with this module's ``translate``: lupdate
  finds both forms.
- Plurals: ``self.tr("%n key(s)", "", n)`` / ``translate("Ctx", "%n key(s)", "", n)``; English
  gets its "1 key" / "2 keys" from the English plural-only catalogue.
- Values go in with named placeholders, ``self.tr("Delete {name}?").format(name=...)``, never
  by gluing fragments, so a translator can reorder the sentence.

The catalogues are built by tools/update_translations.py into resources/translations.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..resource_paths import translations_dir

translate = QCoreApplication.translate


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate finds
    """Mark ``text`` for lupdate where no translator may be installed yet (a module constant)
    and return it unchanged; translate it where shown: ``translate(context, text)``. (PySide6's
    own is typed as returning ``object``.)"""
    return text

ENGLISH = "en"  # the source language: its catalogue holds only the plural forms
# Every language the window speaks, each named in itself (as the Settings choice shows it).
LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch"}

_installed: list[QTranslator] = []  # kept alive here; replaced when the language changes


def system_language() -> str:
    """The first of the system's preferred UI languages the window speaks, else English."""
    for tag in QLocale.system().uiLanguages():
        language = tag.replace("_", "-").split("-")[0].lower()
        if language in LANGUAGES:
            return language
    return ENGLISH


def chosen_language(setting: str) -> str:
    """The language to use for the Settings choice ``setting`` ("" = follow the system)."""
    return setting if setting in LANGUAGES else system_language()


def install_translators(app: QCoreApplication, language: str = "") -> str:
    """Make ``app`` speak ``language`` ("" = the system's; see :data:`LANGUAGES`): our
    catalogue, Qt's own (the standard buttons' "Cancel", context menus) and the default
    QLocale (dates, numbers) follow it. Replaces what an earlier call installed. Returns the
    language chosen."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    chosen = chosen_language(language)
    ours = QTranslator(app)
    if ours.load(f"qkeys_{chosen}", str(translations_dir())):
        _installed.append(ours)
    if chosen != ENGLISH:
        qt = QTranslator(app)
        if qt.load(QLocale(chosen), "qtbase", "_",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _installed.append(qt)
    for translator in _installed:
        app.installTranslator(translator)
    # the system's own locale when it speaks this language (its region's date order), else
    # the language's: no German dates around English words
    system = QLocale.system()
    QLocale.setDefault(system if system.name().split("_")[0] == chosen else QLocale(chosen))
    return chosen
