"""The editor's settings: ``initializationOptions`` and ``workspace/didChangeConfiguration``.

    {"select": ["duplicate-entry"], "ignore": ["layout"], "profile": "awesome", "online": false}

at the top level or under an ``awesomelint`` key (VS Code's and Neovim's `settings`
nest them so). select, ignore and profile override the config file found beside the
document as the command line's options do; ``online`` (off unless turned on: links are
slow and want a token) also runs the link rules when a saved file is checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..engine.config import PROFILES


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    profile: str | None = None
    online: bool = False


def parse_settings(raw: Any) -> tuple[Settings, list[str]]:
    """The settings in ``raw`` and one message per value that was left out (wrong type,
    unknown profile); unknown keys are other tools' business and pass silently."""
    if isinstance(raw, dict) and isinstance(raw.get("awesomelint"), dict):
        raw = raw["awesomelint"]
    if not isinstance(raw, dict):
        return Settings(), []
    problems: list[str] = []

    def names(key: str) -> tuple[str, ...] | None:
        value = raw.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        problems.append(f"awesomelint setting '{key}' must be a list of rule names; left out")
        return None

    profile = raw.get("profile")
    if profile is not None and profile not in PROFILES:
        problems.append(f"awesomelint setting 'profile' must be one of {', '.join(PROFILES)}; left out")
        profile = None
    online = raw.get("online", False)
    if not isinstance(online, bool):
        problems.append("awesomelint setting 'online' must be true or false; left out")
        online = False
    return Settings(names("select"), names("ignore"), profile, online), problems
