"""missing-scheme: a site address written without https:// gets it (safe for known https hosts)."""

from __future__ import annotations

from ..conftest import findings


def test_links_without_a_scheme_get_https() -> None:
    text = (
        "# T\n\n- [MetaNeighbor](github.com/maggiecrow/MetaNeighbor) - x\n- [Jia-Bin Huang](www.jiabinhuang.com) - y\n"
        "- [Notes](docs/notes.md) [Setup](setup.py) [Top](#t) [Mail](mailto:a@b.org) [Up](../README.md) [Me](https://x.org)\n"
    )
    github, personal = findings(text, "missing-scheme")
    assert github.fix is not None
    assert (
        github.fix.applicability.value == "safe"
        and github.fix.edits[0].content == "https://github.com/maggiecrow/MetaNeighbor"
    )
    assert personal.fix is not None
    assert personal.fix.applicability.value == "unsafe" and "no scheme" in personal.message
