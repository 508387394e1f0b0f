"""duplicate-entry: the same work listed twice in one file."""

from __future__ import annotations

import re
import unicodedata

from ..entries import Entry, entry_name
from ..findings import Related, Severity
from ..registry import Context, rule
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


@rule(
    "duplicate-entry",
    summary="The same work listed twice: same link target, same title, or a near-identical title with shared authors.",
    severity=Severity.WARNING,
    fix="none",
    bad="| scFoundation | [Large-scale foundation model ...](https://www.nature.com/articles/s41592-024-02305-7) |\n...\n| scFoundation | Hao et al., 2024 | — |",
    good="| scFoundation | [Large-scale foundation model ...](https://www.nature.com/articles/s41592-024-02305-7) |",
)
def duplicate_entry(ctx: Context):
    """Lists grow by pull requests that each add "their" paper; nobody searches the whole
    file first. Two rows for one work split its details and double-count it. Entries
    match when their main links are the same address (https, www, trailing slash, GitHub
    /tree/main and arXiv abs/pdf/versions folded), when their titles are the same after
    case, punctuation and markup are dropped (short names only where the links do not
    contradict), or when titles are nearly the same and the author lists overlap. The
    finding sits on the later entry and points at the first; which to keep is a human call."""
    by_url: dict[str, Entry] = {}
    by_title: dict[str, Entry] = {}
    by_base: dict[str, tuple[Entry, str]] = {}
    earlier: list[Entry] = []
    for entry in ctx.entries:
        first, why = _match(entry, by_url, by_title, by_base, earlier)
        if first is not None:
            yield ctx.finding(
                entry.start,
                ctx.doc.line_span(entry.line)[1],
                f"'{entry.title}' duplicates '{first.title}' at line {first.line} ({why})",
                entry=entry_name(entry),
                related=[Related(ctx.doc.path, first.line)],
            )
        main = _main_url(entry)
        if main:
            by_url.setdefault(main, entry)
        title = normalize_title(entry.title)
        if title:
            by_title.setdefault(title, entry)
        base, alias = base_title(entry.title)
        if alias and len(base.split()) >= 4:
            by_base.setdefault(base, (entry, alias))
        earlier.append(entry)


def _same_name(a: str, b: str) -> bool:
    """Titles that can name one work: equal, one inside the other, or mostly the same words.

    Entries that share a link but have clearly different names (uv and uv-build, two
    models from one paper) are different things that live in one place.
    """
    na, nb = normalize_title(a), normalize_title(b)
    if not na or not nb or na == nb:
        return True
    short, long = sorted((a.strip(), b.strip()), key=len)
    if long.casefold().startswith(short.casefold()) and long[len(short) : len(short) + 1] in (" ", ":", ","):
        return True  # "ANTs" and "ANTs - Advanced Normalization Tools"
    return min(len(_words(a)), len(_words(b))) >= 3 and _similarity(a, b) >= 0.6


def _main_url(entry: Entry) -> str | None:
    link = entry.main_link
    return canonical(link.url) if link is not None and link.url else None


def _match(entry, by_url, by_title, by_base, earlier):
    main = _main_url(entry)
    if main and main in by_url and _same_name(entry.title, by_url[main].title):
        return by_url[main], "same link target"
    title = normalize_title(entry.title)
    if title and title in by_title:
        first = by_title[title]
        other = _main_url(first)
        long_title = len(title.split()) >= 4
        if long_title or not main or not other:
            return first, "same title"
    base, alias = base_title(entry.title)
    if alias and base in by_base and by_base[base][1] != alias:
        first = by_base[base][0]
        return first, f"the same title under two names, {by_base[base][1]!r} and {alias!r}: one is probably a copy-paste slip"
    authors = _authors(entry)
    if authors and len(title.split()) >= 4:
        for first in earlier:
            shared = authors & _authors(first)
            if len(shared) >= 2 and _similarity(entry.title, first.title) >= 0.55:
                return first, f"near-identical title and {len(shared)} shared authors"
    return None, ""
