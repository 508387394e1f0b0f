"""What a placeholder address is: a template target copied from a contribution guide
(github.com/org/repo, paper.link, #, TODO) rather than a real one. Read by placeholder-url
and nested-link."""

from __future__ import annotations

import re
from functools import cache

from .. import data
from ..engine.userpatterns import compile_user_pattern
from .urls import host_matches, host_of


@cache
def _compiled(extra: tuple[str, ...] = ()) -> list:
    """The shipped patterns (Python's engine), then the config's (RE2: see userpatterns)."""
    own = [re.compile(p, re.I) for p in data.patterns("placeholders", "url-patterns")]
    return own + [
        compile_user_pattern(p, ignore_case=True)
        for p in extra
        if p not in data.patterns("placeholders", "url-patterns")
    ]


def placeholder_reason(url: str, extra_patterns: tuple[str, ...] = (), extra_hosts: tuple[str, ...] = ()) -> str | None:
    """Why ``url`` is a template rather than an address, or None."""
    stripped = url.strip()
    if stripped.lower() in data.load("placeholders")["targets"]:
        return "an empty target" if stripped in ("", "#") else f"the stand-in target '{stripped}'"
    host = host_of(stripped if "://" in stripped else "https://" + stripped)
    hosts = data.patterns("placeholders", "hosts", list(extra_hosts))
    if host and host_matches(host, hosts):
        return f"the placeholder host {host}"
    for pattern in _compiled(extra_patterns):
        if pattern.search(stripped):
            return "a template address that was never filled in"
    return None
