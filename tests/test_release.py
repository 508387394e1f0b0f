"""Releases: the version is the git tag (setuptools-scm), with a fallback for a clone with no
tag and a tree without .git; the release workflow builds, checks and publishes by trusted publishing."""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from awesomelint.cli import main

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _scm_version(folder: Path) -> str:
    """What a build in FOLDER would call this version (setuptools-scm reads its pyproject.toml)."""
    result = subprocess.run(
        [sys.executable, "-m", "setuptools_scm"], cwd=folder, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _git(folder: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@t"
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=env)


@needs_git
def test_the_version_is_the_tag_with_a_fallback_without_tags_or_git(tmp_path: Path) -> None:
    bare = tmp_path / "bare"  # a source tree with no .git (a tarball of the files)
    bare.mkdir()
    shutil.copy(ROOT / "pyproject.toml", bare)
    assert _scm_version(bare) == "0.0"
    clone = tmp_path / "clone"
    shutil.copytree(bare, clone)
    _git(clone, "init", "-q")
    _git(clone, "add", "-A")
    _git(clone, "commit", "-qm", "x")
    assert re.fullmatch(r"0\.1\.dev1\+g[0-9a-f]+", _scm_version(clone))  # CI's clean clone of main: no tag
    _git(clone, "tag", "v1.2.3")
    assert _scm_version(clone) == "1.2.3"


@needs_git
def test_an_archive_of_a_tag_knows_its_version(tmp_path: Path) -> None:
    """GitHub's tarballs (what `uses: awesomelint/awesomelint@v1.2.3` downloads) have no .git:
    .git_archival.txt, filled in by `git archive`, carries the tag."""
    clone = tmp_path / "clone"
    clone.mkdir()
    for name in ("pyproject.toml", ".git_archival.txt", ".gitattributes"):
        shutil.copy(ROOT / name, clone)
    _git(clone, "init", "-q")
    _git(clone, "add", "-A")
    _git(clone, "commit", "-qm", "x")
    _git(clone, "tag", "v1.2.3")
    archive = tmp_path / "archive"
    archive.mkdir()
    tar = subprocess.run(["git", "-C", str(clone), "archive", "HEAD"], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(archive)], input=tar, check=True)
    assert not (archive / ".git").exists()
    assert _scm_version(archive) == "1.2.3"


def test_the_version_is_not_written_by_hand() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert "setuptools-scm>=8" in project["build-system"]["requires"]
    assert {"Homepage", "Repository", "Issues", "Changelog"} <= set(project["project"]["urls"])
    assert any(c.startswith("Programming Language :: Python :: 3.") for c in project["project"]["classifiers"])


def test_version_option_prints_the_installed_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"awesomelint, version {importlib.metadata.version('awesomelint')}\n"


def test_the_release_workflow_builds_checks_and_publishes_by_trusted_publishing() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text())
    assert workflow[True]["push"]["tags"] == ["v*"]  # YAML 1.1 reads the key `on` as True
    assert workflow["permissions"] == {"contents": "read"}
    build = yaml.safe_dump(workflow["jobs"]["build"])
    assert "fetch-depth: 0" in build and "python -m build" in build and "twine check --strict" in build
    publish = workflow["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"} and publish["needs"] == "build"
    step = next(s for s in publish["steps"] if s.get("uses", "").startswith("pypa/gh-action-pypi-publish"))
    assert "with" not in step  # no password: trusted publishing


def test_the_readme_pins_only_what_exists() -> None:
    """No snippet pins a tag before the first release: the CHANGELOG lists released versions."""
    readme = (ROOT / "README.md").read_text()
    released = set(re.findall(r"^## \[?(\d+\.\d+\.\d+)", (ROOT / "CHANGELOG.md").read_text(), re.M))
    pins = re.findall(r"(?:rev: |uses: awesomelint/awesomelint@)([\w.-]+)", readme)
    assert pins
    for pin in pins:
        assert pin == "main" or pin.removeprefix("v") in released, pin
