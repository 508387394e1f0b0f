"""The README's pre-commit snippet, copied into a list's repository and run by real pre-commit
against a local clone of this project pinned as the README says (`rev: main`, then
`pre-commit autoupdate --freeze`)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
GIT_USER = ["-c", "user.name=t", "-c", "user.email=t@t"]


def _run(*args: str, cwd: Path, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = None if home is None else {**os.environ, "PRE_COMMIT_HOME": str(home)}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600, env=env)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of this project: a committed copy on branch main, with no tag (none is released)."""
    copy = tmp_path_factory.mktemp("awesomelint-src")
    for name in ("src", "rules", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, copy / name)
    for args in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"], ["git", *GIT_USER, "commit", "-qm", "x"]):
        assert _run(*args, cwd=copy).returncode == 0
    return copy


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit store for the module: both tests use the same pinned commit, installed once."""
    return tmp_path_factory.mktemp("pre-commit-home")


LIST = "# Awesome\n\n- [a](http://github.com/a/b?utm_source=x) - A.\n- [b](https://paper.link) - B.\n"


def _documented_config(project: Path, hook: str) -> str:
    """The README's snippet, its repository replaced by the local clone; `hook` picks the hook it offers."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## pre-commit\n") :]
    snippet = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert snippet is not None
    config = snippet.group(1).replace("https://github.com/awesomelint/awesomelint", str(project))
    if hook == "awesomelint":  # the README's alternative: the commented line instead of the first
        config = re.sub(r"\n *- id: awesomelint-fix[^\n]*", "", config).replace(
            "# - id: awesomelint", "- id: awesomelint"
        )
    repo = yaml.safe_load(config)["repos"][0]
    assert [h["id"] for h in repo["hooks"]] == [hook]
    # the documented rev exists in a clone with no release tagged (v0.1.0 did not)
    assert _run("git", "rev-parse", "--verify", "-q", repo["rev"], cwd=project).returncode == 0, repo["rev"]
    return config


def _list_repo(folder: Path, config: str, store: Path) -> Path:
    (folder / "README.md").write_text(LIST)
    (folder / ".pre-commit-config.yaml").write_text(config)
    assert _run("git", "init", "-q", cwd=folder).returncode == 0
    frozen = _run(sys.executable, "-m", "pre_commit", "autoupdate", "--freeze", cwd=folder, home=store)
    assert frozen.returncode == 0, frozen.stdout + frozen.stderr
    assert re.search(r"rev: [0-9a-f]{40}", (folder / ".pre-commit-config.yaml").read_text())
    assert _run("git", "add", "-A", cwd=folder).returncode == 0
    return folder


def test_the_fix_hook_fixes_and_lists_only_what_remains(project: Path, store: Path, tmp_path: Path) -> None:
    repo = _list_repo(tmp_path, _documented_config(project, "awesomelint-fix"), store)
    result = _run(sys.executable, "-m", "pre_commit", "run", "--all-files", cwd=repo, home=store)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert (repo / "README.md").read_text() == LIST.replace(
        "http://github.com/a/b?utm_source=x", "https://github.com/a/b"
    )
    assert "README.md:4:3: placeholder-url" in output
    # what it fixed is not reported again as a finding
    assert "insecure-url link" not in output and "tracking-param link" not in output


def test_the_check_hook_reports_and_writes_nothing(project: Path, store: Path, tmp_path: Path) -> None:
    repo = _list_repo(tmp_path, _documented_config(project, "awesomelint"), store)
    result = _run(sys.executable, "-m", "pre_commit", "run", "--all-files", cwd=repo, home=store)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert (repo / "README.md").read_text() == LIST
    assert "insecure-url" in output and "placeholder-url" in output
