"""insecure-url: known https hosts offline; any host whose https twin ends on the same page online."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from awesomelint.cli import main
from awesomelint.engine.config import Config
from awesomelint.engine.linter import lint
from awesomelint.findings import Finding
from awesomelint.links.run import https_twins
from awesomelint.links.verdict import DEAD, ERROR, OK, REDIRECT, REFUSED, Verdict
from awesomelint.model.document import Document

TEXT = "# L\n\n- [Lab](http://lab.example.edu/tools) - Tools.\n- [Code](http://github.com/o/r) - Code.\n"


def online(text: str, verdicts: dict[str, Verdict], links_only: bool = False) -> list[Finding]:
    doc = Document.from_text(text, "README.md")
    return lint(doc, Config(), only=["insecure-url"], link_results=verdicts, links_only=links_only).findings


def test_a_link_check_run_asks_the_https_twin_of_unknown_hosts_it_could_check() -> None:
    verdicts = {
        "http://lab.example.edu/tools": Verdict("http://lab.example.edu/tools", DEAD, 404),
        "http://github.com/o/r": Verdict("http://github.com/o/r", OK, 200),
        "http://192.168.1.1/admin": Verdict("http://192.168.1.1/admin", REFUSED, detail="private"),
        "https://x.example/": Verdict("https://x.example/", OK, 200),
        # https on an explicit port is another service (and may never answer a TLS hello)
        "http://lab.example.edu:8080/tools": Verdict("http://lab.example.edu:8080/tools", OK, 200),
    }
    assert https_twins(verdicts) == ["https://lab.example.edu/tools"]


def test_the_links_command_asks_no_twin_of_a_link_on_an_explicit_port(
    httpserver: HTTPServer, runner: CliRunner, tmp_path: Path
) -> None:
    """A server on port 8080 that never answers TLS there held every http link's twin for
    its whole timeout (2,000 loopback links took 160 s instead of 3)."""
    httpserver.expect_request("/tools").respond_with_data("ok")
    path = tmp_path / "README.md"
    path.write_text(f"# L\n\n- [Lab]({httpserver.url_for('/tools')}) - Tools.\n")
    result = runner.invoke(
        main, ["links", "--allow-private", "--no-cache", "--timeout", "2", "--format", "json", str(path)]
    )
    assert json.loads(result.stdout) == []
    assert "1 links in" in result.stderr and "https address" not in result.stderr


def test_an_https_twin_ending_on_the_same_page_is_a_safe_upgrade() -> None:
    verdicts = {
        "http://lab.example.edu/tools": Verdict("http://lab.example.edu/tools", OK, 200),
        "https://lab.example.edu/tools": Verdict("https://lab.example.edu/tools", OK, 200),
    }
    lab, code = online(TEXT, verdicts)
    assert lab.fix is not None
    assert "checked online" in lab.message and lab.fix.applicability.value == "safe"
    assert lab.fix.edits[0].content == "https://lab.example.edu/tools"
    assert "github.com serves https" in code.message


def test_the_twin_may_redirect_where_the_http_link_redirects() -> None:
    moved = "https://lab.example.edu/tools/"
    verdicts = {
        "http://lab.example.edu/tools": Verdict("http://lab.example.edu/tools", REDIRECT, 301, moved),
        "https://lab.example.edu/tools": Verdict("https://lab.example.edu/tools", OK, 200, moved),
    }
    assert len(online(TEXT, verdicts)) == 2


def test_no_upgrade_where_https_fails_or_lands_elsewhere() -> None:
    for twin in (
        Verdict("https://lab.example.edu/tools", ERROR, detail="TLS"),
        Verdict("https://lab.example.edu/tools", DEAD, 404),
        Verdict("https://lab.example.edu/tools", OK, 200, "https://hosting.example/welcome"),
    ):
        verdicts = {
            "http://lab.example.edu/tools": Verdict("http://lab.example.edu/tools", OK, 200),
            "https://lab.example.edu/tools": twin,
        }
        assert [f.message for f in online(TEXT, verdicts)] == ["link 'Code' uses http:// but github.com serves https"]


def test_links_reports_what_the_run_found_and_leaves_known_hosts_to_check() -> None:
    verdicts = {"https://lab.example.edu/tools": Verdict("https://lab.example.edu/tools", OK, 200)}
    (finding,) = online(TEXT, verdicts, links_only=True)
    assert "'Lab'" in finding.message
