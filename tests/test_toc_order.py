"""toc-sync and entry-order: small lists of the shapes real lists have, each fix and its idempotence."""

import pytest

from awesomelint.config import Config, parse_config
from awesomelint.document import Document
from awesomelint.entries import entries_of
from awesomelint.fix import fix_document
from awesomelint.linter import lint

from .conftest import findings


def fixed(text: str, *rules: str, options: dict | None = None) -> str:
    """The text after `fix` with only these rules (no layout); asserts a second run changes nothing."""
    config = parse_config({"select": list(rules), **(options or {})})
    once = fix_document(Document.from_text(text, "README.md"), config, layout=False).text
    again = fix_document(Document.from_text(once, "README.md"), config, layout=False).text
    assert again == once, "fix is not idempotent"
    return once


def messages(text: str, rule: str) -> list[str]:
    return [f.message for f in findings(text, rule)]


BODY = "\n## Tools\n\n- [Alpha](https://alpha.example/) - A.\n\n## Books\n\n- [Beta](https://beta.example/) - B.\n"


# toc-sync ---------------------------------------------------------------------

def test_a_toc_that_matches_its_headings_is_silent():
    text = "# Awesome X\n\n## Contents\n\n- [Tools](#tools)\n- [Books](#books)\n" + BODY
    assert messages(text, "toc-sync") == []


def test_a_missing_item_is_reported_and_added_in_place():
    text = "# Awesome X\n\n## Contents\n\n- [Tools](#tools)\n" + BODY
    assert messages(text, "toc-sync") == ["ToC has no item for 'Books' (line 11)"]
    assert "- [Tools](#tools)\n- [Books](#books)\n\n## Tools" in fixed(text, "toc-sync")


def test_a_stale_item_is_reported_and_removed():
    text = "# Awesome X\n\n## Contents\n\n- [Tools](#tools)\n- [Videos](#videos)\n- [Books](#books)\n" + BODY
    assert messages(text, "toc-sync") == ["ToC item 'Videos' points at '#videos', which no heading has"]
    assert "- [Tools](#tools)\n- [Books](#books)\n\n## Tools" in fixed(text, "toc-sync")


def test_a_renamed_heading_is_followed_by_text_and_anchor():
    text = "# Awesome X\n\n## Contents\n\n- [Tools](#tools)\n- [Book](#book)\n" + BODY
    assert messages(text, "toc-sync") == ["ToC has no item for 'Books' (line 12)",
                                          "ToC item 'Book' points at '#book', which no heading has"]
    assert "- [Tools](#tools)\n- [Books](#books)\n" in fixed(text, "toc-sync")


def test_a_toc_item_names_its_heading_whatever_the_case_or_hyphens():
    text = ("# Awesome-Medical-Dataset\n\n## Table of Content\n\n- [Awesome Medical Dataset](#awesome-medical-dataset)\n"
            "  - [Public datasets](#public-datasets)\n\n## Public Datasets\n")
    assert messages(text, "toc-sync") == []


def test_item_text_that_differs_from_its_heading():
    text = "# Awesome X\n\n## Contents\n\n- [Tools](#tools)\n- [Reading](#books)\n" + BODY
    assert messages(text, "toc-sync") == ["ToC item 'Reading' differs from its heading 'Books'"]
    assert "- [Books](#books)\n" in fixed(text, "toc-sync")


def test_wrong_order_and_a_duplicate():
    text = "# Awesome X\n\n## Contents\n\n- [Books](#books)\n- [Tools](#tools)\n- [Tools](#tools)\n" + BODY
    assert messages(text, "toc-sync") == ["ToC item 'Books' is out of order (the headings come in another order)",
                                          "ToC lists 'Tools' twice"]
    assert "## Contents\n\n- [Tools](#tools)\n- [Books](#books)\n\n## Tools" in fixed(text, "toc-sync")


def test_a_case_only_anchor_and_emoji_headings_match():
    text = ("# Awesome X\n\n## 📖 Table of Contents\n\n- [Tools](#-tools)\n- [Books](#Books)\n\n"
            "## 🔧 Tools\n\n## Books\n")
    assert messages(text, "toc-sync") == []
    # GitHub's anchor for '## 🔧 Tools' is '#-tools': '#tools' misses it
    assert messages(text.replace("#-tools", "#tools"), "toc-sync") == [
        "ToC item 'Tools' points at '#tools', which no heading has; the heading's anchor is '#-tools'"]


def test_sections_a_toc_leaves_out_are_not_added_unless_it_lists_them():
    tail = "\n## Contributing\n\nPRs welcome.\n\n## License\n\nCC0\n"
    text = "# Awesome X\n\n## Contents\n\n- [Tools](#tools)\n- [Books](#books)\n" + BODY + tail
    assert messages(text, "toc-sync") == []
    listed = "# Awesome X\n\n## Contents\n\n- [Tools](#tools)\n- [Contributing](#contributing)\n" + BODY + tail
    assert messages(listed, "toc-sync") == ["ToC has no item for 'Books' (line 12)"]
    assert "- [Tools](#tools)\n- [Books](#books)\n- [Contributing](#contributing)\n" in fixed(listed, "toc-sync")


def test_omit_in_toc_headings_need_no_item():
    text = ("# Awesome X\n\n## Table of Contents <!-- omit in toc -->\n\n- [Tools](#tools)\n\n"
            "## Tools\n\n## Sponsors <!-- omit in toc -->\n")
    assert messages(text, "toc-sync") == []


def test_sub_items_are_checked_only_where_the_toc_has_them_and_keep_its_style():
    text = ("# Awesome X\n\n## Contents\n\n* [Tools](#tools)\n    * [Editors](#editors)\n* [Books](#books)\n\n"
            "## Tools\n\n### Editors\n\n### Linters\n\n## Books\n\n### Novels\n")
    assert messages(text, "toc-sync") == ["ToC has no item for 'Linters' (line 13)"]
    assert ("* [Tools](#tools)\n    * [Editors](#editors)\n    * [Linters](#linters)\n* [Books](#books)\n\n"
            in fixed(text, "toc-sync"))


def test_new_items_follow_the_tocs_habit_of_writing_headings_without_emoji():
    text = ("# Awesome X\n\n## Contents\n\n- [Tools](#-tools)\n- [Books](#-books)\n\n"
            "## 🔧 Tools\n\n## 📚 Books\n\n## 🎬 Videos\n")
    assert "- [Books](#-books)\n- [Videos](#-videos)\n" in fixed(text, "toc-sync")


def test_new_items_carry_the_headings_emoji_when_the_toc_does():
    text = ("# Awesome X\n\n## Contents\n\n- 🔧 [Tools](#-tools)\n- 📚 [Books](#-books)\n\n"
            "## 🔧 Tools\n\n## 📚 Books\n\n## 🎬 Videos\n")
    assert "- 📚 [Books](#-books)\n- 🎬 [Videos](#-videos)\n" in fixed(text, "toc-sync")


def test_a_toc_with_no_heading_is_found_and_a_short_see_also_list_is_not():
    headless = ("# Awesome X\n\nIntro.\n\n- [Tools](#tools)\n- [Books](#books)\n- [Videos](#videos)\n" + BODY
                + "\n## Videos\n\n## Podcasts\n")
    assert messages(headless, "toc-sync") == ["ToC has no item for 'Podcasts' (line 19)"]
    see_also = "# Awesome X\n\nSee [Tools](#tools) too.\n\n- [Tools](#tools)\n- [Books](#books)\n" + BODY + "\n## Videos\n"
    assert messages(see_also, "toc-sync") == []


def test_an_html_anchor_above_a_heading_stands_for_it():
    text = ('# Awesome X\n\n## Contents\n\n- [Papers](#head2)\n- [Code](#head3)\n\n<span id="head2"></span>\n\n'
            '## Papers\n\n<span id="head3"></span>\n## Code\n')
    assert messages(text, "toc-sync") == []
    # a rewrite for another item keeps those working anchors
    assert "- [Papers](#head2)\n- [Code](#head3)\n- [Data](#data)\n" in fixed(text + "\n## Data\n", "toc-sync")


def test_a_toc_split_by_labels_is_reported_but_not_rewritten():
    text = ("# Awesome X\n\n**Make**\n\n- [Tools](#tools)\n- [Books](#books)\n\n**Watch**\n\n- [Videos](#videos)\n"
            + BODY + "\n## Videos\n\n## Podcasts\n")
    (finding,) = findings(text, "toc-sync")
    assert finding.message == "ToC has no item for 'Podcasts' (line 22)" and finding.fix is None


def test_a_loose_toc_stays_loose():
    text = "# Awesome X\n\n## Contents\n\n- [Tools](#tools)\n\n- [Videos](#videos)\n" + BODY
    assert "## Contents\n\n- [Tools](#tools)\n\n- [Books](#books)\n\n## Tools" in fixed(text, "toc-sync")


# entry-order ------------------------------------------------------------------

def section(name: str, *titles: str) -> str:
    return f"## {name}\n\n" + "".join(f"- [{t}](https://{t.lower().replace(' ', '-')}.example/) - About {t}.\n"
                                      for t in titles) + "\n"


SORTED = section("Books", "Atlas", "Beacon", "Compass") + section("Videos", "Dawn", "Ember", "Frost")


def test_an_entry_out_of_place_in_a_sorted_list_is_moved_with_its_sub_bullets():
    text = ("# Awesome X\n\n" + SORTED + "## Tools\n\n- [Alpha](https://alpha.example/) - A.\n"
            "- [Delta](https://delta.example/) - D.\n  - Runs on Linux.\n"
            "- [Beta](https://beta.example/) - B.\n- [Gamma](https://gamma.example/) - G.\n\n" + section("Web", "Grove", "Harbor", "Isle"))
    assert messages(text, "entry-order") == ["'Delta' is out of alphabetical order (belongs before 'Gamma')"]
    assert ("- [Alpha](https://alpha.example/) - A.\n- [Beta](https://beta.example/) - B.\n"
            "- [Delta](https://delta.example/) - D.\n  - Runs on Linux.\n- [Gamma](https://gamma.example/) - G.\n"
            in fixed(text, "entry-order"))


def test_blank_lines_between_items_stay_where_they_were():
    text = ("# Awesome X\n\n" + SORTED + "## Tools\n\n- [Alpha](https://alpha.example/) - A.\n\n"
            "- [Gamma](https://gamma.example/) - G.\n\n- [Beta](https://beta.example/) - B.\n\n" + section("Web", "Grove", "Harbor", "Isle"))
    assert ("- [Alpha](https://alpha.example/) - A.\n\n- [Beta](https://beta.example/) - B.\n\n"
            "- [Gamma](https://gamma.example/) - G.\n" in fixed(text, "entry-order"))


def test_a_chronological_or_curated_list_is_left_alone():
    papers = "# Awesome Papers\n\n" + section("2024", "Zeta", "Alpha", "Mu") + section("2023", "Omega", "Beta", "Kappa") \
        + section("2022", "Sigma", "Delta", "Pi") + section("2021", "Tau", "Gamma", "Rho")
    assert messages(papers, "entry-order") == []
    assert len(messages(papers, "entry-order")) == 0
    forced = findings(papers, "entry-order")  # the same list under `order: alphabetical` is judged
    assert forced == []
    config = parse_config({"select": ["entry-order"], "entry-order": {"order": "alphabetical"}})
    from awesomelint.linter import lint

    assert len(lint(Document.from_text(papers), config).findings) == 4  # one per section: the fewest moves
    config = parse_config({"select": ["entry-order"], "entry-order": {"order": "off"}})
    assert lint(Document.from_text(SORTED.replace("Beacon", "Zeppelin")), config).findings == []


def test_a_long_section_shows_the_habit_on_its_own():
    titles = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa"]
    ordered = sorted(titles)
    ordered.insert(2, ordered.pop(7))  # one entry dropped in the wrong place
    assert messages("# X\n\n" + section("Tools", *ordered), "entry-order") == [
        "'Kappa' is out of alphabetical order (belongs before 'Theta')"]


@pytest.mark.parametrize("titles", [
    ("A Tour of Go", "Design Patterns", "Hackr.io"),  # the article counts in this list
    ("Atlas", "The Book", "Compass"),  # ... and not in this one
    ("DBT", "Dagster", "DataTrove"),  # byte order: upper case first
    ("auto-sklearn", "AutoGluon", "AutoKeras"),  # punctuation ignored
    ("Go 2", "Go 10", "Go 100"),  # numbers by value
])
def test_each_common_sorting_habit_is_accepted(titles):
    text = "# X\n\n" + SORTED + section("Tools", *titles) + section("Web", "Grove", "Harbor", "Isle")
    assert messages(text, "entry-order") == []


def test_an_unknown_order_is_a_config_error():
    from awesomelint.errors import InputError

    with pytest.raises(InputError, match="'entry-order.order' must be one of: auto, alphabetical, off"):
        parse_config({"entry-order": {"order": "sorted"}})


def test_moving_entries_keeps_every_entry():
    text = "# X\n\n" + SORTED + section("Tools", "Alpha", "Delta", "Beta", "Gamma") + section("Web", "Grove", "Harbor", "Isle")
    after = fixed(text, "entry-order")
    assert len(entries_of(Document.from_text(after))) == len(entries_of(Document.from_text(text)))
    assert sorted(after.splitlines()) == sorted(text.splitlines())


def test_toc_and_order_fixes_run_together_with_the_rest(tmp_path):
    text = ("# Awesome X\n\n## Contents\n\n- [Tools](#tools)\n\n" + SORTED + section("Tools", "Alpha", "Delta", "Beta", "Gamma")
            + section("Web", "Grove", "Harbor", "Isle"))
    once = fix_document(Document.from_text(text), Config()).text
    assert fix_document(Document.from_text(once), Config()).text == once
    assert "- [Books](#books)\n- [Videos](#videos)\n- [Tools](#tools)\n- [Web](#web)\n" in once


def test_entries_holding_code_are_moved_whole():
    text = ("# X\n\n" + SORTED + "## Tools\n\n- [Alpha](https://alpha.example/) - Runs `alpha --fast`.\n"
            "- [Gamma](https://gamma.example/) - G.\n- [Beta](https://beta.example/) - Wraps `beta`.\n"
            "  ```sh\n  beta run\n  ```\n\n" + section("Web", "Grove", "Harbor", "Isle"))
    assert ("- [Beta](https://beta.example/) - Wraps `beta`.\n  ```sh\n  beta run\n  ```\n"
            "- [Gamma](https://gamma.example/) - G.\n" in fixed(text, "entry-order"))


def test_a_fix_that_moves_lines_may_not_change_code_in_them():
    from awesomelint.findings import Edit, Finding, Fix
    from awesomelint.fix import choose_edits

    doc = Document.from_text("- [B](https://b.example/) - `b`\n- [A](https://a.example/) - `a`\n")
    moved = Edit(0, len(doc.text) - 1, "- [A](https://a.example/) - `a`\n- [B](https://b.example/) - `b`")
    changed = Edit(0, len(doc.text) - 1, "- [A](https://a.example/) - `x`\n- [B](https://b.example/) - `b`")
    for edit, expected in ((moved, 1), (changed, 0)):
        finding = Finding("entry-order", "m", 0, 1, fix=Fix((edit,), relocates=True))
        assert len(choose_edits(doc, [finding], False)[1]) == expected


# the corpus: curated and chronological lists stay silent under `auto` ---------------

from .conftest import CORPUS, corpus  # noqa: E402

CURATED = ["sindresorhus__awesome.md", "sindresorhus__awesome-electron.md", "vinta__awesome-python.md",
           "XiudingCai__Awesome-Mamba-Collection.md", "thunlp__GNNPapers.md", "HqWu-HITCS__Awesome-Chinese-LLM.md",
           "llm-jp__awesome-japanese-llm.md", "openmedlab__Awesome-Medical-Dataset.md", "niderhoff__nlp-datasets.md"]


@corpus
@pytest.mark.parametrize("name", CURATED)
def test_lists_that_are_not_alphabetical_get_no_order_findings(name):
    (path,) = [p for p in CORPUS if p.name == name]
    assert findings(path.read_text(encoding="utf-8"), "entry-order") == []


@corpus
@pytest.mark.parametrize("name", ["avelino__awesome-go.md", "h4cc__awesome-elixir.md", "matteocrippa__awesome-swift.md"])
def test_alphabetical_lists_after_fix_are_in_order(name):
    (path,) = [p for p in CORPUS if p.name == name]
    after = fixed(path.read_text(encoding="utf-8"), "entry-order")
    assert findings(after, "entry-order") == []
    assert sorted(after.splitlines()) == sorted(path.read_text(encoding="utf-8").splitlines())


def test_a_section_sorted_with_longer_names_first_is_in_a_habit_of_its_own():
    # generators that sort the files they build a list from put 'immich-kiosk.yml' before 'immich.yml'
    names = ["Gitea", "Immich Kiosk", "Immich", "Jellyfin", "Nextcloud", "Nginx Proxy Manager", "NGINX", "Paperless"]
    tools = "".join(f"- [{n}](https://{n.replace(' ', '').lower()}.example/) - x\n" for n in names)
    text = "# X\n\n" + SORTED + "## Tools\n\n" + tools + "\n" + section("Web", "Grove", "Harbor", "Isle")
    assert messages(text, "entry-order") == []


def test_a_toc_anchor_that_misses_is_reported_once_by_toc_sync():
    text = "# X\n\n## Contents\n\n- [Tools](#tool)\n- [Books](#Books)\n\n## Tools\n\n## Books\n"
    doc = Document.from_text(text, "README.md")
    found = [(f.rule, f.severity.value) for f in lint(doc, Config(), only=["broken-anchor", "toc-sync"]).findings]
    assert found == [("toc-sync", "warning"), ("broken-anchor", "info")]  # the case-only one is broken-anchor's note
    alone = [f.rule for f in lint(doc, Config(), only=["broken-anchor"]).findings]
    assert alone == ["broken-anchor", "broken-anchor"]  # without toc-sync, broken-anchor says both
