"""awesomelint: lint and normalize awesome-list READMEs.

The public API (documented in api.py and the README) is re-exported here:
``check_text``, ``fix_text``, ``fix_finding``, ``check_paths``, ``fix_file``, ``config_resolver``.
"""

__version__ = "0.1.0"

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
