"""Findings as LSP diagnostics: the finding's span as the range (in the client's
units), severity mapped, ``code`` the rule's name with a link to its documentation,
``source`` awesomelint, and the place a finding names (a duplicate's first place) as
related information."""

from __future__ import annotations

from lsprotocol import types
from pygls.uris import from_fs_path

from ..findings import Severity
from ..report import Located
from ..rules import BY_NAME
from .analysis import Analysis, Problem
from .positions import Lines

SOURCE = "awesomelint"
REPOSITORY = "https://github.com/awesomelint/awesomelint"

SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def rule_docs(rule: str) -> str:
    """Where a rule is documented: its module holds its declaration, examples and rationale
    (what `awesomelint rule NAME` prints)."""
    module = BY_NAME[rule].check.__module__.rsplit(".", 1)[-1] if rule in BY_NAME else "__init__"
    return f"{REPOSITORY}/blob/main/src/awesomelint/rules/{module}.py"


def span_range(lines: Lines, start: int, end: int) -> types.Range:
    line, character = lines.position(start)
    end_line, end_character = lines.position(max(start, end))
    return types.Range(types.Position(line, character), types.Position(end_line, end_character))


def line_range(lines: Lines, line: int) -> types.Range:
    """A whole 0-based line."""
    line = max(0, min(line, len(lines.lines) - 1))
    start = lines.line_start(line)
    return span_range(lines, start, start + len(lines.lines[line]))


def diagnostic(item: Located, lines: Lines, uri: str) -> types.Diagnostic:
    finding = item.finding
    related = []
    for place in finding.related:
        same = place.path == item.path
        target = uri if same else (from_fs_path(place.path) or place.path)
        where = (
            line_range(lines, place.line - 1)
            if same
            else types.Range(types.Position(place.line - 1, 0), types.Position(place.line - 1, 0))
        )
        related.append(
            types.DiagnosticRelatedInformation(
                types.Location(target, where), f"the place this {finding.rule} finding names"
            )
        )
    return types.Diagnostic(
        range=span_range(lines, finding.start, finding.end),
        message=finding.message,
        severity=SEVERITY[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=rule_docs(finding.rule)),
        source=SOURCE,
        related_information=related or None,
    )


def problem_diagnostic(problem: Problem) -> types.Diagnostic:
    return types.Diagnostic(
        range=types.Range(types.Position(0, 0), types.Position(0, 0)),
        message=problem.message,
        severity=SEVERITY[problem.severity],
        code=problem.code,
        source=SOURCE,
    )


def diagnostics(analysis: Analysis, uri: str) -> list[types.Diagnostic]:
    found = [diagnostic(item, analysis.lines, uri) for item in analysis.located]
    if analysis.problem is not None:
        found.insert(0, problem_diagnostic(analysis.problem))
    return found
