"""Everything awesomelint prints for a set of lists, one file per list and command, so two
versions of the code can be compared byte for byte (`diff -r before/ after/`).

Usage: python bench/outputs.py OUT_DIR [LIST.md ...]
       (default: ../shared/seeds, ../shared/corpus, tests/fixtures/corpus and the seed copies
       in tests/fixtures)

Per list it records `check --format json` with every offline rule and the awesome profile,
`check --format full` with the defaults, `fix --diff` and `fix --diff --unsafe-fixes`, each
with its exit code. A refactor that should change nothing is checked by running this before
and after it into two folders and diffing them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [
    *sorted((ROOT.parent / "shared" / "seeds").glob("*.md")),
    *sorted((ROOT.parent / "shared" / "corpus").glob("*.md")),
    *sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.md")),
    *sorted((ROOT / "tests" / "fixtures").glob("0*.md")),
]
COMMANDS = {
    "check-json": ["check", "--format", "json", "--select", "ALL", "--profile", "awesome"],
    "check-full": ["check", "--format", "full"],
    "fix-diff": ["fix", "--diff"],
    "fix-diff-unsafe": ["fix", "--diff", "--unsafe-fixes"],
}


def record(out: Path, path: Path) -> None:
    stem = f"{path.parent.name}__{path.stem}"
    for name, args in COMMANDS.items():
        done = subprocess.run(
            [sys.executable, "-m", "awesomelint", *args, str(path)],
            capture_output=True,
            text=True,
            cwd=path.parent,
            check=False,
        )
        (out / f"{stem}.{name}.txt").write_text(
            f"exit {done.returncode}\n--- stdout\n{done.stdout}--- stderr\n{done.stderr}", encoding="utf-8"
        )


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for path in [Path(p).resolve() for p in sys.argv[2:]] or DEFAULT:
        record(out, path)
        print(path.name, flush=True)


if __name__ == "__main__":
    main()
