"""Finding qkeys tokens where they should not be — files, folders, a git repository's history —
and telling which registry key each belongs to.

A token is found by the documented pattern (:data:`.tokens.TOKEN_PATTERN`, the one the secret
scanners' rules use) and kept only if its CRC32 checksum holds (:func:`.tokens.parse_token`),
so look-alikes and typos are never reported, all offline. Only the key id of a token found ever
leaves this module: a finding, a message or an exception never holds the token itself, so a
scan's report can be pasted into a ticket or a CI log.

Whether a found token's *secret* is its key's own is not checked: that would take the argon2
check of :meth:`~.store.Store.verify`, which counts as a use of the key. A well-formed token
whose id is a live key's is reported as that key's leak.

No peewee here: the registry is asked through :class:`KeyLookup` (a :class:`~.store.Store`).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Protocol

from .errors import NotFoundError
from .records import KeyRecord, RetiredKey
from .tokens import TOKEN_PATTERN, TokenFormatError, parse_token
from .verification import ROTATED

#: Files larger than this are not read (logs, dumps, media): named in the report as skipped.
MAX_FILE_BYTES = 10 * 1024 * 1024
#: As git decides: a NUL byte among the first 8000 makes a file binary (not scanned).
_SNIFF_BYTES = 8000
#: Bytes, not text: a file in any ASCII-compatible encoding is scanned without decoding it, and
#: ``\b`` means an ASCII word boundary, as in the gitleaks and GitHub rules.
_TOKEN_RE = re.compile(TOKEN_PATTERN.encode("ascii"))
_HUNK_RE = re.compile(rb"@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_GIT_TIMEOUT = 30  # seconds, for the quick checks before the history is read


class ScanError(Exception):
    """The scan could not be made at all (git missing, not a repository); a sentence."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One well-formed token: where it is and its key id — never the token."""

    path: str
    line: int
    key_id: str
    commit: str | None = None  # with a git history: the commit that added the line

    @property
    def where(self) -> str:
        """``path:line``, or ``commit:path:line`` for a commit's (as ``git grep`` prints it)."""
        place = f"{self.path}:{self.line}"
        return place if self.commit is None else f"{self.commit[:12]}:{place}"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A path that was not scanned, and why (unreadable, too large, not a regular file)."""

    path: str
    reason: str


@dataclass
class ScanTally:
    """What a scan covered, filled in as it goes; the findings are what it yields.

    Another thread may read the counts while the scan runs (the window's progress) and set
    ``cancelled``: the scan then stops before its next file or ``git log`` line."""

    files: int = 0
    binary: int = 0
    commits: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    cancelled: bool = False


def find_key_ids(data: bytes) -> Iterator[tuple[int, str]]:
    """``(line number, key id)`` of each token in ``data`` whose checksum holds."""
    line, counted = 1, 0
    for match in _TOKEN_RE.finditer(data):
        try:
            parsed = parse_token(match.group().decode("ascii"))
        except TokenFormatError:  # a look-alike or a typo: no token, nothing to report
            continue
        line += data.count(b"\n", counted, match.start())
        counted = match.start()
        yield line, parsed.key_id


def scan(paths: Sequence[str], tally: ScanTally, git: bool = False) -> Iterator[Finding]:
    """The files and folders named, then (with ``git``) the history of each one's repository:
    what ``qkeys scan`` and the window's scan read. Raises :class:`ScanError` as
    :func:`scan_git_history` does."""
    yield from scan_paths(paths, tally)
    if git:
        for path in paths:
            yield from scan_git_history(path, tally)


def found_in(places: Sequence[str], shown: int = 3) -> str:
    """ "found in a.env:2, b.py:7 and 4 more": where a revoked key was found, for its audit
    event (one line, so at most ``shown`` places are named)."""
    unique = list(dict.fromkeys(places))
    more = len(unique) - shown
    named = ", ".join(unique[:shown])
    return f"found in {named}" if more <= 0 else f"found in {named} and {more} more"


# -- files and folders -----------------------------------------------------------------------


def scan_paths(
    paths: Iterable[str], tally: ScanTally, max_bytes: int = MAX_FILE_BYTES
) -> Iterator[Finding]:
    """The tokens in the files named and in the folders named (recursively, without ``.git``
    folders and without following symbolic links inside them). What cannot be read is added
    to ``tally.skipped``; nothing raises."""
    for top in paths:
        for path, named in _files(top, tally):
            if tally.cancelled:
                return
            try:
                data = _read_text(path, named, max_bytes)
            except _NotScanned as skipped:
                tally.skipped.append(Skipped(printable(path), str(skipped)))
                continue
            except OSError as error:
                tally.skipped.append(Skipped(printable(path), _reason(error)))
                continue
            if data is None:
                tally.binary += 1
                continue
            tally.files += 1
            for line, key_id in find_key_ids(data):
                yield Finding(printable(path), line, key_id)


class _NotScanned(Exception):
    """A file left out on purpose; the message says why."""


def _files(top: str, tally: ScanTally) -> Iterator[tuple[str, bool]]:
    """Each file to read, and whether the person named it (a link named is followed)."""
    if not os.path.isdir(top):
        yield top, True
        return

    def unreadable(error: OSError) -> None:
        tally.skipped.append(Skipped(printable(error.filename or top), _reason(error)))

    for folder, folders, files in os.walk(top, onerror=unreadable):
        # git's own store holds what its history holds: --git reads that, decompressed
        folders[:] = sorted(name for name in folders if name != ".git")
        for name in sorted(files):
            path = os.path.join(folder, name)
            # a link inside a folder is not followed: it may point anywhere, or loop
            if not os.path.islink(path):
                yield path, False


def _read_text(path: str, named: bool, max_bytes: int) -> bytes | None:
    """The bytes of a regular text file, or None if it is binary; raises OSError, or
    _NotScanned for a file too large or not a regular file (a FIFO is not waited on)."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    if not named:  # replaced by a link since it was listed: still not followed
        flags |= getattr(os, "O_NOFOLLOW", 0)
    with open(os.open(path, flags), "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _NotScanned("not a regular file")
        if info.st_size > max_bytes:
            raise _NotScanned(f"larger than {_size(max_bytes)}; not scanned")
        head = file.read(_SNIFF_BYTES)
        if b"\0" in head:
            return None
        return head + file.read(max_bytes - len(head))


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _size(count: int) -> str:
    return f"{count // 2**20} MB" if count >= 2**20 else f"{count} bytes"


def printable(path: str) -> str:
    """A path as it can be printed on one line: undecodable bytes and control characters
    (a newline in a file name) become ``?`` and ``\\ufffd``."""
    text = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join(c if c.isprintable() else "?" for c in text)


# -- a git repository's history --------------------------------------------------------------


def scan_git_history(repository: str, tally: ScanTally) -> Iterator[Finding]:
    """The tokens every commit of every ref added (``git log -p --all``): a token deleted by a
    later commit still counts, it stays readable in the history. Each is reported at the
    commit, path and line that added it. Merge commits' own changes are not read (git shows
    none by default); the changes of the commits they merge are.

    Raises :class:`ScanError` when git is missing or ``repository`` is not a repository."""
    _git(repository, "rev-parse", "--git-dir")
    command = _git_command(repository, "log", "--all", "-p", "--format=commit %H", "--unified=0",
                           "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames",
                           "--src-prefix=a/", "--dst-prefix=b/")
    with tempfile.TemporaryFile() as errors:  # a pipe left unread could stall git
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors,
                              stdin=subprocess.DEVNULL) as git:
            assert git.stdout is not None
            yield from _read_patches(git.stdout, tally)
            if tally.cancelled:
                git.kill()  # not waited for to the end of the history
        if git.returncode != 0 and not tally.cancelled:
            errors.seek(0)
            raise ScanError(f"git log failed in {printable(repository)}: "
                            f"{_first_line(errors.read())}")


def _git_command(repository: str, *args: str) -> list[str]:
    # the repository's own settings must not change what is printed (quoted paths, prefixes,
    # colours) nor run anything (a pager)
    return ["git", "--no-pager", "-c", "core.quotePath=off", "-C", repository, *args]


def _git(repository: str, *args: str) -> None:
    """Run a quick git command; ScanError with git's first line if it fails."""
    try:
        done = subprocess.run(_git_command(repository, *args), capture_output=True,
                              stdin=subprocess.DEVNULL, timeout=_GIT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ScanError(f"could not run git: {error}") from None
    if done.returncode != 0:
        raise ScanError(f"{printable(repository)} is not a git repository "
                        f"({_first_line(done.stderr)})")


def _first_line(output: bytes) -> str:
    lines = output.decode("utf-8", "replace").strip().splitlines()
    return lines[0] if lines else "no message"


@dataclass
class _Hunk:
    """Where ``git log -p`` is: commit, file, the next added line's number and what is left of
    the current hunk (a line's first character only means something inside a hunk)."""

    commit: str | None = None
    path: str | None = None
    line: int = 0
    old_left: int = 0
    new_left: int = 0


def _read_patches(lines: Iterable[bytes], tally: ScanTally) -> Iterator[Finding]:
    at = _Hunk()
    for raw in lines:
        if tally.cancelled:
            return
        text = raw.rstrip(b"\n")
        if at.old_left or at.new_left:
            yield from _hunk_line(text, at)
        elif text.startswith(b"commit "):
            at.commit, at.path = text[7:].decode("ascii", "replace"), None
            tally.commits += 1
        elif text.startswith(b"+++ "):
            at.path = _patch_path(text[4:])
        elif (hunk := _HUNK_RE.match(text)) is not None:
            old, start, new = hunk.groups()
            at.old_left = 1 if old is None else int(old)
            at.line, at.new_left = int(start), 1 if new is None else int(new)


def _hunk_line(text: bytes, at: _Hunk) -> Iterator[Finding]:
    tag = text[:1]
    if tag in (b"-", b" "):
        at.old_left -= 1
    if tag in (b"+", b" "):
        if tag == b"+" and at.path is not None and at.commit is not None:
            for _, key_id in find_key_ids(text[1:]):
                yield Finding(at.path, at.line, key_id, at.commit)
        at.line += 1
        at.new_left -= 1


def _patch_path(name: bytes) -> str | None:
    """The file of a ``+++ b/path`` line (None for a deleted file's ``/dev/null``)."""
    name = name.removesuffix(b"\t")  # git adds a tab after a name with a space
    if name.startswith(b'"') and name.endswith(b'"'):  # C-quoted: a quote, tab or newline in it
        name = codecs.escape_decode(name[1:-1])[0]
    if not name.startswith(b"b/"):
        return None
    return printable(os.fsdecode(name[2:]))


# -- which key a token belongs to ------------------------------------------------------------


class LeakStatus(Enum):
    """What the key of a found token is now."""

    LIVE = "live"
    DISABLED = "disabled"  # paused: anyone may resume it, so still a live leak
    ROTATING = "rotating"  # the token a rotation replaced, still accepted during its overlap
    EXPIRED = "expired"
    REVOKED = "revoked"
    ROTATED = "rotated"  # replaced by a new token; the found one no longer verifies
    UNKNOWN = "unknown"  # not a key of this registry

    @property
    def live(self) -> bool:
        """Whether the key exists and its token can work (now, or once resumed)."""
        return self in (LeakStatus.LIVE, LeakStatus.DISABLED, LeakStatus.ROTATING)


@dataclass(frozen=True, slots=True)
class Identity:
    """Which registry key a found key id belongs to."""

    key_id: str  # the id in the token found
    status: LeakStatus
    name: str = ""  # the key's name ("" when not in this registry)
    key: str | None = None  # the live key to revoke: its current id (a rotation changes it)
    at: datetime | None = None  # when it expired, stopped or stops (a rotation's overlap) working


class KeyLookup(Protocol):
    """What identifying asks of a registry (a :class:`~.store.Store` is one)."""

    def get_key(self, key_id_or_name: str) -> KeyRecord: ...

    def retired_key(self, key_id: str) -> RetiredKey | None: ...

    def list_keys(self) -> list[KeyRecord]: ...


class Identifier:
    """Tells the status of each key id found, asking the registry once per id."""

    def __init__(self, registry: KeyLookup, now: datetime) -> None:
        self._registry = registry
        self._now = now
        self._known: dict[str, Identity] = {}
        self._replaced: dict[str, KeyRecord] | None = None

    def __call__(self, key_id: str) -> Identity:
        if key_id not in self._known:
            self._known[key_id] = self._identify(key_id)
        return self._known[key_id]

    def _identify(self, key_id: str) -> Identity:
        try:
            return self._of_key(key_id, self._registry.get_key(key_id), LeakStatus.LIVE)
        except NotFoundError:
            pass
        tombstone = self._registry.retired_key(key_id)
        if tombstone is None:
            return Identity(key_id, LeakStatus.UNKNOWN)
        if tombstone.reason == ROTATED and tombstone.at > self._now:
            successor = self._successors().get(key_id)
            if successor is not None and successor.rotating(self._now):
                return self._of_key(key_id, successor, LeakStatus.ROTATING)
        status = LeakStatus.ROTATED if tombstone.reason == ROTATED else LeakStatus.REVOKED
        return Identity(key_id, status, tombstone.name, None, tombstone.at)

    def _of_key(self, key_id: str, record: KeyRecord, live: LeakStatus) -> Identity:
        """A token of an existing key: expired, paused, or ``live`` (its own or the one it
        replaced, which verifies with the key's current settings)."""
        if record.expires_at is not None and record.expires_at <= self._now:
            return Identity(key_id, LeakStatus.EXPIRED, record.name, None, record.expires_at)
        if record.disabled_at is not None:
            live = LeakStatus.DISABLED
        until = record.previous_until if live is LeakStatus.ROTATING else None
        return Identity(key_id, live, record.name, record.key_id, until)

    def _successors(self) -> dict[str, KeyRecord]:
        """The keys rotated with an overlap, by the id they replaced (read once: rare)."""
        if self._replaced is None:
            self._replaced = {k.previous_key_id: k for k in self._registry.list_keys()
                              if k.previous_key_id is not None}
        return self._replaced
