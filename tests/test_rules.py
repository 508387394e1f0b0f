"""Each rule on a bad case, a good case and the traps that must stay silent; then the seeds."""

import pytest

from awesomelint.config import parse_config
from awesomelint.document import Document
from awesomelint.linter import lint
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


# nested-link -------------------------------------------------------------

@pytest.mark.parametrize("text, expected, safe", [
    ("[SToFM](https://paper.link](https://arxiv.org/pdf/2507.11588)", "[SToFM](https://arxiv.org/pdf/2507.11588)", True),
    ("[HF]([https://huggingface.co/org/model](https://drive.google.com/x))", "[HF](https://drive.google.com/x)", True),
    ("[b/P]([https://github.com/m/Patho](https://github.com/b/P)", "[b/P](https://github.com/b/P)", True),
    ("[GMAI]([https://ai.nejm.org/a](https://www.nature.com/b))", "[GMAI](https://www.nature.com/b)", False),
    ("[Paper] (https://arxiv.org/abs/2401.00001)", "[Paper](https://arxiv.org/abs/2401.00001)", True),
    ("[Paper](https://arxiv.org/abs/2401.00001 and more", "[Paper](https://arxiv.org/abs/2401.00001)", True),
])
def test_nested_link_rebuilds_one_link(text, expected, safe):
    (finding,) = findings(f"- {text}\n", "nested-link")
    (edit,) = finding.fix.edits
    assert edit.content == expected
    assert (finding.fix.applicability.value == "safe") is safe


def test_nested_link_good_links_pass():
    assert findings("- [a](https://a.org/x) and [b](https://b.org)\n", "nested-link") == []


# duplicate-entry ---------------------------------------------------------

def test_duplicate_by_canonical_url_reports_later_with_related():
    text = "- [A tool](https://www.github.com/o/r/tree/main/)\n- [x](https://x.org)\n- [A tool](http://github.com/O/R)\n"
    (finding,) = findings(text, "duplicate-entry")
    assert finding.related[0].line == 1
    assert "A tool" in finding.message


def test_arxiv_abs_pdf_and_versions_fold():
    text = "- [P one long title here](https://arxiv.org/abs/2401.00001)\n- [P one long title here](https://arxiv.org/pdf/2401.00001v2)\n"
    assert len(findings(text, "duplicate-entry")) == 1


def test_same_url_in_two_cells_of_one_row_is_not_a_duplicate():
    table = "| Name | Code | Weights |\n|---|---|---|\n| A | [GitHub](https://github.com/a/b) | [GitHub](https://github.com/a/b) |\n| B | [GitHub](https://github.com/c/d) | - |\n"
    assert findings(table, "duplicate-entry") == []


def test_different_tools_sharing_a_repo_are_not_duplicates():
    text = "- [uv](https://github.com/astral-sh/uv) - manager\n- [uv-build](https://github.com/astral-sh/uv) - backend\n"
    assert findings(text, "duplicate-entry") == []


# mojibake ---------------------------------------------------------------

def test_mojibake_exact_repairs_are_safe():
    text = "# ğŸ§  Awesome\n\nTrained on 8Ã— A100, a visualâ€“omics model by Cristina Almagro-PÃ©rez.\n"
    found = findings(text, "mojibake")
    repaired = {f.fix.edits[0].content for f in found}
    assert {"🧠", "×", "–", "é"} <= {r.strip() for r in repaired} | {r for r in repaired}
    assert all(f.fix.applicability.value == "safe" for f in found)


def test_mojibake_lost_bytes_that_context_settles_are_safe():
    # a joiner between two emoji, a variation selector after one, the one lowercase candidate
    text = "# ğŸ§  List\n\n- ğŸ§‘â€ğŸ”¬ Authors: MatÃas Courdurier, ğŸ›¡ï¸ shield\n"
    fixes = {f.fix.edits[0].content: f.fix.applicability.value for f in findings(text, "mojibake") if f.fix}
    assert fixes["🧑\u200d🔬"] == "safe" and fixes["í"] == "safe"
    assert fixes["🛡\ufe0f"] == "safe"


def test_mojibake_lost_bytes_with_several_candidates_stay_unsafe_and_say_which():
    text = "# ğŸ§  List\n\n## ğŸ›ï¸ Gallery\n"
    (found,) = [f for f in findings(text, "mojibake") if "Gallery" not in f.message and f.start > 10]
    assert found.fix.applicability.value == "unsafe"
    assert "it may also have been" in found.message and "🛏" in found.message


@pytest.mark.parametrize("text", ["SÃO PAULO and naïve Ångström 3×3 – ok", "中文 and 👩‍🔬 and café » fine", "Ça va, déjà vu"])
def test_mojibake_leaves_real_text_alone(text):
    assert findings(f"# T\n\n{text}\n", "mojibake") == []


# URL hygiene --------------------------------------------------------------

def test_shorteners_and_insecure_urls():
    assert len(findings("- [a](https://t.co/x) [b](https://tinyurl.com/y) [c](https://bitly.example.org)\n", "url-shortener")) == 2
    (finding,) = findings("- [a](http://github.com/a/b) [b](http://intranet.local/x)\n", "insecure-url")
    assert finding.fix.edits[0].content == "https://github.com/a/b"


# link-text-mismatch -----------------------------------------------------

def test_owner_repo_text_contradicting_the_url():
    assert len(findings("- [pro-gigapath/prov-gigapath](https://github.com/prov-gigapath/prov-gigapath)\n", "link-text-mismatch")) == 1
    assert findings("- [gommon/color](https://github.com/labstack/gommon/tree/master/color)\n", "link-text-mismatch") == []


def test_host_word_and_column_outlier():
    assert len(findings("- [HF](https://drive.google.com/x)\n", "link-text-mismatch")) == 1
    rows = "".join(f"| M{i} | [o/r{i}](https://github.com/o/r{i}) |\n" for i in range(5))
    table = "| Name | GitHub |\n|---|---|\n" + rows + "| V | [HF](https://huggingface.co/p/v) |\n"
    (finding,) = findings(table, "link-text-mismatch")
    assert "GitHub column" in finding.message or "column is GitHub" in finding.message


# broken-anchor ------------------------------------------------------------

def test_anchors():
    text = "# Top\n\n- [a](#large-vision-models)\n- [b](#Large-Vision-Models)\n- [c](#nowhere)\n- [d](#ref)\n\n## Large Vision Models\n\n<a name=\"ref\"></a>\n"
    found = findings(text, "broken-anchor")
    assert len(found) == 2
    case_only = [f for f in found if f.fix]
    assert case_only[0].fix.edits[0].content == "#large-vision-models"


def test_anchor_slugs_keep_unicode_and_number_repeats():
    text = "# T\n\n- [a](#über-uns)\n- [b](#faq-1)\n\n## Über uns\n\n## FAQ\n\n## FAQ\n"
    assert findings(text, "broken-anchor") == []


# list-numbering -----------------------------------------------------------

def test_restarted_numbering_is_renumbered():
    text = "17. a\n18. b\n17. c\n    - sub\n"
    (finding,) = findings(text, "list-numbering")
    assert [e.content for e in finding.fix.edits] == ["19"]


def test_renumbering_reindents_sub_bullets_when_a_digit_is_gained():
    text = "".join(f"{n}. item\n" for n in [1, 2, 3, 4, 5, 6, 7, 8, 9, 9]) + "   - sub\n"
    (finding,) = findings(text, "list-numbering")
    assert [e.content for e in finding.fix.edits] == ["10", " "]


def test_lazy_one_numbering_and_good_lists_pass():
    assert findings("1. a\n1. b\n1. c\n", "list-numbering") == []
    assert findings("46. a\n47. b\n", "list-numbering") == []


# whitespace -------------------------------------------------------------

def test_whitespace():
    text = "# T \n\nline with break  \nnext line\n\n\n\n- item\t\n\n| a | b |  \n|---|---|\n| 1 | 2 |"
    found = findings(text, "whitespace")
    messages = [f.message for f in found]
    assert messages.count("trailing whitespace") == 3
    assert any("blank lines" in m for m in messages)
    assert any("no newline" in m for m in messages)


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


def test_seed_002_chex_rows_share_a_title_and_code_weights_rows_are_fine():
    doc, found = file_findings(seed("002"))
    dups = [f for f in found if f.rule == "duplicate-entry"]
    assert len(dups) == 1 and "CheXFound" in dups[0].entry


def test_seed_003_short_links():
    _, found = file_findings(seed("003"))
    assert len([f for f in found if f.rule == "url-shortener"]) == 2


def test_seed_004_numbering_duplicates_tracking_tinyurl_http():
    doc, found = file_findings(seed("004"))
    rules = {f.rule for f in found}
    assert {"list-numbering", "tracking-param", "url-shortener", "insecure-url", "broken-anchor", "mojibake"} <= rules
    dups = [f for f in found if f.rule == "duplicate-entry"]
    assert len(dups) == 1 and dups[0].entry.lower().startswith("rotation-agnostic")


def test_no_mojibake_in_clean_lists():
    from .conftest import CORPUS

    for clean in [seed("000"), seed("003"), *CORPUS]:
        _, found = file_findings(clean, "mojibake")
        assert found == [], clean


# whitespace habits and lazy numbering -------------------------------------

def test_whitespace_that_is_the_files_habit_is_one_unsafe_note():
    text = "# T\n\n" + "".join(f"- [e{i}](https://e{i}.example/) \n" for i in range(25))
    (found,) = findings(text, "whitespace")
    assert found.message.startswith("25 places with trailing whitespace") and found.fix.applicability.value == "unsafe"
    assert len(found.fix.edits) == 25
    few = "# T\n\n" + "".join(f"- [e{i}](https://e{i}.example/){' ' if i < 3 else ''}\n" for i in range(25))
    assert [f.fix.applicability.value for f in findings(few, "whitespace")] == ["safe"] * 3


def test_lazy_numbering_that_continues_a_count_passes():
    text = "21. [a](https://a.example/)\n22. [b](https://b.example/)\n" + "1. [c](https://c.example/)\n" * 8
    assert findings(text, "list-numbering") == []
    assert findings("17. a\n18. b\n17. c\n", "list-numbering")


# real-lists precision -----------------------------------------------------

def test_case_only_anchor_mismatch_is_an_info_note_with_a_safe_fix():
    (found,) = findings("# T\n\n- [Conferences](#Conferences)\n\n## Conferences\n", "broken-anchor")
    assert found.severity.value == "info" and found.fix.edits[0].content == "#conferences"


def test_anchors_written_as_paths_to_this_page_are_checked():
    text = "# T\n\n- [A](./#alpha)\n- [B](README.md#beta)\n- [C](./#gamma)\n\n## Alpha\n\n## Beta\n"
    assert [f.message for f in findings(text, "broken-anchor")] == ["anchor '#gamma' matches no heading on this page"]


def test_back_to_top_links_to_githubs_own_anchors_pass():
    assert findings("# T\n\n[back to top](#readme) [top](#top)\n", "broken-anchor") == []


def test_emoji_headings_answer_to_both_slugs():
    text = "# T\n\n- [Routers](#-routers)\n- [Routers](#\ufe0f-routers)\n\n## ⬆️ Routers\n"
    assert findings(text, "broken-anchor") == []


def test_a_table_of_contents_of_path_anchors_is_not_entries_or_duplicates():
    toc = "".join(f"- [June {i}](./#june-{i}---2025)\n" for i in range(3))
    text = "# T\n\n" + toc + toc + "\n## June 0 - 2025\n\n- [a](https://a.example/) - x\n"
    assert findings(text, "duplicate-entry") == []


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

@pytest.mark.parametrize("text, flagged", [
    ("[bioRxiv](https://doi.org/10.1101/150524)", False),
    ("[arXiv](https://doi.org/10.48550/arXiv.2401.00001)", False),
    ("[Google Drive](https://developers.google.com/drive/)", False),
    ("[bioRxiv](https://doi.org/10.1038/s41586-020-1)", True),
    ("[Google Drive](https://developers.google.com/maps/)", True),
])
def test_link_text_that_names_the_publisher_by_doi_or_the_products_docs(text, flagged):
    assert bool(findings(f"# T\n\n- {text} - a work\n", "link-text-mismatch")) is flagged


def test_double_blank_lines_before_every_section_of_a_short_file_are_its_habit():
    sections = "".join(f"\n\n## S{i}\n\n- [e{i}](https://e{i}.example/)\n" for i in range(8))
    (found,) = findings("# T\n" + sections, "whitespace")
    assert found.message.startswith("8 places with blank lines in a row") and found.fix.applicability.value == "unsafe"
    assert len(findings("# T\n" + sections.replace("\n\n## S", "\n## S", 4), "whitespace")) == 4


# duplicate-entry on real lists --------------------------------------------

def test_same_title_on_two_hosts_with_different_descriptions_is_two_works():
    text = ("# T\n\n- [Neural Networks and Deep Learning](https://course.example/nn) - A free online course with exercises in Python.\n"
            "- [Neural Networks and Deep Learning](https://books.example/nn) - Printed textbook covering theory and proofs.\n")
    assert findings(text, "duplicate-entry") == []
    same_desc = text.replace("Printed textbook covering theory and proofs.", "A free online course with exercises in Python.")
    assert len(findings(same_desc, "duplicate-entry")) == 1


@pytest.mark.parametrize("a, b", [
    ("https://bench.example/eval.php?benchmark=flow", "https://bench.example/eval.php?benchmark=stereo"),
    ("https://play.example/#58I88I", "https://play.example/#947JF6"),
])
def test_a_query_or_a_routing_fragment_that_selects_content_is_another_page(a, b):
    assert findings(f"# T\n\n- [KITTI](<{a}>) - a\n- [KITTI](<{b}>) - b\n", "duplicate-entry") == []


def test_one_site_under_its_usual_spellings_is_one_target():
    text = "# T\n\n- [Bar](https://bar.example/) - x\n- [Bar](http://bar.example) - y\n- [Bar](https://bar.example/index.html) - z\n"
    assert len(findings(text, "duplicate-entry")) == 2


def test_links_in_descriptions_never_make_entries_duplicates():
    text = "# T\n\n- **Alpha** - built on [unicorn](https://unicorn.example/).\n- **Beta** - also built on [unicorn](https://unicorn.example/).\n"
    assert findings(text, "duplicate-entry") == []


def test_names_that_differ_in_a_number_are_two_works_whatever_their_link():
    text = "| Name | Org |\n|---|---|\n| [Swallow 8B](https://blog.example/swallow) | x |\n| [Swallow 70B](https://blog.example/swallow) | x |\n"
    assert findings(text, "duplicate-entry") == []


def test_a_work_in_two_sections_is_silent_by_default_and_one_info_note_on_request():
    text = ("# T\n\n## Stereo\n\n- [KITTI](https://kitti.example/) - x\n- [Other](https://o.example/) - y\n\n"
            "## Optical flow\n\n- [KITTI](https://kitti.example/) - x\n\n## Scene flow\n\n- [KITTI](https://kitti.example/) - x\n")
    assert findings(text, "duplicate-entry") == []  # cross-listing is a choice more often than a slip
    doc = Document.from_text(text, "snippet.md")
    (found,) = lint(doc, parse_config({"duplicate-entry": {"cross-section": True}}), only=["duplicate-entry"]).findings
    assert found.severity.value == "info" and "listed in 3 sections" in found.message
    assert [r.line for r in found.related] == [5, 10]
    within = text.replace("- [Other](https://o.example/) - y", "- [KITTI](https://kitti.example/) - x")
    assert [f.severity.value for f in findings(within, "duplicate-entry")] == ["warning"]


def test_a_paper_under_two_years_stays_a_warning():
    text = "# T\n\n## 2024\n\n- [A Long Paper Title Here](https://p.example/a) - x\n\n## 2023\n\n- [A Long Paper Title Here](https://p.example/a) - x\n"
    (found,) = findings(text, "duplicate-entry")
    assert found.severity.value == "warning"


def test_an_overview_table_without_links_lists_no_works_to_double():
    text = "# T\n\n| Model | Size |\n|---|---|\n| ChatGLM | 6B |\n\n## Models\n\n* ChatGLM：\n  * 地址：https://github.com/THUDM/ChatGLM-6B\n"
    assert findings(text, "duplicate-entry") == []


def test_titles_before_paper_links_are_the_text_before_them():
    from awesomelint.document import Document
    from awesomelint.entries import entries_of

    text = "# T\n\n* Parallel Generation with State Space Models [[paper](https://arxiv.org/abs/2407.1)] (2024.07.11)\n"
    assert entries_of(Document.from_text(text))[0].title == "Parallel Generation with State Space Models"


# missing-link on real lists -----------------------------------------------

def test_a_table_of_contents_laid_out_as_a_table_is_navigation():
    from awesomelint.document import Document
    from awesomelint.entries import entries_of

    text = "# T\n\n| [🔧 AutoML](#automl) | [🧵 Data](#data) |\n|---|---|\n| [A](#a) | [B](#b) |\n\n## AutoML\n"
    assert entries_of(Document.from_text(text)) == []


def test_a_stray_bracket_before_the_address_is_a_nested_link():
    (found,) = findings("# T\n\n- [LLM]([https://github.com/simonw/llm) - CLI tool\n", "nested-link")
    assert "stray '['" in found.message and found.fix.applicability.value == "safe"
    assert found.fix.edits[0].content == "[LLM](https://github.com/simonw/llm)"


def test_a_badge_link_with_two_targets_is_named_and_keeps_its_image():
    (found,) = findings("[![CI](https://ci.example/badge.svg)]([https://a.example/x](https://b.example/y))\n", "nested-link")
    assert found.message.startswith("the badge link is broken")
    assert found.fix.edits[0].content == "[![CI](https://ci.example/badge.svg)](https://b.example/y)"


def test_a_project_about_a_service_is_not_a_link_to_it():
    text = "# T\n\n- [dropbox](https://github.com/ammmir/elixir-dropbox) - Dropbox Core API client.\n- [Paper](https://x.example/p) - see [GitHub](https://gitlab.com/a/b)\n"
    (found,) = findings(text, "link-text-mismatch")
    assert "GitHub" in found.message


def test_a_link_whose_text_holds_a_code_span_is_still_checked():
    found = findings("# T\n\n- [`tool` docs](http://github.com/a/b?utm_source=x) - x\n", "tracking-param", "insecure-url")
    assert sorted(f.rule for f in found) == ["insecure-url", "tracking-param"]
    assert findings("# T\n\n```\n[x](http://github.com/a/b?utm_source=x)\n```\n", "tracking-param", "insecure-url") == []


def test_the_mojibake_character_classes_are_those_of_ftfys_sloppy_codecs():
    """The classes are built with the standard codecs so that ftfy loads only when needed."""
    import ftfy.bad_codecs  # noqa: F401

    from awesomelint.rules import mojibake

    for low, high in ((0x80, 0xBF), (0xC2, 0xF4)):
        sloppy = set()
        for codec in mojibake._CODECS:
            sloppy.update(bytes(range(low, high + 1)).decode(codec, errors="ignore"))
        assert mojibake._chars_for(low, high) == "".join(sorted(sloppy))
