"""empty-cell-marker: a table that marks empty cells in different ways (—, -, –, N/A, blank)."""

from __future__ import annotations

from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Edit, Finding, Fix, Severity
from ..model.emptycells import empty_markers, table_marker


@rule(
    "empty-cell-marker",
    summary="A table that marks empty cells in different ways (—, -, –, N/A, blank).",
    severity=Severity.INFO,
    fix=FixAvailability.SAFE,
    fix_note="the table's most common marker, or the configured one",
    bad="| Model | Weights | Code |\n|---|---|---|\n| UNI | [HF](https://huggingface.co/MahmoodLab/uni) | — |\n| CHIEF | - | N/A |\n| CONCH | [HF](https://huggingface.co/MahmoodLab/conch) | - |",
    good="| Model | Weights | Code |\n|---|---|---|\n| UNI | [HF](https://huggingface.co/MahmoodLab/uni) | - |\n| CHIEF | - | - |\n| CONCH | [HF](https://huggingface.co/MahmoodLab/conch) | - |",
    options={"marker": None},
)
def empty_cell_marker(ctx: Context) -> Iterator[Finding]:
    """One table, one way of saying "nothing here": mixed markers read as if they meant
    different things (is '—' unknown and '-' none?), and they defeat sorting and
    filtering when the list is exported."""
    doc = ctx.doc
    markers = empty_markers()
    configured = ctx.option("marker")
    for table in doc.tables:
        count, body = table.columns, table.body
        cells = [(line, cell) for line in body for cell in doc.row_cells(line)[:count] if cell.text in markers]
        kinds = {cell.text for _, cell in cells}
        if len(kinds) < 2 and not (configured and kinds and kinds != {configured}):
            continue
        marker = table_marker(doc, body, markers, configured)
        for line, cell in cells:
            if cell.text == marker:
                continue
            base = doc.line_starts[line]
            if cell.text:
                edit = Edit(base + cell.start, base + cell.end, marker)
                shown = f"'{cell.text}'"
            else:
                edit = Edit(base + cell.raw_start, base + cell.raw_end, f" {marker} ")
                shown = "a blank cell"
            yield ctx.finding(
                base + cell.raw_start,
                base + cell.raw_end,
                f"{shown} marks an empty cell; this table uses '{marker}'",
                fix=Fix.safe(edit),
            )
