"""The rules for what a key and a project may be; each failure names the field and the fix."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta

from .errors import ValidationError
from .permissions import ALL_PERMISSIONS, PERMISSION_NAMES, Permission, combine
from .tokens import has_secret

NAME_MAX = 64
DESCRIPTION_MAX = 500
MAX_LIFETIME = timedelta(days=3660)  # ~10 years; beyond that "never" is the honest choice
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


#: Characters that draw nothing although Unicode files them as letters or symbols: a name made
#: only of them (and of spaces, marks or format characters) looks empty in every list.
_BLANK_LOOKING = set("\u115f\u1160\u3164\uffa0\u2800\u180e\u17b4\u17b5")
RESERVED_PREFIX = "qk_"  # key ids start so: a name that did would be looked up as an id


def clean_name(raw: object, field: str = "name", what: str = "key") -> str:
    """Trim, normalise (NFC) and check a key or project name; returns the name to store."""
    if not isinstance(raw, str):
        raise ValidationError(field, f"The {what} name must be text.")
    name = unicodedata.normalize("NFC", raw.strip())
    if has_secret(name):  # before the length: a pasted token must not be told "shorten it"
        raise ValidationError(field, secret_in_text_message(f"The {what} name"))
    if not name:
        raise ValidationError(field, f"Enter a name for the {what}.")
    if len(name) > NAME_MAX:
        raise ValidationError(
            field, f"The {what} name is {len(name)} characters; shorten it to {NAME_MAX} or fewer."
        )
    if any(ch in _BIDI_CONTROLS for ch in name):
        raise ValidationError(
            field, f"The {what} name contains a text-direction control character; remove it."
        )
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp") for ch in name):
        raise ValidationError(
            field, f"The {what} name contains a control or invisible character; remove it."
        )
    if all(_draws_nothing(ch) for ch in name):
        raise ValidationError(
            field, f"The {what} name is made of invisible characters only; type a visible name."
        )
    if what == "key" and name.casefold().startswith(RESERVED_PREFIX):
        raise ValidationError(
            field,
            f"Key names may not start with {RESERVED_PREFIX!r}: that prefix marks key ids; "
            f"choose another name.",
        )
    return name


def clean_description(raw: object) -> str:
    """Trim, normalise (NFC) and check a key's free-text note (where it is deployed, who owns
    it): optional, at most DESCRIPTION_MAX characters, several lines allowed, and the same
    secret-shape rule as names, since it is stored in clear."""
    if not isinstance(raw, str):
        raise ValidationError("description", "The description must be text.")
    text = unicodedata.normalize("NFC", raw.strip())
    if has_secret(text):
        raise ValidationError("description", secret_in_text_message("The description"))
    if len(text) > DESCRIPTION_MAX:
        raise ValidationError(
            "description", f"The description is {len(text)} characters; shorten it to "
            f"{DESCRIPTION_MAX} or fewer."
        )
    if any(ch in _BIDI_CONTROLS for ch in text):
        raise ValidationError(
            "description", "The description contains a text-direction control character; "
            "remove it."
        )
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") and ch not in "\n\t"
           for ch in text):
        raise ValidationError(
            "description", "The description contains a control or invisible character; "
            "remove it."
        )
    return text


def secret_in_text_message(subject: str) -> str:
    """Why text holding a token (or a piece of one) is refused, without repeating it."""
    return (
        f"{subject} contains what looks like a secret token or a piece of one; it is stored in "
        f"clear and kept in the audit trail, so remove it (if it is not a secret, break the long "
        f"run of letters and digits with spaces or dashes)."
    )


def _draws_nothing(ch: str) -> bool:
    return ch in _BLANK_LOOKING or unicodedata.category(ch) in ("Zs", "Mn", "Me", "Cf")


def name_key(name: str) -> str:
    """The form under which names must be unique: case-insensitive and Unicode-normalised, so
    "Café" typed with é and with e + combining accent are one name."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def check_permissions(permissions: Iterable[Permission | str]) -> int:
    """Validate a selection of permissions (objects or names); returns the bit mask."""
    chosen: list[Permission] = []
    for item in permissions:
        if isinstance(item, Permission):
            chosen.append(item)
            continue
        try:
            if not str(item).isascii():  # upper() would turn "wrıte" into "WRITE"
                raise KeyError(item)
            chosen.append(Permission[str(item).strip().upper()])
        except KeyError:
            raise ValidationError(
                "permissions",
                f"Unknown permission {str(item)!r}; choose from {', '.join(PERMISSION_NAMES)}.",
            ) from None
    mask = combine(chosen)
    if not mask:
        raise ValidationError("permissions", "Choose at least one permission.")
    if int(mask) & ~int(combine(ALL_PERMISSIONS)):  # not `mask & ~...`: ~ on a Flag keeps its bits
        raise ValidationError("permissions", "Unknown permission bits; choose from the list.")
    return mask


def check_scope(projects: Sequence[str] | None) -> list[str] | None:
    """``None`` means all projects; otherwise a non-empty list of project names."""
    if projects is None:
        return None
    names = [p.strip() for p in projects if p.strip()]
    if not names:
        raise ValidationError(
            "projects", "Choose at least one project, or allow the key for all projects."
        )
    return list(dict.fromkeys(names))


def check_expiration(expires_at: datetime | None, now: datetime) -> datetime | None:
    """An expiration must be an aware moment in the future and not absurdly far; None is never."""
    if expires_at is None:
        return None
    if expires_at.tzinfo is None:
        raise ValidationError("expiration", "The expiration needs a time zone.")
    if expires_at <= now:
        raise ValidationError(
            "expiration", "The expiration is in the past; choose a later date (tomorrow or after)."
        )
    if expires_at - now > MAX_LIFETIME:
        raise ValidationError(
            "expiration", "The expiration is more than 10 years away; choose 'never' instead."
        )
    return expires_at.astimezone(UTC)
