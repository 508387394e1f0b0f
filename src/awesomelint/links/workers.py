"""Link checking in worker processes, each owning the hosts a stable hash gives it.

One process checking 20,000 links is CPU-bound (HTTP parsing, TLS, asyncio's own work);
worker processes spread that over the cores. Politeness decides how the work is split:
every request to a host is sent by the one worker that owns the host (`owner`: a CRC of
the host name, the same in every process and every run), so its per-host cap, its
429/503 back-off and its pooled connections are all in one place, exactly as in one
process. A redirect into a host another worker owns is not fetched by the first: the
chain (the link, the hops seen, whether every move was permanent) goes back to the
main process, which hands it to the owner.

The main process keeps everything that must be one: the SQLite cache (its only writer),
the GitHub, arXiv and Hugging Face API batches, progress, and the verdicts, merged by
URL (findings keep the list's order: the rules read them by URL afterwards).

Workers are fresh interpreters (`_BOOT`: ``awesomelint.links.workers.main``), started by
`subprocess`, not `multiprocessing`. A fork would start in milliseconds, but it copies the
main process: its parsed documents (113 MB at 20,000 links) would count again in each
child's resident set the moment it is made, and forking a process that has run an event
loop (or any thread) is unsafe, which is why Python 3.14 no longer forks by default;
forkserver and spawn are fresh interpreters too, with pickling and a helper process
besides. A fresh interpreter that imports the checker alone costs about 26 MB and 0.15 s
of one core; the pool is made before the lists are parsed (`api.check_paths`), so that
overlaps the parse. Main and worker speak JSON lines over the worker's stdin and stdout;
its stderr is the run's.

Signals: the workers run in a session of their own, so a terminal's SIGINT (sent to the
foreground process group) reaches the main process alone, as SIGTERM from `kill` does;
the main process sends SIGTERM to every worker, each stops its checks and ends its
output, and main reads the verdicts already written before it raises `Interrupted` (so
they reach the cache). A main process killed outright closes the workers' pipes, and
they stop. A worker that dies leaves its pending links an error verdict; it never holds
the run up.
"""

from __future__ import annotations

import asyncio
import json
import os
import select
import signal
import subprocess
import sys
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import asdict
from functools import partial
from typing import Any

from .checker import WINDOW, Chain, Checker, Settings, host_key
from .verdict import ERROR, Verdict

# fewer links are checked in the main process: at 2,000 workers were a wash, at 5,000 0.8 s faster (README)
MIN_LINKS = 3000
MAX_WORKERS = 4
DRAIN_SECONDS = 5.0  # how long an interrupted run waits for its workers' last verdicts
ENV = "AWESOMELINT_LINK_WORKERS"  # a number of workers to use whatever the run's size; 0: none


def owner(url: str, workers: int) -> int:
    """The worker that sends every request to this URL's host (stable across processes,
    unlike `hash`, which is salted per interpreter)."""
    return zlib.crc32(host_key(url).encode()) % workers


def planned_workers(links: int | None = None) -> int:
    """How many workers a run of ``links`` links uses: none below `MIN_LINKS` or on one
    core, else one per core, at most `MAX_WORKERS`; ``links=None``: as many as a large
    run would (to start them early). ``AWESOMELINT_LINK_WORKERS`` decides instead.
    Never on Windows: the pipes are read through the event loop's POSIX pipe support."""
    if sys.platform == "win32":
        return 0
    forced = os.environ.get(ENV)
    if forced is not None and forced.strip().isdigit():
        return int(forced)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if cores < 2 or (links is not None and links < MIN_LINKS):
        return 0
    return min(cores, MAX_WORKERS)


# the main process ------------------------------------------------------------------


# A worker imports the checker alone: the package's __init__ imports the whole linter
# (rules, markdown-it, the model), 5 MB and 0.1 s of each worker for nothing; a bare
# package module with the same __path__ takes its place. httpx imports its command line
# (click, rich, pygments: 9 MB) whenever they are installed, as they are with awesomelint;
# a None in sys.modules makes that import fail, which httpx expects and gets past.
_BOOT = (
    "import sys, types; package = types.ModuleType('awesomelint'); package.__path__ = [{package!r}]; "
    "sys.modules['awesomelint'] = package; sys.modules['httpx._main'] = None; "
    "from awesomelint.links.workers import main; main()"
)


class WorkerPool:
    """Worker processes, started at once (before the lists are parsed), used by one `run`."""

    def __init__(self, count: int):
        self.processes = [
            subprocess.Popen(
                [sys.executable, "-c", _BOOT.format(package=os.path.dirname(os.path.dirname(__file__)))],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                bufsize=0,
                # its own session: a terminal's SIGINT reaches the main process alone, which
                # stops the workers itself, after which their last verdicts are read
                start_new_session=True,
            )
            for _ in range(count)
        ]

        self.config: dict[str, Any] | None = None  # the run's settings, once sent (`start`)
        self.sent: dict[str, int] = {}  # links sent before the run (`send`) -> the worker holding each
        self.outbox: list[bytearray] = [bytearray() for _ in range(count)]  # what the pipes have not taken yet
        self._drained: list[bytearray] = []

    def __len__(self) -> int:
        return len(self.processes)

    def start(self, settings: Settings) -> None:
        """Send the run's settings now, so that `send` can give the workers links while
        the main process still parses the lists (its event loop not running yet)."""
        self.config = _worker_settings(settings, len(self))
        for index, process in enumerate(self.processes):
            assert process.stdin is not None
            os.set_blocking(process.stdin.fileno(), False)
            start = {"settings": self.config, "index": index, "workers": len(self)}
            self.outbox[index] += json.dumps(start).encode() + b"\n"

    def send(self, urls: Iterable[str]) -> None:
        """Give each link to its host's worker at once, before the run (after `start`). The
        writes never block: what a pipe does not take now waits in `outbox` (flushed on
        each `send`, and by `run` through its event loop). A worker's verdicts never wait
        on the main process either: it writes them through its own event loop, whose
        transport keeps what the pipe does not take (`Output`), and `run` reads them."""
        for url in urls:
            if url not in self.sent:
                index = self.sent[url] = owner(url, len(self))
                self.outbox[index] += json.dumps({"check": url}).encode() + b"\n"
        for index, process in enumerate(self.processes):
            self.outbox[index] = self._flush(process, self.outbox[index])

    def drain(self) -> list[Verdict]:
        """The run stopped before it began (a signal while the lists were parsed): each
        worker is stopped and the verdicts it had written are read (for the cache), for
        at most `DRAIN_SECONDS`. Chains handed over are dropped: no one checks them now."""
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        output = {process.stdout.fileno(): bytearray() for process in self.processes if process.stdout is not None}
        deadline = time.monotonic() + DRAIN_SECONDS
        while output and (left := deadline - time.monotonic()) > 0:
            readable, _, _ = select.select(list(output), [], [], left)
            for fd in readable:
                chunk = os.read(fd, 1 << 16)
                if chunk:
                    output[fd] += chunk
                else:  # the worker ended its output
                    self._drained.append(output.pop(fd))
            if not readable:
                break
        verdicts = []
        for data in [*self._drained, *output.values()]:
            for line in bytes(data).splitlines():
                try:
                    message = json.loads(line)
                    if "verdict" in message:
                        verdicts.append(_verdict_from(message["verdict"]))
                except (ValueError, TypeError):  # a line cut short when the time ran out
                    break
        return verdicts

    @staticmethod
    def _flush(process: subprocess.Popen[bytes], waiting: bytearray) -> bytearray:
        assert process.stdin is not None
        while waiting:
            try:
                written = os.write(process.stdin.fileno(), waiting)
            except BlockingIOError:
                break
            except OSError:  # the worker died: `run`'s reader gives its links an error verdict
                return bytearray()
            del waiting[:written]
        return waiting

    def close(self) -> None:
        """End every worker (those never given work, or left after an interruption)."""
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=DRAIN_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            for pipe in (process.stdin, process.stdout):
                if pipe is not None:
                    pipe.close()

    async def run(self, urls: list[str], settings: Settings, on_done: Callable[[Verdict], None]) -> None:
        """Check ``urls`` in the workers, each verdict to ``on_done`` as it comes."""
        await _Dispatch(self, settings, on_done).run(urls)


class _Dispatch:
    """One run over a pool: sends each link to its host's worker, hands chains over,
    collects verdicts, and knows which links each worker still holds."""

    def __init__(self, pool: WorkerPool, settings: Settings, on_done: Callable[[Verdict], None]):
        self.pool, self.settings, self.on_done = pool, settings, on_done
        self.count = len(pool)
        self.pending: list[set[str]] = [set() for _ in range(self.count)]  # links each worker holds
        self.remaining = 0
        self.all_done = asyncio.Event()
        self.writers: list[asyncio.WriteTransport | None] = []
        self.stopping = False  # the run was interrupted: links left unchecked get no verdict

    async def run(self, urls: list[str]) -> None:
        if not urls:
            return
        loop = asyncio.get_running_loop()
        readers = []
        for process in self.pool.processes:
            assert process.stdin is not None and process.stdout is not None
            reader = asyncio.StreamReader(limit=1 << 20)
            await loop.connect_read_pipe(partial(asyncio.StreamReaderProtocol, reader), process.stdout)
            transport, _ = await loop.connect_write_pipe(asyncio.BaseProtocol, process.stdin)
            self.writers.append(transport)
            readers.append(reader)
        early = self.pool.sent  # links sent while the lists were parsed (`WorkerPool.send`): in ``urls``
        self.remaining = len(urls)
        batches: list[list[str]] = [[] for _ in range(self.count)]
        for url in urls:
            index = owner(url, self.count)
            self.pending[index].add(url)
            if url not in early:
                batches[index].append(url)
        for index, batch in enumerate(batches):  # one write each: the pipe takes what it can, the rest waits
            if self.pool.config is None:
                start = {"settings": _worker_settings(self.settings, self.count), "index": index, "workers": self.count}
                self._write(index, [start])
            elif self.pool.outbox[index]:
                self._send(index, bytes(self.pool.outbox[index]))
            self._write(index, ({"check": url} for url in batch))
        tasks = [asyncio.ensure_future(self._read(index, reader)) for index, reader in enumerate(readers)]
        try:
            await self.all_done.wait()
        except BaseException:  # interrupted: the workers stop, what they finished is read
            self.stopping = True
            self._signal_all(signal.SIGTERM)
            await asyncio.wait(tasks, timeout=DRAIN_SECONDS)
            raise
        finally:
            for task in tasks:
                task.cancel()
            for writer in self.writers:
                if writer is not None:
                    writer.close()  # end of input: the worker ends (its checks are all done)

    def _write(self, index: int, messages: Iterable[dict[str, Any]]) -> None:
        self._send(index, b"".join(json.dumps(message).encode() + b"\n" for message in messages))

    def _send(self, index: int, data: bytes) -> None:
        writer = self.writers[index]
        if writer is None or writer.is_closing() or not data:
            return
        try:
            writer.write(data)
        except (BrokenPipeError, ConnectionResetError, RuntimeError):  # the worker died: its reader says so
            pass

    def _signal_all(self, signum: int) -> None:
        for process in self.pool.processes:
            if process.poll() is None:
                process.send_signal(signum)

    async def _read(self, index: int, reader: asyncio.StreamReader) -> None:
        """A worker's answers until it ends; whatever it still held then gets an error
        verdict (it died, or wrote what is not an answer), so that no link waits forever."""
        try:
            while line := await reader.readline():
                self._take(index, json.loads(line))
        except (ValueError, TypeError, KeyError, asyncio.LimitOverrunError):
            pass  # not an answer: the worker is no longer trusted to give one
        finally:
            self.writers[index] = None
            for url in [] if self.stopping else sorted(self.pending[index]):
                self._finish(Verdict(url, ERROR, detail="could not be checked (its worker stopped)"))
            self.pending[index].clear()

    def _take(self, index: int, message: dict[str, Any]) -> None:
        if "verdict" in message:
            verdict = _verdict_from(message["verdict"])
            self.pending[index].remove(verdict.url)
            self._finish(verdict)
        elif "chain" in message:
            chain = _chain_from(message["chain"])
            self.pending[index].remove(chain.url)
            target = owner(chain.current, self.count)
            if self.writers[target] is None:  # handed to a worker that ended
                self._finish(
                    Verdict(chain.url, ERROR, None, chain.current, "could not be checked (its worker stopped)")
                )
                return
            self.pending[target].add(chain.url)
            self._write(target, [{"chain": _chain_message(chain)}])

    def _finish(self, verdict: Verdict) -> None:
        self.on_done(verdict)
        self.remaining -= 1
        if self.remaining <= 0:
            self.all_done.set()


# what goes over the pipes: a verdict or a chain as a JSON list, read back strictly (a
# list of another length is no answer: the worker that wrote it is not trusted)


def _verdict_message(verdict: Verdict) -> list[Any]:
    return [verdict.url, verdict.kind, verdict.status, verdict.final_url, verdict.detail]


def _verdict_from(fields: list[Any]) -> Verdict:
    url, kind, status, final_url, detail = fields
    return Verdict(url, kind, status, final_url, detail)


def _chain_message(chain: Chain) -> list[Any]:
    return [chain.url, chain.current, chain.seen, chain.permanent]


def _chain_from(fields: list[Any]) -> Chain:
    url, current, seen, permanent = fields
    return Chain(url, current, seen, permanent)


def _worker_settings(settings: Settings, workers: int) -> dict[str, Any]:
    """The settings each worker checks with, as JSON: --max-concurrency is the run's total."""
    share = max(1, -(-settings.max_concurrency // workers))
    return asdict(settings) | {"accept": sorted(settings.accept), "max_concurrency": share}


# a worker ----------------------------------------------------------------------------


class _ShardChecker(Checker):
    """A checker whose links come from the main process, a line at a time, and whose
    verdicts and handed-over chains go back to it."""

    def __init__(self, settings: Settings, index: int, workers: int, lines: asyncio.StreamReader, out: Output):
        super().__init__(settings, owns=lambda url: owner(url, workers) == index)
        self.lines, self.out = lines, out
        self.window = max(WINDOW // workers, 4 * settings.max_concurrency)  # the run's window, shared out

    async def _windowed(self, urls: list[str], deadline: float) -> list[Verdict]:
        """`Checker._windowed`, its links read from the main process until it ends the input."""
        window = asyncio.Semaphore(self.window)
        tasks: set[asyncio.Task[None]] = set()

        async def one(chain: Chain) -> None:
            try:
                outcome = await self.bounded(chain, deadline)
                if isinstance(outcome, Chain):
                    self.out.send({"chain": _chain_message(outcome)})
                else:
                    self.out.send({"verdict": _verdict_message(outcome)})
            finally:
                window.release()

        try:
            while line := await self.lines.readline():
                message = json.loads(line)
                if "check" in message:
                    chain = Chain(message["check"], message["check"], [message["check"]])
                else:
                    chain = _chain_from(message["chain"])
                await window.acquire()
                task = asyncio.create_task(one(chain))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
            # the end of input: all verdicts are in, or the main process is gone (killed)
            # and no one will read what is left: those checks stop here either way
        finally:
            for task in tasks:
                task.cancel()
        return []


class _Closing(asyncio.BaseProtocol):
    """Knows when a pipe has written all it was given and closed."""

    def __init__(self) -> None:
        self.closed = asyncio.get_running_loop().create_future()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.closed.done():
            self.closed.set_result(None)


FLUSH_SECONDS = 0.05


class Output:
    """JSON lines to the main process through an asyncio pipe, never blocking the loop;
    those of `FLUSH_SECONDS` go in one write (on a busy machine a write to the pipe, which
    wakes the main process, cost as much CPU as checking a link: 1 ms)."""

    def __init__(self, transport: asyncio.WriteTransport):
        self.transport = transport
        self.waiting: list[bytes] = []

    def send(self, message: dict[str, Any]) -> None:
        if not self.waiting:
            asyncio.get_running_loop().call_later(FLUSH_SECONDS, self.flush)
        self.waiting.append(json.dumps(message).encode() + b"\n")

    def flush(self) -> None:
        if self.waiting and not self.transport.is_closing():
            self.transport.write(b"".join(self.waiting))
        self.waiting = []


async def _serve() -> None:
    loop = asyncio.get_running_loop()
    main_task = asyncio.current_task()
    assert main_task is not None
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, main_task.cancel)
    lines = asyncio.StreamReader(limit=1 << 20)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(lines), sys.stdin.buffer)
    transport, closing = await loop.connect_write_pipe(_Closing, sys.stdout.buffer)
    first = await lines.readline()
    if not first:  # a pool closed before any run (a small run after all)
        return
    start = json.loads(first)
    settings = Settings(**(start["settings"] | {"accept": set(start["settings"]["accept"])}))
    output = Output(transport)
    checker = _ShardChecker(settings, start["index"], start["workers"], lines, output)
    # the main process gone (killed: its end of the pipe closed), no one reads the verdicts
    closing.closed.add_done_callback(lambda _: main_task.cancel())
    try:
        await checker.check_all([])
    except asyncio.CancelledError:
        pass
    try:  # what was written still reaches the main process before the loop ends
        output.flush()
        transport.close()
        await asyncio.wait_for(asyncio.shield(closing.closed), DRAIN_SECONDS)
    except (asyncio.CancelledError, asyncio.TimeoutError):  # a second signal, or a main process that reads no more
        pass


def main() -> None:
    """A worker: serve one run, then end. Its cyclic collector, over what the run makes
    alone (see `collector.collecting`): a fifth of a second of CPU less a worker at 10,000 links
    than at Python's default, for a megabyte or two more."""
    from . import asyncionet
    from .collector import collecting

    with collecting():
        asyncionet.run(_serve())


if __name__ == "__main__":
    main()
