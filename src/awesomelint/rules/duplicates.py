"""duplicate-entry: the same work listed twice in one file."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..entries import Entry, entry_name, linkless_tables
from ..findings import Related, Severity
from ..registry import Context, FixAvailability, rule
from ..urls import canonical

_ALIAS = re.compile(r"\s*\(([^()]*)\)\s*$")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOP = {"a", "an", "the", "of", "for", "and", "in", "on", "to", "with", "via", "from", "by", "using", "towards", "toward"}
_AUTHOR_KEYS = ("authors", "author")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def normalize_title(title: str) -> str:
    text = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(_WORD.findall(text))


def base_title(title: str) -> tuple[str, str]:
    """('a vision language model ...', 'chexagent') for 'A Vision-Language Model ... (CheXagent)'."""
    match = _ALIAS.search(title)
    if match and len(title) - len(match.group(0)) > 20:
        return normalize_title(title[: match.start()]), normalize_title(match.group(1))
    return normalize_title(title), ""


def _words(title: str) -> set[str]:
    return {w for w in normalize_title(title).split() if w not in _STOP}


def _similarity(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def _authors(entry: Entry) -> set[str]:
    for key, value in entry.fields.items():
        if key.strip().casefold() in _AUTHOR_KEYS:
            names = re.split(r",|;| and | & ", value)
            return {normalize_title(n) for n in names if len(normalize_title(n)) > 3}
    return set()


_DESCRIPTION_DASH = re.compile(r"\s[-–—]\s")
_MARKER = re.compile(r"^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]")


def _digits_differ(a: str, b: str) -> bool:
    """'Swallow 8B' and 'Swallow 70B', 'v1' and 'v2': a number only one name has."""
    only = _words(a) ^ _words(b)
    return any(any(c.isdigit() for c in word) for word in only)


def _description_words(entry: Entry) -> set[str]:
    return {w for w in normalize_title(entry.fields.get("description", "")).split() if w not in _STOP}


def _descriptions_disagree(a: Entry, b: Entry) -> bool:
    """Two described entries whose descriptions share few words are two works."""
    wa, wb = _description_words(a), _description_words(b)
    return len(wa) >= 3 and len(wb) >= 3 and len(wa & wb) / len(wa | wb) < 0.3


@rule(
    "duplicate-entry",
    summary="The same work listed twice: same link target, same title, or a near-identical title with shared authors (in two sections: one info note).",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="| Model | Paper |\n|---|---|\n| scFoundation | [Large-scale foundation model](https://www.nature.com/articles/s41592-024-02305-7) |\n| CellPLM | [Pre-training of single-cell language models](https://www.biorxiv.org/content/10.1101/2023.10.03.560734) |\n| scFoundation | [Large-scale foundation model](https://www.nature.com/articles/s41592-024-02305-7) |",
    good="| Model | Paper |\n|---|---|\n| scFoundation | [Large-scale foundation model](https://www.nature.com/articles/s41592-024-02305-7) |\n| CellPLM | [Pre-training of single-cell language models](https://www.biorxiv.org/content/10.1101/2023.10.03.560734) |",
)
def duplicate_entry(ctx: Context):
    """Lists grow by pull requests that each add "their" paper; nobody searches the whole
    file first. Two rows for one work split its details and double-count it. Entries
    match when their main links are the same address (https, www, trailing slash,
    index.html, GitHub /tree/main and arXiv abs/pdf/versions folded; a query, or a
    fragment that is all a page has to tell its content apart, is kept), when their
    titles are the same after case, punctuation and markup are dropped (not two
    described works on two hosts, and short names only where the links do not
    contradict), or when titles are nearly the same and the author lists overlap. Names
    that differ in a number (8B and 70B) are two works, whatever their link. The finding
    sits on the later entry and points at the first; which to keep is a human call. The
    same work in two sections (a dataset under "Stereo" and "Optical flow") is more often
    a choice than a slip: one info note on its last place names every place (sections by
    year are parts of one timeline: a paper under two years stays a warning)."""
    linkless = linkless_tables(ctx.entries)
    by_url: dict[str, Entry] = {}
    by_title: dict[str, Entry] = {}
    by_base: dict[str, tuple[Entry, str]] = {}
    earlier = _AuthorIndex()
    keys_of: dict[int, _Keys] = {}
    places: dict[int, list[Entry]] = {}  # id of the first entry -> the later ones in other sections
    for entry in ctx.entries:
        if entry.table in linkless:
            continue  # a table without links (an overview) lists no works to double
        keys = keys_of[id(entry)] = _Keys.of(entry, ctx.doc.text)
        first, why = _match(entry, keys, keys_of, by_url, by_title, by_base, earlier)
        if first is not None and first.section != entry.section and not _partitioned(first, entry):
            places.setdefault(id(first), [first]).append(entry)
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
    for group in places.values():
        last = group[-1]
        where = "; ".join(f"line {e.line} ({' > '.join(e.section[-2:]) or 'top'})" for e in group)
        yield ctx.finding(
            last.start,
            ctx.doc.line_span(last.line)[1],
            f"'{last.title}' is listed in {len(group)} sections: {where}",
            severity=Severity.INFO,
            entry=entry_name(last),
            related=[Related(ctx.doc.path, e.line) for e in group[:-1]],
        )


def _partitioned(a: Entry, b: Entry) -> bool:
    """Sections by year ("2023", "2024") split a list into parts no work belongs to twice."""
    return all(e.section and _YEAR.search(e.section[-1]) for e in (a, b))


def _same_name(a: str, b: str) -> bool:
    """Titles that can name one work: equal, one inside the other, or mostly the same words.

    Entries that share a link but have clearly different names (uv and uv-build, two
    models from one paper, 8B and 70B sizes of one model) are different things that live
    in one place.
    """
    na, nb = normalize_title(a), normalize_title(b)
    if not na or not nb or na == nb:
        return True
    if _digits_differ(a, b):
        return False
    short, long = sorted((a.strip(), b.strip()), key=len)
    if long.casefold().startswith(short.casefold()) and long[len(short) : len(short) + 1] in (" ", ":", ","):
        return True  # "ANTs" and "ANTs - Advanced Normalization Tools"
    return min(len(_words(a)), len(_words(b))) >= 3 and _similarity(a, b) >= 0.8


def _main_url(entry: Entry, text: str) -> str | None:
    """The canonical address of the link that names the entry; a link in a list item's
    description ("- **Foo** - built on [unicorn](…)") names something else."""
    link = entry.main_link
    if link is None or not link.url:
        return None
    before = _MARKER.sub("", text[entry.start : link.start], count=1)
    if entry.kind == "list-item" and _DESCRIPTION_DASH.search(before):
        return None
    return canonical(link.url)


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
    def of(cls, entry: Entry, text: str) -> _Keys:
        base, alias = base_title(entry.title)
        return cls(_main_url(entry, text), normalize_title(entry.title), base, alias, frozenset(_authors(entry)))


def _match(entry, keys: _Keys, keys_of: dict[int, _Keys], by_url, by_title, by_base, earlier):
    main, title = keys.main, keys.title
    if main and main in by_url and _same_name(entry.title, by_url[main].title):
        return by_url[main], "same link target"
    if title and title in by_title:
        first = by_title[title]
        other = keys_of[id(first)].main
        long_title = len(title.split()) >= 4
        two_works = main is not None and other is not None and _site(main) != _site(other) and _descriptions_disagree(entry, first)
        if (long_title or not main or not other) and not two_works:
            return first, "same title"
    base, alias = keys.base, keys.alias
    if alias and base in by_base and by_base[base][1] != alias:
        first = by_base[base][0]
        return first, f"the same title under two names, {by_base[base][1]!r} and {alias!r}: one is probably a copy-paste slip"
    if keys.authors and len(title.split()) >= 4:
        for first, shared in earlier.sharing(keys.authors, at_least=2):
            if _similarity(entry.title, first.title) >= 0.55:
                return first, f"near-identical title and {shared} shared authors"
    return None, ""


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
