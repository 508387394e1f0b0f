"""list-title: one '# ' heading names the list; an image can stand for it, a bare '#' names nothing."""

from __future__ import annotations

import pytest

from awesomelint.model.document import Document
from awesomelint.model.title import title_heading

from ..conftest import findings, messages

RULE = "list-title"
BODY = "\n\n## Tools\n\n- [Alpha](https://alpha.example/) - A tool.\n"


def _found(text: str) -> list[tuple[int, str]]:
    return [(text.count("\n", 0, f.start) + 1, f.severity.value) for f in findings(text, RULE)]


def _title(text: str) -> str | None:
    heading = title_heading(Document.from_text(text))
    return heading.text if heading is not None else None


def test_a_list_without_a_top_level_heading_or_with_two() -> None:
    assert _found("## Tools\n\n- [Alpha](https://alpha.example/) - A tool.\n") == [(1, "warning")]
    assert _found("# Awesome Tools" + BODY + "\n# Other Part\n") == [(7, "info")]


def test_bare_hash_lines_are_separators_not_headings() -> None:
    text = "# Awesome Tools" + BODY + "\n#\n\n## More\n\n#\n\n## Even more\n"
    assert _found(text) == []
    assert _title("#\n\n# Awesome Tools" + BODY) == "Awesome Tools"


def test_only_bare_hash_lines_leave_the_list_unnamed() -> None:
    assert _found("#\n\n## Tools\n\n- [Alpha](https://alpha.example/) - A tool.\n") == [(3, "warning")]


def test_a_logo_after_an_html_comment_stands_for_the_title() -> None:
    text = (
        "<!-- DON'T EDIT THIS FILE DIRECTLY -> edit <data/tools.yml> instead. -->\n\n"
        ' <a href="https://tools.example/">\n   <img alt="Tools" src="https://tools.example/logo.svg" />\n </a>\n\n'
        "This repository lists **tools**." + BODY
    )
    assert _found(text) == []
    markdown_logo = "[![Awesome Tools](https://tools.example/logo.svg)](https://tools.example/)\n\nA list." + BODY
    assert _found(markdown_logo) == []


def test_badges_right_above_a_heading_leave_it_the_title() -> None:
    text = (
        "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n"
        "[![X](https://img.shields.io/badge/X-000)](https://x.example/)\n\n# Awesome Tools"
        + BODY
        + "\n# Main Content\n"
    )
    assert _title(text) == "Awesome Tools"
    assert _found(text) == [(10, "info")]
    html_badges = (
        '<p align="center">\n  <a href="https://x.example/"><img src="https://img.shields.io/badge/lang-en-blue"></a>\n'
        "</p>\n\n# Awesome Tools" + BODY
    )
    assert _title(html_badges) == "Awesome Tools" and _found(html_badges) == []


def test_under_a_logo_every_top_level_heading_is_a_section() -> None:
    contents = '<div align="center">\n<img src="logo.webp" alt="Society"/>\n<h3>Society</h3>\n</div>\n\n# Contents\n\n# Summary\n'
    assert _title(contents) is None
    assert _found(contents) == [(6, "info"), (8, "info")]
    later = '<p align="center"><img src="logo.png"></p>\n\nA curated list.\n\n# Part One' + BODY
    assert _title(later) is None and _found(later) == [(5, "info")]


def test_no_title_and_a_second_title() -> None:
    assert messages("## Tools\n\n- [Alpha](https://alpha.example/)\n", "list-title") == [
        "the list has no top-level '# ' heading naming it"
    ]
    (second,) = findings("# Awesome X\n\n## Tools\n\n# Resources\n", "list-title")
    assert second.severity.value == "info" and "'Resources'" in second.message
    # titled by a logo: every '# ' heading is a section
    logo = '<div align="center"><img src="logo.svg"></div>\n\n# Contents\n\n# Curriculum\n'
    assert [f.message.split("'")[1] for f in findings(logo, "list-title")] == ["Contents", "Curriculum"]


@pytest.mark.parametrize(
    "text",
    [
        '<h1 align="center">Awesome X</h1>\n\n## Tools\n',
        '<div align="center">\n  <img src="logo.svg" alt="Awesome X">\n</div>\n\n## Tools\n',
        "[![Awesome X](logo.svg)](https://x.example)\n\n## Tools\n",
    ],
)
def test_an_html_title_or_a_logo_stands_for_the_title(text: str) -> None:
    assert messages(text, "list-title") == []
