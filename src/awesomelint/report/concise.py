from __future__ import annotations


def render(items) -> str:
    return "".join(f"{i.path}:{i.line}:{i.column}: {i.rule} {i.message}\n" for i in items)
