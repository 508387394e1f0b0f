"""off-topic: entries that do not belong to the list's subject.

No fixed vocabulary: the subject is learned from the list itself (see `topicmodel`), and
every entry is scored against the rest of the list with itself left out. Four kinds of
evidence, each enough on its own:

- a lone entry whose words English explains better than this list does, and which also
  stands apart from the list's own spread of scores (robust z) or from its form (a title
  length or link host almost no other entry has) — judged against its section when the
  whole section is unusual (cities under "Conferences");
- a run of three or more below-typical neighbours that stand out once scored without the
  run (pasted entries vouch for each other), unless their whole section is unusual;
- a run of three or more entries that stand out once each is scored without its
  neighbourhood (five entries either side), where the run lifts their scores: a block
  that vouches for itself so well that its entries look typical;
- a run of consecutive entries sharing field names (sub-bullet keys such as "Authors")
  that the rest of the list does not use, whose words the rest of the list does not use
  either. The block is scored with the whole block left out, so it cannot vouch for itself.
"""

from __future__ import annotations

from collections import Counter
from statistics import NormalDist, fmean, median

from .. import data
from ..entries import Entry, entry_name, plain_text
from ..findings import Severity
from ..linkspans import SAME_PAGE
from ..registry import Context, FixAvailability, rule
from ..topicmodel import MIN_WORDS, EntryScore, TopicModel, center_spread, cjk_share, words_of
from ..urls import host_of, strip_www

MIN_ENTRIES = 12
NO_SCORE = EntryScore(0.0, {})  # stands for entries without enough words (never read: not evidence)
FLOOR = 0.75  # a flagged entry scores at least this far below 0 (English explains it better)
RUN_FLOOR = 0.5  # ... an entry of a run, without the run, in a list deep enough to reach WORD_CAP
RUN_LENGTH = 3
RUN_RELIEF = 1.0  # ... and this much less far below the typical entry than a lone one (robust z)
NEIGHBOURHOOD = 5  # entries either side left out when asking whether the rest of the list explains one
NEIGHBOURHOOD_BAR = 2.0  # robust z below the typical neighbourhood-free score, for each of a run
SECTION_TOLERANCE = 1.0  # ... unless the rest of the section sits this far below typical too
FORM_SHARE = 0.01  # a title length or link host fewer than 1% of the other entries share
COMMON_SHARE = 0.1  # ... where its section-mates typically share theirs with 10% of the list
TEMPLATE_SHARE = 0.1  # a field name at most 10% of the entries outside the block use
DEFAULT_THRESHOLD = 3.5
CJK_ABSTAIN = 0.25  # above this share of Chinese/Japanese/Korean letters the rule abstains
LONG_LIST = 200  # from this many scored entries on, a lone entry's words alone never flag it
FALSE_ALARMS = 0.23  # lone false alarms a list of normally spread scores would expect at the bar
_SKIPPED_FIELDS = {"authors", "author", "publication date", "date", "year", "release date", "venue"}


def _entry_text(entry: Entry) -> str:
    """Title and fields, without links and the fields that are names or dates: authors
    say who, not what."""
    parts = [entry.title]
    for key, value in entry.fields.items():
        if key.casefold() in _SKIPPED_FIELDS or value.startswith(("http://", "https://")):
            continue
        if value != entry.title:
            parts.append(value)
    return " ".join(parts)


def _subject_texts(doc, entries: list[Entry]) -> tuple[str, str]:
    """(headings, the title and intro before the first entry)."""
    headings, intro = [], []
    tokens = doc.tokens
    first_entry = entries[0].line if entries else len(doc.lines)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            headings.append(plain_text(tokens[index + 1]))
        if token.type == "inline" and token.map and token.map[0] < first_entry - 1 and not _navigation(token):
            intro.append(plain_text(token))
    return " ".join(headings), " ".join(intro)


def _navigation(inline) -> bool:
    """A table-of-contents line: it links within the page and says nothing of its own."""
    return any(c.type == "link_open" and SAME_PAGE.match(str(c.attrs.get("href", ""))) is not None for c in inline.children or ())


def _lone_bar(entries: int, threshold: float) -> float:
    """How far below the list's typical entry (robust z) a lone entry must score.

    `threshold` is the bar for a list of 1,000 entries; the bar moves with the list's
    size so that a list of any size expects the same few false alarms (a Bonferroni
    correction): 2.3 for 20 entries, 3.5 for 1,000, 3.9 for 5,000.
    """
    normal = NormalDist()
    return threshold + normal.inv_cdf(1 - FALSE_ALARMS / entries) - normal.inv_cdf(1 - FALSE_ALARMS / 1000)


def _sections(entries: list[Entry]) -> dict[tuple, list[int]]:
    """Entry indices by section (heading path)."""
    sections: dict[tuple, list[int]] = {}
    for index, entry in enumerate(entries):
        sections.setdefault(tuple(entry.section), []).append(index)
    return sections


def _section_offset(members: range, entries: list[Entry], sections, z: dict[int, float]) -> float | None:
    """How far below the list's typical entry the rest of these entries' section sits
    (robust z, 0 when not below): a section that is all unusual — cities under
    "Conferences" — has a subject of its own, and its entries are judged against it.
    None when too few others remain to tell."""
    touched = {tuple(entries[i].section) for i in members}
    rest = [z[i] for section in touched for i in sections[section] if i not in members and i in z]
    return min(0.0, median(rest)) if len(rest) >= RUN_LENGTH else None


def _section_own(members: range, entries: list[Entry], sections, z: dict[int, float], tolerance: float) -> bool:
    """Whether a run belongs to its section rather than stands out of it: too few others
    remain to tell, or the rest of the section sits more than `tolerance` below typical."""
    offset = _section_offset(members, entries, sections, z)
    return offset is None or offset < -tolerance


def _in_sorted_section(members, entries: list[Entry], sections) -> bool:
    """Whether these entries sit in a section kept in alphabetical order: they were put
    in their places one by one, not pasted as a block."""
    for section in {tuple(entries[i].section) for i in members}:
        titles = [entries[i].title.casefold() for i in sections[section]]
        if len(titles) < 2 * RUN_LENGTH or titles != sorted(titles):
            return False
    return True


def _most_of_section(members: list[int], entries: list[Entry], sections, share: float = 0.5) -> bool:
    """Whether these entries are most of their section (more than ``share`` of it): then
    they are its theme (awesome-go's Conferences are eleven cities in a row), not a block
    pasted into it."""
    size = sum(len(sections[section]) for section in {tuple(entries[i].section) for i in members})
    return len(members) > size * share


def _title_length(entry: Entry) -> int:
    """Word count of the title, in bins: a paper title among package names stands out."""
    count = len(entry.title.split())
    return next(b for b, top in enumerate((1, 2, 4, 7, 11, 10**9)) if count <= top)


def _host(entry: Entry) -> str:
    link = entry.main_link
    if link is None:
        return ""
    return strip_www(host_of(link.url)) or "(relative)"


def _rare_form(entries: list[Entry], sections: dict[tuple, list[int]]) -> list[bool]:
    """Entries whose title length or link host almost no other entry shares, in a section
    whose other entries share theirs (a conference site among conferences is not odd)."""
    rare = [False] * len(entries)
    for feature in (_title_length, _host):
        values = [feature(e) for e in entries]
        share = Counter(values)
        for members in sections.values():
            if len(members) < 2 or median(share[values[j]] for j in members) < COMMON_SHARE * len(entries):
                continue
            for index in members:
                rare[index] |= share[values[index]] - 1 < FORM_SHARE * len(entries)
    return rare


def _runs(flags: list[bool], length: int, entries: list[Entry] | None = None) -> list[range]:
    """Maximal runs of at least `length` consecutive true flags; with ``entries``, runs
    end at section boundaries (a paste lands in one place; five odd entries across two
    of the maintainer's sections are two sections' odd ends)."""
    runs, start = [], None
    for index, flag in enumerate([*flags, False]):
        new_section = (entries is not None and start is not None and index < len(entries)
                       and entries[index].section != entries[start].section)
        if start is not None and (not flag or new_section):
            if index - start >= length:
                runs.append(range(start, index))
            start = None
        if flag and start is None:
            start = index
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


def list_model(doc, entries: list[Entry], topic=(), allow=()) -> TopicModel:
    """The word model of a list: its entries, its sections, and its title, intro and headings."""
    stop = frozenset(data.load("stopwords")["words"]) | {w for a in allow for w in words_of(str(a), frozenset())}
    headings, intro = _subject_texts(doc, entries)
    return TopicModel(
        bags=[dict.fromkeys(words_of(_entry_text(e), stop)) for e in entries],
        sections=[tuple(e.section) for e in entries],
        subject=dict.fromkeys(words_of(f"{headings} {intro}", stop)),
        topic=dict.fromkeys(w for t in topic for w in words_of(str(t), stop)),
    )


EXAMPLE_SETTING = """# Awesome Pathology Foundation Models

Foundation models for computational pathology: whole-slide images, tissue, tumour.

## Models

- [Towards a general-purpose foundation model for computational pathology](https://www.nature.com/articles/s41591-024-02857-3) - UNI, pathology slides of tissue.
- [A visual-language foundation model for computational pathology](https://www.nature.com/articles/s41591-024-02856-4) - CONCH, pathology images and captions.
- [A pathology foundation model for cancer diagnosis and prognosis prediction](https://www.nature.com/articles/s41586-024-07894-z) - CHIEF, tumour slides.
- [Virchow: a million-slide digital pathology foundation model](https://arxiv.org/abs/2309.07778) - slides of tissue from cancer patients.
- [A foundation model for clinical-grade computational pathology](https://www.nature.com/articles/s41591-024-03141-0) - Virchow, rare cancer slides.
- [Transformer-based unsupervised contrastive learning for histopathological image classification](https://www.sciencedirect.com/science/article/pii/S1361841522002043) - CTransPath, tissue patches.
- [Self-supervised vision transformers learn visual concepts in histopathology](https://arxiv.org/abs/2203.00585) - pathology slides of tumour tissue.
- [Benchmarking self-supervised learning on diverse pathology datasets](https://arxiv.org/abs/2212.04690) - slides and tissue patches.
- [A whole-slide foundation model for cancer pathology with multimodal slides](https://example.org/wsi) - tumour slide pathology.
- [Scaling self-supervised learning for histopathology with masked image modeling](https://www.medrxiv.org/content/10.1101/2023.07.21.23292757) - Phikon, pathology tissue slides.
- [RudolfV: a foundation model by pathologists for pathologists](https://arxiv.org/abs/2401.04079) - pathology slides, tissue and stains.
- [Hibou: a family of foundational vision transformers for pathology](https://arxiv.org/abs/2406.05074) - whole-slide tissue images.
- [Multimodal whole slide foundation model for pathology](https://arxiv.org/abs/2411.19666) - TITAN, slides and pathology reports.
- [A multimodal generative AI copilot for human pathology](https://www.nature.com/articles/s41586-024-07618-3) - PathChat, pathology slides of tumour.
{example}
- [Pathology language and image pre-training for tumour tissue](https://example.org/plip) - PLIP, pathology slides.
"""


@rule(
    "off-topic",
    summary="An entry that does not belong to the list's subject, learned from the list itself.",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="- [A scan-specific unsupervised method for parallel MRI reconstruction via implicit neural representation](https://arxiv.org/abs/2210.10439) - k-space coordinates and network weights.",
    good="- [A whole-slide foundation model for digital pathology from real-world data](https://www.nature.com/articles/s41586-024-07441-w) - Prov-GigaPath on pathology slides.",
    setting=EXAMPLE_SETTING,
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
    flag less, or disable it inline. Lists mostly in Chinese, Japanese or Korean are left
    alone: the background it measures words against is English, and an entry described
    in English there is a change of language, not of subject."""
    entries = [e for e in ctx.entries if e.title or e.text]
    if len(entries) < MIN_ENTRIES or cjk_share(" ".join(e.text for e in entries)) > CJK_ABSTAIN:
        return  # too few entries, or a list mostly in a script the English background cannot read
    model = list_model(ctx.doc, entries, ctx.option("topic") or (), ctx.option("allow") or ())
    scores = [model.score(i) for i in range(len(entries))]
    evidence = [i for i, s in enumerate(scores) if s.words >= MIN_WORDS]
    if len(evidence) < MIN_ENTRIES:
        return
    scale = _Scale(model, scores, evidence, float(ctx.option("threshold")))
    sections = _sections(entries)
    reasons = {
        **_lone_outliers(entries, sections, scores, scale),
        **_pasted_runs(entries, sections, model, scale),
        **_unexplained_neighbourhoods(entries, sections, model, scores, evidence, scale),
        **_foreign_templates(entries, model, scores, scale),
    }
    if not reasons:
        return
    subject = ", ".join(model.subject_terms(left_out=frozenset(reasons)))
    scored = set(evidence)
    for i in sorted(reasons):
        why, score = reasons[i]
        entry = entries[i]
        about = f"; it is about {', '.join(score.terms)}" if score.terms else ""
        neighbour = _nearest_on_topic(i, scored, reasons)
        nearest = "" if neighbour is None else (
            f", its nearest on-topic neighbour {entries[neighbour].title[:40]!r} {scores[neighbour].score:.2f}")
        yield ctx.finding(
            entry.start,
            ctx.doc.line_span(entry.line)[1],
            f"entry may be off-topic: {why}{about}, not the list's subject ({subject}); "
            f"score {score.score:.2f} (a typical entry scores {scale.center:.2f}{nearest})",
            entry=entry_name(entry),
        )


Reasons = dict[int, tuple[str, EntryScore]]


class _Scale:
    """Where an entry's score sits in this list: robust z, and the bars the options set."""

    def __init__(self, model: TopicModel, scores: list[EntryScore], evidence: list[int], threshold: float):
        self.center, self.spread = center_spread([scores[i].score for i in evidence])
        self.model = model
        self.z = {i: self.of(scores[i]) for i in evidence}
        self.threshold = threshold
        self.strictness = threshold / DEFAULT_THRESHOLD  # `threshold` raises or lowers every bar
        self.lone_bar = _lone_bar(len(evidence), threshold)

    def of(self, score: EntryScore) -> float:
        return (score.score - self.center) / self.spread

    def floor(self, index: int, floor: float) -> float:
        """A score bar for entry `index`, set for a big list, scaled to how far below 0 a
        score can go in this one."""
        return floor * self.strictness * self.model.depth(index)


def _lone_outliers(entries: list[Entry], sections, scores: list[EntryScore], scale: _Scale) -> Reasons:
    rare_form = _rare_form(entries, sections)
    reasons = {}
    for i, z in scale.z.items():
        if scores[i].score > -FLOOR * scale.strictness:
            continue  # the list explains its words at least as well as English does
        z -= _section_offset(range(i, i + 1), entries, sections, scale.z) or 0.0
        if len(scale.z) >= LONG_LIST and not rare_form[i]:
            continue  # among hundreds of entries some always use words nobody else does
        if z <= -scale.lone_bar or (z <= -scale.strictness and rare_form[i]):
            reasons[i] = ("its words are rare in this list", scores[i])
    return reasons


def _pasted_runs(entries: list[Entry], sections, model: TopicModel, scale: _Scale) -> Reasons:
    """A pasted block vouches for itself ("scans", "patients"): a run of below-typical
    entries is scored again without the run, on the list's own scale."""
    reasons = {}
    below = [scale.z.get(i, 0.0) < 0 for i in range(len(entries))]
    for run in _runs(below, RUN_LENGTH, entries):
        if _section_own(run, entries, sections, scale.z, 0.0) or _in_sorted_section(run, entries, sections):
            continue  # too little of the section left to tell, a section all unusual, or sorted: the maintainers' own
        alone = {i: model.score(i, left_out=tuple(run)) for i in run}
        foreign = [i for i in run if alone[i].score <= -scale.floor(i, RUN_FLOOR)]
        far_out = [i for i in foreign if scale.of(alone[i]) <= -(scale.lone_bar - RUN_RELIEF)]
        if len(far_out) >= RUN_LENGTH and not _most_of_section(foreign, entries, sections):
            # a pasted block, then: every entry of the run that the list without it does
            # not explain belongs to it, not only the farthest out
            for i in foreign:
                reasons[i] = (f"one of {len(foreign)} neighbouring entries whose words are rare in this list", alone[i])
    return reasons


def _vouched(with_run: EntryScore, without_run: EntryScore, scale: _Scale) -> bool:
    """Whether a run lifts an entry's score: pasted entries share their words ("cases",
    "segmentation"); an odd entry of the list that happens to sit next to them does not."""
    return with_run.score - without_run.score >= FLOOR * scale.strictness


def neighbourhood_scores(model: TopicModel, indices: list[int]) -> dict[int, EntryScore]:
    """Each entry scored against the list without the NEIGHBOURHOOD entries either side."""
    count = len(model.bags)
    return {i: model.score(i, left_out=tuple(range(max(0, i - NEIGHBOURHOOD), min(count, i + NEIGHBOURHOOD + 1))))
            for i in indices}


def _unexplained_neighbourhoods(entries: list[Entry], sections, model: TopicModel, scores: list[EntryScore],
                                evidence: list[int], scale: _Scale) -> Reasons:
    """Each entry scored without its neighbours: a pasted block can no longer vouch for
    itself, wherever its entries fall. Three or more neighbours far below the list's
    typical such score, in a section whose other entries are not, are a pasted block."""
    alone = neighbourhood_scores(model, evidence)
    apart = _Scale(model, [alone.get(i, NO_SCORE) for i in range(len(entries))], evidence, scale.threshold)
    bar = NEIGHBOURHOOD_BAR * scale.strictness
    low = [i in apart.z and apart.z[i] <= -bar and alone[i].score <= -scale.floor(i, RUN_FLOOR)
           for i in range(len(entries))]
    reasons = {}
    for run in _runs(low, RUN_LENGTH, entries):
        if (_section_own(run, entries, sections, apart.z, SECTION_TOLERANCE * scale.strictness)
                or _in_sorted_section(run, entries, sections)):
            continue  # too little of the section left to tell, or a section all unusual: the maintainers' own
        # the block's entries are the ones it vouches for; a low-scoring entry of the
        # section next to it gains nothing from it, and is left to the lone test
        without_run = {i: model.score(i, left_out=tuple(run)) for i in run}
        foreign = [i for i in run if without_run[i].score <= -scale.floor(i, RUN_FLOOR)
                   and apart.of(without_run[i]) <= -bar and _vouched(scores[i], without_run[i], scale)]
        if len(foreign) >= RUN_LENGTH and not _most_of_section(foreign, entries, sections):
            why = f"one of {len(foreign)} neighbouring entries whose words the rest of the list does not use"
            reasons.update({i: (why, alone[i]) for i in foreign})
    return reasons


def _foreign_templates(entries: list[Entry], model: TopicModel, scores: list[EntryScore], scale: _Scale) -> Reasons:
    """A block with fields of its own whose words are typical of the list only because
    the block itself is in it; otherwise it is a section with a template of its own."""
    reasons = {}
    for block, keys in _template_blocks(entries):
        alone = [model.score(i, left_out=tuple(block)) for i in block]
        without_block = fmean(s.score for s in alone)
        with_block = fmean(scores[i].score for i in block)
        if without_block <= 0 and with_block - without_block >= FLOOR * scale.strictness:
            why = (f"one of {len(block)} consecutive entries with fields ({', '.join(sorted(keys))}) "
                   "and words the rest of the list does not use")
            reasons.update({i: (why, score) for i, score in zip(block, alone)})
    return reasons


def _nearest_on_topic(index: int, scored: set[int], flagged) -> int | None:
    """The closest entry, by position, that has a score and is not flagged."""
    for distance in range(1, max(scored, default=0) + index + 1):
        for i in (index - distance, index + distance):
            if i in scored and i not in flagged:
                return i
    return None
