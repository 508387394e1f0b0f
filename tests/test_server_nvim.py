"""Neovim, a second and independent LSP client: headless, it starts `awesomelint
server`, opens a seed list (with an emoji line added) and writes down the diagnostics it
received and the buffer after formatting (tests/nvim/diagnostics.lua). Skipped, saying
so, where `nvim` is not installed (`apt-get install neovim`)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from awesomelint import check_text

from .conftest import seed
from .test_server import cli_fix

SCRIPT = Path(__file__).parent / "nvim" / "diagnostics.lua"
NVIM = shutil.which("nvim")
SEVERITY = {"error": 1, "warning": 2, "info": 3}


@pytest.mark.skipif(NVIM is None, reason="nvim is not installed: the Neovim client test did not run")
def test_neovim_receives_the_diagnostics_check_prints_and_formats_as_fix_writes(tmp_path: Path) -> None:
    assert NVIM is not None
    text = seed("001").read_text(encoding="utf-8") + "\n- [Emoji 😀 中文]((https://github.com/o/emoji) - Does it.\n"
    path = tmp_path / "README.md"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out.txt"
    env = {
        **os.environ,
        "AWESOMELINT_SERVER": json.dumps([sys.executable, "-m", "awesomelint", "server"]),
        "AWESOMELINT_LIST": str(path),
        "AWESOMELINT_OUT": str(out),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    subprocess.run(
        [NVIM, "--headless", "--clean", "-c", f"luafile {SCRIPT}"],
        env=env,
        capture_output=True,
        timeout=120,
        check=True,
        stdin=subprocess.DEVNULL,
    )
    received, formatted = out.read_text(encoding="utf-8").split("formatted:\n", 1)

    lines = text.split("\n")

    def byte(line: int, column: int) -> int:  # Neovim turns UTF-16 positions into byte columns
        return len(lines[line - 1][: column - 1].encode("utf-8"))

    expected = [
        f"{i.line}:{byte(i.line, i.column)}-{i.end_line}:{byte(i.end_line, i.end_column)} "
        f"{SEVERITY[i.severity]} {i.rule} {i.message}"
        for i in check_text(text, path=str(path))
    ]
    assert sorted(received.splitlines()) == sorted(expected)
    assert any(line.startswith(f"{len(lines) - 1}:2-") for line in received.splitlines())  # after the emoji
    assert formatted == cli_fix(tmp_path, text) != text
