"""invalid-comment: unknown names in inline comments are findings on their line, not the end of the file's run."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from awesomelint.cli import main
from awesomelint.rules.invalid_comment import invalid_comment

from ..conftest import findings


def test_the_bad_example_is_found_and_the_good_one_is_not() -> None:
    assert findings("# T\n\n" + invalid_comment.bad + "\n", "invalid-comment")
    assert findings("# T\n\n" + invalid_comment.good + "\n", "invalid-comment") == []


def test_a_misspelt_name_is_reported_on_its_line_with_a_suggestion() -> None:
    text = "# T\n\n<!-- awesomelint-disable-next-line insecure-urls -->\n- [a](http://a.example/) - A.\n"
    (found,) = findings(text, "invalid-comment")
    assert found.message == "unknown rule 'insecure-urls' in awesomelint comment (did you mean 'insecure-url'?)"
    assert text[found.start : found.end].startswith("<!-- awesomelint-disable-next-line")


def test_names_separated_by_commas_are_read_and_the_right_ones_still_apply() -> None:
    text = "# T\n\n- [a](http://a.example/?utm_source=x) - A. <!-- awesomelint-disable-line insecure-url,tracking-param -->\n"
    assert findings(text, "invalid-comment", "insecure-url", "tracking-param") == []
    text = text.replace("tracking-param", "tracking-param, nosuchrule")
    assert [f.rule for f in findings(text, "invalid-comment", "insecure-url", "tracking-param")] == ["invalid-comment"]


def test_a_comment_naming_only_unknown_rules_disables_nothing() -> None:
    text = "# T\n\n<!-- awesomelint-disable nosuchrule -->\n\n- [a](https://paper.link) - A.\n"
    assert [f.rule for f in findings(text, "invalid-comment", "placeholder-url")] == [
        "invalid-comment",
        "placeholder-url",
    ]


def test_the_file_is_still_checked_exit_1_not_2(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text("# T\n\n<!-- awesomelint-disable-next-line nosuchrule -->\n- [a](https://paper.link) - a\n")
    result = runner.invoke(main, ["check", "--format", "concise", str(path)])
    assert result.exit_code == 1, result.output
    assert f"{path}:3:1: invalid-comment unknown rule 'nosuchrule' in awesomelint comment" in result.stdout
    assert f"{path}:4:3: placeholder-url" in result.stdout
    assert "Traceback" not in result.output
