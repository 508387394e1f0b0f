"""The head-only transport (links/headonly.py) against raw servers on 127.0.0.1 only:
which connections it keeps, what it refuses, how it fails, and a fuzz of the answers a
server can write."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any
from unittest import mock

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesomelint.links.headonly import MAX_HEAD, HeadOnlyTransport, head_only_client
from awesomelint.links.pinning import AddressBook, PrivateAddressError

from .servers import Listener

# what a server does with one request: the bytes it sends, then whether it closes
# ("close"), keeps reading the next request ("keep") or holds the connection open
# without a word more ("hold")
Script = tuple[bytes, str]

OK = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"


class ScriptedServer(Listener):
    """A threaded server on 127.0.0.1 answering each path as `scripts` says (200 with an
    empty body when it says nothing); counts the connections and requests it sees."""

    def __init__(self, scripts: dict[str, Script] | None = None) -> None:
        self.scripts: dict[str, Script] = scripts if scripts is not None else {}
        self.requests: list[tuple[str, str]] = []
        self.closed_by_client = 0
        super().__init__(self._serve)

    def _serve(self, conn: socket.socket) -> None:
        buffer = b""
        with conn:
            try:
                while True:
                    while b"\r\n\r\n" not in buffer:
                        chunk = conn.recv(65536)
                        if not chunk:
                            self.closed_by_client += 1
                            return
                        buffer += chunk
                    head, buffer = buffer.split(b"\r\n\r\n", 1)
                    method, path = head.decode("latin-1").split(" ")[:2]
                    self.requests.append((method, path))
                    answer, then = self.scripts.get(path, (OK, "keep"))
                    conn.sendall(answer)
                    if then == "close":
                        return
                    if then == "hold":
                        while conn.recv(65536):
                            pass
                        self.closed_by_client += 1
                        return
            except OSError:
                return


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    made = ScriptedServer()
    yield made
    made.close()


def exchange(
    requests: list[tuple[str, str]], per_host: int = 8, timeout: float = 2.0, allow_private: bool = True
) -> tuple[list[httpx.Response | Exception], int]:
    """Send the requests one after another through one transport; each one's response or
    exception, and how many idle connections the transport kept at the end."""

    async def main() -> tuple[list[httpx.Response | Exception], int]:
        transport = HeadOnlyTransport(AddressBook(allow_private), per_host=per_host)
        results: list[httpx.Response | Exception] = []
        async with httpx.AsyncClient(transport=transport, timeout=timeout) as client:
            for method, url in requests:
                try:
                    results.append(await client.request(method, url))
                except Exception as exc:  # noqa: BLE001 - the test looks at which
                    results.append(exc)
            kept = transport.idle
        return results, kept

    return asyncio.run(main())


def statuses(results: list[httpx.Response | Exception]) -> list[int | str]:
    return [r.status_code if isinstance(r, httpx.Response) else type(r).__name__ for r in results]


# which connections are kept ------------------------------------------------------------


def test_head_answers_share_one_connection(server: ScriptedServer) -> None:
    results, kept = exchange([("HEAD", server.url(f"/{i}")) for i in range(5)])
    assert statuses(results) == [200] * 5
    assert server.connections == 1 and kept == 1


def test_a_get_whose_body_is_not_read_closes_its_connection(server: ScriptedServer) -> None:
    body = b"x" * 200_000
    server.scripts["/big"] = (b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body, "keep")
    server.scripts["/chunked"] = (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", "hold")
    results, _ = exchange([("GET", server.url("/big")), ("GET", server.url("/chunked")), ("HEAD", server.url("/"))])
    assert statuses(results) == [200, 200, 200]
    assert all(isinstance(r, httpx.Response) and r.content == b"" for r in results)
    assert server.connections == 3


def test_a_get_with_an_empty_body_keeps_its_connection(server: ScriptedServer) -> None:
    server.scripts["/empty"] = (b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", "keep")
    results, kept = exchange([("GET", server.url("/empty")), ("GET", server.url("/empty")), ("HEAD", server.url("/"))])
    assert statuses(results) == [404, 404, 200]
    assert server.connections == 1 and kept == 1


@pytest.mark.parametrize(
    "answer",
    [
        b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n",  # h11 keeps HTTP/1.1 only
        b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\n\r\n",  # bytes nobody asked for
    ],
    ids=["http10", "http10-keep-alive", "connection-close", "unasked-bytes"],
)
def test_a_connection_the_answer_does_not_allow_is_not_kept(server: ScriptedServer, answer: bytes) -> None:
    server.scripts["/once"] = (answer, "hold")
    results, kept = exchange([("HEAD", server.url("/once")), ("HEAD", server.url("/next"))])
    assert isinstance(results[0], httpx.Response) and statuses(results)[1] == 200
    assert server.connections == 2 and kept == 1


def test_idle_connections_an_origin_are_capped_at_per_host(server: ScriptedServer) -> None:
    async def main() -> int:
        transport = HeadOnlyTransport(AddressBook(True), per_host=2)
        async with httpx.AsyncClient(transport=transport) as client:
            await asyncio.gather(*(client.head(server.url(f"/{i}")) for i in range(6)))
            return transport.idle

    kept = asyncio.run(main())
    assert server.connections == 6 and kept == 2


def test_an_idle_connection_is_not_used_after_its_expiry(server: ScriptedServer) -> None:
    async def main() -> None:
        transport = HeadOnlyTransport(AddressBook(True), keepalive_expiry=0.1)
        async with httpx.AsyncClient(transport=transport) as client:
            await client.head(server.url("/a"))
            await asyncio.sleep(0.3)  # idle past its expiry
            await client.head(server.url("/b"))

    asyncio.run(main())
    assert server.connections == 2


def test_idle_connections_of_the_least_recently_used_origins_are_closed() -> None:
    servers = [ScriptedServer() for _ in range(4)]

    async def main() -> tuple[int, list[int]]:
        transport = HeadOnlyTransport(AddressBook(True))
        transport.max_origins = 2
        async with httpx.AsyncClient(transport=transport) as client:
            for server in servers:
                await client.head(server.url("/"))
            for _ in range(200):  # the servers see the closes
                if all(s.closed_by_client for s in servers[:2]):
                    break
                await asyncio.sleep(0.01)
            return transport.idle, [s.closed_by_client for s in servers]

    idle, closed = asyncio.run(main())
    for server in servers:
        server.close()
    assert idle == 2 and closed == [1, 1, 0, 0]  # the two least recently used closed, the others kept


def test_a_kept_connection_the_server_closed_is_replaced_once(server: ScriptedServer) -> None:
    server.scripts["/then-gone"] = (OK, "close")  # kept-alive by the answer, closed by the server
    results, _ = exchange([("HEAD", server.url("/then-gone")), ("HEAD", server.url("/next"))])
    assert statuses(results) == [200, 200] and server.connections == 2


def test_a_kept_connection_the_server_closed_while_asked_is_replaced_once() -> None:
    """The close comes after the reuse check: the request goes out, nothing comes back."""
    state = {"first": True}

    def serve(conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            conn.sendall(OK)
            if state.pop("first", False):
                conn.recv(65536)  # the second request arrives: closed without a word
                return
            while conn.recv(65536):
                conn.sendall(OK)

    listener = _listener(serve)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    results, _ = exchange([("HEAD", url), ("HEAD", url)])
    listener.close()
    assert statuses(results) == [200, 200]


def test_a_kept_connection_on_which_unasked_bytes_arrived_is_not_used() -> None:
    def serve(conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            conn.sendall(OK)
            time.sleep(0.05)
            conn.sendall(b"HTTP/1.1 418 Unasked\r\nContent-Length: 0\r\n\r\n")  # after the answer, unasked
            while conn.recv(65536):
                conn.sendall(OK)

    listener = _listener(serve)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"

    async def main() -> list[int]:
        async with httpx.AsyncClient(transport=HeadOnlyTransport(AddressBook(True))) as client:
            first = await client.head(url)
            await asyncio.sleep(0.3)  # the unasked bytes arrive while the connection is idle
            second = await client.head(url)
        return [first.status_code, second.status_code]

    statuses = asyncio.run(main())
    listener.close()
    assert statuses == [200, 200]


def _listener(serve: Callable[[socket.socket], None]) -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)

    def accept() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return sock


def test_a_cancelled_exchange_leaves_no_connection_behind(server: ScriptedServer) -> None:
    server.scripts["/silent"] = (b"", "hold")

    async def main() -> int:
        transport = HeadOnlyTransport(AddressBook(True))
        async with httpx.AsyncClient(transport=transport, timeout=30) as client:
            task = asyncio.ensure_future(client.head(server.url("/silent")))
            while not server.requests:
                await asyncio.sleep(0.01)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            kept = transport.idle
            for _ in range(200):  # the server sees the close
                if server.closed_by_client:
                    break
                await asyncio.sleep(0.01)
            return kept

    assert asyncio.run(main()) == 0 and server.closed_by_client == 1


# what it refuses, how it fails -----------------------------------------------------------


def test_a_private_address_is_refused_when_connecting(server: ScriptedServer) -> None:
    results, _ = exchange([("HEAD", server.url("/"))], allow_private=False)
    assert isinstance(results[0], PrivateAddressError) and server.connections == 0


@pytest.mark.parametrize(
    "script, error",
    [
        ((b"", "close"), httpx.RemoteProtocolError),  # closed before a byte
        ((b"HTTP/1.1 200 OK\r\nX-A: b", "close"), httpx.RemoteProtocolError),  # closed inside the headers
        ((b"HTTP/1.1 200 OK\r\nX-Filler: " + b"a" * (MAX_HEAD * 3), "hold"), httpx.RemoteProtocolError),
        ((b"", "hold"), httpx.ReadTimeout),
        ((b"HTTP/1.1 200 OK\r\n", "hold"), httpx.ReadTimeout),
        ((b"SSH-2.0-OpenSSH_9.6\r\n\r\n", "hold"), httpx.RemoteProtocolError),
    ],
    ids=["early-close", "close-in-headers", "huge-header", "silent", "half-head", "not-http"],
)
def test_errors_are_httpx_exceptions(server: ScriptedServer, script: Script, error: type[Exception]) -> None:
    server.scripts["/bad"] = script
    results, kept = exchange([("HEAD", server.url("/bad"))], timeout=0.3)
    assert type(results[0]) is error and kept == 0


def test_a_huge_header_says_too_long(server: ScriptedServer) -> None:
    server.scripts["/huge"] = (b"HTTP/1.1 200 OK\r\nX-Filler: " + b"a" * (MAX_HEAD * 3), "hold")
    results, _ = exchange([("HEAD", server.url("/huge"))])
    assert "too long" in str(results[0])


def test_a_refused_connection_and_an_unknown_name_are_connect_errors() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now

    def resolve(host: Any, *args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with mock.patch("socket.getaddrinfo", resolve):
        results, _ = exchange([("HEAD", f"http://127.0.0.1:{port}/"), ("HEAD", "http://nowhere.invalid/")])
    assert statuses(results) == ["ConnectError", "ConnectError"]
    assert "Name or service not known" in str(results[1])


def test_interim_answers_are_passed_over(server: ScriptedServer) -> None:
    server.scripts["/hints"] = (
        b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
        b"HTTP/1.1 301 Moved Permanently\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n",
        "keep",
    )
    results, kept = exchange([("HEAD", server.url("/hints"))])
    response = results[0]
    assert isinstance(response, httpx.Response) and response.status_code == 301
    assert response.headers["location"] == "/new" and kept == 1


def test_only_head_and_get_are_sent() -> None:
    results, _ = exchange([("POST", "http://127.0.0.1:9/")])
    assert isinstance(results[0], httpx.UnsupportedProtocol)


def test_under_an_environment_proxy_the_client_keeps_httpx_transport(monkeypatch: pytest.MonkeyPatch) -> None:
    async def transport_type() -> type:
        client = head_only_client(AddressBook())
        kind = type(client._transport)
        await client.aclose()
        return kind

    assert asyncio.run(transport_type()) is HeadOnlyTransport
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:3128")
    assert asyncio.run(transport_type()) is not HeadOnlyTransport


# fuzz: whatever a server writes ------------------------------------------------------------

_FUZZ: list[ScriptedServer] = []
_COUNT = [0]


def _fuzz_server() -> ScriptedServer:
    if not _FUZZ:
        _FUZZ.append(ScriptedServer())
    return _FUZZ[0]


REASONS = st.sampled_from([b"OK", b"", b" ", b"Not  Found", b"\xe9t\xe9", b"OK\tthen", b"HTTP/1.1 200 OK"])
STATUS_LINES = st.one_of(
    st.builds(
        lambda version, status, reason: b"%s %d %s" % (version, status, reason),
        st.sampled_from([b"HTTP/1.1", b"HTTP/1.0", b"HTTP/2", b"HTTP/1.1 ", b"http/1.1", b"HTTP/9.9"]),
        st.sampled_from([200, 204, 301, 304, 404, 429, 503, 999, 101, 100]),
        REASONS,
    ),
    st.sampled_from([b"HTTP/1.1 200", b"HTTP/1.1 abc OK", b"FOO", b"", b"HTTP/1.1  200 OK", b"\x00\xff"]),
    st.binary(max_size=20).filter(lambda b: b"\r\n" not in b),
)
HEADER_LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                b"Content-Length: 0",
                b"Content-Length: 5",
                b"Content-Length: abc",
                b"Content-Length: 0, 0",
                b"Transfer-Encoding: chunked",
                b"Connection: close",
                b"Connection: keep-alive",
                b"Location: /elsewhere",
                b"X-Folded: a\r\n  continued",  # obsolete line folding
                b" starts-with-space: x",
                b"No-Colon",
                b"X-Empty:",
                b"Retry-After: 3",
            ]
        ),
        st.builds(lambda n: b"X-Big: " + b"b" * n, st.sampled_from([10, 8_000, 60_000, MAX_HEAD + 10])),
        st.builds(lambda b: b"X-Bin: " + b, st.binary(max_size=12).filter(lambda b: b"\r" not in b and b"\n" not in b)),
    ),
    max_size=5,
)
INTERIM = st.lists(st.sampled_from([b"HTTP/1.1 100 Continue\r\n\r\n", b"HTTP/1.1 103 Early Hints\r\nLink: x\r\n\r\n"]))
BODIES = st.sampled_from([b"", b"hello", b"5\r\nhello\r\n0\r\n\r\n", b"5\r\nhel", b"x" * 70_000, b"junk"])


@settings(max_examples=150, deadline=None)
@given(
    method=st.sampled_from(["HEAD", "GET"]),
    interim=INTERIM.map(lambda parts: b"".join(parts[:2])),
    status_line=STATUS_LINES,
    headers=HEADER_LINES,
    body=BODIES,
    cut=st.one_of(st.none(), st.integers(min_value=0, max_value=200)),
    then=st.sampled_from(["keep", "close", "hold"]),
)
def test_no_answer_breaks_the_transport(
    method: str, interim: bytes, status_line: bytes, headers: list[bytes], body: bytes, cut: int | None, then: str
) -> None:
    server = _fuzz_server()
    _COUNT[0] += 1
    path = f"/fuzz/{_COUNT[0]}"
    answer = interim + status_line + b"\r\n" + b"".join(h + b"\r\n" for h in headers) + b"\r\n" + body
    if cut is not None:  # the answer ends early
        answer = answer[:cut]
    server.scripts[path] = (answer, then)

    async def main() -> tuple[httpx.Response | Exception, httpx.Response | Exception, int]:
        transport = HeadOnlyTransport(AddressBook(True), per_host=1)
        async with httpx.AsyncClient(transport=transport, timeout=0.3) as client:
            try:
                first: httpx.Response | Exception = await client.request(method, server.url(path))
            except Exception as exc:  # noqa: BLE001 - asserted below
                first = exc
            kept = transport.idle
            try:  # the next request to the host: on the kept connection, if one was
                second: httpx.Response | Exception = await client.head(server.url("/after"))
            except Exception as exc:  # noqa: BLE001 - asserted below
                second = exc
        return first, second, kept

    first, second, kept = asyncio.run(asyncio.wait_for(main(), 10))  # a hang fails the test
    if isinstance(first, Exception):
        assert isinstance(first, (httpx.RemoteProtocolError, httpx.ReadTimeout, httpx.ReadError, httpx.WriteError)), (
            repr(first)
        )
    else:
        assert first.content == b"" and first.is_closed
    # a kept connection carries the next request cleanly: nothing of the first answer left on it
    assert isinstance(second, httpx.Response) and second.status_code == 200, (answer, repr(second))
    if kept:  # kept only when the answer allowed it: HTTP/1.1, no close, whole, nothing after it
        lowered = answer.lower()
        assert isinstance(first, httpx.Response) and first.http_version == "HTTP/1.1"
        assert b"connection: close" not in lowered
