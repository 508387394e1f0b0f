"""GitHub Actions workflow commands. List content is untrusted text: escape it as
GitHub's toolkit does so a crafted title cannot end the command or inject another."""

from __future__ import annotations

from .inert import inert
from .located import Located

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return inert(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(items: list[Located]) -> str:
    lines = []
    for item in items:
        props = ",".join(
            f"{key}={escape_property(str(value))}"
            for key, value in (
                ("file", item.path),
                ("line", item.line),
                ("col", item.column),
                ("endLine", item.end_line),
                ("endColumn", item.end_column),
                ("title", f"awesomelint {item.rule}"),
            )
        )
        lines.append(f"::{_LEVEL.get(item.severity, 'warning')} {props}::{escape_data(item.message)}")
    return "".join(line + "\n" for line in lines)
