"""The asyncio network backend (links/asyncionet.py) against servers on 127.0.0.1 only:
timeouts, a server that closes or resets, a header too big to hold, TLS through
start_tls with the pinned address, on asyncio's loop and (when installed) uvloop's."""

from __future__ import annotations

import asyncio
import importlib.util
import socket
import ssl
import struct
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import httpcore
import pytest

from awesomelint.links import asyncionet
from awesomelint.links.asyncionet import HIGH_WATER, AsyncioBackend, AsyncioStream
from awesomelint.links.checker import Checker, Settings
from awesomelint.links.verdict import ERROR, OK, Verdict

from .servers import Listener

HAS_UVLOOP = importlib.util.find_spec("uvloop") is not None
LOOPS = ["asyncio", pytest.param("uvloop", marks=pytest.mark.skipif(not HAS_UVLOOP, reason="uvloop not installed"))]


def on_loop(kind: str, work: Callable[[], Awaitable[Any]]) -> Any:
    async def main() -> Any:
        return await work()

    if kind == "uvloop":
        import uvloop

        loop = uvloop.new_event_loop()
        try:
            return loop.run_until_complete(main())
        finally:
            loop.close()
    return asyncio.run(main())


@pytest.fixture
def listen() -> Iterator[Callable[[Callable[[socket.socket], None]], Listener]]:
    made: list[Listener] = []

    def make(serve: Callable[[socket.socket], None]) -> Listener:
        made.append(Listener(serve))
        return made[-1]

    yield make
    for listener in made:
        listener.close()


def silent(conn: socket.socket) -> None:
    """Accept, read whatever comes, never answer (until the client goes)."""
    with conn:
        while conn.recv(65536):
            pass


def read_head(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


@pytest.mark.parametrize("loop", LOOPS)
def test_a_read_from_a_server_that_never_answers_times_out(listen: Any, loop: str) -> None:
    server = listen(silent)

    async def work() -> float:
        stream = await AsyncioBackend().connect_tcp("127.0.0.1", server.port, timeout=5)
        await stream.write(b"HEAD / HTTP/1.1\r\nHost: x\r\n\r\n", timeout=5)
        start = time.monotonic()
        with pytest.raises(httpcore.ReadTimeout):
            await stream.read(65536, timeout=0.3)
        await stream.aclose()
        return time.monotonic() - start

    assert 0.25 <= on_loop(loop, work) < 2.0


@pytest.mark.parametrize("loop", LOOPS)
def test_a_server_closing_mid_answer_ends_the_read_and_a_later_write_fails(listen: Any, loop: str) -> None:
    def half(conn: socket.socket) -> None:
        with conn:
            read_head(conn)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Le")

    server = listen(half)

    async def work() -> tuple[bytes, bool, bool]:
        stream = await AsyncioBackend().connect_tcp("127.0.0.1", server.port, timeout=5)
        assert stream.get_extra_info("is_readable") is False
        await stream.write(b"HEAD / HTTP/1.1\r\nHost: x\r\n\r\n", timeout=5)
        got = b""
        while chunk := await stream.read(65536, timeout=5):
            got += chunk
        readable = stream.get_extra_info("is_readable")  # what httpcore asks before reusing an idle connection
        await asyncio.sleep(0.05)
        try:
            await stream.write(b"HEAD / HTTP/1.1\r\nHost: x\r\n\r\n", timeout=5)
            refused = False
        except httpcore.WriteError:
            refused = True
        await stream.aclose()
        return got, readable, refused

    got, readable, refused = on_loop(loop, work)
    assert got == b"HTTP/1.1 200 OK\r\nContent-Le" and readable and refused


@pytest.mark.parametrize("loop", LOOPS)
def test_a_reset_connection_is_a_read_error(listen: Any, loop: str) -> None:
    def reset(conn: socket.socket) -> None:
        read_head(conn)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()  # RST, not FIN

    server = listen(reset)

    async def work() -> None:
        stream = await AsyncioBackend().connect_tcp("127.0.0.1", server.port, timeout=5)
        await stream.write(b"HEAD / HTTP/1.1\r\nHost: x\r\n\r\n", timeout=5)
        with pytest.raises(httpcore.ReadError):
            await stream.read(65536, timeout=5)
        await stream.aclose()

    on_loop(loop, work)


def test_a_refused_connection_is_a_connect_error() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now

    async def work() -> None:
        with pytest.raises(httpcore.ConnectError):
            await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=5)

    asyncio.run(work())


@pytest.mark.parametrize("loop", LOOPS)
def test_a_huge_answer_is_not_held_whole(listen: Any, loop: str) -> None:
    def flood(conn: socket.socket) -> None:
        with conn:
            read_head(conn)
            try:
                conn.sendall(b"HTTP/1.1 200 OK\r\nX-Filler: " + b"a" * 20_000_000)
            except OSError:
                pass

    server = listen(flood)

    async def work() -> tuple[int, int]:
        stream = await AsyncioBackend().connect_tcp("127.0.0.1", server.port, timeout=5)
        assert isinstance(stream, AsyncioStream)
        await stream.write(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", timeout=5)
        await asyncio.sleep(0.5)  # the server keeps sending; nobody reads
        held = len(stream.protocol.buffer)
        total = held
        for _ in range(20):  # reading resumes the transport
            total += len(await stream.read(65536, timeout=5))
        await stream.aclose()
        return held, total

    held, total = on_loop(loop, work)
    assert 0 < held < HIGH_WATER + 1_000_000 and total > held


# TLS through start_tls, end to end through the checker ---------------------------------


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[int, list[str | None], list[bytes], Path]]:
    """A TLS server on 127.0.0.1 with a certificate for tls.test (trustme's CA, whose file
    is returned); records each handshake's server name and each request head."""
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("tls.test").configure_cert(context)
    names: list[str | None] = []
    heads: list[bytes] = []

    def sni(sslobj: ssl.SSLObject, name: str | None, ctx: ssl.SSLContext) -> None:
        names.append(name)

    context.sni_callback = sni
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))

    def serve(conn: socket.socket) -> None:
        try:
            with context.wrap_socket(conn, server_side=True) as tls:
                while head := read_head(tls):
                    heads.append(head)
                    tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        except (ssl.SSLError, OSError):
            pass

    listener = Listener(serve)
    yield listener.port, names, heads, ca_file
    listener.close()


def _resolve_tls_test(host: Any, port: Any, *args: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
    """tls.test is 127.0.0.1; nothing else resolves (never the outside world)."""
    if (host.decode() if isinstance(host, bytes) else host) in ("tls.test", "127.0.0.1"):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port or 0))]
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


def _check(urls: list[str]) -> dict[str, Verdict]:
    settings = Settings(allow_private=True, timeout=5, retries=0, backoff=0.01)
    with mock.patch("socket.getaddrinfo", _resolve_tls_test):
        return asyncio.run(Checker(settings).check_all(urls))


def test_tls_goes_to_the_pinned_address_with_the_host_name_as_server_name(
    tls_server: tuple[int, list[str | None], list[bytes], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    port, names, heads, ca_file = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    urls = [f"https://tls.test:{port}/a", f"https://tls.test:{port}/b"]
    verdicts = _check(urls)
    assert [v.kind for v in verdicts.values()] == [OK, OK], verdicts
    assert names and set(names) == {"tls.test"}
    assert len(heads) == 2 and all(f"host: tls.test:{port}".encode() in h.lower() for h in heads)


def test_a_certificate_for_another_name_is_an_error(
    tls_server: tuple[int, list[str | None], list[bytes], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    port, _, heads, ca_file = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    url = f"https://127.0.0.1:{port}/a"  # the certificate names tls.test only
    verdict = _check([url])[url]
    assert verdict.kind == ERROR and "CERTIFICATE_VERIFY_FAILED" in verdict.detail, verdict
    assert heads == []


def test_a_tls_handshake_that_never_ends_times_out(listen: Any) -> None:
    server = listen(silent)  # takes the connection, never answers the hello

    async def work() -> float:
        stream = await AsyncioBackend().connect_tcp("127.0.0.1", server.port, timeout=5)
        start = time.monotonic()
        with pytest.raises(httpcore.ConnectTimeout):
            await stream.start_tls(ssl.create_default_context(), server_hostname="tls.test", timeout=0.3)
        return time.monotonic() - start

    assert asyncio.run(work()) < 2.0


# the loop --------------------------------------------------------------------------------


def test_run_uses_uvloop_when_installed_unless_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    async def loop_module() -> str:
        return type(asyncio.get_running_loop()).__module__

    monkeypatch.delenv("AWESOMELINT_UVLOOP", raising=False)
    if HAS_UVLOOP:
        assert asyncionet.run(loop_module()).startswith("uvloop")
    else:
        assert asyncionet.run(loop_module()).startswith("asyncio")
    monkeypatch.setenv("AWESOMELINT_UVLOOP", "0")
    assert asyncionet.run(loop_module()).startswith("asyncio")
