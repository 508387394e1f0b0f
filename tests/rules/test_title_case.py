"""title-case: the title in title case ('# Awesome Name of List'), and starting with 'Awesome'."""

from __future__ import annotations

from awesomelint.config import parse_config
from awesomelint.document import Document
from awesomelint.fix import fix_document

from ..conftest import findings


def messages(text: str, rule: str) -> list[str]:
    return [f.message for f in findings(text, rule)]


def fixed(text: str, *rules: str, unsafe: bool = False, profile: str | None = None) -> str:
    raw = {"select": list(rules), **({"profile": profile} if profile else {})}
    config = parse_config(raw)
    once = fix_document(Document.from_text(text, "README.md"), config, unsafe=unsafe, layout=False).text
    again = fix_document(Document.from_text(once, "README.md"), config, unsafe=unsafe, layout=False).text
    assert again == once, "fix is not idempotent"
    return once


def test_title_case_and_awesome_start():
    assert messages("# awesome static site generators\n", "title-case") == [
        "the title 'awesome static site generators' is not in title case"]
    assert fixed("# awesome list of static site generators\n", "title-case", unsafe=True) == \
        "# Awesome List of Static Site Generators\n"
    assert messages("# Static Site Generators\n", "title-case") == [
        "the title 'Static Site Generators' does not start with 'Awesome'"]
    for good in ("# Awesome iOS", "# Awesome Node.js", "# Awesome-Mamba-Collection",
                 "# Awesome Things [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"):
        assert messages(good + "\n", "title-case") == [], good
