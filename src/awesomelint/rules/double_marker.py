"""double-marker: a list item whose only content is another list marker (``* * [Tool](…)``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Edit, Finding, Fix, Severity

_TWO_MARKERS = re.compile(r"^(?P<prefix>(?:[ \t]*>[ \t]?)*[ \t]*)(?P<outer>[-*+])(?P<gap>[ \t]+)(?=[-*+][ \t])")


@rule(
    "double-marker",
    summary="A list item whose only content is another list marker ('* * [Tool](…)'): it renders as a list nested in a list.",
    severity=Severity.WARNING,
    fix=FixAvailability.SAFE,
    fix_note="drop the extra marker",
    bad="- [Alpha](https://alpha.example/) - first\n- - [Beta](https://beta.example/) - second",
    good="- [Alpha](https://alpha.example/) - first\n- [Beta](https://beta.example/) - second",
)
def double_marker(ctx: Context) -> Iterator[Finding]:
    """A doubled marker is almost always a typo from copying an entry with its bullet
    into a list: GitHub shows the entry as a bullet inside an empty bullet, indented
    and out of line with its neighbours. Dropping the first marker makes it an item of
    the list it sits in. Only bullet-in-bullet with a link counts: '1. - x' and
    '- - text' can be meant."""
    tokens = ctx.doc.tokens
    for index, token in enumerate(tokens[:-1]):
        if token.type != "list_item_open" or not token.map or token.markup not in "-*+":
            continue
        inner = tokens[index + 1]
        if inner.type != "bullet_list_open" or not inner.map or inner.map[0] != token.map[0]:
            continue
        inline = next((t for t in tokens[index + 2 : index + 8] if t.type == "inline"), None)
        if inline is None or not any(c.type == "link_open" for c in inline.children or ()):
            continue  # "- - foo" is CommonMark's own example of nesting; an entry has a link
        number = token.map[0]
        match = _TWO_MARKERS.match(ctx.doc.lines[number])
        if match is None:
            continue
        base = ctx.doc.line_starts[number]
        start, end = base + match.start("outer"), base + match.end("gap")
        yield ctx.finding(
            start,
            end,
            f"list item holds only another list marker ('{match.group('outer')} {ctx.doc.lines[number][match.end('gap')]}'); it renders as a list inside an empty item",
            fix=Fix((Edit(start, end, ""),), restructures=True),
            entry=ctx.entry_at(end),
        )
