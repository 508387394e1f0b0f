"""license-section: a License section in the README, removed only with unsafe fixes."""

from __future__ import annotations

from awesomelint.config import parse_config
from awesomelint.document import Document
from awesomelint.fix import fix_document

from ..conftest import findings


def messages(text: str, rule: str) -> list[str]:
    return [f.message for f in findings(text, rule)]


def fixed(text: str, *rules: str, unsafe: bool = False, profile: str | None = None) -> str:
    raw = {"select": list(rules), **({"profile": profile} if profile else {})}
    config = parse_config(raw)
    once = fix_document(Document.from_text(text, "README.md"), config, unsafe=unsafe, layout=False).text
    again = fix_document(Document.from_text(once, "README.md"), config, unsafe=unsafe, layout=False).text
    assert again == once, "fix is not idempotent"
    return once


def test_a_license_section_is_removed_only_with_unsafe_fixes():
    text = "# Awesome X\n\n## Tools\n\n- [Alpha](https://alpha.example/) - A.\n\n## License\n\nCC0\n\n## Footer\n"
    assert messages(text, "license-section") == ["a License section in the README; the license belongs in a license file"]
    assert fixed(text, "license-section") == text
    assert fixed(text, "license-section", unsafe=True) == text.replace("## License\n\nCC0\n\n", "")
