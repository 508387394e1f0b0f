"""toc-sync: the table of contents against the headings it lists."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import unquote

from ..document import Document
from ..findings import Edit, Fix, Severity
from ..headings import Heading, headings_of, html_anchors
from ..registry import Context, FixAvailability, rule
from ..toc import TableOfContents, TocItem, is_unlisted, table_of_contents
from .common import longest_increasing


@dataclass
class _Problem:
    message: str
    start: int
    end: int


@dataclass
class _Sync:
    """One ToC compared with the headings: what is wrong, and what each item points at."""

    doc: Document
    toc: TableOfContents
    headings: list[Heading]
    problems: list[_Problem] = field(default_factory=list)
    resolved: dict[int, Heading] = field(default_factory=dict)  # id(item) -> heading
    listed: set[int] = field(default_factory=set)  # token_index of headings some item points at
    fixable: bool = True
    elsewhere: set[int] = field(default_factory=set)  # id(item) of items pointing at an HTML anchor, not a heading
    by_name: set[int] = field(default_factory=set)  # id(item) of items whose anchor misses, matched by their text
    _nests: dict[int, bool] = field(default_factory=dict)  # depth -> new_items_nest(depth), asked per new item

    def run(self) -> None:
        by_alias: dict[str, list[Heading]] = {}
        for heading in self.headings:
            for alias in heading.aliases:
                by_alias.setdefault(alias.casefold(), []).append(heading)
        html_ids: dict[str, int] = {}  # case-folded, first use: GitHub matches fragments regardless of case
        for name, line in html_anchors(self.doc).items():
            if line:
                html_ids.setdefault(name.casefold(), line)
        for item in self.toc.walk():  # GitHub matches fragments regardless of case
            fragment = unquote(item.fragment).casefold()
            found = by_alias.get(fragment) or by_alias.get(fragment.replace("\ufe0f", ""))
            if not found and fragment in html_ids:
                # '<span id="head2"></span>' just above '## Papers' stands for the heading
                line = html_ids[fragment]
                found = [h for h in self.headings if line <= h.line <= line + _ANCHOR_REACH][:1]
                if not found:
                    self.elsewhere.add(id(item))
                    self.fixable = False
            if found:
                self.resolved[id(item)] = found[0]
                self.listed.add(found[0].token_index)
        top = self.top_expected()
        self.compare(self.toc.items, top)

    def top_expected(self) -> list[Heading]:
        first = next((self.resolved[id(i)] for i in self.toc.items if id(i) in self.resolved), None)
        after = [h for h in self.headings if h.line > self.toc.last_line]
        if first is None:
            level = min((h.level for h in after if h.level > 1), default=2)
            start = self.toc.last_line + 1
        else:
            level, start = first.level, min(first.line, self.toc.last_line + 1)
        # the headings of that level from there to the end of the section they sit in:
        # a ToC of '### Tools' under '## Projects' does not list '## Resources'' subsections
        chosen = []
        for heading in self.headings:
            if heading.line < start:
                continue
            if heading.level < level and first is not None and heading.line > first.line:
                break
            if heading.level == level:
                chosen.append(heading)
        return self.wanted(chosen)

    def children_of(self, parent: Heading) -> list[Heading]:
        span = []
        for heading in self.headings:
            if heading.line <= parent.line:
                continue
            if heading.level <= parent.level:
                break
            span.append(heading)
        level = min((h.level for h in span), default=0)
        return self.wanted([h for h in span if h.level == level])

    def wanted(self, headings: list[Heading]) -> list[Heading]:
        return [h for h in headings if h.token_index in self.listed or not is_unlisted(h, self.doc)]

    def problem(self, item: TocItem | None, message: str) -> None:
        if item is None:
            start, end = self.doc.line_span(self.toc.first_line)
        else:
            start, end = item.link_start, item.link_end
        self.problems.append(_Problem(message, start, end))

    def compare(self, items: tuple[TocItem, ...], expected: list[Heading]) -> None:
        position = {h.token_index: i for i, h in enumerate(expected)}
        matched: dict[int, TocItem] = {}
        order: list[tuple[int, TocItem]] = []
        for item in items:
            heading = self.resolved.get(id(item))
            if id(item) in self.elsewhere:
                continue
            if heading is None:
                same_name = next((h for h in expected if h.token_index not in matched
                                  and h.token_index not in self.listed and h.named(item.text)), None)
                if same_name is not None:
                    self.problem(item, f"ToC item '{item.text}' points at '#{item.fragment}', which no heading has; "
                                       f"the heading's anchor is '#{same_name.slug}'")
                    self.resolved[id(item)] = same_name
                    self.by_name.add(id(item))
                    heading = same_name
                else:
                    self.problem(item, f"ToC item '{item.text}' points at '#{item.fragment}', which no heading has")
                    continue
            if heading.token_index in matched:
                self.problem(item, f"ToC lists '{heading.text}' twice")
                continue
            if heading.token_index not in position:
                self.fixable = False  # it lists a heading from elsewhere on purpose: report, do not rewrite
                continue
            matched[heading.token_index] = item
            order.append((position[heading.token_index], item))
            if not heading.named(item.text):
                self.problem(item, f"ToC item '{item.text}' differs from its heading '{heading.name}'")
            if item.has_sublist:
                self.compare(item.children, self.children_of(heading))
        in_order = longest_increasing([p for p, _ in order])
        for index, (_, item) in enumerate(order):
            if index not in in_order:
                self.problem(item, f"ToC item '{item.text}' is out of order (the headings come in another order)")
        for heading in expected:
            if heading.token_index not in matched:
                before = [i for p, i in order if p < position[heading.token_index]]
                self.problem(before[-1] if before else (items[0] if items else None),
                             f"ToC has no item for '{heading.text}' (line {heading.line})")

    # --- the rewrite ---------------------------------------------------------

    def rewrite(self) -> Edit | None:
        toc = self.toc
        if not self.fixable or toc.lists != 1 or "ordered" in toc.markers.values():
            return None
        if any(item.lines != 1 for item in toc.walk()):
            return None
        lines: list[str] = []
        self.render(self.top_expected(), toc.items, 0, lines)
        start = self.doc.line_starts[toc.first_line - 1]
        end = self.doc.line_span(toc.last_line)[1]
        return Edit(start, end, "\n".join(lines))

    def render(self, expected: list[Heading], items: tuple[TocItem, ...], depth: int, lines: list[str]) -> None:
        by_heading: dict[int, TocItem] = {}
        for listed in items:
            target = self.resolved.get(id(listed))
            if target is not None:
                by_heading.setdefault(target.token_index, listed)
        for heading in expected:
            if depth == 0 and lines and self.toc.loose:
                lines.append("")
            item = by_heading.get(heading.token_index)
            if item is not None:
                line = self.doc.lines[item.line - 1]
                at = self.doc.line_starts[item.line - 1]
                link = self.doc.text[item.link_start : item.link_end]
                if not heading.named(item.text) or id(item) in self.by_name:
                    link = self.link(heading)  # a working anchor, '#head2' for '## Papers' too, is kept
                lines.append(line[: item.link_start - at] + link + line[item.link_end - at :])
                if item.has_sublist:
                    self.render(self.children_of(heading), item.children, depth + 1, lines)
            else:
                prefix = _emoji_of(heading) + " " if self.emoji_prefixed and _emoji_of(heading) else ""
                lines.append(f"{self.indent(depth)}{self.marker(depth)} {prefix}{self.link(heading)}")
                if self.new_items_nest(depth):
                    self.render(self.children_of(heading), (), depth + 1, lines)

    def link(self, heading: Heading) -> str:
        text = heading.name if self.names_bare else heading.shown
        return "[" + text.replace("[", "\\[").replace("]", "\\]") + "](#" + heading.slug + ")"

    @cached_property
    def emoji_prefixed(self) -> bool:
        """Does the ToC put a heading's emoji before the link ('- 🔧 [Tools](#-tools)')?"""
        prefixed = plain = 0
        for item in self.toc.walk():
            heading = self.resolved.get(id(item))
            if heading is None or not _emoji_of(heading):
                continue
            line_start = self.doc.line_starts[item.line - 1]
            before = self.doc.text[line_start : item.link_start]
            prefixed += _emoji_of(heading) in before
            plain += _emoji_of(heading) not in before
        return prefixed > plain

    @cached_property
    def names_bare(self) -> bool:
        """Does the ToC write headings without their emoji ('Tools' for '🔧 Tools')?"""
        bare = full = 0
        for item in self.toc.walk():
            heading = self.resolved.get(id(item))
            if heading is not None and heading.shown != heading.name:
                bare += item.text.strip() == heading.name
                full += item.text.strip() == heading.shown
        return bare > full

    def indent(self, depth: int) -> str:
        if depth in self.toc.indents:
            return self.toc.indents[depth]
        return self.indent(depth - 1) + " " * (len(self.marker(depth - 1)) + 1)

    def marker(self, depth: int) -> str:
        while depth not in self.toc.markers and depth > 0:
            depth -= 1
        return self.toc.markers.get(depth, "-")

    def new_items_nest(self, depth: int) -> bool:
        """Do items at this depth list their subsections (most of those that have any)?"""
        if depth not in self._nests:
            self._nests[depth] = self._items_nest(depth)
        return self._nests[depth]

    def _items_nest(self, depth: int) -> bool:
        with_children = [item for item in self.toc.walk() if item.depth == depth and id(item) in self.resolved
                         and self.children_of(self.resolved[id(item)])]
        return bool(with_children) and 2 * sum(item.has_sublist for item in with_children) > len(with_children)


def _emoji_of(heading: Heading) -> str:
    """The symbols a heading starts with ('🔧' for '## 🔧 Tools'), or ''."""
    text = heading.shown
    end = 0
    while end < len(text) and (unicodedata.category(text[end])[0] in "SC" or text[end] in "\ufe0f\u200d"):
        end += 1
    return text[:end].strip()


_ANCHOR_REACH = 3  # lines between an HTML anchor and the heading it marks


@rule(
    "toc-sync",
    summary="A table of contents that does not match the headings: missing, stale, renamed, duplicate or misordered items.",
    severity=Severity.WARNING,
    fix=FixAvailability.SAFE,
    fix_note="rewrite the ToC items from the headings, in the ToC's own style",
    bad="# Awesome Things\n\n## Contents\n\n- [Tools](#tools)\n- [Old Section](#old-section)\n\n## Tools\n\n## Books\n",
    good="# Awesome Things\n\n## Contents\n\n- [Tools](#tools)\n- [Books](#books)\n\n## Tools\n\n## Books\n",
)
def toc_sync(ctx: Context):
    """A table of contents drifts from the headings as sections are added, renamed and
    moved: readers click into nothing or never see a section. The ToC is the list
    under '## Contents' / '## Table of Contents' (emoji and '<!-- omit in toc -->'
    allowed), or a first list of only in-page links. Top-level items are checked
    against every heading of their level; an item's sub-items, when it has any,
    against its subsections. Contributing, License, Footnotes, Related lists and the
    like need not be listed. The fix rewrites the items in place, keeping each item's
    own line where it was right, the ToC's bullet, indentation and whether it writes
    emoji; it never adds a section the ToC leaves out by convention."""
    toc = table_of_contents(ctx.doc)
    if toc is None or not toc.items:
        return
    sync = _Sync(ctx.doc, toc, ctx.doc.derived(headings_of))
    sync.run()
    if not sync.problems:
        return
    edit = sync.rewrite()
    for index, problem in enumerate(sorted(sync.problems, key=lambda p: p.start)):
        fix = Fix((edit,), restructures=True) if edit is not None and index == 0 else None
        yield ctx.finding(problem.start, problem.end, problem.message, fix=fix)
