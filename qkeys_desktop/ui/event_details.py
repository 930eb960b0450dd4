"""An audit event's details in the window's language.

The store records each event's details once, in English, for every reader (the command line's
``qkeys events`` shows them as stored, and they never change): "Read, Write on backend; 1,000
uses (refilled daily)", "permissions: Read → Read, Write; expires: never → 2027-01-01 00:00 UTC",
"replaces qk_…, which keeps working until …". The window words them in its own language:
:func:`event_details` splits the text into its "; "-separated clauses, recognises each clause's
shape (core/store.py, core/changes.py, core/policy.py write them) and says it again, values —
names, ids, UTC times, rates — kept as recorded. A clause it does not recognise (a newer
version's, or a name that itself holds "; ") is shown as stored, so nothing is ever lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QLocale

from .i18n import translate

_CONTEXT = "EventDetails"
_ARROW = " → "

# -- values ---------------------------------------------------------------------------------


def _permissions(names: str) -> str:
    """ "Read, Write" (the core's capitalised permission names) in the window's words."""
    return ", ".join(translate("Wording", name) for name in names.split(", "))


def _scope(scope: str) -> str:
    return translate("EventDetails", "all projects") if scope == "all projects" else scope


def _expiry(expiry: str) -> str:
    return translate("EventDetails", "never") if expiry == "never" else expiry


def _note(text: str) -> str:
    return translate("EventDetails", "(none)") if text == "(none)" else text


def _rate(rate: str) -> str:
    return translate("EventDetails", "none") if rate == "none" else rate


def _count(digits: str) -> int:
    return int(digits.replace(",", ""))


_USES = re.compile(r"(?P<count>[\d,]+)(?: \(refilled (?P<refill>daily|monthly)\))?")


def _uses(uses: str, counted: bool = False) -> str:
    """ "unlimited", "1,000", "1,000 (refilled daily)" — or, ``counted``, "1,000 uses …"."""
    if uses == "unlimited":
        return translate("EventDetails", "unlimited")
    found = _USES.fullmatch(uses)
    if found is None:
        return uses
    count = _count(found["count"])
    if counted:
        number = translate("EventDetails", "%Ln use(s)", "", count)
    else:
        number = QLocale().toString(count)
    refill = found["refill"]
    if refill == "daily":
        return translate("EventDetails", "{uses} (refilled daily)").format(uses=number)
    if refill == "monthly":
        return translate("EventDetails", "{uses} (refilled monthly)").format(uses=number)
    return number


def _reason(reason: str) -> str:
    """Why a key was revoked: "found in a.env:2 and 4 more" (the scan's words), or as given."""
    found = re.fullmatch(r"found in (?P<places>.+?)(?: and (?P<more>\d+) more)?", reason)
    if found is None:
        return reason
    if found["more"] is None:
        return translate("EventDetails", "found in {places}").format(places=found["places"])
    more = int(found["more"])
    return translate("EventDetails", "found in {places} and %n more", "", more).format(
        places=found["places"])


# -- clauses --------------------------------------------------------------------------------

Words = Callable[[re.Match[str]], str]


def _change(field: str, value: Callable[[str], str]) -> tuple[str, Words]:
    """ "field: before → after", its values worded by ``value``."""
    templates = {
        "name": lambda: translate("EventDetails", "name: {old} → {new}"),
        "description": lambda: translate("EventDetails", "description: {old} → {new}"),
        "permissions": lambda: translate("EventDetails", "permissions: {old} → {new}"),
        "scope": lambda: translate("EventDetails", "scope: {old} → {new}"),
        "expires": lambda: translate("EventDetails", "expires: {old} → {new}"),
        "uses": lambda: translate("EventDetails", "uses: {old} → {new}"),
        "rate limit": lambda: translate("EventDetails", "rate limit: {old} → {new}"),
    }
    return (rf"{field}: (?P<old>.+?){_ARROW}(?P<new>.+)",
            lambda m: templates[field]().format(old=value(m["old"]), new=value(m["new"])))


def _same(text: str) -> str:
    return text


_CLAUSES: tuple[tuple[str, Words], ...] = (
    # a key's creation: what it may do and where, then its limits
    (r"(?P<permissions>[A-Z][a-z]+(?:, [A-Z][a-z]+)*) on (?P<scope>.+)",
     lambda m: translate("EventDetails", "{permissions} on {scope}").format(
         permissions=_permissions(m["permissions"]), scope=_scope(m["scope"]))),
    (r"[\d,]+ uses(?: \(refilled (?:daily|monthly)\))?",
     lambda m: _uses(m[0].replace(" uses", "", 1), counted=True)),
    (r"at most (?P<rate>\S+)",
     lambda m: translate("EventDetails", "at most {rate}").format(rate=m["rate"])),
    # an edit: each field that changed
    _change("name", _same),
    _change("description", _note),
    _change("permissions", _permissions),
    _change("scope", _scope),
    _change("expires", _expiry),
    _change("uses", _uses),
    _change("rate limit", _rate),
    # a rotation
    (r"replaces (?P<key_id>\S+), which keeps working until (?P<date>.+)",
     lambda m: translate("EventDetails", "replaces {key_id}, which keeps working until {date}"
                         ).format(key_id=m["key_id"], date=m["date"])),
    (r"replaces (?P<key_id>\S+), which stopped working at once",
     lambda m: translate("EventDetails", "replaces {key_id}, which stopped working at once"
                         ).format(key_id=m["key_id"])),
    (r"expires (?P<expiry>.+)",
     lambda m: translate("EventDetails", "expires {expiry}").format(
         expiry=_expiry(m["expiry"]))),
    # a deletion
    (r"revoked", lambda m: translate("EventDetails", "revoked")),
    (r"revoked: (?P<reason>.+)",
     lambda m: translate("EventDetails", "revoked: {reason}").format(
         reason=_reason(m["reason"]))),
    # a project renamed or removed
    (r"was (?P<name>.+)",
     lambda m: translate("EventDetails", "was {name}").format(name=m["name"])),
    (r"apps passing (?P<name>.+) are now refused",
     lambda m: translate("EventDetails", "apps passing {name} are now refused").format(
         name=m["name"])),
    (r"narrowed (?P<count>\d+) key\(s\)",
     lambda m: _narrowed(int(m["count"]))),
    (r"revoked (?P<names>.+)",
     lambda m: translate("EventDetails", "revoked {names}").format(names=m["names"])),
    # the lifetime policy, before → after
    (r"no maximum lifetime", lambda m: translate("EventDetails", "no maximum lifetime")),
    (r"keys live at most (?P<days>\d+) days", lambda m: _lifetime(int(m["days"]))),
    (r"keys may never expire", lambda m: translate("EventDetails", "keys may never expire")),
    (r"every key must expire", lambda m: translate("EventDetails", "every key must expire")),
)
_COMPILED = tuple((re.compile(pattern, re.S), words) for pattern, words in _CLAUSES)


def _narrowed(count: int) -> str:
    return translate("EventDetails", "narrowed %n key(s)", "", count)


def _lifetime(days: int) -> str:
    return translate("EventDetails", "keys live at most %n day(s)", "", days)


def _clause(text: str) -> str | None:
    for pattern, words in _COMPILED:
        found = pattern.fullmatch(text)
        if found is not None:
            return words(found)
    return None


def event_details(details: str) -> str:
    """``details`` as recorded, said in the window's language (unknown parts as recorded)."""
    if not details:
        return details
    clauses = []
    for clause in details.split("; "):
        said = _clause(clause)
        if said is None and _ARROW in clause:  # the policy's "before → after" spans clauses
            sides = [_clause(side) for side in clause.split(_ARROW)]
            said = None if None in sides else _ARROW.join(side or "" for side in sides)
        clauses.append(clause if said is None else said)
    return "; ".join(clauses)
