"""Each rule on a bad case, a good case and the traps that must stay silent; then the seeds."""

import pytest

from awesomelint.rules import BY_NAME

from .conftest import file_findings, findings, seed

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

CONTENT_RULES = ["nested-link", "placeholder-url", "duplicate-entry", "mojibake", "tracking-param", "url-shortener",
                 "insecure-url", "link-text-mismatch", "broken-anchor", "list-numbering", "table-shape"]


@pytest.mark.parametrize("rule", CONTENT_RULES)
def test_traps_stay_silent(rule):
    assert findings(TRAPS, rule) == []


def test_every_rule_is_explained_with_examples():
    for rule in BY_NAME.values():
        assert rule.summary and rule.rationale and rule.bad and rule.good, rule.name
        assert rule.name in rule.explain()


OFFLINE_RULES = [name for name, rule in BY_NAME.items() if not rule.online]


def _example_findings(rule, kind, folder):
    """A rule's example as a README.md in ``folder``, with the files the example has beside it."""
    if not rule.example_files:
        return findings(rule.example(kind), rule.name)
    place = folder / kind
    place.mkdir()
    (place / "README.md").write_text(rule.example(kind))
    for name, text in rule.example_files.get(kind, {}).items():
        (place / name).write_text(text)
    return file_findings(place / "README.md", rule.name)[1]


@pytest.mark.parametrize("name", OFFLINE_RULES)
def test_a_rules_bad_example_fires_and_its_good_example_does_not(name, tmp_path):
    """The examples `awesomelint rule NAME` shows are whole documents that run."""
    rule = BY_NAME[name]
    fired = {kind: [f for f in _example_findings(rule, kind, tmp_path) if f.rule == name] for kind in ("bad", "good")}
    assert fired["bad"], f"{name}: its bad example finds nothing"
    assert not fired["good"], f"{name}: its good example fires: {[f.message for f in fired['good']]}"


# placeholder-url ---------------------------------------------------------

@pytest.mark.parametrize("url", ["https://github.com/org/repo", "https://github.com/username/tool", "https://paper.link",
                                 "https://huggingface.co/org/model", "https://arxiv.org/abs/xxxx.xxxxx", "#", "TODO",
                                 "https://example.com/x", "http://localhost:8000"])
def test_placeholder_targets(url):
    assert len(findings(f"- [t]({url})\n", "placeholder-url")) == 1


def test_placeholder_unsafe_fix_fills_owner_repo():
    (finding,) = findings("- [RL4M/IRENE](https://github.com/org/repo)\n", "placeholder-url")
    assert finding.fix.applicability.value == "unsafe"
    assert finding.fix.edits[0].content == "https://github.com/RL4M/IRENE"


def test_placeholder_real_orgs_pass():
    assert findings("- [x](https://github.com/organic/repos) [y](https://github.com/orgs-x/y)\n", "placeholder-url") == []


def test_coming_soon_in_link_column():
    table = "| Name | Code |\n|---|---|\n| A | [GitHub](https://github.com/a/b) |\n| B | Coming soon |\n"
    (finding,) = findings(table, "placeholder-url")
    assert "Coming soon" in finding.message


# URL hygiene --------------------------------------------------------------

def test_tracking_params_are_dropped_keeping_others():
    (finding,) = findings("- [p](https://s.com/a?pes=vor&utm_source=x&getft_integrator=y#Abs1)\n", "tracking-param")
    assert finding.fix.edits[0].content == "https://s.com/a?pes=vor#Abs1"


@pytest.mark.parametrize("url, tracked", [("https://x.org/a?ref=https://githubhelp.com", True), ("https://x.org/a?ref=main", False),
                                          ("https://x.org/a?trk=public_post", True), ("https://x.org/a?fbclid=1&id=2", True),
                                          ("https://x.org/a?page=2", False)])
def test_ref_is_tracking_only_when_it_names_a_site(url, tracked):
    assert bool(findings(f"- [p]({url})\n", "tracking-param")) is tracked


def test_shorteners_and_insecure_urls():
    assert len(findings("- [a](https://t.co/x) [b](https://tinyurl.com/y) [c](https://bitly.example.org)\n", "url-shortener")) == 2
    (finding,) = findings("- [a](http://github.com/a/b) [b](http://intranet.local/x)\n", "insecure-url")
    assert finding.fix.edits[0].content == "https://github.com/a/b"


# tables -----------------------------------------------------------------

def test_table_shape_pads_missing_and_reports_extra():
    table = "| A | B | C |\n|---|---|---|\n| 1 | 2 |\n| 1 | 2 | 3 | 4 |\n| 1 \\| x | 2 | 3 |\n| 1 | - | 3 |\n"
    found = findings(table, "table-shape")
    assert len(found) == 2
    assert found[0].fix.edits[0].content == " - |"
    assert found[1].fix is None and "'4'" in found[1].message


def test_empty_cell_markers():
    table = "| A | B | C |\n|---|---|---|\n| 1 | - | - |\n| 2 | — | |\n| 3 | - | x |\n"
    found = findings(table, "empty-cell-marker")
    assert sorted(f.fix.edits[0].content for f in found) == [" - ", "-"]


# the seeds --------------------------------------------------------------

def _by_rule(path, rule):
    doc, found = file_findings(path, rule)
    return doc, found


def test_seed_000_findings():
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
    dups = [f.entry for f in found if f.rule == "duplicate-entry"]
    assert sorted(dups) == ["CellPLM", "scFoundation"]
    assert any(f.rule == "tracking-param" for f in found)


def test_seed_001_biomedclip_twice_and_every_mojibake_line():
    doc, found = file_findings(seed("001"))
    assert [f.entry for f in found if f.rule == "duplicate-entry"][0].startswith("BiomedCLIP")
    bad_lines = {i + 1 for i, l in enumerate(doc.lines) if any(m in l for m in ("ğŸ", "â€", "Ã", "âš", "â˜", "â¤", "âœ"))}
    flagged = {doc.position(f.start)[0] for f in found if f.rule == "mojibake"}
    assert bad_lines <= flagged


def test_seed_003_short_links():
    _, found = file_findings(seed("003"))
    assert len([f for f in found if f.rule == "url-shortener"]) == 2


def test_seed_004_numbering_duplicates_tracking_tinyurl_http():
    doc, found = file_findings(seed("004"))
    rules = {f.rule for f in found}
    assert {"list-numbering", "tracking-param", "url-shortener", "insecure-url", "broken-anchor", "mojibake"} <= rules
    dups = [f for f in found if f.rule == "duplicate-entry"]
    assert len(dups) == 1 and dups[0].entry.lower().startswith("rotation-agnostic")


# double-marker ------------------------------------------------------------

def test_double_marker_is_reported_and_fixed_keeping_the_entry():
    from awesomelint.config import Config
    from awesomelint.document import Document
    from awesomelint.entries import entries_of
    from awesomelint.fix import fix_document

    text = "# T\n\n* [A](https://a.example/) - a\n* * [Tool](https://t.example/) - t\n  * [Sub](https://s.example/) - s\n* [B](https://b.example/) - b\n"
    (found,) = findings(text, "double-marker")
    assert found.fix.applicability.value == "safe" and "'* *'" in found.message
    once = fix_document(Document.from_text(text), Config())
    assert once.text == text.replace("* * [Tool]", "* [Tool]")
    assert [e.title for e in entries_of(once.final)] == [e.title for e in entries_of(Document.from_text(text))]
    assert fix_document(Document.from_text(once.text), Config()).text == once.text
    assert once.refused == []


@pytest.mark.parametrize("text", ["1. - [x](https://x.example/)\n", "- [a](https://a.example/)\n  - [b](https://b.example/)\n",
                                  "- \\* starred\n", "* ---\n", "- - foo\n"])
def test_double_marker_leaves_meant_nesting_alone(text):
    assert findings(text, "double-marker") == []


# real-lists precision -----------------------------------------------------

def test_an_empty_cell_past_the_header_is_an_info_note_dropped_by_the_fix():
    text = "| a | b |\n|---|---|\n| 1 | 2 | |\n| 3 | 4 | extra |\n"
    empty, extra = findings(text, "table-shape")
    assert empty.severity.value == "info" and empty.fix.edits[0].content == "|"
    assert text[:empty.fix.edits[0].start] + "|" + text[empty.fix.edits[0].end:] == text.replace("| 2 | |", "| 2 |")
    assert extra.severity.value == "error" and extra.fix is None


def test_table_shape_reads_its_own_marker_option():
    from awesomelint.config import parse_config
    from awesomelint.document import Document
    from awesomelint.linter import lint

    config = parse_config({"table-shape": {"marker": "N/A"}})
    doc = Document.from_text("| a | b |\n|---|---|\n| 1 |\n", "t.md")
    (found,) = lint(doc, config, only=["table-shape"]).findings
    assert found.fix.edits[0].content.strip(" |") == "N/A"



def test_a_rule_sees_only_its_own_options():
    """empty-cell-marker's marker does not leak into table-shape's padding, and a rule asking
    for an option it does not declare is a programming error, not a silent None."""
    from awesomelint.config import parse_config
    from awesomelint.document import Document
    from awesomelint.linter import lint
    from awesomelint.registry import Context

    config = parse_config({"empty-cell-marker": {"marker": "N/A"}})
    doc = Document.from_text("| a | b |\n|---|---|\n| 1 |\n", "t.md")
    (found,) = lint(doc, config, only=["table-shape"]).findings
    assert found.fix.edits[0].content.strip(" |") == "-"
    context = Context(doc, [], [], {"table-shape": {"marker": "x"}}, {})
    context.rule = BY_NAME["empty-cell-marker"]
    with pytest.raises(KeyError, match="no option 'nope'"):
        context.option("nope")
    assert context.option("marker") is None

def test_an_entry_about_a_shortener_links_to_it_not_through_it():
    text = ("# APIs\n\n- [Cutt.ly](https://cutt.ly/api-documentation/regular-api) - URL shortener API.\n"
            "- [Bitly](https://bit.ly/pages/api) - Shorten links.\n- [code](https://bit.ly/3xYz) - a tool\n")
    assert [f.message.split("'")[1] for f in findings(text, "url-shortener")] == ["code"]


# entry titles on real lists ---------------------------------------------

def test_titles_before_paper_links_are_the_text_before_them():
    from awesomelint.document import Document
    from awesomelint.entries import entries_of

    text = "# T\n\n* Parallel Generation with State Space Models [[paper](https://arxiv.org/abs/2407.1)] (2024.07.11)\n"
    assert entries_of(Document.from_text(text))[0].title == "Parallel Generation with State Space Models"


# missing-link on real lists -----------------------------------------------

def test_an_overview_table_without_links_and_prose_bullets_have_no_missing_links():
    overview = "# T\n\n| Model | Size |\n|---|---|\n| ChatGLM | 6B |\n| Qwen | 7B |\n"
    prose = ("# T\n\n**Courses must**:\n- Be open for enrollment\n- Run regularly\n"
             "- Match the standards of the [CS 2013](https://cs2013.example/) guidelines\n"
             "- Explore new things:\n  + the **actor model** through [Elixir](https://elixir.example/), a language\n")
    assert findings(overview, "missing-link") == [] and findings(prose, "missing-link") == []


def test_an_entry_among_linked_siblings_still_misses_its_link():
    table = "| Name | Paper |\n|---|---|\n| A | [a](https://a.example/) |\n| B | Cui et al., 2024 |\n"  # ('—' there: nothing to link)
    bullets = "# T\n\n- [A](https://a.example/) - a\n- B - b\n"
    fields = "# T\n\n* A：\n  * 地址：https://a.example/\n* B：\n  * 简介：没有链接\n"
    for text in (table, bullets, fields):
        assert len(findings(text, "missing-link")) == 1, text


def test_a_table_of_contents_laid_out_as_a_table_is_navigation():
    from awesomelint.document import Document
    from awesomelint.entries import entries_of

    text = "# T\n\n| [🔧 AutoML](#automl) | [🧵 Data](#data) |\n|---|---|\n| [A](#a) | [B](#b) |\n\n## AutoML\n"
    assert entries_of(Document.from_text(text)) == []


# tracking-param on real lists ---------------------------------------------

def test_the_lists_own_sponsor_attribution_is_not_tracking():
    text = ("# Awesome Go\n\n- [Sponsor](https://sponsor.example/?utm_campaign=awesome-go&utm_medium=list) - thanks\n"
            "- [Other](https://other.example/?utm_campaign=newsletter) - x\n")
    (found,) = findings(text, "tracking-param")
    assert "Other" in found.message


def test_ref_inside_an_api_call_is_reported_with_an_unsafe_fix():
    text = "# T\n\n- [Domain API](https://api.domain.example/v1/check?ref=domeinnaam.nl&q=x) - x\n- [Blog](https://blog.example/post?ref=news.ycombinator.com) - y\n"
    api, blog = findings(text, "tracking-param")
    assert api.fix.applicability.value == "unsafe" and blog.fix.applicability.value == "safe"


def test_googles_linker_parameter_is_tracking():
    (found,) = findings("# T\n\n- [Paper](https://www.nature.com/articles/s41597?_gl=1*1b99nma*_up*MQ..&gclid=x) - x\n", "tracking-param")
    assert found.fix.edits[0].content == "https://www.nature.com/articles/s41597"


# missing-scheme -------------------------------------------------------------

def test_links_without_a_scheme_get_https():
    text = ("# T\n\n- [MetaNeighbor](github.com/maggiecrow/MetaNeighbor) - x\n- [Jia-Bin Huang](www.jiabinhuang.com) - y\n"
            "- [Notes](docs/notes.md) [Setup](setup.py) [Top](#t) [Mail](mailto:a@b.org) [Up](../README.md) [Me](https://x.org)\n")
    github, personal = findings(text, "missing-scheme")
    assert github.fix.applicability.value == "safe" and github.fix.edits[0].content == "https://github.com/maggiecrow/MetaNeighbor"
    assert personal.fix.applicability.value == "unsafe" and "no scheme" in personal.message


def test_a_link_whose_text_holds_a_code_span_is_still_checked():
    found = findings("# T\n\n- [`tool` docs](http://github.com/a/b?utm_source=x) - x\n", "tracking-param", "insecure-url")
    assert sorted(f.rule for f in found) == ["insecure-url", "tracking-param"]
    assert findings("# T\n\n```\n[x](http://github.com/a/b?utm_source=x)\n```\n", "tracking-param", "insecure-url") == []


