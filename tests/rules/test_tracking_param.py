"""tracking-param: a click tracker is dropped; a sponsor's attribution is kept."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from awesomelint.engine.config import parse_config
from awesomelint.engine.fix import fix_document
from awesomelint.model.document import Document

from ..conftest import findings


def fixed(text: str) -> str:
    return fix_document(
        Document.from_text(text, "README.md"), parse_config({"select": ["tracking-param"]}), layout=False
    ).text


SPONSOR = "https://sponsor.example/?utm_source=Github&utm_medium=Referral&utm_campaign=tools-repo"


def test_the_same_campaign_on_many_links_to_one_site_is_one_note_and_never_stripped() -> None:
    rows = "".join(f"| [Plan {n}]({SPONSOR}) | A plan. |\n" for n in range(3))
    text = f"# Public Things\n\n[![Sponsor](logo.png)]({SPONSOR})\n\n| API | Description |\n|---|---|\n{rows}"
    text += "\n- [Other](https://other.example/p?utm_source=newsletter) - x\n"
    notes = [f for f in findings(text, "tracking-param") if f.severity.value == "info"]
    assert len(notes) == 1 and notes[0].fix is None and "4 links to sponsor.example" in notes[0].message
    after = fixed(text)
    assert after.count(SPONSOR) == 4 and "other.example/p)" in after  # the sponsor kept, the stray tracker dropped


def test_two_links_with_one_tracker_are_still_trackers() -> None:
    text = "# X\n\n" + "".join(f"- [P{n}](https://site.example/p{n}?utm_source=feed) - x\n" for n in range(2))
    assert [f.severity.value for f in findings(text, "tracking-param")] == ["warning", "warning"]


def test_a_campaign_naming_the_list_passes_when_the_title_is_a_logo_or_the_list_links_its_repository() -> None:
    logo = (
        '<p align="center"><img src="assets/header.jpg" alt="Awesome IAM"></p>\n\n'
        "- [Descope](https://www.descope.com/?utm_source=awesome-iam&utm_campaign=awesome-iam-oss-sponsorship) - Auth.\n"
    )
    assert findings(logo, "tracking-param") == []
    repository = (
        '<a href="https://github.com/kdeldycke/awesome-iam#readme"><img src="x.jpg"></a>\n\n'
        "- [Descope](https://www.descope.com/?utm_campaign=awesome-iam-oss) - Auth.\n"
    )
    assert findings(repository, "tracking-param") == []
    another = logo.replace("Awesome IAM", "Awesome Go")
    assert len(findings(another, "tracking-param")) == 1


KEPT = st.lists(st.sampled_from(["page=2", "q=a%20b", "lang=en", "id=7", "v=1.2"]), max_size=3)
TRACKERS = st.lists(
    st.sampled_from(["utm_source=x", "utm_medium=email", "fbclid=abc", "gclid=1", "utm_campaign=y"]),
    min_size=1,
    max_size=3,
)


@given(
    KEPT,
    TRACKERS,
    st.randoms(use_true_random=False),
    st.sampled_from(["", "#section", "#L10-L20"]),
    st.sampled_from(["- [Paper]({}) - About it.", "| [Paper]({}) | About it. |", '[Paper]({} "title")']),
)
def test_the_fix_drops_the_trackers_and_nothing_else(
    kept: list[str], trackers: list[str], random: random.Random, fragment: str, shape: str
) -> None:
    params = kept + trackers
    random.shuffle(params)
    url = "https://journal.example/article/1?" + "&".join(params) + fragment
    line = shape.format(url)
    header = "| Paper | About |\n|---|---|\n" if shape.startswith("|") else ""
    text = f"# Papers\n\nIntro with utm_source=x in plain text.\n\n{header}{line}\n"
    kept_in_order = [p for p in params if p in kept]
    clean = "https://journal.example/article/1" + ("?" + "&".join(kept_in_order) if kept_in_order else "") + fragment
    assert fixed(text) == text.replace(url, clean)


def test_tracking_params_are_dropped_keeping_others() -> None:
    (finding,) = findings("- [p](https://s.com/a?pes=vor&utm_source=x&getft_integrator=y#Abs1)\n", "tracking-param")
    assert finding.fix is not None
    assert finding.fix.edits[0].content == "https://s.com/a?pes=vor#Abs1"


@pytest.mark.parametrize(
    "url, tracked",
    [
        ("https://x.org/a?ref=https://githubhelp.com", True),
        ("https://x.org/a?ref=main", False),
        ("https://x.org/a?trk=public_post", True),
        ("https://x.org/a?fbclid=1&id=2", True),
        ("https://x.org/a?page=2", False),
    ],
)
def test_ref_is_tracking_only_when_it_names_a_site(url: str, tracked: bool) -> None:
    assert bool(findings(f"- [p]({url})\n", "tracking-param")) is tracked


def test_the_lists_own_sponsor_attribution_is_not_tracking() -> None:
    text = (
        "# Awesome Go\n\n- [Sponsor](https://sponsor.example/?utm_campaign=awesome-go&utm_medium=list) - thanks\n"
        "- [Other](https://other.example/?utm_campaign=newsletter) - x\n"
    )
    (found,) = findings(text, "tracking-param")
    assert "Other" in found.message


def test_ref_inside_an_api_call_is_reported_with_an_unsafe_fix() -> None:
    text = "# T\n\n- [Domain API](https://api.domain.example/v1/check?ref=domeinnaam.nl&q=x) - x\n- [Blog](https://blog.example/post?ref=news.ycombinator.com) - y\n"
    api, blog = findings(text, "tracking-param")
    assert api.fix is not None
    assert blog.fix is not None
    assert api.fix.applicability.value == "unsafe" and blog.fix.applicability.value == "safe"


def test_googles_linker_parameter_is_tracking() -> None:
    (found,) = findings(
        "# T\n\n- [Paper](https://www.nature.com/articles/s41597?_gl=1*1b99nma*_up*MQ..&gclid=x) - x\n",
        "tracking-param",
    )
    assert found.fix is not None
    assert found.fix.edits[0].content == "https://www.nature.com/articles/s41597"
