"""mixed-script: Latin words holding lookalike letters of another script; symbols and other languages pass."""

from __future__ import annotations

import string
import subprocess
import sys
import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from awesomelint import data
from awesomelint.engine.fix import apply_edits
from awesomelint.rules.mixed_script import _latin_for

from ..conftest import findings

RULE = "mixed-script"


def _words(text: str) -> list[str]:
    return [f.message.split("'")[1] for f in findings(text, RULE)]


def test_a_cyrillic_letter_in_a_latin_word() -> None:
    # the shape met in a real list: Apache Bench's 'ab' written with a Cyrillic А
    (finding,) = findings("- [go-benchmark-app](https://github.com/a/b) - HTTP tool mixed with \u0410b, Wrk.", RULE)
    assert "U+0410 CYRILLIC CAPITAL LETTER A looks like Latin 'A'" in finding.message
    assert finding.fix is not None and finding.fix.applicability.value == "unsafe"
    assert [(e.content) for e in finding.fix.edits] == ["A"]
    assert _words("- [Frappucсino](https://t.me/x) - Frappucсino's space") == ["Frappucсino", "Frappucсino"]


def test_greek_capitals_and_omicron_inside_latin_words() -> None:
    assert _words("| [Jubler](https://github.com/teras/Jubler) | Jubler Subtitle \u0395ditor |") == ["\u0395ditor"]
    assert _words("\u0391laskaJazz and G\u03bfogle") == ["\u0391laskaJazz", "G\u03bfogle"]


def test_greek_symbols_pass() -> None:
    text = (
        "- [μTransfer](https://x.org) - μP for αβ-CROWN, π-Bot, ε-greedy, λ-calculus, Ω-Net, ΔNet.\n"
        "- [jOOλ](https://github.com/jOOQ/jOOL) - Java 8 lambdas.\n"
        "- µframework and Venµs (the micro sign), PH² (a superscript), αDiff and νLLM (lower-case Greek\n"
        "  letters that look like Latin ones, as prefixes).\n"
    )
    assert findings(text, RULE) == []


def test_other_languages_pass() -> None:
    text = (
        "# Подборка скиллов для AI-агентов\n\n"
        "- [yax](https://x.org) - Яндекс 360: Диск, Календарь, Почта; Москвa (a Latin letter in a Russian word "
        "is left alone).\n"
        "- [Podcast](https://x.org) - Ελληνικό podcast για τεχνολογία, DevOps και Cloud.\n"
        "- [ChatGLM](https://x.org) - 收集和梳理中文LLM相关的开源模型, 日本語LLMまとめ, 한국어LLM.\n"
    )
    assert findings(text, RULE) == []


def test_only_text_a_reader_sees_is_read() -> None:
    text = (
        '- [Alpha](https://x.org/\u0410b "\u0410b title") `\u0410b` https://x.org/\u0410b ![\u0410b](x.png)\n'
        '<span title="\u0410b">html</span>\n\n```\nH\u0435llo\n```\n\n<div>H\u0435llo</div>\n'
    )
    assert findings(text, RULE) == []
    # link text, headings and table cells are read
    assert _words("# H\u0435llo\n\n| A |\n|---|\n| H\u0435llo |\n\n[H\u0435llo](https://x.org)\n") == ["H\u0435llo"] * 3


def test_capital_iota_is_fixed_to_capital_i() -> None:
    # the confusables data gives Greek 'Ι' only 'l'; 'I' looks like 'l' too, and keeps the case
    (finding,) = findings("\u0399BM", RULE)
    assert finding.fix is not None
    assert [e.content for e in finding.fix.edits] == ["I"]


def test_the_scripts_said_to_have_no_lookalikes_have_none() -> None:
    from confusable_homoglyphs import confusables

    unmistakable = tuple(data.load("mixed_script")["unmistakable"].split())
    wrong = [
        char
        for char, glyphs in confusables.confusables_data.items()
        if len(char) == 1
        and char.isalpha()
        and unicodedata.name(char, "").startswith(unmistakable)
        and _latin_for(char, glyphs) is not None
    ]
    assert wrong == []
    for char in data.load("mixed_script")["greek-slips"].split():
        assert unicodedata.name(char).startswith("GREEK SMALL") and _latin_for(char, confusables.confusables_data[char])


def test_the_library_is_loaded_only_for_a_word_worth_asking_about(tmp_path: Path) -> None:
    quiet = tmp_path / "quiet.md"
    quiet.write_text("# List\n\n- [café](https://x.org) - μTransfer, jOOλ, 中文LLM, LLMまとめ, Москва, Venµs.\n")
    asked = tmp_path / "asked.md"
    asked.write_text("# List\n\n- [Alpha](https://x.org) - H\u0435llo.\n")
    probe = (
        "import sys\nfrom awesomelint.engine.config import Config\nfrom awesomelint.model.document import Document\n"
        "from awesomelint.engine.linter import lint\n"
        f"found = lint(Document.from_path(sys.argv[1]), Config(), only=['{RULE}']).findings\n"
        "print(len(found), 'loaded' if 'confusable_homoglyphs' in sys.modules else 'not loaded')"
    )
    for path, expected in ((quiet, "0 not loaded"), (asked, "1 loaded")):
        result = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=False)
        assert result.stdout.strip() == expected, result.stderr


# --- the property: the fix changes only the lookalike letters, each to an ASCII letter


def _twins() -> dict[str, list[str]]:
    """ASCII letter -> Cyrillic letters and Greek capitals the confusables data says look like it."""
    from confusable_homoglyphs import confusables

    found: dict[str, list[str]] = {}
    for char, glyphs in confusables.confusables_data.items():
        if len(char) != 1 or not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        if name.startswith("CYRILLIC") or name.startswith("GREEK CAPITAL"):
            for glyph in glyphs:
                if glyph["c"] in string.ascii_letters:
                    found.setdefault(glyph["c"], []).append(char)
    return found


TWINS = _twins()


@st.composite
def _slipped_word(draw: st.DrawFn) -> tuple[str, list[int]]:
    word = draw(st.text(st.sampled_from(sorted(TWINS)), min_size=3, max_size=10))
    positions = draw(st.sets(st.integers(0, len(word) - 1), min_size=1, max_size=max(1, len(word) // 2)))
    letters = list(word)
    for position in positions:
        letters[position] = draw(st.sampled_from(TWINS[word[position]]))
    return "".join(letters), sorted(positions)


_around = st.sampled_from(
    ["- [Tool](https://x.org/p) - A {} library.", "# {} tools", "| {} | ok |", "Use [{}](https://x.org)."]
)


@given(_slipped_word(), _around)
def test_the_fix_rewrites_only_the_lookalike_letters(slipped: tuple[str, list[int]], around: str) -> None:
    word, positions = slipped
    text = around.format(word) + "\n"
    if around.startswith("|"):
        text = "| Name | Note |\n|---|---|\n" + text
    (finding,) = findings(text, RULE)
    start = text.index(word)
    assert finding.fix is not None
    assert sorted(e.start - start for e in finding.fix.edits) == positions
    fixed = apply_edits(text, sorted(finding.fix.edits, key=lambda e: e.start))
    assert len(fixed) == len(text)
    assert all(fixed[i] == text[i] for i in range(len(text)) if i - start not in positions)
    assert all(fixed[start + i] in string.ascii_letters for i in positions)
    assert findings(fixed, RULE) == []
