"""The rule the framework integrations share: from an ``Authorization`` header to either the
valid verdict or the HTTP refusal to send (RFC 6750's bearer scheme).

- 401 ``invalid_token``: no usable credentials — missing or not a bearer header, a malformed,
  unknown, mistyped, expired, revoked or rotated-away token: the caller must get a new one;
- 403 ``insufficient_scope``: a genuine key that may not do this — action not permitted,
  project out of scope, disabled, usage exhausted: another token would be needed, not a retry;
- 429 with ``Retry-After``: the key's rate limit; the same call passes after that many seconds;
- 503: the registry could not be read; neither accepted nor rejected (never "valid");
- 500: "unknown action", which only a route declared with a bad action could meet.

The body is ``{"reason": …}`` in verification's words (``retry_after`` too on a 429). A
refusal never repeats the token.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from qkeys_desktop.core.errors import StoreError
from qkeys_desktop.core.permissions import PERMISSION_NAMES
from qkeys_desktop.core.verification import (
    DISABLED,
    NOT_PERMITTED,
    OUT_OF_SCOPE,
    RATE_LIMITED,
    UNAVAILABLE,
    UNKNOWN_ACTION,
    USAGE_EXHAUSTED,
    VerifyResult,
    action_bit,
)
from qkeys_desktop.http.registry import Verifying, shared_registry
from qkeys_desktop.http.verdict import retry_seconds

MISSING = "missing bearer token"
NOT_BEARER = "malformed authorization header"
#: Rejections of a genuine key for what it may do: 403, not 401.
FORBIDDING = frozenset({NOT_PERMITTED, OUT_OF_SCOPE, DISABLED, USAGE_EXHAUSTED})
_log = logging.getLogger(__name__)

Request = TypeVar("Request")


@dataclass(frozen=True)
class Refusal:
    """An HTTP refusal: status, reason, and headers."""

    status: int
    reason: str
    headers: dict[str, str] = field(default_factory=dict)
    retry_after: int | None = None

    def body(self) -> dict[str, object]:
        """``{"reason": …}``, with ``retry_after`` (seconds) when rate limited."""
        if self.retry_after is None:
            return {"reason": self.reason}
        return {"reason": self.reason, "retry_after": self.retry_after}


def bearer_token(authorization: str | None) -> str | Refusal:
    """The token of an ``Authorization: Bearer <token>`` header (scheme in any case), or the
    401 for a missing or other header."""
    if authorization is None or not authorization.strip():
        return Refusal(401, MISSING, {"WWW-Authenticate": 'Bearer realm="qkeys"'})
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        return _invalid(NOT_BEARER)
    return token


def refusal(result: VerifyResult) -> Refusal | None:
    """The refusal for a verdict; None when it is valid."""
    if result.ok:
        return None
    reason = result.reason or UNAVAILABLE
    if reason == UNAVAILABLE:
        return Refusal(503, UNAVAILABLE)
    if reason == UNKNOWN_ACTION:  # the route's own action: KeyCheck refuses a typo at start-up
        return Refusal(500, UNKNOWN_ACTION)
    if reason == RATE_LIMITED:
        retry = retry_seconds(result) or 1
        return Refusal(429, reason, {"Retry-After": str(retry)}, retry)
    if reason in FORBIDDING:
        return Refusal(403, reason, {
            "WWW-Authenticate": f'Bearer realm="qkeys", error="insufficient_scope", '
                                f'error_description="{reason}"'})
    return _invalid(reason)


def _invalid(reason: str) -> Refusal:
    return Refusal(401, reason, {
        "WWW-Authenticate": f'Bearer realm="qkeys", error="invalid_token", '
                            f'error_description="{reason}"'})


@dataclass(frozen=True)
class KeyCheck(Generic[Request]):
    """One route's requirement: a key that may do ``action`` (on ``project``: a name, or a
    function of the framework's request that gives it; None: no project), checked against
    ``registry`` (default: ``$QKEYS_DB`` opened once per process, for verification only)."""

    action: str
    project: str | Callable[[Request], str | None] | None = None
    registry: Verifying | None = None
    client: str | None = None

    def __post_init__(self) -> None:
        # a typo in an action would refuse every request at run time: refuse it at start-up
        if action_bit(self.action) is None:
            raise ValueError(f"unknown action {self.action!r}; the actions are "
                             f"{', '.join(PERMISSION_NAMES)}")

    def check(self, authorization: str | None, request: Request) -> VerifyResult | Refusal:
        """The valid verdict, or the refusal to answer with."""
        token = bearer_token(authorization)
        if isinstance(token, Refusal):
            return token
        project = self.project(request) if callable(self.project) else self.project
        try:
            registry = self.registry or shared_registry()
        except StoreError as error:  # the app's log says why; the caller only that it failed
            _log.error("qkeys registry unavailable: %s", error)
            return Refusal(503, UNAVAILABLE)
        result = registry.verify(token, self.action, project, self.client)
        return refusal(result) or result
