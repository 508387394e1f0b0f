"""awesomelint: lint and normalize awesome-list READMEs.

The public API (documented in api.py and the README) is re-exported here:
``check_text``, ``fix_text``, ``fix_finding``, ``check_paths``, ``fix_file``, ``config_resolver``.
"""


def __getattr__(name: str) -> str:
    # read on first use: importing importlib.metadata costs ~25 ms of every run's start-up
    if name == "__version__":
        from .version import version

        return version()
    raise AttributeError(f"module 'awesomelint' has no attribute {name!r}")


from .api import (  # noqa: E402
    CheckRun,
    FindingFix,
    FixedFile,
    check_paths,
    check_text,
    config_resolver,
    fix_file,
    fix_finding,
    fix_text,
)

__all__ = [
    "CheckRun",
    "FindingFix",
    "FixedFile",
    "__version__",
    "check_paths",
    "check_text",
    "config_resolver",
    "fix_file",
    "fix_finding",
    "fix_text",
]
