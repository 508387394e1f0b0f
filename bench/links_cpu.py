"""CPU per request of the link checker's HTTP stack, on the loopback servers of bench/links.py.

Each variant runs in its own process: it builds the URL list (5,000 links over 200 hosts,
the same mix of good, dead, moved and flaky as bench/links.py), then times
`Checker.check_all` alone, no CLI and no parsing, with getrusage(RUSAGE_SELF) (user +
system) around it. CPU ms / request = that CPU over the requests the servers answered.
Variants run in turn, `--repeat` rounds; medians are shown.

  --variant NAME=PYTHONPATH[:ENV=VALUE...]  (repeatable) what to compare, e.g.
      main=/work/main/src  asyncio=src:AWESOMELINT_UVLOOP=0  uvloop=src
  (default: this tree's two stacks, each on asyncio's loop and, when installed, on
  uvloop's: the checker's own, httpx over `links/headonly.py`, and ``BENCH_STACK=httpcore``,
  httpx's transport over per-origin httpcore pools as `pinning.pinned_client` builds it,
  the stack the checker used before and still uses under an environment proxy)

Usage: python bench/links_cpu.py [--links 5000] [--hosts 200] [--latency 0.05] [--repeat 3] [--variant ...]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from links import PORT, Server, kind_of  # noqa: E402


def urls(count: int, hosts: int, port: int = PORT) -> list[str]:
    return [f"http://127.0.0.{i % hosts + 1}:{port}/{kind_of(i, hosts)}/{i}" for i in range(count)]


def child(count: int, hosts: int, port: int) -> None:
    """Check the list in this process; print CPU seconds, wall seconds and verdict counts."""
    from awesomelint.links.checker import Settings

    try:
        from awesomelint.links.asyncionet import run  # uvloop when installed
    except ImportError:  # a tree before the asyncio backend
        run = asyncio.run  # type: ignore[assignment]
    todo = urls(count, hosts, port)
    settings = Settings(allow_private=True)
    before, start = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    verdicts = run(_checker(settings).check_all(todo))
    after, wall = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter() - start
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    kinds: dict[str, int] = {}
    for verdict in verdicts.values():
        kinds[verdict.kind] = kinds.get(verdict.kind, 0) + 1
    print(json.dumps({"cpu": cpu, "wall": wall, "kinds": kinds}))


def _checker(settings: Any) -> Any:
    """The checker, with the client it builds itself unless ``BENCH_STACK=httpcore``: then
    with the client it built before the head-only transport (same options, same AddressBook)."""
    from awesomelint.links.checker import USER_AGENT, Checker

    checker = Checker(settings)
    if os.environ.get("BENCH_STACK") == "httpcore":
        import httpx

        from awesomelint.links.pinning import pinned_client

        checker.client = pinned_client(
            checker.addresses,
            httpx.Limits(max_connections=None, max_keepalive_connections=settings.per_host),
            per_host=settings.per_host,
            timeout=httpx.Timeout(settings.timeout),
            headers={"User-Agent": USER_AGENT, "Accept": "*/*"},
            follow_redirects=False,
        )
    return checker


def variants(given: list[str]) -> dict[str, dict[str, str]]:
    """name -> environment additions."""
    if not given:
        src = str(HERE.parent / "src")
        found = {}
        for stack, extra in (("httpcore pools", {"BENCH_STACK": "httpcore"}), ("head-only", {})):
            found[f"{stack}, asyncio loop"] = {"PYTHONPATH": src, "AWESOMELINT_UVLOOP": "0", **extra}
            if importlib.util.find_spec("uvloop"):
                found[f"{stack}, uvloop"] = {"PYTHONPATH": src, **extra}
        return found
    out = {}
    for spec in given:
        name, _, rest = spec.partition("=")
        path, *pairs = rest.split(":")
        out[name] = {"PYTHONPATH": str(Path(path).resolve()), **dict(p.split("=", 1) for p in pairs)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--links", type=int, default=5000)
    parser.add_argument("--hosts", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--variant", action="append", default=[])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--port", type=int, default=PORT, help=argparse.SUPPRESS
    )  # the child's: where the servers listen
    args = parser.parse_args()
    if args.child:
        child(args.links, args.hosts, args.port)
        return
    server = Server([f"127.0.0.{i}" for i in range(1, args.hosts + 1)], args.latency)
    port = server.start()  # PORT, or the next one all hosts have free
    chosen = variants(args.variant)
    results: dict[str, list[tuple[float, float, int]]] = {name: [] for name in chosen}
    kinds: dict[str, dict[str, int]] = {}
    for _ in range(args.repeat):
        for name, env in chosen.items():
            server.reset()
            command = [sys.executable, __file__, "--child", "--links", str(args.links), "--hosts", str(args.hosts)]
            command += ["--port", str(port)]
            out = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True, check=True)
            report = json.loads(out.stdout.strip().splitlines()[-1])
            results[name].append((report["cpu"], report["wall"], server.requests))
            kinds[name] = report["kinds"]
    print(
        f"{args.links} links over {args.hosts} hosts, {args.latency * 1000:.0f} ms a request; "
        f"Checker.check_all only; medians of {args.repeat}\n"
    )
    print("| stack | CPU ms / request | CPU s | wall s | requests | verdicts |")
    print("|---|---:|---:|---:|---:|---|")
    for name, runs in results.items():
        per = statistics.median(cpu / max(requests, 1) * 1000 for cpu, _, requests in runs)
        every = ", ".join(f"{cpu / max(requests, 1) * 1000:.2f}" for cpu, _, requests in runs)
        print(
            f"| {name} | {per:.2f} ({every}) | {statistics.median(r[0] for r in runs):.2f} | "
            f"{statistics.median(r[1] for r in runs):.2f} | {statistics.median(r[2] for r in runs)} | "
            f"{json.dumps(kinds[name], sort_keys=True)} |"
        )


if __name__ == "__main__":
    main()
