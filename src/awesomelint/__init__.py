"""awesomelint: lint and normalize awesome-list READMEs.

The public API (documented in api.py and the README) is re-exported here:
``check_text``, ``fix_text``, ``check_paths``, ``fix_file``, ``config_resolver``.
"""

__version__ = "0.1.0"

from .api import CheckRun, FixedFile, check_paths, check_text, config_resolver, fix_file, fix_text  # noqa: E402

__all__ = [
    "CheckRun",
    "FixedFile",
    "__version__",
    "check_paths",
    "check_text",
    "config_resolver",
    "fix_file",
    "fix_text",
]
