"""What rules produce: findings with a location, and optional fixes made of text edits."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """How serious: info 0, warning 1, error 2 (``--fail-on`` compares these)."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Applicability(str, Enum):
    """ruff's split: safe fixes are applied by ``fix``; unsafe ones need ``--unsafe-fixes``."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Edit:
    """Replace the text between two absolute offsets of the document."""

    start: int
    end: int
    content: str


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    restructures: bool = False  # meant to change the block structure (double-marker): `fix` checks the rest
    relocates: bool = False  # only puts whole lines in another order (entry-order): code in them may move

    @classmethod
    def safe(cls, *edits: Edit) -> Fix:
        return cls(tuple(edits), Applicability.SAFE)

    @classmethod
    def unsafe(cls, *edits: Edit) -> Fix:
        return cls(tuple(edits), Applicability.UNSAFE)


@dataclass(frozen=True)
class Related:
    path: str
    line: int


@dataclass
class Finding:
    rule: str
    message: str
    start: int  # absolute offsets into the document text
    end: int
    severity: Severity = Severity.WARNING
    entry: str | None = None
    related: list[Related] = field(default_factory=list)
    fix: Fix | None = None
