"""url-invisible-char: invisible characters in a link's address, removed from the address only."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from awesomelint.engine.config import Config
from awesomelint.engine.fix import fix_document
from awesomelint.model.document import Document

from ..conftest import findings

RULE = "url-invisible-char"
ONLY = Config(select={RULE}, layout=None)
INVISIBLE = "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2060\u2066\u2069\ufeff"


def _fixed(text: str) -> str:
    return fix_document(Document.from_text(text), ONLY).text


def test_each_kind_of_address_is_read() -> None:
    for text in (
        "[Alpha](https://alpha.example/a\u200bb)",
        "<https://alpha.example/a\u200bb>",
        "see https://alpha.example/a\u200bb today",
        "![logo](https://alpha.example/a\u200e.png)",
        "[Alpha][a]\n\n[a]: https://alpha.example/a\u200bb\n",
        '[Alpha][a]\n\n[a]:\n  https://alpha.example/a\u200bb "title"\n',
    ):
        assert len(findings(text, RULE)) == 1, text
        assert "\u200b" not in _fixed(text) and "\u200e" not in _fixed(text), text


def test_a_definition_is_fixed_for_every_reference_to_it() -> None:
    text = (
        "- [Alpha][REF] and [Beta][]\n\n[ref]: https://alpha.example/a\u200bb\n[beta]: <https://beta.example/\u200b>\n"
    )
    assert [f.message.split(" has ")[0] for f in findings(text, RULE)] == ["definition '[ref]'", "definition '[beta]'"]
    assert (
        _fixed(text)
        == "- [Alpha][REF] and [Beta][]\n\n[ref]: https://alpha.example/ab\n[beta]: <https://beta.example/>\n"
    )


def test_message_names_the_character_and_the_link() -> None:
    (finding,) = findings("- [Alpha](https://alpha.example/\u00ad\u200bx)", RULE)
    assert "U+00AD SOFT HYPHEN and U+200B ZERO WIDTH SPACE" in finding.message
    assert "'Alpha'" in finding.message


def test_only_the_address_changes() -> None:
    text = '- [Al\u200bpha](<https://alpha.example/a\u200bb> "ti\u200btle") \u200b text\u200b\n'
    assert _fixed(text) == '- [Al\u200bpha](<https://alpha.example/ab> "ti\u200btle") \u200b text\u200b\n'


def test_invisible_characters_outside_addresses_pass() -> None:
    # a joiner inside an emoji, a zero-width space in link text (seen in a real list: '[\u200b助田一晟](…)'),
    # soft hyphens in prose and titles, code, HTML
    text = (
        "- [Wormholy](https://github.com/pmusolino/Wormholy) - like a wizard \U0001f9d9\u200d.\n"
        "| [\u200b助田一晟](https://scholar.google.co.jp/) | con\u00adcurrent |\n\n"
        "`https://alpha.example/a\u200bb`\n\n```\n[x](https://alpha.example/a\u200bb)\n```\n\n"
        '<a href="https://alpha.example/a\u200bb">html is not read</a>\n'
    )
    assert findings(text, RULE) == []


def test_a_split_scheme_is_reported_without_a_fix() -> None:
    text = "- Alpha: htt\u200bps://alpha.example/a\n"
    (finding,) = findings(text, RULE)
    assert finding.fix is None and "https://" in finding.message
    assert findings("- [htt\u200bps://alpha.example](https://alpha.example/)", RULE) == []  # link text


def test_a_definition_inside_a_paragraph_is_text_with_a_bare_url() -> None:
    (finding,) = findings("Some text\n[a]: https://alpha.example/a\u200bb\n", RULE)
    assert finding.message.startswith("link 'https://alpha.example/a")


# --- the property: after the fix, the address lost exactly its invisible characters, and
# every byte outside it is as it was

_url_chars = st.sampled_from(list("abcxyz019-._~/?=&%#"))
_invisible = st.sampled_from(list(INVISIBLE))


@st.composite
def _with_invisible(draw: st.DrawFn, base: st.SearchStrategy[str], at_least_one: bool = True) -> str:
    text = draw(base)
    inserts = draw(st.lists(st.tuples(st.integers(0, len(text)), _invisible), min_size=int(at_least_one), max_size=4))
    for position, char in sorted(inserts, reverse=True):
        text = text[:position] + char + text[position:]
    return text


_lead = st.text(_invisible, max_size=1)  # before the 'h' of 'https'
_scheme = st.lists(st.tuples(st.integers(1, 7), _invisible), max_size=2).map(  # inside 'https://'
    lambda inserts: "".join("https://"[i] + "".join(c for at, c in inserts if at == i + 1) for i in range(8))
)
_path = _with_invisible(st.text(_url_chars, min_size=0, max_size=12).map(lambda p: "alpha.example/" + p + "z"))
_words = _with_invisible(st.text(st.sampled_from(list("Alpha beta")), min_size=1, max_size=8), at_least_one=False)


def _shapes(text: str, target: str, title: str, around: str) -> list[tuple[str, str, str]]:
    """(before, target, after) for each way of writing a link with this target."""
    return [
        (f"- {around} [{text}](", target, f") {around}\n"),
        (f"- [{text}](<", target, f'> "{title}") {around}\n'),
        (f"- [{text}](", target, f' "{title}")\n'),
        (f"{around} <", target, f"> {around}\n"),
        (f"- {around}see ", target, f" {around}\n"),
        (f"| {around} | ![{text}](", target, ") |\n"),
        (f"- [{text}][ref] {around}\n\n[ref]: ", target, f' "{title}"\n'),
    ]


BARE = (3, 4)  # '<https://…>' and a bare URL: only a whole 'https://' makes a link


def _clean(text: str) -> str:
    return "".join(c for c in text if c not in INVISIBLE)


@given(_words, _lead, _scheme, _path, _words, _words, st.integers(0, 6))
def test_fix_removes_exactly_the_invisible_characters_of_the_address(
    text: str, lead: str, scheme: str, path: str, title: str, around: str, shape: int
) -> None:
    before, written, after = _shapes(text, lead + scheme + path, title, around)[shape]
    if shape == 5:
        before = "| A | B |\n|---|---|\n" + before
    source = before + written + after
    fixed = _fixed(source)
    autolink = shape == 3 and not lead and scheme.startswith("https:")  # '<https:…>' needs only the scheme whole
    if shape in BARE and not autolink and scheme != "https://":
        assert fixed == source  # no link was made: reported, never rewritten
        return
    # a bare address starts at its scheme: what is written before it is not in the address
    expected = before + (lead + _clean(scheme + path) if shape in BARE and not autolink else _clean(written)) + after
    assert fixed == expected
    assert findings(fixed, RULE) == []
