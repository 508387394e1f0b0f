from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from awesomelint.engine.config import Config, parse_config
from awesomelint.engine.fix import fix_document
from awesomelint.engine.linter import lint
from awesomelint.findings import Finding, Fix
from awesomelint.model.document import Document

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
SEEDS = sorted(FIXTURES.glob("0*.md"))
# Real lists: the shared corpus beside this checkout (read-only, refreshed for every run) and the
# lists this project added to it, kept in tests/fixtures/corpus/ with their sources and licences.
SHARED_CORPUS = HERE.parent.parent / "shared" / "corpus"
OWN_CORPUS = FIXTURES / "corpus"
SHARED_LISTS = sorted(SHARED_CORPUS.glob("*.md"))
CORPUS = SHARED_LISTS + sorted(OWN_CORPUS.glob("*.md"))


def corpus_list(name: str) -> Path:
    """The real list of that file name, wherever it is kept; the test is skipped, saying
    which list it needs, in a checkout without ../shared/corpus."""
    found = next((p for p in CORPUS if p.name == name), None)
    if found is None:
        pytest.skip(f"needs {name} from ../shared/corpus")
    return found


def seed(prefix: str) -> Path:
    return next(p for p in SEEDS if p.name.startswith(prefix))


def findings(text: str, *rules: str) -> list[Finding]:
    """Findings of the named rules on a markdown snippet."""
    doc = Document.from_text(text, "snippet.md")
    return lint(doc, Config(), only=list(rules)).findings


def file_findings(path: Path, *rules: str) -> tuple[Document, list[Finding]]:
    doc = Document.from_path(path)
    return doc, lint(doc, Config(), only=list(rules) or None).findings


def fix_of(finding: Finding) -> Fix:
    """The finding's fix, which it must have."""
    assert finding.fix is not None
    return finding.fix


def entry_of(finding: Finding) -> str:
    """The title of the entry the finding is on, which it must have."""
    assert finding.entry is not None
    return finding.entry


# helpers the rule tests share -----------------------------------------------------


def messages(text: str, rule: str) -> list[str]:
    """The messages of one rule's findings on a markdown snippet."""
    return [f.message for f in findings(text, rule)]


def fixed(text: str, *rules: str, unsafe: bool = False, profile: str | None = None) -> str:
    """The text after `fix` with only the named rules (no layout); a second run changes nothing."""
    raw = {"select": list(rules), **({"profile": profile} if profile else {})}
    config = parse_config(raw)
    once = fix_document(Document.from_text(text, "README.md"), config, unsafe=unsafe, layout=False).text
    again = fix_document(Document.from_text(once, "README.md"), config, unsafe=unsafe, layout=False).text
    assert again == once, "fix is not idempotent"
    return once


def entry(description: str, name: str = "Alpha") -> str:
    """A list holding one entry with that description."""
    return f"# Awesome X\n\n- [{name}](https://alpha.example/) - {description}\n"


def lint_folder(tmp_path: Path, rule: str, files: dict[str, str]) -> list[str]:
    """The messages of one rule on a README written into a folder beside these files."""
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    readme = tmp_path / "README.md"
    readme.write_text("# Awesome X\n")
    return [f.message for f in lint(Document.from_path(readme), parse_config({"select": [rule]})).findings]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


corpus = pytest.mark.skipif(not SHARED_LISTS, reason="../shared/corpus is not beside this checkout")


# Fuzzing budget: a fixed, reproducible one in CI; `HYPOTHESIS_PROFILE=fuzz` for a long local run.
settings.register_profile(
    "ci", max_examples=200, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
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
