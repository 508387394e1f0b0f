"""off-topic: entries that do not belong to the list's subject.

No fixed vocabulary: the subject is learned from the list itself.

1. Each entry becomes a TF-IDF vector over the list's *shared* vocabulary (words at
   least two entries use), so a unique project name is neither evidence for nor
   against an entry.
2. The subject is the list's title, intro and headings plus a *core* of entries that
   agree with it: starting from every entry, the core centroid is recomputed a few
   times with each entry weighted by how well it fits, so a pasted block that makes
   up a third of the list still ends up outside the core.
3. Each entry is scored by how much more the core uses its words than the rest does
   (itself left out); list items also by the share of their fields (sub-bullet keys)
   that the core's template lacks.
4. Scores become robust z-scores (median/MAD), so one threshold serves lists of Go
   libraries, papers or fonts. Three suspicious entries in a row (a pasted block)
   reinforce each other; a lone lexical oddity needs twice the threshold, since every
   list has a few unusual entries.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from .. import data
from ..entries import Entry, entry_name, plain_text
from ..findings import Severity
from ..registry import Context, rule

_WORD = re.compile(r"[^\W\d_][^\W_]+", re.UNICODE)
MIN_ENTRIES = 12
MIN_SHARED_WORDS = 3
MIN_WORDS = 3
STRUCTURE_WEIGHT = 2.5
CORE_ROUNDS = 4
CORE_SHARE = 0.6
_SKIPPED_FIELDS = {"authors", "author", "publication date", "date", "year", "release date", "venue"}


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ings", "ing", "ies", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def words_of(text: str, stop: frozenset[str]) -> list[str]:
    return [_stem(w) for w in (m.lower() for m in _WORD.findall(text)) if len(w) > 2 and w not in stop]


def _entry_text(entry: Entry) -> str:
    parts = [entry.title]
    for key, value in entry.fields.items():
        if key.casefold() in _SKIPPED_FIELDS or value.startswith(("http://", "https://")):
            continue
        if value != entry.title:
            parts.append(value)
    return " ".join(parts)


def _subject_texts(ctx: Context) -> tuple[str, str]:
    """(headings, the title and intro before the first entry)."""
    headings, intro = [], []
    tokens = ctx.doc.tokens
    first_entry = ctx.entries[0].line if ctx.entries else len(ctx.doc.lines)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            headings.append(plain_text(tokens[index + 1]))
        if token.type == "inline" and token.map and token.map[0] < first_entry - 1 and not _navigation(token):
            intro.append(plain_text(token))
    return " ".join(headings), " ".join(intro)


def _navigation(inline) -> bool:
    """A table-of-contents line: it links within the page and says nothing of its own."""
    return any(c.type == "link_open" and str(c.attrs.get("href", "")).startswith("#") for c in inline.children or ())


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / norm for k, v in vector.items()} if norm else {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _robust_z(values: list[float]) -> list[float]:
    center = median(values)
    spread = median(abs(v - center) for v in values) * 1.4826
    spread = max(spread, 0.05 * abs(center), 1e-6)
    return [(v - center) / spread for v in values]


@dataclass
class Score:
    entry: Entry
    shared_words: int
    fit: float = 0.0  # how much more the core uses this entry's words than the rest does
    structure: float = 0.0  # share of its fields the core's template lacks
    suspicion: float = 0.0
    top_terms: tuple[str, ...] = ()
    weight: float = 1.0
    vouched: bool = False  # its section, announced in the intro, names what it is about
    words: int = 0
    vector: dict[str, float] = field(default_factory=dict, repr=False)


def score_entries(ctx: Context, topic: list[str], allow: list[str]) -> tuple[list[Score], list[str]]:
    """Scores for every entry, and the subject's top terms."""
    stop = frozenset(data.load("stopwords")["words"]) | {w.lower() for a in allow for w in _WORD.findall(a)}
    entries = [e for e in ctx.entries if e.title or e.text]
    headings, intro = _subject_texts(ctx)
    intro_words = set(words_of(intro, stop))
    bags = [words_of(_entry_text(e), stop) for e in entries]
    df = Counter(w for bag in bags for w in set(bag))
    n = len(entries)
    shared = {w for w, c in df.items() if c >= 2}
    idf = {w: math.log(n / df[w]) + 1 for w in shared}
    scores = []
    for entry, bag in zip(entries, bags):
        counts = Counter(w for w in bag if w in shared)
        vector = _unit({w: (1 + math.log(c)) * idf[w] for w, c in counts.items()})
        top = tuple(w for w, _ in sorted(vector.items(), key=lambda kv: -kv[1])[:4])
        score = Score(entry, len(counts), top_terms=top or tuple(dict.fromkeys(bag))[:4], vector=vector)
        # a section the intro announces ("Histopathology: ..." and "### Histopathology
        # Models") vouches for entries that say they are about it
        declared = set(words_of(" ".join(entry.section[-1:]), stop)) & intro_words
        score.vouched = bool(declared & set(bag))
        score.words = len(set(bag))
        scores.append(score)
    subject_counts = Counter(w for w in words_of(f"{headings} {intro} {' '.join(topic)}", stop) if w in shared)
    subject = _unit({w: (1 + math.log(c)) * idf[w] for w, c in subject_counts.items()})
    if topic:
        for word in words_of(" ".join(topic), stop):
            if word in subject:
                subject[word] *= 3
        subject = _unit(subject)
    # core: the entries nearest the subject to begin with, then those whose words the
    # core uses more than the rest does (a naive-Bayes style EM with the entry left out)
    by_subject = sorted(scores, key=lambda s: -_dot(s.vector, subject)) if subject else list(scores)
    core = {id(s) for s in by_subject[: max(1, n // 2)]}
    sets = [set(s.vector) for s in scores]
    for _ in range(CORE_ROUNDS):
        in_core = Counter(w for s, words in zip(scores, sets) if id(s) in core for w in words)
        in_rest = Counter(w for s, words in zip(scores, sets) if id(s) not in core for w in words)
        for score, words in zip(scores, sets):
            mine = id(score) in core
            n_core = len(core) - mine
            n_rest = n - len(core) - (not mine)
            total = 0.0
            for word in words:
                c = in_core[word] - mine
                r = in_rest[word] - (not mine)
                total += math.log((c + 0.5) / (n_core + 1)) - math.log((r + 0.5) / (n_rest + 1))
            score.fit = total / len(words) if words else 0.0
        ranked = sorted(scores, key=lambda s: -s.fit)
        core = {id(s) for s in ranked[: max(1, int(n * CORE_SHARE))]}
    for score in scores:
        score.weight = 1.0 if id(score) in core else 0.1
    centroid = Counter()
    for score in scores:
        if id(score) in core:
            centroid.update(score.vector)
    _structure(scores)
    subject_terms = [w for w, _ in sorted(centroid.items(), key=lambda kv: -kv[1])[:6]]
    return scores, subject_terms


def _structure(scores: list[Score]) -> None:
    """For list items and cards: the share of an entry's template fields the core rarely uses.

    Only field names at least three entries share count (Journal, Authors, Publication
    Date); a sub-bullet that is one project's own link is not a template.
    """
    keyed = [s for s in scores if s.entry.kind in ("list-item", "card") and s.entry.fields]
    if len(keyed) < MIN_ENTRIES:
        return
    names = lambda s: {k.casefold() for k in s.entry.fields if k not in ("description", "notes")}
    overall = Counter(k for s in keyed for k in names(s))
    core = [s for s in keyed if s.weight == 1.0]
    in_core = Counter(k for s in core for k in names(s))
    for score in keyed:
        keys = [k for k in names(score) if overall[k] >= 3]
        if keys:
            rare = [k for k in keys if in_core[k] < 0.2 * len(core)]
            score.structure = len(rare) / len(keys)


@rule(
    "off-topic",
    summary="An entry that does not belong to the list's subject, learned from the list itself.",
    severity=Severity.WARNING,
    fix="none",
    bad="(in a list of pathology foundation models)\n23. **A scan-specific unsupervised method for parallel MRI reconstruction via implicit neural representation**",
    good="23. **A whole-slide foundation model for digital pathology from real-world data**",
    options={"topic": [], "allow": [], "threshold": 3.5},
)
def off_topic(ctx: Context):
    """Lists are assembled from other lists, and whole blocks get pasted into the wrong
    one. A reader trusts every entry to be about the list's subject. The rule learns the
    subject from the list (title, intro, headings and the entries that agree with them),
    compares each entry with the rest, and flags entries whose words and fields stand
    apart, more so in runs. It is a judgment, not a syntax error: state the subject with
    `topic`, silence a term with `allow`, tune `threshold`, or disable it inline."""
    if len(ctx.entries) < MIN_ENTRIES:
        return
    threshold = float(ctx.option("threshold"))
    scores, subject_terms = score_entries(ctx, list(ctx.option("topic") or []), list(ctx.option("allow") or []))
    evidence = [s for s in scores if s.words >= MIN_WORDS]
    if len(evidence) < MIN_ENTRIES:
        return
    fit_z = _robust_z([s.fit if s.shared_words >= MIN_SHARED_WORDS else median(x.fit for x in evidence) for s in evidence])
    for score, fz in zip(evidence, fit_z):
        score.suspicion = max(0.0, -fz) + STRUCTURE_WEIGHT * score.structure
    # a pasted block: neighbours that are suspicious too make each other more so; a lone
    # lexical outlier needs to be far out, since every list has a few unusual entries
    raw = [s.suspicion for s in scores]
    high = [value >= threshold * 0.6 for value in raw]
    for index, score in enumerate(scores):
        # part of three suspicious entries in a row: a pasted block, not a lone oddity
        in_run = any(all(high[j] for j in range(start, start + 3))
                     for start in range(max(0, index - 2), min(index, len(scores) - 3) + 1))
        near = [raw[j] for j in (index - 1, index + 1) if 0 <= j < len(scores)]
        if in_run:
            score.suspicion += 0.4 * min(max(near), threshold)
        elif score.structure < 0.5 and score.suspicion < 2 * threshold:
            score.suspicion = min(score.suspicion, threshold * 0.99)
    for score in evidence:
        if score.vouched:  # "Histopathology Models" vouches for a whole-slide model
            score.suspicion = min(score.suspicion, threshold * 0.99)
    on_topic = [s for s in evidence if s.suspicion < threshold]
    closest = max((s.fit for s in on_topic), default=0.0)
    for score in evidence:
        if score.suspicion < threshold:
            continue
        entry = score.entry
        reason = f"its words ({', '.join(score.top_terms)}) are far from the list's subject ({', '.join(subject_terms)})"
        if score.structure >= 0.5:
            reason += "; its fields differ from its neighbours'"
        yield ctx.finding(
            entry.start,
            ctx.doc.line_span(entry.line)[1],
            f"entry may be off-topic: {reason}; fit {score.fit:.2f}, on-topic entries fit up to {closest:.2f}",
            entry=entry_name(entry),
        )
