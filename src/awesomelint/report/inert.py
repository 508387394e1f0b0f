"""List text made inert for a terminal or a CI log.

A list is untrusted input. Raw control characters in a message or a source line could
recolour a maintainer's terminal (ANSI escapes), retitle it, ring it, hyperlink text to
anywhere (OSC 8), or reorder what the eye reads (bidirectional overrides). Every human
format shows them as visible escapes instead; JSON and SARIF escape them by their own
rules.
"""

from __future__ import annotations

# C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates
_UNSAFE = (
    {c for c in range(0x20)} | {0x7F} | set(range(0x80, 0xA0)) | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
)


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


TABLE = {code: _escape(code) for code in _UNSAFE if code != 0x09}


def inert(text: str) -> str:
    """``text`` with every control character as a visible escape (tabs kept)."""
    return text.translate(TABLE)
