"""Findings with line/column resolved against their document, as every format needs."""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import Finding
from ..model.document import Document


@dataclass
class Located:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    finding: Finding
    source_line: str
    edits: list[dict]
    related: list[dict]

    @property
    def rule(self) -> str:
        return self.finding.rule

    @property
    def message(self) -> str:
        return self.finding.message

    @property
    def severity(self) -> str:
        return self.finding.severity.value

    def to_dict(self) -> dict:
        fix = None
        if self.finding.fix is not None:
            fix = {"applicability": self.finding.fix.applicability.value, "edits": self.edits}
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "entry": self.finding.entry,
            "related": self.related,
            "fix": fix,
        }


def locate(doc: Document, findings: list[Finding]) -> list[Located]:
    located = []
    for finding in findings:
        line, column = doc.position(finding.start)
        end_line, end_column = doc.position(max(finding.end, finding.start))
        edits = []
        if finding.fix is not None:
            for edit in finding.fix.edits:
                l1, c1 = doc.position(edit.start)
                l2, c2 = doc.position(edit.end)
                edits.append({"line": l1, "column": c1, "end_line": l2, "end_column": c2, "content": edit.content})
        related = [{"path": r.path, "line": r.line} for r in finding.related]
        source = doc.lines[line - 1] if line - 1 < len(doc.lines) else ""
        located.append(Located(doc.path, line, column, end_line, end_column, finding, source, edits, related))
    return located
