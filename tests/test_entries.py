from collections import Counter
from pathlib import Path

import pytest

from awesomelint.model.document import Document
from awesomelint.model.entries import entries_of

from .conftest import CORPUS, corpus, seed


@pytest.mark.parametrize(
    "prefix, count, kind",
    [
        ("000", 84, "table-row"),
        ("001", 14, "card"),
        ("002", 47, "table-row"),
        ("003", 13, "list-item"),
        ("004", 43, "list-item"),
    ],
)
def test_seed_entry_counts(prefix: str, count: int, kind: str) -> None:
    entries = entries_of(Document.from_path(seed(prefix)))
    assert len(entries) == count
    assert {e.kind for e in entries} == {kind}


def test_pathology_items_own_their_sub_bullets_as_fields() -> None:
    entries = entries_of(Document.from_path(seed("004")))
    first = entries[0]
    assert first.title.startswith("Scaling Vision Transformers to Gigapixel Images")
    assert first.fields["Proceedings"].startswith("IEEE/CVF Conference")
    assert [l.text for l in first.links] == ["PDF", "Code"]
    assert first.section[-1] == "Large Vision Models"


def test_cards_have_venue_authors_and_link() -> None:
    card = entries_of(Document.from_path(seed("001")))[0]
    assert card.title == "A multimodal sleep foundation model for disease prediction"
    assert card.fields["venue"] == "Nature Medicine"
    assert "James Zou" in card.fields["Authors"]
    assert card.main_link is not None
    assert card.main_link.url == "https://www.nature.com/articles/s41591-025-04133-4"


def test_table_rows_are_keyed_by_header_and_titled_by_title_column() -> None:
    rows = entries_of(Document.from_path(seed("002")))
    assert rows[0].fields["Year"] == "2025"
    assert rows[0].title.startswith("MRI-CORE")


def test_category_bullets_give_their_sub_bullets_as_entries() -> None:
    doc = Document.from_text(
        "# L\n\n- LLM Gateways\n  - [LiteLLM](https://github.com/BerriAI/litellm) - Call LLM APIs.\n"
        "  - [Portkey](https://github.com/Portkey-AI/gateway) - A gateway.\n- [httpx](https://github.com/encode/httpx) - HTTP.\n"
    )
    titles = [e.title for e in entries_of(doc)]
    assert titles == ["LiteLLM", "Portkey", "httpx"]


def test_linked_bullet_owns_its_sub_bullets() -> None:
    doc = Document.from_text(
        "- [Node.js](https://github.com/a/node) - Runtime.\n  - [Cross-Platform](https://github.com/b/c)\n"
    )
    (entry,) = entries_of(doc)
    assert entry.title == "Node.js" and len(entry.links) == 2


def test_navigation_badges_and_code_are_not_entries() -> None:
    doc = Document.from_text(
        "# T\n\n[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n\n"
        "- [One](#one)\n- [Two](#two)\n\n## One\n\n```\n- [x](https://x.org)\n```\n\n## Two\n"
    )
    assert entries_of(doc) == []


def test_heading_entries_collect_their_description() -> None:
    doc = Document.from_text(
        "# L\n\n## Tools\n\n### [VTK](https://vtk.org/)\n\n> Visualization toolkit.\n\n[Examples](https://x.org/e)\n"
    )
    (entry,) = entries_of(doc)
    assert entry.kind == "heading" and entry.title == "VTK"
    assert "Visualization toolkit." in entry.fields["description"]
    assert [l.url for l in entry.links] == ["https://vtk.org/", "https://x.org/e"]


# per corpus list: the fewest entries it must read (about 95% of what a reader counts) and
# the least share of them with a link of their own
CORPUS_ENTRIES = {
    "avelino__awesome-go.md": (2900, 0.99),
    "vinta__awesome-python.md": (470, 0.99),
    "sindresorhus__awesome.md": (620, 0.99),
    "openmedlab__Awesome-Medical-Dataset.md": (400, 0.99),
    "PLM2233__Awesome-Medical-Foundation-Models.md": (57, 0.9),
    "fepegar__awesome-medical-imaging.md": (34, 0.99),
    "EthicalML__awesome-production-machine-learning.md": (530, 0.98),
    # entries are "* Name" with "地址：https://…" sub-bullets (bare URLs, linked by GitHub); the
    # overview table before them has no links
    "HqWu-HITCS__Awesome-Chinese-LLM.md": (195, 0.9),
    "XiudingCai__Awesome-Mamba-Collection.md": (650, 0.99),
    "akullpp__awesome-java.md": (860, 0.99),  # blockquote cards inside <details>
    "h4cc__awesome-elixir.md": (1430, 0.99),
    "hahajjjun__Awesome-Biomedical-NLP.md": (21, 0.45),  # half its table rows have no link
    "llm-jp__awesome-japanese-llm.md": (400, 0.99),
    "matteocrippa__awesome-swift.md": (1040, 0.99),
    "niderhoff__nlp-datasets.md": (100, 0.99),
    "ossu__computer-science.md": (80, 0.85),
    "sindresorhus__awesome-electron.md": (224, 0.99),
    "thunlp__GNNPapers.md": (438, 0.99),
    "satellite-image-deep-learning__techniques.md": (1630, 0.99),
    "Bogdanp__awesome-advent-of-code.md": (205, 0.97),
    "kdeldycke__awesome-iam.md": (220, 0.99),
    "keon__awesome-nlp.md": (650, 0.99),
    "521xueweihan__HelloGitHub.md": (8, 0.99),  # a grid of issue links and a sponsor table
    "hoya012__deep_learning_object_detection.md": (320, 0.8),  # table rows without a paper link
    "mli__paper-reading.md": (140, 0.99),
    "BradyFU__Awesome-Multimodal-Large-Language-Models.md": (580, 0.99),
    "mahmoud__awesome-python-applications.md": (450, 0.99),
    # deprecated tools are listed unlinked on purpose ('**Name** :warning:')
    "analysis-tools-dev__static-analysis.md": (840, 0.8),
    "agarrharr__awesome-cli-apps.md": (500, 0.99),
    # generated from a YAML file; services as "#### Name" headings with a logo, link and description
    "Lissy93__awesome-privacy.md": (800, 0.98),
    # each app followed by sub-bullets: a screenshot link, its year and language, its stars
    "dkhamsing__open-source-ios-apps.md": (960, 0.99),
    "sorrycc__awesome-javascript.md": (760, 0.99),
}


def test_every_corpus_list_has_an_expectation() -> None:
    assert {p.name for p in CORPUS} <= set(CORPUS_ENTRIES)


@corpus
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_lists_parse_to_plausible_entries(path: Path) -> None:
    entries = entries_of(Document.from_path(path))
    kinds = Counter(e.kind for e in entries)
    minimum, linked = CORPUS_ENTRIES[path.name]
    assert len(entries) >= minimum, kinds
    with_links = sum(1 for e in entries if e.web_links)
    assert with_links >= linked * len(entries)


def test_link_led_sub_bullets_under_a_linked_parent_are_entries_of_their_own() -> None:
    text = (
        "# L\n\n## Tools\n\n* [Cargo](https://cargo.example/) - the package manager.\n"
        "  * [cargo-edit](https://edit.example/) - adds dependencies.\n"
        "  * [cargo-watch](https://watch.example/) - reruns on change.\n"
        "* [Paper](https://paper.example/) - a work\n  * [PDF](https://pdf.example/)\n  * [Code](https://code.example/)\n"
    )
    entries = entries_of(Document.from_text(text))
    assert [e.title for e in entries] == ["Cargo", "cargo-edit", "cargo-watch", "Paper"]
    assert entries[1].section == ["L", "Tools", "Cargo"]
    assert [l.url for l in entries[3].links] == [
        "https://paper.example/",
        "https://pdf.example/",
        "https://code.example/",
    ]


def test_link_led_blockquotes_are_cards() -> None:
    text = (
        "# L\n\n## Build\n\n> **[Maven](https://maven.example/)** <kbd>★ 5k</kbd><br>Declarative builds.\n\n"
        "> **[Gradle](https://gradle.example/)** <kbd>★ 18k</kbd><br>Incremental builds.\n\n> A quoted remark.\n"
    )
    entries = entries_of(Document.from_text(text))
    assert [(e.kind, e.title) for e in entries] == [("card", "Maven"), ("card", "Gradle")]
    assert "Declarative builds." in entries[0].fields["description"]


def test_bare_urls_are_links_as_on_github() -> None:
    text = "# L\n\n* ChatGLM：\n  * 地址：https://github.com/THUDM/ChatGLM-6B\n  * 简介：中文对话模型\n"
    (entry,) = entries_of(Document.from_text(text))
    assert [(l.url, l.kind) for l in entry.links] == [("https://github.com/THUDM/ChatGLM-6B", "autolink")]
