"""One check of one editor buffer through the public API, as `awesomelint check` makes it
for the file: the config found from the document's path (`.awesomelint.yaml`,
`pyproject.toml`), the editor's settings as command-line overrides, inline comments.

Nothing here raises: a bad config, an unknown rule in an inline comment or a crash in
a rule becomes a :class:`Problem` the server shows as one diagnostic, and the crash is
logged with its traceback. The server keeps running.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field

from ..api import check_paths, check_text, config_resolver
from ..engine.config import Config
from ..errors import InputError
from ..findings import Severity
from ..report import Located
from .positions import UTF16, Lines
from .settings import Settings

log = logging.getLogger(__name__)

# `check --online`'s defaults (cli.py's link options)
LINK_SETTINGS = {
    "timeout": 20.0,
    "max_time": 600.0,
    "max_concurrency": 64,
    "per_host": 8,
    "cache_path": None,
    "no_cache": False,
    "allow_private": False,
}


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


def analyse_online(text: str, path: str, settings: Settings, encoding: str = UTF16) -> Analysis | None:
    """`check --online` of the saved file, when the buffer is what is on disk (the link
    checker reads files); None when it is not."""
    try:
        with open(path, encoding="utf-8", newline="") as stream:
            if stream.read() != text:
                return None
    except (OSError, UnicodeDecodeError):
        return None
    lines = Lines(text, encoding)
    try:
        config = resolve_config(path, settings)
        run = check_paths([path], lambda _path: config, links=dict(LINK_SETTINGS))
    except InputError as exc:
        return Analysis(text, path, lines, None, problem=Problem("config", str(exc)))
    except Exception as exc:  # the link checker failing is no reason to stop
        return Analysis(text, path, lines, None, problem=_crashed(path, exc))
    if run.errors:
        return Analysis(text, path, lines, config, run.located, Problem("input", run.errors[0]), online=True)
    return Analysis(text, path, lines, config, run.located, online=True)


def _crashed(path: str, exc: Exception) -> Problem:
    log.exception("awesomelint crashed on %s", path)
    where = os.path.basename(path) or path
    return Problem(
        "internal-error",
        f"awesomelint crashed while checking {where} ({type(exc).__name__}: {exc}); "
        "this is a bug, please report it with the server log",
    )
