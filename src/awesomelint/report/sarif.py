"""SARIF 2.1.0, for code-scanning dashboards."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from ..rules import BY_NAME
from ..version import version
from .located import Located

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
HOME = "https://github.com/awesomelint/awesomelint"


def _help_uri(rule: str) -> str:
    """The rule's module: its declaration, examples and rationale (what `awesomelint rule NAME` prints)."""
    return f"{HOME}/blob/main/src/awesomelint/rules/{rule.replace('-', '_')}.py"


def _fingerprints(items: list[Located]) -> list[str]:
    """One per finding, stable while lines move: the rule, the file, the finding's own source
    line (white space folded) and its rank among equal ones — code scanning keeps an alert
    open across pushes instead of closing it and opening another one line lower."""
    seen: Counter[str] = Counter()
    prints = []
    for item in items:
        key = "\0".join((item.rule, item.path, " ".join(item.source_line.split()), item.message))
        seen[key] += 1
        prints.append(hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32])
    return prints


def render(items: list[Located]) -> str:
    rules = BY_NAME
    used = sorted({item.rule for item in items})
    index = {name: i for i, name in enumerate(used)}
    results = []
    for item, fingerprint in zip(items, _fingerprints(items)):
        result = {
            "ruleId": item.rule,
            "partialFingerprints": {"awesomelintFinding/v1": fingerprint},
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
                        "version": version(),
                        "informationUri": HOME,
                        "rules": [
                            {
                                "id": name,
                                "shortDescription": {"text": rules[name].summary},
                                "fullDescription": {"text": rules[name].rationale or rules[name].summary},
                                "defaultConfiguration": {"level": _LEVEL[rules[name].severity.value]},
                                "helpUri": _help_uri(name),
                                "help": {"text": rules[name].explain()},
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
