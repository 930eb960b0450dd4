"""UI test fixtures: isolated settings for every test."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from qkeys_desktop.ui.settings import AppSettings


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    """Preferences in a private INI file, fresh for each test."""
    return AppSettings(QSettings(str(tmp_path / "qkeys.ini"), QSettings.Format.IniFormat))


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path) -> None:
    """Anything that opens the default QSettings writes under tmp_path, not the real config."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
