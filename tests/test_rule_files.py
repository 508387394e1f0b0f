"""From a rule's name to its code, tests and docs without searching (CONTRIBUTING.md):
rule `foo-bar` is the function `foo_bar` in src/awesomelint/rules/foo_bar.py, tested in
tests/rules/test_foo_bar.py, explained by `awesomelint rule foo-bar`."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import awesomelint.rules as rules_package
from awesomelint.engine.registry import Rule
from awesomelint.rules import RULES

HERE = Path(__file__).parent
RULES_DIR = Path(rules_package.__file__).parent


def _snake(name: str) -> str:
    return name.replace("-", "_")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_a_rule_lives_in_the_module_named_after_it(rule: Rule) -> None:
    module = inspect.getmodule(rule.check)
    assert module is not None and module.__name__ == f"awesomelint.rules.{_snake(rule.name)}"
    assert getattr(module, _snake(rule.name)) is rule
    assert (module.__doc__ or "").startswith(f"{rule.name}: ")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_a_rule_has_a_test_file_named_after_it(rule: Rule) -> None:
    path = HERE / "rules" / f"test_{_snake(rule.name)}.py"
    assert path.is_file()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert any(isinstance(node, ast.FunctionDef) and node.name.startswith("test_") for node in tree.body)


def test_every_rule_module_holds_one_rule_and_imports_no_other_rule_module() -> None:
    names = {_snake(rule.name) for rule in RULES}
    modules = {path.stem for path in RULES_DIR.glob("*.py")} - {"__init__"}
    assert modules == names
    for path in RULES_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and path.stem != "__init__":
                pytest.fail(f"{path.name} imports from rules/{node.module}: shared helpers belong in a model module")
