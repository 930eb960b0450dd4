"""Changes across processes: a process that cached a token sees another's delete, rotation,
edit or pause at once, and a revoked or rotated token says so (not "unknown key")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from qkeys_cli import Finished, run_qkeys

from qkeys_desktop.core.hashing import SecretHasher
from qkeys_desktop.core.records import CreatedKey
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.verification import VerifyResult


def other_process(db_path: Path, *args: str) -> Finished:
    """Process B: the command line, as an administrator would run it."""
    finished = run_qkeys(db_path, *args)
    assert finished.status == 0, finished.err
    return finished


def assert_stopped(result: VerifyResult, reason: str, key: CreatedKey) -> None:
    """Refused as ``reason`` for the key's own id, saying when it stopped: just now."""
    assert (result.ok, result.reason, result.key_id) == (False, reason, key.record.key_id)
    assert result.stopped_at is not None
    assert timedelta(0) <= datetime.now(UTC) - result.stopped_at < timedelta(minutes=2)


@pytest.fixture
def cached(store: Store, monkeypatch: pytest.MonkeyPatch) -> CreatedKey:
    """Process A (this test) has verified the key once, so the token is in its cache."""
    store.add_project("Plant")
    created = store.create_key("sensor", ["read"], None, ["Plant"])
    assert store.verify(created.token, "read", "Plant").ok

    def no_argon2(_hash: str, _secret: str) -> bool:
        raise AssertionError("the cached token should not need argon2")

    monkeypatch.setattr(store.hasher, "matches", no_argon2)
    assert store.verify(created.token, "read", "Plant").ok
    return created


def test_delete_in_another_process_fails_the_very_next_verify(
    store: Store, db_path: Path, cached: CreatedKey
) -> None:
    other_process(db_path, "keys", "delete", cached.record.key_id, "--yes")
    assert_stopped(store.verify(cached.token, "read", "Plant"), "revoked", cached)


def test_regenerate_in_another_process_fails_the_old_token(
    store: Store,
    db_path: Path,
    cached: CreatedKey,
    fast_hasher: SecretHasher,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    new_token = other_process(db_path, "keys", "regenerate", "sensor").out.strip()
    assert_stopped(store.verify(cached.token, "read", "Plant"), "rotated", cached)
    monkeypatch.setattr(store.hasher, "matches", SecretHasher(fast_hasher.params).matches)
    assert store.verify(new_token, "read", "Plant").ok


def test_rotation_with_overlap_in_another_process_keeps_the_old_token(
    store: Store,
    db_path: Path,
    cached: CreatedKey,
    fast_hasher: SecretHasher,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    new_token = other_process(db_path, "keys", "rotate", "sensor", "--overlap", "1h").out.strip()
    assert store.verify(cached.token, "read", "Plant").ok  # still cached: no argon2 needed
    monkeypatch.setattr(store.hasher, "matches", SecretHasher(fast_hasher.params).matches)
    assert store.verify(new_token, "read", "Plant").ok
    # the old token follows the key's settings as they are now, edited elsewhere
    other_process(db_path, "keys", "edit", "sensor", "--permissions", "write")
    for token in (cached.token, new_token):
        assert store.verify(token, "read", "Plant").reason == "action not permitted"


def test_edit_in_another_process_applies_to_the_very_next_verify(
    store: Store, db_path: Path, cached: CreatedKey
) -> None:
    store.add_project("Office")
    other_process(db_path, "keys", "edit", "sensor", "--project", "Office")
    assert store.verify(cached.token, "read", "Plant").reason == "project out of scope"
    assert store.verify(cached.token, "read", "Office").ok
    other_process(db_path, "keys", "edit", "sensor", "--permissions", "write,invite")
    assert store.verify(cached.token, "read", "Office").reason == "action not permitted"
    assert store.verify(cached.token, "invite", "Office").ok


def test_disable_and_enable_in_another_process(
    store: Store, db_path: Path, cached: CreatedKey
) -> None:
    other_process(db_path, "keys", "disable", "sensor")
    result = store.verify(cached.token, "read", "Plant")
    assert (result.ok, result.reason, result.stopped_at) == (False, "disabled", None)
    other_process(db_path, "keys", "enable", "sensor")
    assert store.verify(cached.token, "read", "Plant").ok


def test_forced_project_removal_in_another_process_revokes(
    store: Store, db_path: Path, cached: CreatedKey
) -> None:
    other_process(db_path, "projects", "remove", "Plant", "--force")
    assert_stopped(store.verify(cached.token, "read", "Plant"), "revoked", cached)


def test_revision_changes_when_another_process_writes(
    store: Store, db_path: Path, cached: CreatedKey
) -> None:
    before = store.revision()
    other_process(db_path, "projects", "add", "Second")
    assert store.revision() > before
    assert [p.name for p in store.list_projects()] == ["Plant", "Second"]


def test_light_verifier_also_sees_another_process_delete(
    store: Store, db_path: Path, cached: CreatedKey, fast_hasher: SecretHasher
) -> None:
    """The standard-library verifier ``qkeys verify`` uses, kept open like an app would."""
    from qkeys_desktop.core.verify_only import open_verifier

    light = open_verifier(str(db_path), SecretHasher(fast_hasher.params))
    assert light is not None
    assert light.verify(cached.token, "read", "Plant").ok
    assert light.verify(cached.token, "read", "Plant").ok  # cached now
    other_process(db_path, "keys", "delete", "sensor", "--yes")
    assert_stopped(light.verify(cached.token, "read", "Plant"), "revoked", cached)
