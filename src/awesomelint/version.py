"""The version this was built as: the git tag (setuptools-scm), from the installed metadata.

Read when asked, never at import: importing importlib.metadata costs ~25 ms of every
run's start-up. Its own module so the report formats and the server ask for it without
importing the package (whose ``__init__`` imports the API, which imports them).
"""

from __future__ import annotations


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("awesomelint")
    except PackageNotFoundError:  # a bare checkout run as PYTHONPATH=src, never installed
        return "0.0+unknown"
