"""The pygls server: open documents, debounced checks in a worker thread, diagnostics
published with the document's version, code actions and formatting.

A change schedules a check after :data:`DEBOUNCE` seconds; a newer change cancels the
older one (before it starts; a check already running finishes, and its result is
dropped when the document has moved on: the latest text wins). Checks run one at a
time in a worker thread, so the server keeps answering while a large list is checked.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from ..engine.gcpause import collected_between
from ..version import version
from . import actions
from .analysis import Analysis, analyse, analyse_online
from .diagnostics import diagnostics
from .positions import UTF8, UTF16, UTF32
from .settings import Settings, parse_settings

DEBOUNCE = 0.1  # seconds after the last keystroke: a burst of typing is checked once, when it pauses
T = TypeVar("T")
log = logging.getLogger("awesomelint.server")


class AwesomeLintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("awesomelint", version(), text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.settings = Settings()
        self.analyses: dict[str, Analysis] = {}  # uri -> the last check published
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="awesomelint-check")
        self.links = ThreadPoolExecutor(max_workers=1, thread_name_prefix="awesomelint-links")

    @property
    def encoding(self) -> str:
        chosen = str(self.workspace.position_encoding or UTF16)
        return chosen if chosen in (UTF8, UTF16, UTF32) else UTF16

    @property
    def resolves_edits(self) -> bool:
        """Does the client take a code action's edit from codeAction/resolve?"""
        text = self.client_capabilities.text_document
        support = text.code_action.resolve_support if text and text.code_action else None
        return support is not None and "edit" in support.properties

    def tell(self, kind: types.MessageType, message: str) -> None:
        self.window_log_message(types.LogMessageParams(kind, message))

    async def in_worker(self, pool: ThreadPoolExecutor, work: Callable[[], T]) -> T:
        """``work`` in ``pool``; in the checker, with the collector paused, as `check` runs
        (the link pool only waits for a process: the collector stays on meanwhile)."""

        def paused() -> T:
            for _ in collected_between([None]):
                return work()
            raise AssertionError("unreachable")

        return await asyncio.get_running_loop().run_in_executor(pool, paused if pool is self.checker else work)

    # checking ------------------------------------------------------------------

    def schedule(self, uri: str, delay: float, *, online: bool = False) -> None:
        older = self.pending.pop(uri, None)
        if older is not None:
            older.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self.check_later(uri, delay, online))

    async def check_later(self, uri: str, delay: float, online: bool) -> None:
        if delay:
            await asyncio.sleep(delay)
        document = self.workspace.get_text_document(uri)
        version, text, path, settings = document.version, document.source, document.path, self.settings
        encoding = self.encoding
        analysis = await self.in_worker(self.checker, lambda: analyse(text, path, settings, encoding))
        self.publish(uri, version, analysis)
        if online and analysis.problem is None:
            # the link run outlives further keystrokes: it is published only if the text is unchanged
            self.pending.pop(uri, None)
            found = await self.in_worker(self.links, lambda: analyse_online(analysis, settings))
            if found is not None:
                self.publish(uri, version, found)

    def publish(self, uri: str, version: int | None, analysis: Analysis) -> None:
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return  # closed, or changed since: a newer check is on its way
        self.analyses[uri] = analysis
        if analysis.problem is not None and analysis.problem.code == "internal-error":
            self.tell(types.MessageType.Error, analysis.problem.message)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics(analysis, uri), version=version)
        )

    async def current(self, uri: str) -> Analysis:
        """The check of the document's text as it is now (made now if the last one is older)."""
        document = self.workspace.get_text_document(uri)
        text = document.source
        known = self.analyses.get(uri)
        if known is not None and known.text == text and known.lines.encoding == self.encoding:
            return known
        path, settings, encoding = document.path, self.settings, self.encoding
        return await self.in_worker(self.checker, lambda: analyse(text, path, settings, encoding))

    def recheck_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0, online=self.settings.online)


def build() -> AwesomeLintServer:
    server = AwesomeLintServer()

    def configure(raw: Any) -> None:
        settings, problems = parse_settings(raw)
        server.settings = settings
        for problem in problems:
            server.tell(types.MessageType.Warning, problem)

    @server.feature(types.INITIALIZE)
    def initialize(ls: AwesomeLintServer, params: types.InitializeParams) -> None:
        if params.initialization_options is not None:
            configure(params.initialization_options)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def changed_configuration(ls: AwesomeLintServer, params: types.DidChangeConfigurationParams) -> None:
        configure(params.settings)
        ls.recheck_all()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def opened(ls: AwesomeLintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0, online=ls.settings.online)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def changed(ls: AwesomeLintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def saved(ls: AwesomeLintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0, online=ls.settings.online)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def closed(ls: AwesomeLintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.analyses.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL], resolve_provider=True
        ),
    )
    async def code_action(ls: AwesomeLintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        analysis = await ls.current(uri)
        only = [str(kind) for kind in params.context.only] if params.context.only else None
        # an explicit fix all (on save) is applied at once: its edit comes with it
        resolve = ls.resolves_edits and not (only and actions.wanted(only, actions.FIX_ALL))
        try:
            return await ls.in_worker(
                ls.checker, lambda: actions.code_actions(analysis, uri, params.range, only, resolve=resolve)
            )
        except Exception as exc:  # a bug in a fix: no actions, the server keeps serving
            log.exception("code actions failed for %s", uri)
            ls.tell(types.MessageType.Error, f"awesomelint: code actions failed ({type(exc).__name__}: {exc})")
            return []

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def resolve_action(ls: AwesomeLintServer, action: types.CodeAction) -> types.CodeAction:
        """The edit of a quick fix or of fix all, made now (unchanged when it cannot be)."""
        if not isinstance(action.data, dict) or "uri" not in action.data:
            return action
        analysis = await ls.current(action.data["uri"])
        resolve = actions.resolve_fix_all if action.kind == actions.FIX_ALL else actions.resolve_quick_fix
        try:
            resolved = await ls.in_worker(ls.checker, lambda: resolve(analysis, action))
        except Exception as exc:  # a bug in a fix: the action does nothing, the server keeps serving
            log.exception("resolving a code action failed")
            ls.tell(types.MessageType.Error, f"awesomelint: the fix failed ({type(exc).__name__}: {exc})")
            return action
        return resolved if resolved is not None else action

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    async def formatting(ls: AwesomeLintServer, params: types.DocumentFormattingParams) -> list[types.TextEdit]:
        analysis = await ls.current(params.text_document.uri)
        try:
            return await ls.in_worker(ls.checker, lambda: actions.formatting(analysis))
        except Exception as exc:
            log.exception("formatting failed for %s", params.text_document.uri)
            ls.tell(types.MessageType.Error, f"awesomelint: formatting failed ({type(exc).__name__}: {exc})")
            return []

    return server


def serve() -> None:
    """Serve over stdin and stdout until the client says exit; logs go to stderr."""
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="awesomelint server: %(message)s")
    build().start_io()
