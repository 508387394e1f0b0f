"""Untrusted lists in CI: inert output, error paths, the comment grammar, files, sizes, fuzzing.

Size checks compare the CPU time of an input with that of one four times smaller: linear
code takes about four times as long, quadratic code sixteen. The bound (10) sits between;
no absolute time is asserted anywhere.
"""

from __future__ import annotations

import os
import string
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from awesomelint.cli import main
from awesomelint.engine.config import Config, parse_config
from awesomelint.engine.fix import FixError, FixOutcome, fix_document
from awesomelint.engine.linter import lint
from awesomelint.errors import InputError
from awesomelint.findings import Finding, Severity
from awesomelint.model.brokenlinks import broken_links
from awesomelint.model.document import Document
from awesomelint.model.entries import entries_of
from awesomelint.model.linkspans import parsed_links
from awesomelint.report import FORMATTERS, locate
from awesomelint.report.full import render as full_render

FIXTURES = Path(__file__).parent / "fixtures" / "fuzz"

# terminal injection ---------------------------------------------------------------

HOSTILE = (
    "entry \x1b[31mred\x1b[0m \x07bell \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ \u202eevil\u202c \x9b31m"
)


@pytest.mark.parametrize("fmt", ["full", "concise", "github", "markdown"])
def test_control_characters_from_a_list_never_reach_the_terminal(fmt: str) -> None:
    doc = Document.from_text(f"# T\n\n- {HOSTILE}\n", "list\x1b[2J.md")
    start = doc.text.index("entry")
    located = locate(
        doc, [Finding("missing-link", f"entry '{HOSTILE}' has no link", start, start + 30, Severity.WARNING)]
    )
    out = full_render(located, colour=False) if fmt == "full" else FORMATTERS[fmt](located)
    for raw in ("\x1b", "\x07", "\u202e", "\x9b"):
        assert raw not in out, (fmt, raw)
    assert "\\x1b" in out


def test_the_caret_stays_under_the_finding_when_escapes_widen_the_line() -> None:
    doc = Document.from_text("# T\n\n- \x1b\x1b [a](http://github.com/o/a)\n")
    located = locate(doc, lint(doc, Config(), only=["insecure-url"]).findings)
    source, caret = full_render(located).splitlines()[1:3]
    assert source[caret.index("^")] == "["


# error paths ----------------------------------------------------------------------


def test_an_unknown_rule_in_a_comment_is_a_finding_and_the_files_are_checked(runner: CliRunner, tmp_path: Path) -> None:
    bad, good = tmp_path / "a.md", tmp_path / "b.md"
    bad.write_text("# A\n\n<!-- awesomelint-disable no-such-rule -->\n- [x](https://paper.link)\n")
    good.write_text("# B\n\n- [y](https://paper.link)\n")
    for command in (["check", "--format", "concise"], ["fix", "--check"]):
        result = runner.invoke(main, [*command, str(bad), str(good)])
        assert result.exit_code in (0, 1), command
        assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    stdout = runner.invoke(main, ["check", "--format", "concise", str(bad), str(good)]).stdout
    assert f"{bad}:3:1: invalid-comment unknown rule 'no-such-rule' in awesomelint comment" in stdout
    assert f"{bad}:4:3: placeholder-url" in stdout and f"{good}:3:3: placeholder-url" in stdout


@pytest.mark.parametrize(
    "data, says",
    [
        (b"\x00" * 64, "NUL byte"),
        ("# T\n".encode("utf-16"), "UTF-16"),
        ("# T\n".encode("utf-16-be").join([b"\xfe\xff", b""]), "UTF-16 big-endian"),
        (b"# T\n\xe9\n", "invalid byte 0xE9"),
    ],
)
def test_input_that_is_not_utf8_is_one_line_and_exit_2(
    runner: CliRunner, tmp_path: Path, data: bytes, says: str
) -> None:
    path = tmp_path / "README.md"
    path.write_bytes(data)
    for command in (["check"], ["fix"], ["links", "--no-cache"], ["export"]):
        result = runner.invoke(main, [*command, str(path)])
        assert result.exit_code == 2 and says in result.stderr, command
        assert len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == data


def test_a_file_over_the_size_limit_is_not_read(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    with open(path, "wb") as stream:  # 200 MB without writing them: a sparse file
        stream.truncate(200 * 1024 * 1024)
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "200.0 MB, over the 20 MB limit" in result.stderr
    small = tmp_path / "small.md"
    small.write_text("# T\n\n" + "- [a](https://a.example/) - a\n" * 40000)  # about 1.2 MB
    (tmp_path / ".awesomelint.yaml").write_text("max-size-mb: 1\n")
    assert "over the 1 MB limit" in runner.invoke(main, ["check", str(small)]).stderr
    with pytest.raises(InputError, match="max-size-mb"):
        parse_config({"max-size-mb": "big"})


# the inline-comment grammar ----------------------------------------------------------


def test_enable_after_a_bare_disable_turns_that_rule_back_on() -> None:
    text = (
        "# T\n\n<!-- awesomelint-disable -->\n- [a](http://github.com/a/b?utm_source=x)\n"
        "<!-- awesomelint-enable insecure-url -->\n- [b](http://github.com/c/d?utm_source=x)\n"
        "<!-- awesomelint-enable -->\n- [c](https://t.co/x)\n"
    )
    doc = Document.from_text(text)
    found = [
        (doc.position(f.start)[0], f.rule)
        for f in lint(doc, Config(), only=["insecure-url", "tracking-param", "url-shortener"]).findings
    ]
    assert found == [(6, "insecure-url"), (8, "url-shortener")]


# files ----------------------------------------------------------------------------


def test_fix_writes_through_a_symlink_inside_the_repository(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    target = tmp_path / "docs" / "list.md"
    target.parent.mkdir()
    target.write_text("# T\n\n- [a](http://github.com/o/a) - a\n")
    os.chmod(target, 0o640)
    link = tmp_path / "README.md"
    link.symlink_to(target)
    assert runner.invoke(main, ["fix", str(link)]).exit_code == 0
    assert link.is_symlink() and "https://github.com/o/a" in target.read_text()
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)


def test_fix_refuses_a_symlink_out_of_the_repository(
    runner: CliRunner, tmp_path_factory: pytest.TempPathFactory
) -> None:
    repo, elsewhere = tmp_path_factory.mktemp("repo"), tmp_path_factory.mktemp("elsewhere")
    (repo / ".git").mkdir()
    outside = elsewhere / "secret.md"
    outside.write_text("# T\n\n- [a](http://github.com/o/a) - a\n")
    (repo / "README.md").symlink_to(outside)
    result = runner.invoke(main, ["fix", str(repo / "README.md")])
    assert result.exit_code == 2 and "outside the repository" in result.stderr
    assert "http://github.com/o/a" in outside.read_text()


def test_fix_never_overwrites_a_file_changed_while_it_ran(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import awesomelint.engine.fix as fix_engine

    path = tmp_path / "README.md"
    path.write_text("# T\n\n- [a](http://github.com/o/a) - a\n")
    original = fix_engine.fix_document

    def slow_fix(doc: Document, *args: Any, **kwargs: Any) -> FixOutcome:
        outcome = original(doc, *args, **kwargs)
        path.write_text("# T\n\nsomeone else's edit\n")  # an editor saved meanwhile
        return outcome

    monkeypatch.setattr(fix_engine, "fix_document", slow_fix)
    result = runner.invoke(main, ["fix", str(path)])
    assert result.exit_code == 2 and "changed on disk" in result.stderr
    assert path.read_text() == "# T\n\nsomeone else's edit\n"


# sizes ----------------------------------------------------------------------------


def _cpu(text: str) -> float:
    """The least CPU time of three runs (the least is the one no other process disturbed)."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        doc = Document.from_text(text, "README.md")
        lint(doc, Config())
        best = min(best, time.process_time() - started)
    return best


BOUND = 10  # linear code takes about 4x as long on 4x the input, quadratic 16x
FLOOR = 0.05  # seconds: below this, start-up noise, not the input, decides

SHAPES = {
    "deep blockquote": lambda n: ">" * (2500 * n) + " x\n",
    "deep list": lambda n: "- " * (2500 * n) + "x\n",
    "brackets": lambda n: "[" * (25000 * n) + "\n",
    "parentheses": lambda n: "(" * (25000 * n) + "\n",
    "one long line": lambda n: "word http://x.org/a " * (10000 * n) + "\n",
    "wide table row": lambda n: (
        "|"
        + "|".join(f"h{i}" for i in range(250 * n))
        + "|\n|"
        + "---|" * (250 * n)
        + "\n|"
        + "|".join(f"[c{i}](https://x.org/{i})" for i in range(250 * n))
        + "|\n"
    ),
    "nested link openings": lambda n: "[a](" * (5000 * n) + "\n",
    "many entries": lambda n: (
        "# T\n\n## S\n\n" + "".join(f"- [e{i}](https://e{i}.example/) - entry {i}.\n" for i in range(2500 * n))
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
def test_pathological_shapes_grow_linearly(shape: str) -> None:
    make = SHAPES[shape]
    small, large = _cpu(make(1)), _cpu(make(4))
    assert large <= BOUND * max(small, FLOOR), (shape, small, large)


@pytest.mark.slow
def test_a_paragraph_of_thousands_of_links_is_read_for_broken_ones_in_linear_time() -> None:
    """One inline token holding thousands of links (lines of '-[x](…)', a marker with no
    space): asking whether each ']( ' belongs to a parsed link must not compare it with
    every link."""

    def cost(n: int) -> float:
        doc = Document.from_text("# T\n\n" + "".join(f"-[e{i}](https://e.example/{i}) x\n" for i in range(n)))
        doc.derived(parsed_links)
        started = time.process_time()
        broken_links(doc)
        return time.process_time() - started

    small, large = cost(2000), cost(8000)
    assert large <= BOUND * max(small, FLOOR), (small, large)


ADVERSARIAL_LINES = [
    "[" * 100,
    "](" * 50,
    "http://" * 14,
    "a" * 99 + "!",
    "Ã" * 100,
    "ğŸ" * 50,
    "| " * 50,
    "<!--" * 25,
    "*_" * 50,
    "www." * 25,
    "[a](https://x.org/" + "(" * 80,
    "\\" * 100,
]


@pytest.mark.parametrize("line", ADVERSARIAL_LINES, ids=range(len(ADVERSARIAL_LINES)))
def test_rule_patterns_on_100_kb_adversarial_lines(line: str) -> None:
    """Every rule's own patterns on one 100 KB line of a shape that makes backtracking
    engines explode, against the same line at 25 KB."""

    def text(kb: int) -> str:
        return "# T\n\n- " + (line * (kb * 1024 // len(line) + 1))[: kb * 1024] + "\n"

    small, large = _cpu(text(25)), _cpu(text(100))
    assert large <= BOUND * max(small, FLOOR), (line[:10], small, large)


def test_config_patterns_run_on_a_linear_engine(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("# T\n\n- [a](https://x.org/" + "a" * 50000 + "!) - a\n")
    (tmp_path / ".awesomelint.yaml").write_text("placeholder-url: {extend-patterns: ['(a+)+b']}\n")
    result = runner.invoke(main, ["check", str(path)])  # Python's engine would take longer than the universe
    assert result.exit_code == 0, result.output
    (tmp_path / ".awesomelint.yaml").write_text("placeholder-url: {extend-patterns: ['(a)\\1']}\n")
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "extend-patterns" in result.stderr and "RE2" in result.stderr


# fuzzing ------------------------------------------------------------------------------

_odd = st.sampled_from(
    [
        "\u200d",
        "\ufe0f",
        "\u202e",
        "\x1b[31m",
        "\x07",
        "\x00"[:0],
        "ğŸ§ ",
        "Ã©",
        "中文",
        "👩‍🔬",
        "\t",
        "\r",
        "&amp;",
        "\\",
        "`",
        "*",
        "_",
        "~",
    ]
)
_word = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8) | _odd
_url = st.sampled_from(
    [
        "https://github.com/a/b",
        "http://x.org/p?utm_source=s",
        "https://paper.link",
        "#sec",
        "./#a",
        "www.x.org",
        "https://t.co/x",
        "",
        "<https://a.b>",
        "https://x.org/a_(b)",
    ]
)
_inline = st.one_of(
    _word,
    st.builds(lambda t, u: f"[{t}]({u})", _word, _url),
    st.builds(lambda t, a, b: f"[{t}]({a}]({b})", _word, _url, _url),
    st.builds(lambda t, u: f"[{t}] ({u})", _word, _url),
    st.builds(lambda t, u: f"[{t}]([{u})", _word, _url),
    st.builds(lambda t, u: f"![{t}]({u})", _word, _url),
    st.builds(lambda t: f"`{t}`", _word),
    st.builds(lambda t: f"<span>{t}</span>", _word),
    st.just("<!-- awesomelint-disable -->"),
    st.just("<!-- awesomelint-enable insecure-url -->"),
)
_line_text = st.lists(_inline, min_size=1, max_size=4).map(" ".join)
_block = st.one_of(
    st.builds(
        lambda d, m, t: "  " * d + f"{m} {t}",
        st.integers(0, 3),
        st.sampled_from(["-", "*", "+", "1.", "2)"]),
        _line_text,
    ),
    st.builds(lambda d, t: ">" * d + f" {t}", st.integers(1, 4), _line_text),
    st.builds(lambda h, t: "#" * h + f" {t}", st.integers(1, 6), _line_text),
    st.builds(lambda cells: "| " + " | ".join(cells) + " |", st.lists(_line_text, min_size=1, max_size=4)),
    st.just("|---|---|"),
    st.just("| --- |"),
    st.just("```"),
    st.just("~~~"),
    st.just("<div>"),
    st.just("</div>"),
    st.just(""),
    st.just("* * [x](https://x.org)"),
    st.just("---"),
    _line_text,
)


@given(st.lists(_block, max_size=16))
def test_fuzz_the_whole_pipeline(lines: list[str]) -> None:
    """decode -> parse -> entries -> every rule -> report -> fix -> verify, on generated lists.
    `HYPOTHESIS_PROFILE=fuzz pytest tests/test_hardening.py -k fuzz` runs it for longer."""
    text = "\n".join(lines) + "\n"
    _pipeline(text)


def _pipeline(text: str) -> None:
    doc = Document.from_text(text, "fuzz.md")
    entries_of(doc)
    located = locate(doc, lint(doc, Config()).findings)
    for fmt, render in FORMATTERS.items():
        out = render(located)
        assert "\x1b" not in out or fmt in ("json", "sarif")
    try:
        once = fix_document(doc, Config())
    except FixError:
        return  # refusing to write is allowed; anything else is a bug
    assert fix_document(Document.from_text(once.text, "fuzz.md"), Config()).text == once.text


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.md")), ids=lambda p: p.name)
def test_fuzz_regressions(path: Path) -> None:
    """Inputs fuzzing once broke, kept as fixtures."""
    _pipeline(path.read_bytes().decode("utf-8"))  # bytes: read_text would turn a bare CR into LF


def test_printable_punctuation_soup_survives() -> None:
    _pipeline("".join(string.punctuation[i % 32] for i in range(5000)) + "\n")
