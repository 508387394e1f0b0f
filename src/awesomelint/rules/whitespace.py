"""whitespace: trailing spaces, runs of blank lines, a missing final newline."""

from __future__ import annotations

from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Edit, Finding, Fix, Severity
from ..model.document import Document

HABIT = 20  # more places than this are how the file is written, not a slip
TRAILING, BLANK_RUN, END = "trailing whitespace", "blank lines in a row", "end of file"  # kinds a habit can be


def _hard_break_lines(doc: Document) -> set[int]:
    """0-based lines inside a paragraph (not its last) where trailing spaces are a line break."""
    lines: set[int] = set()
    for token in doc.tokens:
        if token.type == "paragraph_open" and token.map:
            lines.update(range(token.map[0], token.map[1] - 1))
    return lines


@rule(
    "whitespace",
    summary="Trailing spaces (not a two-space line break), runs of blank lines, a missing final newline.",
    severity=Severity.INFO,
    fix=FixAvailability.SOMETIMES,
    fix_note="safe, but unsafe where the file's own habit (more than 20 places, or 1 line in 20)",
    options={"habit": HABIT},
    bad="| UNI | ... | ViT-l/16 | \u2420\n\n\n\n## Next",
    good="| UNI | ... | ViT-l/16 |\n\n## Next",
)
def whitespace(ctx: Context) -> Iterator[Finding]:
    """Invisible whitespace makes every later edit of the line a noisy diff, and runs of
    blank lines drift apart between contributors. Two or more spaces ending a paragraph
    line are a markdown line break and are kept. Where trailing spaces (or runs of blank
    lines) are in more than ``habit`` places, or on more than one line in twenty of a
    shorter file (at least 5 places), they are how the file is written: one note
    says so, and its fix (all of them at once) is unsafe, so a default `fix` does not
    turn a contributor's three-line change into a whole-file diff."""
    # a habit: more than `habit` places, or in a short file one line in twenty (at least 5)
    habit = min(ctx.option("habit"), max(5, len(ctx.doc.lines) // 20))
    found = list(_whitespace(ctx))
    for kind in (TRAILING, BLANK_RUN):
        same = [f for k, f in found if k == kind]
        if len(same) <= habit:
            yield from same
            continue
        edits: list[Edit] = []
        for f in same:
            assert f.fix is not None  # every trailing-space and blank-run finding carries its fix
            edits += f.fix.edits
        first = same[0]
        yield Finding(
            first.rule,
            f"{len(same)} places with {kind}: the file's habit, left to `fix --unsafe-fixes`",
            first.start,
            first.end,
            severity=first.severity,
            fix=Fix.unsafe(*edits),
        )
    yield from (f for k, f in found if k not in (TRAILING, BLANK_RUN))


def _whitespace(ctx: Context) -> Iterator[tuple[str, Finding]]:
    """(kind, finding) for every place, before habits are taken into account."""
    doc = ctx.doc
    breaks = _hard_break_lines(doc)
    lines = doc.lines
    last = len(lines) - 1
    blank_run_start = None
    for number, line in enumerate(lines):
        stripped = line.rstrip(" \t")
        if stripped != line and not (number in breaks and line.endswith("  ") and stripped == line.rstrip(" ")):
            base = doc.line_starts[number]
            if (stripped or number != last) and not doc.in_html(base):
                yield (
                    TRAILING,
                    ctx.finding(
                        base + len(stripped),
                        base + len(line),
                        TRAILING,
                        fix=Fix.safe(Edit(base + len(stripped), base + len(line), "")),
                    ),
                )
        if not line.strip():
            if blank_run_start is None:
                blank_run_start = number
        else:
            if (
                blank_run_start is not None
                and number - blank_run_start > 1
                and not doc.in_html(doc.line_starts[number - 1])
            ):
                yield BLANK_RUN, _blank_run(ctx, blank_run_start, number)
            blank_run_start = None
    # at the end of the file: a run of blank lines, or no final newline
    if lines and lines[-1] == "":
        trailing = len(lines) - 1
        while trailing > 0 and not lines[trailing - 1].strip():
            trailing -= 1
        if trailing < len(lines) - 1 and trailing > 0:
            start = doc.line_starts[trailing - 1] + len(lines[trailing - 1])
            yield (
                END,
                ctx.finding(
                    start + 1,
                    len(doc.text),
                    "blank lines at the end of the file",
                    fix=Fix.safe(Edit(start, len(doc.text), "\n")),
                ),
            )
    elif doc.text:
        end = len(doc.text)
        yield (
            END,
            ctx.finding(
                end - len(lines[-1]), end, "no newline at the end of the file", fix=Fix.safe(Edit(end, end, "\n"))
            ),
        )


def _blank_run(ctx: Context, first: int, next_text: int) -> Finding:
    doc = ctx.doc
    start = doc.line_starts[first + 1]
    end = doc.line_starts[next_text]
    count = next_text - first
    return ctx.finding(start, end, f"{count} {BLANK_RUN}", fix=Fix.safe(Edit(start, end, "")))
