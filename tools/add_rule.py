"""Start a new rule: its module, its test file, its place in RULES and in the README table.

Usage: python tools/add_rule.py NAME [--severity warning|error|info] [--after RULE]

`NAME` is the rule's name as users write it (`entry-too-long`). This writes
`src/awesomelint/rules/entry_too_long.py` (the `@rule` declaration with a bad and a good
example and a check that yields nothing yet), `tests/rules/test_entry_too_long.py` (a test
that the bad example is found and the good one is not — it fails until the check is
written), lists the rule in `RULES` after `--after` (default: the last offline rule before
`layout`), and regenerates the README's rule table. Then: write the check, its examples and
its rationale; `python -m pytest tests/rules/test_entry_too_long.py`. CONTRIBUTING.md has
the whole recipe (fixes, options, data in `rules/*.yaml`).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "src" / "awesomelint" / "rules"
TESTS_DIR = ROOT / "tests" / "rules"
NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$|^[a-z][a-z0-9]+$")

MODULE = '''"""{name}: <what it finds, in one line>."""

from __future__ import annotations

from collections.abc import Iterator

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Finding, Severity


@rule(
    "{name}",
    summary="<what it finds, as the README table says it>",
    severity=Severity.{severity},
    fix=FixAvailability.NONE,
    bad="- [Alpha](https://alpha.example/) - <an entry with the defect>",
    good="- [Alpha](https://alpha.example/) - <the same entry without it>",
)
def {snake}(ctx: Context) -> Iterator[Finding]:
    """Why a list maintainer wants this found (the rationale `awesomelint rule {name}`
    prints), and where the rule stays silent on purpose."""
    yield from ()
'''

TEST = '''"""{name}: <the shapes these tests cover>."""

from __future__ import annotations

from awesomelint.rules.{snake} import {snake}

from ..conftest import findings


def test_the_bad_example_is_found_and_the_good_one_is_not() -> None:
    assert findings("# T\\n\\n" + {snake}.bad + "\\n", "{name}")
    assert findings("# T\\n\\n" + {snake}.good + "\\n", "{name}") == []
'''


def add_to_registry(snake: str, after: str | None) -> None:
    """Import the module and list its rule in RULES, after ``after`` or before layout."""
    init = RULES_DIR / "__init__.py"
    text = init.read_text(encoding="utf-8")
    imports = re.search(r"from \. import \(\n(?P<names>(?:    \w+,\n)+)\)", text)
    if imports is None:
        sys.exit("tools/add_rule.py: rules/__init__.py no longer has its import list; add the rule by hand")
    names = sorted({*re.findall(r"(\w+),", imports.group("names")), snake})
    text = text.replace(imports.group(0), "from . import (\n" + "".join(f"    {n},\n" for n in names) + ")")
    anchor = f"    {after.replace('-', '_')}.{after.replace('-', '_')},\n" if after else None
    entry = f"    {snake}.{snake},\n"
    if anchor:
        if anchor not in text:
            sys.exit(f"tools/add_rule.py: no rule '{after}' in RULES")
        text = text.replace(anchor, anchor + entry, 1)
    else:
        text = text.replace("    layout.layout,\n", entry + "    layout.layout,\n", 1)
    init.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("name")
    parser.add_argument("--severity", choices=["error", "warning", "info"], default="warning")
    parser.add_argument("--after", help="the rule it follows in RULES (the output order)")
    args = parser.parse_args()
    if not NAME.match(args.name):
        sys.exit(f"tools/add_rule.py: '{args.name}' is not a rule name (lower-case words joined by '-')")
    snake = args.name.replace("-", "_")
    module, test = RULES_DIR / f"{snake}.py", TESTS_DIR / f"test_{snake}.py"
    for path in (module, test):
        if path.exists():
            sys.exit(f"tools/add_rule.py: {path.relative_to(ROOT)} already exists")
    fields = {"name": args.name, "snake": snake, "severity": args.severity.upper()}
    module.write_text(MODULE.format(**fields), encoding="utf-8")
    test.write_text(TEST.format(**fields), encoding="utf-8")
    add_to_registry(snake, args.after)
    sys.path.insert(0, str(ROOT / "tools"))
    from readme_tables import regenerate

    regenerate()
    print(f"wrote {module.relative_to(ROOT)} and {test.relative_to(ROOT)}; listed {args.name} in RULES and the README")


if __name__ == "__main__":
    main()
