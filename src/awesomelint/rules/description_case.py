"""description-case: an entry's description that starts with a lower-case word (names pass).

Under `profile: awesome`: a description starts like a sentence; a first word written in
lower case by its owner (npm, webpack, pywal) is a name, not a slip.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from .. import data
from ..engine.context import Context
from ..engine.registry import AWESOME, FixAvailability, rule
from ..findings import Edit, Finding, Fix, Severity
from ..model.described import Described, entries_with_text

_FIRST_WORD = re.compile(r"[^\s\-;./']+")


@cache
def _lowercase_names() -> frozenset[str]:
    return frozenset(data.load("lowercase_names")["names"])


def _cased_script(char: str) -> bool:
    """Latin, Greek or Cyrillic: the scripts with upper and lower case."""
    if not char.isalpha():
        return False
    name = unicodedata.name(char, "")
    return name.startswith(("LATIN", "GREEK", "CYRILLIC"))


@rule(
    "description-case",
    summary="An entry's description that starts with a lower-case word (brand names like npm, iOS and macOS pass).",
    severity=Severity.WARNING,
    fix=FixAvailability.UNSAFE,
    fix_note="capitalize the first letter",
    bad="- [Alpha](https://alpha.example/) - a tool for things.",
    good="- [Alpha](https://alpha.example/) - A tool for things.",
    profile=AWESOME,
)
def description_case(ctx: Context) -> Iterator[Finding]:
    """Descriptions start like sentences. Names pass: a first word written in lower
    case by its owner (npm, webpack: rules/lowercase_names.yaml), one with an inner
    capital (iOS, jQuery, gRPC), a digit or code punctuation (rebar3, go:generate),
    one that is part of the entry's own name or address ('gonum' for gonum/plot,
    'isatty' for go-isatty), or another entry's name ('logrus' where logrus is
    listed), an address or file name ('deezer.com'), a word no English word list has
    ('pywal', 'sklearn': a name as its owner writes it), and a description that starts
    with a link. So do starts with a digit, a quote or '@#/$~&%', and scripts with no
    case (Chinese, Japanese, Arabic…). The fix is unsafe: a person knows whether the
    word is a name."""
    entries = entries_with_text(ctx.doc)
    listed = {e.title.strip().casefold() for e in entries}  # 'logrus plug-in for…': logrus is an entry too
    for entry in entries:
        text = entry.text
        if not text or text[0] in "@#/$~&%\"'“‘(`[0123456789" or not _cased_script(text[0]):
            continue
        word_match = _FIRST_WORD.match(text)
        word = word_match.group(0) if word_match else ""
        letters = "".join(c for c in word if c.isalpha())
        if not letters or letters != letters.lower() or word.casefold() in _lowercase_names():
            continue
        if any(c.isdigit() or c in ":_@" for c in word) or text.casefold().startswith(entry.title.strip().casefold()):
            continue  # an identifier, or the project's own lower-case name (description-repeats-name says the rest)
        if word.casefold() in _name_words(entry) or word.casefold() in listed:
            continue  # 'gonum…' under gonum/plot, 'logrus…' where logrus is listed: a name
        if text[len(word) : len(word) + 2][:1] == "." and text[len(word) + 1 : len(word) + 2].isalpha():
            continue  # 'deezer.com…', 'setup.py…': an address or a file's name
        if ctx.doc.text[entry.separator_end : entry.separator_end + 1] == "[":
            continue  # it starts with a link: its label is a name, not a sentence's first word
        if not _english(word):
            continue  # 'pywal…', 'sklearn…', 'libyaml…': no English word, so a name written as its owner writes it
        start = entry.separator_end
        fix = None
        if ctx.doc.text[start : start + 1] == text[0]:
            fix = Fix.unsafe(Edit(start, start + 1, text[0].upper()))
        yield ctx.finding(
            start,
            start + len(word),
            f"description of '{entry.title}' starts with lower-case '{word}'",
            fix=fix,
            entry=entry.title,
        )


def _english(word: str) -> bool:
    """Is ``word`` English (the off-topic rule's English word table, or a function word)?"""
    folded = word.casefold()
    return len(folded) <= 2 or folded in data.table("background_en") or folded in _function_words()


@cache
def _function_words() -> frozenset[str]:
    return frozenset(data.load("stopwords")["words"])


def _name_words(entry: Described) -> set[str]:
    """The words of an entry's name and address ('gonum', 'plot' for [gonum/plot](…/gonum/plot))."""
    return set(re.split(r"[^\w]+|_", f"{entry.title} {entry.url}".casefold())) - {""}
