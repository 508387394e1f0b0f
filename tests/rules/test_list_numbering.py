"""list-numbering: small renumberings are safe; large ones are one note with an unsafe fix;
restarts, a digit gained, and lazy numbering that passes."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from awesomelint.engine.config import parse_config
from awesomelint.engine.fix import fix_document
from awesomelint.model.document import Document

from ..conftest import findings


def fixed(text: str, unsafe: bool = False) -> str:
    config = parse_config({"select": ["list-numbering"]})
    return fix_document(Document.from_text(text, "README.md"), config, unsafe=unsafe, layout=False).text


def numbered(numbers: list[int]) -> str:
    return "# X\n\n" + "".join(f"{n}. [Paper {i}](https://p{i}.example/) - About.\n" for i, n in enumerate(numbers))


def test_a_restart_near_the_end_is_a_safe_renumbering() -> None:
    text = numbered(list(range(1, 31)) + [1, 2, 3])
    (finding,) = findings(text, "list-numbering")
    assert finding.fix is not None
    assert finding.severity.value == "warning" and finding.fix.applicability.value == "safe"
    assert "31. [Paper 30]" in fixed(text)


def test_a_restart_near_the_top_of_a_long_list_is_one_note_left_to_unsafe_fixes() -> None:
    text = numbered([1, 2] + list(range(1, 40)))
    (finding,) = findings(text, "list-numbering")
    assert finding.fix is not None
    assert finding.severity.value == "info" and finding.fix.applicability.value == "unsafe"
    assert "would change 39 lines" in finding.message
    assert fixed(text) == text
    assert "41. [Paper 40]" in fixed(text, unsafe=True)


def test_the_bar_is_an_option() -> None:
    text = numbered([1, 2] + list(range(1, 40)))
    doc = Document.from_text(text, "README.md")
    config = parse_config({"select": ["list-numbering"], "list-numbering": {"max-safe-lines": 100}})
    assert "41. [Paper 40]" in fix_document(doc, config, layout=False).text


_ITEM = re.compile(r"^(\s*)(\d+)([.)])")


@given(st.lists(st.integers(1, 120), min_size=2, max_size=14), st.lists(st.booleans(), min_size=14, max_size=14))
def test_a_renumbering_changes_the_numbers_and_the_indentation_they_carry_only(
    numbers: list[int], subs: list[bool]
) -> None:
    lines = ["# X", ""]
    for index, number in enumerate(numbers):
        lines.append(f"{number}. [Paper {index}](https://p{index}.example/) - About.")
        if subs[index]:
            lines.append(" " * (len(str(number)) + 2) + "- [Code](https://c.example/)")
    text = "\n".join(lines) + "\n"
    after = fixed(text, unsafe=True).split("\n")
    before = text.split("\n")
    assert len(after) == len(before)
    count = None
    for old, new in zip(before, after):
        old_item = _ITEM.match(old)
        if old_item:
            assert _ITEM.sub("", old) == _ITEM.sub("", new)  # the item's text is untouched
            new_item = _ITEM.match(new)
            assert new_item is not None
            number = int(new_item.group(2))
            count = number if count is None else count + 1
            assert number == count or len(set(numbers)) < len(numbers) * 3 // 4 or number == int(old_item.group(2))
        else:
            assert old.strip() == new.strip()  # a sub-bullet moves with its number, its text unchanged


def test_a_list_whose_numbering_the_next_list_goes_on_with_is_not_renumbered_safely() -> None:
    # 17..20 then 17..22 (a paste), and the next section goes on at 23: renumbering the first
    # list alone to 17..26 would make 23..26 appear twice
    text = "# X\n\n## A\n\n" + "".join(
        f"{n}. [P{n}](https://p.example/{n}) - x\n" for n in [*range(17, 21), *range(17, 23)]
    )
    text += "\n## B\n\n" + "".join(f"{n}. [Q{n}](https://q.example/{n}) - x\n" for n in range(23, 26))
    (finding,) = findings(text, "list-numbering")
    assert finding.fix is not None
    assert finding.fix.applicability.value == "unsafe" and "goes on from 22 at 23" in finding.message
    assert fixed(text) == text


# restarts, a digit gained, lazy numbering -----------------------------------------------


def test_restarted_numbering_is_renumbered() -> None:
    text = "17. a\n18. b\n17. c\n    - sub\n"
    (finding,) = findings(text, "list-numbering")
    assert finding.fix is not None
    assert [e.content for e in finding.fix.edits] == ["19"]


def test_renumbering_reindents_sub_bullets_when_a_digit_is_gained() -> None:
    text = "".join(f"{n}. item\n" for n in [1, 2, 3, 4, 5, 6, 7, 8, 9, 9]) + "   - sub\n"
    (finding,) = findings(text, "list-numbering")
    assert finding.fix is not None
    assert [e.content for e in finding.fix.edits] == ["10", " "]


def test_lazy_one_numbering_and_good_lists_pass() -> None:
    assert findings("1. a\n1. b\n1. c\n", "list-numbering") == []
    assert findings("46. a\n47. b\n", "list-numbering") == []


def test_lazy_numbering_that_continues_a_count_passes() -> None:
    text = "21. [a](https://a.example/)\n22. [b](https://b.example/)\n" + "1. [c](https://c.example/)\n" * 8
    assert findings(text, "list-numbering") == []
    assert findings("17. a\n18. b\n17. c\n", "list-numbering")
