"""Which files a run reads: the paths named, and the markdown files in the folders named,
walked as ruff walks them — `.gitignore` honoured (gitignore semantics, by pathspec),
`--exclude` and the config's `exclude:` applied, tool folders and GitHub's issue and pull
request templates skipped. A file named on the command line is always read."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError

if TYPE_CHECKING:  # imported when a folder is walked or a pattern read: a named file starts faster
    import pathspec

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})  # in any case: README.MD too
SKIP_DIRS = frozenset({".git", "node_modules", ".venv", "venv", ".tox", "__pycache__", "site-packages"})
# where GitHub renders a repository's README from, in its order
README_PLACES = (".github", ".", "docs")


def spec(patterns: Iterable[str]) -> pathspec.PathSpec:
    """Patterns with gitignore's meaning: `docs/*.md` stays in docs/, `**/*.md` includes the root."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


def is_markdown(path: Path) -> bool:
    return path.suffix.lower() in MARKDOWN_SUFFIXES


def is_template(relative: Path) -> bool:
    """An issue or pull-request template under .github/: a form, not a list."""
    parts = [part.lower() for part in relative.parts]
    return ".github" in parts and any("template" in part for part in parts[parts.index(".github") + 1 :])


def _repository_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _gitignore(folder: Path) -> pathspec.PathSpec | None:
    try:
        lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return spec(lines)


class _Ignored:
    """The .gitignore files that apply under a folder: those from the repository's root down
    to it, and those met on the way down."""

    def __init__(self, top: Path):
        self.specs: list[tuple[Path, pathspec.PathSpec]] = []
        root = _repository_root(top)
        if root is not None:
            for folder in reversed([top, *top.parents]):
                if folder == root or root in folder.parents:
                    if folder != top:
                        self.add(folder)

    def add(self, folder: Path) -> None:
        found = _gitignore(folder)
        if found is not None:
            self.specs.append((folder, found))

    def __call__(self, path: Path, is_dir: bool) -> bool:
        for base, patterns in self.specs:
            try:
                relative = path.relative_to(base).as_posix()
            except ValueError:
                continue
            if patterns.match_file(relative + "/" if is_dir else relative):
                return True
        return False


def discover(
    paths: Iterable[str],
    exclude: Sequence[str] = (),
    excluded_by_config: Callable[[str], bool] | None = None,
) -> tuple[list[str], list[str]]:
    """Files to read and one error line per path that does not exist. ``exclude``: gitignore
    patterns relative to the current folder (`--exclude`); ``excluded_by_config``: whether a
    found file's config excludes it. Both apply to files found in folders only."""
    cli_exclude = spec(exclude) if exclude else None
    cwd = Path.cwd().resolve()
    files: list[str] = []
    errors: list[str] = []
    for raw in paths:
        top = Path(raw)
        if raw == "-":  # standard input
            files.append(raw)
            continue
        if not top.is_dir():
            if top.exists():
                files.append(raw)
            else:
                errors.append(f"{raw}: no such file or directory")
            continue
        ignored = _Ignored(top.resolve())
        found: list[str] = []
        for folder, dirs, names in os.walk(top):
            here = Path(folder)
            absolute = here.resolve()
            ignored.add(absolute)
            dirs[:] = sorted(
                d
                for d in dirs
                if d not in SKIP_DIRS
                and not ignored(absolute / d, True)
                and not _matches(cli_exclude, absolute / d, cwd, True)
            )
            for name in names:
                path = here / name
                if not is_markdown(path) or ignored(absolute / name, False):
                    continue
                if is_template(path.relative_to(top)) or _matches(cli_exclude, absolute / name, cwd, False):
                    continue
                if excluded_by_config is not None and excluded_by_config(str(path)):
                    continue
                if path.is_file():
                    found.append(str(path))
        files += sorted(found)
    return files, errors


def _matches(patterns: pathspec.PathSpec | None, path: Path, cwd: Path, is_dir: bool) -> bool:
    if patterns is None:
        return False
    try:
        relative = path.relative_to(cwd).as_posix()
    except ValueError:
        relative = path.as_posix()
    return patterns.match_file(relative + "/" if is_dir else relative)


def default_readme(folder: Path | None = None) -> str:
    """The list a run with no path reads: the README GitHub shows for the folder (as
    awesome-lint does). InputError when there is none."""
    folder = folder or Path(".")
    for place in README_PLACES:
        try:
            names = sorted(p.name for p in (folder / place).iterdir() if p.is_file())
        except OSError:
            continue
        for name in names:
            if name.lower().startswith("readme") and is_markdown(Path(name)):
                return str(Path(place) / name) if place != "." else name
    raise InputError("awesomelint: no path given and no README.md here (name the files or folders to read)")
