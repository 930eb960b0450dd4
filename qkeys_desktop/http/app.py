"""The verification endpoint as a WSGI application: ``POST /v1/verify`` and ``GET /v1/health``.

``POST /v1/verify`` takes ``{"token", "action", "project"?, "client"?}`` as JSON and answers 200
with the verdict (:func:`~qkeys_desktop.http.verdict.verdict_json`) whether the key is valid or
not; a request it cannot take gets a 4xx with ``{"error": message}``, and a registry that
cannot be read a 503 (an outage, not a bad key: ``qkeys verify``'s exit status 3).

The token travels only in the body. Servers and proxies log URLs, so a token in the query
string (or the path) is refused — also on a path that does not exist — and no message ever
repeats what the request held beyond a field's name (itself redacted if secret-shaped). The
application logs nothing but an unexpected error's type.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from qkeys_desktop.core.errors import StoreError
from qkeys_desktop.core.permissions import PERMISSION_NAMES
from qkeys_desktop.core.tokens import build_token, has_secret, redact_tokens
from qkeys_desktop.core.verification import UNAVAILABLE, action_bit
from qkeys_desktop.http.registry import Verifying
from qkeys_desktop.http.verdict import verdict_json

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

#: The largest request body taken, in bytes; a verify request is about 150.
MAX_BODY = 8 * 1024
VERIFY_PATH = "/v1/verify"
HEALTH_PATH = "/v1/health"
FIELDS = ("token", "action", "project", "client")
#: A well-formed token no registry issues (its id is all zeros): the health check looks it up,
#: which reads the registry without counting anything for any key.
PROBE_TOKEN = build_token("qk_" + "0" * 12, "0" * 44)
_REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed",
            411: "Length Required", 413: "Content Too Large", 415: "Unsupported Media Type",
            500: "Internal Server Error", 503: "Service Unavailable"}
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Response:
    """A JSON response: status, body and any headers beyond the usual ones."""

    status: int
    body: dict[str, object]
    headers: tuple[tuple[str, str], ...] = field(default=())


class BadRequest(Exception):
    """A request refused with a 4xx status and a message fit to send back."""

    def __init__(self, status: int, message: str, *headers: tuple[str, str]) -> None:
        super().__init__(message)
        self.response = Response(status, {"error": message}, headers)


class VerificationApp:
    """The WSGI application; ``registry`` gives the registry to verify against (it may raise
    StoreError: the request is then answered 503). Safe to call from many threads at once."""

    def __init__(self, registry: Callable[[], Verifying]) -> None:
        self.registry = registry
        self._routes: dict[str, tuple[str, Callable[[WSGIEnvironment], Response]]] = {
            VERIFY_PATH: ("POST", self._verify),
            HEALTH_PATH: ("GET", self._health),
        }

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse
                 ) -> Iterable[bytes]:
        try:
            response = self._route(environ)
        except BadRequest as refusal:
            response = refusal.response
        except Exception as error:  # never a traceback to the caller, nor one that may hold input
            _log.error("request failed: %s", type(error).__name__)
            response = Response(500, {"error": "internal error"})
        body = json.dumps(response.body).encode("ascii")
        start_response(f"{response.status} {_REASONS[response.status]}", [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
            *response.headers,
        ])
        return [body]

    def _route(self, environ: WSGIEnvironment) -> Response:
        path = str(environ.get("PATH_INFO", ""))
        if has_secret(path) or has_secret(str(environ.get("QUERY_STRING", ""))):
            raise BadRequest(400, "a token was sent in the URL, where servers and proxies log "
                             "it: send it in the JSON body of POST /v1/verify (and rotate "
                             "that key if the URL went beyond this machine)")
        route = self._routes.get(path)
        if route is None:
            raise BadRequest(404, f"no such endpoint; use POST {VERIFY_PATH} or GET {HEALTH_PATH}")
        method, handler = route
        if environ.get("REQUEST_METHOD") != method:
            raise BadRequest(405, f"{path} takes {method} only", ("Allow", method))
        return handler(environ)

    def _verify(self, environ: WSGIEnvironment) -> Response:
        if environ.get("QUERY_STRING"):
            raise BadRequest(400, f"{VERIFY_PATH} takes no query parameters: send "
                             f"{', '.join(FIELDS)} in the JSON body")
        token, action, project, client = read_fields(environ)
        result = self._verifier().verify(token, action, project, client)
        return Response(503 if result.reason == UNAVAILABLE else 200, verdict_json(result))

    def _health(self, environ: WSGIEnvironment) -> Response:
        """200 when the registry can be read (a lookup of a key that does not exist), else 503."""
        if self._verifier().verify(PROBE_TOKEN, "read").reason == UNAVAILABLE:
            return Response(503, {"status": "unavailable", "error": "the registry could not be "
                                  "read"})
        return Response(200, {"status": "ok"})

    def _verifier(self) -> Verifying:
        try:
            return self.registry()
        except StoreError as error:  # names the registry and what to do; never a token
            raise BadRequest(503, f"registry unavailable: {error}") from error


def read_fields(environ: WSGIEnvironment) -> tuple[str, str, str | None, str | None]:
    """``token``, ``action``, ``project`` and ``client`` from the JSON body, or BadRequest
    saying what is wrong with it (never what the token was)."""
    document = _json_object(_body(environ))
    unknown = [name for name in document if name not in FIELDS]
    if unknown:
        shown = redact_tokens(unknown[0][:40])
        raise BadRequest(400, f"unknown field {json.dumps(shown)}; the fields are "
                         f"{', '.join(FIELDS)}")
    token, action = (document.get(name) for name in ("token", "action"))
    if token is None or action is None:
        missing = " and ".join(n for n, v in (("token", token), ("action", action)) if v is None)
        raise BadRequest(400, f"{missing} missing: send a JSON object with token and action")
    if not isinstance(token, str):
        raise BadRequest(400, "token must be a string")
    if not isinstance(action, str) or action_bit(action) is None:
        raise BadRequest(400, f"action must be one of {', '.join(PERMISSION_NAMES)}")
    project, client = (document.get(name) for name in ("project", "client"))
    for name, value in (("project", project), ("client", client)):
        if value is not None and not isinstance(value, str):
            raise BadRequest(400, f"{name} must be a string or null")
    return token, action, project, client  # type: ignore[return-value]  # checked just above


def _body(environ: WSGIEnvironment) -> bytes:
    media_type, _, parameters = str(environ.get("CONTENT_TYPE", "")).partition(";")
    if media_type.strip().lower() != "application/json":
        raise BadRequest(415, "send the request as JSON: Content-Type: application/json")
    charset = parameters.strip().lower().removeprefix("charset=").strip('"')
    if parameters.strip() and charset not in ("utf-8", "utf8"):
        raise BadRequest(415, "send the JSON as UTF-8 (charset=utf-8, or no charset)")
    length_text = str(environ.get("CONTENT_LENGTH") or "").strip()
    if not length_text:
        raise BadRequest(411, "a Content-Length header is required")
    if not length_text.isdigit():
        raise BadRequest(400, "Content-Length is not a number")
    length = int(length_text)
    if length > MAX_BODY:
        raise BadRequest(413, f"the body may be at most {MAX_BODY} bytes; a verify request "
                         "is about 150")
    body = environ["wsgi.input"].read(length) if length else b""
    if len(body) != length:
        raise BadRequest(400, "the body is shorter than its Content-Length")
    return bytes(body)


def _json_object(body: bytes) -> dict[str, object]:
    try:
        document = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadRequest(400, "the body is not UTF-8 text") from None
    except json.JSONDecodeError as error:  # its message gives a position, never the text
        raise BadRequest(400, f"the body is not valid JSON ({error.msg} at line "
                         f"{error.lineno} column {error.colno})") from None
    except RecursionError:
        raise BadRequest(400, "the body is not valid JSON (nested too deeply)") from None
    if not isinstance(document, dict):
        raise BadRequest(400, "the body must be a JSON object with token and action")
    return document
