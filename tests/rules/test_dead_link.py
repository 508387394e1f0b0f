"""dead-link: a link the link-check run found dead (404, 410, a host that does not resolve);
anything flaky is link-error's, and without a run there is nothing to say."""

from __future__ import annotations

from awesomelint.engine.config import Config
from awesomelint.engine.linter import lint
from awesomelint.findings import Finding
from awesomelint.links.verdict import BOT_WALL, DEAD, ERROR, OK, REDIRECT, Verdict
from awesomelint.model.document import Document

GONE, LIVE = "https://gone.example/tool", "https://live.example/"
TEXT = f"# L\n\n- [Gone]({GONE}) - A tool.\n- [Live]({LIVE}) - Another.\n\n![screenshot]({GONE})\n"


def dead(text: str, verdicts: dict[str, Verdict]) -> list[Finding]:
    return lint(Document.from_text(text, "README.md"), Config(), only=["dead-link"], link_results=verdicts).findings


def test_a_dead_link_is_an_error_on_its_entry_and_has_no_fix() -> None:
    (found,) = dead(TEXT, {GONE: Verdict(GONE, DEAD, 404, detail="404"), LIVE: Verdict(LIVE, OK, 200)})
    assert found.message == f"{GONE} is dead (404), linked as 'Gone'"
    assert found.severity.value == "error" and found.fix is None and found.entry == "Gone"
    assert TEXT[found.start : found.end] == f"[Gone]({GONE})"  # the image with the same address is not a link to report


def test_only_a_definite_death_counts() -> None:
    for kind in (OK, REDIRECT, ERROR, BOT_WALL):
        assert dead(TEXT, {GONE: Verdict(GONE, kind, detail="x"), LIVE: Verdict(LIVE, OK, 200)}) == []


def test_without_a_link_check_run_it_is_silent_and_off() -> None:
    assert dead(TEXT, {}) == []
    assert "dead-link" not in Config().enabled("README.md")
    assert "dead-link" in Config().enabled("README.md", online=True)
