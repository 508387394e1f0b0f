"""double-marker: a list item whose only content is another list marker (``* * [Tool](…)``)."""

from __future__ import annotations

import re

from ..findings import Edit, Fix, Severity
from ..registry import Context, FixAvailability, rule

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
def double_marker(ctx: Context):
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
        yield ctx.finding(start, end, f"list item holds only another list marker ('{match.group('outer')} {ctx.doc.lines[number][match.end('gap')]}'); it renders as a list inside an empty item",
                          fix=Fix((Edit(start, end, ""),), restructures=True), entry=ctx.entry_at(end))


# "-[Foo](…)" at the start of a paragraph line: a marker with no space is text
_NO_SPACE = re.compile(r"^(?P<prefix>(?:[ \t]*>[ \t]?)*[ \t]*)(?P<marker>[-*+])\[[^\]\n]+\]\(")


@rule(
    "list-marker-space",
    summary="'-[Foo](…)' at the start of a line: meant as a list item, it renders as a line of text.",
    severity=Severity.WARNING,
    fix=FixAvailability.SAFE,
    fix_note="insert the space",
    bad="- [Alpha](https://alpha.example/) - first\n-[Beta](https://beta.example/) - second",
    good="- [Alpha](https://alpha.example/) - first\n- [Beta](https://beta.example/) - second",
)
def list_marker_space(ctx: Context):
    """A list marker needs a space after it. Without one, '-[Beta](…)' is not an item:
    below an item it joins that item's text, elsewhere it is a paragraph, and the
    entry is missing from the list a reader scans. `*[Foo](…)*` (an emphasized link)
    is left alone."""
    doc = ctx.doc
    for token in doc.tokens:
        if token.type != "paragraph_open" or not token.map:
            continue
        for number in range(token.map[0], token.map[1]):
            line = doc.lines[number]
            match = _NO_SPACE.match(line)
            if match is None or (match.group("marker") == "*" and _emphasized(line[match.end("marker") :])):
                continue
            at = doc.line_starts[number] + match.end("marker")
            if doc.in_code(at):
                continue
            yield ctx.finding(at - 1, at, f"'{match.group('marker')}' with no space after it is not a list marker",
                              fix=Fix((Edit(at, at, " "),), restructures=True), entry=ctx.entry_at(at))


def _emphasized(rest: str) -> bool:
    """'[Foo](…)*…': the line's '*' opens emphasis that closes later on the line."""
    return "*" in rest
