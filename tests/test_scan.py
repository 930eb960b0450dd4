"""``qkeys scan``: leaked tokens found in files, folders and a git history, told apart by what
their key is now, revoked on request — and never printed."""

from __future__ import annotations

import io
import json
import os
import subprocess
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from qkeys_desktop.cli import main
from qkeys_desktop.core.keychain import Keychain
from qkeys_desktop.core.keychain_policy import save_token
from qkeys_desktop.core.scan import (
    Finding,
    Identifier,
    LeakStatus,
    ScanTally,
    find_key_ids,
    scan_git_history,
    scan_paths,
)
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import ALPHABET, new_token, parse_token

RUN_ON_BOTH_ENGINES = True


def key_id(token: str) -> str:
    return parse_token(token).key_id


def bad_checksum(token: str) -> str:
    """The token with its last checksum character changed: the pattern matches, the CRC not."""
    last = token[-1]
    return token[:-1] + next(c for c in ALPHABET if c != last)


@dataclass
class Leaks:
    """One token of each kind, written into a tree of files (see :func:`leaks`)."""

    root: Path
    live: str
    deleted: str
    rotated: str
    unknown: str
    bad: str
    binary: str
    in_git_folder: str

    def tokens(self) -> list[str]:
        return [self.live, self.deleted, self.rotated, self.unknown, self.bad, self.binary,
                self.in_git_folder]


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return path


@pytest.fixture
def leaks(store: Store, tmp_path: Path) -> Leaks:
    """app/.env line 2: a live key's; app/config/settings.py line 3: a deleted (revoked) key's
    and, line 4, a token a regeneration replaced (rotated); notes.md line 1: a token of no key
    here; line 3: a token with a broken checksum; logo.bin: a live token in a binary file;
    app/.git/config: a live token inside git's folder."""
    live = store.create_key("live one", ["read"], None).token
    deleted = store.create_key("deleted one", ["read"], None).token
    store.delete_key(key_id(deleted))
    rotated = store.create_key("rotated one", ["read"], None).token
    store.regenerate_key(key_id(rotated))
    binary = store.create_key("in a binary", ["read"], None).token
    in_git = store.create_key("in git's folder", ["read"], None).token
    unknown = new_token()[0]
    bad = bad_checksum(store.create_key("mistyped", ["read"], None).token)
    root = tmp_path / "tree"
    write(root / "app" / ".env", f"# settings\nQKEYS_TOKEN={live}\n")
    write(root / "app" / "config" / "settings.py",
          f'A = 1\nB = 2\nOLD = "{deleted}"\nOLDER = "{rotated}"  # replaced\n')
    write(root / "notes.md", f"{unknown} was given to Bob\n\nmistyped: {bad}\n")
    write(root / "logo.bin", b"\x89PNG\0\0" + binary.encode() + b"\n")
    write(root / "app" / ".git" / "config", f"[remote]\n  token = {in_git}\n")
    return Leaks(root, live, deleted, rotated, unknown, bad, binary, in_git)


def run_scan(store_target: str, *args: str, capsys: pytest.CaptureFixture[str]
             ) -> tuple[int, str, str]:
    status = main(["--db", store_target, "scan", *args])
    out, err = capsys.readouterr()
    return status, out, err


def assert_no_token(text: str, leaks: Leaks) -> None:
    """Neither a token nor a piece of its secret (characters 16 to 36) is in ``text``."""
    for token in leaks.tokens():
        assert token not in text
        assert token[16:36] not in text


# -- finding tokens --------------------------------------------------------------------------


def test_find_key_ids_reports_line_numbers_and_ignores_a_broken_checksum() -> None:
    first, second = new_token()[0], new_token()[0]
    data = f"a\n{first} {bad_checksum(second)}\n\nx={second};y={first}\n".encode()
    assert list(find_key_ids(data)) == [(2, key_id(first)), (4, key_id(second)),
                                        (4, key_id(first))]


def test_a_token_inside_a_longer_word_is_no_token() -> None:
    token = new_token()[0]
    assert list(find_key_ids(f"x{token}\n{token}9\n".encode())) == []


def test_scan_finds_tokens_in_text_files_but_not_in_binaries_or_git_folders(leaks: Leaks) -> None:
    tally = ScanTally()
    found = list(scan_paths([str(leaks.root)], tally))
    root = str(leaks.root)
    assert found == [  # a folder's files before its folders, each in name order
        Finding(os.path.join(root, "notes.md"), 1, key_id(leaks.unknown)),
        Finding(os.path.join(root, "app", ".env"), 2, key_id(leaks.live)),
        Finding(os.path.join(root, "app", "config", "settings.py"), 3, key_id(leaks.deleted)),
        Finding(os.path.join(root, "app", "config", "settings.py"), 4, key_id(leaks.rotated)),
    ]
    assert (tally.files, tally.binary, tally.skipped) == (3, 1, [])


def test_scan_does_not_follow_links_inside_a_folder_but_does_a_named_one(tmp_path: Path) -> None:
    token = new_token()[0]
    outside = write(tmp_path / "outside" / "secret.txt", token + "\n")
    folder = tmp_path / "tree"
    folder.mkdir()
    (folder / "link.txt").symlink_to(outside)
    (folder / "loop").symlink_to(folder)
    assert list(scan_paths([str(folder)], ScanTally())) == []
    named = list(scan_paths([str(folder / "link.txt")], ScanTally()))
    assert [f.key_id for f in named] == [key_id(token)]


def test_unreadable_too_large_and_special_files_are_skipped_with_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = new_token()[0]
    write(tmp_path / "big.txt", "x" * 200 + token + "\n")
    locked = write(tmp_path / "locked.txt", token + "\n")
    os.mkfifo(tmp_path / "pipe")
    write(tmp_path / "ok.txt", token + "\n")
    real_open = os.open

    def refusing(path: str, flags: int, *args: int) -> int:
        if path == str(locked):  # the tests run as root, for whom chmod 000 changes nothing
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refusing)
    tally = ScanTally()
    found = list(scan_paths([str(tmp_path)], tally, max_bytes=100))
    assert [(Path(f.path).name, f.line) for f in found] == [("ok.txt", 1)]
    assert {(Path(s.path).name, s.reason) for s in tally.skipped} == {
        ("big.txt", "larger than 100 bytes; not scanned"),
        ("locked.txt", "Permission denied"),
        ("pipe", "not a regular file"),
    }


# -- a git history ---------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org",
         "-c", "commit.gpgsign=false", *args],
        capture_output=True, text=True, check=True,
    )
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    path = tmp_path / "repo"
    path.mkdir()
    git(path, "init", "-q")
    return path


def commit_token_then_delete_it(repo: Path, token: str) -> str:
    """Commit ``token`` on line 3 of "deploy/my settings.env", then delete it; the first
    commit's id."""
    write(repo / "README", "hello\n")
    write(repo / "deploy" / "my settings.env", f"A=1\nB=2\nTOKEN={token}\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "deploy settings")
    added = git(repo, "rev-parse", "HEAD")
    write(repo / "deploy" / "my settings.env", "A=1\nB=2\n")
    git(repo, "commit", "-qam", "oops, no token in git")
    return added


def test_git_history_finds_a_token_deleted_by_a_later_commit(repo: Path) -> None:
    token = new_token()[0]
    added = commit_token_then_delete_it(repo, token)
    assert list(scan_paths([str(repo)], ScanTally())) == []
    tally = ScanTally()
    assert list(scan_git_history(str(repo), tally)) == [
        Finding("deploy/my settings.env", 3, key_id(token), added)
    ]
    assert tally.commits == 2


def test_git_history_reads_every_branch_and_line_numbers_of_later_hunks(repo: Path) -> None:
    first, second = new_token()[0], new_token()[0]
    write(repo / "a.txt", "".join(f"line {n}\n" for n in range(1, 11)))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "ten lines")
    git(repo, "checkout", "-qb", "side")
    lines = [f"line {n}\n" for n in range(1, 11)]
    lines[1], lines[8] = f"{first}\n", f"k={second}\n"
    write(repo / "a.txt", "".join(lines))
    git(repo, "commit", "-qam", "two tokens")
    side = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "-")
    found = list(scan_git_history(str(repo), ScanTally()))
    assert found == [Finding("a.txt", 2, key_id(first), side),
                     Finding("a.txt", 9, key_id(second), side)]


def test_a_cancelled_scan_stops_at_its_next_file_or_git_line_without_an_error(
        repo: Path, tmp_path: Path) -> None:
    tokens = [new_token()[0] for _ in range(3)]
    for number, token in enumerate(tokens):
        write(tmp_path / "files" / f"{number}.txt", token + "\n")
    tally = ScanTally()
    files = scan_paths([str(tmp_path / "files")], tally)
    assert next(files).key_id == key_id(tokens[0])
    tally.cancelled = True  # the window's Stop, from another thread
    assert list(files) == []
    assert tally.files == 1

    for number, token in enumerate(tokens):
        write(repo / f"{number}.txt", token + "\n")
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", f"token {number}")
    tally = ScanTally()
    history = scan_git_history(str(repo), tally)
    next(history)
    tally.cancelled = True
    assert list(history) == []  # git is stopped; no ScanError for its broken pipe
    assert tally.commits == 1


# -- which key --------------------------------------------------------------------------------


def test_identify_each_status(store: Store) -> None:
    now = store.clock()
    live = store.create_key("live", ["read"], None)
    paused = store.create_key("paused", ["read"], None)
    store.set_key_disabled(paused.record.key_id, True)
    soon = store.create_key("short", ["read"], now + timedelta(days=1))
    deleted = store.create_key("deleted", ["read"], None)
    store.delete_key(deleted.record.key_id)
    replaced = store.create_key("replaced", ["read"], None)
    store.regenerate_key(replaced.record.key_id)
    overlapping = store.create_key("overlapping", ["read"], None)
    successor = store.rotate_key(overlapping.record.key_id, overlap=timedelta(days=2))
    stranger = key_id(new_token()[0])

    identify = Identifier(store, now)
    seen = {name: identify(created.record.key_id) for name, created in
            [("live", live), ("paused", paused), ("short", soon), ("deleted", deleted),
             ("replaced", replaced), ("overlapping", overlapping)]}
    assert {name: who.status for name, who in seen.items()} == {
        "live": LeakStatus.LIVE, "paused": LeakStatus.DISABLED, "short": LeakStatus.LIVE,
        "deleted": LeakStatus.REVOKED, "replaced": LeakStatus.ROTATED,
        "overlapping": LeakStatus.ROTATING,
    }
    assert seen["overlapping"].key == successor.record.key_id  # revoking means that key
    assert seen["overlapping"].name == "overlapping"
    assert seen["deleted"].name == "deleted" and seen["deleted"].key is None
    assert identify(stranger).status is LeakStatus.UNKNOWN

    later = Identifier(store, now + timedelta(days=3))  # past the expiry and the overlap
    assert later(soon.record.key_id).status is LeakStatus.EXPIRED
    assert later(overlapping.record.key_id).status is LeakStatus.ROTATED
    assert later(successor.record.key_id).status is LeakStatus.LIVE


# -- the command -------------------------------------------------------------------------------


def test_scan_prints_where_key_and_status_and_exits_1_for_a_live_key(
    store: Store, store_target: str, leaks: Leaks, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run_scan(store_target, str(leaks.root), capsys=capsys)
    assert status == 1
    rows = [line.split("  ")[0] for line in out.splitlines()[1:]]
    root = str(leaks.root)
    assert rows == [f"{root}/notes.md:1", f"{root}/app/.env:2",
                    f"{root}/app/config/settings.py:3", f"{root}/app/config/settings.py:4"]
    lines = out.splitlines()
    assert lines[0].split() == ["WHERE", "KEY", "ID", "NAME", "STATUS"]
    assert lines[1].rstrip().endswith(f"{key_id(leaks.unknown)}  -            not in this registry")
    assert key_id(leaks.live) in lines[2] and "live one" in lines[2]
    assert lines[2].rstrip().endswith("live")
    assert "deleted one" in lines[3] and "revoked" in lines[3]
    assert "rotated one" in lines[4] and "rotated" in lines[4]
    assert "4 tokens of 4 key ids" in err and "1 binary left out" in err
    assert "whether its secret is the key's own was not checked" in err
    assert_no_token(out + err, leaks)


def test_scan_exits_0_when_no_live_key_is_found(
    store: Store, store_target: str, leaks: Leaks, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run_scan(store_target, str(leaks.root / "notes.md"),
                                str(leaks.root / "app" / "config"), capsys=capsys)
    assert status == 0, err
    assert len(out.splitlines()) == 4  # header, revoked, rotated, unknown
    clean = write(leaks.root.parent / "clean" / "a.txt", "nothing here\n").parent
    assert run_scan(store_target, str(clean), capsys=capsys) == (
        0, "", "No qkeys token found in 1 file.\n")


def test_json_output(
    store: Store, store_target: str, leaks: Leaks, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run_scan(store_target, "--json", str(leaks.root), capsys=capsys)
    assert status == 1
    report = json.loads(out)
    assert set(report) == {"findings", "revoked", "skipped", "files_scanned",
                           "commits_scanned", "secrets_checked"}
    assert (report["files_scanned"], report["commits_scanned"], report["revoked"],
            report["skipped"], report["secrets_checked"]) == (3, 0, [], [], False)
    first = report["findings"][1]
    assert first == {"path": str(leaks.root / "app" / ".env"), "line": 2, "commit": None,
                     "key_id": key_id(leaks.live), "name": "live one", "status": "live",
                     "live": True, "key": key_id(leaks.live), "at": None}
    assert [(f["status"], f["live"], f["name"]) for f in report["findings"]] == [
        ("unknown", False, None), ("live", True, "live one"), ("revoked", False, "deleted one"),
        ("rotated", False, "rotated one")]
    assert report["findings"][2]["at"].endswith("Z")
    assert_no_token(out + err, leaks)


def test_git_option_scans_the_history_too(
    store: Store, store_target: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    token = store.create_key("committed", ["read"], None).token
    added = commit_token_then_delete_it(repo, token)
    assert run_scan(store_target, str(repo), capsys=capsys)[0] == 0
    status, out, err = run_scan(store_target, "--git", "--json", str(repo), capsys=capsys)
    assert status == 1, err
    report = json.loads(out)
    assert [(f["commit"], f["path"], f["line"], f["status"]) for f in report["findings"]] == [
        (added, "deploy/my settings.env", 3, "live")]
    assert report["commits_scanned"] == 2
    status, out, err = run_scan(store_target, "--git", str(repo), capsys=capsys)
    assert out.splitlines()[1].startswith(f"{added[:12]}:deploy/my settings.env:3  ")
    assert token not in out + err


def test_bad_usage_exits_2(
    store: Store, store_target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run_scan(store_target, "--git", str(tmp_path), capsys=capsys)
    assert (status, out) == (2, "") and "is not a git repository" in err
    status, out, err = run_scan(store_target, str(tmp_path / "nowhere"), capsys=capsys)
    assert (status, out) == (2, "") and "no such file or folder" in err
    with pytest.raises(SystemExit) as exited:
        main(["--db", store_target, "scan"])
    assert exited.value.code == 2


def test_a_missing_registry_exits_3_and_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no registry" / "keys.db"
    status, out, _ = run_scan(str(missing), str(tmp_path), capsys=capsys)
    assert (status, out) == (3, "")
    assert not missing.exists()


# -- revoking ----------------------------------------------------------------------------------


def test_revoke_with_yes_revokes_the_live_keys_and_says_where_they_were_found(
    store: Store, store_target: str, leaks: Leaks, capsys: pytest.CaptureFixture[str]
) -> None:
    record = store.get_key(key_id(leaks.live))
    save_token(Keychain("qkeys"), record.name, leaks.live)
    store.set_keychain_service(record.key_id, "qkeys")
    also = store.create_key("also leaked", ["read"], None).token
    write(leaks.root / "more.txt", f"{also}\n{also}\n")

    status, out, err = run_scan(store_target, "--revoke", "--yes", "--json", str(leaks.root),
                                capsys=capsys)
    assert status == 1  # found live: the tokens are still in the files
    assert sorted(json.loads(out)["revoked"]) == sorted([key_id(leaks.live), key_id(also)])
    assert store.verify(leaks.live, "read").reason == "revoked"
    assert store.verify(also, "read").reason == "revoked"
    assert store.verify(leaks.binary, "read").ok  # not scanned, not revoked
    assert Keychain("qkeys").read("live one") is None
    details = {e.key_id: e.details for e in store.list_events() if e.kind == "key.deleted"}
    assert details[key_id(leaks.live)] == f"revoked: found in {leaks.root}/app/.env:2"
    assert details[key_id(also)] == f"revoked: found in {leaks.root}/more.txt:1, " \
                                    f"{leaks.root}/more.txt:2"
    assert f"Revoked 'live one' ({key_id(leaks.live)})" in err
    assert_no_token(out + err + repr(details), leaks)

    again = run_scan(store_target, str(leaks.root), capsys=capsys)
    assert again[0] == 0


def test_revoke_a_token_in_its_rotation_overlap_revokes_its_key(
    store: Store, store_target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = store.create_key("rolling", ["read"], None).token
    new = store.rotate_key(key_id(old), overlap=timedelta(days=1)).token
    write(tmp_path / "old.txt", old + "\n")
    status, out, _ = run_scan(store_target, "--revoke", "--yes", str(tmp_path), capsys=capsys)
    assert status == 1
    assert "live (replaced by" in out
    assert store.verify(old, "read").reason == "revoked"
    assert store.verify(new, "read").reason == "revoked"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_revoke_without_yes_refuses_without_a_terminal(
    store: Store, store_target: str, leaks: Leaks, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    status, out, err = run_scan(store_target, "--revoke", str(leaks.root), capsys=capsys)
    assert (status, out) == (2, "") and "--yes" in err
    assert store.verify(leaks.live, "read").ok


@pytest.mark.parametrize(("answer", "revoked"), [("y\n", True), ("\n", False), ("no\n", False)])
def test_revoke_asks_on_a_terminal(
    store: Store, store_target: str, leaks: Leaks, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, answer: str, revoked: bool,
) -> None:
    monkeypatch.setattr("sys.stdin", Terminal(answer))
    status, _, err = run_scan(store_target, "--revoke", str(leaks.root), capsys=capsys)
    assert status == 1
    assert "Revoke this key? Apps using them lose access at once" in err
    assert f"'live one' ({key_id(leaks.live)})" in err
    assert store.verify(leaks.live, "read").ok is not revoked
    assert ("Nothing revoked." in err) is not revoked


def test_no_token_text_anywhere_in_any_output(
    store: Store, store_target: str, leaks: Leaks, repo: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    commit_token_then_delete_it(repo, leaks.live)
    write(repo / "also.txt", leaks.unknown + "\n")
    outputs = []
    for args, expected in (([str(leaks.root)], 1), (["--json", str(leaks.root)], 1),
                           (["--git", str(repo)], 1), (["--git", "--json", str(repo)], 1),
                           (["--revoke", "--yes", "--git", str(repo)], 1),
                           (["--revoke", "--yes", str(leaks.root)], 0)):  # revoked just now
        status, out, err = run_scan(store_target, *args, capsys=capsys)
        assert status == expected, (args, err)
        outputs.append(out + err)
    events = repr(store.list_events())
    assert_no_token("\n".join(outputs) + events, leaks)

