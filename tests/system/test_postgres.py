"""The team registry on a real PostgreSQL server: what only a server shows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest

from qkeys_desktop.core import migrations
from qkeys_desktop.core.store import Store

pytestmark = pytest.mark.system


def qkeys(db: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run the CLI as another workstation would: a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "qkeys_desktop", "--db", db, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ.copy(),
    )


def sql(url: str, statement: str) -> None:
    connection = psycopg2.connect(url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(statement)
    connection.close()


def test_migrations_build_the_schema_on_postgresql(postgres_db_url: str, fast_hasher) -> None:
    store = Store.open(postgres_db_url, hasher=fast_hasher)
    assert migrations.current_version(store.db) == migrations.LATEST_VERSION
    assert {"api_key", "project", "key_project", "event", "schema_version"} <= set(
        store.db.get_tables()
    )
    store.close()


def test_two_workstations_creating_the_same_name_only_one_wins(postgres_db_url: str) -> None:
    Store.open(postgres_db_url).close()  # schema first, so both racers only insert
    racers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "qkeys_desktop",
                "--db",
                postgres_db_url,
                "keys",
                "create",
                "--name",
                "Deploy",
                "--permissions",
                "read",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outcomes = [(r.wait(60), r.stderr.read() if r.stderr else "") for r in racers]
    winners = [o for o in outcomes if o[0] == 0]
    losers = [o for o in outcomes if o[0] != 0]
    assert len(winners) == 1
    assert all("already exists" in err and "Traceback" not in err for _, err in losers)


def test_delete_on_one_workstation_fails_the_next_verify_on_another(
    postgres_db_url: str, fast_hasher
) -> None:
    created = qkeys(postgres_db_url, "keys", "create", "--name", "App", "--permissions", "read")
    token = created.stdout.strip()
    here = Store.open(postgres_db_url, hasher=fast_hasher)
    assert here.verify(token, "read").ok
    assert here.verify(token, "read").ok  # now remembered in this process
    assert qkeys(postgres_db_url, "keys", "delete", "App", "--yes").returncode == 0
    result = here.verify(token, "read")
    assert (result.reason, result.key_id) == ("revoked", token[:15])
    tombstone = here.retired_key(token[:15])
    assert tombstone is not None and result.stopped_at == tombstone.at
    here.close()


def test_revision_reflects_another_workstations_change(postgres_db_url: str, fast_hasher) -> None:
    here = Store.open(postgres_db_url, hasher=fast_hasher)
    before = here.revision()
    assert qkeys(postgres_db_url, "projects", "add", "Mobile").returncode == 0
    assert here.revision() > before
    assert [p.name for p in here.list_projects()] == ["Mobile"]
    here.close()


def test_migrate_db_copies_a_sqlite_registry_into_postgresql(
    tmp_path: Path, postgres_db_url: str
) -> None:
    source = str(tmp_path / "personal.db")
    assert qkeys(source, "projects", "add", "Backend").returncode == 0
    token = qkeys(
        source,
        "keys",
        "create",
        "--name",
        "CI",
        "--permissions",
        "read,write",
        "--project",
        "Backend",
    ).stdout.strip()
    moved = qkeys(source, "migrate-db", "--to", postgres_db_url)
    assert moved.returncode == 0, moved.stderr
    assert "1 keys" in moved.stderr and "counts verified" in moved.stderr
    check = qkeys(
        postgres_db_url, "verify", "--action", "write", "--project", "Backend", stdin=token
    )
    assert check.returncode == 0, check.stderr
    # the copied ids must not collide with new rows (serial sequences moved past them)
    assert (
        qkeys(
            postgres_db_url, "keys", "create", "--name", "New", "--permissions", "read"
        ).returncode
        == 0
    )
    again = qkeys(source, "migrate-db", "--to", postgres_db_url)
    assert again.returncode == 1 and "empty database" in again.stderr


#: Exactly the grants the README documents for a role that only verifies (keep them equal).
VERIFY_ONLY_GRANTS = (
    "GRANT SELECT ON schema_version, api_key, key_project, project, retired_key TO qkeys_verify",
    "GRANT UPDATE (last_used_at, last_used_by, secret_hash, previous_hash, uses_remaining, "
    "uses_refilled_at, rate_window_start, rate_count) ON api_key TO qkeys_verify",
    "GRANT SELECT, INSERT, UPDATE ON key_usage TO qkeys_verify",
    "GRANT USAGE ON SEQUENCE key_usage_id_seq TO qkeys_verify",
)


def test_a_verify_only_role_verifies_and_records_use_but_cannot_manage(
    postgres_db_url: str,
) -> None:
    admin_url = postgres_db_url
    token = qkeys(admin_url, "keys", "create", "--name", "Svc", "--permissions", "read").stdout
    database = admin_url.rsplit("/", 1)[1]
    sql(
        admin_url,
        "DO $$ BEGIN CREATE ROLE qkeys_verify LOGIN; "
        "EXCEPTION WHEN duplicate_object THEN NULL; END $$",
    )
    sql(admin_url, f'GRANT CONNECT ON DATABASE "{database}" TO qkeys_verify')
    sql(admin_url, "GRANT USAGE ON SCHEMA public TO qkeys_verify")
    for grant in VERIFY_ONLY_GRANTS:
        sql(admin_url, grant)
    verify_url = admin_url.replace("postgresql://postgres@", "postgresql://qkeys_verify@")
    checked = qkeys(verify_url, "verify", "--action", "read", "--client", "app-1", stdin=token)
    assert checked.returncode == 0, checked.stderr
    listed = qkeys(admin_url, "keys", "list", "--json")
    assert '"last_used_at": null' not in listed.stdout
    assert '"last_used_by": "app-1"' in listed.stdout
    usage = qkeys(admin_url, "usage", "Svc", "--json")
    assert '"valid": 1' in usage.stdout, usage.stdout  # counted through the verify-only role
    limited = qkeys(admin_url, "keys", "create", "--name", "Metered", "--permissions", "read",
                    "--uses", "1").stdout
    assert qkeys(verify_url, "verify", "--action", "read", stdin=limited).returncode == 0
    spent = qkeys(verify_url, "verify", "--action", "read", stdin=limited)
    assert spent.returncode == 1 and "usage exhausted" in spent.stderr
    qkeys(admin_url, "keys", "delete", "Metered", "--yes")
    revoked = qkeys(verify_url, "verify", "--action", "read", stdin=limited)
    assert revoked.returncode == 1 and "revoked" in revoked.stderr  # tombstones readable
    refused = qkeys(verify_url, "keys", "delete", "Svc", "--yes")
    assert refused.returncode == 1
    assert "permission denied" in refused.stderr and "Traceback" not in refused.stderr


def test_a_deleted_keys_last_row_version_holds_no_hash(postgres_db_url: str, fast_hasher) -> None:
    """PostgreSQL keeps a deleted row's bytes until VACUUM, and hands the row to triggers and
    logical decoding: deletion overwrites the hash first, so the row that goes holds none.
    (The version before the overwrite stays in the table's pages until VACUUM reclaims it.)
    A regenerate keeps the row and replaces the hash in place: the row holds only the new one,
    and the tombstones of all three hold none."""
    store = Store.open(postgres_db_url, hasher=fast_hasher)
    store.add_project("Lab")
    for name in ("deleted", "regenerated", "scoped"):
        store.create_key(name, ["read"], None, ["Lab"] if name == "scoped" else None)
    hashes = dict(store.db.execute_sql("SELECT name, secret_hash FROM api_key").fetchall())
    sql(postgres_db_url, "CREATE TABLE seen (secret_hash TEXT)")
    sql(
        postgres_db_url,
        "CREATE FUNCTION remember() RETURNS trigger AS $$ BEGIN "
        "INSERT INTO seen VALUES (OLD.secret_hash); RETURN OLD; END $$ LANGUAGE plpgsql",
    )
    sql(
        postgres_db_url,
        "CREATE TRIGGER remember BEFORE DELETE ON api_key FOR EACH ROW EXECUTE FUNCTION remember()",
    )
    store.delete_key("deleted")
    store.regenerate_key("regenerated")
    store.remove_project("Lab", force=True)
    store.close()
    connection = psycopg2.connect(postgres_db_url)
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret_hash FROM seen")
        seen = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT secret_hash, previous_hash FROM api_key")
        kept = cursor.fetchall()
        cursor.execute("SELECT * FROM retired_key")
        tombstones = cursor.fetchall()
    connection.close()
    assert seen == ["revoked"] * 2  # "deleted", then "scoped" with its project
    assert len(kept) == 1 and kept[0][1] is None
    assert kept[0][0].startswith("$argon2") and kept[0][0] not in hashes.values()
    assert len(tombstones) == 3
    for value in (v for row in tombstones for v in row):
        assert not (isinstance(value, str) and ("argon2" in value or value in hashes.values()))


def test_the_readme_documents_exactly_these_grants() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    statements = " ".join(readme.split()).split(";")
    documented = {s.strip() for s in statements if s.strip().startswith("GRANT")
                  and "CONNECT" not in s and "ON SCHEMA" not in s}
    assert documented == {" ".join(grant.split()) for grant in VERIFY_ONLY_GRANTS}
