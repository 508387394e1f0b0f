"""CI use: --changed-since in a real git repository, --fail-on, fix --check, the markdown
report and the GitHub Action's main step."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from markdown_it import MarkdownIt
from pytest_httpserver import HTTPServer

from awesomelint.cli import main
from awesomelint.engine.changes import added_lines
from awesomelint.findings import Finding, Severity
from awesomelint.model.document import Document
from awesomelint.report import FORMATTERS, locate

ROOT = Path(__file__).parent.parent
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

OLD = """# Awesome Things

## Tools

- [alpha](http://github.com/o/alpha) - Alpha tool.
- [beta](https://bit.ly/3beta) - Beta tool.
- [gamma](https://github.com/o/gamma?utm_source=x) - Gamma tool.
"""


def git(folder: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True, env=env).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose first commit has old defects; the test adds the second."""
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "README.md").write_text(OLD)
    git(tmp_path, "add", "README.md")
    git(tmp_path, "commit", "-q", "-m", "old list")
    return tmp_path


def commit(repo: Path, text: str) -> None:
    (repo / "README.md").write_text(text)
    git(repo, "commit", "-q", "-am", "change")


def json_findings(runner: CliRunner, *args: str) -> tuple[Result, list[dict[str, Any]]]:
    result = runner.invoke(main, ["check", "--format", "json", *args])
    return result, json.loads(result.stdout)


# --changed-since -----------------------------------------------------------


@needs_git
def test_only_the_new_entrys_findings_are_reported(runner: CliRunner, repo: Path) -> None:
    commit(repo, OLD + "- [delta](http://github.com/o/delta) - Delta tool.\n")
    result, found = json_findings(runner, "--changed-since", "HEAD~1", str(repo / "README.md"))
    assert [(f["line"], f["rule"]) for f in found] == [(8, "insecure-url")]
    assert result.exit_code == 1
    assert "3 on lines not changed since HEAD~1 not shown" in result.stderr
    _, everything = json_findings(runner, str(repo / "README.md"))
    assert len(everything) == 4


@needs_git
def test_a_moved_line_is_not_new(runner: CliRunner, repo: Path) -> None:
    lines = OLD.splitlines(keepends=True)
    moved = "".join(lines[:4] + lines[5:] + [lines[4]])  # alpha moved to the end
    commit(repo, moved)
    result, found = json_findings(runner, "--changed-since", "HEAD~1", str(repo / "README.md"))
    assert found == [] and result.exit_code == 0


@needs_git
def test_a_new_entry_duplicating_an_old_one_is_reported_on_the_new_one(runner: CliRunner, repo: Path) -> None:
    commit(repo, OLD.replace("## Tools\n\n", "## Tools\n\n- [gamma](https://github.com/o/gamma) - Gamma again.\n"))
    _, found = json_findings(
        runner, "--select", "duplicate-entry", "--changed-since", "HEAD~1", str(repo / "README.md")
    )
    assert [(f["line"], f["rule"]) for f in found] == [(5, "duplicate-entry")]
    assert {"path": str(repo / "README.md"), "line": 8} in found[0]["related"]


@needs_git
def test_a_bad_ref_or_no_repository_is_one_line_and_exit_2(
    runner: CliRunner, repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    result = runner.invoke(main, ["check", "--changed-since", "no-such-ref", str(repo / "README.md")])
    assert result.exit_code == 2 and "--changed-since no-such-ref" in result.stderr
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1
    outside = tmp_path_factory.mktemp("plain") / "README.md"
    outside.write_text(OLD)
    result = runner.invoke(main, ["check", "--changed-since", "HEAD", str(outside)])
    assert result.exit_code == 2 and "not inside a git repository" in result.stderr
    result = runner.invoke(main, ["fix", "--check", "--changed-since", "no-such-ref", str(repo / "README.md")])
    assert result.exit_code == 2


@needs_git
def test_links_fetches_only_the_links_on_new_lines(runner: CliRunner, repo: Path, httpserver: HTTPServer) -> None:
    for name in ("old", "new"):
        httpserver.expect_request(f"/{name}").respond_with_data("fine")
    commit(repo, OLD + f"- [old site]({httpserver.url_for('/old')}) - Old.\n")
    commit(
        repo,
        OLD + f"- [old site]({httpserver.url_for('/old')}) - Old.\n- [new site]({httpserver.url_for('/new')}) - New.\n",
    )
    result = runner.invoke(
        main,
        [
            "links",
            "--allow-private",
            "--no-cache",
            "--changed-since",
            "HEAD~1",
            "--format",
            "json",
            str(repo / "README.md"),
        ],
    )
    assert result.exit_code == 0, result.output
    asked = [request.path for request, _ in httpserver.log]
    assert "/new" in asked and "/old" not in asked


@needs_git
def test_fix_check_changed_since_looks_only_at_new_lines(runner: CliRunner, repo: Path) -> None:
    commit(repo, OLD + "- [delta](https://github.com/o/delta) - Delta tool.\n")
    path = str(repo / "README.md")
    assert runner.invoke(main, ["fix", "--check", "--changed-since", "HEAD~1", path]).exit_code == 0
    commit(repo, OLD + "- [delta](http://github.com/o/delta) - Delta tool.\n")
    result = runner.invoke(main, ["fix", "--check", "--changed-since", "HEAD~1", path])
    assert result.exit_code == 1 and f"would fix {path}" in result.stderr


@needs_git
def test_fix_changed_since_lists_only_what_new_lines_hold_at_their_lines_on_disk(runner: CliRunner, repo: Path) -> None:
    """Old lines' fixable defects are left alone (no change touches a new line), so the file
    is not written: what remains is listed as `check --changed-since` shows it — the new
    line's finding, at its line in the file as it stays."""
    old = "# Awesome Things\n\n\n\n## Tools\n\n- [beta](https://bit.ly/3beta) - Beta tool.\n"
    (repo / "README.md").write_text(old)
    git(repo, "commit", "-q", "-am", "blank lines and a shortener")
    commit(repo, old + "- [delta](https://tinyurl.com/delta) - Delta tool.\n")
    path = str(repo / "README.md")
    result = runner.invoke(main, ["fix", "--changed-since", "HEAD~1", path])
    assert (repo / "README.md").read_text() == old + "- [delta](https://tinyurl.com/delta) - Delta tool.\n"
    assert "1 finding remains:" in result.output
    assert f"{path}:8:3: url-shortener" in result.output and "bit.ly" not in result.output


def test_fix_diff_lists_what_remains_at_its_lines_in_the_file_as_read(runner: CliRunner, tmp_path: Path) -> None:
    """`fix --diff` writes nothing: what remains is placed where it is in the file, as
    `check` places it, not in the text the diff would make (two lines shorter here)."""
    path = tmp_path / "README.md"
    path.write_text(
        "# Awesome Things\n\n\n\n## Tools\n\n- [alpha](https://a.example/) - A.\n- [beta](https://bit.ly/3beta) - Beta tool.\n"
    )
    result = runner.invoke(main, ["fix", "--diff", str(path)])
    assert "@@ -1,6 +1,4 @@" in result.stdout
    assert f"{path}:8:3: url-shortener" in result.stderr


def test_added_lines_leave_out_moves() -> None:
    diff = "@@ -2,0 +3,2 @@\n+- [x](u)\n+- [y](v)\n@@ -9 +10,0 @@\n-- [x](u)\n"
    assert added_lines(diff) == {4}


# --fail-on and fix --check ---------------------------------------------------


INFO_ONLY = "# T\n\n- [a](https://a.example/) - a\n\n\n\n- [b](https://b.example/) - b\n"


def test_info_findings_alone_do_not_fail(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(INFO_ONLY)
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 0 and "whitespace" in result.stdout
    assert "1 below --fail-on warning do not fail the run" in result.stderr
    assert runner.invoke(main, ["check", "--fail-on", "info", str(path)]).exit_code == 1
    (tmp_path / ".awesomelint.yaml").write_text("fail-on: info\n")
    assert runner.invoke(main, ["check", str(path)]).exit_code == 1
    assert runner.invoke(main, ["check", "--fail-on", "error", str(path)]).exit_code == 0


def test_fail_on_for_fix_and_links(runner: CliRunner, tmp_path: Path, httpserver: HTTPServer) -> None:
    path = tmp_path / "README.md"
    path.write_text("# T\n\n- [a](https://paper.link) - a\n")  # an error fix cannot fix
    assert runner.invoke(main, ["fix", str(path)]).exit_code == 1
    assert runner.invoke(main, ["fix", "--fail-on", "error", str(path)]).exit_code == 1
    path.write_text("# T\n\n- [a](https://t.co/x) - a\n")  # a warning
    assert runner.invoke(main, ["fix", str(path)]).exit_code == 1
    assert runner.invoke(main, ["fix", "--fail-on", "error", str(path)]).exit_code == 0
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    httpserver.expect_request("/new").respond_with_data("fine")
    path.write_text(f"# T\n\n- [a]({httpserver.url_for('/old')}) - a\n")  # redirected-link: a warning
    links = ["links", "--no-cache", "--allow-private", str(path)]
    assert runner.invoke(main, links).exit_code == 1
    assert runner.invoke(main, [*links, "--fail-on", "error"]).exit_code == 0


def test_fix_check_fails_only_when_fix_would_change_the_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("# T\n\n- [a](https://paper.link) - a\n")  # a finding fix cannot fix
    result = runner.invoke(main, ["fix", "--check", str(path)])
    assert result.exit_code == 0 and "would fix" not in result.stderr
    path.write_text("# T\n\n- [a](http://github.com/o/a) - a\n")
    result = runner.invoke(main, ["fix", "--check", str(path)])
    assert result.exit_code == 1 and f"would fix {path}" in result.stderr
    assert path.read_text() == "# T\n\n- [a](http://github.com/o/a) - a\n"


def test_fail_on_is_validated(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / ".awesomelint.yaml").write_text("fail-on: never\n")
    (tmp_path / "README.md").write_text("# T\n")
    result = runner.invoke(main, ["check", str(tmp_path / "README.md")])
    assert result.exit_code == 2 and "fail-on" in result.stderr


# --format markdown -------------------------------------------------------------

HOSTILE = "a | b `code` <script>alert(1)</script>\nnew line [x](https://evil.example) ![i](https://evil.example/i.png) **bold** \x1b[31m"


def _cells(markdown: str) -> list[list[str]]:
    """The table cells a renderer makes of the report, as text."""
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    for row in rows:  # list text made no markup: no script, image, emphasis, nor a link that hides its target
        shown = re.sub(r'<a href="([^"]*)">\1</a>', "", row)  # an address, shown as it goes: an autolink
        assert not re.search(r"<(?!/?t[dhr]\b|/?code>|a href=\"https://github.com/o/list|/a>)", shown), row
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)] for row in rows
    ]


def test_markdown_report_escapes_hostile_list_text() -> None:
    doc = Document.from_text("# T\n\nline\n", "list|name.md")
    located = locate(doc, [Finding("nested-link", HOSTILE, 2, 6, Severity.ERROR)])
    report = FORMATTERS["markdown"](located)
    assert report.startswith("## awesomelint\n\n**1 finding** in 1 file: 1 error.")
    header, row = _cells(report)
    assert header == ["line", "rule", "severity", "message"]
    import html as html_module

    assert row[:3] == ["1", "nested-link", "error"]
    shown = html_module.unescape(row[3])
    assert "a | b `code` <script>alert(1)</script> new line [x](https://evil.example)" in shown
    assert "\\x1b" in shown and "\x1b" not in report


def test_link_findings_lead_with_the_address_and_stay_clickable_in_markdown(
    runner: CliRunner, tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/gone").respond_with_data("", status=404)
    gone = httpserver.url_for("/gone")
    path = tmp_path / "README.md"
    path.write_text(f"# T\n\n- [Gone's page]({gone}) - a\n")
    links = ["links", "--no-cache", "--allow-private", str(path)]
    concise = runner.invoke(main, [*links, "--format", "concise"]).stdout
    assert f"{path}:3:3: dead-link {gone} is dead (HTTP 404), linked as 'Gone's page'" in concise
    report = runner.invoke(main, [*links, "--format", "markdown"]).stdout
    assert f"| `dead-link` | error | <{gone}> is dead (HTTP 404), linked as 'Gone's page' |" in report
    assert "&#x27;" not in report and "\\-" not in report and "\\:" not in report
    rendered = MarkdownIt("commonmark").enable("table").render(report)
    assert f'<a href="{gone}">{gone}</a>' in rendered


def test_markdown_report_links_lines_and_folds_long_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "o/list")
    monkeypatch.setenv("GITHUB_SHA", "abc123")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    doc = Document.from_text("# T\n" + "x\n" * 30, str(tmp_path / "docs" / "README.md"))
    findings = [
        Finding("whitespace", f"finding {i}", doc.line_starts[i], doc.line_starts[i] + 1, Severity.INFO)
        for i in range(1, 25)
    ]
    report = FORMATTERS["markdown"](locate(doc, findings))
    assert "[2](https://github.com/o/list/blob/abc123/docs/README.md#L2)" in report
    assert "<details><summary>" in report and ": 24 findings</summary>" in report
    assert len(_cells(report)) == 25


def test_no_findings_is_said() -> None:
    assert "No findings." in FORMATTERS["markdown"]([])


# the GitHub Action -------------------------------------------------------------


def _action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text())


def test_the_action_is_a_composite_whose_steps_use_every_input() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    steps = yaml.safe_dump(action["runs"]["steps"])
    assert set(action["inputs"]) == {"args", "paths", "token", "python-version", "fail", "summary"}
    assert action["inputs"]["token"]["default"] == "${{ github.token }}"
    assert set(action["outputs"]) == {"exit-code", "report"}
    for name in action["inputs"]:
        assert f"inputs.{name}" in steps, name
    assert all("shell" in step for step in action["runs"]["steps"] if "run" in step)
    # inputs reach scripts through the environment, never pasted into the script text
    for step in action["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")


def test_the_action_leaves_the_jobs_python_alone_and_caches_links_only_for_link_runs() -> None:
    steps = _action()["runs"]["steps"]
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["update-environment"] is False  # the user's later steps keep their Python
    installs = [line for s in steps for line in s.get("run", "").splitlines() if "pip install" in line]
    assert installs and all(line.endswith('"${ACTION_PATH}[re2,fast]"') for line in installs)  # its own code
    link_cache = next(s for s in steps if "~/.cache/awesomelint" in str(s.get("with", {}).get("path")))
    assert "links" in link_cache["if"] and "--online" in link_cache["if"]


def _substitute(value: str, known: dict[str, str]) -> str:
    return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", lambda m: known[m.group(1)], value)


def _run_action(repo: Path, temp: Path, inputs: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], dict]:
    """The action's bash steps in order, as the runner would run them: `${{ }}` in their env
    substituted (setup-python's output is this Python), outputs read back from $GITHUB_OUTPUT."""
    action = _action()
    known = {f"inputs.{name}": spec.get("default", "") for name, spec in action["inputs"].items()}
    known.update({f"inputs.{name}": value for name, value in inputs.items()})
    known.update({"steps.python.outputs.python-path": sys.executable, "github.action_path": str(temp / "action")})
    known["github.token"] = "t0ken"
    known["inputs.token"] = _substitute(known["inputs.token"], known)
    if not (temp / "action").exists():  # the action as GitHub downloads it: the files, no .git
        for name in ("src", "rules", "pyproject.toml", "README.md", "action.yml"):
            source = ROOT / name
            (shutil.copytree if source.is_dir() else shutil.copy)(source, temp / "action" / name)
    summary = temp / "summary.md"
    summary.write_text("")
    outputs: dict = {}
    result = None
    for step in action["runs"]["steps"]:
        if "run" not in step:
            continue
        output = temp / "output"
        output.write_text("")
        env = {key: value for key, value in os.environ.items() if not key.startswith(("VIRTUAL_ENV", "PYTHON"))}
        env.update({"GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary), "RUNNER_TEMP": str(temp)})
        env.update({key: _substitute(str(value), known) for key, value in step.get("env", {}).items()})
        result = subprocess.run(
            ["bash", "-eo", "pipefail", "-c", step["run"]],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode and step.get("id") != "run":
            raise AssertionError(result.stderr)
        step_outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
        outputs[step.get("id", "")] = step_outputs
        known.update({f"steps.{step.get('id')}.outputs.{k}": v for k, v in step_outputs.items()})
    assert result is not None
    outputs["summary"] = summary.read_text()
    return result, outputs


@pytest.fixture(scope="module")
def runner_temp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """$RUNNER_TEMP for every run of the action in this module: its venv is installed once."""
    return tmp_path_factory.mktemp("runner-temp")


@pytest.fixture
def list_repository(tmp_path: Path) -> Path:
    """A user's repository: a README with a link to a file it lacks, a list whose name has a
    space, an ignored folder."""
    git(tmp_path, "init", "-q")
    (tmp_path / ".gitignore").write_text("vendor/\n")
    (tmp_path / "README.md").write_text(
        "# T\n\n- [a](https://paper.link) - a\n- [Contributing](CONTRIBUTING.md) - How.\n"
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "My List.md").write_text("# L\n\n- [b](http://github.com/o/b) - b\n")
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "README.md").write_text("# V\n\n- [v](https://paper.link) - v\n")
    return tmp_path


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize("fail, expected", [("true", 1), ("false", 0)])
def test_the_action_runs_its_own_code_on_paths_with_spaces(
    list_repository: Path, runner_temp: Path, fail: str, expected: int
) -> None:
    paths = "README.md\n  docs/My List.md  \n"
    result, outputs = _run_action(list_repository, runner_temp, {"paths": paths, "fail": fail})
    assert result.returncode == expected, result.stderr
    venv_bin = Path(outputs["install"]["bin"])
    assert venv_bin.parent.parent == runner_temp  # a venv of its own under $RUNNER_TEMP
    assert "::error file=README.md,line=3" in result.stdout
    assert "::warning file=docs/My List.md,line=3" in result.stdout  # one path, though it has a space
    assert "line=4,col=3,endLine=4,endColumn=34,title=awesomelint missing-file::CONTRIBUTING.md links" in result.stdout
    assert outputs["run"]["exit-code"] == "1"
    report = Path(outputs["run"]["report"]).read_text()
    assert report.startswith("## awesomelint check\n")  # the section names its command
    assert report in outputs["summary"] and "| line | rule | severity | message |" in report


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_actions_report_output_and_the_summary_name_the_link_run(
    list_repository: Path, runner_temp: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/gone").respond_with_data("", status=404)
    (list_repository / "README.md").write_text(f"# T\n\n- [Gone]({httpserver.url_for('/gone')}) - a\n")
    args = "links --format markdown --no-cache --allow-private"
    result, outputs = _run_action(list_repository, runner_temp, {"args": args, "fail": "false", "summary": "false"})
    assert result.returncode == 0 and outputs["run"]["exit-code"] == "1", result.stderr
    report = Path(outputs["run"]["report"]).read_text()
    assert report.startswith("## awesomelint links\n") and "is dead (HTTP 404)" in html.unescape(report).replace(
        "\\", ""
    )
    assert outputs["summary"] == ""  # summary: false
    assert [request.path for request, _ in httpserver.log] == ["/gone"]  # one run: the report is its own


def _readme_workflows() -> list[dict]:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## GitHub Actions\n") : readme.index("## Speed\n")]
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", section, re.S)]


def test_the_readmes_workflows_have_permissions_and_use_the_actions_inputs() -> None:
    workflows = _readme_workflows()
    assert len(workflows) == 2
    inputs = set(_action()["inputs"])
    for workflow in workflows:
        assert "permissions" in workflow and "contents" in workflow["permissions"]
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                if step.get("uses", "").startswith("awesomelint/awesomelint@"):
                    assert set(step.get("with", {})) <= inputs, step
    weekly = yaml.safe_dump(workflows[1])
    # the issue body is the action's own report: awesomelint runs once
    assert "steps.links.outputs.report" in weekly and "awesomelint links" not in weekly


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_action_walks_the_repository_as_git_sees_it(list_repository: Path, runner_temp: Path) -> None:
    (list_repository / ".github" / "ISSUE_TEMPLATE").mkdir(parents=True)
    (list_repository / ".github" / "ISSUE_TEMPLATE" / "bug.md").write_text("# Bug\n\n- [x](https://paper.link)\n")
    result, outputs = _run_action(list_repository, runner_temp, {"paths": ".", "args": "check --format concise"})
    assert outputs["run"]["exit-code"] == "1", result.stderr
    assert "README.md:3:3: placeholder-url" in result.stdout and "docs/My List.md:3:3: insecure-url" in result.stdout
    assert "vendor" not in result.stdout and "ISSUE_TEMPLATE" not in result.stdout  # .gitignore'd; a template
