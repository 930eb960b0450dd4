"""The registry's public API: every operation the window and the CLI perform."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from operator import itemgetter
from typing import Any, Final, cast

import peewee

from . import migrations
from .actor import current_actor
from .change_feed import ChangeFeed
from .changes import (
    UNCHANGED,
    Unchanged,
    describe_changes,
    describe_expiry_utc,
    describe_limit_change,
    describe_limits,
)
from .database import describe, open_database
from .errors import DatabaseBusyError, NotFoundError, StoreError, ValidationError
from .hashing import SecretHasher
from .limits import Rate, check_rate, check_refill, check_uses
from .models import RegistryModels, bound_models
from .permissions import Permission
from .policy import RegistryPolicy, check_against, check_lifetime_days
from .records import (
    CreatedKey,
    EventRecord,
    EventRow,
    KeyRecord,
    KeyRow,
    KeyUsage,
    ProjectRecord,
    ProjectRemoval,
    RetiredKey,
    event_record,
    from_epoch,
    key_record,
    to_epoch,
)
from .tokens import find_secret, is_key_id, new_token, redact_tokens
from .usage import VALID, summarize_usage
from .validation import (
    check_expiration,
    check_permissions,
    check_scope,
    clean_description,
    clean_name,
    name_key,
)
from .verification import Verifier, VerifyResult

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current moment, aware, in UTC."""
    return datetime.now(UTC)


_KEY_COLUMNS = (
    "id",
    "key_id",
    "name",
    "permissions",
    "all_projects",
    "expires_at",
    "created_at",
    "last_used_at",
    "keychain_service",
    "description",
    "disabled_at",
    "created_by",
    "previous_key_id",
    "previous_until",
    "uses_limit",
    "uses_remaining",
    "uses_refill",
    "rate_limit",
    "rate_window",
    "last_used_by",
    "name_key",  # last: not in a KeyRow; the names as the uniqueness rule folded them
)
#: Tombstone reasons (:class:`~.records.RetiredKey`), as verification names them.
REVOKED: Final = "revoked"
ROTATED: Final = "rotated"
#: What a deleted key's hash is overwritten with on PostgreSQL before its row goes (not a hash).
_REVOKED_HASH = "revoked"


def _root_cause(error: BaseException) -> BaseException:
    """The error behind a failed ROLLBACK: on a full disk or an I/O error SQLite has already
    rolled the transaction back, so peewee's own ROLLBACK fails and hides what happened."""
    while error.__context__ is not None and (
        "no transaction is active" in str(error) or "no such savepoint" in str(error)
    ):
        error = error.__context__
    return error


def _translate_database_error(error: Exception, target: str) -> StoreError:
    """Turn a driver error into one sentence a person can act on."""
    error = cast(Exception, _root_cause(error))
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return DatabaseBusyError("The database is busy (another program is writing); try again.")
    if "full" in text or "disk i/o" in text:
        return StoreError(
            f"The disk holding {target} is full; free some space and try again (nothing was saved)."
        )
    if "permission denied" in text:
        return StoreError(
            f"The database {target} refused: {str(error).splitlines()[0]}; connect with a role "
            f"that may manage keys (a verify-only role can only check them)."
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(f"The database {target} is read-only; make it writable and try again.")
    return StoreError(f"The database {target} failed: {str(error).splitlines()[0]}")


class Store:
    """A key registry on one database. Thread-safe: peewee gives each thread its connection.

    Each Store has model classes of its own (:func:`~.models.bound_models`), so any number of
    registries can be open in one process, side by side or in different threads.
    """

    def __init__(
        self,
        db: peewee.Database,
        *,
        target: str = "",
        hasher: SecretHasher | None = None,
        clock: Clock = utc_now,
        migrate: bool = True,
        surface: str = "api",
    ) -> None:
        self.db = db
        self.surface = surface  # recorded with each audit event: "window", "cli" or "api"
        self.actor = current_actor()
        self.target = describe(target) if target else str(getattr(db, "database", ""))
        self.hasher = hasher or SecretHasher()
        self.clock = clock
        self.models: RegistryModels = bound_models(db)
        self._postgres = isinstance(db, peewee.PostgresqlDatabase)
        self._key_columns = tuple(getattr(self.models.ApiKey, name) for name in _KEY_COLUMNS)
        try:
            with self._translated():
                if migrate:
                    migrations.upgrade(db, where=self.target)
                else:
                    migrations.require_current(db, where=self.target)
        except Exception:  # a refused database must not keep its file or connection open
            db.close()
            raise
        self.verifier = Verifier(db, self.hasher, clock)

    @classmethod
    def open(
        cls, target: str, password: str | None = None, *, migrate: bool = True, **options: object
    ) -> Store:
        """Open the registry at a path or URL, creating and migrating it as needed.

        ``migrate=False`` opens it for checking keys only: nothing is created or upgraded, and
        a missing, empty, foreign or outdated registry is refused (StoreError), unchanged.
        """
        db = open_database(target, password, create=migrate)
        return cls(db, target=target, migrate=migrate, **options)  # type: ignore[arg-type]

    def close(self) -> None:
        """Write the usage counted so far (best effort) and close this thread's connection."""
        self.verifier.flush_usage()
        self.db.close()

    # -- plumbing ---------------------------------------------------------------------------

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except (peewee.OperationalError, peewee.DatabaseError, sqlite3.Error) as error:
            if isinstance(error, peewee.IntegrityError):
                raise
            raise _translate_database_error(error, self.target) from error

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One transaction that also bumps the revision other windows watch, and erases the
        hashes of rotated tokens whose overlap has ended (they verify no more: see
        :meth:`rotate_key`)."""
        with self._translated(), self.db.atomic():
            yield
            erased = self._erase_finished_overlaps()
            self.bump_revision()
        if erased:
            self._scrub_wal()

    def _erase_finished_overlaps(self) -> int:
        """Forget the replaced tokens that no longer verify; their tombstones say "rotated"."""
        keys = self.models.ApiKey
        return int(keys.update(previous_key_id=None, previous_hash=None, previous_until=None)
                   .where(keys.previous_until <= to_epoch(self.clock())).execute())

    def bump_revision(self) -> None:
        """Tell watching windows that something changed (see :mod:`.change_feed`)."""
        state = self.models.RegistryState
        state.update(revision=state.revision + 1).execute()
        if self._postgres:  # delivered to listeners when this transaction commits
            from .change_feed import NOTIFY_SQL

            self.db.execute_sql(NOTIFY_SQL)

    def open_change_feed(self) -> ChangeFeed:
        """A feed of every change committed to this registry, on a connection of its own."""
        from .change_feed import PostgresChangeFeed, SqliteChangeFeed

        with self._translated():
            if self._postgres:
                return PostgresChangeFeed(self.db._connect())  # peewee: a new raw connection
            # checked from whichever thread polls; it only ever reads one pragma
            return SqliteChangeFeed(sqlite3.connect(self.db.database, check_same_thread=False))

    def _scrub_wal(self) -> None:
        """secure_delete zeroes a deleted hash in its page, but the WAL keeps the page's earlier
        images until it is reset: checkpoint and truncate it (best effort while others read)."""
        if isinstance(self.db, peewee.SqliteDatabase):
            with self._translated():
                self.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def _record_event(
        self, kind: str, name: str, key_id: str | None = None, details: str = "",
        key_ref: int | None = None,
    ) -> None:
        self.models.Event.create(
            at=to_epoch(self.clock()), kind=kind, key_id=key_id, name=name, details=details,
            actor=self.actor, surface=self.surface, key_ref=key_ref,
        )

    def revision(self) -> int:
        """A counter that changes whenever any process writes keys or projects."""
        state = self.models.RegistryState
        with self._translated():
            row = state.select(state.revision).tuples().first()
        return int(row[0]) if row else 0

    # -- keys -------------------------------------------------------------------------------

    def create_key(
        self,
        name: str,
        permissions: Iterable[Permission | str],
        expires_at: datetime | None,
        projects: Sequence[str] | None = None,
        description: str = "",
        *,
        uses: int | None = None,
        refill: str | None = None,
        rate: Rate | None = None,
    ) -> CreatedKey:
        """Create a key; returns its record and plaintext token, which is never available again.
        ``uses``: how many valid verifications it allows in all (refilled ``daily`` or
        ``monthly`` if asked); ``rate``: (N, seconds) — see :mod:`.limits`. None: unlimited."""
        clean = clean_name(name)
        note = clean_description(description)
        limits = _limit_fields(check_uses(uses), check_refill(refill, uses), check_rate(rate))
        mask = check_permissions(permissions)
        scope = check_scope(projects)
        now = self.clock()
        expiry = self._allowed_expiration(expires_at, now)
        token, parsed = new_token()
        secret_hash = self.hasher.hash(parsed.secret)  # slow: outside the write transaction
        with self._writing():
            pk = self._insert_key(parsed.key_id, clean, mask, scope, expiry, now, secret_hash, note,
                                  limits)
            self._record_event(
                "key.created", clean, parsed.key_id,
                self._describe_grant(mask, scope) + describe_limits(uses, refill, rate), pk
            )
        return CreatedKey(self.get_key(parsed.key_id), token)

    def _allowed_expiration(self, expires_at: datetime | None, now: datetime) -> datetime | None:
        """An expiration checked against the general rules and then the registry's policy."""
        expiry = check_expiration(expires_at, now)
        check_against(self.policy(), expiry, now)
        return expiry

    def _insert_key(
        self,
        key_id: str,
        name: str,
        mask: int,
        scope: list[str] | None,
        expiry: datetime | None,
        now: datetime,
        secret_hash: str,
        description: str = "",
        limits: dict[str, Any] | None = None,
    ) -> int:
        keys = self.models.ApiKey
        if keys.select().where(keys.name_key == name_key(name)).exists():
            raise _name_taken(name)
        project_ids = self._project_ids(scope) if scope is not None else []
        try:
            with self.db.atomic():
                row = keys.create(
                    key_id=key_id,
                    name=name,
                    name_key=name_key(name),
                    secret_hash=secret_hash,
                    permissions=mask,
                    all_projects=scope is None,
                    expires_at=None if expiry is None else to_epoch(expiry),
                    created_at=to_epoch(now),
                    description=description,
                    created_by=self.actor,
                    **(limits or {}),
                )
        except peewee.IntegrityError:  # another process took the name between check and insert
            raise _name_taken(name) from None
        self._link_projects(row.id, project_ids)
        return int(row.id)

    def _link_projects(self, pk: int, project_ids: list[int]) -> None:
        links = self.models.KeyProject
        try:
            links.insert_many(
                [(pk, pid) for pid in project_ids], fields=[links.key, links.project]
            ).execute()
        except peewee.IntegrityError:  # a project was removed by another process meanwhile
            raise ValidationError(
                "projects", "A chosen project was just removed elsewhere; pick the projects again."
            ) from None

    def _project_ids(self, names: list[str]) -> list[int]:
        """The ids of the named projects. On PostgreSQL their rows stay locked (KEY SHARE) until
        the transaction ends, so a concurrent ``remove_project`` waits for this key and then
        sees it (SQLite's single writer gives the same order)."""
        projects = self.models.Project
        wanted = {name_key(n): n for n in names}
        query = projects.select(projects.name_key, projects.id).where(
            projects.name_key.in_(list(wanted))
        )
        if self._postgres:
            query = query.for_update("FOR KEY SHARE")
        found = dict(query.tuples())
        missing = [n for k, n in wanted.items() if k not in found]
        if missing:
            raise ValidationError(
                "projects",
                f"No project named {missing[0]!r}; add it first (Projects page or "
                f"'qkeys projects add'), or pick an existing one.",
            )
        return [found[k] for k in wanted]

    @staticmethod
    def _describe_grant(mask: int, scope: list[str] | None) -> str:
        from .permissions import permission_names

        allowed = ", ".join(name.capitalize() for name in permission_names(mask))
        return f"{allowed} on {'all projects' if scope is None else ', '.join(scope)}"

    def list_keys(self) -> list[KeyRecord]:
        """Every key, newest first, in a constant number of queries whatever their number."""
        return [key_record(row) for row in self.key_rows()]

    def key_rows(self, expiring_by: datetime | None = None) -> list[KeyRow]:
        """Every key as a plain :data:`~.records.KeyRow`, newest first (then by name, the
        window's default order): three queries, and no objects per key for 100,000 keys.
        ``expiring_by``: only the keys that expire (or expired) by then — an indexed read of
        a few rows, for reminders and ``qkeys keys expiring``."""
        keys = self.models.ApiKey
        return self._read_keys([None if expiring_by is None
                                else keys.expires_at <= to_epoch(expiring_by)])[1]

    def key_table(self, pks: Collection[int] | None = None
                  ) -> tuple[list[int], list[KeyRow], list[str]]:
        """Keys as :data:`~.records.KeyRow` with their row ids (``ids[i]`` is ``rows[i]``'s,
        never reused, kept across rotations) and their names as the uniqueness rule folds them
        (:func:`~.validation.name_key`, as stored): every key newest first, or only those of
        ``pks`` (ids of keys gone are left out). What :mod:`.key_listing` follows a table
        with."""
        keys = self.models.ApiKey
        return self._read_keys([None] if pks is None
                               else [keys.id.in_(part) for part in _chunks(pks)])

    def _read_keys(self, conditions: list[Any]) -> tuple[list[int], list[KeyRow], list[str]]:
        """The keys meeting any of ``conditions`` (one query each; None: every key), newest
        first within each query, with their row ids and folded names; their scopes and 30-day
        uses are read for those keys only unless every key was read."""
        keys = self.models.ApiKey
        query = keys.select(*self._key_columns).order_by(
            keys.created_at.desc(), keys.name_key.desc())
        with self._translated():
            rows = [row for condition in conditions for row in self._fetch(
                query if condition is None else query.where(condition))]
            ids = [row[0] for row in rows]
            folded = list(map(itemgetter(len(_KEY_COLUMNS) - 1), rows))  # a C loop
            # (`is`, not ==: a peewee condition compared with == is a new expression)
            every_key = len(conditions) == 1 and conditions[0] is None
            chosen = None if every_key else ids
            return (ids, _key_rows(rows, self._scope_names(chosen), self._uses_30d(chosen)),
                    folded)

    def select_rows(self, query: peewee.Query) -> list[tuple]:  # type: ignore[type-arg]
        """The rows of a query on this store's models as the driver returns them (plain tuples),
        with database errors in words: for core modules that read in bulk."""
        with self._translated():
            return self._fetch(query)

    def _uses_30d(self, key_pks: Collection[int] | None = None) -> dict[int, int]:
        """Valid verifications per key over the last 30 days (what the table sorts by)."""
        usage = self.models.KeyUsage
        since = to_epoch(self.clock()) - 30 * 86400
        query = (usage.select(usage.key_ref, peewee.fn.SUM(usage.count))
                 .where((usage.hour >= since - since % 3600) & (usage.outcome == VALID))
                 .group_by(usage.key_ref))
        return {pk: int(total) for part in _chunks(key_pks) for pk, total in self._fetch(
            query if part is None else query.where(usage.key_ref.in_(part)))}

    def key_names(self) -> list[str]:
        """Every key's name: what the uniqueness rule needs, without building whole records."""
        keys = self.models.ApiKey
        with self._translated():
            return [name for (name,) in self._fetch(keys.select(keys.name))]

    def _fetch(self, query: peewee.Query) -> list[tuple]:  # type: ignore[type-arg]
        """All rows as the driver returns them: peewee's per-value conversion in ``.tuples()``
        would cost more than the query itself at 100,000 keys (see tests/benchmarks)."""
        sql, params = query.sql()
        rows: list[tuple] = self.db.execute_sql(sql, params).fetchall()  # type: ignore[type-arg]
        return rows

    def _scope_names(self, key_pks: Collection[int] | None = None) -> dict[int, list[str]]:
        links, projects = self.models.KeyProject, self.models.Project
        query = (
            links.select(links.key, projects.name)
            .join(projects)
            .order_by(projects.name_key)
            .tuples()
        )
        names: dict[int, list[str]] = defaultdict(list)
        for part in _chunks(key_pks):
            chosen = query if part is None else query.where(links.key.in_(part))
            for pk, project in self._fetch(chosen):
                names[pk].append(project)
        return names

    def get_key(self, key_id_or_name: str) -> KeyRecord:
        """One key by public id or (case-insensitive) name; NotFoundError if none."""
        keys = self.models.ApiKey
        text = key_id_or_name.strip()
        condition = keys.key_id == text if is_key_id(text) else keys.name_key == name_key(text)
        with self._translated():
            row = keys.select(*self._key_columns).where(condition).tuples().first()
            if row is None:
                raise NotFoundError(_no_key_named(text))
            return key_record(
                _key_rows([row], self._scope_names([row[0]]), self._uses_30d([row[0]]))[0])

    def delete_key(self, key_id_or_name: str) -> KeyRecord:
        """Revoke a key at once: its row is deleted (the audit event stays)."""
        return self.delete_keys([key_id_or_name])[0]

    def delete_keys(self, keys: Sequence[str], reason: str = "") -> list[KeyRecord]:
        """Revoke several keys in one transaction; all or none. ``reason`` goes into the audit
        event ("revoked: found in app.env:3"), with anything token-shaped in it hidden."""
        details = f"{REVOKED}: {redact_tokens(reason)}" if reason else REVOKED
        with self._writing():
            records = [self.get_key(k) for k in keys]
            for record in records:
                if not self._delete_row(record, "key.deleted", details):
                    raise NotFoundError(_no_key_named(record.key_id))  # deleted elsewhere
        self._scrub_wal()
        return records

    def _delete_row(
        self, record: KeyRecord, kind: str, details: str, pk: int | None = None
    ) -> bool:
        """Delete a key's row (its scope goes with it), leave a tombstone of its id (and of the
        token a running rotation still accepts) and record why; False if another process deleted
        it first (on PostgreSQL, whose transactions don't take the whole database). Given its
        ``pk``, the row is found by that: a rotation committed meanwhile by another process has
        given it a new key id, which is the one revoked then.

        SQLite's secure_delete zeroes the hash where it was stored. PostgreSQL keeps a deleted
        row's bytes until VACUUM, so the hash is first overwritten: the deleted version holds
        no hash (the version before the overwrite still does, until VACUUM reclaims it)."""
        keys = self.models.ApiKey
        mine = keys.key_id == record.key_id if pk is None else keys.id == pk
        if self._postgres:
            keys.update(secret_hash=_REVOKED_HASH, previous_hash=None).where(mine).execute()
        found = keys.select(
            keys.id, keys.key_id, keys.name, keys.previous_key_id, keys.previous_until
        ).where(mine)
        row = found.tuples().first()
        if row is None or not keys.delete().where(keys.id == row[0]).execute():
            return False
        pk, key_id, name, previous_key_id, previous_until = row
        now = to_epoch(self.clock())
        self._retire(key_id, pk, name, REVOKED, now)
        if previous_key_id is not None and previous_until is not None and previous_until > now:
            self._retire(previous_key_id, pk, name, REVOKED, now)  # stops now, too
        self._record_event(kind, name, key_id, details, pk)
        return True

    def _retire(self, key_id: str, pk: int, name: str, reason: str, at: int) -> None:
        """Leave (or update) the tombstone of a key id that stops verifying at ``at``."""
        retired = self.models.RetiredKey
        updated = (retired.update(reason=reason, at=at, actor=self.actor)
                   .where(retired.key_id == key_id).execute())
        if not updated:
            retired.create(key_id=key_id, key_ref=pk, name=name, reason=reason, at=at,
                           actor=self.actor)

    def regenerate_key(self, key_id_or_name: str) -> CreatedKey:
        """Replace a key's token by a new one at once (a rotation without overlap), keeping its
        settings and lifetime; the old token stops verifying ("rotated")."""
        return self.rotate_key(key_id_or_name)

    def rotate_key(
        self,
        key_id_or_name: str,
        overlap: timedelta = timedelta(0),
        expires_at: datetime | Unchanged | None = UNCHANGED,
    ) -> CreatedKey:
        """Give a key a new token with the same settings (Stripe's "roll"). The old token keeps
        working for ``overlap`` and then stops with reason "rotated"; rotating again during an
        overlap ends the earlier overlap at once. ``expires_at`` defaults to the key's lifetime
        counted from now; either way the registry's policy applies."""
        if overlap < timedelta(0) or overlap > timedelta(days=30):
            raise ValidationError(
                "overlap", "The overlap must be between none and 30 days; the old token should "
                "not outlive the time apps need to switch."
            )
        old = self.get_key(key_id_or_name)
        now = self.clock()
        if isinstance(expires_at, Unchanged):
            expires_at = None if old.expires_at is None else now + (old.expires_at - old.created_at)
        expiry = self._allowed_expiration(expires_at, now)
        token, parsed = new_token()
        secret_hash = self.hasher.hash(parsed.secret)
        stamp, until = to_epoch(now), to_epoch(now + overlap)
        keys = self.models.ApiKey
        with self._writing():
            row = keys.select(keys.id, keys.previous_key_id, keys.previous_until).where(
                keys.key_id == old.key_id).tuples().first()
            if row is None:  # deleted or rotated by another process meanwhile
                raise NotFoundError(_no_key_named(old.key_id))
            pk, running, running_until = row
            if running is not None and running_until is not None and running_until > stamp:
                self._retire(running, pk, old.name, ROTATED, stamp)
            self._retire(old.key_id, pk, old.name, ROTATED, until)
            overlapping = until > stamp
            changed = keys.update(
                key_id=parsed.key_id,
                secret_hash=secret_hash,
                created_at=stamp,
                expires_at=None if expiry is None else to_epoch(expiry),
                previous_key_id=old.key_id if overlapping else None,
                # SQL reads the row as it was: the old token's hash moves over, or is erased
                previous_hash=keys.secret_hash if overlapping else None,
                previous_until=until if overlapping else None,
            ).where(keys.key_id == old.key_id).execute()
            if not changed:
                raise NotFoundError(_no_key_named(old.key_id))
            when = (f"keeps working until {describe_expiry_utc(now + overlap)}" if overlapping
                    else "stopped working at once")
            self._record_event(
                "key.rotated", old.name, parsed.key_id,
                f"replaces {old.key_id}, which {when}; expires "
                f"{describe_expiry_utc(expiry)}", pk,
            )
        self._scrub_wal()
        return CreatedKey(self.get_key(parsed.key_id), token)

    def edit_key(
        self,
        key_id_or_name: str,
        *,
        name: str | None = None,
        description: str | None = None,
        permissions: Iterable[Permission | str] | None = None,
        projects: Sequence[str] | Unchanged | None = UNCHANGED,
        expires_at: datetime | Unchanged | None = UNCHANGED,
        uses: int | Unchanged | None = UNCHANGED,
        refill: str | Unchanged | None = UNCHANGED,
        rate: Rate | Unchanged | None = UNCHANGED,
    ) -> KeyRecord:
        """Change a key in place, without a new token: what is not given stays. ``projects``
        None means all projects. The same rules as creation apply (and the registry's policy to
        a changed expiration); one audit event says what changed from what to what."""
        old = self.get_key(key_id_or_name)
        now = self.clock()
        fields: dict[str, Any] = {}
        new_name = old.name if name is None else clean_name(name)
        if new_name != old.name:
            fields.update(name=new_name, name_key=name_key(new_name))
        new_note = old.description if description is None else clean_description(description)
        if new_note != old.description:
            fields["description"] = new_note
        mask = old.permissions if permissions is None else int(check_permissions(permissions))
        if mask != old.permissions:
            fields["permissions"] = mask
        scope = (None if old.all_projects else list(old.projects)) if isinstance(
            projects, Unchanged) else self._scope_as_stored(check_scope(projects))
        old_scope = None if old.all_projects else list(old.projects)
        expiry = old.expires_at
        if not isinstance(expires_at, Unchanged) and expires_at != old.expires_at:
            expiry = self._allowed_expiration(expires_at, now)
            fields["expires_at"] = None if expiry is None else to_epoch(expiry)
        changes = describe_changes(old, new_name, new_note, mask, old_scope, scope, expiry)
        limit_changes = self._limit_changes(old, uses, refill, rate)
        if limit_changes:
            fields.update(limit_changes[0])
            changes = "; ".join(part for part in (changes, limit_changes[1]) if part)
        if not changes:
            return old
        keys = self.models.ApiKey
        try:
            with self._writing():
                row = keys.select(keys.id).where(keys.key_id == old.key_id).tuples().first()
                if row is None:
                    raise NotFoundError(_no_key_named(old.key_id))
                (pk,) = row
                if "name_key" in fields and keys.select().where(
                        (keys.name_key == fields["name_key"]) & (keys.id != pk)).exists():
                    raise _name_taken(new_name)
                if fields:
                    keys.update(**fields).where(keys.id == pk).execute()
                if scope != old_scope:
                    self._rescope(pk, scope)
                self._record_event("key.edited", new_name, old.key_id, changes, pk)
        except peewee.IntegrityError:  # another process took the name meanwhile
            raise _name_taken(new_name) from None
        return self.get_key(old.key_id)

    @staticmethod
    def _limit_changes(old: KeyRecord, uses: int | Unchanged | None,
                       refill: str | Unchanged | None, rate: Rate | Unchanged | None
                       ) -> tuple[dict[str, Any], str] | None:
        """The columns and the audit words of an edit's limits; None when they stay. Setting a
        number of uses starts the count afresh."""
        old_rate = None if old.rate_limit is None else (old.rate_limit, old.rate_window or 1)
        new_uses = old.uses_limit if isinstance(uses, Unchanged) else check_uses(uses)
        new_refill = (old.uses_refill if isinstance(refill, Unchanged)
                      else check_refill(refill, new_uses))
        if new_uses is None:
            new_refill = None
        new_rate = old_rate if isinstance(rate, Unchanged) else check_rate(rate)
        if (isinstance(uses, Unchanged) and (new_uses, new_refill, new_rate)
                == (old.uses_limit, old.uses_refill, old_rate)):
            return None
        restarted = not isinstance(uses, Unchanged)
        words = describe_limit_change(old.uses_limit, old.uses_refill, old_rate, new_uses,
                                      new_refill, new_rate, restarted=restarted)
        fields = _limit_fields(new_uses, new_refill, new_rate)
        if not restarted:  # a changed refill or rate limit leaves the uses left as they are
            for column in ("uses_limit", "uses_remaining", "uses_refilled_at"):
                del fields[column]
        if new_rate == old_rate:  # and a changed number of uses leaves the rate window's count
            for column in ("rate_limit", "rate_window", "rate_window_start", "rate_count"):
                del fields[column]
        return fields, words

    def _scope_as_stored(self, scope: list[str] | None) -> list[str] | None:
        """A scope as the registry spells and orders its projects (as a key's record lists
        them), so naming the same projects in another case or order is no change. Unchanged
        if a project is missing: the edit then refuses it, naming it as given."""
        if scope is None:
            return None
        projects = self.models.Project
        wanted = {name_key(name) for name in scope}
        query = (projects.select(projects.name).where(projects.name_key.in_(list(wanted)))
                 .order_by(projects.name_key))
        with self._translated():
            found = [name for (name,) in self._fetch(query)]
        return found if len(found) == len(wanted) else scope

    def _rescope(self, pk: int, scope: list[str] | None) -> None:
        keys, links = self.models.ApiKey, self.models.KeyProject
        project_ids = self._project_ids(scope) if scope is not None else []
        links.delete().where(links.key == pk).execute()
        keys.update(all_projects=scope is None).where(keys.id == pk).execute()
        self._link_projects(pk, project_ids)

    def set_key_disabled(self, key_id_or_name: str, disabled: bool) -> KeyRecord:
        """Pause a key (every check answers "disabled") or resume it; a no-op, with no event,
        when it already is so."""
        old = self.get_key(key_id_or_name)
        if (old.disabled_at is not None) == disabled:
            return old
        keys = self.models.ApiKey
        with self._writing():
            row = keys.select(keys.id).where(keys.key_id == old.key_id).tuples().first()
            if row is None:
                raise NotFoundError(_no_key_named(old.key_id))
            stamp = to_epoch(self.clock()) if disabled else None
            keys.update(disabled_at=stamp).where(keys.id == row[0]).execute()
            self._record_event("key.disabled" if disabled else "key.enabled", old.name,
                               old.key_id, "", row[0])
        return self.get_key(old.key_id)

    def retired_key(self, key_id: str) -> RetiredKey | None:
        """The tombstone of a key id that no longer verifies (revoked or rotated), if any."""
        retired = self.models.RetiredKey
        with self._translated():
            row = retired.select(retired.key_id, retired.name, retired.reason, retired.at,
                                 retired.actor).where(retired.key_id == key_id).tuples().first()
        if row is None:
            return None
        return RetiredKey(row[0], row[1], row[2], datetime.fromtimestamp(row[3], UTC), row[4])

    # -- policy -----------------------------------------------------------------------------

    def policy(self) -> RegistryPolicy:
        """The registry's lifetime policy (stored in the registry: one for all its users)."""
        state = self.models.RegistryState
        with self._translated():
            row = state.select(state.max_lifetime_days, state.allow_never).tuples().first()
        return RegistryPolicy() if row is None else RegistryPolicy(row[0], bool(row[1]))

    def set_policy(
        self,
        max_lifetime_days: int | Unchanged | None = UNCHANGED,
        allow_never: bool | Unchanged = UNCHANGED,
    ) -> RegistryPolicy:
        """Change the policy; existing keys are not changed (they are flagged where they break
        it). An audit event says what changed."""
        old = self.policy()
        if not isinstance(allow_never, Unchanged | bool):
            raise ValidationError("allow_never", "allow_never must be True or False.")
        new = RegistryPolicy(
            old.max_lifetime_days if isinstance(max_lifetime_days, Unchanged)
            else check_lifetime_days(max_lifetime_days),
            old.allow_never if isinstance(allow_never, Unchanged) else allow_never,
        )
        if new == old:
            return old
        state = self.models.RegistryState
        with self._writing():
            state.update(max_lifetime_days=new.max_lifetime_days,
                         allow_never=new.allow_never).execute()
            self._record_event("policy.changed", "lifetime policy", None,
                               f"{old.describe()} → {new.describe()}")
        return new

    def set_keychain_service(self, key_id: str, service: str | None) -> None:
        """Remember whether (and under which service) the key's secret went to the OS keychain."""
        keys = self.models.ApiKey
        with self._writing():
            keys.update(keychain_service=service).where(keys.key_id == key_id).execute()

    # -- projects ---------------------------------------------------------------------------

    def add_project(self, name: str) -> ProjectRecord:
        """Add a project keys can be scoped to; names are unique regardless of case."""
        projects = self.models.Project
        clean = clean_name(name, "project", "project")
        now = self.clock()
        try:
            with self._writing():
                if projects.select().where(projects.name_key == name_key(clean)).exists():
                    raise _project_taken(clean)
                projects.create(name=clean, name_key=name_key(clean), created_at=to_epoch(now))
                self._record_event("project.added", clean)
        except peewee.IntegrityError:
            raise _project_taken(clean) from None
        return ProjectRecord(clean, 0, now.replace(microsecond=0))

    def _project(self, name: str, lock: bool = False) -> Any:
        """The project by name (NotFoundError if none); ``lock``: on PostgreSQL its row stays
        locked FOR UPDATE until the transaction ends (keys being scoped to it wait, or wait us)."""
        projects = self.models.Project
        query = projects.select().where(projects.name_key == name_key(name.strip()))
        if lock and self._postgres:
            query = query.for_update()
        project = query.first()
        if project is None:
            raise NotFoundError(f"No project named {name.strip()!r}; see 'qkeys projects list'.")
        return project

    def rename_project(self, old: str, new: str) -> None:
        """Rename a project; scoped keys follow, since they link to it, not to its name."""
        projects = self.models.Project
        clean = clean_name(new, "project", "project")
        try:
            with self._writing():
                project = self._project(old)
                taken = projects.select().where(
                    (projects.name_key == name_key(clean)) & (projects.id != project.id)
                )
                if taken.exists():
                    raise _project_taken(clean)
                previous = project.name
                projects.update(name=clean, name_key=name_key(clean)).where(
                    projects.id == project.id
                ).execute()
                self._record_event(
                    "project.renamed", clean,
                    details=f"was {previous}; apps passing {previous!r} are now refused",
                )
        except peewee.IntegrityError:
            raise _project_taken(clean) from None

    def keys_scoped_to(self, name: str) -> list[KeyRecord]:
        """The keys whose scope includes this project."""
        return list(self._keys_scoped_to(self._project(name)).values())

    def _keys_scoped_to(self, project: Any) -> dict[int, KeyRecord]:
        """The keys scoped to this project by row id (a key id changes when a rotation commits
        meanwhile in another process; the row id never does), newest first."""
        keys, links = self.models.ApiKey, self.models.KeyProject
        query = (
            keys.select(*self._key_columns)
            .join(links)
            .where(links.project == project.id)
            .order_by(keys.created_at.desc(), keys.name_key.desc())
        )
        rows = self._fetch(query)
        records = _key_rows(rows, self._scope_names(), {})  # usage: not needed here
        return {row[0]: key_record(record) for row, record in zip(rows, records, strict=True)}

    def remove_project(self, name: str, force: bool = False) -> ProjectRemoval:
        """Remove a project. Keys scoped to it make this fail unless ``force``: then they lose it,
        and keys scoped to nothing else are revoked — never widened to all projects.

        On PostgreSQL the project's row is locked first, so a key being scoped to it at the same
        time is either seen here (and revoked or narrowed) or refused ("just removed
        elsewhere"): never left scoped to nothing."""
        with self._writing():
            project = self._project(name, lock=True)
            by_row = self._keys_scoped_to(project)
            scoped = list(by_row.values())
            if scoped and not force:
                names = ", ".join(k.name for k in scoped[:5]) + ("…" if len(scoped) > 5 else "")
                raise ValidationError(
                    "project",
                    f"{len(scoped)} key(s) are scoped to {project.name!r} ({names}). Removing it "
                    f"takes it out of their scope and revokes keys scoped to nothing else; "
                    f"confirm with --force.",
                )
            revoked_list = []
            for pk, key in by_row.items():
                if len(key.projects) == 1 and self._delete_row(
                    key, "key.deleted", f"revoked: project {project.name} removed", pk
                ):  # (not if another process revoked it first)
                    revoked_list.append(key)
            revoked = tuple(revoked_list)
            narrowed = tuple(k.name for k in scoped if len(k.projects) > 1)
            project.delete_instance()
            self._record_event(
                "project.removed", project.name, details=_removal_details(narrowed, revoked)
            )
        if revoked:
            self._scrub_wal()
        return ProjectRemoval(narrowed, revoked)

    def list_projects(self) -> list[ProjectRecord]:
        """Every project with the number of keys scoped to it, by name."""
        projects, links = self.models.Project, self.models.KeyProject
        count = peewee.fn.COUNT(links.id)
        with self._translated():
            rows = (
                projects.select(projects.name, count, projects.created_at)
                .join(links, peewee.JOIN.LEFT_OUTER)
                .group_by(projects.id, projects.name, projects.created_at)
                .order_by(projects.name_key)
                .tuples()
            )
            return [ProjectRecord(n, int(c), from_epoch(t) or self.clock()) for n, c, t in rows]

    # -- audit and verification -------------------------------------------------------------

    def list_events(self, limit: int | None = None, key_id: str | None = None
                    ) -> list[EventRecord]:
        """Audit events, newest first; only one key's history if asked (by any id it had, live,
        rotated or deleted: every event of that key across its rotations)."""
        return [event_record(row) for row in self.event_rows(limit, key_id)]

    def event_rows(self, limit: int | None = None, key_id: str | None = None) -> list[EventRow]:
        """Audit events as plain :data:`~.records.EventRow` tuples, newest first."""
        events = self.models.Event
        query = events.select(
            events.at, events.kind, events.key_id, events.name, events.details, events.actor,
            events.surface,
        ).order_by(events.at.desc(), events.id.desc())
        if key_id is not None:
            ref = self._key_ref(key_id)
            mine = events.key_id == key_id
            query = query.where(mine if ref is None else mine | (events.key_ref == ref))
        if limit is not None:
            query = query.limit(limit)
        with self._translated():
            return self._fetch(query)

    def _key_ref(self, key_id: str) -> int | None:
        """The row id of the key that has or had this key id (it is never reused)."""
        keys, retired = self.models.ApiKey, self.models.RetiredKey
        with self._translated():
            row = keys.select(keys.id).where(
                (keys.key_id == key_id) | (keys.previous_key_id == key_id)).tuples().first()
            if row is None:
                row = retired.select(retired.key_ref).where(
                    retired.key_id == key_id).tuples().first()
        return None if row is None else row[0]

    def verify(self, token: object, action: object, project: object = None,
               client: object = None) -> VerifyResult:
        """Check a presented token for an action (and project); never raises. ``client`` (an
        app name, host or IP) is counted with the key's usage and kept as "last used by"."""
        return self.verifier.verify(token, action, project, client)

    def usage(self, key_id_or_name: str, days: int = 30) -> KeyUsage:
        """A key's verifications over the last ``days`` UTC days: per day (valid, rejected), by
        rejection reason and by client. Counts reach the registry about once a minute per
        verifying process (:mod:`.usage`); this process's own are written first."""
        if not 1 <= days <= 366:
            raise ValidationError("days", "Show between 1 and 366 days of usage.")
        record = self.get_key(key_id_or_name)
        self.verifier.flush_usage()
        today = self.clock().astimezone(UTC).date()
        first = today - timedelta(days=days - 1)
        usage, keys = self.models.KeyUsage, self.models.ApiKey
        pk = keys.select(keys.id).where(keys.key_id == record.key_id)
        query = (usage.select(usage.hour, usage.outcome, usage.client, usage.count)
                 .where((usage.key_ref.in_(pk)) & (usage.hour >= to_epoch(
                     datetime.combine(first, datetime.min.time(), UTC)))))
        with self._translated():
            return summarize_usage(self._fetch(query), first, days)


#: At most this many ids in one ``IN (…)``: SQLite before 3.32 takes 999 parameters a statement.
_IN_CHUNK: Final = 900


def _chunks(ids: Collection[int] | None) -> Iterator[list[int] | None]:
    """``ids`` in lists of at most :data:`_IN_CHUNK` (None once: no restriction)."""
    if ids is None:
        yield None
        return
    wanted = list(ids)
    for start in range(0, len(wanted), _IN_CHUNK):
        yield wanted[start:start + _IN_CHUNK]


def _no_key_named(text: str) -> str:
    """Not found, naming what was asked for, unless it is a secret token: never echo that."""
    key_id = find_secret(text)
    if key_id is None:
        return f"No key with id or name {text!r}; see 'qkeys keys list'."
    return (
        f"That is a key's secret token (not repeated here), not its id or name; "
        f"use its key id {key_id} instead, and keep the token out of command lines."
    )


def _name_taken(name: str) -> ValidationError:
    return ValidationError("name", f"A key named {name!r} already exists; choose another name.")


def _project_taken(name: str) -> ValidationError:
    return ValidationError("project", f"A project named {name!r} already exists; choose another.")


def _removal_details(narrowed: tuple[str, ...], revoked: tuple[KeyRecord, ...]) -> str:
    parts = []
    if narrowed:
        parts.append(f"narrowed {len(narrowed)} key(s)")
    if revoked:
        parts.append(f"revoked {', '.join(k.name for k in revoked)}")
    return "; ".join(parts)


def _limit_fields(uses: int | None, refill: str | None, rate: Rate | None) -> dict[str, Any]:
    """The api_key columns of a key's limits, counts started afresh."""
    return {"uses_limit": uses, "uses_remaining": uses, "uses_refill": refill,
            "uses_refilled_at": None, "rate_limit": None if rate is None else rate[0],
            "rate_window": None if rate is None else rate[1], "rate_window_start": None,
            "rate_count": 0}


def _key_rows(rows: list[tuple], scopes: dict[int, list[str]],  # type: ignore[type-arg]
              uses_30d: dict[int, int]) -> list[KeyRow]:
    """The KeyRows of ApiKey rows selected as ``_KEY_COLUMNS``, with each key's projects: the
    one place the store makes them (in the order of records' ``KEY_`` field numbers)."""
    projects = {pk: tuple(names) for pk, names in scopes.items()}
    empty: tuple[str, ...] = ()
    return [
        (key_id, name, permissions, projects.get(pk, empty), bool(all_projects), expires,
         created or 0, used, keychain, note, disabled, by, previous, until, uses_limit,
         uses_remaining, refill, rate_limit, rate_window, used_by, uses_30d.get(pk, 0))
        for (pk, key_id, name, permissions, all_projects, expires, created, used, keychain, note,
             disabled, by, previous, until, uses_limit, uses_remaining, refill, rate_limit,
             rate_window, used_by, _folded) in rows
    ]
