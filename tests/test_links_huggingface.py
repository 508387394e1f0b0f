"""Hugging Face models' metadata for off-topic: the answer's parser (documented shape,
fuzzed), the addresses that are models and datasets, and the requests against a fake
API on 127.0.0.1."""

from __future__ import annotations

import asyncio

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from awesomelint.links import huggingface

MODEL = {
    "id": "owkin/phikon-v2",
    "pipeline_tag": "image-feature-extraction",
    "library_name": "transformers",
    "tags": ["transformers", "safetensors", "dinov2", "biology", "medical", "en", "license:other", "region:us"],
}


def test_a_models_pipeline_tags_and_library_are_its_topics() -> None:
    info = huggingface.parse_model(MODEL)
    assert info is not None and info.source == "Hugging Face" and info.language is None
    assert info.topics == ("image-feature-extraction", "transformers", "dinov2", "biology", "medical")


def test_models_and_datasets_among_addresses() -> None:
    urls = [
        "https://huggingface.co/owkin/phikon-v2",
        "https://huggingface.co/datasets/histai/SPIDER-breast/tree/main",
        "https://huggingface.co/spaces/a/b",
        "https://huggingface.co/docs/hub",
        "https://huggingface.co/owkin",
        "https://example.org/owkin/phikon-v2",
    ]
    assert huggingface.hf_ids(urls) == {urls[0]: "models/owkin/phikon-v2", urls[1]: "datasets/histai/SPIDER-breast"}


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=15,
)


@settings(max_examples=300, deadline=None)
@given(JSON | st.dictionaries(st.sampled_from(["pipeline_tag", "tags", "library_name", "id"]), JSON, max_size=4))
def test_any_answer_is_metadata_or_none_never_an_error(payload: object) -> None:
    info = huggingface.parse_model(payload)
    assert info is None or all(isinstance(t, str) and t for t in info.topics)


def test_models_are_asked_once_each_and_failures_are_a_reason(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/api/models/owkin/phikon-v2").respond_with_json(MODEL)
    httpserver.expect_request("/api/models/a/gone").respond_with_data("", status=404)
    httpserver.expect_request("/api/models/a/busy").respond_with_data("slow down", status=429)
    httpserver.expect_request("/api/models/a/odd").respond_with_data("[1, 2]", content_type="application/json")

    async def fetch() -> tuple[dict, str]:
        async with httpx.AsyncClient() as client:
            paths = [
                "models/owkin/phikon-v2",
                "models/owkin/phikon-v2",
                "models/a/gone",
                "models/a/busy",
                "models/a/odd",
            ]
            return await huggingface.fetch_models(client, paths, httpserver.url_for("/api"))

    found, failure = asyncio.run(fetch())
    assert list(found) == ["models/owkin/phikon-v2"]
    assert failure in ("Hugging Face API answered HTTP 429", "Hugging Face API answered in an unknown shape")
    asked = [request.path for request, _ in httpserver.log]
    assert asked.count("/api/models/owkin/phikon-v2") == 1 and len(asked) == 4
