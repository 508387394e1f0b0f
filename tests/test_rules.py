"""Each rule on a bad case, a good case and the traps that must stay silent; then the seeds."""

from pathlib import Path

import pytest

from awesomelint.engine.config import parse_config
from awesomelint.engine.linter import lint
from awesomelint.engine.registry import Rule
from awesomelint.findings import Finding
from awesomelint.model.document import Document
from awesomelint.rules import BY_NAME

from .conftest import entry_of, file_findings, findings, seed

TRAPS = """# List

- [[Read the Paper]](https://www.nature.com/articles/s41591-025-04133-4)
- [![badge](https://img.shields.io/badge/x-y-green.svg)](https://github.com/a/b)
- [Wiki](https://en.wikipedia.org/wiki/Foo_(bar)) - a URL with parentheses
- [Ref link][ref] and <https://github.com/c/d> autolink
- \\[not a link\\](https://x.org) escaped brackets
- `[t](https://paper.link](https://x.org)` in code
- [mahmoodlab/uni](https://github.com/MahmoodLab/UNI) matches up to case

<div><a href="http://github.com/x/y?utm_source=z">html [t](https://paper.link](u)</a></div>

```
[SToFM](https://paper.link](https://arxiv.org/pdf/2507.11588)
http://github.com/a/b?utm_source=x ğŸ§ 
```

[ref]: https://github.com/e/f
"""

CONTENT_RULES = [
    "nested-link",
    "placeholder-url",
    "duplicate-entry",
    "mojibake",
    "tracking-param",
    "url-shortener",
    "insecure-url",
    "link-text-mismatch",
    "broken-anchor",
    "list-numbering",
    "table-shape",
]


@pytest.mark.parametrize("rule", CONTENT_RULES)
def test_traps_stay_silent(rule: str) -> None:
    assert findings(TRAPS, rule) == []


def test_every_rule_is_explained_with_examples() -> None:
    for rule in BY_NAME.values():
        assert rule.summary and rule.rationale and rule.bad and rule.good, rule.name
        assert rule.name in rule.explain()


OFFLINE_RULES = [name for name, rule in BY_NAME.items() if not rule.online]


def _example_findings(rule: Rule, kind: str, folder: Path) -> list[Finding]:
    """A rule's example as a README.md in ``folder``, with the files the example has beside it."""
    if not rule.example_files:
        return findings(rule.example(kind), rule.name)
    place = folder / kind
    place.mkdir()
    (place / "README.md").write_text(rule.example(kind))
    for name, text in rule.example_files.get(kind, {}).items():
        (place / name).parent.mkdir(parents=True, exist_ok=True)
        (place / name).write_text(text)
    return file_findings(place / "README.md", rule.name)[1]


@pytest.mark.parametrize("name", OFFLINE_RULES)
def test_a_rules_bad_example_fires_and_its_good_example_does_not(name: str, tmp_path: Path) -> None:
    """The examples `awesomelint rule NAME` shows are whole documents that run."""
    rule = BY_NAME[name]
    fired = {kind: [f for f in _example_findings(rule, kind, tmp_path) if f.rule == name] for kind in ("bad", "good")}
    assert fired["bad"], f"{name}: its bad example finds nothing"
    assert not fired["good"], f"{name}: its good example fires: {[f.message for f in fired['good']]}"


# url-shortener and insecure-url --------------------------------------------------------------


def test_shorteners_and_insecure_urls() -> None:
    assert (
        len(
            findings(
                "- [a](https://t.co/x) [b](https://tinyurl.com/y) [c](https://bitly.example.org)\n", "url-shortener"
            )
        )
        == 2
    )
    (finding,) = findings("- [a](http://github.com/a/b) [b](http://intranet.local/x)\n", "insecure-url")
    assert finding.fix is not None
    assert finding.fix.edits[0].content == "https://github.com/a/b"


# the seeds --------------------------------------------------------------


def test_seed_000_findings() -> None:
    doc, found = file_findings(seed("000"))
    lines = lambda rule: sorted({doc.position(f.start)[0] for f in found if f.rule == rule})
    stofm = next(i + 1 for i, l in enumerate(doc.lines) if l.startswith("| SToFM"))
    irene = next(i + 1 for i, l in enumerate(doc.lines) if l.startswith("| IRENE"))
    gmai = next(i + 1 for i, l in enumerate(doc.lines) if l.startswith("| GMAI"))
    pathbench = next(i + 1 for i, l in enumerate(doc.lines) if l.startswith("| PathBench"))
    assert len([f for f in found if f.rule == "nested-link" and doc.position(f.start)[0] == stofm]) == 2
    assert {gmai, pathbench} <= set(lines("nested-link"))
    assert len([f for f in found if f.rule == "placeholder-url" and doc.position(f.start)[0] == stofm]) == 2
    assert irene in lines("placeholder-url")
    dups = [entry_of(f) for f in found if f.rule == "duplicate-entry"]
    assert sorted(dups) == ["CellPLM", "scFoundation"]
    assert any(f.rule == "tracking-param" for f in found)


def test_seed_001_biomedclip_twice_and_every_mojibake_line() -> None:
    doc, found = file_findings(seed("001"))
    assert [entry_of(f) for f in found if f.rule == "duplicate-entry"][0].startswith("BiomedCLIP")
    bad_lines = {
        i + 1 for i, l in enumerate(doc.lines) if any(m in l for m in ("ğŸ", "â€", "Ã", "âš", "â˜", "â¤", "âœ"))
    }
    flagged = {doc.position(f.start)[0] for f in found if f.rule == "mojibake"}
    assert bad_lines <= flagged


def test_seed_003_short_links() -> None:
    _, found = file_findings(seed("003"))
    assert len([f for f in found if f.rule == "url-shortener"]) == 2


def test_seed_004_numbering_duplicates_tracking_tinyurl_http() -> None:
    doc, found = file_findings(seed("004"))
    rules = {f.rule for f in found}
    assert {"list-numbering", "tracking-param", "url-shortener", "insecure-url", "broken-anchor", "mojibake"} <= rules
    dups = [f for f in found if f.rule == "duplicate-entry"]
    assert len(dups) == 1 and entry_of(dups[0]).lower().startswith("rotation-agnostic")


# rule options -------------------------------------------------------------


def test_a_rule_sees_only_its_own_options() -> None:
    """empty-cell-marker's marker does not leak into table-shape's padding, and a rule asking
    for an option it does not declare is a programming error, not a silent None."""
    from awesomelint.engine.context import Context
    from awesomelint.model.document import Document

    config = parse_config({"empty-cell-marker": {"marker": "N/A"}})
    doc = Document.from_text("| a | b |\n|---|---|\n| 1 |\n", "t.md")
    (found,) = lint(doc, config, only=["table-shape"]).findings
    assert found.fix is not None
    assert found.fix.edits[0].content.strip(" |") == "-"
    context = Context(doc, [], [], {"table-shape": {"marker": "x"}})
    context.rule = BY_NAME["empty-cell-marker"]
    with pytest.raises(KeyError, match="no option 'nope'"):
        context.option("nope")
    assert context.option("marker") is None


# entry titles on real lists ----------------------------------------------


def test_titles_before_paper_links_are_the_text_before_them() -> None:
    from awesomelint.model.entries import entries_of

    text = "# T\n\n* Parallel Generation with State Space Models [[paper](https://arxiv.org/abs/2407.1)] (2024.07.11)\n"
    assert entries_of(Document.from_text(text))[0].title == "Parallel Generation with State Space Models"


# entries and links on real lists --------------------------------------------


def test_a_table_of_contents_laid_out_as_a_table_is_navigation() -> None:
    from awesomelint.model.entries import entries_of

    text = "# T\n\n| [🔧 AutoML](#automl) | [🧵 Data](#data) |\n|---|---|\n| [A](#a) | [B](#b) |\n\n## AutoML\n"
    assert entries_of(Document.from_text(text)) == []


def test_a_link_whose_text_holds_a_code_span_is_still_checked() -> None:
    found = findings(
        "# T\n\n- [`tool` docs](http://github.com/a/b?utm_source=x) - x\n", "tracking-param", "insecure-url"
    )
    assert sorted(f.rule for f in found) == ["insecure-url", "tracking-param"]
    assert (
        findings("# T\n\n```\n[x](http://github.com/a/b?utm_source=x)\n```\n", "tracking-param", "insecure-url") == []
    )
