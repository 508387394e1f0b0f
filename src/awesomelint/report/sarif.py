"""SARIF 2.1.0, for code-scanning dashboards."""

from __future__ import annotations

import json

import awesomelint

from ..rules import BY_NAME
from .located import Located

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(items: list[Located]) -> str:
    rules = BY_NAME
    used = sorted({item.rule for item in items})
    index = {name: i for i, name in enumerate(used)}
    results = []
    for item in items:
        result = {
            "ruleId": item.rule,
            "ruleIndex": index[item.rule],
            "level": _LEVEL.get(item.severity, "warning"),
            "message": {"text": item.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": item.path.replace("\\", "/")},
                        "region": {
                            "startLine": item.line,
                            "startColumn": item.column,
                            "endLine": item.end_line,
                            "endColumn": max(item.end_column, item.column + 1)
                            if item.end_line == item.line
                            else item.end_column,
                        },
                    }
                }
            ],
        }
        if item.related:
            result["relatedLocations"] = [
                {
                    "id": n,
                    "physicalLocation": {"artifactLocation": {"uri": r["path"]}, "region": {"startLine": r["line"]}},
                }
                for n, r in enumerate(item.related)
            ]
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "awesomelint",
                        "version": awesomelint.__version__,
                        "informationUri": "https://pypi.org/project/awesomelint/",
                        "rules": [
                            {
                                "id": name,
                                "shortDescription": {"text": rules[name].summary},
                                "fullDescription": {"text": rules[name].rationale or rules[name].summary},
                                "defaultConfiguration": {"level": _LEVEL[rules[name].severity.value]},
                            }
                            for name in used
                        ],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
