"""Locate bundled visual resources (icons, app icon) without importing Qt.

A wheel ships the top-level ``resources/`` folder as ``qkeys_desktop/resources/``; a source
checkout keeps it next to the package. Both layouts are searched, the installed one first.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_CANDIDATES = (_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources")


def resources_dir() -> Path:
    """Return the resources folder of an installed wheel or of a source checkout."""
    for candidate in _CANDIDATES:
        if (candidate / "icons").is_dir():
            return candidate
    searched = ", ".join(str(candidate) for candidate in _CANDIDATES)
    raise FileNotFoundError(f"qkeys resources folder not found (searched: {searched})")


def icon_path(name: str) -> Path:
    """Return the path of the line icon ``resources/icons/<name>.svg``, which must exist."""
    path = resources_dir() / "icons" / f"{name}.svg"
    if not path.is_file():
        raise FileNotFoundError(f"qkeys icon {name!r} not found at {path}")
    return path


def app_icon_path() -> Path:
    """Return the path of the scalable application icon ``resources/qkeys.svg``."""
    return resources_dir() / "qkeys.svg"


def translations_dir() -> Path:
    """Return the folder of the compiled catalogues ``qkeys_<language>.qm``."""
    return resources_dir() / "translations"
