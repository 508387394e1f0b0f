"""A real LSP client (pygls' own) driving `awesomelint server` over stdio, for the
server's tests and bench/server.py: start the process, initialize, open and change
documents, wait for the diagnostics of a version, ask for actions and formatting."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.client import LanguageClient

T = TypeVar("T")
SERVER = (sys.executable, "-m", "awesomelint", "server")
TIMEOUT = 30.0


class Session:
    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.logs: list[str] = []
        self.arrived = asyncio.Condition()
        self.versions: dict[str, int] = {}
        self.capabilities = types.ServerCapabilities()  # what the server's initialize answered

    async def diagnostics(self, uri: str, version: int | None = None) -> list[types.Diagnostic]:
        """The diagnostics published for ``uri`` at ``version`` (the last sent, by default)."""
        wanted = self.versions.get(uri) if version is None else version

        def ready() -> bool:
            return any(p.version == wanted for p in self.published.get(uri, []))

        async with self.arrived:
            await asyncio.wait_for(self.arrived.wait_for(ready), TIMEOUT)
        return list([p for p in self.published[uri] if p.version == wanted][-1].diagnostics)

    def open(self, path: Path | str, text: str) -> str:
        uri = Path(path).resolve().as_uri() if not str(path).startswith("untitled:") else str(path)
        self.versions[uri] = 1
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text))
        )
        return uri

    def replace(self, uri: str, text: str) -> int:
        """Send the whole new text (a full change) and return its version."""
        self.versions[uri] += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(self.versions[uri], uri),
                [types.TextDocumentContentChangeWholeDocument(text)],
            )
        )
        return self.versions[uri]

    def edit(self, uri: str, edits: Sequence[types.TextEdit]) -> int:
        """Send text edits as incremental changes (last first, so earlier ranges hold)."""
        self.versions[uri] += 1
        ordered = sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True)
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(self.versions[uri], uri),
                [types.TextDocumentContentChangePartial(e.range, e.new_text) for e in ordered],
            )
        )
        return self.versions[uri]

    async def actions(self, uri: str, at: types.Range, only: list[str] | None = None) -> list[types.CodeAction]:
        context = types.CodeActionContext(diagnostics=[], only=only)
        found = await self.client.text_document_code_action_async(
            types.CodeActionParams(types.TextDocumentIdentifier(uri), at, context)
        )
        return [a for a in found or [] if isinstance(a, types.CodeAction)]

    async def formatting(self, uri: str) -> list[types.TextEdit]:
        options = types.FormattingOptions(tab_size=2, insert_spaces=True)
        found = await self.client.text_document_formatting_async(
            types.DocumentFormattingParams(types.TextDocumentIdentifier(uri), options)
        )
        return list(found or [])


def apply(text: str, edits: Sequence[types.TextEdit]) -> str:
    """Apply LSP edits (UTF-16 positions) to ``text`` as an editor does."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = 0
        for index, ch in enumerate(line):
            if units >= position.character:
                return before + index
            units += 2 if ord(ch) > 0xFFFF else 1
        return before + len(line)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
        lines = text.split("\n")
    return text


async def _session(
    scenario: Callable[[Session], Awaitable[T]],
    options: dict[str, Any] | None,
    command: Sequence[str],
    capabilities: types.ClientCapabilities | None,
    cwd: str | None,
    env: dict[str, str] | None,
) -> T:
    client = LanguageClient("awesomelint-tests", "1")
    session = Session(client)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    async def published(_client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        async with session.arrived:
            session.published.setdefault(params.uri, []).append(params)
            session.arrived.notify_all()

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def logged(_client: LanguageClient, params: types.LogMessageParams) -> None:
        session.logs.append(params.message)

    await client.start_io(*command, cwd=cwd, env=env)
    try:
        answer = await client.initialize_async(
            types.InitializeParams(
                capabilities=capabilities or types.ClientCapabilities(), initialization_options=options
            )
        )
        session.capabilities = answer.capabilities
        client.initialized(types.InitializedParams())
        return await scenario(session)
    finally:
        await asyncio.wait_for(client.shutdown_async(None), TIMEOUT)
        client.exit(None)
        await client.stop()


def run(
    scenario: Callable[[Session], Awaitable[T]],
    options: dict[str, Any] | None = None,
    *,
    command: Sequence[str] = SERVER,
    capabilities: types.ClientCapabilities | None = None,
    cwd: str | None = None,
    env: dict[str, str] | None = None,
) -> T:
    """Start the server, initialize it with ``options``, run the scenario, shut it down."""
    return asyncio.run(_session(scenario, options, command, capabilities, cwd, env))
