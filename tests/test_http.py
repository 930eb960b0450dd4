"""Verification over HTTP: the WSGI application in-process (checked by wsgiref's PEP 3333
validator), and ``qkeys serve`` as a child process answering real requests on a loopback port
and on a unix socket."""

from __future__ import annotations

import http.client
import io
import json
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

import pytest
from doubles import FakeClock
from qkeys_cli import child_env

from qkeys_desktop.cli.listen import ServeError, parse_listen
from qkeys_desktop.core.store import Store
from qkeys_desktop.core.tokens import new_token
from qkeys_desktop.http import MAX_BODY, ProcessRegistry, VerificationApp, application
from qkeys_desktop.http.registry import shared_registry

# ---------------------------------------------------------------------------------------------
# In-process: the application itself


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    raw: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.raw)


def call(app: VerificationApp, method: str = "POST", path: str = "/v1/verify",
         body: bytes | dict[str, Any] | None = None, *, query: str = "",
         content_type: str | None = "application/json", length: str | None = None) -> Answer:
    """One request through the application, as a WSGI server would make it."""
    data = json.dumps(body).encode() if isinstance(body, dict) else (body or b"")
    environ: dict[str, Any] = {"REQUEST_METHOD": method, "SCRIPT_NAME": "", "PATH_INFO": path,
                               "QUERY_STRING": query, "wsgi.input": io.BytesIO(data)}
    if content_type is not None:
        environ["CONTENT_TYPE"] = content_type
    if length is None and method == "POST":
        length = str(len(data))
    if length is not None:
        environ["CONTENT_LENGTH"] = length
    setup_testing_defaults(environ)
    started: list[Any] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None
                       ) -> Any:
        started.append((status, headers))
        return lambda chunk: None

    # PEP 3333's checks, except on a Content-Length that is no number (the validator trips)
    checked = validator(app) if (length or "0").isdigit() else app
    result = checked(environ, start_response)
    try:
        raw = b"".join(result)
    finally:
        getattr(result, "close", lambda: None)()  # the validator checks it is called
    status, headers = started[0]
    return Answer(int(status.split()[0]), dict(headers), raw)


@pytest.fixture
def app(timed: Store) -> VerificationApp:
    return VerificationApp(lambda: timed)


def test_verdicts(app: VerificationApp, timed: Store, clock: FakeClock) -> None:
    timed.add_project("Billing")
    created = timed.create_key("api", ["read"], None, ["Billing"])
    token, key_id = created.token, created.record.key_id
    asked = {"token": token, "action": "read", "project": "Billing", "client": "billing-api"}
    valid = call(app, body=asked)
    assert (valid.status, valid.json) == (200, {"valid": True, "reason": None,
                                                "key_id": key_id})
    assert valid.headers["Content-Type"] == "application/json"
    assert valid.headers["Cache-Control"] == "no-store"
    for change, reason in (({"action": "WRITE"}, "action not permitted"),
                           ({"project": "Other"}, "project out of scope"),
                           ({"project": None}, "project out of scope"),
                           ({"token": token[:-1] + "x"}, "bad checksum"),
                           ({"token": "hello"}, "malformed"),
                           ({"token": new_token()[0]}, "unknown key")):
        answer = call(app, body={**asked, **change})
        assert answer.status == 200, change
        assert answer.json["valid"] is False and answer.json["reason"] == reason, change
        assert set(answer.json) == {"valid", "reason", "key_id"}
    # counted: the calls that named the key (valid, not permitted, out of scope twice)
    assert timed.usage("api").by_client["billing-api"] == 4

    timed.delete_key("api")
    revoked = call(app, body=asked).json
    assert (revoked["reason"], revoked["key_id"]) == ("revoked", key_id)
    assert revoked["stopped_at"] == "2030-06-01T12:00:00Z"

    expiring = timed.create_key("soon", ["read"], clock() + timedelta(hours=1)).token
    clock.advance(hours=2)
    expired = call(app, body={"token": expiring, "action": "read"}).json
    assert (expired["reason"], expired["stopped_at"]) == ("expired", "2030-06-01T13:00:00Z")


def test_rate_limited_answers_when_to_retry(app: VerificationApp, timed: Store,
                                            clock: FakeClock) -> None:
    token = timed.create_key("limited", ["read"], None, rate=(1, 60)).token
    clock.advance(seconds=15)  # 45 s of the minute's window are left
    assert call(app, body={"token": token, "action": "read"}).json["valid"] is True
    limited = call(app, body={"token": token, "action": "read"})
    assert limited.status == 200
    assert limited.json["reason"] == "rate limited"
    assert limited.json["retry_after"] == 45


SECRET = new_token()[0]  # a well-formed token no registry has, sent where it must not go


@pytest.mark.parametrize(("request_kwargs", "status", "message"), [
    ({"body": b"{not json"}, 400, "not valid JSON"),
    ({"body": b"\xff\xfe"}, 400, "not UTF-8"),
    ({"body": b"[" * 4000 + b"]" * 4000}, 400, "nested too deeply"),
    ({"body": b'["' + SECRET.encode() + b'", "read"]'}, 400, "JSON object"),
    ({"body": {"action": "read"}}, 400, "token missing"),
    ({"body": {"token": SECRET}}, 400, "action missing"),
    ({"body": {}}, 400, "token and action missing"),
    ({"body": {"token": 42, "action": "read"}}, 400, "token must be a string"),
    ({"body": {"token": SECRET, "action": "fly"}}, 400,
     "action must be one of create, read, write, delete, invite"),
    ({"body": {"token": SECRET, "action": 1}}, 400, "action must be one of"),
    ({"body": {"token": SECRET, "action": "read", "project": 7}}, 400,
     "project must be a string or null"),
    ({"body": {"token": SECRET, "action": "read", "client": ["x"]}}, 400, "client must be"),
    ({"body": {"token": SECRET, "action": "read", "projet": "x"}}, 400,
     'unknown field "projet"; the fields are token, action, project, client'),
    ({"body": {"token": SECRET, "action": "read", SECRET: 1}}, 400, "unknown field"),
    ({"body": {"token": SECRET, "action": "read"}, "content_type": "text/plain"}, 415,
     "Content-Type: application/json"),
    ({"body": {"token": SECRET, "action": "read"}, "content_type": None}, 415, "JSON"),
    ({"body": {"token": SECRET, "action": "read"},
      "content_type": "application/json; charset=latin-1"}, 415, "UTF-8"),
    ({"body": {"token": SECRET, "action": "read"}, "length": ""}, 411, "Content-Length"),
    ({"body": {"token": SECRET, "action": "read"}, "length": "ten"}, 400, "Content-Length"),
    ({"body": {"token": SECRET, "action": "read"}, "length": "5000"}, 400, "shorter"),
    ({"body": b" " * (MAX_BODY + 1)}, 413, f"at most {MAX_BODY} bytes"),
    ({"body": {"token": SECRET, "action": "read"}, "query": "debug=1"}, 400,
     "takes no query parameters"),
    ({"body": {"action": "read"}, "query": f"token={SECRET}"}, 400, "token was sent in the URL"),
    ({"method": "GET", "query": f"token={SECRET}&action=read"}, 400, "in the URL"),
    ({"method": "GET", "path": f"/v1/verify/{SECRET}"}, 400, "in the URL"),
    ({"method": "GET"}, 405, "/v1/verify takes POST only"),
    ({"method": "POST", "path": "/v1/health"}, 405, "/v1/health takes GET only"),
    ({"path": "/verify"}, 404, "use POST /v1/verify or GET /v1/health"),
    ({"method": "GET", "path": "/"}, 404, "no such endpoint"),
])
def test_bad_requests_get_a_clear_4xx_without_the_token(
    app: VerificationApp, request_kwargs: dict[str, Any], status: int, message: str
) -> None:
    answer = call(app, **request_kwargs)
    assert answer.status == status, answer.raw
    assert set(answer.json) == {"error"}
    assert message in answer.json["error"]
    assert SECRET.encode() not in answer.raw
    assert SECRET[3:15].encode() not in answer.raw  # not even the public part
    if status == 405:
        assert answer.headers["Allow"] in ("GET", "POST")


def test_health(app: VerificationApp, timed: Store) -> None:
    answer = call(app, "GET", "/v1/health")
    assert (answer.status, answer.json) == (200, {"status": "ok"})
    timed.verifier.flush_usage()  # the probe reads the registry but counts for no key
    assert timed.db.execute_sql("SELECT COUNT(*) FROM key_usage").fetchone() == (0,)


def test_a_registry_that_cannot_be_opened_is_an_outage_and_is_tried_again(
    tmp_path: Path, fast_hasher: Any
) -> None:
    target = tmp_path / "later" / "keys.db"
    app = VerificationApp(ProcessRegistry(str(target)))
    for method, path in (("POST", "/v1/verify"), ("GET", "/v1/health")):
        answer = call(app, method, path, {"token": SECRET, "action": "read"}
                      if method == "POST" else None)
        assert answer.status == 503
        assert answer.json["error"].startswith("registry unavailable: ")
        assert str(target) in answer.json["error"]
    assert not target.exists() and not target.parent.exists()  # verification creates nothing

    made = Store.open(str(target), hasher=fast_hasher)
    token = made.create_key("late", ["read"], None).token
    made.close()
    assert call(app, body={"token": token, "action": "read"}).json["valid"] is True
    assert call(app, "GET", "/v1/health").status == 200


def test_a_registry_lost_after_opening_answers_503(app: VerificationApp, timed: Store,
                                                   db_path: Path) -> None:
    token = timed.create_key("api", ["read"], None).token
    assert call(app, body={"token": token, "action": "read"}).json["valid"] is True
    timed.db.execute_sql("DROP TABLE api_key")
    answer = call(app, body={"token": token, "action": "read"})
    assert (answer.status, answer.json["reason"]) == (503, "registry unavailable")
    assert call(app, "GET", "/v1/health").status == 503


def test_concurrent_verifications_are_all_answered_and_counted(
    tmp_path: Path, fast_hasher: Any
) -> None:
    """The Store is shared by a server's threads: each gets its own connection."""
    target = str(tmp_path / "keys.db")
    store = Store.open(target, hasher=fast_hasher)
    tokens = [store.create_key(f"k{n}", ["read"], None).token for n in range(4)]
    app = VerificationApp(lambda: store)
    verdicts: list[bool] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        for call_number in range(25):
            token = tokens[(number + call_number) % len(tokens)]
            answer = call(app, body={"token": token, "action": "read", "client": f"c{number}"})
            with lock:
                verdicts.append(answer.status == 200 and answer.json["valid"])

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert verdicts == [True] * 200
    assert sum(store.usage(f"k{n}").valid for n in range(4)) == 200
    store.close()


def test_the_module_application_is_importable_for_any_wsgi_server(store: Store,
                                                                   db_path: Path) -> None:
    """``qkeys_desktop.http:application`` in a fresh process (as gunicorn would import it),
    on $QKEYS_DB, opened at the first request; the standard library's http is not shadowed."""
    token = store.create_key("api", ["read"], None).token
    script = (
        "import io, json, sys, http.client\n"
        "from wsgiref.util import setup_testing_defaults\n"
        "from qkeys_desktop.http import application\n"
        "assert http.client.HTTPConnection, 'stdlib http'\n"
        "body = json.dumps({'token': sys.stdin.read(), 'action': 'read'}).encode()\n"
        "env = {'REQUEST_METHOD': 'POST', 'PATH_INFO': '/v1/verify', 'CONTENT_TYPE': "
        "'application/json', 'CONTENT_LENGTH': str(len(body)), 'wsgi.input': io.BytesIO(body)}\n"
        "setup_testing_defaults(env)\n"
        "print(b''.join(application(env, lambda s, h: None)).decode())\n"
    )
    done = subprocess.run([sys.executable, "-c", script], input=token, capture_output=True,
                          text=True, env=child_env({"QKEYS_DB": str(db_path)}), timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["valid"] is True
    assert application.registry is shared_registry


# ---------------------------------------------------------------------------------------------
# ``qkeys serve``: a child process, real requests


@dataclass
class Server:
    process: subprocess.Popen[str]
    where: str
    stderr_lines: list[str]

    def connection(self) -> http.client.HTTPConnection:
        if self.where.startswith("unix:"):
            return UnixConnection(self.where.removeprefix("unix:"))
        host, port = self.where.removeprefix("http://").rsplit(":", 1)
        return http.client.HTTPConnection(host.strip("[]"), int(port), timeout=30)

    def stop(self, sig: int = signal.SIGINT) -> tuple[int, str, str]:
        self.process.send_signal(sig)
        out, rest = self.process.communicate(timeout=30)
        return self.process.returncode, out, "".join(self.stderr_lines) + rest


class UnixConnection(http.client.HTTPConnection):
    """HTTP over a unix socket, as curl --unix-socket does."""

    def __init__(self, path: str) -> None:
        super().__init__("localhost", timeout=30)
        self.path = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(30)
        self.sock.connect(self.path)


def start_server(db: Path, *args: str) -> Server:
    process = subprocess.Popen(
        [sys.executable, "-m", "qkeys_desktop", "--db", str(db), "serve", *args],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=child_env(),
    )
    assert process.stderr is not None
    first = process.stderr.readline()  # "qkeys: verifying keys of … on WHERE (…"
    found = re.search(r" on (http://\S+|unix:\S+) \(", first)
    if found is None:
        process.kill()
        _out, err = process.communicate(timeout=30)
        raise AssertionError(f"qkeys serve did not start: {first}{err}")
    return Server(process, found.group(1), [first])


@pytest.fixture
def serving(tmp_path: Path, store: Store, db_path: Path) -> Iterator[Server]:
    server = start_server(db_path, "--listen", "127.0.0.1:0")
    yield server
    if server.process.poll() is None:
        server.process.kill()
        server.process.communicate(timeout=30)


def post(connection: http.client.HTTPConnection, body: bytes, path: str = "/v1/verify",
         headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    connection.request("POST", path, body, {"Content-Type": "application/json",
                                            **(headers or {})})
    response = connection.getresponse()
    return response.status, response.read()


def verify_body(token: str, action: str = "read", **more: str) -> bytes:
    return json.dumps({"token": token, "action": action, **more}).encode()


def test_serve_answers_real_requests_and_stops_cleanly(serving: Server, store: Store) -> None:
    token = store.create_key("api", ["read"], None).token
    connection = serving.connection()  # one keep-alive connection for every request
    for _ in range(3):
        status, raw = post(connection, verify_body(token, client="go-app"))
        assert (status, json.loads(raw)["valid"]) == (200, True)
    status, raw = post(connection, verify_body(token, "delete", client="go-app"))
    assert (status, json.loads(raw)["reason"]) == (200, "action not permitted")
    connection.request("GET", "/v1/health")
    assert connection.getresponse().read() == b'{"status": "ok"}'

    status, raw = post(connection, b"{" + b" " * MAX_BODY + b"}")  # over the limit: JSON 413
    assert status == 413 and b"at most" in raw
    connection = serving.connection()
    status, raw = post(connection, b"{oops")
    assert status == 400 and b"not valid JSON" in raw
    connection.request("GET", f"/v1/verify?token={token}")
    response = connection.getresponse()
    assert response.status == 400 and token.encode() not in response.read()
    connection.request("POST", "/v1/verify", verify_body(token), {"Content-Type": "text/html"})
    assert connection.getresponse().status == 415
    connection.close()

    code, out, err = serving.stop()
    assert code == 0, err
    assert "qkeys: stopped" in err
    assert "Traceback" not in err
    assert token not in out + err and token[16:] not in out + err
    usage = store.usage("api")  # written at the stop, though a minute had not passed
    assert usage.by_client == {"go-app": 4}
    assert (usage.valid, usage.by_reason) == (3, {"action not permitted": 1})
    with pytest.raises(ConnectionRefusedError):  # the port is closed again
        serving.connection().request("GET", "/v1/health")


def test_serve_refuses_a_huge_body_before_reading_it(serving: Server) -> None:
    """A Content-Length of 100 MB is refused at once by waitress: nothing is buffered."""
    host, port = serving.where.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=30) as raw:
        raw.sendall(b"POST /v1/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    b"Content-Length: 100000000\r\n\r\n{")
        answer = raw.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413 ")


def test_serve_stops_on_sigterm(serving: Server) -> None:
    code, _, err = serving.stop(signal.SIGTERM)
    assert code == 0 and "qkeys: stopped" in err


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="unix sockets only")
def test_serve_on_a_unix_socket(tmp_path: Path, store: Store, db_path: Path) -> None:
    token = store.create_key("api", ["read"], None).token
    path = tmp_path / "qkeys.sock"
    server = start_server(db_path, "--listen", f"unix:{path}")
    try:
        assert server.where == f"unix:{path}"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # only its owner may connect
        status, raw = post(server.connection(), verify_body(token))
        assert (status, json.loads(raw)["valid"]) == (200, True)

        second = subprocess.run(  # a live socket is never taken over
            [sys.executable, "-m", "qkeys_desktop", "--db", str(db_path), "serve", "--listen",
             f"unix:{path}"], capture_output=True, text=True, env=child_env(), timeout=60,
            check=False)
        assert second.returncode == 2
        assert "another server is listening there" in second.stderr
        assert post(server.connection(), verify_body(token))[0] == 200
    finally:
        code, _, err = server.stop()
    assert code == 0, err
    assert not path.exists()  # removed at the stop


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="unix sockets only")
def test_serve_replaces_a_stale_socket_but_not_a_file(tmp_path: Path, store: Store,
                                                      db_path: Path) -> None:
    stale = tmp_path / "stale.sock"
    left = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    left.bind(str(stale))
    left.close()  # a killed server's socket file: nobody listens
    server = start_server(db_path, "--listen", f"unix:{stale}")
    assert server.stop()[0] == 0
    ordinary = tmp_path / "notes.txt"
    ordinary.write_text("mine")
    refused = subprocess.run(
        [sys.executable, "-m", "qkeys_desktop", "--db", str(db_path), "serve", "--listen",
         f"unix:{ordinary}"], capture_output=True, text=True, env=child_env(), timeout=60,
        check=False)
    assert refused.returncode == 2 and "not a socket" in refused.stderr
    assert ordinary.read_text() == "mine"


@pytest.mark.parametrize("address", ["0.0.0.0:0", "[::]:0", "192.0.2.1:8765"])
def test_serve_refuses_a_public_address_without_the_flag(address: str, store: Store,
                                                         db_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "qkeys_desktop", "--db", str(db_path), "serve", "--listen",
         address], capture_output=True, text=True, env=child_env(), timeout=60, check=False)
    assert done.returncode == 2
    assert "is not a loopback address" in done.stderr and "--allow-public" in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_refuses_a_port_in_use_and_a_missing_registry(serving: Server, tmp_path: Path,
                                                            db_path: Path) -> None:
    taken = serving.where.removeprefix("http://")
    busy = subprocess.run(
        [sys.executable, "-m", "qkeys_desktop", "--db", str(db_path), "serve", "--listen", taken],
        capture_output=True, text=True, env=child_env(), timeout=60, check=False)
    assert busy.returncode == 2
    assert f"cannot listen on {taken}" in busy.stderr and "another server" in busy.stderr
    missing = tmp_path / "none" / "keys.db"
    absent = subprocess.run(
        [sys.executable, "-m", "qkeys_desktop", "--db", str(missing), "serve", "--listen",
         "127.0.0.1:0"], capture_output=True, text=True, env=child_env(), timeout=60,
        check=False)
    assert absent.returncode == 3, absent.stderr
    assert not missing.parent.exists()


@pytest.mark.parametrize(("text", "message"), [
    ("8765", "is not an address and port"),
    ("127.0.0.1", "is not an address and port"),
    ("127.0.0.1:http", "is not an address and port"),
    ("127.0.0.1:70000", "is not an address and port"),
    ("::1:8765", "in brackets"),
    ("unix:", "needs a path"),
])
def test_listen_forms_refused(text: str, message: str) -> None:
    with pytest.raises(ServeError, match=message):
        parse_listen(text)


def test_listen_forms() -> None:
    assert (parse_listen("127.0.0.1:8765").host, parse_listen("127.0.0.1:8765").port) == (
        "127.0.0.1", 8765)
    assert parse_listen("[::1]:9").host == "::1"
    assert str(parse_listen("[::1]:9")) == "[::1]:9"
    assert parse_listen("unix:relative.sock").unix_path == os.path.abspath("relative.sock")
