"""Which work an entry names: the address of its main link, and whether two names can
name one work.

Two rules read entries that share an address: duplicate-entry (one work listed twice)
and copied-link (one address under two works' names). They divide those pairs by
:func:`one_work` and :func:`described_as`, so a pair is one rule's or the other's,
never both.
"""

from __future__ import annotations

import re
import unicodedata

from .document import Document
from .entries import Entry, entries_of
from .urls import canonical

_ALIAS = re.compile(r"\s*\(([^()]*)\)\s*$")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOP_WORDS = frozenset(
    {"a", "an", "the", "of", "for", "and", "in", "on", "to", "with", "via", "from", "by", "using", "towards", "toward"}
)
# "(ICML 2024) Title", "[CVPR 2023] Title": a venue tag before the name, not part of it
_VENUE_TAG = re.compile(r"^\s*[(\[][^()\[\]]{1,40}[)\]]\s*(?=\S)")
_DESCRIPTION_DASH = re.compile(r"\s[-–—]\s")
_MARKER = re.compile(r"^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]")
_DESCRIPTION_KEYS = ("description", "desc", "summary", "about")


def normalize_title(title: str) -> str:
    """Case-folded words only: 'Foo-Bar: a Tool' -> 'foo bar a tool'."""
    text = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(_WORD.findall(text))


def base_title(title: str) -> tuple[str, str]:
    """('a vision language model ...', 'chexagent') for 'A Vision-Language Model ... (CheXagent)'."""
    match = _ALIAS.search(title)
    if match and len(title) - len(match.group(0)) > 20:
        return normalize_title(title[: match.start()]), normalize_title(match.group(1))
    return normalize_title(title), ""


def title_words(title: str) -> set[str]:
    """The words of a title that say something (articles and prepositions dropped)."""
    return {w for w in normalize_title(title).split() if w not in _STOP_WORDS}


def similarity(a: str, b: str) -> float:
    """Shared words over all words of two titles (Jaccard)."""
    wa, wb = title_words(a), title_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def without_venue(title: str) -> str:
    """'Transformers are SSMs' for '(ICML 2024, Mamba-2) Transformers are SSMs'."""
    return _VENUE_TAG.sub("", title, count=1).strip()


def digits_differ(a: str, b: str) -> bool:
    """'Swallow 8B' and 'Swallow 70B', 'v1' and 'v2': a number only one name has."""
    only = title_words(a) ^ title_words(b)
    return any(any(c.isdigit() for c in word) for word in only)


def same_name(a: str, b: str) -> bool:
    """Titles that can name one work: equal (spacing, case and punctuation aside, and a
    leading venue tag), one the other's start ('ANTs' and 'ANTs - Advanced
    Normalization Tools'), or mostly the same words.

    Entries that share a link but have clearly different names (uv and uv-build, two
    models from one paper, 8B and 70B sizes of one model) are different things that live
    in one place.
    """
    a, b = without_venue(a), without_venue(b)
    na, nb = normalize_title(a), normalize_title(b)
    if not na or not nb or na.replace(" ", "") == nb.replace(" ", ""):  # 'kube-linter', 'KubeLinter'
        return True
    if digits_differ(a, b):
        return False
    short, long = sorted((a.strip(), b.strip()), key=len)
    if long.casefold().startswith(short.casefold()) and long[len(short) : len(short) + 1] in (" ", ":", ","):
        return True  # "ANTs" and "ANTs - Advanced Normalization Tools"
    return min(len(title_words(a)), len(title_words(b))) >= 3 and similarity(a, b) >= 0.8


def one_work(a: str, b: str) -> bool:
    """Could two entries at one address be one work listed twice? The same name, the same
    title under two aliases, or titles as close as duplicate-entry's author match
    allows: every pair duplicate-entry can report at one address answers yes."""
    if same_name(a, b):
        return True
    (base_a, alias_a), (base_b, alias_b) = base_title(a), base_title(b)
    if alias_a and alias_b and base_a == base_b:
        return True
    return similarity(a, b) >= 0.55


def described_as(entry: Entry, other: Entry) -> bool:
    """Does the entry's description open with the other's name ('[SOLC](…) -> MCANet: a
    joint framework…' beside '[MCANet](…)')? Then the two are one work under two of its
    names, its repository's and its paper's."""
    name, said = normalize_title(other.title), normalize_title(description(entry))
    return len(name) >= 4 and said.startswith(name) and said[len(name) : len(name) + 1] in ("", " ")


def main_address(entry: Entry, text: str) -> str | None:
    """The canonical address of the link that names the entry; a link in a list item's
    description ("- **Foo** - built on [unicorn](…)") names something else."""
    link = entry.main_link
    if link is None or not link.url:
        return None
    before = _MARKER.sub("", text[entry.start : link.start], count=1)
    if entry.kind == "list-item" and _DESCRIPTION_DASH.search(before):
        return None
    return canonical(link.url)


def address_of(entry: Entry, doc: Document) -> str | None:
    """:func:`main_address` of one of the document's entries, computed once per document
    for both rules that match entries by address (a 100,000-entry list spends a second
    folding addresses)."""
    addresses = doc.derived(_main_addresses)
    return addresses[id(entry)] if id(entry) in addresses else main_address(entry, doc.text)


def _main_addresses(doc: Document) -> dict[int, str | None]:
    return {id(entry): main_address(entry, doc.text) for entry in entries_of(doc)}


def description(entry: Entry) -> str:
    """What the entry says it is: a list item's text after its name, or a table row's
    Description (or Summary, About) column."""
    for key, value in entry.fields.items():
        if key.strip().casefold() in _DESCRIPTION_KEYS:
            return value
    return ""
