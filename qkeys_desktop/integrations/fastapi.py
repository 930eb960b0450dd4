"""FastAPI: ``Depends(RequireKey(action, project=None))`` on a route lets in requests whose
``Authorization: Bearer <token>`` names a key that may do it, and refuses the others with
:class:`KeyRefused`, as :mod:`qkeys_desktop.integrations.bearer` says::

    from qkeys_desktop.integrations.fastapi import RequireKey, install

    app = FastAPI()
    install(app)  # refusals as {"reason": …}; without it FastAPI's {"detail": …}

    @app.post("/invoices")
    def create_invoice(key: VerifyResult = Depends(RequireKey("write", project="Billing"))):
        ...  # key.key_id is the key that was let in

``project`` may be a function of the request, e.g. ``lambda r: r.path_params["project"]``.
``registry`` (a Store or its verifier) defaults to ``$QKEYS_DB`` opened once per process for
verification only. The dependency is a plain function, so FastAPI runs it in its thread pool:
a first verification's argon2 (~35 ms) never blocks the event loop. The route's OpenAPI
schema shows the bearer scheme.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import FastAPI, HTTPException, Request, Security
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from qkeys_desktop.core.verification import VerifyResult
from qkeys_desktop.http.registry import Verifying
from qkeys_desktop.integrations.bearer import KeyCheck, Refusal

#: Declares the scheme in OpenAPI; the header itself is read by :mod:`.bearer`'s rule, which
#: tells a missing header from a malformed one.
_scheme = HTTPBearer(auto_error=False, description="a qkeys token")


class KeyRefused(HTTPException):
    """A request refused for its key; ``detail`` is the reason."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.status, refusal.reason, {**refusal.headers,
                                                          "Cache-Control": "no-store"})
        self.refusal = refusal


class RequireKey:
    """A dependency: the valid verdict of the request's key for ``action`` (on ``project``),
    or :class:`KeyRefused`. ValueError at once for an unknown action."""

    def __init__(
        self,
        action: str,
        project: str | Callable[[Request], str | None] | None = None,
        *,
        registry: Verifying | None = None,
        client: str | None = None,
    ) -> None:
        self.requirement: KeyCheck[Request] = KeyCheck(action, project, registry, client)

    def __call__(
        self, request: Request,
        _credentials: Annotated[HTTPAuthorizationCredentials | None, Security(_scheme)] = None,
    ) -> VerifyResult:
        outcome = self.requirement.check(request.headers.get("authorization"), request)
        if isinstance(outcome, Refusal):
            raise KeyRefused(outcome)
        return outcome


def install(app: FastAPI) -> None:
    """Answer :class:`KeyRefused` with ``{"reason": …}`` (and ``retry_after`` on a 429),
    like ``qkeys serve`` and the Flask decorator, instead of FastAPI's ``{"detail": …}``."""
    app.add_exception_handler(KeyRefused, _refused)


async def _refused(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, KeyRefused)
    return JSONResponse(error.refusal.body(), error.status_code, dict(error.headers or {}))
