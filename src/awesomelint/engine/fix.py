"""Apply rule fixes until the text stops changing and verify nothing was lost (writing the
result back is writing.py's job).

Every pass is checked on its own: the same entries, every link that no edit touched
still there with the same text and target, code blocks byte-identical and the block
structure unchanged. A failed check writes nothing and is reported as a bug.

`fix` and `check` agree: a fix is applied only for a finding `check` prints for the file
as read. Later passes exist because two fixes may touch one place (the second waits for
the first); a finding that appears only because another fix changed the text (a section
that became sortable once its broken links were repaired) is reported, not applied, and
the next `check` shows it. Every change is recorded with its reason — the finding, or the
layout block and the convention it follows — so each hunk of `fix --diff` says why it is
there. The rules that only report are judged once, on the text as read.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

from ..findings import Applicability, Edit, Finding, Related, Severity
from ..model.document import Document
from ..model.generated import Generated, generated
from ..model.spans import Spans, collide
from ..rules import BY_NAME
from .config import Config
from .edits import EditMap, apply_edits
from .layout import Options, table_grids
from .layoutpass import describe, layout_pass
from .linter import lint
from .registry import LAYOUT, FixAvailability
from .verify import FixError, verify, verify_layout

__all__ = [
    "Change",
    "FixError",
    "FixOutcome",
    "Refusal",
    "apply_edits",
    "apply_layout",
    "choose_edits",
    "fix_document",
    "verify",
]

MAX_PASSES = 100
MAX_LAYOUT_ROUNDS = 5


@dataclass
class Refusal:
    """A block whose layout was kept as written, at its line in the file as it was read:
    its layout would change the HTML, or (``lines``) rewrite more lines than
    layout.max-lines allows a default `fix`."""

    line: int
    what: str
    lines: int = 0

    def message(self, path: str) -> str:
        if self.lines:
            return (
                f"{path}:{self.line}: layout of the {self.what} would rewrite {self.lines} lines, more than "
                "layout.max-lines; left to --unsafe-fixes"
            )
        return f"{path}:{self.line}: layout would change how the {self.what} renders; kept as written"


@dataclass(frozen=True)
class Change:
    """Why `fix` rewrote part of the text: a finding's fix (its rule and message) or a
    layout block (rule "layout" and the convention), with the spans it rewrote, in the
    offsets of the text as read."""

    rule: str
    message: str
    line: int  # 1-based, in the text as read
    spans: tuple[tuple[int, int], ...]
    origin: tuple[int, int] = (0, 0)  # the finding's own span (a layout block's lines), in the text as read


@dataclass
class FixOutcome:
    text: str
    applied: int = 0
    remaining: list[Finding] = field(default_factory=list)  # positions in the final text
    final: Document | None = None
    refused: list[Refusal] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    appeared: list[Finding] = field(default_factory=list)  # of `remaining`: not reported for the text as read
    generated: Generated | None = None  # why order and layout were left alone
    edit_map: EditMap | None = None  # from the final text back to the text as read

    def as_read(self, finding: Finding) -> Finding:
        """A finding of `remaining` placed in the text as read (where the file stays when
        nothing is written: `--diff`, or fixes that touch no line a pull request added)."""
        if not self.edit_map:
            return finding
        start, end = self.edit_map.to_original(finding.start, finding.end)
        return replace(finding, start=start, end=end, fix=None, related=[])


def choose_edits(doc: Document, findings: list[Finding], unsafe: bool) -> tuple[list[Edit], list[Finding], bool]:
    """Non-overlapping edits of whole fixes, first come first served in the findings'
    order; none inside code (unless it only moves whole lines). One sweep: each fix's edits are looked up among the spans
    already taken by bisection. Returns the edits, the findings whose fixes they are, and
    whether a chosen fix is meant to change the block structure."""
    chosen: list[Edit] = []
    taken = Spans()
    fixed: list[Finding] = []
    restructures = False
    for finding in findings:
        fix = finding.fix
        if fix is None or not _applicable(finding, unsafe):
            continue
        in_code = any(doc.in_code(e.start, max(e.end, e.start + 1)) for e in fix.edits)
        if in_code and not (fix.relocates and _only_reorders(doc, fix.edits)):
            continue
        if any(taken.touches(e.start, e.end) for e in fix.edits) or _self_overlapping(fix.edits):
            continue
        for edit in fix.edits:
            taken.add(edit.start, edit.end)
        chosen.extend(fix.edits)
        fixed.append(finding)
        restructures = restructures or fix.restructures
    return sorted(chosen, key=lambda e: (e.start, e.end)), fixed, restructures


def _applicable(finding: Finding, unsafe: bool) -> bool:
    return finding.fix is not None and (unsafe or finding.fix.applicability is Applicability.SAFE)


def _only_reorders(doc: Document, edits: tuple[Edit, ...]) -> bool:
    """Does each edit write back exactly the lines it replaces, in another order? Then code
    spans inside them move whole and unchanged."""
    return all(sorted(doc.text[e.start : e.end].split("\n")) == sorted(e.content.split("\n")) for e in edits)


def _self_overlapping(edits: tuple[Edit, ...]) -> bool:
    ordered = sorted((e.start, e.end) for e in edits)
    return any(collide(a, b) for a, b in zip(ordered, ordered[1:]))


_NUMBER = re.compile(r"\d+")


def _message_key(message: str) -> str:
    """A finding's message with its numbers blanked: 'line 57' is 'line 56' once a fix
    above it removed a blank line, and is still the same finding."""
    return _NUMBER.sub("#", message)


class _Reported:
    """What `check` prints for the file as read, by rule: (span, message key) of each
    finding. A later pass's finding is the same finding when it has the same rule and
    message and lies where one of these lay."""

    def __init__(self, findings: list[Finding]) -> None:
        self._by_rule: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for finding in findings:
            self._by_rule[finding.rule].append((finding.start, finding.end, _message_key(finding.message)))

    def explains(self, rule: str, message: str, span: tuple[int, int]) -> bool:
        key = _message_key(message)
        return any(k == key and collide(span, (s, e)) for s, e, k in self._by_rule.get(rule, ()))


class _Run:
    """One `fix` of one document: the passes, the map from the current text to the text
    as read, and a record of every change."""

    def __init__(self, doc: Document, config: Config, unsafe: bool, fixing: list[str]) -> None:
        self.original = doc
        self.config = config
        self.unsafe = unsafe
        self.fixing = fixing
        self.map = EditMap()
        self.reported: _Reported | None = None
        self.changes: list[Change] = []
        self.rewritten: list[tuple[int, int]] = []  # spans of the text as read that content fixes wrote anew
        self.applied = 0
        self.remaining: list[Finding] = []

    # content fixes ----------------------------------------------------------

    def content_fixes(self, doc: Document) -> Document:
        """Passes of the fixing rules until none has an edit to make."""
        current = doc
        seen = {doc.text}
        for _ in range(MAX_PASSES):
            findings = lint(current, self.config, only=self.fixing).findings
            if self.reported is None:
                self.reported = _Reported(findings)  # the text as read: what `check` prints
            allowed = self._explained(findings)
            edits, fixed, restructures = choose_edits(current, allowed, self.unsafe)
            if not edits:
                self.remaining = findings
                return current
            new_text = apply_edits(current.text, edits)
            if new_text in seen:
                raise FixError(f"{doc.path}: fixes oscillate; nothing written (please report this)")
            seen.add(new_text)
            following = Document(doc.path, new_text, bom=doc.bom, newline=doc.newline)
            verify(current, following, edits, structure=not restructures)
            for finding in fixed:
                assert finding.fix is not None
                spans = [span for e in finding.fix.edits for span in _changed_spans(current.text, e)]
                self._record(finding.rule, finding.message, (finding.start, finding.end), spans)
                if not finding.fix.relocates:  # moved lines are not new text
                    exact = [self.map.exact_original(*span) for span in spans]
                    self.rewritten += [span for span in exact if span is not None]
            self.map.record(edits)
            self.applied += len(fixed)
            current = following
        raise FixError(f"{doc.path}: fixes did not converge in {MAX_PASSES} passes; nothing written")

    def _explained(self, findings: list[Finding]) -> list[Finding]:
        """The findings whose fixes may apply: on the text as read, all of them; later,
        those `check` printed (same rule, message and place), whose fix touches no other
        finding of its rule that `check` did not print (a section sorted as a whole may not
        take in entries that only became misplaced through other fixes)."""
        if not self.map:
            return findings
        assert self.reported is not None
        original = {id(f): self.map.to_original(f.start, f.end) for f in findings}
        reported = {id(f) for f in findings if self.reported.explains(f.rule, f.message, original[id(f)])}
        by_rule: dict[str, list[Finding]] = defaultdict(list)
        for finding in findings:
            by_rule[finding.rule].append(finding)
        rewritten = _Regions(self.rewritten)
        allowed = []
        for finding in findings:
            if finding.fix is None:
                continue
            reach = [self.map.to_original(e.start, e.end) for e in finding.fix.edits]
            if all(rewritten.holds(span) for span in reach):
                allowed.append(finding)  # it only touches text a fix `check` printed rewrote: the same hunk
                continue
            if id(finding) not in reported:
                continue
            within = [g for g in by_rule[finding.rule] if any(_inside(original[id(g)], span) for span in reach)]
            if all(id(g) in reported for g in within):
                allowed.append(finding)
        return allowed

    def appeared(self, findings: list[Finding]) -> list[Finding]:
        """Of the final findings, those `check` did not print for the text as read."""
        if not self.map or self.reported is None:
            return []
        return [
            f for f in findings if not self.reported.explains(f.rule, f.message, self.map.to_original(f.start, f.end))
        ]

    # layout -------------------------------------------------------------------

    def layout(self, doc: Document, options: Options) -> tuple[Document, list[tuple[int, str, int, str]]]:
        """The document laid out, and the blocks kept as written (line, what, lines when
        too large, in the text they were found in)."""
        laid_out = layout_pass(doc, options, self._grids_as_read(doc), unsafe=self.unsafe)
        for group in laid_out.applied:
            first = min(group.edits, key=lambda e: e.start)
            last = max(e.end for e in group.edits)
            self._record(LAYOUT, describe(group), (first.start, last), [(e.start, e.end) for e in group.edits])
        self.map.record(laid_out.edits)
        return laid_out.doc, (
            [(g.line, g.what, 0, doc.text) for g in laid_out.kept]
            + [(g.line, g.what, g.lines, doc.text) for g in laid_out.large]
        )

    def _grids_as_read(self, doc: Document) -> dict:
        """The grids of the tables that were aligned in the text as read, by the line their
        header is on in ``doc``: a content fix that pushed rows off a grid does not leave
        the table misaligned."""
        if not self.map:
            return {}
        grids = {}
        for line, grid in table_grids(self.original).items():
            header = self._line_now(line, doc)
            if header is not None:
                grids[header] = grid
        return grids

    def _line_now(self, line: int, doc: Document) -> int | None:
        """The 0-based line of ``doc`` that a line of the text as read is now, if no fix
        rewrote text around its start."""
        start = self.original.line_starts[line]
        at = self.map.exact_current(start, start)
        return doc.position(at[0])[0] - 1 if at is not None and at[0] < len(doc.text) else None

    def _record(self, rule: str, message: str, at: tuple[int, int], spans: list[tuple[int, int]]) -> None:
        """A change made to the current text, kept in the offsets of the text as read."""
        original = tuple(self.map.to_original(s, e) for s, e in spans)
        origin = self.map.to_original(*at)
        line = self.original.position(min(origin[0], len(self.original.text)))[0]
        self.changes.append(Change(rule, message, line, original, origin))


def _changed_spans(text: str, edit: Edit) -> list[tuple[int, int]]:
    """The parts of an edit's span whose lines it really changes: a section sorted as a
    whole rewrites its span, but only the lines that moved are its change (a hunk between
    them that only drops trailing spaces is not the sort's)."""
    old = text[edit.start : edit.end]
    if "\n" not in old and "\n" not in edit.content:
        return [(edit.start, edit.end)]
    old_lines = old.split("\n")
    starts = [edit.start]
    for line in old_lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    matcher = difflib.SequenceMatcher(None, old_lines, edit.content.split("\n"), autojunk=False)
    spans = []
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i1 == i2:  # lines put in: the point where they go
            at = starts[i1] if i1 < len(starts) else edit.end
            spans.append((at, at))
        else:
            spans.append((starts[i1], starts[i2 - 1] + len(old_lines[i2 - 1])))
    return spans or [(edit.start, edit.end)]


class _Regions:
    """Spans of the text as read that fixes rewrote, merged, asked whether they hold a span."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            if self._ends and start <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], end)
            else:
                self._starts.append(start)
                self._ends.append(end)

    def holds(self, span: tuple[int, int]) -> bool:
        index = bisect.bisect_right(self._starts, span[0]) - 1
        return index >= 0 and span[1] <= self._ends[index] and (span[0] < self._ends[index] or span[0] == span[1])


def _inside(span: tuple[int, int], region: tuple[int, int]) -> bool:
    return region[0] <= span[0] and span[1] <= max(region[1], region[0])


def fix_document(
    doc: Document,
    config: Config,
    *,
    unsafe: bool = False,
    layout: bool = True,
    reports: Literal["all"] | Severity | None = "all",
) -> FixOutcome:
    """Content fixes until the text settles, then the layout (checked by HTML, block by
    block), repeated until neither changes anything: one run reaches the fixed point.
    A generated list keeps its order and layout (see `generated`).

    ``reports`` says how much of what remains the caller needs from the rules that only
    report: all of it (the default); None, nothing (`fix --check` exits on changes
    alone); or a threshold, when only whether any finding reaches it matters — then they
    are not run if what the fixing rules left already does."""
    built = generated(doc, config.generated)
    options = config.layout_options() if layout and built is None else None
    fixing, reporting = _split_by_fix(config.enabled(doc.path))
    run = _Run(doc, config, unsafe, fixing)
    current = run.content_fixes(doc)
    refused: list[tuple[int, str, int, str]] = []  # (line in the text it was found in, what, lines, that text)
    if options is not None:
        for _ in range(MAX_LAYOUT_ROUNDS):
            laid_out, kept = run.layout(current, options)
            refused += kept
            if laid_out is current:
                break
            current = run.content_fixes(laid_out)
            if current is not laid_out:
                verify_layout(laid_out, current)
    outcome = FixOutcome(
        current.text,
        run.applied,
        run.remaining,
        current,
        _refusals_in_original(doc, refused),
        run.changes,
        run.appeared(run.remaining),
        built,
        run.map,
    )
    return _with_reports(outcome, doc, run.map, config, reporting, reports)


def _split_by_fix(names: list[str]) -> tuple[list[str], list[str]]:
    """(rules that can fix, rules that only report): only the first run on every pass;
    the others (off-topic, duplicate-entry: the costly ones) once, on the text as read.
    The layout rule is neither: `fix` lays out by itself."""
    names = [n for n in names if n != LAYOUT]
    fixing = [n for n in names if BY_NAME[n].fix is not FixAvailability.NONE]
    return fixing, [n for n in names if n not in fixing]


def _with_reports(
    outcome: FixOutcome,
    original: Document,
    edits: EditMap,
    config: Config,
    reporting: list[str],
    needed: Literal["all"] | Severity | None,
) -> FixOutcome:
    """The report-only rules' findings on the text as read — what `check` said, whatever
    the fixes then tidied — placed where their text now is."""
    assert outcome.final is not None
    if not reporting or needed is None:
        return outcome
    if isinstance(needed, Severity) and any(f.severity.rank >= needed.rank for f in outcome.remaining):
        return outcome  # the caller's answer is known without them
    reports = [_moved(f, original, outcome.final, edits) for f in lint(original, config, only=reporting).findings]
    outcome.remaining = sorted(outcome.remaining + reports, key=lambda f: (f.start, f.rule))
    return outcome


def _moved(finding: Finding, original: Document, final: Document, edits: EditMap) -> Finding:
    """A finding on the text as read, at its place in the final text."""
    if not edits:
        return finding
    start, end = _place_now(finding.start, finding.end, original, final, edits)
    related = [
        Related(r.path, _line_now(r.line, original, final, edits)) if r.path == original.path else r
        for r in finding.related
    ]
    # 'duplicates … at line 79': the line it names, where it now is
    message = _LINE.sub(lambda m: f"{m.group(1)}{_line_now(int(m.group(2)), original, final, edits)}", finding.message)
    return replace(finding, start=start, end=end, related=related, message=message)


_LINE = re.compile(r"(\bline )(\d+)\b")


def _line_now(line: int, original: Document, final: Document, edits: EditMap) -> int:
    start = original.line_starts[min(line, len(original.line_starts)) - 1]
    at = _place_now(start, start, original, final, edits)[0]
    return final.position(min(at, len(final.text)))[0]


def _place_now(start: int, end: int, original: Document, final: Document, edits: EditMap) -> tuple[int, int]:
    """Where a span of the text as read is in the final text. Inside text a fix rewrote
    (a section sorted as a whole), its line is looked for in what replaced it: where it
    occurs once there, that is its place; else the start of the rewritten text."""
    exact = edits.exact_current(start, end)
    if exact is not None:
        return exact
    region = edits.to_current(start, end)
    number = original.position(start)[0]
    text = original.lines[number - 1]
    column = start - original.line_starts[number - 1]
    first, last = final.position(region[0])[0], final.position(min(region[1], len(final.text)))[0]
    found = [n for n in range(first, last + 1) if final.lines[n - 1] == text] if text.strip() else []
    if len(found) == 1:
        at = final.line_starts[found[0] - 1] + column
        return at, at + (end - start) if "\n" not in original.text[start:end] else region[1]
    return region


def apply_layout(doc: Document, options: Options) -> tuple[Document, list[tuple[int, str]]]:
    """The document in its layout, and the blocks kept as written (line, what) because
    their layout would change the rendered HTML."""
    laid_out = layout_pass(doc, options)
    return laid_out.doc, [(g.line, g.what) for g in laid_out.kept]


def _refusals_in_original(original: Document, refused: list[tuple[int, str, int, str]]) -> list[Refusal]:
    """Refused blocks at their lines in the file as it was read (fixes before the layout
    may have moved them)."""
    found: dict[tuple[int, str], Refusal] = {}
    for line, what, lines, text in refused:
        line = _original_line(original.lines, text.split("\n"), line) if text != original.text else line
        found.setdefault((line, what), Refusal(line, what, lines))
    return sorted(found.values(), key=lambda r: r.line)


def _original_line(original: list[str], current: list[str], line: int) -> int:
    matcher = difflib.SequenceMatcher(None, original, current, autojunk=False)
    for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if j1 <= line - 1 < j2:
            return i1 + 1 + (min(line - 1 - j1, i2 - i1 - 1) if i2 > i1 else 0)
    return line
