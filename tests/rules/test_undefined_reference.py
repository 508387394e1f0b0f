"""undefined-reference: '[Foo][foo]' and '[foo][]' with no definition; alerts, footnotes, escapes,
code and a lone '[WIP]' are not references."""

from __future__ import annotations

import pytest

from ..conftest import messages


def test_a_reference_with_no_definition() -> None:
    text = "- [Alpha][alpha] - A.\n- [Beta][] - B.\n\n[alfa]: https://alpha.example/\n"
    assert messages(text, "undefined-reference") == [
        "reference 'alpha' has no definition; '[Alpha][alpha]' shows as plain text",
        "reference 'Beta' has no definition; '[Beta][]' shows as plain text",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "- [Alpha][a] - A.\n\n[A]: https://alpha.example/\n",  # labels match regardless of case
        "> [!NOTE]\n> Read this.\n",
        "A claim.[^1]\n\n[^1]: The source.\n",
        "A claim.[^1][^2]\n\n[^1]: One source.\n[^2]: Another.\n",
        "- \\[Alpha\\]\\[alpha\\] - escaped.\n",
        "- [WIP] a lone bracket.\n",
        "`[Alpha][alpha]` in code\n",
    ],
)
def test_what_is_not_an_undefined_reference(text: str) -> None:
    assert messages(text, "undefined-reference") == []
