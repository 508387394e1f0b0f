"""Declarative rule data: the YAML files of the top-level ``rules/`` folder, shipped in
the wheel as ``awesomelint.ruledata`` and extended per rule from the user's config.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """The parsed contents of ``rules/NAME.yaml``."""
    text = resources.files("awesomelint.ruledata").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def patterns(name: str, key: str, extra: list[str] | None = None) -> list[str]:
    """A list from a data file, with the user's additions appended."""
    values = list(load(name).get(key, []))
    return values + [v for v in (extra or []) if v not in values]
