"""redirected-link: a permanent redirect's final address is the fix, never a login page."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from awesomelint.cli import main


def test_redirect_to_a_login_page_is_never_a_fix(httpserver: HTTPServer, runner: CliRunner, tmp_path: Path) -> None:
    httpserver.expect_request("/doc").respond_with_data("", status=301, headers={"Location": "/login?continue=/doc"})
    httpserver.expect_request("/login").respond_with_data("sign in")
    path = tmp_path / "README.md"
    path.write_text(f"# L\n\n- [a]({httpserver.url_for('/doc')})\n")
    data = json.loads(
        runner.invoke(main, ["links", "--allow-private", "--no-cache", "--format", "json", str(path)]).stdout
    )
    assert data[0]["rule"] == "redirected-link" and data[0]["fix"] is None
