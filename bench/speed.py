"""How fast awesomelint is, beside peer markdown tools, against the core-model targets.

Usage: python bench/speed.py [--repeat N] [--only NAME ...]   the targets table
       python bench/speed.py --corpus [LIST.md ...]          one row per real list

Every timing is the median of N runs of a subprocess (start-up included, as a pre-commit
hook pays it), except `duplicate-entry`, which times the rule alone in this process.
Peers are timed when found on PATH (`pip install mdformat mdformat-gfm rumdl`,
`npm i -g markdownlint-cli2`); a missing peer leaves its row's ratio empty. The inputs
are generated into a temporary folder: ~430 KB built from the seed lists (copies with
their headings renamed), 8 times that, 100,000 one-line entries, a table row of 1,000
cells, 2,000 table entries with five authors each, and a 1 KB list.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("*.md"))
CORPUS = sorted((ROOT.parent / "shared" / "corpus").glob("*.md")) + sorted(
    (ROOT / "tests" / "fixtures" / "corpus").glob("*.md")
)
PYTHON = sys.executable
CHECK = [PYTHON, "-m", "awesomelint", "check", "--format", "concise", "--fail-on", "error"]
PARSE = [
    PYTHON,
    "-c",
    "import sys; from markdown_it import MarkdownIt; "
    "MarkdownIt('commonmark').enable('table').parse(open(sys.argv[1], encoding='utf-8').read())",
]


# --- inputs -------------------------------------------------------------------


def from_seeds(size: int) -> str:
    """Copies of the seed lists, headings renamed per copy, until ``size`` bytes."""
    parts: list[str] = []
    total = copy = 0
    while total < size:
        for seed in SEEDS:
            text = seed.read_text(encoding="utf-8").replace("# ", f"# Copy {copy} ").rstrip("\n") + "\n\n"
            parts.append(text)
            total += len(text.encode())
        copy += 1
    return "".join(parts)


def many_entries(count: int) -> str:
    lines = ["# Awesome Many\n\nA generated list.\n"]
    for number in range(count):
        if number % 100 == 0:
            lines.append(f"\n## Part {number // 100}\n\n")
        lines.append(f"- [T{number}](https://github.com/o/r{number}) - Does {number}.\n")
    return "".join(lines)


def wide_row(cells: int) -> str:
    header = "| " + " | ".join(f"c{i}" for i in range(cells)) + " |\n|" + "---|" * cells + "\n"
    row = "| " + " | ".join(f"[v{i}](https://example.org/{i})" for i in range(cells)) + " |\n"
    return "# Wide\n\n" + header + row


def authored(count: int) -> str:
    rng = random.Random(7)
    people = [f"Author{k} Surname{k}" for k in range(300)]
    words = "deep learning model protein cell vision language graph medical image segmentation foundation".split()
    rows = ["# Papers\n\n| Title | Authors | Paper |\n|---|---|---|\n"]
    for number in range(count):
        title = " ".join(rng.sample(words, 6)) + f" study {number}"
        rows.append(
            f"| {title} | {', '.join(rng.sample(people, 5))} | [paper](https://arxiv.org/abs/2401.{number:05d}) |\n"
        )
    return "".join(rows)


def small() -> str:
    return "# Awesome Small\n\n## Tools\n\n" + "".join(
        f"- [Tool {i}](https://github.com/o/tool{i}) - Does a thing well.\n" for i in range(20)
    )


# --- timing -------------------------------------------------------------------


def median_run(command: list[str], repeat: int, prepare: Callable[[], None] | None = None) -> float:
    times = []
    for _ in range(repeat):
        if prepare:
            prepare()
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def duplicate_entry_alone(path: Path, repeat: int) -> float:
    sys.path[:0] = os.environ["PYTHONPATH"].split(os.pathsep)
    from awesomelint.engine.context import Context
    from awesomelint.model.document import Document
    from awesomelint.model.entries import entries_of, links_of
    from awesomelint.rules import BY_NAME

    doc = Document.from_text(path.read_text(encoding="utf-8"), path.name)
    context = Context(doc, entries_of(doc), links_of(doc), {})
    context.rule = BY_NAME["duplicate-entry"]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        list(context.rule.check(context))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class Row:
    def __init__(
        self,
        name: str,
        ours: float,
        peer: str = "",
        theirs: float | None = None,
        target: str = "",
        met: bool | None = None,
    ):
        self.name, self.ours, self.peer, self.theirs, self.target, self.met = name, ours, peer, theirs, target, met

    def markdown(self) -> str:
        theirs = f"{self.theirs:.2f} s" if self.theirs is not None else "—"
        ratio = f"{self.ours / self.theirs:.2f}x" if self.theirs else ""
        met = {True: "yes", False: "**no**", None: "—"}[self.met]
        return f"| {self.name} | {self.ours:.2f} s | {self.peer or '—'} | {theirs} | {ratio} | {self.target} | {met} |"


def targets(folder: Path, repeat: int, only: list[str]) -> list[Row]:
    def write(name: str, text: str) -> Path:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path

    def wanted(name: str) -> bool:
        return not only or any(word in name for word in only)

    mdformat = shutil.which("mdformat")
    big = write("seeds-430k.md", from_seeds(430_000))
    rows: list[Row] = []
    if wanted("check"):
        ours = median_run([*CHECK, str(big)], repeat)
        parse = median_run([*PARSE, str(big)], repeat)
        rows.append(Row("check, 430 KB of seed lists", ours, "markdown-it-py parse", parse, "<= 4x", ours <= 4 * parse))
        if mdformat:
            theirs = median_run([mdformat, "--check", str(big)], repeat)
            rows.append(
                Row("check, 430 KB of seed lists", ours, "mdformat --check", theirs, "<= 0.4x", ours <= 0.4 * theirs)
            )
        for peer, command in (
            ("rumdl check", ["rumdl", "check", "--no-config", "--no-cache"]),
            ("markdownlint-cli2", ["markdownlint-cli2"]),
        ):
            if shutil.which(command[0]):
                rows.append(Row("check, 430 KB of seed lists", ours, peer, median_run([*command, str(big)], repeat)))
    if wanted("fix"):
        copy = folder / "fix-copy.md"

        def fresh() -> None:
            shutil.copyfile(big, copy)

        ours = median_run([PYTHON, "-m", "awesomelint", "fix", str(copy)], repeat, fresh)
        theirs = median_run([mdformat, str(copy)], repeat, fresh) if mdformat else None
        rows.append(
            Row(
                "fix, 430 KB of seed lists",
                ours,
                "mdformat (rewrite)" if mdformat else "",
                theirs,
                "<= 1.0x",
                ours <= theirs if theirs else None,
            )
        )
    if wanted("linear"):
        one = median_run([*CHECK, str(big)], repeat)
        eight = median_run([*CHECK, str(write("seeds-8x.md", from_seeds(8 * 430_000)))], max(1, repeat // 2))
        rows.append(Row("linear: check on 8x the text", eight, "check on 1x", one, "<= 10x", eight <= 10 * one))
    if wanted("entries"):
        ours = median_run([*CHECK, str(write("entries-100k.md", many_entries(100_000)))], max(1, repeat // 2))
        rows.append(Row("check, 100,000 entries", ours, target="< 8 s", met=ours < 8))
    if wanted("row"):
        ours = median_run([*CHECK, str(write("row-1000.md", wide_row(1000)))], repeat)
        rows.append(Row("check, a table row of 1,000 cells", ours, target="< 2 s", met=ours < 2))
    if wanted("duplicate"):
        ours = duplicate_entry_alone(write("authored-2000.md", authored(2000)), repeat)
        rows.append(Row("duplicate-entry alone, 2,000 entries with authors", ours, target="< 0.5 s", met=ours < 0.5))
    if wanted("start"):
        ours = median_run([*CHECK, str(write("small.md", small()))], repeat)
        rows.append(Row("start-up: check on a 1 KB list", ours, target="<= 0.25 s", met=ours <= 0.25))
    return rows


def corpus_table(paths: list[Path], repeat: int) -> None:
    commands = {"awesomelint check": CHECK}
    for name, command in (
        ("mdformat --check", ["mdformat", "--check"]),
        ("rumdl check", ["rumdl", "check", "--no-config", "--no-cache"]),
        ("markdownlint-cli2", ["markdownlint-cli2"]),
    ):
        if shutil.which(command[0]):
            commands[name] = command
    print("| list | KiB | " + " | ".join(commands) + " |")
    print("|---|---:|" + "---:|" * len(commands))
    for path in paths:
        cells = [f"{median_run([*command, str(path)], repeat):.2f} s" for command in commands.values()]
        print(f"| {path.name} | {path.stat().st_size // 1024} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--corpus", action="store_true", help="one row per list instead of the targets")
    parser.add_argument("--only", nargs="*", default=[], help="rows whose name has one of these words")
    args = parser.parse_args()
    os.environ.setdefault("PYTHONPATH", str(ROOT / "src"))
    for folder in os.environ["PYTHONPATH"].split(os.pathsep):
        # an installed wheel has its bytecode; a checkout under PYTHONDONTWRITEBYTECODE would
        # compile every module on every run and time the compiler
        compileall.compile_dir(Path(folder) / "awesomelint", quiet=1)
    if args.corpus:
        corpus_table(args.paths or CORPUS, args.repeat)
        return
    with tempfile.TemporaryDirectory() as folder:
        rows = targets(Path(folder), args.repeat, args.only)
    print("| what | awesomelint | beside | it takes | ratio | target | met |")
    print("|---|---:|---|---:|---:|---|---|")
    for row in rows:
        print(row.markdown())


if __name__ == "__main__":
    main()
