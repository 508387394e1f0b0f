"""mojibake: exact repairs are safe, lost bytes that the context settles are safe and the
rest unsafe; real accented, CJK and emoji text and clean lists are left alone."""

from __future__ import annotations

import pytest

from ..conftest import file_findings, findings, fix_of, seed


def test_mojibake_exact_repairs_are_safe() -> None:
    text = "# ğŸ§  Awesome\n\nTrained on 8Ã— A100, a visualâ€“omics model by Cristina Almagro-PÃ©rez.\n"
    found = findings(text, "mojibake")
    repaired = {fix_of(f).edits[0].content for f in found}
    assert {"🧠", "×", "–", "é"} <= {r.strip() for r in repaired} | {r for r in repaired}
    assert all(fix_of(f).applicability.value == "safe" for f in found)


def test_mojibake_lost_bytes_that_context_settles_are_safe() -> None:
    # a joiner between two emoji, a variation selector after one, the one lowercase candidate
    text = "# ğŸ§  List\n\n- ğŸ§‘â€ğŸ”¬ Authors: MatÃas Courdurier, ğŸ›¡ï¸ shield\n"
    fixes = {f.fix.edits[0].content: f.fix.applicability.value for f in findings(text, "mojibake") if f.fix}
    assert fixes["🧑\u200d🔬"] == "safe" and fixes["í"] == "safe"
    assert fixes["🛡\ufe0f"] == "safe"


def test_mojibake_lost_bytes_with_several_candidates_stay_unsafe_and_say_which() -> None:
    text = "# ğŸ§  List\n\n## ğŸ›ï¸ Gallery\n"
    (found,) = [f for f in findings(text, "mojibake") if "Gallery" not in f.message and f.start > 10]
    assert found.fix is not None
    assert found.fix.applicability.value == "unsafe"
    assert "it may also have been" in found.message and "🛏" in found.message


@pytest.mark.parametrize(
    "text", ["SÃO PAULO and naïve Ångström 3×3 – ok", "中文 and 👩‍🔬 and café » fine", "Ça va, déjà vu"]
)
def test_mojibake_leaves_real_text_alone(text: str) -> None:
    assert findings(f"# T\n\n{text}\n", "mojibake") == []


def test_no_mojibake_in_clean_lists() -> None:
    from ..conftest import CORPUS

    for clean in [seed("000"), seed("003"), *CORPUS]:
        _, found = file_findings(clean, "mojibake")
        assert found == [], clean


def test_the_mojibake_character_classes_are_those_of_ftfys_sloppy_codecs() -> None:
    """The classes are built with the standard codecs so that ftfy loads only when needed."""
    import ftfy.bad_codecs  # noqa: F401

    from awesomelint.rules import mojibake

    for low, high in ((0x80, 0xBF), (0xC2, 0xF4)):
        sloppy: set[str] = set()
        for codec in mojibake._CODECS:
            sloppy.update(bytes(range(low, high + 1)).decode(codec, errors="ignore"))
        assert mojibake._chars_for(low, high) == "".join(sorted(sloppy))
