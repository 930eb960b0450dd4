"""``qkeys --version``: the version of the installed package, as its metadata gives it."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any, NoReturn

DISTRIBUTION = "qkeys-desktop"


class InstalledVersion(argparse._VersionAction):
    """argparse's own ``version`` action (prints ``qkeys X.Y.Z``, exits 0, whatever else is on
    the line), except that it reads the version only when ``--version`` is given: importing
    importlib.metadata would cost every other command some 15 ms."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> NoReturn:
        self.version = f"%(prog)s {installed_version()}"
        super().__call__(parser, namespace, values, option_string)
        raise AssertionError("argparse's version action exits")  # pragma: no cover


def installed_version() -> str:
    """The version in the installed package's metadata; a source tree that is merely on
    sys.path has none, and says so."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        from .. import __version__

        return f"{__version__} (not installed)"
