"""entry-order: an entry out of place in a list that keeps alphabetical order is moved
whole (sub-bullets, code, blank lines kept); each common sorting habit is accepted;
chronological and curated lists are left alone, on small lists and on the corpus."""

from __future__ import annotations

import pytest

from awesomelint.engine.config import parse_config
from awesomelint.engine.fix import fix_document
from awesomelint.model.document import Document
from awesomelint.model.entries import entries_of

from ..conftest import CORPUS, corpus, findings, messages


def fixed(text: str, *rules: str, options: dict | None = None) -> str:
    """The text after `fix` with only these rules (no layout); asserts a second run changes nothing."""
    config = parse_config({"select": list(rules), **(options or {})})
    once = fix_document(Document.from_text(text, "README.md"), config, layout=False).text
    again = fix_document(Document.from_text(once, "README.md"), config, layout=False).text
    assert again == once, "fix is not idempotent"
    return once


def section(name: str, *titles: str) -> str:
    return (
        f"## {name}\n\n"
        + "".join(f"- [{t}](https://{t.lower().replace(' ', '-')}.example/) - About {t}.\n" for t in titles)
        + "\n"
    )


SORTED = section("Books", "Atlas", "Beacon", "Compass") + section("Videos", "Dawn", "Ember", "Frost")


def test_an_entry_out_of_place_in_a_sorted_list_is_moved_with_its_sub_bullets() -> None:
    text = (
        "# Awesome X\n\n" + SORTED + "## Tools\n\n- [Alpha](https://alpha.example/) - A.\n"
        "- [Delta](https://delta.example/) - D.\n  - Runs on Linux.\n"
        "- [Beta](https://beta.example/) - B.\n- [Gamma](https://gamma.example/) - G.\n\n"
        + section("Web", "Grove", "Harbor", "Isle")
    )
    assert messages(text, "entry-order") == ["'Delta' is out of alphabetical order (belongs before 'Gamma')"]
    assert (
        "- [Alpha](https://alpha.example/) - A.\n- [Beta](https://beta.example/) - B.\n"
        "- [Delta](https://delta.example/) - D.\n  - Runs on Linux.\n- [Gamma](https://gamma.example/) - G.\n"
        in fixed(text, "entry-order")
    )


def test_blank_lines_between_items_stay_where_they_were() -> None:
    text = (
        "# Awesome X\n\n" + SORTED + "## Tools\n\n- [Alpha](https://alpha.example/) - A.\n\n"
        "- [Gamma](https://gamma.example/) - G.\n\n- [Beta](https://beta.example/) - B.\n\n"
        + section("Web", "Grove", "Harbor", "Isle")
    )
    assert (
        "- [Alpha](https://alpha.example/) - A.\n\n- [Beta](https://beta.example/) - B.\n\n"
        "- [Gamma](https://gamma.example/) - G.\n" in fixed(text, "entry-order")
    )


def test_a_chronological_or_curated_list_is_left_alone() -> None:
    papers = (
        "# Awesome Papers\n\n"
        + section("2024", "Zeta", "Alpha", "Mu")
        + section("2023", "Omega", "Beta", "Kappa")
        + section("2022", "Sigma", "Delta", "Pi")
        + section("2021", "Tau", "Gamma", "Rho")
    )
    assert messages(papers, "entry-order") == []
    assert len(messages(papers, "entry-order")) == 0
    forced = findings(papers, "entry-order")  # the same list under `order: alphabetical` is judged
    assert forced == []
    config = parse_config({"select": ["entry-order"], "entry-order": {"order": "alphabetical"}})
    from awesomelint.engine.linter import lint

    assert len(lint(Document.from_text(papers), config).findings) == 4  # one per section: the fewest moves
    config = parse_config({"select": ["entry-order"], "entry-order": {"order": "off"}})
    assert lint(Document.from_text(SORTED.replace("Beacon", "Zeppelin")), config).findings == []


def test_a_long_section_shows_the_habit_on_its_own() -> None:
    titles = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa"]
    ordered = sorted(titles)
    ordered.insert(2, ordered.pop(7))  # one entry dropped in the wrong place
    assert messages("# X\n\n" + section("Tools", *ordered), "entry-order") == [
        "'Kappa' is out of alphabetical order (belongs before 'Theta')"
    ]


@pytest.mark.parametrize(
    "titles",
    [
        ("A Tour of Go", "Design Patterns", "Hackr.io"),  # the article counts in this list
        ("Atlas", "The Book", "Compass"),  # ... and not in this one
        ("DBT", "Dagster", "DataTrove"),  # byte order: upper case first
        ("auto-sklearn", "AutoGluon", "AutoKeras"),  # punctuation ignored
        ("Go 2", "Go 10", "Go 100"),  # numbers by value
    ],
)
def test_each_common_sorting_habit_is_accepted(titles: tuple[str, ...]) -> None:
    text = "# X\n\n" + SORTED + section("Tools", *titles) + section("Web", "Grove", "Harbor", "Isle")
    assert messages(text, "entry-order") == []


def test_an_unknown_order_is_a_config_error() -> None:
    from awesomelint.errors import InputError

    with pytest.raises(InputError, match="'entry-order.order' must be one of: auto, alphabetical, off"):
        parse_config({"entry-order": {"order": "sorted"}})


def test_moving_entries_keeps_every_entry() -> None:
    text = (
        "# X\n\n"
        + SORTED
        + section("Tools", "Alpha", "Delta", "Beta", "Gamma")
        + section("Web", "Grove", "Harbor", "Isle")
    )
    after = fixed(text, "entry-order")
    assert len(entries_of(Document.from_text(after))) == len(entries_of(Document.from_text(text)))
    assert sorted(after.splitlines()) == sorted(text.splitlines())


def test_entries_holding_code_are_moved_whole() -> None:
    text = (
        "# X\n\n" + SORTED + "## Tools\n\n- [Alpha](https://alpha.example/) - Runs `alpha --fast`.\n"
        "- [Gamma](https://gamma.example/) - G.\n- [Beta](https://beta.example/) - Wraps `beta`.\n"
        "  ```sh\n  beta run\n  ```\n\n" + section("Web", "Grove", "Harbor", "Isle")
    )
    assert (
        "- [Beta](https://beta.example/) - Wraps `beta`.\n  ```sh\n  beta run\n  ```\n"
        "- [Gamma](https://gamma.example/) - G.\n" in fixed(text, "entry-order")
    )


# the corpus: curated and chronological lists stay silent under `auto` ---------------

CURATED = [
    "sindresorhus__awesome.md",
    "sindresorhus__awesome-electron.md",
    "vinta__awesome-python.md",
    "XiudingCai__Awesome-Mamba-Collection.md",
    "thunlp__GNNPapers.md",
    "HqWu-HITCS__Awesome-Chinese-LLM.md",
    "llm-jp__awesome-japanese-llm.md",
    "openmedlab__Awesome-Medical-Dataset.md",
    "niderhoff__nlp-datasets.md",
]


@corpus
@pytest.mark.parametrize("name", CURATED)
def test_lists_that_are_not_alphabetical_get_no_order_findings(name: str) -> None:
    (path,) = [p for p in CORPUS if p.name == name]
    assert findings(path.read_text(encoding="utf-8"), "entry-order") == []


@corpus
@pytest.mark.parametrize(
    "name", ["avelino__awesome-go.md", "h4cc__awesome-elixir.md", "matteocrippa__awesome-swift.md"]
)
def test_alphabetical_lists_after_fix_are_in_order(name: str) -> None:
    (path,) = [p for p in CORPUS if p.name == name]
    after = fixed(path.read_text(encoding="utf-8"), "entry-order")
    assert findings(after, "entry-order") == []
    assert sorted(after.splitlines()) == sorted(path.read_text(encoding="utf-8").splitlines())


def test_a_section_sorted_with_longer_names_first_is_in_a_habit_of_its_own() -> None:
    # generators that sort the files they build a list from put 'immich-kiosk.yml' before 'immich.yml'
    names = ["Gitea", "Immich Kiosk", "Immich", "Jellyfin", "Nextcloud", "Nginx Proxy Manager", "NGINX", "Paperless"]
    tools = "".join(f"- [{n}](https://{n.replace(' ', '').lower()}.example/) - x\n" for n in names)
    text = "# X\n\n" + SORTED + "## Tools\n\n" + tools + "\n" + section("Web", "Grove", "Harbor", "Isle")
    assert messages(text, "entry-order") == []
