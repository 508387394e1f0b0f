"""awesome-badge: awesome.re's badge beside the title; a copy of its image elsewhere is pointed back at it."""

from __future__ import annotations

from ..conftest import findings, fixed, messages


def test_the_awesome_badge() -> None:
    badge = "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"
    assert messages(f"# Awesome X {badge}\n", "awesome-badge") == []
    (missing,) = findings("# Awesome X\n", "awesome-badge")
    assert missing.fix is not None
    assert missing.fix.applicability.value == "unsafe"
    assert fixed("# Awesome X\n", "awesome-badge", unsafe=True) == f"# Awesome X {badge}\n"
    old = "# Awesome X [![Awesome](https://cdn.rawgit.com/sindresorhus/awesome/d73/media/badge.svg)](https://github.com/sindresorhus/awesome)\n"
    assert fixed(old, "awesome-badge") == (
        "# Awesome X [![Awesome](https://awesome.re/badge.svg)](https://github.com/sindresorhus/awesome)\n"
    )
    assert messages('<div align="center"><img src="logo.svg"></div>\n\n# Section\n', "awesome-badge") == []
