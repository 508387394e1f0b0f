"""The default format: location, rule and message, then the source line with a caret."""

from __future__ import annotations

import click

from ..rules import BY_NAME
from .inert import inert
from .located import Located

_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def render(items: list[Located], colour: bool = False) -> str:
    out = []
    for item in items:
        head = f"{inert(item.path)}:{item.line}:{item.column}:"
        rule = item.rule
        if colour:
            head = click.style(head, bold=True)
            rule = click.style(rule, fg=_COLOURS.get(item.severity, "white"), bold=True)
        fixable = ""  # what `awesomelint fix` would do: it never uses a link run's verdicts
        if item.finding.fix is not None and not (item.rule in BY_NAME and BY_NAME[item.rule].online):
            fixable = " [fix]" if item.finding.fix.applicability.value == "safe" else " [unsafe fix]"
        out.append(f"{head} {rule} {inert(item.message)}{fixable}")
        raw = item.source_line.expandtabs(1)
        column, end_column = item.column, item.end_column
        if len(raw) > 200:
            start = max(0, column - 80)
            raw = ("…" if start else "") + raw[start : start + 160] + "…"
            column, end_column = column - start + (1 if start else 0), end_column - start + (1 if start else 0)
        # escapes widen the line: place the caret by the escaped text before it
        source = inert(raw)
        offset = len(inert(raw[: column - 1])) + 1
        end_offset = len(inert(raw[: max(end_column - 1, column - 1)])) + 1
        width = max(1, min(end_offset - offset, len(source) - offset + 1)) if item.end_line == item.line else 1
        out.append(f"  | {source}")
        caret = " " * (offset - 1) + "^" * width
        out.append(f"  | {click.style(caret, fg='red') if colour else caret}")
        out.append("")
    return "\n".join(out) + ("\n" if out else "")
