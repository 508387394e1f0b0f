"""off-topic: entries that do not belong to the list's subject.

No fixed vocabulary: the subject is learned from the list itself (see `topicmodel`), and
every entry is scored against the rest of the list with itself left out. Three kinds of
evidence, each enough on its own:

- a lone entry whose words English explains better than this list does, and which also
  stands apart from the list's own spread of scores (robust z) or from its form (a title
  length or link host almost no other entry has);
- a run of consecutive entries that all score low: a pasted block;
- a run of consecutive entries sharing field names (sub-bullet keys such as "Authors")
  that the rest of the list does not use, whose words the rest of the list does not use
  either. The block is scored with the whole block left out, so it cannot vouch for itself.
"""

from __future__ import annotations

from collections import Counter
from statistics import NormalDist, fmean, median
from urllib.parse import urlsplit

from .. import data
from ..entries import Entry, plain_text
from ..findings import Severity
from ..registry import Context, rule
from ..topicmodel import EntryScore, TopicModel, center_spread, robust_z, words_of

MIN_ENTRIES = 12
MIN_WORDS = 2  # words that count before an entry's score means anything
FLOOR = 0.75  # a flagged entry scores at least this far below 0 (English explains it better)
RUN_FLOOR = 0.5  # a flagged entry of a run scores this far below 0 without the run
RUN_LENGTH = 3
RUN_Z = 2.5  # ... and this far below the list's typical entry (robust z)
FORM_SHARE = 0.01  # a title length or link host fewer than 1% of the other entries share
TEMPLATE_SHARE = 0.1  # a field name at most 10% of the entries outside the block use
DEFAULT_THRESHOLD = 3.5
FALSE_ALARMS = 0.23  # lone false alarms a list of normally spread scores would expect at the bar
_SKIPPED_FIELDS = {"authors", "author", "publication date", "date", "year", "release date", "venue"}


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


def _lone_bar(entries: int, threshold: float) -> float:
    """How far below the list's typical entry (robust z) a lone entry must score.

    `threshold` is the bar for a list of 1,000 entries; the bar moves with the list's
    size so that a list of any size expects the same few false alarms (a Bonferroni
    correction): 2.3 for 20 entries, 3.5 for 1,000, 3.9 for 5,000.
    """
    normal = NormalDist()
    return threshold + normal.inv_cdf(1 - FALSE_ALARMS / entries) - normal.inv_cdf(1 - FALSE_ALARMS / 1000)


def _stands_out_of_its_section(run: range, entries: list[Entry], z: dict[int, float]) -> bool:
    """A pasted block lands among entries that fit the list; a section that is all
    unusual (cities under "Conferences") is the maintainer's own."""
    sections = {tuple(entries[i].section) for i in run}
    rest = [z[i] for i, e in enumerate(entries) if i not in run and tuple(e.section) in sections and i in z]
    return len(rest) >= RUN_LENGTH and median(rest) >= 0


def _title_length(entry: Entry) -> int:
    """Word count of the title, in bins: a paper title among package names stands out."""
    count = len(entry.title.split())
    return next(b for b, top in enumerate((1, 2, 4, 7, 11, 10**9)) if count <= top)


def _host(entry: Entry) -> str:
    link = entry.main_link
    if link is None:
        return ""
    parts = urlsplit(link.url)
    return parts.netloc.lower().removeprefix("www.") if parts.scheme else "(relative)"


def _rare_form(entries: list[Entry]) -> list[bool]:
    """Entries whose title length or link host almost no other entry shares."""
    rare = [False] * len(entries)
    for feature in (_title_length, _host):
        values = [feature(e) for e in entries]
        counts = Counter(values)
        for index, value in enumerate(values):
            rare[index] |= counts[value] - 1 < FORM_SHARE * len(entries)
    return rare


def _runs(flags: list[bool], length: int) -> list[range]:
    """Maximal runs of at least `length` consecutive true flags."""
    runs, start = [], None
    for index, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            if index - start >= length:
                runs.append(range(start, index))
            start = None
    return runs


def _field_names(entry: Entry) -> set[str]:
    if entry.kind not in ("list-item", "card"):
        return set()
    return {k.casefold() for k in entry.fields if k not in ("description", "notes")}


def _template_blocks(entries: list[Entry]) -> list[tuple[range, list[str]]]:
    """Runs of consecutive entries sharing field names the rest of the list does not use.

    A pasted block keeps the fields of the list it came from ("Authors", "Publication
    Date" among "Journal" and "Highlight").
    """
    names = [_field_names(e) for e in entries]
    keyed = sum(1 for n in names if n)
    uses = Counter(k for n in names for k in n)
    blocks = []
    for key in uses:
        for run in _runs([key in n for n in names], RUN_LENGTH):
            outside = uses[key] - len(run)
            if keyed - len(run) >= RUN_LENGTH and outside <= TEMPLATE_SHARE * (keyed - len(run)):
                blocks.append((run, key))
    merged: dict[range, list[str]] = {}
    for run, key in blocks:
        merged.setdefault(run, []).append(key)
    return sorted(merged.items(), key=lambda item: item[0].start)


def _model(ctx: Context, entries: list[Entry]) -> TopicModel:
    allow = {w for a in ctx.option("allow") or [] for w in words_of(str(a), frozenset())}
    stop = frozenset(data.load("stopwords")["words"]) | allow
    headings, intro = _subject_texts(ctx)
    topic = {w for t in ctx.option("topic") or [] for w in words_of(str(t), stop)}
    return TopicModel(
        bags=[set(words_of(_entry_text(e), stop)) for e in entries],
        sections=[tuple(e.section) for e in entries],
        subject=set(words_of(f"{headings} {intro}", stop)),
        topic=topic,
    )


@rule(
    "off-topic",
    summary="An entry that does not belong to the list's subject, learned from the list itself.",
    severity=Severity.WARNING,
    fix="none",
    bad="(in a list of pathology foundation models)\n23. **A scan-specific unsupervised method for parallel MRI reconstruction via implicit neural representation**",
    good="23. **A whole-slide foundation model for digital pathology from real-world data**",
    options={"topic": [], "allow": [], "threshold": DEFAULT_THRESHOLD},
)
def off_topic(ctx: Context):
    """Lists are assembled from other lists, and whole blocks get pasted into the wrong
    one. A reader trusts every entry to be about the list's subject. The rule learns the
    subject from the list (title, intro, headings, and which words its entries use more
    than English does), scores each entry against the rest, and flags entries that
    English explains better than the list does, more readily in runs and when their
    fields or form differ from their neighbours'. It is a judgment, not a syntax error:
    state the subject with `topic`, silence a word with `allow`, raise `threshold` to
    flag less, or disable it inline."""
    entries = [e for e in ctx.entries if e.title or e.text]
    if len(entries) < MIN_ENTRIES:
        return
    strictness = float(ctx.option("threshold")) / DEFAULT_THRESHOLD
    model = _model(ctx, entries)
    scores = [model.score(i) for i in range(len(entries))]
    evidence = [i for i, s in enumerate(scores) if s.words >= MIN_WORDS]
    if len(evidence) < MIN_ENTRIES:
        return
    z = dict(zip(evidence, robust_z([scores[i].score for i in evidence])))
    rare_form = _rare_form(entries)
    reasons: dict[int, tuple[str, EntryScore]] = {}
    bar = _lone_bar(len(evidence), float(ctx.option("threshold")))
    for i in evidence:
        low = scores[i].score <= -FLOOR * strictness
        if low and (z[i] <= -bar or (z[i] <= -strictness and rare_form[i])):
            reasons[i] = ("its words are rare in this list", scores[i])
    # a pasted block vouches for itself ("scans", "patients"): score a run of below-typical
    # entries without the run, on the list's own scale
    center, spread = center_spread([scores[i].score for i in evidence])
    below = [i in z and z[i] < 0 for i in range(len(entries))]
    for run in _runs(below, RUN_LENGTH):
        if not _stands_out_of_its_section(run, entries, z):
            continue  # a section about something of its own (conferences among libraries)
        alone = {i: model.score(i, left_out=tuple(run)) for i in run}
        low = [i for i in run if alone[i].score <= -RUN_FLOOR * strictness
               and (alone[i].score - center) / spread <= -RUN_Z * strictness]
        if len(low) >= RUN_LENGTH:
            for i in low:
                reasons[i] = (f"one of {len(low)} neighbouring entries whose words are rare in this list", alone[i])
    for block, keys in _template_blocks(entries):
        alone = [model.score(i, left_out=tuple(block)) for i in block]
        without_block = fmean(s.score for s in alone)
        # its words are typical of the list only because the block itself is in it;
        # otherwise it is a section with a template of its own
        if without_block <= 0 and fmean(scores[i].score for i in block) - without_block >= FLOOR * strictness:
            for i, score in zip(block, alone):
                reasons[i] = (f"one of {len(block)} consecutive entries with fields ({', '.join(sorted(keys))}) "
                              "and words the rest of the list does not use", score)
    if not reasons:
        return
    on_topic = [scores[i].score for i in evidence if i not in reasons]
    nearest = min(on_topic, default=0.0)
    subject = ", ".join(model.subject_terms())
    for i in sorted(reasons):
        why, score = reasons[i]
        entry = entries[i]
        about = f"; it is about {', '.join(score.terms)}" if score.terms else ""
        yield ctx.finding(
            entry.start,
            ctx.doc.line_span(entry.line)[1],
            f"entry may be off-topic: {why}{about}, not the list's subject ({subject}); "
            f"score {score.score:.2f}, the nearest on-topic entry scores {nearest:.2f}",
            entry=ctx.entry_at(entry.start),
        )
