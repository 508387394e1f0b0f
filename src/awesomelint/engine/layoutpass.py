"""The layout a document gets: the blocks `layout` would rewrite, less those whose
rewrite would change the rendered HTML (kept as written, and named).

`fix` writes this layout; the `layout` rule shows the same blocks as findings, so every
layout hunk of `fix --diff` is one `check --select layout` can show.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import Edit
from ..model.document import Document
from .edits import apply_edits
from .layout import Group, Options, layout_groups
from .verify import FixError, html, verify


@dataclass
class LayoutPass:
    """The document in its layout, the groups that made it, the blocks kept as written
    (their layout would change the HTML), and those left to --unsafe-fixes (their layout
    would rewrite more lines than `max-lines`: a diff of invisible changes that buries the
    real ones)."""

    doc: Document
    applied: list[Group] = field(default_factory=list)
    kept: list[Group] = field(default_factory=list)
    large: list[Group] = field(default_factory=list)

    @property
    def edits(self) -> list[Edit]:
        return sorted((e for g in self.applied for e in g.edits), key=lambda e: (e.start, e.end))


def layout_pass(doc: Document, options: Options, grids: dict | None = None, unsafe: bool = False) -> LayoutPass:
    """Every layout group whose rewrite keeps the HTML, applied together; the others kept.
    ``grids``: the grids of the tables aligned in the text as read (layout.table_grids), by
    the line their header is on now. Groups of more than ``options.max_lines`` lines wait
    for ``unsafe``."""
    groups = [
        g
        for g in layout_groups(doc, options, grids)
        if not any(doc.in_code(e.start, e.end) or doc.in_html(e.start, max(e.end, e.start + 1)) for e in g.edits)
    ]
    large = [] if unsafe or options.max_lines is None else [g for g in groups if g.lines > options.max_lines]
    groups = [g for g in groups if g not in large]
    laid_out = _keeping_the_html(doc, groups)
    laid_out.large = large
    return laid_out


def _keeping_the_html(doc: Document, groups: list[Group]) -> LayoutPass:
    if not groups:
        return LayoutPass(doc)
    before = html(doc)
    following = with_groups(doc, groups)
    kept: list[Group] = []
    if html(following) != before:
        kept = [g for g in groups if html(with_groups(doc, [g])) != before]
        groups = [g for g in groups if g not in kept]
        following = with_groups(doc, groups)
        if html(following) != before:  # blocks that only change the HTML together: add them one by one
            accepted: list[Group] = []
            for group in groups:
                trial = with_groups(doc, accepted + [group])
                if html(trial) == before:
                    accepted.append(group)
                else:
                    kept.append(group)
            groups = accepted
            following = with_groups(doc, groups)
    if not groups:
        return LayoutPass(doc, [], kept)
    try:
        verify(doc, following, [])
    except FixError:
        return LayoutPass(doc, [], groups + kept)
    return LayoutPass(following, groups, kept)


def describe(group: Group) -> str:
    """What a layout change is and why: the block, and the convention it is brought to."""
    return f"{group.what}: {group.why}"


def describe_large(group: Group) -> str:
    return f"{describe(group)}; it would rewrite {group.lines} lines, more than layout.max-lines: `fix --unsafe-fixes` does it"


def with_groups(doc: Document, groups: list[Group]) -> Document:
    edits = sorted((e for g in groups for e in g.edits), key=lambda e: (e.start, e.end))
    return Document(doc.path, apply_edits(doc.text, edits), bom=doc.bom, newline=doc.newline)
