"""Regenerate the README's generated tables from the registry: the rule table
(`awesomelint rules --markdown`) and the awesome-lint table (`rules --awesome-lint`).

Usage: python tools/readme_tables.py   (tests/test_cli.py fails while they differ)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def _printed(*args: str) -> str:
    env_path = str(ROOT / "src")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {env_path!r}); from awesomelint.cli import main; main()",
            "rules",
            *args,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _replace_table(readme: str, table: str) -> str:
    """Swap the table that starts with ``table``'s header line for ``table``."""
    start = readme.index(table.splitlines()[0])
    end = readme.index("\n\n", start) + 1
    return readme[:start] + table + readme[end:]


def regenerate() -> None:
    readme = README.read_text(encoding="utf-8")
    for args in (("--markdown",), ("--awesome-lint",)):
        readme = _replace_table(readme, _printed(*args))
    README.write_text(readme, encoding="utf-8")


if __name__ == "__main__":
    regenerate()
