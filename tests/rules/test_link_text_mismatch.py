"""link-text-mismatch: an owner/repo or a site named in the text that the address contradicts,
a column's odd link out, and the publishers and products' docs that are no contradiction."""

from __future__ import annotations

import pytest

from ..conftest import findings


def test_owner_repo_text_contradicting_the_url() -> None:
    assert (
        len(
            findings(
                "- [pro-gigapath/prov-gigapath](https://github.com/prov-gigapath/prov-gigapath)\n", "link-text-mismatch"
            )
        )
        == 1
    )
    assert (
        findings("- [gommon/color](https://github.com/labstack/gommon/tree/master/color)\n", "link-text-mismatch") == []
    )


def test_host_word_and_column_outlier() -> None:
    assert len(findings("- [HF](https://drive.google.com/x)\n", "link-text-mismatch")) == 1
    rows = "".join(f"| M{i} | [o/r{i}](https://github.com/o/r{i}) |\n" for i in range(5))
    table = "| Name | GitHub |\n|---|---|\n" + rows + "| V | [HF](https://huggingface.co/p/v) |\n"
    (finding,) = findings(table, "link-text-mismatch")
    assert "GitHub column" in finding.message or "column is GitHub" in finding.message


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("[bioRxiv](https://doi.org/10.1101/150524)", False),
        ("[arXiv](https://doi.org/10.48550/arXiv.2401.00001)", False),
        ("[Google Drive](https://developers.google.com/drive/)", False),
        ("[bioRxiv](https://doi.org/10.1038/s41586-020-1)", True),
        ("[Google Drive](https://developers.google.com/maps/)", True),
    ],
)
def test_link_text_that_names_the_publisher_by_doi_or_the_products_docs(text: str, flagged: bool) -> None:
    assert bool(findings(f"# T\n\n- {text} - a work\n", "link-text-mismatch")) is flagged


def test_a_project_about_a_service_is_not_a_link_to_it() -> None:
    text = "# T\n\n- [dropbox](https://github.com/ammmir/elixir-dropbox) - Dropbox Core API client.\n- [Paper](https://x.example/p) - see [GitHub](https://gitlab.com/a/b)\n"
    (found,) = findings(text, "link-text-mismatch")
    assert "GitHub" in found.message
