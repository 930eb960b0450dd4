"""The wheel carries the resources (icons, app icon, desktop entry) and finds them installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    uv = shutil.which("uv")
    if uv is None:
        pytest.fail("uv is needed to build the wheel (the README's setup installs it)")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([uv, "build", "--wheel", "--out-dir", str(out), str(ROOT)], check=True,
                   capture_output=True, timeout=300)
    (built,) = out.glob("qkeys_desktop-*.whl")
    return built


def test_the_wheel_contains_every_resource(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"qkeys_desktop/resources/{p.relative_to(ROOT / 'resources').as_posix()}"
                for p in (ROOT / "resources").rglob("*")
                if p.is_file() and "screenshots" not in p.parts}
    assert expected, "no resources found in the checkout"
    assert expected <= names, sorted(expected - names)
    assert "qkeys_desktop/resources/qkeys.desktop" in names


def test_an_installed_wheel_finds_its_own_resources(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (f"import sys; sys.path.insert(0, {str(site)!r})\n"
             "from qkeys_desktop.resource_paths import app_icon_path, icon_path, resources_dir\n"
             "print(resources_dir(), icon_path('key'), app_icon_path())")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=60, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for line in result.stdout.split():
        assert Path(line).is_relative_to(site), line
        assert Path(line).exists()
