"""missing-file: a relative link to a file the repository does not have, or to a heading that file lacks."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..errors import InputError
from ..findings import Finding, Severity
from ..model.document import Document
from ..model.headings import headings_of, html_anchors
from ..model.linkspans import Link

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_MARKDOWN = (".md", ".markdown", ".mdown", ".mkd")
_NOT_A_PATH = re.compile(r"[{}<>`\s\[\]]|://|^\.*$")  # templates, code, broken links (nested-link's), '.', '..'
# 'www.x.org/a', 'github.com/o/r': an address without its scheme, missing-scheme's to report
_BARE_HOST = re.compile(
    r"^(?:www\.|[\w-]+(?:\.[\w-]+)*\.(?!(?:md|markdown|html?|png|jpe?g|gif|svg|webp|txt|pdf|ya?ml|json|csv|py|sh)$)[a-z]{2,}$)",
    re.I,
)
DETACHED = 2  # relative links that all miss: the file is a copy away from its repository


@rule(
    "missing-file",
    summary="A relative link to a file the repository does not have ('CONTRIBUTING.md', 'docs/guide.md#install'), or to a heading that markdown file lacks.",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="- [Contributing](CONTRIBUTING.md) - How to add an entry.\n- [Install](docs/guide.md#setup) - Setup.",
    good="- [Contributing](CONTRIBUTING.md) - How to add an entry.\n- [Install](docs/guide.md#install) - Setup.",
    example_files={
        "bad": {".git": "(the repository)", "docs/guide.md": "# Guide\n\n## Install\n"},
        "good": {
            ".git": "(the repository)",
            "CONTRIBUTING.md": "# Contributing\n",
            "docs/guide.md": "# Guide\n\n## Install\n",
        },
    },
)
def missing_file(ctx: Context) -> Iterator[Finding]:
    """GitHub renders a relative link against the repository, so a renamed or deleted
    file leaves a 404 that no online checker sees (it has no address to ask). Checked
    offline: the file (or folder) must exist, inside the repository, and a `#fragment`
    into a markdown file must match one of its headings or anchors (GitHub's slugs).

    Silent where the repository is unknown: a list read from standard input, or not
    inside a git work tree (a single downloaded README). Judged are the lists a
    repository presents: a README (at any depth) and the files at the work tree's root;
    another markdown file deeper down may be a list copied from elsewhere (a test
    fixture, an archive of lists), whose links point into a repository that is not this
    one. A file whose relative links all miss (two or more) is taken for such a copy too.
    Links leaving the repository (`../../issues`, GitHub's own pages) and in-page anchors
    (broken-anchor's) are left alone."""
    here = Path(ctx.doc.path)
    if ctx.doc.path in ("-", "<text>", "<stdin>") or not here.is_file():
        return
    here = here.resolve()
    root = repository_root(here.parent)
    if root is None or not (here.name.lower().startswith("readme") or here.parent == root):
        return
    judged: list[tuple[Link, str]] = []
    resolved = 0
    for link in ctx.links:
        target = _target(link.url, here, root)
        if target is None:
            continue
        path, fragment = target
        if path == here:
            continue  # 'README.md#x' on README.md: broken-anchor's
        if not path.exists():
            judged.append((link, f"{link.url} links to a file the repository does not have ({_shown(path, root)})"))
            continue
        resolved += 1
        if fragment and path.is_file() and path.suffix.lower() in _MARKDOWN:
            anchors = _anchors(str(path), *_stamp(path))
            if anchors is not None and fragment not in anchors and fragment.lower() not in anchors:
                judged.append((link, f"{link.url}: {_shown(path, root)} has no heading or anchor '#{fragment}'"))
    if resolved == 0 and len(judged) >= DETACHED:
        return
    for link, message in judged:
        yield ctx.finding(link.start, link.end, message, entry=ctx.entry_at(link.start))


def _target(url: str, here: Path, root: Path) -> tuple[Path, str] | None:
    """The file a relative link names (resolved, inside the repository) and its fragment;
    None for anything else."""
    if not url or url.startswith(("#", "//", "./#")) or _SCHEME.match(url):
        return None
    address, _, fragment = url.partition("#")
    address = unquote(address.split("?", 1)[0])
    if not address or _NOT_A_PATH.search(address):
        return None
    first, slash, _ = address.partition("/")
    if slash and _BARE_HOST.match(first):
        return None
    path = (root / address.lstrip("/")) if address.startswith("/") else (here.parent / address)
    path = Path(*path.parts)  # normalise without following links
    try:
        path = path.resolve()
        path.relative_to(root)
    except (ValueError, OSError, RuntimeError):
        return None  # outside the repository: GitHub's pages (../../issues), another repository
    return path, unquote(fragment)


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def repository_root(folder: Path) -> Path | None:
    """The git work tree a folder is in (where `.git` is, a folder or a worktree's file)."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=64)
def _anchors(path: str, _mtime: int, _size: int) -> frozenset[str] | None:
    """Every anchor a markdown file has (its headings' GitHub slugs, HTML ids), lower-cased
    as well (GitHub matches fragments regardless of case); None when it cannot be read."""
    try:
        doc = Document.from_path(path)
    except InputError:
        return None
    anchors: set[str] = {"top", "readme"}
    for heading in headings_of(doc):
        anchors |= heading.aliases
    anchors.update(html_anchors(doc))
    return frozenset(anchors | {anchor.lower() for anchor in anchors})
