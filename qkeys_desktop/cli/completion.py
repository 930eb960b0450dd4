"""``qkeys completion bash|zsh|fish``: a shell completion script generated from the parser, so
it completes exactly the commands, options and choices ``qkeys`` has, with their help as
descriptions where the shell shows them (zsh, fish).

Why shtab: one pure-Python module with no dependencies, kept up by the tqdm maintainers and
used by DVC among others, that writes all three scripts from a plain argparse parser — nested
subcommands, choices and file arguments included — instead of a generator of our own per
shell. It is imported only when a script is printed, so no other command pays for it. Its
licence, MPL-2.0, is file-level: using it unchanged puts no terms on qkeys's own code.

Also the walk over the parser's subcommands, which the parser itself uses (global options,
a group's help) and the tests check every option's help with.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

SHELLS = ("bash", "zsh", "fish")
#: options and positionals whose values are mostly paths: the shell completes files there
PATH_DESTS = frozenset({"db", "paths"})

INSTALL = """\
install it (make the folder first; then open a new shell):
  bash  qkeys completion bash > ~/.local/share/bash-completion/completions/qkeys
  zsh   qkeys completion zsh > ~/.zfunc/_qkeys
        (with fpath+=(~/.zfunc); autoload -Uz compinit; compinit in ~/.zshrc)
  fish  qkeys completion fish > ~/.config/fish/completions/qkeys.fish
"""


def subcommand_action(
    parser: argparse.ArgumentParser,
) -> argparse._SubParsersAction[argparse.ArgumentParser] | None:
    """The parser's subcommands (argparse keeps them as one action), or None."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return None


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The parser's direct subcommands by name."""
    action = subcommand_action(parser)
    return {} if action is None else dict(action.choices)


def walk(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """``parser`` and every subcommand's parser below it, each with its command path
    (``()``, ``("keys",)``, ``("keys", "create")``…), parents first."""
    yield path, parser
    for name, sub in subcommands(parser).items():
        yield from walk(sub, (*path, name))


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    """The completion script for ``shell`` (one of :data:`SHELLS`)."""
    import shtab

    for _, sub in walk(parser):
        for action in sub._actions:
            if action.dest in PATH_DESTS:
                action.complete = shtab.FILE  # type: ignore[attr-defined]  # shtab's own hook
    return shtab.complete(parser, shell=shell)
