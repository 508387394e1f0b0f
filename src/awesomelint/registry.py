"""The rule registry: one place that knows every rule, its metadata and its options.

A rule is a function ``check(ctx) -> Iterable[Finding]`` registered with ``@rule``.
Its docstring is the rationale printed by ``awesomelint rule NAME`` and the README
table, so the explanation and the code live together (ruff's model).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .entries import entry_name, entry_of_offset
from .findings import Finding, Severity


@dataclass(frozen=True)
class Rule:
    name: str
    summary: str
    severity: Severity
    fix: str  # "safe", "unsafe", "safe or unsafe", "none", "online"
    bad: str
    good: str
    check: Callable[[Context], Iterable[Finding]]
    options: dict[str, Any] = field(default_factory=dict)  # option name -> default
    online: bool = False
    # the document the examples sit in ("{example}" marks where); a rule that judges an
    # entry against the rest of the list needs the rest of the list
    setting: str = "{example}"

    def example(self, kind: str) -> str:
        """The `bad` or `good` example as a whole document, as the examples test runs it."""
        text = self.setting.replace("{example}", getattr(self, kind).strip("\n"))
        return text if text.endswith("\n") else text + "\n"

    @property
    def rationale(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    def explain(self) -> str:
        lines = [
            f"{self.name} ({self.severity.value}{', online' if self.online else ''})",
            "",
            self.summary,
            "",
            "Why:",
            *("  " + line for line in self.rationale.splitlines()),
            "",
            f"Fix: {self.fix}",
            "",
            "Bad:",
            *("  " + line for line in self.bad.strip("\n").splitlines()),
            "",
            "Good:",
            *("  " + line for line in self.good.strip("\n").splitlines()),
        ]
        if self.setting != "{example}":
            lines += ["", "Examples in this setting ({example} marks where):"]
            lines += ["  " + line for line in self.setting.strip("\n").splitlines()]
        if self.options:
            lines += ["", "Options (in .awesomelint.yaml under the rule's name):"]
            lines += [f"  {key}: {value!r}" for key, value in self.options.items()]
        return "\n".join(lines)


REGISTRY: dict[str, Rule] = {}


def rule(
    name: str,
    *,
    summary: str,
    severity: Severity,
    fix: str,
    bad: str,
    good: str,
    options: dict[str, Any] | None = None,
    online: bool = False,
    setting: str = "{example}",
):
    def register(check: Callable[[Context], Iterable[Finding]]):
        if name in REGISTRY:
            raise ValueError(f"rule {name} registered twice")
        REGISTRY[name] = Rule(name, summary, severity, fix, bad, good, check, dict(options or {}), online, setting)
        return check

    return register


def all_rules() -> dict[str, Rule]:
    """Every rule, in the documented order (importing the rules package registers them)."""
    from .rules import ORDER

    if list(REGISTRY) != ORDER:
        ordered = {name: REGISTRY[name] for name in ORDER if name in REGISTRY}
        ordered.update(REGISTRY)
        REGISTRY.clear()
        REGISTRY.update(ordered)
    return REGISTRY


class Context:
    """What a rule reads: the document, its entries and links, options and pattern data."""

    def __init__(self, doc, entries, links, options: dict[str, Any], data):
        self.doc = doc
        self.entries = entries
        self.links = links
        self.options = options
        self.data = data
        self.rule: Rule | None = None

    def finding(self, start: int, end: int, message: str, **kwargs) -> Finding:
        assert self.rule is not None
        kwargs.setdefault("severity", self.rule.severity)
        return Finding(self.rule.name, message, start, end, **kwargs)

    def entry_at(self, offset: int) -> str | None:
        """The title of the entry holding ``offset``, for a finding's ``entry`` field."""
        return entry_name(entry_of_offset(self.entries, self.doc, offset))

    def option(self, key: str) -> Any:
        assert self.rule is not None
        return self.options.get(self.rule.name, {}).get(key, self.rule.options.get(key))
