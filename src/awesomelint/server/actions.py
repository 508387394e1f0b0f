"""Code actions and formatting, each edit made by the API and verified as `fix` verifies:

- a finding's fix as a quick fix (safe ones preferred, unsafe ones labelled), the change
  `fix` makes for that finding (``fix_finding``);
- "Fix all safe findings" (``source.fixAll.awesomelint``) and document formatting: what
  `awesomelint fix` writes (``fix_text``: safe fixes and the layout in the file's own
  conventions), as one edit over the lines that change;
- "Disable RULE for this line": the inline comment `<!-- awesomelint-disable-line RULE -->`
  at the end of the line (inside the last cell of a table row, where a comment after
  the row's closing pipe would fall outside the table).
"""

from __future__ import annotations

import re

from lsprotocol import types

from ..api import fix_finding, fix_text
from ..engine.verify import FixError
from ..findings import Applicability, Edit
from ..report import Located
from .analysis import Analysis
from .diagnostics import diagnostic, span_range
from .positions import Lines

FIX_ALL = "source.fixAll.awesomelint"
FIX_ALL_TITLE = "Fix all safe findings (awesomelint fix)"
_DISABLE_LINE = re.compile(r"<!--\s*awesomelint-disable-line\b([^>]*?)(\s*)-->")


def newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def text_edit(lines: Lines, edit: Edit, newline: str) -> types.TextEdit:
    """An edit on the normalized text as an edit on the buffer (its own line ends)."""
    content = edit.content.replace("\n", newline) if newline != "\n" else edit.content
    return types.TextEdit(span_range(lines, edit.start, edit.end), content)


def whole_text_edits(analysis: Analysis, new_text: str) -> list[types.TextEdit]:
    """The change from the buffer to ``new_text`` (line ends as ``\\n``) as one edit over
    the span between the first and the last character that differ; none when nothing does."""
    old = analysis.lines.text
    if new_text == old:
        return []
    start = _common(old, new_text, min(len(old), len(new_text)), prefix=True)
    tail = _common(old, new_text, min(len(old), len(new_text)) - start, prefix=False)
    edit = Edit(start, len(old) - tail, new_text[start : len(new_text) - tail])
    return [text_edit(analysis.lines, edit, newline_of(analysis.text))]


def _common(a: str, b: str, limit: int, *, prefix: bool) -> int:
    """The length of the longest common prefix (suffix) of ``a`` and ``b``, at most
    ``limit``, by bisection on slices (compared in C, not character by character)."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        same = a[:middle] == b[:middle] if prefix else a[len(a) - middle :] == b[len(b) - middle :]
        if same:
            low = middle
        else:
            high = middle - 1
    return low


def fixed_text(analysis: Analysis) -> str | None:
    """What `awesomelint fix` would write for the buffer; None when it would write
    nothing (its verification failed, or the buffer could not be checked)."""
    if analysis.config is None or analysis.problem is not None:
        return None
    try:
        return fix_text(analysis.lines.text, analysis.config, path=analysis.path).text
    except FixError:
        return None


def _overlaps(a: types.Range, b: types.Range) -> bool:
    start_a, end_a = (a.start.line, a.start.character), (a.end.line, a.end.character)
    start_b, end_b = (b.start.line, b.start.character), (b.end.line, b.end.character)
    return start_a <= end_b and start_b <= end_a


def quick_fix(analysis: Analysis, item: Located, uri: str, *, resolve: bool) -> types.CodeAction | None:
    """The change `fix` makes for this finding, or None when it has no fix `fix` applies.
    With ``resolve`` the edit is left to codeAction/resolve: making and verifying it
    reads the list twice (1.4 s for 430 KB), too much for each move of the cursor."""
    fix = item.finding.fix
    if fix is None:
        return None
    safe = fix.applicability is Applicability.SAFE
    title = f"Fix {item.rule}: {item.message}" if safe else f"Fix {item.rule} (unsafe fix): {item.message}"
    action = types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic(item, analysis.lines, uri)],
        is_preferred=safe,
        data={"uri": uri, "rule": item.rule, "start": item.finding.start, "end": item.finding.end},
    )
    if resolve:
        return action
    return resolve_quick_fix(analysis, action)


def resolve_quick_fix(analysis: Analysis, action: types.CodeAction) -> types.CodeAction | None:
    """The quick fix with its edit: the finding it names (rule and span in the buffer as
    it is now) fixed as `fix` fixes it; None when there is no such finding any more or
    `fix` would not apply its fix."""
    data = action.data if isinstance(action.data, dict) else {}
    item = next(
        (
            i
            for i in analysis.located
            if (i.rule, i.finding.start, i.finding.end) == (data.get("rule"), data.get("start"), data.get("end"))
        ),
        None,
    )
    fixed = fix_finding(analysis.lines.text, item.finding, path=analysis.path) if item is not None else None
    if fixed is None:
        return None
    newline = newline_of(analysis.text)
    edits = [text_edit(analysis.lines, e, newline) for e in fixed.edits]
    action.edit = types.WorkspaceEdit(changes={data["uri"]: edits})
    return action


def disable_edit(analysis: Analysis, item: Located) -> types.TextEdit:
    """The inline comment that turns ``item``'s rule off for its line."""
    lines = analysis.lines
    number = lines.position(item.finding.start)[0]
    line = lines.lines[number]
    start = lines.line_start(number)
    existing = _DISABLE_LINE.search(line)
    if existing is not None:  # name the rule in the comment the line already has
        at = start + existing.end(1)
        return text_edit(lines, Edit(at, at, f" {item.rule}"), "\n")
    content = line.rstrip()
    comment = f"<!-- awesomelint-disable-line {item.rule} -->"
    if content.lstrip().startswith("|") and content.endswith("|") and len(content.strip()) > 1:
        at = start + len(content) - 1  # inside the last cell
        return text_edit(lines, Edit(at, at, f"{comment} "), "\n")
    at = start + len(content)
    return text_edit(lines, Edit(at, at, f" {comment}" if content else comment), "\n")


def disable_action(analysis: Analysis, item: Located, uri: str) -> types.CodeAction:
    return types.CodeAction(
        title=f"Disable {item.rule} for this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic(item, analysis.lines, uri)],
        edit=types.WorkspaceEdit(changes={uri: [disable_edit(analysis, item)]}),
    )


def fix_all_action(analysis: Analysis, uri: str, *, resolve: bool) -> types.CodeAction | None:
    """ "Fix all": with ``resolve``, without its edit (computed on codeAction/resolve);
    else with it, or None when `fix` would change nothing."""
    action = types.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL, data={"uri": uri})
    if resolve:
        return action
    return resolve_fix_all(analysis, action)


def resolve_fix_all(analysis: Analysis, action: types.CodeAction) -> types.CodeAction | None:
    new_text = fixed_text(analysis)
    edits = whole_text_edits(analysis, new_text) if new_text is not None else []
    if not edits:
        return None
    uri = action.data["uri"] if isinstance(action.data, dict) else ""
    action.edit = types.WorkspaceEdit(changes={uri: edits})
    return action


def wanted(only: list[str] | None, kind: str) -> bool:
    """Does the request's ``only`` (kinds and their parents) ask for actions of ``kind``?"""
    return only is None or any(kind == k or kind.startswith(k + ".") for k in only)


def code_actions(
    analysis: Analysis, uri: str, at: types.Range, only: list[str] | None, *, resolve: bool
) -> list[types.CodeAction]:
    actions: list[types.CodeAction] = []
    if wanted(only, types.CodeActionKind.QuickFix):
        here = [
            item
            for item in analysis.located
            if _overlaps(span_range(analysis.lines, item.finding.start, item.finding.end), at)
        ]
        for item in here:
            fix = quick_fix(analysis, item, uri, resolve=resolve)
            if fix is not None:
                actions.append(fix)
        actions += [disable_action(analysis, item, uri) for item in here]
    if wanted(only, FIX_ALL) and any(item.finding.fix is not None for item in analysis.located):
        fix_all = fix_all_action(analysis, uri, resolve=resolve)
        if fix_all is not None:
            actions.append(fix_all)
    return actions


def formatting(analysis: Analysis) -> list[types.TextEdit]:
    """Document formatting: what `awesomelint fix` writes, layout included."""
    new_text = fixed_text(analysis)
    return whole_text_edits(analysis, new_text) if new_text is not None else []
