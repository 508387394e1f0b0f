"""The server's pure parts: positions in the client's units, the editor's settings, the
edits that turn a buffer into what `fix` writes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from awesomelint.server.analysis import analyse
from awesomelint.server.positions import UTF8, UTF16, UTF32, Lines, units
from awesomelint.server.settings import Settings, parse_settings


def test_units_count_emoji_as_two_utf16_units_and_cjk_as_one() -> None:
    assert units("a😀b", UTF16) == 4 and units("a😀b", UTF32) == 3 and units("a😀b", UTF8) == 6
    assert units("中文", UTF16) == 2 and units("中文", UTF8) == 6
    assert units("é\u0301", UTF16) == 2  # a combining mark is a code unit of its own


def test_lines_put_an_offset_on_its_line_in_the_clients_units() -> None:
    lines = Lines("😀x\r\n中y\nz", UTF16)  # CRLF read as LF, as Document reads it
    assert lines.position(0) == (0, 0) and lines.position(1) == (0, 2) and lines.position(2) == (0, 3)
    assert lines.position(3) == (1, 0) and lines.position(4) == (1, 1)
    assert lines.position(6) == (2, 0) and lines.position(99) == (2, 1)


@given(st.text(alphabet=st.sampled_from("a\n中😀\U0001f3fd\u200d"), max_size=40), st.integers(0, 40))
def test_a_position_is_the_utf16_length_of_the_text_before_it_on_its_line(text: str, offset: int) -> None:
    offset = min(offset, len(text))
    line, character = Lines(text).position(offset)
    before = text[:offset]
    assert line == before.count("\n")
    assert character == len(before.rsplit("\n", 1)[-1].encode("utf-16-le")) // 2


def test_settings_are_read_flat_or_under_awesomelint_and_bad_values_are_named() -> None:
    assert parse_settings({"awesomelint": {"select": ["nested-link"], "online": True}}) == (
        Settings(select=("nested-link",), online=True),
        [],
    )
    assert parse_settings({"ignore": "layout, whitespace", "other-tool": 1})[0] == Settings(
        ignore=("layout", "whitespace")
    )
    settings, problems = parse_settings({"select": 3, "profile": "nope", "online": "yes"})
    assert settings == Settings() and len(problems) == 3
    assert parse_settings(None) == (Settings(), [])


def test_an_unknown_rule_in_the_settings_is_one_diagnostic_not_a_crash() -> None:
    analysis = analyse("# T\n", "README.md", Settings(select=("no-such-rule",)))
    assert analysis.problem is not None and analysis.problem.code == "config"
    assert "no-such-rule" in analysis.problem.message and analysis.located == []


@given(
    st.text(alphabet=st.sampled_from("ab\n😀中"), max_size=30),
    st.text(alphabet=st.sampled_from("ab\n😀中"), max_size=30),
)
def test_the_edit_from_a_buffer_to_fixs_text_makes_that_text(old: str, new: str) -> None:
    from awesomelint.server.actions import whole_text_edits
    from tests.lspclient import apply

    analysis = analyse(old, "README.md", Settings(select=()))
    edits = whole_text_edits(analysis, new)
    assert apply(old, edits) == new and len(edits) == (old != new)


def test_the_edit_keeps_a_crlf_buffers_line_ends() -> None:
    from awesomelint.server.actions import whole_text_edits
    from tests.lspclient import apply

    old = "# T\r\n\r\n- a\r\n- b\r\n"
    edits = whole_text_edits(analyse(old, "README.md", Settings(select=())), "# T\n\n- a\n- c\n- b\n")
    assert (
        len(edits) == 1 and edits[0].new_text == "c\r\n- " and apply(old, edits) == "# T\r\n\r\n- a\r\n- c\r\n- b\r\n"
    )
