"""list-marker-space: '-[Foo](…)' at a line start; the space is inserted only where the
line then becomes an item of its list and nothing around it changes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

from awesomelint.engine.config import Config
from awesomelint.engine.fix import apply_edits, fix_document
from awesomelint.model.document import Document
from awesomelint.model.entries import entries_of
from awesomelint.model.markdown import parser, render

from ..conftest import findings, fix_of, fixed, messages

RULE = "list-marker-space"


def _found(text: str) -> list[tuple[int, str | None]]:
    """(line, applicability) of each finding."""
    return [
        (text.count("\n", 0, f.start) + 1, f.fix.applicability.value if f.fix else None) for f in findings(text, RULE)
    ]


def _fix(text: str) -> str:
    return fix_document(Document.from_text(text), Config(select={RULE}, layout=None)).text


# the shapes met in real lists ---------------------------------------------------


def test_a_stray_line_under_an_item_becomes_the_next_item() -> None:
    text = (
        "- [Oto](https://oto.example/) - Play sound.\n- [PortAudio](https://pa.example/) - Bindings.\n"
        "-[voxrai](https://vox.example/) - AI voice agents.\n\n**[back to top](#contents)**\n"
    )
    assert _found(text) == [(3, "safe")]
    assert _fix(text) == text.replace("-[voxrai]", "- [voxrai]")


def test_a_stray_line_between_loose_items_joins_them() -> None:
    text = (
        "- [CTGAN](https://c.example/) -> Cloud removal\n\n- [EcoMapper](https://e.example/) -> Maps\n\n"
        " -[SADER](https://s.example/) -> Diffusion\n\n- [noise2change](https://n.example/) -> Changes\n\n"
        "- [SAT](https://t.example/) -> More\n"
    )
    assert _found(text) == [(5, "safe")]
    assert _fix(text) == text.replace(" -[SADER]", " - [SADER]")


def test_an_italic_sentence_starting_with_a_link_is_not_a_marker() -> None:
    # the '*' opens emphasis that closes two lines later: an italic paragraph
    quoted = (
        "> *[alternative-front-ends](https://github.com/mendel5/alternative-front-ends) provides information on\n"
        "> dozens of alternative front-end options for popular platforms, such as YouTube,\n"
        "> TikTok, and more.*\n"
    )
    assert _found(quoted) == []
    assert _found("Text.\n*[Alpha](https://alpha.example/) says so.*\n") == []
    assert _found("*[Alpha](https://alpha.example/)* is emphasized\n") == []


def test_in_a_paragraph_of_star_lines_only_the_emphasis_is_left_alone() -> None:
    lines = ["*[A](https://a.example/) - a", "*[B](https://b.example/) is *said*", "*[C](https://c.example/) - c*"]
    assert [line for line, _ in _found("\n".join(lines) + "\n")] == [1, 2]
    # past 16 such lines, one emphasis among them leaves them all alone (each would cost a render)
    many = [f"*[E{n}](https://e.example/{n}) - e" for n in range(20)]
    assert len(_found("\n".join(many) + "\n")) == 20
    assert _found("\n".join(many + lines[2:]) + "\n") == []


def test_a_literal_star_is_a_marker_without_its_space() -> None:
    text = "* [Alpha](https://alpha.example/) - A.\n*[Beta](https://beta.example/) - B.\n"
    assert _found(text) == [(2, "safe")]
    assert _fix(text) == "* [Alpha](https://alpha.example/) - A.\n* [Beta](https://beta.example/) - B.\n"


def test_stray_lines_one_after_another_all_become_items() -> None:
    text = "## Tools\n\n-[Alpha](https://alpha.example/) - A.\n-[Beta](https://beta.example/) - B.\n"
    assert _found(text) == [(3, "safe"), (4, "safe")]
    assert _fix(text) == "## Tools\n\n- [Alpha](https://alpha.example/) - A.\n- [Beta](https://beta.example/) - B.\n"


def test_a_marker_with_no_space_is_reported_and_fixed_into_an_entry() -> None:
    text = "# X\n\n- [Alpha](https://alpha.example/) - A.\n-[Beta](https://beta.example/) - B.\n"
    assert messages(text, "list-marker-space") == ["'-' with no space after it is not a list marker"]
    after = fixed(text, "list-marker-space")
    assert after == "# X\n\n- [Alpha](https://alpha.example/) - A.\n- [Beta](https://beta.example/) - B.\n"
    assert [e.title for e in entries_of(Document.from_text(after))] == ["Alpha", "Beta"]


@pytest.mark.parametrize(
    "text",
    [
        "*[Alpha](https://alpha.example/)* is emphasized\n",
        "```\n-[Alpha](https://alpha.example/)\n```\n",
        "Use -[x] flags.\n",
        "- [Alpha](https://alpha.example/) - A.\n",
    ],
)
def test_what_is_not_a_missing_marker_space(text: str) -> None:
    assert messages(text, "list-marker-space") == []


# where the space would change more than the line: reported, not fixed by default ----


def test_in_prose_or_with_text_after_it_the_fix_is_unsafe() -> None:
    prose = "The tool was inspired by\n-[Alpha](https://alpha.example/) and its authors.\n"
    assert _found(prose) == [(2, "unsafe")]
    wrapped = "- [A](https://a.example/) - A.\n-[Beta](https://beta.example/) - a description\nthat wraps on.\n"
    assert _found(wrapped) == [(2, "unsafe")]


def test_where_the_new_item_would_not_be_a_sibling_the_fix_is_unsafe() -> None:
    other_marker = "* [A](https://a.example/) - A.\n-[Beta](https://beta.example/) - B.\n"
    numbered = "1. [A](https://a.example/) - A.\n-[Beta](https://beta.example/) - B.\n"
    deeper = "- [A](https://a.example/) - A.\n   -[Beta](https://beta.example/) - B.\n"
    quoted_lazy = "> - [A](https://a.example/) - A.\n-[Beta](https://beta.example/) - B.\n"
    for text in (other_marker, numbered, deeper, quoted_lazy):
        assert _found(text) == [(2, "unsafe")], text


def test_joining_a_tight_list_across_a_blank_line_is_unsafe() -> None:
    # '- a' and '- b' render tight; one list with a blank line in it renders loose
    text = "- [A](https://a.example/)\n- [B](https://b.example/)\n\n-[C](https://c.example/)\n"
    assert _found(text) == [(4, "unsafe")]


def test_a_line_the_new_item_would_swallow_makes_the_fix_unsafe() -> None:
    text = "-[Alpha](https://alpha.example/) - A.\n\n    indented code\n"
    assert _found(text) == [(1, "unsafe")]


def test_emphasis_running_across_the_line_makes_the_fix_unsafe() -> None:
    text = "- [A](https://a.example/) *a note\n-[Beta](https://beta.example/) ends* here.\n"
    assert _found(text) == [(2, "unsafe")]


# property: a safe fix inserts one space and makes exactly that line an item --------

LINK = "[N](https://n.example/)"
TAILS = ["", " - d", " d*", " *e* f", " `c`", " **b**", " [x](https://x.example/)", " - a *b", "*", " _u"]
PROSE = ["Some text", "some *emph", "continued* end", "A [l](https://l.example/) here", "`code` x", "_u_ v"]


@st.composite
def _line(draw: st.DrawFn, marker: str | None = None) -> str:
    kind = draw(st.sampled_from(["item", "stray", "stray", "prose"]))
    indent = draw(st.sampled_from(["", "", " ", "  ", "   ", "    ", "\t"]))
    m = marker or draw(st.sampled_from("-*+"))
    tail = draw(st.sampled_from(TAILS))
    if kind == "item":
        return f"{indent}{m} {LINK}{tail}"
    if kind == "stray":
        return f"{indent}{m}{LINK}{tail}"
    return indent + draw(st.sampled_from(PROSE))


@st.composite
def _block(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["list", "list", "lines", "quote", "ordered", "other"]))
    if kind == "other":
        return draw(
            st.sampled_from(
                [
                    "## H",
                    "```\n-[a](b)\n```",
                    "    -[a](b)",
                    "---",
                    "| a |\n|---|\n| -[a](b) |",
                    "<div>\n-[a](b)\n</div>",
                    "Title\n===",
                    "-[a](b)\n---",
                    "\t-[a](b)",
                ]
            )
        )
    marker = draw(st.sampled_from("-*+"))
    lines = draw(st.lists(_line(marker if kind == "list" else None), min_size=1, max_size=4))
    if kind == "list":
        lines = [f"{marker} {LINK}"] + lines
    if kind == "ordered":
        lines = [f"1. {LINK}"] + lines
    gap = draw(st.sampled_from(["\n", "\n", "\n\n"]))
    text = gap.join(lines)
    if kind == "quote":
        text = "\n".join(
            ("> " if draw(st.booleans()) or not index else "") + line for index, line in enumerate(text.split("\n"))
        )
    return text


_DOCUMENTS = st.lists(_block(), min_size=1, max_size=4).flatmap(
    lambda blocks: st.lists(st.sampled_from(["\n", "\n\n"]), min_size=len(blocks), max_size=len(blocks)).map(
        lambda gaps: "".join(block + gap for block, gap in zip(blocks, gaps))
    )
)

_LEAVES = ("inline", "fence", "code_block", "html_block", "hr")


def _leaves(tokens: list[Token]) -> list[tuple]:
    """Every leaf block with what it holds, how it renders, whether its paragraph is
    hidden (a tight list) and the blocks around it (items named by their first line)."""
    md = parser()
    assert isinstance(md.renderer, RendererHTML)
    found: list[tuple] = []
    chain: list[tuple] = []
    hidden: list[bool] = []
    for token in tokens:
        if token.nesting == 1:
            chain.append(
                (token.type, token.markup, token.map[0] if token.type == "list_item_open" and token.map else None)
            )
            hidden.append(token.hidden)
        elif token.nesting == -1:
            chain.pop()
            hidden.pop()
        elif token.type in _LEAVES:
            html = (
                md.renderer.render([token], md.options, {})
                if token.type != "inline"
                else md.renderer.renderInline(token.children or [], md.options, {})
            )
            found.append(
                (token.map[0] if token.map else None, token.content, html, bool(hidden and hidden[-1]), tuple(chain))
            )
    return found


def _expected_leaves(doc: Document, fixed: set[int]) -> list[tuple]:
    """The old leaves, with each fixed line cut out of its paragraph (what is left of
    the paragraph stays, rendered as before)."""
    md = parser()
    expected = []
    for start, content, html, hidden, chain in _leaves(doc.tokens):
        pieces = content.split("\n")
        kept = [p for index, p in enumerate(pieces) if start is None or start + index not in fixed]
        if len(kept) == len(pieces) or not any(kind == "paragraph_open" for kind, _, _ in chain[-1:]):
            expected.append((start, content, html, hidden, chain))
        elif kept:
            head = "\n".join(kept)
            expected.append((start, head, md.renderInline(head), hidden, chain))
    return expected


@settings(max_examples=400, deadline=None)
@given(_DOCUMENTS)
def test_a_safe_fix_makes_its_line_an_item_and_changes_nothing_else(text: str) -> None:
    doc = Document.from_text(text)
    safe = [f for f in findings(text, RULE) if f.fix and f.fix.applicability.value == "safe"]
    for finding in findings(text, RULE):
        assert text[finding.start] in "-*+" and finding.fix is not None
        (edit,) = finding.fix.edits
        assert (edit.start, edit.end, edit.content) == (finding.end, finding.end, " ")
        if text[finding.start] == "*":  # never a '*' the parser reads as emphasis: escaping it changes nothing
            assert render(text[: finding.start] + "\\" + text[finding.start :]) == render(text), text
    if not safe:
        return
    after = apply_edits(text, [e for f in safe for e in fix_of(f).edits])
    fixed_lines = {doc.position(f.start)[0] - 1 for f in safe}
    new = Document.from_text(after)
    md = parser()
    assert isinstance(md.renderer, RendererHTML)
    tokens = new.tokens
    for finding in safe:
        line = doc.position(finding.start)[0] - 1
        rest = new.lines[line][finding.end - doc.line_starts[line] + 1 :].strip()
        opens = [i for i, t in enumerate(tokens) if t.type == "list_item_open" and t.map and t.map[0] == line]
        assert opens, (text, line)
        paragraph, inline = tokens[opens[0] + 1], tokens[opens[0] + 2]
        assert paragraph.type == "paragraph_open" and paragraph.map == [line, line + 1], (text, line)
        assert inline.content == rest
        old_piece = md.renderInline(doc.lines[line][finding.end - doc.line_starts[line] :].strip())
        assert md.renderer.renderInline(inline.children or [], md.options, {}) == old_piece
    new_leaves = [
        leaf
        for leaf in _leaves(tokens)  # all but the new items' own text
        if not (leaf[0] in fixed_lines and ("list_item_open", leaf[4][-2][1], leaf[0]) in leaf[4])
    ]
    assert new_leaves == _expected_leaves(doc, fixed_lines), text
