"""missing-link: an entry with no link at all, among entries that have theirs.

Most of the module tells an entry that lost its link from one the list leaves unlinked on
purpose: struck through, or one of several sharing a status mark after the name."""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it.token import Token

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Finding, Severity
from ..model.brokenlinks import broken_links
from ..model.document import Document
from ..model.entries import Entry, entry_name, is_empty_marker, linkless_tables, plain_text
from ..model.linkspans import token_text


@rule(
    "missing-link",
    summary="An entry with no link at all, among entries that have theirs (not in link-less tables or prose bullets).",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="| Model | Paper |\n|---|---|\n| scGPT | [Cui et al., 2024](https://doi.org/10.1038/s41592-024-02201-0) |\n| Geneformer | [Theodoris et al., 2023](https://doi.org/10.1038/s41586-023-06139-9) |\n| BioLLM | Ping Qiu et al., 2024 |",
    good="| Model | Paper |\n|---|---|\n| scGPT | [Cui et al., 2024](https://doi.org/10.1038/s41592-024-02201-0) |\n| Geneformer | [Theodoris et al., 2023](https://doi.org/10.1038/s41586-023-06139-9) |\n| BioLLM | [Qiu et al., 2024](https://doi.org/10.1016/j.patter.2024.101129) |",
)
def missing_link(ctx: Context) -> Iterator[Finding]:
    """A curated list exists to send readers somewhere. An entry without a single link
    cannot be followed, checked or deduplicated by its address. An entry whose link is
    only broken is left to nested-link. Rows of a table without a single link (an
    overview) and bullets among prose bullets are not link entries, and pass.

    A link to a place on the page counts: a table-of-contents item or a 'See also
    [x](#x)' line has its link. A quote holding nothing but a heading is a heading
    set apart, not a card. Entries left unlinked on purpose pass: struck through
    (`~~Name~~`), or three or more sharing one status mark after the name (a generator
    writing `**Name** :warning:` for tools whose project is gone, as its legend says)."""
    doc = ctx.doc
    broken = [b.start for b in broken_links(doc)]
    linkless = linkless_tables(ctx.entries)
    link_columns = _link_columns(ctx.entries)
    candidates = [
        entry
        for entry in ctx.entries
        if _reportable(doc, entry, linkless) and not _nothing_to_link(entry, link_columns)
    ]
    deliberate = _unlinked_by_convention(doc, candidates)
    for entry in candidates:
        if entry.line in deliberate:
            continue
        if any(entry.line <= doc.position(offset)[0] <= entry.end_line for offset in broken):
            continue  # its link is there but broken: nested-link says so
        start = entry.start
        end = doc.line_span(entry.line)[1]
        yield ctx.finding(start, end, f"entry '{entry.title or entry.text[:40]}' has no link", entry=entry_name(entry))


def _reportable(doc: Document, entry: Entry, linkless: set[int]) -> bool:
    """Is this an entry of a linked list that has no link of any kind?"""
    if any(link.kind != "image" for link in entry.links):
        return False  # a web link, or an in-page one (navigation, 'See also [x](#x)')
    if not (entry.title or entry.text) or not entry.among_linked or entry.table in linkless:
        return False
    return not (entry.kind == "card" and _heading_alone(doc, entry))


def _link_columns(entries: list[Entry]) -> dict[int, set[int]]:
    """For each table, the columns its rows hold links in."""
    columns: dict[int, set[int]] = {}
    for entry in entries:
        if entry.table is not None:
            columns.setdefault(entry.table, set()).update(l.cell for l in entry.links if l.cell is not None)
    return columns


def _nothing_to_link(entry: Entry, link_columns: dict[int, set[int]]) -> bool:
    """A table row whose every link column holds the table's empty marker ('-' under Code
    and Weights): nothing was released, which the row says; a citation written as text
    where the other rows link theirs is what is missing."""
    if entry.table is None:
        return False
    columns = link_columns.get(entry.table, set())
    cells = [entry.fields.get(entry.headers[c], "") for c in columns if c < len(entry.headers)]
    return bool(cells) and all(not cell.strip() or is_empty_marker(cell) for cell in cells)


def _heading_alone(doc: Document, entry: Entry) -> bool:
    """'> #### DNS Protocols' and nothing else in the quote: a heading set in a quote."""
    written = [line for line in doc.lines[entry.line - 1 : entry.end_line] if line.strip(" \t>")]
    return len(written) == 1 and bool(_QUOTED_HEADING.match(written[0]))


_QUOTED_HEADING = re.compile(r"^[ \t]*(?:>[ \t]?)+[ \t]*#{1,6}(?:[ \t]|$)")
# after an unlinked name: a symbol saying why it is unlinked (':warning:', '⚠️', '🪦')
_STATUS_MARK = re.compile(r"^(?::[\w+-]+:|[^\w\s]+)$")
_DASH = re.compile(r"^[-–—:>=]+$")  # '-', '—', '--', '->': the separator before a description
_SHORTCODE = re.compile(r"^:[\w+-]+:$")
CONVENTION = 3  # link-less entries sharing one status mark: a list's own way of marking them


def _unlinked_by_convention(doc: Document, entries: list[Entry]) -> set[int]:
    """Lines of list entries the list leaves unlinked on purpose: struck through, or in
    a group of CONVENTION or more that share a status mark after the name."""
    inlines = _item_inlines(doc)
    groups: dict[tuple[str, str], list[int]] = {}
    deliberate: set[int] = set()
    for entry in entries:
        inline = inlines.get(entry.line - 1)
        if entry.kind != "list-item" or inline is None:
            continue
        markup, mark = _name_shape(inline)
        if markup == "s_open":
            deliberate.add(entry.line)
        elif mark:
            groups.setdefault((markup, mark), []).append(entry.line)
    for lines in groups.values():
        if len(lines) >= CONVENTION:
            deliberate.update(lines)
    return deliberate


def _item_inlines(doc: Document) -> dict[int, Token]:
    """0-based first line of each list item -> the inline text that opens it."""
    found: dict[int, Token] = {}
    item: int | None = None
    for token in doc.tokens:
        if token.type == "list_item_open" and token.map:
            item = token.map[0]
        elif token.type == "inline" and item is not None:
            if token.map and token.map[0] == item:
                found[item] = token
            item = None
    return found


def _name_shape(inline: Token) -> tuple[str, str]:
    """How an unlinked entry writes its name: the markup around it ('strong_open',
    's_open' or '') and the status marks that end the text before its description."""
    children = [c for c in inline.children or () if not (c.type == "text" and not c.content.strip())]
    if not children:
        return "", ""
    markup = children[0].type if children[0].type in ("strong_open", "em_open", "s_open") else ""
    if markup:
        closing = markup.replace("_open", "_close")
        after = next((i for i, c in enumerate(children) if c.type == closing), len(children))
        head = "".join(token_text(c) for c in children[after + 1 :])
    else:
        head = plain_text(inline)
    words = _before_description(head.split())
    marks: list[str] = []
    while len(marks) < len(words):
        word = words[-1 - len(marks)]
        if not _STATUS_MARK.match(word):
            break
        marks.insert(0, word)
    return markup, " ".join(marks)


def _before_description(words: list[str]) -> list[str]:
    """The words before the separator that starts a description ('—', ' - ', 'Name:')."""
    for index, word in enumerate(words):
        if _DASH.match(word):
            return words[:index]
        if word.endswith((":", "：")) and not _SHORTCODE.match(word):
            return words[: index + 1]
    return words
