"""Declarative rule data: the YAML files of the top-level ``rules/`` folder, shipped in
the wheel as ``awesomelint.ruledata`` and extended per rule from the user's config.
Tables too large for YAML to load quickly (word frequencies) are tab-separated.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


@lru_cache(maxsize=1)
def folder() -> Any:  # a Traversable (importlib.resources.abc is 3.11+) or a Path
    """Where the rule data is: the installed package, or, running from a checkout with
    ``PYTHONPATH=src`` (where no package maps ``rules/``), the ``rules/`` folder beside ``src/``."""
    try:
        return resources.files("awesomelint.ruledata")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "rules"


@cache
def load(name: str) -> Any:
    """The parsed contents of ``rules/NAME.yaml``."""
    text = folder().joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def table(name: str) -> dict[str, str]:
    """``rules/NAME.tsv`` as {first column: second column}; ``#`` lines are comments."""
    text = folder().joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))
    return {key: value for key, value in rows}


def patterns(name: str, key: str, extra: list[str] | None = None) -> list[str]:
    """A list from a data file, with the user's additions appended."""
    values = list(load(name).get(key, []))
    return values + [v for v in (extra or []) if v not in values]
