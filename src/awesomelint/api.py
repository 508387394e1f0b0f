"""awesomelint's public API: what the command line, the GitHub Action and editor
integrations call. Everything it returns is documented here; the rest of the package is
internal and may change between releases.

    >>> import awesomelint
    >>> [f.rule for f in awesomelint.check_text("# T\\n\\n- [Tool](https://github.com/org/repo) - Does it.\\n")]
    ['placeholder-url']
    >>> awesomelint.fix_text("# T\\n\\n- [Tool]((https://github.com/o/tool) - Does it.\\n").text
    '# T\\n\\n- [Tool](https://github.com/o/tool) - Does it.\\n'

- :func:`check_text` and :func:`fix_text` work on a string (an editor buffer);
- :func:`fix_finding` makes the change `fix` makes for one finding (an editor's quick fix);
- :func:`check_paths` on files and folders, as `awesomelint check` does, link checking
  included when asked; :func:`fix_file` on one file, as `awesomelint fix` does (writing
  the result is the caller's: see engine/writing.py);
- :func:`config_resolver` finds each file's config (`.awesomelint.yaml`, `pyproject.toml`)
  and applies command-line style overrides.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from .discovery import discover
from .engine.config import Config, ConfigResolver, parse_config
from .engine.context import OwnRepository
from .engine.edits import apply_edits
from .engine.gcpause import collected_between
from .engine.linter import lint
from .engine.userpatterns import compile_user_pattern
from .engine.verify import FixError, verify
from .errors import InputError
from .findings import Applicability, Edit, Finding
from .links.verdict import Verdict
from .model.document import Document
from .model.source import decode
from .report import Located, locate
from .rules import BY_NAME

if TYPE_CHECKING:
    from .engine.changes import ChangedLines  # git and subprocess: imported only with --changed-since
    from .engine.fix import FixOutcome  # the fix engine and layout: imported only by the fixing calls
    from .engine.userpatterns import UserPattern
    from .links.checker import Settings
    from .links.early import EarlyFeed
    from .links.workers import WorkerPool  # with the link checker, imported only for a run that checks links

__all__ = [
    "CheckRun",
    "Config",
    "FindingFix",
    "FixOutcome",
    "FixedFile",
    "Located",
    "check_paths",
    "check_text",
    "collect_paths",
    "changed_lines_since",
    "config_resolver",
    "fix_file",
    "fix_finding",
    "fix_text",
    "read_list",
]

# offline rules that `links` runs too: two say more with a link-check run's verdicts, and
# missing-file checks the links lychee would check as local files
LINK_RULES = ("url-shortener", "insecure-url", "missing-file")
ConfigFor = Callable[[str], Config]


def __getattr__(name: str) -> object:
    """``FixOutcome`` on demand: `check` never loads the fix engine and its layout."""
    if name == "FixOutcome":
        from .engine.fix import FixOutcome

        return FixOutcome
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def check_text(text: str, config: Config | None = None, *, path: str = "README.md") -> list[Located]:
    """The findings of the offline rules on ``text``, each with its line and column
    (1-based), in the order `check` prints them. ``path`` names the file for messages and
    for `per-file-ignores`."""
    doc = Document.from_text(text, path)
    return locate(doc, lint(doc, config or Config()).findings)


def fix_text(
    text: str, config: Config | None = None, *, path: str = "README.md", unsafe: bool = False, layout: bool = True
) -> FixOutcome:
    """What `awesomelint fix` would write for ``text``: ``.text`` is the new text (equal to
    ``text`` when nothing applies), ``.changes`` why each part changed, ``.remaining`` the
    findings fix leaves. Raises FixError when a fix would lose content (nothing to write)."""
    from .engine.fix import fix_document

    return fix_document(Document.from_text(text, path), config or Config(), unsafe=unsafe, layout=layout)


@dataclass(frozen=True)
class FindingFix:
    """What `fix` writes for one finding: its edits (offsets into the text with its line
    ends as ``\\n``, as the finding's own), the text they make, and whether the fix is safe."""

    edits: tuple[Edit, ...]
    text: str
    applicability: Applicability


def fix_finding(text: str, finding: Finding, *, path: str = "README.md") -> FindingFix | None:
    """The change `awesomelint fix` makes for this one finding of ``check_text(text)`` (an
    unsafe fix as `fix --unsafe-fixes` makes it), verified as `fix` verifies each pass
    (engine/verify.py); None when the finding has no fix, `fix` would not apply it
    (inside code) or the check fails. An editor's quick fix for one diagnostic."""
    if finding.fix is None:
        return None
    from .engine.fix import choose_edits

    doc = Document.from_text(text, path)
    edits, fixed, restructures = choose_edits(doc, [finding], unsafe=True)
    if not fixed:
        return None
    after = Document(doc.path, apply_edits(doc.text, edits), bom=doc.bom, newline=doc.newline)
    try:
        verify(doc, after, edits, structure=not restructures)
    except FixError:
        return None
    return FindingFix(tuple(edits), after.text, finding.fix.applicability)


STDIN = "-"


def read_list(path: str, config_for: ConfigFor, stdin_filename: str | None = None) -> tuple[Config, Document]:
    """The config that applies to the file at ``path`` and the file read as a Document:
    the one place the command line's checks and fixes read a list (InputError when it
    cannot be read or is over the config's size limit). ``-`` is standard input, named
    ``stdin_filename`` (for messages, the config search and per-file-ignores) when given."""
    if path == STDIN:
        import sys

        name = stdin_filename or STDIN
        config = config_for(stdin_filename or "README.md")
        data = sys.stdin.buffer.read(config.max_bytes + 1)
        if len(data) > config.max_bytes:
            raise InputError(
                f"{name}: over the {config.max_bytes / 1048576:g} MB limit (max-size-mb in the config); not read"
            )
        text, bom, newline = decode(data, name)
        return config, Document(name, text, bom=bom, newline=newline, raw=data)
    config = config_for(path)
    return config, Document.from_path(path, config.max_bytes)


@dataclass
class FixedFile:
    """One list as `awesomelint fix` leaves it (nothing is written here: see writing.py)."""

    path: str
    config: Config
    doc: Document  # as read
    outcome: FixOutcome
    new_lines: set[int] | None = None  # with --changed-since: the lines added since the revision

    @property
    def changes_text(self) -> bool:
        """Does fixing rewrite the file (with --changed-since: one of the lines added since)?"""
        if self.outcome.text == self.doc.text:
            return False
        return self.new_lines is None or _touches(self.doc.text, self.outcome.text, self.new_lines)

    def remaining(self, written: bool) -> Remaining:
        """What remains, placed in the text the file holds afterwards — the fixed text when
        it is ``written``, else the text as read — and, with --changed-since, only what the
        lines added since the revision hold, as `check --changed-since` shows."""
        outcome = self.outcome
        appeared = {id(f) for f in outcome.appeared}
        as_read = [(f, outcome.as_read(f)) for f in outcome.remaining]
        if self.new_lines is not None:
            new = self.new_lines
            as_read = [(f, read) for f, read in as_read if self.doc.position(read.start)[0] in new]
        placed = [(f, f if written else read) for f, read in as_read]
        shown_in = outcome.final if written and outcome.final is not None else self.doc
        return Remaining(shown_in, [p for _, p in placed], {id(p) for f, p in placed if id(f) in appeared})


@dataclass
class Remaining:
    """What `fix` leaves, in the text the file holds after it (see FixedFile.remaining)."""

    doc: Document
    findings: list[Finding]
    appeared: set[int]  # ids of findings only other fixes brought out: `check` did not print them


def fix_file(
    path: str,
    config_for: ConfigFor,
    *,
    unsafe: bool = False,
    layout: bool = True,
    reports: Literal["all"] | None = "all",
    changed: ChangedLines | None = None,
) -> FixedFile:
    """What `fix` makes of one list; ``reports=None`` skips the rules that only report
    (`fix --check` exits on changes alone). Raises InputError or FixError."""
    from .engine.fix import fix_document

    config, doc = read_list(path, config_for)
    outcome = fix_document(doc, config, unsafe=unsafe, layout=layout, reports=reports)
    return FixedFile(path, config, doc, outcome, changed.of(path) if changed is not None else None)


def _touches(before: str, after: str, lines: set[int]) -> bool:
    """Does the change from ``before`` to ``after`` rewrite one of these lines of ``before``?"""
    matcher = difflib.SequenceMatcher(None, before.split("\n"), after.split("\n"), autojunk=False)
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag != "equal" and any(n in lines for n in range(i1 + 1, max(i2, i1 + 1) + 1)):
            return True
    return False


def config_resolver(
    config_file: str | None = None,
    *,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    profile: str | None = None,
    extend_select: list[str] | None = None,
) -> ConfigFor:
    """A function from a file's path to the config that applies to it: ``config_file`` for
    every file, else the nearest config above the file; ``select``, ``ignore`` and
    ``profile`` override it as the command line's options do. Raises InputError for an
    unknown rule or a bad config file."""
    resolver = ConfigResolver(config_file)
    overrides: dict[str, Any] = {}
    if select is not None:
        overrides["select"] = select
    if ignore is not None:
        overrides["ignore"] = ignore
    if profile is not None:
        overrides["profile"] = profile
    if extend_select:
        overrides["extend-select"] = extend_select
    merged = parse_config(overrides, "command line") if overrides else None  # validates the names

    def config_for(path: str) -> Config:
        config = resolver.for_file(path)
        if merged is None:
            return config
        return replace(
            config,
            select=merged.select if "select" in overrides else config.select,
            ignore=config.ignore | merged.ignore,
            extend_select=config.extend_select | merged.extend_select,
            profile=merged.profile or config.profile,
        )

    return config_for


def collect_paths(
    paths: Iterable[str], exclude: Sequence[str] = (), config_for: ConfigFor | None = None
) -> tuple[list[str], list[str]]:
    """Files to read (folders walked for markdown files with .gitignore honoured, `exclude`
    and each file's config `exclude:` applied, tool folders and .github templates skipped)
    and one error message per path that does not exist."""

    def excluded_by_config(path: str) -> bool:
        if config_for is None:
            return False
        try:
            return config_for(path).excluded(path)
        except InputError:
            return False  # a bad config is reported when the file is read

    return discover(paths, exclude, excluded_by_config)


@dataclass
class CheckRun:
    """What :func:`check_paths` found, file by file in the order given."""

    located: list[Located]
    docs: list[Document]
    configs: list[Config]
    errors: list[str]  # one line each: a missing file, an unreadable one, a bad inline comment
    hidden: int = 0  # findings on lines --changed-since left out
    notices: list[str] = field(default_factory=list)  # what a caller shows before the findings


def check_paths(
    paths: Iterable[str],
    config_for: ConfigFor | None = None,
    *,
    links: dict[str, Any] | None = None,
    only_links: bool = False,
    changed_since: str | None = None,
    exclude: Sequence[str] = (),
    stdin_filename: str | None = None,
) -> CheckRun:
    """Check every file (folders walked for markdown files, see :func:`collect_paths`). ``links`` (the link checker's
    settings, as `check --online` takes them) checks every link online first; with
    ``only_links`` only the link rules report (`awesomelint links`). ``changed_since``
    keeps what lines added since that git revision hold. Raises InputError when
    ``changed_since`` cannot be used, and errors.Interrupted when a link run is stopped."""
    config_for = config_for or config_resolver()
    paths = list(paths)
    files, errors = collect_paths(paths, exclude, config_for)
    run = CheckRun([], [], [], errors)
    if not files and not errors:
        run.notices.append("awesomelint: no markdown files found in " + ", ".join(paths))
    changed = changed_lines_since(changed_since)
    lines: dict[str, set[int]] = {}
    pool = _early_workers(files) if links is not None else None
    feed = _early_feed(pool, files, config_for, stdin_filename, links) if pool is not None and links else None
    try:
        if feed is None:
            _read_lists(run, files, config_for, stdin_filename, changed, lines)
        else:
            with feed.stopped_by_signals():
                _read_lists(run, files, config_for, stdin_filename, changed, lines, feed)
    except BaseException:
        if pool is not None:
            pool.close()
        raise
    finally:
        if feed is not None:
            feed.close()
    if (run.errors and changed is not None) or not run.docs:
        if pool is not None:
            pool.close()
        if run.errors and changed is not None:
            return run
    verdicts: dict[str, Verdict] | None = None
    repositories: dict[str, OwnRepository | None] = {}
    if links is not None and run.docs:
        verdicts, repositories, summary = _check_links(
            run.docs, run.configs, links, lines=lines if changed is not None else None, pool=pool
        )
        run.notices.append(summary)
    _lint_lists(run, verdicts, repositories, only_links, links is not None, changed, lines)
    return run


def _early_workers(files: list[str]) -> WorkerPool | None:
    """Link-checking worker processes, started before the lists are parsed (their start-up
    overlaps the parse) when the files are large enough to hold a run that uses them (a
    list of `MIN_LINKS` links is over 40 bytes a link); closed unused if it is not."""
    from .links.workers import MIN_LINKS, WorkerPool, planned_workers

    size = 0
    for path in files:
        try:
            size += os.path.getsize(path) if path != STDIN else 0
        except OSError:
            continue
    wanted = planned_workers(MIN_LINKS if size >= 40 * MIN_LINKS else 0)
    return WorkerPool(wanted) if wanted else None


def _early_feed(
    pool: WorkerPool, files: list[str], config_for: ConfigFor, stdin_filename: str | None, links: dict[str, Any]
) -> EarlyFeed | None:
    """What sends each list's links to the workers as soon as it is parsed, so checking
    overlaps the parse of the next lists; None when a file's config cannot be read now
    (its error is reported when the file is read, and the run starts after the parse).
    The checker's settings come from every file's config (`_link_settings`), which needs
    the config only, not the parsed file."""
    from .links.early import EarlyFeed

    names = [stdin_filename or "README.md" if path == STDIN else path for path in files]
    try:
        configs = [config_for(name) for name in names]
    except InputError:
        return None
    settings, exclude, cache = _link_settings(configs, **links)
    return EarlyFeed(pool, settings, cache, exclude, _judges_off_topic(names, configs), links.get("max_cache_age"))


def _judges_off_topic(paths: list[str], configs: list[Config]) -> bool:
    """Whether off-topic runs on any of these lists online: the link run then reads what
    the linked things say they are (arXiv, Hugging Face, packages, DOIs)."""
    return any("off-topic" in config.enabled(path, online=True) for path, config in zip(paths, configs))


def _read_lists(
    run: CheckRun,
    files: list[str],
    config_for: ConfigFor,
    stdin_filename: str | None,
    changed: ChangedLines | None,
    lines: dict[str, set[int]],
    feed: EarlyFeed | None = None,
) -> None:
    """Each file read into ``run``'s documents and configs (or its error); with ``feed``,
    each document's links sent to the link workers at once."""
    for path in collected_between(files):
        try:
            config, doc = read_list(path, config_for, stdin_filename)
            if changed is not None:
                lines[doc.path] = changed.of(path)
        except InputError as exc:
            run.errors.append(str(exc))
            if changed is not None and "--changed-since" in str(exc):
                break  # the same for every file: say it once
            continue
        run.docs.append(doc)
        run.configs.append(config)
        if feed is not None:
            feed.add(doc, lines[doc.path] if changed is not None else None)


def _lint_lists(
    run: CheckRun,
    verdicts: dict[str, Verdict] | None,
    repositories: dict[str, OwnRepository | None],
    only_links: bool,
    online: bool,
    changed: ChangedLines | None,
    lines: dict[str, set[int]],
) -> None:
    """Each document linted (the link rules reading ``verdicts``), its findings into ``run``."""
    for doc, config in collected_between(zip(run.docs, run.configs)):
        try:
            if only_links:
                names = [n for n in config.enabled(doc.path, online=True) if BY_NAME[n].online or n in LINK_RULES]
                result = lint(
                    doc,
                    config,
                    only=names,
                    link_results=verdicts,
                    repository=repositories.get(doc.path),
                    links_only=True,
                )
            else:
                result = lint(
                    doc,
                    config,
                    online=online,
                    link_results=verdicts,
                    repository=repositories.get(doc.path),
                    new_lines=lines.get(doc.path) if changed is not None else None,
                )
        except InputError as exc:  # an inline comment naming no rule: this file fails, the others are checked
            run.errors.append(str(exc))
            continue
        findings = result.findings
        if changed is not None:
            from .engine.changes import only_new  # git and subprocess: only with --changed-since

            findings, hidden = only_new(doc, findings, lines[doc.path])
            run.hidden += hidden
        run.located.extend(locate(doc, findings))


def changed_lines_since(changed_since: str | None) -> ChangedLines | None:
    """The lines changed since REF, or None; InputError outside git or for a bad REF."""
    if changed_since is None:
        return None
    from .engine.changes import ChangedLines

    return ChangedLines(changed_since)


def _check_links(
    docs: list[Document],
    configs: list[Config],
    links: dict[str, Any],
    lines: dict[str, set[int]] | None = None,
    pool: WorkerPool | None = None,
) -> tuple[dict[str, Verdict], dict[str, OwnRepository | None], str]:
    """Run the link checker once over every document (``links``: the checker's options,
    as `check --online` takes them): verdicts for every URL, the metadata of each list's
    own repository where repo-metadata runs (path -> it), and the run's one-line summary."""
    from .links.run import check_links

    settings, exclude, cache = _link_settings(configs, **links)
    own = {
        doc.path: _own_repository(doc, config)
        for doc, config in zip(docs, configs)
        if "repo-metadata" in config.enabled(doc.path, online=True)
    }
    result = check_links(
        docs,
        settings,
        cache,
        github_api=links.get("github_api"),
        exclude=exclude,
        lines=lines,
        own_repos=tuple(repo for repo in own.values() if repo is not None),
        cache_max_age=links.get("max_cache_age"),
        profile=_judges_off_topic([doc.path for doc in docs], configs),
        pool=pool,
    )
    repositories = {
        path: (f"{repo[0]}/{repo[1]}", result.repositories.get(f"{repo[0]}/{repo[1]}")) if repo else None
        for path, repo in own.items()
    }
    return result.all_verdicts, repositories, result.summary()


def _link_settings(
    configs: list[Config],
    timeout: float,
    max_time: float,
    max_concurrency: int,
    per_host: int,
    cache_path: str | None,
    no_cache: bool,
    allow_private: bool,
    **_: Any,
) -> tuple[Settings, list[UserPattern], str | None]:
    """The checker's settings for lists with these configs, the URLs they exclude and the
    cache's path (None: no cache)."""
    from .links.cache import default_path
    from .links.checker import Settings

    accept = {code for config in configs for code in config.links.get("accept", [])}
    exclude = [compile_user_pattern(p) for config in configs for p in config.links.get("exclude", [])]
    settings = Settings(
        timeout=timeout,
        total_time=max_time,
        max_concurrency=max_concurrency,
        per_host=per_host,
        allow_private=allow_private,
        accept=accept,
    )
    cache = None if no_cache else (cache_path or str(default_path()))
    return settings, exclude, cache


def _own_repository(doc: Document, config: Config) -> tuple[str, str] | None:
    """The list's GitHub repository: the rule's `repository` option, else where the file lives."""
    from .links.github import own_repository

    named = config.options.get("repo-metadata", {}).get("repository")
    if named:
        owner, _, name = named.partition("/")
        return owner, name
    return own_repository(doc.path)
