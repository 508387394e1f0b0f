"""double-marker: '* * [Tool](…)' is reported and fixed keeping the entry; nesting that can be
meant ('1. - x', '- - foo') is left alone."""

from __future__ import annotations

import pytest

from ..conftest import findings


def test_double_marker_is_reported_and_fixed_keeping_the_entry() -> None:
    from awesomelint.engine.config import Config
    from awesomelint.engine.fix import fix_document
    from awesomelint.model.document import Document
    from awesomelint.model.entries import entries_of

    text = "# T\n\n* [A](https://a.example/) - a\n* * [Tool](https://t.example/) - t\n  * [Sub](https://s.example/) - s\n* [B](https://b.example/) - b\n"
    (found,) = findings(text, "double-marker")
    assert found.fix is not None
    assert found.fix.applicability.value == "safe" and "'* *'" in found.message
    once = fix_document(Document.from_text(text), Config())
    assert once.text == text.replace("* * [Tool]", "* [Tool]")
    assert once.final is not None
    assert [e.title for e in entries_of(once.final)] == [e.title for e in entries_of(Document.from_text(text))]
    assert fix_document(Document.from_text(once.text), Config()).text == once.text
    assert once.refused == []


@pytest.mark.parametrize(
    "text",
    [
        "1. - [x](https://x.example/)\n",
        "- [a](https://a.example/)\n  - [b](https://b.example/)\n",
        "- \\* starred\n",
        "* ---\n",
        "- - foo\n",
    ],
)
def test_double_marker_leaves_meant_nesting_alone(text: str) -> None:
    assert findings(text, "double-marker") == []
