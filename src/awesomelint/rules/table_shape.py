"""table-shape: a table row with fewer or more cells than the header.

GitHub drops cells past the header and leaves missing ones blank, so values shift under
the wrong headings; a grid of like links filling its newest row is told apart here."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Edit, Finding, Fix, Severity
from ..model.document import Document
from ..model.emptycells import empty_markers, table_marker
from ..model.linkspans import Link, parsed_links
from ..model.tables import Table


@rule(
    "table-shape",
    summary="A table row with fewer or more cells than the header.",
    severity=Severity.ERROR,
    fix=FixAvailability.SOMETIMES,
    fix_note="safe pads missing cells with the table's empty marker and drops empty extra cells; extra cells with content are only reported",
    bad="| Name | Paper | Code |\n|---|---|---|\n| UNI | [paper](https://...) |",
    good="| Name | Paper | Code |\n|---|---|---|\n| UNI | [paper](https://...) | - |",
    options={"marker": None},
)
def table_shape(ctx: Context) -> Iterator[Finding]:
    """GitHub silently drops cells beyond the header and leaves missing ones blank, so a
    row that lost a pipe shifts its values under the wrong headings, and an extra cell
    (often a description split by a stray '|') disappears from the page. An empty cell
    past the header ('| a | b | |') hides nothing: an info note, and the fix drops it.
    Escaped pipes ('\\|') are not separators.

    A grid — a header of no words over cells that are each one link of one kind ('第 124
    期', an issue a month) — has no columns to shift under: its first or last row is
    the one still filling, and passes; a short row inside it is reported with no fix
    (an empty-cell marker would show in the grid, and the lost link is not known)."""
    doc = ctx.doc
    markers = empty_markers()
    for table in doc.tables:
        count, body = table.columns, table.body
        configured = ctx.option("marker")
        marker = table_marker(doc, body, markers, configured)
        grid = any(len(doc.row_cells(line)) < count for line in body) and _is_grid(doc, table)
        for line in body:
            text = doc.lines[line]
            cells = doc.row_cells(line)
            start, end = doc.line_span(line + 1)
            if len(cells) < count and grid and line in (body[0], body[-1]):
                continue  # the grid's newest row, filling up
            if len(cells) < count:
                missing = count - len(cells)
                lone_pipe = text.strip(" \t>") == "|"  # opening or closing? no fix can be sure
                fix = None if grid or lone_pipe else Fix.safe(_pad(doc, line, missing, marker))
                yield ctx.finding(
                    start, end, f"row has {len(cells)} cells but the header has {count}; {missing} missing", fix=fix
                )
            elif len(cells) > count and count and not any(c.text for c in cells[count:]):
                # "| a | b | |": an empty cell past the header, hidden by GitHub and harmless
                trailing = text.rstrip().endswith("|")
                edit = Edit(start + cells[count - 1].raw_end, end, "|" if trailing else "")
                yield ctx.finding(
                    start + cells[count - 1].raw_end,
                    end,
                    f"row ends in {len(cells) - count} empty cell{'s' * (len(cells) - count > 1)} past the header's {count}",
                    severity=Severity.INFO,
                    fix=Fix.safe(edit),
                )
            elif len(cells) > count:
                extra = " | ".join(c.text for c in cells[count:])
                yield ctx.finding(
                    start,
                    end,
                    f"row has {len(cells)} cells but the header has {count}; GitHub hides the extra: '{extra[:60]}'",
                )


def _is_grid(doc: Document, table: Table) -> bool:
    """A table laid out as a grid of like links, not rows of fields: its header cells
    hold no words (empty, emoji, ':shortcodes:'), and every filled body cell is exactly
    one link, all in-page anchors or all with one text but for numbers."""
    if table.columns < 2 or len(table.body) < 2:
        return False
    if any(_WORD.search(_SHORTCODE.sub("", cell.text)) for cell in doc.row_cells(table.header)):
        return False
    links = doc.derived(_links_by_span)
    kinds: set[str] = set()
    for line in table.body:
        base = doc.line_starts[line]
        for cell in doc.row_cells(line):
            if not cell.text:
                continue
            link = links.get((base + cell.start, base + cell.end))
            if link is None:
                return False
            kinds.add("#anchor" if link.is_anchor else _DIGITS.sub("#", link.text))
    return len(kinds) == 1


def _links_by_span(doc: Document) -> dict[tuple[int, int], Link]:
    return {(link.start, link.end): link for link in parsed_links(doc) if link.kind != "image"}


_WORD = re.compile(r"[^\W_]")  # a letter or digit, in any script
_SHORTCODE = re.compile(r":[\w+-]+:")
_DIGITS = re.compile(r"\d+")


def _pad(doc: Document, line: int, missing: int, marker: str) -> Edit:
    text = doc.lines[line]
    stripped = text.rstrip()
    base = doc.line_starts[line]
    padding = "".join(f" {marker} |" for _ in range(missing))
    if stripped.endswith("|") and not stripped.endswith("\\|"):
        return Edit(base + len(stripped), base + len(stripped), padding)
    return Edit(base + len(stripped), base + len(stripped), " |" + padding)
