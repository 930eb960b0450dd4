"""The wheel: what it ships (what the app reads at run time, the LICENSE; not the README's
pictures), its metadata (version, license, classifiers, URLs, the ``postgres`` extra), and an
installed wheel that finds its resources and reports its own version.

One wheel is built per session, with ``uv build`` as a user would.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from email.message import Message
from email.parser import Parser
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from qkeys_desktop import __version__

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
#: Resources for readers of the repository, not for the app: they stay out of the wheel.
NOT_SHIPPED = ("screenshots", "secret-scanning")
TIMEOUT = 300


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    uv = shutil.which("uv")
    if uv is None:
        pytest.fail("uv is needed to build the wheel (the README's setup installs it)")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([uv, "build", "--wheel", "--out-dir", str(out), str(ROOT)], check=True,
                   capture_output=True, timeout=TIMEOUT)
    (built,) = out.glob("qkeys_desktop-*.whl")
    return built


@pytest.fixture(scope="session")
def names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


@pytest.fixture(scope="session")
def metadata(wheel: Path) -> Message:
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(f"qkeys_desktop-{__version__}.dist-info/METADATA").decode()
    return Parser().parsestr(text)


# -- what the wheel ships ----------------------------------------------------------------------


def test_the_wheel_contains_every_resource_the_app_reads(names: set[str]) -> None:
    """Icons, the app icon, the desktop entry and the translations: everything under
    resources/ but what is listed in NOT_SHIPPED."""
    expected = {f"qkeys_desktop/resources/{p.relative_to(ROOT / 'resources').as_posix()}"
                for p in (ROOT / "resources").rglob("*")
                if p.is_file() and not set(NOT_SHIPPED) & set(p.parts)}
    assert expected, "no resources found in the checkout"
    assert expected <= names, sorted(expected - names)
    for needed in ("qkeys.desktop", "qkeys.svg", "qkeys.png", "icons/key.svg",
                   "translations/qkeys_de.qm", "translations/qkeys_en.qm"):
        assert f"qkeys_desktop/resources/{needed}" in names


def test_the_wheel_ships_nothing_else(names: set[str]) -> None:
    shipped_resources = {n for n in names if n.startswith("qkeys_desktop/resources/")}
    assert not [n for n in shipped_resources if any(f"/{skip}/" in n for skip in NOT_SHIPPED)]
    package = {n for n in names if n.startswith("qkeys_desktop/")} - shipped_resources
    assert package and all(n.endswith(".py") for n in package), sorted(
        n for n in package if not n.endswith(".py"))  # no caches, no stray files
    others = {n for n in names if not n.startswith("qkeys_desktop/")}
    dist_info = f"qkeys_desktop-{__version__}.dist-info"
    assert others == {f"{dist_info}/{name}" for name in (
        "METADATA", "WHEEL", "RECORD", "entry_points.txt", "licenses/LICENSE")}


def test_the_license_file_is_mit_and_shipped(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read(f"qkeys_desktop-{__version__}.dist-info/licenses/LICENSE")
    assert shipped == (ROOT / "LICENSE").read_bytes()
    assert shipped.decode().startswith("MIT License\n\nCopyright (c) 2026 qkeys desktop")


# -- metadata ----------------------------------------------------------------------------------


def test_the_version_is_the_packages_own(metadata: Message) -> None:
    assert metadata["Version"] == __version__ == PYPROJECT["project"]["version"]


def test_license_classifiers_and_urls(metadata: Message) -> None:
    assert metadata["License-Expression"] == "MIT"
    assert metadata["License-File"] == "LICENSE"
    classifiers = metadata.get_all("Classifier")
    for wanted in ("Environment :: X11 Applications :: Qt", "Topic :: Security",
                   "Programming Language :: Python :: 3.11",
                   "Programming Language :: Python :: 3.12"):
        assert wanted in classifiers
    assert any(c.startswith("Development Status :: ") for c in classifiers)
    # PEP 639: with a License-Expression a "License ::" classifier is deprecated; PyPI refuses it
    assert not [c for c in classifiers if c.startswith("License ::")]
    urls = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL"))
    assert set(urls) >= {"Homepage", "Documentation", "Issues"}
    assert all(url.startswith("https://github.com/qkeys/qkeys-desktop") for url in urls.values())


def test_postgres_is_an_extra_with_the_dev_groups_driver(metadata: Message) -> None:
    assert metadata.get_all("Provides-Extra") == ["postgres"]
    requirements = [Requirement(r) for r in metadata.get_all("Requires-Dist")]
    driver = [r for r in requirements if r.name == "psycopg2-binary"]
    assert len(driver) == 1 and str(driver[0].marker) == 'extra == "postgres"'
    assert not [r for r in requirements if r.marker is None and r.name.startswith("psycopg")]
    dev = [Requirement(r) for r in PYPROJECT["dependency-groups"]["dev"]]
    assert [r.specifier for r in dev if r.name == "psycopg2-binary"] == [driver[0].specifier]


# -- installed ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel unpacked as an installer would into site-packages (its dependencies come from
    this environment)."""
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def run_installed(site: Path, code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``code`` with the unpacked wheel first on sys.path (not the checkout: cwd is elsewhere
    and -P keeps the script's folder off the path)."""
    return subprocess.run([sys.executable, "-P", "-c",
                           f"import sys; sys.path.insert(0, {str(site)!r})\n{code}"],
                          capture_output=True, text=True, timeout=60, cwd=cwd, check=False)


def test_an_installed_wheel_finds_its_own_resources(site: Path, tmp_path: Path) -> None:
    probe = run_installed(site, "from qkeys_desktop.resource_paths import app_icon_path, "
                          "icon_path, resources_dir\n"
                          "print(resources_dir(), icon_path('key'), app_icon_path())", tmp_path)
    assert probe.returncode == 0, probe.stderr
    for line in probe.stdout.split():
        assert Path(line).is_relative_to(site), line
        assert Path(line).exists()


def test_version_prints_the_installed_metadatas_version(
    site: Path, metadata: Message, tmp_path: Path
) -> None:
    # a different version in the unpacked METADATA shows where --version reads it from
    site = Path(shutil.copytree(site, tmp_path / "site"))
    meta = site / f"qkeys_desktop-{__version__}.dist-info" / "METADATA"
    meta.write_text(meta.read_text().replace(f"Version: {__version__}\n", "Version: 9.8.7\n", 1))
    code = ("from qkeys_desktop import __file__ as f; print(f, file=sys.stderr)\n"
            "from qkeys_desktop.__main__ import main; sys.exit(main(['--version']))")
    finished = run_installed(site, code, tmp_path)
    assert finished.returncode == 0, finished.stderr
    assert Path(finished.stderr.strip()).is_relative_to(site)
    assert finished.stdout == "qkeys 9.8.7\n"
    assert metadata["Version"] == __version__  # the built wheel itself says the source version


def test_without_the_extra_a_postgres_url_is_refused_naming_it(tmp_path: Path) -> None:
    code = ("import sys; sys.modules['psycopg2'] = None  # as if never installed\n"
            "from qkeys_desktop.cli import main\n"
            "sys.exit(main(['--db', 'postgresql://qkeys@127.0.0.1:9/qkeys', 'keys', 'list']))")
    finished = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=60, cwd=tmp_path, check=False)
    assert finished.returncode == 1
    assert finished.stderr == (
        "qkeys: cannot open postgresql://qkeys@127.0.0.1:9/qkeys: the PostgreSQL driver is not "
        "installed: pip install 'qkeys-desktop[postgres]'\n")
