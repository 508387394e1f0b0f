"""entry-separator: the separator between an entry's link and its description is not the list's own.

'[Name](url) - Description.': an en or em dash, a colon, an arrow, a no-break space, a missing
or doubled space where the list (or, under `profile: awesome`, sindresorhus/awesome) writes ' - '.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import AWESOME, FixAvailability, rule
from ..findings import Edit, Finding, Fix, Severity
from ..model.described import DASHES, described_entries, mark_of

EXPECTED = " - "
_DOMINANT_SHARE = 0.8  # of a list's entries, the share one separator needs to be the list's own
_DOMINANT_MIN = 10  # entries with a separator before a list has a habit to hold others to


def _separator_name(separator: str) -> str:
    shown = separator.replace("\u00a0", "⍽")
    return f"'{shown}'"


@rule(
    "entry-separator",
    summary="The separator between an entry's link and its description differs from the list's own (' - ' under profile awesome): an en/em dash, a colon, an arrow, a no-break space, missing or doubled spaces.",
    severity=Severity.WARNING,
    fix=FixAvailability.SOMETIMES,
    fix_note="safe for spacing or one dash for another (' – ', '-  ' to ' - '; ' ->  ' to ' -> '); unsafe from another mark (':', '->', '--')",
    bad="- [Alpha](https://alpha.example/) - A tool.\n- [Beta](https://beta.example/) – A tool.",
    good="- [Alpha](https://alpha.example/) - A tool.\n- [Beta](https://beta.example/) - A tool.",
    setting=(
        "# Awesome Things\n\n{example}\n"
        + "".join(f"- [Tool {n}](https://tool{n}.example/) - A tool.\n" for n in range(1, 11))
    ),
)
def entry_separator(ctx: Context) -> Iterator[Finding]:
    """Editors turn ' - ' into an en dash, pasted text brings no-break spaces, and one
    entry in a thousand ends up with '-  ' or ' – ': the list reads unevenly and
    scripts that split entries on ' - ' miss it. By default an entry is held to the
    separator the list itself uses (at least 80% of at least 10 entries); a list that
    writes ': ' throughout is left alone. Under `profile: awesome` the separator is
    ' - ', as sindresorhus/awesome asks. A separator is read whole: '->' is an arrow,
    not a hyphen and a stray '>'; shapes the rule does not know ('---->', '- - ') are
    left alone. Changing the spaces around a mark, or one dash for another, is safe;
    replacing another mark (a colon, an arrow, a double dash) is a choice of the
    author's, so its fix is unsafe."""
    entries = described_entries(ctx.doc)
    if ctx.profile == AWESOME:
        expected = EXPECTED
    else:
        counts = Counter(d.separator for d in entries)
        if not counts:
            return
        expected, share = counts.most_common(1)[0]
        if share < _DOMINANT_MIN or share < _DOMINANT_SHARE * len(entries):
            return
    for entry in entries:
        if entry.separator == expected:
            continue
        edit = Edit(entry.separator_start, entry.separator_end, expected)
        mark, wanted = mark_of(entry.separator), mark_of(expected)
        same_kind = mark == wanted or {mark, wanted} <= DASHES  # spacing only, or one dash for another
        yield ctx.finding(
            entry.separator_start,
            max(entry.separator_end, entry.separator_start + 1),
            f"separator {_separator_name(entry.separator)} between '{entry.title}' and its description; "
            f"this list uses {_separator_name(expected)}",
            fix=Fix.safe(edit) if same_kind else Fix.unsafe(edit),
            entry=entry.title,
        )
