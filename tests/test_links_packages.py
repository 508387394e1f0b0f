"""Package pages' metadata for off-topic (PyPI, npm, crates.io): the answers' parsers
(documented shapes, fuzzed), the addresses that are package pages, and the requests
against fake registries on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from awesomelint.cli import main
from awesomelint.links import packages, run
from awesomelint.links.packages import Package

from .servers import PagesAnswerOk

# trimmed answers in the registries' documented shapes
PYPI = {
    "info": {
        "name": "pydicom",
        "summary": "A pure Python package for reading and writing DICOM data",
        "keywords": "dicom, python, medical, imaging",
        "classifiers": [
            "Development Status :: 5 - Production/Stable",
            "Intended Audience :: Healthcare Industry",
            "Programming Language :: Python :: 3",
            "Topic :: Scientific/Engineering :: Medical Science Apps.",
            "Topic :: Software Development :: Libraries",
        ],
    },
    "releases": {},
    "urls": [],
}
NPM = {"name": "express", "version": "4.21.2", "description": "Fast, unopinionated, minimalist web framework",
       "keywords": ["express", "framework", "sinatra", "web", "http", "rest", "restful", "router", "app", "api"]}  # fmt: skip
CRATE = {
    "crate": {
        "id": "rust-htslib",
        "name": "rust-htslib",
        "description": "This library provides HTSlib bindings and a high level Rust API for reading and writing BAM files.",
        "keywords": ["htslib", "bam", "bioinformatics", "pileup", "sequencing"],
        "categories": ["science::bioinformatics::genomics", "science"],
    },
    "versions": [],
    "keywords": [],
    "categories": [],
}


def test_pypi_summary_subject_classifiers_and_keywords() -> None:
    info = packages.parse_pypi(PYPI)
    assert info is not None and info.source == "PyPI" and info.language is None
    assert info.description == "A pure Python package for reading and writing DICOM data"
    assert info.topics == ("medical-science-apps", "libraries", "dicom", "python", "medical", "imaging")


def test_npm_description_and_keywords() -> None:
    info = packages.parse_npm(NPM)
    assert info is not None and info.source == "npm"
    assert info.description.startswith("Fast, unopinionated") and info.topics[:3] == ("express", "framework", "sinatra")


def test_crates_description_keywords_and_categories() -> None:
    info = packages.parse_crate(CRATE)
    assert info is not None and info.source == "crates.io"
    assert info.topics == ("htslib", "bam", "bioinformatics", "pileup", "sequencing", "genomics", "science")


def test_package_pages_among_addresses() -> None:
    urls = [
        "https://pypi.org/project/pydicom/",
        "https://pypi.org/project/SimpleITK/2.3.1/",
        "https://pypi.python.org/pypi/nibabel",
        "https://www.npmjs.com/package/express",
        "https://www.npmjs.com/package/@angular/core",
        "https://crates.io/crates/rust-htslib",
        "https://pypi.org/search/?q=dicom",
        "https://www.npmjs.com/~sindresorhus",
        "https://example.org/project/pydicom",
    ]
    assert packages.package_ids(urls) == {
        urls[0]: Package("PyPI", "pydicom"),
        urls[1]: Package("PyPI", "SimpleITK"),
        urls[2]: Package("PyPI", "nibabel"),
        urls[3]: Package("npm", "express"),
        urls[4]: Package("npm", "@angular/core"),
        urls[5]: Package("crates.io", "rust-htslib"),
    }


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=15,
)
FIELDS = ["summary", "classifiers", "keywords", "description", "categories", "info", "crate"]


@settings(max_examples=300, deadline=None)
@given(
    JSON
    | st.dictionaries(st.sampled_from(FIELDS), JSON, max_size=4)
    | st.builds(lambda d: {"info": d, "crate": d}, st.dictionaries(st.sampled_from(FIELDS), JSON, max_size=4))
)
def test_any_answer_is_metadata_or_none_never_an_error(payload: object) -> None:
    for parse in (packages.parse_pypi, packages.parse_npm, packages.parse_crate):
        info = parse(payload)
        assert info is None or (
            all(isinstance(t, str) and t for t in info.topics) and (info.topics or info.description)
        )


def test_packages_are_asked_once_each_crates_paced_and_failures_a_reason(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/pypi/pydicom/json").respond_with_json(PYPI)
    httpserver.expect_request("/pypi/gone/json").respond_with_data("", status=404)
    httpserver.expect_request("/pypi/busy/json").respond_with_data("slow down", status=429)
    httpserver.expect_request("/npm/@angular/core/latest").respond_with_json(NPM)
    httpserver.expect_request("/npm/odd/latest").respond_with_data("<html>", content_type="text/html")
    httpserver.expect_request("/crates/rust-htslib").respond_with_json(CRATE)
    httpserver.expect_request("/crates/bio").respond_with_json(CRATE)
    pauses: list[float] = []

    async def sleep(seconds: float) -> None:
        pauses.append(seconds)

    async def fetch() -> tuple[dict, str]:
        apis = {"PyPI": httpserver.url_for("/pypi"), "npm": httpserver.url_for("/npm"),
                "crates.io": httpserver.url_for("/crates")}  # fmt: skip
        asked = [Package("PyPI", "pydicom"), Package("PyPI", "pydicom"), Package("PyPI", "gone"),
                 Package("PyPI", "busy"), Package("npm", "@angular/core"), Package("npm", "odd"),
                 Package("crates.io", "rust-htslib"), Package("crates.io", "bio")]  # fmt: skip
        async with httpx.AsyncClient() as client:
            return await packages.fetch_packages(client, asked, apis, sleep=sleep)

    found, failure = asyncio.run(fetch())
    assert set(found) == {
        Package("PyPI", "pydicom"),
        Package("npm", "@angular/core"),
        Package("crates.io", "rust-htslib"),
        Package("crates.io", "bio"),
    }
    assert failure in ("PyPI API answered HTTP 429", "npm API answered in an unknown shape")
    assert pauses == [packages.CRATES_PAUSE]  # the second crate waited its turn
    asked = [request.path for request, _ in httpserver.log]
    assert asked.count("/pypi/pydicom/json") == 1 and len(asked) == 7


def test_a_scoped_npm_package_is_asked_as_the_registry_spells_it() -> None:
    apis = {"npm": "https://registry.example/", "PyPI": "https://pypi.example/pypi"}
    assert packages.api_url(Package("npm", "@angular/core"), apis) == "https://registry.example/@angular%2Fcore/latest"
    assert packages.api_url(Package("PyPI", "SimpleITK"), apis) == "https://pypi.example/pypi/SimpleITK/json"


def test_a_registry_that_does_not_answer_is_a_reason_not_an_error() -> None:
    async def fetch() -> tuple[dict, str]:
        async with httpx.AsyncClient(timeout=2) as client:
            return await packages.fetch_packages(client, [Package("PyPI", "x")], {"PyPI": "http://127.0.0.1:9/pypi"})

    found, failure = asyncio.run(fetch())
    assert found == {} and failure == "PyPI API failed (ConnectError)"


# a list of Python web libraries, each linking its PyPI page; the registry describes
# each as its entry does (a maintainer copied the summary) with the keywords of its kind
WEB = [
    ("flask", "A simple framework for building complex web applications.", "web, framework, wsgi"),
    ("django", "A high-level web framework that encourages rapid development.", "web, framework, orm"),
    ("fastapi", "A web framework for building APIs, fast to code.", "web, api, asgi, framework"),
    ("starlette", "The little ASGI framework that shines.", "asgi, web, framework"),
    ("bottle", "Fast and simple WSGI framework for small web applications.", "wsgi, web, framework"),
    ("falcon", "A minimalist ASGI and WSGI framework for web APIs.", "asgi, wsgi, api, rest"),
    ("requests", "HTTP for humans: send HTTP requests to web servers.", "http, client, web"),
    ("httpx", "A next generation HTTP client with async support.", "http, client, async"),
    ("aiohttp", "Async HTTP client and server for asyncio.", "http, asyncio, server, client"),
    ("uvicorn", "The lightning-fast ASGI server for web applications.", "asgi, server, web"),
    ("gunicorn", "WSGI HTTP server for UNIX, fast and light.", "wsgi, http, server"),
    ("jinja2", "A fast and expressive template engine for web pages.", "template, web, html"),
    ("werkzeug", "The comprehensive WSGI web application library.", "wsgi, web, http"),
    ("sanic", "A web server and framework written to go fast.", "web, server, asgi, framework"),
]
STRAY = "- [SimpleITK](https://pypi.org/project/SimpleITK/) - A simplified layer, fast and small.\n"
SIMPLEITK = {
    "info": {
        "name": "SimpleITK",
        "summary": "SimpleITK is a simplified interface to the Insight Toolkit (ITK) for image registration and segmentation",
        "keywords": "SimpleITK,ITK,InsightToolkit,segmentation,registration",
        "classifiers": [
            "Intended Audience :: Science/Research",
            "Topic :: Scientific/Engineering :: Medical Science Apps.",
            "Topic :: Scientific/Engineering :: Information Analysis",
        ],
    }
}


def web_list() -> str:
    rows = [f"- [{name}](https://pypi.org/project/{name}/) - {summary}\n" for name, summary, _ in WEB]
    return (
        "# Awesome Python Web\n\nA curated list of Python web frameworks, servers and HTTP libraries.\n\n## Web\n\n"
        + "".join(rows[:7])
        + STRAY
        + "".join(rows[7:])
    )


def pypi_answer(name: str, summary: str, keywords: str) -> dict[str, Any]:
    return {"info": {"name": name, "summary": summary, "keywords": keywords, "classifiers": [
        "Programming Language :: Python :: 3", "Topic :: Internet :: WWW/HTTP"]}}  # fmt: skip


def test_off_topic_reads_package_pages_and_falls_back_to_words_when_the_registry_fails(
    tmp_path: Path, runner: CliRunner, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "README.md"
    path.write_text(web_list())
    command = ["check", "--select", "off-topic", "--allow-private", "--no-cache", "--format", "json", str(path)]
    assert json.loads(runner.invoke(main, command).stdout) == []  # its words are the list's: offline it passes
    monkeypatch.setattr(run, "Checker", PagesAnswerOk)
    monkeypatch.setenv("AWESOMELINT_PYPI_API", httpserver.url_for("/pypi"))
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    for name, summary, keywords in WEB:
        httpserver.expect_request(f"/pypi/{name}/json").respond_with_json(pypi_answer(name, summary, keywords))
    httpserver.expect_request("/pypi/SimpleITK/json").respond_with_json(SIMPLEITK)
    result = runner.invoke(main, ["check", "--online", *command])
    found = [f for f in json.loads(result.stdout) if f["rule"] == "off-topic"]
    assert [f["entry"] for f in found] == ["SimpleITK"]
    assert "PyPI: medical-science-apps, information-analysis, simpleitk, itk" in found[0]["message"]
    assert "its description and its topics" in found[0]["message"]
    # the registry rate-limits: the words alone, as offline, and said once
    httpserver.clear()
    httpserver.expect_request("/pypi/SimpleITK/json").respond_with_data("slow down", status=429)
    for name, _, _ in WEB:
        httpserver.expect_request(f"/pypi/{name}/json").respond_with_data("slow down", status=429)
    result = runner.invoke(main, ["check", "--online", *command])
    assert [f for f in json.loads(result.stdout) if f["rule"] == "off-topic"] == []
    assert result.stderr.count("15 papers, models and packages without metadata (PyPI API answered HTTP 429)") == 1
