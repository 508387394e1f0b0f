"""Declarative rule data: the YAML files of the top-level ``rules/`` folder, shipped in
the wheel as ``awesomelint.ruledata`` and extended per rule from the user's config.
Tables too large for YAML to load quickly (word frequencies) are tab-separated.
"""

from __future__ import annotations

import importlib.util
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml


@lru_cache(maxsize=1)
def folder() -> Path:
    """Where the rule data is: the installed package's folder, or, running from a checkout
    with ``PYTHONPATH=src`` (where no package maps ``rules/``), the ``rules/`` folder beside
    ``src/``. Found through the import system's spec, not importlib.resources, whose import
    cost 4 ms of every start; wheels install as folders, so a path is all it takes."""
    spec = importlib.util.find_spec("awesomelint.ruledata")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parents[2] / "rules"


@cache
def load(name: str) -> Any:
    """The parsed contents of ``rules/NAME.yaml``."""
    text = folder().joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_SAFE_LOADER)


# libyaml's loader when PyYAML was built with it (every wheel is): the rule data is read
# at every start, and the pure-Python loader spent 10% of `check` on a small list on it
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
