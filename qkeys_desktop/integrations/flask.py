"""Flask: ``@require_key(action, project=None)`` on a view lets in requests whose
``Authorization: Bearer <token>`` names a key that may do it, and answers the others as
:mod:`qkeys_desktop.integrations.bearer` says::

    from qkeys_desktop.integrations.flask import require_key

    @app.post("/invoices")
    @require_key("write", project="Billing", client="billing-api")
    def create_invoice():
        key_id = flask.g.qkeys_key_id  # the key that was let in
        ...

``project`` may be a function of the request, e.g. ``lambda r: r.view_args["project"]``.
``registry`` (a Store or its verifier) defaults to ``$QKEYS_DB`` opened once per process for
verification only. Verification runs in the view's thread, as Flask's servers give one per
request; the Store is thread-safe.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import flask

from qkeys_desktop.http.registry import Verifying
from qkeys_desktop.integrations.bearer import KeyCheck, Refusal

P = ParamSpec("P")
R = TypeVar("R")


def require_key(
    action: str,
    project: str | Callable[[flask.Request], str | None] | None = None,
    *,
    registry: Verifying | None = None,
    client: str | None = None,
) -> Callable[[Callable[P, R]], Callable[P, R | flask.Response]]:
    """Decorate a view so it runs only for a valid key that may do ``action`` (on
    ``project``); ``flask.g.qkeys_key_id`` then names the key. ValueError at once for an
    unknown action."""
    requirement: KeyCheck[flask.Request] = KeyCheck(action, project, registry, client)

    def decorate(view: Callable[P, R]) -> Callable[P, R | flask.Response]:
        @functools.wraps(view)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R | flask.Response:
            request = flask.request
            outcome = requirement.check(request.headers.get("Authorization"), request)
            if isinstance(outcome, Refusal):
                response = flask.jsonify(outcome.body())
                response.status_code = outcome.status
                response.headers.update(outcome.headers)
                response.headers["Cache-Control"] = "no-store"
                return response
            flask.g.qkeys_key_id = outcome.key_id
            return view(*args, **kwargs)

        return guarded

    return decorate
