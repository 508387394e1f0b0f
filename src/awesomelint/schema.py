"""The JSON Schema of the config file, generated from the rule registry: editors complete and
check `.awesomelint.yaml` with it (`awesomelint config --schema`; the copy at the top of the
repository, `awesomelint.schema.json`, is what a `$schema` comment points to)."""

from __future__ import annotations

from typing import Any

from .data import load
from .engine.config import PROFILES
from .findings import Severity
from .rules import BY_NAME

SCHEMA_URL = "https://raw.githubusercontent.com/awesomelint/awesomelint/main/awesomelint.schema.json"


def _option(default: Any, choices: tuple[str, ...] | None) -> dict[str, Any]:
    if choices is not None:
        return {"enum": list(choices), "default": default}
    if isinstance(default, bool):
        return {"type": "boolean", "default": default}
    if isinstance(default, (int, float)):
        return {"type": "number", "default": default}
    if isinstance(default, list):
        return {"type": "array", "items": {"type": "string"}, "default": default}
    if default is None:
        return {"type": ["string", "null"], "default": None}
    return {"type": "string", "default": default}


def config_schema() -> dict[str, Any]:
    names = list(BY_NAME)
    rule_list = {"type": "array", "items": {"enum": ["ALL", *names]}, "uniqueItems": True}
    patterns = {"type": "array", "items": {"type": "string"}}
    properties: dict[str, Any] = {
        "select": {**rule_list, "description": "Rules to run (ALL: every rule, the profiles' too)."},
        "extend-select": {**rule_list, "description": "Rules to run besides the selected ones."},
        "ignore": {**rule_list, "description": "Rules to skip."},
        "per-file-ignores": {
            "type": "object",
            "description": "gitignore patterns (from this file's folder) -> rules to skip there.",
            "additionalProperties": rule_list,
        },
        "exclude": {**patterns, "description": "gitignore patterns of files a folder walk skips."},
        "profile": {"enum": list(PROFILES), "description": "Also the rules of a profile."},
        "fail-on": {"enum": [s.value for s in Severity], "default": "warning"},
        "max-size-mb": {"type": "number", "exclusiveMinimum": 0, "default": 20},
        "generated": {"type": "boolean", "description": "The list is built from data (default: look for a notice)."},
        "links": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "accept": {"type": "array", "items": {"type": "integer", "minimum": 100, "maximum": 599}},
                "exclude": {**patterns, "description": "URL regular expressions (RE2) never checked."},
            },
        },
        "layout": {
            "oneOf": [
                {"const": False},
                {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "style": {"enum": ["file", "canonical"]},
                        "table-align": {"type": "boolean"},
                        "bullet": {"enum": ["-", "*", "+"]},
                        "max-lines": {"type": "integer", "minimum": 1},
                    },
                },
            ]
        },
    }
    for name, rule in BY_NAME.items():
        if name in properties:  # `layout:` holds the layout's settings, read before any rule's options
            continue
        choices = rule.choices or {}
        helps = load("options").get(name, {})
        properties[name] = {
            "type": "object",
            "description": rule.summary,
            "additionalProperties": False,
            "properties": {
                key: {**_option(default, choices.get(key)), **({"description": helps[key]} if key in helps else {})}
                for key, default in rule.options.items()
            },
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_URL,
        "title": "awesomelint config (.awesomelint.yaml, [tool.awesomelint])",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }
