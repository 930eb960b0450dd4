"""The core's validation messages (and why the keychain can't be used) in the window's language.

The core has no Qt, so its rules (names, description, permissions, scope, expiration, the
registry's policy, limits, taken names) and the keychain explain themselves in English, which
the command line shows as is. The window shows the same messages under its fields:
:func:`rule_message` matches one against the templates below (the core's exact wording, values
as ``{placeholders}``) and returns it translated, values kept. A message no template knows is
shown as the core wrote it.
"""

from __future__ import annotations

import re
from functools import cache

from .i18n import QT_TRANSLATE_NOOP, translate

_CONTEXT = "RuleMessages"

#: The core's messages that the window's forms can show, word for word (core/validation.py,
#: core/policy.py, core/limits.py, core/store.py, core/keychain.py); lupdate reads them here.
TEMPLATES: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("RuleMessages", "Enter a name for the key."),
    QT_TRANSLATE_NOOP("RuleMessages", "Enter a name for the project."),
    QT_TRANSLATE_NOOP("RuleMessages",
                      "The key name is {length} characters; shorten it to {most} or fewer."),
    QT_TRANSLATE_NOOP("RuleMessages",
                      "The project name is {length} characters; shorten it to {most} or fewer."),
    QT_TRANSLATE_NOOP("RuleMessages",
                      "The key name contains a text-direction control character; remove it."),
    QT_TRANSLATE_NOOP("RuleMessages",
                      "The project name contains a text-direction control character; remove it."),
    QT_TRANSLATE_NOOP("RuleMessages",
                      "The key name contains a control or invisible character; remove it."),
    QT_TRANSLATE_NOOP("RuleMessages",
                      "The project name contains a control or invisible character; remove it."),
    QT_TRANSLATE_NOOP("RuleMessages", "The key name is made of invisible characters only; type "
                                      "a visible name."),
    QT_TRANSLATE_NOOP("RuleMessages", "The project name is made of invisible characters only; "
                                      "type a visible name."),
    QT_TRANSLATE_NOOP("RuleMessages", "Key names may not start with {prefix}: that prefix marks "
                                      "key ids; choose another name."),
    QT_TRANSLATE_NOOP("RuleMessages", "The key name contains what looks like a secret token or "
                                      "a piece of one; it is stored in clear and kept in the "
                                      "audit trail, so remove it (if it is not a secret, break "
                                      "the long run of letters and digits with spaces or "
                                      "dashes)."),
    QT_TRANSLATE_NOOP("RuleMessages", "The project name contains what looks like a secret token "
                                      "or a piece of one; it is stored in clear and kept in the "
                                      "audit trail, so remove it (if it is not a secret, break "
                                      "the long run of letters and digits with spaces or "
                                      "dashes)."),
    QT_TRANSLATE_NOOP("RuleMessages", "The description contains what looks like a secret token "
                                      "or a piece of one; it is stored in clear and kept in the "
                                      "audit trail, so remove it (if it is not a secret, break "
                                      "the long run of letters and digits with spaces or "
                                      "dashes)."),
    QT_TRANSLATE_NOOP("RuleMessages",
                      "The description is {length} characters; shorten it to {most} or fewer."),
    QT_TRANSLATE_NOOP("RuleMessages",
                      "The description contains a text-direction control character; remove it."),
    QT_TRANSLATE_NOOP("RuleMessages",
                      "The description contains a control or invisible character; remove it."),
    QT_TRANSLATE_NOOP("RuleMessages", "Choose at least one permission."),
    QT_TRANSLATE_NOOP("RuleMessages",
                      "Choose at least one project, or allow the key for all projects."),
    QT_TRANSLATE_NOOP("RuleMessages", "The expiration is in the past; choose a later date "
                                      "(tomorrow or after)."),
    QT_TRANSLATE_NOOP("RuleMessages", "The expiration is more than 10 years away; choose "
                                      "'never' instead."),
    QT_TRANSLATE_NOOP("RuleMessages", "This registry's policy requires every key to expire; "
                                      "choose an expiration date."),
    QT_TRANSLATE_NOOP("RuleMessages", "This registry's policy requires every key to expire "
                                      "within {days} days; choose an expiration date."),
    QT_TRANSLATE_NOOP("RuleMessages", "This registry's policy allows keys to live at most "
                                      "{days} days; choose an expiration on or before {date}."),
    QT_TRANSLATE_NOOP("RuleMessages", "The number of uses must be a whole number from 1 to "
                                      "{most}, or unlimited."),
    QT_TRANSLATE_NOOP("RuleMessages",
                      "A rate limit is a number of at least 1 per second, minute or hour."),
    QT_TRANSLATE_NOOP("RuleMessages",
                      "A key named {name} already exists; choose another name."),
    QT_TRANSLATE_NOOP("RuleMessages", "A project named {name} already exists; choose another."),
    QT_TRANSLATE_NOOP("RuleMessages",
                      "A chosen project was just removed elsewhere; pick the projects again."),
    QT_TRANSLATE_NOOP("RuleMessages", "No project named {name}; add it first (Projects page or "
                                      "'qkeys projects add'), or pick an existing one."),
    QT_TRANSLATE_NOOP("RuleMessages", "No OS keychain is available (no Secret Service such as "
                                      "GNOME Keyring or KWallet, macOS Keychain or Windows "
                                      "Credential Locker was found)."),
    QT_TRANSLATE_NOOP("RuleMessages", "The OS keychain is switched off for Python programs "
                                      "(keyring's null backend is configured, e.g. by 'keyring "
                                      "--disable'), so a key saved there would be lost."),
    QT_TRANSLATE_NOOP("RuleMessages",
                      "The keychain backend {backend} is not usable on this system."),
    QT_TRANSLATE_NOOP("RuleMessages", "The keychain backend {backend} is not usable: {detail}"),
    QT_TRANSLATE_NOOP("RuleMessages", "The OS keychain did not answer within {seconds} s while "
                                      "trying to find a keychain (is it locked and waiting for "
                                      "a password in a prompt?)."),
)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _pattern(template: str) -> re.Pattern[str]:
    """The template as a regular expression: its words literally, each placeholder any text."""
    parts = _PLACEHOLDER.split(template)  # literal, name, literal, name, …, literal
    return re.compile("".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)))


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((_pattern(template), template) for template in TEMPLATES)


def _match(message: str) -> tuple[str, dict[str, str]] | None:
    for pattern, template in _patterns():
        match = pattern.fullmatch(message)
        if match is not None:
            return template, match.groupdict()
    return None


def _quoted(value: str) -> str:
    """A value the window quoted (“Billing”, wording.in_window_quotes) in the quotation marks of
    the window's language (German „Billing“); any other value as it is."""
    if len(value) >= 2 and value.startswith("“") and value.endswith("”"):
        return translate("RuleMessages", "“{text}”").format(text=value[1:-1])
    return value


def known(message: str) -> bool:
    """Whether a template matches ``message`` (the tests hold the core's wording to these)."""
    return _match(message) is not None


def rule_message(message: str) -> str:
    """``message``, one of the core's, in the window's language (unchanged when unknown)."""
    found = _match(message)
    if found is None:
        return message
    template, values = found
    return translate(_CONTEXT, template).format(
        **{name: _quoted(value) for name, value in values.items()})
