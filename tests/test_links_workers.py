"""Link checking in worker processes: politeness across them, a worker that dies, and the
same findings as one process (servers on 127.0.0.x only)."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import subprocess
import sys
import threading
import time
import weakref
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from awesomelint.api import check_paths
from awesomelint.links.checker import Settings
from awesomelint.links.collector import GC_YOUNG, collecting
from awesomelint.links.run import check_links
from awesomelint.links.verdict import DEAD, ERROR, OK, REDIRECT
from awesomelint.links.workers import ENV, WorkerPool, owner
from awesomelint.model.document import Document

HOSTS = [f"127.0.0.{i}" for i in range(2, 40)]


class HostsServer:
    """One asyncio HTTP/1.1 server per 127.0.0.x address (keep-alive), counting each
    host's requests in flight and the most it ever had. Paths: ``/item/N`` answers 200
    after `delay`; ``/dead/N`` 404; ``/to/HOST/N`` moves for good to ``HOST``'s ``/item/N``;
    ``/hang/N`` never answers."""

    def __init__(self, hosts: list[str], delay: float):
        self.delay = delay
        self.in_flight: Counter[str] = Counter()
        self.peak: Counter[str] = Counter()
        self.requests: Counter[str] = Counter()
        self.ports: dict[str, int] = {}
        self.servers: list[asyncio.Server] = []
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()

        async def listen() -> None:
            for host in hosts:
                server = await asyncio.start_server(self.handle, host, 0)
                self.servers.append(server)
                self.ports[host] = server.sockets[0].getsockname()[1]
            ready.set()

        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        asyncio.run_coroutine_threadsafe(listen(), self.loop)
        ready.wait()

    def url(self, host: str, path: str) -> str:
        return f"http://{host}:{self.ports[host]}{path}"

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        host = writer.get_extra_info("sockname")[0]
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ")[1].decode()
                self.requests[host] += 1
                self.in_flight[host] += 1
                self.peak[host] = max(self.peak[host], self.in_flight[host])
                try:
                    if path.startswith("/hang/"):
                        await asyncio.sleep(3600)
                    await asyncio.sleep(self.delay)
                finally:
                    self.in_flight[host] -= 1
                if path.startswith("/to/"):
                    _, _, target, number = path.split("/")
                    location = self.url(target, f"/item/{number}")
                    answer = f"HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n"
                elif path.startswith("/dead/"):
                    answer = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                else:
                    answer = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                writer.write(answer.encode())
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    def close(self) -> None:
        async def stop() -> None:
            for server in self.servers:
                server.close()
            handlers = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            for task in handlers:
                task.cancel()
            await asyncio.gather(*handlers, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(stop(), self.loop).result()
        self.loop.call_soon_threadsafe(self.loop.stop)


@pytest.fixture
def hosts_server() -> Iterator[HostsServer]:
    server = HostsServer(HOSTS, delay=0.1)
    yield server
    server.close()


def _owned_by(index: int, count: int = 1) -> list[str]:
    """``count`` of the test hosts the worker ``index`` of two owns."""
    return [host for host in HOSTS if owner(f"http://{host}/", 2) == index][:count]


def _document(urls: list[str]) -> Document:
    return Document("README.md", "# L\n\n" + "".join(f"- [e{i}]({u}) - x\n" for i, u in enumerate(urls)))


def test_a_redirect_into_another_workers_host_never_exceeds_its_cap(
    hosts_server: HostsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Links on hosts of worker 0 move to a host of worker 1, which has direct links of its
    own: fetched by worker 0, the target would see both workers' shares of its cap at once."""
    monkeypatch.setenv(ENV, "2")
    sources = _owned_by(0, 3)
    (target,) = _owned_by(1)
    moved = [hosts_server.url(source, f"/to/{target}/{n}{i}") for n, source in enumerate(sources) for i in range(8)]
    direct = [hosts_server.url(target, f"/item/d{i}") for i in range(12)]
    result = check_links(
        [_document(moved + direct)], Settings(allow_private=True, per_host=2, max_concurrency=64), None
    )
    assert {url: v.kind for url, v in result.verdicts.items()} == {
        **{url: REDIRECT for url in moved},
        **{url: OK for url in direct},
    }
    assert all(result.verdicts[url].final_url.startswith(hosts_server.url(target, "/item/")) for url in moved)  # type: ignore[union-attr]
    assert hosts_server.requests[target] == len(moved) + len(direct)
    assert hosts_server.peak[target] <= 2, hosts_server.peak
    assert all(hosts_server.peak[source] <= 2 for source in sources), hosts_server.peak


def test_a_worker_that_dies_leaves_its_links_an_error_and_the_run_ends(
    hosts_server: HostsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, "2")
    (doomed,) = _owned_by(0)
    (living,) = _owned_by(1)
    hanging = [hosts_server.url(doomed, f"/hang/{i}") for i in range(3)]
    fine = [hosts_server.url(living, f"/item/{i}") for i in range(3)]
    pool = WorkerPool(2)

    def kill_when_asked() -> None:
        while hosts_server.in_flight[doomed] < 3:
            time.sleep(0.02)
        os.kill(pool.processes[0].pid, signal.SIGKILL)

    killer = threading.Thread(target=kill_when_asked, daemon=True)
    killer.start()
    result = check_links([_document(hanging + fine)], Settings(allow_private=True, timeout=600), None, pool=pool)
    killer.join()
    assert {url: v.kind for url, v in result.verdicts.items()} == {
        **{url: ERROR for url in hanging},
        **{url: OK for url in fine},
    }
    assert all("its worker stopped" in result.verdicts[url].detail for url in hanging)


def test_workers_find_what_one_process_finds_in_the_same_order(
    hosts_server: HostsServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    urls = []
    for i, host in enumerate(HOSTS[:12]):
        urls += [
            hosts_server.url(host, f"/item/{i}"),
            hosts_server.url(host, f"/dead/{i}"),
            hosts_server.url(host, f"/to/{HOSTS[(i + 5) % 12]}/{i}"),
        ]
    listing = tmp_path / "README.md"
    listing.write_text(_document(urls).text)
    links = {
        "timeout": 20.0,
        "max_time": 600.0,
        "max_concurrency": 64,
        "per_host": 2,
        "cache_path": None,
        "no_cache": True,
        "allow_private": True,
    }
    found = {}
    for workers in ("0", "2"):
        monkeypatch.setenv(ENV, workers)
        run = check_paths([str(listing)], links=links, only_links=True)
        found[workers] = [(item.finding.rule, item.line) for item in run.located]
    assert found["2"] == found["0"]
    assert Counter(rule for rule, _ in found["2"]) == {"dead-link": 12, "redirected-link": 12}


def test_a_host_belongs_to_one_worker_whatever_its_path_or_case() -> None:
    assert owner("http://Example.com/a", 3) == owner("https://example.com:8443/b?c", 3)
    assert {owner(f"http://{host}/", 4) for host in HOSTS} == {0, 1, 2, 3}


def test_dead_links_in_workers_are_dead(hosts_server: HostsServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "2")
    urls = [hosts_server.url(host, "/dead/1") for host in HOSTS[:6]]
    result = check_links([_document(urls)], Settings(allow_private=True), None)
    assert {v.kind for v in result.verdicts.values()} == {DEAD}


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads a process's children from /proc")
def test_workers_stop_when_the_main_process_is_killed(hosts_server: HostsServer, tmp_path: Path) -> None:
    """SIGKILL leaves no handler to stop the workers: they see their output pipe close
    (more links than a worker's window: the end of their input is still far off)."""
    listing = tmp_path / "README.md"
    urls = [hosts_server.url(host, f"/hang/{i}") for host in HOSTS[:6] for i in range(400)]
    listing.write_text(_document(urls).text)
    main = subprocess.Popen(
        [sys.executable, "-m", "awesomelint", "links", "--allow-private", "--no-cache", str(listing)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, ENV: "2", "CI": "1"},
    )
    deadline = time.monotonic() + 30
    while sum(hosts_server.in_flight.values()) < 6:
        assert time.monotonic() < deadline and main.poll() is None, "the links were never asked"
        time.sleep(0.05)
    workers = [int(pid) for pid in Path(f"/proc/{main.pid}/task/{main.pid}/children").read_text().split()]
    assert len(workers) == 2
    main.kill()
    main.wait()
    deadline = time.monotonic() + 30
    while any(_running(pid) for pid in workers):
        assert time.monotonic() < deadline, "a worker outlived the main process (its links hang for an hour)"
        time.sleep(0.05)


def _running(pid: int) -> bool:
    """Whether the process is alive (a zombie, ended but not yet reaped by init, is not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def test_a_link_run_collects_its_cyclic_garbage_even_where_the_collector_is_off() -> None:
    """The command line turns the collector off; a link run's requests leave cycles."""

    class Node:
        def __init__(self) -> None:
            self.me = self

    gc.disable()
    try:
        with collecting():
            first = weakref.ref(Node())
            for _ in range(3 * GC_YOUNG):
                Node()
            assert first() is None, "the cycle made first was never collected"
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert gc.get_threshold()[0] != GC_YOUNG
