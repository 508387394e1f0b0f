"""mixed-script: a word of Latin letters holding a lookalike from another script ('Аpple' with a Cyrillic А).

The lookalikes are read through the Unicode confusables data."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any

from .. import data
from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Edit, Finding, Fix, Severity
from ..model.document import Document
from ..model.linkspans import Link
from ..model.spans import Spans

_WORD = re.compile(r"[^\W\d_]+")  # a run of letters (and a few other alphanumerics, dropped below)
# what the confusables data calls scripts that are no one's slip: styled letters (𝐁𝐨𝐥𝐝, ℓ, ℹ) and marks
_NOT_A_SCRIPT = frozenset({"COMMON", "INHERITED", "LATIN", "Unknown"})


@cache
def _confusables() -> tuple[Any, Any]:
    """confusable-homoglyphs' two modules, imported on the first word worth asking about:
    loading its data takes about 150 ms, and most lists never need it."""
    from confusable_homoglyphs import categories, confusables

    return confusables, categories


@cache
def _settings() -> tuple[tuple[str, ...], frozenset[str]]:
    """(scripts with no Latin lookalike, Greek lower-case letters that are slips), from rules/mixed_script.yaml."""
    loaded = data.load("mixed_script")
    return tuple(loaded["unmistakable"].split()), frozenset(loaded["greek-slips"].split())


@rule(
    "mixed-script",
    summary="A word mixing Latin letters with lookalikes from another script ('Аpple' with a Cyrillic А): it looks right, and search, sorting and duplicate checks miss it.",
    severity=Severity.WARNING,
    fix=FixAvailability.UNSAFE,
    fix_note="each foreign letter replaced by the Latin letter it looks like",
    bad="- [Fetch](https://github.com/fetch/fetch) - HTTP benchmark tool mixed with \u0410b and Wrk.",
    good="- [Fetch](https://github.com/fetch/fetch) - HTTP benchmark tool mixed with Ab and Wrk.",
)
def mixed_script(ctx: Context) -> Iterator[Finding]:
    """A Cyrillic 'А' or 'о', a Greek 'Ο' or 'Ρ' typed (or pasted) into a Latin word looks
    exactly right, but it is another character: a search for the name, alphabetical
    order and duplicate checks all miss the word. Which letters look alike is the
    Unicode confusables data (through confusable-homoglyphs); a letter counts when it
    looks like an ASCII letter.

    What counts: a word (a run of letters) of mostly Latin letters holding a Cyrillic
    (Armenian, Cherokee…) lookalike is always a slip; so is a Greek capital that looks
    like a Latin one ('ΑlaskaJazz') and the omicron. Lower-case Greek beside Latin is
    a symbol and passes: μTransfer, jOOλ, αβ-CROWN, ε-greedy (a hyphen ends a word
    anyway), as do Greek letters with no Latin twin (Ω-Net, ΔNet). Words mostly of
    another script (a Russian or Greek description) pass, and so do Chinese, Japanese
    and Korean words run together with Latin ones ('GPT模型'), whose scripts have no
    lookalikes. Only text a reader sees is read: not code, URLs, link targets or HTML.

    The fix is unsafe: it writes the Latin letter the data names, a guess at what was
    meant (and a fixed heading gets another anchor)."""
    doc = ctx.doc
    if doc.text.isascii() or not _holds_candidates(doc.text):
        return
    hidden: Spans | None = None
    for token in doc.tokens:
        if token.type != "inline" or not token.map or token.content.isascii() or not _holds_candidates(token.content):
            continue
        for match in _WORD.finditer(token.content):
            word = match.group()
            if word.isascii() or not _worth_asking(word):
                continue
            slips = _slips(word)
            if not slips:
                continue
            start, end = doc.inline_span(token, match.start(), match.end())
            if doc.text[start:end] != word or doc.in_code(start) or doc.in_html(start):
                continue
            if hidden is None:
                hidden = _not_seen(doc, ctx.links)
            if hidden.touches(start, end):
                continue
            yield _finding(ctx, start, end, word, slips)


def _finding(ctx: Context, start: int, end: int, word: str, slips: list[tuple[int, str]]) -> Finding:
    edits = [Edit(start + index, start + index + 1, latin) for index, latin in slips]
    named = "; ".join(
        f"U+{ord(word[index]):04X} {unicodedata.name(word[index], '?')} looks like Latin '{latin}'"
        for index, latin in slips
    )
    return ctx.finding(
        start, end, f"'{word}' mixes scripts: {named}", fix=Fix.unsafe(*edits), entry=ctx.entry_at(start)
    )


def _worth_asking(word: str) -> bool:
    """Does the word hold an ASCII letter and a letter that could look like one?"""
    return any(c.isascii() and c.isalpha() for c in word) and any(_could_look_latin(c) for c in set(word))


_ASCII = frozenset(map(chr, range(128)))


def _holds_candidates(text: str) -> bool:
    """Does the text hold any letter that could look like a Latin one? (Each distinct
    character is asked once: a Chinese list has thousands of words run together with
    Latin ones, and few distinct characters.)"""
    return any(_could_look_latin(c) for c in set(text) - _ASCII)


@cache
def _could_look_latin(char: str) -> bool:
    """A letter of a script that has Latin lookalikes, decided by its Unicode name alone,
    so the confusables data stays unloaded for plain text, accents (café), Greek symbols
    (jOOλ) and CJK text run together with Latin ('LLMまとめ')."""
    if char.isascii() or not char.isalpha():
        return False
    unmistakable, greek_slips = _settings()
    name = unicodedata.name(char, "")
    if name.startswith("GREEK") and char.islower() and char not in greek_slips:
        return False  # a symbol (see _slips)
    return not name.startswith("LATIN") and not name.startswith(unmistakable)


def _slips(word: str) -> list[tuple[int, str]]:
    """(index, Latin lookalike) of each letter of ``word`` that is a slip by the rule's
    reading; none when the word is mostly of another script."""
    confusables, categories = _confusables()
    found = confusables.is_confusable(word, greedy=True, preferred_aliases=["latin"]) or []
    greek_slips = _settings()[1]
    lookalikes: dict[str, str] = {}
    for entry in found:
        char, script = entry["character"], entry["alias"]
        if script in _NOT_A_SCRIPT or not unicodedata.category(char).startswith("L"):
            continue
        if script == "GREEK" and char.islower() and char not in greek_slips:
            continue  # a symbol: μTransfer, jOOλ
        latin = _latin_for(char, entry["homoglyphs"])
        if latin:
            lookalikes[char] = latin
    if not lookalikes:
        return []
    scripts = [categories.alias(char) for char in word if char.isalpha()]
    latin_count = scripts.count("LATIN")
    for script in {categories.alias(char) for char in lookalikes}:
        if scripts.count(script) > latin_count:
            return []  # a word of that script with Latin letters in it: not this rule's reading
    return [(index, lookalikes[char]) for index, char in enumerate(word) if char in lookalikes]


def _latin_for(char: str, homoglyphs: list[dict[str, str]]) -> str | None:
    """The ASCII letter ``char`` looks like, in its case where the data allows: the data
    gives Greek 'Ι' only 'l', and 'I' looks like 'l' too, so capital iota becomes 'I'."""
    candidates = [glyph["c"] for glyph in homoglyphs if len(glyph["c"]) == 1 and glyph["c"] in string.ascii_letters]
    if not candidates:
        return None
    same_case = [c for c in candidates if c.isupper() == char.isupper()]
    if same_case:
        return same_case[0]
    twins = _ascii_twins()
    for candidate in candidates:
        for twin in twins.get(candidate, ()):
            if twin.isupper() == char.isupper():
                return twin
    return candidates[0]


@cache
def _ascii_twins() -> dict[str, tuple[str, ...]]:
    """ASCII letter -> the other ASCII letters the confusables data says look like it ('l' -> 'I')."""
    confusables, _ = _confusables()
    twins: dict[str, list[str]] = {}
    for letter in string.ascii_letters:
        for glyph in confusables.confusables_data.get(letter, ()):
            if len(glyph["c"]) == 1 and glyph["c"] in string.ascii_letters and glyph["c"] != letter:
                twins.setdefault(glyph["c"], []).append(letter)
    return {letter: tuple(others) for letter, others in twins.items()}


def _not_seen(doc: Document, links: list[Link]) -> Spans:
    """Text a reader does not see as text: link targets and titles, bare and angle-bracket
    URLs, images (their alt text is a fallback)."""
    spans: list[tuple[int, int]] = []
    for link in links:
        if link.kind in ("autolink", "image"):
            spans.append((link.start, link.end))
        elif link.dest is not None:
            spans.append((link.dest[0], link.end))
    return Spans.merged(spans)
