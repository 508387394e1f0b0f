"""Writing a fixed list back: in the file's own encoding and newlines, atomically, and never
over a file that changed while `fix` ran or one outside the repository it was found in.

Kept apart from the fix loop (fix.py), which only computes the new text: the command line
writes, an editor integration applies the text as an edit of its own.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import InputError
from ..model.document import Document
from ..model.source import BOM


def encode(doc: Document, text: str) -> bytes:
    """The bytes to write: the file's own line endings and BOM kept."""
    if doc.newline != "\n":
        text = text.replace("\n", doc.newline)
    return ((BOM if doc.bom else "") + text).encode("utf-8")


def write_target(path: str) -> Path:
    """Where writing ``path`` must go: itself, or, for a symlink, the file it points to —
    which must lie inside the same repository (a list linked to ~/.bashrc is not fixed)."""
    link = Path(path)
    if not link.is_symlink():
        return link
    target = link.resolve()
    root = _repository_root(link.absolute().parent)
    if root is not None and not target.is_relative_to(root):
        raise InputError(f"{path}: a symlink to {target}, outside the repository {root}; not written")
    return target


def _repository_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate.resolve()
    return None


def write_atomic(path: str, data: bytes, original: bytes | None = None) -> None:
    """Temp file in the same folder, fsync, then rename over the original, keeping its mode.

    A symlink is written through to its target (see write_target). With ``original``,
    the file must still hold those bytes: a file edited while `fix` ran is not replaced.
    """
    target = write_target(path)
    if original is not None:
        try:
            current = target.read_bytes()
        except OSError:
            current = None
        if current != original:
            raise InputError(f"{path}: changed on disk while it was being fixed; not written (run fix again)")
    mode = target.stat().st_mode & 0o7777 if target.exists() else None
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
