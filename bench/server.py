"""How soon `awesomelint server` shows diagnostics after a keystroke, beside `check`.

Usage: python bench/server.py [--repeat N] [LIST.md ...]

For each list (default: the real list nearest 50 KB and the largest, from
../shared/corpus/ and tests/fixtures/corpus/): the median wall time of
`awesomelint check` on the file (a subprocess, start-up included), then the server
started through a real LSP client over stdio (tests/lspclient.py), the list opened, and
N keystrokes (one character typed at the end of a line in the middle, a full-text
change) each timed from sending didChange to receiving the diagnostics of that version,
then one formatting request (what `fix` writes).
The keystroke latency includes the server's debounce (wiring.DEBOUNCE); the row also
gives it without, the time the check itself took in the server.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.lspclient import Session, run  # noqa: E402

from awesomelint.server.wiring import DEBOUNCE  # noqa: E402

CORPUS = sorted((ROOT.parent / "shared" / "corpus").glob("*.md")) + sorted(
    (ROOT / "tests" / "fixtures" / "corpus").glob("*.md")
)
CHECK = [sys.executable, "-m", "awesomelint", "check", "--format", "concise", "--fail-on", "error"]


def default_lists() -> list[Path]:
    by_size = sorted(CORPUS, key=lambda p: p.stat().st_size)
    typical = min(by_size, key=lambda p: abs(p.stat().st_size - 50_000))
    return [typical, by_size[-1]]


def check_time(path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([*CHECK, str(path)], capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def keystrokes(path: Path, repeat: int) -> tuple[float, list[float], float]:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    middle = len(lines) // 2

    async def scenario(session: Session) -> tuple[float, list[float], float]:
        start = time.perf_counter()
        uri = session.open(path, text)
        await session.diagnostics(uri)
        opened = time.perf_counter() - start
        latencies = []
        for n in range(repeat):
            typed = lines[:middle] + [lines[middle] + "x" * (n + 1)] + lines[middle + 1 :]
            start = time.perf_counter()
            session.replace(uri, "\n".join(typed))
            await session.diagnostics(uri)
            latencies.append(time.perf_counter() - start)
            await asyncio.sleep(0.2)
        start = time.perf_counter()
        await session.formatting(uri)
        return opened, latencies, time.perf_counter() - start

    return run(scenario)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("lists", nargs="*", type=Path)
    args = parser.parse_args()
    print(
        f"{'list':<40} {'KB':>5} {'check':>7} {'open':>7} {'keystroke':>9} {'-debounce':>9} {'ratio':>6} {'format':>7}"
    )
    for path in args.lists or default_lists():
        cli = check_time(path, args.repeat)
        opened, latencies, formatting = keystrokes(path, args.repeat)
        latency = statistics.median(latencies)
        print(
            f"{path.name[:40]:<40} {path.stat().st_size / 1024:>5.0f} {cli:>6.2f}s {opened:>6.2f}s "
            f"{latency:>8.2f}s {latency - DEBOUNCE:>8.2f}s {latency / cli:>5.2f}x {formatting:>6.2f}s"
        )
    print(
        f"check: `awesomelint check` in a subprocess; keystroke: didChange to its diagnostics (median), "
        f"debounce {DEBOUNCE}s; format: textDocument/formatting (= `fix`)"
    )


if __name__ == "__main__":
    main()
