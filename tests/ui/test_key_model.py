"""The keys table model and its filter proxy, on plain KeyRecords (no database needed)."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon

from qkeys_desktop.core.permissions import Permission
from qkeys_desktop.core.policy import RegistryPolicy
from qkeys_desktop.core.records import KeyRecord
from qkeys_desktop.ui.key_model import (
    BADGE_ROLE,
    RECORD_ROLE,
    SORT_ROLE,
    Column,
    KeyFilterProxy,
    KeyTableModel,
    Kind,
    limits_badge,
    rate_sentence,
    unused_since,
    uses_sentence,
)
from qkeys_desktop.ui.theme import muted_color, tone_color
from qkeys_desktop.ui.wording import format_ago, format_expiry

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def key(
    name: str,
    key_id: str,
    *,
    permissions: int = Permission.READ,
    projects: tuple[str, ...] = (),
    expires: timedelta | None = None,
    used: timedelta | None = None,
    age: timedelta = timedelta(days=1),
) -> KeyRecord:
    """A record relative to NOW: ``expires`` after NOW, last used ``used`` before NOW."""
    return KeyRecord(
        key_id=key_id,
        name=name,
        permissions=int(permissions),
        projects=projects,
        all_projects=not projects,
        expires_at=None if expires is None else NOW + expires,
        created_at=NOW - age,
        last_used_at=None if used is None else NOW - used,
    )


SAMPLE = [
    key("GitHub Actions deploy", "qk_AAAAAAAAAAA1", permissions=Permission.READ | Permission.WRITE,
        projects=("Backend",), expires=timedelta(days=90), used=timedelta(minutes=5),
        age=timedelta(days=3)),
    key("Grafana read-only", "qk_BBBBBBBBBBB2", expires=None, age=timedelta(days=10)),
    key("Billing webhook", "qk_CCCCCCCCCCC3", permissions=sum(Permission),
        projects=("Backend", "Mobile app"), expires=timedelta(days=3), age=timedelta(days=20)),
    key("Old importer", "qk_DDDDDDDDDDD4", expires=-timedelta(days=2), used=timedelta(days=4),
        age=timedelta(days=40)),
]


@pytest.fixture
def model(qtbot) -> KeyTableModel:  # qtbot: a QApplication exists
    result = KeyTableModel(clock=lambda: NOW)
    result.set_keys(SAMPLE)
    return result


def cell(model, row: int, column: Column, role=Qt.ItemDataRole.DisplayRole):
    return model.index(row, column).data(role)


def test_model_passes_the_model_tester(qtmodeltester, model: KeyTableModel) -> None:
    qtmodeltester.check(model)


def test_model_passes_the_tester_while_reloading_and_sorting(qtmodeltester) -> None:
    model = KeyTableModel(clock=lambda: NOW)
    qtmodeltester.check(model)  # keeps watching the signals from here on
    model.set_keys(SAMPLE)
    model.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    model.set_keys([*SAMPLE[1:], key("New one", "qk_EEEEEEEEEEE5")])
    model.set_keys([])
    qtmodeltester.check(model)


def test_proxy_passes_the_model_tester(qtmodeltester, model: KeyTableModel) -> None:
    proxy = KeyFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search_text("backend")
    qtmodeltester.check(proxy)


def test_cells_show_what_a_person_reads(model: KeyTableModel) -> None:
    texts = [[cell(model, r, c) for c in Column] for r in range(model.rowCount())]
    assert texts[0][:4] == ["GitHub Actions deploy", "qk_AAAAAAAAAAA1", "Backend", "Read, Write"]
    assert texts[0][Column.LAST_USED] == "5 min ago"
    assert texts[1][Column.SCOPE] == "All projects"
    assert texts[1][Column.EXPIRES] == "Never"
    assert texts[1][Column.LAST_USED] == "Never"
    assert texts[2][Column.PERMISSIONS] == "All"
    assert texts[2][Column.SCOPE] == "Backend, Mobile app"
    assert texts[2][Column.EXPIRES] == "in 3 days"
    assert texts[3][Column.EXPIRES] == "Expired"
    assert texts[3][Column.LAST_USED] == "4 days ago"
    assert [cell(model, r, Column.NAME, BADGE_ROLE) for r in range(4)] == [None] * 4  # working


def test_expiry_colours_and_tooltips(model: KeyTableModel) -> None:
    assert cell(model, 2, Column.EXPIRES, Qt.ItemDataRole.ForegroundRole) == tone_color("warning")
    assert cell(model, 3, Column.EXPIRES, Qt.ItemDataRole.ForegroundRole) == tone_color("error")
    assert cell(model, 1, Column.EXPIRES, Qt.ItemDataRole.ForegroundRole) is None
    assert isinstance(cell(model, 3, Column.EXPIRES, Qt.ItemDataRole.ForegroundRole), QColor)
    tip = cell(model, 0, Column.EXPIRES, Qt.ItemDataRole.ToolTipRole)
    local = (NOW + timedelta(days=90)).astimezone()
    assert str(local.year) in tip and f"{local:%H:%M}" in tip
    assert isinstance(cell(model, 0, Column.KEY, Qt.ItemDataRole.FontRole), QFont)


def test_sort_role_gives_raw_values_with_missing_dates_last(model: KeyTableModel) -> None:
    assert cell(model, 1, Column.EXPIRES, SORT_ROLE) == float("inf")
    assert cell(model, 0, Column.EXPIRES, SORT_ROLE) == (NOW + timedelta(days=90)).timestamp()
    assert cell(model, 0, Column.NAME, SORT_ROLE) == "github actions deploy"


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        (Column.NAME, ["Billing webhook", "GitHub Actions deploy", "Grafana read-only",
                       "Old importer"]),
        (Column.EXPIRES, ["Old importer", "Billing webhook", "GitHub Actions deploy",
                          "Grafana read-only"]),
        (Column.LAST_USED, ["Old importer", "GitHub Actions deploy", "Billing webhook",
                            "Grafana read-only"]),
        (Column.CREATED, ["Old importer", "Billing webhook", "Grafana read-only",
                          "GitHub Actions deploy"]),
    ],
)
def test_sorting_through_the_proxy(model: KeyTableModel, column: Column, expected) -> None:
    proxy = KeyFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(column, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(4)] == expected
    proxy.sort(column, Qt.SortOrder.DescendingOrder)
    if column != Column.LAST_USED:  # two keys never used: equal, so order among them is stable
        assert [proxy.index(r, 0).data() for r in range(4)] == expected[::-1]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("", 4),
        ("GRAFANA", ["Grafana read-only"]),
        ("qk_cccc", ["Billing webhook"]),
        ("mobile", ["Billing webhook"]),
        ("backend", ["GitHub Actions deploy", "Billing webhook"]),
        ("nothing like this", []),
    ],
)
def test_filter_by_name_key_id_or_project(model: KeyTableModel, text: str, names) -> None:
    proxy = KeyFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search_text(text)
    shown = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert shown == names if isinstance(names, list) else len(shown) == names
    assert model.rowCount() == 4  # the source is untouched


def test_a_keystroke_filters_the_rows_once(model: KeyTableModel,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    proxy = KeyFilterProxy()
    proxy.setSourceModel(model)
    passes: list[int] = []
    read = model.haystacks
    monkeypatch.setattr(model, "haystacks", lambda: passes.append(1) or read())
    proxy.set_search_text("b")
    proxy.set_search_text("ba")
    assert passes == [1, 1]  # one pass over the search texts per keystroke, not two
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == [
        "GitHub Actions deploy", "Billing webhook"]  # by name, and by project "Backend"


def test_reload_keeps_rows_and_selection_by_key_id(qtbot, model: KeyTableModel) -> None:
    from PySide6.QtWidgets import QTableView

    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.selectionModel().select(
        model.index(2, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    used_now = KeyRecord(**{**_fields(SAMPLE[2]), "last_used_at": NOW})
    model.set_keys([SAMPLE[1], used_now, key("Added later", "qk_EEEEEEEEEEE5")])
    assert not resets
    assert [cell(model, r, Column.NAME) for r in range(3)] == [
        "Grafana read-only", "Billing webhook", "Added later"]
    selected = view.selectionModel().selectedRows()
    assert [i.data(RECORD_ROLE).key_id for i in selected] == ["qk_CCCCCCCCCCC3"]
    assert cell(model, 1, Column.LAST_USED) == "just now"


def test_reload_into_a_sorted_model_puts_new_keys_in_order(model: KeyTableModel) -> None:
    model.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    model.set_keys([*SAMPLE, key("Analytics export", "qk_EEEEEEEEEEE5")])
    assert cell(model, 0, Column.NAME) == "Analytics export"


def test_relative_texts_follow_the_clock() -> None:
    now = [NOW]
    model = KeyTableModel(clock=lambda: now[0])
    model.set_keys([SAMPLE[2]])  # expires in 3 days
    assert cell(model, 0, Column.EXPIRES) == "in 3 days"
    now[0] = NOW + timedelta(days=5)
    assert cell(model, 0, Column.EXPIRES) == "in 3 days"  # cached until refreshed
    model.refresh_times()
    assert cell(model, 0, Column.EXPIRES) == "Expired"


@pytest.mark.parametrize(
    ("delta", "text"),
    [(timedelta(seconds=30), "just now"), (timedelta(hours=1), "1 hour ago"),
     (timedelta(hours=5), "5 hours ago"), (timedelta(days=1, hours=2), "yesterday")],
)
def test_format_ago(delta: timedelta, text: str) -> None:
    assert format_ago(NOW - delta, NOW) == text


@pytest.mark.parametrize(
    ("delta", "text"),
    [(timedelta(minutes=10), "in 10 min"), (timedelta(hours=2, minutes=5), "in 2 hours"),
     (timedelta(days=1, hours=1), "in 1 day"), (timedelta(0), "Expired")],
)
def test_format_expiry(delta: timedelta, text: str) -> None:
    assert format_expiry(NOW + delta, NOW) == text


def test_a_hundred_thousand_keys_load_sort_and_filter_quickly(qtbot) -> None:
    """Not a timing assertion: it must simply finish without per-row work in Qt callbacks."""
    records = [key(f"key {i:06d}", f"qk_{i:012d}", projects=("Backend",) if i % 3 else (),
                   expires=timedelta(days=i % 400 - 10)) for i in range(100_000)]
    model = KeyTableModel(clock=lambda: NOW)
    proxy = KeyFilterProxy()
    proxy.setSourceModel(model)
    started = time.perf_counter()
    model.set_keys(records)
    proxy.sort(Column.EXPIRES, Qt.SortOrder.DescendingOrder)
    proxy.set_search_text("key 0999")
    print(f"100k keys: load+sort+filter {time.perf_counter() - started:.2f}s")
    assert proxy.rowCount() == 100
    assert model.rowCount(QModelIndex()) == 100_000


# -- states, markers and the registry's policy -----------------------------------------------------

LIFE = [
    *SAMPLE,
    replace(SAMPLE[0], key_id="qk_EEEEEEEEEEE5", name="Paused importer",
            disabled_at=NOW - timedelta(hours=1), keychain_service="qkeys",
            description="Runs on the staging box; owned by Dana"),
    replace(SAMPLE[1], key_id="qk_FFFFFFFFFFF6", name="Rolled webhook",
            previous_key_id="qk_OLDOLDOLDOL7", previous_until=NOW + timedelta(hours=5),
            keychain_service="qkeys"),
]


@pytest.fixture
def life(qtbot) -> KeyTableModel:
    result = KeyTableModel(clock=lambda: NOW)
    result.set_keys(LIFE)
    return result


def row_named(model: KeyTableModel, name: str) -> int:
    return next(r for r in range(model.rowCount()) if cell(model, r, Column.NAME) == name)


def test_badges_say_disabled_and_rotating_with_the_time_left(life: KeyTableModel) -> None:
    paused, rolled = row_named(life, "Paused importer"), row_named(life, "Rolled webhook")
    assert cell(life, paused, Column.NAME, BADGE_ROLE) == ("Disabled", "Disabled", "muted")
    assert cell(life, rolled, Column.NAME, BADGE_ROLE) == (
        "Rotating — old token stops in 5 h", "Rotating · 5 h", "info")
    assert cell(life, rolled, Column.NAME) == "Rolled webhook"  # the name stays the name
    assert cell(life, rolled, Column.KEY, BADGE_ROLE) is None  # after the name only
    assert "qk_OLDOLDOLDOL7" in cell(life, rolled, Column.NAME, Qt.ItemDataRole.ToolTipRole)
    assert "refused" in cell(life, paused, Column.NAME, Qt.ItemDataRole.ToolTipRole)
    assert cell(life, rolled, Column.NAME, Qt.ItemDataRole.AccessibleTextRole) == (
        "Rolled webhook, Rotating — old token stops in 5 h")


def test_a_rotation_badge_counts_down_with_the_clock() -> None:
    now = [NOW]
    model = KeyTableModel(clock=lambda: now[0])
    model.set_keys([LIFE[-1]])
    now[0] = NOW + timedelta(hours=4, minutes=20)
    model.refresh_times()
    assert cell(model, 0, Column.NAME, BADGE_ROLE)[0] == "Rotating — old token stops in 40 min"
    now[0] = NOW + timedelta(hours=6)
    model.refresh_times()
    assert cell(model, 0, Column.NAME, BADGE_ROLE) is None  # the overlap is over


def test_a_disabled_row_is_greyed_out_in_every_column(life: KeyTableModel) -> None:
    paused, active = row_named(life, "Paused importer"), row_named(life, "GitHub Actions deploy")
    for column in Column:
        assert cell(life, paused, column, Qt.ItemDataRole.ForegroundRole) == muted_color()
        assert cell(life, active, column, Qt.ItemDataRole.ForegroundRole) is None


def test_an_expired_rotation_says_expired_not_rotating() -> None:
    model = KeyTableModel(clock=lambda: NOW)
    model.set_keys([replace(SAMPLE[3], previous_key_id="qk_OLDOLDOLDOL7",
                                 previous_until=NOW + timedelta(hours=2))])
    assert cell(model, 0, Column.NAME, BADGE_ROLE) is None  # its old token expired with it
    assert cell(model, 0, Column.EXPIRES) == "Expired"


def test_never_expires_is_marked_with_an_icon_and_explained(life: KeyTableModel) -> None:
    never = row_named(life, "Grafana read-only")
    assert cell(life, never, Column.EXPIRES) == "Never"
    assert isinstance(cell(life, never, Column.EXPIRES, Qt.ItemDataRole.DecorationRole), QIcon)
    assert cell(life, never, Column.EXPIRES, Qt.ItemDataRole.ForegroundRole) is None  # subtle
    tip = cell(life, never, Column.EXPIRES, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Never expires") and "policy" not in tip
    dated = row_named(life, "GitHub Actions deploy")
    assert cell(life, dated, Column.EXPIRES, Qt.ItemDataRole.DecorationRole) is None


def test_keys_outside_the_registry_policy_are_flagged_not_changed(qtbot) -> None:
    model = KeyTableModel(clock=lambda: NOW)
    model.set_keys(SAMPLE, RegistryPolicy(max_lifetime_days=30, allow_never=False))
    long_lived, never = row_named(model, "GitHub Actions deploy"), row_named(model, "Grafana "
                                                                                 "read-only")
    tip = cell(model, long_lived, Column.EXPIRES, Qt.ItemDataRole.ToolTipRole)
    assert "Outside this registry's policy" in tip and "30 days" in tip
    assert cell(model, long_lived, Column.EXPIRES, Qt.ItemDataRole.ForegroundRole) == \
        tone_color("warning")
    assert "every key must expire" in cell(model, never, Column.EXPIRES,
                                           Qt.ItemDataRole.ToolTipRole)
    assert cell(model, long_lived, Column.EXPIRES) != "Never"  # the text itself is unchanged
    within = row_named(model, "Billing webhook")  # 23 days in all: inside the policy
    assert "policy" not in cell(model, within, Column.EXPIRES, Qt.ItemDataRole.ToolTipRole)
    model.set_keys(SAMPLE)  # no policy: nothing flagged
    assert "policy" not in cell(model, long_lived, Column.EXPIRES, Qt.ItemDataRole.ToolTipRole)


def test_description_is_searched_and_shown_in_the_name_tooltip(life: KeyTableModel) -> None:
    proxy = KeyFilterProxy()
    proxy.setSourceModel(life)
    proxy.set_search_text("owned by DANA")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Paused importer"]
    tip = proxy.index(0, Column.NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Paused importer\nRuns on the staging box; owned by Dana\nDisabled ")


@pytest.mark.parametrize(
    ("kinds", "names"),
    [
        ({Kind.ACTIVE}, {"GitHub Actions deploy", "Grafana read-only", "Rolled webhook"}),
        ({Kind.EXPIRING}, {"Billing webhook"}),
        ({Kind.EXPIRED}, {"Old importer"}),
        ({Kind.DISABLED}, {"Paused importer"}),
        ({Kind.ROTATING}, {"Rolled webhook"}),
        ({Kind.EXPIRED, Kind.DISABLED}, {"Old importer", "Paused importer"}),  # states: any
        ({Kind.NEVER_EXPIRES}, {"Grafana read-only", "Rolled webhook"}),
        ({Kind.IN_KEYCHAIN}, {"Paused importer", "Rolled webhook"}),
        ({Kind.NEVER_EXPIRES, Kind.IN_KEYCHAIN}, {"Rolled webhook"}),  # traits: all
        ({Kind.ACTIVE, Kind.IN_KEYCHAIN}, {"Rolled webhook"}),  # a state and a trait: both
        ({Kind.DISABLED, Kind.NEVER_EXPIRES}, set()),
    ],
)
def test_kinds_filter_by_state_and_trait(life: KeyTableModel, kinds: set[Kind],
                                         names: set[str]) -> None:
    proxy = KeyFilterProxy()
    proxy.setSourceModel(life)
    proxy.set_kinds(kinds)
    assert {proxy.index(r, 0).data() for r in range(proxy.rowCount())} == names
    assert proxy.filtering()
    proxy.set_kinds(())
    assert proxy.rowCount() == len(LIFE) and not proxy.filtering()


def test_kinds_combine_with_the_search_and_follow_reloads(qtmodeltester,
                                                        life: KeyTableModel) -> None:
    proxy = KeyFilterProxy()
    proxy.setSourceModel(life)
    proxy.set_kinds({Kind.ACTIVE})
    proxy.set_search_text("g")
    assert {proxy.index(r, 0).data() for r in range(proxy.rowCount())} == {
        "GitHub Actions deploy", "Grafana read-only"}
    qtmodeltester.check(proxy)
    life.set_keys([*LIFE[:1], replace(LIFE[1], disabled_at=NOW)])
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == [
        "GitHub Actions deploy"]  # Grafana was disabled meanwhile


def _fields(record: KeyRecord) -> dict:
    return {name: getattr(record, name) for name in record.__slots__}


# -- use and limits -----------------------------------------------------------------------------


def test_unused_for_90_days_means_old_and_idle() -> None:
    now = NOW.timestamp()
    day = 86400
    assert unused_since(int(now - 120 * day), None, now)  # old, never used
    assert unused_since(int(now - 120 * day), int(now - 90 * day), now)  # idle exactly 90 days
    assert not unused_since(int(now - 120 * day), int(now - 89 * day), now)
    assert not unused_since(int(now - 30 * day), None, now)  # new: not yet a candidate


def test_limits_in_words() -> None:
    plain = key("Plain", "qk_EEEEEEEEEEE5")
    limited = replace(plain, uses_limit=100, uses_remaining=12, uses_refill="monthly",
                      rate_limit=10, rate_window=60)
    assert limits_badge(plain) == "" and uses_sentence(plain) == "Unlimited"
    assert rate_sentence(plain) == "None"
    assert limits_badge(limited) == "12/100 uses · 10/min"
    assert uses_sentence(limited) == ("12 of 100 uses left, refilled to 100 on the first of "
                                      "every month (UTC)")
    assert rate_sentence(limited) == "At most 10 valid checks per minute"
    spent = replace(limited, uses_remaining=0, uses_refill=None)
    assert uses_sentence(spent).endswith("used up: checks are refused with “usage exhausted”")


def test_the_uses_column_sorts_and_the_unused_chip_filters(qtbot) -> None:
    old = [replace(k, uses_30d=n) for k, n in zip(SAMPLE, (5, 0, 40, 0), strict=True)]
    idle = key("Idle", "qk_FFFFFFFFFFF6", age=timedelta(days=200), used=timedelta(days=100))
    model = KeyTableModel(clock=lambda: NOW)
    model.set_keys([*old, idle])
    model.sort(Column.USES, Qt.SortOrder.DescendingOrder)
    assert [cell(model, row, Column.NAME) for row in range(3)] == [
        "Billing webhook", "GitHub Actions deploy", "Old importer"]  # 0 uses: names, reversed
    assert cell(model, 0, Column.USES) == "40"
    assert cell(model, 0, Column.USES, SORT_ROLE) == 40
    proxy = KeyFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_kinds([Kind.UNUSED])
    assert [proxy.index(row, Column.NAME).data() for row in range(proxy.rowCount())] == ["Idle"]
    proxy.set_kinds([Kind.UNUSED, Kind.EXPIRED])  # a trait and a state: both must hold
    assert proxy.rowCount() == 0
