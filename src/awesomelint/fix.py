"""Apply rule fixes until the text stops changing, verify nothing was lost, write atomically.

Every pass is checked on its own: the same entries, every link that no edit touched
still there with the same text and target, code blocks byte-identical and the block
structure unchanged. A failed check writes nothing and is reported as a bug.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .config import Config
from .document import BOM, Document
from .entries import entries_of
from .errors import InputError
from .findings import Applicability, Edit, Finding, Severity
from .layout import Group, layout_groups
from .linter import lint
from .markdown import render_tokens
from .registry import FixAvailability
from .rules import BY_NAME
from .spans import Spans, collide

MAX_PASSES = 100


class FixError(InputError):
    """Verification failed: the file is left as it was."""


@dataclass
class Refusal:
    """A block whose layout was kept as written, at its line in the file as it was read."""

    line: int
    what: str

    def message(self, path: str) -> str:
        return f"{path}:{self.line}: layout would change how the {self.what} renders; kept as written"


@dataclass
class FixOutcome:
    text: str
    applied: int = 0
    remaining: list[Finding] = field(default_factory=list)
    final: Document | None = None
    refused: list[Refusal] = field(default_factory=list)


def choose_edits(doc: Document, findings: list[Finding], unsafe: bool) -> tuple[list[Edit], int, bool]:
    """Non-overlapping edits of whole fixes, first come first served in the findings'
    order; none inside code (unless it only moves whole lines). One sweep: each fix's edits are looked up among the spans
    already taken by bisection. The flag says whether a chosen fix is meant to change the
    block structure."""
    chosen: list[Edit] = []
    taken = Spans()
    count = 0
    restructures = False
    for finding in findings:
        fix = finding.fix
        if fix is None or (fix.applicability is Applicability.UNSAFE and not unsafe):
            continue
        in_code = any(doc.in_code(e.start, max(e.end, e.start + 1)) for e in fix.edits)
        if in_code and not (fix.relocates and _only_reorders(doc, fix.edits)):
            continue
        if any(taken.touches(e.start, e.end) for e in fix.edits) or _self_overlapping(fix.edits):
            continue
        for edit in fix.edits:
            taken.add(edit.start, edit.end)
        chosen.extend(fix.edits)
        count += 1
        restructures = restructures or fix.restructures
    return sorted(chosen, key=lambda e: (e.start, e.end)), count, restructures


def _only_reorders(doc: Document, edits: tuple[Edit, ...]) -> bool:
    """Does each edit write back exactly the lines it replaces, in another order? Then code
    spans inside them move whole and unchanged."""
    return all(sorted(doc.text[e.start : e.end].split("\n")) == sorted(e.content.split("\n")) for e in edits)


def _self_overlapping(edits: tuple[Edit, ...]) -> bool:
    ordered = sorted((e.start, e.end) for e in edits)
    return any(collide(a, b) for a, b in zip(ordered, ordered[1:]))


def apply_edits(text: str, edits: list[Edit]) -> str:
    parts = []
    position = 0
    for edit in edits:
        parts.append(text[position : edit.start])
        parts.append(edit.content)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


MAX_LAYOUT_ROUNDS = 5


def fix_document(doc: Document, config: Config, *, unsafe: bool = False, layout: bool = True,
                 reports: Literal["all"] | Severity | None = "all") -> FixOutcome:
    """Content fixes until the text settles, then the layout (checked by HTML, block by
    block), repeated until neither changes anything: one run reaches the fixed point.

    ``reports`` says how much of what remains the caller needs from the rules that only
    report: all of it (the default); None, nothing (`fix --check` exits on changes
    alone); or a threshold, when only whether any finding reaches it matters — then they
    are not run if what the fixing rules left already does."""
    options = config.layout_options() if layout else None
    fixing, reporting = _split_by_fix(config.enabled(doc.path))
    outcome = _content_fixes(doc, config, unsafe, fixing)
    if options is None:
        return _with_reports(outcome, config, reporting, reports)
    applied = outcome.applied
    refused: list[tuple[int, str, str]] = []  # (line in the text it was found in, what, that text)
    for _ in range(MAX_LAYOUT_ROUNDS):
        current = outcome.final
        assert current is not None  # every fix pass ends on a parsed document
        laid_out, kept = apply_layout(current, options)
        refused += [(line, what, current.text) for line, what in kept]
        if laid_out is current:
            break
        outcome = _content_fixes(laid_out, config, unsafe, fixing)
        applied += outcome.applied
        if outcome.text != laid_out.text and outcome.final is not None:
            verify_layout(laid_out, outcome.final)
    outcome.applied = applied
    outcome.refused = _refusals_in_original(doc, refused)
    return _with_reports(outcome, config, reporting, reports)


def _split_by_fix(names: list[str]) -> tuple[list[str], list[str]]:
    """(rules that can fix, rules that only report): only the first run on every pass;
    the others (off-topic, duplicate-entry: the costly ones) once, on the final text."""
    fixing = [n for n in names if BY_NAME[n].fix is not FixAvailability.NONE]
    return fixing, [n for n in names if n not in fixing]


def _with_reports(outcome: FixOutcome, config: Config, reporting: list[str],
                  needed: Literal["all"] | Severity | None) -> FixOutcome:
    assert outcome.final is not None
    if not reporting or needed is None:
        return outcome
    if isinstance(needed, Severity) and any(f.severity.rank >= needed.rank for f in outcome.remaining):
        return outcome  # the caller's answer is known without them
    reports = lint(outcome.final, config, only=reporting).findings
    outcome.remaining = sorted(outcome.remaining + reports, key=lambda f: (f.start, f.rule))
    return outcome


def apply_layout(doc: Document, options) -> tuple[Document, list[tuple[int, str]]]:
    """The document in its layout, and the blocks kept as written (line, what) because
    their layout would change the rendered HTML."""
    groups = [g for g in layout_groups(doc, options)
              if not any(doc.in_code(e.start, e.end) or doc.in_html(e.start, max(e.end, e.start + 1)) for e in g.edits)]
    if not groups:
        return doc, []
    before = _html(doc)
    following = _with_groups(doc, groups)
    kept: list[Group] = []
    if _html(following) != before:
        kept = [g for g in groups if _html(_with_groups(doc, [g])) != before]
        groups = [g for g in groups if g not in kept]
        following = _with_groups(doc, groups)
        if _html(following) != before:  # blocks that only change the HTML together: add them one by one
            accepted: list[Group] = []
            for group in groups:
                trial = _with_groups(doc, accepted + [group])
                if _html(trial) == before:
                    accepted.append(group)
                else:
                    kept.append(group)
            groups = accepted
            following = _with_groups(doc, groups)
    if not groups:
        return doc, [(g.line, g.what) for g in kept]
    try:
        verify(doc, following, [])
    except FixError:
        return doc, [(g.line, g.what) for g in groups + kept]
    return following, [(g.line, g.what) for g in kept]


def _with_groups(doc: Document, groups: list[Group]) -> Document:
    edits = sorted((e for g in groups for e in g.edits), key=lambda e: (e.start, e.end))
    return Document(doc.path, apply_edits(doc.text, edits), bom=doc.bom, newline=doc.newline)


def _refusals_in_original(original: Document, refused: list[tuple[int, str, str]]) -> list[Refusal]:
    """Refused blocks at their lines in the file as it was read (fixes before the layout
    may have moved them)."""
    found: dict[tuple[int, str], Refusal] = {}
    for line, what, text in refused:
        line = _original_line(original.lines, text.split("\n"), line) if text != original.text else line
        found.setdefault((line, what), Refusal(line, what))
    return sorted(found.values(), key=lambda r: r.line)


def _original_line(original: list[str], current: list[str], line: int) -> int:
    matcher = difflib.SequenceMatcher(None, original, current, autojunk=False)
    for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if j1 <= line - 1 < j2:
            return i1 + 1 + (min(line - 1 - j1, i2 - i1 - 1) if i2 > i1 else 0)
    return line


def verify_layout(before: Document, after: Document) -> None:
    if _html(before) != _html(after):
        raise FixError(f"{before.path}: fixes after layout changed the rendered HTML unexpectedly; nothing written")


def _html(doc: Document) -> str:
    return " ".join(render_tokens(doc.tokens).split())


def _content_fixes(doc: Document, config: Config, unsafe: bool, fixing: list[str]) -> FixOutcome:
    """Passes of the fixing rules until none has an edit to make."""
    current = doc
    seen = {doc.text}
    applied = 0
    for _ in range(MAX_PASSES):
        result = lint(current, config, only=fixing)
        edits, count, restructures = choose_edits(current, result.findings, unsafe)
        if not edits:
            return FixOutcome(current.text, applied, result.findings, current)
        new_text = apply_edits(current.text, edits)
        if new_text in seen:
            raise FixError(f"{doc.path}: fixes oscillate; nothing written (please report this)")
        seen.add(new_text)
        following = Document(doc.path, new_text, bom=doc.bom, newline=doc.newline)
        verify(current, following, edits, structure=not restructures)
        current = following
        applied += count
    raise FixError(f"{doc.path}: fixes did not converge in {MAX_PASSES} passes; nothing written")


def verify(before: Document, after: Document, edits: list[Edit], *, structure: bool = True) -> None:
    """Raise FixError if ``after`` lost an entry, a link no edit touched, code, or (unless
    a fix is meant to change it) structure."""
    path = before.path
    old_entries, new_entries = entries_of(before), entries_of(after)
    # a restructuring fix may make an entry of a stray line ('-[Foo](…)'), never lose one
    if len(new_entries) < len(old_entries) or (structure and len(new_entries) != len(old_entries)):
        raise FixError(f"{path}: fix would change the entry count ({len(old_entries)} -> {len(new_entries)}); nothing written")
    edited = Spans.merged((e.start, e.end) for e in edits)
    # every link no edit touched is still there, as often as before (entries may have moved)
    remaining = Counter((link.text, link.url) for entry in new_entries for link in entry.links)
    for old in old_entries:
        for link in old.links:
            if edited.touches(link.start, link.end):
                continue
            if remaining[(link.text, link.url)] <= 0:
                raise FixError(
                    f"{path}:{old.line}: fix would lose the link {link.url!r} of entry {old.title!r}; nothing written"
                )
            remaining[(link.text, link.url)] -= 1
    if _code_blocks(before) != _code_blocks(after):
        raise FixError(f"{path}: fix would change a code block; nothing written")
    if structure and _structure(before) != _structure(after):
        line = _first_structure_change(before, after)
        raise FixError(f"{path}:{line}: fix would change the block structure; nothing written")


def _code_blocks(doc: Document) -> list[str]:
    return [t.content for t in doc.tokens if t.type in ("fence", "code_block")]


def _structure(doc: Document) -> list[tuple[str, int]]:
    return [(t.type, t.level) for t in doc.tokens if t.type != "inline"]


def _first_structure_change(before: Document, after: Document) -> int:
    old = [t for t in before.tokens if t.type != "inline"]
    new = [t for t in after.tokens if t.type != "inline"]
    for a, b in zip(old, new):
        if (a.type, a.level) != (b.type, b.level):
            return (a.map[0] + 1) if a.map else 1
    return 1


def encode(doc: Document, text: str) -> bytes:
    """The bytes to write: the file's own line endings and BOM kept."""
    if doc.newline != "\n":
        text = text.replace("\n", doc.newline)
    return ((BOM if doc.bom else "") + text).encode("utf-8")


def write_target(path: str) -> Path:
    """Where writing ``path`` must go: itself, or, for a symlink, the file it points to —
    which must lie inside the same repository (a list linked to ~/.bashrc is not fixed)."""
    link = Path(path)
    if not link.is_symlink():
        return link
    target = link.resolve()
    root = _repository_root(link.absolute().parent)
    if root is not None and not target.is_relative_to(root):
        raise InputError(f"{path}: a symlink to {target}, outside the repository {root}; not written")
    return target


def _repository_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate.resolve()
    return None


def write_atomic(path: str, data: bytes, original: bytes | None = None) -> None:
    """Temp file in the same folder, fsync, then rename over the original, keeping its mode.

    A symlink is written through to its target (see write_target). With ``original``,
    the file must still hold those bytes: a file edited while `fix` ran is not replaced.
    """
    target = write_target(path)
    if original is not None:
        try:
            current = target.read_bytes()
        except OSError:
            current = None
        if current != original:
            raise InputError(f"{path}: changed on disk while it was being fixed; not written (run fix again)")
    mode = target.stat().st_mode & 0o7777 if target.exists() else None
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
