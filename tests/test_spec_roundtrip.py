"""Every CommonMark spec example through `fix`: the output renders to the same HTML.

The examples come as data in markdown-it-py's source distribution on PyPI; the fixture
fetches it from the package registry (the one network this project's tests may use).
"""

import json
import subprocess
import sys
import tarfile
from typing import Any

import markdown_it
import pytest

from awesomelint.engine.config import parse_config
from awesomelint.engine.fix import fix_document
from awesomelint.model.document import Document
from awesomelint.model.markdown import render


@pytest.fixture(scope="session")
def spec_examples(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("spec")
    version = markdown_it.__version__
    download = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--no-binary",
            ":all:",
            f"markdown-it-py=={version}",
            "--dest",
            str(folder),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    archives = list(folder.glob("*.tar.gz"))
    if download.returncode != 0 or not archives:
        pytest.skip(f"the package registry did not give markdown-it-py {version}'s sources: {download.stderr[-200:]}")
    with tarfile.open(archives[0]) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("test_cmark_spec/commonmark.json"))
        extracted = archive.extractfile(member)
        assert extracted is not None
        examples: list[dict[str, Any]] = json.load(extracted)
        return examples


def _html(text: str) -> str:
    return " ".join(render(text).split())


# fixes meant to change what renders: an empty item deleted (spec examples 281-283, 315), a
# '*[link]' line made the list item it was meant to be (473, 521)
RESTRUCTURING = ["empty-list-item", "list-marker-space"]


def test_spec_examples_round_trip_through_fix(spec_examples: list[dict[str, Any]]) -> None:
    assert len(spec_examples) > 600
    changed = []
    for example in spec_examples:
        source = example["markdown"]
        fixed = fix_document(Document.from_text(source), parse_config({"ignore": RESTRUCTURING})).text
        if _html(fixed) != _html(source):
            changed.append(example["example"])
    assert changed == []
