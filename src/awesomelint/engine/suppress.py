"""Inline control comments, in markdownlint's grammar that list maintainers already know:

    <!-- awesomelint-disable RULE ... -->        until enable (no names: every rule)
    <!-- awesomelint-enable RULE ... -->
    <!-- awesomelint-disable-line RULE ... -->
    <!-- awesomelint-disable-next-line RULE ... -->
    <!-- awesomelint-disable-file RULE ... -->

and awesome-lint's (remark-message-control), which lists moving over already carry:

    <!--lint disable RULE ...-->   <!--lint enable RULE ...-->   <!--lint ignore RULE ...-->

its rule names mapped to awesomelint's by ``rules/awesome_lint.yaml``; ``ignore`` covers
the block that follows the comment. A name awesomelint has no rule for is passed over
(awesome-lint's style rules), never an error.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal, cast

from ..model.document import Document
from .compat import mapped_rules

_COMMENT = re.compile(
    r"<!--\s*awesomelint-(disable-next-line|disable-line|disable-file|disable|enable)\b([^>]*?)\s*-->"
)
_LINT_COMMENT = re.compile(r"<!--\s*lint\s+(disable|enable|ignore)\b([^>]*?)\s*-->")
ALL = "*"


DirectiveKind = Literal["disable", "enable", "disable-line", "disable-next-line", "disable-file", "ignore"]


@dataclass(frozen=True)
class Directive:
    kind: DirectiveKind
    rules: frozenset[str]
    line: int  # 1-based line where the comment ends
    until: int = 0  # for "ignore": the last 1-based line of the block it covers


@dataclass(frozen=True)
class UnknownName:
    """A rule name an awesomelint comment gives that no rule has: reported by invalid-comment,
    while the comment still applies to the names it gives right (ruff's invalid `noqa`)."""

    name: str
    start: int  # offsets of the comment, on the line it starts
    end: int
    suggestion: str | None = None  # the closest rule name, if one is close


def directives(doc: Document, known_rules: set[str]) -> list[Directive]:
    return _read(doc, known_rules)[0]


def unknown_names(doc: Document, known_rules: set[str] | None = None) -> list[UnknownName]:
    """The names in the document's awesomelint comments that no rule has (default: every rule's name)."""
    if known_rules is None:
        from ..rules import BY_NAME  # the registry imports every rule module, which may import this one

        known_rules = set(BY_NAME)
    return _read(doc, known_rules)[1]


def _read(doc: Document, known_rules: set[str]) -> tuple[list[Directive], list[UnknownName]]:
    found: list[Directive] = []
    unknown_found: list[UnknownName] = []
    for token in doc.tokens:
        sources: list[tuple[str, int, int | None]] = []  # content, first line (0-based), its offset if known
        if token.type == "html_block" and token.map:
            sources.append((token.content, token.map[0], None))
        elif token.type == "inline" and token.map:
            for child in token.children or ():
                if child.type == "html_inline" and "span" in child.meta:
                    start, _ = doc.inline_span(token, *child.meta["span"])
                    sources.append((child.content, doc.position(start)[0] - 1, start))
        for content, first_line, offset in sources:
            for match in _COMMENT.finditer(content):
                written = [name for name in re.split(r"[\s,]+", match.group(2)) if name]  # commas accepted
                unknown = [name for name in written if name not in known_rules and name != ALL]
                if unknown:
                    start, end = _comment_span(doc, content, first_line, offset, match)
                    for name in unknown:
                        close = difflib.get_close_matches(name, sorted(known_rules), n=1)
                        unknown_found.append(UnknownName(name, start, end, close[0] if close else None))
                names = frozenset(written) - frozenset(unknown)
                if written and not names:
                    continue  # names only rules that do not exist: it applies to nothing (never to every rule)
                end_line = first_line + content.count("\n", 0, match.end()) + 1
                kind = cast(DirectiveKind, match.group(1))  # the pattern's kinds
                found.append(Directive(kind, names or frozenset({ALL}), end_line))
            for match in _LINT_COMMENT.finditer(content):
                directive = _awesome_lint(doc, match, first_line + content.count("\n", 0, match.end()) + 1)
                if directive is not None:
                    found.append(directive)
    return found, unknown_found


def _comment_span(doc: Document, content: str, first_line: int, offset: int | None, match: re.Match) -> tuple[int, int]:
    """Where the comment is in the text: exact for an inline comment, else found on its line."""
    if offset is not None:
        return offset + match.start(), offset + min(match.end(), len(content.split("\n", 1)[0]))
    number = first_line + content.count("\n", 0, match.start())
    line = doc.lines[number] if number < len(doc.lines) else ""
    column = max(line.find("<!--"), 0)
    return doc.line_starts[number] + column, doc.line_starts[number] + len(line)


def _awesome_lint(doc: Document, match: re.Match, end_line: int) -> Directive | None:
    """An awesome-lint comment as the directive it means here; None when it names only
    rules awesomelint does not have."""
    kind, written = match.group(1), match.group(2).split()
    names: set[str] = set()
    for name in written:
        names.update(mapped_rules(name))
    if written and not names:
        return None
    rules = frozenset(names) if written else frozenset({ALL})
    if kind == "ignore":
        return Directive("ignore", rules, end_line, _next_block_end(doc, end_line))
    return Directive(kind, rules, end_line)


def _next_block_end(doc: Document, after_line: int) -> int:
    """The last line of the first block that starts after ``after_line`` (1-based)."""
    for token in doc.tokens:  # an enclosing block's opening token comes before its children
        if token.map and token.type != "inline" and token.map[0] >= after_line:
            return token.map[1]
    return after_line


class Suppressions:
    def __init__(self, doc: Document, known_rules: set[str]):
        self.items = directives(doc, known_rules)

    def suppressed(self, rule: str, line: int) -> bool:
        """markdownlint's semantics: comments apply in order; a rule enabled after a bare
        disable is on again, and a bare enable turns every rule back on."""
        all_off = False
        off: set[str] = set()  # disabled one by one
        back_on: set[str] = set()  # enabled again while all were off
        for item in self.items:
            hit = rule in item.rules or ALL in item.rules
            if item.kind == "disable-file" and hit:
                return True
            if item.kind == "disable-line" and hit and item.line == line:
                return True
            if item.kind == "disable-next-line" and hit and item.line + 1 == line:
                return True
            if item.kind == "ignore" and hit and item.line < line <= item.until:
                return True
            if item.line > line or item.kind not in ("disable", "enable"):
                continue
            if ALL in item.rules:
                all_off, off, back_on = item.kind == "disable", set(), set()
            elif item.kind == "disable":
                off |= item.rules
                back_on -= item.rules
            else:
                off -= item.rules
                back_on |= item.rules
        return (all_off and rule not in back_on) or rule in off
