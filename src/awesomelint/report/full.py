"""The default format: location, rule and message, then the source line with a caret."""

from __future__ import annotations

import click

_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def render(items, colour: bool = False) -> str:
    out = []
    for item in items:
        head = f"{item.path}:{item.line}:{item.column}:"
        rule = item.rule
        if colour:
            head = click.style(head, bold=True)
            rule = click.style(rule, fg=_COLOURS.get(item.severity, "white"), bold=True)
        fixable = ""
        if item.finding.fix is not None:
            fixable = " [fix]" if item.finding.fix.applicability.value == "safe" else " [unsafe fix]"
        out.append(f"{head} {rule} {item.message}{fixable}")
        source = item.source_line.expandtabs(1)
        if len(source) > 200:
            start = max(0, item.column - 80)
            source = ("…" if start else "") + source[start : start + 160] + "…"
            offset = item.column - start - (0 if start == 0 else -1)
        else:
            offset = item.column
        width = max(1, min(item.end_column - item.column, len(source) - offset + 1)) if item.end_line == item.line else 1
        out.append(f"  | {source}")
        caret = " " * (offset - 1) + "^" * width
        out.append(f"  | {click.style(caret, fg='red') if colour else caret}")
        out.append("")
    return "\n".join(out) + ("\n" if out else "")
