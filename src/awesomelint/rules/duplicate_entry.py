"""duplicate-entry: the same work listed twice in one file."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Finding, Related, Severity
from ..model.document import Document
from ..model.entries import Entry, entry_name, linkless_tables
from ..model.headings import headings_of
from ..model.urls import github_repo, squeezed
from ..model.works import (
    address_of,
    base_title,
    described_as,
    description,
    normalize_title,
    same_name,
    similarity,
    title_words,
)

_AUTHOR_KEYS = ("authors", "author")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
# '<h2>C++</h2>': a section heading written in HTML, which the markdown tree does not see
_HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]*>")


def _authors(entry: Entry) -> set[str]:
    for key, value in entry.fields.items():
        if key.strip().casefold() in _AUTHOR_KEYS:
            names = re.split(r",|;| and | & ", value)
            return {normalize_title(n) for n in names if len(normalize_title(n)) > 3}
    return set()


def _description_words(entry: Entry) -> set[str]:
    return title_words(description(entry))


def _description_overlap(a: Entry, b: Entry) -> float | None:
    """Shared words over all words of two entries' descriptions; None unless both say
    something (three words or more)."""
    wa, wb = _description_words(a), _description_words(b)
    return len(wa & wb) / len(wa | wb) if len(wa) >= 3 and len(wb) >= 3 else None


def _descriptions_disagree(a: Entry, b: Entry) -> bool:
    """Two described entries whose descriptions share few words are two works."""
    overlap = _description_overlap(a, b)
    return overlap is not None and overlap < 0.3


@rule(
    "duplicate-entry",
    summary="The same work listed twice in one section: same link target (tracking parameters aside), same title, or a near-identical title with shared authors.",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="| Model | Paper |\n|---|---|\n| scFoundation | [Large-scale foundation model](https://www.nature.com/articles/s41592-024-02305-7) |\n| CellPLM | [Pre-training of single-cell language models](https://www.biorxiv.org/content/10.1101/2023.10.03.560734) |\n| scFoundation | [Large-scale foundation model](https://www.nature.com/articles/s41592-024-02305-7) |",
    good="| Model | Paper |\n|---|---|\n| scFoundation | [Large-scale foundation model](https://www.nature.com/articles/s41592-024-02305-7) |\n| CellPLM | [Pre-training of single-cell language models](https://www.biorxiv.org/content/10.1101/2023.10.03.560734) |",
    options={"cross-section": False},
)
def duplicate_entry(ctx: Context) -> Iterator[Finding]:
    """Lists grow by pull requests that each add "their" paper; nobody searches the whole
    file first. Two rows for one work split its details and double-count it. Entries
    match when their main links are the same address (https, www, trailing slash,
    index.html, tracking parameters, GitHub /tree/main and arXiv abs/pdf/versions
    folded; a query that selects content, or a fragment that is all a page has to tell
    its content apart, is kept) and their names can name one work ('kube-linter' and
    'KubeLinter', '(ICML 2024) Title' and 'Title', or one's description opening with
    the other's name: a repository's name and its paper's); when their titles are the
    same after case, punctuation, markup and a leading venue tag are dropped (not two
    described works on two hosts, in a list or a table's Description column; not two
    repositories described differently, a Haskell and a Python 'advent-of-code-ocr';
    short names only where the links do not contradict); or when titles are nearly the
    same and the author lists overlap. Names that differ in a number (8B and 70B) are
    two works, whatever their link; so are one title with two aliases that each name
    their own repository ("Challenge (alice)", "Challenge (bob)"). Different names at
    one address are copied-link's to judge. The finding sits on the later entry and
    points at the first; which to keep is a human call.

    The same work in two sections (a dataset under "Stereo" and "Optical flow", a tool
    under C and C++, sections written as HTML headings too) is nearly always a choice
    (121 of 134 such places on 14 real lists), so it is not reported; `cross-section:
    true` reports it as one info note on its last place naming every place. Sections by
    year are parts of one timeline: a paper under two years stays a warning."""
    linkless = linkless_tables(ctx.entries)
    places = _Places(ctx.doc)
    by_url: dict[str, Entry] = {}
    by_title: dict[str, Entry] = {}
    by_base: dict[str, tuple[Entry, str]] = {}
    earlier = _AuthorIndex()
    keys_of: dict[int, _Keys] = {}
    spread: dict[int, list[Entry]] = {}  # id of the first entry -> the later ones in other sections
    for entry in ctx.entries:
        if entry.table in linkless:
            continue  # a table without links (an overview) lists no works to double
        keys = keys_of[id(entry)] = _Keys.of(entry, ctx.doc)
        first, why = _match(entry, keys, keys_of, by_url, by_title, by_base, earlier)
        if first is not None and places.of(first) != places.of(entry) and not _partitioned(places, first, entry):
            spread.setdefault(id(first), [first]).append(entry)
        elif first is not None:
            yield ctx.finding(
                entry.start,
                ctx.doc.line_span(entry.line)[1],
                f"'{entry.title}' duplicates '{first.title}' at line {first.line} ({why})",
                entry=entry_name(entry),
                related=[Related(ctx.doc.path, first.line)],
            )
        if keys.main:
            by_url.setdefault(keys.main, entry)
        if keys.title:
            by_title.setdefault(keys.title, entry)
        if keys.alias and len(keys.base.split()) >= 4:
            by_base.setdefault(keys.base, (entry, keys.alias))
        earlier.add(entry, keys.authors)
    if ctx.option("cross-section"):
        yield from _cross_section_notes(ctx, places, spread)


def _cross_section_notes(ctx: Context, places: _Places, spread: dict[int, list[Entry]]) -> Iterator[Finding]:
    """One info note per work listed in several sections, on its last place."""
    for group in spread.values():
        last = group[-1]
        where = "; ".join(f"line {e.line} ({' > '.join(places.of(e).names[-2:]) or 'top'})" for e in group)
        yield ctx.finding(
            last.start,
            ctx.doc.line_span(last.line)[1],
            f"'{last.title}' is listed in {len(group)} sections: {where}",
            severity=Severity.INFO,
            entry=entry_name(last),
            related=[Related(ctx.doc.path, e.line) for e in group[:-1]],
        )


@dataclass(frozen=True)
class _Place:
    """The section an entry sits in: the line of the heading that opened it (two sections
    that share a name, "### Models" under two languages, are two places) and its names,
    from the list's title down to the category bullet the entry is under."""

    line: int
    names: tuple[str, ...]


class _Places:
    """Where each entry sits, headings written in HTML ('<h2>C++</h2>') included: the
    markdown tree sees only markdown headings, so a list sectioned in HTML would be one
    section and every deliberate cross-listing in it a duplicate."""

    def __init__(self, doc: Document) -> None:
        html = _html_headings(doc)
        headings = sorted([(h.line, h.level, "") for h in headings_of(doc)] + html)
        self._lines = [line for line, _, _ in headings]
        self._levels = [level for _, level, _ in headings]
        self._html_names = [name for _, _, name in headings]  # "" for a markdown heading

    def of(self, entry: Entry) -> _Place:
        index = bisect.bisect_left(self._lines, entry.line) - 1  # the headings above the entry's first line
        if entry.kind == "heading":  # a heading entry sits in the section of a higher heading
            own = self._levels[index + 1] if index + 1 < len(self._levels) else 7
            while index >= 0 and self._levels[index] >= own:
                index -= 1
        if index < 0:
            return _Place(0, tuple(entry.section))
        html_name = self._html_names[index]
        return _Place(self._lines[index], (*entry.section, html_name) if html_name else tuple(entry.section))


def _html_headings(doc: Document) -> list[tuple[int, int, str]]:
    """(1-based line, level, text) of every heading written as HTML in an HTML block."""
    found = []
    for token in doc.tokens:
        if token.type != "html_block" or not token.map or "<h" not in token.content.casefold():
            continue
        for match in _HTML_HEADING.finditer(token.content):
            line = token.map[0] + 1 + token.content.count("\n", 0, match.start())
            found.append((line, int(match.group(1)), " ".join(_TAG.sub(" ", match.group(2)).split())))
    return found


def _partitioned(places: _Places, a: Entry, b: Entry) -> bool:
    """Sections by year ("2023", "2024") split a list into parts no work belongs to twice."""
    return all(places.of(e).names and _YEAR.search(places.of(e).names[-1]) for e in (a, b))


def _site(address: str) -> str:
    """The host part of a canonical address."""
    return address.split("/", 1)[0]


@dataclass(frozen=True)
class _Keys:
    """What an entry is matched by, computed once per entry."""

    main: str | None  # canonical address of its main link
    title: str  # normalized title
    base: str  # normalized title without a trailing "(Alias)"
    alias: str
    authors: frozenset[str]

    @classmethod
    def of(cls, entry: Entry, doc: Document) -> _Keys:
        base, alias = base_title(entry.title)
        return cls(address_of(entry, doc), normalize_title(entry.title), base, alias, frozenset(_authors(entry)))


def _match(
    entry: Entry,
    keys: _Keys,
    keys_of: dict[int, _Keys],
    by_url: dict[str, Entry],
    by_title: dict[str, Entry],
    by_base: dict[str, tuple[Entry, str]],
    earlier: _AuthorIndex,
) -> tuple[Entry | None, str]:
    main, title = keys.main, keys.title
    if main and main in by_url:
        first = by_url[main]
        if same_name(entry.title, first.title):
            return first, "same link target"
        if described_as(entry, first) or described_as(first, entry):
            return first, "same link target, and one's description opens with the other's name"
    if title and title in by_title:
        first = by_title[title]
        other = keys_of[id(first)].main
        long_title = len(title.split()) >= 4
        two_works = (
            main is not None
            and other is not None
            and (
                _two_projects(entry, keys, first, keys_of[id(first)])
                or (_site(main) != _site(other) and _descriptions_disagree(entry, first))
            )
        )
        if (long_title or not main or not other) and not two_works:
            return first, "same title"
    base, alias = keys.base, keys.alias
    if (
        alias
        and base in by_base
        and by_base[base][1] != alias
        and not _aliases_name_their_links(keys, keys_of[id(by_base[base][0])])
    ):
        first = by_base[base][0]
        return (
            first,
            f"the same title under two names, {by_base[base][1]!r} and {alias!r}: one is probably a copy-paste slip",
        )
    if keys.authors and len(title.split()) >= 4:
        for first, shared in earlier.sharing(keys.authors, at_least=2):
            if similarity(entry.title, first.title) >= 0.55:
                return first, f"near-identical title and {shared} shared authors"
    return None, ""


def _two_projects(a: Entry, a_keys: _Keys, b: Entry, b_keys: _Keys) -> bool:
    """Two repositories under one name ('advent-of-code-ocr' in Haskell by one owner and
    in Python by another) are two projects, unless they are described alike (a fork
    listed beside its original); a repository that moved is the link checker's finding
    (redirected-link), not a second entry."""
    a_repo, b_repo = _repository(a, a_keys), _repository(b, b_keys)
    if a_repo is None or b_repo is None or a_repo == b_repo:
        return False
    overlap = _description_overlap(a, b)
    return overlap is None or overlap < 0.8


def _repository(entry: Entry, keys: _Keys) -> tuple[str, str] | None:
    """(owner, name), case-folded, when the entry's main link is a GitHub repository;
    asked only of entries that already match by title."""
    repo = github_repo(entry.main_link.url) if keys.main and entry.main_link else None
    return (repo[0].casefold(), repo[1].casefold()) if repo else None


def _aliases_name_their_links(a: _Keys, b: _Keys) -> bool:
    """'Speedrun Challenge (alice)' at github.com/alice/… and '… (bob)' at github.com/bob/…:
    each alias is in its own address, so the aliases are what tell two works apart."""
    return all(k.main is not None and squeezed(k.alias) in squeezed(k.main) for k in (a, b))


class _AuthorIndex:
    """Earlier entries by author name, so an entry is compared only with the entries it
    shares authors with (blocking), not with every entry before it."""

    def __init__(self) -> None:
        self._entries: list[Entry] = []
        self._by_author: dict[str, list[int]] = {}

    def add(self, entry: Entry, authors: frozenset[str]) -> None:
        for author in authors:
            self._by_author.setdefault(author, []).append(len(self._entries))
        self._entries.append(entry)

    def sharing(self, authors: frozenset[str], at_least: int) -> list[tuple[Entry, int]]:
        """(earlier entry, number of shared authors), in the entries' order."""
        counts: dict[int, int] = {}
        for author in authors:
            for index in self._by_author.get(author, ()):
                counts[index] = counts.get(index, 0) + 1
        return [(self._entries[i], n) for i, n in sorted(counts.items()) if n >= at_least]
