"""awesome-badge: awesome.re's badge beside the title; a copy of its image elsewhere is pointed back at it."""

from __future__ import annotations

from awesomelint.config import parse_config
from awesomelint.document import Document
from awesomelint.fix import fix_document

from ..conftest import findings


def messages(text: str, rule: str) -> list[str]:
    return [f.message for f in findings(text, rule)]


def fixed(text: str, *rules: str, unsafe: bool = False, profile: str | None = None) -> str:
    raw = {"select": list(rules), **({"profile": profile} if profile else {})}
    config = parse_config(raw)
    once = fix_document(Document.from_text(text, "README.md"), config, unsafe=unsafe, layout=False).text
    again = fix_document(Document.from_text(once, "README.md"), config, unsafe=unsafe, layout=False).text
    assert again == once, "fix is not idempotent"
    return once


def test_the_awesome_badge():
    badge = "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"
    assert messages(f"# Awesome X {badge}\n", "awesome-badge") == []
    (missing,) = findings("# Awesome X\n", "awesome-badge")
    assert missing.fix.applicability.value == "unsafe"
    assert fixed("# Awesome X\n", "awesome-badge", unsafe=True) == f"# Awesome X {badge}\n"
    old = "# Awesome X [![Awesome](https://cdn.rawgit.com/sindresorhus/awesome/d73/media/badge.svg)](https://github.com/sindresorhus/awesome)\n"
    assert fixed(old, "awesome-badge") == ("# Awesome X [![Awesome](https://awesome.re/badge.svg)]"
                                           "(https://github.com/sindresorhus/awesome)\n")
    assert messages('<div align="center"><img src="logo.svg"></div>\n\n# Section\n', "awesome-badge") == []
