"""The awesome-lint checks as rules: the default ones, `profile: awesome`, and awesome-lint's
inline comments. Each case a small list; each fix applied twice."""

import json
from pathlib import Path

import pytest

from awesomelint import data
from awesomelint.cli import main
from awesomelint.config import parse_config
from awesomelint.document import Document
from awesomelint.entries import entries_of
from awesomelint.errors import InputError
from awesomelint.fix import fix_document
from awesomelint.linter import lint
from awesomelint.rules import BY_NAME

from .conftest import findings


def fixed(text: str, *rules: str, unsafe: bool = False, profile: str | None = None) -> str:
    raw = {"select": list(rules), **({"profile": profile} if profile else {})}
    config = parse_config(raw)
    once = fix_document(Document.from_text(text, "README.md"), config, unsafe=unsafe, layout=False).text
    again = fix_document(Document.from_text(once, "README.md"), config, unsafe=unsafe, layout=False).text
    assert again == once, "fix is not idempotent"
    return once


def messages(text: str, rule: str) -> list[str]:
    return [f.message for f in findings(text, rule)]


def profiled(text: str, rule: str) -> list[str]:
    config = parse_config({"select": [rule], "profile": "awesome"})
    return [f.message for f in lint(Document.from_text(text, "README.md"), config).findings]


# list-marker-space ------------------------------------------------------------

def test_a_marker_with_no_space_is_reported_and_fixed_into_an_entry():
    text = "# X\n\n- [Alpha](https://alpha.example/) - A.\n-[Beta](https://beta.example/) - B.\n"
    assert messages(text, "list-marker-space") == ["'-' with no space after it is not a list marker"]
    after = fixed(text, "list-marker-space")
    assert after == "# X\n\n- [Alpha](https://alpha.example/) - A.\n- [Beta](https://beta.example/) - B.\n"
    assert [e.title for e in entries_of(Document.from_text(after))] == ["Alpha", "Beta"]


@pytest.mark.parametrize("text", [
    "*[Alpha](https://alpha.example/)* is emphasized\n",
    "```\n-[Alpha](https://alpha.example/)\n```\n",
    "Use -[x] flags.\n",
    "- [Alpha](https://alpha.example/) - A.\n",
])
def test_what_is_not_a_missing_marker_space(text):
    assert messages(text, "list-marker-space") == []


# undefined-reference / unused-definition -------------------------------------

def test_a_reference_with_no_definition():
    text = "- [Alpha][alpha] - A.\n- [Beta][] - B.\n\n[alfa]: https://alpha.example/\n"
    assert messages(text, "undefined-reference") == [
        "reference 'alpha' has no definition; '[Alpha][alpha]' shows as plain text",
        "reference 'Beta' has no definition; '[Beta][]' shows as plain text"]


@pytest.mark.parametrize("text", [
    "- [Alpha][a] - A.\n\n[A]: https://alpha.example/\n",  # labels match regardless of case
    "> [!NOTE]\n> Read this.\n",
    "A claim.[^1]\n\n[^1]: The source.\n",
    "A claim.[^1][^2]\n\n[^1]: One source.\n[^2]: Another.\n",
    "- \\[Alpha\\]\\[alpha\\] - escaped.\n",
    "- [WIP] a lone bracket.\n",
    "`[Alpha][alpha]` in code\n",
])
def test_what_is_not_an_undefined_reference(text):
    assert messages(text, "undefined-reference") == []


def test_an_unused_definition_is_an_info_note_removed_by_fix():
    text = "# X\n\n- [Alpha][alpha] - A.\n- [Beta] - B.\n\n[alpha]: https://alpha.example/\n[beta]: https://beta.example/\n[gamma]: https://gamma.example/\n"
    (finding,) = findings(text, "unused-definition")
    assert finding.message == "definition '[gamma]' is not used by any link" and finding.severity.value == "info"
    assert fixed(text, "unused-definition") == text.replace("[gamma]: https://gamma.example/\n", "")


def test_an_unused_definition_in_a_quote_is_reported_without_a_fix():
    (finding,) = findings("> [gamma]: https://gamma.example/\n", "unused-definition")
    assert finding.fix is None


# list-title -------------------------------------------------------------------

def test_no_title_and_a_second_title():
    assert messages("## Tools\n\n- [Alpha](https://alpha.example/)\n", "list-title") == [
        "the list has no top-level '# ' heading naming it"]
    (second,) = findings("# Awesome X\n\n## Tools\n\n# Resources\n", "list-title")
    assert second.severity.value == "info" and "'Resources'" in second.message
    # titled by a logo: every '# ' heading is a section
    logo = '<div align="center"><img src="logo.svg"></div>\n\n# Contents\n\n# Curriculum\n'
    assert [f.message.split("'")[1] for f in findings(logo, "list-title")] == ["Contents", "Curriculum"]


@pytest.mark.parametrize("text", [
    '<h1 align="center">Awesome X</h1>\n\n## Tools\n',
    '<div align="center">\n  <img src="logo.svg" alt="Awesome X">\n</div>\n\n## Tools\n',
    "[![Awesome X](logo.svg)](https://x.example)\n\n## Tools\n",
])
def test_an_html_title_or_a_logo_stands_for_the_title(text):
    assert messages(text, "list-title") == []


# entry-separator --------------------------------------------------------------

TEN = "".join(f"- [Tool {n}](https://tool{n}.example/) - A tool.\n" for n in range(10))


@pytest.mark.parametrize("separator", [" – ", " — ", "\u00a0-\u00a0", " -  ", "- "])
def test_a_separator_other_than_the_lists_own_is_fixed_to_it(separator):
    text = f"# X\n\n{TEN}- [Odd](https://odd.example/){separator}An odd one.\n"
    (finding,) = findings(text, "entry-separator")
    assert "this list uses ' - '" in finding.message
    assert fixed(text, "entry-separator").endswith("- [Odd](https://odd.example/) - An odd one.\n")


def test_a_list_that_writes_colons_throughout_is_its_own_standard_but_not_the_profiles():
    text = "# X\n\n" + TEN.replace(") - ", "): ")
    assert messages(text, "entry-separator") == []
    assert len(profiled(text, "entry-separator")) == 10


def test_a_list_with_no_habit_is_not_judged_and_emoji_codes_are_not_separators():
    assert messages("- [A](https://a.example/) - A.\n- [B](https://b.example/) – B.\n", "entry-separator") == []
    text = "# X\n\n" + TEN + "- [Tux](https://tux.example/) :penguin: - Runs on Linux.\n"
    assert messages(text, "entry-separator") == []


# description rules (profile awesome) -----------------------------------------

def entry(description: str, name: str = "Alpha") -> str:
    return f"# Awesome X\n\n- [{name}](https://alpha.example/) - {description}\n"


@pytest.mark.parametrize("description, fixed_to", [
    ("A tool for things", "A tool for things."),
    ("Version 2", "Version 2."),
    ("A tool (beta)", None),
    ("Uses `make`", None),
])
def test_a_description_without_an_end_is_reported(description, fixed_to):
    (finding,) = [f for f in findings(entry(description), "description-period")]
    if fixed_to is None:
        assert finding.fix is None
    else:
        assert fixed(entry(description), "description-period") == entry(fixed_to)


@pytest.mark.parametrize("description", [
    "A tool.", "Really?", "Yes!", "And so on…", "A tool (really).", "A “quoted tool.”", "A tool. 🚀",
    "See [the docs](https://docs.example/)", "A tool ![badge](https://img.example/b.svg)",
])
def test_descriptions_that_end_well(description):
    assert messages(entry(description), "description-period") == []


def test_a_lower_case_start_is_reported_with_an_unsafe_fix():
    (finding,) = findings(entry("a tool for things."), "description-case")
    assert finding.fix.applicability.value == "unsafe"
    assert fixed(entry("a tool for things."), "description-case") == entry("a tool for things.")
    assert fixed(entry("a tool for things."), "description-case", unsafe=True) == entry("A tool for things.")


@pytest.mark.parametrize("description", [
    "iOS app for things.", "npm package for things.", "jQuery plugin.", "macOS menu bar app.", "2D engine.",
    "@mentions for things.", "#hashtags.", "\"Quoted\" start.", "面向中文的工具。", "日本語の資料。", "Ελληνικά.",
])
def test_starts_that_are_not_lower_case_words(description):
    assert messages(entry(description), "description-case") == []


def test_a_projects_own_lower_case_name_may_start_its_description():
    assert messages(entry("immudb is a database.", name="immudb"), "description-case") == []
    assert messages(entry("go-lock is a lock library.", name="go-lock"), "description-case") == []
    assert messages(entry("gonum plotting routines.", name="gonum/plot"), "description-case") == []
    assert messages(entry("rebar3 plugin for protobuffs.", name="rebar3_protobuffs"), "description-case") == []
    assert messages(entry("go:generate helper.", name="bind"), "description-case") == []
    listed = entry("Structured logger.", name="logrus") + "- [logrusly](https://l.example/) - logrus plug-in.\n"
    assert messages(listed, "description-case") == []
    assert messages(entry("command line option parser.", name="go-flags"), "description-case") == [
        "description of 'go-flags' starts with lower-case 'command'"]


def test_a_description_that_repeats_the_name():
    assert messages(entry("Alpha is a tool."), "description-repeats-name") == [
        "description of 'Alpha' starts with its own name"]
    assert messages(entry("Alphabetical sorting."), "description-repeats-name") == []
    assert messages(entry("#elixir-lang on Freenode IRC.", name="#elixir-lang"), "description-repeats-name") == []


@pytest.mark.parametrize("description, mark", [
    ("The “fast tool for things.", "“"), ("Say ‘hi.", "‘"), ('A "quote.', '"'), ("「日本語の資料。", "「"),
])
def test_unbalanced_quotes(description, mark):
    assert messages(entry(description), "unbalanced-quotes") == [f"description of 'Alpha' has an unbalanced {mark}"]


@pytest.mark.parametrize("description", [
    "The “fast” tool.", "Don’t panic.", "The users’ choice.", 'For 27" screens.', "It‘s a typo, not a quote.",
    "「日本語」の資料。",
])
def test_balanced_quotes_and_apostrophes(description):
    assert messages(entry(description), "unbalanced-quotes") == []


# term-spelling ----------------------------------------------------------------

def test_misspelled_names_outside_code_and_urls():
    text = "# X\n\n- [Alpha](https://github.com/a/b) - A Javascript tool hosted on Github.\n"
    assert messages(text, "term-spelling") == ["'Javascript' is spelled 'JavaScript'", "'Github' is spelled 'GitHub'"]
    assert fixed(text, "term-spelling", unsafe=True).endswith("A JavaScript tool hosted on GitHub.\n")


@pytest.mark.parametrize("text", [
    "- [Alpha](https://github.com/a/b) - See github.com/a/b.\n",
    "- [Alpha](https://alpha.example/) - Run `javascript`.\n",
    "- [javascript](https://alpha.example/) - The package.\n",
    "- [Alpha](https://alpha.example/Github) - A tool.\n",
    "- <https://alpha.example/Github> - A tool.\n",
    "```\nGithub\n```\n",
    "- [Alpha](https://alpha.example/) - A node.js-foo adapter.\n",
])
def test_names_inside_code_urls_and_package_names_are_left(text):
    assert messages(text, "term-spelling") == []


def test_a_name_at_the_end_of_a_sentence_is_still_judged():
    assert messages("Hosted on Github.\n", "term-spelling") == ["'Github' is spelled 'GitHub'"]


# title, badge, ToC position and depth (profile awesome) ------------------------

def test_title_case_and_awesome_start():
    assert messages("# awesome static site generators\n", "title-case") == [
        "the title 'awesome static site generators' is not in title case"]
    assert fixed("# awesome list of static site generators\n", "title-case", unsafe=True) == \
        "# Awesome List of Static Site Generators\n"
    assert messages("# Static Site Generators\n", "title-case") == [
        "the title 'Static Site Generators' does not start with 'Awesome'"]
    for good in ("# Awesome iOS", "# Awesome Node.js", "# Awesome-Mamba-Collection",
                 "# Awesome Things [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"):
        assert messages(good + "\n", "title-case") == [], good


def test_the_awesome_badge():
    badge = "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"
    assert messages(f"# Awesome X {badge}\n", "awesome-badge") == []
    (missing,) = findings("# Awesome X\n", "awesome-badge")
    assert missing.fix.applicability.value == "unsafe"
    assert fixed("# Awesome X\n", "awesome-badge", unsafe=True) == f"# Awesome X {badge}\n"
    old = "# Awesome X [![Awesome](https://cdn.rawgit.com/sindresorhus/awesome/d73/media/badge.svg)](https://github.com/sindresorhus/awesome)\n"
    assert fixed(old, "awesome-badge") == ("# Awesome X [![Awesome](https://awesome.re/badge.svg)]"
                                           "(https://github.com/sindresorhus/awesome)\n")
    assert messages('<div align="center"><img src="logo.svg"></div>\n\n# Section\n', "awesome-badge") == []


def test_toc_position_and_depth():
    late = "# Awesome X\n\n## Intro\n\n## Contents\n\n- [Intro](#intro)\n- [Tools](#tools)\n\n## Tools\n"
    assert messages(late, "toc-position") == ["the table of contents comes after 'Intro' (line 3); it should be the first section"]
    assert messages(late.replace("## Intro\n\n## Contents", "Intro.\n\n## Contents"), "toc-position") == []
    deep = ("# X\n\n## Contents\n\n- [Tools](#tools)\n  - [Editors](#editors)\n    - [Vim](#vim)\n\n"
            "## Tools\n\n### Editors\n\n#### Vim\n")
    assert messages(deep, "toc-depth") == ["ToC item 'Vim' is a third level"]


# sections, badges and files (profile awesome) ----------------------------------

def test_a_license_section_is_removed_only_with_unsafe_fixes():
    text = "# Awesome X\n\n## Tools\n\n- [Alpha](https://alpha.example/) - A.\n\n## License\n\nCC0\n\n## Footer\n"
    assert messages(text, "license-section") == ["a License section in the README; the license belongs in a license file"]
    assert fixed(text, "license-section") == text
    assert fixed(text, "license-section", unsafe=True) == text.replace("## License\n\nCC0\n\n", "")


def test_a_ci_badge_above_the_first_section():
    text = ("# Awesome X [![Build Status](https://travis-ci.org/me/x.svg)](https://travis-ci.org/me/x)\n\n"
            "## Tools\n\n- [Alpha](https://alpha.example/) [![CI](https://github.com/a/b/actions/workflows/ci.yml/badge.svg)](https://github.com/a/b) - A.\n")
    assert messages(text, "ci-badge") == ["a CI badge ('Build Status'); a list does not show its build status"]
    assert fixed(text, "ci-badge", unsafe=True).startswith("# Awesome X\n")


def lint_folder(tmp_path: Path, rule: str, files: dict[str, str]) -> list[str]:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    readme = tmp_path / "README.md"
    readme.write_text("# Awesome X\n")
    return [f.message for f in lint(Document.from_path(readme), parse_config({"select": [rule]})).findings]


@pytest.mark.parametrize("files, expected", [
    ({}, ["no license file (LICENSE) beside the README; a list needs a content license such as CC0-1.0"]),
    ({"LICENSE": "MIT License\n\nPermission is hereby granted, free of charge"},
     ["LICENSE holds a code license; a list's text wants a content license (CC0-1.0 or CC-BY-4.0)"]),
    ({"license": "Creative Commons Legal Code\n\nCC0 1.0 Universal"}, []),
    ({"LICENSE.md": "Attribution 4.0 International (CC BY 4.0)"}, []),
])
def test_license_file(tmp_path, files, expected):
    assert lint_folder(tmp_path, "license-file", files) == expected


@pytest.mark.parametrize("files, expected", [
    ({}, ["no contributing.md beside the README"]),
    ({"contributing.md": "  \n"}, ["contributing.md is empty"]),
    ({"CONTRIBUTING.md": "Add one entry per pull request."}, []),
    ({".github/contributing.md": "Add one entry per pull request."}, []),
])
def test_contributing_file(tmp_path, files, expected):
    assert lint_folder(tmp_path, "contributing-file", files) == expected


def test_file_rules_do_not_judge_text_read_from_no_folder():
    assert messages("# Awesome X\n", "license-file") == [] and messages("# Awesome X\n", "contributing-file") == []


# the profile --------------------------------------------------------------------

PROFILE_RULES = sorted(name for name, rule in BY_NAME.items() if rule.profile == "awesome")


def test_profile_rules_run_only_under_the_profile_or_by_name(tmp_path, runner):
    assert set(PROFILE_RULES) >= {"awesome-badge", "title-case", "description-period", "term-spelling"}
    default = parse_config({}).enabled("README.md")
    assert not set(PROFILE_RULES) & set(default)
    profiled_rules = parse_config({"profile": "awesome"}).enabled("README.md")
    assert set(PROFILE_RULES) - {"repo-metadata"} <= set(profiled_rules)
    assert "repo-metadata" not in profiled_rules  # online: with --online
    assert "repo-metadata" in parse_config({"profile": "awesome"}).enabled("README.md", online=True)
    readme = tmp_path / "README.md"
    readme.write_text("# Awesome X\n\n- [Alpha](https://alpha.example/) - a tool\n")
    plain = runner.invoke(main, ["check", "--format", "json", str(readme)])
    assert plain.exit_code == 0, plain.output
    rules = {f["rule"] for f in json.loads(runner.invoke(main, ["check", "--format", "json", "--profile", "awesome", str(readme)]).stdout)}
    assert {"description-period", "description-case", "awesome-badge"} <= rules
    (tmp_path / ".awesomelint.yaml").write_text("profile: awesome\n")
    assert runner.invoke(main, ["check", str(readme)]).exit_code == 1


def test_an_unknown_profile_is_a_usage_error(tmp_path, runner):
    with pytest.raises(InputError, match="'profile' must be one of: awesome"):
        parse_config({"profile": "strict"})
    (tmp_path / "README.md").write_text("# X\n")
    assert runner.invoke(main, ["check", "--profile", "strict", str(tmp_path / "README.md")]).exit_code == 2


# awesome-lint's inline comments -------------------------------------------------------

DUPLICATES = "- [Alpha](https://alpha.example/) - A.\n- [Alpha](https://alpha.example/) - Again.\n"


def test_lint_disable_and_enable_map_to_the_same_rules():
    text = f"# X\n\n<!--lint disable double-link-->\n{DUPLICATES}<!--lint enable double-link-->\n\n{DUPLICATES.replace('Alpha', 'Beta').replace('alpha', 'beta')}"
    assert [f.entry for f in findings(text, "duplicate-entry")] == ["Beta"]


def test_lint_ignore_covers_the_next_block_only():
    text = f"# X\n\n<!--lint ignore double-link-->\n{DUPLICATES}\nText.\n\n{DUPLICATES.replace('Alpha', 'Beta').replace('alpha', 'beta')}"
    assert [f.entry for f in findings(text, "duplicate-entry")] == ["Beta"]


def test_a_bare_lint_disable_turns_everything_off_and_unknown_names_are_passed_over():
    assert findings(f"# X\n\n<!--lint disable-->\n{DUPLICATES}", "duplicate-entry") == []
    assert len(findings(f"# X\n\n<!--lint disable no-dead-urls list-item-indent-->\n{DUPLICATES}", "duplicate-entry")) == 1
    assert len(findings(f"# X\n\n<!--lint disable emphasis-marker-->\n{DUPLICATES}", "duplicate-entry")) == 1


def test_the_readme_migration_table_is_the_mapping(runner):
    """`rules --awesome-lint` prints rules/awesome_lint.yaml; the README carries exactly that."""
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    printed = runner.invoke(main, ["rules", "--awesome-lint"]).output
    assert printed.count("\n") == len(data.load("awesome_lint")["rules"]) + 2
    assert printed in readme


def test_the_awesome_lint_table_names_only_real_rules():
    for name, row in data.load("awesome_lint")["rules"].items():
        assert set(row["rules"]) <= set(BY_NAME), name
        assert {"rules", "fix", "note"} <= set(row), name


# repo-metadata (online) ----------------------------------------------------------------

def test_the_repository_comes_from_the_git_remote(tmp_path, monkeypatch):
    import subprocess

    from awesomelint.links.github import own_repository

    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", "git@github.com:me/awesome-x.git"], check=True)
    (tmp_path / "README.md").write_text("# X\n")
    assert own_repository(str(tmp_path / "README.md")) == ("me", "awesome-x")
    subprocess.run(["git", "-C", str(tmp_path), "remote", "set-url", "origin", "https://gitlab.com/me/x"], check=True)
    assert own_repository(str(tmp_path / "README.md")) is None
