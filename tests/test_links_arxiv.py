"""arXiv papers' metadata for off-topic: the Atom feed parser (documented shape, fuzzed,
hostile), batching and the pause arXiv's terms ask for, against a fake arXiv API on
127.0.0.1; and off-topic end to end with it (the pages themselves answered by a fake
checker: nothing leaves the machine)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from awesomelint.cli import main
from awesomelint.links import arxiv, run

from .servers import PagesAnswerOk

ENTRY = """<entry>
    <id>http://arxiv.org/abs/{id}v2</id>
    <title>{title}</title>
    <summary>An abstract.</summary>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="{primary}" scheme="http://arxiv.org/schemas/atom"/>
    <category term="{primary}" scheme="http://arxiv.org/schemas/atom"/>
    {more}
  </entry>"""
# what the API answers for an id it cannot read: an entry without an abs/ address
ERROR_ENTRY = """<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_x</id><title>Error</title></entry>"""


def feed(papers: dict[str, tuple[str, list[str]]], ids: list[str]) -> str:
    entries = []
    for paper in ids:
        if paper not in papers:
            entries.append(ERROR_ENTRY)
            continue
        title, categories = papers[paper]
        more = "".join(f'<category term="{c}" scheme="http://arxiv.org/schemas/atom"/>' for c in categories[1:])
        entries.append(ENTRY.format(id=paper, title=title, primary=categories[0], more=more))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>arXiv Query</title>" + "".join(entries) + "</feed>"
    )


def arxiv_api(papers: dict[str, tuple[str, list[str]]], asked: list[list[str]] | None = None) -> Any:
    def handle(request: Request) -> Response:
        ids = parse_qs(request.query_string.decode())["id_list"][0].split(",")
        if asked is not None:
            asked.append(ids)
        return Response(feed(papers, ids), content_type="application/atom+xml")

    return handle


def test_the_feed_gives_categories_primary_first_and_titles() -> None:
    text = feed(
        {"2210.10439": ("Implicit  neural\n representations", ["eess.IV", "cs.CV", "physics.med-ph"])},
        ["2210.10439", "bad"],
    )
    papers = arxiv.parse_feed(text)
    assert papers is not None and list(papers) == ["2210.10439"]
    info = papers["2210.10439"]
    assert info.topics == ("eess.IV", "cs.CV", "physics.med-ph")
    assert info.description == "Implicit neural representations\nAn abstract." and info.source == "arXiv"


def test_what_is_not_an_atom_feed_is_none() -> None:
    assert arxiv.parse_feed("rate limited") is None
    assert arxiv.parse_feed("<html><body>busy</body></html>") is None
    bomb = '<?xml version="1.0"?><!DOCTYPE f [<!ENTITY a "aaaa">]><feed xmlns="http://www.w3.org/2005/Atom">&a;</feed>'
    assert arxiv.parse_feed(bomb) is None


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=200)
    | st.lists(
        st.sampled_from(
            [
                "<feed>",
                "</feed>",
                "<entry>",
                "</entry>",
                "<id>",
                "</id>",
                "/abs/1",
                "<category term='x'/>",
                "&amp;",
                "<",
            ]
        ),
        max_size=30,
    ).map("".join)
    | st.lists(st.tuples(st.text(max_size=12), st.text(max_size=8)), max_size=3).map(
        lambda pairs: feed({f"1234.{i:04d}": (t, [c or "x"]) for i, (t, c) in enumerate(pairs)}, ["1234.0000"])
    )
)
def test_any_answer_is_a_feed_read_or_none_never_an_error(text: str) -> None:
    papers = arxiv.parse_feed(text)
    assert papers is None or all(isinstance(info.topics, tuple) for info in papers.values())


def test_arxiv_addresses_and_their_ids() -> None:
    urls = [
        "https://arxiv.org/abs/2210.10439",
        "https://arxiv.org/abs/2210.10439v3",
        "http://www.arxiv.org/pdf/2309.07778.pdf",
        "https://arxiv.org/abs/hep-th/9901001",
        "https://arxiv.org/list/cs.CV/recent",
        "https://example.org/abs/2210.10439",
        "https://[broken",
    ]
    assert arxiv.arxiv_ids(urls) == {
        urls[0]: "2210.10439",
        urls[1]: "2210.10439",
        urls[2]: "2309.07778",
        urls[3]: "hep-th/9901001",
    }


def test_batches_are_paused_as_arxivs_terms_ask(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[list[str]] = []
    papers = {f"2401.0000{i}": (f"Paper {i}", ["cs.CV"]) for i in range(5)}
    httpserver.expect_request("/api/query").respond_with_handler(arxiv_api(papers, asked))
    monkeypatch.setattr(arxiv, "BATCH", 2)
    pauses: list[float] = []

    async def sleep(seconds: float) -> None:
        pauses.append(seconds)

    async def fetch() -> tuple[dict, str]:
        async with httpx.AsyncClient() as client:
            return await arxiv.fetch_papers(
                client, [*papers, "2401.00001"], httpserver.url_for("/api/query"), sleep=sleep
            )

    found, failure = asyncio.run(fetch())
    assert sorted(found) == sorted(papers) and failure == ""
    assert [len(batch) for batch in asked] == [2, 2, 1]  # each id once
    assert pauses == [3.0, 3.0]


@pytest.mark.parametrize(
    "answer,reason",
    [
        (Response("slow down", status=429), "arXiv API answered HTTP 429"),
        (Response("<html>maintenance</html>", status=200), "not an Atom feed"),
    ],
)
def test_a_failing_api_is_a_reason_not_an_error(httpserver: HTTPServer, answer: Response, reason: str) -> None:
    httpserver.expect_request("/api/query").respond_with_response(answer)

    async def fetch() -> tuple[dict, str]:
        async with httpx.AsyncClient() as client:
            return await arxiv.fetch_papers(client, ["2401.00001"], httpserver.url_for("/api/query"))

    found, failure = asyncio.run(fetch())
    assert found == {} and reason in failure


# off-topic end to end: a list of pathology papers on arXiv, and one robotics paper ---------------

PAPERS = {
    f"24{i:02d}.{10000 + i}": (f"Pathology paper {i}", ["eess.IV", "cs.CV"] if i % 3 else ["cs.CV", "q-bio.QM"])
    for i in range(1, 15)
}
PAPERS["2402.55555"] = ("Legged robot locomotion", ["cs.RO", "cs.SY"])
TOPICS = [
    "whole-slide images of tumour tissue",
    "tissue slides for cancer grading",
    "histopathology patches and stains",
    "pathology slides with weak labels",
    "tumour segmentation in tissue slides",
    "multiple instance learning on slides",
    "stain normalisation of pathology slides",
]
PATHOLOGY = (
    "# Awesome Pathology Papers\n\nComputational pathology: whole-slide images, tissue, tumour.\n\n## Papers\n\n"
    + "".join(
        f"- [A study of {TOPICS[i % 7]}, part {i}](https://arxiv.org/abs/{paper}) - Slides of tissue from {TOPICS[(i + 3) % 7]}.\n"
        for i, paper in enumerate(p for p in PAPERS if p != "2402.55555")
    )
)
ROBOT = "- [Robust walking for legged machines over rough terrain](https://arxiv.org/abs/2402.55555) - Balance and gait controllers for quadrupeds.\n"


def test_off_topic_reads_the_papers_categories(
    tmp_path: Path, runner: CliRunner, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = PATHOLOGY.splitlines(keepends=True)
    text = "".join(lines[:12] + [ROBOT] + lines[12:])
    path = tmp_path / "README.md"
    path.write_text(text)
    offline = json.loads(runner.invoke(main, ["check", "--select", "off-topic", "--format", "json", str(path)]).stdout)
    assert offline == []  # in the list's form, and too few of its words rare enough on their own
    monkeypatch.setattr(run, "Checker", PagesAnswerOk)
    monkeypatch.setenv("AWESOMELINT_ARXIV_API", httpserver.url_for("/api/query"))
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    asked: list[list[str]] = []
    httpserver.expect_request("/api/query").respond_with_handler(arxiv_api(PAPERS, asked))
    result = runner.invoke(
        main,
        ["check", "--online", "--select", "off-topic", "--allow-private", "--no-cache", "--format", "json", str(path)],
    )
    found = [f for f in json.loads(result.stdout) if f["rule"] == "off-topic"]
    assert [f["entry"] for f in found] == ["Robust walking for legged machines over rough terrain"]
    assert "arXiv: cs.RO, cs.SY" in found[0]["message"]
    assert len(asked) == 1 and len(asked[0]) == 15  # one request for the fifteen papers
    # the API down: the words alone, as offline, and said once
    httpserver.clear()
    httpserver.expect_request("/api/query").respond_with_data("busy", status=503)
    result = runner.invoke(
        main,
        ["check", "--online", "--select", "off-topic", "--allow-private", "--no-cache", "--format", "json", str(path)],
    )
    assert [f for f in json.loads(result.stdout) if f["rule"] == "off-topic"] == []
    assert result.stderr.count("15 papers, models and packages without metadata (arXiv API answered HTTP 503)") == 1
