"""duplicate-entry on the shapes real lists gave it: cross-listings (markdown and HTML
sections, sections that share a name), two works that share a short name (in lists and
in tables' Description column, two repositories), aliases that name their own
repositories, and the misses: tracking parameters, venue tags, spellings of one name, a
description that opens with the other entry's name. Then one address under its
spellings, and what is not a second entry of one work; and a property test: tracking
parameters never make two addresses, other parameters always do."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from awesomelint.engine.config import parse_config
from awesomelint.engine.linter import lint
from awesomelint.findings import Finding
from awesomelint.model.document import Document
from awesomelint.model.urls import canonical

from ..conftest import entry_of, file_findings, findings, seed


def duplicates(text: str, **options: Any) -> list[Finding]:
    """duplicate-entry's findings, with the rule's options as a config would give them."""
    config = parse_config(
        {"select": ["duplicate-entry"], "duplicate-entry": options} if options else {"select": ["duplicate-entry"]}
    )
    return lint(Document.from_text(text, "README.md"), config).findings


# cross-section listings ----------------------------------------------------------

THREE_SECTIONS = (
    "# T\n\n## Stereo\n\n- [KITTI](https://kitti.example/) - x\n- [Other](https://o.example/) - y\n\n"
    "## Optical flow\n\n- [KITTI](https://kitti.example/) - x\n\n## Scene flow\n\n"
    "- [KITTI](https://kitti.example/) - x\n"
)


def test_a_work_in_two_sections_is_silent_by_default() -> None:
    assert duplicates(THREE_SECTIONS) == []


def test_cross_section_true_reports_one_info_note_naming_every_place() -> None:
    (found,) = duplicates(THREE_SECTIONS, **{"cross-section": True})
    assert found.severity.value == "info" and "listed in 3 sections" in found.message
    assert "Stereo" in found.message and "Scene flow" in found.message
    assert [r.line for r in found.related] == [5, 10]


def test_within_one_section_it_is_still_a_warning() -> None:
    within = THREE_SECTIONS.replace("- [Other](https://o.example/) - y", "- [KITTI](https://kitti.example/) - x")
    assert [f.severity.value for f in duplicates(within)] == ["warning"]
    assert sorted(f.severity.value for f in duplicates(within, **{"cross-section": True})) == ["info", "warning"]


def test_a_paper_under_two_year_sections_stays_a_warning() -> None:
    text = "# T\n\n## 2024\n\n- [A Long Paper Title Here](https://p.example/a) - x\n\n## 2023\n\n- [A Long Paper Title Here](https://p.example/a) - x\n"
    (found,) = duplicates(text)
    assert found.severity.value == "warning"


def test_sections_written_as_html_headings_are_sections() -> None:
    text = (
        '# Tools\n\n<a name="c" />\n<h2>C</h2>\n\n- [cppcheck](https://cppcheck.example/) - Checks C.\n\n'
        '<a name="cpp" />\n<h2>C++</h2>\n\n- [cppcheck](https://cppcheck.example/) - Checks C.\n'
    )
    assert duplicates(text) == []
    (note,) = duplicates(text, **{"cross-section": True})
    assert "C++" in note.message
    twice = text.replace("<h2>C++</h2>", "<p>C++</p>")
    assert [f.severity.value for f in duplicates(twice)] == ["warning"]


def test_two_sections_that_share_a_name_are_two_places() -> None:
    text = (
        "# NLP\n\n### Indonesian\n\n### Models\n\n- [Sailor](https://sailor.example/) - covers Indonesian.\n\n"
        "### Thai\n\n### Models\n\n- [Sailor](https://sailor.example/) - covers Thai.\n"
    )
    assert duplicates(text) == []


# two works under one name -----------------------------------------------------------


def test_two_apis_with_one_name_in_a_table_are_two_works() -> None:
    table = (
        "| API | Description | Auth |\n|---|---|---|\n"
        "| [Weather for Small Farms](https://www.agri.example/forecast/api) | Rain forecasts per field | `apiKey` |\n"
        "| [Weather for Small Farms](https://github.com/o/farmradar/wiki) | Radar images of passing storms | No |\n"
    )
    assert duplicates(table) == []
    same = table.replace("Radar images of passing storms", "Rain forecasts per field")
    assert len(duplicates(same)) == 1


def test_two_repositories_under_one_name_are_two_projects_unless_described_alike() -> None:
    text = (
        "# T\n\n* [advent-of-code-ocr](https://github.com/alice/advent-of-code-ocr) -- Command line utility and Haskell "
        "library for parsing AoC ascii art words\n"
        "* [advent-of-code-ocr](https://github.com/bob/advent-of-code-ocr) -- Python module for parsing AoC ascii art words\n"
    )
    assert duplicates(text) == []
    fork = (
        "# T\n\n- [LULC-Mapping-WV3-CORINE-Methods](https://github.com/alice/LULC-Mapping-WV3-CORINE-Methods) -> Land use and land cover mapping "
        "with deep segmentation\n"
        "- [LULC-Mapping-WV3-CORINE-Methods](https://github.com/bob/LULC-Mapping-WV3-CORINE-Methods) -> Land use and land cover mapping "
        "with deep segmentation\n"
    )
    assert len(duplicates(fork)) == 1


def test_one_title_with_aliases_that_name_their_own_repositories_is_two_works() -> None:
    text = (
        "# T\n\n- [SwiftUI Series - Speedrun Challenge (alicedev)](https://github.com/alicedev/SpeedrunChallenge): Replicate a screen\n"
        "- [SwiftUI Series - Speedrun Challenge (bobcoder)](https://github.com/bobcoder/CameraSpeedrun): Replicate a screen\n"
    )
    assert duplicates(text) == []


def test_one_title_under_two_aliases_is_still_a_slip_when_one_has_no_link() -> None:
    table = (
        "| Model | Code |\n|---|---|\n"
        "| A Vision-Language Foundation Model for Chest X-ray Interpretation (CheXagent) | - |\n"
        "| A Vision-Language Foundation Model for Chest X-ray Interpretation (CheXFound) | [GitHub](https://github.com/o/CheXFound) |\n"
    )
    (found,) = duplicates(table)
    assert "copy-paste slip" in found.message


# misses ---------------------------------------------------------------------------


def test_addresses_that_differ_only_in_tracking_parameters_are_one() -> None:
    text = (
        "# T\n\n- [Alpha](https://alpha.example/tool?utm_source=newsletter&id=7) - A.\n"
        "- [Alpha](https://alpha.example/tool?id=7&ref=github.com) - A.\n"
    )
    (found,) = duplicates(text)
    assert "same link target" in found.message


def test_other_query_parameters_still_make_two_addresses() -> None:
    text = (
        "# T\n\n- [KITTI](https://bench.example/eval.php?benchmark=flow&utm_source=x) - a\n"
        "- [KITTI](https://bench.example/eval.php?benchmark=stereo) - b\n"
    )
    assert duplicates(text) == []


def test_a_leading_venue_tag_is_not_part_of_the_name() -> None:
    text = (
        "# T\n\n* DyG-Mamba: Continuous State Space Modeling [[paper](https://arxiv.org/abs/2408.06966)]\n"
        "* (NeurIPS 2025) DyG-Mamba: Continuous State Space Modeling [[paper](https://arxiv.org/abs/2408.06966)]\n"
    )
    (found,) = duplicates(text)
    assert "same link target" in found.message


def test_one_name_spelt_with_and_without_a_hyphen_is_one_name() -> None:
    text = (
        "# T\n\n- [kube-linter](https://github.com/stackrox/kube-linter) - Checks Kubernetes YAML.\n"
        "- [KubeLinter](https://github.com/stackrox/kube-linter) - Checks Kubernetes YAML files.\n"
    )
    assert len(duplicates(text)) == 1


def test_a_description_that_opens_with_the_other_name_makes_one_work() -> None:
    text = (
        "# T\n\n- [MCANet](https://github.com/o/SOLC) -> A joint segmentation framework of optical and SAR images.\n"
        "- [SOLC](https://github.com/o/SOLC) -> MCANet: A joint segmentation framework of optical and SAR images.\n"
    )
    (found,) = duplicates(text)
    assert "opens with the other's name" in found.message
    mentioned = text.replace("-> MCANet: A joint", "-> A toolbox; its MCANet is a joint")
    assert duplicates(mentioned) == []


def test_the_seed_duplicates_are_still_found() -> None:
    doc, found = file_findings(seed("000"), "duplicate-entry")
    assert sorted(entry_of(f) for f in found) == ["CellPLM", "scFoundation"]


def test_seed_002_chex_rows_share_a_title_and_code_weights_rows_are_fine() -> None:
    doc, found = file_findings(seed("002"))
    dups = [f for f in found if f.rule == "duplicate-entry"]
    assert len(dups) == 1 and "CheXFound" in entry_of(dups[0])


# one address, one work ----------------------------------------------------------------


def test_duplicate_by_canonical_url_reports_later_with_related() -> None:
    text = (
        "- [A tool](https://www.github.com/o/r/tree/main/)\n- [x](https://x.org)\n- [A tool](http://github.com/O/R)\n"
    )
    (finding,) = findings(text, "duplicate-entry")
    assert finding.related[0].line == 1
    assert "A tool" in finding.message


def test_arxiv_abs_pdf_and_versions_fold() -> None:
    text = "- [P one long title here](https://arxiv.org/abs/2401.00001)\n- [P one long title here](https://arxiv.org/pdf/2401.00001v2)\n"
    assert len(findings(text, "duplicate-entry")) == 1


def test_same_url_in_two_cells_of_one_row_is_not_a_duplicate() -> None:
    table = "| Name | Code | Weights |\n|---|---|---|\n| A | [GitHub](https://github.com/a/b) | [GitHub](https://github.com/a/b) |\n| B | [GitHub](https://github.com/c/d) | - |\n"
    assert findings(table, "duplicate-entry") == []


def test_different_tools_sharing_a_repo_are_not_duplicates() -> None:
    text = (
        "- [uv](https://github.com/astral-sh/uv) - manager\n- [uv-build](https://github.com/astral-sh/uv) - backend\n"
    )
    assert findings(text, "duplicate-entry") == []


def test_a_table_of_contents_of_path_anchors_is_not_entries_or_duplicates() -> None:
    toc = "".join(f"- [June {i}](./#june-{i}---2025)\n" for i in range(3))
    text = "# T\n\n" + toc + toc + "\n## June 0 - 2025\n\n- [a](https://a.example/) - x\n"
    assert findings(text, "duplicate-entry") == []


# on real lists ----------------------------------------------------------------------


def test_same_title_on_two_hosts_with_different_descriptions_is_two_works() -> None:
    text = (
        "# T\n\n- [Neural Networks and Deep Learning](https://course.example/nn) - A free online course with exercises in Python.\n"
        "- [Neural Networks and Deep Learning](https://books.example/nn) - Printed textbook covering theory and proofs.\n"
    )
    assert findings(text, "duplicate-entry") == []
    same_desc = text.replace(
        "Printed textbook covering theory and proofs.", "A free online course with exercises in Python."
    )
    assert len(findings(same_desc, "duplicate-entry")) == 1


@pytest.mark.parametrize(
    "a, b",
    [
        ("https://bench.example/eval.php?benchmark=flow", "https://bench.example/eval.php?benchmark=stereo"),
        ("https://play.example/#58I88I", "https://play.example/#947JF6"),
    ],
)
def test_a_query_or_a_routing_fragment_that_selects_content_is_another_page(a: str, b: str) -> None:
    assert findings(f"# T\n\n- [KITTI](<{a}>) - a\n- [KITTI](<{b}>) - b\n", "duplicate-entry") == []


def test_one_site_under_its_usual_spellings_is_one_target() -> None:
    text = "# T\n\n- [Bar](https://bar.example/) - x\n- [Bar](http://bar.example) - y\n- [Bar](https://bar.example/index.html) - z\n"
    assert len(findings(text, "duplicate-entry")) == 2


def test_links_in_descriptions_never_make_entries_duplicates() -> None:
    text = "# T\n\n- **Alpha** - built on [unicorn](https://unicorn.example/).\n- **Beta** - also built on [unicorn](https://unicorn.example/).\n"
    assert findings(text, "duplicate-entry") == []


def test_names_that_differ_in_a_number_are_two_works_whatever_their_link() -> None:
    text = "| Name | Org |\n|---|---|\n| [Swallow 8B](https://blog.example/swallow) | x |\n| [Swallow 70B](https://blog.example/swallow) | x |\n"
    assert findings(text, "duplicate-entry") == []


def test_a_work_in_two_sections_is_silent_by_default_and_one_info_note_on_request() -> None:
    text = (
        "# T\n\n## Stereo\n\n- [KITTI](https://kitti.example/) - x\n- [Other](https://o.example/) - y\n\n"
        "## Optical flow\n\n- [KITTI](https://kitti.example/) - x\n\n## Scene flow\n\n- [KITTI](https://kitti.example/) - x\n"
    )
    assert findings(text, "duplicate-entry") == []  # cross-listing is a choice more often than a slip
    doc = Document.from_text(text, "snippet.md")
    (found,) = lint(doc, parse_config({"duplicate-entry": {"cross-section": True}}), only=["duplicate-entry"]).findings
    assert found.severity.value == "info" and "listed in 3 sections" in found.message
    assert [r.line for r in found.related] == [5, 10]
    within = text.replace("- [Other](https://o.example/) - y", "- [KITTI](https://kitti.example/) - x")
    assert [f.severity.value for f in findings(within, "duplicate-entry")] == ["warning"]


def test_a_paper_under_two_years_stays_a_warning() -> None:
    text = "# T\n\n## 2024\n\n- [A Long Paper Title Here](https://p.example/a) - x\n\n## 2023\n\n- [A Long Paper Title Here](https://p.example/a) - x\n"
    (found,) = findings(text, "duplicate-entry")
    assert found.severity.value == "warning"


def test_an_overview_table_without_links_lists_no_works_to_double() -> None:
    text = "# T\n\n| Model | Size |\n|---|---|\n| ChatGLM | 6B |\n\n## Models\n\n* ChatGLM：\n  * 地址：https://github.com/THUDM/ChatGLM-6B\n"
    assert findings(text, "duplicate-entry") == []


# property: tracking parameters ------------------------------------------------------

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
_TRACKING = st.sampled_from(
    [
        "utm_source=news",
        "utm_medium=email",
        "fbclid=IwAR0x",
        "gclid=abc",
        "ref=github.com",
        "ref=https%3A%2F%2Fx.com",
        "mc_cid=1",
        "_hsenc=p2A",
    ]
)
_KEPT = (
    st.tuples(st.sampled_from(["id", "page", "q", "lang", "v", "benchmark", "ref"]), _WORD)
    .map(lambda kv: f"{kv[0]}={kv[1]}")
    .filter(lambda p: not p.startswith("ref=") or "." not in p)
)


@given(
    host=_WORD,
    path=st.lists(_WORD, max_size=3),
    kept=st.lists(_KEPT, max_size=3, unique=True),
    tracking=st.lists(_TRACKING, min_size=1, max_size=3),
    data=st.data(),
)
def test_tracking_parameters_never_make_another_address_and_other_parameters_always_do(
    host: str, path: list[str], kept: list[str], tracking: list[str], data: st.DataObject
) -> None:
    base = f"https://{host}.example/{'/'.join(path)}"
    clean = base + ("?" + "&".join(kept) if kept else "")
    mixed = list(kept)
    for param in tracking:
        mixed.insert(data.draw(st.integers(0, len(mixed))), param)
    assert canonical(base + "?" + "&".join(mixed)) == canonical(clean)
    if kept:
        fewer = base + ("?" + "&".join(kept[1:]) if kept[1:] else "")
        assert canonical(fewer) != canonical(clean)
