"""Each rule's declared fix availability is what its findings carry (ruff's harness does
the same): a rule that reports only never offers a fix, a safe one only safe fixes, an
unsafe one only unsafe fixes, and a rule whose findings always come with a fix offers one
on its bad example. Checked on the examples, the seeds and the real lists, every rule on."""

from __future__ import annotations

from pathlib import Path

import pytest

from awesomelint.engine.config import parse_config
from awesomelint.engine.linter import lint
from awesomelint.engine.registry import FixAvailability, Rule
from awesomelint.findings import Applicability, Finding
from awesomelint.model.document import Document
from awesomelint.rules import BY_NAME

from .conftest import CORPUS, SEEDS, findings

EVERY_RULE = parse_config({"select": ["ALL"], "profile": "awesome", "layout": {"max-lines": 1000}})
OFFLINE = [rule for rule in BY_NAME.values() if not rule.online]
FIX_FROM_A_LINK_RUN = {"url-shortener"}  # its fix is the address a link check resolved


def declared_mismatch(finding: Finding) -> str | None:
    """Why the finding's fix contradicts its rule's declaration, or None."""
    declared = BY_NAME[finding.rule].fix
    if finding.fix is None:
        return None
    applicability = finding.fix.applicability
    if declared is FixAvailability.NONE:
        return "declares no fix but offers one"
    if declared is FixAvailability.SAFE and applicability is not Applicability.SAFE:
        return "declares safe fixes but offers an unsafe one"
    if declared is FixAvailability.UNSAFE and applicability is not Applicability.UNSAFE:
        return "declares unsafe fixes but offers a safe one"
    return None


@pytest.mark.parametrize("rule", OFFLINE, ids=lambda r: r.name)
def test_a_rule_that_declares_a_fix_offers_one_on_its_bad_example(rule: Rule) -> None:
    if rule.example_files:
        pytest.skip("judges files beside the README: covered by its own tests")
    found = findings(rule.example("bad"), rule.name)
    problems = [(f.message, why) for f in found if (why := declared_mismatch(f))]
    assert problems == []
    always = rule.fix in (FixAvailability.SAFE, FixAvailability.UNSAFE)  # "sometimes" may offer none here
    if always and rule.name not in FIX_FROM_A_LINK_RUN:
        assert any(f.fix is not None for f in found), f"{rule.name} declares {rule.fix.value} fixes, offers none"


@pytest.mark.parametrize("path", SEEDS + CORPUS, ids=lambda p: p.name)
def test_fixes_on_real_lists_are_what_their_rules_declare(path: Path) -> None:
    doc = Document.from_path(path)
    found = lint(doc, EVERY_RULE).findings
    problems = [(f.rule, doc.position(f.start)[0], why) for f in found if (why := declared_mismatch(f))]
    assert problems == []
