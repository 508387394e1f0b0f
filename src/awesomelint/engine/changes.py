"""The lines a change added to each file, for ``--changed-since REF``.

A pull request should fail only for what its contributor added. git answers that:
the merge-base of REF and HEAD, then ``git diff --unified=0`` from there to the working
tree. A line that was only moved (removed in one place, added unchanged in another) is
not new. Findings elsewhere are old rot, the scheduled full check's business.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from dataclasses import replace
from pathlib import Path

from ..errors import InputError
from ..findings import Finding, Related
from ..model.document import Document

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=60)
    except FileNotFoundError:
        raise InputError("--changed-since needs git, and git is not installed") from None


def _root(folder: Path) -> Path:
    found = _git(folder, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise InputError(f"{folder}: not inside a git repository (--changed-since needs one)")
    return Path(found.stdout.strip())


def _base(root: Path, ref: str) -> str:
    if ref.startswith("-"):
        raise InputError(f"--changed-since {ref}: not a revision")
    found = _git(root, "merge-base", ref, "HEAD")
    if found.returncode != 0:
        reason = (found.stderr.strip().splitlines() or ["no common ancestor with HEAD"])[-1]
        raise InputError(f"--changed-since {ref}: not a revision git can compare with HEAD ({reason})")
    return found.stdout.strip()


def added_lines(diff: str) -> set[int]:
    """New-side line numbers of the lines a unified=0 diff adds, less those it only moved."""
    added: list[tuple[int, str]] = []
    removed: Counter = Counter()
    line = 0
    for text in diff.splitlines():
        hunk = _HUNK.match(text)
        if hunk:
            line = int(hunk.group(1))
        elif text.startswith("+") and not text.startswith("+++"):
            added.append((line, text[1:]))
            line += 1
        elif text.startswith("-") and not text.startswith("---"):
            removed[text[1:].strip()] += 1
    new: set[int] = set()
    for number, content in added:
        key = content.strip()
        if key and removed[key] > 0:
            removed[key] -= 1  # moved here from elsewhere in the file
            continue
        new.add(number)
    return new


class ChangedLines:
    """Which lines of each file are new since REF (resolved once per repository)."""

    def __init__(self, ref: str):
        self.ref = ref
        self._bases: dict[Path, str] = {}

    def of(self, path: str) -> set[int]:
        file = Path(path).resolve()
        root = _root(file.parent)
        if root not in self._bases:
            self._bases[root] = _base(root, self.ref)
        relative = file.relative_to(root).as_posix()
        tracked = _git(root, "cat-file", "-e", f"{self._bases[root]}:{relative}").returncode == 0
        if not tracked:  # new since REF (or not even committed): every line is the contributor's
            return set(range(1, len(file.read_text(encoding="utf-8", errors="replace").splitlines()) + 2))
        diff = _git(root, "diff", "--unified=0", "--no-color", "--no-ext-diff", self._bases[root], "--", relative)
        if diff.returncode != 0:
            raise InputError(f"{path}: git diff failed ({diff.stderr.strip()[:200]})")
        return added_lines(diff.stdout)


def only_new(doc: Document, findings: list[Finding], lines: set[int]) -> tuple[list[Finding], int]:
    """The findings a change is answerable for, and how many others were left out.

    A finding counts when one of its lines is new. An entry-level finding on an old line
    that names a new one (an old entry duplicating a new one) is moved to the new line:
    the contributor added the second copy, whichever comes first in the file.
    """
    kept = []
    for finding in findings:
        first = doc.position(finding.start)[0]
        last = doc.position(max(finding.end - 1, finding.start))[0]
        if any(number in lines for number in range(first, last + 1)):
            kept.append(finding)
            continue
        new_related = [r for r in finding.related if r.path == doc.path and r.line in lines]
        if new_related:
            target = new_related[0].line
            start, end = doc.line_span(target)
            others = [r for r in finding.related if r is not new_related[0]] + [Related(doc.path, first)]
            kept.append(replace(finding, start=start, end=end, related=others))
    return kept, len(findings) - len(kept)
