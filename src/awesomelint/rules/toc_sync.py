"""toc-sync: the table of contents against the headings it lists."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Edit, Finding, Fix, Severity
from ..model.document import Document
from ..model.headings import Heading, headings_of
from ..model.linkspans import dest_edit, parsed_links
from ..model.sequences import longest_increasing
from ..model.toc import (
    TableOfContents,
    TocItem,
    TocList,
    in_page_links,
    is_unlisted,
    label_fits,
    names_within,
    navigation_lists,
    resolve,
    table_of_contents,
)

# A ToC that lists fewer than this share of the headings of its level, leaving out more
# than _FEW of them, lists some on purpose (only this year's weeks, only the top
# sections): the rest are not missing. A ToC missing a few is stale, not partial, and a
# rewrite may add a few items to it however short it was.
_PARTIAL_SHARE = 0.5
_FEW = 3
# A list that holds this share of the headings between its first and last item means
# to hold them all: a gap there is a miss, even in a partial ToC.
_DENSE = 0.8

Key = tuple[str, int]  # ("list", n): the ToC's n-th list; ("item", id(item)): an item's sub-list


@dataclass
class _Problem:
    message: str
    start: int
    end: int


@dataclass
class _Sync:
    """One ToC compared with the headings: what is wrong, what each item points at, and
    which headings each of its lists should hold."""

    doc: Document
    toc: TableOfContents
    headings: list[Heading]
    problems: list[_Problem] = field(default_factory=list)
    resolved: dict[int, Heading] = field(default_factory=dict)  # id(item) -> the heading it stands for
    listed: set[int] = field(default_factory=set)  # token_index of headings some item stands for
    navigated: set[int] = field(default_factory=set)  # token_index of headings other navigation lists point at
    targets: dict[Key, list[Heading]] = field(default_factory=dict)  # what each list should hold, in order
    fixable: bool = True
    elsewhere: set[int] = field(default_factory=set)  # id(item) of items pointing at an HTML anchor, not a heading
    by_name: set[int] = field(default_factory=set)  # id(item) of items whose anchor misses, matched by their text
    renamed: set[int] = field(default_factory=set)  # id(item) of items whose label drifted from their heading
    slipped: set[int] = field(
        default_factory=set
    )  # id(item) of items whose anchor missed the heading their label names
    repointed: dict[int, str] = field(default_factory=dict)  # id(item) -> its link pointed at the heading it names
    added: list[Heading] = field(default_factory=list)  # headings the rewrite adds items for
    rendered: set[int] = field(default_factory=set)  # token_index of the headings the rewrite lists
    _nests: dict[int, bool] = field(default_factory=dict)  # depth -> new_items_nest(depth), asked per new item

    def run(self) -> None:
        self.resolve_items()
        self.navigated = {
            heading.token_index
            for first, _, targets in navigation_lists(self.doc)
            if not self.toc.holds_line(first)
            for heading in targets
        }
        self.compare([(("list", n), toc_list.items) for n, toc_list in enumerate(self.toc.lists)], self.top_expected())

    # --- what each item stands for ----------------------------------------------

    def resolve_items(self) -> None:
        """Each item stands for the heading its anchor reaches, unless its label names
        another heading of the same list's headings that no item names: then the
        anchor is the slip (a copied line whose label was edited and anchor not)."""
        items = {id(item): item for item in self.toc.walk()}
        for key, item in items.items():
            target = resolve(self.doc, item.fragment)
            if target.heading is not None:
                self.resolved[key] = target.heading
            elif target.html_only:
                self.elsewhere.add(key)
                self.fixable = False
        self.listed = {h.token_index for h in self.resolved.values()}
        drifted = {key for key, heading in self.resolved.items() if not label_fits(items[key].text, heading)}
        firm = {heading.token_index for key, heading in self.resolved.items() if key not in drifted}
        self.settle(self.toc.items, self.top_expected(), drifted, firm)
        self.listed = {h.token_index for h in self.resolved.values()}

    def settle(self, items: tuple[TocItem, ...], scope: list[Heading], drifted: set[int], firm: set[int]) -> None:
        """Decide, for the drifted items of one level, whether the label or the anchor
        slipped: the anchor, when the label names a heading of this level (the nearest
        such to the one the anchor reaches) that no well-labelled item lists and no
        other drifted item names; the label otherwise."""
        named = {id(i): self.named_by_label(i, self.resolved[id(i)], scope) for i in items if id(i) in drifted}
        claims = Counter(h.token_index for h in named.values() if h is not None)
        for item in items:
            if id(item) in named:
                other = named[id(item)]
                if other is not None and other.token_index not in firm and claims[other.token_index] == 1:
                    self.slipped.add(id(item))
                    self.resolved[id(item)] = other
                    new_link = self.link_to(item, other)
                    if new_link is None:
                        self.fixable = False  # a link written with escapes: report, leave it to a person
                    else:
                        self.repointed[id(item)] = new_link
                else:
                    self.renamed.add(id(item))
            heading = self.resolved.get(id(item))
            if item.children and heading is not None:
                self.settle(item.children, self.children_of(heading, item.children), drifted, firm)

    def named_by_label(self, item: TocItem, anchored: Heading, scope: list[Heading]) -> Heading | None:
        """The heading among ``scope`` that the item's label names (whole, or with
        words added), nearest to the one its anchor reaches; None when none is, or two
        are equally near."""
        found = [
            (len(name), h) for h in scope if h is not anchored and (name := names_within(item.text, h)) is not None
        ]
        if not found:
            return None
        longest = max(length for length, _ in found)
        candidates = sorted((abs(h.line - anchored.line), h.line, h) for length, h in found if length == longest)
        if len(candidates) > 1 and candidates[0][0] == candidates[1][0]:
            return None
        return candidates[0][2]

    def link_to(self, item: TocItem, heading: Heading) -> str | None:
        """The item's link with only its anchor changed to the heading's."""
        link = next((link for link in parsed_links(self.doc) if link.start == item.link_start), None)
        edit = dest_edit(self.doc, link, "#" + heading.slug) if link is not None else None
        if edit is None:
            return None
        text = self.doc.text
        return text[item.link_start : edit.start] + edit.content + text[edit.end : item.link_end]

    # --- the headings each list should hold ---------------------------------------

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

    def children_of(self, parent: Heading, items: tuple[TocItem, ...] = ()) -> list[Heading]:
        """The subsections a sub-list under ``parent`` stands for: those of the level its
        first item points at (a ToC may skip a level: '### Routers' under '# Awesome
        PHP'), else the highest level under it; none above the ToC unless listed."""
        span = []
        for heading in self.headings:
            if heading.line <= parent.line:
                continue
            if heading.level <= parent.level:
                break
            span.append(heading)
        inside = {h.token_index for h in span}
        levels = [
            self.resolved[id(i)].level
            for i in items
            if id(i) in self.resolved and self.resolved[id(i)].token_index in inside
        ]
        level = levels[0] if levels else min((h.level for h in span), default=0)
        return self.wanted(
            [h for h in span if h.level == level and (h.line > self.toc.last_line or h.token_index in self.listed)]
        )

    def wanted(self, headings: list[Heading]) -> list[Heading]:
        own = self.toc.group_headings | {self.toc.heading.token_index if self.toc.heading else -1}
        return [
            h
            for h in headings
            if h.token_index in self.listed or not (is_unlisted(h, self.doc) or h.token_index in own)
        ]

    def problem(self, item: TocItem | None, message: str) -> None:
        if item is None:
            start, end = self.doc.line_span(self.toc.first_line)
        else:
            start, end = item.link_start, item.link_end
        self.problems.append(_Problem(message, start, end))

    def compare(self, lists: list[tuple[Key, tuple[TocItem, ...]]], expected: list[Heading]) -> None:
        """Lists of one level (the ToC's lists, or one item's sub-list) against the
        headings they stand for: each list in order, no heading twice, and what is
        missing where the ToC means to list it."""
        position = {h.token_index: i for i, h in enumerate(expected)}
        matched: set[int] = set()
        held = [self.match(items, expected, position, matched) for _, items in lists]
        for kept in held:
            in_order = longest_increasing([p for p, _ in kept])
            for index, (_, item) in enumerate(kept):
                if index not in in_order:
                    self.problem(item, f"ToC item '{item.text}' is out of order (the headings come in another order)")
        # a heading the ToC lists at another level (a '### Services' listed as a top item) is not missing
        missing = [
            h
            for h in expected
            if h.token_index not in matched and h.token_index not in self.listed and h.token_index not in self.navigated
        ]
        owners = self.owners(held, expected, position, len(matched))
        for heading in missing:
            if heading.token_index not in owners:
                continue  # a partial ToC leaves it out on purpose
            owner = owners[heading.token_index]
            before = [
                i
                for kept in (held if owner is None else [held[owner]])
                for p, i in kept
                if p < position[heading.token_index]
            ]
            before.sort(key=lambda i: i.line)
            first_items = lists[owner if owner is not None else 0][1]
            self.problem(
                before[-1] if before else (first_items[0] if first_items else None),
                f"ToC has no item for '{heading.text}' (line {heading.line})",
            )
        for number, ((key, _), kept) in enumerate(zip(lists, held)):
            owned = {position[h.token_index] for h in missing if owners.get(h.token_index, -1) == number}
            self.targets[key] = [expected[p] for p in sorted({p for p, _ in kept} | owned)]

    def match(
        self, items: tuple[TocItem, ...], expected: list[Heading], position: dict[int, int], matched: set[int]
    ) -> list[tuple[int, TocItem]]:
        """(position among the expected headings, item) of the items of one list that
        stand for one of them; the others are reported."""
        kept: list[tuple[int, TocItem]] = []
        for item in items:
            if id(item) in self.elsewhere:
                continue
            heading = self.resolved.get(id(item))
            if heading is None:
                same_name = next(
                    (
                        h
                        for h in expected
                        if h.token_index not in matched and h.token_index not in self.listed and h.named(item.text)
                    ),
                    None,
                )
                if same_name is None:
                    self.problem(item, f"ToC item '{item.text}' points at '#{item.fragment}', which no heading has")
                    continue
                self.problem(
                    item,
                    f"ToC item '{item.text}' points at '#{item.fragment}', which no heading has; "
                    f"the heading's anchor is '#{same_name.slug}'",
                )
                self.resolved[id(item)] = same_name
                self.listed.add(same_name.token_index)
                self.by_name.add(id(item))
                heading = same_name
            if heading.token_index in matched:
                self.problem(item, f"ToC lists '{heading.text}' twice")
                continue
            if heading.token_index not in position:
                self.fixable = False  # it lists a heading from elsewhere on purpose: report, do not rewrite
                continue
            matched.add(heading.token_index)
            kept.append((position[heading.token_index], item))
            if id(item) in self.slipped:
                anchored = resolve(self.doc, item.fragment).heading
                where = f"'{anchored.text}' (line {anchored.line})" if anchored is not None else f"'#{item.fragment}'"
                self.problem(
                    item,
                    f"ToC item '{item.text}' points at {where}, not at the heading its label names "
                    f"(line {heading.line}, '#{heading.slug}')",
                )
            elif id(item) in self.renamed:
                self.problem(item, f"ToC item '{item.text}' differs from its heading '{heading.name}'")
            if item.has_sublist:
                self.compare([(("item", id(item)), item.children)], self.children_of(heading, item.children))
        return kept

    def owners(
        self, held: list[list[tuple[int, TocItem]]], expected: list[Heading], position: dict[int, int], matched: int
    ) -> dict[int, int | None]:
        """Which list each unlisted heading belongs in: token_index -> list number, or
        None when the ToC means to list it but which of its lists is unclear (it lies
        between two groups). Headings a partial ToC leaves out are not keys."""
        spans = [(min(p for p, _ in kept), max(p for p, _ in kept)) if kept else None for kept in held]
        bounded = sorted(span for span in spans if span is not None)
        if any(a[1] >= b[0] for a, b in zip(bounded, bounded[1:])):
            self.fixable = False  # lists that interleave: no one list a heading belongs to
        partial = matched < _PARTIAL_SHARE * len(expected) and len(expected) - matched > _FEW
        owners: dict[int, int | None] = {}
        for heading in expected:
            at = position[heading.token_index]
            inside = [n for n, span in enumerate(spans) if span is not None and span[0] < at < span[1]]
            if len(held) == 1 and not partial:
                owners[heading.token_index] = 0
            elif len(inside) == 1 and (not partial or self.dense(held[inside[0]], expected)):
                owners[heading.token_index] = inside[0]
            elif not partial:
                owners[heading.token_index] = None
        return owners

    def dense(self, kept: list[tuple[int, TocItem]], expected: list[Heading]) -> bool:
        """Does the list hold nearly every heading between its first and last item?"""
        low, high = min(p for p, _ in kept), max(p for p, _ in kept)
        between = sum(1 for h in expected[low : high + 1] if h.token_index not in self.navigated)
        return len(kept) >= _DENSE * between

    # --- the rewrite ---------------------------------------------------------

    def rewrite(self) -> tuple[Edit, ...]:
        """One edit per list whose items change; none at all when the ToC cannot be
        rewritten from what it shows (numbered, multi-line items, headings listed from
        elsewhere) or when the rewrite would duplicate a link found elsewhere on the
        page, more than double the ToC, or drop the only item of a heading some item
        reaches (the children of a parent whose own anchor went stale)."""
        toc = self.toc
        if not self.fixable or any("ordered" in toc_list.markers.values() for toc_list in toc.lists):
            return ()
        if any(item.lines != 1 for item in toc.walk()):
            return ()
        edits: list[Edit] = []
        written = 0
        for number, toc_list in enumerate(toc.lists):
            lines: list[str] = []
            self.render(toc_list, self.targets.get(("list", number), []), toc_list.items, 0, lines)
            if not any(line.strip() for line in lines):
                return ()  # every item stale: not a list to empty by itself
            written += sum(1 for line in lines if line.strip())
            start = self.doc.line_starts[toc_list.first_line - 1]
            end = self.doc.line_span(toc_list.last_line)[1]
            content = "\n".join(lines)
            if content != self.doc.text[start:end]:
                edits.append(Edit(start, end, content))
        linked = {heading.token_index for line, heading in in_page_links(self.doc) if not toc.holds_line(line)}
        if any(heading.token_index in linked for heading in self.added):
            return ()
        listed = {self.resolved[id(item)].token_index for item in toc.walk() if id(item) in self.resolved}
        if listed - self.rendered:
            return ()  # a heading some item reaches would lose its only item (under a parent whose anchor went stale)
        had = len(toc.walk())
        if written > 2 * had and written - had > _FEW:
            return ()  # more than doubled: the model does not explain this ToC well enough to grow it
        return tuple(edits)

    def render(
        self, toc_list: TocList, expected: list[Heading], items: tuple[TocItem, ...], depth: int, lines: list[str]
    ) -> None:
        by_heading: dict[int, TocItem] = {}
        for listed in items:
            target = self.resolved.get(id(listed))
            if target is not None:
                by_heading.setdefault(target.token_index, listed)
        for heading in expected:
            if depth == 0 and lines and toc_list.loose:
                lines.append("")
            item = by_heading.get(heading.token_index)
            self.rendered.add(heading.token_index)
            if item is not None:
                lines.append(self.kept_line(item, heading))
                if item.has_sublist:
                    self.render(toc_list, self.targets.get(("item", id(item)), []), item.children, depth + 1, lines)
            else:
                self.added.append(heading)
                prefix = _emoji_of(heading) + " " if self.emoji_prefixed and _emoji_of(heading) else ""
                lines.append(
                    f"{self.indent(toc_list, depth)}{self.marker(toc_list, depth)} {prefix}{self.link(heading)}"
                )
                if self.new_items_nest(depth):
                    self.render(toc_list, self.children_of(heading), (), depth + 1, lines)

    def kept_line(self, item: TocItem, heading: Heading) -> str:
        """The item's own line, its link mended where it was wrong: a working anchor,
        '#head2' for '## Papers' too, is kept."""
        line = self.doc.lines[item.line - 1]
        at = self.doc.line_starts[item.line - 1]
        link = self.doc.text[item.link_start : item.link_end]
        if id(item) in self.renamed or id(item) in self.by_name:
            link = self.link(heading)
        elif id(item) in self.repointed:
            link = self.repointed[id(item)]
        return line[: item.link_start - at] + link + line[item.link_end - at :]

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

    def indent(self, toc_list: TocList, depth: int) -> str:
        for indents in (toc_list.indents, self.toc.indents):
            if depth in indents:
                return indents[depth]
        return self.indent(toc_list, depth - 1) + " " * (len(self.marker(toc_list, depth - 1)) + 1)

    def marker(self, toc_list: TocList, depth: int) -> str:
        for markers in (toc_list.markers, self.toc.markers):
            at = depth
            while at not in markers and at > 0:
                at -= 1
            if at in markers:
                return markers[at]
        return "-"

    def new_items_nest(self, depth: int) -> bool:
        """Do items at this depth list their subsections (most of those that have any)?"""
        if depth not in self._nests:
            self._nests[depth] = self._items_nest(depth)
        return self._nests[depth]

    def _items_nest(self, depth: int) -> bool:
        with_children = [
            item
            for item in self.toc.walk()
            if item.depth == depth and id(item) in self.resolved and self.children_of(self.resolved[id(item)])
        ]
        return bool(with_children) and 2 * sum(item.has_sublist for item in with_children) > len(with_children)


def _emoji_of(heading: Heading) -> str:
    """The symbols a heading starts with ('🔧' for '## 🔧 Tools'), or ''."""
    text = heading.shown
    end = 0
    while end < len(text) and (unicodedata.category(text[end])[0] in "SC" or text[end] in "\ufe0f\u200d"):
        end += 1
    return text[:end].strip()


@rule(
    "toc-sync",
    summary="A table of contents that does not match the headings: missing, stale, renamed, duplicate or misordered items.",
    severity=Severity.WARNING,
    fix=FixAvailability.SAFE,
    fix_note="rewrite the ToC items from the headings, in the ToC's own style",
    bad="# Awesome Things\n\n## Contents\n\n- [Tools](#tools)\n- [Old Section](#old-section)\n\n## Tools\n\n## Books\n",
    good="# Awesome Things\n\n## Contents\n\n- [Tools](#tools)\n- [Books](#books)\n\n## Tools\n\n## Books\n",
)
def toc_sync(ctx: Context) -> Iterator[Finding]:
    """A table of contents drifts from the headings as sections are added, renamed and
    moved: readers click into nothing or never see a section. The ToC is the list
    under '## Contents' / '## Table of Contents' (emoji and '<!-- omit in toc -->'
    allowed), or a first list of only in-page links; it may be several lists, one per
    label or group heading ('### Frontend', '## 2024' over that year's weeks), each
    checked in its own order. Top-level items are checked against every heading of
    their level; an item's sub-items, when it has any, against its subsections. A ToC
    that lists a small share of them lists some on purpose: only gaps inside a list it
    keeps complete are missing. A heading another in-page navigation list points at is
    not missing, nor Contributing, License, Footnotes, Related lists and the like. An
    item whose label names another heading of its level than the one its anchor
    reaches, one no other item lists, has the wrong anchor, not the wrong label. The
    fix rewrites each list in place, keeping each item's own line where it was right,
    the list's bullet, indentation and whether it writes emoji; it never adds a
    section the ToC leaves out by convention or one linked from elsewhere on the
    page, never guesses which group a section between two groups belongs to, and
    never more than doubles the ToC: then the findings come without a fix."""
    toc = table_of_contents(ctx.doc)
    if toc is None or not toc.items:
        return
    sync = _Sync(ctx.doc, toc, ctx.doc.derived(headings_of))
    sync.run()
    if not sync.problems:
        return
    edits = sync.rewrite()
    for index, problem in enumerate(sorted(sync.problems, key=lambda p: p.start)):
        fix = Fix(edits, restructures=True) if edits and index == 0 else None
        yield ctx.finding(problem.start, problem.end, problem.message, fix=fix)
