"""What sending each list's links to the workers as soon as it is parsed saves, on a
folder of lists (bench/links.py's loopback servers and link mix).

`--files` lists of `--links` links each (no link in two lists) are checked by
`awesomelint links --no-cache FOLDER`, interleaved: with links sent as each list is
parsed (as shipped), and with them sent only once every list is parsed (the run before
issue 28's item 5: `api._early_feed` replaced by one that gives nothing). The minimum
wall time of `--repeat` runs of each is shown, and every run's findings are checked
against the list's (the same dead and moved links found both ways).

Usage: python bench/links_overlap.py [--files 4] [--links 5000] [--hosts 200] [--latency 0.05] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from links import Server, kind_of  # noqa: E402  (bench/links.py, beside this file)

AFTER = "from awesomelint.cli import run; run()"
BEFORE = "import awesomelint.api as api; api._early_feed = lambda *args: None; " + AFTER


def write_lists(folder: Path, files: int, links: int, hosts: list[str], port: int) -> Counter[str]:
    """The lists, their links numbered on from one list to the next; the findings expected."""
    expected: Counter[str] = Counter()
    for number in range(files):
        lines = ["# Bench list", ""]
        for i in range(number * links, (number + 1) * links):
            kind = kind_of(i, len(hosts))
            lines.append(f"- [item {i}](http://{hosts[i % len(hosts)]}:{port}/{kind}/{i}) - entry {i}.")
            expected[{"dead": "dead-link", "moved": "redirected-link"}.get(kind, "")] += 1
        (folder / f"list{number}.md").write_text("\n".join(lines) + "\n")
    del expected[""]
    return expected


def run(code: str, folder: Path) -> tuple[float, Counter[str]]:
    command = [sys.executable, "-c", code, "links", "--allow-private", "--no-cache", "--format", "json", str(folder)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    return elapsed, Counter(finding["rule"] for finding in json.loads(done.stdout or b"[]"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--links", type=int, default=5000)
    parser.add_argument("--hosts", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    hosts = [f"127.0.0.{i}" for i in range(1, args.hosts + 1)]
    server = Server(hosts, args.latency)
    port = server.start()
    times: dict[str, list[float]] = {"links sent after the parse": [], "links sent as each list is parsed": []}
    with tempfile.TemporaryDirectory() as folder:
        expected = write_lists(Path(folder), args.files, args.links, hosts, port)
        for _ in range(args.repeat):
            for name, code in zip(times, (BEFORE, AFTER)):
                server.reset()
                elapsed, found = run(code, Path(folder))
                if found != expected:
                    raise SystemExit(f"{name}: found {dict(found)}, expected {dict(expected)}")
                times[name].append(elapsed)
    print(f"{args.files} lists of {args.links} links, {args.hosts} hosts, {args.latency * 1000:.0f} ms a request")
    for name, seconds in times.items():
        print(f"{name}: {min(seconds):.2f} s (min of {len(seconds)}: {', '.join(f'{s:.2f}' for s in seconds)})")


if __name__ == "__main__":
    main()
