"""url-invisible-char: an invisible character (zero-width space, soft hyphen, bidi mark…) inside a link's address."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from markdown_it.helpers import parseLinkDestination

from .. import data
from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Edit, Finding, Fix, Severity
from ..model.document import Document
from ..model.linkspans import Link
from ..model.spans import Spans


@cache
def _invisible() -> re.Pattern[str]:
    """A run of the characters of rules/invisible.yaml."""
    chars = "".join(chr(int(code.removeprefix("U+"), 16)) for code in data.load("invisible")["characters"].split())
    return re.compile(f"[{re.escape(chars)}]+")


def _names(text: str) -> str:
    """'U+200B ZERO WIDTH SPACE and U+00AD SOFT HYPHEN': each invisible character once, in order."""
    seen = dict.fromkeys(c for run in _invisible().findall(text) for c in run)
    named = [f"U+{ord(c):04X} {unicodedata.name(c, 'UNNAMED')}" for c in seen]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


@rule(
    "url-invisible-char",
    summary="An invisible character (zero-width space, soft hyphen, bidi mark…) in a link's address: the link looks right and leads nowhere.",
    severity=Severity.WARNING,
    fix=FixAvailability.SAFE,
    fix_note="remove them from the address; none where they split 'https://'",
    bad="- [Alpha](https://github.com/alpha/\u200balpha) - first",
    good="- [Alpha](https://github.com/alpha/alpha) - first",
)
def url_invisible_char(ctx: Context) -> Iterator[Finding]:
    """Text pasted from a PDF, a chat or a word processor brings characters that take no
    room on screen: zero-width spaces and joiners, soft hyphens, byte-order marks, bidi
    marks and overrides (rules/invisible.yaml). In a link's address GitHub keeps them
    (percent-encoded), so the link looks right and 404s. Inline, reference, autolink,
    bare-URL and image addresses are read; the fix removes exactly those characters from
    the address. In link text, titles and prose they are left alone (a joiner inside an
    emoji is meant). A bare 'https://' split by one is not linked at all: reported, with
    no fix, since the fix would make a new link."""
    doc = ctx.doc
    if doc.text.isascii() or _invisible().search(doc.text) is None:
        return
    targets: list[tuple[int, int]] = []
    for link in ctx.links:
        target = _target(doc, link)
        if target is None:
            continue
        targets.append(target)
        finding = _finding(ctx, link.start, link.end, target, _what(link))
        if finding is not None:
            yield finding
    yield from _definitions(ctx, targets)
    yield from _split_schemes(ctx, targets)


def _target(doc: Document, link: Link) -> tuple[int, int] | None:
    """Where the link's address is written: the destination of an inline link or image,
    the inside of '<https://…>', a bare URL whole. References are read at their definition."""
    if link.dest is not None:
        return link.dest
    if link.kind == "autolink" and doc.text[link.start : link.start + 1] == "<":
        return link.start + 1, link.end - 1
    return None


def _what(link: Link) -> str:
    if link.kind == "image":
        return f"image '{link.text}'" if link.text else "an image"
    if link.kind == "autolink":
        return f"link {link.url!r}"
    return f"link '{link.text}'"


def _finding(
    ctx: Context, start: int, end: int, target: tuple[int, int], what: str, users: tuple[Link, ...] = ()
) -> Finding | None:
    """The finding for one address, with the edit that drops its invisible characters.
    ``users`` are the reference links a definition's address serves: the fix changes
    their targets too, and says so with an empty edit at each (`fix` checks that every
    link no edit touches keeps its target)."""
    written = ctx.doc.text[target[0] : target[1]]
    runs = list(_invisible().finditer(written))
    if not runs:
        return None
    first, last = target[0] + runs[0].start(), target[0] + runs[-1].end()
    cleaned = _invisible().sub("", ctx.doc.text[first:last])
    message = (
        f"{what} has {_names(written)} in its address: invisible, but kept in the link, "
        "which then leads nowhere; remove it"
    )
    edits = [Edit(first, last, cleaned)] + [Edit(link.start, link.start, "") for link in users]
    return ctx.finding(start, end, message, fix=Fix.safe(*edits), entry=ctx.entry_at(start))


# a link reference definition's start: container prefix, '[label]:'
_DEFINITION = re.compile(r"^(?:[ \t]*>)*[ \t]*\[(?P<label>(?:[^\[\]\\]|\\.){1,999})\]:[ \t]*")
_BLOCKS = frozenset({"paragraph_open", "heading_open", "fence", "code_block", "html_block", "table_open", "hr"})


def _definitions(ctx: Context, targets: list[tuple[int, int]]) -> Iterator:
    """'[label]: https://…' definitions whose address holds an invisible character. Only
    lines with one are looked at; a definition is a line no other block took. The
    addresses reported are added to ``targets``."""
    doc = ctx.doc
    covered: set[int] | None = None
    reported: set[int] = set()
    read = Spans.merged(targets)
    for match in _invisible().finditer(doc.text):
        if read.touches(match.start(), match.end()):
            continue
        line = doc.position(match.start())[0] - 1
        if covered is None:
            covered = _block_lines(doc)
        for number in (line, line - 1):  # the address may sit on the line after '[label]:'
            if number < 0 or number in covered or number in reported or "]:" not in doc.lines[number]:
                continue
            target = _definition_target(doc, number)
            if target is not None and target[0] <= match.start() < target[1]:
                reported.add(number)
                targets.append(target)
                start, end = doc.line_span(number + 1)
                label = _DEFINITION.match(doc.lines[number])
                name = label.group("label") if label else ""
                users = tuple(
                    link
                    for link in ctx.links
                    if link.kind == "reference"
                    and (_label(doc, link) == _normal(name) or _invisible().search(link.url))
                )
                finding = _finding(ctx, start, max(end, target[1]), target, f"definition '[{name}]'", users)
                if finding is not None:
                    yield finding
                break


_FULL_REFERENCE = re.compile(r"\]\[((?:[^\[\]\\]|\\.)*)\]$")


def _label(doc: Document, link: Link) -> str:
    """The label a reference link looks up: '[text][label]', or the text of '[text][]' and '[text]'."""
    written = doc.text[link.start : link.end]
    full = _FULL_REFERENCE.search(written)
    if full and full.group(1):
        return _normal(full.group(1))
    return _normal(written[1 : full.start() if full else -1])


def _normal(label: str) -> str:
    """CommonMark's label matching: case-folded, runs of white space as one space."""
    return " ".join(label.split()).casefold()


def _block_lines(doc: Document) -> set[int]:
    """0-based lines some leaf block holds: a definition-shaped line there is not one."""
    return {
        number
        for token in doc.tokens
        if token.type in _BLOCKS and token.map
        for number in range(token.map[0], token.map[1])
    }


def _definition_target(doc: Document, number: int) -> tuple[int, int] | None:
    """Where the address of the definition starting on 0-based line ``number`` is written."""
    line = doc.lines[number]
    match = _DEFINITION.match(line)
    if match is None:
        return None
    base, position = doc.line_starts[number], match.end()
    if position == len(line) and number + 1 < len(doc.lines):  # '[label]:' alone, the address below
        number += 1
        line = doc.lines[number]
        base, position = doc.line_starts[number], len(line) - len(line.lstrip(" \t"))
    result = parseLinkDestination(line, position, len(line))
    if not result.ok or result.pos == position:
        return None
    return base + position, base + result.pos


@cache
def _split_scheme() -> re.Pattern[str]:
    """'https://' (or 'http://') with invisible characters inside it, before an address."""
    gap = f"(?:{_invisible().pattern})?"
    return re.compile("(?i)(?<![a-z])" + gap.join(["h", "t", "t", "p", "s?", ":", "/", "/"]) + r"(?=[^\s<>])")


def _split_schemes(ctx: Context, targets: list[tuple[int, int]]) -> Iterator:
    """A bare address whose 'https://' an invisible character splits: the parser (and
    GitHub) make no link of it, though a reader sees one. Inside a link (its text or its
    address) it is not a bare address. Only the text around each invisible character
    is searched."""
    doc = ctx.doc
    inside: Spans | None = None
    reported: set[int] = set()
    for invisible in _invisible().finditer(doc.text):
        window = max(0, invisible.start() - 32), invisible.end() + 32  # room for 'https://' and more of them
        for match in _split_scheme().finditer(doc.text, *window):
            if match.start() in reported or _invisible().search(match.group()) is None or doc.in_html(match.start()):
                continue
            if inside is None:
                inside = Spans.merged([(link.start, link.end) for link in ctx.links] + targets)
            if inside.touches(match.start(), match.start() + 1):
                continue
            reported.add(match.start())
            shown = _invisible().sub("", match.group())
            yield ctx.finding(
                match.start(),
                match.end(),
                f"'{shown}' holds {_names(match.group())}: invisible, but it stops the address "
                "from being a link; remove it",
                entry=ctx.entry_at(match.start()),
            )
