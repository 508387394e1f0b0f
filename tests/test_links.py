"""The link checker against servers the tests start on 127.0.0.1 (never the outside world)."""

import asyncio
import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Request, Response

from awesomelint.cli import main
from awesomelint.links.cache import Cache
from awesomelint.links.checker import Checker, Settings
from awesomelint.links.run import cached_verdicts
from awesomelint.links.verdict import BOT_WALL, DEAD, ERROR, OK, REDIRECT, REFUSED, RepoInfo, Verdict

from .servers import OK_ANSWER, RawServer


def run(urls: list[str], **settings: Any) -> dict[str, Verdict]:
    settings.setdefault("allow_private", True)
    settings.setdefault("backoff", 0.01)
    return asyncio.run(Checker(Settings(**settings)).check_all(urls))


def test_status_codes_and_redirects(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/ok").respond_with_data("fine")
    httpserver.expect_request("/gone").respond_with_data("", status=410)
    httpserver.expect_request("/a").respond_with_data("", status=301, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=308, headers={"Location": "/ok"})
    httpserver.expect_request("/tmp").respond_with_data("", status=302, headers={"Location": "/ok"})
    httpserver.expect_request("/loop").respond_with_data("", status=301, headers={"Location": "/loop"})
    httpserver.expect_request("/missing").respond_with_data("", status=404)
    urls = {name: httpserver.url_for(name) for name in ("/ok", "/gone", "/a", "/tmp", "/loop", "/missing")}
    verdicts = run(list(urls.values()))
    assert verdicts[urls["/ok"]].kind == OK
    assert verdicts[urls["/gone"]].kind == DEAD
    assert verdicts[urls["/missing"]].kind == DEAD and verdicts[urls["/missing"]].status == 404
    chain = verdicts[urls["/a"]]
    assert chain.kind == REDIRECT and chain.final_url == urls["/ok"]
    assert verdicts[urls["/tmp"]].kind == OK  # temporary redirects are fine
    assert verdicts[urls["/loop"]].kind == ERROR and "loop" in verdicts[urls["/loop"]].detail


def test_no_cookie_or_netrc_credential_goes_from_the_checker_to_a_listed_site(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a site that sets a cookie, then a page of the same site, asked after it; and a
    # ~/.netrc naming the host: the checker sends neither (a link check is anonymous)
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine localhost login me password secret\nmachine 127.0.0.1 login me password secret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.setenv("HOME", str(tmp_path))
    seen: list[dict[str, str]] = []

    def handler(request: Request) -> Response:
        seen.append(dict(request.headers))
        return Response("", headers={"Set-Cookie": "session=abc; Path=/"})

    httpserver.expect_request("/first").respond_with_handler(handler)
    httpserver.expect_request("/second").respond_with_handler(handler)
    first, second = httpserver.url_for("/first"), httpserver.url_for("/second")
    verdicts = run([first, second], max_concurrency=1, per_host=1)  # in turn, through one client
    assert all(v.kind == OK for v in verdicts.values()) and len(seen) == 2
    assert not any("Cookie" in headers or "Authorization" in headers for headers in seen), seen


def test_head_refused_falls_back_to_get(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page", method="HEAD").respond_with_data("", status=405)
    httpserver.expect_request("/page", method="GET").respond_with_data("hello")
    assert run([httpserver.url_for("/page")])[httpserver.url_for("/page")].kind == OK


def test_retry_after_is_honoured_then_succeeds(httpserver: HTTPServer) -> None:
    calls: list[float] = []

    def handler(request: Request) -> Response:
        calls.append(time.monotonic())
        if len(calls) == 1:
            return Response("", status=429, headers={"Retry-After": "1"})
        return Response("ok")

    httpserver.expect_request("/limited").respond_with_handler(handler)
    verdict = run([httpserver.url_for("/limited")])[httpserver.url_for("/limited")]
    assert verdict.kind == OK and len(calls) == 2 and calls[1] - calls[0] >= 0.9


def test_retry_after_beyond_the_cap_is_reported(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/busy").respond_with_data("", status=429, headers={"Retry-After": "3600"})
    verdict = run([httpserver.url_for("/busy")], max_retry_after=5)[httpserver.url_for("/busy")]
    assert verdict.kind == ERROR and "Retry-After" in verdict.detail


def test_503_then_200_and_persistent_500(httpserver: HTTPServer) -> None:
    state = {"n": 0}

    def flaky(request: Request) -> Response:
        state["n"] += 1
        return Response("", status=503) if state["n"] == 1 else Response("ok")

    httpserver.expect_request("/flaky").respond_with_handler(flaky)
    httpserver.expect_request("/broken").respond_with_data("", status=500)
    verdicts = run([httpserver.url_for("/flaky"), httpserver.url_for("/broken")], retries=2)
    assert verdicts[httpserver.url_for("/flaky")].kind == OK
    assert verdicts[httpserver.url_for("/broken")].kind == ERROR


def test_slow_server_times_out_as_error_not_dead(httpserver: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    verdict = run([httpserver.url_for("/slow")], timeout=0.3, retries=1)[httpserver.url_for("/slow")]
    assert verdict.kind == ERROR


def test_large_body_is_never_downloaded(httpserver: HTTPServer) -> None:
    body = b"x" * (64 * 1024 * 1024)
    httpserver.expect_request("/big", method="HEAD").respond_with_data("", status=405)
    httpserver.expect_request("/big", method="GET").respond_with_data(body)
    start = time.monotonic()
    verdict = run([httpserver.url_for("/big")])[httpserver.url_for("/big")]
    assert verdict.kind == OK and time.monotonic() - start < 5


def test_bot_walls_are_not_dead(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/wall").respond_with_data("", status=403, headers={"cf-mitigated": "challenge"})
    httpserver.expect_request("/linkedin").respond_with_data("", status=999)
    verdicts = run([httpserver.url_for("/wall"), httpserver.url_for("/linkedin")])
    assert {v.kind for v in verdicts.values()} == {BOT_WALL}


def test_private_addresses_are_refused_unless_allowed(httpserver: HTTPServer) -> None:
    url = httpserver.url_for("/ok")
    httpserver.expect_request("/ok").respond_with_data("fine")
    assert run([url], allow_private=False)[url].kind == REFUSED
    assert run(["ftp://example.org/x"], allow_private=False)["ftp://example.org/x"].kind == REFUSED


def test_redirect_into_a_private_address_is_refused(httpserver: HTTPServer) -> None:
    # the first hop is "public" only in name: every hop is checked
    httpserver.expect_request("/hop").respond_with_data("", status=301, headers={"Location": "http://10.0.0.1/secret"})
    verdict = asyncio.run(Checker(Settings(allow_private=False)).check(httpserver.url_for("/hop")))
    assert verdict.kind == REFUSED


class _CountingServer:
    """A tiny asyncio HTTP server that records the most requests it had in flight."""

    def __init__(self, delay: float, limit_429: int | None = None):
        self.delay, self.limit_429 = delay, limit_429
        self.in_flight = self.peak = self.total = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        self.in_flight += 1
        self.total += 1
        self.peak = max(self.peak, self.in_flight)
        status = (
            "429 Too Many Requests\r\nRetry-After: 0.2"
            if self.limit_429 and self.in_flight > self.limit_429
            else "200 OK"
        )
        await asyncio.sleep(self.delay)
        self.in_flight -= 1
        writer.write(f"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        writer.close()


def _serve_and_check(server: _CountingServer, count: int, **settings: Any) -> dict[str, Verdict]:
    async def scenario() -> dict[str, Verdict]:
        listener = await asyncio.start_server(server.handle, "127.0.0.1", 0)
        port = listener.sockets[0].getsockname()[1]
        urls = [f"http://127.0.0.1:{port}/item{i}" for i in range(count)]
        async with listener:
            return await Checker(Settings(allow_private=True, backoff=0.01, **settings)).check_all(urls)

    return asyncio.run(scenario())


def test_per_host_cap_is_respected() -> None:
    server = _CountingServer(delay=0.05)
    verdicts = _serve_and_check(server, 40, per_host=4)
    assert all(v.kind == OK for v in verdicts.values())
    assert server.peak <= 4


def test_hosts_answering_429_are_backed_off_without_false_findings() -> None:
    server = _CountingServer(delay=0.05, limit_429=2)
    verdicts = _serve_and_check(server, 30, per_host=6, retries=6)
    assert all(v.kind == OK for v in verdicts.values()), {v.kind for v in verdicts.values()}


def test_cache_reuses_good_verdicts_and_rechecks_failures(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.sqlite3")
    cache.put_many([Verdict("https://a.org", OK, 200), Verdict("https://b.org", DEAD, 404)])
    good = cache.get("https://a.org")
    assert good is not None
    assert good.kind == OK
    assert cache.get("https://b.org") is None
    assert cache.get("https://a.org", now=time.time() + 30 * 86400) is None
    cache.close()


def test_a_cache_without_metadata_is_asked_again_only_where_off_topic_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # verdicts cached before metadata was kept: with off-topic on (profile), the papers,
    # models, packages and DOIs among them are asked again; a link cached with its
    # metadata, or a plain page, is answered by the cache; without off-topic, all are
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    bare = [
        "https://arxiv.org/abs/2401.01234",
        "https://huggingface.co/org/model",
        "https://pypi.org/project/requests/",
        "https://doi.org/10.1038/s41586-023-06291-2",
    ]
    described = "https://arxiv.org/abs/2401.05678"
    page = "https://example.org/tool"
    cache = Cache(tmp_path / "c.sqlite3")
    cache.put_many([Verdict(url, OK, 200) for url in [*bare, page]])
    cache.put_many([Verdict(described, OK, 200, repo=RepoInfo(None, ("cs.CV",), "", None, source="arXiv"))])
    urls = [*bare, described, page]
    assert set(cached_verdicts(cache, urls, profile=True)) == {described, page}
    assert set(cached_verdicts(cache, urls, profile=False)) == set(urls)
    cache.close()


def test_two_runs_share_a_cache_file(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"

    def writer(n: int) -> None:
        cache = Cache(path)
        cache.put_many([Verdict(f"https://h{n}.org/{i}", OK, 200) for i in range(200)])
        cache.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cache = Cache(path)
    assert all(cache.get(f"https://h{n}.org/199") for n in range(4))


def test_warm_cache_sends_no_request(httpserver: HTTPServer, runner: CliRunner, tmp_path: Path) -> None:
    httpserver.expect_request("/ok").respond_with_data("fine")
    path = tmp_path / "README.md"
    path.write_text(f"# L\n\n- [a]({httpserver.url_for('/ok')})\n")
    args = ["links", "--allow-private", "--cache", str(tmp_path / "c.sqlite3"), str(path)]
    assert runner.invoke(main, args).exit_code == 0
    served = len(httpserver.log)
    result = runner.invoke(main, args)
    assert result.exit_code == 0 and len(httpserver.log) == served
    assert "1 from cache" in result.output


def test_links_command_reports_with_stable_rule_names(
    httpserver: HTTPServer, runner: CliRunner, tmp_path: Path
) -> None:
    httpserver.expect_request("/gone").respond_with_data("", status=404)
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    httpserver.expect_request("/new").respond_with_data("ok")
    path = tmp_path / "README.md"
    path.write_text(f"# L\n\n- [a]({httpserver.url_for('/gone')})\n- [b]({httpserver.url_for('/old')})\n")
    result = runner.invoke(main, ["links", "--allow-private", "--no-cache", "--format", "json", str(path)])
    data = json.loads(result.stdout)
    rules = {d["rule"]: d for d in data}
    assert result.exit_code == 1 and set(rules) == {"dead-link", "redirected-link"}
    assert rules["redirected-link"]["fix"]["applicability"] == "safe"
    assert rules["redirected-link"]["fix"]["edits"][0]["content"] == httpserver.url_for("/new")


def test_github_api_batches_and_keeps_the_token_to_itself(
    httpserver: HTTPServer, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str | None] = []

    def graphql(request: Request) -> Response:
        seen.append(request.headers.get("Authorization"))
        query = request.get_json()["query"]
        assert query.count("repository(") == 3
        return Response(
            json.dumps(
                {
                    "data": {
                        "r0": {"nameWithOwner": "live/repo", "isArchived": False},
                        "r1": {"nameWithOwner": "new-owner/renamed", "isArchived": False},
                        "r2": None,
                    }
                }
            ),
            content_type="application/json",
        )

    httpserver.expect_request("/graphql", method="POST").respond_with_handler(graphql)
    monkeypatch.setenv("GITHUB_TOKEN", "secret-token")
    monkeypatch.setenv("AWESOMELINT_GITHUB_API", httpserver.url_for("/graphql"))
    path = tmp_path / "README.md"
    path.write_text(
        "# L\n\n- [a](https://github.com/live/repo)\n- [b](https://github.com/old-owner/renamed)\n"
        "- [c](https://github.com/gone/repo)\n"
    )
    result = runner.invoke(main, ["links", "--allow-private", "--no-cache", "--format", "json", str(path)])
    data = json.loads(result.stdout)
    assert {d["rule"] for d in data} == {"dead-link", "redirected-link"}
    assert seen == ["bearer secret-token"]


def _check_against_a_silent_server(count: int, **settings: Any) -> tuple[dict[str, Verdict], float]:
    """Check ``count`` links to a server that accepts connections and never answers."""

    async def scenario() -> tuple[dict[str, Verdict], float]:
        async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await asyncio.sleep(30)

        listener = await asyncio.start_server(silent, "127.0.0.1", 0)
        port = listener.sockets[0].getsockname()[1]
        urls = [f"http://127.0.0.1:{port}/{i}" for i in range(count)]
        async with listener:
            start = time.monotonic()
            verdicts = await Checker(Settings(allow_private=True, backoff=0.01, **settings)).check_all(urls)
            return verdicts, time.monotonic() - start

    return asyncio.run(scenario())


def test_a_server_that_never_answers_is_an_error_within_the_time_limit() -> None:
    verdicts, elapsed = _check_against_a_silent_server(1, timeout=0.3, retries=1)
    assert [v.kind for v in verdicts.values()] == [ERROR] and elapsed < 5


def test_total_run_time_is_bounded() -> None:
    verdicts, elapsed = _check_against_a_silent_server(3, timeout=20, total_time=0.5)
    assert all(v.kind == ERROR and "time limit" in v.detail for v in verdicts.values()) and elapsed < 5


# at scale and under attack ----------------------------------------------------------


def test_connections_are_reused() -> None:
    server = RawServer(lambda path: OK_ANSWER)
    try:
        urls = [f"http://127.0.0.1:{server.port}/page/{i}" for i in range(40)]
        verdicts = run(urls, per_host=2)
        assert all(v.kind == OK for v in verdicts.values())
        assert server.connections <= 2 * 2  # at most two per host slot (was one per request)
    finally:
        server.close()


def test_a_server_dripping_its_headers_is_cut_off_at_the_timeout() -> None:
    server = RawServer(lambda path: OK_ANSWER, drip=0.2)
    try:
        url = f"http://127.0.0.1:{server.port}/slow"
        verdict = run([url], timeout=1.0, retries=0)[url]
        assert verdict.kind == ERROR and "within 1s" in verdict.detail
    finally:
        server.close()


def test_no_link_and_no_answer_ends_the_run(httpserver: HTTPServer, runner: CliRunner, tmp_path: Path) -> None:
    httpserver.expect_request("/bad-port").respond_with_data(
        "", status=301, headers={"Location": "http://127.0.0.1:99999/x"}
    )
    httpserver.expect_request("/bad-host").respond_with_data("", status=301, headers={"Location": "http://[::1/x"})
    httpserver.expect_request("/ok").respond_with_data("fine")
    path = tmp_path / "README.md"
    bad = [
        "http://[::1/x",
        "http://0177.0.0.2/x",
        "http://127.0.0.1:99999/x",
        httpserver.url_for("/bad-port"),
        httpserver.url_for("/bad-host"),
    ]
    path.write_text(
        "# T\n\n" + "".join(f"- [l{i}]({u}) - x\n" for i, u in enumerate(bad + [httpserver.url_for("/ok")]))
    )
    result = runner.invoke(main, ["links", "--allow-private", "--no-cache", "--format", "json", str(path)])
    assert "Traceback" not in result.output and result.exit_code in (0, 1), result.output
    found = json.loads(result.stdout)
    assert {f["rule"] for f in found} <= {"link-error", "dead-link"}
    assert len(found) >= 4 and not any(httpserver.url_for("/ok") in f["message"] for f in found)


def test_the_token_never_goes_where_a_config_file_says(
    httpserver: HTTPServer, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str | None] = []

    def graphql(r: Request) -> Response:
        asked.append(r.headers.get("Authorization"))
        return Response("{}")

    httpserver.expect_request("/graphql").respond_with_handler(graphql)
    monkeypatch.setenv("GITHUB_TOKEN", "secret-token")
    monkeypatch.delenv("AWESOMELINT_GITHUB_API", raising=False)
    (tmp_path / ".awesomelint.yaml").write_text(f"links: {{github-api: '{httpserver.url_for('/graphql')}'}}\n")
    path = tmp_path / "README.md"
    path.write_text("# L\n\n- [a](https://github.com/o/r)\n")
    result = runner.invoke(main, ["links", "--no-cache", "--allow-private", str(path)])
    assert result.exit_code == 2 and "AWESOMELINT_GITHUB_API" in result.stderr and asked == []


@pytest.mark.parametrize(
    "api, flags", [("http://api.example.org/graphql", ["--allow-private"]), ("https://127.0.0.1:9/graphql", [])]
)
def test_the_token_goes_only_over_https_to_a_public_address(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, api: str, flags: list[str]
) -> None:
    async def nothing(
        self: Checker, urls: list[str]
    ) -> dict[str, Verdict]:  # the links themselves are not the point: never ask the outside world
        return {}

    monkeypatch.setattr(Checker, "check_all", nothing)
    monkeypatch.setenv("GITHUB_TOKEN", "secret-token")
    path = tmp_path / "README.md"
    path.write_text("# L\n\n- [a](https://github.com/o/r)\n")
    result = runner.invoke(
        main, ["links", "--no-cache", "--max-time", "5", "--timeout", "1", "--github-api", api, *flags, str(path)]
    )
    assert f"GITHUB_TOKEN not sent to {api}" in result.stderr


def test_links_refused_as_private_are_info_notes_and_the_summary_counts_them(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("# L\n\n- [router](http://192.168.1.1/admin) - x\n")
    result = runner.invoke(main, ["links", "--no-cache", "--format", "json", str(path)])
    (found,) = json.loads(result.stdout)
    assert found["rule"] == "link-error" and found["severity"] == "info" and "not checked" in found["message"]
    assert result.exit_code == 0
    assert "1 links in" in result.stderr and "0 checked, 0 from cache, 1 not checked" in result.stderr


def test_sniffio_is_installed_so_httpcore_does_not_search_for_it_on_every_lock() -> None:
    """httpcore 1.0.9 retries a failed `import sniffio` for every lock it creates (a
    sys.path search each time, a quarter of the CPU per request): it is a declared
    dependency, and a fresh install must have it."""
    import importlib.util

    assert importlib.util.find_spec("sniffio") is not None
