import os
import stat
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesomelint.cli import main
from awesomelint.engine.config import Config, parse_config
from awesomelint.engine.fix import fix_document
from awesomelint.engine.linter import Result
from awesomelint.model.document import Document
from awesomelint.model.entries import entries_of, links_of

from .conftest import CORPUS, SEEDS


def _fix(text: str) -> str:
    return fix_document(Document.from_text(text), Config()).text


@pytest.mark.parametrize("path", SEEDS + CORPUS, ids=lambda p: p.name)
def test_fix_is_idempotent_and_keeps_entries_and_links(path: Path) -> None:
    doc = Document.from_path(path)
    once = fix_document(doc, Config())
    fixed = Document(str(path), once.text)
    twice = fix_document(fixed, Config())
    assert twice.text == once.text
    # never fewer entries; list-marker-space makes one of a stray '-[Foo](…)' line
    assert len(entries_of(fixed)) >= len(entries_of(doc))
    assert len(links_of(fixed)) >= len(links_of(doc))
    safe_left = [f for f in twice.remaining if f.fix and f.fix.applicability.value == "safe"]
    assert safe_left == []


def test_fix_writes_atomically_keeping_bom_crlf_and_mode(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    original = "\ufeff# A\r\n\r\n- [a](http://github.com/a/b?utm_source=x)  \r\n- [b](https://x.org)\r\n".encode()
    path.write_bytes(original)
    os.chmod(path, 0o640)
    result = runner.invoke(main, ["fix", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == "\ufeff# A\r\n\r\n- [a](https://github.com/a/b)\r\n- [b](https://x.org)\r\n".encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]


def test_diff_and_check_write_nothing(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("# A\n\n- [a](http://github.com/a/b)\n")
    before = path.read_bytes()
    diff = runner.invoke(main, ["fix", "--diff", str(path)])
    assert diff.exit_code == 1 and "+- [a](https://github.com/a/b)" in diff.output
    assert runner.invoke(main, ["fix", "--check", str(path)]).exit_code == 1
    assert path.read_bytes() == before
    runner.invoke(main, ["fix", str(path)])
    assert runner.invoke(main, ["fix", "--check", str(path)]).exit_code == 0


def test_unsafe_fixes_only_on_request(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("# A\n\n- [RL4M/IRENE](https://github.com/org/repo)\n")
    runner.invoke(main, ["fix", str(path)])
    assert "org/repo" in path.read_text()
    runner.invoke(main, ["fix", "--unsafe-fixes", str(path)])
    assert "https://github.com/RL4M/IRENE" in path.read_text()


def test_code_is_never_rewritten() -> None:
    text = "# A\n\n```\nhttp://github.com/a/b?utm_source=x   \n\n\n\n```\n\n`http://github.com/x`\n"
    assert _fix(text) == text


words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12)
url = st.sampled_from(
    [
        "https://github.com/a/b",
        "http://github.com/c/d?utm_source=x",
        "https://paper.link",
        "https://arxiv.org/abs/2401.00001",
        "#sec",
        "https://t.co/x",
    ]
)
line = st.one_of(
    st.builds(lambda t, u: f"- [{t}]({u})", words, url),
    st.builds(lambda n, t, u: f"{n}. [{t}]({u})", st.integers(1, 12), words, url),
    st.builds(lambda t, u: f"| {t} | [{t}]({u}) |", words, url),
    st.just("| A | B |"),
    st.just("|---|---|"),
    st.just(""),
    st.just("   "),
    st.just("```"),
    st.just("## Sec"),
    st.just("> ### [Venue] Title"),
    st.just("<div>ğŸ§  x</div>"),
    st.just("ğŸ§  Ã— â€“ text"),
    words,
    st.builds(lambda t, u: f"  - [{t}]({u}) - d", words, url),
    # headings directly followed by lists, in every marker
    st.builds(lambda h, m, t, u: f"#### {h}\n{m} [{t}]({u})", words, st.sampled_from("-*+"), words, url),
    st.builds(lambda m, t, u: f"{m} [{t}]({u})", st.sampled_from("*+"), words, url),
    st.builds(lambda m, t, u: f"{m} {m} [{t}]({u}) - d", st.sampled_from("-*"), words, url),
)


CANONICAL = parse_config({"layout": {"style": "canonical"}})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, max_size=14), st.booleans())
def test_fix_never_raises_is_idempotent_and_keeps_links(lines: list[str], canonical: bool) -> None:
    text = "\n".join(lines) + "\n"
    doc = Document.from_text(text)
    config = CANONICAL if canonical else Config()
    try:
        once = fix_document(doc, config)
    except Exception as exc:  # only the refusal to write is allowed
        from awesomelint.engine.fix import FixError

        assert isinstance(exc, FixError), exc
        return
    fixed = Document.from_text(once.text)
    assert fix_document(fixed, config).text == once.text
    # never fewer entries; list-marker-space makes one of a stray '-[Foo](…)' line
    assert len(entries_of(fixed)) >= len(entries_of(doc))
    assert len(links_of(fixed)) >= len(links_of(doc))


def test_later_passes_run_only_the_rules_that_can_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    """off-topic and duplicate-entry cannot fix: they run once, on the final text, and
    their findings are still in what fix reports as remaining."""
    import awesomelint.engine.fix as fixing
    from awesomelint.engine.registry import FixAvailability
    from awesomelint.rules import BY_NAME

    runs: list[list[str]] = []
    real_lint = fixing.lint

    def recording_lint(doc: Document, config: Config, **kwargs: Any) -> Result:
        runs.append(list(kwargs["only"]))
        return real_lint(doc, config, **kwargs)

    monkeypatch.setattr(fixing, "lint", recording_lint)
    text = (
        "# L\n\n## A\n\n1. [a](http://github.com/a/a) - x\n1. [b](http://github.com/b/b) - y\n"
        "3. [a](http://github.com/a/a) - x\n"
    )
    outcome = fix_document(Document.from_text(text, "L.md"), Config())
    reporting = {n for n, r in BY_NAME.items() if r.fix is FixAvailability.NONE}
    fixing_runs = [names for names in runs if not reporting & set(names)]
    assert len(fixing_runs) >= 2 and len(runs) == len(fixing_runs) + 1
    assert set(runs[-1]) <= reporting and "duplicate-entry" in runs[-1]
    assert [f.rule for f in outcome.remaining] == ["duplicate-entry"]


def test_fix_runs_the_report_only_rules_only_when_their_answer_is_needed() -> None:
    """`fix --check` exits on changes alone; plain `fix` only needs to know whether some
    finding reaches the threshold — when a fixing rule's finding already does, off-topic
    and duplicate-entry need not run; by default everything remaining is reported."""
    from awesomelint.findings import Severity

    text = (
        "# L\n\n## A\n\n- [a](https://github.com/a/a) - x\n- [b](https://github.com/b/b) - y\n"
        "- [a](https://github.com/a/a) - x\n- [c](https://github.com/org/repo) - z\n"
    )
    doc = Document.from_text(text, "L.md")
    every = {f.rule for f in fix_document(doc, Config()).remaining}
    assert {"duplicate-entry", "placeholder-url"} <= every
    assert "duplicate-entry" not in {f.rule for f in fix_document(doc, Config(), reports=None).remaining}
    known = {f.rule for f in fix_document(doc, Config(), reports=Severity.ERROR).remaining}
    assert "placeholder-url" in known and "duplicate-entry" not in known  # the error already answers
    quiet = Document.from_text(text.replace("org/repo", "c/c"), "L.md")
    needed = {f.rule for f in fix_document(quiet, Config(), reports=Severity.WARNING).remaining}
    assert "duplicate-entry" in needed  # nothing else reaches a warning: they had to run
