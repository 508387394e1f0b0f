"""The hooks through real pre-commit, against this checkout."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed copy of this project, since try-repo installs from a git repository."""
    copy = tmp_path_factory.mktemp("awesomelint-src")
    for name in ("src", "rules", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, copy / name)
    for args in (
        ["git", "init", "-q"],
        ["git", "add", "-A"],
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
    ):
        assert _run(*args, cwd=copy).returncode == 0
    return copy


@pytest.fixture
def list_repo(tmp_path: Path) -> Path:
    (tmp_path / "README.md").write_text(
        "# Awesome\n\n- [a](http://github.com/a/b?utm_source=x)\n- [b](https://paper.link](https://arxiv.org/abs/2401.00001)\n"
    )
    for args in (["git", "init", "-q"], ["git", "add", "-A"]):
        _run(*args, cwd=tmp_path)
    return tmp_path


def _try_repo(project: Path, hook: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    pre_commit = [sys.executable, "-m", "pre_commit"]
    return _run(*pre_commit, "try-repo", str(project), hook, "--all-files", cwd=cwd)


def test_check_hook_fails_on_a_broken_list(project: Path, list_repo: Path) -> None:
    result = _try_repo(project, "awesomelint", list_repo)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "nested-link" in result.stdout


def test_fix_hook_rewrites_the_list(project: Path, list_repo: Path) -> None:
    result = _try_repo(project, "awesomelint-fix", list_repo)
    assert result.returncode == 1  # files were modified
    text = (list_repo / "README.md").read_text()
    assert "- [a](https://github.com/a/b)" in text
    assert "- [b](https://arxiv.org/abs/2401.00001)" in text
