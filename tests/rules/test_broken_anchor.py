"""broken-anchor: in-page links that match no heading; a case-only slip is an info note with a
safe fix; GitHub's own anchors, unicode and repeated headings, emoji headings and paths to
this page are read as GitHub reads them."""

from __future__ import annotations

from ..conftest import findings


def test_anchors() -> None:
    text = '# Top\n\n- [a](#large-vision-models)\n- [b](#Large-Vision-Models)\n- [c](#nowhere)\n- [d](#ref)\n\n## Large Vision Models\n\n<a name="ref"></a>\n'
    found = findings(text, "broken-anchor")
    assert len(found) == 2
    case_only = [f for f in found if f.fix]
    assert case_only[0].fix is not None
    assert case_only[0].fix.edits[0].content == "#large-vision-models"


def test_anchor_slugs_keep_unicode_and_number_repeats() -> None:
    text = "# T\n\n- [a](#über-uns)\n- [b](#faq-1)\n\n## Über uns\n\n## FAQ\n\n## FAQ\n"
    assert findings(text, "broken-anchor") == []


def test_case_only_anchor_mismatch_is_an_info_note_with_a_safe_fix() -> None:
    (found,) = findings("# T\n\n- [Conferences](#Conferences)\n\n## Conferences\n", "broken-anchor")
    assert found.fix is not None
    assert found.severity.value == "info" and found.fix.edits[0].content == "#conferences"


def test_anchors_written_as_paths_to_this_page_are_checked() -> None:
    text = "# T\n\n- [A](./#alpha)\n- [B](README.md#beta)\n- [C](./#gamma)\n\n## Alpha\n\n## Beta\n"
    assert [f.message for f in findings(text, "broken-anchor")] == ["anchor '#gamma' matches no heading on this page"]


def test_back_to_top_links_to_githubs_own_anchors_pass() -> None:
    assert findings("# T\n\n[back to top](#readme) [top](#top)\n", "broken-anchor") == []


def test_emoji_headings_answer_to_both_slugs() -> None:
    text = "# T\n\n- [Routers](#-routers)\n- [Routers](#\ufe0f-routers)\n\n## ⬆️ Routers\n"
    assert findings(text, "broken-anchor") == []
