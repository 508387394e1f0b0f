"""What a list is about, as word statistics: the off-topic rule's lexical evidence.

An entry is on topic when its words are more typical of *this list* than of English at
large. Word probabilities come in three layers, each smoothed towards the one below it
(Dirichlet smoothing): English (a frequency table shipped in ``rules/``), the list, and
the entry's own section. An entry's score is the mean log-ratio of section/list to
English over its words, counted with the entry itself left out, and shrunk towards zero
when it has few words. So:

- a project's own name, unknown to English and used nowhere else in the list, is no
  evidence either way;
- "library" in a list of Go libraries, or "slide" in a pathology list, is strong evidence
  for; "tumor" in a list of Go libraries is evidence against;
- a small section about one theme (Go's "Bioinformatics") vouches for its own entries.

A pasted block supports itself: five medical datasets share "cases" and "segmentation".
Entries are therefore weighted by how well they fit (a few rounds, like EM), and a
block can be scored with the whole block left out (`score(i, left_out=block)`).

What every entry says tells no entry apart: the lines a generator repeats word for word
("PyPi (📥 240 / month)" under every project: `generated`) are not the list's entries,
and words on nine entries in ten ("[paper] [code]", "Lecture 4") are its frame
(`without_frame`); neither is counted. A section's own heading ("Calendars", "SAR") is
what its maintainer says the section is about: its words count in the section as if a
few of its entries used them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from statistics import median

from .. import data

_WORD = re.compile(r"[^\W\d_][^\W_]+", re.UNICODE)
UNSEEN_IN_ENGLISH = 1e-7  # the probability of a word the English table lacks (jargon, names)
LIST_PRIOR = 300.0  # pseudo-words of English behind the list's own counts
SECTION_PRIOR = 30.0  # pseudo-words of the list behind a section's counts
WORD_CAP = 4.0  # no single word decides an entry
EVERYDAY = 1e-4  # English uses a word this often (Zipf 5: "just", "make", "first", "ten") in every few pages...
EVERYDAY_CAP = 2.0  # ... so, on its own, a list that seldom writes it shows its style more than its subject
SHRINK = 3.0  # pseudo-words at score 0: an entry of two words is weak evidence
SUBJECT_WEIGHT = 3.0  # a word of the title, intro or headings counts as this many entries
TOPIC_WEIGHT = 20.0  # a word the user names in `topic`
ROUNDS = 2  # a third round changed no finding on the bench mixtures
MIN_WORDS = 2  # words that count before an entry's score means anything
HEADING_WEIGHT = 3.0  # a word of an entry's section headings counts as this many of the section's entries
BOILERPLATE_SHARE = 0.9  # a word on nine entries in ten is the list's frame, not what one entry is about
REPEATED_BAG = 5  # a bag of words this many entries repeat exactly is a generated line
MIN_SPREAD = 0.5  # least spread of scores: below it, ties (a list of generated lines) would make any gap huge
LOW_WEIGHT = 0.05
WEIGHT_SLOPE = 2.0  # an entry's weight falls to LOW_WEIGHT this many robust z below the median


@lru_cache(maxsize=1)
def english() -> dict[str, float]:
    """Probability of each common English word (from its Zipf frequency)."""
    return {word: 10 ** (int(zipf) / 100 - 9) for word, zipf in data.table("background_en").items()}


@lru_cache(maxsize=1)
def everyday_words() -> frozenset[str]:
    """The words English uses at least EVERYDAY of the time."""
    return frozenset(word for word, p in english().items() if p >= EVERYDAY)


# Han, kana and Hangul: scripts written without spaces between words
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")


def _weights_by_word(
    words: Bag, group: Sequence[int], same: Sequence[int], bags: list[Bag], weights: list[float]
) -> tuple[dict[str, float], dict[str, float]]:
    """For each of `words`, the sum of the weights of the group's bags holding it, and of
    the bags of `same` (the group's part in one section), each added in group order."""
    in_group: dict[str, float] = {}
    in_same: dict[str, float] = {}
    for sums, members in ((in_group, group), (in_same, same)):
        for j in members:
            weight, bag = weights[j], bags[j]
            for word in words:
                if word in bag:
                    sums[word] = sums.get(word, 0) + weight
    return in_group, in_same


def cjk_share(text: str) -> float:
    """The share of a text's letters that are Chinese, Japanese or Korean."""
    letters = sum(1 for c in text if c.isalpha())
    return sum(len(run) for run in _CJK.findall(text)) / letters if letters else 0.0


def words_of(text: str, stop: frozenset[str]) -> list[str]:
    """Lower-cased words; text without spaces (Chinese, Japanese, Korean) as overlapping
    character pairs ("基于一个" -> "基于", "于一", "一个"), which stand in for its words
    without a dictionary."""
    found: list[str] = []
    for word in (m.lower() for m in _WORD.findall(text)):
        if not _CJK.search(word):
            found.append(word)
            continue
        position = 0
        for run in _CJK.finditer(word):
            if len(word[position : run.start()]) > 1:
                found.append(word[position : run.start()])
            piece = run.group()
            found.extend(piece[i : i + 2] for i in range(max(1, len(piece) - 1)))
            position = run.end()
        if len(word[position:]) > 1:
            found.append(word[position:])
    return [w for w in found if w not in stop]


def center_spread(values: list[float]) -> tuple[float, float]:
    """Median, and median absolute deviation scaled to a standard deviation, at least
    MIN_SPREAD: the lists here spread their scores 0.6 to 1.3 apart, and a list whose
    lines mostly tie (best-of's generated "PyPi" lines) has a deviation of 0, which made
    every other line millions of deviations out."""
    center = median(values)
    return center, max(median(abs(v - center) for v in values) * 1.4826, MIN_SPREAD)


def generated(bags: list[Bag]) -> list[bool]:
    """Which bags are generated lines: the same words, word for word, in REPEATED_BAG
    entries or more ("PyPi (📥 240 / month)", "GitHub (👨‍💻 7 · 🔀 100)" under every
    project of a generated ranking). A list's own entries differ in their names at least."""
    repeats = Counter(frozenset(bag) for bag in bags if bag)
    return [bool(bag) and repeats[frozenset(bag)] >= REPEATED_BAG for bag in bags]


def without_frame(bags: list[Bag], keep: frozenset[str] = frozenset()) -> list[Bag]:
    """The bags without the list's frame: words on at least BOILERPLATE_SHARE of the
    entries ("paper" under every paper, "Lecture" before every lecture) tell no entry
    apart, except the words of the list's own title (`keep`), which name its subject
    even where nearly every entry repeats it."""
    uses = Counter(word for bag in bags for word in bag)
    frame = {word for word, count in uses.items() if count >= BOILERPLATE_SHARE * len(bags)} - keep
    return [{word: None for word in bag if word not in frame} for bag in bags] if frame else bags


def variants(words: Iterable[str]) -> Bag:
    """Each word with its plural or singular ("calendars" -> "calendar"): how a heading
    names what its entries are ("Benchmarks" over "a benchmark with monthly refresh")."""
    found: Bag = {}
    for word in words:
        found[word] = None
        if word.endswith("ies") and len(word) > 4:
            found[word[:-3] + "y"] = None
        elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            found[word[:-1]] = None
        else:
            found[word + "s"] = None
    return found


def robust_z(values: list[float]) -> list[float]:
    """Distance from the median in units of the median absolute deviation."""
    if not values:
        return []
    center, spread = center_spread(values)
    return [(v - center) / spread for v in values]


Bag = dict[str, None]  # an ordered set of words


@dataclass(frozen=True)
class EntryScore:
    score: float  # mean log-ratio, list over English; below 0: English explains it better
    ratios: dict[str, float]  # per word that counted (known to English or used elsewhere)

    @property
    def words(self) -> int:
        return len(self.ratios)

    def topical(self) -> float:
        """The score with everyday English words ("just", "make", "first") counting at
        most EVERYDAY_CAP against: a lone entry written in plainer prose than the list's
        is not about another subject. (A pasted block is judged on every word: its
        neighbours' words say more than its style.)"""
        everyday = everyday_words()
        ratios = [max(r, -EVERYDAY_CAP) if w in everyday else r for w, r in self.ratios.items()]
        return sum(ratios) / (len(ratios) + SHRINK)

    @property
    def terms(self) -> tuple[str, ...]:
        """Its words that pull it furthest from the list, worst first."""
        return tuple(w for w, r in sorted(self.ratios.items(), key=lambda kv: (round(kv[1], 6), kv[0])) if r < 0)[:4]


class TopicModel:
    """Word statistics of one list; `score(i)` says how typical entry i's words are."""

    def __init__(
        self,
        bags: list[Bag],
        sections: list[tuple],
        subject: Bag,
        topic: Bag | None = None,
        headings: dict[tuple, Bag] | None = None,
    ):
        """Bags are dicts with words as keys, so that every sum runs in one order and the
        same list always gets the same scores (sets iterate in a per-process order).
        `headings`: each section's heading words, counted in that section."""
        self.bags = bags
        self.sections = sections
        self.headings = headings or {}
        self.subject = {w: SUBJECT_WEIGHT for w in subject} | {w: TOPIC_WEIGHT for w in topic or {}}
        self.english = english()
        self.weights = [1.0] * len(bags)
        for _ in range(ROUNDS):
            self._count()
            scores = [self.score(i) for i in range(len(bags))]
            z = iter(robust_z([s.score for s in scores if s.words >= MIN_WORDS]))
            # entries that fit badly count less next round, so a pasted block stops
            # vouching for itself; softly, so that no single round decides
            self.weights = [
                min(1.0, max(LOW_WEIGHT, 1 + next(z) / WEIGHT_SLOPE)) if s.words >= MIN_WORDS else 1.0 for s in scores
            ]
        self._count()

    def _count(self) -> None:
        self.in_list: Counter[str] = Counter(self.subject)  # weighted counts: float values
        self.in_section: dict[tuple, Counter[str]] = {}
        self.section_size: Counter[tuple] = Counter()
        for section in dict.fromkeys(self.sections):
            heading = self.headings.get(section, {})
            self.in_section[section] = Counter(dict.fromkeys(heading, HEADING_WEIGHT))
            self.section_size[section] = HEADING_WEIGHT * len(heading)  # type: ignore[assignment]
        for bag, weight, section in zip(self.bags, self.weights, self.sections):
            counts = self.in_section[section]
            for word in bag:
                self.in_list[word] += weight  # type: ignore[assignment]
                counts[word] += weight  # type: ignore[assignment]
            self.section_size[section] += len(bag) * weight  # type: ignore[assignment]
        headings = sum(HEADING_WEIGHT * len(self.headings.get(section, {})) for section in self.in_section)
        self.list_size = sum(self.section_size.values()) - headings + sum(self.subject.values())

    def score(self, index: int, left_out: tuple[int, ...] | None = None) -> EntryScore:
        """Entry `index` against the list without `left_out` (default: without itself).

        Per word: log(P(word | its section, this list) / P(word | English)). A word English
        does not know and nobody else in the list uses is a name, and says nothing.
        """
        group = (index,) if left_out is None else (index, *[j for j in left_out if j != index])
        section = self.sections[index]
        weights, bags = self.weights, self.bags
        alone = len(group) == 1  # the common case, every entry of every round: no sums over a group
        same = group if alone else [j for j in group if self.sections[j] == section]
        out_of_list = len(bags[index]) * weights[index] if alone else sum(len(bags[j]) * weights[j] for j in group)
        out_of_sections = out_of_list if alone else sum(len(bags[j]) * weights[j] for j in same)
        list_size = self.list_size - out_of_list + LIST_PRIOR
        section_size = self.section_size[section] - out_of_sections + SECTION_PRIOR
        in_section, in_list, english_of, log = self.in_section[section], self.in_list, self.english.get, math.log
        # per word, the weight the group (and its part in this section) takes out: added in
        # the group's order, so the sums are the same floats whatever the path
        in_group, in_same = ({}, {}) if alone else _weights_by_word(bags[index], group, same, bags, weights)
        ratios = {}
        for word in bags[index]:
            if alone:
                out = out_of_section = weights[index]
            else:
                out, out_of_section = in_group.get(word, 0), in_same.get(word, 0)
            uses = in_list[word] - out
            english = english_of(word)
            if english is None:
                if uses <= 0.01:
                    continue
                english = UNSEEN_IN_ENGLISH
            p_list = (uses + LIST_PRIOR * english) / list_size
            p_section = (in_section[word] - out_of_section + SECTION_PRIOR * p_list) / section_size
            ratios[word] = max(-WORD_CAP, min(WORD_CAP, log(p_section / english)))
        return EntryScore(sum(ratios.values()) / (len(ratios) + SHRINK), ratios)

    def depth(self, index: int) -> float:
        """How far below 0 entry `index`'s score can go, as a share of WORD_CAP: the
        log-ratio a word no other entry uses gets in its section. A small list has few
        words of its own against the English prior, so even a stray scores near 0 there
        (the 13-entry single-cell seed: about half the cap; awesome-go: the cap)."""
        own = len(self.bags[index]) * self.weights[index]
        list_part = math.log(LIST_PRIOR / (self.list_size - own + LIST_PRIOR))
        section_part = math.log(SECTION_PRIOR / (self.section_size[self.sections[index]] - own + SECTION_PRIOR))
        return min(WORD_CAP, -(list_part + section_part)) / WORD_CAP

    def subject_terms(self, left_out: frozenset[int] = frozenset(), count: int = 6) -> list[str]:
        """The words the list (without `left_out`) uses far more than English does."""
        uses = Counter(self.in_list)
        for j in left_out:
            uses.subtract(dict.fromkeys(self.bags[j], self.weights[j]))
        size = self.list_size - sum(len(self.bags[j]) * self.weights[j] for j in left_out) + LIST_PRIOR
        telling = {}
        for word, used in uses.items():
            if used >= 2:
                english = self.english.get(word, UNSEEN_IN_ENGLISH)
                ratio = math.log((used + LIST_PRIOR * english) / size / english)
                if ratio > 0:
                    telling[word] = used * ratio
        return [w for w, _ in sorted(telling.items(), key=lambda kv: (-kv[1], kv[0]))[:count]]
