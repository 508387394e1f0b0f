"""url-shortener: a link through a shortener is reported; an entry about the shortener itself
is not; with a link-check run the fix is the resolved target."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from awesomelint.cli import main

from ..conftest import findings


def test_an_entry_about_a_shortener_links_to_it_not_through_it() -> None:
    text = (
        "# APIs\n\n- [Cutt.ly](https://cutt.ly/api-documentation/regular-api) - URL shortener API.\n"
        "- [Bitly](https://bit.ly/pages/api) - Shorten links.\n- [code](https://bit.ly/3xYz) - a tool\n"
    )
    assert [f.message.split("'")[1] for f in findings(text, "url-shortener")] == ["code"]


def test_shortener_gets_the_resolved_target_as_an_unsafe_fix(
    httpserver: HTTPServer, runner: CliRunner, tmp_path: Path
) -> None:
    target = httpserver.url_for("/target")  # http://localhost:PORT/target
    httpserver.expect_request("/s").respond_with_data("", status=302, headers={"Location": target})
    httpserver.expect_request("/target").respond_with_data("ok")
    path = tmp_path / "README.md"
    path.write_text(f"# L\n\n- [a](http://127.0.0.1:{httpserver.port}/s)\n")  # the "shortener" is 127.0.0.1
    (tmp_path / ".awesomelint.yaml").write_text("url-shortener: {extend-hosts: ['127.0.0.1']}\n")
    result = runner.invoke(main, ["check", "--online", "--allow-private", "--no-cache", "--format", "json", str(path)])
    finding = next(d for d in json.loads(result.stdout) if d["rule"] == "url-shortener")
    assert finding["fix"]["applicability"] == "unsafe"
    assert finding["fix"]["edits"][0]["content"] == target
