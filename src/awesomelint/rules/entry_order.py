"""entry-order: entries out of alphabetical order in a list that keeps one."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Edit, Finding, Fix, Severity
from ..model.document import Document
from ..model.linkspans import in_page_fragment
from ..model.sequences import longest_increasing
from ..model.tree import Node

_ARTICLE = re.compile(r"^(?:the|a|an)\s+(?=\S)", re.I)
_NUMBER = re.compile(r"(\d+)")
_SORTED_SHARE = 0.6  # of a list's sections, the share that must be in order for `auto` to call it alphabetical
_MIN_SECTIONS = 3  # sections of 3+ entries needed to judge the list's habit
_LONE_SECTION = 8  # a section this long, all but a tenth in order, is alphabetical on its own evidence


def sort_key(title: str) -> tuple:
    """Case-insensitive, leading articles, emoji and punctuation ignored, numbers by value
    ('Go 2' before 'Go 10'): the order `alphabetical` sorts into."""
    text = title.strip()
    start = next((i for i, c in enumerate(text) if c.isalnum()), len(text))
    return _natural(_ARTICLE.sub("", text[start:]).casefold())


def _natural(text: str) -> tuple:
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in _NUMBER.split(text) if part)


# Lists sort by different habits: 'A Tour of Go' under A or T, 'auto-sklearn' before or
# after 'AutoGluon', 'DBT' before 'DataTrove' (byte order). A section is judged by the
# habit that fits it best, so an entry is only out of order if no common habit puts it there.
COLLATIONS: tuple[Callable[[str], Any], ...] = (
    sort_key,
    lambda title: _natural(title.strip().casefold()),  # articles count
    lambda title: _natural("".join(c for c in title.casefold() if c.isalnum())),  # punctuation ignored
    lambda title: title.strip().casefold(),  # plain text order
    lambda title: title.strip(),  # byte order: upper case first
    # a name after the longer names it begins ('Immich Kiosk', 'Immich'): the order of
    # files named after the entries ('immich-kiosk.yml' < 'immich.yml'), as generators sort
    lambda title: title.strip().casefold() + "\U0010ffff",
)


@dataclass
class Section:
    """One list of link entries: its items' titles and line ranges."""

    titles: list[str]
    starts: list[int]  # 0-based first line of each item
    ends: list[int]  # 0-based line after each item's last non-blank line
    links: list[tuple[int, int]]  # offsets of each item's title link

    _fit: tuple[Callable[[str], Any], list[int]] | None = field(default=None, repr=False, compare=False)

    def misplaced_under(self, key: Callable[[str], Any]) -> list[int]:
        """Entries out of order under ``key``: those off one longest sorted run."""
        keys = [key(t) for t in self.titles]
        if all(a <= b for a, b in zip(keys, keys[1:])):
            return []
        ranks = sorted(range(len(keys)), key=lambda i: keys[i])
        rank_of = {index: rank for rank, index in enumerate(ranks)}
        kept = longest_increasing([rank_of[i] for i in range(len(keys))])
        return [i for i in range(len(keys)) if i not in kept]

    def best_fit(self) -> tuple[Callable[[str], Any], list[int]]:
        """The collation that fits the section best, and what is out of order under it
        (computed once; a section sorted under the first habit asks no other)."""
        if self._fit is None:
            for key in COLLATIONS:
                misplaced = self.misplaced_under(key)
                if self._fit is None or len(misplaced) < len(self._fit[1]):
                    self._fit = (key, misplaced)
                if not misplaced:
                    break
        assert self._fit is not None
        return self._fit

    def misplaced(self) -> list[int]:
        return self.best_fit()[1]

    def collation(self) -> Callable[[str], Any]:
        return self.best_fit()[0]


def sections(doc: Document) -> list[Section]:
    found = []
    for node in doc.tree.walk():
        if node.type == "bullet_list" and node.token.map:
            section = _section(doc, node)
            if section is not None:
                found.append(section)
    return found


def _section(doc: Document, node: Node) -> Section | None:
    titles, starts, ends, links = [], [], [], []
    for item in (c for c in node.children if c.type == "list_item"):
        paragraph = next((c for c in item.children if c.type == "paragraph"), None)
        if paragraph is None or not item.token.map or paragraph is not item.children[0]:
            return None
        inline = paragraph.inline_tokens()[0]
        children = inline.children or []
        first = next((c for c in children if not (c.type == "text" and not c.content.strip())), None)
        if first is None or first.type != "link_open" or in_page_fragment(str(first.attrs.get("href", ""))) is not None:
            return None
        close = next(i for i, c in enumerate(children) if c.type == "link_close")
        titles.append("".join(c.content for c in children[:close] if c.type in ("text", "code_inline")))
        starts.append(item.token.map[0])
        ends.append(doc.last_text_line(item.token))
        links.append(
            doc.inline_span(inline, *first.meta["span"])
            if "span" in first.meta
            else doc.line_span(item.token.map[0] + 1)
        )
    return Section(titles, starts, ends, links) if len(titles) >= 2 else None


def judged(found: list[Section], order: str) -> list[Section]:
    """The sections whose order is checked: all under `alphabetical`; under `auto` only
    sections that are otherwise sorted, in a list that sorts its sections (or long
    enough to show the habit alone) — chronological and curated lists are left be."""
    if order == "off":
        return []
    if order == "alphabetical":
        return found
    sized = [s for s in found if len(s.titles) >= 3]
    in_order = sum(1 for s in sized if not s.misplaced())
    habit = len(sized) >= _MIN_SECTIONS and in_order >= _SORTED_SHARE * len(sized)
    chosen = []
    for section in sized:
        misplaced = len(section.misplaced())
        if not misplaced:
            continue
        if habit and misplaced <= max(1, len(section.titles) // 10):
            chosen.append(section)
        elif len(section.titles) >= _LONE_SECTION and misplaced <= len(section.titles) // 10:
            chosen.append(section)
    return chosen


def reordered(doc: Document, section: Section) -> Edit:
    """The section's items in sorted order (stable: equal keys keep their order), each
    with its sub-bullets, continuation lines and comments; the blank lines between
    items stay where they were."""
    key = section.collation()
    order = sorted(range(len(section.titles)), key=lambda i: key(section.titles[i]))
    chunks = ["\n".join(doc.lines[s:e]) for s, e in zip(section.starts, section.ends)]
    gaps = ["\n" + "".join(line + "\n" for line in doc.lines[e:s]) for e, s in zip(section.ends, section.starts[1:])]
    parts = [chunks[order[0]]]
    for gap, index in zip(gaps, order[1:]):
        parts += [gap, chunks[index]]
    start = doc.line_starts[section.starts[0]]
    end = doc.line_span(section.ends[-1])[1]
    return Edit(start, end, "".join(parts))


@rule(
    "entry-order",
    summary="An entry out of alphabetical order in a list whose sections are otherwise sorted.",
    severity=Severity.WARNING,
    fix=FixAvailability.SAFE,
    fix_note="move the entry, with its sub-bullets, to its place",
    bad="- [Alpha](https://alpha.example/) - A.\n- [Delta](https://delta.example/) - D.\n- [Beta](https://beta.example/) - B.\n- [Gamma](https://gamma.example/) - C.",
    good="- [Alpha](https://alpha.example/) - A.\n- [Beta](https://beta.example/) - B.\n- [Delta](https://delta.example/) - D.\n- [Gamma](https://gamma.example/) - C.",
    setting=(
        "# Awesome Things\n\n## Books\n\n- [Atlas](https://atlas.example/) - A.\n- [Beacon](https://beacon.example/) - B.\n"
        "- [Compass](https://compass.example/) - C.\n\n## Tools\n\n{example}\n\n## Videos\n\n"
        "- [Dawn](https://dawn.example/) - D.\n- [Ember](https://ember.example/) - E.\n- [Frost](https://frost.example/) - F.\n\n"
        "## Websites\n\n- [Grove](https://grove.example/) - G.\n- [Harbor](https://harbor.example/) - H.\n- [Isle](https://isle.example/) - I.\n"
    ),
    options={"order": "auto"},
    choices={"order": ("auto", "alphabetical", "off")},
)
def entry_order(ctx: Context) -> Iterator[Finding]:
    """Lists sorted by name let a reader find an entry and a contributor see where a new
    one goes; one entry dropped at the end of a section breaks both. `order: auto`
    (default) judges only sections that are sorted but for a few entries, in a list
    that sorts its sections, so a chronological paper list or a curated 'best first'
    section is never touched; `alphabetical` judges every section; `off` none.
    Lists sort by different habits (a leading 'The' counted or not, 'auto-sklearn'
    before or after 'AutoGluon', upper case first): each section is judged by the
    habit that fits it best, so an entry is reported only when no common habit puts it
    where it is. Leading emoji never count; numbers compare by value. The fix sorts
    the section by that habit, moving each entry with its sub-bullets. A list generated
    from data keeps the generator's order (a notice saying so, or `generated: true`)."""
    if ctx.generated is not None:
        return
    for section in judged(sections(ctx.doc), ctx.option("order")):
        misplaced = section.misplaced()
        edit = reordered(ctx.doc, section)
        collation = section.collation()
        keys = [collation(t) for t in section.titles]
        for number, index in enumerate(misplaced):
            follower = min(
                (i for i in range(len(keys)) if i not in misplaced and keys[i] > keys[index]),
                key=lambda i: keys[i],
                default=None,
            )
            where = f"belongs before '{section.titles[follower]}'" if follower is not None else "belongs at the end"
            start, end = section.links[index]
            yield ctx.finding(
                start,
                end,
                f"'{section.titles[index]}' is out of alphabetical order ({where})",
                fix=Fix((edit,), restructures=True, relocates=True) if number == 0 else None,
                entry=ctx.entry_at(start),
            )
