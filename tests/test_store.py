"""Every store operation and validation rule, on a real SQLite file in tmp_path."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from doubles import FakeClock

from qkeys_desktop.core.errors import NotFoundError, StoreError, ValidationError
from qkeys_desktop.core.hashing import SecretHasher
from qkeys_desktop.core.migrations import SchemaTooNewError
from qkeys_desktop.core.permissions import Permission
from qkeys_desktop.core.records import KeyStatus, key_record
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import parse_token

RUN_ON_BOTH_ENGINES = True  # the store's behaviour is the same on SQLite and PostgreSQL


T0 = datetime(2031, 3, 14, 9, 26, 53, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


def field_of(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return error.value.field


def database_files(db_path: Path) -> list[Path]:
    return [p for p in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")) if p.exists()]


def raw_rows(source: Path | Store, sql: str) -> list[tuple[Any, ...]]:
    """Rows read around the Store's own queries: on its connection (any engine) or a file."""
    if isinstance(source, Store):
        return [tuple(row) for row in source.db.execute_sql(sql).fetchall()]
    connection = sqlite3.connect(source)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


# -- key names ---------------------------------------------------------------------------------


def test_create_returns_record_and_working_token(store: Store) -> None:
    created = store.create_key("Billing sync", [Permission.READ, "write"], None)
    record = created.record
    assert record.name == "Billing sync"
    assert record.permission_names == ["read", "write"]
    assert record.all_projects and record.projects == ()
    assert record.expires_at is None and record.last_used_at is None
    assert created.token.startswith(record.key_id + "_")
    assert store.verify(created.token, "read").ok


def test_name_is_trimmed(store: Store) -> None:
    assert store.create_key("  padded \t", ["read"], None).record.name == "padded"


@pytest.mark.parametrize("name", ["a", "x" * 64, "  " + "y" * 64 + "  ", "Ünïcödé ключ 鍵 🔑"])
def test_names_of_1_to_64_characters_are_accepted(store: Store, name: str) -> None:
    assert store.create_key(name, ["read"], None).record.name == name.strip()


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_empty_name_is_refused(store: Store, name: str) -> None:
    with pytest.raises(ValidationError) as caught:
        store.create_key(name, ["read"], None)
    assert field_of(caught) == "name"
    assert "Enter a name" in caught.value.message


def test_name_of_65_characters_is_refused_with_the_limit(store: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        store.create_key("z" * 65, ["read"], None)
    assert field_of(caught) == "name"
    assert "64" in str(caught.value)


@pytest.mark.parametrize(
    "character", ["\x00", "\x07", "\x1b", "\x7f", "\u0085", "\u200b", "\ufeff", "\u2028"]
)
def test_control_and_invisible_characters_are_refused(store: Store, character: str) -> None:
    with pytest.raises(ValidationError) as caught:
        store.create_key(f"bad{character}name", ["read"], None)
    assert field_of(caught) == "name"


@pytest.mark.parametrize(
    "character", ["\u202e", "\u202d", "\u202a", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f"]
)
def test_bidi_override_characters_are_refused(store: Store, character: str) -> None:
    with pytest.raises(ValidationError) as caught:
        store.create_key(f"invoice{character}fdp.exe", ["read"], None)
    assert field_of(caught) == "name"
    assert "direction" in caught.value.message


def test_non_text_name_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError):
        store.create_key(None, ["read"], None)  # type: ignore[arg-type]


@pytest.mark.parametrize("second", ["Deploy", "deploy", "DEPLOY", "  dEpLoY "])
def test_duplicate_names_are_refused_regardless_of_case(store: Store, second: str) -> None:
    store.create_key("Deploy", ["read"], None)
    with pytest.raises(ValidationError) as caught:
        store.create_key(second, ["write"], None)
    assert field_of(caught) == "name"
    assert len(store.list_keys()) == 1


def test_duplicate_name_check_uses_casefold(store: Store) -> None:
    store.create_key("Straße", ["read"], None)
    with pytest.raises(ValidationError):
        store.create_key("STRASSE", ["read"], None)


def test_regenerate_keeps_the_name_taken(store: Store) -> None:
    store.create_key("Deploy", ["read"], None)
    store.regenerate_key("deploy")
    assert [k.name for k in store.list_keys()] == ["Deploy"]
    with pytest.raises(ValidationError) as caught:
        store.create_key("DEPLOY", ["read"], None)
    assert field_of(caught) == "name"


def test_a_deleted_keys_name_is_free_again(store: Store) -> None:
    store.create_key("reuse", ["read"], None)
    store.delete_key("reuse")
    assert store.create_key("Reuse", ["read"], None).record.name == "Reuse"


# -- permissions and scope ---------------------------------------------------------------------


def test_no_permission_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        store.create_key("none", [], None)
    assert field_of(caught) == "permissions"


@pytest.mark.parametrize("unknown", ["admin", "reed", "", "read,write"])
def test_unknown_permission_is_refused_with_the_choices(store: Store, unknown: str) -> None:
    with pytest.raises(ValidationError) as caught:
        store.create_key("k", ["read", unknown], None)
    assert field_of(caught) == "permissions"
    assert "create, read, write, delete, invite" in caught.value.message


def test_all_five_permissions_by_name_any_case(store: Store) -> None:
    record = store.create_key("all", ["CREATE", "Read", "write", " delete ", "invite"], None).record
    assert record.permission_names == ["create", "read", "write", "delete", "invite"]
    assert record.permissions == 31


def test_empty_project_list_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        store.create_key("k", ["read"], None, [])
    assert field_of(caught) == "projects"


def test_blank_project_names_count_as_empty(store: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        store.create_key("k", ["read"], None, ["  ", ""])
    assert field_of(caught) == "projects"


def test_unknown_project_is_refused_and_nothing_is_created(store: Store) -> None:
    store.add_project("Known")
    with pytest.raises(ValidationError) as caught:
        store.create_key("k", ["read"], None, ["Known", "Unknown"])
    assert field_of(caught) == "projects"
    assert "'Unknown'" in caught.value.message
    assert store.list_keys() == []


def test_scope_names_match_projects_regardless_of_case(store: Store) -> None:
    store.add_project("Garden")
    record = store.create_key("k", ["read"], None, ["garden", "GARDEN"]).record
    assert record.projects == ("Garden",)
    assert not record.all_projects


# -- expiration --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "offset",
    [timedelta(seconds=-1), timedelta(0), timedelta(days=-400)],
    ids=["past", "now", "old"],
)
def test_expiration_not_in_the_future_is_refused(
    timed: Store, clock: FakeClock, offset: timedelta
) -> None:
    with pytest.raises(ValidationError) as caught:
        timed.create_key("k", ["read"], clock.now + offset)
    assert field_of(caught) == "expiration"


def test_expiration_more_than_ten_years_away_is_refused(timed: Store, clock: FakeClock) -> None:
    with pytest.raises(ValidationError) as caught:
        timed.create_key("k", ["read"], clock.now + timedelta(days=3661))
    assert field_of(caught) == "expiration"
    assert "never" in caught.value.message


def test_naive_expiration_is_refused(timed: Store, clock: FakeClock) -> None:
    naive = (clock.now + timedelta(days=3)).replace(tzinfo=None)
    with pytest.raises(ValidationError) as caught:
        timed.create_key("k", ["read"], naive)
    assert field_of(caught) == "expiration"


def test_expiration_is_stored_in_utc(timed: Store, clock: FakeClock) -> None:
    from datetime import timezone

    tokyo = timezone(timedelta(hours=9))
    moment = (clock.now + timedelta(days=1)).astimezone(tokyo)
    record = timed.create_key("k", ["read"], moment).record
    assert record.expires_at == moment
    assert record.expires_at is not None and record.expires_at.utcoffset() == timedelta(0)


# -- listing -----------------------------------------------------------------------------------


def test_list_keys_status_follows_the_clock(timed: Store, clock: FakeClock) -> None:
    timed.create_key("forever", ["read"], None)
    timed.create_key("month", ["read"], clock.now + timedelta(days=30))
    timed.create_key("week", ["read"], clock.now + timedelta(days=7))
    timed.create_key("week+1s", ["read"], clock.now + timedelta(days=7, seconds=1))
    timed.create_key("hour", ["read"], clock.now + timedelta(hours=1))

    def statuses() -> dict[str, KeyStatus]:
        return {k.name: k.status(clock()) for k in timed.list_keys()}

    assert statuses() == {
        "forever": KeyStatus.ACTIVE,
        "month": KeyStatus.ACTIVE,
        "week+1s": KeyStatus.ACTIVE,
        "week": KeyStatus.EXPIRING,
        "hour": KeyStatus.EXPIRING,
    }
    clock.advance(hours=1)
    assert statuses()["hour"] is KeyStatus.EXPIRED
    clock.advance(days=23)
    assert statuses() == {
        "forever": KeyStatus.ACTIVE,
        "month": KeyStatus.EXPIRING,
        "week+1s": KeyStatus.EXPIRED,
        "week": KeyStatus.EXPIRED,
        "hour": KeyStatus.EXPIRED,
    }


def test_expired_keys_stay_listed(timed: Store, clock: FakeClock) -> None:
    timed.create_key("short", ["read"], clock.now + timedelta(minutes=1))
    clock.advance(days=365)
    assert [k.name for k in timed.list_keys()] == ["short"]


def test_list_keys_newest_first_with_scope(timed: Store, clock: FakeClock) -> None:
    timed.add_project("B")
    timed.add_project("a")
    timed.create_key("old", ["read"], None, ["B", "a"])
    clock.advance(seconds=5)
    timed.create_key("new", ["write"], None)
    listed = timed.list_keys()
    assert [k.name for k in listed] == ["new", "old"]
    assert listed[1].projects == ("a", "B")
    assert listed[0].created_at == clock.now


class StatementCounter:
    def __init__(self, store: Store) -> None:
        self.original = store.db.execute_sql
        self.statements: list[str] = []

    def __call__(self, sql: str, *args: Any, **kwargs: Any) -> Any:
        self.statements.append(sql)
        return self.original(sql, *args, **kwargs)


def count_list_queries(store: Store, monkeypatch: pytest.MonkeyPatch) -> int:
    counter = StatementCounter(store)
    with monkeypatch.context() as patch:
        patch.setattr(store.db, "execute_sql", counter)
        keys = store.list_keys()
    assert keys
    return len(counter.statements)


def test_list_keys_uses_a_constant_number_of_queries(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("P1", "P2", "P3"):
        store.add_project(name)
    for number in range(5):
        store.create_key(f"k{number}", ["read"], None, ["P1", "P2"] if number % 2 else None)
    with_5 = count_list_queries(store, monkeypatch)
    for number in range(5, 50):
        store.create_key(f"k{number}", ["read"], None, ["P3"] if number % 2 else None)
    with_50 = count_list_queries(store, monkeypatch)
    assert len(store.list_keys()) == 50
    assert with_5 == with_50 <= 3


def test_get_key_by_id_or_name(store: Store) -> None:
    record = store.create_key("Lookup Me", ["read"], None).record
    assert store.get_key(record.key_id) == record
    assert store.get_key("lookup me") == record
    assert store.get_key(f"  {record.key_id} ") == record
    with pytest.raises(NotFoundError):
        store.get_key("qk_000000000000")


# -- delete ------------------------------------------------------------------------------------


def test_delete_removes_row_keeps_event_and_revokes(timed: Store, clock: FakeClock) -> None:
    store = timed
    created = store.create_key("doomed", ["read"], None)
    key_id = created.record.key_id
    assert store.verify(created.token, "read").ok
    clock.advance(hours=2)
    deleted = store.delete_key("doomed")
    assert deleted.key_id == key_id
    assert store.list_keys() == []
    assert raw_rows(store, "SELECT key_id FROM api_key") == []
    with pytest.raises(NotFoundError):
        store.get_key(key_id)
    clock.advance(days=1)
    verdict = store.verify(created.token, "read")
    assert (verdict.ok, verdict.reason, verdict.key_id) == (False, "revoked", key_id)
    assert verdict.stopped_at == T0 + timedelta(hours=2)
    tombstone = store.retired_key(key_id)
    assert tombstone is not None
    assert (tombstone.key_id, tombstone.name, tombstone.reason, tombstone.at) == (
        key_id, "doomed", "revoked", T0 + timedelta(hours=2))
    assert tombstone.actor == store.actor
    newest = store.list_events()[0]
    assert (newest.kind, newest.key_id, newest.name) == ("key.deleted", key_id, "doomed")


def test_delete_removes_scope_links(store: Store) -> None:
    store.add_project("P")
    store.create_key("scoped", ["read"], None, ["P"])
    store.delete_key("scoped")
    assert raw_rows(store, "SELECT * FROM key_project") == []
    assert store.list_projects()[0].key_count == 0


def test_delete_unknown_key_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError) as caught:
        store.delete_key("ghost")
    assert "ghost" in str(caught.value)


def test_delete_keys_is_all_or_nothing(store: Store) -> None:
    store.create_key("one", ["read"], None)
    store.create_key("two", ["read"], None)
    revision, events = store.revision(), store.list_events()
    with pytest.raises(NotFoundError):
        store.delete_keys(["one", "missing", "two"])
    assert sorted(k.name for k in store.list_keys()) == ["one", "two"]
    assert store.revision() == revision
    assert store.list_events() == events
    assert [k.name for k in store.delete_keys(["one", "TWO"])] == ["one", "two"]
    assert store.list_keys() == []


def test_deleted_hash_leaves_no_trace_in_the_database_files(
    sqlite_store: Store, db_path: Path
) -> None:
    """secure_delete: a revoked key's hash is gone from the file, and from the WAL too."""
    store = sqlite_store
    store.create_key("keep", ["read"], None)
    key_id = store.create_key("scrub", ["read"], None).record.key_id
    rows = raw_rows(db_path, f"SELECT secret_hash FROM api_key WHERE key_id = '{key_id}'")
    salt_and_digest = rows[0][0].split("$", 4)[-1].encode()
    store.delete_key(key_id)
    store.list_keys()  # the store stays open, as the window keeps it
    for path in database_files(db_path):
        assert salt_and_digest not in path.read_bytes(), path.name


# -- regenerate --------------------------------------------------------------------------------


def test_regenerate_keeps_settings_and_lifetime(timed: Store, clock: FakeClock) -> None:
    timed.add_project("Alpha")
    timed.add_project("Beta")
    old = timed.create_key("svc", ["read", "invite"], clock.now + timedelta(days=30), ["Beta"])
    clock.advance(days=10, seconds=7)
    new = timed.regenerate_key("SVC")
    assert new.record.key_id != old.record.key_id
    assert new.token != old.token
    assert new.record.name == "svc"
    assert new.record.permissions == old.record.permissions
    assert new.record.projects == ("Beta",) and not new.record.all_projects
    assert new.record.created_at == clock.now
    assert new.record.expires_at == clock.now + timedelta(days=30)
    assert [k.key_id for k in timed.list_keys()] == [new.record.key_id]


def test_regenerate_never_expiring_stays_never(store: Store) -> None:
    store.create_key("eternal", ["read"], None)
    assert store.regenerate_key("eternal").record.expires_at is None


def test_regenerate_of_an_all_projects_key_stays_all_projects(store: Store) -> None:
    store.add_project("P")
    store.create_key("wide", ["read"], None)
    record = store.regenerate_key("wide").record
    assert record.all_projects and record.projects == ()


def test_regenerate_stops_the_old_token_as_rotated_and_issues_a_working_one(
    timed: Store, clock: FakeClock
) -> None:
    store = timed
    old = store.create_key("rotate", ["write"], None)
    assert store.verify(old.token, "write").ok
    clock.advance(minutes=5)
    new = store.regenerate_key(old.record.key_id)
    clock.advance(minutes=5)
    verdict = store.verify(old.token, "write")
    assert (verdict.ok, verdict.reason, verdict.key_id) == (False, "rotated", old.record.key_id)
    assert verdict.stopped_at == T0 + timedelta(minutes=5)
    assert store.verify(new.token, "write").ok
    tombstone = store.retired_key(old.record.key_id)
    assert tombstone is not None and (tombstone.reason, tombstone.name) == ("rotated", "rotate")
    assert store.retired_key(new.record.key_id) is None


def test_regenerate_records_one_rotated_event_on_the_key(store: Store) -> None:
    old = store.create_key("rotate", ["read"], None).record.key_id
    new = store.regenerate_key("rotate").record.key_id
    rotated, created = store.list_events()[:2]
    assert (rotated.kind, rotated.key_id, rotated.name) == ("key.rotated", new, "rotate")
    assert f"replaces {old}, which stopped working at once" in rotated.details
    assert (created.kind, created.key_id) == ("key.created", old)
    assert len(store.list_events()) == 2  # no key.deleted, no key.regenerated
    # the key's history, asked by either id, holds both events
    for asked in (old, new):
        assert [e.kind for e in store.list_events(key_id=asked)] == ["key.rotated", "key.created"]


def test_regenerate_unknown_key_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.regenerate_key("nobody")


# -- projects ----------------------------------------------------------------------------------


def test_add_and_list_projects_by_name_with_key_counts(store: Store) -> None:
    store.add_project("zeta")
    store.add_project(" Alpha ")
    store.create_key("k", ["read"], None, ["alpha"])
    assert [(p.name, p.key_count) for p in store.list_projects()] == [("Alpha", 1), ("zeta", 0)]


@pytest.mark.parametrize("second", ["Garden", "garden", " GARDEN "])
def test_duplicate_project_is_refused_regardless_of_case(store: Store, second: str) -> None:
    store.add_project("Garden")
    with pytest.raises(ValidationError) as caught:
        store.add_project(second)
    assert field_of(caught) == "project"
    assert len(store.list_projects()) == 1


@pytest.mark.parametrize("name", ["", "p" * 65, "evil\u202eproject", "tab\tname"])
def test_project_names_follow_the_name_rules(store: Store, name: str) -> None:
    with pytest.raises(ValidationError) as caught:
        store.add_project(name)
    assert field_of(caught) == "project"


def test_rename_keeps_scope_links(store: Store) -> None:
    store.add_project("Old")
    created = store.create_key("k", ["read"], None, ["Old"])
    store.rename_project("old", "New")
    assert store.get_key("k").projects == ("New",)
    assert store.verify(created.token, "read", "new").ok
    assert store.verify(created.token, "read", "Old").reason == "project out of scope"


def test_rename_to_another_projects_name_is_refused(store: Store) -> None:
    store.add_project("One")
    store.add_project("Two")
    with pytest.raises(ValidationError) as caught:
        store.rename_project("One", "two")
    assert field_of(caught) == "project"
    assert [p.name for p in store.list_projects()] == ["One", "Two"]


def test_rename_may_change_only_the_case(store: Store) -> None:
    store.add_project("shout")
    store.rename_project("shout", "SHOUT")
    assert [p.name for p in store.list_projects()] == ["SHOUT"]


def test_rename_unknown_project_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.rename_project("nope", "fine")


def test_rename_records_an_event(store: Store) -> None:
    store.add_project("Before")
    store.rename_project("Before", "After")
    event = store.list_events()[0]
    assert (event.kind, event.name) == ("project.renamed", "After")
    assert "Before" in event.details


def test_remove_unused_project(store: Store) -> None:
    store.add_project("Idle")
    assert store.remove_project("idle").revoked == ()
    assert store.list_projects() == []
    assert store.list_events()[0].kind == "project.removed"


def test_remove_unknown_project_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.remove_project("nope")


def test_remove_project_with_scoped_keys_is_refused_without_force(store: Store) -> None:
    store.add_project("Busy")
    created = store.create_key("k", ["read"], None, ["Busy"])
    revision = store.revision()
    with pytest.raises(ValidationError) as caught:
        store.remove_project("Busy")
    assert field_of(caught) == "project"
    assert "force" in caught.value.message and "(k)" in caught.value.message
    assert [p.name for p in store.list_projects()] == ["Busy"]
    assert store.verify(created.token, "read", "Busy").ok
    assert store.revision() == revision


def test_forced_remove_narrows_revokes_and_never_widens(store: Store) -> None:
    for name in ("Doomed", "Other", "Third"):
        store.add_project(name)
    both = store.create_key("both", ["read"], None, ["Doomed", "Other"])
    only = store.create_key("only", ["read"], None, ["Doomed"])
    wide = store.create_key("wide", ["read"], None)

    outcome = store.remove_project("doomed", force=True)

    assert outcome.narrowed == ("both",)
    assert [k.name for k in outcome.revoked] == ["only"]
    narrowed = store.get_key("both")
    assert narrowed.projects == ("Other",) and not narrowed.all_projects
    assert store.verify(both.token, "read", "Other").ok
    assert store.verify(both.token, "read", "Third").reason == "project out of scope"
    assert store.verify(both.token, "read").reason == "project out of scope"
    with pytest.raises(NotFoundError):
        store.get_key("only")
    for project in (None, "Other", "Third", "Doomed"):
        verdict = store.verify(only.token, "read", project)
        assert (verdict.reason, verdict.key_id) == ("revoked", only.record.key_id)
        assert verdict.stopped_at is not None
    tombstone = store.retired_key(only.record.key_id)
    assert tombstone is not None and (tombstone.reason, tombstone.name) == ("revoked", "only")
    assert tombstone.at == verdict.stopped_at
    assert store.verify(wide.token, "read", "Third").ok
    assert [p.name for p in store.list_projects()] == ["Other", "Third"]


def test_forced_remove_records_events(store: Store) -> None:
    store.add_project("Doomed")
    key_id = store.create_key("only", ["read"], None, ["Doomed"]).record.key_id
    store.remove_project("Doomed", force=True)
    removed, deleted = store.list_events()[:2]
    assert (removed.kind, removed.name) == ("project.removed", "Doomed")
    assert "only" in removed.details
    assert (deleted.kind, deleted.key_id) == ("key.deleted", key_id)


def test_keys_scoped_to(store: Store) -> None:
    store.add_project("P")
    store.add_project("Q")
    store.create_key("p", ["read"], None, ["P"])
    store.create_key("pq", ["read"], None, ["P", "Q"])
    store.create_key("all", ["read"], None)
    assert sorted(k.name for k in store.keys_scoped_to("p")) == ["p", "pq"]
    assert [k.name for k in store.keys_scoped_to("Q")] == ["pq"]


# -- events and revision -----------------------------------------------------------------------


def test_events_are_newest_first(timed: Store, clock: FakeClock) -> None:
    timed.add_project("P")
    clock.advance(seconds=1)
    timed.create_key("k", ["read"], None)
    timed.regenerate_key("k")  # same second: falls back to insertion order
    clock.advance(seconds=1)
    timed.delete_key("k")
    kinds = [e.kind for e in timed.list_events()]
    assert kinds == [
        "key.deleted",
        "key.rotated",
        "key.created",
        "project.added",
    ]
    ats = [e.at for e in timed.list_events()]
    assert ats == sorted(ats, reverse=True)
    assert ats[0] == clock.now
    assert [e.kind for e in timed.list_events(limit=2)] == kinds[:2]


def test_events_never_contain_a_token_or_secret(store: Store) -> None:
    store.add_project("P")
    issued = [store.create_key("first", ["read", "write"], None, ["P"]).token]
    issued.append(store.create_key("second", ["invite"], None).token)
    issued.append(store.regenerate_key("first").token)
    store.delete_key("second")
    store.remove_project("P", force=True)
    secrets = [parse_token(t).secret for t in issued]
    events = store.list_events()
    assert len(events) >= 6
    for event in events:
        text = " ".join(
            str(value) for value in (event.at, event.kind, event.key_id, event.name, event.details)
        )
        for token, secret in zip(issued, secrets, strict=True):
            assert token not in text
            assert secret not in text
            assert secret[:16] not in text


def test_event_details_describe_the_grant(store: Store) -> None:
    store.add_project("P")
    store.create_key("k", ["read", "write"], None, ["P"])
    assert store.list_events()[0].details == "Read, Write on P"


def test_revision_bumps_on_every_write(store: Store) -> None:
    seen = [store.revision()]

    def bumped() -> None:
        seen.append(store.revision())
        assert seen[-1] > seen[-2]

    store.add_project("P")
    bumped()
    store.rename_project("P", "Q")
    bumped()
    created = store.create_key("k", ["read"], None, ["Q"])
    bumped()
    store.set_keychain_service(created.record.key_id, "qkeys")
    bumped()
    store.regenerate_key("k")
    bumped()
    store.create_key("k2", ["read"], None)
    bumped()
    store.delete_key("k2")
    bumped()
    store.remove_project("Q", force=True)
    bumped()


def test_reads_and_refused_writes_leave_the_revision(store: Store) -> None:
    created = store.create_key("k", ["read"], None)
    revision = store.revision()
    store.list_keys()
    store.list_projects()
    store.list_events()
    store.get_key("k")
    store.verify(created.token, "read")
    with pytest.raises(ValidationError):
        store.create_key("K", ["read"], None)
    with pytest.raises(ValidationError):
        store.add_project("")
    with pytest.raises(NotFoundError):
        store.delete_key("none")
    assert store.revision() == revision


def test_set_keychain_service_is_listed(store: Store) -> None:
    key_id = store.create_key("k", ["read"], None).record.key_id
    store.set_keychain_service(key_id, "qkeys-test")
    assert store.get_key(key_id).keychain_service == "qkeys-test"
    store.set_keychain_service(key_id, None)
    assert store.get_key(key_id).keychain_service is None


# -- files -------------------------------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_directory_0700_and_files_0600_even_with_umask_000(
    tmp_path: Path, fast_hasher: SecretHasher
) -> None:
    db_path = tmp_path / "fresh" / "keys.db"
    previous = os.umask(0)
    try:
        opened = Store.open(str(db_path), hasher=fast_hasher)
        opened.create_key("k", ["read"], None)
        files = database_files(db_path)
        modes = {p.name: mode(p) for p in files}
        directory_mode = mode(db_path.parent)
        opened.close()
    finally:
        os.umask(previous)
    assert directory_mode == 0o700
    assert len(files) == 3  # the db, its WAL and shared-memory file while open
    assert modes == dict.fromkeys(modes, 0o600)


def test_an_existing_database_file_is_tightened_to_0600(
    db_path: Path, fast_hasher: SecretHasher
) -> None:
    Store.open(str(db_path), hasher=fast_hasher).close()
    db_path.chmod(0o644)
    Store.open(str(db_path), hasher=fast_hasher).close()
    assert mode(db_path) == 0o600


def test_a_directory_given_as_database_is_refused_and_left_alone(
    tmp_path: Path, fast_hasher: SecretHasher
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    folder.chmod(0o755)
    with pytest.raises(StoreError) as caught:
        Store.open(str(folder), hasher=fast_hasher)
    assert str(folder) in str(caught.value)
    assert mode(folder) == 0o755


@pytest.mark.parametrize(
    "content",
    [b"this is not a database\n" * 200, b"SQLite format 3\x00" + b"\xff" * 4080, os.urandom(8192)],
    ids=["text", "bad header", "random"],
)
def test_corrupt_file_is_refused_naming_the_path_and_left_unchanged(
    db_path: Path, fast_hasher: SecretHasher, content: bytes
) -> None:
    db_path.parent.mkdir(mode=0o700)
    db_path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        Store.open(str(db_path), hasher=fast_hasher)
    assert str(db_path) in str(caught.value)
    assert "Traceback" not in str(caught.value)
    assert db_path.read_bytes() == content


def test_schema_newer_than_known_is_refused_and_file_unchanged(
    db_path: Path, fast_hasher: SecretHasher
) -> None:
    Store.open(str(db_path), hasher=fast_hasher).close()
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE schema_version SET version = 99")
    connection.commit()
    connection.close()
    before = db_path.read_bytes()
    with pytest.raises(SchemaTooNewError) as caught:
        Store.open(str(db_path), hasher=fast_hasher)
    assert "99" in str(caught.value)
    assert isinstance(caught.value, StoreError)
    assert db_path.read_bytes() == before
    assert raw_rows(db_path, "SELECT version FROM schema_version") == [(99,)]


def test_database_from_qkeys_db_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast_hasher: SecretHasher
) -> None:
    from qkeys_desktop.core.paths import default_database

    monkeypatch.setenv("QKEYS_DB", str(tmp_path / "env.db"))
    assert default_database() == str(tmp_path / "env.db")
    monkeypatch.delenv("QKEYS_DB")
    assert default_database() == str(tmp_path / "home" / "data" / "qkeys" / "keys.db")


def test_sqlite_url_opens_a_file(tmp_path: Path, fast_hasher: SecretHasher) -> None:
    target = tmp_path / "url" / "keys.db"
    opened = Store.open(f"sqlite:///{target}", hasher=fast_hasher)
    opened.add_project("via url")
    opened.close()
    assert raw_rows(target, "SELECT name FROM project") == [("via url",)]


def test_sqlite_pragmas_are_set(sqlite_store: Store) -> None:
    store = sqlite_store

    def pragma(name: str) -> Any:
        return store.db.execute_sql(f"PRAGMA {name}").fetchone()[0]

    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("secure_delete") == 1
    assert pragma("busy_timeout") >= 1000


def test_key_rows_expiring_by_reads_only_those_keys_with_their_scope(store: Store) -> None:
    """What reminders and `qkeys keys expiring` read: the keys due by then, expired ones too."""
    store.add_project("Web")
    now = store.clock()
    soon = store.create_key("soon", ["read"], now + timedelta(days=2), ["Web"]).record
    store.create_key("later", ["read"], now + timedelta(days=40))
    store.create_key("never", ["read"], None)
    rows = store.key_rows(expiring_by=now + timedelta(days=7))
    assert [key_record(row) for row in rows] == [soon]
    assert store.key_rows(expiring_by=now - timedelta(days=1)) == []
