"""undefined-reference: a reference link ('[Foo][foo]', '[foo][]') with no definition.

markdown-it leaves a reference with no definition as literal text in an inline token's
children, so references are found there, by the two-bracket forms."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Finding, Severity
from ..model.document import Document
from ..model.linkspans import NOT_REFERENCES

# [text][label] and [label][]: the forms that are references whatever the brackets hold;
# a lone [label] is as often a literal "[WIP]" as a reference
_REFERENCE = re.compile(r"(?<![\\!\]])\[(?P<text>(?:[^\[\]\\]|\\.)+)\]\[(?P<label>(?:[^\[\]\\]|\\.)*)\]")


def _references(doc: Document) -> Iterator[tuple[int, str, str]]:
    """(offset, written text, label) of each `[text][label]` / `[label][]` left as literal text."""
    for token in doc.tokens:
        if token.type != "inline" or "][" not in token.content:
            continue
        for child in token.children or ():
            if child.type != "text" or "][" not in child.content:
                continue
            for match in _REFERENCE.finditer(child.content):
                written = match.group(0)
                source_at = token.content.find(written)
                if source_at < 0:
                    continue  # the brackets were escaped or built from entities in the source
                label = match.group("label") or match.group("text")
                if NOT_REFERENCES.match(label.strip()):
                    continue
                yield doc.inline_span(token, source_at, source_at + len(written))[0], written, label


@rule(
    "undefined-reference",
    summary="A reference link ('[Foo][foo]', '[foo][]') with no definition: GitHub shows the brackets as text.",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="- [Alpha][alpha] - A tool.\n\n[alfa]: https://alpha.example/",
    good="- [Alpha][alpha] - A tool.\n\n[alpha]: https://alpha.example/",
)
def undefined_reference(ctx: Context) -> Iterator[Finding]:
    """A reference whose definition was renamed or deleted renders as '[Alpha][alpha]'
    in brackets, with no link: the entry silently lost its target. GitHub alerts
    ('[!NOTE]') and footnotes ('[^1]') are not references. Only the two-bracket forms
    are judged: a lone '[WIP]' is as often plain text."""
    for start, written, label in _references(ctx.doc):
        yield ctx.finding(
            start,
            start + len(written),
            f"reference '{label}' has no definition; '{written}' shows as plain text",
            entry=ctx.entry_at(start),
        )
