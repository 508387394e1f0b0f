"""Errors that end a run with exit code 2 and one line on stderr, never a traceback."""


class InputError(Exception):
    """Unreadable input, bad configuration or bad usage: exit 2 with this message."""
