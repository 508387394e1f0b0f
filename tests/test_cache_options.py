"""The link cache: in the platform's user cache folder ($XDG_CACHE_HOME honoured), reused for as
long as --max-cache-age says."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from awesomelint.cli import main
from awesomelint.links.cache import default_path


def test_the_default_cache_honours_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_path() == tmp_path / "awesomelint" / "links.sqlite3"


def test_max_cache_age_decides_when_a_good_link_is_asked_again(
    runner: CliRunner, tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/live").respond_with_data("fine")
    path = tmp_path / "README.md"
    path.write_text(f"# T\n\n- [a]({httpserver.url_for('/live')}) - a\n")
    links = ["links", "--allow-private", "--cache", str(tmp_path / "cache.sqlite3"), str(path)]
    for extra in ([], [], ["--max-cache-age", "1d"], ["--max-cache-age", "0"]):
        assert runner.invoke(main, [*links, *extra]).exit_code == 0
    assert len(httpserver.log) == 2  # the first run, and the one that allowed no age
    bad = runner.invoke(main, [*links, "--max-cache-age", "soon"])
    assert bad.exit_code == 2 and "is not a duration" in bad.stderr
