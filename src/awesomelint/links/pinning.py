"""Connect to the address that was checked: one DNS answer per host, checked where it is used.

Checking a host name against private addresses and then letting httpx resolve it again
is open to DNS rebinding: a name can answer a public address to the check and 127.0.0.1
to the connection. Here every connection goes through `PinnedBackend`, which takes the
host's addresses from one `AddressBook` (resolved once for the run, shared with the
checker's own refusal) and refuses a private one at the moment of connecting. The TLS
server name and the Host header stay the host name: httpcore sets them from the URL, not
from the address connected to.

Through an HTTP(S) proxy (``HTTPS_PROXY`` and friends) the proxy resolves names, and the
pinning does not apply; a proxy is the operator's choice.

The connections themselves are asyncio's (`asyncionet.AsyncioBackend`), not anyio's.
Two transports use `PinnedBackend`: `PinnedTransport` (httpx's own, over httpcore pools)
for the clients that read bodies (GitHub's GraphQL, arXiv, Hugging Face), and
`headonly.HeadOnlyTransport` for the link checker's HEAD/GET hops, which read none.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from typing import Any
from urllib.request import getproxies

import httpcore
import httpx

from .asyncionet import AsyncioBackend

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class PrivateAddressError(Exception):
    """The host resolved to a private, loopback or link-local address when connecting."""


def is_private(address: IPAddress) -> bool:
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    )


def literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return None


class AddressBook:
    """Each host's addresses, resolved once and shared by every check and connection.

    A failed lookup is not remembered (the next try asks again); whatever answer is used,
    the backend checks it before connecting, so forgetting one cannot open a hole.
    """

    def __init__(self, allow_private: bool = False):
        self.allow_private = allow_private
        self._answers: dict[str, asyncio.Future[list[IPAddress]]] = {}

    async def addresses(self, host: str) -> list[IPAddress]:
        """The host's addresses; OSError when it does not resolve."""
        address = literal(host)
        if address is not None:
            return [address]
        answer = self._answers.get(host)
        if answer is None:
            answer = self._answers[host] = asyncio.ensure_future(_resolve(host))
        try:
            return await asyncio.shield(answer)
        except OSError:
            if self._answers.get(host) is answer:
                del self._answers[host]
            raise

    async def private(self, host: str) -> bool:
        """Whether the host is, or resolves to, an address that is not public (False when
        it does not resolve: the request will say so)."""
        try:
            return any(is_private(a) for a in await self.addresses(host))
        except OSError:
            return False


async def _resolve(host: str) -> list[IPAddress]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    found: dict[IPAddress, None] = {}
    for info in infos:
        address = literal(str(info[4][0]))
        if address is not None:
            found.setdefault(address, None)
    if not found:
        raise OSError(f"no address for {host}")
    return list(found)


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, connecting by address from the `AddressBook`."""

    def __init__(self, book: AddressBook):
        self.book = book
        self.inner = AsyncioBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            addresses = await self.book.addresses(host)
        except OSError as exc:  # keeps the resolver's words: "Name or service not known" marks a dead host
            raise httpcore.ConnectError(str(exc)) from exc
        if not self.book.allow_private and any(is_private(a) for a in addresses):
            raise PrivateAddressError(f"{host} resolved to a private, loopback or link-local address when connecting")
        failure: Exception | None = None
        for address in addresses:
            try:
                return await self.inner.connect_tcp(
                    str(address), port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except httpcore.ConnectError as exc:
                failure = exc
        assert failure is not None
        raise failure

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
    ) -> httpcore.AsyncNetworkStream:
        return await self.inner.connect_unix_socket(path, timeout=timeout, socket_options=socket_options)

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class PinnedTransport(httpx.AsyncBaseTransport):
    """httpx's own transport (request mapping, streams, errors) over connection pools whose
    connections are made by `PinnedBackend`, one pool per origin.

    One pool per origin, not one for the run: httpcore's pool looks through all of its
    connections for every request it assigns, so one pool holding connections to 200
    hosts spent most of a 1,000-link run in that scan. When more than `max_pools` are
    open, the least recently used pools whose connections are all idle are closed, so a
    list of thousands of hosts does not keep a socket to each (nor run out of file
    descriptors: `max_pools` is sized to the process's limit).
    """

    def __init__(self, book: AddressBook, limits: httpx.Limits, per_host: int = 8):
        self.book, self.limits = book, limits
        self.max_pools = _pool_budget(per_host)
        self.ssl_context = httpx.create_ssl_context()  # loading the CA store takes ~20 ms: once
        self._pools: dict[tuple[str, str, int | None], httpx.AsyncHTTPTransport] = {}

    def _origin(self, origin: tuple[str, str, int | None]) -> httpx.AsyncHTTPTransport:
        transport = self._pools.pop(origin, None)
        if transport is not None:
            self._pools[origin] = transport  # most recently used last
        else:
            if len(self._pools) >= self.max_pools:
                self._close_idle(len(self._pools) - self.max_pools * 3 // 4)
            transport = self._pools[origin] = httpx.AsyncHTTPTransport(verify=self.ssl_context, limits=self.limits)
            # httpx takes no network backend, so the pool it made is replaced by the same
            # pool with one; everything else about the transport is httpx's
            transport._pool = httpcore.AsyncConnectionPool(
                ssl_context=self.ssl_context,
                max_connections=self.limits.max_connections,
                max_keepalive_connections=self.limits.max_keepalive_connections,
                keepalive_expiry=self.limits.keepalive_expiry,
                network_backend=PinnedBackend(self.book),
            )
        return transport

    def _close_idle(self, count: int) -> None:
        """Close up to `count` idle pools, least recently used first."""
        for origin, transport in list(self._pools.items()):
            if count <= 0:
                return
            if all(connection.is_idle() for connection in transport._pool.connections):
                del self._pools[origin]  # gone from the dict first: no new request can reach it
                asyncio.ensure_future(transport.aclose())
                count -= 1

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        return await self._origin((url.scheme, url.host, url.port)).handle_async_request(request)

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), {}
        for transport in pools:
            await transport.aclose()


def _pool_budget(per_host: int) -> int:
    """Pools to keep open: 256, or fewer where file descriptors are scarce (macOS's
    default soft limit is 256), each pool holding up to `per_host` connections."""
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        if soft == resource.RLIM_INFINITY or soft < 0:
            soft = 1 << 20
    except (ImportError, OSError, ValueError):  # not POSIX
        soft = 1024
    return max(8, min(256, (soft // 2) // max(per_host, 1)))


def pinned_client(
    book: AddressBook, limits: httpx.Limits | None = None, per_host: int = 8, **options: Any
) -> httpx.AsyncClient:
    """An AsyncClient whose connections are pinned; with a proxy in the environment, a
    plain client through it (httpx ignores environment proxies beside a given transport,
    and the proxy is what resolves names then)."""
    limits = limits or httpx.Limits()
    if _environment_proxy():
        return httpx.AsyncClient(limits=limits, trust_env=True, **options)
    return httpx.AsyncClient(
        transport=PinnedTransport(book, limits, per_host), limits=limits, trust_env=True, **options
    )


def _environment_proxy() -> bool:
    return any(scheme in getproxies() for scheme in ("http", "https", "all"))
