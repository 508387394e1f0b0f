"""How a list writes its entries, as statistics: the off-topic rule's evidence of form.

Words say what an entry is about (`topicmodel`); form says how it was written and where
it points. A list's maintainers write their entries one way — package names linked to
GitHub with a sentence ending in a period, or paper titles over a PDF link with a
"Journal" field — and an entry pasted from another list keeps the form of the list it
came from. None of the features below reads what the entry's words are, only how long
they run, how they are cased and punctuated, which fields are filled and which site the
link goes to; that is why form is a second kind of evidence beside the words, and an
entry odd in both is far rarer than one odd in either.

Per feature (and each field, filled or not, is a feature of its own), the probability
of the entry's value is read from its section's other entries, backed off to the rest of
the list (so a section with a style of its own, books among libraries, judges its
entries by that style). A value at least one in RARE of its neighbours share says
nothing; a rarer one adds log(RARE * P) below 0, that is log(1 / (RARE * P)) nats of
oddness. Summing only what is rare keeps the many ordinary differences between entries
(a column one row leaves empty) from drowning the one that matters.
`FormModel.as_odd(i)` counts the entries whose form is at least as odd as entry i's.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from .entries import Entry, strip_symbols
from .urls import host_of, strip_www

SECTION_PRIOR = 5.0  # pseudo-entries of the list's proportions behind a section's counts
LIST_PRIOR = 0.5  # pseudo-entries behind each value seen in the list (a value no other entry has)
RARE = 10  # a value fewer than one in ten of an entry's neighbours share is rare
SHARED_SITE = 4  # a site more than this many other entries link to is a value of its own


def _bin(count: int, tops: tuple[int, ...]) -> int:
    return next(b for b, top in enumerate(tops) if count <= top)


def host(entry: Entry) -> str:
    """Where the entry's link goes ("github.com"), "" without one."""
    link = entry.main_link
    return "" if link is None else site(link.url)


@lru_cache(maxsize=16384)
def site(url: str) -> str:
    """The host a URL goes to, without "www." ("(relative)" for a link within the repository)."""
    return strip_www(host_of(url)) or "(relative)"


def title_length(entry: Entry) -> int:
    """Word count of the title, in bins: a paper title among package names stands out."""
    return _bin(len(entry.title.split()), (1, 2, 4, 7, 11, 10**9))


def title_shape(entry: Entry) -> tuple[bool, ...]:
    """ "Name: subtitle", lower-case package names or capitalised words."""
    title = entry.title
    return ":" in title, title[:1].islower(), title[:1].isupper()


def description_length(entry: Entry) -> int:
    return _bin(len(entry.fields.get("description", "").split()), (0, 4, 9, 19, 39, 10**9))


def description_end(entry: Entry) -> str:
    """How the description ends: lists end theirs with a period, or never."""
    last = entry.fields.get("description", "").rstrip()[-1:]
    return last if last in ".!?)" else "word" if last.isalnum() else "other" if last else ""


def filled_fields(entry: Entry) -> set[str]:
    """Which fields (sub-bullet keys, table columns) the entry fills: a pasted row leaves
    this table's columns empty, a pasted paper lacks this list's "Journal"."""
    return {
        key.casefold()
        for key, value in entry.fields.items()
        if value.strip() not in ("", "-") and key not in ("description", "notes")
    }


def linked_title(entry: Entry) -> bool:
    """Whether the title is the link's text (``[Name](…)``) or stands beside it."""
    link = entry.main_link
    return link is not None and entry.title.strip() in (link.text.strip(), strip_symbols(link.text).strip())


FEATURES: tuple[Callable[[Entry], object], ...] = (
    title_length,
    title_shape,
    description_length,
    description_end,
    linked_title,
    lambda e: e.kind,
)


class FormModel:
    """The form of every entry of one list, against the others'."""

    def __init__(self, entries: list[Entry], hosts: list[str] | None = None):
        """`hosts`: each entry's `host`, when the caller has them already."""
        self.sections = [tuple(e.section) for e in entries]
        self.section_size = Counter(self.sections)
        filled = [filled_fields(e) for e in entries]
        uses = Counter(key for keys in filled for key in keys)
        # each field two entries or more fill is a feature of its own (filled or not):
        # one empty column of nine is a small surprise, six are a row from another
        # table; fields of one entry alone are one feature, having any
        shared = [key for key in sorted(uses) if uses[key] > 1]
        columns = [[key in keys for keys in filled] for key in shared]
        alone = [any(uses[key] == 1 for key in keys) for keys in filled]
        sites = _site_classes([host(e) for e in entries] if hosts is None else hosts)
        self.features = [sites] + [[feature(e) for e in entries] for feature in FEATURES] + columns + [alone]
        self.in_list = [Counter(values) for values in self.features]
        self.in_section = [Counter(zip(self.sections, values)) for values in self.features]
        self.oddness = [0.0] * len(entries)
        for values, in_list, in_section in zip(self.features, self.in_list, self.in_section):
            # each entry left out of its own counts: the same for every entry with its
            # value in its section, so worked out once per (section, value)
            kinds, others = len(in_list), len(values) - 1
            cost = {}
            for (section, value), count in in_section.items():
                p_list = (in_list[value] - 1 + LIST_PRIOR) / (others + LIST_PRIOR * kinds)
                p = (count - 1 + SECTION_PRIOR * p_list) / (self.section_size[section] - 1 + SECTION_PRIOR)
                cost[section, value] = -math.log(RARE * p) if p < 1 / RARE else 0.0
            for index, key in enumerate(zip(self.sections, values)):
                self.oddness[index] += cost[key]
        self._ranked = sorted(self.oddness)

    def oddness_of(self, index: int, left_out: tuple[int, ...] = ()) -> float:
        """Nats of rarity of entry `index`'s form, against the list without it (and
        without `left_out`: a pasted block cannot vouch for its own form)."""
        group = {index, *left_out}
        section = self.sections[index]
        same = [j for j in group if self.sections[j] == section]
        others, section_others = len(self.sections) - len(group), self.section_size[section] - len(same)
        total = 0.0
        for values, in_list, in_section in zip(self.features, self.in_list, self.in_section):
            value = values[index]
            p_list = (in_list[value] - sum(1 for j in group if values[j] == value) + LIST_PRIOR) / (
                others + LIST_PRIOR * len(in_list)
            )
            p = (in_section[section, value] - sum(1 for j in same if values[j] == value) + SECTION_PRIOR * p_list) / (
                section_others + SECTION_PRIOR
            )
            if p < 1 / RARE:
                total -= math.log(RARE * p)
        return total

    def as_odd(self, oddness: float) -> int:
        """How many entries have a form at least as odd as `oddness` (an entry's own
        among them); all of them for a form with nothing rare."""
        if oddness <= 0:
            return len(self._ranked)
        return max(1, len(self._ranked) - bisect.bisect_left(self._ranked, oddness))


def _site_classes(hosts: list[str]) -> list[str]:
    """Each link's host where more than SHARED_SITE other entries link there too, else
    one class for all the sites few entries link to: in a section of books every
    publisher is a site of its own and none is odd; among GitHub links, any other
    site is."""
    uses = Counter(hosts)
    return [h if uses[h] > SHARED_SITE else "(a site few entries link to)" for h in hosts]
