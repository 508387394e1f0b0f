"""unused-definition: a definition no link uses is an info note; the fix drops a one-line
definition outside a quote."""

from __future__ import annotations

from ..conftest import findings, fixed


def test_an_unused_definition_is_an_info_note_removed_by_fix() -> None:
    text = "# X\n\n- [Alpha][alpha] - A.\n- [Beta] - B.\n\n[alpha]: https://alpha.example/\n[beta]: https://beta.example/\n[gamma]: https://gamma.example/\n"
    (finding,) = findings(text, "unused-definition")
    assert finding.message == "definition '[gamma]' is not used by any link" and finding.severity.value == "info"
    assert fixed(text, "unused-definition") == text.replace("[gamma]: https://gamma.example/\n", "")


def test_an_unused_definition_in_a_quote_is_reported_without_a_fix() -> None:
    (finding,) = findings("> [gamma]: https://gamma.example/\n", "unused-definition")
    assert finding.fix is None
