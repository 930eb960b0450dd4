"""Real external parts for system tests: an X server, a Secret Service, a PostgreSQL server.

Each session fixture starts a private instance of its part (temporary directories, a free display
or port, a bus of its own) so that system tests never touch the developer's desktop, keychain or
database, and so that `uv run pytest` exercises the real parts wherever their programs are
installed. A part that is missing or fails to start skips its tests locally but fails them when
`CI=true`: in CI a skipped system test would hide exactly the bug it exists to catch.

Every wait is bounded, every process is stopped at the end of the session (also after a failed
start), and a failed start reports the tail of the part's own log.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any, NoReturn

import pytest

START_TIMEOUT = 20.0
"""Seconds a part may take to become usable; CI machines are small, but nothing takes this long."""

STOP_TIMEOUT = 10.0
SECRET_SERVICE_BACKEND = "keyring.backends.SecretService.Keyring"
KEYRING_PASSWORD = "qkeys-system-tests"
"""Password of the throwaway login keyring; it only ever lives in a temporary directory."""


class PartStartError(RuntimeError):
    """A part's program exists but the part did not become usable."""


def in_ci() -> bool:
    """True when running in CI, where a missing system part is a failure."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1"}


def require_part(name: str, reason: str) -> NoReturn:
    """Skip the requesting test locally, fail it in CI: the part `name` is unusable."""
    message = f"system part {name!r} unavailable: {reason}"
    if in_ci():
        pytest.fail(f"{message} (CI=true: missing system parts are failures)", pytrace=False)
    pytest.skip(message)


def which_or_require(part: str, *programs: str) -> dict[str, str]:
    """Paths of `programs`, or skip/fail naming every one that is not on PATH."""
    found = {program: shutil.which(program) for program in programs}
    missing = [program for program, path in found.items() if path is None]
    if missing:
        require_part(part, f"program(s) not found on PATH: {', '.join(missing)}")
    return {program: path for program, path in found.items() if path is not None}


def pytest_report_header(config: pytest.Config) -> str:
    """Say up front whether missing system parts will skip or fail."""
    mode = "fail (CI=true)" if in_ci() else "skip (CI is not 'true')"
    return f"qkeys system parts: missing parts {mode}"


# --- process helpers ------------------------------------------------------------------------


def _log_tail(path: Path, lines: int = 25) -> str:
    """The last lines of a part's log, for error messages."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    tail = text.strip().splitlines()[-lines:]
    return textwrap.indent("\n".join(tail), "    | ") if tail else "(log is empty)"


def _start(
    argv: list[str], log: Path, *, stdout: int | IO[Any] | None = None, **kwargs: Any
) -> subprocess.Popen[bytes]:
    """Start a part's process in its own session with its output in `log`.

    A session of its own lets teardown signal the whole process group without touching ours.
    """
    with log.open("ab") as log_file:
        return subprocess.Popen(
            argv,
            stdin=kwargs.pop("stdin", subprocess.DEVNULL),
            stdout=log_file if stdout is None else stdout,
            stderr=log_file,
            start_new_session=True,
            **kwargs,
        )


def _stop(proc: subprocess.Popen[bytes], first_signal: int = signal.SIGTERM) -> None:
    """Stop a process group politely, then firmly; never wait unboundedly."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, first_signal)
        try:
            proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=STOP_TIMEOUT)
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def _read_line(fd: int, deadline: float, proc: subprocess.Popen[bytes], what: str) -> str:
    """Read one newline-terminated line from `fd` before `deadline`, or raise."""
    data = b""
    while not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise PartStartError(f"timed out after {START_TIMEOUT:.0f}s waiting for {what}")
        ready, _, _ = select.select([fd], [], [], min(remaining, 0.2))
        if ready:
            chunk = os.read(fd, 256)
            if not chunk:
                code = proc.wait(timeout=STOP_TIMEOUT)
                raise PartStartError(f"process exited (status {code}) before printing {what}")
            data += chunk
    return data.decode().strip()


def _private_dir(prefix: str) -> Path:
    """A fresh 0700 directory with a short path (unix socket paths are limited to 107 bytes)."""
    return Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp" if os.path.isdir("/tmp") else None))


def _fail_start(part: str, error: Exception, log: Path) -> NoReturn:
    """Report a part that exists but did not start: always a failure, with its log.

    A part that is installed but broken is a bug to see, not a reason to skip, even locally.
    """
    message = f"system part {part!r} failed to start: {error}\n{_log_tail(log)}"
    raise pytest.fail.Exception(message, pytrace=False) from None


# --- X server -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def x_display() -> Iterator[str]:
    """DISPLAY (e.g. ":1") of a private Xvfb whose clipboard `xclip` can read and write."""
    programs = which_or_require("Xvfb + xclip", "Xvfb", "xclip")
    workdir = _private_dir("qk-x-")
    log = workdir / "xvfb.log"
    with contextlib.ExitStack() as cleanup:
        cleanup.callback(shutil.rmtree, workdir, ignore_errors=True)
        read_fd, write_fd = os.pipe()
        cleanup.callback(os.close, read_fd)
        try:
            # -displayfd makes Xvfb pick a free display itself and report it once it accepts
            # connections: no race with other X servers, no polling for lock files.
            server = _start(
                [
                    programs["Xvfb"],
                    "-displayfd",
                    str(write_fd),
                    "-screen",
                    "0",
                    "1280x800x24",
                    "-nolisten",
                    "tcp",
                    "-noreset",
                ],
                log,
                pass_fds=(write_fd,),
                cwd=workdir,
            )
        finally:
            os.close(write_fd)
        cleanup.callback(_stop, server)
        try:
            number = _read_line(read_fd, time.monotonic() + START_TIMEOUT, server, "its display")
            display = f":{int(number)}"
        except (PartStartError, ValueError) as error:
            _fail_start("Xvfb", error, log)
        yield display


# --- Secret Service -------------------------------------------------------------------------

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <!-- A private session bus without service activation: only the daemons the fixture starts
       exist on it, so nothing (a second keyring daemon, a GUI prompter) is launched behind
       the tests' back and an absent service fails at once instead of hanging. -->
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

_KEYRING_PROBE = """
import keyring
service, user, secret = "qkeys-system-probe", "probe", "probe-secret"
keyring.set_password(service, user, secret)
assert keyring.get_password(service, user) == secret, "read back a different secret"
keyring.delete_password(service, user)
assert keyring.get_password(service, user) is None, "secret survived deletion"
print("ok", type(keyring.get_keyring()).__module__)
"""


def run_keyring_probe(
    env: Mapping[str, str], timeout: float = 10.0
) -> subprocess.CompletedProcess[str]:
    """Store, read and delete a secret through `keyring` in a fresh interpreter with `env`."""
    return subprocess.run(
        [sys.executable, "-c", _KEYRING_PROBE],
        env={**os.environ, **env},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _wait_for_keyring(env: Mapping[str, str], daemon: subprocess.Popen[bytes]) -> None:
    """Probe until a secret round-trips through the daemon, or raise with the last error."""
    deadline = time.monotonic() + START_TIMEOUT
    last_error = "no attempt made"
    while time.monotonic() < deadline:
        if daemon.poll() is not None:
            raise PartStartError(f"gnome-keyring-daemon exited with status {daemon.returncode}")
        try:
            result = run_keyring_probe(env, timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            last_error = "keyring probe timed out"
            continue
        if result.returncode == 0:
            return
        last_error = (result.stderr.strip().splitlines() or ["(no output)"])[-1]
        time.sleep(0.2)
    raise PartStartError(f"no secret round-trip within {START_TIMEOUT:.0f}s; last: {last_error}")


@pytest.fixture(scope="session")
def secret_service() -> Iterator[dict[str, str]]:
    """Environment for a private Secret Service (gnome-keyring on a private D-Bus session bus).

    The yielded variables (DBUS_SESSION_BUS_ADDRESS, GNOME_KEYRING_CONTROL and
    PYTHON_KEYRING_BACKEND) are meant for subprocesses' environments, or for
    `monkeypatch.setenv` in-process (see `secret_service_keyring`).
    """
    programs = which_or_require("Secret Service", "dbus-daemon", "gnome-keyring-daemon")
    workdir = _private_dir("qk-ss-")
    home, runtime = workdir / "home", workdir / "run"
    home.mkdir(mode=0o700)
    runtime.mkdir(mode=0o700)
    config = workdir / "bus.conf"
    config.write_text(_BUS_CONFIG.format(socket=runtime / "bus"))
    log = workdir / "secret-service.log"
    with contextlib.ExitStack() as cleanup:
        cleanup.callback(shutil.rmtree, workdir, ignore_errors=True)
        bus = _start(
            [
                programs["dbus-daemon"],
                f"--config-file={config}",
                "--nofork",
                "--nopidfile",
                "--print-address=1",
            ],
            log,
            stdout=subprocess.PIPE,
            cwd=workdir,
        )
        cleanup.callback(_stop, bus)
        try:
            assert bus.stdout is not None
            address = _read_line(
                bus.stdout.fileno(), time.monotonic() + START_TIMEOUT, bus, "the bus address"
            )
        except PartStartError as error:
            _fail_start("D-Bus session bus", error, log)

        # gnome-keyring keeps its keyrings under $XDG_DATA_HOME and its sockets under the
        # control directory: both private, so the developer's own keyring is never touched.
        daemon_env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DBUS_", "GNOME_KEYRING", "XDG_", "SSH_AUTH"))
            and key != "DISPLAY"
        }
        daemon_env.update(
            HOME=str(home),
            XDG_RUNTIME_DIR=str(runtime),
            XDG_DATA_HOME=str(home / "data"),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_CACHE_HOME=str(home / "cache"),
            DBUS_SESSION_BUS_ADDRESS=address,
        )
        control = runtime / "keyring"
        # --unlock reads the login keyring's password from stdin and, the keyring not existing
        # yet, creates it with that password, unlocked, as the default collection. An EMPTY
        # password creates nothing, and creating a collection later needs a GUI prompt.
        daemon = _start(
            [
                programs["gnome-keyring-daemon"],
                "--foreground",
                "--components=secrets",
                "--unlock",
                f"--control-directory={control}",
            ],
            log,
            stdin=subprocess.PIPE,
            env=daemon_env,
            cwd=workdir,
        )
        cleanup.callback(_stop, daemon)
        assert daemon.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # a daemon that died is reported below
            daemon.stdin.write(KEYRING_PASSWORD.encode())
            daemon.stdin.close()
        env = {
            "DBUS_SESSION_BUS_ADDRESS": address,
            "GNOME_KEYRING_CONTROL": str(control),
            "PYTHON_KEYRING_BACKEND": SECRET_SERVICE_BACKEND,
        }
        try:
            _wait_for_keyring(env, daemon)
        except PartStartError as error:
            _fail_start("gnome-keyring Secret Service", error, log)
        yield env


@pytest.fixture
def secret_service_keyring(
    secret_service: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    """This process's `keyring` pointed at the private Secret Service for one test."""
    import keyring
    from keyring.backends import SecretService

    for key, value in secret_service.items():
        monkeypatch.setenv(key, value)
    previous = keyring.get_keyring()
    backend = SecretService.Keyring()
    keyring.set_keyring(backend)
    yield backend
    # Restored here, not by monkeypatch, so that fixtures set up earlier (the conftest's
    # per-test keyring) tear down after us and see their own backend back in place.
    keyring.set_keyring(previous)


# --- PostgreSQL -----------------------------------------------------------------------------


def _postgres_bindir() -> Path | None:
    """Directory holding initdb and postgres: Debian's newest version, else PATH."""

    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", path.parent.name))

    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for bindir in candidates:
        if all((bindir / program).is_file() for program in ("initdb", "postgres")):
            return bindir
    return None


def _client_program(bindir: Path, name: str) -> str | None:
    """A PostgreSQL client program next to the server, else from PATH."""
    return str(bindir / name) if (bindir / name).is_file() else shutil.which(name)


def _server_user() -> dict[str, Any]:
    """Popen arguments that drop root to the `postgres` user, which PostgreSQL insists on."""
    if os.geteuid() != 0:
        return {}
    try:
        account = pwd.getpwnam("postgres")
    except KeyError:
        require_part("PostgreSQL", "running as root and there is no 'postgres' system user")
    return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}


def _free_port() -> int:
    """A loopback TCP port that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _psql(
    psql: str, port: int, sql: str, database: str = "postgres"
) -> subprocess.CompletedProcess[str]:
    """Run one SQL statement as the superuser over loopback TCP."""
    return subprocess.run(
        [
            psql,
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "postgres",
            "-d",
            database,
            "-c",
            sql,
        ],
        env={**os.environ, "PGCONNECT_TIMEOUT": "3"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=15,
        check=False,
    )


def _start_postgres(
    bindir: Path, workdir: Path, log: Path, as_user: dict[str, Any]
) -> tuple[subprocess.Popen[bytes], int]:
    """Start the server on a free port; retry if another process grabbed the port first."""
    for _attempt in range(3):
        port = _free_port()
        server = _start(
            [
                str(bindir / "postgres"),
                "-D",
                str(workdir / "data"),
                "-p",
                str(port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                f"unix_socket_directories={workdir}",
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
            ],
            log,
            cwd=workdir,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C"},
            **as_user,
        )
        try:
            server.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            return server, port  # still running after a second: it got the port
        if "already in use" not in log.read_text(errors="replace"):
            raise PartStartError(f"postgres exited with status {server.returncode}")
    raise PartStartError("no free port after 3 attempts")


def _wait_for_postgres(psql: str, port: int, server: subprocess.Popen[bytes]) -> None:
    """Wait until the server answers a query, or raise with the last error."""
    deadline = time.monotonic() + START_TIMEOUT
    last_error = "no attempt made"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise PartStartError(f"postgres exited with status {server.returncode}")
        result = _psql(psql, port, "SELECT 1")
        if result.returncode == 0:
            return
        last_error = result.stderr.strip()
        time.sleep(0.2)
    raise PartStartError(f"server not ready within {START_TIMEOUT:.0f}s; last: {last_error}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """Base URL (no database) of a private PostgreSQL cluster on a free loopback port."""
    bindir = _postgres_bindir()
    if bindir is None:
        require_part("PostgreSQL", "initdb/postgres not found in /usr/lib/postgresql/*/bin or PATH")
    psql = _client_program(bindir, "psql")
    if psql is None:
        require_part("PostgreSQL", "psql not found next to the server or on PATH")
    as_user = _server_user()
    workdir = _private_dir("qk-pg-")
    log = workdir / "postgres.log"
    log.touch()
    if as_user:
        # The server runs as `postgres` and needs to own its directory and log.
        os.chown(workdir, as_user["user"], as_user["group"])
        os.chown(log, as_user["user"], as_user["group"])
    with contextlib.ExitStack() as cleanup:
        cleanup.callback(shutil.rmtree, workdir, ignore_errors=True)
        # initdb refuses to run as root, as does postgres; trust auth is safe here because
        # the server listens on 127.0.0.1 and a socket in a private directory only.
        initdb = subprocess.run(
            [
                str(bindir / "initdb"),
                "-D",
                str(workdir / "data"),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--no-locale",
                "--no-sync",
            ],
            cwd=workdir,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C"},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,  # initdb writes a whole cluster; slow disks need more than START_TIMEOUT
            check=False,
            **as_user,
        )
        if initdb.returncode != 0:
            pytest.fail(
                f"system part 'PostgreSQL' failed to start: initdb exited with "
                f"{initdb.returncode}\n{textwrap.indent(initdb.stderr.strip(), '    | ')}",
                pytrace=False,
            )
        try:
            server, port = _start_postgres(bindir, workdir, log, as_user)
        except PartStartError as error:
            _fail_start("PostgreSQL", error, log)
        # SIGINT is PostgreSQL's "fast" shutdown: SIGTERM would wait for clients to disconnect.
        cleanup.callback(_stop, server, signal.SIGINT)
        try:
            _wait_for_postgres(psql, port, server)
        except PartStartError as error:
            _fail_start("PostgreSQL", error, log)
        yield f"postgresql://postgres@127.0.0.1:{port}"


def _create_database(server_url: str, name: str) -> None:
    """CREATE DATABASE `name` on the server at `server_url` (a fixture's base URL)."""
    port = int(server_url.rsplit(":", 1)[1])
    bindir = _postgres_bindir()
    psql = _client_program(bindir, "psql") if bindir else shutil.which("psql")
    assert psql is not None
    result = _psql(psql, port, f'CREATE DATABASE "{name}"')
    if result.returncode != 0:
        pytest.fail(f"could not create database {name!r}: {result.stderr.strip()}", pytrace=False)


@pytest.fixture(scope="session")
def postgres_url(postgres_server: str) -> str:
    """URL of the database `qkeys_test` on the private server, shared by the session."""
    _create_database(postgres_server, "qkeys_test")
    return f"{postgres_server}/qkeys_test"


@pytest.fixture
def postgres_db_url(postgres_server: str) -> str:
    """URL of a fresh, empty database for one test on the private server."""
    name = f"qkeys_{uuid.uuid4().hex[:12]}"
    _create_database(postgres_server, name)
    return f"{postgres_server}/{name}"
