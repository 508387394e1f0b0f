"""What the things a list links to say they are: off-topic's metadata evidence.

A link-check run (`--online`) reads each linked GitHub repository's primary language,
topics and description in the batch that asks whether it is archived. The list's profile
is built from its own entries' metadata, per section and for the whole list, each entry
left out of its own: which languages its repositories are written in, and which topic
words they share. An entry stands apart from that profile in two ways:

- its topics: two or more, none of the list's own (the words a quarter of its
  repositories carry: "go", "golang") and most of them shared with no other repository
  (two, or one in a hundred in a long list), in a list whose repositories mostly do
  share theirs. Topics are read against the list's links of the same source (a
  journal against its papers' journals, not its repositories' topics), when it has
  more than MIN_DESCRIBED of them; a list with fewer (three papers in three journals)
  gives that source no topic evidence, and a list with none against all its links';
- its language: in a list written in one language (four in five of its repositories,
  and half of its section's at least), a language at most one in twenty of the others use. Language alone
  never flags: the rule asks for a second kind of evidence beside it, and a list whose
  repositories mix languages gives no language evidence at all.
  A preprint server's category (bioRxiv, medRxiv) is one topic, the server's own
  reading of the paper: one the list's other papers do not share is enough;
- its description (a repository's, a package's summary, a paper's title and abstract):
  three or more of its subject words that the entry's own text does not hold, of which
  at most a quarter are shared with the descriptions of the list's other links of the
  same source (all sources together when one has too few).

Topics and descriptions are evidence only in a list whose own links seldom stand apart
by them: at most one in twenty (KIND_SHARE), each judged without itself, counted among
the links of entries whose words the list explains at least as well as its typical
entry's (strays pasted into a short list are not yet the list's way). A broad list
whose links each carry keywords and a summary of their own (awesome-python's packages
on PyPI, awesome-javascript's on npm: a fifth to a third of them "stand apart" by their
keywords, an eighth by their summary) gives neither kind any weight: there, standing
apart tells a stray from the list's own no better than chance. Before this bar those
two lists got 20 false flags each from their packages' real metadata
(`bench/offtopic.py --packages`); the hand-written fixtures, whose topics share their
list's, had shown none.

A description is independent of the entry's words only where it says something the
entry does not: a maintainer who copied it into the list has given the same evidence
twice, so the words the entry holds are taken out before the description is read, and
a copied description is no evidence at all. What is left is still about the same thing
as the entry, and a lone entry needs its second kind beside it as for the others.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .. import data
from ..links.verdict import RepoInfo
from .entries import Entry
from .topicmodel import everyday_words, words_of

MIN_DESCRIBED = 10  # entries with metadata, besides the one judged, before a profile means anything
ONE_LANGUAGE = 0.8  # a list (and section) written in one language: this share of its repositories
OWN_SECTION = 0.5  # a section whose repositories are mostly in other languages has languages of its own
RARE_LANGUAGE = 0.05  # ... and the entry's language used by at most this share of the others
SHARED_BY = 2  # a topic word counts as the list's when this many other repositories use it
SHARED_SHARE = 0.01
CORE_SHARE = 0.25  # a topic word this share of the list's repositories carry is the list's own
SHARING_LISTS = 0.5  # topics speak only where this share of the repositories share one with others
MIN_TOPICS = 2  # topics (not words: a repository's own name as a topic is one however many words)
_SPLIT = re.compile(r"[-_.\s]+")
MIN_NEW_WORDS = 3  # a description's subject words the entry does not hold, before it says anything
TEXT_SHARED = 0.25  # ... at most this share of them used by the list's other descriptions
KIND_SHARE = 0.05  # topics or descriptions are evidence where at most this share of the list's own links stand apart so
WHOLE_TOPICS = frozenset({"arXiv", "Crossref", "bioRxiv", "medRxiv"})  # categories, journals: one topic each
ONE_CATEGORY = frozenset({"bioRxiv", "medRxiv"})  # a preprint has one category, the server's own choice
_GENERIC = frozenset({"hacktoberfest", "awesome", "open", "source", "opensource"})  # say nothing of a subject


@dataclass(frozen=True)
class Described:
    """What one entry's link says it is."""

    source: str  # "GitHub"
    language: str | None
    topics: tuple[str, ...]
    text_words: frozenset[str] = frozenset()  # the subject words of its description
    new_words: frozenset[str] = frozenset()  # ... those the entry's own text does not hold

    @property
    def topic_words(self) -> tuple[frozenset[str], ...]:
        """Each topic's words ("medical-imaging" -> medical, imaging), lower-cased; topics
        that say nothing of a subject ("hacktoberfest") left out. An arXiv category is
        one word ("eess.iv": "eess" alone would tie every paper of a field together), and so
        is a journal or a preprint category ("radiology and imaging": "and" ties nothing)."""
        if self.source in WHOLE_TOPICS:
            return tuple(frozenset({t.lower()}) for t in self.topics)
        split = (frozenset(w for w in _SPLIT.split(t.lower()) if len(w) > 1) - _GENERIC for t in self.topics)
        return tuple(words for words in split if words)

    @property
    def words(self) -> frozenset[str]:
        return frozenset().union(*self.topic_words)


def subject_words(text: str) -> frozenset[str]:
    """The words of a description that can say what it is about: not function words, not
    the words English uses every day ("new", "simple"), three letters or more, plurals
    folded ("scans" -> "scan")."""
    everyday = everyday_words()
    words = (w for w in words_of(text, _stopwords()) if len(w) > 2 and w not in everyday and w.isalpha())
    return frozenset(w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 4 else w for w in words)


def _stopwords() -> frozenset[str]:
    return frozenset(data.load("stopwords")["words"])


def described(entries: Sequence[Entry], infos: Mapping[str, RepoInfo | None]) -> dict[int, Described]:
    """Entry index -> what its first link with metadata says it is (``infos``: url as
    written -> the repository's metadata, from the link-check run)."""
    return {index: links[0] for index, links in described_links(entries, infos).items()}


def described_links(entries: Sequence[Entry], infos: Mapping[str, RepoInfo | None]) -> dict[int, list[Described]]:
    """Entry index -> what each of its links with metadata says it is, one per source (a
    paper's page and its code are two sources), in the entry's order."""
    found: dict[int, list[Described]] = {}
    for index, entry in enumerate(entries):
        own: frozenset[str] | None = None
        for link in entry.web_links:
            info = infos.get(link.url.strip())
            if info is None or any(d.source == info.source for d in found.get(index, [])):
                continue
            if own is None:
                own = subject_words(" ".join([entry.title, entry.text, *entry.fields.values()]))
            text = subject_words(info.description)
            found.setdefault(index, []).append(Described(info.source, info.language, info.topics, text, text - own))
    return found


def independent(first: Described, second: Described) -> bool:
    """Whether two links' metadata are two witnesses, not one: other sources (a
    repository's and a publisher's), and descriptions that are not one copied into the
    other (at most half the smaller's subject words shared: a README that pastes the
    paper's abstract says what the paper says)."""
    if first.source == second.source:
        return False
    small = min(len(first.text_words), len(second.text_words))
    return not small or len(first.text_words & second.text_words) <= small / 2


@dataclass(frozen=True)
class Apart:
    """How an entry's metadata stands apart from the list's: the evidence, in words."""

    topics: bool  # none of its topic words is the list's
    language: bool  # another language than the one the list (and its section) is written in
    evidence: str  # "GitHub: Python, topics web-framework, flask; 41 of 44 repositories in this section are Go"
    text: bool = False  # its description says what the list's other descriptions do not
    witnesses: int = 1  # independent links (sources) of the entry that each stand apart


_LINKS = {"GitHub": "repository", "arXiv": "paper", "Crossref": "paper", "bioRxiv": "preprint", "medRxiv": "preprint"}


class _SourceTopics:
    """The topic words of the list's links of one source: how many carry each, which are
    the list's own (a quarter carry them: "go", "golang"), and whether they speak at all
    (more than MIN_DESCRIBED of them, most sharing a topic with others)."""

    def __init__(self, links: Mapping[int, Described]):
        """``links``: entry index -> its link of the source."""
        self.found = links
        self.topical = {i for i, link in links.items() if link.words}
        self.words = Counter(w for i in self.topical for w in links[i].words)
        # shared: used by two other links, or by one in a hundred in a long list
        # (five pasted repositories share "python" among themselves)
        self.shared_by = max(SHARED_BY, SHARED_SHARE * len(self.topical))
        sharing = sum(1 for i in self.topical if any(self.shared(w, [i]) for w in links[i].words))
        self.speak = len(self.topical) > MIN_DESCRIBED and sharing >= SHARING_LISTS * len(self.topical)
        self.core = {w for w, n in self.words.items() if n >= CORE_SHARE * len(self.topical)}

    def shared(self, word: str, excluded: Iterable[int] = ()) -> bool:
        """Whether other links of the source than ``excluded`` share the topic word."""
        return self.words[word] - sum(1 for j in excluded if j in self.topical and word in self.found[j].words) >= (
            self.shared_by
        )


class Profile:
    """The list's metadata: languages per section and list, topic words per list."""

    def __init__(
        self,
        entries: Sequence[Entry],
        found: Mapping[int, Described],
        left_out: Iterable[int] = (),
        more: Mapping[int, Sequence[Described]] | None = None,
        reference: Iterable[int] | None = None,
    ):
        """``left_out``: entries that are not part of the profile (a change's additions);
        ``more``: each entry's links' metadata, one per source (``found``'s first): read as
        witnesses beside its first, and part of the profile of their source's topics only;
        ``reference``: the entries surely the list's own (its words explain them), from
        whose links `_speaks` reads how often each kind of evidence shows on the list's
        own (default: every entry of the profile)."""
        out = set(left_out)
        self.found = found
        self.more = more or {}
        self.sections = {i: tuple(e.section) for i, e in enumerate(entries)}
        members = [i for i in found if i not in out]
        self.members = set(members)
        self.languages: Counter[str] = Counter(language for i in members if (language := found[i].language))
        self.by_section: dict[tuple, Counter[str]] = {}
        for i in members:
            if found[i].language:
                self.by_section.setdefault(self.sections[i], Counter())[found[i].language or ""] += 1
        # topics are read against the list's links of the same source (every link of its
        # entries, first or not): a repository's topics, arXiv's categories, a journal are
        # vocabularies of their own, and a repository carries no "general medicine"
        # however on-topic it is
        by_source: dict[str, dict[int, Described]] = {}
        for i in members:
            for link in self.more.get(i) or [found[i]]:
                by_source.setdefault(link.source, {})[i] = link
        self.topics_of = {source: _SourceTopics(links) for source, links in by_source.items()}
        # a source the list has no other link of is read against all of its links' topics
        self.all_topics = _SourceTopics({i: found[i] for i in members})
        # the descriptions' words, per source and all together
        self.texts: Counter[str] = Counter(found[i].source for i in members if found[i].text_words)
        self.text_words: dict[str, Counter[str]] = {"": Counter()}
        for i in members:
            for key in (found[i].source, ""):
                self.text_words.setdefault(key, Counter()).update(found[i].text_words)
        own = self.members if reference is None else self.members & set(reference)
        # how the list's own links fare by the tests `apart` applies, each judged without itself
        self.own_apart = {
            i: (self._topics(found[i], [i]), self._text(found[i], [i])[0])
            for i in (own if len(own) > MIN_DESCRIBED else self.members)
        }
        self._own_counts: dict[str, tuple[int, int, int]] = {}  # source ("" all) -> links, apart by topics, by text
        for i, (topics, text) in self.own_apart.items():
            for key in (found[i].source, ""):
                total, by_topics, by_text = self._own_counts.get(key, (0, 0, 0))
                self._own_counts[key] = (total + 1, by_topics + topics, by_text + text)

    def _speaks(self, source: str, excluded: Iterable[int]) -> tuple[bool, bool]:
        """Whether topics, and descriptions, of links of ``source`` are evidence in this
        list: whether at most KIND_SHARE of the list's own links (``own_apart``, without
        ``excluded``) stand apart by them. Where more do, the kind tells an entry of the
        list from a stray no better than chance: a broad list (Python libraries of every
        kind) whose packages each carry keywords and a summary of their own. Read from
        the list's own links of ``source`` where it has more than MIN_DESCRIBED of them,
        else from all of them."""
        gone = [j for j in set(excluded) if j in self.own_apart]
        key = (
            source
            if self._own_counts.get(source, (0,))[0] - sum(1 for j in gone if self.found[j].source == source)
            > MIN_DESCRIBED
            else ""
        )
        total, topics, text = self._own_counts.get(key, (0, 0, 0))
        for j in gone:
            if not key or self.found[j].source == key:
                total, topics, text = total - 1, topics - self.own_apart[j][0], text - self.own_apart[j][1]
        if total <= 0:
            return True, True
        return topics <= KIND_SHARE * total, text <= KIND_SHARE * total

    def _topics_and_text(self, item: Described, excluded: list[int]) -> tuple[bool, bool, list[str]]:
        """Whether the item stands apart by its topics and by its description, each only
        where that kind speaks in this list (`_speaks`), and its description's words no
        other description uses."""
        topics_speak, text_speaks = self._speaks(item.source, excluded)
        text, unshared = self._text(item, excluded)
        return topics_speak and self._topics(item, excluded), text_speaks and text, unshared

    def _excluded(self, index: int, out: Iterable[int]) -> list[int]:
        return [j for j in {index, *out} if j in self.members]

    def apart(self, index: int, out: frozenset[int] = frozenset()) -> Apart | None:
        """How entry ``index``'s metadata stands apart from the rest of the list (without
        the entries ``out`` too: a run that must not vouch for itself); None when it has
        none, the list has too little, or nothing stands apart."""
        item = self.found.get(index)
        excluded = self._excluded(index, out)
        if item is None or len(self.members) - len(excluded) < MIN_DESCRIBED:
            return None
        topics, text, unshared = self._topics_and_text(item, excluded)
        language, note = self._language(index, item, excluded)
        if not (topics or language or text):
            return None
        # the entry's other links, from other sources: each that stands apart too is a witness
        # of its own where it does not repeat the first (independent)
        witnesses = [item]
        for other in self.more.get(index, ())[1:]:
            if any(self._topics_and_text(other, excluded)[:2]) and all(independent(other, w) for w in witnesses):
                witnesses.append(other)
        if item.source != "GitHub":  # arXiv's categories, Hugging Face's tags, a journal, a preprint's category
            shown = f"{item.source}: {', '.join(item.topics[:4]) or 'no tags'}"
        else:
            shown = f"GitHub: {item.language or 'no language'}" + (
                f", topics {', '.join(item.topics[:4])}" if item.topics else ""
            )
        reasons = []
        if language:
            reasons.append(note)
        if text:
            reasons.append(f"its description's {', '.join(unshared[:4])} used by no other description of the list")
        if topics:
            own = self._topics_for(item, excluded) or self.all_topics
            reasons.append(
                f"none of the list's own topics ({', '.join(sorted(own.core, key=lambda w: (-own.words[w], w))[:3])}), most shared by no other {_LINKS.get(item.source, 'link')}"
                if own.core
                else f"most of its topics shared by no other {_LINKS.get(item.source, 'link')}"
            )
        if len(witnesses) > 1:
            reasons.append(f"and so does its {', '.join(w.source for w in witnesses[1:])} link")
        return Apart(topics, language, f"{shown}; {'; '.join(reasons)}", text, len(witnesses))

    def _topics(self, item: Described, excluded: list[int]) -> bool:
        """Whether the item's topics stand apart from the list's other links of its source:
        none of their own, most shared by no other (a preprint's one category is enough).
        A source the list has too few links of, or whose links do not share their topics
        (papers spread over many journals), says nothing."""
        own = self._topics_for(item, excluded)
        return (
            own is not None
            and own.speak
            and len(item.topic_words) >= (1 if item.source in ONE_CATEGORY else MIN_TOPICS)
            and not item.words & own.core
            and sum(1 for words in item.topic_words if not any(own.shared(w, excluded) for w in words))
            > len(item.topic_words) / 2
        )

    def _topics_for(self, item: Described, excluded: list[int]) -> _SourceTopics | None:
        """The topics to read the item's against: its source's links in the list, when more
        than MIN_DESCRIBED besides ``excluded``; all the list's links' when the list has
        none of its source besides (a paper in a list of repositories); else none (the
        list's papers too few to say what its own journals are)."""
        own = self.topics_of.get(item.source)
        others = len(own.topical) - sum(1 for j in excluded if j in own.topical) if own else 0
        if own is not None and others > MIN_DESCRIBED:
            return own
        return self.all_topics if others == 0 else None

    def _text(self, item: Described, excluded: list[int]) -> tuple[bool, list[str]]:
        """Whether the description's words the entry does not hold stand apart from the
        list's other descriptions (of the same source, or of all when it has too few),
        and those words shared by none."""
        if len(item.new_words) < MIN_NEW_WORDS:
            return False, []
        gone = [self.found[j] for j in excluded if self.found[j].text_words]
        same = self.texts[item.source] - sum(1 for d in gone if d.source == item.source)
        every = sum(self.texts.values()) - len(gone)
        if every <= MIN_DESCRIBED:
            return False, []
        key = item.source if same > MIN_DESCRIBED else ""
        counts = self.text_words[key]
        shared_by = max(SHARED_BY, SHARED_SHARE * (same if key else every))

        def others(word: str) -> int:
            return counts[word] - sum(1 for d in gone if (not key or d.source == key) and word in d.text_words)

        shared = [w for w in item.new_words if others(w) >= shared_by]
        unshared = sorted(w for w in item.new_words if others(w) == 0)
        return len(shared) <= TEXT_SHARED * len(item.new_words), unshared

    def _language(self, index: int, item: Described, excluded: list[int]) -> tuple[bool, str]:
        language = item.language
        if not language:
            return False, ""
        others = self.languages.copy()
        others.subtract(self.found[j].language or "" for j in excluded)
        others.pop("", None)
        total = sum(others.values())
        if total < MIN_DESCRIBED:
            return False, ""
        main, count = max(others.items(), key=lambda kv: (kv[1], kv[0]))
        if main == language or count < ONE_LANGUAGE * total or others[language] > RARE_LANGUAGE * total:
            return False, ""  # its own language, a list of mixed languages, or one the list uses too
        section = self.by_section.get(self.sections[index], Counter()).copy()
        section.subtract(self.found[j].language or "" for j in excluded if self.sections[j] == self.sections[index])
        section.pop("", None)
        in_section = sum(section.values())
        if in_section >= 3 and section[main] < OWN_SECTION * in_section:
            return False, ""  # a section of its own languages (a list of Go tools with a section of editors' plugins)
        where = "this section" if in_section >= 3 else "this list"
        shown = (section[main], in_section) if in_section >= 3 else (count, total)
        return True, f"{shown[0]} of {shown[1]} repositories in {where} are {main}"
