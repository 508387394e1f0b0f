"""`fix --diff`: a unified diff whose every hunk says why it is there.

Each hunk header carries, after its ``@@ … @@``, the reasons for the lines it changes —
the rule and message of each fix (what `check` printed), or ``layout`` and the
convention a block was brought to. Text after the second ``@@`` is a section heading to
`git apply` and `patch`, which ignore it, so the diff still applies as it is.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ..model.document import Document
from ..report.inert import inert
from .fix import Change

MOST_REASONS = 3  # reasons shown in a hunk header before "+N more"
LONGEST_REASON = 100  # characters of one reason's message


def explained_diff(original: Document, after: str, changes: list[Change], path: str) -> str:
    """The diff from ``original`` to ``after``, each hunk header naming its reasons."""
    old = original.text.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    lines_of = [(change, _lines(original, change.spans)) for change in changes]
    out = [f"--- a/{path}\n", f"+++ b/{path}\n"]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for group in matcher.get_grouped_opcodes(3):
        touched = _touched(group)
        reasons = [change for change, lines in lines_of if lines & touched]
        first, last = group[0], group[-1]
        header = f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@"
        out.append(header + (" " + _reasons(reasons) if reasons else "") + "\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(" " + line for line in old[i1:i2])
                continue
            out.extend("-" + line for line in old[i1:i2])
            out.extend("+" + line for line in new[j1:j2])
    # a last line with no line break says so, as diff does, or the patch would not apply
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in out)


def hunk_reasons(original: Document, after: str, changes: list[Change]) -> list[list[Change]]:
    """For each hunk of the diff (no context lines), the changes that explain it: what the
    tests hold `fix` to, every hunk explained."""
    old = original.text.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    lines_of = [(change, _lines(original, change.spans)) for change in changes]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        [change for change, lines in lines_of if lines & _touched(group)] for group in matcher.get_grouped_opcodes(0)
    ]


def _touched(group: list[tuple[str, int, int, int, int]]) -> set[int]:
    """1-based lines of the text as read that a hunk removes, or between which it inserts."""
    touched: set[int] = set()
    for tag, i1, i2, _j1, _j2 in group:
        if tag == "equal":
            continue
        touched.update(range(i1 + 1, i2 + 1))
        if i1 == i2:  # an insertion between lines i1 and i1 + 1
            touched.update((i1, i1 + 1))
    return touched


def _lines(doc: Document, spans: Iterable[tuple[int, int]]) -> set[int]:
    """1-based lines of the text as read that the spans cover (an insertion: its line)."""
    found: set[int] = set()
    size = len(doc.text)
    for start, end in spans:
        first = doc.position(min(start, size))[0]
        last = doc.position(min(max(start, end - 1), size))[0]
        found.update(range(first, last + 1))
        if end > start and end <= size and doc.text[end - 1 : end] == "\n":
            found.add(last + 1)  # a span ending in a line break joins the next line
        if not doc.text[start:end].strip():
            found |= _blank_run(doc, first, last + 1)
    return found


def _blank_run(doc: Document, first: int, last: int) -> set[int]:
    """The blank lines around ``first``..``last`` and the lines that bound them: a diff may
    show a removed or added blank line at any place in a run of them."""
    lines = doc.lines
    while first > 1 and not lines[first - 2].strip():
        first -= 1
    while last < len(lines) and not lines[last].strip():
        last += 1
    return set(range(max(1, first - 1), min(len(lines), last + 1) + 1))


def _reasons(changes: list[Change]) -> str:
    """The hunk's reasons, the most particular first: a trailing-space fix inside a
    section sorted as a whole names itself before the sort."""
    seen: dict[tuple[str, str], Change] = {}
    for change in sorted(changes, key=lambda c: (sum(e - s for s, e in c.spans), c.line)):
        seen.setdefault((change.rule, change.message), change)
    shown = [f"{rule}: {_short(message)}" for rule, message in list(seen)[:MOST_REASONS]]
    more = len(seen) - MOST_REASONS
    return " · ".join(shown) + (f" · +{more} more" if more > 0 else "")


def _short(message: str) -> str:
    message = inert(message.replace("\n", " "))  # spaces kept: "' -  '" is what a separator finding says
    return message if len(message) <= LONGEST_REASON else message[: LONGEST_REASON - 1] + "…"


def _range(start: int, stop: int) -> str:
    """A unified diff's line range, as difflib writes it."""
    beginning, length = start + 1, stop - start
    if length == 1:
        return f"{beginning}"
    if not length:
        beginning -= 1
    return f"{beginning},{length}"
