import pytest

from awesomelint.errors import InputError
from awesomelint.model.document import Document
from awesomelint.model.source import decode
from awesomelint.model.tables import split_row

from .conftest import SEEDS


def test_decode_keeps_bom_and_crlf_apart_from_text() -> None:
    text, bom, newline = decode("\ufeff# T\r\n\r\n- [a](https://a.io)\r\n".encode(), "x.md")
    assert bom and newline == "\r\n"
    assert text == "# T\n\n- [a](https://a.io)\n"


def test_invalid_utf8_names_byte_line_and_column() -> None:
    with pytest.raises(InputError, match=r"x.md: not UTF-8 text \(invalid byte 0xE9 at line 3, column 8\)"):
        decode(b"# T\n\nabc def\xe9\n", "x.md")


def test_binary_is_refused() -> None:
    with pytest.raises(InputError, match="not UTF-8 text"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00", "logo.md")


def test_link_spans_map_to_source_columns() -> None:
    doc = Document.from_text("| A | B |\n|---|---|\n| x | see [Code](https://github.com/a/b) |\n")
    from awesomelint.model.entries import links_of

    (link,) = links_of(doc)
    assert doc.text[link.start : link.end] == "[Code](https://github.com/a/b)"
    assert link.dest is not None
    assert doc.text[link.dest[0] : link.dest[1]] == "https://github.com/a/b"
    assert doc.position(link.start) == (3, 11)


def test_link_spans_in_blockquote_paragraph_lines() -> None:
    doc = Document.from_text("> first line\n> and [x](https://x.org/a) here\n")
    from awesomelint.model.entries import links_of

    (link,) = links_of(doc)
    assert doc.text[link.start : link.end] == "[x](https://x.org/a)"


def test_split_row_honours_escaped_pipes_and_optional_outer_pipes() -> None:
    cells = split_row("| a \\| b | c |")
    assert [c.text for c in cells] == ["a | b", "c"]
    assert [c.text for c in split_row("a | b")] == ["a", "b"]


def test_code_spans_and_fences_are_code() -> None:
    doc = Document.from_text("text `code [x](y)` more\n\n```\n[a](http://github.com/x)\n```\n")
    assert doc.in_code(doc.text.index("[x]"))
    assert doc.in_code(doc.text.index("[a]"))
    assert not doc.in_code(0)


def test_html_from_the_parsed_tokens_is_the_html_of_the_text() -> None:
    """fix compares HTML rendered from the document's own tokens instead of parsing again."""
    from markdown_it import MarkdownIt

    from awesomelint.model.markdown import parser, render_tokens

    for text in [path.read_text(encoding="utf-8") for path in SEEDS] + [
        "# A\n\n| a | b |\n|---|---|\n| [x](https://x.org) | y |\n"
    ]:
        doc = Document.from_text(text, "x.md")
        assert render_tokens(doc.tokens) == parser().render(doc.text)
        assert render_tokens(doc.tokens) != MarkdownIt().render("")
