"""Verification over HTTP, for apps in any language: a WSGI application.

``qkeys serve`` runs it with waitress (:mod:`qkeys_desktop.cli.serve`); any WSGI server can
run :data:`application`, e.g. ``gunicorn 'qkeys_desktop.http:application'``, which verifies
against ``$QKEYS_DB`` (or the per-user registry) opened at the first request. The endpoints
are described in :mod:`qkeys_desktop.http.app`.

This package's name shadows nothing: every import in and of it is absolute
(``qkeys_desktop.http``), so the standard library's ``http`` stays what ``import http`` finds.
"""

from __future__ import annotations

from qkeys_desktop.http.app import MAX_BODY, VerificationApp
from qkeys_desktop.http.registry import ProcessRegistry, Verifying, shared_registry

__all__ = ["MAX_BODY", "ProcessRegistry", "VerificationApp", "Verifying", "application"]

#: The WSGI application on this process's registry (``$QKEYS_DB``), opened at the first request.
application = VerificationApp(shared_registry)
