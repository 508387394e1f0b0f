"""Raw HTTP servers on 127.0.0.1 for the link-checker tests (never the outside world)."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

from werkzeug import Request, Response

from awesomelint.links.verdict import OK, Verdict

# what a server answers to a path: bytes to send, or seconds to wait before answering 200
Answer = Callable[[str], bytes | float]

OK_ANSWER = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"


class Listener:
    """A TCP server on 127.0.0.1 that hands each connection to `serve` in a thread of its
    own, counting the connections; `close` stops it taking more."""

    def __init__(self, serve: Callable[[socket.socket], None], backlog: int = 128) -> None:
        self.serve = serve
        self.connections = 0
        self.stopped = False
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(backlog)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def _accept(self) -> None:
        while not self.stopped:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self.serve, args=(conn,), daemon=True).start()

    def close(self) -> None:
        self.stopped = True
        self.sock.close()


class RawServer(Listener):
    """A threaded HTTP/1.1 server on 127.0.0.1 whose answer to each path is given by
    `answer(path)`: bytes to send, or seconds to wait before answering 200; with `drip`,
    the answer goes out a byte every `drip` seconds. Keeps connections alive; counts the
    connections and requests it sees."""

    def __init__(self, answer: Answer, drip: float = 0.0) -> None:
        self.answer, self.drip = answer, drip
        self.requests: list[str] = []
        super().__init__(self._serve)

    def _serve(self, conn: socket.socket) -> None:
        buffer = b""
        with conn:
            while not self.stopped:
                try:
                    chunk = conn.recv(4096)
                except OSError:
                    return
                if not chunk:
                    return
                buffer += chunk
                while b"\r\n\r\n" in buffer:
                    head, buffer = buffer.split(b"\r\n\r\n", 1)
                    path = head.split(b" ")[1].decode("latin-1")
                    self.requests.append(path)
                    answer = self.answer(path)
                    if isinstance(answer, (int, float)):
                        deadline = time.monotonic() + answer
                        while time.monotonic() < deadline and not self.stopped:
                            time.sleep(0.05)
                        answer = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                    try:
                        if self.drip:
                            for byte in answer:
                                if self.stopped:
                                    return
                                conn.sendall(bytes([byte]))
                                time.sleep(self.drip)
                        else:
                            conn.sendall(answer)
                    except OSError:
                        return


class PagesAnswerOk:
    """The page checker, answering every page ok without a request."""

    def __init__(self, settings: Any, on_done: Any = None) -> None:
        self.on_done = on_done

    async def check_all(self, urls: list[str]) -> dict[str, Verdict]:
        verdicts = {url: Verdict(url, OK, 200) for url in urls}
        for verdict in verdicts.values():
            self.on_done(verdict)
        return verdicts


# --- a fake GitHub GraphQL API (for pytest-httpserver's respond_with_handler) ----------------

_ALIAS = re.compile(r'(r\d+): repository\(owner: "([^"]*)", name: "([^"]*)"\)')


def github_graphql(repos: dict[str, dict[str, Any]], asked: list[str] | None = None) -> Callable[[Request], Response]:
    """A handler answering every aliased repository of a query in the shape GitHub
    documents: null for one it does not know, else nameWithOwner, primaryLanguage
    ({name}), repositoryTopics ({nodes: [{topic: {name}}]}), description, and what
    ``repos`` gives ("language" and "topics" in short; isArchived, pushedAt as GitHub
    names them). ``asked`` collects the owner/name of every repository asked for."""

    def handle(request: Request) -> Response:
        query = json.loads(request.data)["query"]
        data: dict[str, Any] = {}
        for alias, owner, name in _ALIAS.findall(query):
            if asked is not None:
                asked.append(f"{owner}/{name}")
            repo = repos.get(f"{owner}/{name}")
            if repo is None:
                data[alias] = None
                continue
            data[alias] = {
                "nameWithOwner": f"{owner}/{name}",
                "isArchived": False,
                "primaryLanguage": {"name": repo["language"]} if repo.get("language") else None,
                "repositoryTopics": {"nodes": [{"topic": {"name": t}} for t in repo.get("topics", [])]},
                "description": repo.get("description", ""),
                "pushedAt": "2025-06-01T00:00:00Z",
                **{k: v for k, v in repo.items() if k not in ("language", "topics")},
            }
        return Response(json.dumps({"data": data}), content_type="application/json")

    return handle
