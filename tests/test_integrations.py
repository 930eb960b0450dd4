"""The Flask decorator and the FastAPI dependency, on the real frameworks and a real registry:
the same requests get the same answers from both (401, 403, 429, 503 with the reason)."""

from __future__ import annotations

import http.client
import json
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import flask
import pytest
import uvicorn
from doubles import FakeClock
from fastapi import Depends, FastAPI, Request
from fastapi.testclient import TestClient
from pydantic import BaseModel

from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import build_token, new_token, parse_token
from qkeys_desktop.core.verification import VerifyResult
from qkeys_desktop.http.registry import Verifying
from qkeys_desktop.integrations import bearer
from qkeys_desktop.integrations.fastapi import RequireKey, install
from qkeys_desktop.integrations.flask import require_key

# -- the same app in both frameworks -----------------------------------------------------------


def flask_app(registry: Verifying | None) -> flask.Flask:
    app = flask.Flask("qkeys-test")

    def granted(**path: str) -> flask.Response:
        return flask.jsonify({"key_id": flask.g.qkeys_key_id})

    app.add_url_rule("/read", "read", require_key("read", registry=registry)(granted))
    app.add_url_rule("/write", "write", require_key("write", registry=registry)(granted))
    app.add_url_rule("/billing", "billing", require_key(
        "read", "Billing", registry=registry, client="billing-api")(granted))
    app.add_url_rule("/projects/<project>/items", "items", require_key(
        "read", lambda request: (request.view_args or {})["project"], registry=registry)(granted))
    return app


def fastapi_app(registry: Verifying | None, handled: bool = True) -> FastAPI:
    app = FastAPI()
    if handled:
        install(app)

    def by_project(request: Request) -> str | None:
        return str(request.path_params["project"])

    for path, requirement in (
        ("/read", RequireKey("read", registry=registry)),
        ("/write", RequireKey("write", registry=registry)),
        ("/billing", RequireKey("read", "Billing", registry=registry, client="billing-api")),
        ("/projects/{project}/items", RequireKey("read", by_project, registry=registry)),
    ):
        def granted(key: VerifyResult = Depends(requirement)) -> dict[str, Any]:  # noqa: B008
            return {"key_id": key.key_id}

        app.get(path)(granted)
    return app


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names
    raw: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.raw)


Client = Callable[[str, str | None], Answer]


def client_for(framework: str, registry: Verifying | None, handled: bool = True) -> Client:
    if framework == "flask":
        test_client = flask_app(registry).test_client()

        def flask_get(path: str, authorization: str | None) -> Answer:
            headers = {} if authorization is None else {"Authorization": authorization}
            response = test_client.get(path, headers=headers)
            return Answer(response.status_code,
                          {k.lower(): v for k, v in response.headers.items()}, response.data)

        return flask_get
    fastapi_client = TestClient(fastapi_app(registry, handled))

    def fastapi_get(path: str, authorization: str | None) -> Answer:
        headers = {} if authorization is None else {"Authorization": authorization}
        response = fastapi_client.get(path, headers=headers)
        return Answer(response.status_code, dict(response.headers), response.content)

    return fastapi_get


FRAMEWORKS = ["flask", "fastapi"]


@dataclass(frozen=True)
class Tokens:
    read: str
    read_id: str
    billing: str
    disabled: str
    once: str
    limited: str
    revoked: str
    expired: str


@pytest.fixture
def tokens(timed: Store, clock: FakeClock) -> Tokens:
    timed.add_project("Billing")
    read = timed.create_key("reader", ["read"], None)
    billing = timed.create_key("billing", ["read"], None, ["Billing"]).token
    disabled = timed.create_key("paused", ["read", "write"], None).token
    timed.set_key_disabled("paused", True)
    once = timed.create_key("once", ["read"], None, uses=1).token
    limited = timed.create_key("limited", ["read"], None, rate=(1, 60)).token
    revoked = timed.create_key("gone", ["read"], None).token
    timed.delete_key("gone")
    expired = timed.create_key("brief", ["read"], clock() + timedelta(hours=1)).token
    clock.advance(hours=2, seconds=15)  # 45 s left in the rate limit's minute
    return Tokens(read.token, read.record.key_id, billing, disabled, once, limited, revoked,
                  expired)


@pytest.fixture(params=FRAMEWORKS)
def get(request: pytest.FixtureRequest, timed: Store) -> Client:
    return client_for(request.param, timed)


def assert_refused(answer: Answer, status: int, reason: str, secret: str | None = None) -> None:
    assert answer.status == status, answer.raw
    assert answer.json["reason"] == reason
    assert answer.headers["cache-control"] == "no-store"
    if status in (401, 403):
        assert answer.headers["www-authenticate"].startswith("Bearer ")
    if secret:
        assert secret not in answer.raw.decode() + repr(answer.headers)


# -- the answers -------------------------------------------------------------------------------


def test_a_valid_key_is_let_in_and_named(get: Client, tokens: Tokens) -> None:
    for scheme in ("Bearer", "bearer", "BEARER"):
        answer = get("/read", f"{scheme} {tokens.read}")
        assert (answer.status, answer.json) == (200, {"key_id": tokens.read_id})
    assert get("/read", f"  Bearer   {tokens.read}  ").status == 200


def test_no_usable_credentials_is_401(get: Client, tokens: Tokens) -> None:
    missing = get("/read", None)
    assert_refused(missing, 401, "missing bearer token")
    assert missing.headers["www-authenticate"] == 'Bearer realm="qkeys"'  # no error: RFC 6750
    assert_refused(get("/read", "  "), 401, "missing bearer token")
    for header in ("Basic dXNlcjpwYXNz", "Bearer", "Bearer ", f"Token {tokens.read}",
                   f"Bearer {tokens.read} extra", tokens.read):
        assert_refused(get("/read", header), 401, "malformed authorization header", tokens.read)


def test_a_bad_or_retired_token_is_401_with_the_reason(get: Client, tokens: Tokens) -> None:
    wrong_secret = build_token(tokens.read_id, parse_token(new_token()[0]).secret)
    for token, reason in (("hello", "malformed"),
                          (tokens.read[:-1] + ("a" if tokens.read[-1] != "a" else "b"),
                           "bad checksum"),
                          (new_token()[0], "unknown key"),
                          (wrong_secret, "mismatch"),
                          (tokens.revoked, "revoked"),
                          (tokens.expired, "expired")):
        answer = get("/read", f"Bearer {token}")
        assert_refused(answer, 401, reason, token)
        assert 'error="invalid_token"' in answer.headers["www-authenticate"]
        assert f'error_description="{reason}"' in answer.headers["www-authenticate"]


def test_a_key_that_may_not_is_403(get: Client, tokens: Tokens) -> None:
    for path, token, reason in (("/write", tokens.read, "action not permitted"),
                                ("/projects/Other/items", tokens.billing, "project out of scope"),
                                ("/read", tokens.disabled, "disabled")):
        answer = get(path, f"Bearer {token}")
        assert_refused(answer, 403, reason, token)
        assert 'error="insufficient_scope"' in answer.headers["www-authenticate"]
    assert get("/projects/Billing/items", f"Bearer {tokens.billing}").status == 200
    assert get("/projects/billing/items", f"Bearer {tokens.billing}").status == 200


def test_limits_are_403_when_spent_and_429_when_too_fast(get: Client, tokens: Tokens) -> None:
    assert get("/read", f"Bearer {tokens.once}").status == 200
    assert_refused(get("/read", f"Bearer {tokens.once}"), 403, "usage exhausted", tokens.once)
    assert get("/read", f"Bearer {tokens.limited}").status == 200
    limited = get("/read", f"Bearer {tokens.limited}")
    assert_refused(limited, 429, "rate limited", tokens.limited)
    assert limited.headers["retry-after"] == "45"
    assert limited.json["retry_after"] == 45


def test_the_client_label_is_counted(get: Client, tokens: Tokens, timed: Store) -> None:
    assert get("/billing", f"Bearer {tokens.billing}").status == 200
    assert get("/billing", f"Bearer {tokens.disabled}").status == 403  # counted too
    assert timed.usage("billing").by_client == {"billing-api": 1}
    assert timed.usage("paused").by_client == {"billing-api": 1}


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_an_unreadable_registry_is_503_and_logged(
    framework: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Without ``registry=`` the process registry ($QKEYS_DB) is used: here it is missing."""
    missing = tmp_path / "nowhere" / "keys.db"
    monkeypatch.setenv("QKEYS_DB", str(missing))
    token = new_token()[0]
    with caplog.at_level(logging.ERROR):
        answer = client_for(framework, None)("/read", f"Bearer {token}")
    assert_refused(answer, 503, "registry unavailable", token)
    assert str(missing) not in answer.raw.decode()  # the caller is not told where it lives
    assert str(missing) in caplog.text  # the app's log is
    assert not missing.parent.exists()


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_an_unknown_action_is_refused_when_the_route_is_declared(framework: str,
                                                                 store: Store) -> None:
    with pytest.raises(ValueError, match="unknown action 'raed'; the actions are create, read"):
        if framework == "flask":
            require_key("raed", registry=store)
        else:
            RequireKey("raed", registry=store)


def test_fastapi_without_install_answers_in_its_own_shape(timed: Store, tokens: Tokens) -> None:
    answer = client_for("fastapi", timed, handled=False)("/write", f"Bearer {tokens.read}")
    assert (answer.status, answer.json) == (403, {"detail": "action not permitted"})
    assert 'error="insufficient_scope"' in answer.headers["www-authenticate"]


def test_fastapi_declares_the_bearer_scheme(store: Store) -> None:
    schema = TestClient(fastapi_app(store)).get("/openapi.json").json()
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert {"HTTPBearer": []} in schema["paths"]["/read"]["get"]["security"]


def test_the_status_of_every_reason() -> None:
    """Every reason verification gives maps to one status; none of them lets a request in."""
    from qkeys_desktop.core import verification as v

    expected = {v.MALFORMED: 401, v.BAD_CHECKSUM: 401, v.UNKNOWN_KEY: 401, v.MISMATCH: 401,
                v.EXPIRED: 401, v.REVOKED: 401, v.ROTATED: 401, v.NOT_PERMITTED: 403,
                v.OUT_OF_SCOPE: 403, v.DISABLED: 403, v.USAGE_EXHAUSTED: 403,
                v.RATE_LIMITED: 429, v.UNAVAILABLE: 503, v.UNKNOWN_ACTION: 500}
    reasons = {value for name, value in vars(v).items()  # the reason constants, however many
               if name.isupper() and isinstance(value, str) and value.replace(" ", "").isalpha()
               and value != v.VALID}
    assert reasons == set(expected)
    for reason, status in expected.items():
        refusal = bearer.refusal(VerifyResult(False, reason, "qk_000000000000", None, 2.5))
        assert refusal is not None and refusal.status == status, reason
    assert bearer.refusal(VerifyResult(True, None, "qk_000000000000")) is None


# -- over a real socket ------------------------------------------------------------------------


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def flask_over_http(timed: Store) -> Iterator[tuple[str, int]]:
    server = make_server("127.0.0.1", 0, flask_app(timed), handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "127.0.0.1", server.server_port
    server.shutdown()
    server.server_close()
    thread.join(timeout=30)


def test_flask_over_real_http(flask_over_http: tuple[str, int], tokens: Tokens) -> None:
    connection = http.client.HTTPConnection(*flask_over_http, timeout=30)
    connection.request("GET", "/read", headers={"Authorization": f"Bearer {tokens.read}"})
    response = connection.getresponse()
    assert (response.status, json.loads(response.read())) == (200, {"key_id": tokens.read_id})
    connection.request("GET", "/write", headers={"Authorization": f"Bearer {tokens.read}"})
    response = connection.getresponse()
    assert response.status == 403
    assert response.getheader("WWW-Authenticate", "").startswith("Bearer ")
    assert json.loads(response.read()) == {"reason": "action not permitted"}
    connection.request("GET", "/read")
    response = connection.getresponse()
    assert (response.status, json.loads(response.read())) == (401,
                                                             {"reason": "missing bearer token"})


class Item(BaseModel):
    name: str


def served_fastapi_app(registry: Verifying) -> FastAPI:
    """:func:`fastapi_app` with a route that takes a JSON body, for bad bodies."""
    app = fastapi_app(registry)

    writing = RequireKey("write", registry=registry)

    @app.post("/items")
    def add_item(item: Item, key: VerifyResult = Depends(writing)) -> dict[str, Any]:  # noqa: B008
        return {"name": item.name, "key_id": key.key_id}

    return app


@pytest.fixture
def fastapi_over_http(timed: Store) -> Iterator[tuple[str, int]]:
    """The FastAPI app served by uvicorn on a free loopback port, in a thread; its log goes
    to the root logger (log_config=None), where caplog sees it."""
    listening = socket.create_server(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(served_fastapi_app(timed), log_config=None,
                                           log_level="info", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    for _ in range(300):  # up to 30 s on a loaded machine
        if server.started or not thread.is_alive():
            break
        time.sleep(0.1)
    assert server.started, "uvicorn did not start"
    yield listening.getsockname()[:2]
    server.should_exit = True
    thread.join(timeout=30)
    assert not thread.is_alive(), "uvicorn did not stop"
    listening.close()


def over_http(address: tuple[str, int], method: str, path: str,
              authorization: str | None = None, body: bytes | None = None,
              content_type: str | None = None) -> Answer:
    """One request on a fresh connection, as another process would send it."""
    headers = {} if authorization is None else {"Authorization": authorization}
    if content_type is not None:
        headers["Content-Type"] = content_type
    connection = http.client.HTTPConnection(*address, timeout=30)
    try:
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()},
                      response.read())
    finally:
        connection.close()


def test_fastapi_served_by_uvicorn_over_real_http(
    fastapi_over_http: tuple[str, int], tokens: Tokens, timed: Store,
    capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture,
) -> None:
    address = fastapi_over_http
    caplog.set_level(logging.INFO)

    def get(path: str, authorization: str | None) -> Answer:
        return over_http(address, "GET", path, authorization)

    answer = get("/read", f"Bearer {tokens.read}")
    assert (answer.status, answer.json) == (200, {"key_id": tokens.read_id})
    missing = get("/read", None)
    assert_refused(missing, 401, "missing bearer token")
    assert missing.headers["www-authenticate"] == 'Bearer realm="qkeys"'
    assert missing.json == {"reason": "missing bearer token"}
    assert_refused(get("/read", f"Bearer {tokens.revoked}"), 401, "revoked", tokens.revoked)
    assert_refused(get("/write", f"Bearer {tokens.read}"), 403, "action not permitted",
                   tokens.read)
    assert get("/read", f"Bearer {tokens.limited}").status == 200
    limited = get("/read", f"Bearer {tokens.limited}")
    assert_refused(limited, 429, "rate limited", tokens.limited)
    assert limited.headers["retry-after"] == "45"

    # bodies: the key is checked before the body matters; a bad body with a good key is 422
    huge = json.dumps({"name": "x" * (4 * 1024 * 1024)}).encode()
    assert_refused(over_http(address, "POST", "/items", None, huge, "application/json"),
                   401, "missing bearer token")
    assert_refused(over_http(address, "POST", "/items", f"Bearer {tokens.read}", b"name=x",
                             "text/plain"), 403, "action not permitted", tokens.read)
    writer = timed.create_key("writer", ["write"], None)

    def post(body: bytes, content_type: str) -> Answer:
        return over_http(address, "POST", "/items", f"Bearer {writer.token}", body, content_type)

    assert post(b'{"name": "pen"}', "application/json").json == {
        "name": "pen", "key_id": writer.record.key_id}
    for body, content_type in ((b"name=pen", "application/x-www-form-urlencoded"),
                               (b'{"name": "pen"}', "text/plain"),
                               (b'{"name": ', "application/json"),
                               (b"{}", "application/json")):
        bad = post(body, content_type)
        assert bad.status == 422, (content_type, bad.raw)
        assert "detail" in bad.json
    # an enormous header is refused by uvicorn (h11) before the app: 4xx, not a crash
    assert 400 <= get("/read", "Bearer " + "a" * (32 * 1024)).status < 500

    output = capfd.readouterr()
    server_output = output.out + output.err + caplog.text
    assert "Traceback" not in server_output
    assert not [record for record in caplog.records if record.exc_info]
    for token in (tokens.read, tokens.revoked, tokens.limited, writer.token):
        assert token not in server_output
