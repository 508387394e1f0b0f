"""toc-sync on small lists (an item missing, stale, renamed, out of order or twice; emoji
headings, omitted sections, sub-items, a ToC with no heading), each fix and its
idempotence; then on the ToC shapes real lists have: several lists (one per year or group
heading, or per label), nested, partial on purpose; anchors that slipped to a
neighbouring heading; rewrites refused where they would duplicate or swamp. Then a
property test over generated shapes with random damage."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from hypothesis import given
from hypothesis import strategies as st

from awesomelint.engine.config import parse_config
from awesomelint.engine.fix import fix_document
from awesomelint.model.document import Document
from awesomelint.model.headings import headings_of, slugify
from awesomelint.model.linkspans import in_page_fragment, parsed_links
from awesomelint.model.toc import resolve, table_of_contents

from ..conftest import findings


def fixed(text: str, rule: str = "toc-sync") -> str:
    """The text after `fix` with only toc-sync (no layout); a second run changes nothing."""
    config = parse_config({"select": [rule]})
    once = fix_document(Document.from_text(text, "README.md"), config, layout=False).text
    again = fix_document(Document.from_text(once, "README.md"), config, layout=False).text
    assert again == once, "fix is not idempotent"
    return once


def messages(text: str, rule: str = "toc-sync") -> list[str]:
    return [f.message for f in findings(text, rule)]


def line_of(text: str, line: str, nth: int = 0) -> int:
    """The 1-based number of the nth line (from 0) that is exactly ``line``."""
    return [n for n, written in enumerate(text.split("\n"), 1) if written == line][nth]


def fixes(text: str) -> list[bool]:
    return [f.fix is not None for f in findings(text, "toc-sync")]


# small lists: each drift, each fix -----------------------------------------------------------------

BODY = "\n## Tools\n\n- [Alpha](https://alpha.example/) - A.\n\n## Books\n\n- [Beta](https://beta.example/) - B.\n"


def test_a_toc_that_matches_its_headings_is_silent() -> None:
    text = "# Awesome X\n\n## Contents\n\n- [Tools](#tools)\n- [Books](#books)\n" + BODY
    assert messages(text, "toc-sync") == []


def test_a_missing_item_is_reported_and_added_in_place() -> None:
    text = "# Awesome X\n\n## Contents\n\n- [Tools](#tools)\n" + BODY
    assert messages(text, "toc-sync") == ["ToC has no item for 'Books' (line 11)"]
    assert "- [Tools](#tools)\n- [Books](#books)\n\n## Tools" in fixed(text, "toc-sync")


def test_a_stale_item_is_reported_and_removed() -> None:
    text = "# Awesome X\n\n## Contents\n\n- [Tools](#tools)\n- [Videos](#videos)\n- [Books](#books)\n" + BODY
    assert messages(text, "toc-sync") == ["ToC item 'Videos' points at '#videos', which no heading has"]
    assert "- [Tools](#tools)\n- [Books](#books)\n\n## Tools" in fixed(text, "toc-sync")


def test_a_renamed_heading_is_followed_by_text_and_anchor() -> None:
    text = "# Awesome X\n\n## Contents\n\n- [Tools](#tools)\n- [Book](#book)\n" + BODY
    assert messages(text, "toc-sync") == [
        "ToC has no item for 'Books' (line 12)",
        "ToC item 'Book' points at '#book', which no heading has",
    ]
    assert "- [Tools](#tools)\n- [Books](#books)\n" in fixed(text, "toc-sync")


def test_a_toc_item_names_its_heading_whatever_the_case_or_hyphens() -> None:
    text = (
        "# Awesome-Medical-Dataset\n\n## Table of Content\n\n- [Awesome Medical Dataset](#awesome-medical-dataset)\n"
        "  - [Public datasets](#public-datasets)\n\n## Public Datasets\n"
    )
    assert messages(text, "toc-sync") == []


def test_item_text_that_differs_from_its_heading() -> None:
    text = "# Awesome X\n\n## Contents\n\n- [Tools](#tools)\n- [Reading](#books)\n" + BODY
    assert messages(text, "toc-sync") == ["ToC item 'Reading' differs from its heading 'Books'"]
    assert "- [Books](#books)\n" in fixed(text, "toc-sync")


def test_wrong_order_and_a_duplicate() -> None:
    text = "# Awesome X\n\n## Contents\n\n- [Books](#books)\n- [Tools](#tools)\n- [Tools](#tools)\n" + BODY
    assert messages(text, "toc-sync") == [
        "ToC item 'Books' is out of order (the headings come in another order)",
        "ToC lists 'Tools' twice",
    ]
    assert "## Contents\n\n- [Tools](#tools)\n- [Books](#books)\n\n## Tools" in fixed(text, "toc-sync")


def test_a_case_only_anchor_and_emoji_headings_match() -> None:
    text = (
        "# Awesome X\n\n## 📖 Table of Contents\n\n- [Tools](#-tools)\n- [Books](#Books)\n\n## 🔧 Tools\n\n## Books\n"
    )
    assert messages(text, "toc-sync") == []
    # GitHub's anchor for '## 🔧 Tools' is '#-tools': '#tools' misses it
    assert messages(text.replace("#-tools", "#tools"), "toc-sync") == [
        "ToC item 'Tools' points at '#tools', which no heading has; the heading's anchor is '#-tools'"
    ]


def test_sections_a_toc_leaves_out_are_not_added_unless_it_lists_them() -> None:
    tail = "\n## Contributing\n\nPRs welcome.\n\n## License\n\nCC0\n"
    text = "# Awesome X\n\n## Contents\n\n- [Tools](#tools)\n- [Books](#books)\n" + BODY + tail
    assert messages(text, "toc-sync") == []
    listed = "# Awesome X\n\n## Contents\n\n- [Tools](#tools)\n- [Contributing](#contributing)\n" + BODY + tail
    assert messages(listed, "toc-sync") == ["ToC has no item for 'Books' (line 12)"]
    assert "- [Tools](#tools)\n- [Books](#books)\n- [Contributing](#contributing)\n" in fixed(listed, "toc-sync")


def test_omit_in_toc_headings_need_no_item() -> None:
    text = (
        "# Awesome X\n\n## Table of Contents <!-- omit in toc -->\n\n- [Tools](#tools)\n\n"
        "## Tools\n\n## Sponsors <!-- omit in toc -->\n"
    )
    assert messages(text, "toc-sync") == []


def test_sub_items_are_checked_only_where_the_toc_has_them_and_keep_its_style() -> None:
    text = (
        "# Awesome X\n\n## Contents\n\n* [Tools](#tools)\n    * [Editors](#editors)\n* [Books](#books)\n\n"
        "## Tools\n\n### Editors\n\n### Linters\n\n## Books\n\n### Novels\n"
    )
    assert messages(text, "toc-sync") == ["ToC has no item for 'Linters' (line 13)"]
    assert "* [Tools](#tools)\n    * [Editors](#editors)\n    * [Linters](#linters)\n* [Books](#books)\n\n" in fixed(
        text, "toc-sync"
    )


def test_new_items_follow_the_tocs_habit_of_writing_headings_without_emoji() -> None:
    text = (
        "# Awesome X\n\n## Contents\n\n- [Tools](#-tools)\n- [Books](#-books)\n\n"
        "## 🔧 Tools\n\n## 📚 Books\n\n## 🎬 Videos\n"
    )
    assert "- [Books](#-books)\n- [Videos](#-videos)\n" in fixed(text, "toc-sync")


def test_new_items_carry_the_headings_emoji_when_the_toc_does() -> None:
    text = (
        "# Awesome X\n\n## Contents\n\n- 🔧 [Tools](#-tools)\n- 📚 [Books](#-books)\n\n"
        "## 🔧 Tools\n\n## 📚 Books\n\n## 🎬 Videos\n"
    )
    assert "- 📚 [Books](#-books)\n- 🎬 [Videos](#-videos)\n" in fixed(text, "toc-sync")


def test_a_toc_with_no_heading_is_found_and_a_short_see_also_list_is_not() -> None:
    headless = (
        "# Awesome X\n\nIntro.\n\n- [Tools](#tools)\n- [Books](#books)\n- [Videos](#videos)\n"
        + BODY
        + "\n## Videos\n\n## Podcasts\n"
    )
    assert messages(headless, "toc-sync") == ["ToC has no item for 'Podcasts' (line 19)"]
    see_also = (
        "# Awesome X\n\nSee [Tools](#tools) too.\n\n- [Tools](#tools)\n- [Books](#books)\n" + BODY + "\n## Videos\n"
    )
    assert messages(see_also, "toc-sync") == []


def test_an_html_anchor_above_a_heading_stands_for_it() -> None:
    text = (
        '# Awesome X\n\n## Contents\n\n- [Papers](#head2)\n- [Code](#head3)\n\n<span id="head2"></span>\n\n'
        '## Papers\n\n<span id="head3"></span>\n## Code\n'
    )
    assert messages(text, "toc-sync") == []
    # a rewrite for another item keeps those working anchors
    assert "- [Papers](#head2)\n- [Code](#head3)\n- [Data](#data)\n" in fixed(text + "\n## Data\n", "toc-sync")


def test_a_toc_split_by_labels_is_reported_but_not_rewritten() -> None:
    text = (
        "# Awesome X\n\n**Make**\n\n- [Tools](#tools)\n- [Books](#books)\n\n**Watch**\n\n- [Videos](#videos)\n"
        + BODY
        + "\n## Videos\n\n## Podcasts\n"
    )
    (finding,) = findings(text, "toc-sync")
    assert finding.message == "ToC has no item for 'Podcasts' (line 22)" and finding.fix is None


def test_a_loose_toc_stays_loose() -> None:
    text = "# Awesome X\n\n## Contents\n\n- [Tools](#tools)\n\n- [Videos](#videos)\n" + BODY
    assert "## Contents\n\n- [Tools](#tools)\n\n- [Books](#books)\n\n## Tools" in fixed(text, "toc-sync")


# a weekly digest: one list of weeks per year heading, the weeks as headings further down ----------

MONTHS = ["December", "November", "October", "September"]


def week_names(count: int) -> list[str]:
    """'Top Papers of the Week (December 1 - December 7)', … newest first; every year repeats them."""
    return [
        f"Top Papers of the Week ({MONTHS[i // 4]} {1 + 7 * (i % 4)} - {MONTHS[i // 4]} {7 + 7 * (i % 4)})"
        for i in range(count)
    ]


def digest(
    years: tuple[int, ...] = (2025, 2024, 2023),
    weeks: int = 6,
    listed: tuple[int, ...] | None = None,
    label: Callable[[str, int], str] = lambda name, year: name,
    between: str = "",
) -> str:
    """Year headings over lists of week links, then every week as a '##' heading; repeated
    week names get GitHub's '-1', '-2' slugs. ``listed`` names the years that have a list."""
    seen: dict[str, int] = {}
    heads = []
    for year in years:
        for name in week_names(weeks):
            base = slugify(name)
            heads.append((year, name, base if base not in seen else f"{base}-{seen[base]}"))
            seen[base] = seen.get(base, 0) + 1
    out = ["# ML Papers of the Week", "", "Weekly picks.", ""]
    for year in listed or years:
        out += [f"## {year}", ""] + [f"- [{label(name, y)}](#{slug})" for y, name, slug in heads if y == year]
        out += ["", between] if between else [""]
    for year, name, _ in heads:
        out += [f"## {name}", "", f"- [Paper {year}](https://papers.example/{year}/{slugify(name)}) - A paper.", ""]
    return "\n".join(out)


def drop_line(text: str, line: str) -> str:
    assert line + "\n" in text
    return text.replace(line + "\n", "", 1)


def toc_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.startswith("- [Top Papers")]


def test_a_toc_of_one_list_per_year_is_one_toc_and_silent() -> None:
    text = digest()
    toc = table_of_contents(Document.from_text(text))
    assert toc is not None and [(t.group.text if t.group else None, len(t.items)) for t in toc.lists] == [
        ("2025", 6),
        ("2024", 6),
        ("2023", 6),
    ]
    assert messages(text) == []
    assert messages(text, "toc-position") == []  # the ToC starts at its first year heading


def test_year_labels_and_back_links_between_the_lists_are_the_maintainers_wording() -> None:
    assert messages(digest(label=lambda name, year: f"{name} {year}")) == []
    assert messages(digest(between="**[⬆ back to top](#ml-papers-of-the-week)**\n")) == []
    wrapped = digest().replace("## 2024\n\n", "## 2024\n\n<details>\n<summary>2024</summary>\n\n")
    assert messages(wrapped.replace("\n\n## 2023\n", "\n\n</details>\n\n## 2023\n")) == []


def test_a_week_missing_from_an_earlier_years_list_goes_back_into_that_list_only() -> None:
    text = digest()
    gone = toc_lines(text)[8]  # 2024's third week
    damaged = drop_line(text, gone)
    name = "Top Papers of the Week (December 15 - December 21)"
    assert messages(damaged) == [f"ToC has no item for '{name}' (line {line_of(damaged, '## ' + name, 1)})"]
    assert fixed(damaged) == text


def test_a_week_missing_between_two_years_lists_is_reported_without_a_guess() -> None:
    text = digest()
    damaged = drop_line(text, toc_lines(text)[6])  # 2024's first week: the end of 2025 or the start of 2024?
    name = "Top Papers of the Week (December 1 - December 7)"
    assert messages(damaged) == [f"ToC has no item for '{name}' (line {line_of(damaged, '## ' + name, 1)})"]
    assert fixes(damaged) == [False]


def test_only_this_years_weeks_listed_is_a_partial_toc_by_design() -> None:
    text = digest(listed=(2025,))
    assert messages(text) == []
    assert fixed(text) == text
    # a gap inside the list it keeps complete is still a miss
    longer = digest(listed=(2025,), weeks=12)
    damaged = drop_line(longer, toc_lines(longer)[5])
    name = "Top Papers of the Week (November 8 - November 14)"
    assert messages(damaged) == [f"ToC has no item for '{name}' (line {line_of(damaged, '## ' + name)})"]
    assert fixed(damaged) == longer


def test_the_years_lists_further_down_point_at_their_weeks_so_none_is_missing() -> None:
    # each year's list sits above that year's weeks: only the first is the ToC; the others navigate too
    out = ["# ML Papers of the Week", ""]
    for year in (2025, 2024, 2023):
        names = [f"{name} {year}" for name in week_names(5)]
        out += [f"## {year}", ""] + [f"- [{n}](#{slugify(n)})" for n in names] + [""]
        out += [line for n in names for line in (f"## {n}", "", f"- [P](https://p.example/{slugify(n)}) - P.", "")]
    assert messages("\n".join(out)) == []


def test_an_anchor_copied_from_the_week_before_is_pointed_at_the_week_its_label_names() -> None:
    text = digest()
    lines = toc_lines(text)
    before, slipped = lines[8], lines[9]  # 2024: December 15 - 21, then December 22 - 28
    damaged = text.replace(slipped, slipped[: slipped.index("](")] + before[before.index("](") :])
    label, anchored = (
        "Top Papers of the Week (December 22 - December 28)",
        "Top Papers of the Week (December 15 - December 21)",
    )
    assert messages(damaged) == [
        f"ToC item '{label}' points at '{anchored}' (line {line_of(text, '## ' + anchored, 1)}), not at the heading "
        f"its label names (line {line_of(text, '## ' + label, 1)}, '#top-papers-of-the-week-december-22---december-28-1')"
    ]
    assert fixed(damaged) == text


def test_an_anchor_slip_with_a_year_in_the_label_keeps_the_label() -> None:
    text = digest(label=lambda name, year: f"{name} {year}")
    lines = toc_lines(text)
    damaged = text.replace(lines[9], lines[9][: lines[9].index("](")] + lines[8][lines[8].index("](") :])
    assert len(messages(damaged)) == 1
    assert fixed(damaged) == text


def test_a_label_that_only_mentions_another_heading_does_not_move_the_anchor() -> None:
    # 'Machine Learning Tools' on '#deep-learning' drifted from its heading; it does not name '## Tools'
    text = (
        "# X\n\n## Contents\n\n- [Machine Learning Tools](#deep-learning)\n- [Books](#books)\n\n"
        "## Deep Learning\n\n## Tools\n\n## Books\n"
    )
    assert messages(text) == [
        "ToC item 'Machine Learning Tools' differs from its heading 'Deep Learning'",
        f"ToC has no item for 'Tools' (line {line_of(text, '## Tools')})",
    ]
    assert "- [Deep Learning](#deep-learning)\n- [Tools](#tools)\n- [Books](#books)\n" in fixed(text)


def test_two_swapped_anchors_are_both_repointed() -> None:
    text = "# X\n\n## Contents\n\n- [Tools](#books)\n- [Books](#tools)\n- [Videos](#videos)\n\n## Tools\n\n## Books\n\n## Videos\n"
    assert len(messages(text)) == 2
    assert "- [Tools](#tools)\n- [Books](#books)\n- [Videos](#videos)\n" in fixed(text)


def test_a_label_copied_onto_the_wrong_line_is_the_slip_when_its_heading_is_listed() -> None:
    # '[Tools](#books)' beside '[Tools](#tools)': the label, not the anchor, went wrong
    text = "# X\n\n## Contents\n\n- [Tools](#tools)\n- [Tools](#books)\n- [Videos](#videos)\n\n## Tools\n\n## Books\n\n## Videos\n"
    assert messages(text) == ["ToC item 'Tools' differs from its heading 'Books'"]
    assert "- [Tools](#tools)\n- [Books](#books)\n" in fixed(text)


def test_a_label_that_adds_a_translation_is_the_maintainers_wording() -> None:
    text = (
        "# X\n\n## 目录\n\n- [3D生成(3D Generation)](#3d生成)\n- [3D重建(3D Reconstruction)](#3d重建3d-reconstruction)\n"
        "- [Backbone](#backbone)\n\n## 3D生成\n\n## 3D重建(3D Reconstruction)\n\n## Backbone\n"
    )
    assert messages(text) == []
    assert messages(text.replace("[Backbone]", "[Necks]")) == ["ToC item 'Necks' differs from its heading 'Backbone'"]


def test_two_labels_naming_one_heading_are_labels_that_slipped() -> None:
    # both anchors work and both labels say 'Books': neither is taken for the Books item
    text = (
        "# X\n\n## Contents\n\n- [Books](#tools)\n- [Books](#videos)\n- [Talks](#talks)\n\n"
        "## Tools\n\n## Books\n\n## Videos\n\n## Talks\n"
    )
    assert messages(text) == [
        "ToC item 'Books' differs from its heading 'Tools'",
        f"ToC has no item for 'Books' (line {line_of(text, '## Books')})",
        "ToC item 'Books' differs from its heading 'Videos'",
    ]
    assert "- [Tools](#tools)\n- [Books](#books)\n- [Videos](#videos)\n- [Talks](#talks)\n" in fixed(text)


def test_a_label_shortened_or_lengthened_is_not_drift() -> None:
    text = (
        "# X\n\n## Contents\n\n- [Tools](#developer-tools)\n- [Books and more](#books)\n- [Talks](#talks)\n\n"
        "## Developer Tools\n\n## Books\n\n## Talks\n\n### Tools\n"
    )
    assert messages(text) == []


# groups, labels, nesting, partial ToCs --------------------------------------------

GROUPED = (
    "# Awesome Web\n\n## Contents\n\n### Frontend\n\n- [React](#react)\n- [Vue](#vue)\n- [Svelte](#svelte)\n\n"
    "### Backend\n\n- [Django](#django)\n- [Rails](#rails)\n\n## React\n\n## Vue\n\n## Angular\n\n## Svelte\n\n"
    "## Django\n\n## Flask\n\n## Rails\n\n## Contributing\n"
)


def test_group_headings_inside_contents_each_hold_a_list_and_get_their_own_items() -> None:
    assert messages(GROUPED) == [
        f"ToC has no item for 'Angular' (line {line_of(GROUPED, '## Angular')})",
        f"ToC has no item for 'Flask' (line {line_of(GROUPED, '## Flask')})",
    ]
    after = fixed(GROUPED)
    assert "### Frontend\n\n- [React](#react)\n- [Vue](#vue)\n- [Angular](#angular)\n- [Svelte](#svelte)\n\n" in after
    assert "### Backend\n\n- [Django](#django)\n- [Flask](#flask)\n- [Rails](#rails)\n\n## React" in after


def test_a_heading_listed_in_another_group_is_listed_once() -> None:
    text = GROUPED.replace("- [Rails](#rails)\n", "- [Rails](#rails)\n- [Vue](#vue)\n")
    assert "ToC lists 'Vue' twice" in messages(text)
    assert fixed(text).count("(#vue)") == 1


def test_the_first_of_two_items_for_one_heading_is_the_one_kept() -> None:
    text = "# X\n\n## Contents\n\n- [Tools](#tools) ⭐\n- [Books](#books)\n- [Tools](#tools)\n\n## Tools\n\n## Books\n"
    assert messages(text) == ["ToC lists 'Tools' twice"]
    assert "## Contents\n\n- [Tools](#tools) ⭐\n- [Books](#books)\n\n## Tools" in fixed(text)


def test_groups_whose_headings_interleave_are_reported_but_not_rewritten() -> None:
    # Frontend lists React and Svelte, Backend Vue and Django, but the page runs React, Vue, Svelte, Django
    text = (
        "# X\n\n## Contents\n\n### Frontend\n\n- [React](#react)\n- [Svelte](#svelte)\n\n### Backend\n\n"
        "- [Vue](#vue)\n- [Django](#django)\n- [Ember](#ember)\n\n## React\n\n## Vue\n\n## Svelte\n\n## Django\n"
    )
    assert messages(text) == ["ToC item 'Ember' points at '#ember', which no heading has"]
    assert fixes(text) == [False]
    assert fixes(
        text.replace("- [Svelte](#svelte)\n", "").replace("- [Vue](#vue)\n", "- [Vue](#vue)\n- [Svelte](#svelte)\n")
    ) == [True]


def test_a_sub_list_may_skip_a_level_and_sections_above_the_toc_are_not_its_business() -> None:
    # '# Awesome PHP' over '### Routers': '## Contributing' above the ToC is not a missing sub-item
    text = (
        "# Awesome PHP\n\nPHP things.\n\n## Contributing and Collaborating\nSee CONTRIBUTING.\n\n## Table of Contents\n"
        "- [Awesome PHP](#awesome-php)\n  - [Routers](#routers)\n  - [Templating](#templating)\n- [Resources](#resources)\n"
        "  - [PHP Books](#php-books)\n\n### Routers\n\n### Templating\n\n### Testing\n\n# Resources\n\n### PHP Books\n"
    )
    assert messages(text) == [f"ToC has no item for 'Testing' (line {line_of(text, '### Testing')})"]
    assert "  - [Templating](#templating)\n  - [Testing](#testing)\n- [Resources](#resources)\n" in fixed(text)


def test_a_section_above_the_toc_is_not_a_missing_sub_item() -> None:
    text = (
        "# Awesome X\n\n## Intro\n\nWhy.\n\n## Contents\n\n- [Awesome X](#awesome-x)\n  - [Tools](#tools)\n"
        "  - [Books](#books)\n\n## Tools\n\n## Books\n"
    )
    assert messages(text) == []
    listed = text.replace("  - [Tools](#tools)\n", "  - [Intro](#intro)\n  - [Tools](#tools)\n")
    assert messages(listed) == []  # ... and may be listed


def test_a_sub_items_anchor_into_another_sections_subsection_is_pointed_home() -> None:
    # two sections each with a 'Libraries' subsection ('#libraries', '#libraries-1'); Go's item points into Python
    text = (
        "# X\n\n## Contents\n\n- [Python](#python)\n  - [Libraries](#libraries)\n  - [Datasets](#datasets)\n"
        "- [Go](#go)\n  - [Libraries](#datasets)\n  - [Datasets](#datasets-1)\n\n"
        "## Python\n\n### Libraries\n\n### Datasets\n\n## Go\n\n### Libraries\n\n### Datasets\n"
    )
    (message,) = messages(text)
    assert message.startswith("ToC item 'Libraries' points at 'Datasets' (line 16), not at the heading its label names")
    assert "- [Go](#go)\n  - [Libraries](#libraries-1)\n  - [Datasets](#datasets-1)\n" in fixed(text)


def test_a_list_that_lists_only_the_top_sections_is_silent_about_their_subsections() -> None:
    text = (
        "# X\n\n## Contents\n\n- [Tools](#tools)\n- [Books](#books)\n\n## Tools\n\n### Editors\n\n### Linters\n\n"
        "## Books\n\n### Novels\n"
    )
    assert messages(text) == []


def test_a_sub_list_that_lists_a_few_chosen_subsections_is_partial() -> None:
    subs = "".join(f"### Lang {n}\n\n### Libraries\n\n### Datasets\n\n" for n in "ABCDEF")
    text = (
        "# X\n\n## Contents\n\n- [Tools](#tools)\n- [Languages](#languages)\n"
        + "".join(f"  - [Lang {n}](#lang-{n.lower()})\n" for n in "ABCDEF")
        + "\n## Tools\n\n## Languages\n\n"
        + subs
    )
    assert messages(text) == []


def test_a_toc_of_a_few_chosen_sections_is_partial() -> None:
    text = "# X\n\n## Contents\n\n- [Tools](#tools)\n- [Books](#books)\n\n" + "".join(
        f"## {name}\n\n" for name in ("Tools", "Books", "Videos", "Talks", "Games", "Blogs", "Papers")
    )
    assert messages(text) == []


def test_a_stub_toc_missing_a_few_sections_is_stale_not_partial() -> None:
    text = "# X\n\n## Contents\n\n- [Tools](#tools)\n\n## Tools\n\n## Books\n\n## Videos\n\n## Talks\n"
    assert len(messages(text)) == 3
    assert "- [Tools](#tools)\n- [Books](#books)\n- [Videos](#videos)\n- [Talks](#talks)\n" in fixed(text)


def test_a_heading_listed_at_another_level_is_not_missing() -> None:
    text = (
        "# X\n\n## Contents\n\n- [Libraries](#libraries)\n  - [Python](#python)\n  - [Go](#go)\n"
        "- [Services](#services)\n\n## Libraries\n\n### Python\n\n### Go\n\n### Services\n"
    )
    assert messages(text) == []


def test_a_heading_another_navigation_list_points_at_is_not_missing() -> None:
    text = (
        "# X\n\n## Contents\n\n- [Tools](#tools)\n- [Books](#books)\n\n## Tools\n\n- [Videos](#videos)\n"
        "- [Talks](#talks)\n\n## Books\n\n## Videos\n\n## Talks\n\n## Games\n"
    )
    assert messages(text) == [f"ToC has no item for 'Games' (line {line_of(text, '## Games')})"]


# rewrites refused -------------------------------------------------------------------


def test_no_item_is_added_for_a_heading_other_navigation_links() -> None:
    text = (
        "# X\n\n[📚 Books](#books) · [🎬 Videos](#videos)\n\n## Contents\n\n- [Tools](#tools)\n- [Videos](#videos)\n\n"
        "## Tools\n\n## Books\n\n## Videos\n"
    )
    assert messages(text) == [f"ToC has no item for 'Books' (line {line_of(text, '## Books')})"]
    assert fixes(text) == [False]


def test_no_rewrite_that_more_than_doubles_the_toc() -> None:
    # the ToC lists its sections' subsections, so a new item brings its six along: 4 items would become 11
    text = (
        "# X\n\n## Contents\n\n- [Tools](#tools)\n  - [Editors](#editors)\n- [Books](#books)\n  - [Novels](#novels)\n\n"
        "## Tools\n\n### Editors\n\n## Books\n\n### Novels\n\n## Videos\n\n"
        + "".join(f"### Part {n}\n\n" for n in range(1, 7))
    )
    assert messages(text) == [f"ToC has no item for 'Videos' (line {line_of(text, '## Videos')})"]
    assert fixes(text) == [False]
    shorter = text.replace("### Part 3\n\n### Part 4\n\n### Part 5\n\n### Part 6\n\n", "")  # 4 would become 7
    assert "- [Videos](#videos)\n  - [Part 1](#part-1)\n  - [Part 2](#part-2)\n" in fixed(shorter)


def test_the_first_years_list_is_never_swamped_with_the_other_years_weeks() -> None:
    # the old model read the 2025 list as the whole ToC and copied every other year into it
    text = digest(weeks=8).replace("\n## 2024\n", "\nThe weeks of 2024, picked by the editors:\n\n## 2024\n")
    assert fixed(text) == text


# the property: generated ToCs, random damage ----------------------------------------

SECTIONS = ["Tools", "Books", "Videos", "Podcasts", "Datasets", "Courses", "Blogs", "Papers", "Talks", "Games"]
SUBSECTIONS = ["Libraries", "Articles", "Tutorials", "Examples"]
EMOJI = ["🔧", "📚", "🎬", "🎙️", "💾", "🎓", "📝", "📄", "🗣️", "🎮"]


@dataclass
class Item:
    heading: str  # the heading's text as written
    slug: str
    children: list[Item] = field(default_factory=list)
    label: str | None = None  # None: the heading's name
    prefix: str = ""  # '🔧 ' before the link


def slugs_for(names: list[str], seen: dict[str, int]) -> list[str]:
    found = []
    for name in names:
        base = slugify(name)
        found.append(base if base not in seen else f"{base}-{seen[base]}")
        seen[base] = seen.get(base, 0) + 1
    return found


@st.composite
def documents(draw: st.DrawFn) -> tuple[list[str], list[list[Item]], dict[str, Any]]:
    """(segments outside the ToC's lists, the ToC's lists as items, shape) for a list
    with headings and a ToC of one shape: one list, grouped under '###' headings inside
    Contents, one list per '##' year heading, split by labels, nested, or partial."""
    shape = draw(st.sampled_from(["one", "grouped", "years", "labels", "nested", "partial"]))
    count = draw(st.integers(9 if shape == "partial" else 3, 10))
    names = draw(st.permutations(SECTIONS))[:count]
    emoji = draw(st.booleans())
    prefixed = emoji and draw(st.booleans())
    marker = draw(st.sampled_from(["-", "*"]))
    loose = shape in ("one", "nested", "partial") and draw(st.booleans())
    shown = [f"{EMOJI[SECTIONS.index(n)]} {n}" if emoji else n for n in names]
    seen: dict[str, int] = {"contents": 1}
    slugs = slugs_for(shown, seen)
    subs = [
        draw(st.lists(st.sampled_from(SUBSECTIONS), unique=True, max_size=3)) if shape == "nested" else []
        for _ in names
    ]
    items = []
    for name, heading, slug, children in zip(names, shown, slugs, subs):
        kids = [Item(c, s) for c, s in zip(children, slugs_for(children, seen))]
        items.append(
            Item(heading, slug, kids, name if emoji else None, heading.split(" ")[0] + " " if prefixed else "")
        )
    body = "".join(
        f"## {heading}\n\n- [{n}](https://{slugify(n)}.example/) - About {n}.\n\n"
        + "".join(
            f"### {c.heading}\n\n- [{c.heading} of {n}](https://{slugify(n)}.example/{c.slug}) - Z.\n\n"
            for c in item.children
        )
        for n, heading, item in zip(names, shown, items)
    )
    body += "## Contributing\n\nPRs welcome.\n"
    if shape == "partial":
        listed = draw(st.integers(3, count // 2 - 1))
        items = items[:listed]
    if shape in ("grouped", "years", "labels"):
        cut = draw(st.integers(2, len(items) - 2)) if len(items) >= 4 else None
        groups = [items[:cut], items[cut:]] if cut else [items]
    else:
        groups = [items]
    title = "# Awesome Things\n\nThings worth a look.\n\n"
    if shape == "years":
        segments = [title + "## 2025\n\n"] + (["\n\n## 2024\n\n"] if len(groups) > 1 else []) + ["\n\n" + body]
    elif shape == "grouped":
        segments = [title + "## Contents\n\n### Online\n\n"] + (["\n\n### Offline\n\n"] if len(groups) > 1 else [])
        segments.append("\n\n" + body)
    elif shape == "labels":
        segments = [title + "## Contents\n\n**Watch**\n\n"] + (["\n\n**Read**\n\n"] if len(groups) > 1 else [])
        segments.append("\n\n" + body)
    else:
        segments = [title + "## Contents\n\n", "\n\n" + body]
    return segments, groups, dict(shape=shape, marker=marker, loose=loose, emoji=emoji)


def render(groups: list[list[Item]], style: dict) -> list[str]:
    rendered = []
    for group in groups:
        lines = []
        for item in group:
            lines.append(f"{style['marker']} {item.prefix}[{item.label or item.heading}](#{item.slug})")
            lines += [f"  {style['marker']} [{c.label or c.heading}](#{c.slug})" for c in item.children]
        rendered.append(
            ("\n\n" if style["loose"] else "\n").join(lines) if not any(i.children for i in group) else "\n".join(lines)
        )
    return rendered


T = TypeVar("T")


class Draw(Protocol):
    """`draw` of a composite strategy, or `data.draw` in a test."""

    def __call__(self, strategy: st.SearchStrategy[T], label: Any = ...) -> T: ...


def damage(draw: Draw, groups: list[list[Item]], shape: str) -> str | None:
    """Damage one item at random; the name of a heading whose item was removed at the edge
    of a group of a ToC of several lists (which list it belongs in is then anyone's
    guess), else None."""
    kind = draw(st.sampled_from(["none", "remove", "rename", "reorder", "repoint", "duplicate"]))
    number = draw(st.integers(0, len(groups) - 1))
    group = groups[number]
    at = draw(st.integers(0, len(group) - 1))
    if kind == "remove" and len(group) > 2:
        item = group.pop(at)
        edge = len(groups) > 1 and at in (0, len(group))
        return item.heading if edge else None
    if kind == "rename":
        group[at].label = "Misc Stuff"
    elif kind == "reorder" and at + 1 < len(group):
        group[at], group[at + 1] = group[at + 1], group[at]
    elif kind == "repoint":
        others = [i for g in groups for i in g if i is not group[at]]
        other = draw(st.sampled_from(others))
        group[at] = Item(
            group[at].heading, other.slug, group[at].children, group[at].label or group[at].heading, group[at].prefix
        )
    elif kind == "duplicate":
        group.insert(at, group[at])
    return None


def outside_pattern(segments: list[str]) -> re.Pattern:
    return re.compile(
        "".join(re.escape(s) + ("(.*?)" if i < len(segments) - 1 else "") for i, s in enumerate(segments)), re.S
    )


def item_count(groups: list[list[Item]]) -> int:
    return sum(1 + len(item.children) for group in groups for item in group)


@given(st.data())
def test_fix_rewrites_only_the_toc_lists_and_leaves_them_in_sync(data: st.DataObject) -> None:
    segments, groups, style = data.draw(documents())
    original = "".join(
        s + (r if i < len(groups) else "") for i, (s, r) in enumerate(zip(segments, render(groups, style) + [""]))
    )
    assert messages(original) == [], original
    ideal = item_count(groups)
    removed_at_edge = damage(data.draw, groups, style["shape"])
    text = "".join(
        s + (r if i < len(groups) else "") for i, (s, r) in enumerate(zip(segments, render(groups, style) + [""]))
    )
    after = fixed(text)
    # every line outside the ToC's lists is byte-identical, and the lists hold only items
    match = outside_pattern(segments).fullmatch(after)
    assert match is not None, after
    for region in match.groups():
        assert all(re.match(r"^ *[-*] ", line) for line in region.split("\n") if line.strip()), region
    # no heading is listed twice
    doc = Document.from_text(after)
    listed = [
        resolve(doc, fragment).heading
        for link in parsed_links(doc)
        if (fragment := in_page_fragment(link.url)) is not None
    ]
    indices = [h.token_index for h in listed if h is not None]
    assert len(indices) == len(set(indices)), after
    # toc-sync has nothing left to say, but where a removed item's list is a guess, or where
    # putting the ToC right would more than double it (then the fix changes nothing)
    left = messages(after)
    had = item_count(groups)
    if ideal > 2 * had and ideal - had > 3:
        assert after == text and left and not any(fixes(text))
    elif removed_at_edge is not None:
        assert left == [
            f"ToC has no item for '{removed_at_edge}' (line {h.line})"
            for h in headings_of(doc)
            if h.text == removed_at_edge
        ], (text, after)
    else:
        assert left == [], (text, after)


def test_a_sentence_pointing_at_a_section_does_not_stop_the_rewrite() -> None:
    # 'Also see [Web APIs](#web-apis)' is prose, not navigation: the ToC may still list Web APIs
    text = (
        "# Awesome\n\n## Contents\n\n- [Tools](#tools)\n\n## Tools\n\n- [A](https://a.example/) - A. "
        "Also see [Web APIs](#web-apis).\n\n## Web APIs\n\n- [B](https://b.example/) - B.\n"
    )
    assert "- [Web APIs](#web-apis)" in fixed(text)


def test_children_that_still_resolve_are_never_dropped_with_a_stale_parent() -> None:
    # the title's anchor changed (a badge edited away): the parent item misses, its children do not
    text = (
        "# Awesome Things [![B](https://x.example/b.svg)](https://x.example)\n\nIntro.\n\n"
        "- [Awesome Things  ](#awesome-things--)\n  - [Tools](#tools)\n  - [Books](#books)\n"
        "- [Resources](#resources)\n  - [Sites](#sites)\n\n## Tools\n\n- [Alpha](https://alpha.example/) - A.\n\n"
        "## Books\n\n- [Beta](https://beta.example/) - B.\n\n# Resources\n\n## Sites\n\n- [Gamma](https://gamma.example/) - G.\n"
    )
    assert "ToC item 'Awesome Things  ' points at '#awesome-things--'" in messages(text)[0]
    assert fixed(text) == text
