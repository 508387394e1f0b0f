"""description-period: an entry's description that does not end in '.', '!', '?' or '…'.

Under `profile: awesome`: sindresorhus/awesome asks for descriptions written as sentences.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import AWESOME, FixAvailability, rule
from ..findings import Edit, Finding, Fix, Severity
from ..model.described import entries_with_text

_ENDINGS = ".!?…"
_CLOSERS = "\"'”’)]»」』）】》*_"


def _ends_well(text: str) -> bool:
    text = text.rstrip()
    while text and (text[-1] in _CLOSERS or unicodedata.category(text[-1]) in ("So", "Sk", "Mn", "Cf")):
        text = text[:-1].rstrip()
    return not text or text[-1] in _ENDINGS


@rule(
    "description-period",
    summary="An entry's description that does not end in '.', '!', '?' or '…'.",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    fix_note="safe: add '.' when the description ends in a letter or digit",
    bad="- [Alpha](https://alpha.example/) - A tool for things",
    good="- [Alpha](https://alpha.example/) - A tool for things.",
    profile=AWESOME,
)
def description_period(ctx: Context) -> Iterator[Finding]:
    """sindresorhus/awesome asks for descriptions written as sentences, ending in
    punctuation, so a list reads evenly. Closing quotes and brackets after the
    period, trailing emoji, and descriptions that end in a link, an image, emphasis
    or HTML are accepted, as awesome-lint accepts them; one that ends in code is
    reported without a fix (the period goes after the code span)."""
    for entry in entries_with_text(ctx.doc):
        if entry.ends_in not in ("text", "code_inline") or _ends_well(entry.text):
            continue  # a link, an image, emphasis or HTML ends it: as in awesome-lint
        last = ctx.doc.text[entry.end - 1] if entry.end else ""
        fix = Fix.safe(Edit(entry.end, entry.end, ".")) if last.isalnum() and entry.text.endswith(last) else None
        yield ctx.finding(
            entry.separator_start,
            entry.end,
            f"description of '{entry.title}' does not end in . ! ? or …",
            fix=fix,
            entry=entry.title,
        )
