"""Off-topic in pull-request mode on a list's real history: what it says of the additions
the maintainers merged.

`bench/offtopic.py` pastes one list's entries into another; this asks the question
`check --changed-since` answers, "does this addition belong here?", of the changes a list
really received. Walk the list's history along its first parents (a merged pull request
is one step), and for each step that adds entries judge the new README as
`--changed-since <the step's parent>` judges it: the lines the step added (git's
`--unified=0` diff, moved lines not new, as `engine/changes.py` reads it) against the
list as it was. Every entry the maintainers merged and kept is theirs to judge on-topic,
so a flag here is a false alarm unless reading it says otherwise; the flags are printed
with their messages to be read.

Usage: python bench/offtopic_history.py CLONE [--file README.md] [--steps 400] [--jobs 2] [--packages]

CLONE is a git clone of the list with its history (`git clone https://github.com/vinta/awesome-python`).
With --packages the rule reads the captured PyPI/npm metadata (`bench/data/packages.json`)
of the links it holds, as `check --online --changed-since` would read what the registries say.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # the bench runs from a bare checkout: imports come after
sys.path.insert(0, str(ROOT / "bench"))

from offtopic import PACKAGES, captured_metadata_from  # noqa: E402

from awesomelint.engine.changes import added_lines  # noqa: E402
from awesomelint.engine.config import Config  # noqa: E402
from awesomelint.engine.linter import lint  # noqa: E402
from awesomelint.links.verdict import Verdict  # noqa: E402
from awesomelint.model.document import Document  # noqa: E402
from awesomelint.model.entries import entries_of  # noqa: E402
from awesomelint.rules.off_topic import additions, written_entries  # noqa: E402


def git(clone: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(clone), *args], capture_output=True, text=True, check=True).stdout


def steps(clone: Path, file: str, count: int) -> list[tuple[str, str]]:
    """The last ``count`` first-parent steps that changed ``file``: (commit, first parent)."""
    lines = git(clone, "log", "--first-parent", "--format=%H %P", "-n", str(count), "--", file).splitlines()
    return [(parts[0], parts[1]) for parts in (line.split() for line in lines) if len(parts) >= 2]


def judge(clone: Path, file: str, commit: str, parent: str, packages: bool) -> tuple[int, int, list[str]] | None:
    """One step: (entries it added, of them judged as additions, flags on them as
    "commit: title\\n    message"); None when its README cannot be read at either end."""
    try:
        text = git(clone, "show", f"{commit}:{file}")
        git(clone, "cat-file", "-e", f"{parent}:{file}")
    except subprocess.CalledProcessError:
        return None
    new = added_lines(git(clone, "diff", "--unified=0", parent, commit, "--", file))
    doc = Document.from_text(text, file)
    entries = written_entries([e for e in entries_of(doc) if e.title or e.text])
    added = [e for e in entries if e.line in new]
    judged = additions(entries, frozenset(new))
    if not added:
        return 0, 0, []
    verdicts = None
    if packages:
        urls = {link.url.strip() for entry in entries for link in entry.web_links}
        verdicts = {url: Verdict(url, "ok", 200, repo=info) for url, info in captured_metadata_from(urls).items()}
    found = lint(doc, Config(), only=["off-topic"], new_lines=new, link_results=verdicts).findings
    titles = {e.start: e.title for e in entries}
    flags = [f"{commit[:10]}: {titles.get(f.start, '?')[:60]}\n    {f.message}" for f in found]
    return len(added), 0 if judged is None else len(judged), flags


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("clone", type=Path, help="a git clone of the list, with its history")
    parser.add_argument("--file", default="README.md")
    parser.add_argument("--steps", type=int, default=400, help="first-parent steps to read, newest first")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--packages", action="store_true", help=f"with the package metadata of {PACKAGES.name}")
    args = parser.parse_args()
    try:
        walked = steps(args.clone, args.file, args.steps)
    except (subprocess.CalledProcessError, FileNotFoundError):
        parser.error(f"{args.clone}: not a git clone with history (git log failed)")
    if not walked:
        parser.error(f"{args.clone}: no commit changes {args.file} (--file names the list's README)")
    with ProcessPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(judge, args.clone, args.file, c, p, args.packages) for c, p in walked]
        results = [f.result() for f in futures]
    read = [r for r in results if r is not None]
    adding = [r for r in read if r[0]]
    flags = [flag for r in adding for flag in r[2]]
    print("| steps read | steps adding entries | entries added | judged as additions | flags |")
    print("|---:|---:|---:|---:|---:|")
    print(f"| {len(read)} | {len(adding)} | {sum(r[0] for r in adding)} | {sum(r[1] for r in adding)} | {len(flags)} |")
    for flag in flags:
        print(flag)


if __name__ == "__main__":
    main()
