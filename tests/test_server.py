"""`awesomelint server` driven as an editor drives it: the real process over stdio,
pygls' own client (tests/lspclient.py)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from lsprotocol import types

from awesomelint import check_text
from tests.lspclient import Session, apply, run

# every line a defect after an emoji or CJK, so a range in code points would be wrong
DEFECTS = (
    "# Awesome Things\n\n## Tools\n\n"
    "- [Emoji 😀 tool]((https://github.com/o/emoji) - Does it.\n"
    "- [中文工具](https://bit.ly/cjk) - 中文描述。\n"
    "- [Аpple 😀](https://github.com/o/apple) - Does it.\n"
    "- [Fourth](https://github.com/o/four) - Does it.\n"
    "- [Fourth again](https://github.com/o/four) - Does it.\n"
    "- [Plain](http://github.com/o/plain) - Does it.\n"
    "\n| Name | Link |\n|---|---|\n| 😀 A | [A](https://bit.ly/a) |\n"
)


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def expected_ranges(text: str) -> list[tuple[str, tuple[int, int, int, int]]]:
    """(rule, range) of what `check` finds, the columns counted in UTF-16 independently of the server."""
    lines = text.split("\n")
    found = []
    for item in check_text(text):
        start = utf16(lines[item.line - 1][: item.column - 1])
        end = utf16(lines[item.end_line - 1][: item.end_column - 1])
        found.append((item.rule, (item.line - 1, start, item.end_line - 1, end)))
    return found


def as_tuple(diagnostic: types.Diagnostic) -> tuple[str, tuple[int, int, int, int]]:
    r = diagnostic.range
    return str(diagnostic.code), (r.start.line, r.start.character, r.end.line, r.end.character)


def cli_fix(tmp_path: Path, text: str, *options: str) -> str:
    """What `awesomelint fix` writes for ``text``."""
    folder = tmp_path / "cli"
    folder.mkdir(exist_ok=True)
    path = folder / "README.md"
    path.write_bytes(text.encode("utf-8"))
    subprocess.run([sys.executable, "-m", "awesomelint", "fix", *options, str(path)], capture_output=True)
    return path.read_bytes().decode("utf-8")


def test_diagnostics_have_utf16_ranges_and_a_fixed_defect_disappears(tmp_path: Path) -> None:
    async def scenario(session: Session) -> None:
        uri = session.open(tmp_path / "README.md", DEFECTS)
        found = await session.diagnostics(uri)
        assert [as_tuple(d) for d in found] == expected_ranges(DEFECTS)
        by_rule: dict[str, types.Diagnostic] = {}
        for d in found:
            by_rule.setdefault(str(d.code), d)
        # written out once, so an error in the conversion above cannot hide one in the server
        assert as_tuple(by_rule["nested-link"])[1] == (4, 2, 4, 46)  # the emoji is two UTF-16 units
        assert as_tuple(by_rule["url-shortener"])[1] == (5, 2, 5, 28)  # CJK: one unit each
        assert (found[-1].range.start.line, found[-1].range.start.character) == (13, 9)  # after the emoji in the cell
        nested = by_rule["nested-link"]
        assert nested.severity == types.DiagnosticSeverity.Error and nested.source == "awesomelint"
        assert nested.code_description is not None and nested.code_description.href.endswith("/rules/nested_link.py")
        assert by_rule["insecure-url"].severity == types.DiagnosticSeverity.Warning
        duplicate = by_rule["duplicate-entry"]
        assert duplicate.related_information is not None
        assert duplicate.related_information[0].location.uri == uri
        assert duplicate.related_information[0].location.range.start.line == 7  # the first 'Fourth'
        # the user repairs the nested link: one '(' fewer, after the emoji
        at = types.Position(4, DEFECTS.split("\n")[4].index("((") + 1 + 1)  # +1: the emoji's second unit
        session.edit(uri, [types.TextEdit(types.Range(at, types.Position(at.line, at.character + 1)), "")])
        after = await session.diagnostics(uri)
        assert "nested-link" not in {str(d.code) for d in after}
        assert len(after) == len(found) - 1

    run(scenario)


def test_a_burst_of_changes_publishes_the_last_version_only(tmp_path: Path) -> None:
    async def scenario(session: Session) -> None:
        uri = session.open(tmp_path / "README.md", DEFECTS)
        await session.diagnostics(uri)
        for n in range(5):  # keystrokes 50 ms apart: within the debounce, each cancels the one before
            session.replace(uri, DEFECTS + f"\n- [Extra {n}](https://bit.ly/{n}) - More.\n")
            await asyncio.sleep(0.05)
        last = await session.diagnostics(uri)
        assert [p.version for p in session.published[uri]] == [1, 6]
        assert any("Extra 4" in d.message for d in last)
        # a change while a long check runs: that check's result is stale and never shown
        slow = DEFECTS + "".join(f"- [Tool {n}](https://github.com/o/t{n}) - Does {n}.\n" for n in range(4000))
        other = session.open(tmp_path / "slow.md", slow)
        await asyncio.sleep(0.05)
        session.replace(other, slow + "\n- [Late](https://bit.ly/late) - Late.\n")
        assert any("Late" in d.message for d in await session.diagnostics(other))
        assert [p.version for p in session.published[other]] == [2]
        # closed: its diagnostics are cleared
        session.client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(other)))
        async with session.arrived:
            await asyncio.wait_for(session.arrived.wait_for(lambda: len(session.published[other]) == 2), 10)
        assert not session.published[other][-1].diagnostics

    run(scenario)


def test_code_actions_and_formatting_write_what_fix_writes(tmp_path: Path) -> None:
    one_defect = "# Awesome Things\n\n- [Emoji 😀 tool]((https://github.com/o/emoji) - Does it.\n"
    written = cli_fix(tmp_path, one_defect)
    assert written != one_defect
    written_crlf = cli_fix(tmp_path, one_defect.replace("\n", "\r\n"))
    whole = cli_fix(tmp_path, DEFECTS)

    async def scenario(session: Session) -> None:
        uri = session.open(tmp_path / "one.md", one_defect)
        [nested] = await session.diagnostics(uri)
        found = await session.actions(uri, nested.range)
        preferred = [a for a in found if a.is_preferred]
        assert len(preferred) == 1 and preferred[0].kind == types.CodeActionKind.QuickFix
        assert preferred[0].edit is not None and preferred[0].edit.changes is not None
        assert apply(one_defect, preferred[0].edit.changes[uri]) == written
        # a CRLF buffer: the same fix, its line ends kept (as `fix` keeps a file's)
        crlf = one_defect.replace("\n", "\r\n")
        windows = session.open(tmp_path / "crlf.md", crlf)
        [at] = await session.diagnostics(windows)
        [quick] = [a for a in await session.actions(windows, at.range) if a.is_preferred]
        assert quick.edit is not None and quick.edit.changes is not None
        assert apply(crlf, quick.edit.changes[windows]) == written.replace("\n", "\r\n") == written_crlf
        assert apply(crlf, await session.formatting(windows)) == written_crlf

        big = session.open(tmp_path / "README.md", DEFECTS)
        diagnostics = {str(d.code): d for d in await session.diagnostics(big)}
        unsafe = [
            a for a in await session.actions(big, diagnostics["mixed-script"].range) if "unsafe" in a.title.lower()
        ]
        assert len(unsafe) == 1 and not unsafe[0].is_preferred
        fix_all = await session.actions(big, diagnostics["mixed-script"].range, only=["source.fixAll.awesomelint"])
        assert [a.kind for a in fix_all] == ["source.fixAll.awesomelint"]
        assert fix_all[0].edit is not None and fix_all[0].edit.changes is not None
        assert apply(DEFECTS, fix_all[0].edit.changes[big]) == whole
        assert apply(DEFECTS, await session.formatting(big)) == whole

        # "Disable <rule> for this line" silences that finding and no other (a list item, a table row)
        text = DEFECTS
        for rule, line in (("duplicate-entry", 8), ("url-shortener", 13), ("url-shortener", 5)):
            before = [(str(d.code), d.range.start.line) for d in await session.diagnostics(big)]
            target = next(d for d in await session.diagnostics(big) if (d.code, d.range.start.line) == (rule, line))
            titles = {a.title: a for a in await session.actions(big, target.range)}
            disable = titles[f"Disable {rule} for this line"]
            assert disable.edit is not None and disable.edit.changes is not None
            text = apply(text, disable.edit.changes[big])
            session.replace(big, text)
            after = [(str(d.code), d.range.start.line) for d in await session.diagnostics(big)]
            assert after == [item for item in before if item != (rule, line)]
        assert "<!-- awesomelint-disable-line url-shortener --> |" in text

    run(scenario)


def test_a_config_beside_the_document_and_the_editors_settings_change_the_results(tmp_path: Path) -> None:
    (tmp_path / "configured").mkdir()
    (tmp_path / "configured" / ".awesomelint.yaml").write_text("ignore: [duplicate-entry]\n")

    async def scenario(session: Session) -> None:
        plain = session.open(tmp_path / "README.md", DEFECTS)
        configured = session.open(tmp_path / "configured" / "README.md", DEFECTS)
        codes = {str(d.code) for d in await session.diagnostics(plain)}
        assert "duplicate-entry" in codes and "insecure-url" not in codes  # the settings ignore it
        assert "duplicate-entry" not in {str(d.code) for d in await session.diagnostics(configured)}
        # the config file changes: the next check reads it
        (tmp_path / "configured" / ".awesomelint.yaml").write_text("select: [nested-link]\n")
        session.replace(configured, DEFECTS + "\n")
        assert {str(d.code) for d in await session.diagnostics(configured)} == {"nested-link"}
        # the settings change: every open document is checked again
        session.client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings={"awesomelint": {"select": ["url-shortener"]}})
        )
        async with session.arrived:
            await session.arrived.wait_for(lambda: len(session.published[plain]) > 1)
        assert {str(d.code) for d in session.published[plain][-1].diagnostics} == {"url-shortener"}

    run(scenario, {"ignore": ["insecure-url"]})


HOSTILE = (
    "# T\x00\x01\x1b[31m\u202e\ufeff\n\n"
    + "| "
    + " | ".join(f"c{i}" for i in range(100))
    + " |\n"
    + "|"
    + "---|" * 100
    + "\n"
    + ("| " + " | ".join("x\x07😀" for _ in range(100)) + " |\n") * 200
    + "- [" * 5000
    + "\n"
    + "\ud800 lone surrogate [a](\udfff)\n"
)


def test_a_hostile_document_is_answered_and_the_server_keeps_serving(tmp_path: Path) -> None:
    async def scenario(session: Session) -> None:
        uri = session.open(tmp_path / "hostile.md", HOSTILE)
        await session.diagnostics(uri)  # answered, whatever it says
        await session.formatting(uri)
        await session.actions(uri, types.Range(types.Position(0, 0), types.Position(300, 0)))
        after = session.open(tmp_path / "README.md", DEFECTS)
        assert [as_tuple(d) for d in await session.diagnostics(after)] == expected_ranges(DEFECTS)

    run(scenario)


CRASHING = (
    "import sys\n"
    "from awesomelint.rules import BY_NAME\n"
    "def boom(ctx):\n"
    "    if 'CRASH' in ctx.doc.text:\n"
    "        raise RuntimeError('rule bug')\n"
    "    return []\n"
    "object.__setattr__(BY_NAME['whitespace'], 'check', boom)\n"
    "from awesomelint.cli import run\n"
    "sys.argv = ['awesomelint', 'server']\n"
    "run()\n"
)


def test_a_crash_in_a_rule_is_a_diagnostic_and_the_server_keeps_serving(tmp_path: Path) -> None:
    async def scenario(session: Session) -> None:
        uri = session.open(tmp_path / "README.md", "# CRASH\n")
        [crash] = await session.diagnostics(uri)
        assert crash.code == "internal-error" and crash.severity == types.DiagnosticSeverity.Error
        assert "RuntimeError: rule bug" in crash.message and crash.source == "awesomelint"
        assert await session.formatting(uri) == []  # fix crashes too: no edits, no error
        session.replace(uri, DEFECTS)
        assert [as_tuple(d) for d in await session.diagnostics(uri)] == expected_ranges(DEFECTS)
        assert any("rule bug" in message for message in session.logs)

    run(scenario, command=(sys.executable, "-c", CRASHING))


def test_the_server_without_pygls_says_what_to_install(tmp_path: Path) -> None:
    probe = (
        "import sys\nsys.modules['pygls'] = None\nsys.argv = ['awesomelint', 'server']\n"
        "from awesomelint.cli import run\nrun()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "awesomelint server needs pygls: pip install 'awesomelint[server]'\n"


def test_online_rules_run_only_when_the_settings_turn_them_on(tmp_path: Path) -> None:
    """A loopback link: the link checker answers without the network (it refuses it)."""
    path = tmp_path / "README.md"
    text = "# T\n\n- [Local](http://127.0.0.1:9/x) - A local address.\n"
    path.write_text(text, encoding="utf-8")
    env = {**os.environ, "HOME": str(tmp_path)}  # the link cache goes under ~/.cache

    def scenario(online: bool) -> Callable[[Session], Awaitable[list[str]]]:
        async def opened(session: Session) -> list[str]:
            uri = session.open(path, text)
            await session.diagnostics(uri)
            async with session.arrived:  # an online run publishes the same version again
                await asyncio.wait_for(
                    session.arrived.wait_for(lambda: len(session.published[uri]) > 1), 1.0 if not online else 30
                )
            return [str(d.code) for d in session.published[uri][-1].diagnostics]

        return opened

    with pytest.raises(asyncio.TimeoutError):
        run(scenario(False), env=env)
    assert "link-error" in run(scenario(True), {"online": True}, env=env)
    assert (tmp_path / ".cache" / "awesomelint" / "links.sqlite3").exists()


RESOLVING = types.ClientCapabilities(
    text_document=types.TextDocumentClientCapabilities(
        code_action=types.CodeActionClientCapabilities(
            resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"])
        )
    )
)


def test_fix_all_is_resolved_on_demand_for_a_client_that_resolves_edits(tmp_path: Path) -> None:
    whole = cli_fix(tmp_path, DEFECTS)

    async def scenario(session: Session) -> None:
        offered = session.capabilities
        assert isinstance(offered.code_action_provider, types.CodeActionOptions)
        assert offered.code_action_provider.resolve_provider and offered.document_formatting_provider
        assert isinstance(offered.text_document_sync, types.TextDocumentSyncOptions)
        assert offered.text_document_sync.save and offered.position_encoding == "utf-16"
        uri = session.open(tmp_path / "README.md", DEFECTS)
        first = (await session.diagnostics(uri))[0]
        [fix_all] = [a for a in await session.actions(uri, first.range) if a.kind == "source.fixAll.awesomelint"]
        assert fix_all.edit is None  # a cursor move costs no `fix` run
        resolved = await session.client.code_action_resolve_async(fix_all)
        assert resolved.edit is not None and resolved.edit.changes is not None
        assert apply(DEFECTS, resolved.edit.changes[uri]) == whole

    run(scenario, capabilities=RESOLVING)


def test_a_quick_fix_is_resolved_on_demand_for_a_client_that_resolves_edits(tmp_path: Path) -> None:
    one_defect = "# Awesome Things\n\n- [Emoji 😀 tool]((https://github.com/o/emoji) - Does it.\n"
    written = cli_fix(tmp_path, one_defect)

    async def scenario(session: Session) -> None:
        uri = session.open(tmp_path / "README.md", one_defect)
        [nested] = await session.diagnostics(uri)
        [quick] = [a for a in await session.actions(uri, nested.range) if a.is_preferred]
        assert quick.edit is None
        resolved = await session.client.code_action_resolve_async(quick)
        assert resolved.edit is not None and resolved.edit.changes is not None
        assert apply(one_defect, resolved.edit.changes[uri]) == written
        session.replace(uri, written)  # fixed meanwhile: the stale action resolves to nothing
        await session.diagnostics(uri)
        assert (await session.client.code_action_resolve_async(quick)).edit is None

    run(scenario, capabilities=RESOLVING)
