from __future__ import annotations

import json


def render(items) -> str:
    return json.dumps([item.to_dict() for item in items], indent=2, ensure_ascii=False) + "\n"
