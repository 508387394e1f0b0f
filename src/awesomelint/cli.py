"""The command line: check, fix, export, rules, rule NAME. Exit 0 clean, 1 findings, 2 errors."""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
import yaml

from .api import (
    CheckRun,
    ConfigFor,
    changed_lines_since,
    check_paths,
    collect_paths,
    config_resolver,
    fix_file,
    read_list,
)
from .discovery import default_readme
from .engine.config import PROFILES, Config
from .engine.gcpause import collected_between
from .engine.registry import markdown_table
from .engine.verify import FixError
from .engine.writing import encode, write_atomic
from .errors import InputError, Interrupted
from .findings import Severity
from .model.document import Document
from .model.entries import entries_of
from .report import FORMATTERS, Located, locate
from .report import concise as concise_format
from .report import full as full_format
from .report import markdown as markdown_format
from .rules import BY_NAME, RULES

if TYPE_CHECKING:
    from .engine.fix import FixOutcome

F = TypeVar("F", bound=Callable[..., Any])


def _error(message: str) -> None:
    click.echo(message, err=True)


def _complete_rules(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    """Rule names for shell completion; after a comma, the names that may follow."""
    done, _, last = incomplete.rpartition(",")
    prefix = done + "," if done else ""
    return [prefix + name for name in ["ALL", *BY_NAME] if name.startswith(last)]


def _rule_list(values: tuple[str, ...] | str | None) -> list[str] | None:
    """Rule names from a repeatable option: `--select a,b --select c` is a, b and c (as ruff's)."""
    if not values:
        return None
    values = (values,) if isinstance(values, str) else values
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


def _resolver_or_exit(
    config_path: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    profile: str | None,
    extend_select: tuple[str, ...] = (),
) -> ConfigFor:
    try:
        return config_resolver(
            config_path,
            select=_rule_list(select),
            ignore=_rule_list(ignore),
            profile=profile,
            extend_select=_rule_list(extend_select),
        )
    except InputError as exc:
        _error(str(exc))
        sys.exit(2)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from . import __version__  # read only when asked: importlib.metadata costs start-up time

        click.echo(f"awesomelint, version {__version__}")
        ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and exit.",
)
def main() -> None:
    """Lint and normalize awesome-list READMEs."""


def _common(function: F) -> F:
    function = click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False),
        help="Config file to use instead of searching upward.",
    )(function)
    function = click.option(
        "--select",
        multiple=True,
        shell_complete=_complete_rules,
        help="Rules to run, comma-separated (ALL for every rule); repeatable, adding up.",
    )(function)
    function = click.option(
        "--extend-select",
        multiple=True,
        shell_complete=_complete_rules,
        help="Rules to run besides the selected ones; repeatable.",
    )(function)
    function = click.option(
        "--ignore", multiple=True, shell_complete=_complete_rules, help="Rules to skip, comma-separated; repeatable."
    )(function)
    function = click.option(
        "--stdin-filename",
        metavar="PATH",
        help="The name of the list read from standard input as `-` (for messages, the config and per-file-ignores).",
    )(function)
    function = click.option(
        "--exclude",
        multiple=True,
        metavar="GLOB",
        help="Skip files and folders a folder walk finds that match (gitignore patterns; repeatable).",
    )(function)
    function = click.option(
        "--profile",
        type=click.Choice(PROFILES),
        help="Also run a profile's rules (awesome: what sindresorhus/awesome asks of a list).",
    )(function)
    return function


def _duration(_ctx: click.Context, _param: click.Parameter, value: str | None) -> float | None:
    """'3d', '12h', '90m', '45s' or plain seconds, as lychee's --max-cache-age takes them."""
    if value is None:
        return None
    units = {"d": 86400, "h": 3600, "m": 60, "s": 1}
    text = value.strip().lower()
    try:
        seconds = float(text[:-1]) * units[text[-1]] if text and text[-1] in units else float(text)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a duration (3d, 12h, 90m, 45s or seconds)") from None
    if seconds < 0:
        raise click.BadParameter("a duration cannot be negative")
    return seconds


def _link_options(function: F) -> F:
    function = click.option(
        "--timeout",
        type=click.FloatRange(0.1, 600),
        default=20.0,
        show_default=True,
        help="Seconds per request, in all.",
    )(function)
    function = click.option(
        "--max-time",
        type=click.FloatRange(1, 86400),
        default=600.0,
        show_default=True,
        help="Seconds for the whole run; links not checked by then are reported as errors.",
    )(function)
    function = click.option(
        "--max-concurrency",
        type=click.IntRange(1, 512),
        default=256,
        show_default=True,
        help="Requests in flight in all (shared by the worker processes of a large run).",
    )(function)
    function = click.option(
        "--per-host",
        type=click.IntRange(1, 8),
        default=8,
        show_default=True,
        help="Requests in flight to one host (at most 8).",
    )(function)
    function = click.option(
        "--cache",
        "cache_path",
        type=click.Path(dir_okay=False),
        help="Cache file (default: links.sqlite3 in the user cache folder, ~/.cache/awesomelint on Linux).",
    )(function)
    function = click.option("--no-cache", is_flag=True, help="Check every link again.")(function)
    function = click.option(
        "--max-cache-age",
        metavar="AGE",
        callback=_duration,
        help="How long a good verdict is reused: 3d (default), 12h, 90m, 0 (never).",
    )(function)
    function = click.option(
        "--allow-private", is_flag=True, help="Also check private, loopback and link-local addresses."
    )(function)
    function = click.option(
        "--github-api",
        metavar="URL",
        help="GitHub GraphQL endpoint for GITHUB_TOKEN (https; default: $AWESOMELINT_GITHUB_API, else api.github.com).",
    )(function)
    return function


@dataclass
class _Output:
    """How a report is shown: ruff's and lychee's conventions."""

    color: str = "auto"
    quiet: bool = False
    statistics: bool = False
    exit_zero: bool = False
    output_file: str | None = None
    verbose: bool = False

    @classmethod
    def pop(cls, options: dict[str, Any]) -> _Output:
        keys = ("color", "quiet", "statistics", "exit_zero", "output_file", "verbose")
        return cls(*(options.pop(key) for key in keys))

    def colour(self) -> bool:
        """--color always|never, else NO_COLOR (off), else FORCE_COLOR (on), else a terminal."""
        if self.color != "auto":
            return self.color == "always"
        if os.environ.get("NO_COLOR"):
            return False
        if os.environ.get("FORCE_COLOR"):
            return True
        return self.output_file is None and sys.stdout.isatty()


def _output_options(function: F) -> F:
    function = click.option(
        "--color",
        type=click.Choice(["auto", "always", "never"]),
        default="auto",
        show_default=True,
        help="Colour the full format (auto: on a terminal, unless NO_COLOR is set or FORCE_COLOR asks).",
    )(function)
    function = click.option(
        "-q", "--quiet", is_flag=True, help="Print the findings and nothing else (no summary, no notices)."
    )(function)
    function = click.option(
        "-v",
        "--verbose",
        is_flag=True,
        help="Also say, for each file read, which config applies and how many rules ran.",
    )(function)
    function = click.option(
        "--statistics", is_flag=True, help="Print how many findings each rule has, instead of the findings."
    )(function)
    function = click.option(
        "--exit-zero", is_flag=True, help="Exit 0 even when findings fail the run (2 still means bad input)."
    )(function)
    function = click.option(
        "-o",
        "--output-file",
        type=click.Path(dir_okay=False, writable=True),
        help="Write the report to this file instead of standard output.",
    )(function)
    return function


def _ci_options(function: F) -> F:
    function = click.option(
        "--fail-on",
        type=click.Choice([s.value for s in Severity]),
        default=None,
        help="The least severity that makes the run fail (default: the config's fail-on, else warning).",
    )(function)
    function = click.option(
        "--changed-since", metavar="REF", help="Report only what lines added since REF (its merge-base with HEAD) hold."
    )(function)
    return function


def _check_or_exit(
    paths: Iterable[str],
    config_for: ConfigFor,
    links: dict[str, Any] | None,
    only_links: bool = False,
    changed_since: str | None = None,
    exclude: tuple[str, ...] = (),
    quiet: bool = False,
    stdin_filename: str | None = None,
) -> CheckRun:
    """check_paths, its notices on stderr as they come; a stopped link run says how far it got.
    The link checker (httpx and all) is imported only for a run that checks links: an
    offline check starts in a tenth of a second."""
    try:
        run = check_paths(
            paths,
            config_for,
            links=links,
            only_links=only_links,
            changed_since=changed_since,
            exclude=exclude,
            stdin_filename=stdin_filename,
        )
    except Interrupted as stop:  # only a link run is ever stopped this way
        _error(stop.summary(cached=not (links or {}).get("no_cache", False)))
        sys.exit(stop.exit_code)
    if not quiet:
        for notice in run.notices:
            _error(notice)
    return run


def _paths_or_readme(paths: tuple[str, ...]) -> tuple[str, ...]:
    """The paths given, or else the README GitHub shows for this folder (awesome-lint's default)."""
    if paths:
        return paths
    try:
        return (default_readme(),)
    except InputError as exc:
        _error(str(exc))
        sys.exit(2)


def _threshold(fail_on: str | None, config: Config) -> Severity:
    return Severity(fail_on) if fail_on else (config.fail_on or Severity.WARNING)


def _failing(linted: CheckRun, fail_on: str | None) -> int:
    """How many findings are at or above the threshold (per file: its config may set it)."""
    thresholds = {doc.path: _threshold(fail_on, config) for doc, config in zip(linted.docs, linted.configs)}
    return sum(
        1 for item in linted.located if item.finding.severity.rank >= thresholds.get(item.path, Severity.WARNING).rank
    )


def _summary(linted: CheckRun, failing: int, fail_on: str | None, changed_since: str | None) -> None:
    """One line on stderr that says what was found and what was left out of the verdict,
    so nobody mistakes a filtered run for a clean list."""
    located = linted.located
    if not located and not linted.hidden:
        return
    counts = Counter(item.severity for item in located)
    parts = [f"{counts[s.value]} {s.value}" for s in Severity if counts[s.value]]
    line = f"awesomelint: {len(located)} finding{'s' * (len(located) != 1)}"
    line += f" ({', '.join(parts)})" if parts else ""
    below = len(located) - failing
    if below:
        threshold = fail_on or (
            linted.configs[0].fail_on.value if linted.configs and linted.configs[0].fail_on else "warning"
        )
        line += f"; {below} below --fail-on {threshold} do not fail the run"
    if linted.hidden:
        line += f"; {linted.hidden} on lines not changed since {changed_since} not shown"
    fixable = sum(1 for item in located if _fixable(item))
    if fixable:
        line += f"; {fixable} fixable with `awesomelint fix`"
    _error(line)


def _fixable(item: Located) -> bool:
    """A finding `awesomelint fix` fixes: a safe fix of an offline rule (fix never uses link verdicts)."""
    fix = item.finding.fix
    return fix is not None and fix.applicability.value == "safe" and not BY_NAME[item.rule].online


def _report(located: list[Located], fmt: str, output: _Output) -> None:
    if output.statistics:
        text = _statistics(located)
    elif fmt == "full":
        text = full_format.render(located, colour=output.colour())
    elif fmt == "markdown":
        text = markdown_format.render(located, title=_command_title())
    else:
        text = FORMATTERS[fmt](located)
    if output.output_file:
        try:
            with open(output.output_file, "w", encoding="utf-8") as stream:
                stream.write(text)
        except OSError as exc:
            _error(f"{output.output_file}: cannot write the report ({exc.strerror or exc})")
            sys.exit(2)
    else:
        click.echo(text, nl=False, color=output.colour())  # click strips colour from a pipe unless told
    summary_file = os.environ.get("AWESOMELINT_SUMMARY")
    if summary_file:  # the GitHub Action points this at its report file (and that at the job summary)
        with open(summary_file, "a", encoding="utf-8") as stream:
            stream.write(markdown_format.render(located, title=_command_title()))


def _statistics(located: list[Located]) -> str:
    """ruff's --statistics: per rule, how many findings, `[*]` when `fix` fixes them, its summary."""
    counts = Counter(item.rule for item in located)
    fixable = {item.rule for item in located if _fixable(item)}
    width = max((len(rule) for rule in counts), default=0)
    return "".join(
        f"{count:>5}  {rule:<{width}}  {'[*]' if rule in fixable else '   '}  {BY_NAME[rule].summary}\n"
        for rule, count in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    )


def _command_title() -> str:
    """`awesomelint links`, `awesomelint check --online`: which run a report section came from."""
    context = click.get_current_context(silent=True)
    if context is None:
        return "awesomelint"
    title = f"awesomelint {context.info_name}"
    return title + " --online" if context.params.get("online") else title


def _finish(linted: CheckRun, fmt: str, fail_on: str | None, changed_since: str | None, output: _Output) -> None:
    if output.verbose:
        from .engine.config import find_config

        context = click.get_current_context()
        online = context.info_name == "links" or bool(context.params.get("online"))
        for doc, config in zip(linted.docs, linted.configs):
            found = context.params.get("config_path") or (
                find_config(Path(doc.path)) if doc.path != "-" and config.root is not None else None
            )
            rules = len(config.enabled(doc.path, online=online))
            _error(f"awesomelint: read {doc.path} ({rules} rules; config {found or 'none: the defaults'})")
    _report(linted.located, fmt, output)
    for message in linted.errors:
        _error(message)
    failing = _failing(linted, fail_on)
    if not output.quiet:
        _summary(linted, failing, fail_on, changed_since)
    sys.exit(2 if linted.errors else 1 if failing and not output.exit_zero else 0)


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATTERS)), default="full", show_default=True)
@click.option("--online", is_flag=True, help="Also check every link online (the link rules).")
@_output_options
@_link_options
@_ci_options
@_common
def check(
    paths: tuple[str, ...],
    fmt: str,
    online: bool,
    fail_on: str | None,
    changed_since: str | None,
    config_path: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    profile: str | None,
    exclude: tuple[str, ...],
    stdin_filename: str | None,
    **link_options: Any,
) -> None:
    """Report what is wrong with each list (no path: the folder's README)."""
    output = _Output.pop(link_options)
    config_for = _resolver_or_exit(config_path, select, ignore, profile, extend_select)
    linted = _check_or_exit(
        _paths_or_readme(paths),
        config_for,
        link_options if online else None,
        changed_since=changed_since,
        exclude=exclude,
        quiet=output.quiet,
        stdin_filename=stdin_filename,
    )
    _finish(linted, fmt, fail_on, changed_since, output)


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATTERS)), default="full", show_default=True)
@_output_options
@_link_options
@_ci_options
@_common
def links(
    paths: tuple[str, ...],
    fmt: str,
    fail_on: str | None,
    changed_since: str | None,
    config_path: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    profile: str | None,
    exclude: tuple[str, ...],
    stdin_filename: str | None,
    **link_options: Any,
) -> None:
    """Check every link online: dead, redirected, erroring, archived (no path: the folder's README)."""
    output = _Output.pop(link_options)
    config_for = _resolver_or_exit(config_path, select, ignore, profile, extend_select)
    linted = _check_or_exit(
        _paths_or_readme(paths),
        config_for,
        link_options,
        only_links=True,
        changed_since=changed_since,
        exclude=exclude,
        quiet=output.quiet,
        stdin_filename=stdin_filename,
    )
    _finish(linted, fmt, fail_on, changed_since, output)


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--diff", "show_diff", is_flag=True, help="Print a unified diff (each hunk names its reasons); write nothing."
)
@click.option(
    "--check", "check_only", is_flag=True, help="Name each file fix would change and exit 1 if any; write nothing."
)
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe.")
@click.option("--no-layout", is_flag=True, help="Content fixes only; leave the layout as written.")
@_ci_options
@_common
def fix(
    paths: tuple[str, ...],
    show_diff: bool,
    check_only: bool,
    unsafe_fixes: bool,
    no_layout: bool,
    fail_on: str | None,
    changed_since: str | None,
    config_path: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    profile: str | None,
    exclude: tuple[str, ...],
    stdin_filename: str | None,
) -> None:
    """Apply safe fixes, verify nothing was lost, and rewrite each list atomically.

    Only fixes for findings `check` prints are applied; what remains is listed. Exit 1:
    with --check or --diff, a file would change; otherwise findings at or above
    --fail-on remain."""
    from .engine.diffs import explained_diff  # the fix engine and layout: loaded by `fix` only

    config_for = _resolver_or_exit(config_path, select, ignore, profile, extend_select)
    paths = _paths_or_readme(paths)
    if paths == ("-",):
        _fix_stdin(config_for, stdin_filename, unsafe_fixes, no_layout, fail_on)
    files, errors = collect_paths(paths, exclude, config_for)
    if not files and not errors:
        _error("awesomelint: no markdown files found in " + ", ".join(paths))
    try:
        changed_lines = changed_lines_since(changed_since)
    except InputError as exc:
        _error(str(exc))
        sys.exit(2)
    changed = failing = 0
    remaining: list = []
    for path in collected_between(files):
        try:  # --check exits on changes alone: it needs nothing of what remains
            fixed = fix_file(
                path,
                config_for,
                unsafe=unsafe_fixes,
                layout=not no_layout,
                reports=None if check_only else "all",
                changed=changed_lines,
            )
        except (InputError, FixError) as exc:
            errors.append(str(exc))
            continue
        doc, outcome, threshold = fixed.doc, fixed.outcome, _threshold(fail_on, fixed.config)
        for refusal in outcome.refused:
            _error(refusal.message(path))
        if outcome.generated is not None and not no_layout:
            _error(f"{path}: {outcome.generated.describe()}; the order and layout of its entries are left alone")
        left = fixed.remaining(written=fixed.changes_text and not (show_diff or check_only))
        failing += sum(1 for f in left.findings if f.severity.rank >= threshold.rank)
        if not check_only:
            remaining.append((left.doc, left.findings, left.appeared))
        if not fixed.changes_text:
            continue
        changed += 1
        if show_diff:
            click.echo(explained_diff(doc, outcome.text, outcome.changes, path), nl=False)
        elif not check_only:
            try:
                write_atomic(path, encode(doc, outcome.text), original=doc.raw)
            except InputError as exc:
                errors.append(str(exc))
                continue
            click.echo(f"fixed {path}: {_applied(outcome)}", err=True)
        else:
            click.echo(f"would fix {path}", err=True)
    _list_remaining(remaining, to_stderr=show_diff)
    for message in errors:
        _error(message)
    if errors:
        sys.exit(2)
    if check_only:
        sys.exit(1 if changed else 0)  # findings fix cannot fix are check's business, not --check's
    if show_diff:
        sys.exit(1 if changed else 0)  # as its help says: a file would change
    sys.exit(1 if failing else 0)


def _fix_stdin(
    config_for: ConfigFor, stdin_filename: str | None, unsafe: bool, no_layout: bool, fail_on: str | None
) -> None:
    """`fix -`: the fixed list on standard output (as ruff and editors expect), what remains on stderr."""
    from .engine.fix import fix_document

    try:
        config, doc = read_list("-", config_for, stdin_filename)
        outcome = fix_document(doc, config, unsafe=unsafe, layout=not no_layout)
    except (InputError, FixError) as exc:
        _error(str(exc))
        sys.exit(2)
    sys.stdout.buffer.write(encode(doc, outcome.text))
    sys.stdout.flush()
    if outcome.final is not None:
        _list_remaining([(outcome.final, outcome.remaining, {id(f) for f in outcome.appeared})], to_stderr=True)
    threshold = _threshold(fail_on, config)
    sys.exit(1 if any(f.severity.rank >= threshold.rank for f in outcome.remaining) else 0)


def _applied(outcome: FixOutcome) -> str:
    """'12 fixes applied (entry-separator 5, whitespace 7), layout in 3 blocks'."""
    rules = Counter(change.rule for change in outcome.changes if change.rule != "layout")
    layout = sum(1 for change in outcome.changes if change.rule == "layout")
    text = f"{outcome.applied} fix{'es' * (outcome.applied != 1)} applied"
    if rules:
        text += " (" + ", ".join(f"{rule} {count}" for rule, count in rules.most_common()) + ")"
    if layout:
        text += f", layout in {layout} block{'s' * (layout != 1)}"
    return text


def _list_remaining(remaining: list, to_stderr: bool) -> None:
    """What fix left, one line each as `check --format concise` writes it (on stderr
    under --diff, whose stdout is the patch); findings that only appeared after other
    fixes say so, since `check` did not print them for the file as read."""
    lines = []
    for final, findings, appeared in remaining:
        for item, finding in zip(locate(final, findings), findings):
            note = " [appeared after other fixes: check it, then fix again]" if id(finding) in appeared else ""
            lines.append(concise_format.render([item]).rstrip("\n") + note)
    if not lines:
        return
    click.echo(f"{len(lines)} finding{'s remain' if len(lines) != 1 else ' remains'}:", err=to_stderr)
    click.echo("\n".join(lines), err=to_stderr)


@main.command()
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "yaml"]), default="json", show_default=True)
def export(path: str, fmt: str) -> None:
    """Print the entries of a list as JSON, CSV or YAML."""
    try:
        doc = Document.from_path(path)
    except InputError as exc:
        _error(str(exc))
        sys.exit(2)
    rows = []
    for entry in entries_of(doc):
        row = entry.to_dict()
        for link, data in zip([l for l in entry.links if l.kind != "image"], row["links"]):
            data["line"] = doc.position(link.start)[0]
        rows.append(row)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif fmt == "yaml":
        click.echo(yaml.safe_dump(rows, allow_unicode=True, sort_keys=False), nl=False)
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["path", "line", "end_line", "kind", "section", "title", "links", "fields"])
        for row in rows:
            writer.writerow(
                [
                    row["path"],
                    row["line"],
                    row["end_line"],
                    row["kind"],
                    " > ".join(row["section"]),
                    row["title"],
                    " ".join(l["url"] for l in row["links"]),
                    json.dumps(row["fields"], ensure_ascii=False),
                ]
            )
        click.echo(buffer.getvalue(), nl=False)


@main.command("rules")
@click.option("--markdown", is_flag=True, help="Print the README's rule table.")
@click.option(
    "--awesome-lint",
    "awesome_lint",
    is_flag=True,
    help="Print awesome-lint's rules and the awesomelint rules that do their job.",
)
def rules_command(markdown: bool, awesome_lint: bool) -> None:
    """List every rule with its severity, fix and summary."""
    if awesome_lint:
        from .engine.compat import awesome_lint_table

        click.echo(awesome_lint_table(), nl=False)
        return
    if markdown:
        click.echo(markdown_table(RULES), nl=False)
        return
    import shutil
    import textwrap

    rules = BY_NAME
    width = max(len(name) for name in rules)
    columns = max(shutil.get_terminal_size((80, 24)).columns, 60)  # $COLUMNS, else the terminal, else 80
    indent = " " * (width + 2 + 8 + 2 + 9 + 2)
    click.echo(f"{'rule':<{width}}  {'severity':<8}  {'fix':<9}  summary")
    for name, rule in rules.items():
        severity = rule.severity.value + ("*" if rule.online else "") + ("+" if rule.profile else "")
        head = f"{name:<{width}}  {severity:<8}  {rule.fix.value:<9}  "
        click.echo(
            textwrap.fill(rule.summary, columns, initial_indent=head, subsequent_indent=indent, break_on_hyphens=False)
        )
    click.echo(
        "\n"
        + textwrap.fill(
            "* online: run by `awesomelint links` and `check --online`. + profile awesome: run with "
            "`--profile awesome` or `profile: awesome`. `awesomelint rule NAME` explains one.",
            columns,
        )
    )


@main.command("rule")
@click.argument("name", shell_complete=_complete_rules)
def rule_command(name: str) -> None:
    """Explain one rule, with a bad and a good example."""
    import difflib
    import textwrap

    from .data import load

    rules = BY_NAME
    if name not in rules:
        close = difflib.get_close_matches(name, sorted(rules), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        _error(f"awesomelint: unknown rule '{name}' ({hint}see `awesomelint rules`)")
        sys.exit(2)
    helps = load("options").get(name, {})
    lines = []
    for line in rules[name].explain().splitlines():  # each option's line, then what it does
        lines.append(line)
        key = line.strip().split(":", 1)[0]
        if line.startswith("  ") and not line.startswith("   ") and key in rules[name].options and key in helps:
            lines += textwrap.wrap(helps[key], 76, initial_indent="      ", subsequent_indent="      ")
    click.echo("\n".join(lines))


@main.command("server")
def server_command() -> None:
    """Run the language server over stdio (diagnostics, fixes, formatting in the editor)."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        _error("awesomelint server needs pygls: pip install 'awesomelint[server]'")
        sys.exit(2)
    from .server.wiring import serve

    serve()


def run() -> None:
    """The `awesomelint` command: main(), then leave without tearing the heap down.

    A 100,000-entry list leaves about 800 MB of objects; freeing them one by one at
    interpreter exit took 1.5 s after the work was done (mypy exits the same way).
    Everything is written and closed by then: output is flushed here, caches and
    written lists are closed by the commands themselves.

    For the same reason the cyclic collector stays off for the whole command (between
    files `gcpause` still collects what the last file left): re-enabled once the files
    are read, its next pass walked every document kept for the report, 0.15 s of a 2 s
    `fix` on 430 KB.

    httpx imports its own command line (rich, pygments) whenever they are installed; this
    process never runs it: the link commands start 50 ms sooner and 4 MB lighter without.
    """
    gc.disable()
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]  # a failed import, which httpx expects
    try:
        main()
        code: object = 0
    except SystemExit as exit_:
        code = exit_.code
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # a closed pipe (`| head`) or stream
            pass
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)


@main.command("config")
@click.argument("path", required=False)
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Config file to use instead of searching."
)
@click.option("--profile", type=click.Choice(PROFILES), help="As check's --profile.")
@click.option("--schema", is_flag=True, help="Print the config file's JSON Schema instead.")
def config_command(path: str | None, config_path: str | None, profile: str | None, schema: bool) -> None:
    """Show which config file applies to PATH (default: the folder's README) and the settings it resolves to."""
    from .engine.config import find_config

    if schema:
        from .schema import config_schema

        click.echo(json.dumps(config_schema(), indent=2))
        return

    target = path or _paths_or_readme(())[0]
    try:
        found = Path(config_path) if config_path else find_config(Path(target))
        config = config_resolver(config_path, profile=profile)(target)
    except InputError as exc:
        _error(str(exc))
        sys.exit(2)
    enabled = config.enabled(target)
    settings: dict[str, Any] = {
        "rules": enabled,
        "profile": config.profile,
        "fail-on": (config.fail_on or Severity.WARNING).value,
        "exclude": config.exclude,
        "per-file-ignores": {pattern: sorted(names) for pattern, names in config.per_file_ignores.items()},
        "generated": config.generated if config.generated is not None else "look for a notice",
        "max-size-mb": config.max_size_mb,
        "links": config.links,
        "layout": config.layout if config.layout is not None else False,
    }
    for name in enabled:
        options = {**BY_NAME[name].options, **config.options.get(name, {})}
        if options:
            settings[name] = options
    click.echo(f"# {target}: config {found if found else 'none (the defaults)'}")
    click.echo(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), nl=False)
