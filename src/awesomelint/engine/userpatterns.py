"""Regular expressions from a user's config, run on a linear-time engine.

A config travels with the list it configures, so in CI it is as untrusted as the list:
a pattern like ``(a+)+b`` in Python's backtracking engine can hold a job for hours on one
crafted line. Patterns from configs (``placeholder-url.extend-patterns``,
``links.exclude``) are compiled with RE2 (google-re2), which matches in time linear in
the text and refuses what needs backtracking (backreferences, look-around) with a clear
error when the config is read. The rules' own patterns are Python's, and tested against
adversarial lines.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from ..errors import InputError


class UserPattern(Protocol):
    """A compiled RE2 pattern, as far as awesomelint uses one (re2 ships no types)."""

    def search(self, text: str, /) -> object: ...


class RE2Missing(ImportError):
    """google-re2 is an extra (`awesomelint[re2]`): only configs with patterns need it."""


@lru_cache(maxsize=256)
def compile_user_pattern(pattern: str, ignore_case: bool = False) -> UserPattern:
    """A compiled RE2 pattern with ``search``; raises ValueError with RE2's reason."""
    try:
        import re2  # only when a config has patterns: start-up stays light
    except ImportError:
        raise RE2Missing from None

    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = not ignore_case
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise ValueError(reason) from None


def checked_user_pattern(pattern: str, where: str, ignore_case: bool = False) -> UserPattern:
    """compile_user_pattern, or one line naming the config key, for exit 2."""
    try:
        return compile_user_pattern(pattern, ignore_case)
    except RE2Missing:
        raise InputError(
            f"{where}: config patterns run on RE2 (linear time, whatever the pattern), which is not installed: "
            "pip install 'awesomelint[re2]'"
        ) from None
    except ValueError as exc:
        raise InputError(
            f"{where}: pattern {pattern!r} cannot be used ({exc}); config patterns run on RE2, "
            "which has no backreferences or look-around"
        ) from None
