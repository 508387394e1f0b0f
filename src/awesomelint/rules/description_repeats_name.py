"""description-repeats-name: an entry's description that starts with the entry's own name.

Under `profile: awesome`: '[Foo](…) - Foo is a…' spends the reader's first words on the name
the link already shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from .. import data
from ..engine.context import Context
from ..engine.registry import AWESOME, FixAvailability, rule
from ..findings import Finding, Severity
from ..model.described import entries_with_text


@rule(
    "description-repeats-name",
    summary="An entry's description that starts with the entry's own name ('[Foo](…) - Foo is a…').",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="- [Alpha](https://alpha.example/) - Alpha is a tool for things.",
    good="- [Alpha](https://alpha.example/) - A tool for things.",
    profile=AWESOME,
)
def description_repeats_name(ctx: Context) -> Iterator[Finding]:
    """The name is right there in the link; a description that starts by repeating it
    as its subject ('Foo is a library for…', 'Foo: a library…') wastes the reader's
    first words. A name that is a word of the description ('[csv](…) - CSV decoding
    for Elixir', '[Serve](…) - Serve static files': what the package implements or does)
    passes, as do names that are not words ('#elixir-lang', '@user'): '#hashtag -
    #hashtag on IRC' says where, not what. The words that make a name the subject are
    in rules/descriptions.yaml."""
    followers, marks = _subject_words()
    for entry in entries_with_text(ctx.doc):
        name = entry.title.strip()
        if not name or not name[0].isalnum():
            continue
        text = entry.text
        if not text.casefold().startswith(name.casefold()) or (len(text) > len(name) and text[len(name)].isalnum()):
            continue
        rest = text[len(name) :].lstrip()
        following = rest.split(maxsplit=1)[0].casefold() if rest else ""
        if rest and following not in followers and rest[0] not in marks:
            continue  # '[csv](…) - CSV decoding for Elixir': the name is a word of the description, not its subject
        start = entry.separator_end
        yield ctx.finding(start, start + len(name), f"description of '{name}' starts with its own name", entry=name)


@cache
def _subject_words() -> tuple[frozenset[str], frozenset[str]]:
    rules = data.load("descriptions")
    return frozenset(rules["subject-followers"]), frozenset(rules["subject-marks"])
