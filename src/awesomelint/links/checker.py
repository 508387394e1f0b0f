"""Check many URLs fast and politely with one httpx AsyncClient.

- A global cap on requests in flight and a per-host cap (lychee's users asked for one
  for years); a host that answers 429/503 is backed off as a whole, honouring
  Retry-After up to a limit, so the other hosts keep going.
- HEAD first; GET when HEAD is refused or unreliable, streamed and closed after the
  headers: bodies are never downloaded.
- Redirects are followed by hand, one hop at a time, so every hop is checked against
  private addresses, loops are seen, and permanent moves are told from temporary ones.
- Retries with exponential backoff and jitter for timeouts, resets and 5xx.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from .. import data
from ..model.urls import host_matches
from .asyncionet import within
from .headonly import head_only_client
from .pinning import AddressBook, PrivateAddressError
from .verdict import BOT_WALL, DEAD, ERROR, OK, REDIRECT, REFUSED, Verdict

USER_AGENT = "awesomelint/0.1 (+https://pypi.org/project/awesomelint/; link checker)"
MAX_REDIRECTS = 10
HEAD_REFUSED = {400, 403, 405, 501}
PERMANENT = {301, 308}
WINDOW = 2000  # checks started and not finished, at most
MAX_THROTTLES = 12  # 429/503 answers tolerated beyond --retries before a link is reported


@dataclass
class Settings:
    timeout: float = 20.0
    max_concurrency: int = 256  # the total: a run's worker processes share it
    per_host: int = 8
    retries: int = 3
    max_retry_after: float = 60.0
    backoff: float = 0.5  # first retry waits about this long, doubling each time
    total_time: float = 600.0
    allow_private: bool = False
    accept: set[int] = field(default_factory=set)


@dataclass
class Chain:
    """A link's redirect chain so far: what goes with it when it is handed to another checker."""

    url: str  # the link as listed
    current: str  # the address to ask next
    seen: list[str]  # every address asked or to be asked, the link first (loops are seen across checkers)
    permanent: bool = True  # every hop so far a permanent move


def host_key(url: str) -> str:
    """The host a URL's requests count against (per-host caps, back-off, the owning worker)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:  # an address no request can be sent to: refused wherever it is
        return ""


class _Host:
    """Per-host state shared by every request to it: an adaptive cap and a pause.

    The cap starts at --per-host and halves when the host answers 429/503 (once per
    round: answers to requests sent under an older cap do not halve it again). The
    halved cap is never raised again, so a rate-limited host settles at what it
    accepts instead of being probed into more 429s, and no link fails for it.

    Waiters queue in order and a release hands its place to the first of them (a
    condition woken for all, each checking again, cost more than the requests at 20
    waiters a host).
    """

    def __init__(self, limit: int):
        self.limit = limit
        self.active = 0  # places taken: requests in flight, or waiting out the host's pause
        self.resume_at = 0.0
        self.waiters: deque[asyncio.Future[None]] = deque()

    async def acquire(self) -> int:
        """Wait for a place, then for the host's pause; returns the cap it was granted under."""
        if self.active < self.limit and not self.waiters:
            self.active += 1
        else:
            place = asyncio.get_running_loop().create_future()
            self.waiters.append(place)
            try:
                await place  # the releaser counted this place as taken
            except asyncio.CancelledError:
                if place.done() and not place.cancelled():
                    self._give_back()
                else:
                    self.waiters.remove(place)
                raise
        try:
            while (delay := self.resume_at - time.monotonic()) > 0:
                await asyncio.sleep(delay)
        except asyncio.CancelledError:
            self._give_back()
            raise
        return self.limit

    async def release(self, throttled: bool, granted: int) -> None:
        if throttled and granted == self.limit:
            self.limit = max(1, self.limit // 2)
        self._give_back()

    def _give_back(self) -> None:
        self.active -= 1
        while self.waiters and self.active < self.limit:
            place = self.waiters.popleft()
            if not place.done():  # a cancelled waiter's place goes to the next
                self.active += 1
                place.set_result(None)


class Checker:
    def __init__(
        self,
        settings: Settings,
        client: httpx.AsyncClient | None = None,
        on_done: Callable[[Verdict], None] | None = None,
        owns: Callable[[str], bool] | None = None,
    ):
        """``owns`` (URL -> whether this checker may send its request): a checker in a
        worker process owns its share of the hosts; None owns them all."""
        self.settings = settings
        self.client = client
        self.on_done = on_done
        self.owns = owns
        self.hosts: dict[str, _Host] = {}
        self.config = data.load("links")
        self.addresses = AddressBook(settings.allow_private)

    async def check_all(self, urls: list[str]) -> dict[str, Verdict]:
        own_client = self.client is None
        client = self.client = self.client or head_only_client(
            self.addresses,
            # requests in flight are bounded by the semaphores; each host keeps as many
            # idle connections as it may have requests in flight (no body is ever read:
            # the head-only transport, or httpx's own under an environment proxy)
            httpx.Limits(max_connections=None, max_keepalive_connections=self.settings.per_host),
            per_host=self.settings.per_host,
            timeout=httpx.Timeout(self.settings.timeout),
            headers={"User-Agent": USER_AGENT, "Accept": "*/*"},
            follow_redirects=False,
        )
        self.global_limit = asyncio.Semaphore(self.settings.max_concurrency)
        deadline = time.monotonic() + self.settings.total_time
        try:
            results = await self._windowed(urls, deadline)
        finally:
            if own_client:
                await client.aclose()
        return dict(zip(urls, results))

    async def _windowed(self, urls: list[str], deadline: float) -> list[Verdict]:
        """Check every URL with at most `WINDOW` checks started and unfinished at once.

        A task per URL lets a request to a free host overtake those waiting on a busy
        one; a window of them, rather than all, keeps that freedom (it is far wider than
        --max-concurrency) without holding a waiting coroutine for each of 20,000 links.
        """
        window = asyncio.Semaphore(WINDOW)

        async def one(url: str) -> Verdict:
            try:
                return await self._bounded(url, deadline)
            finally:
                window.release()

        tasks: list[asyncio.Task[Verdict]] = []
        try:
            for url in urls:
                await window.acquire()
                tasks.append(asyncio.create_task(one(url)))
            return await asyncio.gather(*tasks)
        except BaseException:  # cancelled (SIGINT): no check outlives the client
            for task in tasks:
                task.cancel()
            raise

    async def _bounded(self, link: str | Chain, deadline: float) -> Verdict:
        outcome = await self.bounded(link if isinstance(link, Chain) else Chain(link, link, [link]), deadline)
        assert isinstance(outcome, Verdict), "a checker that owns every host hands no chain over"
        return outcome

    async def bounded(self, chain: Chain, deadline: float) -> Verdict | Chain:
        """`follow` within the run's time limit, any failure a verdict; verdicts go to `on_done`."""
        url = chain.url
        remaining = deadline - time.monotonic()
        outcome: Verdict | Chain
        try:
            outcome = await within(self.follow(chain), max(remaining, 0.001))
        except asyncio.TimeoutError:
            outcome = Verdict(url, ERROR, detail="not checked within the run's time limit")
        except Exception as exc:  # noqa: BLE001 - one link (or one server's answer) never ends the run
            outcome = Verdict(url, ERROR, detail=f"could not be checked ({type(exc).__name__}: {_reason(exc)})")
        if self.on_done and isinstance(outcome, Verdict):
            self.on_done(outcome)
        return outcome

    # one URL ---------------------------------------------------------------

    async def check(self, url: str) -> Verdict:
        outcome = await self.follow(Chain(url, url, [url]))
        assert isinstance(outcome, Verdict), "a checker that owns every host hands no chain over"
        return outcome

    async def follow(self, chain: Chain) -> Verdict | Chain:
        """Follow ``chain`` from its current address to a verdict; or, when a redirect leads
        to a host this checker does not own (`owns`), the chain as it stands, for the
        checker that owns that host: a host's requests are all sent by one checker, so
        its cap and back-off hold across worker processes."""
        url, seen, permanent, current = chain.url, chain.seen, chain.permanent, chain.current
        for _ in range(MAX_REDIRECTS + 2 - len(seen)):
            refusal = await self._refuse(current)
            if refusal:
                return Verdict(url, REFUSED if current == url else ERROR, detail=refusal)
            outcome = await self._request(current)
            if isinstance(outcome, Verdict):
                outcome.url = url
                return outcome
            status, location, headers = outcome
            if status in (301, 302, 303, 307, 308) and location:
                target = urljoin(current, location)
                permanent = permanent and status in PERMANENT
                if target in seen:
                    return Verdict(url, ERROR, status, target, "redirect loop")
                seen.append(target)
                current = target
                if self.owns is not None and not self.owns(current):
                    return Chain(url, current, seen, permanent)
                continue
            return self._classify(url, current, status, headers, permanent and current != url)
        return Verdict(url, ERROR, None, current, f"more than {MAX_REDIRECTS} redirects")

    def _classify(self, url: str, final: str, status: int, headers: httpx.Headers, moved: bool) -> Verdict:
        host = (urlsplit(final).hostname or "").lower()
        if status in self.settings.accept or 200 <= status < 300:
            if moved:
                return Verdict(url, REDIRECT, status, final, "permanent redirect")
            return Verdict(url, OK, status, final if final != url else None)
        if (
            status in self.config["bot-wall-statuses"]
            or headers.get("cf-mitigated", "").lower() == "challenge"
            or (status in (401, 403, 429) and host_matches(host, self.config["bot-wall-hosts"]))
        ):
            return Verdict(url, BOT_WALL, status, final if final != url else None, "refused as a bot; not verified")
        if status in (404, 410):
            return Verdict(url, DEAD, status, final if final != url else None, f"HTTP {status}")
        return Verdict(url, ERROR, status, final if final != url else None, f"HTTP {status}")

    async def _request(self, url: str) -> Verdict | tuple[int, str | None, httpx.Headers]:
        """(status, Location, headers) of one hop, with HEAD->GET fallback and retries; or a Verdict."""
        host = host_key(url)
        state = self.hosts.setdefault(host, _Host(self.settings.per_host))
        method = "GET" if host_matches(host, self.config["get-hosts"]) else "HEAD"
        attempt = 0
        throttles = 0
        while True:
            throttled = False
            granted = await state.acquire()
            try:
                async with self.global_limit:
                    status, headers = await self._send(method, url)
                throttled = status in (429, 503)
            except PrivateAddressError as exc:  # the name answered differently when connecting
                return Verdict(url, ERROR, None, None, str(exc))
            except httpx.RemoteProtocolError as exc:
                if _oversized(exc):  # the same answer every time: asking again cannot help
                    return Verdict(url, ERROR, None, None, f"answer too large to read ({_reason(exc)})")
                detail = f"{type(exc).__name__} ({_reason(exc)})"
            except httpx.ConnectError as exc:
                if _unresolvable(exc):
                    return Verdict(url, DEAD, None, None, "host does not resolve")
                detail = f"connection failed ({_reason(exc)})"
            except (httpx.TimeoutException, httpx.ReadError, httpx.WriteError) as exc:
                detail = f"{type(exc).__name__} ({_reason(exc)})"
            except asyncio.TimeoutError:
                detail = f"no answer within {self.settings.timeout:g}s"
            except httpx.HTTPError as exc:
                return Verdict(url, ERROR, None, None, f"{type(exc).__name__} ({_reason(exc)})")
            else:
                if method == "HEAD" and status in HEAD_REFUSED:
                    method = "GET"
                    continue
                if throttled:
                    # the host asked us to slow down: wait as told (up to the cap) and try
                    # again with a smaller share; this is not the link's fault
                    pause = _retry_after(headers.get("retry-after"))
                    if pause is not None and pause > self.settings.max_retry_after:
                        return Verdict(
                            url, ERROR, status, None, f"HTTP {status}; Retry-After {pause:.0f}s is beyond the limit"
                        )
                    wait = pause if pause is not None else self._backoff(throttles + 1)
                    state.resume_at = max(state.resume_at, time.monotonic() + wait)
                    throttles += 1
                    if throttles > self.settings.retries + MAX_THROTTLES:
                        return Verdict(url, ERROR, status, None, f"HTTP {status} after {throttles} tries")
                    continue
                if status >= 500:
                    detail = f"HTTP {status}"
                    if attempt >= self.settings.retries:
                        return (status, None, headers)
                    attempt += 1
                    await asyncio.sleep(self._backoff(attempt))
                    continue
                return (status, headers.get("location"), headers)
            finally:
                await state.release(throttled, granted)
            if attempt >= self.settings.retries:
                return Verdict(url, ERROR, None, None, detail)
            attempt += 1
            await asyncio.sleep(self._backoff(attempt))

    async def _send(self, method: str, url: str) -> tuple[int, httpx.Headers]:
        """Status and headers of one request, which must end within --timeout in all
        (httpx's timeouts are per phase: a server dripping its headers a byte at a time
        would meet each of them)."""
        return await within(self._exchange(method, url), self.settings.timeout)  # no task a request, unlike wait_for

    async def _exchange(self, method: str, url: str) -> tuple[int, httpx.Headers]:
        assert self.client is not None  # set by check_all
        request = self.client.build_request(method, url)
        response = await self.client.send(request, stream=True)
        try:
            if method == "HEAD":
                await response.aread()  # read already by the head-only transport; under a proxy, httpx's
                # own transport puts the connection back in its pool once the empty body is read
            return response.status_code, response.headers
        finally:
            await response.aclose()  # a GET's body is never read: that connection is dropped

    def _backoff(self, attempt: int) -> float:
        base = self.settings.backoff * (2 ** max(attempt - 1, 0))
        return base * (0.5 + random.random())

    async def _refuse(self, url: str) -> str | None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return f"not an http(s) address ({parts.scheme or 'no scheme'})"
        host = parts.hostname or ""
        if not host:
            return "no host"
        if self.settings.allow_private:
            return None
        if await self.addresses.private(host):
            return f"{host} is a private, loopback or link-local address (use --allow-private)"
        return None


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


def _unresolvable(exc: Exception) -> bool:
    text = repr(exc.__cause__ or exc) + str(exc)
    # only definite answers: a temporary DNS failure is an error, not a dead link
    return any(s in text for s in ("Name or service not known", "nodename nor servname", "No address associated"))


def _oversized(exc: Exception) -> bool:
    """h11's words for an answer whose head outgrows its buffer (a 10 MB header)."""
    text = str(exc).lower()
    return "too long" in text or "too large" in text


def _reason(exc: Exception) -> str:
    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
