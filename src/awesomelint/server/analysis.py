"""One check of one editor buffer through the public API, as `awesomelint check` makes it
for the file: the config found from the document's path (`.awesomelint.yaml`,
`pyproject.toml`), the editor's settings as command-line overrides, inline comments.

Nothing here raises: a bad config, an unknown rule in an inline comment or a crash in
a rule becomes a :class:`Problem` the server shows as one diagnostic, and the crash is
logged with its traceback. The server keeps running.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from dataclasses import dataclass, field, replace

from ..api import check_text, config_resolver
from ..engine.config import Config
from ..errors import InputError
from ..findings import Finding, Related, Severity
from ..report import Located
from ..rules import BY_NAME
from .positions import UTF16, Lines
from .settings import Settings

log = logging.getLogger(__name__)

ONLINE_TIMEOUT = 660.0  # `check --online` stops itself after --max-time (600 s by default)


@dataclass(frozen=True)
class Problem:
    """Why the buffer was not (fully) checked: shown as one diagnostic on its first line."""

    code: str  # "config", "input", "too-large", "internal-error"
    message: str
    severity: Severity = Severity.ERROR


@dataclass
class Analysis:
    """A buffer's text as the editor sent it and what `check` says of it."""

    text: str
    path: str
    lines: Lines
    config: Config | None
    located: list[Located] = field(default_factory=list)
    problem: Problem | None = None
    online: bool = False  # the link rules ran too


def resolve_config(path: str, settings: Settings) -> Config:
    """The config `check` would use for ``path`` with the settings as its options;
    looked up afresh each time, so an edited config file counts at once. InputError for
    a bad config file or an unknown rule name."""
    resolver = config_resolver(
        select=list(settings.select) if settings.select is not None else None,
        ignore=list(settings.ignore) if settings.ignore is not None else None,
        profile=settings.profile,
    )
    return resolver(path)


def analyse(text: str, path: str, settings: Settings, encoding: str = UTF16) -> Analysis:
    """The offline rules' findings on ``text`` (the unsaved buffer of the file at ``path``)."""
    lines = Lines(text, encoding)
    try:
        config = resolve_config(path, settings)
    except InputError as exc:
        return Analysis(text, path, lines, None, problem=Problem("config", str(exc)))
    except Exception as exc:  # never let a config take the server down
        return Analysis(text, path, lines, None, problem=_crashed(path, exc))
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > config.max_bytes:
        message = (
            f"{path}: {size / 1048576:.1f} MB, over the {config.max_bytes / 1048576:g} MB limit "
            "(max-size-mb in the config); not checked"
        )
        return Analysis(text, path, lines, config, problem=Problem("too-large", message, Severity.INFO))
    try:
        located = check_text(text, config, path=path)
    except InputError as exc:  # an inline comment naming no rule
        return Analysis(text, path, lines, config, problem=Problem("input", str(exc)))
    except Exception as exc:  # a bug in a rule: report it, keep serving
        return Analysis(text, path, lines, config, problem=_crashed(path, exc))
    return Analysis(text, path, lines, config, located)


def analyse_online(offline: Analysis, settings: Settings) -> Analysis | None:
    """``offline`` with the link rules' findings added: `awesomelint check --online` of the
    saved file, in a process of its own (the link checker reads files, may run for
    minutes, and its parser state is not shared with the checks made meanwhile); None
    when the buffer is not what is on disk or the run was stopped."""
    try:
        with open(offline.path, encoding="utf-8", newline="") as stream:
            if stream.read() != offline.text:
                return None
    except (OSError, UnicodeDecodeError):
        return None
    command = [sys.executable, "-m", "awesomelint", "check", "--online", "--format", "json", "--fail-on", "error"]
    for option, names in (("--select", settings.select), ("--ignore", settings.ignore)):
        if names is not None:
            command += [option, ",".join(names)]
    if settings.profile:
        command += ["--profile", settings.profile]
    try:
        done = subprocess.run(
            [*command, offline.path],
            capture_output=True,
            text=True,
            encoding="utf-8",
            stdin=subprocess.DEVNULL,
            timeout=ONLINE_TIMEOUT,
        )
        items = json.loads(done.stdout) if done.returncode in (0, 1) else None
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        log.warning("the online check of %s failed: %s", offline.path, exc)
        return None
    if items is None:
        why = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"
        return replace(offline, problem=Problem("input", why), online=True)
    lines = offline.lines
    found = [_located(item, lines, offline.path) for item in items if item["rule"] in BY_NAME]
    online = [item for item in found if BY_NAME[item.rule].online]
    located = sorted(offline.located + online, key=lambda item: (item.finding.start, item.rule))
    return replace(offline, located=located, online=True)


def _located(item: dict, lines: Lines, path: str) -> Located:
    """A finding of `check --format json` at its offsets in the buffer (columns count code points)."""
    start = lines.line_start(item["line"] - 1) + item["column"] - 1
    end = lines.line_start(item["end_line"] - 1) + item["end_column"] - 1
    related = [Related(r["path"], r["line"]) for r in item["related"]]
    finding = Finding(item["rule"], item["message"], start, end, Severity(item["severity"]), item["entry"], related)
    return Located(
        path, item["line"], item["column"], item["end_line"], item["end_column"], finding, "", [], item["related"]
    )


def _crashed(path: str, exc: Exception) -> Problem:
    log.exception("awesomelint crashed on %s", path)
    where = os.path.basename(path) or path
    return Problem(
        "internal-error",
        f"awesomelint crashed while checking {where} ({type(exc).__name__}: {exc}); "
        "this is a bug, please report it with the server log",
    )
