"""The layers of docs/ARCHITECTURE.md, checked on every module of the package.

- core never imports Qt, nor the ui or cli packages (nor the entry point);
- ui never imports peewee or playhouse, nor the cli package (nor the entry point);
- the command line (``cli`` and ``__main__``) never imports Qt or ui, except the entry point's
  window launch path, and no command imports the entry point;
- verification over HTTP (``http``, ``integrations``) never imports Qt, ui or the cli;
- the modules at the top of the package, used by every layer, import no Qt, no peewee and no
  layer;
- no two modules of the package import each other, directly or round a longer loop.

Imports count wherever they are (module level or inside a function), and relative imports are
resolved to the modules they name.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "qkeys_desktop"
QT_MODULES = ("PySide6", "shiboken6")
DATABASE_MODULES = ("peewee", "playhouse")
#: The function of ``__main__`` that opens the window: the one place the CLI may reach the UI.
WINDOW_LAUNCH = "launch_window"


def module_name(path: Path) -> str:
    """``qkeys_desktop/core/store.py`` -> ``qkeys_desktop.core.store``; a package's
    ``__init__.py`` is the package itself."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_files() -> list[Path]:
    """Every module of the package, found on disk (a new module is covered without a list)."""
    return sorted(PACKAGE.rglob("*.py"))


MODULES: dict[str, Path] = {module_name(path): path for path in package_files()}


def imported_modules(
    source: str,
    module: str,
    *,
    is_package: bool = False,
    known: Collection[str] = MODULES,
    leave_out: Collection[str] = (),
) -> set[str]:
    """Full names of the modules that ``source`` (the text of ``module``) imports, wherever the
    import statement is, except inside the functions named in ``leave_out``.

    Relative imports are resolved against ``module``. ``from P import n`` names the module
    ``P.n`` when that is one of the ``known`` modules, else ``P`` itself (``n`` is a name in it).
    """
    tree = ast.parse(source)
    names: set[str] = set()
    for node in _nodes(tree, leave_out):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = (
                node.module or ""
                if node.level == 0
                else _resolve(module, is_package, node.level, node.module)
            )
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                names.add(candidate if candidate in known else base)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value)
    return names


def _nodes(tree: ast.AST, leave_out: Collection[str]) -> Iterator[ast.AST]:
    """Every node of ``tree``, without the bodies of the functions named in ``leave_out``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(
            child
            for child in ast.iter_child_nodes(node)
            if not (
                isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
                and child.name in leave_out
            )
        )


def _resolve(module: str, is_package: bool, level: int, target: str | None) -> str:
    """The absolute name of ``from <level dots><target> import ...`` written in ``module``."""
    package = module if is_package else module.rpartition(".")[0]
    for _ in range(level - 1):
        package = package.rpartition(".")[0]
    assert package, f"{module}: a relative import goes above the top-level package"
    return f"{package}.{target}" if target else package


def imports_of(name: str, leave_out: Collection[str] = ()) -> set[str]:
    """What the package's module ``name`` imports."""
    path = MODULES[name]
    return imported_modules(
        path.read_text(encoding="utf-8"),
        name,
        is_package=path.name == "__init__.py",
        leave_out=leave_out,
    )


def top_level(names: Collection[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


def within(names: Collection[str], *packages: str) -> set[str]:
    """The names that are one of ``packages`` or inside one."""
    return {n for n in names if any(n == p or n.startswith(f"{p}.") for p in packages)}


# -- which layer a module is in ----------------------------------------------------------------

ROOT = PACKAGE.name
CORE, UI, CLI = f"{ROOT}.core", f"{ROOT}.ui", f"{ROOT}.cli"
#: Verification over HTTP (the WSGI application, the framework integrations): on the core.
WEB = (f"{ROOT}.http", f"{ROOT}.integrations")
ENTRY_POINT = f"{ROOT}.__main__"


def layer(name: str) -> str | None:
    """``core``, ``ui``, ``cli`` (with the entry point), ``web``, ``shared`` (the other modules
    at the top of the package), or None for a module in no layer."""
    if within([name], CORE):
        return "core"
    if within([name], UI):
        return "ui"
    if within([name], CLI, ENTRY_POINT):
        return "cli"
    if within([name], *WEB):
        return "web"
    if name == ROOT or (name.count(".") == 1 and MODULES[name].name != "__init__.py"):
        return "shared"
    return None


def in_layer(wanted: str) -> list[str]:
    return sorted(name for name in MODULES if layer(name) == wanted)


def test_every_module_of_the_package_is_in_a_layer() -> None:
    assert [name for name in MODULES if layer(name) is None] == []
    assert len(in_layer("core")) >= 10
    assert f"{CORE}.store" in in_layer("core")
    assert in_layer("ui"), "the ui package has no modules to check"
    assert {CLI, ENTRY_POINT} <= set(in_layer("cli"))


# -- the scan ----------------------------------------------------------------------------------


def test_the_scan_sees_imports_anywhere() -> None:
    sample = textwrap.dedent(
        """
        import os.path
        def later():
            from PySide6.QtCore import QObject
            import peewee as pw
        importlib.import_module("shiboken6")
        """
    )
    assert imported_modules(sample, "pkg.sample") == {
        "os.path", "PySide6.QtCore", "peewee", "shiboken6",
    }


def test_the_scan_resolves_relative_imports() -> None:
    sample = textwrap.dedent(
        """
        from . import sibling, CONSTANT
        from .sibling import name
        from .. import __version__
        from ..core import store, open_registry
        def later():
            from ..core.errors import StoreError
        """
    )
    known = {"pkg", "pkg.core", "pkg.core.store", "pkg.core.errors", "pkg.cli", "pkg.cli.sibling",
             "pkg.ui.app"}
    assert imported_modules(sample, "pkg.cli.module", known=known) == {
        "pkg", "pkg.core", "pkg.core.store", "pkg.core.errors", "pkg.cli", "pkg.cli.sibling",
    }
    # in a package's __init__, "." is the package itself
    assert imported_modules("from . import sibling", "pkg.cli", is_package=True, known=known) == {
        "pkg.cli.sibling"
    }


def test_the_scan_can_leave_a_function_out() -> None:
    sample = textwrap.dedent(
        """
        import json
        def launch_window():
            from .ui.app import run_app
        def other():
            import csv
        """
    )
    assert imported_modules(sample, "pkg.__main__", leave_out=[WINDOW_LAUNCH]) == {"json", "csv"}


def test_the_real_modules_import_what_they_say() -> None:
    """The scan on the package itself: a relative import is resolved to its module."""
    assert f"{CORE}.tokens" in imports_of(f"{CORE}.errors")


# -- the layer rules ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", in_layer("core"))
def test_core_imports_no_qt_ui_or_cli(name: str) -> None:
    imported = imports_of(name)
    assert top_level(imported).isdisjoint(QT_MODULES)
    assert within(imported, UI, CLI, ENTRY_POINT) == set()


@pytest.mark.parametrize("name", in_layer("ui"))
def test_ui_imports_no_peewee_or_cli(name: str) -> None:
    imported = imports_of(name)
    assert top_level(imported).isdisjoint(DATABASE_MODULES)
    assert within(imported, CLI, ENTRY_POINT) == set()


@pytest.mark.parametrize("name", in_layer("cli"))
def test_cli_imports_no_qt_ui_or_entry_point(name: str) -> None:
    imported = imports_of(name, leave_out=[WINDOW_LAUNCH] if name == ENTRY_POINT else [])
    assert top_level(imported).isdisjoint(QT_MODULES)
    assert within(imported, UI) == set()
    assert within(imported - {name}, ENTRY_POINT) == set()


@pytest.mark.parametrize("name", in_layer("web"))
def test_web_imports_no_qt_ui_or_cli(name: str) -> None:
    imported = imports_of(name)
    assert top_level(imported).isdisjoint(QT_MODULES)
    assert within(imported, UI, CLI, ENTRY_POINT) == set()


def test_only_the_window_launch_reaches_the_ui() -> None:
    assert within(imports_of(ENTRY_POINT), UI) == {f"{UI}.app"}


@pytest.mark.parametrize("name", in_layer("shared"))
def test_shared_modules_import_no_qt_peewee_or_layer(name: str) -> None:
    imported = imports_of(name)
    assert top_level(imported).isdisjoint((*QT_MODULES, *DATABASE_MODULES))
    assert within(imported, CORE, UI, CLI, ENTRY_POINT) == set()


def test_importing_core_and_cli_loads_no_qt_at_run_time() -> None:
    every_cli_module = ", ".join(in_layer("cli"))
    script = textwrap.dedent(
        f"""
        import sys
        import qkeys_desktop.core
        import qkeys_desktop.core.store, qkeys_desktop.core.keychain, qkeys_desktop.core.transfer
        import {every_cli_module}
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


# -- no import cycle ---------------------------------------------------------------------------


def find_cycle(graph: Mapping[str, Collection[str]]) -> list[str] | None:
    """A cycle of ``graph`` (node -> the nodes it points to) as ``[a, b, ..., a]``, or None.

    Depth-first: a node met again while it is still on the path closes a cycle.
    """
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(node: str) -> list[str] | None:
        path.append(node)
        on_path.add(node)
        for successor in sorted(graph.get(node, ())):
            if successor in on_path:
                return [*path[path.index(successor):], successor]
            if successor not in done and (cycle := visit(successor)):
                return cycle
        path.pop()
        on_path.discard(node)
        done.add(node)
        return None

    for start in sorted(graph):
        if start not in done and (cycle := visit(start)):
            return cycle
    return None


def import_graph() -> dict[str, set[str]]:
    """Module -> the other modules of the package it imports, at module or function level."""
    return {name: (imports_of(name) & MODULES.keys()) - {name} for name in MODULES}


def test_the_cycle_finder_finds_a_loop() -> None:
    graph = {"a": {"b"}, "b": {"c", "d"}, "c": set(), "d": {"e"}, "e": {"b"}, "f": {"a"}}
    assert find_cycle(graph) == ["b", "d", "e", "b"]


def test_the_cycle_finder_finds_a_module_importing_itself_and_a_pair() -> None:
    assert find_cycle({"a": {"a"}}) == ["a", "a"]
    assert find_cycle({"x": {"y"}, "y": {"x"}}) == ["x", "y", "x"]


def test_the_cycle_finder_accepts_a_graph_without_loops() -> None:
    diamond = {"top": {"left", "right"}, "left": {"bottom"}, "right": {"bottom"}, "bottom": set()}
    assert find_cycle(diamond) is None
    assert find_cycle({}) is None


def test_the_graph_has_the_packages_edges() -> None:
    graph = import_graph()
    assert f"{CORE}.tokens" in graph[f"{CORE}.errors"]
    assert f"{CLI}" in graph[ENTRY_POINT]


def test_no_import_cycle_between_the_packages_modules() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])
