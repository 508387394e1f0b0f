"""What awesomelint does to real lists: findings per rule and lines `fix` changes, per list.

Usage: python bench/corpus.py [--rules] [--fix] [--show RULE] [LIST.md ...]
       (default: ../shared/corpus/*.md and tests/fixtures/corpus/*.md; both tables when neither --rules nor --fix is given)

`--rules` prints a table of findings per rule per list (every offline rule on), `--fix`
the lines a default `fix` changes per list (content fixes and layout, counted from a
unified diff) beside the issue's budget (10% of the lines, at least 30). `--show RULE`
prints that rule's findings with their source lines, for reading them one by one as the
list's maintainer would. The numbers go into issue notes as "before" and "after".
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections import Counter
from pathlib import Path

from awesomelint.engine.config import Config
from awesomelint.engine.fix import FixError, fix_document
from awesomelint.engine.linter import lint
from awesomelint.model.document import Document
from awesomelint.rules import BY_NAME

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = sorted((ROOT.parent / "shared" / "corpus").glob("*.md")) + sorted(
    (ROOT / "tests" / "fixtures" / "corpus").glob("*.md")
)


def changed_lines(before: str, after: str) -> int:
    """Lines removed or added by the diff, counted once per changed original line."""
    diff = difflib.unified_diff(before.split("\n"), after.split("\n"), lineterm="", n=0)
    removed = added = 0
    for line in diff:
        if line.startswith("---") or line.startswith("+++"):
            continue
        if line.startswith("-"):
            removed += 1
        elif line.startswith("+"):
            added += 1
    return max(removed, added)


def short(name: str) -> str:
    return name.split("__", 1)[-1].removesuffix(".md")[:28]


def rules_table(paths: list[Path]) -> None:
    offline = [name for name, rule in BY_NAME.items() if not rule.online]
    counts: dict[str, Counter] = {}
    for path in paths:
        doc = Document.from_path(path)
        counts[path.name] = Counter(f.rule for f in lint(doc, Config(), only=offline).findings)
    fired = [name for name in offline if any(c[name] for c in counts.values())]
    print("| list | " + " | ".join(fired) + " |")
    print("|---|" + "---:|" * len(fired))
    for path in paths:
        print(f"| {short(path.name)} | " + " | ".join(str(counts[path.name][n]) for n in fired) + " |")
    print("| **total** | " + " | ".join(str(sum(c[n] for c in counts.values())) for n in fired) + " |")


def fix_table(paths: list[Path]) -> None:
    print("| list | lines | changed by fix | budget | idempotent |")
    print("|---|---:|---:|---:|---|")
    for path in paths:
        doc = Document.from_path(path)
        lines = doc.text.count("\n") + 1
        budget = max(30, lines // 10)
        try:
            once = fix_document(doc, Config()).text
        except FixError as exc:
            print(f"| {short(path.name)} | {lines} | refused: {exc} | {budget} | |")
            continue
        try:
            twice = fix_document(Document(str(path), once), Config()).text
            idempotent = "yes" if twice == once else f"no ({changed_lines(once, twice)} more)"
        except FixError as exc:
            idempotent = f"second run refused: {exc}"
        print(f"| {short(path.name)} | {lines} | {changed_lines(doc.text, once)} | {budget} | {idempotent} |")


def show(paths: list[Path], rule: str) -> None:
    for path in paths:
        doc = Document.from_path(path)
        for finding in lint(doc, Config(), only=[rule]).findings:
            line, column = doc.position(finding.start)
            print(f"{short(path.name)}:{line}:{column}: [{finding.severity.value}] {finding.message}")
            print("    " + doc.lines[line - 1][:200])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--rules", action="store_true")
    parser.add_argument("--fix", action="store_true")
    parser.add_argument("--show", metavar="RULE")
    args = parser.parse_args(argv)
    paths = args.paths or DEFAULT
    if args.show:
        show(paths, args.show)
        return 0
    if args.rules or not args.fix:
        rules_table(paths)
        print()
    if args.fix or not args.rules:
        fix_table(paths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
