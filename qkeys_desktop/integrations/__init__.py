"""Ready-made key checks for Python web apps: read ``Authorization: Bearer <token>``, verify it
with the Python API, and refuse the request with the reason.

- Flask: ``@require_key("read")`` from :mod:`qkeys_desktop.integrations.flask`;
- FastAPI: ``Depends(RequireKey("read"))`` from :mod:`qkeys_desktop.integrations.fastapi`.

Both answer as :mod:`.bearer` decides (401, 403, 429 or 503 with ``{"reason": …}`` and
``WWW-Authenticate: Bearer``). Flask and FastAPI are not dependencies of qkeys: each module
imports its framework, which the app has installed.
"""
