"""Configuration: ``.awesomelint.yaml`` or ``[tool.awesomelint]`` in ``pyproject.toml``,
found upward from each file; validated strictly so a typo is an error, not a no-op.
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..errors import InputError
from ..findings import Severity
from ..rules import BY_NAME
from .registry import AWESOME
from .userpatterns import checked_user_pattern

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if TYPE_CHECKING:  # the layout's options, for their type only: layout is imported when a config asks for it
    from .layout import Options

CONFIG_NAMES = (".awesomelint.yaml", ".awesomelint.yml", "pyproject.toml")
DEFAULT_LAYOUT_LINES = 20  # a layout change of more lines than this in one block waits for --unsafe-fixes
PROFILES = (AWESOME,)  # rule sets beyond the default: what sindresorhus/awesome asks of a list


@dataclass
class Config:
    select: set[str] | None = None  # None: every offline rule
    ignore: set[str] = field(default_factory=set)
    extend_select: set[str] = field(default_factory=set)
    per_file_ignores: dict[str, set[str]] = field(default_factory=dict)  # gitignore patterns -> rules
    exclude: list[str] = field(default_factory=list)  # gitignore patterns of files a folder walk skips
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    links: dict[str, Any] = field(default_factory=dict)  # accept, exclude, github-api
    layout: dict[str, Any] | None = field(default_factory=dict)  # style, table-align, bullet; None: no layout
    fail_on: Severity | None = None  # the least severity that fails a run; None: the command line's (warning)
    profile: str | None = None  # "awesome": also the rules sindresorhus/awesome asks for
    max_size_mb: float = 20.0  # lists larger than this are not read (exit 2)
    generated: bool | None = None  # the list is built from data (order and layout left alone); None: look for a notice
    root: Path | None = None

    def enabled(self, path: str, online: bool = False) -> list[str]:
        rules = BY_NAME
        in_profile = {n for n, r in rules.items() if r.profile is None or r.profile == self.profile}
        names = (
            set(self.select)
            if self.select is not None
            else {n for n in in_profile if not rules[n].online and rules[n].default}
        )
        names |= self.extend_select
        if online:
            names |= {n for n in in_profile if rules[n].online}
        names -= self.ignore
        names -= self.ignored_for(path)
        return [n for n in rules if n in names]

    @property
    def max_bytes(self) -> int:
        return int(self.max_size_mb * 1024 * 1024)

    def layout_options(self) -> Options | None:
        """The layout `fix` writes, or None when the config turns layout off (``layout: false``)."""
        from .layout import Options

        if self.layout is None:
            return None
        style = self.layout.get("style", "file")
        pinned = style != "file" or "table-align" in self.layout or "bullet" in self.layout
        return Options(
            style=style,
            table_align=self.layout.get("table-align"),
            bullet=self.layout.get("bullet"),
            max_lines=self.layout.get("max-lines", None if pinned else DEFAULT_LAYOUT_LINES),
        )

    def ignored_for(self, path: str) -> set[str]:
        """The rules per-file-ignores turns off for a file: its patterns mean what they mean in
        a .gitignore beside the config (`docs/*.md` stays in docs/, `**/*.md` includes the root)."""
        from ..discovery import spec

        ignored: set[str] = set()
        relative = _relative(path, self.root)
        for pattern, names in self.per_file_ignores.items():
            if spec([pattern]).match_file(relative):
                ignored |= names
        return ignored

    def excluded(self, path: str) -> bool:
        """Whether `exclude:` (gitignore patterns, relative to the config's folder) skips a file."""
        if not self.exclude:
            return False
        from ..discovery import spec

        return spec(self.exclude).match_file(_relative(path, self.root))


def _relative(path: str, root: Path | None) -> str:
    resolved = Path(path).resolve()
    if root is not None:
        try:
            return resolved.relative_to(root).as_posix()
        except ValueError:
            pass
    return Path(path).as_posix()


def find_config(start: Path) -> Path | None:
    folder = start.resolve()
    if folder.is_file():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_tool_table(path)):
                return path
        if (candidate / ".git").exists():
            return None  # the search stops at the repository's root: a config above it is someone else's
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return "awesomelint" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False


def load_config(path: Path) -> Config:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read config ({exc})") from None
    try:
        if path.name == "pyproject.toml":
            raw = tomllib.loads(text).get("tool", {}).get("awesomelint", {})
        else:
            raw = yaml.safe_load(text) or {}
    except yaml.MarkedYAMLError as exc:  # where it went wrong, as an editor shows it: line:column
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        reason = exc.problem or exc.context or type(exc).__name__
        raise InputError(f"{path}{where}: invalid config ({reason})") from None
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{path}: invalid config ({reason})") from None
    config = parse_config(raw, str(path))
    config.root = path.parent.resolve()
    return config


def parse_config(raw: Any, source: str = "config") -> Config:
    if not isinstance(raw, dict):
        raise InputError(f"{source}: config must be a mapping of keys to values")
    rules = BY_NAME
    config = Config()

    def rule_names(key: str, value: Any) -> set[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(f"{source}: '{key}' must be a list of rule names")
        names = set()
        for name in value:
            if name == "ALL":
                names |= set(rules)
            elif name not in rules:
                close = difflib.get_close_matches(name, sorted(rules), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                raise InputError(f"{source}: unknown rule '{name}' in '{key}'{hint}")
            else:
                names.add(name)
        return names

    for key, value in raw.items():
        if key == "select":
            config.select = rule_names(key, value)
        elif key == "ignore":
            config.ignore = rule_names(key, value)
        elif key == "extend-select":
            config.extend_select = rule_names(key, value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise InputError(f"{source}: 'per-file-ignores' must map file patterns to rule lists")
            config.per_file_ignores = {str(p): rule_names(f"per-file-ignores.{p}", v) for p, v in value.items()}
        elif key == "exclude":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InputError(f"{source}: 'exclude' must be a list of file patterns")
            config.exclude = list(value)
        elif key == "links":
            config.links = _link_options(value, source)
        elif key == "layout":
            config.layout = _layout_options(value, source)
        elif key == "max-size-mb":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise InputError(f"{source}: 'max-size-mb' must be a positive number")
            config.max_size_mb = float(value)
        elif key == "generated":
            if not isinstance(value, bool):
                raise InputError(f"{source}: 'generated' must be true or false")
            config.generated = value
        elif key == "profile":
            if value not in PROFILES:
                raise InputError(f"{source}: 'profile' must be one of: {', '.join(PROFILES)}")
            config.profile = value
        elif key == "fail-on":
            if value not in [s.value for s in Severity]:
                raise InputError(f"{source}: 'fail-on' must be error, warning or info")
            config.fail_on = Severity(value)
        elif key in rules:
            config.options[key] = _rule_options(key, value, rules[key].options, source, rules[key].choices)
        else:
            raise InputError(f"{source}: unknown key '{key}'")
    return config


def _rule_options(
    name: str, value: Any, defaults: dict[str, Any], source: str, choices: dict[str, tuple[str, ...]] | None = None
) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError(f"{source}: options for '{name}' must be a mapping")
    for key, option in value.items():
        if key not in defaults:
            known = ", ".join(sorted(defaults)) or "none"
            raise InputError(f"{source}: unknown option '{name}.{key}' (known: {known})")
        expected = defaults[key]
        if isinstance(expected, list) and not (isinstance(option, list) and all(isinstance(o, str) for o in option)):
            hint = ""
            if isinstance(option, list) and any(isinstance(o, bool) for o in option):
                hint = " (YAML reads a bare yes, no, on or off as true or false: quote it)"
            raise InputError(f"{source}: '{name}.{key}' must be a list of strings{hint}")
        if key.endswith("patterns"):
            for pattern in option:
                checked_user_pattern(pattern, f"{source}: '{name}.{key}'", ignore_case=True)
        if isinstance(expected, bool) and not isinstance(option, bool):
            raise InputError(f"{source}: '{name}.{key}' must be true or false")
        if isinstance(expected, (int, float)) and not isinstance(expected, bool):
            if isinstance(option, bool) or not isinstance(option, (int, float)):
                raise InputError(f"{source}: '{name}.{key}' must be a number")
        allowed = (choices or {}).get(key)
        if allowed is not None and option not in allowed:
            raise InputError(f"{source}: '{name}.{key}' must be one of: {', '.join(allowed)}")
        if expected is None and option is not None and not isinstance(option, str):
            raise InputError(f"{source}: '{name}.{key}' must be a string")
    return dict(value)


LINK_OPTIONS = {
    "accept": "a list of status codes",
    "exclude": "a list of URL regular expressions",
    "github-api": "a URL",
}


def _link_options(value: Any, source: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError(f"{source}: 'links' must be a mapping")
    for key, option in value.items():
        if key not in LINK_OPTIONS:
            raise InputError(f"{source}: unknown option 'links.{key}' (known: {', '.join(LINK_OPTIONS)})")
        if key == "accept" and not (
            isinstance(option, list) and all(isinstance(o, int) and 100 <= o <= 599 for o in option)
        ):
            raise InputError(f"{source}: 'links.accept' must be {LINK_OPTIONS[key]}")
        if key == "exclude":
            if not (isinstance(option, list) and all(isinstance(o, str) for o in option)):
                raise InputError(f"{source}: 'links.exclude' must be {LINK_OPTIONS[key]}")
            for pattern in option:
                checked_user_pattern(pattern, f"{source}: 'links.exclude'")
        if key == "github-api":
            # a config file travels with the list: a pull request adding one could send a
            # CI job's GITHUB_TOKEN anywhere, so the API address comes from the environment
            raise InputError(
                f"{source}: 'links.github-api' is not read from a config file (it would receive "
                "GITHUB_TOKEN); set AWESOMELINT_GITHUB_API or pass --github-api"
            )
    return dict(value)


def _layout_options(value: Any, source: str) -> dict[str, Any] | None:
    if value is False:
        return None
    if not isinstance(value, dict):
        raise InputError(f"{source}: 'layout' must be false or a mapping")
    for key, option in value.items():
        if key == "style":
            if option not in ("file", "canonical"):
                raise InputError(f"{source}: 'layout.style' must be file or canonical")
        elif key == "table-align":
            if not isinstance(option, bool):
                raise InputError(f"{source}: 'layout.table-align' must be true or false")
        elif key == "max-lines":
            if isinstance(option, bool) or not isinstance(option, int) or option < 1:
                raise InputError(f"{source}: 'layout.max-lines' must be a positive whole number")
        elif key == "bullet":
            if option not in ("-", "*", "+"):
                raise InputError(f"{source}: 'layout.bullet' must be one of -, *, +")
        else:
            raise InputError(f"{source}: unknown option 'layout.{key}' (known: style, table-align, bullet, max-lines)")
    return dict(value)


class ConfigResolver:
    """Finds and caches the config for each file (upward search), or uses one given."""

    def __init__(self, explicit: str | None = None):
        if explicit and not Path(explicit).is_file():
            raise InputError(f"{explicit}: no such config file")
        self.explicit = load_config(Path(explicit)) if explicit else None
        self._cache: dict[Path, Config] = {}

    def for_file(self, path: str) -> Config:
        if self.explicit is not None:
            return self.explicit
        found = find_config(Path(path).parent if Path(path).parent.exists() else Path.cwd())
        if found is None:
            return Config()
        if found not in self._cache:
            self._cache[found] = load_config(found)
        return self._cache[found]
