"""entry-separator: separators are recognised whole, and a fix changes the separator only."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from awesomelint.engine.config import parse_config
from awesomelint.engine.fix import fix_document
from awesomelint.engine.linter import lint
from awesomelint.model.document import Document

from ..conftest import findings, messages
from ..conftest import fixed as fixed_twice

HABIT = "".join(f"- [Tool {n}](https://tool{n}.example/) - A tool.\n" for n in range(30))
ODD = "- [Odd](https://odd.example/)"


def fixed(text: str, unsafe: bool) -> str:
    config = parse_config({"select": ["entry-separator"]})
    return fix_document(Document.from_text(text, "README.md"), config, unsafe=unsafe, layout=False).text


def profiled(text: str, rule: str) -> list[str]:
    config = parse_config({"select": [rule], "profile": "awesome"})
    return [f.message for f in lint(Document.from_text(text, "README.md"), config).findings]


@pytest.mark.parametrize(
    "separator, unsafe",
    [
        (" -> ", True),
        (" --> ", True),
        (" => ", True),
        (" → ", True),
        (" -- ", True),
        (" --- ", True),
        (": ", True),
        (" – ", False),
        (" — ", False),
        ("\u00a0-\u00a0", False),
        (" -  ", False),
    ],
)
def test_a_mark_is_replaced_whole_and_only_dashes_are_exchanged_safely(separator: str, unsafe: bool) -> None:
    text = f"# X\n\n{HABIT}{ODD}{separator}A graph sampling library.\n"
    (finding,) = findings(text, "entry-separator")
    assert finding.fix is not None and (finding.fix.applicability.value == "unsafe") == unsafe
    assert fixed(text, unsafe=True).endswith(f"{ODD} - A graph sampling library.\n")
    if unsafe:
        assert fixed(text, unsafe=False) == text


def test_the_spacing_around_the_lists_own_arrow_is_a_safe_fix() -> None:
    arrows = HABIT.replace(") - ", ") -> ")
    text = f"# X\n\n{arrows}{ODD} ->  A graph sampling library.\n"
    (finding,) = findings(text, "entry-separator")
    assert finding.fix is not None
    assert finding.fix.applicability.value == "safe"
    assert fixed(text, unsafe=False).endswith(f"{ODD} -> A graph sampling library.\n")


@pytest.mark.parametrize("separator", [" - > ", " ----> ", " - - ", " -: ", " =>> "])
def test_a_shape_the_rule_does_not_know_is_left_alone(separator: str) -> None:
    text = f"# X\n\n{HABIT}{ODD}{separator}A graph sampling library.\n"
    assert findings(text, "entry-separator") == []
    assert fixed(text, unsafe=True) == text


GAPS = st.text(alphabet=" \u00a0", max_size=3)
MARKS = st.sampled_from(
    [
        "-",
        "–",
        "—",
        "−",
        ":",
        "->",
        "-->",
        "--->",
        "=>",
        "==>",
        "→",
        "⇒",
        "--",
        "---",
        "----",
        "- -",
        "- >",
        "-:",
        "–>",
        ">",
        "=",
        "~",
        "|",
        "",
    ]
)
# what a description may start with: words, numbers, code, emphasis, quotes, emoji, and (after a space) more marks
FIRST = st.sampled_from(["A", "a", "7", "`", "*", "_", '"', "“", "(", "[", "🚀", "-", ">", ":", "→", "=", "–"])
REST = st.text(alphabet="abc def-–>:.`*", max_size=12)


@given(GAPS, MARKS, GAPS, FIRST, REST)
def test_a_fix_changes_the_separator_and_nothing_else(lead: str, mark: str, trail: str, first: str, rest: str) -> None:
    """After the fix (unsafe ones too) the odd line is either as it was or the name link,
    ' - ' and exactly the description as written: never a part of a mark left behind."""
    # with no mark written, a description that starts with a mark's character starts with a
    # separator as far as anyone reading the line can tell ('[Odd](…)→ text'): not this shape
    assume(mark or first not in "->:→=–")
    if not trail and first in "->:→=–" and mark:
        trail = " "  # '-' then '>' with nothing between is the mark '->', not a description starting with '>'
    description = first + rest
    line = f"{ODD}{lead}{mark}{trail}{description}"
    text = f"# X\n\n{HABIT}{line}\n"
    after = fixed(text, unsafe=True)
    head, _, last = after.rstrip("\n").rpartition("\n")
    assert head + "\n" == f"# X\n\n{HABIT}"
    assert last in (line, f"{ODD} - {description}"), (line, last)


# against the list's own habit, and the profile's ' - ' ----------------------------

TEN = "".join(f"- [Tool {n}](https://tool{n}.example/) - A tool.\n" for n in range(10))


@pytest.mark.parametrize("separator", [" – ", " — ", "\u00a0-\u00a0", " -  ", "- "])
def test_a_separator_other_than_the_lists_own_is_fixed_to_it(separator: str) -> None:
    text = f"# X\n\n{TEN}- [Odd](https://odd.example/){separator}An odd one.\n"
    (finding,) = findings(text, "entry-separator")
    assert "this list uses ' - '" in finding.message
    assert fixed_twice(text, "entry-separator").endswith("- [Odd](https://odd.example/) - An odd one.\n")


def test_a_list_that_writes_colons_throughout_is_its_own_standard_but_not_the_profiles() -> None:
    text = "# X\n\n" + TEN.replace(") - ", "): ")
    assert messages(text, "entry-separator") == []
    assert len(profiled(text, "entry-separator")) == 10


def test_a_list_with_no_habit_is_not_judged_and_emoji_codes_are_not_separators() -> None:
    assert messages("- [A](https://a.example/) - A.\n- [B](https://b.example/) – B.\n", "entry-separator") == []
    text = "# X\n\n" + TEN + "- [Tux](https://tux.example/) :penguin: - Runs on Linux.\n"
    assert messages(text, "entry-separator") == []
