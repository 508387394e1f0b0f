"""Link-check data the offline rules share with the online ones."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import data


@lru_cache(maxsize=1)
def _login_patterns() -> list[re.Pattern]:
    return [re.compile(p, re.I) for p in data.load("links")["login-patterns"]]


def is_login(url: str) -> bool:
    """A login or consent page: never a fix target, whatever the redirect says."""
    return any(p.search(url) for p in _login_patterns())
