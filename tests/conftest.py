from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from awesomelint.config import Config
from awesomelint.document import Document
from awesomelint.linter import lint

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
SEEDS = sorted(FIXTURES.glob("0*.md"))
# Real lists: the shared corpus beside this checkout (read-only, refreshed for every run) and the
# lists this project added to it, kept in tests/fixtures/corpus/ with their sources and licences.
SHARED_CORPUS = HERE.parent.parent / "shared" / "corpus"
OWN_CORPUS = FIXTURES / "corpus"
CORPUS = sorted(SHARED_CORPUS.glob("*.md")) + sorted(OWN_CORPUS.glob("*.md"))


def corpus_list(name: str) -> Path:
    """The real list of that file name, wherever it is kept."""
    return next(p for p in CORPUS if p.name == name)


def seed(prefix: str) -> Path:
    return next(p for p in SEEDS if p.name.startswith(prefix))


def findings(text: str, *rules: str):
    """Findings of the named rules on a markdown snippet."""
    doc = Document.from_text(text, "snippet.md")
    return lint(doc, Config(), only=list(rules)).findings


def file_findings(path: Path, *rules: str):
    doc = Document.from_path(path)
    return doc, lint(doc, Config(), only=list(rules) or None).findings


@pytest.fixture
def runner():
    return CliRunner()


corpus = pytest.mark.skipif(not list(SHARED_CORPUS.glob("*.md")), reason="../shared/corpus is not beside this checkout")


# Fuzzing budget: a fixed, reproducible one in CI; `HYPOTHESIS_PROFILE=fuzz` for a long local run.
settings.register_profile("ci", max_examples=200, derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=20000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark as `slow` what takes most of the suite's time: hypothesis runs and the runs
    over real lists (besides tests marked by hand), so `pytest -m "not slow"` is a quick
    loop while editing; the full run (CI) keeps them all."""
    real = set(CORPUS) | set(SEEDS)
    for item in items:
        hypothesis = getattr(getattr(item, "obj", None), "is_hypothesis_test", False)
        params = getattr(getattr(item, "callspec", None), "params", {})
        if hypothesis or any(value in real for value in params.values() if isinstance(value, Path)):
            item.add_marker(pytest.mark.slow)
