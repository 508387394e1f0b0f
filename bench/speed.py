"""Wall time of `awesomelint check` beside peer markdown tools on the real lists.

Usage: python bench/speed.py [--repeat N] [LIST.md ...]   (default: ../shared/corpus/*.md)
Peers are timed only when installed (pip install mdformat rumdl; npm i -g markdownlint-cli2).
Each tool runs as a subprocess on one file at a time, like a pre-commit hook does; the
best of N runs is reported, so start-up cost is included for every tool alike.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = sorted((ROOT.parent / "shared" / "corpus").glob("*.md"))


def tools(python: str) -> dict[str, list[str]]:
    found = {"awesomelint check": [python, "-m", "awesomelint", "check", "--format", "concise"]}
    if shutil.which("mdformat"):
        found["mdformat --check"] = ["mdformat", "--check"]
    if shutil.which("rumdl"):
        found["rumdl check"] = ["rumdl", "check", "--no-config"]
    if shutil.which("markdownlint-cli2"):
        found["markdownlint-cli2"] = ["markdownlint-cli2"]
    return found


def best_time(command: list[str], path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([*command, str(path)], capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    commands = tools(sys.executable)
    names = list(commands)
    print("| list | KiB | " + " | ".join(names) + " |")
    print("|---|---:|" + "---:|" * len(names))
    for path in args.paths:
        cells = [f"{best_time(commands[n], path, args.repeat):.2f} s" for n in names]
        print(f"| {path.name} | {path.stat().st_size // 1024} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
