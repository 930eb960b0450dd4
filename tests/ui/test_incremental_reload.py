"""The keys table follows changes by reading only what changed, and still shows exactly what
reading every key would: another process's edits, deletions, rotations and new keys, our own
writes, in any sort order, under a search, with the selection kept — through the real window,
on both engines. The merge itself (ui/key_merge.py) is tested on plain lists too."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta
from operator import itemgetter
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from qkeys_desktop.core.hashing import SecretHasher
from qkeys_desktop.core.key_listing import KeyChanges
from qkeys_desktop.core.records import KEY_EXPIRES_AT, KEY_ID, KEY_NAME, KeyRow
from qkeys_desktop.core.store import Store
from qkeys_desktop.ui import key_merge
from qkeys_desktop.ui.key_model import Column, KeyTableModel, search_texts
from qkeys_desktop.ui.main_window import MainWindow
from qkeys_desktop.ui.settings import AppSettings
from qkeys_desktop.ui.tasks import TaskRunner

RUN_ON_BOTH_ENGINES = True
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def other(store_target: str, fast_hasher: SecretHasher, store: Store) -> Iterator[Store]:
    """Another connection to the registry, as another process has."""
    opened = Store.open(store_target, hasher=fast_hasher)
    yield opened
    opened.close()


@pytest.fixture
def reads(listing_reads: list[KeyChanges]) -> list[KeyChanges]:
    """Every read the window's listing makes."""
    return listing_reads


@pytest.fixture
def window(qtbot: Any, store: Store, settings: AppSettings, runner: TaskRunner,
           reads: list[KeyChanges]) -> Iterator[MainWindow]:
    for i in range(12):
        store.create_key(f"key {i:02d}", ["read"], store.clock() + timedelta(days=10 + i))
    opened = MainWindow(store, settings, runner)
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitUntil(lambda: opened.keys_page.model.rowCount() == 12)
    yield opened
    opened.close()
    qtbot.waitUntil(lambda: opened.watcher.pending == 0)


def table(window: MainWindow) -> QTableView:
    return window.findChild(QTableView, "keysTable")


def shown_ids(window: MainWindow) -> list[str]:
    """Key ids in the order the table shows them (through the proxy: search applied)."""
    proxy = table(window).model()
    return [proxy.index(row, Column.KEY).data() for row in range(proxy.rowCount())]


def read_afresh(window: MainWindow, store: Store) -> list[str]:
    """What a full read would show: every key, in the table's order, through the search."""
    page = window.keys_page
    model = KeyTableModel(clock=store.clock)
    if page.model._sort is not None:
        model.sort(*page.model._sort)  # the same order
    model.apply(model.prepare(store.key_rows()))
    needle = page.proxy.filter_text()
    return [row[KEY_ID] for row in model._rows
            if not needle or needle in model.haystacks()[model.row_of(row[KEY_ID])]]


def settle(qtbot: Any, window: MainWindow, store: Store) -> None:
    """Wait until the window shows what the registry holds."""
    qtbot.waitUntil(lambda: shown_ids(window) == read_afresh(window, store)
                    and not window.keys_page._reloads.loading, timeout=5000)


def test_another_process_changes_arrive_as_changes(
        qtbot: Any, window: MainWindow, store: Store, other: Store,
        reads: list[KeyChanges]) -> None:
    rows = window.keys_page.model
    renamed, deleted, rotated = (rows.record(i).key_id for i in (2, 5, 8))
    before = len(reads)
    other.edit_key(renamed, name="renamed elsewhere")
    other.delete_key(deleted)
    new_id = other.rotate_key(rotated).record.key_id
    other.create_key("made elsewhere", ["read"], None)
    settle(qtbot, window, store)  # in the order a full read gives
    ids = shown_ids(window)
    assert deleted not in ids and rotated not in ids and new_id in ids
    assert window.keys_page.model.record(rows.row_of(renamed)).name == "renamed elsewhere"
    assert reads[before:] and not any(changes.full for changes in reads[before:])


def test_a_change_finds_its_place_in_any_order_and_keeps_the_selection(
        qtbot: Any, window: MainWindow, store: Store, other: Store) -> None:
    page = window.keys_page
    table(window).sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
    page.select_key(page.model.record(page.model.row_of(shown_ids(window)[3])).key_id)
    selected = page.selected_records()[0].key_id
    first = shown_ids(window)[0]
    other.edit_key(first, name="zz last by name")
    other.create_key("aa first by name", ["read"], None)
    settle(qtbot, window, store)
    names = [page.model.record(page.model.row_of(key_id)).name for key_id in shown_ids(window)]
    assert names[0] == "aa first by name" and names[-1] == "zz last by name"
    assert [record.key_id for record in page.selected_records()] == [selected]


def test_our_own_writes_show_through_a_read_of_what_changed(
        qtbot: Any, window: MainWindow, store: Store, reads: list[KeyChanges],
        confirm: Any) -> None:
    page = window.keys_page
    before = len(reads)
    ids = shown_ids(window)
    selection = table(window).selectionModel()
    page.select_key(ids[1])
    for key_id in ids[2:6]:  # five rows, and three apart from the rest
        index = page.proxy.mapFromSource(page.model.index(page.model.row_of(key_id), 0))
        selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    assert [record.key_id for record in page.selected_records()] == ids[1:6]
    page.delete_selected()
    qtbot.waitUntil(lambda: len(shown_ids(window)) == 7)
    settle(qtbot, window, store)
    assert confirm.asked  # asked through the real question's seam
    assert page.selected_records() == []  # the deleted rows are let go of
    assert shown_ids(window) == [ids[0], *ids[6:]]
    assert all(not changes.full for changes in reads[before:])


def test_a_search_stays_applied_while_changes_merge_in(
        qtbot: Any, window: MainWindow, store: Store, other: Store) -> None:
    page = window.keys_page
    page.search.setText("key 0")
    assert len(shown_ids(window)) == 10
    other.create_key("key 0x new", ["read"], None)
    other.edit_key(shown_ids(window)[0], name="no longer matching")
    settle(qtbot, window, store)
    assert len(shown_ids(window)) == 10


def test_nothing_is_lost_under_rapid_changes(
        qtbot: Any, window: MainWindow, store: Store, other: Store,
        reads: list[KeyChanges]) -> None:
    rng = random.Random(15)
    table(window).sortByColumn(Column.EXPIRES, Qt.SortOrder.DescendingOrder)
    before = len(reads)
    made = 0
    for step in range(40):
        living = [row[KEY_ID] for row in other.key_rows()]
        action = rng.choice(("create", "edit", "delete", "rotate"))
        if action == "create" or len(living) < 3:
            made += 1
            other.create_key(f"rapid {made}", ["read"],
                             other.clock() + timedelta(days=rng.randint(1, 400)))
        elif action == "edit":
            other.edit_key(rng.choice(living), name=f"edited {step}",
                           expires_at=other.clock() + timedelta(days=rng.randint(1, 400)))
        elif action == "delete":
            other.delete_key(rng.choice(living))
        else:
            other.rotate_key(rng.choice(living))
        if rng.random() < 0.3:
            qtbot.wait(rng.randint(0, 300))  # now and then the window catches up midway
    settle(qtbot, window, store)
    assert not any(changes.full for changes in reads[before:])
    expired, soon = window.keys_page.model.expiry_counts()
    assert (expired, soon) == _expiry_counts(store)


def _expiry_counts(store: Store) -> tuple[int, int]:
    now = store.clock().timestamp()
    expiries = [row[KEY_EXPIRES_AT] for row in store.key_rows() if row[KEY_EXPIRES_AT]]
    return (sum(e <= now for e in expiries), sum(now < e <= now + 7 * 86400 for e in expiries))


# -- the merge on plain lists ---------------------------------------------------------------------


def _row(key_id: str, name: str, expires: int | None = None) -> KeyRow:
    return (key_id, name, 1, (), True, expires, 0, None, None, "", None, None, None, None, None,
            None, None, None, None, None, 0)


@pytest.mark.sqlite_only
@pytest.mark.parametrize("dropped", [3, 100])  # in place, and one filtering pass
def test_drop_keeps_the_order_of_what_stays(dropped: int) -> None:
    rows = [_row(f"id{i:03d}", f"n{i:03d}") for i in range(200)]
    texts = [row[KEY_NAME] for row in rows]
    gone = {f"id{i:03d}" for i in range(0, 2 * dropped, 2)} | {"not listed"}
    kept, kept_texts, out, at = key_merge.drop(rows, texts, key_merge.positions(rows), gone)
    assert [rows[i] for i in at] == out
    assert [row[KEY_ID] for row in kept] == [row[KEY_ID] for row in rows if row[KEY_ID] not in gone]
    assert kept_texts == [row[KEY_NAME] for row in kept]
    assert sorted(row[KEY_ID] for row in out) == sorted(gone - {"not listed"})
    assert len(rows) == 200  # the rows shown are not touched


@pytest.mark.sqlite_only
@pytest.mark.parametrize("descending", [False, True])
def test_insert_places_rows_by_the_sort_key(descending: bool) -> None:
    names = sorted((f"n{i:03d}" for i in range(0, 100, 10)), reverse=descending)
    rows = [_row(name, name) for name in names]
    texts = list(names)
    key_merge.insert(rows, texts, [_row("n055", "n055"), _row("n000b", "n000b")],
                     lambda row: row[KEY_NAME].upper(), itemgetter(KEY_NAME), descending)
    assert [row[KEY_NAME] for row in rows] == sorted([*names, "n055", "n000b"], reverse=descending)
    assert texts == [row[KEY_NAME].upper() if row[KEY_NAME] in ("n055", "n000b")
                     else row[KEY_NAME] for row in rows]  # the new rows' texts beside them


@pytest.mark.sqlite_only
def test_expiries_follow_the_rows_that_come_and_go() -> None:
    expiries = [10, 20, 20, 30]
    moved = key_merge.move_expiries(expiries, [_row("a", "a", 20), _row("b", "b")],
                                    [_row("c", "c", 25), _row("d", "d", 5)])
    assert moved == [5, 10, 20, 25, 30]
    assert expiries == [10, 20, 20, 30]


@pytest.mark.sqlite_only
def test_taken_names_follow_the_uniqueness_rule_for_any_script(qtbot: Any) -> None:
    """The Create dialog's duplicate check: names folded as core.validation.name_key folds
    them (the model takes a shortcut for ASCII names)."""
    from qkeys_desktop.core.validation import name_key

    names = ["Billing API", "Straße", "Café", "ﬁx", "İstanbul", "ǅemal"]  # unique when folded
    model = KeyTableModel()
    model.apply(model.prepare([_row(f"id{i}", name) for i, name in enumerate(names)]))
    assert model.taken_names() == {name_key(name) for name in names}
    changes = KeyChanges(False, [_row("new", "STRASSE 2")], frozenset({"id1"}))
    model.apply(model.prepare_changes(changes))
    assert model.taken_names() == {name_key(name) for name in [*names[:1], *names[2:],
                                                               "STRASSE 2"]}


@pytest.mark.sqlite_only
@pytest.mark.parametrize("sort", [None, (Column.NAME, Qt.SortOrder.AscendingOrder),
                                  (Column.CREATED, Qt.SortOrder.DescendingOrder)])
def test_rows_are_found_by_key_id_after_many_merges(
        qtbot: Any, sort: tuple[int, Qt.SortOrder] | None) -> None:
    """Where each key is after merge upon merge, answered from the merges (key_merge.Shifted)
    and, now and then, from a dictionary made afresh: always where the row really is."""
    rng = random.Random(7)
    model = KeyTableModel()
    if sort is not None:
        model.sort(*sort)
    made = 300
    model.apply(model.prepare([_row(f"id{i:04d}", f"name {rng.random():.6f}")
                               for i in range(made)]))
    for _ in range(60):
        listed = [row[KEY_ID] for row in model._rows]
        gone = set(rng.sample(listed, rng.randint(0, 3)))
        changed = [_row(key_id, f"name {rng.random():.6f}")
                   for key_id in rng.sample(listed, rng.randint(0, 2)) if key_id not in gone]
        for _new in range(rng.randint(0, 3)):
            made += 1
            changed.append(_row(f"id{made:04d}", f"name {rng.random():.6f}"))
        model.apply(model.prepare_changes(KeyChanges(False, changed, frozenset(gone))))
        shown = [row[KEY_ID] for row in model._rows]
        assert all(model.row_of(key_id) == at for at, key_id in enumerate(shown))
        assert all(model.row_of(key_id) == -1 for key_id in gone)
        if sort is not None:
            keys = [_sort_key_of(model, row) for row in model._rows]
            assert keys == sorted(keys, reverse=sort[1] == Qt.SortOrder.DescendingOrder)


def _sort_key_of(model: KeyTableModel, row: KeyRow) -> Any:
    from qkeys_desktop.ui.key_model import _sort_key

    assert model._sort is not None
    return _sort_key(model._sort[0])(row)


def test_a_full_read_is_shown_before_its_search_texts_and_a_search_works_at_once(
        qtbot: Any, window: MainWindow, store: Store) -> None:
    page = window.keys_page
    with qtbot.waitSignal(page.count_changed):
        page.reload()  # a full read (F5): the texts are made after the rows are shown
    shown = page.model.texts_missing()
    assert shown is not None and len(shown) == 12
    page.search.setText("key 0")  # a keystroke before they are made: made there and then
    assert len(shown_ids(window)) == 10
    assert shown_ids(window) == read_afresh(window, store)
    page.search.clear()
    with qtbot.waitSignal(page.count_changed):
        page.reload()
    qtbot.waitUntil(lambda: page.model.texts_missing() is None)  # made in the background
    assert page.model.haystacks() == search_texts(page.model._rows)
    page.search.setText("KEY 1")
    assert shown_ids(window) == read_afresh(window, store) and len(shown_ids(window)) == 2


def test_search_texts_made_for_rows_no_longer_shown_are_dropped(qtbot: Any) -> None:
    rows = [_row(f"qk_{i:012d}", f"key {4 - i}") for i in range(5)]  # sorting reorders them
    model = KeyTableModel()
    model.apply(model.prepare(rows, with_texts=False))
    stale = model.texts_missing()
    assert stale is not None
    model.sort(Column.NAME, Qt.SortOrder.AscendingOrder)  # other rows (a new list) now
    model.add_texts(stale, search_texts(stale))  # in the shown order before the sort
    assert model.haystacks() == search_texts(model._rows)
    model.add_texts(model._rows, ["stale"] * 5)  # texts made already: kept
    assert model.haystacks() == search_texts(model._rows)
