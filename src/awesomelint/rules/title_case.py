"""title-case: the list's title is not in title case, or does not start with 'Awesome'.

Profile awesome: sindresorhus/awesome asks for '# Awesome Name of List'."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import AWESOME, FixAvailability, rule
from ..findings import Edit, Finding, Fix, Severity
from ..model.document import Document
from ..model.headings import Heading
from ..model.title import title_heading

_SMALL_WORDS = frozenset("a an and as at but by en for from if in nor of on or per the to v vs via with".split())


def _title_words(heading: Heading, doc: Document) -> list[tuple[int, str]]:
    """(absolute offset, word) of the title's own words (not its badges' alt text)."""
    start, end = doc.line_span(heading.line)
    line = doc.text[start:end]
    found = []
    for match in re.finditer(r"[^\s\[\]()!]+", line):
        if match.start() == 0 and set(match.group(0)) == {"#"}:
            continue
        before = line[: match.start()]
        if before.count("[") > before.count("]") or before.count("(") > before.count(")"):
            continue  # inside a badge's brackets or a link target
        found.append((start + match.start(), match.group(0)))
    return found


@rule(
    "title-case",
    summary="The list's title is not in title case, or does not start with 'Awesome' ('# Awesome Name of List').",
    severity=Severity.WARNING,
    fix=FixAvailability.UNSAFE,
    fix_note="capitalize the title's lower-case words",
    bad="# awesome static site generators",
    good="# Awesome Static Site Generators",
    profile=AWESOME,
)
def title_case(ctx: Context) -> Iterator[Finding]:
    """sindresorhus/awesome asks for '# Awesome Name of List'. A word is judged only
    when it is all lower case: acronyms, names with inner capitals (iOS, Node.js) and
    small words (of, and, the…) between other words are left as written."""
    heading = title_heading(ctx.doc)
    if heading is None or heading.line != heading.end_line:
        return
    words = _title_words(heading, ctx.doc)
    if not words:
        return
    edits = []
    for index, (at, word) in enumerate(words):
        letters = [c for c in word if c.isalpha()]
        if not letters or not letters[0].islower() or word != word.lower():
            continue
        small = word.casefold() in _SMALL_WORDS and 0 < index < len(words) - 1
        if not small:
            first = next(i for i, c in enumerate(word) if c.isalpha())
            edits.append(Edit(at + first, at + first + 1, word[first].upper()))
    start, end = ctx.doc.line_span(heading.line)
    if edits:
        yield ctx.finding(start, end, f"the title '{heading.shown}' is not in title case", fix=Fix.unsafe(*edits))
    if not re.match(r"awesome(?![^\W_])", words[0][1].strip("*_"), re.I):
        yield ctx.finding(start, end, f"the title '{heading.shown}' does not start with 'Awesome'")
