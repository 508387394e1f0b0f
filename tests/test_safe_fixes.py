"""Safe means safe: every fix marked safe changes only the text its finding names, and only
in the way its rule promises — checked per rule on real lists and on generated ones.

Each rule with safe fixes has a contract here: where its edits may fall (within the
finding's span, white space aside; block rules — a sorted section, a rewritten ToC, a
renumbered list — within their block) and what an edit may do (a URL loses its trackers,
a separator becomes a separator, lines change places but not text). A new rule with safe
fixes fails `test_every_rule_with_safe_fixes_has_a_contract` until it has one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesomelint import data
from awesomelint.engine.config import parse_config
from awesomelint.engine.edits import apply_edits
from awesomelint.engine.linter import lint
from awesomelint.engine.registry import FixAvailability
from awesomelint.engine.verify import html, verify
from awesomelint.findings import Edit, Finding
from awesomelint.model.document import Document
from awesomelint.model.spans import Spans
from awesomelint.model.toc import table_of_contents
from awesomelint.model.urls import split_query, tracking_params
from awesomelint.rules import RULES

from .conftest import CORPUS, SEEDS

Contract = Callable[[Document, Finding, Edit], bool]
BLOCK_RULES = {"entry-order", "toc-sync", "list-numbering"}  # their fix rewrites the block the finding lies in
ONLINE = {"redirected-link"}  # needs a link-check run: tests/test_links.py holds its fixes to the verdict's URL


def _old(doc: Document, edit: Edit) -> str:
    return doc.text[edit.start : edit.end]


def _url(doc: Document, finding: Finding, edit: Edit) -> bool:
    """The edit rewrites a URL as a URL (no spaces, no markup brought in)."""
    return not re.search(r"[\s\[\]()<>]", edit.content)


def _nested_link(doc: Document, finding: Finding, edit: Edit) -> bool:
    """The broken construct becomes one link whose target was written in it."""
    match = re.fullmatch(r"(\[.*\])\((\S+)\)", edit.content, re.S)
    return match is not None and match.group(2) in _old(doc, edit) and _old(doc, edit).startswith(match.group(1))


def _mojibake(doc: Document, finding: Finding, edit: Edit) -> bool:
    """Text decoded with the wrong codec becomes the text it was: encoding the repair as
    UTF-8 and reading it back with a legacy codec gives the mojibake again (bytes a
    legacy codec cannot show aside), and nothing but such a run changes."""
    old = _old(doc, edit)
    for codec in ("cp1252", "latin-1", "cp1254"):
        shown = edit.content.encode("utf-8").decode(codec, errors="replace")
        if _same_but_lost(shown, old):
            return True
    return False


_LOST = str.maketrans("", "", "\ufffd\u00ad\x81\x8d\x8f\x90\x9d")  # what a wrong decode drops or cannot show


def _same_but_lost(shown: str, old: str) -> bool:
    """``shown`` equals ``old`` but for the characters a wrong decode drops (a soft hyphen,
    the bytes cp1252 leaves undefined): those are what the repair had to infer."""
    return shown.translate(_LOST) == old.translate(_LOST)


def _tracking(doc: Document, finding: Finding, edit: Edit) -> bool:
    """The URL loses tracking parameters, keeps every other one in order, and its fragment."""
    base, params, fragment = split_query(_old(doc, edit))
    new_base, new_params, new_fragment = split_query(edit.content)
    dropped = [p for p in params if p not in new_params]
    return (
        (base, fragment) == (new_base, new_fragment)
        and [p for p in params if p in new_params] == new_params
        and bool(dropped)
        and tracking_params(dropped, []) == dropped
    )


def _https(doc: Document, finding: Finding, edit: Edit) -> bool:
    old = _old(doc, edit)
    return old[:7].lower() == "http://" and edit.content == "https://" + old[7:]


def _missing_scheme(doc: Document, finding: Finding, edit: Edit) -> bool:
    return edit.content == "https://" + _old(doc, edit)


def _case_only(doc: Document, finding: Finding, edit: Edit) -> bool:
    return edit.content != _old(doc, edit) and edit.content.casefold() == _old(doc, edit).casefold()


def _numbers(doc: Document, finding: Finding, edit: Edit) -> bool:
    """A number becomes a number, or indentation grows or shrinks with it."""
    old = _old(doc, edit)
    return (old.isdigit() and edit.content.isdigit()) or (not old.strip() and not edit.content.strip())


def _markers() -> set[str]:
    return set(data.patterns("empty_markers", "markers")) | {""}


def _table_cells(doc: Document, finding: Finding, edit: Edit) -> bool:
    """Cells are added holding an empty marker, or empty cells dropped: pipes, spaces and
    markers are all that change."""

    def bare(text: str) -> str:
        for marker in sorted(_markers(), key=len, reverse=True):
            if marker:
                text = text.replace(marker, "")
        return re.sub(r"[|\s]", "", text)

    return bare(_old(doc, edit)) == bare(edit.content)


def _empty_marker(doc: Document, finding: Finding, edit: Edit) -> bool:
    return _old(doc, edit).strip() in _markers() and edit.content.strip() in _markers()


def _white_space(doc: Document, finding: Finding, edit: Edit) -> bool:
    return not _old(doc, edit).strip() and not edit.content.strip()


def _double_marker(doc: Document, finding: Finding, edit: Edit) -> bool:
    return bool(re.fullmatch(r"[-*+][ \t]+", _old(doc, edit))) and edit.content == ""


def _in_toc(doc: Document, finding: Finding, edit: Edit) -> bool:
    """Only lines of the table of contents change, and they become ToC items."""
    toc = table_of_contents(doc)
    first, last = doc.position(edit.start)[0], doc.position(max(edit.start, edit.end - 1))[0]
    items = [line for line in edit.content.split("\n") if line.strip()]
    return (
        toc is not None
        and all(toc.holds_line(n) for n in range(first, last + 1))
        and all(re.match(r"^\s*(?:[-*+]|\d+[.)])\s+\S*\s*\[.*\]\(#\S*\)", line) for line in items)
    )


def _same_lines(doc: Document, finding: Finding, edit: Edit) -> bool:
    return sorted(_old(doc, edit).split("\n")) == sorted(edit.content.split("\n"))


def _insert_space(doc: Document, finding: Finding, edit: Edit) -> bool:
    return _old(doc, edit) == "" and edit.content == " "


def _definition_line(doc: Document, finding: Finding, edit: Edit) -> bool:
    return bool(re.fullmatch(r" {0,3}\[[^\]]+\]:[^\n]*\n?", _old(doc, edit))) and edit.content == ""


_ONE_DASH = re.compile("[ \t\u00a0]*[-\u2013\u2014\u2212][ \t\u00a0]*")
_MARK_CHARACTERS = set("-\u2013\u2014\u2212>=:~|\u2192")


def _separator(doc: Document, finding: Finding, edit: Edit) -> bool:
    """One dash between spaces becomes another, or a mark's spacing changes, whole: the
    characters on either side of the old text are not marks too (it is not part of an
    arrow or a run of dashes)."""
    old, new = _old(doc, edit), edit.content
    before, after = doc.text[edit.start - 1 : edit.start], doc.text[edit.end : edit.end + 1]
    spacing_only = old.strip(" \t\u00a0") == new.strip(" \t\u00a0") != ""
    dash_for_dash = bool(_ONE_DASH.fullmatch(old)) and bool(_ONE_DASH.fullmatch(new))
    return (spacing_only or dash_for_dash) and not ({before, after} & _MARK_CHARACTERS)


def _invisible(doc: Document, finding: Finding, edit: Edit) -> bool:
    """Characters leave the address; every one of them has no width."""
    old, new = _old(doc, edit), edit.content
    if old == new:
        return True  # the empty edits that mark the links a definition serves
    removed = list(old)
    for char in new:
        if char not in removed:
            return False
        removed.remove(char)
    return all(unicodedata.category(c) in ("Cf", "Mn", "Zs") or c in "\u00ad\u180e" for c in removed)


def _empty_item(doc: Document, finding: Finding, edit: Edit) -> bool:
    return bool(re.fullmatch(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]*\n?", _old(doc, edit))) and edit.content == ""


def _badge(doc: Document, finding: Finding, edit: Edit) -> bool:
    return "awesome.re" in edit.content and _url(doc, finding, edit)


def _period(doc: Document, finding: Finding, edit: Edit) -> bool:
    return _old(doc, edit) == "" and edit.content == "."


def _layout(doc: Document, finding: Finding, edit: Edit) -> bool:
    return True  # the rendered HTML is compared for the whole fix in _holds


CONTRACTS: dict[str, Contract] = {
    "nested-link": _nested_link,
    "mojibake": _mojibake,
    "tracking-param": _tracking,
    "insecure-url": _https,
    "broken-anchor": _case_only,
    "list-numbering": _numbers,
    "table-shape": _table_cells,
    "empty-cell-marker": _empty_marker,
    "whitespace": _white_space,
    "double-marker": _double_marker,
    "missing-scheme": _missing_scheme,
    "toc-sync": _in_toc,
    "entry-order": _same_lines,
    "list-marker-space": _insert_space,
    "unused-definition": _definition_line,
    "entry-separator": _separator,
    "url-invisible-char": _invisible,
    "empty-list-item": _empty_item,
    "awesome-badge": _badge,
    "description-period": _period,
    "layout": _layout,
}


def test_every_rule_with_safe_fixes_has_a_contract() -> None:
    safe = {r.name for r in RULES if r.fix in (FixAvailability.SAFE, FixAvailability.SOMETIMES)}
    assert safe - ONLINE == set(CONTRACTS)


EVERY_FIXING_RULE = [name for name in CONTRACTS]


def _within(doc: Document, finding: Finding, edit: Edit) -> bool:
    """The edit lies in the finding's span, but for white space at its edges (a line break)."""
    before = doc.text[edit.start : finding.start] if edit.start < finding.start else ""
    after = doc.text[finding.end : edit.end] if edit.end > finding.end else ""
    return not before.strip() and not after.strip()


def _holds(doc: Document, finding: Finding) -> str | None:
    """Why the safe fix of ``finding`` breaks its contract (where its edits fall, what
    they do), or None."""
    assert finding.fix is not None
    for edit in finding.fix.edits:
        if finding.rule not in BLOCK_RULES and not _within(doc, finding, edit):
            return f"edit {edit} outside the finding's span {finding.start}-{finding.end}"
        if not CONTRACTS[finding.rule](doc, finding, edit):
            return f"edit {edit} of {_old(doc, edit)!r} breaks the rule's contract"
    return None


def _loses_nothing(doc: Document, rule: str, fixes: list[Finding]) -> str | None:
    """Apply a rule's safe fixes together (those that do not overlap) and verify the
    result as `fix` does: nothing lost, and for layout the same HTML. One check per rule
    rather than per fix: a list of 1,700 entries has as many description fixes."""
    edits: list[Edit] = []
    taken = Spans()
    restructures = False
    for finding in fixes:
        assert finding.fix is not None
        if any(taken.touches(e.start, e.end) for e in finding.fix.edits):
            continue
        for edit in finding.fix.edits:
            taken.add(edit.start, edit.end)
        edits += finding.fix.edits
        restructures = restructures or finding.fix.restructures
    edits.sort(key=lambda e: (e.start, e.end))
    after = Document(doc.path, apply_edits(doc.text, edits))
    verify(doc, after, edits, structure=not restructures)  # raises FixError: lost something
    if rule == "layout" and html(after) != html(doc):
        return "layout changed the rendered HTML"
    return None


CONFIG = parse_config({"select": EVERY_FIXING_RULE, "profile": "awesome"})


def _check(doc: Document) -> list[str]:
    broken = []
    by_rule: dict[str, list[Finding]] = {}
    for finding in lint(doc, CONFIG).findings:
        if finding.fix is not None and finding.fix.applicability.value == "safe":
            by_rule.setdefault(finding.rule, []).append(finding)
            why = _holds(doc, finding)
            if why is not None:
                broken.append(f"{finding.rule} at line {doc.position(finding.start)[0]}: {why}")
    for rule, fixes in by_rule.items():
        why = _loses_nothing(doc, rule, fixes)
        if why is not None:
            broken.append(f"{rule}: {why}")
    return broken


@pytest.mark.parametrize("path", SEEDS + CORPUS, ids=lambda p: p.name)
def test_safe_fixes_keep_their_contracts_on_real_lists(path: Path) -> None:
    assert _check(Document.from_path(path)) == []


# generated lists: entries in the shapes that real lists get wrong ---------------------------

NAMES = st.sampled_from(["Alpha", "beta-tool", "Gamma DB", "DeepSeek", "café lib", "Zeta", "LLaMA-2", "Ωmega"])
SEPARATORS = st.sampled_from([" - ", " – ", " — ", " -- ", " -> ", " → ", ": ", " -  ", "\u00a0-\u00a0", " - > ", "- "])
URLS = st.sampled_from(
    [
        "https://github.com/o/{n}",
        "http://github.com/o/{n}",
        "http://lab.example.edu/{n}",
        "github.com/o/{n}",
        "https://x.example/{n}?utm_source=feed&id=2",
        "https://x.example/{n}?ref=github.com",
        "https://doi.org/10.1/{n}",
        "https://x.example/{n}\u200b",
        "https://x.example/{n}#Section",
        "#{n}",
        "#Tools",
    ]
)
DESCRIPTIONS = st.sampled_from(
    [
        "A tool for things",
        "a lower-case start.",
        "CafÃ© for dataâ€“science ðŸ”¥.",
        "Ends in `code`",
        "Fine.",
        "With trailing spaces.   ",
        "Uses [a link](https://a.example/) inside.",
        "Ã—2 faster",
        "Done!",
    ]
)
MARKERS = st.sampled_from(["- ", "* ", "- - ", "-", "1. ", "3. "])


@st.composite
def entry_line(draw: st.DrawFn) -> str:
    name = draw(NAMES)
    url = draw(URLS).format(n=name.split()[0].lower())
    marker = draw(MARKERS)
    return f"{marker}[{name}]({url}){draw(SEPARATORS)}{draw(DESCRIPTIONS)}"


@st.composite
def table(draw: st.DrawFn) -> str:
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        cells = draw(
            st.lists(
                st.sampled_from(["[A](https://a.example/)", "x", "-", "—", "N/A", "", "http://github.com/o/r"]),
                min_size=1,
                max_size=4,
            )
        )
        rows.append("| " + " | ".join(cells) + " |")
    return "| Name | Link | Note |\n|---|---|---|\n" + "\n".join(rows)


@st.composite
def document(draw: st.DrawFn) -> str:
    blocks = ["# Awesome Things [![Awesome](https://cdn.example/badge.svg)](https://github.com/sindresorhus/awesome)"]
    sections = draw(
        st.lists(st.sampled_from(["Tools", "Books", "Data sets", "Café"]), min_size=1, max_size=3, unique=True)
    )
    toc = [f"- [{s}](#{s.lower().replace(' ', '-')})" for s in sections]
    if draw(st.booleans()):
        toc.append("- [Old Section](#old-section)")
    blocks.append("## Contents\n\n" + "\n".join(toc[: draw(st.integers(1, len(toc)))]))
    for section in sections:
        blocks.append(f"## {section}")
        lines = draw(st.lists(entry_line(), min_size=1, max_size=6))
        if draw(st.booleans()):
            lines.insert(draw(st.integers(0, len(lines))), "-")
        blocks.append("\n".join(lines))
        if draw(st.booleans()):
            blocks.append(draw(table()))
        if draw(st.booleans()):
            blocks.append("See [the tools](#TOOLS).\n\n\n")
    if draw(st.booleans()):
        blocks.append("[unused]: https://unused.example/")
    return "\n\n".join(blocks) + draw(st.sampled_from(["\n", "", "\n\n\n"]))


@given(document())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_safe_fixes_keep_their_contracts_on_generated_lists(text: str) -> None:
    assert _check(Document.from_text(text, "README.md")) == []


def test_a_contract_catches_a_fix_that_takes_part_of_an_arrow() -> None:
    # the shape issue 23 found: '->' read as '-' and '>', the fix writing ' - >'
    doc = Document.from_text("- [Fur](https://x.example/) -> A graph lib.\n", "README.md")
    start = doc.text.index(" -")
    finding = Finding("entry-separator", "m", start, start + 2, fix=None)
    assert not _separator(doc, finding, Edit(start, start + 2, " - "))  # a part of the arrow
    assert not _separator(doc, finding, Edit(start, start + 4, " - "))  # the whole arrow: not a dash, not safe
    dash = Document.from_text("- [Fur](https://x.example/) – A graph lib.\n", "README.md")
    at = dash.text.index(" –")
    assert _separator(dash, finding, Edit(at, at + 3, " - "))
