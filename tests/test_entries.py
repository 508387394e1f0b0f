from collections import Counter

import pytest

from awesomelint.document import Document
from awesomelint.entries import entries_of

from .conftest import CORPUS, corpus, seed


@pytest.mark.parametrize("prefix, count, kind", [
    ("000", 84, "table-row"), ("001", 14, "card"), ("002", 47, "table-row"),
    ("003", 13, "list-item"), ("004", 43, "list-item"),
])
def test_seed_entry_counts(prefix, count, kind):
    entries = entries_of(Document.from_path(seed(prefix)))
    assert len(entries) == count
    assert {e.kind for e in entries} == {kind}


def test_pathology_items_own_their_sub_bullets_as_fields():
    entries = entries_of(Document.from_path(seed("004")))
    first = entries[0]
    assert first.title.startswith("Scaling Vision Transformers to Gigapixel Images")
    assert first.fields["Proceedings"].startswith("IEEE/CVF Conference")
    assert [l.text for l in first.links] == ["PDF", "Code"]
    assert first.section[-1] == "Large Vision Models"


def test_cards_have_venue_authors_and_link():
    card = entries_of(Document.from_path(seed("001")))[0]
    assert card.title == "A multimodal sleep foundation model for disease prediction"
    assert card.fields["venue"] == "Nature Medicine"
    assert "James Zou" in card.fields["Authors"]
    assert card.main_link.url == "https://www.nature.com/articles/s41591-025-04133-4"


def test_table_rows_are_keyed_by_header_and_titled_by_title_column():
    rows = entries_of(Document.from_path(seed("002")))
    assert rows[0].fields["Year"] == "2025"
    assert rows[0].title.startswith("MRI-CORE")


def test_category_bullets_give_their_sub_bullets_as_entries():
    doc = Document.from_text(
        "# L\n\n- LLM Gateways\n  - [LiteLLM](https://github.com/BerriAI/litellm) - Call LLM APIs.\n"
        "  - [Portkey](https://github.com/Portkey-AI/gateway) - A gateway.\n- [httpx](https://github.com/encode/httpx) - HTTP.\n"
    )
    titles = [e.title for e in entries_of(doc)]
    assert titles == ["LiteLLM", "Portkey", "httpx"]


def test_linked_bullet_owns_its_sub_bullets():
    doc = Document.from_text("- [Node.js](https://github.com/a/node) - Runtime.\n  - [Cross-Platform](https://github.com/b/c)\n")
    (entry,) = entries_of(doc)
    assert entry.title == "Node.js" and len(entry.links) == 2


def test_navigation_badges_and_code_are_not_entries():
    doc = Document.from_text(
        "# T\n\n[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n\n"
        "- [One](#one)\n- [Two](#two)\n\n## One\n\n```\n- [x](https://x.org)\n```\n\n## Two\n"
    )
    assert entries_of(doc) == []


def test_heading_entries_collect_their_description():
    doc = Document.from_text("# L\n\n## Tools\n\n### [VTK](https://vtk.org/)\n\n> Visualization toolkit.\n\n[Examples](https://x.org/e)\n")
    (entry,) = entries_of(doc)
    assert entry.kind == "heading" and entry.title == "VTK"
    assert "Visualization toolkit." in entry.fields["description"]
    assert [l.url for l in entry.links] == ["https://vtk.org/", "https://x.org/e"]


@corpus
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_lists_parse_to_plausible_entries(path):
    entries = entries_of(Document.from_path(path))
    kinds = Counter(e.kind for e in entries)
    expected_minimum = {"avelino__awesome-go.md": 2500, "vinta__awesome-python.md": 400, "sindresorhus__awesome.md": 500,
                        "openmedlab__Awesome-Medical-Dataset.md": 350, "PLM2233__Awesome-Medical-Foundation-Models.md": 50,
                        "fepegar__awesome-medical-imaging.md": 25}
    assert len(entries) >= expected_minimum[path.name], kinds
    with_links = sum(1 for e in entries if e.web_links)
    assert with_links >= 0.9 * len(entries)
