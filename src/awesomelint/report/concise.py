"""One line a finding: path:line:column: rule message (list text made inert); `[*]` after the
rule when `awesomelint fix` fixes it (a safe fix of an offline rule), as ruff marks them."""

from __future__ import annotations

from ..rules import BY_NAME
from .inert import inert
from .located import Located


def _marker(item: Located) -> str:
    fix = item.finding.fix
    safe = fix is not None and fix.applicability.value == "safe"
    return " [*]" if safe and item.rule in BY_NAME and not BY_NAME[item.rule].online else ""


def render(items: list[Located]) -> str:
    return "".join(f"{inert(i.path)}:{i.line}:{i.column}: {i.rule}{_marker(i)} {inert(i.message)}\n" for i in items)
