"""The config's JSON Schema: generated from the registry, kept in the repository for editors, and
agreeing with the config reader on what is valid."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # the dev environment has no types-jsonschema stubs
import pytest
import yaml

from awesomelint.engine.config import parse_config
from awesomelint.errors import InputError
from awesomelint.schema import config_schema

ROOT = Path(__file__).resolve().parent.parent


def test_the_checked_in_schema_is_the_generated_one() -> None:
    on_disk = json.loads((ROOT / "awesomelint.schema.json").read_text())
    assert on_disk == config_schema(), "run: awesomelint config --schema > awesomelint.schema.json"
    jsonschema.Draft202012Validator.check_schema(on_disk)


def test_the_readmes_config_example_is_valid() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Configuration\n") :]
    example = yaml.safe_load(
        section[section.index("```yaml\n") + 8 : section.index("```\n", section.index("```yaml\n"))]
    )
    jsonschema.validate(example, config_schema())
    parse_config(example)


@pytest.mark.parametrize(
    "config",
    [
        {"selct": ["ALL"]},
        {"select": ["nested-links"]},
        {"fail-on": "never"},
        {"tracking-param": {"extend-param": ["src"]}},
        {"entry-order": {"order": "random"}},
        {"list-numbering": {"max-safe-lines": "many"}},
        {"links": {"accept": [42]}},
        {"layout": {"bullet": "x"}},
        {"exclude": "archive/"},
    ],
)
def test_what_the_schema_refuses_the_reader_refuses(config: dict[str, Any]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(config, config_schema())
    if config != {"exclude": "archive/"}:  # the reader takes one pattern as a list of one; editors ask for a list
        with pytest.raises(InputError):
            parse_config(config)
