"""unused-definition: a link definition ('[foo]: https://…') that no link uses.

markdown-it reads definitions into its environment and emits no token for them, so
definitions are found as the lines no leaf block covers that have a definition's shape."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Edit, Finding, Fix, Severity
from ..model.document import Document
from ..model.linkspans import NOT_REFERENCES

_LEAF_BLOCKS = frozenset({"paragraph_open", "heading_open", "fence", "code_block", "html_block", "table_open", "hr"})
_DEFINITION = re.compile(
    r"^(?P<prefix>[ \t]*(?:>[ \t]?)*[ \t]{0,3})\[(?P<label>(?:[^\[\]\\]|\\.){1,999})\]:[ \t]*(?P<rest>.*)$"
)


@dataclass(frozen=True)
class Definition:
    label: str  # as written
    line: int  # 1-based
    start: int  # offset of the '['
    end: int  # offset of the end of its line
    one_line: bool  # destination (and title, if any) on the same line


def normalized(label: str) -> str:
    """CommonMark's label matching: case-folded, runs of white space as one space."""
    return " ".join(label.split()).casefold()


def definitions(doc: Document) -> list[Definition]:
    covered = [False] * (len(doc.lines) + 1)
    for token in doc.tokens:
        if token.type in _LEAF_BLOCKS and token.map:
            for number in range(token.map[0], token.map[1]):
                covered[number] = True
    found = []
    for number, line in enumerate(doc.lines):
        if covered[number] or "]:" not in line:
            continue
        match = _DEFINITION.match(line)
        if match is None or NOT_REFERENCES.match(match.group("label")):
            continue
        start = doc.line_starts[number] + match.start("label") - 1
        found.append(
            Definition(
                match.group("label"),
                number + 1,
                start,
                doc.line_starts[number] + len(line),
                bool(match.group("rest").strip()),
            )
        )
    return found


@rule(
    "unused-definition",
    summary="A link definition ('[foo]: https://…') that no link uses.",
    severity=Severity.INFO,
    fix=FixAvailability.SAFE,
    fix_note="remove a one-line definition",
    bad="- [Alpha][alpha] - A tool.\n\n[alpha]: https://alpha.example/\n[beta]: https://beta.example/",
    good="- [Alpha][alpha] - A tool.\n\n[alpha]: https://alpha.example/",
)
def unused_definition(ctx: Context) -> Iterator[Finding]:
    """A definition nothing refers to is left over from a removed entry; it is
    invisible on the page but keeps a dead address in the file (and in link checks).
    Removing it changes nothing that renders."""
    doc = ctx.doc
    defined = definitions(doc)
    if not defined:
        return
    used: set[str] = set()
    for token in doc.tokens:
        if token.type == "inline" and "[" in token.content:
            used.update(normalized(m) for m in re.findall(r"\[((?:[^\[\]\\]|\\.)+)\]", token.content))
    for item in defined:
        if normalized(item.label) in used:
            continue
        fix = None
        if item.one_line:
            line_start = doc.line_starts[item.line - 1]
            prefix = doc.text[line_start : item.start]
            if not prefix.strip(" \t"):  # not inside a quote: drop the whole line
                fix = Fix.safe(Edit(line_start, min(item.end + 1, len(doc.text)), ""))
        yield ctx.finding(item.start, item.end, f"definition '[{item.label}]' is not used by any link", fix=fix)
