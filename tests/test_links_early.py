"""Links sent to the worker processes while later lists are still parsed (servers on
127.0.0.x only)."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import awesomelint.api as api
from awesomelint.api import check_paths
from awesomelint.errors import Interrupted
from awesomelint.links.cache import Cache
from awesomelint.links.workers import ENV

HOSTS = [f"127.0.0.{i}" for i in range(2, 8)]


class Recording(ThreadingHTTPServer):
    """Answers ``/dead/...`` 404, anything else 200; counts each path asked."""

    daemon_threads = True

    def __init__(self, host: str, asked: Counter[str]):
        self.asked = asked
        super().__init__((host, 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: Recording

    def _answer(self) -> None:
        self.send_response(404 if self.path.startswith("/dead/") else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()
        self.server.asked[self.path] += 1  # once answered

    do_GET = do_HEAD = _answer

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def servers() -> Iterator[tuple[list[str], Counter[str]]]:
    asked: Counter[str] = Counter()
    running = [Recording(host, asked) for host in HOSTS]
    for server in running:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield [f"http://{host}:{server.server_port}" for host, server in zip(HOSTS, running)], asked
    for server in running:
        server.shutdown()
        server.server_close()


LINKS = {
    "timeout": 10.0,
    "max_time": 600.0,
    "max_concurrency": 32,
    "per_host": 4,
    "no_cache": False,
    "allow_private": True,
}


def _write(path: Path, urls: list[str]) -> str:
    path.write_text("# L\n\n" + "".join(f"- [e{i}]({u}) - x\n" for i, u in enumerate(urls)))
    return str(path)


def test_the_first_links_are_checked_while_a_later_list_is_still_read(
    servers: tuple[list[str], Counter[str]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bases, asked = servers
    first = _write(tmp_path / "a.md", [f"{base}/item/a{i}" for i, base in enumerate(bases)])
    second = _write(tmp_path / "b.md", [f"{base}/item/b{i}" for i, base in enumerate(bases)])
    read_list = api.read_list
    asked_during_read: list[bool] = []

    def slow_read(path: str, *args: Any) -> Any:
        if path == second:  # the second list's read ends once a request came, or after 20 s
            deadline = time.monotonic() + 20
            while not asked and time.monotonic() < deadline:
                time.sleep(0.01)
            asked_during_read.append(bool(asked))
        return read_list(path, *args)

    monkeypatch.setattr(api, "read_list", slow_read)
    monkeypatch.setenv(ENV, "2")
    run = check_paths([first, second], links=LINKS | {"cache_path": str(tmp_path / "c.db")}, only_links=True)
    assert asked_during_read == [True]
    assert not run.errors and run.located == []
    assert sorted(asked) == sorted(f"/item/{n}{i}" for n in "ab" for i in range(len(bases)))


def test_lists_sharing_links_with_a_half_warm_cache_find_what_one_process_finds(
    servers: tuple[list[str], Counter[str]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bases, asked = servers
    urls = [f"{base}/{kind}/{i}" for i, base in enumerate(bases) for kind in ("item", "dead")]
    files = [
        _write(tmp_path / "a.md", urls[:8]),
        _write(tmp_path / "b.md", urls[4:]),  # four links of a.md again
        _write(tmp_path / "c.md", urls[::3]),  # all seen before
    ]
    found = {}
    for workers in ("0", "2"):
        cache = str(tmp_path / f"cache{workers}.db")
        monkeypatch.setenv(ENV, "0")
        check_paths(files[:1], links=LINKS | {"cache_path": cache}, only_links=True)  # a.md's links cached
        asked.clear()
        monkeypatch.setenv(ENV, workers)
        run = check_paths(files, links=LINKS | {"cache_path": cache}, only_links=True)
        found[workers] = [(item.path, item.line, item.finding.rule) for item in run.located]
        # each link asked once, but for the live ones a.md left in the cache (dead links are not kept)
        warm = {url for url in urls[:8] if "/item/" in url}
        assert asked == Counter("/" + url.split("/", 3)[3] for url in urls if url not in warm)
    assert found["2"] == found["0"]
    assert Counter(rule for _, _, rule in found["2"]) == {"dead-link": 4 + 4 + 2}


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_while_a_later_list_is_read_stops_the_run_and_caches_what_workers_finished(
    servers: tuple[list[str], Counter[str]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, signum: int
) -> None:
    bases, asked = servers
    checked = [f"{base}/item/a{i}" for i, base in enumerate(bases)]
    first = _write(tmp_path / "a.md", checked)
    second = _write(tmp_path / "b.md", [f"{base}/item/b{i}" for i, base in enumerate(bases)])
    read_list = api.read_list

    def interrupted_read(path: str, *args: Any) -> Any:
        if path == second:  # every link of a.md answered, then the signal
            deadline = time.monotonic() + 20
            while len(asked) < len(checked) and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(1.0)  # the workers read the answers (most of them: the assertions ask for one at least)
            os.kill(os.getpid(), signum)
            time.sleep(5)  # the signal arrives during the read
        return read_list(path, *args)

    monkeypatch.setattr(api, "read_list", interrupted_read)
    monkeypatch.setenv(ENV, "2")
    cache_path = str(tmp_path / "c.db")
    before = signal.getsignal(signum)
    with pytest.raises(Interrupted) as stop:
        check_paths([first, second], links=LINKS | {"cache_path": cache_path}, only_links=True)
    # what the workers had finished when the signal came is counted and cached (on a slow
    # machine a verdict may still be in a worker when it is stopped: not counted, not cached)
    cache = Cache(cache_path)
    cached = [hit for hit in map(cache.get, checked) if hit is not None]
    cache.close()
    assert stop.value.signum == signum and stop.value.total == len(checked)
    assert 1 <= stop.value.done == len(cached) and all(hit.kind == "ok" for hit in cached)
    assert signal.getsignal(signum) == before  # the parse's handler is gone
