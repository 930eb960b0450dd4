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
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate
