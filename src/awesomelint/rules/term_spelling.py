"""term-spelling: a well-known name misspelled in text ('Javascript', 'Github', 'Nodejs').

Under `profile: awesome`; the names and their wrong forms are data, rules/terms.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from .. import data
from ..engine.context import Context
from ..engine.registry import AWESOME, FixAvailability, rule
from ..findings import Edit, Finding, Fix, Severity
from ..model.linkspans import links_by_inline


@cache
def _terms() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every wrong form (longest first), and wrong form -> right form."""
    right_of = {wrong: right for right, wrongs in data.load("terms")["terms"].items() for wrong in wrongs}
    forms = "|".join(re.escape(w) for w in sorted(right_of, key=len, reverse=True))
    return re.compile(r"(?<![\w./_-])(?:" + forms + r")(?![\w/_-]|[.-]\w)"), right_of


@rule(
    "term-spelling",
    summary="A well-known name misspelled in text ('Javascript', 'Github', 'Nodejs'; the list is rules/terms.yaml).",
    severity=Severity.WARNING,
    fix=FixAvailability.UNSAFE,
    fix_note="write the name as its owner does",
    bad="- [Alpha](https://alpha.example/) - A Javascript tool on Github.",
    good="- [Alpha](https://alpha.example/) - A JavaScript tool on GitHub.",
    profile=AWESOME,
)
def term_spelling(ctx: Context) -> Iterator[Finding]:
    """Names spelled as their owners spell them read as care. Only text is read:
    code, URLs and link targets are left alone, a name joined to '.', '-', '_' or '/'
    is part of something else ('github.com', 'node.js-foo'), and an all-lower-case form
    is not judged in link text, where it is usually a package's own name. 'Github.' at
    the end of a sentence is still 'Github'."""
    doc = ctx.doc
    pattern, right_of = _terms()
    by_inline = links_by_inline(doc)
    for token in doc.tokens:
        if token.type != "inline" or not token.map:
            continue
        links = by_inline.get(id(token), [])
        for match in pattern.finditer(token.content):
            wrong = match.group(0)
            right, lower = right_of[wrong], wrong == wrong.lower()
            start, end = doc.inline_span(token, match.start(), match.end())
            if doc.in_code(start) or doc.in_html(start) or doc.text[start:end] != match.group(0):
                continue
            around = [link for link in links if link.start <= start < link.end]
            if any(link.kind == "autolink" or (link.dest and link.dest[0] <= start < link.dest[1]) for link in around):
                continue  # a URL
            if lower and around:
                continue  # 'pytorch' in link text is the package's name
            yield ctx.finding(
                start,
                end,
                f"'{match.group(0)}' is spelled '{right}'",
                fix=Fix.unsafe(Edit(start, end, right)),
                entry=ctx.entry_at(start),
            )
