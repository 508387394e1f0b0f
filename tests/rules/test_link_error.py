"""link-error: a link the link-check run could not verify is a warning; a bot wall and a
link not checked at all are info notes; dead and working links are not its business."""

from __future__ import annotations

from awesomelint.engine.config import Config
from awesomelint.engine.linter import lint
from awesomelint.findings import Finding
from awesomelint.links.verdict import BOT_WALL, DEAD, ERROR, OK, REDIRECT, REFUSED, Verdict
from awesomelint.model.document import Document

URL = "https://slow.example.org/paper"
TEXT = f"# L\n\n- [Paper]({URL}) - A paper.\n"


def errors(verdict: Verdict) -> list[Finding]:
    return lint(
        Document.from_text(TEXT, "README.md"), Config(), only=["link-error"], link_results={URL: verdict}
    ).findings


def test_a_link_that_could_not_be_checked_is_a_warning() -> None:
    (found,) = errors(Verdict(URL, ERROR, detail="timed out after 3 tries"))
    assert found.message == f"{URL} could not be checked: timed out after 3 tries (linked as 'Paper')"
    assert found.severity.value == "warning" and found.fix is None and found.entry == "Paper"


def test_bot_walls_and_links_not_checked_are_info_notes() -> None:
    (wall,) = errors(Verdict(URL, BOT_WALL, 403))
    assert (
        wall.severity.value == "info"
        and wall.message == f"{URL} could not be verified: slow.example.org refuses bots (linked as 'Paper')"
    )
    (refused,) = errors(Verdict(URL, REFUSED, detail="a private address"))
    assert (
        refused.severity.value == "info"
        and refused.message == f"{URL} was not checked: a private address (linked as 'Paper')"
    )


def test_dead_redirected_and_working_links_are_left_to_the_other_rules() -> None:
    for kind in (OK, DEAD, REDIRECT):
        assert errors(Verdict(URL, kind, detail="x")) == []
