"""One formatter per ``--format``; each takes located findings and returns text."""

from __future__ import annotations

from collections.abc import Callable

from . import concise, full, github, json_format, markdown, sarif
from .located import Located, locate

FORMATTERS: dict[str, Callable[[list[Located]], str]] = {
    "full": full.render,
    "concise": concise.render,
    "json": json_format.render,
    "github": github.render,
    "sarif": sarif.render,
    "markdown": markdown.render,
}

__all__ = ["FORMATTERS", "Located", "locate"]
