"""The layers of DESIGN.md: core and CLI never import Qt; the UI never imports peewee."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "qkeys_desktop"
QT_MODULES = ("PySide6", "shiboken6")
DATABASE_MODULES = ("peewee", "playhouse")


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module ``path`` imports, wherever the import statement is."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value.split(".")[0])
    return names


def core_and_cli_files() -> list[Path]:
    return [*sorted(PACKAGE.glob("core/*.py")), *sorted(PACKAGE.glob("cli/*.py"))]


def ui_files() -> list[Path]:
    return sorted(PACKAGE.glob("ui/**/*.py"))


def test_the_scan_sees_imports_anywhere(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        textwrap.dedent(
            """
            import os.path
            def later():
                from PySide6.QtCore import QObject
                import peewee as pw
            importlib.import_module("shiboken6")
            from . import sibling
            """
        )
    )
    assert imported_modules(sample) == {"os", "PySide6", "peewee", "shiboken6"}


def test_there_are_core_and_ui_files_to_scan() -> None:
    assert len(core_and_cli_files()) >= 10
    assert (PACKAGE / "core" / "store.py") in core_and_cli_files()
    assert ui_files(), "the ui package has no modules to check"


def relative(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


@pytest.mark.parametrize("path", core_and_cli_files(), ids=relative)
def test_core_and_cli_import_no_qt(path: Path) -> None:
    assert imported_modules(path).isdisjoint(QT_MODULES)


@pytest.mark.parametrize("path", ui_files(), ids=relative)
def test_ui_imports_no_peewee(path: Path) -> None:
    assert imported_modules(path).isdisjoint(DATABASE_MODULES)


def test_importing_core_and_cli_loads_no_qt_at_run_time() -> None:
    script = textwrap.dedent(
        """
        import sys
        import qkeys_desktop.core
        import qkeys_desktop.core.store, qkeys_desktop.core.keychain, qkeys_desktop.core.transfer
        import qkeys_desktop.cli, qkeys_desktop.__main__
        import qkeys_desktop.cli.keys, qkeys_desktop.cli.projects, qkeys_desktop.cli.registry
        from qkeys_desktop.cli import build_parser
        build_parser().parse_args(["keys", "list"])
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
        print(loaded)
        """
    )
    finished = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.strip() == "[]"
