"""Link checking under interruption and against hostile answers (servers on 127.0.0.1 only)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from awesomelint.links.checker import Checker, Settings
from awesomelint.links.progress import ProgressLines
from awesomelint.links.run import check_links
from awesomelint.links.verdict import ERROR, OK, Verdict
from awesomelint.model.document import Document

from .servers import OK_ANSWER, Answer, RawServer


@pytest.fixture
def server_factory() -> Iterator[Callable[[Answer], RawServer]]:
    made: list[RawServer] = []

    def make(answer: Answer) -> RawServer:
        made.append(RawServer(answer))
        return made[-1]

    yield make
    for server in made:
        server.close()


def run(urls: list[str], **settings: Any) -> dict[str, Verdict]:
    settings.setdefault("backoff", 0.01)
    return asyncio.run(Checker(Settings(**settings)).check_all(urls))


# interruption -----------------------------------------------------------------


@pytest.mark.parametrize(
    "signum, code, workers, group",
    [
        (signal.SIGINT, 130, "0", False),
        (signal.SIGTERM, 143, "0", False),
        # in worker processes: SIGINT to the whole group, as a terminal sends it, and to the
        # main process alone; SIGTERM to the main process alone, as `kill` sends it
        (signal.SIGINT, 130, "2", True),
        (signal.SIGINT, 130, "2", False),
        (signal.SIGTERM, 143, "2", False),
    ],
)
def test_an_interrupted_run_keeps_what_it_checked(
    server_factory: Callable[[Answer], RawServer],
    tmp_path: Path,
    signum: signal.Signals,
    code: int,
    workers: str,
    group: bool,
) -> None:
    server = server_factory(lambda path: 60 if path.startswith("/slow") else OK_ANSWER)
    fast = [server.url(f"/fast/{i}") for i in range(30)]
    slow = [server.url(f"/slow/{i}") for i in range(3)]
    listing = tmp_path / "README.md"
    listing.write_text("# L\n\n" + "".join(f"- [e{i}]({u}) - x\n" for i, u in enumerate(fast + slow)))
    cache = tmp_path / "cache.sqlite3"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "awesomelint",
            "links",
            "--allow-private",
            "--cache",
            str(cache),
            "--timeout",
            "120",
            str(listing),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CI": "1", "AWESOMELINT_LINK_WORKERS": workers},
        start_new_session=group,  # its own process group, to be signalled whole
    )
    deadline = time.monotonic() + 30
    while sum(1 for p in server.requests if p.startswith("/fast")) < 30 or len(server.requests) < 33:
        assert time.monotonic() < deadline and process.poll() is None, "the run did not reach every link"
        time.sleep(0.05)
    time.sleep(0.3)  # the fast verdicts are in; the slow ones are pending
    if group:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    _, err = process.communicate(timeout=15)
    assert process.returncode == code, err
    assert f"interrupted by {signal.Signals(signum).name} after 30 of 33 links" in err
    assert "Traceback" not in err
    rows = sqlite3.connect(cache).execute("SELECT url, kind FROM verdicts").fetchall()
    assert sorted(rows) == sorted((u, OK) for u in fast)


# hostile names and answers --------------------------------------------------------


def _rebinding_resolver(first: str | None) -> Callable[..., list[tuple[Any, ...]]]:
    """getaddrinfo that answers `first` for rebind.test the first time (an address, or an
    error) and 127.0.0.1 every time after; everything else as the system does."""
    real = socket.getaddrinfo
    calls: list[str | bytes] = []

    def fake(host: str | bytes, port: int | None, *args: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
        if (host.decode() if isinstance(host, bytes) else host) != "rebind.test":  # anyio asks with bytes
            return real(host, port, *args, **kwargs)
        calls.append(host)
        if len(calls) == 1 and first is None:
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
        address = first if len(calls) == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port or 0))]

    return fake


@pytest.mark.parametrize("first", ["8.8.8.8", None], ids=["public-then-loopback", "failure-then-loopback"])
def test_a_name_that_rebinds_to_loopback_is_never_fetched(
    server_factory: Callable[[Answer], RawServer], first: str | None
) -> None:
    server = server_factory(lambda path: OK_ANSWER)
    url = server.url("/secret", host="rebind.test")
    with mock.patch("socket.getaddrinfo", _rebinding_resolver(first)):
        verdict = run([url], timeout=1.0, retries=1)[url]
    assert server.requests == [] and verdict.kind != OK


def test_pinning_still_connects_to_a_public_answer_when_private_is_allowed(
    server_factory: Callable[[Answer], RawServer],
) -> None:
    server = server_factory(lambda path: OK_ANSWER)
    url = server.url("/page", host="rebind.test")
    with mock.patch("socket.getaddrinfo", _rebinding_resolver("127.0.0.1")):
        verdict = run([url], allow_private=True)[url]
    assert verdict.kind == OK and server.requests == ["/page"]


def test_a_huge_header_is_not_asked_for_again(server_factory: Callable[[Answer], RawServer]) -> None:
    huge = b"HTTP/1.1 200 OK\r\nX-Filler: " + b"a" * 10_000_000 + b"\r\nContent-Length: 0\r\n\r\n"
    server = server_factory(lambda path: huge)
    url = server.url("/huge")
    verdict = run([url], allow_private=True, retries=3)[url]
    assert verdict.kind == ERROR and "too large" in verdict.detail
    assert server.requests == ["/huge"]


# being seen to be alive ----------------------------------------------------------------


def test_a_run_without_a_terminal_prints_a_line_every_few_seconds(
    server_factory: Callable[[Answer], RawServer], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = server_factory(lambda path: 1.5 if path.startswith("/slow") else OK_ANSWER)
    doc = Document.from_text(
        "# L\n\n- [a]({}) - x\n- [b]({}) - y\n".format(server.url("/slow"), server.url("/fast")), "L.md"
    )
    result = check_links([doc], Settings(allow_private=True, timeout=5), None, progress=False, progress_every=0.4)
    assert all(v.kind == OK for v in result.verdicts.values())
    err = capsys.readouterr().err
    assert "awesomelint: links 1/2 checked after" in err and "most pending on 127.0.0.1 1" in err


def test_progress_names_the_hosts_with_most_links_pending() -> None:
    urls = [f"https://a.org/{i}" for i in range(5)] + [f"https://b.org/{i}" for i in range(3)] + ["https://c.org/"]
    progress = ProgressLines(urls)
    for url in urls[:5]:
        progress.advance(url)
    assert progress.holding_up() == "b.org 3, c.org 1"


# no traceback for any link or any answer -------------------------------------------------

HOSTS = st.sampled_from(
    [
        "127.0.0.1:{port}",
        "[::1",
        "0177.0.0.2",
        "127.0.0.1:99999",
        "localhost:{port}",
        "",
        "nowhere.invalid",
        "127.0.0.1:{port}@x",
        "[::ffff:127.0.0.1]:{port}",
        "%41.test",
    ]
)
WEIRD = st.text(st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=30)


def _offline_resolver(host: str | bytes, port: int | None, *args: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
    """Names resolve only to loopback; anything else does not exist (never the outside world)."""
    if (host.decode() if isinstance(host, bytes) else host) in ("localhost", "127.0.0.1", "::1"):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port or 0))]
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


_LOCATIONS: dict[str, bytes] = {}
_FUZZ_SERVER: list[RawServer] = []


def _fuzz_server() -> RawServer:
    if not _FUZZ_SERVER:
        _FUZZ_SERVER.append(RawServer(lambda path: _LOCATIONS.get(path, OK_ANSWER)))
    return _FUZZ_SERVER[0]


@given(
    scheme=st.sampled_from(["http", "https", "HTTP", "ftp", ""]),
    host=HOSTS,
    path=WEIRD,
    location=st.one_of(WEIRD, st.builds(lambda h, p: f"http://{h}/{p}", HOSTS, WEIRD)),
    status=st.sampled_from([301, 302, 307, 308, 200, 404]),
)
def test_no_url_and_no_location_header_raises(scheme: str, host: str, path: str, location: str, status: int) -> None:
    server = _fuzz_server()
    port = server.port
    _LOCATIONS["/r"] = (
        f"HTTP/1.1 {status} X\r\nLocation: ".encode()
        + location.replace("{port}", str(port)).encode("utf-8", "replace")
        + b"\r\nContent-Length: 0\r\n\r\n"
    )
    urls = [f"{scheme}://{host.replace('{port}', str(port))}/{path}", server.url("/r")]
    with mock.patch("socket.getaddrinfo", _offline_resolver):
        verdicts = run(urls, allow_private=True, timeout=1.0, retries=0, total_time=10)
    assert set(verdicts) == set(urls)
    assert all(v.kind in (OK, ERROR, "dead", "redirect", "refused", "bot-wall") for v in verdicts.values())
