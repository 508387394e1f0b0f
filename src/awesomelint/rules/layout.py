"""layout: the blocks `fix` would lay out in the file's own conventions, shown as findings."""

from __future__ import annotations

from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import LAYOUT, FixAvailability, rule
from ..findings import Finding, Fix, Severity


@rule(
    LAYOUT,
    summary="A block laid out unlike the rest of the file (a '-' list among '*' lists, an unpadded row in an aligned table…): what `fix` rewrites as layout.",
    severity=Severity.INFO,
    fix=FixAvailability.SOMETIMES,
    fix_note="`fix` writes the file's own convention; a block of more than layout.max-lines (20) lines only with --unsafe-fixes",
    bad="* [Alpha](https://alpha.example/) - A.\n* [Beta](https://beta.example/) - B.",
    good="- [Alpha](https://alpha.example/) - A.\n- [Beta](https://beta.example/) - B.",
    setting=(
        "# Awesome Things\n\n## Tools\n\n"
        + "".join(f"- [Tool {n}](https://tool{n}.example/) - T.\n" for n in range(8))
        + "\n## More\n\n{example}\n"
    ),
    default=False,
)
def layout(ctx: Context) -> Iterator[Finding]:
    """Every hunk `fix` writes has a reason `check` can show: content fixes have their
    rules, and layout has this one. It is off unless selected (`check --select layout`),
    since a layout difference is a matter of form, not a defect: each finding names the
    block, the convention the file follows and how much of the file follows it, and is
    exactly what `fix` would rewrite (blocks whose rewrite would change the rendered
    HTML are not shown: `fix` keeps them as written). A block whose layout would rewrite
    more than `layout.max-lines` lines (20; a long table re-padded, a long list's
    markers) is a diff of invisible changes that would bury the real ones: its fix waits
    for `--unsafe-fixes`. A generated list, or a config with `layout: false`, has none."""
    if ctx.layout is None or ctx.generated is not None:
        return
    from ..engine.layoutpass import describe, describe_large, layout_pass  # the layout engine: loaded when asked for

    laid_out = layout_pass(ctx.doc, ctx.layout)
    large = {id(group) for group in laid_out.large}
    for group in laid_out.applied + laid_out.large:
        # the finding names the block's lines: from the first line an edit touches to the last
        first = ctx.doc.position(min(e.start for e in group.edits))[0]
        last = ctx.doc.position(max(e.end for e in group.edits))[0]
        start, end = ctx.doc.line_starts[first - 1], ctx.doc.line_span(last)[1]
        if id(group) in large:
            yield ctx.finding(
                start,
                max(end, start + 1),
                describe_large(group),
                fix=Fix.unsafe(*group.edits),
                entry=ctx.entry_at(start),
            )
        else:
            yield ctx.finding(
                start, max(end, start + 1), describe(group), fix=Fix.safe(*group.edits), entry=ctx.entry_at(start)
            )
