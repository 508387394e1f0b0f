from __future__ import annotations

import json

from .located import Located


def render(items: list[Located]) -> str:
    return json.dumps([item.to_dict() for item in items], indent=2, ensure_ascii=False) + "\n"
