"""A verification's verdict as JSON, the same for ``POST /v1/verify`` and the integrations."""

from __future__ import annotations

import math
from datetime import UTC

from qkeys_desktop.core.verification import VerifyResult


def retry_seconds(result: VerifyResult) -> int | None:
    """Whole seconds until a rate-limited key may pass again (at least 1, as HTTP's
    ``Retry-After`` counts); None for any other verdict."""
    if result.retry_after is None:
        return None
    return max(1, math.ceil(result.retry_after))


def verdict_json(result: VerifyResult) -> dict[str, object]:
    """``{"valid", "reason", "key_id"}``, plus ``retry_after`` (seconds) when rate limited and
    ``stopped_at`` (ISO 8601, UTC) when the key was revoked, rotated away or expired."""
    body: dict[str, object] = {"valid": result.ok, "reason": result.reason,
                               "key_id": result.key_id}
    retry = retry_seconds(result)
    if retry is not None:
        body["retry_after"] = retry
    if result.stopped_at is not None:
        body["stopped_at"] = result.stopped_at.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return body
