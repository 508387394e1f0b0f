"""copied-link: an entry that links to another entry's address under another name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from urllib.parse import unquote

from .. import data
from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Finding, Related, Severity
from ..model.entries import Entry, entry_name, linkless_tables, strip_symbols
from ..model.linkspans import Link
from ..model.urls import host_of, split_query, squeezed, strip_www, within
from ..model.works import address_of, described_as, one_work

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://(?:www\.)?", re.I)
_WRITTEN_ADDRESS = re.compile(r"^[\w-]+(\.[\w-]+)+/\S*$")  # 'github.com/o/r' as a link's text (not 'Vue.js')
_WRITTEN_URL = re.compile(r"\S*://\S*")  # a bare address in an entry's text says nothing about it
_FILE_SUFFIX = re.compile(r"\.(html?|php|aspx?|md|pdf|git)$", re.I)
_TRAILING_PARENTHESIS = re.compile(r"\([^()]*\)\s*$")
# works at one address that none of its words name: a catalogue page (a dataset hub, an
# organisation) keeps this many, where a slip puts one stray beside the owner
_CATALOGUE = 3
_MANY = 30  # works at one address, however named: a catalogue too (and the comparisons stay linear)


@dataclass(frozen=True)
class _Verdict:
    reported: Entry  # the entry whose link is probably another's
    owner: Entry  # the entry the address belongs to, or the first to give the paper a title
    fits: bool  # the owner's name fits the address (else: one paper under two titles)


@rule(
    "copied-link",
    summary="An entry whose main link is another entry's address under another name: a link copied from a neighbour and never changed.",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="- [Feast](https://github.com/gojek/feast) - Feature store for machine learning.\n"
    "- [PyTorch Geometric Temporal](https://github.com/gojek/feast) - Temporal graph neural networks.",
    good="- [Feast](https://github.com/gojek/feast) - Feature store for machine learning.\n"
    "- [PyTorch Geometric Temporal](https://github.com/benedekrozemberczki/pytorch_geometric_temporal) - Temporal graph neural networks.",
)
def copied_link(ctx: Context) -> Iterator[Finding]:
    """A new entry is often written by copying the line above and changing its name and
    description; the address is the part that gets forgotten, and the list sends
    readers of 'PyTorch Geometric Temporal' to Feast. awesome-lint's double-link reports
    every address used twice. Here addresses are compared folded (https, www, trailing
    slash, index.html, tracking parameters, GitHub /tree/main, arXiv abs/pdf), but a
    different path (a monorepo's pkg-a and pkg-b) or fragment (two sections of one page)
    is another address, and an entry is reported only where it is probably wrong:

    - another entry's name fits the address (it is the repository, host or path:
      'Feast' for github.com/gojek/feast) and this one's does not ('uv-build' fits
      github.com/astral-sh/uv as little as 'uv' does: parts of one repository pass), it
      is not listed under that entry, and neither entry's text says how they are related
      ('Robin, by the LMFlow team'); and its own link is written under its name (a
      "GitHub" or "地址：" link in a field says where a work is kept, which a model and
      its toolkit may share);
    - or the address is one document (a paper on arXiv, a DOI, a PDF) that two entries
      give two titles, or that a name right below the paper's entry links: one has the
      other's link, or the paper is listed under an old and a new title.

    Not reported: one work listed twice (names that can name one work are
    duplicate-entry's, so no pair is reported by both), entries that cite one source by
    the same name (a dataset row linking its paper), three or more works that do not fit
    one address (a catalogue page, an organisation), and names none of which fits an
    address that is not a paper (two models on the press release that announced both:
    a slip cannot be told from a shared page there). Only main links count: a [Code] or
    [Project] link shared by two papers is one codebase for two works, which is common
    and right (on 41 real lists, 117 more shared addresses, all such in a sample)."""
    order = {id(entry): index for index, entry in enumerate(ctx.entries)}
    for entries in _by_address(ctx).values():
        if len(entries) < 2:
            continue
        link = entries[0].main_link
        assert link is not None
        keys = address_keys(link.url)
        works = _distinct_works(entries, keys)
        if works is not None and len(works) >= 2:
            for verdict in _verdicts(works, keys, order):
                yield _finding(ctx, verdict)


def _finding(ctx: Context, verdict: _Verdict) -> Finding:
    link = verdict.reported.main_link
    assert link is not None
    owner = verdict.owner
    shown = _SCHEME.sub("", link.url).rstrip("/")
    if verdict.fits:
        why = f"the address of '{owner.title}' (line {owner.line}), whose name it fits"
    else:
        why = (
            f"which '{owner.title}' (line {owner.line}) links under another title: "
            "one of them has the other's link, or one paper is listed under an old and a new title"
        )
    return ctx.finding(
        link.start,
        link.end,
        f"'{verdict.reported.title}' links to {shown}, {why}",
        entry=entry_name(verdict.reported),
        related=[Related(ctx.doc.path, owner.line)],
    )


def _by_address(ctx: Context) -> dict[tuple[str, str], list[Entry]]:
    """Entries by the folded address of their main link and its fragment as written."""
    linkless = linkless_tables(ctx.entries)
    groups: dict[tuple[str, str], list[Entry]] = {}
    for entry in ctx.entries:
        if entry.table in linkless:
            continue
        address = address_of(entry, ctx.doc)
        link = entry.main_link
        if address and link is not None:
            groups.setdefault((address, split_query(link.url)[2]), []).append(entry)
    return groups


def _distinct_works(entries: list[Entry], keys: frozenset[str]) -> list[Entry] | None:
    """The first entry of each work among entries sharing an address; None for a
    catalogue (works that do not fit the address, or very many works)."""
    works: list[Entry] = []
    strays = 0
    for entry in entries:
        if any(_one_work(work, entry) for work in works):
            continue
        works.append(entry)
        strays += not _fits(entry, keys)
        if strays >= _CATALOGUE or len(works) >= _MANY:
            return None
    return works


def _one_work(a: Entry, b: Entry) -> bool:
    """Can two entries be one work: names that can name one work, or one described by
    the other's name? (Every pair duplicate-entry matches at one address is one.)"""
    return any(one_work(x, y) for x in _names(a) for y in _names(b)) or described_as(a, b) or described_as(b, a)


def _verdicts(works: list[Entry], keys: frozenset[str], order: dict[int, int]) -> list[_Verdict]:
    """Which of the differently named entries at one address probably have another's link."""
    link = works[0].main_link
    assert link is not None
    fitting = [work for work in works if _fits(work, keys)]
    strays = [work for work in works if not _fits(work, keys)]
    if fitting:
        return [_Verdict(stray, fitting[0], fits=True) for stray in strays if _copied(stray, fitting, keys)]
    if not _is_document(link.url):
        return []
    first = works[0]
    return [
        _Verdict(work, first, fits=False)
        for work in works[1:]
        if _titled(first) and (_titled(work) or (order[id(work)] == order[id(first)] + 1 and _named(work)))
    ]


def _copied(stray: Entry, fitting: list[Entry], keys: frozenset[str]) -> bool:
    """Is the stray's link written under its own name, with nothing to say that it
    belongs with the entries the address is named after?"""
    return (
        _named(stray)
        and not _says_where(stray, keys)
        and not any(
            _filed_under(stray, owner) or _filed_under(owner, stray) or _mentions(owner, stray) for owner in fitting
        )
    )


def _names(entry: Entry) -> list[str]:
    """What an entry is called: its title, and its main link's text when that is a name."""
    link = entry.main_link
    text = _link_name(link) if link is not None else ""
    return [entry.title, text] if text else [entry.title]


def _link_name(link: Link) -> str:
    """The link's text when it names something: not a label ("paper", "GitHub"), not an
    address written out, not a badge."""
    text = strip_symbols(link.text).strip()
    if link.badge or link.kind == "autolink" or len(text) < 2 or _is_label(text):
        return ""
    if "://" in text or _WRITTEN_ADDRESS.match(text):
        return ""
    return text


def _is_label(text: str) -> bool:
    return text.casefold().strip("[]() ") in _labels()


@cache
def _labels() -> frozenset[str]:
    return frozenset(data.load("link_labels")["labels"])


def _named(entry: Entry) -> bool:
    """Is the entry's own link written under its name (``[Feast](…)``)?"""
    link = entry.main_link
    return link is not None and bool(_link_name(link))


def _titled(entry: Entry) -> bool:
    """Does the entry present itself as the document it links: a title over a "paper"
    link (``Title [[paper](…)]``), or a link whose text is a title of four words or more
    (not a model's name with its variants, 'Qwen3-14B-Ja-Fin (CPT, Thinking)')?"""
    link = entry.main_link
    if link is None:
        return False
    name = _link_name(link)
    if name:
        return _title_length(name) >= 4
    return entry.kind != "table-row" or _title_length(entry.title) >= 4


def _title_length(name: str) -> int:
    """Words of a name, a trailing parenthesis left out; 'Qwen3-14B-Ja-Fin' is one."""
    return sum(1 for word in _TRAILING_PARENTHESIS.sub("", name).split() if any(c.isalnum() for c in word))


def _fits(entry: Entry, keys: frozenset[str]) -> bool:
    """Does one of the entry's names carry a word of the address, or is one a word of it
    ('Feast' for github.com/gojek/feast, 'Lexicon API' for lexicon.dev)?"""
    for name in map(squeezed, _names(entry)):
        if any(key in name or (len(name) >= 4 and name in key) for key in keys):
            return True
    return False


def _filed_under(entry: Entry, other: Entry) -> bool:
    """Is the entry a sub-item of the other ('* [Cargo](…)' over '* [cargo-edit](…)')?"""
    return bool(entry.section) and entry.section[-1] == other.title and other.line < entry.line


def _says_where(entry: Entry, keys: frozenset[str]) -> bool:
    """Does the entry's text name the address it links ('Robin, by the LMFlow team')?
    Then the link is where it lives, written on purpose."""
    text = squeezed(_WRITTEN_URL.sub(" ", entry.text))
    return any(len(key) >= 4 and key in text for key in keys)


def _mentions(owner: Entry, stray: Entry) -> bool:
    """Does the entry the address is named after mention the other ('LMFlow … gives the
    Robin model')?"""
    name = squeezed(stray.title)
    return len(name) >= 4 and name in squeezed(owner.text)


def address_keys(url: str) -> frozenset[str]:
    """The words an address can be named by: its host's own labels and its path's
    segments, squeezed ('feast' and 'gojek' for github.com/gojek/feast), without the
    words that only say what kind of place it is."""
    words = _address_words()
    labels = host_of(url).split(".")[:-1]  # the top-level domain names nothing
    keys = {squeezed(label) for label in labels if label not in words["generic-host-labels"]}
    path = split_query(_SCHEME.sub("", url))[0].partition("/")[2]
    for segment in unquote(path).split("/"):
        segment = _FILE_SUFFIX.sub("", segment)
        if segment.casefold() not in words["generic-path-words"]:
            keys.add(squeezed(segment))
    return frozenset(key for key in keys if len(key) >= 3 and any(c.isalpha() for c in key))


@cache
def _address_words() -> dict[str, frozenset[str]]:
    loaded = data.load("address_words")
    return {key: frozenset(str(v).casefold() for v in values) for key, values in loaded.items()}


def _is_document(url: str) -> bool:
    """Is the address one document: a paper's page or a PDF?"""
    words = _address_words()
    path = split_query(url)[0].casefold()
    return within(strip_www(host_of(url)), words["document-hosts"]) or path.endswith(tuple(words["document-suffixes"]))
