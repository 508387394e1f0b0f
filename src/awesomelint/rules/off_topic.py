"""off-topic: entries that do not belong to the list's subject.

No fixed vocabulary: the subject is learned from the list itself (see `topicmodel`), and
every entry is scored against the rest of the list with itself left out. What is scored
are units: each entry, and each of its sub-links that has words of its own ("Book a demo
for your clinic"), so a block reads the same whether a markup slip made it four entries
or one entry with three sub-links. Five kinds of evidence:

- a lone entry, on two independent kinds of evidence at once: words English explains
  better than this list does (robust z, judged against its section when the whole
  section is unusual, and not counting everyday English words against it), and a form
  few other entries have (how it is written and where it links; see `formmodel`). The
  form picks the candidates, the words must clear the bar of a list as small as the
  entries that share such a form. An entry that uses two words the list uses far more
  than English does speaks the list's language and is never a lone outlier;
- a run of three or more below-typical neighbours scored without the run (pasted
  entries vouch for each other): far below typical, or less far when their form, judged
  without the run too, is odd — unless their whole section is unusual;
- a run of three or more entries that stand out once each is scored without its
  neighbourhood (five entries either side), where the run lifts their scores: a block
  that vouches for itself so well that its entries look typical;
- a run of consecutive entries sharing field names (sub-bullet keys such as "Authors")
  that the rest of the list does not use, whose words the rest of the list does not use
  either. The block is scored with the whole block left out, so it cannot vouch for itself;
- three or more neighbouring units linking to one site no other entry links to, whose
  words the list without them does not explain: a product's pages pasted in.

With `--online`, what the linked thing says it is (see `metadata`) is one more kind of
evidence for a lone entry, and for a run of neighbours whose links each stand apart; with `--changed-since`, only the entries a change adds are
judged, scored without the change, against the list as it was.

What every entry says tells no entry apart and is not counted: lines a generator
repeats word for word (best-of's "PyPi (📥 240 / month)"), and words nearly every entry
writes ("[paper] [code]").
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from statistics import NormalDist, fmean, median
from typing import Protocol

from .. import data
from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Finding, Severity
from ..model.document import Document
from ..model.entries import Entry, entry_name, plain_text
from ..model.formmodel import FormModel, host, site
from ..model.headings import headings_of
from ..model.linkspans import links_by_inline
from ..model.metadata import Apart, Profile, described_links
from ..model.navigation import is_navigation
from ..model.topicmodel import (
    MIN_WORDS,
    EntryScore,
    TopicModel,
    center_spread,
    cjk_share,
    generated,
    variants,
    without_frame,
    words_of,
)

MIN_ENTRIES = 12
NO_SCORE = EntryScore(0.0, {})  # stands for entries without enough words (never read: not evidence)
FLOOR = 0.75  # a flagged entry scores at least this far below 0 (English explains it better)
RUN_FLOOR = 0.5  # ... an entry of a run, without the run, in a list deep enough to reach WORD_CAP
RUN_LENGTH = 3
RUN_RELIEF = 1.0  # ... and this much less far below the typical entry than a lone one (robust z)
RUN_FORM_BAR = 1.5  # ... or this far below, each of odd form (robust z)
NEIGHBOURHOOD = 5  # entries either side left out when asking whether the rest of the list explains one
NEIGHBOURHOOD_BAR = 2.0  # robust z below the typical neighbourhood-free score, for each of a run
SECTION_TOLERANCE = 1.0  # ... unless the rest of the section sits this far below typical too
TEMPLATE_SHARE = 0.1  # a field name at most 10% of the entries outside the block use
DEFAULT_THRESHOLD = 3.5
CJK_ABSTAIN = 0.25  # above this share of Chinese/Japanese/Korean letters the rule abstains
FORM_NATS = 3.0  # a form odd by this many nats at least: one value 1 in 200 neighbours share, or two 1 in 45
FORM_SHARE = 0.05  # ... and as odd as that of at most 5% of the list
MIN_LONE_BAR = 2.0  # ... and its words at least this far below typical (robust z), however few share its form
META_TOPIC_BAR = 1.0  # ... or this far, beside topics the list's repositories do not share (robust z)
LONE_WORDS = 3  # words that count before a lone entry's words say what it is about
ANCHOR_RATIO = 2.0  # a word the list uses e^2 (7) times more than English does...
ANCHORS = 2  # ... and this many of them tie an entry to the list
ONE_SITE_SHARE = 0.5  # a one-site block is at most this share of the list's units
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


class _Placed(Protocol):
    """An entry or a unit: where it sits, and what it is called."""

    @property
    def section(self) -> Sequence[str]: ...

    @property
    def title(self) -> str: ...


@dataclass(frozen=True)
class Unit:
    """What the word model scores: an entry, or one of its worded sub-links.

    ``- - [Apex Health AI](…)`` over three links to the same site is four entries (a
    list inside an empty item); tidied by double-marker it is one entry with three
    sub-links. Scoring the sub-links as the units they were makes both read the same:
    a markup slip does not carry the evidence."""

    entry: int  # index of the entry it belongs to
    section: tuple[str, ...]
    text: str
    title: str  # the entry's title, or the link's words
    site: str  # the host its link goes to ("" without one)
    link: bool = False  # a sub-link of the entry, not the entry itself


@cache
def _labels() -> frozenset[str]:
    return frozenset(data.load("link_labels")["labels"])


def _worded_link(key: str, value: str) -> bool:
    """A sub-bullet that is a link under words of its own ("Book a demo for your clinic"),
    not a label ("Paper", "Code", "Hugging Face") nor a bare name."""
    return value.startswith(("http://", "https://")) and key.casefold() not in _labels() and len(key.split()) >= 2


def units_of(entries: list[Entry]) -> list[Unit]:
    """Each entry, followed by its worded sub-links."""
    units = []
    for index, entry in enumerate(entries):
        section = tuple(entry.section)
        units.append(Unit(index, section, _entry_text(entry), entry.title, host(entry)))
        units.extend(
            Unit(index, section, key, key, site(value), link=True)
            for key, value in entry.fields.items()
            if _worded_link(key, value)
        )
    return units


def _subject_texts(doc: Document, entries: list[Entry]) -> tuple[str, str]:
    """(headings, the title and intro before the first entry)."""
    headings, intro = [], []
    tokens = doc.tokens
    links = links_by_inline(doc)
    first_entry = entries[0].line if entries else len(doc.lines)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            headings.append(plain_text(tokens[index + 1]))
        if (
            token.type == "inline"
            and token.map
            and token.map[0] < first_entry - 1
            and not is_navigation(links.get(id(token), ()))
        ):
            intro.append(plain_text(token))
    return " ".join(headings), " ".join(intro)


def _lone_bar(entries: int, threshold: float) -> float:
    """How far below the list's typical entry (robust z) a lone entry must score.

    `threshold` is the bar for a list of 1,000 entries; the bar moves with the list's
    size so that a list of any size expects the same few false alarms (a Bonferroni
    correction): 2.3 for 20 entries, 3.5 for 1,000, 3.9 for 5,000.
    """
    normal = NormalDist()
    return threshold + normal.inv_cdf(1 - FALSE_ALARMS / entries) - normal.inv_cdf(1 - FALSE_ALARMS / 1000)


def _sections(entries: Sequence[_Placed]) -> dict[tuple, list[int]]:
    """Entry (or unit) indices by section (heading path)."""
    sections: dict[tuple, list[int]] = {}
    for index, entry in enumerate(entries):
        sections.setdefault(tuple(entry.section), []).append(index)
    return sections


def _section_offset(
    members: range, entries: Sequence[_Placed], sections: dict[tuple, list[int]], z: dict[int, float]
) -> float | None:
    """How far below the list's typical entry the rest of these entries' section sits
    (robust z, 0 when not below): a section that is all unusual — cities under
    "Conferences" — has a subject of its own, and its entries are judged against it.
    None when too few others remain to tell."""
    touched = {tuple(entries[i].section) for i in members}
    rest = [z[i] for section in touched for i in sections[section] if i not in members and i in z]
    return min(0.0, median(rest)) if len(rest) >= RUN_LENGTH else None


def _section_own(
    members: range, entries: Sequence[_Placed], sections: dict[tuple, list[int]], z: dict[int, float], tolerance: float
) -> bool:
    """Whether a run belongs to its section rather than stands out of it: too few others
    remain to tell, or the rest of the section sits more than `tolerance` below typical."""
    offset = _section_offset(members, entries, sections, z)
    return offset is None or offset < -tolerance


def _in_sorted_section(members: range, entries: Sequence[_Placed], sections: dict[tuple, list[int]]) -> bool:
    """Whether these entries sit in a section kept in alphabetical order: they were put
    in their places one by one, not pasted as a block."""
    for section in {tuple(entries[i].section) for i in members}:
        titles = [entries[i].title.casefold() for i in sections[section]]
        if len(titles) < 2 * RUN_LENGTH or titles != sorted(titles):
            return False
    return True


def _most_of_section(
    members: list[int], entries: Sequence[_Placed], sections: dict[tuple, list[int]], share: float = 0.5
) -> bool:
    """Whether these entries are most of their section (more than ``share`` of it): then
    they are its theme (awesome-go's Conferences are eleven cities in a row), not a block
    pasted into it."""
    size = sum(len(sections[section]) for section in {tuple(entries[i].section) for i in members})
    return len(members) > size * share


def _runs(flags: list[bool], length: int, entries: Sequence[_Placed] | None = None) -> list[range]:
    """Maximal runs of at least `length` consecutive true flags; with ``entries``, runs
    end at section boundaries (a paste lands in one place; five odd entries across two
    of the maintainer's sections are two sections' odd ends)."""
    runs, start = [], None
    for index, flag in enumerate([*flags, False]):
        new_section = (
            entries is not None
            and start is not None
            and index < len(entries)
            and entries[index].section != entries[start].section
        )
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


@lru_cache(maxsize=16384)
class _Bags:
    """The words of each text, in order, once each; an entry's text is read twice in a
    run (to find generated lines, then for the model), and split into words once. The
    bags are shared, not copied: nothing that reads them (generated lines, the frame,
    the model) changes one."""

    def __init__(self, stop: frozenset[str]):
        self.stop = stop
        self._seen: dict[str, dict[str, None]] = {}

    def __call__(self, text: str) -> dict[str, None]:
        bag = self._seen.get(text)
        if bag is None:
            bag = self._seen[text] = dict.fromkeys(words_of(text, self.stop))
        return bag


def _stopwords(allow: Iterable[str] = ()) -> frozenset[str]:
    """Function words, and the words the user allows."""
    return frozenset(data.load("stopwords")["words"]) | {w for a in allow for w in words_of(str(a), frozenset())}


def written_entries(entries: list[Entry], allow: Iterable[str] = (), bags: _Bags | None = None) -> list[Entry]:
    """The entries the list's people wrote: without the lines a generator repeats word
    for word under every project (best-of's "PyPi (📥 240 / month)"), which would
    otherwise be most of the list and its subject."""
    bag = bags or _Bags(_stopwords(allow))
    lines = generated([bag(_entry_text(e)) for e in entries])
    return [e for e, line in zip(entries, lines) if not line]


def _title_words(doc: Document, stop: frozenset[str]) -> frozenset[str]:
    """The words of the list's title (its first top-level heading): the subject by the
    maintainer's own word."""
    tokens = doc.tokens
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h1":
            return frozenset(words_of(plain_text(tokens[index + 1]), stop))
    return frozenset()


def list_model(
    doc: Document,
    entries: list[Entry],
    topic: Iterable[str] = (),
    allow: Iterable[str] = (),
    units: list[Unit] | None = None,
    bags: _Bags | None = None,
) -> TopicModel:
    """The word model of a list: its units (entries and their worded sub-links) without
    the words nearly all of them write, its sections and their headings, and its title,
    intro and headings."""
    stop = _stopwords(allow)
    bag = bags or _Bags(stop)
    headings, intro = _subject_texts(doc, entries)
    units = units_of(entries) if units is None else units
    sections = [u.section for u in units]
    return TopicModel(
        bags=without_frame([bag(u.text) for u in units], _title_words(doc, stop)),
        sections=sections,
        subject=dict.fromkeys(words_of(f"{headings} {intro}", stop)),
        topic=dict.fromkeys(w for t in topic for w in words_of(str(t), stop)),
        headings={section: variants(words_of(" ".join(section), stop)) for section in dict.fromkeys(sections)},
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
    bad="- [A scan-specific unsupervised method for parallel MRI reconstruction via implicit neural representation](https://arxiv.org/abs/2210.10439) - k-space coordinates and network weights.\n"
    "  - Authors: Wenqi Huang, Hongwei Bran Li, Jiazhen Pan, Gastao Cruz, Daniel Rueckert, Kerstin Hammernik\n"
    "  - Publication Date: 2022-10-19",
    good="- [A whole-slide foundation model for digital pathology from real-world data](https://www.nature.com/articles/s41586-024-07441-w) - Prov-GigaPath on pathology slides.",
    setting=EXAMPLE_SETTING,
    options={"topic": [], "allow": [], "threshold": DEFAULT_THRESHOLD},
)
def off_topic(ctx: Context) -> Iterator[Finding]:
    """Lists are assembled from other lists, and whole blocks get pasted into the wrong
    one. A reader trusts every entry to be about the list's subject. The rule learns the
    subject from the list (title, intro, headings, and which words its entries use more
    than English does), scores each entry against the rest, and flags entries that
    English explains better than the list does: a lone entry only when its form is odd
    too, more readily in runs, when their fields differ from their neighbours', and when
    neighbouring entries link to one site no other entry does (a product's pages). With
    `--online` it also reads what each linked repository, paper or package says it is
    (GitHub's language, topics and description, arXiv's categories and abstract, Hugging
    Face's tags, PyPI's, npm's and crates.io's summary and keywords) against the list's
    own profile of them;
    with `--changed-since` it judges only the entries a change adds, against the list as
    it was. It is a judgment, not a syntax error: state the subject with `topic`, silence a word with
    `allow`, raise `threshold` to flag less, or disable it inline. Lists mostly in
    Chinese, Japanese or Korean are left alone: the background it measures words
    against is English, and an entry described in English there is a change of
    language, not of subject."""
    allow = ctx.option("allow") or ()
    bags = _Bags(_stopwords(allow))
    entries = written_entries([e for e in ctx.entries if e.title or e.text], allow, bags)
    if len(entries) < MIN_ENTRIES or cjk_share(" ".join(e.text for e in entries)) > CJK_ABSTAIN:
        return  # too few entries, or a list mostly in a script the English background cannot read
    units = units_of(entries)
    model = list_model(ctx.doc, entries, ctx.option("topic") or (), allow, units, bags)
    scores = [model.score(u) for u in range(len(units))]
    evidence = [u for u, s in enumerate(scores) if s.words >= MIN_WORDS]
    if len(evidence) < MIN_ENTRIES:
        return
    threshold = float(ctx.option("threshold"))
    sections = _sections(units)
    form = FormModel(entries, [u.site for u in units if not u.link])
    added = additions(entries, ctx.new_lines)
    infos = {url: v.repo for url, v in ctx.link_run.verdicts.items() if v.repo is not None}
    every_link = described_links(entries, infos) if infos else {}
    linked = {index: links[0] for index, links in every_link.items()}
    founding = frozenset() if added is None else _under_added_headings(ctx.doc, entries, ctx.new_lines or frozenset())
    if added is not None:  # --changed-since: the change's entries against the list as it was
        reasons, scores = _additions(entries, units, sections, model, evidence, form, threshold, added, founding)
        scale = _Scale(model, scores, evidence, threshold, [u for u in evidence if units[u].entry not in added])
    else:
        scale = _Scale(model, scores, evidence, threshold)
        one_site = _one_site_blocks(units, model, scale)
        reasons = {
            **_lone_outliers(entries, units, sections, scores, form, scale),
            **_pasted_runs(entries, units, sections, model, scores, form, scale, set(one_site)),
            **_unexplained_neighbourhoods(units, sections, model, scores, evidence, scale, set(one_site)),
            **_foreign_templates(entries, units, model, scores, scale),
            **one_site,
        }
    if linked:
        # the profile: the entries that were there, and whose words the list explains
        # well enough; those far below (at a lone entry's bar) vouch for no other's
        # metadata, as strays count less in the word model's rounds ("python" on five
        # scattered Python repositories is not the list's topic)
        doubted = {units[u].entry for u, z in scale.z.items() if z <= -scale.lone_bar and not units[u].link}
        # how often the list's own links stand apart is read from those whose words the
        # list explains at least as well as its typical entry's: strays pasted into a short
        # list are not yet the list's way
        surely_own = {units[u].entry for u, z in scale.z.items() if z >= 0 and not units[u].link}
        profile = Profile(entries, linked, set(added or ()) | doubted, every_link, surely_own)
        judged = None if added is None else frozenset(u for u, unit in enumerate(units) if unit.entry in added)
        found = _metadata_outliers(entries, units, sections, scores, form, scale, profile, judged, founding)
        reasons.update({u: why for u, why in found.items() if u not in reasons})
    if not reasons:
        return
    subject = ", ".join(model.subject_terms(left_out=frozenset(reasons)))
    reference = [u for u in evidence if added is None or units[u].entry not in added]
    typical = center_spread([scores[u].score for u in reference])[0]
    scored = {units[u].entry: u for u in evidence if not units[u].link}
    flagged = _by_entry(units, reasons)
    for i, u in flagged.items():
        why, score = reasons[u]
        entry = entries[i]
        about = f"; it is about {', '.join(score.terms)}" if score.terms else ""
        neighbour = _nearest_on_topic(i, set(scored), flagged)
        nearest = (
            ""
            if neighbour is None
            else (
                f", its nearest on-topic neighbour {entries[neighbour].title[:40]!r} {scores[scored[neighbour]].score:.2f}"
            )
        )
        yield ctx.finding(
            entry.start,
            ctx.doc.line_span(entry.line)[1],
            f"entry may be off-topic: {why}{about}, not the list's subject ({subject}); "
            f"score {score.score:.2f} (a typical entry scores {typical:.2f}{nearest})",
            entry=entry_name(entry),
        )


Reasons = dict[int, tuple[str, EntryScore]]  # by unit
ADDED_SHARE = 0.5  # a change that adds more than this share of a list's entries is judged as a whole list
# added entries the list as it was does not explain are a block when at least this share of the change
FOREIGN_CHANGE = 0.5


def additions(entries: list[Entry], new_lines: frozenset[int] | None) -> frozenset[int] | None:
    """With --changed-since, the entries (indices) a change added: those with a new
    line; None without --changed-since, and when too little of the list was there before
    to judge the change against (a new list, or one mostly rewritten): then the whole
    list is judged as it stands."""
    if new_lines is None:
        return None
    added = frozenset(i for i, e in enumerate(entries) if any(n in new_lines for n in range(e.line, e.end_line + 1)))
    before = len(entries) - len(added)
    if before < MIN_ENTRIES or len(added) > ADDED_SHARE * len(entries):
        return None
    return added


def _additions(
    entries: list[Entry],
    units: list[Unit],
    sections: dict[tuple, list[int]],
    model: TopicModel,
    evidence: list[int],
    form: FormModel,
    threshold: float,
    added: frozenset[int],
    founding: frozenset[int] = frozenset(),
) -> tuple[Reasons, list[EntryScore]]:
    """Pull-request mode: the review question "does this addition belong here?". The
    entries that were there are the profile: each unit is scored without the change's
    units, the typical score is read from the units that were there. An added entry is
    flagged alone on the same two kinds of evidence as anywhere (words and form, its
    form read without the other additions); three or more added units whose words the
    list as it was does not explain are flagged together, as a pasted run is, when they
    are at least FOREIGN_CHANGE of the change's units. A change mostly of such entries
    is foreign as a whole (a pasted block, a promotional pull request); a large change
    of which a few fall below is not: its entries are scored without the whole change,
    so a new section's own words (the first chart libraries in a list of JavaScript
    libraries) are unknown to the list as it was, and a few of fifty sit low for that
    alone. Those few are judged as lone entries, as are the entries under a heading the
    change adds (``founding``): a new section brings a subject of its own, the
    maintainers' decision, as a section of its own is left alone in a whole list.
    Returns the reasons and every unit's score so judged."""
    new_units = tuple(u for u, unit in enumerate(units) if unit.entry in added)
    # every unit without the change (and itself): the change's units cannot vouch for each other
    scores = [model.score(u, left_out=new_units) for u in range(len(units))]
    old = [u for u in evidence if units[u].entry not in added]
    if len(old) < MIN_ENTRIES:
        return {}, scores
    scale = _Scale(model, scores, evidence, threshold, old)
    judged = frozenset(u for u in new_units if u in scale.z)
    reasons = _lone_outliers(entries, units, sections, scores, form, scale, judged, added)
    blockable = [u for u in judged if units[u].entry not in founding]
    foreign = [
        u
        for u in blockable
        if scores[u].score <= -scale.floor(u, RUN_FLOOR) and scale.z[u] <= -(scale.lone_bar - RUN_RELIEF)
    ]
    if len(foreign) >= RUN_LENGTH and len(foreign) >= FOREIGN_CHANGE * len(blockable):
        why = f"one of {len(foreign)} entries this change adds whose words are rare in the list as it was"
        reasons.update({u: (why, scores[u]) for u in foreign})
    return reasons, scores


def _under_added_headings(doc: Document, entries: list[Entry], new_lines: frozenset[int]) -> frozenset[int]:
    """With --changed-since, the entries (indices) whose nearest heading above is one the
    change adds: a section the change founds."""
    lines = [h.line for h in doc.derived(headings_of)]
    found = set()
    for index, entry in enumerate(entries):
        above = bisect_right(lines, entry.line - 1)
        if above and lines[above - 1] in new_lines:
            found.add(index)
    return frozenset(found)


def _by_entry(units: list[Unit], reasons: Reasons) -> dict[int, int]:
    """Each flagged entry, in order, with the unit that speaks for it: the entry itself
    when it is flagged, else its first flagged sub-link."""
    flagged: dict[int, int] = {}
    for u in sorted(reasons):
        entry = units[u].entry
        if entry not in flagged or (not units[u].link and units[flagged[entry]].link):
            flagged[entry] = u
    return dict(sorted(flagged.items()))


def _run_names(run: Sequence[int], units: list[Unit]) -> str:
    """ "3 neighbouring entries", or "4 neighbouring entries and links" when sub-links
    of an entry are among them."""
    return f"{len(run)} neighbouring entries" + (" and links" if any(units[u].link for u in run) else "")


class _Scale:
    """Where a unit's score sits in this list: robust z, and the bars the options set."""

    def __init__(
        self,
        model: TopicModel,
        scores: list[EntryScore],
        evidence: list[int],
        threshold: float,
        reference: list[int] | None = None,
    ):
        """``reference``: the units the typical score is read from (default ``evidence``;
        with --changed-since the units that were there before the change)."""
        reference = evidence if reference is None else reference
        self.center, self.spread = center_spread([scores[i].score for i in reference])
        self.model = model
        self.z = {i: self.of(scores[i]) for i in evidence}
        self.threshold = threshold
        self.strictness = threshold / DEFAULT_THRESHOLD  # `threshold` raises or lowers every bar
        self.lone_bar = _lone_bar(len(reference), threshold)

    def of(self, score: EntryScore) -> float:
        return (score.score - self.center) / self.spread

    def floor(self, index: int, floor: float) -> float:
        """A score bar for unit `index`, set for a big list, scaled to how far below 0 a
        score can go in this one."""
        return floor * self.strictness * self.model.depth(index)


def _lone_outliers(
    entries: list[Entry],
    units: list[Unit],
    sections: dict[tuple, list[int]],
    scores: list[EntryScore],
    form: FormModel,
    scale: _Scale,
    judged: frozenset[int] | None = None,
    strays: frozenset[int] = frozenset(),
) -> Reasons:
    """Two kinds of evidence, each of which an on-topic entry shows now and then, but
    seldom both: words English explains better than the list does, and a form (how it
    is written, where it links; see `formmodel`) few other entries have.

    The words pick the candidates, the form judges them: a candidate's form is read
    against the list without the candidates (strays pasted into one section cannot
    vouch for each other's form), and an entry whose form only k entries of the list
    match competes with those k, so its words must clear the bar of a list of k
    entries (`_lone_bar`) — lower than the whole list's, never below MIN_LONE_BAR —
    and only when those k are at most FORM_SHARE of the list. Words the list uses far
    more than English does tie an entry to the list however odd the rest of its words
    are ("SAR imagery" under "SAR" in a satellite list).

    ``judged`` (with --changed-since: the units added) limits the candidates, ``strays``
    (the entries added) are left out of every candidate's form."""
    topical = {u: scores[u].topical() for u in scale.z}
    reference = None if judged is None else [u for u in scale.z if u not in judged]
    words = _Scale(
        scale.model,
        [EntryScore(topical.get(u, 0.0), {}) for u in range(len(units))],
        list(scale.z),
        scale.threshold,
        reference,
    )
    candidates = {}
    for u, z in words.z.items():
        unit, score = units[u], scores[u]
        if judged is not None and u not in judged:
            continue
        if unit.link or score.words < LONE_WORDS or topical[u] > -FLOOR * scale.strictness or _anchored(score):
            continue  # a sub-link, too few words, words the list explains as well as English, or tied to the list
        z -= _section_offset(range(u, u + 1), units, sections, words.z) or 0.0
        if z <= -MIN_LONE_BAR * scale.strictness:
            candidates[u] = z
    strays = strays | {units[u].entry for u in candidates}
    reasons = {}
    for u, z in candidates.items():
        entry = units[u].entry
        peers = _odd_peers(form, form.oddness_of(entry, tuple(sorted(strays - {entry}))), len(entries))
        if peers is not None and z <= -_lone_bar(peers, scale.threshold):
            reasons[u] = ("its words are rare in this list, and its form too", scores[u])
    return reasons


def _metadata_outliers(
    entries: list[Entry],
    units: list[Unit],
    sections: dict[tuple, list[int]],
    scores: list[EntryScore],
    form: FormModel,
    scale: _Scale,
    profile: Profile,
    judged: frozenset[int] | None = None,
    founding: frozenset[int] = frozenset(),
) -> Reasons:
    """Entries whose link says it is something the list's other links are not (see
    `metadata`): topics no other repository of the list shares, another language than
    the one the list is written in, or a description whose words (those the entry does
    not hold) the list's other descriptions do not use. Each is one kind of evidence, and
    a second is asked beside it: another of topics, language and description, or words
    rare in this list (robust z at MIN_LONE_BAR beside a language or a description,
    META_TOPIC_BAR beside topics; never an entry tied to the list by its words), or an
    odd form beside topics or a description (form never reads words; both say what the
    thing is about). Form is not enough beside a language: a repository in another
    language is often written up in a form of its own."""
    topical = {u: scores[u].topical() for u in scale.z}
    words = _Scale(
        scale.model,
        [EntryScore(topical.get(u, 0.0), {}) for u in range(len(units))],
        list(scale.z),
        scale.threshold,
        None if judged is None else [u for u in scale.z if u not in judged],
    )
    aparts = {
        u: apart
        for u, unit in enumerate(units)
        if not unit.link and (judged is None or u in judged) and (apart := profile.apart(unit.entry)) is not None
    }
    reasons = {}
    for u, apart in aparts.items():
        unit = units[u]
        bar = META_TOPIC_BAR if apart.topics else MIN_LONE_BAR  # topics say what it is about, a language less so
        rare_words = (
            u in words.z
            and scores[u].words >= LONE_WORDS
            and not _anchored(scores[u])
            and words.z[u] - (_section_offset(range(u, u + 1), units, sections, words.z) or 0.0)
            <= -bar * scale.strictness
        )
        # what it links to: independent kinds (a second link that agrees, apart.witnesses, is
        # named in the evidence but not counted: on the bench it flagged single-cell's own
        # paper-and-code entries, 9 false flags against go's)
        kinds = sum((apart.topics, apart.language, apart.text))
        odd_form = (apart.topics or apart.text) and _odd_peers(
            form, form.oddness_of(unit.entry), len(entries)
        ) is not None
        if kinds >= 2 or rare_words or odd_form:
            second = (
                "its words are rare in this list too"
                if rare_words
                else "its form is odd too"
                if kinds < 2
                else "its language and its topics both"
                if apart.language and apart.topics
                else "its description and its " + ("language" if apart.language else "topics")
            )
            reasons[u] = (f"what it links to says it is something else ({apart.evidence}); {second}", scores[u])
    runs = _metadata_runs(units, sections, scale, profile, judged)
    if judged is not None:
        blockable = frozenset(u for u in judged if units[u].entry not in founding)  # as in `_additions`
        runs.update(_metadata_change(units, scale, profile, blockable, aparts))
    return {**runs, **reasons}


def _metadata_change(
    units: list[Unit], scale: _Scale, profile: Profile, judged: frozenset[int], aparts: dict[int, Apart]
) -> Reasons:
    """Pull-request mode: three or more of the entries a change adds whose links each
    stand apart from the list as it was (`metadata`), wherever they landed, when they are
    at least FOREIGN_CHANGE of the change's entries whose links say what they are (an
    entry whose link says nothing vouches for nothing): the change is foreign as a whole.

    Each link's metadata is its own evidence and the change ties them, as lying together
    ties `_metadata_runs`' neighbours; unlike there, their words are not asked too. A
    change's words follow what it adds (the first chart libraries of a list bring
    "charts", and `_additions` had to learn that a change's own words sit low), while
    what a link says it is follows the list's subject: a new chart library for Go is
    still written in Go and still carries "go" and "golang". ``aparts``: how each
    unit's links stand apart, as `_metadata_outliers` read them (None left out)."""
    described = [u for u in sorted(judged) if not units[u].link and u in scale.z and units[u].entry in profile.found]
    apart = {u: aparts[u] for u in described if u in aparts}
    if len(apart) < RUN_LENGTH or len(apart) < FOREIGN_CHANGE * len(described):
        return {}
    return {
        u: (
            f"one of {len(apart)} entries this change adds whose links each say they are something else "
            f"({found.evidence})",
            scale.model.score(u),
        )
        for u, found in apart.items()
    }


def _metadata_runs(
    units: list[Unit], sections: dict[tuple, list[int]], scale: _Scale, profile: Profile, judged: frozenset[int] | None
) -> Reasons:
    """Three or more neighbouring entries whose links each stand apart from the list's
    (`metadata`) once the run is left out of the list's profile, and whose words the list
    without them explains less than it does its typical entry: pasted together. Left in,
    five pasted Python repositories share "python" among themselves; left out, each says
    what it is on its own. Each link's metadata is its own evidence, the words a second
    (weaker than a lone entry's bar: the neighbours vouch for each other, as pasted words
    do in `_pasted_runs`). Not in a section kept in alphabetical order, a section all
    unusual, or as most of a section: those are the maintainers' own (a section of
    editor plugins in other languages)."""
    described = {units[u].entry for u in scale.z if units[u].entry in profile.found}
    candidates = [
        units[u].entry in described and scale.z.get(u, 0.0) < 0 and not unit.link and (judged is None or u in judged)
        for u, unit in enumerate(units)
    ]
    reasons: Reasons = {}
    for run in _runs(candidates, RUN_LENGTH, units):
        if (
            _section_own(run, units, sections, scale.z, 0.0)
            or _in_sorted_section(run, units, sections)
            or _most_of_section(list(run), units, sections)
        ):
            continue
        out = frozenset(units[u].entry for u in run)
        aparts = {
            u: apart for u in run if not units[u].link and (apart := profile.apart(units[u].entry, out)) is not None
        }
        alone = {u: scale.model.score(u, left_out=tuple(run)) for u in aparts}
        below = [u for u in aparts if scale.of(alone[u]) < 0]
        if len(below) < RUN_LENGTH:
            continue  # the list explains most of them as well as its typical entry: not a block
        for u in below:  # an entry of the list's own beside the block is left to the lone test
            why = (
                f"one of {_run_names(below, units)} whose links each say they are something else "
                f"({aparts[u].evidence}), and whose words the rest of the list explains less than its typical entry"
            )
            reasons[u] = (why, alone[u])
    return reasons


def _odd_peers(form: FormModel, oddness: float, count: int) -> int | None:
    """How many entries of the list have a form as odd as `oddness`, when it is odd
    enough to count: at least FORM_NATS of rarity, and at most FORM_SHARE of the list
    (or the entry alone) that odd. None otherwise."""
    if oddness < FORM_NATS:
        return None
    peers = form.as_odd(oddness)
    return peers if peers <= max(1.0, FORM_SHARE * count) else None


def _anchored(score: EntryScore) -> bool:
    """Whether the entry uses ANCHORS or more words the list uses far more than English
    does: then it speaks the list's language, whatever else it says."""
    return sum(1 for ratio in score.ratios.values() if ratio >= ANCHOR_RATIO) >= ANCHORS


def _pasted_runs(
    entries: list[Entry],
    units: list[Unit],
    sections: dict[tuple, list[int]],
    model: TopicModel,
    scores: list[EntryScore],
    form: FormModel,
    scale: _Scale,
    found: set[int],
) -> Reasons:
    """A pasted block vouches for itself ("scans", "patients"): a run of below-typical
    units is scored again without the run, on the list's own scale. Three or more far
    below typical are a pasted block; so are three or more less far below whose form,
    judged without the run too, few entries of the list share."""
    reasons = {}
    below = [scale.z.get(i, 0.0) < 0 and i not in found for i in range(len(units))]  # a block found already is not
    for run in _runs(below, RUN_LENGTH, units):  # its neighbours' evidence
        if _section_own(run, units, sections, scale.z, 0.0) or _in_sorted_section(run, units, sections):
            continue  # too little of the section left to tell, a section all unusual, or sorted: the maintainers' own
        alone = {i: model.score(i, left_out=tuple(run)) for i in run}
        foreign = [i for i in run if alone[i].score <= -scale.floor(i, RUN_FLOOR)]
        far_out = [i for i in foreign if scale.of(alone[i]) <= -(scale.lone_bar - RUN_RELIEF)]
        block = tuple(dict.fromkeys(units[i].entry for i in run))
        odd = {e: _odd_peers(form, form.oddness_of(e, block), len(entries)) is not None for e in block}
        odd_form = [
            i for i in foreign if odd[units[i].entry] and scale.of(alone[i]) <= -RUN_FORM_BAR * scale.strictness
        ]
        if (len(far_out) >= RUN_LENGTH or len(odd_form) >= RUN_LENGTH) and not _most_of_section(
            foreign, units, sections
        ):
            # a pasted block, then: every unit of the run that the list without it does
            # not explain belongs to it, not only the farthest out; but an odd entry of
            # the list next to it, which shares nothing with it, is left to the lone test
            members = [i for i in foreign if i in far_out or i in odd_form or _vouched(scores[i], alone[i], scale)]
            why = f"one of {_run_names(members, units)} whose words are rare in this list"
            reasons.update({i: (why, alone[i]) for i in members})
    return reasons


def _one_site_blocks(units: list[Unit], model: TopicModel, scale: _Scale) -> Reasons:
    """Three or more neighbouring units (entries, or the links of one entry) that link
    to one site no other entry of the list links to, and whose words the list without
    them does not explain: a block pasted from somewhere else, most often a product's
    pages ("Book a demo", "Pricing", "Case studies"). The site is the form evidence the
    section checks stand in for elsewhere, so a block that lands in a small section is
    found all the same. A run that is most of the list links to the list's own site."""
    uses = Counter(unit.site for unit in units)
    reasons = {}
    start = 0
    while start < len(units):
        end = start + 1
        while end < len(units) and units[end].site == units[start].site and units[end].section == units[start].section:
            end += 1
        run = range(start, end)
        if (
            units[start].site
            and len(run) >= RUN_LENGTH
            and uses[units[start].site] == len(run)
            and len(run) <= ONE_SITE_SHARE * len(units)  # not the list itself: a list of arXiv papers
        ):
            alone = {i: model.score(i, left_out=tuple(run)) for i in run}
            foreign = [i for i in run if i in scale.z and alone[i].score <= -scale.floor(i, RUN_FLOOR)]
            if len(foreign) >= RUN_LENGTH:
                # the site ties the block together: all of it goes, not only its most foreign words
                why = (
                    f"one of {_run_names(run, units)} linking to {units[start].site}, which no other entry "
                    "links to, whose words are rare in this list"
                )
                reasons.update({i: (why, alone[i]) for i in run})
        start = end
    return reasons


def _vouched(with_run: EntryScore, without_run: EntryScore, scale: _Scale) -> bool:
    """Whether a run lifts a unit's score: pasted entries share their words ("cases",
    "segmentation"); an odd entry of the list that happens to sit next to them does not."""
    return with_run.score - without_run.score >= FLOOR * scale.strictness


def neighbourhood_scores(model: TopicModel, indices: list[int]) -> dict[int, EntryScore]:
    """Each unit scored against the list without the NEIGHBOURHOOD units either side."""
    count = len(model.bags)
    return {
        i: model.score(i, left_out=tuple(range(max(0, i - NEIGHBOURHOOD), min(count, i + NEIGHBOURHOOD + 1))))
        for i in indices
    }


def _unexplained_neighbourhoods(
    units: list[Unit],
    sections: dict[tuple, list[int]],
    model: TopicModel,
    scores: list[EntryScore],
    evidence: list[int],
    scale: _Scale,
    found: set[int],
) -> Reasons:
    """Each unit scored without its neighbours: a pasted block can no longer vouch for
    itself, wherever its entries fall. Three or more neighbours far below the list's
    typical such score, in a section whose other entries are not, are a pasted block."""
    alone = neighbourhood_scores(model, evidence)
    apart = _Scale(model, [alone.get(i, NO_SCORE) for i in range(len(units))], evidence, scale.threshold)
    bar = NEIGHBOURHOOD_BAR * scale.strictness
    low = [
        i in apart.z and apart.z[i] <= -bar and alone[i].score <= -scale.floor(i, RUN_FLOOR) and i not in found
        for i in range(len(units))
    ]
    reasons = {}
    for run in _runs(low, RUN_LENGTH, units):
        if _section_own(run, units, sections, apart.z, SECTION_TOLERANCE * scale.strictness) or _in_sorted_section(
            run, units, sections
        ):
            continue  # too little of the section left to tell, or a section all unusual: the maintainers' own
        # the block's units are the ones it vouches for; a low-scoring entry of the
        # section next to it gains nothing from it, and is left to the lone test
        without_run = {i: model.score(i, left_out=tuple(run)) for i in run}
        foreign = [
            i
            for i in run
            if without_run[i].score <= -scale.floor(i, RUN_FLOOR)
            and apart.of(without_run[i]) <= -bar
            and _vouched(scores[i], without_run[i], scale)
        ]
        if len(foreign) >= RUN_LENGTH and not _most_of_section(foreign, units, sections):
            why = f"one of {_run_names(foreign, units)} whose words the rest of the list does not use"
            reasons.update({i: (why, alone[i]) for i in foreign})
    return reasons


def _foreign_templates(
    entries: list[Entry], units: list[Unit], model: TopicModel, scores: list[EntryScore], scale: _Scale
) -> Reasons:
    """A block with fields of its own whose words are typical of the list only because
    the block itself is in it; otherwise it is a section with a template of its own."""
    own = {unit.entry: u for u, unit in enumerate(units) if not unit.link}
    reasons = {}
    for block, keys in _template_blocks(entries):
        members = tuple(u for u, unit in enumerate(units) if unit.entry in block)  # with their sub-links
        block_units = [own[i] for i in block]
        alone = [model.score(u, left_out=members) for u in block_units]
        without_block = fmean(s.score for s in alone)
        with_block = fmean(scores[u].score for u in block_units)
        if without_block <= 0 and with_block - without_block >= FLOOR * scale.strictness:
            why = (
                f"one of {len(block)} consecutive entries with fields ({', '.join(sorted(keys))}) "
                "and words the rest of the list does not use"
            )
            reasons.update({u: (why, score) for u, score in zip(block_units, alone)})
    return reasons


def _nearest_on_topic(index: int, scored: set[int], flagged: dict[int, int]) -> int | None:
    """The closest entry, by position, that has a score and is not flagged."""
    for distance in range(1, max(scored, default=0) + index + 1):
        for i in (index - distance, index + distance):
            if i in scored and i not in flagged:
                return i
    return None
