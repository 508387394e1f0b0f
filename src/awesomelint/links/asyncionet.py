"""httpcore's network backend on asyncio itself: a protocol per connection, no anyio.

Why: httpcore's own asyncio path goes through anyio, whose socket streams cost a cancel
scope per read and write (`fail_after`) and a `select()` each time an idle connection is
checked (``is_readable``); on the loopback bench (bench/links_cpu.py) this backend takes
22% off the client's CPU a request. A connection is an `asyncio.Protocol` that buffers
what arrives:

- ``read`` returns what is buffered, or waits on one future whose timeout is a
  ``call_later`` handle (`httpcore.ReadTimeout` when it fires);
- ``write`` hands the bytes to the transport, and waits only when the transport asks to
  pause (`httpcore.WriteTimeout` when that wait outlasts the timeout);
- ``start_tls`` is the loop's own (`loop.start_tls`), the server name given by httpcore
  (the URL's host name, never the address connected to);
- ``is_readable`` (httpcore asks it of an idle connection before reusing it: readable
  means the server closed or sent something unasked) is the protocol's state, no syscall.

Errors are httpcore's: ConnectError/ConnectTimeout, ReadError/ReadTimeout,
WriteError/WriteTimeout, as its anyio backend maps them, so httpx and the checker see
the same exceptions. `pinning.PinnedBackend` wraps `AsyncioBackend` and gives it only the
pinned address. uvloop, when installed (``pip install awesomelint[fast]``), runs the loop:
see `run`.
"""

from __future__ import annotations

import asyncio
import os
import socket
import ssl
import sys
from collections.abc import Coroutine, Iterable
from typing import Any, TypeVar, cast

import httpcore

T = TypeVar("T")

HIGH_WATER = 256 * 1024  # bytes buffered before the transport stops reading (a 10 MB header is not held whole)

if sys.version_info >= (3, 11):

    async def within(work: Coroutine[Any, Any, T], timeout: float | None) -> T:
        """`work`, cancelled with TimeoutError after `timeout` seconds (None: no limit);
        unlike ``asyncio.wait_for`` before Python 3.12, no task a call."""
        async with asyncio.timeout(timeout):
            return await work

else:  # pragma: no cover - Python 3.10

    async def within(work: Coroutine[Any, Any, T], timeout: float | None) -> T:
        return await asyncio.wait_for(work, timeout)


class _Connection(asyncio.Protocol):
    """What arrived on one connection, and who is waiting for it."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.eof = False
        self.lost: Exception | None = None  # connection_lost's error, when it had one
        self.closed = False
        self.reader: asyncio.Future[None] | None = None
        self.drainer: asyncio.Future[None] | None = None
        self.paused_reading = False
        self.paused_writing = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's transports are not asyncio's classes

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if len(self.buffer) > HIGH_WATER and not self.paused_reading and self.transport is not None:
            self.paused_reading = True
            self.transport.pause_reading()
        self._wake_reader()

    def eof_received(self) -> bool | None:
        self.eof = True
        self._wake_reader()
        return None  # the transport closes itself

    def connection_lost(self, exc: Exception | None) -> None:
        self.eof = self.closed = True
        self.lost = exc
        self._wake_reader()
        if self.drainer is not None and not self.drainer.done():
            self.drainer.set_result(None)

    def pause_writing(self) -> None:
        self.paused_writing = True

    def resume_writing(self) -> None:
        self.paused_writing = False
        if self.drainer is not None and not self.drainer.done():
            self.drainer.set_result(None)

    def _wake_reader(self) -> None:
        if self.reader is not None and not self.reader.done():
            self.reader.set_result(None)


def _expire(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_exception(TimeoutError())


async def _wait(waiter: asyncio.Future[None], timeout: float | None) -> None:
    """Wait for `waiter`; TimeoutError after `timeout` seconds (None: no limit)."""
    if timeout is None:
        await waiter
        return
    handle = asyncio.get_running_loop().call_later(max(timeout, 0.0), _expire, waiter)
    try:
        await waiter
    finally:
        handle.cancel()


class AsyncioStream(httpcore.AsyncNetworkStream):
    def __init__(self, transport: asyncio.Transport, protocol: _Connection) -> None:
        self.transport, self.protocol = transport, protocol

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        protocol = self.protocol
        if not protocol.buffer and not protocol.eof:
            waiter = protocol.reader = asyncio.get_running_loop().create_future()
            try:
                await _wait(waiter, timeout)
            except TimeoutError as exc:
                raise httpcore.ReadTimeout("timed out reading") from exc
            finally:
                protocol.reader = None
        if protocol.buffer:
            data = bytes(protocol.buffer[:max_bytes])
            del protocol.buffer[:max_bytes]
            if protocol.paused_reading and len(protocol.buffer) < HIGH_WATER // 4 and not protocol.closed:
                protocol.paused_reading = False
                self.transport.resume_reading()
            return data
        if protocol.lost is not None:  # reset, not a clean end: what anyio's backend calls a ReadError
            raise httpcore.ReadError(str(protocol.lost) or type(protocol.lost).__name__)
        return b""

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        protocol = self.protocol
        if protocol.closed or self.transport.is_closing():
            raise httpcore.WriteError(str(protocol.lost) if protocol.lost else "connection closed")
        self.transport.write(buffer)
        if protocol.paused_writing:
            waiter = protocol.drainer = asyncio.get_running_loop().create_future()
            try:
                await _wait(waiter, timeout)
            except TimeoutError as exc:
                raise httpcore.WriteTimeout("timed out writing") from exc
            finally:
                protocol.drainer = None
            if protocol.closed:
                raise httpcore.WriteError(str(protocol.lost) if protocol.lost else "connection closed")

    async def aclose(self) -> None:
        # abort, not close: nothing is left to send, and a TLS connection does not wait
        # for the server's close_notify (anyio's backend, as httpcore uses it, does not either)
        self.transport.abort()

    async def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            upgraded = await within(
                loop.start_tls(self.transport, self.protocol, ssl_context, server_hostname=server_hostname), timeout
            )
        except (TimeoutError, asyncio.TimeoutError) as exc:
            self.transport.abort()
            raise httpcore.ConnectTimeout("timed out in the TLS handshake") from exc
        except (ssl.SSLError, OSError) as exc:
            self.transport.abort()
            raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
        if upgraded is None:  # the connection went while the handshake began
            raise httpcore.ConnectError("connection closed during the TLS handshake")
        self.protocol.transport = upgraded
        return AsyncioStream(self.protocol.transport, self.protocol)

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            protocol = self.protocol
            return bool(protocol.buffer) or protocol.eof
        key = {"ssl_object": "ssl_object", "client_addr": "sockname", "server_addr": "peername", "socket": "socket"}
        return self.transport.get_extra_info(key[info]) if info in key else None


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    """Connections as `AsyncioStream`s; errors mapped as httpcore's anyio backend maps them."""

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        try:
            transport, protocol = await within(
                loop.create_connection(
                    _Connection, host, port, local_addr=(local_address, 0) if local_address else None
                ),
                timeout,
            )
        except (TimeoutError, asyncio.TimeoutError) as exc:
            raise httpcore.ConnectTimeout(f"no connection to {host}:{port} within {timeout}s") from exc
        except OSError as exc:
            raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
        return _stream(transport, protocol, socket_options)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
    ) -> httpcore.AsyncNetworkStream:  # pragma: no cover - httpx's uds= option, not used by the checker
        loop = asyncio.get_running_loop()
        try:
            transport, protocol = await within(loop.create_unix_connection(_Connection, path), timeout)
        except (TimeoutError, asyncio.TimeoutError) as exc:
            raise httpcore.ConnectTimeout(f"no connection to {path} within {timeout}s") from exc
        except OSError as exc:
            raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
        return _stream(transport, protocol, socket_options)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


def _stream(
    transport: asyncio.BaseTransport, protocol: _Connection, socket_options: Iterable[httpcore.SOCKET_OPTION] | None
) -> AsyncioStream:
    if socket_options:  # as httpcore's anyio backend: set once connected (asyncio sets TCP_NODELAY itself)
        sock: socket.socket = transport.get_extra_info("socket")
        for option in socket_options:
            sock.setsockopt(*option)
    return AsyncioStream(cast(asyncio.Transport, transport), protocol)


def uvloop_factory() -> Any:
    """uvloop's loop factory when it is installed and not turned off
    (``AWESOMELINT_UVLOOP=0``); None for asyncio's own loop."""
    if os.environ.get("AWESOMELINT_UVLOOP", "1") == "0":
        return None
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def run(main: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run(main)`, on uvloop's loop when it is installed (see `uvloop_factory`)."""
    factory = uvloop_factory()
    if factory is None:
        return asyncio.run(main)
    if sys.version_info >= (3, 11):
        with asyncio.Runner(loop_factory=factory) as runner:
            return runner.run(main)
    import uvloop  # pragma: no cover - Python 3.10

    return uvloop.run(main)  # pragma: no cover
