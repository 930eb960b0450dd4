"""Where ``qkeys serve`` listens: parsing ``--listen`` and making the listening sockets.

The sockets are made here rather than by waitress so that a public address is refused before
anything listens, a unix socket is private (0600) from the moment it exists, and a socket file
another server is using is never taken over (waitress would delete it and bind anew).
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import os
import socket
import stat
from dataclasses import dataclass

BACKLOG = 1024


class ServeError(Exception):
    """Why ``qkeys serve`` cannot listen where it was asked to, said to the person."""


@dataclass(frozen=True)
class Listen:
    """Where to listen: a host and port, or a unix socket's path."""

    host: str = ""
    port: int = 0
    unix_path: str = ""

    def __str__(self) -> str:
        if self.unix_path:
            return f"unix:{self.unix_path}"
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


def parse_listen(text: str) -> Listen:
    """``HOST:PORT``, ``[IPV6]:PORT`` or ``unix:PATH``; ServeError naming the forms otherwise."""
    forms = "give HOST:PORT (e.g. 127.0.0.1:8765), [IPV6]:PORT (e.g. [::1]:8765) or unix:PATH"
    if text.startswith("unix:"):
        path = text.removeprefix("unix:")
        if not path:
            raise ServeError(f"--listen unix: needs a path; {forms}")
        return Listen(unix_path=os.path.abspath(os.path.expanduser(path)))
    host, colon, port = text.rpartition(":")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    elif ":" in host:
        raise ServeError(f"--listen {text}: write an IPv6 address in brackets; {forms}")
    if not colon or not host or not port.isdigit() or int(port) > 65535:
        raise ServeError(f"--listen {text} is not an address and port; {forms}")
    return Listen(host=host, port=int(port))


def open_sockets(listen: Listen, allow_public: bool) -> list[socket.socket]:
    """The bound, listening sockets for ``listen``; ServeError for a non-loopback address
    without ``allow_public``, and for an address or path that cannot be used."""
    if listen.unix_path:
        return [_unix_socket(listen.unix_path)]
    try:
        found = socket.getaddrinfo(listen.host, listen.port, type=socket.SOCK_STREAM,
                                   flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise ServeError(f"--listen {listen}: {listen.host} cannot be resolved "
                         f"({error.strerror})") from None
    addresses = list(dict.fromkeys((family, address[:2]) for family, *_, address in found))
    public = [str(address[0]) for _, address in addresses
              if not ipaddress.ip_address(str(address[0]).split("%")[0]).is_loopback]
    if public and not allow_public:
        raise ServeError(
            f"--listen {listen}: {public[0]} is not a loopback address, so any machine that "
            "reaches it could try tokens; add --allow-public to listen there anyway (and put "
            "TLS and rate limiting in front), or use 127.0.0.1, [::1] or unix:PATH")
    if listen.port == 0:
        addresses = addresses[:1]  # each would get another free port: serve one, say which
    sockets: list[socket.socket] = []
    try:
        for family, address in addresses:
            sockets.append(_tcp_socket(family, address, listen))
    except ServeError:
        close_all(sockets, listen)
        raise
    return sockets


def _tcp_socket(family: int, address: tuple[object, ...], listen: Listen) -> socket.socket:
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if os.name != "nt":  # restart at once after a stop; on Windows this would share the port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind(address)
        sock.listen(BACKLOG)
    except OSError as error:
        sock.close()
        hint = ("; another server is there: choose another port with --listen"
                if error.errno == errno.EADDRINUSE else "")
        raise ServeError(f"cannot listen on {listen}: {error.strerror or error}{hint}") from None
    return sock


def _unix_socket(path: str) -> socket.socket:
    """A unix socket at ``path``, 0600 from its creation. A stale socket file (no server
    answers on it) is replaced; a live one, or anything that is not a socket, is refused."""
    if not hasattr(socket, "AF_UNIX"):
        raise ServeError("unix sockets are not available on this system; use --listen "
                         "127.0.0.1:PORT")
    _remove_stale_socket(path)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    previous = os.umask(0o177)  # no window in which others could connect
    try:
        sock.bind(path)
        sock.listen(BACKLOG)
    except OSError as error:
        sock.close()
        raise ServeError(f"cannot listen on unix:{path}: {error.strerror or error}") from None
    finally:
        os.umask(previous)
    return sock


def _remove_stale_socket(path: str) -> None:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise ServeError(f"cannot listen on unix:{path}: {error.strerror}") from None
    if not stat.S_ISSOCK(mode):
        raise ServeError(f"cannot listen on unix:{path}: a file that is not a socket is there; "
                         "choose another path")
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(path)
    except OSError:
        os.unlink(path)  # nobody listens: left behind by a server that was killed
    else:
        raise ServeError(f"cannot listen on unix:{path}: another server is listening there")
    finally:
        probe.close()


def close_all(sockets: list[socket.socket], listen: Listen) -> None:
    for sock in sockets:
        sock.close()
    if listen.unix_path:
        with contextlib.suppress(OSError):
            if stat.S_ISSOCK(os.lstat(listen.unix_path).st_mode):
                os.unlink(listen.unix_path)



def urls(sockets: list[socket.socket], listen: Listen) -> list[str]:
    """Where the sockets listen, as a person would type it: ``http://127.0.0.1:8765``."""
    if listen.unix_path:
        return [f"unix:{listen.unix_path}"]
    found = []
    for sock in sockets:
        host, port = sock.getsockname()[:2]
        found.append(f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}")
    return found
