"""Layout: how `fix` writes tables, bullets, headings, sub-list indentation and the space
between blocks. Layout never changes meaning, so every block it rewrites must render to
exactly the same HTML; `fix` checks that block by block and keeps the ones that would
not as they are.

By default (``style: file``) the form is the file's own: for each dimension the
convention most of the file already follows, and only blocks that deviate from it are
rewritten, so a list that is consistent with itself gets no layout diff at all.
``style: canonical`` imposes one form instead (dash bullets, one space of table padding,
``| --- |`` delimiter rows, ATX headings without closing hashes, sub-lists at their
parent's content column, one blank line between blocks). ``bullet`` and ``table-align``
pin one dimension in either style.

Each change is an edit grouped by the block it belongs to, so a refused block can be
named and left out on its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TypeVar

from markdown_it.token import Token

from ..findings import Edit
from ..model.document import Document
from ..model.navigation import is_navigation_block
from ..model.tables import Cell, Table
from ..model.tree import Node, lines

_ATX = re.compile(
    r"^(?P<prefix>(?:[ \t]*>)*[ \t]{0,3})(?P<hashes>#{1,6})(?:(?P<space>[ \t]+)(?P<text>.*?))??(?P<closing>[ \t]+#+)?[ \t]*$"
)
_BULLET = re.compile(r"^(?P<prefix>(?:[ \t]*>[ \t]?)*[ \t]*)(?P<marker>[-*+])(?=[ \t]|$)")
_DELIMITER_CELL = re.compile(r"^(:?)-+(:?)$")
_MARKER = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( {1,4}|$)")

LIST_TYPES = ("bullet_list", "ordered_list")
T = TypeVar("T")
CONVENTION = 0.75  # the share of a file's bullets that makes their marker its convention; below, it has none


@dataclass
class Options:
    style: str = "file"  # file: each dimension as the file already does it; canonical: one fixed form
    table_align: bool | None = None  # pad columns to equal width; None: as each table already is
    bullet: str | None = None  # the bullet marker; None: the file's own (canonical: "-")
    # a block whose layout would rewrite more lines than this is left to --unsafe-fixes
    # (None: no limit); by default 20 in the file's own style, none when a form is imposed
    max_lines: int | None = None

    @property
    def canonical(self) -> bool:
        return self.style == "canonical"


@dataclass
class Group:
    """The layout edits of one block, and what to call it in a message."""

    line: int  # 1-based
    what: str
    edits: list[Edit]
    why: str  # one sentence naming the convention and the evidence, for a diff header or a finding

    @property
    def lines(self) -> int:
        """How many lines the group rewrites: layout makes one edit per line it changes
        (a row, a marker, an indentation, a blank line put in)."""
        return len(self.edits)


def layout_groups(doc: Document, options: Options | None = None, grids: dict[int, _Grid] | None = None) -> list[Group]:
    """The layout changes of every block. ``grids``: for tables aligned in the text as read,
    their grid by the 0-based line their header is on now — a content fix (http to https)
    that pushed some rows off the grid is laid back on it, not left misaligned."""
    options = options or Options()
    groups: list[Group] = []
    groups += _tables(doc, options, grids or {})
    groups += _bullets(doc, options)
    groups += _headings(doc, options)
    groups += _nested_indent(doc, options)
    groups += _block_spacing(doc, options)
    return [g for g in groups if g.edits]


def _majority(counts: Counter[T], minimum_share: float = 0.5) -> T | None:
    """The value more than ``minimum_share`` of the votes went to, else None (no convention)."""
    total = sum(counts.values())
    if not total:
        return None
    value, votes = counts.most_common(1)[0]
    return value if votes > total * minimum_share else None


# tables --------------------------------------------------------------------
#
# A table's layout is read from its own rows, and its header row's from the file's
# header rows: many lists pad every header differently from its body (centred over
# one-space rows, or without outer pipes over rows that have them), and that habit is
# the file's convention, not a deviation. An aligned table keeps how its cells sit in
# their columns (left, centred or right, column by column); its rows already on its
# grid are left alone unless a wider cell forces a column wider, and then only that
# column's cells are re-padded.

HABIT = 0.75  # the share of a file's tables whose header rows must agree for a habit
HABIT_TABLES = 3  # below this many tables, every one of them must agree (and at least two)
_PLACEMENTS = ("left", "centre", "right")  # how a cell sits in its column
_PADDING_WORDS = {"one": "one space around each cell", "none": "no space around cells"}


def _width(text: str) -> int:
    """Display columns: wide (CJK, most emoji) count two, combining marks none. Most table
    text is ASCII, one column a character (tables are measured cell by cell, often)."""
    if text.isascii():
        return len(text)
    return sum(map(_char_width, text))


@cache
def _char_width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 0 if unicodedata.combining(char) else 1


@dataclass
class _Row:
    """One table row as written: each cell's text (trimmed of spaces and tabs only) and
    where its raw cell is on the line."""

    number: int  # 0-based line
    line: str
    cells: list[str]
    bounds: list[tuple[int, int]]  # raw start and end of each cell
    lead: bool  # a pipe before the first cell
    trail: bool  # a pipe after the last cell
    written: list[Cell]  # the cells as the table model split them

    @cached_property
    def key(self) -> tuple[bool, bool, tuple[int, ...]]:
        """Its outer pipes and the display columns of its pipes: equal in every row of an
        aligned table. An open last cell (no trailing pipe) has no end to align."""
        ends = [end for _, end in self.bounds]
        pipes = ([self.bounds[0][0] - 1] if self.lead else []) + (ends if self.trail else ends[:-1])
        return self.lead, self.trail, tuple(_prefix_widths(self.line, pipes))

    def pads(self, column: int) -> tuple[int, int]:
        """The spaces before and after a cell's text."""
        start, end = self.bounds[column]
        raw = self.line[start:end]
        return len(raw) - len(raw.lstrip(" \t")), len(raw) - len(raw.rstrip(" \t"))

    def padded(self, padding: str) -> bool:
        """Is the row exactly itself written with one space around each cell, or none?"""
        return _render_row(self.cells, _TableForm(self.lead, self.trail, padding, "keep"), None) == self.line.strip()

    def paddings(self) -> set[str]:
        found = {padding for padding in ("one", "none") if self.padded(padding)}
        return found or {"other"}


def _read_row(doc: Document, number: int) -> _Row | None:
    line = doc.lines[number]
    written = doc.row_cells(number)
    bounds = [(c.raw_start, c.raw_end) for c in written]
    if not bounds:
        return None
    indent = len(line) - len(line.lstrip())
    lead = line[indent : indent + 1] == "|"
    trail = bounds[-1][1] < len(line.rstrip())
    if not lead:
        bounds[0] = (0, bounds[0][1])  # without a pipe the first cell's room starts at the line's start
    return _Row(number, line, [line[s:e].strip(" \t") for s, e in bounds], bounds, lead, trail, written)


def _read_table(doc: Document, table: Table) -> list[_Row] | None:
    """Header, delimiter and body rows of a top-level table outside containers."""
    if table.level != 0:
        return None
    rows = []
    for number in range(table.header, table.end):
        if doc.lines[number].lstrip().startswith(">"):
            break  # inside a container: left as written
        row = _read_row(doc, number)
        if row is not None:
            rows.append(row)
    if len(rows) < 2 or rows[0].number != table.header or rows[1].number != table.header + 1:
        return None
    return rows


@dataclass
class _TableForm:
    lead: bool  # a pipe before the first cell
    trail: bool  # a pipe after the last cell
    padding: str  # "one" (| a | b |), "none" (|a|b|) or "aligned" (columns padded to equal width)
    delimiter: str  # "keep", "canonical" (| --- |) or "stretch" (dashes to the column width)


def _render_row(cells: list[str], form: _TableForm, widths: list[int] | None) -> str:
    if form.padding == "aligned" and widths:
        last = len(cells) - 1 if not form.trail else len(cells)  # no spaces at the end of a line
        cells = [c + " " * (widths[i] - _width(c)) if i < last else c for i, c in enumerate(cells)]
    if form.padding == "none":
        body = "|".join(cells)
        return ("|" if form.lead else "") + body + ("|" if form.trail else "")
    pieces = []
    for index, cell in enumerate(cells):
        before = " " if form.lead or index else ""
        after = " " if form.trail or index < len(cells) - 1 else ""
        pieces.append(" " if not cell and before and after else before + cell + after)  # an empty cell: "| |"
    return ("|" if form.lead else "") + "|".join(pieces) + ("|" if form.trail else "")


def _prefix_widths(line: str, ends: list[int]) -> list[int]:
    """``_width(line[:end])`` for each of the ascending ``ends``, in one pass over the line
    (display width adds up character by character)."""
    widths = []
    width = position = 0
    for end in ends:
        width += _width(line[position:end])
        position = end
        widths.append(width)
    return widths


def _pipe_columns(row: _Row) -> tuple[int, ...]:
    """Display columns of a row's separating pipes: equal in every row of an aligned table."""
    return tuple(_prefix_widths(row.line, [cell.raw_end for cell in row.written]))


# the file's header rows --------------------------------------------------------


@dataclass
class _HeaderHabit:
    """What most of the file's table headers do, with how many do it (None: no habit)."""

    tables: int
    lead: tuple[bool, int] | None = None
    trail: tuple[bool, int] | None = None
    paddings: dict[str, int] = field(default_factory=dict)  # padding forms most headers share

    def paddings_followed(self, header: _Row, delimiter: _Row) -> bool:
        return bool(_header_paddings(header, delimiter) & set(self.paddings))


def _header_paddings(header: _Row, delimiter: _Row) -> set[str]:
    """How a header row is padded: one space, none, to its delimiter row's columns
    (``|  Title  |   Venue  |`` over ``|:--------|:--------:|``) or otherwise; it may be
    several at once."""
    found = header.paddings()
    if header.key == delimiter.key:
        found.add("delimiter")
    return found


def _is_habit(count: int, tables: int) -> bool:
    """Do enough of the file's tables share a header form for it to be the file's habit?
    Three quarters of three or more; both of two; one table alone is no evidence."""
    if tables < 2:
        return False
    if tables < HABIT_TABLES:
        return count == tables
    return count >= tables * HABIT


def _header_habit(tables: list[list[_Row]]) -> _HeaderHabit:
    """What the file's header rows have in common: outer pipes, and padding forms."""
    habit = _HeaderHabit(len(tables))
    for side in ("lead", "trail"):
        counts = Counter(getattr(rows[0], side) for rows in tables)
        value, count = counts.most_common(1)[0] if counts else (False, 0)
        if _is_habit(count, len(tables)):
            setattr(habit, side, (value, count))
    paddings = Counter(padding for rows in tables for padding in _header_paddings(rows[0], rows[1]))
    habit.paddings = {padding: count for padding, count in paddings.items() if _is_habit(count, len(tables))}
    return habit


# aligned tables ----------------------------------------------------------------


@dataclass
class _Grid:
    """An aligned table's columns: where its pipes are and how its cells sit in them."""

    key: tuple[bool, bool, tuple[int, ...]]
    spans: list[int | None]  # display width between pipes; None for an open last column
    margins: list[tuple[int, int]]  # the fewest spaces before and after a cell's text
    placements: list[str]  # "left", "centre" or "right", column by column
    ceil: list[bool]  # centred cells put an odd spare space before their text
    floor: int  # the spaces every cell has on each side at least (1, or 0 in a table that packs some cells)
    shared: int  # how many rows sit on the grid, of
    rows: int
    seen: list[bool]  # columns whose cells show their placement (else the table's usual one is assumed)

    def on(self, row: _Row) -> bool:
        return row.key == self.key

    def floors(self, column: int) -> tuple[int, int]:
        """The spaces a cell of this column has at least before and after its text: the
        table's floor, except at the edges of a line without outer pipes."""
        first = column == 0 and not self.key[0]
        return 0 if first else self.floor, 0 if self.spans[column] is None else self.floor

    def room(self, column: int) -> int:
        """The spaces a cell needs beside its text in this column: the column's margin on
        the side its cells sit against and as much (no more than the column has) on the
        other; the floors of a centred column, or one whose cells do not show how they sit."""
        before, after = self.margins[column]
        low = self.floors(column)
        if self.spans[column] is None:
            return before
        if not self.seen[column] or self.placements[column] == "centre":
            return sum(low)
        edges = [m[0] for c, m in enumerate(self.margins) if c or self.key[0]]
        usual = before if column or self.key[0] else min(edges, default=self.floor)  # a line's edge is no margin
        if self.placements[column] == "left":
            return before + max(low[1], min(usual, after))
        return after + max(low[0], min(before, after))


def _find_grid(header: _Row, body: list[_Row]) -> _Grid | None:
    """The grid two thirds of the header and body rows share, if some of them are padded
    past one space (rows whose cells are all as wide as their columns say nothing)."""
    rows = [header, *body]
    if len(rows) < 2:
        return None
    key, shared = Counter(r.key for r in rows).most_common(1)[0]
    if shared * 3 < len(rows) * 2:
        return None
    on = [r for r in rows if r.key == key]
    if all(r.padded("one") or r.padded("none") or "\t" in r.line for r in on):
        return None  # no row padded past one space (a tab is no evidence: its width is anyone's guess)
    columns = len(on[0].cells)
    first = on[0]
    spans: list[int | None] = [
        None if column == columns - 1 and not key[1] else _width(first.line[start:end])
        for column, (start, end) in enumerate(first.bounds)
    ]
    margins, floor = _margins(on, spans, key[0])
    found, ceil = _placements(on, header, margins, spans)
    usual = Counter(p for p in found if p).most_common(1)
    placements = [p or (usual[0][0] if usual else "left") for p in found]
    return _Grid(key, spans, margins, placements, ceil, floor, shared, len(rows), [p is not None for p in found])


def _placements(
    on: list[_Row], header: _Row, margins: list[tuple[int, int]], spans: list[int | None]
) -> tuple[list[str | None], list[bool]]:
    """How each column's cells sit, read from the body rows on the grid, and from the
    header too only where the body's cells show nothing (headers are often centred over
    left-aligned columns)."""
    body = [r for r in on if r is not header]
    found: list[str | None] = []
    ceil = []
    for column in range(len(spans)):
        placement, odd_before = None, False
        for group in (body, on):
            cells = [r.pads(column) for r in group if r.cells[column]]
            placement, odd_before = _column_placement(cells, margins[column], spans[column] is None)
            if placement is not None:
                break
        found.append(placement)
        ceil.append(odd_before)
    return found, ceil


def _margins(on: list[_Row], spans: list[int | None], lead: bool) -> tuple[list[tuple[int, int]], int]:
    """The fewest spaces before and after a cell's text, column by column; at least one
    where nine in ten of the table's cells have one (a cell squeezed against its pipe is
    a slip, not the table's margin). The line's own edges (no outer pipe) are no margin."""
    pads = [[r.pads(column) for r in on if r.cells[column]] for column in range(len(spans))]
    sides = [
        side
        for column, cells in enumerate(pads)
        for cell in cells
        for side in cell[0 if lead or column else 1 : 2 if spans[column] is not None else 1]
    ]
    floor = 1 if sides and sum(1 for side in sides if side >= 1) >= len(sides) * 0.9 else 0
    margins = []
    for column, cells in enumerate(pads):
        before = max(floor if lead or column else 0, min((c[0] for c in cells), default=1))
        after = 0 if spans[column] is None else max(floor, min((c[1] for c in cells), default=1))
        margins.append((before, after))
    return margins, floor


def _fits(pads: tuple[int, int], margins: tuple[int, int], open_end: bool) -> list[str]:
    """The placements a cell with these pads is consistent with: against the column's
    margin on one side, or as many spaces on both (give or take one)."""
    fits = []
    if pads[0] <= margins[0]:
        fits.append("left")
    if not open_end and abs(pads[0] - pads[1]) <= 1:
        fits.append("centre")
    if not open_end and pads[1] <= margins[1]:
        fits.append("right")
    return fits


def _column_placement(pads: list[tuple[int, int]], margins: tuple[int, int], open_end: bool) -> tuple[str | None, bool]:
    """How a column's cells sit: the placement more of them fit than any other (None
    when cells all as wide as the column fit every one), and whether centred cells put
    an odd spare space before the text."""
    votes: Counter = Counter()
    odd: Counter = Counter()
    for cell in pads:
        fits = _fits(cell, margins, open_end)
        votes.update(fits)
        if "centre" in fits and cell[0] != cell[1]:
            odd[cell[0] > cell[1]] += 1
    ranked = sorted(_PLACEMENTS, key=lambda p: -votes[p])
    if not votes or votes[ranked[0]] == votes[ranked[1]]:
        return None, odd[True] > odd[False]
    return ranked[0], odd[True] > odd[False]


def _place(
    text: str, span: int, margins: tuple[int, int], placement: str, ceil: bool, floors: tuple[int, int] = (0, 0)
) -> str:
    """A cell's text padded to ``span`` columns, sitting as the column's cells do (with
    ``floors`` spaces before and after it at least, where the span has room)."""
    spare = span - _width(text)
    if placement == "right":
        before = spare - margins[1]
    elif placement == "centre":
        before = (spare + ceil) // 2
    else:
        before = margins[0]
    before = max(min(floors[0], spare), min(before, spare - floors[1]))
    return " " * before + text + " " * (spare - before)


def _own_placement(row: _Row, column: int, grid: _Grid) -> tuple[str, bool]:
    """How a header cell sits in its column, when its pads say so unambiguously (else the
    column's way): headers are often centred over left-aligned columns."""
    pads = row.pads(column)
    fits = _fits(pads, grid.margins[column], grid.spans[column] is None) if row.cells[column] else []
    if len(fits) != 1:
        return grid.placements[column], grid.ceil[column]
    return fits[0], pads[0] > pads[1]


def _widened_spans(grid: _Grid, rows: list[_Row]) -> list[int | None]:
    """Column spans wide enough for every cell and the room it needs; never narrower. A
    left-aligned last column is not widened: there a longer cell only moves the closing
    pipe, and re-padding every row for it (one badge longer than the rest) is a diff of
    spaces nobody wants; that cell is written ragged instead."""
    spans = list(grid.spans)
    widest = len(spans) - (1 if _ragged_end(grid) else 0)
    for row in rows:
        for column, text in enumerate(row.cells[:widest]):
            span = spans[column]
            if span is not None:
                spans[column] = max(span, _width(text) + grid.room(column))
    return spans


def _ragged_end(grid: _Grid) -> bool:
    """Is the table's last column one a longer cell may overflow (left-aligned, before a
    closing pipe)?"""
    return grid.key[1] and grid.placements[-1] == "left"


def _repadded(row: _Row, grid: _Grid, spans: list[int | None], widened: list[int], header: bool = False) -> str:
    """An on-grid row with only the cells of widened columns re-padded, in the column's
    way (a header cell in its own)."""
    parts = []
    position = 0
    for column in widened:
        start, end = row.bounds[column]
        placement, ceil = _own_placement(row, column, grid) if header else (grid.placements[column], grid.ceil[column])
        span = spans[column]
        assert span is not None  # an open column is never widened
        parts += [
            row.line[position:start],
            _place(row.cells[column], span, grid.margins[column], placement, ceil, grid.floors(column)),
        ]
        position = end
    return "".join(parts) + row.line[position:]


def _laid_on_grid(row: _Row, grid: _Grid, spans: list[int | None], indent: str) -> str:
    """A row off the grid, written on it: each cell sits as its column's cells do; cells
    past the grid get one space."""
    lead, trail = grid.key[0], grid.key[1]
    pieces = []
    for column, text in enumerate(row.cells):
        open_end = column == len(row.cells) - 1 and not trail
        if column >= len(spans):
            pieces.append(" " + text + ("" if open_end else " "))
        elif open_end or spans[column] is None:
            pieces.append(" " * grid.margins[column][0] + text)
        else:
            span = spans[column]
            assert span is not None
            if column == len(spans) - 1 and _ragged_end(grid) and _width(text) + grid.room(column) > span:
                margins = grid.margins[column]  # a last cell longer than its column: ragged, as _widened_spans says
                pieces.append(" " * max(margins[0], grid.floors(column)[0]) + text + " " * max(1, margins[1]))
                continue
            pieces.append(
                _place(
                    text, span, grid.margins[column], grid.placements[column], grid.ceil[column], grid.floors(column)
                )
            )
    return indent + ("|" if lead else "") + "|".join(pieces) + ("|" if trail else "")


def _stretched_delimiter(row: _Row, spans: list[int | None], widened: list[int]) -> str:
    """An on-grid delimiter row with the dashes of widened columns lengthened."""
    parts = []
    position = 0
    for column in widened:
        start, end = row.bounds[column]
        raw = row.line[start:end]
        core = raw.strip(" \t")
        before, after = len(raw) - len(raw.lstrip(" \t")), len(raw) - len(raw.rstrip(" \t"))
        left, right = core.startswith(":"), core.endswith(":") and len(core) > 1
        span = spans[column]
        assert span is not None
        dashes = span - before - after - left - right
        parts += [row.line[position:start], " " * before + ":" * left + "-" * dashes + ":" * right + " " * after]
        position = end
    return "".join(parts) + row.line[position:]


def _placement_words(grid: _Grid) -> str:
    words = {"left": "left-aligned", "centre": "centred", "right": "right-aligned"}
    used = list(
        dict.fromkeys(p for p, span, seen in zip(grid.placements, grid.spans, grid.seen) if span is not None and seen)
    ) or [grid.placements[0]]
    if len(used) == 1:
        return words[used[0]]
    return " or ".join(words[p] for p in used) + " by column"


def _aligned_table(rows: list[_Row], grid: _Grid, habit: _HeaderHabit | None) -> tuple[dict[int, str], str]:
    """New text for the rows of an aligned table that need it, and why. A header off the
    grid is kept when it follows the file's header habit (or its delimiter row's columns)."""
    header, delimiter, body = rows[0], rows[1], rows[2:]
    indent = (
        header.line[: len(header.line) - len(header.line.lstrip())] if grid.key[0] else ""
    )  # else in the first cell
    header_kept = not grid.on(header) and (
        _header_follows_habit(header, delimiter, habit)
        if habit is not None
        else "delimiter" in _header_paddings(header, delimiter)
    )
    laid = body if header_kept else [header, *body]
    spans = _widened_spans(grid, laid)
    widened = [c for c, span in enumerate(spans) if span != grid.spans[c]]
    texts: dict[int, str] = {}
    for row in laid:
        if grid.on(row):
            if widened:
                texts[row.number] = _repadded(row, grid, spans, widened, header=row is header)
        else:
            texts[row.number] = _laid_on_grid(row, grid, spans, indent)
    if widened and grid.on(delimiter):
        texts[delimiter.number] = _stretched_delimiter(delimiter, spans, widened)
    elif widened:  # a delimiter off the grid widens where it matched the grid, as its cells do
        matching = _matching_columns(delimiter, grid, widened)
        if matching:
            texts[delimiter.number] = _stretched_delimiter(delimiter, spans, matching)
    if widened and header_kept and (matching := _matching_columns(header, grid, widened)):
        texts[header.number] = _repadded(header, grid, spans, matching, header=True)
    written = {r.number: r.line for r in rows}
    texts = {n: t for n, t in texts.items() if t not in (written[n], written[n].rstrip())}
    uneven = [r for r in laid if not grid.on(r) and r.number in texts]
    reasons = []
    if uneven:
        named = "header row" if uneven[0] is header else ""
        others = len(uneven) - (1 if named else 0)
        reasons.append(
            " and ".join(w for w in (named, _count(others, "row") if others else "") if w) + " padded unevenly"
        )
    if widened:
        names = ", ".join(str(c + 1) for c in widened)
        reasons.append(f"{'columns' if len(widened) > 1 else 'column'} {names} widened to fit a wider cell")
    if not reasons:
        return texts, ""
    return texts, (
        " and ".join(reasons) + f"; this table pads cells to its column width, {_placement_words(grid)}"
        f" ({grid.shared} of {grid.rows} rows)"
    )


def _matching_columns(row: _Row, grid: _Grid, columns: list[int]) -> list[int]:
    """Of ``columns``, those whose cell in a row off the grid is as wide as the grid's: a
    header or delimiter kept as written that was aligned with the grid there, and stays so
    when the column widens."""
    return [
        c
        for c in columns
        if c < len(row.bounds)
        and grid.spans[c] is not None
        and _width(row.line[row.bounds[c][0] : row.bounds[c][1]]) == grid.spans[c]
    ]


# tables in one space, or none -------------------------------------------------------


def _body_form(rows: list[_Row], habit: _HeaderHabit | None) -> _TableForm | None:
    """The outer pipes and padding most of the table's rows share. The header votes too,
    except on what the file's headers have a habit of their own for: that says nothing
    about the body."""
    header, body = rows[0], rows[2:]
    own_pipes = habit is not None and bool(habit.lead or habit.trail) and bool(body)
    own_padding = habit is not None and bool(habit.paddings) and bool(body)
    pipe_voters = body if own_pipes else [header, *body]
    lead = _majority(Counter(r.lead for r in pipe_voters))
    trail = _majority(Counter(r.trail for r in pipe_voters))
    if lead is None or trail is None:
        return None
    voters = body if own_padding else [header, *body]
    votes = Counter(padding for r in voters for padding in ("one", "none") if r.padded(padding))
    padding = _majority(votes)
    if padding is not None and votes[padding] * 2 > len(voters):
        return _TableForm(lead, trail, padding, "keep")
    return None


def _padding_words(form: _TableForm) -> str:
    return _PADDING_WORDS.get(form.padding, form.padding)


def _spaced_table(rows: list[_Row], form: _TableForm) -> tuple[dict[int, str], list[str]]:
    """Body rows of a one-space (or no-space) table written in its form."""
    body = rows[2:]
    indent = rows[0].line[: len(rows[0].line) - len(rows[0].line.lstrip())]
    texts = {}
    for row in body:
        text = indent + _render_row(row.cells, form, None)
        if row.line != text and row.line.rstrip() != text:
            texts[row.number] = text
    if not texts:
        return texts, []
    following = sum(1 for r in body if r.padded(form.padding) and (r.lead, r.trail) == (form.lead, form.trail))
    return texts, [
        f"{_count(len(texts), 'row')} written otherwise where this table's rows have {_padding_words(form)}"
        f"{_pipe_words(form.lead, form.trail)} ({following} of {len(body)} rows)"
    ]


def _pipe_words(lead: bool, trail: bool) -> str:
    if lead and trail:
        return " and outer pipes"
    if not lead and not trail:
        return " and no outer pipes"
    return " and a pipe only " + ("before the first cell" if lead else "after the last cell")


# header rows --------------------------------------------------------------------


def _header_follows_habit(header: _Row, delimiter: _Row, habit: _HeaderHabit) -> bool:
    return (
        (habit.lead is None or header.lead == habit.lead[0])
        and (habit.trail is None or header.trail == habit.trail[0])
        and (not habit.paddings or habit.paddings_followed(header, delimiter))
    )


def _with_pipes(header: _Row, lead: bool, trail: bool) -> str | None:
    """The header with outer pipes added or removed and nothing else changed; None when
    that would drop an empty outer cell."""
    indent = header.line[: len(header.line) - len(header.line.lstrip())]
    text = header.line.strip()
    spaced = not header.padded("none")
    if header.lead and not lead:
        if not header.cells[0]:
            return None
        text = text[1:].lstrip(" \t")
    elif lead and not header.lead:
        text = ("| " if spaced else "|") + text
    if header.trail and not trail:
        if not header.cells[-1]:
            return None
        text = text[:-1].rstrip(" \t")
    elif trail and not header.trail:
        text += " |" if spaced else "|"
    return indent + text


def _header_text(rows: list[_Row], form: _TableForm, habit: _HeaderHabit) -> tuple[str | None, str]:
    """The header row's new text (None: as written) and why. Judged against the file's
    header habit where it has one, else against its own table; a header padded to its
    delimiter row's columns is a form of its own, kept."""
    header, delimiter = rows[0], rows[1]
    lead = habit.lead[0] if habit.lead else form.lead
    trail = habit.trail[0] if habit.trail else form.trail
    paddings = _header_paddings(header, delimiter)
    target: str | None = None
    if habit.paddings:
        if not paddings & set(habit.paddings):
            target = next((p for p in ("one", "none") if p in habit.paddings), None)
    elif not {form.padding, "delimiter"} & paddings:
        target = form.padding
    indent = header.line[: len(header.line) - len(header.line.lstrip())]
    text: str | None
    if target is not None:
        text = indent + _render_row(header.cells, _TableForm(lead, trail, target, "keep"), None)
    elif (header.lead, header.trail) != (lead, trail):
        text = _with_pipes(header, lead, trail)
    else:
        return None, ""
    if text is None or text == header.line or text == header.line.rstrip():
        return None, ""
    return text, _header_why(header, (lead, trail), target, form, habit)


def _header_why(
    header: _Row, pipes: tuple[bool, bool], target: str | None, form: _TableForm, habit: _HeaderHabit
) -> str:
    reasons = []
    sides = [
        (side, wanted, has, place)
        for side, wanted, has, place in (
            ("lead", pipes[0], header.lead, "a pipe before its first cell"),
            ("trail", pipes[1], header.trail, "a pipe after its last cell"),
        )
        if wanted != has
    ]
    if len(sides) == 2 and sides[0][1] == sides[1][1]:
        sides = [(sides[0][0], sides[0][1], sides[0][2], "outer pipes")]  # both ends alike: one reason
    for side, wanted, has, place in sides:
        shown = getattr(habit, side)
        whose = "the file's table headers" if shown else "this table's rows"
        count = f" ({shown[1]} of {habit.tables} tables)" if shown else ""
        reasons.append(
            f"header row {'with' if has else 'without'} {place} where {whose}"
            f" {('have them' if place == 'outer pipes' else 'have one') if wanted else 'have none'}{count}"
        )
    if target is not None:
        if habit.paddings:
            evidence = (
                f"the file's table headers have {_PADDING_WORDS[target]}"
                f" ({habit.paddings[target]} of {habit.tables} tables)"
            )
        else:
            evidence = f"this table's rows have {_padding_words(form)}"
        reasons.append(f"header row padded otherwise where {evidence}")
    return "; ".join(reasons)


# a table's group ------------------------------------------------------------------


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _table_edits(doc: Document, texts: dict[int, str]) -> list[Edit]:
    edits = []
    for number in sorted(texts):
        start, end = doc.line_span(number + 1)
        edits.append(Edit(start, end, texts[number]))
    return edits


def table_grids(doc: Document) -> dict[int, _Grid]:
    """The grid of every aligned table, by its header's 0-based line."""
    grids = {}
    for rows in (_read_table(doc, t) for t in doc.tables):
        if rows is not None and (grid := _find_grid(rows[0], rows[2:])) is not None:
            grids[rows[0].number] = grid
    return grids


def _own_table(rows: list[_Row], habit: _HeaderHabit, as_read: _Grid | None = None) -> tuple[dict[int, str], str]:
    """New text for the rows of a table that deviate from its own (and the file's header)
    habits, and why; nothing for a table that follows no habit. ``as_read``: the table's
    grid before content fixes, when it had one."""
    header_habit = habit if habit.lead or habit.trail or habit.paddings else None
    grid = _find_grid(rows[0], rows[2:])
    if grid is None and as_read is not None and len(rows[0].cells) == len(as_read.spans):
        grid = as_read
    if grid is not None:
        return _aligned_table(rows, grid, header_habit)
    form = _body_form(rows, header_habit)
    if form is None:
        return {}, ""
    texts, reasons = _spaced_table(rows, form)
    header_text, header_why = _header_text(rows, form, habit)
    if header_text is not None:
        texts[rows[0].number] = header_text
        reasons.insert(0, header_why)
    return texts, "; ".join(reasons)


def _imposed_table(rows: list[_Row], options: Options) -> tuple[dict[int, str], str]:
    """A table in the one form the configuration imposes (canonical, or a pinned table-align)."""
    plain = [(r.number, r.line, r.cells) for r in rows]
    if options.canonical:
        form = _TableForm(True, True, "aligned" if options.table_align else "one", "canonical")
        why = (
            "table not in the canonical form (outer pipes, "
            + ("columns padded to equal width" if options.table_align else "one space around each cell")
            + ", a '| --- |' delimiter row)"
        )
    else:
        lead = _majority(Counter(r.lead for i, r in enumerate(rows) if i != 1))
        trail = _majority(Counter(r.trail for i, r in enumerate(rows) if i != 1))
        if lead is None or trail is None:
            return {}, ""
        padding = "aligned" if options.table_align else "one"
        form = _TableForm(lead, trail, padding, "stretch" if options.table_align else "keep")
        why = (
            "columns not padded to equal width, which layout.table-align pins"
            if options.table_align
            else "cells not written with one space around them, which layout.table-align: false pins"
        )
    widths = [3] * max(len(cells) for _, _, cells in plain)
    if form.padding == "aligned":
        widths = _aligned_widths(rows, keep_padding=not options.canonical)
    indent = rows[0].line[: len(rows[0].line) - len(rows[0].line.lstrip())] if not options.canonical else ""
    texts = {}
    for index, (number, line, cells) in enumerate(plain):
        if index == 1:
            text = indent + _delimiter_row(cells, form, widths, line)
        else:
            text = indent + _render_row(cells, form, widths)
        if line != text and line.rstrip() != text:
            texts[number] = text
    return texts, why


def _aligned_widths(rows: list[_Row], keep_padding: bool) -> list[int]:
    """Column widths of an aligned table: as wide as its widest cell and, with
    ``keep_padding``, never narrower than the table's rows already make it (some pad with
    two spaces)."""
    widths = [3] * max(len(row.cells) for row in rows)
    body = [r for index, r in enumerate(rows) if index != 1]
    signature = Counter(_pipe_columns(row) for row in body).most_common(1)[0][0] if keep_padding else None
    for row in body:
        for column, cell in enumerate(row.cells):
            widths[column] = max(widths[column], _width(cell))
        if signature is not None and _pipe_columns(row) == signature:
            parts = row.written
            edges = _prefix_widths(row.line, [e for part in parts for e in (part.raw_start, part.raw_end)])
            for column in range(len(parts)):
                span = edges[2 * column + 1] - edges[2 * column]
                widths[column] = max(widths[column], span - 2)
    return widths


def _delimiter_row(raw: list[str], form: _TableForm, widths: list[int], line: str) -> str:
    if form.delimiter == "keep":
        return line.strip()
    cells = []
    spaced = form.delimiter == "canonical" or " -" in line or ": " in line or line.strip().startswith("| ")
    for index, cell in enumerate(raw):
        match = _DELIMITER_CELL.match(cell.replace(" ", ""))
        left, right = (match.group(1), match.group(2)) if match else ("", "")
        if form.delimiter == "canonical" and form.padding != "aligned":
            cells.append(f"{left}---{right}" if not (left and right) else ":---:")
            continue
        width = widths[index] if index < len(widths) else 3
        width = width if spaced else width + 2
        dashes = max(3, width - len(left) - len(right))
        cells.append(left + "-" * dashes + right)
    if spaced:
        return _render_row(cells, _TableForm(form.lead, form.trail, "one", "keep"), None)
    return _render_row(cells, _TableForm(form.lead, form.trail, "none", "keep"), None)


def _tables(doc: Document, options: Options, grids: dict[int, _Grid]) -> list[Group]:
    tables = [rows for rows in (_read_table(doc, t) for t in doc.tables) if rows is not None]
    imposed = options.canonical or options.table_align is False
    habit = _header_habit(tables)
    groups = []
    for rows in tables:
        if imposed or (options.table_align and _find_grid(rows[0], rows[2:]) is None):
            texts, why = _imposed_table(rows, options)
        else:
            texts, why = _own_table(rows, habit, grids.get(rows[0].number))
        groups.append(Group(rows[0].number + 1, "table", _table_edits(doc, texts), why))
    return groups


# bullets ---------------------------------------------------------------------


def _list_nodes(doc: Document) -> list[tuple[Node, int]]:
    """Every list node with its depth (0 for a top-level list), outside blockquotes too."""
    found = []

    def walk(node: Node, depth: int) -> None:
        for child in node.children:
            if child.type in LIST_TYPES:
                found.append((child, depth))
                walk(child, depth + 1)
            else:
                walk(child, depth)

    walk(doc.tree, 0)
    return found


def _adjacent_list(node: Node) -> bool:
    """Is a sibling right before or after this list another list? Then only their
    different markers keep them apart, and one marker would merge them."""
    siblings = node.parent.children if node.parent is not None else []
    index = siblings.index(node)
    neighbours = siblings[index - 1 : index] + siblings[index + 1 : index + 2]
    return any(n.type in LIST_TYPES for n in neighbours)


def _bullets(doc: Document, options: Options) -> list[Group]:
    bullet_lists = [
        (node, (is_navigation_block(doc, node), depth))
        for node, depth in _list_nodes(doc)
        if node.type == "bullet_list" and node.map
    ]
    votes: dict[tuple[bool, int], Counter] = {}
    for node, key in bullet_lists:
        votes.setdefault(key, Counter())[node.token.markup] += sum(1 for c in node.children if c.type == "list_item")
    groups = []
    for node, key in bullet_lists:
        target = options.bullet or ("-" if options.canonical else _majority(votes[key], CONVENTION))
        if target is None or node.token.markup == target or _adjacent_list(node):
            continue
        edits = []
        for item in (c for c in node.children if c.type == "list_item" and c.map):
            number = lines(item.token)[0]
            match = _BULLET.match(doc.lines[number])
            if match and match.group("marker") == node.token.markup:
                start = doc.line_starts[number] + match.start("marker")
                edits.append(Edit(start, start + 1, target))
        why = _bullet_why(node.token.markup, target, options, votes[key], key[0])
        groups.append(Group(lines(node.token)[0] + 1, "bullet list", edits, why))
    return groups


def _bullet_why(marker: str, target: str, options: Options, votes: Counter, navigation: bool) -> str:
    if options.bullet:
        return f"'{marker}' bullets where layout.bullet pins '{target}'"
    if options.canonical:
        return f"'{marker}' bullets where the canonical style writes '{target}'"
    where = " in tables of contents" if navigation else ""
    return (
        f"'{marker}' bullets where the file writes '{target}'"
        f" ({votes[target]} of {sum(votes.values())} bullets at this depth{where})"
    )


# nested lists ----------------------------------------------------------------


def _item_columns(line: str) -> tuple[int, int] | None:
    """(marker column, content column) of a list item's first line ("1. x": 0, 3)."""
    match = _MARKER.match(line)
    if match is None:
        return None
    marker = len(match.group(1))
    return marker, marker + len(match.group(2)) + max(1, len(match.group(3)))


def _indent_votes(doc: Document) -> Counter:
    """How the file indents sub-lists: at the parent's content column ("content"), or a
    fixed number of columns past the parent's marker (2, 3, 4). A sub-list votes for
    every convention it fits; ``votes["sub-lists"]`` counts them (it is no convention)."""
    votes: Counter = Counter()
    owners: list[tuple[int, int] | None] = []  # (marker column, content column) per open item
    for token in doc.tokens:
        if token.type == "list_item_open" and token.map:
            owners.append(_item_columns(doc.lines[token.map[0]]))
        elif token.type == "list_item_close":
            owners.pop()
        elif token.type in ("bullet_list_open", "ordered_list_open") and token.map and owners and owners[-1]:
            marker, content = owners[-1]
            line = doc.lines[token.map[0]]
            indent = len(line) - len(line.lstrip(" "))
            votes["sub-lists"] += 1
            if indent == content:
                votes["content"] += 1
            if indent - marker in (2, 3, 4):
                votes[indent - marker] += 1
    return votes


def _indent_words(convention: str | int) -> str:
    return "to the parent's text" if convention == "content" else f"{convention} columns past the parent's marker"


def _indent_why(current: int, marker: int, convention: str | int, options: Options, votes: Counter) -> str:
    found = f"sub-list indented {current - marker} columns past its parent's marker"
    if options.canonical:
        return f"{found} where the canonical style indents {_indent_words(convention)}"
    return (
        f"{found} where the file indents {_indent_words(convention)}"
        f" ({votes[convention]} of {votes['sub-lists']} sub-lists)"
    )


def _nested_indent(doc: Document, options: Options) -> list[Group]:
    """Sub-lists start where the file's convention puts them (canonical: the parent's
    content column, after "1. " or "- ").

    Lists are walked from the outside in; a shift given to a list moves every line of
    it, so deeper lists keep their place relative to it. Lists in blockquotes or with
    tab indentation are left as written.
    """
    votes = _indent_votes(doc)
    sublists = votes.pop("sub-lists", 0)
    convention = "content" if options.canonical else _majority(votes, 0.6)
    votes["sub-lists"] = sublists
    if convention is None:
        return []
    shifts = [0] * len(doc.lines)
    reasons = [""] * len(doc.lines)  # why each line moves: the innermost list that moved it
    owners: list[tuple[int, int, int]] = []  # (item's first line, marker column, content column) after shifts
    for token in doc.tokens:
        if token.type == "list_item_open" and token.map:
            columns = _item_columns(doc.lines[token.map[0]])
            shift = shifts[token.map[0]]
            owners.append((token.map[0], columns[0] + shift, columns[1] + shift) if columns else (token.map[0], -1, -1))
        elif token.type == "list_item_close":
            owners.pop()
        elif token.type in ("bullet_list_open", "ordered_list_open") and token.map and owners:
            parent_line, marker, content = owners[-1]
            first, last = token.map
            if first == parent_line:
                continue  # "1. - 2. foo": the sub-list starts on its parent's line
            if content < 0 or any(
                "\t" in doc.lines[n][: len(doc.lines[n]) - len(doc.lines[n].lstrip())] for n in range(first, last)
            ):
                continue
            if any(doc.lines[n].lstrip().startswith(">") for n in range(parent_line, last)):
                continue
            current = len(doc.lines[first]) - len(doc.lines[first].lstrip(" ")) + shifts[first]
            wanted = content if convention == "content" else marker + int(convention)
            if not content <= wanted < content + 4:
                wanted = content  # the convention cannot make this a sub-list of its parent
            if current == wanted or (convention != "content" and current - marker == convention):
                continue
            extra = wanted - current
            why = _indent_why(current, marker, convention, options, votes)
            for number in range(first, last):
                text = doc.lines[number]
                indent = len(text) - len(text.lstrip(" "))
                if text.strip() and indent + shifts[number] + extra >= 0:
                    shifts[number] += extra
                    reasons[number] = why
    groups = []
    for number, shift in enumerate(shifts):
        if not shift:
            continue
        start = doc.line_starts[number]
        text = doc.lines[number]
        indent = len(text) - len(text.lstrip(" "))
        if shift > 0:
            edit = Edit(start, start, " " * shift)
        elif indent >= -shift:
            edit = Edit(start, start - shift, "")
        else:
            continue
        groups.append(Group(number + 1, "nested list", [edit], reasons[number]))
    return groups


# headings --------------------------------------------------------------------


def _headings(doc: Document, options: Options) -> list[Group]:
    tokens = doc.tokens
    headings = [(index, token) for index, token in enumerate(tokens) if token.type == "heading_open" and token.map]
    atx = [t for _, t in headings if t.markup.startswith("#")]
    closing = Counter(bool((m := _ATX.match(doc.lines[lines(t)[0]])) and m.group("closing")) for t in atx)
    setext_votes = Counter(not t.markup.startswith("#") for _, t in headings if t.tag in ("h1", "h2"))
    strip_closing = options.canonical or _majority(closing) is False
    to_atx = options.canonical or _majority(setext_votes) is False
    groups = []
    for index, token in headings:
        level = int(token.tag[1])
        inline = tokens[index + 1]
        first, last = lines(token)
        if token.markup.startswith("#"):
            line = doc.lines[first]
            match = _ATX.match(line)
            if not match:
                continue
            text = (match.group("text") or "").strip()
            if options.canonical:
                wanted = f"{match.group('prefix')}{'#' * level}{' ' + text if text else ''}"
            elif strip_closing and match.group("closing"):
                wanted = line[: match.end("text")] if match.group("text") is not None else line[: match.end("hashes")]
            else:
                continue
            if wanted != line:
                start, end = doc.line_span(first + 1)
                why = (
                    _closing_why(options, closing)
                    if match.group("closing")
                    else "heading not written '## Title', as the canonical style writes it"
                )
                groups.append(Group(first + 1, "heading", [Edit(start, end, wanted)], why))
        elif to_atx and token.level == 0 and last - first == 2 and "\n" not in inline.content:
            # setext "Title\n=====" -> "# Title"
            start = doc.line_starts[first]
            end = doc.line_span(last)[1]
            indent = doc.lines[first][: len(doc.lines[first]) - len(doc.lines[first].lstrip())]
            if not indent:
                why = (
                    "setext heading where the canonical style writes '#' headings"
                    if options.canonical
                    else f"setext heading where the file's level 1 and 2 headings are '#' ({setext_votes[False]} of {sum(setext_votes.values())})"
                )
                groups.append(
                    Group(first + 1, "heading", [Edit(start, end, f"{'#' * level} {inline.content.strip()}")], why)
                )
    return groups


def _closing_why(options: Options, closing: Counter) -> str:
    if options.canonical:
        return "closing hashes where the canonical style writes none"
    return f"closing hashes where the file's headings have none ({closing[False]} of {sum(closing.values())})"


# space between blocks --------------------------------------------------------


def _block_kind(token: Token) -> str:
    return token.type.replace("_open", "")


def _block_spacing(doc: Document, options: Options) -> list[Group]:
    """A blank line between top-level blocks that touch, where the file separates blocks
    of those two kinds (a heading and the list under it, say) more often than not."""
    pairs = []
    previous: Token | None = None
    for token in doc.tokens:
        if token.level != 0 or token.nesting == -1 or not token.map or token.type == "inline":
            continue
        first = lines(token)[0]
        if previous is not None and "html_block" not in (previous.type, token.type) and first > 0:
            touching = first == lines(previous)[1] and bool(doc.lines[first - 1].strip())
            pairs.append(((_block_kind(previous), _block_kind(token)), touching, token))
        previous = token
    votes: dict[tuple[str, str], Counter] = {}
    for kinds, touching, _ in pairs:
        votes.setdefault(kinds, Counter())[touching] += 1
    groups = []
    for kinds, touching, token in pairs:
        if not touching:
            continue
        if not options.canonical and votes[kinds][False] <= votes[kinds][True]:
            continue
        first = lines(token)[0]
        start = doc.line_starts[first]
        groups.append(
            Group(
                first + 1,
                kinds[1].replace("_", " "),
                [Edit(start, start, "\n")],
                _spacing_why(kinds, options, votes[kinds]),
            )
        )
    return groups


_BLOCK_NAMES = {
    "heading": "a heading",
    "paragraph": "a paragraph",
    "bullet_list": "a bullet list",
    "ordered_list": "a numbered list",
    "table": "a table",
    "hr": "a thematic break",
    "fence": "a code block",
    "code_block": "a code block",
    "blockquote": "a blockquote",
}


def _spacing_why(kinds: tuple[str, str], options: Options, votes: Counter) -> str:
    first, second = (_BLOCK_NAMES.get(k, "a " + k.replace("_", " ")) for k in kinds)
    if options.canonical:
        return f"no blank line between {first} and {second}, where the canonical style puts one between blocks"
    return (
        f"no blank line between {first} and {second}, where the file has one"
        f" ({votes[False]} of {sum(votes.values())} times)"
    )
