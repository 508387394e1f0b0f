"""A report a person reads: in a GitHub job summary ($GITHUB_STEP_SUMMARY) or an issue body.

Totals first, then per file a table of line, rule, severity and message. List text is
untrusted: every character that markdown or HTML could read as markup is escaped, so a
crafted entry can neither break the table nor inject a link, an image or a script. A
file with many findings is folded in <details>. With GITHUB_SERVER_URL,
GITHUB_REPOSITORY and GITHUB_SHA set (as in every Actions job), lines link to the file
at that commit.
"""

from __future__ import annotations

import html
import os
import re
from collections import Counter
from itertools import groupby
from pathlib import Path
from urllib.parse import quote

from .inert import TABLE, inert
from .located import Located

FOLD = 20  # findings a file shows before its table is folded
# What could make markup inside a table cell: emphasis, code, links and images, strikethrough,
# math, the cell's pipe, escapes, mentions and issue references. `<`, `>` and `&` become
# entities. Nothing else is escaped, so the raw report stays readable (no `\:\/\/`).
_MARKUP = set("\\`*_[]!~|$@#")
_URL = re.compile(r"https?://[^\s<>\"'`|\\]+")


def escape(text: str) -> str:
    """Text that renders as itself in a table cell: markup characters escaped, line
    breaks and control characters as spaces or visible escapes."""
    out = []
    for char in text:
        if char in "\r\n\t":
            out.append(" ")
        elif ord(char) in TABLE:  # a control character: its escape, the backslash itself escaped
            out.append("\\" + TABLE[ord(char)])
        elif char in "<>&":
            out.append(html.escape(char, quote=False))
        elif char in _MARKUP:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def _address(url: str) -> tuple[str, str]:
    """A URL and what follows it in a sentence: `https://x.org/a).` is `https://x.org/a` and `).`."""
    cut = len(url)
    while cut and (url[cut - 1] in ".,;:!?'" or (url[cut - 1] == ")" and url[:cut].count(")") > url[:cut].count("("))):
        cut -= 1
    return url[:cut], url[cut:]


def message(text: str) -> str:
    """A finding's message for a cell: its addresses as autolinks (clickable, and shown as
    written: an autolink's text is its target), the rest escaped."""
    out, last = [], 0
    for match in _URL.finditer(text):
        url, rest = _address(match.group())
        if "://" not in url or any(ord(c) < 32 or ord(c) in TABLE for c in url):
            continue
        out += [escape(text[last : match.start()]), "<" + url.replace("|", "%7C") + ">"]
        last = match.start() + len(url)
    out.append(escape(text[last:]))
    return "".join(out)


def code(text: str) -> str:
    """Text as a code span (rule names, paths): shown exactly, never markup."""
    text = inert(text).replace("\n", " ").replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}" if text.startswith("`") or text.endswith("`") else f"{fence}{text}{fence}"


def _line_link(path: str, line: int) -> str:
    server, repository, sha = (os.environ.get(k) for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"))
    if not (server and repository and sha):
        return str(line)
    workspace = Path(os.environ.get("GITHUB_WORKSPACE") or os.getcwd()).resolve()
    try:
        relative = Path(path).resolve().relative_to(workspace).as_posix()
    except ValueError:
        return str(line)
    url = f"{server}/{repository}/blob/{sha}/{quote(relative)}#L{line}"
    return f"[{line}]({url.replace(')', '%29').replace(' ', '%20')})"


def render(items: list[Located], title: str = "awesomelint") -> str:
    """The report under the heading `title` (the CLI names its command there: `awesomelint links`)."""
    if not items:
        return f"## {title}\n\nNo findings.\n"
    counts = Counter(item.severity for item in items)
    files = len({item.path for item in items})
    totals = ", ".join(f"{counts[s]} {s}" for s in ("error", "warning", "info") if counts[s])
    parts = [
        f"## {title}",
        "",
        f"**{len(items)} finding{'s' * (len(items) != 1)}** in {files} file{'s' * (files != 1)}: {totals}.",
        "",
    ]
    for path, group in groupby(sorted(items, key=lambda i: (i.path, i.line, i.column)), key=lambda i: i.path):
        rows = list(group)
        table = ["| line | rule | severity | message |", "|---:|---|---|---|"]
        table += [
            f"| {_line_link(item.path, item.line)} | {code(item.rule)} | {item.severity} | {message(item.message)} |"
            for item in rows
        ]
        title = f"{code(path)} ({len(rows)})"
        if len(rows) > FOLD:
            parts += [
                f"<details><summary>{html.escape(inert(path))}: {len(rows)} findings</summary>",
                "",
                *table,
                "",
                "</details>",
                "",
            ]
        else:
            parts += [f"### {title}", "", *table, ""]
    return "\n".join(parts)
