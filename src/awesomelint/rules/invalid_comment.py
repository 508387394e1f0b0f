"""invalid-comment: an awesomelint inline comment naming a rule that does not exist."""

from __future__ import annotations

from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..engine.suppress import unknown_names
from ..findings import Finding, Severity


@rule(
    "invalid-comment",
    summary="An awesomelint inline comment naming a rule that does not exist (a typo, an old name): it disables nothing for that name.",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="<!-- awesomelint-disable-next-line insecure-urls -->\n- [Alpha](http://alpha.example/) - Alpha.",
    good="<!-- awesomelint-disable-next-line insecure-url -->\n- [Alpha](http://alpha.example/) - Alpha.",
)
def invalid_comment(ctx: Context) -> Iterator[Finding]:
    """A misspelt name in `<!-- awesomelint-disable … -->` silences nothing, and the author
    believes it does. Like ruff with an invalid `noqa`, the comment is reported on its line
    and the rest of the file is checked as usual: the comment still applies to the names
    it gives right (names may be separated by spaces or commas), and one whose names are
    all unknown applies to nothing. awesome-lint's own `<!--lint …-->` comments are not
    judged: a name with no counterpart here is one of its style rules."""
    for unknown in unknown_names(ctx.doc):
        hint = f" (did you mean '{unknown.suggestion}'?)" if unknown.suggestion else ""
        yield ctx.finding(unknown.start, unknown.end, f"unknown rule '{unknown.name}' in awesomelint comment{hint}")
