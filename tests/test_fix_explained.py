"""`fix` and `check` agree: every hunk of `fix --diff` traces to a finding `check` printed for
the file as read (or to a layout deviation `check --select layout` shows), and a finding
that only appears after another fix is reported, not applied."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesomelint.cli import main
from awesomelint.engine.config import Config, parse_config
from awesomelint.engine.diffs import hunk_reasons
from awesomelint.engine.fix import fix_document
from awesomelint.engine.linter import lint
from awesomelint.model.document import Document

from .conftest import CORPUS, SEEDS
from .rules.test_off_topic import awesome_go_with


def _printed_by_check(doc: Document, config: Config) -> list[tuple[str, tuple[int, int]]]:
    """(rule, span) of every finding `check` prints for the text as read, and the layout rule's."""
    names = config.enabled(doc.path) + ["layout"]
    return [(f.rule, (f.start, f.end)) for f in lint(doc, config, only=names).findings]


@pytest.mark.parametrize("path", SEEDS + CORPUS, ids=lambda p: p.name)
def test_every_hunk_is_explained_by_what_check_printed(path: Path) -> None:
    doc = Document.from_path(path)
    config = Config()
    outcome = fix_document(doc, config)
    printed = _printed_by_check(doc, config)
    for reasons in hunk_reasons(doc, outcome.text, outcome.changes):
        assert reasons, f"{path.name}: a hunk with no reason"
        assert any(
            any(rule == change.rule and _touch(span, change.origin) for rule, span in printed) for change in reasons
        ), f"{path.name}: {reasons} — none of them printed by check"


def _touch(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Spans that overlap or meet (an insertion at a finding's end is that finding's)."""
    return a[0] <= b[1] and b[0] <= a[1]


HABIT = "".join(f"- [{name}](https://{name.lower()}.example/) - {name}.\n" for name in ("Atlas", "Beacon", "Compass"))


def test_entries_that_become_misplaced_only_after_a_repair_are_reported_not_moved() -> None:
    # Delta's broken link is text, so check judges no order in Tools; repaired, the section
    # would count as sorted but for Delta — a move check never printed
    tools = (
        "- [Alpha](https://alpha.example/) - A.\n- [Delta](https://paper.link](https://delta.example/) - D.\n"
        "- [Beta](https://beta.example/) - B.\n- [Gamma](https://gamma.example/) - G.\n"
    )
    text = "# X\n\n## Books\n\n" + HABIT + "\n## Tools\n\n" + tools + "\n## Web\n\n" + HABIT.replace("](", "x](")
    doc = Document.from_text(text, "README.md")
    assert "entry-order" not in {f.rule for f in lint(doc, Config()).findings}
    outcome = fix_document(doc, Config())
    assert "- [Delta](https://delta.example/) - D.\n- [Beta]" in outcome.text  # repaired, not moved
    assert [f.rule for f in outcome.appeared] == ["entry-order"]
    again = fix_document(Document.from_text(outcome.text, "README.md"), Config())
    assert "- [Beta](https://beta.example/) - B.\n- [Delta]" in again.text  # now check prints it: fix applies it


def test_trailing_whitespace_left_as_the_files_habit_stays_when_blank_lines_go() -> None:
    # 22 places with trailing spaces in 400 lines: the file's habit (over 20), left to
    # --unsafe-fixes; the blank-line fixes remove two whitespace-only lines, and the 20
    # places left would fall under the bar — check never printed them as fixable
    clean = "".join(f"- [Tool {n}](https://tool{n}.example/) - Tool.\n" for n in range(380))
    spaced = [f"- [Tool {n}](https://tool{n}.example/) - Spaced.   " for n in range(380, 400)]
    text = "# X\n\n" + clean + "\n".join(spaced[:10]) + "\n\n  \n\n" + "\n".join(spaced[10:]) + "\n\n \n\n## End\n"
    doc = Document.from_text(text, "README.md")
    (habit,) = [f for f in lint(doc, Config(), only=["whitespace"]).findings if "habit" in f.message]
    assert habit.message.startswith("22 places") and habit.fix is not None and habit.fix.applicability.value == "unsafe"
    fixed = fix_document(doc, Config()).text
    assert fixed.count("Spaced.   \n") == 20  # the habit kept
    assert "\n\n  \n" not in fixed  # the blank-line runs, which check printed, fixed


def test_lines_a_fix_only_moved_are_not_text_it_wrote() -> None:
    # entry-order sorts the section (check printed it): the lines it moves hold the trailing
    # spaces of the file's habit, and moving them does not make their removal explained
    clean = "".join(f"- [Tool {n}](https://tool{n}.example/) - Tool.\n" for n in range(380))
    spaced = [f"- [Spaced {n}](https://spaced{n}.example/) - Spaced.   " for n in range(20)]
    text = "# X\n\n" + clean + "\n".join(spaced[:10]) + "\n\n  \n\n" + "\n".join(spaced[10:]) + "\n\n \n\n## End\n"
    doc = Document.from_text(text, "README.md")
    assert "entry-order" in {f.rule for f in lint(doc, Config()).findings}
    fixed = fix_document(doc, Config()).text
    assert fixed.index("[Spaced 0]") < fixed.index("[Tool 0]") and fixed.count("Spaced.   \n") == 20


def test_a_fix_inside_text_another_fix_rewrote_is_the_same_hunk_and_applies() -> None:
    # the repaired link then carries tracking parameters: both in one place, one run
    text = "# X\n\n- [Paper]([https://x.org/p?utm_source=s) - A paper.\n"
    once = fix_document(Document.from_text(text, "README.md"), Config())
    assert "- [Paper](https://x.org/p) - A paper.\n" in once.text
    assert fix_document(Document.from_text(once.text, "README.md"), Config()).text == once.text


PROMOTION = """- - [Apex Health AI: clinical documentation assistant for hospitals](https://apexhealth.example/) - AI scribe.
  - [Book a demo for your clinic](https://apexhealth.example/demo) - Demos for clinics and patients.
  - [Pricing for hospitals](https://apexhealth.example/pricing) - Plans for hospitals and physicians.
  - [Patient care case studies](https://apexhealth.example/cases) - Stories of patient care.
"""


def test_report_only_rules_judge_the_text_as_read(tmp_path: Path) -> None:
    text = awesome_go_with({"- [cobra](": PROMOTION})
    doc = Document.from_text(text, "README.md")
    before = [f for f in lint(doc, Config(), only=["off-topic"]).findings]
    assert len(before) == 4
    outcome = fix_document(doc, Config())
    assert "- - [Apex" not in outcome.text  # double-marker tidied the block...
    final = Document.from_text(outcome.text, "README.md")
    flagged = [final.lines[final.position(f.start)[0] - 1] for f in outcome.remaining if f.rule == "off-topic"]
    assert len(flagged) == 4 and all("apexhealth" in line for line in flagged)  # ...and fix still says what check said


def test_the_diff_names_each_hunks_reasons_and_still_applies(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "README.md").write_text(
        "# X\n\n- [a](http://github.com/a/b?utm_source=x)\n\n\n\n- [b](https://b.org)\n"
    )
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["fix", "--diff", "README.md"])
    assert result.exit_code == 1
    headers = [line for line in result.output.splitlines() if line.startswith("@@")]
    assert len(headers) == 1
    assert "tracking-param: link 'a' carries tracking parameters (utm_source)" in headers[0]
    assert "insecure-url: link 'a' uses http://" in headers[0] and "whitespace: 3 blank lines in a row" in headers[0]
    patch = tmp_path / "fix.patch"
    patch.write_text(result.output)
    subprocess.run(["git", "apply", "--check", str(patch)], check=True, cwd=tmp_path)


def test_fix_lists_what_remains_and_what_appeared(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "README.md"
    path.write_text("# X\n\n- [a](https://a.org) - first\n- [a](https://a.org) - again\n- [b](http://b.example/x)\n")
    result = runner.invoke(main, ["fix", str(path)])
    assert result.exit_code == 1
    assert "1 finding remain" in result.output or "2 findings remain" in result.output
    assert "duplicate-entry" in result.output


def test_layout_deviations_are_findings_of_the_layout_rule_only_when_selected() -> None:
    text = (
        "# X\n\n## A\n\n"
        + "".join(f"* [T{n}](https://t{n}.example/) - T.\n" for n in range(8))
        + "\n## B\n\n- [U](https://u.example/) - U.\n- [V](https://v.example/) - V.\n"
    )
    doc = Document.from_text(text, "README.md")
    assert "layout" not in {f.rule for f in lint(doc, Config()).findings}
    (finding,) = lint(doc, parse_config({"select": ["layout"]})).findings
    assert doc.position(finding.start)[0] == 16 and "bullet" in finding.message
    outcome = fix_document(doc, Config())
    (change,) = outcome.changes
    assert change.rule == "layout" and change.message == finding.message


def test_a_generated_list_keeps_its_order_and_layout_and_says_so(tmp_path: Path, runner: CliRunner) -> None:
    unsorted = "- [Beta](https://beta.example/) - B.\n- [Alpha](https://alpha.example/) - A.\n"
    body = (
        "# X\n\n"
        + "".join(f"## S{n}\n\n{HABIT}\n" for n in range(3))
        + "## T\n\n"
        + unsorted
        + "- [Gamma](https://g.example/) - G.\n"
    )
    body += "\n## U\n\n+ [Delta](https://d.example/) - D.\n+ [Ember](https://e.example/) - E.\n"
    plain = Document.from_text(body, "README.md")
    assert {"entry-order"} <= {f.rule for f in lint(plain, Config()).findings}
    assert fix_document(plain, Config()).text != body
    notice = "<!-- This file is automatically generated from data.yaml: do not edit it. -->\n"
    generated = Document.from_text(notice + body, "README.md")
    assert "entry-order" not in {f.rule for f in lint(generated, Config()).findings}
    outcome = fix_document(generated, Config())
    assert outcome.text == notice + body and outcome.generated is not None and outcome.generated.line == 1
    path = tmp_path / "README.md"
    path.write_text(notice + body)
    result = runner.invoke(main, ["fix", str(path)])
    assert "generated from data (line 1 says so" in result.output
    assert fix_document(plain, parse_config({"generated": True})).text == body


def test_what_remains_names_lines_of_the_fixed_text() -> None:
    text = "# X\n\n\n\n\n- [Alpha tool here](https://a.example/) - A.\n- [Alpha tool here](https://a.example/) - A.\n"
    outcome = fix_document(Document.from_text(text, "README.md"), Config())
    (duplicate,) = [f for f in outcome.remaining if f.rule == "duplicate-entry"]
    assert "at line 3" in duplicate.message and [r.line for r in duplicate.related] == [3]
    assert outcome.final is not None and outcome.final.position(duplicate.start)[0] == 4


def test_a_finding_inside_a_section_fix_sorted_is_placed_at_its_line() -> None:
    text = (
        "# X\n\n" + "".join(f"## S{n}\n\n{HABIT}\n" for n in range(3)) + "## Tools\n\n"
        "- [beta](https://beta.example/) - B.\n- [alpha](https://alpha.example/) - A.\n"
        "- [gamma](https://gamma.example/) - G.\n- [pi/tool](https://github.com/pi/tool_framework) - P.\n"
    )
    outcome = fix_document(Document.from_text(text, "README.md"), Config())
    (mismatch,) = [f for f in outcome.remaining if f.rule == "link-text-mismatch"]
    final = Document.from_text(outcome.text, "README.md")
    assert final.text[mismatch.start : mismatch.start + 9] == "[pi/tool]"


def test_a_file_without_a_final_line_break_gets_a_diff_that_applies(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "README.md").write_text("# X\n\n- [a](http://github.com/a/b) -  A.")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["fix", "--diff", "README.md"])
    assert "\\ No newline at end of file" in result.output
    assert "this list uses" not in result.output or "'  -  '" not in result.output
    (tmp_path / "fix.patch").write_text(result.output)
    subprocess.run(["git", "apply", str(tmp_path / "fix.patch")], check=True, cwd=tmp_path)
    assert (tmp_path / "README.md").read_text() == fix_document(
        Document.from_text("# X\n\n- [a](http://github.com/a/b) -  A.", "README.md"), Config()
    ).text


def test_hunk_headers_keep_a_messages_spaces_and_name_the_particular_reason_first() -> None:
    from awesomelint.engine.diffs import _reasons
    from awesomelint.engine.fix import Change

    block = Change("entry-order", "'a' is out of alphabetical order", 3, ((0, 500),))
    spaces = Change("whitespace", "trailing whitespace", 9, ((200, 203),))
    separator = Change("entry-separator", "separator ' -  ' between 'a' and its description", 5, ((100, 104),))
    header = _reasons([block, spaces, separator])
    assert header.startswith("whitespace: trailing whitespace · entry-separator: separator ' -  ' between")


def test_fix_diff_exits_1_only_when_a_file_would_change(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "README.md"
    path.write_text("# X\n\n- [a](https://a.org) - first\n- [a](https://a.org) - again\n")  # a duplicate fix cannot fix
    result = runner.invoke(main, ["fix", "--diff", str(path)])
    assert result.exit_code == 0 and result.stdout == "" and "duplicate-entry" in result.stderr
