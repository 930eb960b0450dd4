"""The secure clipboard: sensitive hint, countdown, clearing only our own text, clearing on quit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QByteArray, QCoreApplication
from PySide6.QtGui import QClipboard, QGuiApplication
from pytestqt.qtbot import QtBot

from qkeys_desktop.ui.clipboard import (
    CLEARED_TEXT,
    KDE_HINT,
    MAC_CONCEALED_MIME,
    MAC_CONCEALED_UTI,
    SecureClipboard,
    concealed_type_converter,
    secure_clipboard,
    sensitive_formats,
    set_clipboard_timeout,
)
from qkeys_desktop.ui.settings import AppSettings

TOKEN = "qk_7Gh2kLm9Qx4a_S3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr3tS3cr3ta1B2c3"


@pytest.fixture
def board(qapp: QGuiApplication) -> Iterator[QClipboard]:
    """The (offscreen, in-process) system clipboard, empty before and after the test."""
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    yield clipboard
    clipboard.clear()


@pytest.fixture
def service(board: QClipboard) -> Iterator[SecureClipboard]:
    secure = SecureClipboard(timeout=30)
    yield secure
    secure.deleteLater()


def test_copy_puts_text_and_the_sensitive_hint(service: SecureClipboard, board: QClipboard) -> None:
    service.copy_secret(TOKEN)
    mime = board.mimeData()
    assert mime.text() == TOKEN
    assert KDE_HINT in mime.formats()
    assert mime.data(KDE_HINT) == QByteArray(b"secret")


def test_each_platform_gets_its_own_hint() -> None:
    assert sensitive_formats("linux") == {KDE_HINT: b"secret"}
    windows = sensitive_formats("win32")
    assert windows["ExcludeClipboardContentFromMonitorProcessing"]
    assert windows["CanIncludeInClipboardHistory"] == b"\x00\x00\x00\x00"
    assert windows["CanUploadToCloudClipboard"] == b"\x00\x00\x00\x00"
    assert set(sensitive_formats("darwin")) == {MAC_CONCEALED_MIME}


def test_mac_converter_maps_the_concealed_type_both_ways() -> None:
    converter = concealed_type_converter(object)()
    assert converter.utiForMime(MAC_CONCEALED_MIME) == MAC_CONCEALED_UTI
    assert converter.utiForMime("text/plain") == ""
    assert converter.mimeForUti(MAC_CONCEALED_UTI) == MAC_CONCEALED_MIME
    assert converter.mimeForUti("public.utf8-plain-text") == ""
    data = converter.convertFromMime(MAC_CONCEALED_MIME, QByteArray(b"1"), MAC_CONCEALED_UTI)
    assert data == [QByteArray(b"1")]
    assert converter.convertToMime(MAC_CONCEALED_MIME, data, MAC_CONCEALED_UTI) == QByteArray(b"1")


def test_countdown_ticks_each_second_then_clears(
    qtbot: QtBot, service: SecureClipboard, board: QClipboard
) -> None:
    service.set_timeout(2)
    ticks: list[int] = []
    service.countdown.connect(ticks.append)
    with qtbot.waitSignal(service.cleared, timeout=5000):
        service.copy_secret(TOKEN)
        assert service.status_text() == "Key copied — clipboard clears in 2 s"
        assert service.seconds_left == 2
    assert ticks == [2, 1]
    assert board.text() == ""
    assert service.status_text() == CLEARED_TEXT
    assert service.seconds_left == 0


def test_status_follows_the_countdown(qtbot: QtBot, service: SecureClipboard) -> None:
    service.set_timeout(2)
    statuses: list[str] = []
    service.status_changed.connect(statuses.append)
    with qtbot.waitSignal(service.cleared, timeout=5000):
        service.copy_secret(TOKEN)
    assert statuses == [
        "Key copied — clipboard clears in 2 s",
        "Key copied — clipboard clears in 1 s",
        CLEARED_TEXT,
    ]


def test_something_copied_since_is_never_wiped(
    qtbot: QtBot, service: SecureClipboard, board: QClipboard
) -> None:
    service.set_timeout(1)
    service.copy_secret(TOKEN)
    with qtbot.waitSignal(service.released, timeout=1000):
        board.setText("the user's own text")
    assert service.seconds_left == 0 and service.status_text() == ""
    qtbot.assertNotEmitted(service.cleared, wait=1500)  # past the 1 s deadline
    assert board.text() == "the user's own text"


def test_expiry_checks_the_clipboard_even_without_a_change_signal(
    qtbot: QtBot, service: SecureClipboard, board: QClipboard
) -> None:
    service.set_timeout(1)
    service.copy_secret(TOKEN)
    board.blockSignals(True)  # as if the platform never told us about the other copy
    try:
        board.setText("copied elsewhere")
    finally:
        board.blockSignals(False)
    with qtbot.waitSignal(service.released, timeout=3000):
        pass
    assert board.text() == "copied elsewhere"


def test_clear_now_clears_our_text(
    qtbot: QtBot, service: SecureClipboard, board: QClipboard
) -> None:
    service.copy_secret(TOKEN)
    with qtbot.waitSignal(service.cleared, timeout=1000):
        service.clear_now()
    assert board.text() == ""
    assert not service.holds_our_secret()


def test_clear_now_leaves_other_text_alone(service: SecureClipboard, board: QClipboard) -> None:
    service.copy_secret(TOKEN)
    board.setText("mine")
    service.clear_now()
    assert board.text() == "mine"


def test_timeout_zero_never_clears(
    qtbot: QtBot, service: SecureClipboard, board: QClipboard
) -> None:
    service.set_timeout(0)
    ticks: list[int] = []
    service.countdown.connect(ticks.append)
    service.copy_secret(TOKEN)
    assert service.status_text() == "Key copied to the clipboard"
    qtbot.assertNotEmitted(service.cleared, wait=1200)
    service.clear_now()  # "never" includes quitting: the person chose to keep it there
    assert board.text() == TOKEN
    assert ticks == []


def test_a_new_copy_restarts_the_countdown(qtbot: QtBot, service: SecureClipboard) -> None:
    service.set_timeout(2)
    service.copy_secret("qk_first")
    with qtbot.waitSignal(service.countdown, timeout=3000) as tick:
        pass
    assert tick.args == [1]
    with qtbot.waitSignal(service.countdown, timeout=1000) as restarted:
        service.copy_secret(TOKEN)
    assert restarted.args == [2]
    assert service.holds_our_secret()


def test_the_secret_is_not_kept_in_the_service(service: SecureClipboard) -> None:
    service.copy_secret(TOKEN)
    for value in vars(service).values():
        if isinstance(value, str):
            assert TOKEN not in value
        if isinstance(value, bytes):
            assert TOKEN.encode() not in value
    assert service.holds_our_secret()


def test_changing_the_timeout_keeps_a_running_countdown(service: SecureClipboard) -> None:
    service.copy_secret(TOKEN)
    service.set_timeout(5)
    assert service.timeout == 5
    assert service.seconds_left == 30
    service.set_timeout(-3)
    assert service.timeout == 0


def test_app_wide_instance_follows_settings_and_clears_on_quit(
    qtbot: QtBot, qapp: QCoreApplication, app_clipboard: None, board: QClipboard
) -> None:
    AppSettings().clipboard_timeout = 45
    shared = secure_clipboard()
    assert secure_clipboard() is shared
    assert shared.parent() is qapp
    assert shared.timeout == 45
    set_clipboard_timeout(12)
    assert shared.timeout == 12
    shared.copy_secret(TOKEN)
    with qtbot.waitSignal(shared.cleared, timeout=1000):
        qapp.aboutToQuit.emit()
    assert board.text() == ""
