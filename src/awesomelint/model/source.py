"""A list file's bytes as text: decoded once, its BOM and line ending remembered.

Text is held with ``\\n`` line endings (markdown-it normalizes them anyway); the file's
own ending and BOM are kept so ``fix`` writes them back unchanged.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError

BOM = "\ufeff"
MAX_BYTES = 20 * 1024 * 1024  # a list larger than this is not read (config: max-size-mb)
_UTF16_BOMS = {b"\xff\xfe": "UTF-16 little-endian", b"\xfe\xff": "UTF-16 big-endian"}


def read(path: str, max_bytes: int = MAX_BYTES) -> tuple[str, bool, str, bytes]:
    """(text, had BOM, line ending, bytes as read) of the file at ``path``, or InputError
    in one line: missing, a folder, unreadable, over the size limit or not UTF-8."""
    try:
        size = Path(path).stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{path}: {size / 1048576:.1f} MB, over the {max_bytes / 1048576:g} MB limit "
                "(max-size-mb in the config); not read"
            )
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    text, bom, newline = decode(data, path)
    return text, bom, newline, data


def decode(data: bytes, path: str) -> tuple[str, bool, str]:
    """Return (text with \\n endings, had BOM, dominant line ending) or raise InputError."""
    for mark, name in _UTF16_BOMS.items():
        if data.startswith(mark):
            raise InputError(f"{path}: not UTF-8 text ({name}, by its byte-order mark; save it as UTF-8)")
    if b"\x00" in data:
        nul = data.index(b"\x00")
        raise InputError(f"{path}: not UTF-8 text (binary: NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"{path}: not UTF-8 text (invalid byte 0x{data[exc.start]:02X} at line {line}, column {column})"
        ) from None
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    crlf = text.count("\r\n")
    newline = "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, bom, newline
