"""An audit event's details, recorded in English by the store, said in the window's language:
every clause the store writes is recognised (under a marking translator each one carries the
mark), values are kept, English reads as recorded, and what is not recognised stays as stored."""

from __future__ import annotations

import re
from datetime import timedelta

from qkeys_desktop.core.store import Store
from qkeys_desktop.ui.event_details import event_details


def every_kind_of_details(store: Store) -> list[str]:
    """The details of each event the store records, made by the store itself."""
    store.add_project("web")
    store.add_project("api")
    store.create_key("ci", ["read", "write"], None, ["web"], uses=1000, refill="daily",
                     rate=(10, 60))
    store.create_key("deploy", ["read"], store.clock() + timedelta(days=30))
    store.edit_key("ci", name="ci-2", description="Builds", permissions=["read"],
                   projects=["web", "api"], expires_at=store.clock() + timedelta(days=60),
                   uses=None, rate=None)
    store.edit_key("ci-2", uses=50, refill="monthly", rate=(5, 1))
    store.rotate_key("ci-2", overlap=timedelta(hours=5))
    store.rotate_key("deploy")
    store.set_key_disabled("deploy", True)
    store.delete_keys(["deploy"], reason="found in a.env:2, b.py:7, c.md:1 and 2 more")
    store.create_key("gone", ["read"], None, ["api"])
    store.rename_project("web", "www")
    store.remove_project("api", force=True)
    store.set_policy(90, allow_never=False)
    return [event.details for event in store.list_events(100) if event.details]


def test_every_clause_the_store_writes_is_said_in_translation(store: Store,
                                                              marked: None) -> None:
    details = every_kind_of_details(store)
    assert len(details) >= 10
    for recorded in details:
        for clause in event_details(recorded).split("; "):
            assert "⟪" in clause, (recorded, clause)


def test_english_reads_as_recorded(store: Store) -> None:
    for recorded in every_kind_of_details(store):
        # only the English catalogue's plurals differ: "1 key(s)" reads "1 key"
        plural = re.sub(r"\b1 key\(s\)", "1 key", recorded).replace("key(s)", "keys")
        assert event_details(recorded) == plural, recorded


def test_values_are_kept_and_the_unknown_stays_as_stored(marked: None) -> None:
    said = event_details("permissions: Read → Read, Write; expires: never → 2027-01-01 00:00 UTC")
    assert said == ("⟪permissions: ⟪Read⟫ → ⟪Read⟫, ⟪Write⟫⟫; "
                    "⟪expires: ⟪never⟫ → 2027-01-01 00:00 UTC⟫")
    assert event_details("replaces qk_abc, which stopped working at once") == (
        "⟪replaces qk_abc, which stopped working at once⟫")
    assert event_details("something a newer qkeys says; revoked") == (
        "something a newer qkeys says; ⟪revoked⟫")
    assert event_details("") == ""
