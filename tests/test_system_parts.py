"""The system-part fixtures give working parts, and missing parts skip locally but fail in CI."""

from __future__ import annotations

import os
import select
import subprocess
import sys

import pytest
from system_parts import require_part, run_keyring_probe


def test_missing_part_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="'Xvfb' unavailable: not installed"):
        require_part("Xvfb", "not installed")


def test_missing_part_skips_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="'Xvfb' unavailable"):
        require_part("Xvfb", "not installed")


def xclip_paste(env: dict[str, str]) -> str:
    """What the X clipboard of ``env``'s DISPLAY holds, read by xclip as another program."""
    pasted = subprocess.run(
        ["xclip", "-selection", "clipboard", "-o"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=env,
        timeout=10,
        check=True,
    )
    return pasted.stdout.decode()


@pytest.mark.system
def test_xclip_round_trips_through_the_x_clipboard(x_display: str) -> None:
    env = {**os.environ, "DISPLAY": x_display}
    text = "qk_system_part_probe ✓"
    # xclip -i forks a child that owns the selection until someone else takes it; its output
    # must not be captured, or run() would wait for the child to close the pipe.
    subprocess.run(
        ["xclip", "-selection", "clipboard", "-i"],
        input=text.encode(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        timeout=10,
        check=True,
    )
    assert xclip_paste(env) == text


_QT_CLIPBOARD_OWNER = """
import sys
from PySide6.QtCore import QSocketNotifier
from PySide6.QtGui import QGuiApplication

app = QGuiApplication(sys.argv[:1])
app.clipboard().setText(sys.argv[1])
# Serve the clipboard from the event loop until the test closes our stdin.
notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
notifier.activated.connect(app.quit)
print(app.platformName(), flush=True)
app.exec()
"""


@pytest.mark.system
def test_qt_on_the_x_display_owns_a_clipboard_xclip_reads(x_display: str) -> None:
    """PySide6 runs on the xcb platform there (all its X libraries are installed)."""
    env = {**os.environ, "DISPLAY": x_display, "QT_QPA_PLATFORM": "xcb"}
    text = "qk_from_qt_clipboard"
    owner = subprocess.Popen(
        [sys.executable, "-c", _QT_CLIPBOARD_OWNER, text],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        assert owner.stdout is not None
        ready, _, _ = select.select([owner.stdout], [], [], 20)
        assert ready, "Qt did not start within 20 s"
        platform = owner.stdout.readline().strip()
        assert platform == "xcb", owner.stderr.read() if owner.stderr else ""
        assert xclip_paste(env) == text
    finally:
        try:
            _, errors = owner.communicate(input="", timeout=10)
        except subprocess.TimeoutExpired:
            owner.kill()
            _, errors = owner.communicate()
    assert owner.returncode == 0, errors


@pytest.mark.system
def test_keyring_round_trips_through_the_secret_service(secret_service: dict[str, str]) -> None:
    result = run_keyring_probe(secret_service)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ok", "keyring.backends.SecretService"]


@pytest.mark.system
def test_keyring_in_process_uses_the_secret_service(secret_service_keyring: object) -> None:
    import keyring

    assert keyring.get_keyring() is secret_service_keyring
    keyring.set_password("qkeys-in-process", "alice", "s3cret")
    try:
        assert keyring.get_password("qkeys-in-process", "alice") == "s3cret"
    finally:
        keyring.delete_password("qkeys-in-process", "alice")
    assert keyring.get_password("qkeys-in-process", "alice") is None


@pytest.mark.system
def test_postgres_answers_a_query(postgres_url: str) -> None:
    import psycopg2

    assert postgres_url.endswith("/qkeys_test")
    connection = psycopg2.connect(postgres_url, connect_timeout=5)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1, current_database(), current_setting('listen_addresses')")
            assert cursor.fetchone() == (1, "qkeys_test", "127.0.0.1")
    finally:
        connection.close()


@pytest.mark.system
def test_each_test_can_get_a_fresh_postgres_database(
    postgres_db_url: str, postgres_url: str
) -> None:
    import psycopg2

    assert postgres_db_url != postgres_url
    connection = psycopg2.connect(postgres_db_url, connect_timeout=5)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            assert cursor.fetchone() == (0,)
    finally:
        connection.close()


@pytest.mark.system
def test_peewee_opens_the_postgres_url(postgres_url: str) -> None:
    """The URL is one the store can open through playhouse.db_url."""
    from playhouse.db_url import connect

    database = connect(postgres_url)
    try:
        assert database.execute_sql("SELECT 1").fetchone() == (1,)
    finally:
        database.close()
