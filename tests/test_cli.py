import json
import re
import shutil
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]  # the dev environment has no types-jsonschema stubs
import pytest
import yaml
from click.testing import CliRunner

from awesomelint.cli import main
from awesomelint.rules import RULES

from .conftest import seed

CLEAN = "# Awesome\n\n- [httpx](https://github.com/encode/httpx) - An HTTP client.\n- [rich](https://github.com/Textualize/rich) - Terminal output.\n"
BROKEN = "# Awesome\n\n- [x](https://paper.link](https://arxiv.org/abs/2401.00001)\n- [y](https://github.com/a/b)\n"


@pytest.fixture
def lists(tmp_path: Path) -> Path:
    (tmp_path / "clean.md").write_text(CLEAN)
    (tmp_path / "broken.md").write_text(BROKEN)
    return tmp_path


def test_exit_codes(runner: CliRunner, lists: Path) -> None:
    assert runner.invoke(main, ["check", str(lists / "clean.md")]).exit_code == 0
    result = runner.invoke(main, ["check", str(lists / "broken.md")])
    assert result.exit_code == 1 and "nested-link" in result.output
    missing = runner.invoke(main, ["check", str(lists / "nope.md")])
    assert missing.exit_code == 2 and "nope.md: no such file or directory" in missing.output


def test_not_utf8_is_one_line_exit_2_and_untouched(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "latin1.md"
    data = "# Caf\xe9\n\n- [a](https://a.org)\n".encode("latin-1")
    path.write_bytes(data)
    for command in (["check"], ["fix"], ["export"]):
        result = runner.invoke(main, [*command, str(path)])
        assert result.exit_code == 2
        assert result.output.strip().splitlines() == [f"{path}: not UTF-8 text (invalid byte 0xE9 at line 1, column 6)"]
        assert "Traceback" not in result.output
    assert path.read_bytes() == data


def test_directories_are_searched_for_markdown(runner: CliRunner, lists: Path) -> None:
    result = runner.invoke(main, ["check", "--format", "concise", str(lists)])
    assert result.exit_code == 1 and "broken.md" in result.output and "clean.md" not in result.output


def test_full_format_shows_source_and_caret(runner: CliRunner, lists: Path) -> None:
    output = runner.invoke(main, ["check", str(lists / "broken.md")]).output
    assert "broken.md:3:3: nested-link" in output
    assert "  | - [x](https://paper.link](https://arxiv.org/abs/2401.00001)" in output
    assert "  |   ^^^^" in output


def test_json_format_contract(runner: CliRunner, lists: Path) -> None:
    result = runner.invoke(main, ["check", "--format", "json", str(lists / "broken.md")])
    data = json.loads(result.stdout)
    nested = next(d for d in data if d["rule"] == "nested-link")
    assert set(nested) >= {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "rule",
        "severity",
        "message",
        "entry",
        "related",
        "fix",
    }
    assert nested["line"] == 3 and nested["column"] == 3 and nested["severity"] == "error"
    assert nested["fix"]["applicability"] == "safe"
    assert nested["fix"]["edits"][0]["content"] == "[x](https://arxiv.org/abs/2401.00001)"


def test_github_format_escapes_untrusted_text(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "evil, name.md"
    path.write_text("# T\n\n- [a%0A::error::pwned](https://github.com/org/repo)\n")
    output = runner.invoke(main, ["check", "--format", "github", "--select", "placeholder-url", str(path)]).stdout
    line = output.strip()
    assert line.startswith("::error file=") and "evil%2C name.md" in line
    assert len(output.splitlines()) == 1
    assert "%250A" in line  # the literal %0A in the list was escaped, not turned into a newline


SARIF_SUBSET = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name", "rules"],
                                "properties": {
                                    "rules": {
                                        "type": "array",
                                        "items": {"type": "object", "required": ["id", "shortDescription"]},
                                    }
                                },
                            }
                        },
                    },
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["ruleId", "message", "locations", "level"],
                            "properties": {
                                "level": {"enum": ["none", "note", "warning", "error"]},
                                "message": {"type": "object", "required": ["text"]},
                                "locations": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["physicalLocation"],
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "required": ["artifactLocation", "region"],
                                                "properties": {
                                                    "region": {
                                                        "type": "object",
                                                        "required": ["startLine", "startColumn"],
                                                        "properties": {
                                                            "startLine": {"type": "integer", "minimum": 1},
                                                            "startColumn": {"type": "integer", "minimum": 1},
                                                            "endLine": {"type": "integer", "minimum": 1},
                                                            "endColumn": {"type": "integer", "minimum": 1},
                                                        },
                                                    }
                                                },
                                            }
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


def test_sarif_validates(runner: CliRunner) -> None:
    output = runner.invoke(main, ["check", "--format", "sarif", str(seed("000")), str(seed("004"))]).stdout
    log = json.loads(output)
    jsonschema.validate(log, SARIF_SUBSET)
    ids = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == ids


def test_concise_format(runner: CliRunner, lists: Path) -> None:
    output = runner.invoke(main, ["check", "--format", "concise", str(lists / "broken.md")]).stdout
    assert output.splitlines()[0].startswith(f"{lists / 'broken.md'}:3:3: nested-link ")


def test_select_ignore_and_unknown_rule(runner: CliRunner, lists: Path) -> None:
    path = str(lists / "broken.md")
    assert runner.invoke(main, ["check", "--ignore", "nested-link,placeholder-url", path]).exit_code == 0
    assert runner.invoke(main, ["check", "--select", "whitespace", path]).exit_code == 0
    bad = runner.invoke(main, ["check", "--select", "no-such-rule", path])
    assert bad.exit_code == 2 and "unknown rule 'no-such-rule'" in bad.output


def test_config_file_found_upward_and_validated(runner: CliRunner, lists: Path) -> None:
    sub = lists / "docs"
    sub.mkdir()
    shutil.copy(lists / "broken.md", sub / "README.md")
    (lists / ".awesomelint.yaml").write_text("ignore: [nested-link, placeholder-url]\n")
    assert runner.invoke(main, ["check", str(sub / "README.md")]).exit_code == 0
    (lists / ".awesomelint.yaml").write_text("ignroe: [nested-link]\n")
    result = runner.invoke(main, ["check", str(sub / "README.md")])
    assert result.exit_code == 2 and "unknown key 'ignroe'" in result.output
    (lists / ".awesomelint.yaml").write_text("table-shape: {marker: '—', colour: red}\n")
    result = runner.invoke(main, ["check", str(sub / "README.md")])
    assert result.exit_code == 2 and "unknown option 'table-shape.colour'" in result.output
    (lists / ".awesomelint.yaml").write_text("off-topic: {allow: [mri, no]}\n")
    result = runner.invoke(main, ["check", str(sub / "README.md")])
    assert result.exit_code == 2 and "must be a list of strings" in result.output and "quote it" in result.output


def test_pyproject_config_and_per_file_ignores(runner: CliRunner, lists: Path) -> None:
    (lists / "pyproject.toml").write_text(
        '[tool.awesomelint]\nper-file-ignores = { "broken.md" = ["nested-link", "placeholder-url"] }\n'
    )
    assert runner.invoke(main, ["check", str(lists / "broken.md")]).exit_code == 0


@pytest.mark.parametrize(
    "comment, expected",
    [
        ("<!-- awesomelint-disable-next-line nested-link placeholder-url -->\n", 0),
        ("<!-- awesomelint-disable-file -->\n", 0),
        ("<!-- awesomelint-disable nested-link -->\n", 1),
        ("<!-- awesomelint-disable-next-line whitespace -->\n", 1),
    ],
)
def test_inline_comments(runner: CliRunner, tmp_path: Path, comment: str, expected: int) -> None:
    path = tmp_path / "x.md"
    path.write_text("# Awesome\n\n" + comment + "- [x](https://paper.link](https://arxiv.org/abs/2401.00001)\n")
    result = runner.invoke(main, ["check", "--format", "concise", "--select", "nested-link,placeholder-url", str(path)])
    assert result.exit_code == expected
    if comment.startswith("<!-- awesomelint-disable nested-link"):
        assert {line.split(" ")[1] for line in result.stdout.splitlines()} == {"placeholder-url"}


def test_disable_enable_range(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text(
        "# A\n\n<!-- awesomelint-disable insecure-url -->\n- [a](http://github.com/a/b)\n<!-- awesomelint-enable insecure-url -->\n- [b](http://github.com/c/d)\n"
    )
    output = runner.invoke(main, ["check", "--format", "concise", "--select", "insecure-url", str(path)]).stdout
    assert [line.split(":")[1] for line in output.splitlines()] == ["6"]


def test_export_formats(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(main, ["export", str(seed("003"))]).output)
    assert len(data) == 13
    first = data[0]
    assert first["kind"] == "list-item" and first["title"] == "GeneCompass"
    assert first["section"][-1].startswith("Single cell RNA")
    assert first["links"][0]["line"] == first["line"]
    csv_out = runner.invoke(main, ["export", "--format", "csv", str(seed("003"))]).output
    assert csv_out.count("\n") == 14
    yaml_out = runner.invoke(main, ["export", "--format", "yaml", str(seed("003"))]).output
    assert "title: GeneCompass" in yaml_out


def test_rules_and_rule_explanation(runner: CliRunner) -> None:
    listing = runner.invoke(main, ["rules"]).output
    assert "nested-link" in listing and "whitespace" in listing
    explained = runner.invoke(main, ["rule", "nested-link"])
    assert explained.exit_code == 0 and "Bad:" in explained.output and "Good:" in explained.output
    assert runner.invoke(main, ["rule", "nope"]).exit_code == 2


def test_the_readme_rule_table_is_the_registry(runner: CliRunner) -> None:
    """Every rule, in registry order, with its fix availability: what `rules --markdown` prints."""
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    printed = runner.invoke(main, ["rules", "--markdown"]).output
    assert printed.count("\n") == len(RULES) + 2
    assert printed in readme


def test_rules_are_listed_once_each_and_run_in_the_listed_order() -> None:
    from awesomelint.rules import BY_NAME, _by_name

    assert list(BY_NAME) == [r.name for r in RULES]
    with pytest.raises(ValueError, match="listed twice: whitespace"):
        _by_name((RULES[0], BY_NAME["whitespace"], BY_NAME["whitespace"]))


def test_rule_data_is_read_from_a_checkout_without_the_installed_package(tmp_path: Path) -> None:
    """PYTHONPATH=src runs the checkout's code, which finds no `awesomelint.ruledata`
    package there: the data is read from rules/ beside src/."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    listing = tmp_path / "README.md"
    listing.write_text("# L\n\n- [a](http://github.com/o/r) - x.\n")
    probe = "import awesomelint, awesomelint.data as d; print(awesomelint.__file__); print(d.folder())"
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    where = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert where.stdout.splitlines()[0].startswith(str(root / "src")), where.stderr
    result = subprocess.run(
        [sys.executable, "-m", "awesomelint", "check", "--format", "json", str(listing)],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert "insecure-url" in result.stdout, result.stderr  # https_hosts.yaml was read


def test_the_command_exits_with_its_code_and_all_its_output_after_a_hard_exit(tmp_path: Path) -> None:
    """`awesomelint` leaves with os._exit (no heap teardown): the exit code, every line of
    output and the summary must still come out, and a reader that stops early is no error."""
    import os
    import subprocess
    import sys

    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # output waits for a flush
    listing = tmp_path / "L.md"
    listing.write_text("# L\n\n" + "".join(f"- [T{i}](http://github.com/o/r{i}) - x.\n" for i in range(400)))
    done = subprocess.run(
        [sys.executable, "-m", "awesomelint", "check", "--format", "concise", str(listing)],
        capture_output=True,
        text=True,
        env=buffered,
    )
    assert done.returncode == 1
    assert done.stdout.count("insecure-url") == 400 and "400 findings" in done.stderr
    clean = tmp_path / "clean.md"
    clean.write_text("# L\n\n- [T](https://github.com/o/r) - x.\n")
    assert subprocess.run([sys.executable, "-m", "awesomelint", "check", str(clean)]).returncode == 0
    assert (
        subprocess.run(
            [sys.executable, "-m", "awesomelint", "check", str(tmp_path / "no.md")], capture_output=True
        ).returncode
        == 2
    )
    head = subprocess.run(
        f"'{sys.executable}' -m awesomelint check '{listing}' | head -1",
        shell=True,
        capture_output=True,
        text=True,
        env=buffered,
    )
    assert "Traceback" not in head.stderr and head.stdout.count("\n") == 1


def test_an_offline_check_does_not_import_the_link_checker_the_fix_engine_or_the_server(tmp_path: Path) -> None:
    """httpx and the checker cost a tenth of a second at start-up, the fix engine with its
    layout and the language server more: a pre-commit hook that checks offline must pay
    for none of them."""
    import subprocess
    import sys

    path = tmp_path / "README.md"
    path.write_text("# T\n\n- [a](https://a.example/) - A.\n")
    probe = (
        "import sys\nfrom awesomelint.cli import main\n"
        "try:\n    main(['check', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('httpx', 'awesomelint.links.run', 'awesomelint.links.checker',"
        " 'awesomelint.engine.fix', 'awesomelint.engine.layout', 'pygls', 'lsprotocol', 'awesomelint.server.wiring')"
        " if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_readmes_config_example_says_what_each_default_is() -> None:
    """A key whose comment in the README's config example says `default` is the default."""
    from awesomelint.engine.config import Config, parse_config

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    section = readme[readme.index("## Configuration\n") :]
    example = section[section.index("```yaml\n") + 8 : section.index("```\n", section.index("```yaml\n"))]
    for line in example.splitlines():
        if re.match(r"[\w-]+:.*#\s*default\b", line):
            parsed = parse_config(yaml.safe_load(line))
            assert parsed.enabled("README.md") == Config().enabled("README.md"), line
            assert parsed.options == Config().options, line
    assert "ALL" not in parse_config({"select": ["ALL"]}).enabled("README.md")  # ALL is a name, not a rule
    assert set(parse_config({"select": ["ALL"]}).enabled("README.md")) > set(Config().enabled("README.md"))
