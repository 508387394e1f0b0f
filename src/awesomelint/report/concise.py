"""One line a finding: path:line:column: rule message (list text made inert)."""

from __future__ import annotations

from .inert import inert
from .located import Located


def render(items: list[Located]) -> str:
    return "".join(f"{inert(i.path)}:{i.line}:{i.column}: {i.rule} {inert(i.message)}\n" for i in items)
