"""The ``qkeys`` command line: parses it and runs the command it names.

Imports no Qt: apps verify keys through it on servers too. Each command family has its module
(:mod:`.keys`, :mod:`.projects`, :mod:`.policy`, :mod:`.registry`, :mod:`.usage`, :mod:`.scan`,
:mod:`.verify`), imported
only when run, so ``qkeys verify`` loads no peewee. ``qkeys`` without a command opens the
window: that is the entry point's call (:mod:`qkeys_desktop.__main__`), not this package's; the
entry point also hands ``qkeys [--db X] verify ARGS`` as apps write it straight to :mod:`.verify`,
so a check never builds this parser.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

from ..core.permissions import PERMISSION_NAMES
from ..core.tokens import redact_tokens
from .output import EXIT_OK, EXIT_USAGE, fail, reporting_errors

if TYPE_CHECKING:
    from ..core.store import Store

Handler = Callable[["Store", argparse.Namespace], int]
EXPIRES_FORMS = "7d, 30d, 60d, 90d, 1y, YYYY-MM-DD or never"
DB_HELP = "database path or URL (default: $QKEYS_DB or keys.db in the per-user data directory)"
#: commands that open no registry, so take no --db of their own
NO_REGISTRY = frozenset({"desktop-entry", "completion"})
KEY_HELP = "the key's id (qk_…) or name"

EPILOG = """\
environment:
  QKEYS_DB          the registry when --db is not given: a file path or a postgresql:// URL
  QKEYS_DATA_DIR    the per-user data directory, where keys.db is by default
  XDG_DATA_HOME     Linux: the data directory is $XDG_DATA_HOME/qkeys (~/.local/share/qkeys)
  APPDATA           Windows: the data directory is %APPDATA%\\qkeys
  PYTHON_KEYRING_BACKEND
                    the keyring backend used by --to keyring (the keyring library's own)
  DISPLAY, WAYLAND_DISPLAY, QT_QPA_PLATFORM, XDG_RUNTIME_DIR
                    where the window (qkeys without a command) can appear

examples:
  qkeys keys create -n billing -p Shop --permissions read,write --expires 90d
  printf %s "$TOKEN" | qkeys verify --action read -p Shop --client billing-api
  qkeys keys list --db postgresql://qkeys@db.internal/qkeys
  qkeys keys rotate billing --overlap 24h
  qkeys completion bash > ~/.local/share/bash-completion/completions/qkeys

exit status:
  0 done, 1 failed or refused (also: 'keys expiring' and 'scan' found some),
  2 a usage mistake, 3 'verify' only: the registry could not be read

--db may also follow the command (qkeys keys list --db team.db); 'qkeys COMMAND
--help' describes each command, and 'qkeys verify --help' what its statuses mean.
"""

VERIFY_DESCRIPTION = """\
Check a token against the registry, as an app does once per presented key.
The token is read from stdin (one line), never from the command line, where
other users could see it in the process list."""

VERIFY_EPILOG = """\
exit status:
  0  valid: the key may do --action (on --project)
  1  rejected: the reason follows on stderr (expired, revoked, wrong project…)
  2  usage: a mistake on the command line, or no token on stdin
  3  registry unavailable: it could not be read, so the token was neither
     accepted nor rejected; try again (an outage, not a bad key)

example:
  printf %s "$TOKEN" | qkeys verify --action read --project Shop --client billing-api
"""
RATE_FORMS = "N/s, N/min or N/h (e.g. 10/min)"
DESCRIPTION_HELP = "a note: where the key is deployed, who owns it (at most 500 characters)"


class _Parser(argparse.ArgumentParser):
    """argparse echoes what it did not understand; a token pasted as an argument stays out."""

    def error(self, message: str) -> NoReturn:
        super().error(redact_tokens(message, "<secret token: pipe it on stdin instead>"))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = _Parser(
        prog="qkeys",
        description="Issue, manage and verify API keys. Without a command, opens the window.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--db", metavar="PATH|URL", help=DB_HELP)
    from .version import InstalledVersion  # argparse's version action, read when asked

    parser.add_argument("--version", action=InstalledVersion, help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    projects = commands.add_parser("projects", help="add, rename, remove and list projects")
    p = projects.add_subparsers(dest="action", metavar="ACTION")
    p.add_parser("add", help="add a project").add_argument("name", help="the new project's name")
    rename = p.add_parser("rename", help="rename a project")
    rename.add_argument("old", help="the project's name now")
    rename.add_argument("new", help="its new name")
    remove = p.add_parser("remove", help="remove a project")
    remove.add_argument("name", help="the project to remove")
    remove.add_argument(
        "--force",
        action="store_true",
        help="also when keys are scoped to it: "
        "they lose it, and keys scoped to nothing else are revoked",
    )
    _json_option(p.add_parser("list", help="list projects"))

    keys = commands.add_parser(
        "keys", help="create, list, show, edit, disable, rotate and delete keys"
    )
    k = keys.add_subparsers(dest="action", metavar="ACTION")
    create = k.add_parser("create", help="create a key; prints the token once")
    create.add_argument(
        "-n", "--name", required=True,
        help="a name unique in the registry: what the key is for (e.g. billing-api)",
    )
    create.add_argument(
        "--permissions", required=True, metavar="LIST",
        help=f"comma-separated: {','.join(PERMISSION_NAMES)}",
    )
    create.add_argument(
        "--expires", default="30d", metavar="WHEN", help=f"{EXPIRES_FORMS} (default 30d)"
    )
    create.add_argument(
        "-p", "--project",
        action="append",
        metavar="P",
        help="limit the key to this project (repeatable); default: all projects",
    )
    create.add_argument("--description", default="", metavar="TEXT", help=DESCRIPTION_HELP)
    _limit_options(create, editing=False)
    _delivery_options(create, follows_the_key=False)

    edit = k.add_parser(
        "edit", help="change a key in place (same token); prints what changed",
        description="Change a key without a new token: what is not given stays as it is. "
        "The change takes effect on the very next verification.",
    )
    edit.add_argument("key", metavar="KEY_ID_OR_NAME", help=KEY_HELP)
    edit.add_argument("-n", "--name", help="rename the key")
    edit.add_argument("--description", metavar="TEXT", help=DESCRIPTION_HELP + "; '' clears it")
    edit.add_argument(
        "--permissions", metavar="LIST",
        help=f"the new set, comma-separated: {','.join(PERMISSION_NAMES)}",
    )
    scope = edit.add_mutually_exclusive_group()
    scope.add_argument(
        "-p", "--project", action="append", metavar="P",
        help="limit the key to these projects (repeatable; replaces its scope)",
    )
    scope.add_argument("--all-projects", action="store_true", help="widen it to all projects")
    edit.add_argument(
        "--expires", metavar="WHEN", help=f"a new expiration, counted from now: {EXPIRES_FORMS}"
    )
    _limit_options(edit, editing=True)

    for verb, text in (("disable", "pause a key: every check answers 'disabled' (reversible)"),
                       ("enable", "resume a disabled key")):
        k.add_parser(verb, help=text).add_argument("key", metavar="KEY_ID_OR_NAME", help=KEY_HELP)

    rotate = k.add_parser(
        "rotate", help="give a key a new token; the old one may keep working for an overlap",
        description="Give a key a new token with the same settings. The old token keeps "
        "working for --overlap and then is refused as 'rotated'.",
    )
    regenerate = k.add_parser(
        "regenerate", help="give a key a new token; the old one stops at once (rotate --overlap 0)"
    )
    rotate.add_argument(
        "--overlap", default="0", metavar="DURATION",
        help="how long the old token keeps working: 0 (default), 1h, 24h, 7d, or minutes, hours "
        "or days such as 30m (at most 30 days)",
    )
    for sub in (rotate, regenerate):
        sub.add_argument("key", metavar="KEY_ID_OR_NAME", help=KEY_HELP)
        sub.add_argument(
            "--expires", metavar="WHEN",
            help=f"a new expiration: {EXPIRES_FORMS} (default: the key's lifetime, from now)",
        )
        _delivery_options(sub, follows_the_key=True)
    _json_option(k.add_parser("list", help="list keys (status, last use; never a secret)"))
    show = k.add_parser("show", help="one key's details and history (never its secret)")
    show.add_argument("key", metavar="KEY_ID_OR_NAME", help=KEY_HELP)
    _json_option(show)
    expiring = k.add_parser(
        "expiring", help="keys that expire soon or have expired; exit 1 if there are any",
    )
    expiring.add_argument(
        "--within", default="7d", metavar="SPAN", help="how far ahead: 24h, 7d, 2w… (default 7d)"
    )
    _json_option(expiring)
    delete = k.add_parser("delete", help="revoke a key at once")
    delete.add_argument("key", metavar="KEY_ID_OR_NAME", help=KEY_HELP)
    delete.add_argument("-y", "--yes", action="store_true", help="do not ask for confirmation")

    policy = commands.add_parser(
        "policy", help="the registry's lifetime policy: maximum lifetime, never-expiring keys"
    )
    pol = policy.add_subparsers(dest="action", metavar="ACTION")
    _json_option(pol.add_parser("show", help="the policy and the keys that break it"))
    policy_set = pol.add_parser(
        "set", help="change the policy (existing keys are flagged, not changed)",
        description="Change the registry's lifetime policy; give at least one option. Keys "
        "that already break the new policy are flagged, not changed.",
    )
    policy_set.add_argument(
        "--max-lifetime", metavar="SPAN|none",
        help="how long a new, edited or rotated key may live: 90d, 12w, 1y… or none",
    )
    policy_set.add_argument(
        "--allow-never", choices=("yes", "no"), help="whether a key may never expire"
    )

    from .verify import add_arguments as verify_arguments  # beside parse_plain, which agrees

    verify_arguments(commands.add_parser(
        "verify", help="check a token read from stdin; exit 0 if valid",
        description=VERIFY_DESCRIPTION, epilog=VERIFY_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    ))

    usage = commands.add_parser(
        "usage", help="a key's verifications per day, by rejection reason and by client",
        description="A key's verifications over the last days (UTC): valid and rejected per "
        "day, rejections by reason, calls by client, last use and the key's limits.",
    )
    usage.add_argument("key", metavar="KEY_ID_OR_NAME", help=KEY_HELP)
    usage.add_argument(
        "--days", type=_positive, default=30, metavar="N", help="how many days (default 30)"
    )
    _json_option(usage)

    events = commands.add_parser("events", help="the audit log, newest first")
    events.add_argument("--key", metavar="KEY_ID_OR_NAME", help="only this key's events")
    events.add_argument("--limit", type=_positive, metavar="N", help="only the newest N")
    _json_option(events)

    migrate = commands.add_parser("migrate-db", help="copy this registry into another database")
    migrate.add_argument(
        "--to", required=True, metavar="URL", dest="destination",
        help="the destination: a new SQLite file path or a postgresql:// URL",
    )

    scan = commands.add_parser(
        "scan", help="find leaked tokens in files (and git history); exit 1 if a live key's"
    )
    scan.add_argument("paths", nargs="+", metavar="PATH", help="files and folders to scan")
    scan.add_argument("--git", action="store_true", help="also the history of these git repos")
    _json_option(scan)
    scan.add_argument("--revoke", action="store_true", help="revoke the live keys found")
    scan.add_argument("-y", "--yes", action="store_true", help="do not ask before revoking")

    from .serve import add_parser as add_serve  # the options only: serving imports the rest

    add_serve(commands)

    from .desktop_entry import add_parser as add_desktop_entry

    add_desktop_entry(commands)
    _add_completion(commands)
    _finish(parser)
    return parser


def _add_completion(commands: argparse._SubParsersAction[_Parser]) -> None:
    """``qkeys completion SHELL``: the script, generated from this parser (:mod:`.completion`)."""
    from .completion import INSTALL, SHELLS

    completion = commands.add_parser(
        "completion", help="print a shell completion script (bash, zsh or fish)",
        description="Print a completion script for your shell, generated from qkeys's own "
        "commands and options.", epilog=INSTALL,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    completion.add_argument("shell", choices=SHELLS, help="the shell to complete in")


def _finish(parser: argparse.ArgumentParser) -> None:
    """What every command gets alike, after all are built (some in their own modules):

    - a group (``keys``, ``projects``…) named without its action is not argparse's usage
      error but the group's help (:func:`_dispatch`), so its action is optional here;
    - ``--db`` after the command too (``qkeys keys list --db X``), as gh or kubectl take
      their global options. Its default there is SUPPRESS: a subcommand's namespace then has
      no ``db`` unless given after it, so it never overwrites one given before.
    """
    from .completion import subcommand_action, walk

    for path, sub in walk(parser):
        group = subcommand_action(sub)
        if group is not None:
            group.required = False
        if path and path[0] not in NO_REGISTRY:
            sub.add_argument_group("global options").add_argument(
                "--db", metavar="PATH|URL", default=argparse.SUPPRESS, help=DB_HELP)


def _json_option(sub: argparse.ArgumentParser) -> None:
    """``-j``/``--json``: the same data, as JSON on stdout, for scripts."""
    sub.add_argument("-j", "--json", action="store_true",
                     help="print JSON on stdout instead of text, for scripts")


def _limit_options(sub: argparse.ArgumentParser, *, editing: bool) -> None:
    """``--uses``, ``--refill`` and ``--rate``: a key's opt-in limits. Their values are parsed
    by the handler (:mod:`..core.limits`), so a bad one is refused naming the field and the fix
    like any other field, not with argparse's usage text."""
    none = "|unlimited" if editing else ""
    sub.add_argument(
        "--uses", metavar=f"N{none}",
        help="how many valid verifications the key allows in all; then it is refused as "
        "'usage exhausted'" + ("; a new number starts the count afresh" if editing else
                               " (default: unlimited)"),
    )
    sub.add_argument(
        "--refill", metavar="daily|monthly" + ("|none" if editing else ""),
        help="give the key its --uses again at the start of each UTC day or month",
    )
    sub.add_argument(
        "--rate", metavar="N/UNIT" + ("|none" if editing else ""),
        help=f"at most N valid verifications per second, minute or hour: {RATE_FORMS}"
        + ("" if editing else " (default: none)"),
    )


def _delivery_options(sub: argparse.ArgumentParser, *, follows_the_key: bool) -> None:
    """``--json``, ``--to`` and ``--keyring-service``: where a new token goes. On a rotation
    delivery follows the key: a key whose token is in the OS keychain gets its new one there."""
    _json_option(sub)
    default = "the key's own: the keychain if its token is there, else stdout" if (
        follows_the_key) else "stdout"
    sub.add_argument(
        "--to",
        choices=("stdout", "keyring"),
        default=None if follows_the_key else "stdout",
        help=f"deliver the token on stdout or into the OS keychain (default: {default})",
    )
    sub.add_argument(
        "--keyring-service",
        default=None if follows_the_key else "qkeys",
        metavar="NAME",
        help="keychain service name with --to keyring (default: "
        + ("the key's, else qkeys)" if follows_the_key else "qkeys)"),
    )


def _positive(text: str) -> int:
    """A whole number of at least 1, for ``--limit``."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command line (default: ``sys.argv[1:]``); returns the exit status."""
    return run(build_parser().parse_args(argv))


def run(args: argparse.Namespace) -> int:
    """Run a parsed command line; returns the exit status."""
    return reporting_errors(lambda: _dispatch(args))


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        return fail("no command given; see 'qkeys --help'", EXIT_USAGE)
    if getattr(args, "action", "") is None:  # a group (keys, projects…) without its action
        return _group_help(args.command)
    if args.command == "completion":
        from .completion import script  # shtab: imported only to print a script

        print(script(build_parser(), args.shell), end="")
        return EXIT_OK
    if args.command == "verify":
        from .verify import run as verify  # imports no peewee: apps start one per check

        return verify(args)
    if args.command == "desktop-entry":
        from .desktop_entry import run as desktop_entry  # files and a menu: no registry

        return desktop_entry(args)
    if args.command == "scan":
        from .scan import run as scan  # opens the registry itself: never creates one (exit 3)

        return scan(args)
    if args.command == "serve":
        from .serve import run as serve  # opens the registry for verification only

        return serve(args)
    from ..core.paths import default_database
    from ..core.store import Store

    store = Store.open(args.db or default_database(), surface="cli")
    return _store_handlers()[(args.command, getattr(args, "action", None))](store, args)


def _group_help(command: str) -> int:
    """A group's help on stderr, status 2: ``qkeys keys`` alone lists what keys can do, yet
    remains a mistake for a script (stdout carries data only; ``set -e`` stops on it)."""
    from .completion import subcommands

    subcommands(build_parser())[command].print_help(sys.stderr)
    return EXIT_USAGE


def _store_handlers() -> dict[tuple[str, str | None], Handler]:
    """The commands that run on an opened Store, by (command, action)."""
    from . import keys, policy, projects, registry, usage

    return {
        ("keys", "create"): keys.create,
        ("keys", "regenerate"): keys.regenerate,
        ("keys", "rotate"): keys.rotate,
        ("keys", "edit"): keys.edit,
        ("keys", "disable"): keys.disable,
        ("keys", "enable"): keys.enable,
        ("keys", "list"): keys.list_keys,
        ("keys", "expiring"): keys.expiring,
        ("keys", "show"): keys.show,
        ("keys", "delete"): keys.delete,
        ("projects", "add"): projects.add,
        ("projects", "rename"): projects.rename,
        ("projects", "remove"): projects.remove,
        ("projects", "list"): projects.list_projects,
        ("policy", "show"): policy.show,
        ("policy", "set"): policy.set_policy,
        ("usage", None): usage.usage,
        ("events", None): registry.events,
        ("migrate-db", None): registry.migrate_db,
    }
