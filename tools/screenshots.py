"""Render the README's screenshots from a sample registry: ``uv run python tools/screenshots.py``.

Each picture is one small function decorated with ``@shot``; it gets a :class:`Scene` (the
application, a sample store with a dozen realistic keys, settings, a task runner) and saves
PNGs with ``scene.save(widget, name)``. Rendering is offscreen, so it runs headless and in CI.

After the full set, the same script renders its variants, each in a process of its own (the
screen's pixel ratio and the language are fixed when Qt starts): the main window at device
pixel ratio 2 (``main-window@2x.png``) and the main window and Create dialog in German
(``*-de.png``). ``--scale N``, ``--language de``, ``--only a,b`` and ``--suffix S`` render one
variant by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

_ARGS = argparse.ArgumentParser(description=__doc__.splitlines()[0])
_ARGS.add_argument("--scale", type=int, default=1, help="the screen's device pixel ratio")
_ARGS.add_argument("--language", default="en", help="the window's language (en, de)")
_ARGS.add_argument("--only", default="", help="comma-separated shot names (default: all)")
_ARGS.add_argument("--suffix", default="", help="added to each file name, e.g. @2x")
OPTIONS = _ARGS.parse_args()

# a desktop-sized screen (offscreen's own is 800×800, where the dialogs would scroll), its
# logical size the same at any pixel ratio
_SCREEN = Path(tempfile.gettempdir()) / f"qkeys-screenshots-screen-{OPTIONS.scale}.json"
_SCREEN.write_text(json.dumps({"screens": [{
    "name": "desktop", "x": 0, "y": 0, "width": 1920 * OPTIONS.scale,
    "height": 1200 * OPTIONS.scale, "logicalDpi": 96, "dpr": 1}]}))
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")
if OPTIONS.scale != 1:  # as a user's QT_SCALE_FACTOR would (offscreen ignores the file's dpr)
    os.environ["QT_SCALE_FACTOR"] = str(OPTIONS.scale)
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QSettings  # noqa: E402
from PySide6.QtGui import QFont, QFontDatabase, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from qkeys_desktop.core.hashing import FAST_TEST_PARAMS, SecretHasher  # noqa: E402
from qkeys_desktop.core.store import Store  # noqa: E402
from qkeys_desktop.ui.app import create_application  # noqa: E402
from qkeys_desktop.ui.i18n import install_translators  # noqa: E402
from qkeys_desktop.ui.settings import AppSettings  # noqa: E402
from qkeys_desktop.ui.style import apply_style  # noqa: E402
from qkeys_desktop.ui.tasks import TaskRunner  # noqa: E402
from qkeys_desktop.ui.theme import dark_palette  # noqa: E402

OUT = ROOT / "resources" / "screenshots"
WINDOW_SIZE = (1200, 760)
PREFERRED_FONTS = ("Inter", "Noto Sans", "Cantarell", "DejaVu Sans")  # first one installed wins
DAY = timedelta(days=1)

# name, permissions, projects (empty: all), lifetime (None: never), created ago, last used ago
SAMPLE_KEYS: list[tuple[str, str, tuple[str, ...], timedelta | None, timedelta,
                        timedelta | None]] = [
    ("Staging smoke tests", "read", ("Backend", "Mobile app"), 7 * DAY, 2 * DAY,
     timedelta(minutes=40)),
    ("GitHub Actions deploy", "create,read,write", ("Backend",), 90 * DAY, 6 * DAY,
     timedelta(minutes=5)),
    ("Support dashboard", "read,invite", (), 365 * DAY, 9 * DAY, None),
    ("Mobile app (iOS)", "read,write", ("Mobile app",), 30 * DAY, 27 * DAY,
     timedelta(minutes=12)),
    ("Data warehouse sync", "read", ("Data platform",), 90 * DAY, 33 * DAY, timedelta(hours=1)),
    ("Airflow ingestion", "create,read,write", ("Data platform",), 30 * DAY, 41 * DAY,
     12 * DAY),
    ("Billing webhook", "read,write", ("Backend",), 365 * DAY, 58 * DAY, DAY + timedelta(hours=3)),
    ("Partner API – Acme Corp", "read", ("Backend", "Data platform"), 365 * DAY, 75 * DAY,
     3 * DAY),
    ("Terraform automation", "create,read,write,delete,invite", (), 90 * DAY, 80 * DAY,
     2 * DAY),
    ("Slack alerts bot", "read", ("Backend",), None, 104 * DAY, timedelta(hours=6)),
    ("Android beta testers", "read", ("Mobile app",), 60 * DAY, 20 * DAY, None),
    ("Grafana read-only", "read", (), None, 131 * DAY, timedelta(hours=3)),
]
PROJECTS = ("Backend", "Mobile app", "Data platform")
USAGE_KEY = "Billing webhook"  # limited, and used by several clients over the last month
LIMITS: dict[str, dict[str, object]] = {
    USAGE_KEY: {"uses": 50_000, "refill": "monthly", "rate": (10, 60)},
}
DESCRIPTIONS = {
    "GitHub Actions deploy": "Repository secret QKEYS_TOKEN in acme/api (deploy job). Owner: "
                             "platform team.",
    "Billing webhook": "Stripe webhook relay on billing-01; rotate with 24 h overlap.",
    "Support dashboard": "Zendesk sidebar app; owned by Support Ops.",
}


class ShiftedClock:
    """A clock we can move into the past, so sample keys get realistic histories."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) - self.offset


def build_sample_registry(path: Path) -> None:
    """A registry with three projects and a dozen keys: one expired, one expiring in 3 days."""
    clock = ShiftedClock()
    store = Store.open(str(path), hasher=SecretHasher(FAST_TEST_PARAMS), clock=clock)
    clock.offset = 140 * DAY
    for project in PROJECTS:
        store.add_project(project)
    for name, permissions, projects, lifetime, created_ago, used_ago in sorted(
        SAMPLE_KEYS, key=lambda k: -k[4]
    ):
        clock.offset = created_ago
        expires = None if lifetime is None else clock() + lifetime
        created = store.create_key(name, permissions.split(","), expires, list(projects) or None,
                                   DESCRIPTIONS.get(name, ""), **LIMITS.get(name, {}))
        if name == USAGE_KEY:
            simulate_a_month_of_use(store, clock, created.token)
        if used_ago is not None:
            clock.offset = used_ago
            store.verify(created.token, permissions.split(",")[0], (projects or PROJECTS)[0])
    # a key's life: an edit, a rotation whose overlap still runs, a paused key
    clock.offset = 3 * DAY
    store.edit_key("GitHub Actions deploy", permissions=["create", "read", "write", "delete"])
    clock.offset = timedelta(hours=5)
    store.rotate_key("GitHub Actions deploy", overlap=DAY)
    clock.offset = timedelta(hours=2)
    store.set_key_disabled("Airflow ingestion", True)
    store.close()


def simulate_a_month_of_use(store: Store, clock: ShiftedClock, token: str) -> None:
    """Verifications spread over 30 days by a few clients, some refused (a wrong action)."""
    import random

    chance = random.Random(5)  # the same picture every run
    clients = ("billing-01", "billing-02", "stripe-relay", "10.0.4.17", "")
    for days_ago in range(29, 0, -1):
        clock.offset = timedelta(days=days_ago, hours=2)
        for _ in range(chance.randint(2, 9) if days_ago % 7 not in (1, 2) else 1):
            store.verify(token, "write", "Backend", client=chance.choice(clients))
        for _ in range(chance.choice((0, 0, 0, 1, 2))):
            store.verify(token, "delete", "Backend", client="billing-02")
        store.verifier.flush_usage()


@dataclass
class Scene:
    """What every screenshot function gets."""

    app: QApplication
    store: Store
    settings: AppSettings
    runner: TaskRunner
    out: Path = OUT
    saved: list[Path] = field(default_factory=list)

    def save(self, widget: QWidget, name: str) -> Path:
        """Grab a widget (at the screen's pixel ratio) into ``resources/screenshots/<name>.png``
        (plus the variant's suffix)."""
        settle(self.app)
        path = self.out / f"{name}{OPTIONS.suffix}.png"
        if not widget.grab().save(str(path)):
            raise RuntimeError(f"could not write {path}")
        self.saved.append(path)
        return path

    def use_palette(self, palette: QPalette) -> None:
        """Switch light/dark; the stylesheet follows the palette."""
        self.app.setPalette(palette)
        apply_style(self.app)
        settle(self.app)


def settle(app: QApplication, seconds: float = 0.3) -> None:
    """Let background jobs report and layouts settle."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def wait_until(app: QApplication, condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Process events until ``condition()`` holds; fail loudly after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not finish loading")
        app.processEvents()
        time.sleep(0.01)


SHOTS: list[Callable[[Scene], None]] = []


def dispose(scene: Scene, widget: QWidget) -> None:
    """Close and delete a widget now: no event loop runs here to carry out a deleteLater, and a
    closed dialog left alive would go on watching the registry."""
    widget.close()
    widget.deleteLater()
    scene.app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def shot(function: Callable[[Scene], None]) -> Callable[[Scene], None]:
    """Register a screenshot function; they run in the order they are defined."""
    SHOTS.append(function)
    return function


def open_main_window(scene: Scene) -> QWidget:
    """The main window on the sample registry, loaded, with one key selected."""
    from qkeys_desktop.ui.main_window import MainWindow

    window = MainWindow(scene.store, scene.settings, scene.runner)
    window.resize(*WINDOW_SIZE)
    window.show()
    page = window.keys_page
    wait_until(scene.app, lambda: page.model.rowCount() == len(SAMPLE_KEYS))
    page.select_key(page.model.record(1).key_id)
    window.statusBar().clearMessage()
    return window


@shot
def main_window(scene: Scene) -> None:
    window = open_main_window(scene)
    scene.save(window, "main-window")
    window.close()


@shot
def main_window_dark(scene: Scene) -> None:
    previous = scene.app.palette()
    scene.use_palette(dark_palette())
    window = open_main_window(scene)
    scene.save(window, "main-window-dark")
    window.close()
    scene.use_palette(previous)


def _shot_keychain() -> object:
    """An in-memory keychain, so the dialogs look as on a desktop that has one."""
    from keyring.backend import KeyringBackend

    class ShotKeychain(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, service: str, username: str) -> str | None:
            return None

        def set_password(self, service: str, username: str, password: str) -> None:
            pass

        def delete_password(self, service: str, username: str) -> None:
            pass

    return ShotKeychain()


def open_create_dialog(scene: Scene) -> QWidget:
    """The Create API Key dialog filled in: name, 90 days, Read + Write, two projects."""
    import keyring

    from qkeys_desktop.core.permissions import Permission
    from qkeys_desktop.ui.create_dialog import CreateKeyDialog

    keyring.set_keyring(_shot_keychain())
    dialog = CreateKeyDialog(scene.store, scene.runner, scene.settings)
    dialog.show()
    wait_until(scene.app, lambda: not dialog.loading)
    form = dialog.form
    form.name_edit.setText("Release pipeline")
    form.expiration_combo.setCurrentIndex(form.expiration_combo.findData("90d"))
    form.permission_boxes[Permission.WRITE].setChecked(True)
    form.limit_check.setChecked(True)
    for project in ("Backend", "Data platform"):
        form.picker.set_checked(project)
    form.name_edit.setFocus()
    form.name_edit.end(False)
    return dialog


@shot
def create_dialog(scene: Scene) -> None:
    dialog = open_create_dialog(scene)
    scene.save(dialog, "create-dialog")
    dialog.reject()


def open_reveal_dialog(scene: Scene) -> QWidget:
    """The show-once reveal of a freshly created key."""
    from qkeys_desktop.core.expiration import parse_expiration
    from qkeys_desktop.ui.reveal_dialog import RevealDialog

    now = scene.store.clock()
    created = scene.store.create_key("Release pipeline", ["read", "write"],
                                     parse_expiration("90d", now), ["Backend", "Data platform"])
    dialog = RevealDialog(created, clipboard=object())
    dialog.show()
    return dialog


def close_reveal(dialog: QWidget) -> None:
    """Close without the "not copied" question (nothing to protect in a picture)."""
    dialog.copied = True  # type: ignore[attr-defined]
    dialog.accept()  # type: ignore[attr-defined]


@shot
def reveal_dialog(scene: Scene) -> None:
    dialog = open_reveal_dialog(scene)
    scene.save(dialog, "reveal-dialog")
    close_reveal(dialog)


@shot
def key_details(scene: Scene) -> None:
    """The details of a key whose rotation's overlap is still running, with its history."""
    from qkeys_desktop.ui.key_details_dialog import KeyDetailsDialog

    key_id = scene.store.get_key("GitHub Actions deploy").key_id
    dialog = KeyDetailsDialog(scene.store, scene.runner, scene.settings, key_id)
    dialog.show()
    wait_until(scene.app, lambda: dialog.loaded_record is not None and scene.runner.pending == 0)
    dialog.tabs.setCurrentIndex(1)  # its history: created, edited, rotated
    scene.save(dialog, "key-details")
    dispose(scene, dialog)


@shot
def key_usage(scene: Scene) -> None:
    """A limited key's last 30 days: the chart, by reason and by client."""
    from qkeys_desktop.ui.key_details_dialog import KeyDetailsDialog

    key_id = scene.store.get_key(USAGE_KEY).key_id
    dialog = KeyDetailsDialog(scene.store, scene.runner, scene.settings, key_id)
    dialog.show()
    wait_until(scene.app, lambda: dialog.loaded_record is not None and scene.runner.pending == 0)
    scene.save(dialog, "key-usage")
    dispose(scene, dialog)


@shot
def rotate_dialog(scene: Scene) -> None:
    """Rotating a key with the default 24-hour overlap."""
    import keyring

    from qkeys_desktop.ui.rotate_dialog import RotateKeyDialog

    keyring.set_keyring(_shot_keychain())
    record = scene.store.get_key("Billing webhook")
    dialog = RotateKeyDialog(scene.store, scene.runner, scene.settings, record)
    dialog.show()
    wait_until(scene.app, lambda: not dialog.loading and scene.runner.pending == 0)
    scene.save(dialog, "rotate-dialog")
    dialog.reject()
    dispose(scene, dialog)


def open_page(scene: Scene, index: int, loaded: Callable[[QWidget], bool]) -> QWidget:
    """The main window switched to one sidebar page, once that page has loaded."""
    from qkeys_desktop.ui.main_window import MainWindow

    window = MainWindow(scene.store, scene.settings, scene.runner)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.show_page(index)
    page = window.stack.widget(index)
    wait_until(scene.app, lambda: loaded(page) and scene.runner.pending == 0)
    window.statusBar().clearMessage()
    return window


@shot
def projects_page(scene: Scene) -> None:
    """Projects with their key counts, one selected."""
    from qkeys_desktop.ui.main_window import PROJECTS_PAGE

    window = open_page(scene, PROJECTS_PAGE,
                       lambda page: page.model.rowCount() == len(PROJECTS))  # type: ignore[attr-defined]
    window.projects_page.select_project("Backend")  # type: ignore[attr-defined]
    scene.save(window, "projects")
    window.close()


@shot
def activity_page(scene: Scene) -> None:
    """The audit log after a regeneration, a revocation and a project change.

    Runs last: it changes the sample registry (the log would otherwise be all "Key created").
    """
    from qkeys_desktop.ui.main_window import ACTIVITY_PAGE

    scene.store.regenerate_key("Billing webhook")
    scene.store.delete_key("Android beta testers")
    scene.store.add_project("Sandbox")
    scene.store.rename_project("Data platform", "Data")
    events = len(scene.store.list_events())
    window = open_page(scene, ACTIVITY_PAGE,
                       lambda page: page.model.rowCount() == events)  # type: ignore[attr-defined]
    window.activity_page.table.setFocus()  # type: ignore[attr-defined]
    scene.save(window, "activity")
    window.close()


def write_leaks(scene: Scene, folder: Path) -> None:
    """A project folder holding tokens of the sample keys (well-formed: their key ids and valid
    checksums, made-up secrets), one of no key here, and with git, one a later commit deleted."""
    import shutil
    import subprocess

    from qkeys_desktop.core.tokens import build_token, new_token, random_base62

    def token(key_id: str) -> str:
        return build_token(key_id, random_base62(44))

    store = scene.store
    deploy = store.get_key("GitHub Actions deploy")
    deleted = [e.key_id for e in store.list_events() if e.kind == "key.deleted" and e.key_id]
    files = {
        "deploy/.env.production": f"APP_ENV=production\nQKEYS_TOKEN={token(deploy.key_id)}\n",
        ".github/workflows/smoke.yml": "\n" * 11 + "      QKEYS_TOKEN: "
                                       + token(store.get_key("Staging smoke tests").key_id),
        "scripts/ingest.py": f"# TODO: move to vault\nTOKEN = "
                             f"'{token(store.get_key('Airflow ingestion').key_id)}'\n",
        "docs/setup.md": "Example:\n\n    curl -H 'X-Api-Key: "
                         + token(deploy.previous_key_id or deploy.key_id) + "'\n",
        "tests/fixtures/keys.json": f'{{"foreign": "{new_token()[0]}"}}\n',
    }
    if deleted:
        files["docs/setup.md"] += f"    old: {token(deleted[0])}\n"
    if shutil.which("git") is not None:  # a token committed once, deleted by the next commit

        def git(*args: str) -> None:
            subprocess.run(["git", "-C", str(folder), "-c", "user.name=Dev", "-c",
                            "user.email=dev@example.org", "-c", "commit.gpgsign=false", *args],
                           check=True, capture_output=True)

        git("init", "-q")
        legacy = folder / "config" / "legacy.env"
        legacy.parent.mkdir(parents=True, exist_ok=True)
        legacy.write_text(f"A=1\nB=2\nQKEYS={token(store.get_key('Billing webhook').key_id)}\n")
        git("add", "-A")
        git("commit", "-qm", "initial import")
        legacy.unlink()
        git("commit", "-qam", "remove legacy config")
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)


@shot
def scan_dialog(scene: Scene) -> None:
    """File ▸ Scan for Leaked Keys… after scanning a project and its git history."""
    from qkeys_desktop.ui.scan_dialog import ScanDialog

    with tempfile.TemporaryDirectory(prefix="qkeys-scan-shot-") as temporary:
        folder = Path(temporary) / "acme-api"
        folder.mkdir()
        write_leaks(scene, folder)
        dialog = ScanDialog(scene.store, scene.runner)
        dialog.show()
        dialog.set_folder(str(folder))
        dialog.git_check.setChecked(dialog.git_check.isEnabled())
        dialog.start_scan()
        wait_until(scene.app, lambda: not dialog.scanning and scene.runner.pending == 0)
        dialog.folder_edit.blockSignals(True)  # only its text: the scan stays as it was
        dialog.folder_edit.setText("~/src/acme-api")  # as a reader's own folder would read
        dialog.folder_edit.blockSignals(False)
        scene.save(dialog, "scan-dialog")
        dispose(scene, dialog)


def pick_font(app: QApplication) -> None:
    """A consistent UI font for the pictures, whatever this machine's default is."""
    families = set(QFontDatabase.families())
    for family in PREFERRED_FONTS:
        if family in families:
            app.setFont(QFont(family, 10))
            return


# the variants rendered after the full set: (options, shots)
VARIANTS = [
    (["--scale", "2", "--suffix", "@2x"], "main_window"),
    (["--language", "de", "--suffix=-de"], "main_window,create_dialog"),
]


def render_variants() -> int:
    """Each variant in a child process: Qt fixes the pixel ratio and language at its start."""
    for options, shots in VARIANTS:
        finished = subprocess.run([sys.executable, __file__, *options, "--only", shots],
                                  check=False)
        if finished.returncode:
            return finished.returncode
    return 0


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    wanted = set(filter(None, OPTIONS.only.split(",")))
    unknown = wanted - {function.__name__ for function in SHOTS}
    if unknown:
        raise SystemExit(f"no such shot: {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory(prefix="qkeys-shots-") as folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        app = create_application(["qkeys-screenshots"])
        install_translators(app, OPTIONS.language)
        pick_font(app)
        apply_style(app)
        path = Path(folder) / "keys.db"
        build_sample_registry(path)
        store = Store.open(str(path), hasher=SecretHasher(FAST_TEST_PARAMS))
        store.target = "~/.local/share/qkeys/keys.db"  # what a reader's own window would show
        settings = AppSettings(QSettings(str(Path(folder) / "qkeys.ini"),
                                         QSettings.Format.IniFormat))
        scene = Scene(app, store, settings, TaskRunner())
        for function in SHOTS:
            if not wanted or function.__name__ in wanted:
                function(scene)
        store.close()
    for path in scene.saved:
        print(path.relative_to(ROOT))
    return 0 if wanted else render_variants()


if __name__ == "__main__":
    sys.exit(main())
