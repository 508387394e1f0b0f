"""Run the enabled rules over one Document and return its findings, suppressions applied."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..findings import Finding
from ..links.verdict import Verdict
from ..model.document import Document
from ..model.entries import entries_of, links_of
from ..model.generated import generated
from ..rules import BY_NAME
from .config import Config
from .context import Context, LinkRun, OwnRepository
from .registry import LAYOUT
from .suppress import Suppressions


@dataclass
class Result:
    doc: Document
    findings: list[Finding]


def lint(
    doc: Document,
    config: Config,
    *,
    online: bool = False,
    only: list[str] | None = None,
    link_results: Mapping[str, Verdict] | None = None,
    repository: OwnRepository | None = None,
    links_only: bool = False,
    new_lines: Iterable[int] | None = None,
) -> Result:
    """Findings of the enabled rules; ``link_results`` (url -> Verdict) feeds the online
    rules, ``repository`` (owner/name, its metadata or why there is none) repo-metadata;
    ``links_only`` (`awesomelint links`): rules that also judge offline say only what the
    link-check run taught them. ``new_lines`` (with --changed-since): the lines added since
    the revision, for the rules that judge an addition against what was there."""
    rules = BY_NAME
    names = only if only is not None else config.enabled(doc.path, online=online)
    link_run = LinkRun(link_results or {}, repository, links_only)
    context = Context(
        doc,
        entries_of(doc),
        links_of(doc),
        config.options,
        link_run,
        profile=config.profile,
        layout=config.layout_options() if LAYOUT in names else None,  # the layout engine loads only when asked for
        generated=generated(doc, config.generated),
        enabled=frozenset(names),
        new_lines=None if new_lines is None else frozenset(new_lines),
    )
    suppressions = Suppressions(doc, set(rules))
    findings: list[Finding] = []
    for name in names:
        rule = rules[name]
        context.rule = rule
        for finding in rule.check(context):
            if doc.in_code(finding.start) and finding.start < len(doc.text):
                continue  # nothing that starts inside code is reported (a link whose text holds a code span is)
            line = doc.position(finding.start)[0]
            if not suppressions.suppressed(name, line):
                findings.append(finding)
    findings.sort(key=lambda f: (f.start, f.rule))
    return Result(doc, findings)
