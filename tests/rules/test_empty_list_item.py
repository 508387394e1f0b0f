"""empty-list-item: a marker alone on its line; deleting it is safe only where the list keeps its shape."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from awesomelint.engine.config import Config
from awesomelint.engine.fix import apply_edits, fix_document, verify
from awesomelint.model.document import Document
from awesomelint.model.markdown import render, render_tokens

from ..conftest import findings

RULE = "empty-list-item"


def _fix(text: str, unsafe: bool = False) -> str:
    return fix_document(Document.from_text(text), Config(select={RULE}, layout=None), unsafe=unsafe).text


def _applicability(text: str) -> list[str | None]:
    return [f.fix.applicability.value if f.fix else None for f in findings(text, RULE)]


def test_an_empty_bullet_between_entries_is_deleted() -> None:
    text = "- [Alpha](https://a.example/) - first.\n- \n- [Beta](https://b.example/) - second.\n"
    (finding,) = findings(text, RULE)
    assert finding.entry == "Alpha" and text[finding.start : finding.end] == "-"
    assert _fix(text) == "- [Alpha](https://a.example/) - first.\n- [Beta](https://b.example/) - second.\n"


def test_the_last_item_of_a_section_before_a_heading() -> None:
    # the shape met in a real list: '- ' at the end of a section, then a heading
    text = "## Databases\n\n- [unitdb](https://u.example/) - Fast.\n- \n### Migration\n\n- [x](https://x.example/)\n"
    assert (
        _fix(text)
        == "## Databases\n\n- [unitdb](https://u.example/) - Fast.\n### Migration\n\n- [x](https://x.example/)\n"
    )


def test_items_with_content_or_children_pass() -> None:
    text = (
        "- [Alpha](https://a.example/)\n-\n  continued on the next line\n- parent\n  - child\n"
        "1. one\n2. two\n\n* * *\n\n```\n-\n```\n\n<ul>\n<li></li>\n</ul>\n\n    -\n"
    )
    assert findings(text, RULE) == []


def test_a_dash_under_text_is_a_heading_not_an_item() -> None:
    assert findings("Title\n-\n\n- [Alpha](https://a.example/)\n", RULE) == []


def test_numbered_and_quoted_items() -> None:
    assert _applicability("1. a\n2.\n3. b\n") == ["safe"]  # list-numbering renumbers the rest
    assert _applicability("1.\n2. a\n") == ["unsafe"]  # the list would start at 2
    assert _applicability("3.\n3. a\n") == ["safe"]
    assert _applicability("> - a\n> -\n> - b\n") == ["safe"]
    assert _fix("> - a\n> -\n> - b\n") == "> - a\n> - b\n"


def test_where_deleting_would_change_the_list_the_fix_is_unsafe_or_absent() -> None:
    assert _applicability("- x\n\n*\n\n- y\n") == ["unsafe"]  # the only item: '- x' and '- y' would merge
    assert _applicability("- a\n-\nlazy text\n") == [None]  # the text would join 'a'
    assert _applicability("9. a\n10.\n\n   indented\n") == [None]  # it would become part of '9.'
    assert _applicability("- a\n-\n\ntext\n") == ["safe"]
    assert _fix("- x\n\n*\n\n- y\n") == "- x\n\n*\n\n- y\n"
    assert _fix("- x\n\n*\n\n- y\n", unsafe=True) == "- x\n\n\n- y\n"


def test_shapes_where_deleting_would_move_blank_lines_or_split_the_list() -> None:
    # found by the property below: each changed the HTML beyond the item
    assert _applicability("> -\n>\n> - [Alpha](https://a.example/)\n") == ["unsafe"]  # the list turns tight
    nested = "- [Alpha](https://a.example/)\n  - [Beta](https://b.example/)\n\n  -\n- [Gamma](https://c.example/)\n"
    assert _applicability(nested) == ["unsafe"]  # the blank line would sit between the outer items
    # an empty item and two blank lines end a list: deleting the middle one would split it
    assert _applicability("1) a\n\n1)\n\n1)\n\n1) [Alpha](https://a.example/)\n") == ["safe", None]
    # ... and a list kept apart only by them would join the next one
    assert _applicability("- a\n-\n\n\n- b\n") == ["unsafe"]


# --- the property: a safe fix deletes exactly the item's line, and the rest renders as before

_content = st.sampled_from(["[Alpha](https://a.example/) - first.", "plain words", "`code`", "**Beta**"])


@st.composite
def _item(draw: st.DrawFn, marker: str, width: int, depth: int) -> list[str]:
    """One item's lines (its marker first), maybe empty, maybe with a sub-list."""
    text = draw(st.one_of(st.just(""), st.just("  "), _content))
    lines = [f"{marker} {text}".rstrip() if not text.strip() else f"{marker} {text}"]
    if text.strip() and draw(st.integers(0, 4)) == 0:
        lines += draw(st.sampled_from([["", " " * width + "a second paragraph"], ["lazy continuation"]]))
    if text.strip() and depth < 1 and draw(st.booleans()):
        lines += [" " * width + line for line in draw(_list(depth + 1))]
    return lines


@st.composite
def _list(draw: st.DrawFn, depth: int = 0) -> list[str]:
    ordered = draw(st.booleans())
    first = draw(st.integers(1, 9))
    delimiter = draw(st.sampled_from(".)")) if ordered else ""
    bullet = draw(st.sampled_from("-*+"))
    lines: list[str] = []
    for index in range(draw(st.integers(1, 5))):
        marker = f"{first + index * draw(st.integers(0, 1))}{delimiter}" if ordered else bullet
        if index and draw(st.integers(0, 3)) == 0:
            lines.append("")  # a blank line between items: a loose list
        lines += draw(_item(marker, len(marker) + 1, depth))
    return lines


_between = st.sampled_from(
    ["", "", "text after", "## Heading", "```\ncode\n```", "---", "    indented code", "> quoted", "  indented text"]
)


@st.composite
def _document(draw: st.DrawFn) -> str:
    blocks: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        lines = draw(_list())
        if draw(st.integers(0, 4)) == 0:
            lines = [("> " + line).rstrip() for line in lines]
        blocks.append("\n".join(lines))
        blocks.append(draw(_between))
    return "\n".join(blocks) + draw(st.sampled_from(["\n", ""]))


def _html_without_item(doc: Document, line: int) -> str:
    """The document's HTML with the empty item on 0-based ``line`` taken out of the token stream."""
    tokens = doc.tokens
    index = next(
        i
        for i, t in enumerate(tokens)
        if t.type == "list_item_open" and t.map and t.map[0] == line and tokens[i + 1].type == "list_item_close"
    )
    return render_tokens(tokens[:index] + tokens[index + 2 :])


def _same(a: str, b: str) -> bool:
    return a.split() == b.split()


@given(_document())
def test_a_safe_fix_deletes_the_line_and_the_rest_renders_as_before(text: str) -> None:
    doc = Document.from_text(text)
    for finding in findings(text, RULE):
        line = doc.position(finding.start)[0] - 1
        if finding.fix is None:
            continue
        after = apply_edits(text, list(finding.fix.edits))
        lines = text.split("\n")
        assert after.split("\n") in (lines[:line] + lines[line + 1 :], lines[:line])  # the line, nothing else
        fixed = Document.from_text(after)
        verify(doc, fixed, list(finding.fix.edits), structure=False)  # what `fix` checks: never a FixError
        if finding.fix.applicability.value == "safe":
            assert _same(render(after), _html_without_item(doc, line)), (text, line)
