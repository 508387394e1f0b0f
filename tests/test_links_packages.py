"""Package pages' metadata for off-topic (PyPI, npm, crates.io): the answers' parsers
(documented shapes, fuzzed), the addresses that are package pages, and the requests
against fake registries on 127.0.0.1."""

from __future__ import annotations

import asyncio

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from awesomelint.links import packages
from awesomelint.links.packages import Package

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
