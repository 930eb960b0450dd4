"""A key's life through the real Store, on SQLite and PostgreSQL: edit in place, disable and
enable, rotate with an overlap, revoke; what each verification answers along the way, what the
audit trail says (who, through what, from what to what) and that no tombstone keeps a hash."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from doubles import FakeClock

from qkeys_desktop.core.actor import current_actor
from qkeys_desktop.core.changes import UNCHANGED
from qkeys_desktop.core.errors import NotFoundError, ValidationError
from qkeys_desktop.core.hashing import SecretHasher
from qkeys_desktop.core.records import CreatedKey, KeyStatus
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import build_token, new_token
from qkeys_desktop.core.verification import VerifyResult

RUN_ON_BOTH_ENGINES = True

T0 = datetime(2030, 6, 1, 12, 0, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def timed(timed: Store) -> Store:
    """The clock-controlled store, with the projects these tests scope keys to."""
    timed.add_project("Alpha")
    timed.add_project("Beta")
    return timed


@pytest.fixture
def other(timed: Store, store_target: str, fast_hasher: SecretHasher,
          clock: FakeClock) -> Iterator[Store]:
    """A second Store on the same registry: another window, process or workstation."""
    opened = Store.open(store_target, hasher=fast_hasher, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def svc(timed: Store) -> CreatedKey:
    """Read on all projects, 30 days, no description."""
    return timed.create_key("svc", ["read"], T0 + timedelta(days=30))


def stopped(reason: str, key_id: str, at: datetime) -> VerifyResult:
    return VerifyResult(False, reason, key_id, at)


def state(store: Store) -> tuple[object, ...]:
    """Everything a refused change must leave as it was."""
    return store.revision(), store.list_keys(), store.list_events()


# -- edit in place -----------------------------------------------------------------------------


FIELDS = ("name", "description", "permissions", "projects", "all_projects", "expires_at")
EDITS = [
    # (the edit, what the audit event says, the record's fields that change)
    ({"name": "billing"}, "name: 'svc' → 'billing'", {"name"}),
    ({"description": "runs on host 7\nowner: ops"},
     "description: (none) → 'runs on host 7 owner: ops'", {"description"}),
    ({"permissions": ["write", "read"]}, "permissions: Read → Read, Write", {"permissions"}),
    ({"projects": ["Beta", "alpha"]}, "scope: all projects → Alpha, Beta",
     {"projects", "all_projects"}),
    ({"expires_at": T0 + timedelta(days=7)},
     "expires: 2030-07-01 12:00 UTC → 2030-06-08 12:00 UTC", {"expires_at"}),
    ({"expires_at": None}, "expires: 2030-07-01 12:00 UTC → never", {"expires_at"}),
    ({"name": "SVC", "permissions": ["read", "invite"]},
     "name: 'svc' → 'SVC'; permissions: Read → Read, Invite", {"name", "permissions"}),
]


@pytest.mark.parametrize(("edit", "says", "changes"), EDITS, ids=[e[1][:24] for e in EDITS])
def test_an_edit_changes_the_key_in_place_and_says_from_what_to_what(
    timed: Store, svc: CreatedKey, edit: dict[str, object], says: str, changes: set[str]
) -> None:
    before = timed.get_key("svc")
    edited = timed.edit_key("svc", **edit)  # type: ignore[arg-type]
    assert edited == timed.get_key(svc.record.key_id)
    assert edited.key_id == svc.record.key_id  # the same token goes on working
    assert timed.verify(svc.token, "read", "Alpha").ok
    event = timed.list_events()[0]
    assert (event.kind, event.key_id, event.name, event.details) == (
        "key.edited", svc.record.key_id, edited.name, says)
    assert len(timed.list_events()) == 4  # two projects added, the key created, this edit
    assert {f for f in FIELDS if getattr(edited, f) != getattr(before, f)} == changes
    assert (edited.created_at, edited.created_by) == (before.created_at, before.created_by)


def test_an_edit_of_every_field_at_once_is_one_event(timed: Store, svc: CreatedKey) -> None:
    edited = timed.edit_key(
        svc.record.key_id, name="billing", description="deployed on ci", permissions=["write"],
        projects=["Beta"], expires_at=T0 + timedelta(days=90),
    )
    assert (edited.name, edited.description, edited.permission_names, edited.projects,
            edited.all_projects, edited.expires_at) == (
        "billing", "deployed on ci", ["write"], ("Beta",), False, T0 + timedelta(days=90))
    event = timed.list_events()[0]
    assert event.details == (
        "name: 'svc' → 'billing'; description: (none) → 'deployed on ci'; "
        "permissions: Read → Write; scope: all projects → Beta; "
        "expires: 2030-07-01 12:00 UTC → 2030-08-30 12:00 UTC")
    assert [e.kind for e in timed.list_events()].count("key.edited") == 1
    # a scoped key widened back to all projects
    assert timed.edit_key("billing", projects=None).all_projects
    assert timed.list_events()[0].details == "scope: Beta → all projects"


TOO_LONG = "x" * 501

REFUSED = [
    ("duplicate name", {"name": "OTHER"}, "name", "already exists"),
    ("empty name", {"name": "  "}, "name", ""),
    ("secret-shaped description", {"description": "prod: " + new_token()[0]}, "description",
     "looks like a secret token"),
    ("description too long", {"description": TOO_LONG}, "description", "501 characters"),
    ("past expiry", {"expires_at": T0 - HOUR}, "expiration", "in the past"),
    ("no permission", {"permissions": []}, "permissions", ""),
    ("unknown permission", {"permissions": ["admin"]}, "permissions", "admin"),
    ("unknown project", {"projects": ["Gamma"]}, "projects", "Gamma"),
]


@pytest.mark.parametrize(("case", "edit", "field", "says"), REFUSED, ids=[r[0] for r in REFUSED])
def test_a_refused_edit_changes_nothing(
    timed: Store, svc: CreatedKey, case: str, edit: dict[str, object], field: str, says: str
) -> None:
    timed.create_key("other", ["read"], None)
    before = state(timed)
    with pytest.raises(ValidationError) as refused:
        timed.edit_key("svc", **edit)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert says in str(refused.value)
    if case.startswith("secret"):  # never repeated
        assert str(edit["description"]).split()[-1] not in str(refused.value)
    assert state(timed) == before


def test_a_description_is_trimmed_and_normalised(timed: Store, svc: CreatedKey) -> None:
    assert timed.edit_key("svc", description="  Cafe\u0301  ").description == "Café"
    assert timed.edit_key("svc", description="x" * 500).description == "x" * 500
    assert timed.list_events()[0].details.startswith("description: 'Café' → 'xxx")
    assert timed.edit_key("svc", description="").description == ""
    assert timed.list_events()[0].details.endswith("→ (none)")


def test_an_edit_that_changes_nothing_records_nothing(timed: Store, svc: CreatedKey) -> None:
    before = state(timed)
    record = timed.get_key("svc")
    assert timed.edit_key("svc") == record
    assert timed.edit_key(
        "SVC", name=" svc ", description="", permissions=["read"],
        projects=None, expires_at=T0 + timedelta(days=30),
    ) == record
    assert timed.edit_key("svc", projects=UNCHANGED, expires_at=UNCHANGED) == record
    assert state(timed) == before
    scoped = timed.edit_key("svc", projects=["Beta", "Alpha"])
    assert scoped.projects == ("Alpha", "Beta")
    before = state(timed)
    for same in (["alpha", "BETA"], ["Beta", "Alpha", "beta"], [" Alpha ", "Beta"]):
        assert timed.edit_key("svc", projects=same) == scoped  # the same projects: no change
    assert state(timed) == before


def test_editing_a_missing_key_is_not_found(timed: Store) -> None:
    with pytest.raises(NotFoundError):
        timed.edit_key("nobody", name="somebody")


def test_an_edit_applies_to_the_very_next_verify_in_another_store(
    timed: Store, other: Store, clock: FakeClock
) -> None:
    app = timed.create_key("app", ["read", "write"], None).token
    for _ in range(2):  # the second from this store's cache
        assert timed.verify(app, "read", "Alpha").ok
    other.edit_key("app", permissions=["write"])
    assert timed.verify(app, "read", "Alpha").reason == "action not permitted"
    assert timed.verify(app, "write", "Alpha").ok
    other.edit_key("app", projects=["Beta"])
    assert timed.verify(app, "write", "Alpha").reason == "project out of scope"
    assert timed.verify(app, "write").reason == "project out of scope"
    assert timed.verify(app, "write", "beta").ok
    other.edit_key("app", expires_at=T0 + HOUR)
    clock.advance(hours=1)
    assert timed.verify(app, "write", "Beta") == stopped("expired", app[:15], T0 + HOUR)


# -- disable and enable ------------------------------------------------------------------------


def test_a_disabled_key_is_refused_with_both_tokens_and_enabled_again(
    timed: Store, other: Store, svc: CreatedKey, clock: FakeClock
) -> None:
    new = timed.rotate_key("svc", HOUR)
    clock.advance(minutes=5)
    paused = other.set_key_disabled("svc", True)
    assert paused.disabled_at == clock.now
    assert paused.status(clock.now) is KeyStatus.DISABLED
    for token in (svc.token, new.token):
        assert timed.verify(token, "read") == VerifyResult(False, "disabled", token[:15])
    assert (timed.list_events()[0].kind, timed.list_events()[0].key_id) == (
        "key.disabled", new.record.key_id)
    events = timed.list_events()
    assert timed.set_key_disabled("svc", True).disabled_at == paused.disabled_at  # no event
    assert timed.list_events() == events
    resumed = other.set_key_disabled(new.record.key_id, False)
    assert resumed.disabled_at is None and resumed.status(clock.now) is KeyStatus.ACTIVE
    for token in (svc.token, new.token):
        assert timed.verify(token, "read") == VerifyResult(True, None, token[:15])
    assert timed.list_events()[0].kind == "key.enabled"
    assert timed.set_key_disabled("svc", False).disabled_at is None
    assert len(timed.list_events()) == len(events) + 1


def test_a_disabled_key_stays_disabled_through_a_rotation(timed: Store, svc: CreatedKey) -> None:
    timed.set_key_disabled("svc", True)
    new = timed.rotate_key("svc")
    assert new.record.disabled_at is not None
    assert timed.verify(new.token, "read").reason == "disabled"
    assert timed.verify(svc.token, "read").reason == "rotated"


# -- rotation ----------------------------------------------------------------------------------


def test_rotation_with_overlap_keeps_the_old_token_until_it_ends(
    timed: Store, svc: CreatedKey, clock: FakeClock
) -> None:
    timed.edit_key("svc", projects=["Alpha"])
    clock.advance(days=2)
    rotated_at = clock.now
    new = timed.rotate_key("svc", timedelta(hours=24))
    old_id, new_id = svc.record.key_id, new.record.key_id
    assert new_id != old_id and new.token != svc.token
    record = new.record
    assert (record.name, record.permission_names, record.projects) == ("svc", ["read"], ("Alpha",))
    assert record.created_at == rotated_at
    assert record.expires_at == rotated_at + timedelta(days=30)  # its lifetime, from now
    assert (record.previous_key_id, record.previous_until) == (old_id, rotated_at + 24 * HOUR)
    assert record.rotating(clock.now)
    assert [k.key_id for k in timed.list_keys()] == [new_id]
    event = timed.list_events()[0]
    assert (event.kind, event.key_id, event.name) == ("key.rotated", new_id, "svc")
    assert event.details == (f"replaces {old_id}, which keeps working until 2030-06-04 12:00 UTC; "
                             f"expires 2030-07-03 12:00 UTC")
    clock.advance(hours=23, minutes=59, seconds=59)
    for token in (svc.token, new.token):
        assert timed.verify(token, "read", "Alpha") == VerifyResult(True, None, token[:15])
        assert timed.verify(token, "read", "Beta").reason == "project out of scope"
        assert timed.verify(token, "write", "Alpha").reason == "action not permitted"
    clock.advance(seconds=1)
    assert timed.verify(svc.token, "read", "Alpha") == stopped(
        "rotated", old_id, rotated_at + 24 * HOUR)
    assert timed.verify(new.token, "read", "Alpha").ok
    assert not timed.get_key("svc").rotating(clock.now)
    tombstone = timed.retired_key(old_id)
    assert tombstone is not None
    assert (tombstone.name, tombstone.reason, tombstone.at, tombstone.actor) == (
        "svc", "rotated", rotated_at + 24 * HOUR, timed.actor)


def test_an_old_token_forged_during_the_overlap_is_a_mismatch(
    timed: Store, svc: CreatedKey
) -> None:
    new = timed.rotate_key("svc", HOUR)
    for key_id in (svc.record.key_id, new.record.key_id):
        forged = build_token(key_id, "s" * 44)
        assert timed.verify(forged, "read") == VerifyResult(False, "mismatch", key_id)


def test_rotation_without_overlap_stops_the_old_token_at_once(
    timed: Store, svc: CreatedKey, clock: FakeClock
) -> None:
    new = timed.rotate_key("svc", expires_at=T0 + timedelta(days=3))
    assert new.record.expires_at == T0 + timedelta(days=3)
    assert (new.record.previous_key_id, new.record.previous_until) == (None, None)
    assert timed.verify(svc.token, "read") == stopped("rotated", svc.record.key_id, T0)
    assert timed.verify(new.token, "read").ok
    assert timed.list_events()[0].details == (
        f"replaces {svc.record.key_id}, which stopped working at once; "
        f"expires 2030-06-04 12:00 UTC")


def test_rotating_again_during_an_overlap_ends_the_first_at_once(
    timed: Store, svc: CreatedKey, clock: FakeClock
) -> None:
    second = timed.rotate_key("svc", HOUR)
    clock.advance(minutes=10)
    third = timed.rotate_key("svc", HOUR)
    assert third.record.previous_key_id == second.record.key_id
    assert timed.verify(svc.token, "read") == stopped(
        "rotated", svc.record.key_id, T0 + timedelta(minutes=10))
    for token in (second.token, third.token):
        assert timed.verify(token, "read").ok
    clock.advance(hours=1)
    assert timed.verify(second.token, "read") == stopped(
        "rotated", second.record.key_id, T0 + timedelta(minutes=70))
    assert timed.verify(third.token, "read").ok


@pytest.mark.parametrize("overlap", [timedelta(days=30, seconds=1), timedelta(seconds=-1)])
def test_an_overlap_beyond_its_bounds_is_refused(
    timed: Store, svc: CreatedKey, overlap: timedelta
) -> None:
    before = state(timed)
    with pytest.raises(ValidationError) as refused:
        timed.rotate_key("svc", overlap)
    assert refused.value.field == "overlap"
    assert state(timed) == before
    assert timed.verify(svc.token, "read").ok


def test_the_longest_overlap_is_thirty_days(
    timed: Store, svc: CreatedKey, clock: FakeClock
) -> None:
    new = timed.rotate_key("svc", timedelta(days=30))
    assert new.record.previous_until == T0 + timedelta(days=30)
    clock.advance(days=30)
    assert timed.verify(svc.token, "read").reason == "rotated"


def test_rotating_a_missing_key_is_not_found(timed: Store, svc: CreatedKey) -> None:
    timed.delete_key("svc")
    with pytest.raises(NotFoundError):
        timed.rotate_key("svc", HOUR)
    with pytest.raises(NotFoundError):
        timed.rotate_key(svc.record.key_id)


# -- revoke ------------------------------------------------------------------------------------


def test_a_delete_during_an_overlap_revokes_both_tokens(
    timed: Store, other: Store, svc: CreatedKey, clock: FakeClock
) -> None:
    new = timed.rotate_key("svc", 24 * HOUR)
    assert other.verify(svc.token, "read").ok  # cached in the other store
    clock.advance(hours=1)
    other.delete_key("svc")
    for token in (svc.token, new.token):
        assert timed.verify(token, "read") == stopped("revoked", token[:15], T0 + HOUR)
        assert other.verify(token, "read") == stopped("revoked", token[:15], T0 + HOUR)
        tombstone = timed.retired_key(token[:15])
        assert tombstone is not None and (tombstone.reason, tombstone.at) == (
            "revoked", T0 + HOUR)
    clock.advance(days=2)  # the overlap's end changes nothing: revoked stays revoked
    assert timed.verify(svc.token, "read").reason == "revoked"


def test_a_delete_after_an_overlap_leaves_the_old_token_rotated(
    timed: Store, svc: CreatedKey, clock: FakeClock
) -> None:
    new = timed.rotate_key("svc", HOUR)
    clock.advance(hours=2)
    timed.delete_key("svc")
    assert timed.verify(svc.token, "read") == stopped("rotated", svc.record.key_id, T0 + HOUR)
    assert timed.verify(new.token, "read") == stopped(
        "revoked", new.record.key_id, T0 + 2 * HOUR)


def test_a_key_id_never_issued_is_still_unknown(timed: Store, svc: CreatedKey) -> None:
    timed.delete_key("svc")
    token = new_token()[0]
    assert timed.verify(token, "read") == VerifyResult(False, "unknown key", token[:15])
    assert timed.retired_key(token[:15]) is None


# -- tombstones keep no hash -------------------------------------------------------------------


def stored_hashes(store: Store) -> list[str]:
    return [h for (h,) in store.db.execute_sql("SELECT secret_hash FROM api_key").fetchall()]


def test_tombstones_and_files_keep_no_hash_of_a_retired_token(
    timed: Store, engine: str, db_path: Path, clock: FakeClock
) -> None:
    for name in ("deleted", "regenerated", "rotated", "deleted in overlap"):
        timed.create_key(name, ["read"], None)
    retired = stored_hashes(timed)
    timed.delete_key("deleted")
    timed.regenerate_key("regenerated")
    timed.rotate_key("rotated", HOUR)
    timed.rotate_key("deleted in overlap", HOUR)
    timed.delete_key("deleted in overlap")
    clock.advance(hours=2)
    timed.add_project("Later")  # any write after the overlap erases the replaced token's hash
    tombstones = timed.db.execute_sql("SELECT * FROM retired_key").fetchall()
    assert len(tombstones) == 5
    previous = timed.db.execute_sql("SELECT previous_key_id, previous_hash FROM api_key")
    assert set(previous.fetchall()) == {(None, None)}
    if engine == "sqlite":
        files = [p for p in (db_path, Path(f"{db_path}-wal")) if p.exists()]
        content = b"".join(p.read_bytes() for p in files)
        for stored in retired:
            assert stored.split("$")[-1].encode() not in content
            assert stored.split("$")[-2].encode() not in content  # nor its salt
    else:
        values = [str(v) for row in tombstones for v in row]
        values += [str(v) for row in timed.db.execute_sql("SELECT * FROM api_key").fetchall()
                   for v in row]
        for stored in retired:
            assert not [v for v in values if stored.split("$")[-1] in v]
    assert not [v for row in tombstones for v in row if isinstance(v, str) and "$argon2" in v]


# -- the audit trail ---------------------------------------------------------------------------


def test_a_keys_history_spans_its_rotations(
    timed: Store, svc: CreatedKey, clock: FakeClock
) -> None:
    timed.create_key("neighbour", ["read"], None)
    clock.advance(minutes=1)
    timed.edit_key("svc", description="ci")
    clock.advance(minutes=1)
    second = timed.rotate_key("svc", HOUR)
    clock.advance(minutes=1)
    timed.set_key_disabled("svc", True)
    clock.advance(hours=2)
    third = timed.regenerate_key("svc")  # the first overlap has ended: its hash is erased
    clock.advance(minutes=1)
    timed.edit_key("svc", name="svc2")
    kinds = ["key.edited", "key.rotated", "key.disabled", "key.rotated", "key.edited",
             "key.created"]
    ids = (svc.record.key_id, second.record.key_id, third.record.key_id)
    for key_id in ids:
        history = timed.list_events(key_id=key_id)
        assert [e.kind for e in history] == kinds, key_id
        assert "neighbour" not in {e.name for e in history}
    assert [e.kind for e in timed.list_events(limit=2, key_id=ids[0])] == kinds[:2]
    clock.advance(minutes=1)
    timed.delete_key("svc2")
    for key_id in ids:  # and after the key is gone, by any id it had
        assert [e.kind for e in timed.list_events(key_id=key_id)] == ["key.deleted", *kinds]
    assert timed.list_events(key_id=new_token()[1].key_id) == []


def test_every_event_records_who_and_through_what(
    store_target: str, fast_hasher: SecretHasher, clock: FakeClock
) -> None:
    cli = Store.open(store_target, hasher=fast_hasher, clock=clock, surface="cli")
    window = Store.open(store_target, hasher=fast_hasher, clock=clock, surface="window")
    api = Store.open(store_target, hasher=fast_hasher, clock=clock)
    try:
        assert re.fullmatch(r"[^@\s]+@[^@\s]+", cli.actor) or cli.actor.startswith("uid ")
        assert cli.actor == window.actor == api.actor == current_actor()
        created = cli.create_key("k", ["read"], None)
        assert created.record.created_by == cli.actor
        window.edit_key("k", description="x")
        api.rotate_key("k", HOUR)
        window.set_key_disabled("k", True)
        cli.delete_key("k")
        api.set_policy(max_lifetime_days=90)
        surfaces = [(e.kind, e.surface) for e in api.list_events()]
        assert surfaces == [("policy.changed", "api"), ("key.deleted", "cli"),
                            ("key.disabled", "window"), ("key.rotated", "api"),
                            ("key.edited", "window"), ("key.created", "cli")]
        assert {e.actor for e in api.list_events()} == {current_actor()}
        tombstone = api.retired_key(created.record.key_id)
        assert tombstone is not None and tombstone.actor == current_actor()
    finally:
        for store in (cli, window, api):
            store.close()


# -- the light verifier ------------------------------------------------------------------------


@pytest.mark.sqlite_only
def test_the_light_verifier_gives_the_same_reasons(
    store: Store, db_path: Path, fast_hasher: SecretHasher
) -> None:
    from qkeys_desktop.core.verify_only import open_verifier

    paused = store.create_key("paused", ["read"], None)
    store.set_key_disabled("paused", True)
    revoked = store.create_key("revoked", ["read"], None)
    store.delete_key("revoked")
    replaced = store.create_key("replaced", ["read"], None)
    store.regenerate_key("replaced")
    rolling = store.create_key("rolling", ["read"], None)
    rolled = store.rotate_key("rolling", HOUR)
    light = open_verifier(str(db_path), SecretHasher(fast_hasher.params))
    assert light is not None
    expected = {paused.token: "disabled", revoked.token: "revoked", replaced.token: "rotated",
                rolling.token: None, rolled.token: None}
    for token, reason in expected.items():
        for _ in range(2):  # fresh, then from its cache
            result = light.verify(token, "read")
            assert result.reason == reason
            assert result == store.verify(token, "read")
    store.set_key_disabled("rolling", True)
    assert light.verify(rolling.token, "read").reason == "disabled"
    store.delete_key("rolling")
    assert light.verify(rolling.token, "read").reason == "revoked"
    assert light.verify(rolled.token, "read").reason == "revoked"
