"""The rule registry: what a rule is (its declaration; what it reads is context.py).

A rule is a function ``check(ctx) -> Iterable[Finding]`` turned into a :class:`Rule`
by ``@rule``. Its docstring is the rationale printed by ``awesomelint rule NAME`` and the
README table, so the explanation and the code live together (ruff's model). Nothing is
registered as a side effect: ``awesomelint.rules.RULES`` is the explicit, ordered tuple
of every rule, and this module imports none of them.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from ..findings import Finding, Severity

if TYPE_CHECKING:  # a rule's check reads a Context; the registry only names its type
    from .context import Context

AWESOME = "awesome"  # the profile of what sindresorhus/awesome asks of a list
LAYOUT = "layout"  # the rule that shows layout deviations; `fix` lays out by itself, it never runs it


class FixAvailability(Enum):
    """Whether a rule's findings come with a fix (ruff's split: availability here, and
    each fix's own safe/unsafe applicability on the finding)."""

    NONE = "none"  # reports only
    SAFE = "safe"  # every fix it offers applies with plain `fix`
    UNSAFE = "unsafe"  # its fixes need `--unsafe-fixes`
    SOMETIMES = "sometimes"  # safe for some findings, unsafe or none for others: `fix_note` says which


@dataclass(frozen=True)
class Rule:
    name: str
    summary: str
    severity: Severity
    fix: FixAvailability
    fix_note: str  # which findings get which fix, in a phrase
    bad: str
    good: str
    check: Callable[[Context], Iterable[Finding]]
    options: dict[str, Any] = field(default_factory=dict)  # option name -> default
    online: bool = False
    # the document the examples sit in ("{example}" marks where); a rule that judges an
    # entry against the rest of the list needs the rest of the list
    setting: str = "{example}"
    profile: str | None = None  # "awesome": on only under that profile (or when selected by name)
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)  # option name -> its allowed values
    # files beside the README in each example ("bad"/"good" -> name -> text), for rules
    # that judge the repository around the list; the examples test writes them out
    example_files: dict[str, dict[str, str]] = field(default_factory=dict)
    default: bool = True  # on unless deselected; False: only when selected by name (layout)

    def example(self, kind: str) -> str:
        """The `bad` or `good` example as a whole document, as the examples test runs it."""
        text = self.setting.replace("{example}", getattr(self, kind).strip("\n"))
        return text if text.endswith("\n") else text + "\n"

    @property
    def rationale(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    def explain(self) -> str:
        lines = [
            f"{self.name} ({self.severity.value}{', online' if self.online else ''}"
            f"{f', profile {self.profile}' if self.profile else ''}{'' if self.default else ', off unless selected'})",
            "",
            self.summary,
            "",
            "Why:",
            *("  " + line for line in self.rationale.splitlines()),
            "",
            f"Fix: {self.fix.value}" + (f" ({self.fix_note})" if self.fix_note else ""),
            "",
            "Bad:",
            *("  " + line for line in self.bad.strip("\n").splitlines()),
            "",
            "Good:",
            *("  " + line for line in self.good.strip("\n").splitlines()),
        ]
        for kind in ("bad", "good"):
            for name, text in self.example_files.get(kind, {}).items():
                lines += [
                    "",
                    f"Beside the {kind} example, {name}:",
                    *("  " + line for line in text.strip("\n").splitlines()),
                ]
        if self.setting != "{example}":
            lines += ["", "Examples in this setting ({example} marks where):"]
            lines += ["  " + line for line in self.setting.strip("\n").splitlines()]
        if self.options:
            lines += ["", "Options (in .awesomelint.yaml under the rule's name):"]
            lines += [
                f"  {key}: {value!r}" + (f" (one of: {', '.join(self.choices[key])})" if key in self.choices else "")
                for key, value in self.options.items()
            ]
        return "\n".join(lines)


def markdown_table(rules: Iterable[Rule]) -> str:
    """The README's rule table (`awesomelint rules --markdown` prints it; a test keeps
    the README equal to it)."""
    rows = ["| rule | severity | fix | what it finds |", "|---|---|---|---|"]
    for r in rules:
        severity = r.severity.value + (" (online)" if r.online else "") + (f" ({r.profile})" if r.profile else "")
        fix = r.fix.value + (f": {r.fix_note}" if r.fix_note else "")
        rows.append(f"| `{r.name}` | {severity} | {fix} | {r.summary} |")
    return "\n".join(rows) + "\n"


def rule(
    name: str,
    *,
    summary: str,
    severity: Severity,
    fix: FixAvailability,
    fix_note: str = "",
    bad: str,
    good: str,
    options: dict[str, Any] | None = None,
    online: bool = False,
    setting: str = "{example}",
    profile: str | None = None,
    choices: dict[str, tuple[str, ...]] | None = None,
    example_files: dict[str, dict[str, str]] | None = None,
    default: bool = True,
) -> Callable[[Callable[[Context], Iterable[Finding]]], Rule]:
    """Turn a check function into its Rule; list the Rule in ``awesomelint.rules.RULES``."""

    def make(check: Callable[[Context], Iterable[Finding]]) -> Rule:
        return Rule(
            name,
            summary,
            severity,
            fix,
            fix_note,
            bad,
            good,
            check,
            dict(options or {}),
            online,
            setting,
            profile,
            dict(choices or {}),
            dict(example_files or {}),
            default,
        )

    return make
