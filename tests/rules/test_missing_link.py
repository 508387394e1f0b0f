"""missing-link: an entry with no link among linked ones; navigation, headings set in
quotes and entries a list leaves unlinked on purpose are not missing anything."""

from __future__ import annotations

from ..conftest import findings

RULE = "missing-link"

LINKED = "- [Alpha](https://alpha.example/) — A tool.\n- [Beta](https://beta.example/) — Another tool.\n"


def _lines(text: str) -> list[int]:
    return [text.count("\n", 0, f.start) + 1 for f in findings(text, RULE)]


def test_an_entry_without_a_link_among_linked_ones_is_found() -> None:
    assert _lines(LINKED + "- Gamma — No link here.\n") == [3]
    table = (
        "| Model | Paper |\n|---|---|\n| A | [a](https://a.example/) |\n| B | [b](https://b.example/) |\n"
        "| C | Someone et al., 2024 |\n"
    )
    assert _lines(table) == [5]


def test_a_description_spilled_into_a_bullet_of_its_own_is_found() -> None:
    # a generator's multi-line description broke out of its entry: the bullet has no link
    text = LINKED + "- ✨ A blazing-fast formatter that formats your code. - 🔎 A linter too.\n"
    assert _lines(text) == [3]


def test_items_linking_to_places_on_the_page_have_their_link() -> None:
    # a top list that mixes other pages, per-year files and in-page anchors
    toc = (
        "* [Official site](https://site.example/)\n* [2019](/2019.md)\n* [Project Templates](#project-templates)\n"
        "* [2025](#2025)\n\n## Project Templates\n\n## 2025\n"
    )
    assert _lines(toc) == []
    see_also = LINKED + "- See also [Retrieval for NLP](#retrieval-for-nlp).\n"
    assert _lines(see_also) == []


def test_a_quote_holding_only_a_heading_is_not_a_card() -> None:
    text = (
        LINKED + "\n<details>\n<summary>Further info</summary>\n\n> #### DNS Protocols\n\n"
        "DNS-over-TLS was proposed in [RFC 7858](https://rfc.example/7858).\n</details>\n\n"
        "> #### YouTube Proxies\nThe content on smaller sites does not compare.\n"
    )
    assert _lines(text) == []


def test_a_card_with_a_description_but_no_link_is_found() -> None:
    text = (
        "> ### [Alpha](https://alpha.example/)\n> A tool.\n\n> ### [Beta](https://beta.example/)\n> Another.\n\n"
        "> ### Gamma\n> A third tool, unlinked.\n"
    )
    assert _lines(text) == [7]


def test_entries_sharing_a_status_mark_are_unlinked_on_purpose() -> None:
    # a generator drops the link of tools whose project is gone, and marks each one
    gone = "".join(f"- **Gone{n}** :warning: — An archived tool.\n" for n in range(3))
    assert _lines(LINKED + gone) == []
    emoji = "".join(f"- Gone{n} ⚠️ - An archived tool.\n" for n in range(3))
    assert _lines(LINKED + emoji) == []


def test_fewer_than_three_marked_or_marks_that_differ_are_still_found() -> None:
    two = "".join(f"- **Gone{n}** :warning: — An archived tool.\n" for n in range(2))
    assert _lines(LINKED + two) == [3, 4]
    differ = "- **A1** :warning: — x.\n- **A2** :copyright: — y.\n- **A3** ⚠️ — z.\n"
    assert _lines(LINKED + differ) == [3, 4, 5]
    # bold names with no mark: nothing says they are unlinked on purpose
    bold = "".join(f"- **Plain{n}** — A tool.\n" for n in range(3))
    assert _lines(LINKED + bold) == [3, 4, 5]


def test_a_struck_through_entry_is_gone_on_purpose() -> None:
    assert _lines(LINKED + "- ~~Gamma~~ — Discontinued.\n") == []


def test_a_row_whose_link_columns_all_say_nothing_was_released_has_nothing_to_link() -> None:
    table = (
        "| Model | Paper | Code |\n|---|---|---|\n| A | [Paper](https://a.example/) | [Code](https://github.com/o/a) |\n"
        "| B | - | - |\n| C | Cui et al., 2024 | - |\n"
    )
    assert [f.message for f in findings(table, "missing-link")] == ["entry 'C' has no link"]


def test_an_overview_table_without_links_and_prose_bullets_have_no_missing_links() -> None:
    overview = "# T\n\n| Model | Size |\n|---|---|\n| ChatGLM | 6B |\n| Qwen | 7B |\n"
    prose = (
        "# T\n\n**Courses must**:\n- Be open for enrollment\n- Run regularly\n"
        "- Match the standards of the [CS 2013](https://cs2013.example/) guidelines\n"
        "- Explore new things:\n  + the **actor model** through [Elixir](https://elixir.example/), a language\n"
    )
    assert findings(overview, "missing-link") == [] and findings(prose, "missing-link") == []


def test_an_entry_among_linked_siblings_still_misses_its_link() -> None:
    table = "| Name | Paper |\n|---|---|\n| A | [a](https://a.example/) |\n| B | Cui et al., 2024 |\n"  # ('—' there: nothing to link)
    bullets = "# T\n\n- [A](https://a.example/) - a\n- B - b\n"
    fields = "# T\n\n* A：\n  * 地址：https://a.example/\n* B：\n  * 简介：没有链接\n"
    for text in (table, bullets, fields):
        assert len(findings(text, "missing-link")) == 1, text
