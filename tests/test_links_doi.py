"""Papers named by their DOI, for off-topic: the addresses that carry one, Crossref's and
bioRxiv/medRxiv's answers (documented shapes, fuzzed), the batched requests against fake
servers on 127.0.0.1, and what a paper's category does to the metadata profile."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from awesomelint.links import doi
from awesomelint.links.doi import Paper
from awesomelint.model.metadata import Described, Profile

# the shape of Crossref's /works list answer (api.crossref.org/swagger-ui), trimmed
CROSSREF: dict[str, Any] = {
    "status": "ok",
    "message-type": "work-list",
    "message": {
        "total-results": 2,
        "items": [
            {
                "DOI": "10.1038/S41591-024-02857-3",
                "title": ["A general-purpose self-supervised model for computational pathology"],
                "container-title": ["Nature Medicine"],
                "subject": ["General Biochemistry, Genetics and Molecular Biology"],
                "abstract": "<jats:title>Abstract</jats:title><jats:p>Quantitative evaluation of tissue images</jats:p>",
                "type": "journal-article",
            },
            {
                "DOI": "10.1101/2023.04.30.538439",
                "title": ["scGPT: toward building a foundation model for single-cell multi-omics"],
                "group-title": "Bioinformatics",
                "type": "posted-content",
            },
        ],
    },
}
# the shape of api.biorxiv.org/details/{server}/{doi}: one item a version, the latest last
BIORXIV: dict[str, Any] = {
    "messages": [{"status": "ok"}],
    "collection": [
        {"doi": "10.1101/2023.04.30.538439", "title": "scGPT v1", "category": "bioinformatics", "version": "1"},
        {
            "doi": "10.1101/2023.04.30.538439",
            "title": "scGPT: toward building a foundation model",
            "abstract": "Generative pretrained models for cells.",
            "category": "bioinformatics",
            "version": "2",
        },
    ],
}


def test_addresses_that_carry_a_doi() -> None:
    urls = [
        "https://doi.org/10.1016/j.aiopen.2021.01.001",
        "https://www.nature.com/articles/s41591-024-02857-3#Abs1",
        "https://www.nature.com/articles/s41586-021-03819-2.pdf",
        "https://www.biorxiv.org/content/10.1101/2023.10.03.560734v1.full.pdf",
        "https://www.medrxiv.org/content/10.1101/2023.07.21.23292757v3",
        "https://link.springer.com/content/pdf/10.1007%2F978-3-319-46448-0_8.pdf",
        "https://onlinelibrary.wiley.com/doi/full/10.1002/hbm.26311",
        "https://iopscience.iop.org/article/10.1088/2515-7647/add42c/meta",
        "https://www.nature.com/",  # no article
        "https://academic.oup.com/jamia/article/18/5/544/829676",  # no DOI in the path
        "https://github.com/10.1038/x",  # not a publisher
    ]
    assert list(doi.doi_ids(urls).values()) == [
        Paper("10.1016/j.aiopen.2021.01.001"),
        Paper("10.1038/s41591-024-02857-3"),
        Paper("10.1038/s41586-021-03819-2"),
        Paper("10.1101/2023.10.03.560734", "biorxiv"),
        Paper("10.1101/2023.07.21.23292757", "medrxiv"),
        Paper("10.1007/978-3-319-46448-0_8"),
        Paper("10.1002/hbm.26311"),
        Paper("10.1088/2515-7647/add42c"),
    ]


def test_crossref_journal_subjects_group_title_and_abstract() -> None:
    found = doi.parse_crossref(CROSSREF)
    assert found is not None and set(found) == {"10.1038/s41591-024-02857-3", "10.1101/2023.04.30.538439"}
    nature = found["10.1038/s41591-024-02857-3"]
    assert nature.source == "Crossref" and nature.topics == (
        "nature medicine",
        "general biochemistry, genetics and molecular biology",
    )
    assert nature.description.endswith("Abstract Quantitative evaluation of tissue images")
    assert found["10.1101/2023.04.30.538439"].topics == ("bioinformatics",)


def test_biorxiv_latest_version_category() -> None:
    info = doi.parse_biorxiv(BIORXIV, "biorxiv")
    assert info is not None and info.source == "bioRxiv" and info.topics == ("bioinformatics",)
    assert info.description.startswith("scGPT: toward building") and "pretrained" in info.description
    assert doi.parse_biorxiv({"messages": [{"status": "no posts found"}], "collection": []}, "biorxiv") is None


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=15,
)
FIELDS = ["DOI", "title", "container-title", "subject", "group-title", "abstract", "category", "collection", "items"]
SHAPED = st.dictionaries(st.sampled_from(FIELDS), JSON, max_size=5)


@settings(max_examples=300, deadline=None)
@given(
    JSON
    | SHAPED
    | st.builds(lambda items: {"message": {"items": items}}, st.lists(SHAPED, max_size=3))
    | st.builds(lambda items: {"collection": items}, st.lists(SHAPED, max_size=3))
)
def test_any_answer_is_metadata_or_none_never_an_error(payload: object) -> None:
    infos = list((doi.parse_crossref(payload) or {}).values()) + [doi.parse_biorxiv(payload, "medrxiv")]
    for info in infos:
        assert info is None or (
            all(isinstance(t, str) and t for t in info.topics) and (info.topics or info.description)
        )


def test_crossref_batched_preprints_each_failures_a_reason(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/works").respond_with_json(CROSSREF)
    httpserver.expect_request("/details/biorxiv/10.1101/2023.04.30.538439").respond_with_json(BIORXIV)
    httpserver.expect_request("/details/medrxiv/10.1101/2023.07.21.23292757").respond_with_data("busy", status=429)
    pauses: list[float] = []

    async def sleep(seconds: float) -> None:
        pauses.append(seconds)

    asked = [Paper(f"10.1000/x{i}") for i in range(doi.BATCH)] + [
        Paper("10.1038/s41591-024-02857-3"),
        Paper("10.1038/s41591-024-02857-3"),
        Paper("10.1101/2023.04.30.538439", "biorxiv"),
        Paper("10.1101/2023.07.21.23292757", "medrxiv"),
    ]

    async def fetch() -> tuple[dict, str]:
        async with httpx.AsyncClient() as client:
            return await doi.fetch_dois(
                client, asked, httpserver.url_for("/works"), httpserver.url_for("/details"), sleep=sleep
            )

    found, failure = asyncio.run(fetch())
    assert set(found) == {Paper("10.1038/s41591-024-02857-3"), Paper("10.1101/2023.04.30.538439", "biorxiv")}
    assert found[Paper("10.1101/2023.04.30.538439", "biorxiv")].source == "bioRxiv"
    assert failure == "medrxiv API answered HTTP 429"
    works = [request for request, _ in httpserver.log if request.path == "/works"]
    assert len(works) == 2 and pauses == [doi.PAUSE]  # 21 DOIs: two batches, a pause between
    assert works[1].args["filter"] == "doi:10.1038/s41591-024-02857-3" and works[1].args["rows"] == "1"
    assert works[0].args["filter"].count("doi:") == doi.BATCH


def test_a_server_that_does_not_answer_is_a_reason_not_an_error() -> None:
    async def fetch() -> tuple[dict, str]:
        async with httpx.AsyncClient(timeout=2) as client:
            return await doi.fetch_dois(client, [Paper("10.1/x")], "http://127.0.0.1:9/works")

    found, failure = asyncio.run(fetch())
    assert found == {} and failure == "Crossref API failed (ConnectError)"


def _preprint(category: str) -> Described:
    return Described("bioRxiv", None, (category,))


def test_a_preprint_category_no_other_paper_shares_stands_apart() -> None:
    found = {i: _preprint("pathology") for i in range(13)} | {13: _preprint("radiology and imaging")}
    profile = Profile([_Entry()] * 14, found)  # type: ignore[list-item]  # the profile reads sections alone
    apart = profile.apart(13)
    assert apart is not None and apart.topics and "radiology and imaging" in apart.evidence
    assert profile.apart(0) is None
    # a journal of two words is one topic: "and" ties nothing to a list of "x and y" journals
    assert Described("Crossref", None, ("radiology and imaging", "nature medicine")).topic_words == (
        frozenset({"radiology and imaging"}),
        frozenset({"nature medicine"}),
    )


class _Entry:
    section = ("Papers",)


def _repo(topics: tuple[str, ...], words: frozenset[str] = frozenset()) -> Described:
    return Described("GitHub", "Python", topics, words, words)


def _journal(journal: str, words: frozenset[str] = frozenset(), subject: str = "general medicine") -> Described:
    return Described("Crossref", None, (journal, subject), words, words)


def test_a_paper_and_its_code_agreeing_are_two_witnesses_unless_one_copies_the_other() -> None:
    """Every link of an entry is read: the code's topics and the paper's journal are two
    sources; the same abstract in both is one."""
    found = {i: _repo(("pathology", "histology", f"name{i}")) for i in range(14)}
    found[13] = _repo(("radiology", "x-ray", "chest"), frozenset({"chest", "radiograph", "report"}))
    papers = {i: _journal("modern pathology") for i in range(13)}
    more = {i: [found[i], papers[i]] for i in range(13)}
    # (its subject is not the list's papers' own either: topics are read against the same source's)
    apart_paper = _journal("radiology", frozenset({"lung", "nodule", "screening"}), "radiology and imaging")
    more[13] = [found[13], apart_paper]
    profile = Profile([_Entry()] * 14, found, (), more)  # type: ignore[list-item]
    apart = profile.apart(13)
    assert apart is not None and apart.witnesses == 2 and "Crossref link" in apart.evidence
    copied = _journal("radiology", frozenset({"chest", "radiograph", "report"}), "radiology and imaging")
    more[13] = [found[13], copied]
    apart = Profile([_Entry()] * 14, found, (), more).apart(13)  # type: ignore[list-item]
    assert apart is not None and apart.witnesses == 1


def test_a_journal_is_read_against_the_lists_own_papers_not_its_repositories() -> None:
    """A list of repositories with three papers in three journals: a journal none of the
    repositories' topics name says nothing (too few papers to say what the list's own
    journals are), while a repository whose topics stand apart still does."""
    found = {i: _repo(("single-cell", "genomics", f"name{i}")) for i in range(12)}
    found[12] = _repo(("web-framework", "http", "router"))
    journals = ("genome biology", "nature methods", "nature biotechnology")
    found |= {13 + k: _journal(journal, subject=f"subject {k}") for k, journal in enumerate(journals)}
    profile = Profile([_Entry()] * 16, found)  # type: ignore[list-item]
    assert [profile.apart(i) for i in (13, 14, 15)] == [None, None, None]
    apart = profile.apart(12)
    assert apart is not None and apart.topics
