"""awesome-lint compatibility: its rule names and what does their job here.

One table (``rules/awesome_lint.yaml``) read two ways: the inline comments lists already
carry (``<!--lint disable double-link-->``) switch off the mapped rules, and
``awesomelint rules --awesome-lint`` prints it as the README's migration table.
"""

from __future__ import annotations

from .. import data


def mapped_rules(awesome_lint_name: str) -> list[str]:
    """The awesomelint rules doing the job of an awesome-lint (remark-lint) rule; [] for
    one with no counterpart (its style rules)."""
    row = data.load("awesome_lint")["rules"].get(awesome_lint_name.removeprefix("remark-lint:"), {})
    return list(row.get("rules", []))


def awesome_lint_table() -> str:
    rows = ["| awesome-lint rule | awesomelint rule(s) | fix | what differs |", "|---|---|---|---|"]
    for name, row in data.load("awesome_lint")["rules"].items():
        rules = ", ".join(f"`{r}`" for r in row["rules"]) or "—"
        rows.append(f"| `{name}` | {rules} | {row['fix']} | {row['note']} |")
    return "\n".join(rows) + "\n"
