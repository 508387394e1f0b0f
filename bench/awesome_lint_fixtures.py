"""awesome-lint's own test fixtures through both tools: does awesomelint (with
`--profile awesome`) report what awesome-lint reports, rule by rule?

    npm install awesome-lint            # gives node_modules/.bin/awesome-lint
    git clone https://github.com/sindresorhus/awesome-lint /tmp/awesome-lint
    python bench/awesome_lint_fixtures.py --fixtures /tmp/awesome-lint/test/fixtures \
        --awesome-lint node_modules/.bin/awesome-lint [--show-unmatched]

A finding of awesome-lint counts as matched when awesomelint reports one of the rules
`rules/awesome_lint.yaml` maps it to on the same line (or anywhere, for rules about the
whole repository). The README's "Coming from awesome-lint" section records the result
and why the rest differ.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from awesomelint.engine.compat import mapped_rules  # noqa: E402

_MESSAGE = re.compile(r"^\s*[✖⚠]\s+(\d+):(\d+)\s+(.*?)\s{2,}(?:remark-lint:)?([\w-]+)\s*$")
_WHOLE_FILE = {
    "awesome-contributing",
    "awesome-license",
    "awesome-github",
    "awesome-code-of-conduct",
    "awesome-git-repo-age",
    "awesome-badge",
    "awesome-heading",
    "no-unused-definitions",
}


def awesome_lint(binary: str, path: Path) -> list[tuple[int, str, str]]:
    """(line, rule, message) awesome-lint reports for one file, run in the file's folder."""
    result = subprocess.run([binary, path.name], cwd=path.parent, capture_output=True, text=True, timeout=120)
    found = []
    for line in (result.stdout + result.stderr).splitlines():
        match = _MESSAGE.match(line)
        if match:
            found.append((int(match.group(1)), match.group(4), match.group(3)))
    return found


def awesomelint(path: Path) -> list[tuple[int, str, str]]:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "awesomelint",
            "check",
            "--format",
            "json",
            "--profile",
            "awesome",
            "--fail-on",
            "error",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    try:
        return [(f["line"], f["rule"], f["message"]) for f in json.loads(result.stdout or "[]")]
    except json.JSONDecodeError:
        return [(0, "error", (result.stderr or result.stdout).strip())]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fixtures", required=True, type=Path)
    parser.add_argument("--awesome-lint", required=True)
    parser.add_argument("--show-unmatched", action="store_true")
    args = parser.parse_args()
    totals: Counter = Counter()
    matched: Counter = Counter()
    unmatched: list[str] = []
    for path in sorted(args.fixtures.rglob("*.md")):
        if path.parent.name in ("code-of-conduct", "contributing") or path.name.lower() in (
            "contributing.md",
            "code-of-conduct.md",
            "code_of_conduct.md",
        ):
            continue  # folders: their readme.md is the fixture
        theirs = awesome_lint(args.awesome_lint, path)
        ours = awesomelint(path)
        for line, rule, message in theirs:
            totals[rule] += 1
            wanted = set(mapped_rules(rule))
            hit = any(r in wanted and (rule in _WHOLE_FILE or abs(l - line) <= 1) for l, r, _ in ours)
            if hit:
                matched[rule] += 1
            else:
                unmatched.append(
                    f"{path.relative_to(args.fixtures)}:{line}: {rule}: {message}  "
                    f"| ours: {sorted({r for _, r, _ in ours}) or '-'}"
                )
    print("| awesome-lint rule | findings on its fixtures | matched by awesomelint |")
    print("|---|---|---|")
    for rule, count in sorted(totals.items()):
        print(f"| `{rule}` | {count} | {matched[rule]} |")
    print(f"\n{sum(matched.values())} of {sum(totals.values())} awesome-lint findings matched")
    if args.show_unmatched:
        print("\n".join(["", "Unmatched:", *unmatched]))


if __name__ == "__main__":
    main()
