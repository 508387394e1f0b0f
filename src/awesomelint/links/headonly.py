"""The checker's own HTTP/1.1 transport: the status and headers of a HEAD or a GET, nothing more.

Why: the checker never reads a body (HEAD, or GET closed after the headers), yet under
httpx's default transport each request goes through httpcore's connection pool, its
per-connection state machine, its locks (anyio's), and a response stream built to be
read. On the loopback bench (bench/links_cpu.py, 5,000 links over 200 hosts) the HTTP
stack took 0.60 ms of CPU a request that way and takes 0.41 ms this way (uvloop; 0.64
and 0.46 on asyncio's loop). This transport keeps httpx's client (request building,
cookies, the exceptions the checker handles) and does the rest with what the job needs:

- **h11** writes the request and parses the answer (never a hand-written parser): the
  status line, header folding, 1xx interim answers, HTTP/1.0 and ``Connection: close``
  are h11's to judge, and so is whether a connection may carry another request;
- connections come from `pinning.PinnedBackend` (the run's `AddressBook`, a private
  address refused when connecting, asyncio streams from `asyncionet`), TLS through the
  stream's ``start_tls`` with the URL's host name as server name and httpx's own default
  context (`httpx.create_ssl_context`: certifi, or ``SSL_CERT_FILE``/``SSL_CERT_DIR``);
- a connection is kept for the next request to its origin only when h11 says both sides
  are done and nothing unasked followed the answer: after a HEAD, or a GET whose body was
  empty or arrived whole with the headers. A GET's body is never read from the network:
  its connection is closed instead. At most ``per_host`` idle connections an origin, each
  dropped after ``keepalive_expiry`` idle (httpx's 5 s), and the idle connections of the
  least recently used origins closed beyond `pinning._pool_budget`'s count of origins;
- an answer's head larger than 100 KiB is an error (h11's "Receive buffer too long"), the
  limit httpcore sets; every error is httpx's exception for it (ConnectError,
  ReadTimeout, RemoteProtocolError...), as httpx's transport maps httpcore's;
- a kept-alive connection the server closed while idle (nothing at all came back) is
  replaced by a new one once, as browsers do: HEAD and GET may be sent again.

The response has the status, the headers and an empty body, read and closed already.
Everything that reads a body (GitHub's GraphQL, arXiv, Hugging Face) keeps httpx's own
transport, and so does a run through an environment proxy (`head_only_client`).
"""

from __future__ import annotations

import ssl
import time
from typing import Any

import h11
import httpcore
import httpx

from .pinning import AddressBook, PinnedBackend, _environment_proxy, _pool_budget, pinned_client

READ_SIZE = 64 * 1024  # what httpcore reads at a time
MAX_HEAD = 100 * 1024  # httpcore's max_incomplete_event_size: a larger head is "Receive buffer too long"
KEEPALIVE_EXPIRY = 5.0  # httpx.Limits' default
DEFAULT_PORTS = {"http": 80, "https": 443}

Origin = tuple[str, str, int]

# httpcore's and h11's exceptions -> httpx's, as httpx's own transport maps them
_MAPPED: dict[type[Exception], type[httpx.TransportError]] = {
    httpcore.ConnectTimeout: httpx.ConnectTimeout,
    httpcore.ReadTimeout: httpx.ReadTimeout,
    httpcore.WriteTimeout: httpx.WriteTimeout,
    httpcore.ConnectError: httpx.ConnectError,
    httpcore.ReadError: httpx.ReadError,
    httpcore.WriteError: httpx.WriteError,
    httpcore.RemoteProtocolError: httpx.RemoteProtocolError,
    h11.RemoteProtocolError: httpx.RemoteProtocolError,
    h11.LocalProtocolError: httpx.LocalProtocolError,
}
_MAPPABLE = tuple(_MAPPED)


class _Stale(Exception):
    """A kept-alive connection gave nothing back: the server had closed it while idle."""


class _Link:
    """One connection and h11's view of it."""

    __slots__ = ("stream", "protocol", "idle_since")

    def __init__(self, stream: httpcore.AsyncNetworkStream) -> None:
        self.stream = stream
        self.protocol = h11.Connection(h11.CLIENT, max_incomplete_event_size=MAX_HEAD)
        self.idle_since = 0.0

    async def close(self) -> None:
        await self.stream.aclose()


class HeadOnlyTransport(httpx.AsyncBaseTransport):
    """HEAD and GET over pinned connections, answering status and headers only (see the module)."""

    def __init__(
        self,
        book: AddressBook,
        per_host: int = 8,
        keepalive_expiry: float = KEEPALIVE_EXPIRY,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.backend = PinnedBackend(book)
        self.per_host = max(per_host, 1)
        self.keepalive_expiry = keepalive_expiry
        self.max_origins = _pool_budget(per_host)
        self.ssl_context = ssl_context or httpx.create_ssl_context()  # loading the CA store takes ~20 ms: once
        self.ssl_context.set_alpn_protocols(["http/1.1"])  # as httpcore does for an HTTP/1.1 connection
        self._idle: dict[Origin, list[_Link]] = {}  # least recently used origin first
        self._closed = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.scheme not in DEFAULT_PORTS:
            raise httpx.UnsupportedProtocol(f"Request URL has an unsupported protocol '{url.scheme}://'.")
        if request.method not in ("HEAD", "GET"):
            raise httpx.UnsupportedProtocol(f"{request.method}: this transport sends HEAD and GET only")
        origin = (url.scheme, url.raw_host.decode("ascii"), url.port or DEFAULT_PORTS[url.scheme])
        timeouts: dict[str, float | None] = request.extensions.get("timeout", {})
        try:
            link = await self._idle_link(origin)
            if link is not None:
                try:
                    return await self._exchange(origin, link, request, timeouts, reused=True)
                except _Stale:
                    pass
            link = await self._connect(origin, timeouts.get("connect"))
            return await self._exchange(origin, link, request, timeouts, reused=False)
        except _MAPPABLE as exc:
            mapped = next(_MAPPED[kind] for kind in type(exc).__mro__ if kind in _MAPPED)
            raise mapped(str(exc) or type(exc).__name__, request=request) from exc

    async def _connect(self, origin: Origin, timeout: float | None) -> _Link:
        scheme, host, port = origin
        stream = await self.backend.connect_tcp(host, port, timeout=timeout)  # PrivateAddressError passes through
        if scheme == "https":
            try:
                stream = await stream.start_tls(self.ssl_context, server_hostname=host, timeout=timeout)
            except BaseException:  # cancelled mid-handshake too: no socket left behind
                await stream.aclose()
                raise
        return _Link(stream)

    async def _exchange(
        self, origin: Origin, link: _Link, request: httpx.Request, timeouts: dict[str, float | None], reused: bool
    ) -> httpx.Response:
        """The answer's head to `request` on `link`; the link goes back to the idle ones
        when h11 says it may, else it is closed (also on any error or cancellation)."""
        try:
            answer = await self._send(link, request, timeouts, reused)
        except BaseException:
            await link.close()
            raise
        await self._done(origin, link, _complete(link.protocol))
        response = httpx.Response(
            answer.status_code,
            headers=answer.headers.raw_items(),
            stream=httpx.ByteStream(b""),
            extensions={"http_version": b"HTTP/" + answer.http_version, "reason_phrase": answer.reason},
        )
        response.read()  # no body: read and closed already, so aread/aclose have nothing to do
        return response

    @staticmethod
    async def _send(
        link: _Link, request: httpx.Request, timeouts: dict[str, float | None], reused: bool
    ) -> h11.Response:
        """Write the request, read until h11 has the answer's head (past any 1xx)."""
        protocol = link.protocol
        head = h11.Request(method=request.method, target=request.url.raw_path, headers=request.headers.raw)
        try:
            await link.stream.write(
                (protocol.send(head) or b"") + (protocol.send(h11.EndOfMessage()) or b""), timeouts.get("write")
            )
        except httpcore.WriteError as exc:
            if reused:
                raise _Stale() from exc
            raise
        heard = False
        while True:
            event = protocol.next_event()
            if isinstance(event, h11.Response):
                return event
            if event is h11.NEED_DATA:
                try:
                    data = await link.stream.read(READ_SIZE, timeouts.get("read"))
                except httpcore.ReadError as exc:
                    if reused and not heard:
                        raise _Stale() from exc
                    raise
                if not data:
                    if reused and not heard:
                        raise _Stale()
                    raise httpcore.RemoteProtocolError("Server disconnected without sending a response.")
                heard = True
                protocol.receive_data(data)
            elif not isinstance(event, h11.InformationalResponse):  # 1xx: the answer follows
                raise httpcore.RemoteProtocolError(f"unexpected {type(event).__name__} before the answer")

    async def _done(self, origin: Origin, link: _Link, complete: bool) -> None:
        """Keep `link` for the origin's next request when the exchange is complete and
        h11 lets it carry another; close it otherwise."""
        protocol = link.protocol
        if (
            not complete
            or self._closed
            or protocol.our_state is not h11.DONE
            or protocol.their_state is not h11.DONE
            or protocol.trailing_data[0]  # bytes nobody asked for
        ):
            await link.close()
            return
        protocol.start_next_cycle()
        links = self._idle.pop(origin, [])
        self._idle[origin] = links  # most recently used last
        if len(links) >= self.per_host:
            await link.close()
            return
        link.idle_since = time.monotonic()
        links.append(link)
        if len(self._idle) > self.max_origins:
            await self._trim(len(self._idle) - self.max_origins * 3 // 4)

    async def _idle_link(self, origin: Origin) -> _Link | None:
        """The origin's most recently kept connection that is still fit to use: not
        expired, and nothing arrived on it since (a close, or bytes nobody asked for)."""
        links = self._idle.get(origin)
        found = None
        now = time.monotonic()
        while links and found is None:
            link = links.pop()
            if now - link.idle_since < self.keepalive_expiry and not link.stream.get_extra_info("is_readable"):
                found = link
            else:
                await link.close()
        if links is not None and not links:
            del self._idle[origin]
        return found

    async def _trim(self, count: int) -> None:
        """Close every idle connection of the `count` least recently used origins."""
        for origin in list(self._idle)[:count]:
            for link in self._idle.pop(origin):
                await link.close()

    @property
    def idle(self) -> int:
        """How many connections are kept for reuse now."""
        return sum(len(links) for links in self._idle.values())

    async def aclose(self) -> None:
        self._closed = True
        await self._trim(len(self._idle))


def _complete(protocol: h11.Connection) -> bool:
    """Whether the answer after its head is already whole: what h11 has buffered is
    looked at, nothing more is read (a HEAD's answer has no body; a GET's is complete
    only when it was empty or came with the head)."""
    try:
        while True:
            event = protocol.next_event()
            if isinstance(event, h11.EndOfMessage):
                return True
            if event is h11.NEED_DATA or event is h11.PAUSED or isinstance(event, h11.ConnectionClosed):
                return False
    except h11.ProtocolError:  # a bad body: the head stands, the connection does not
        return False


def head_only_client(
    book: AddressBook, limits: httpx.Limits | None = None, per_host: int = 8, **options: Any
) -> httpx.AsyncClient:
    """An AsyncClient for HEAD and GET whose bodies are not read, over `HeadOnlyTransport`;
    with a proxy in the environment, `pinning.pinned_client` (the proxy resolves names,
    and httpx's transport speaks to it)."""
    limits = limits or httpx.Limits()
    if _environment_proxy():
        return pinned_client(book, limits, per_host, **options)
    transport = HeadOnlyTransport(
        book,
        per_host,
        keepalive_expiry=float("inf") if limits.keepalive_expiry is None else limits.keepalive_expiry,
    )
    return HeadOnlyClient(transport, **options)


class HeadOnlyClient(httpx.AsyncClient):
    """An AsyncClient whose `send` hands the built request straight to its `HeadOnlyTransport`.

    Why: `build_request` does what the checker needs of httpx (the URL parsed, the client's
    headers and timeouts merged), while `send` around the transport adds what a link
    checker has no use for — the auth flow (no auth), redirect following (the checker
    follows each hop by hand), event hooks (none) and the cookie jar — at a fifth of the
    CPU of a request (bench/links_cpu.py: 0.38 -> 0.30 ms). Keeping no cookies is a
    choice too: a run's cookies are not carried from one request to the next, as lychee
    keeps none unless asked (`--cookie-jar`); a site that redirects to itself to set one is
    a loop either way, found by the chain's own bookkeeping."""

    def __init__(self, transport: HeadOnlyTransport, **options: Any) -> None:
        super().__init__(transport=transport, trust_env=False, **options)
        self._head_only = transport

    async def send(self, request: httpx.Request, **_: Any) -> httpx.Response:
        """The answer's status and headers to ``request`` (read and closed already: see the
        transport); ``stream``, ``auth`` and ``follow_redirects`` do not apply."""
        response = await self._head_only.handle_async_request(request)
        response.request = request
        return response
