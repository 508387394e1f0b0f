"""license-section: a License section in the README, removed only with unsafe fixes."""

from __future__ import annotations

from ..conftest import fixed, messages


def test_a_license_section_is_removed_only_with_unsafe_fixes() -> None:
    text = "# Awesome X\n\n## Tools\n\n- [Alpha](https://alpha.example/) - A.\n\n## License\n\nCC0\n\n## Footer\n"
    assert messages(text, "license-section") == [
        "a License section in the README; the license belongs in a license file"
    ]
    assert fixed(text, "license-section") == text
    assert fixed(text, "license-section", unsafe=True) == text.replace("## License\n\nCC0\n\n", "")
