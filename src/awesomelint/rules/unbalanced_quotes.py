"""unbalanced-quotes: a description with a quote or CJK bracket that is opened and not closed.

Under `profile: awesome`: an unclosed quote is a half-edited description.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import AWESOME, FixAvailability, rule
from ..findings import Finding, Severity
from ..model.described import entries_with_text

_PAIRS = (("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"), ("【", "】"), ("《", "》"), ("（", "）"))


def _unbalanced(text: str) -> str | None:
    """The first quote or bracket that is not closed (or closed without opening)."""
    text = re.sub(r"(?<=[^\W\d_])‘(?=[^\W\d_])", "", text)  # It‘s: a mistyped apostrophe, not a quote
    for opening, closing in _PAIRS:
        opened = text.count(opening)
        closed = text.count(closing)
        if closing == "’":  # an apostrophe (don’t, users’) is not a closing quote
            closed = len(re.findall(r"’(?!\w)", text)) - len(re.findall(r"(?<=[^\W\d_]s)’(?!\w)", text))
            closed = max(closed, 0)
        if opened != closed:
            return opening if opened > closed else closing
    if text.count('"') % 2 and not re.search(r'\d"', text):  # an odd one after a digit is an inch mark: 27"
        return '"'
    return None


@rule(
    "unbalanced-quotes",
    summary='A description with a quote or CJK bracket that is opened and not closed (“ ‘ " 「 『 【 《 （).',
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="- [Alpha](https://alpha.example/) - The “fast tool for things.",
    good="- [Alpha](https://alpha.example/) - The “fast” tool for things.",
    profile=AWESOME,
)
def unbalanced_quotes(ctx: Context) -> Iterator[Finding]:
    """An unclosed quote is a half-edited description. Apostrophes (don’t, users’)
    and inch marks (27") are not quotes; code spans are read as written."""
    for entry in entries_with_text(ctx.doc):
        mark = _unbalanced(entry.text)
        if mark is not None:
            start = entry.separator_end
            yield ctx.finding(
                start,
                max(entry.end, start + 1),
                f"description of '{entry.title}' has an unbalanced {mark}",
                entry=entry.title,
            )
