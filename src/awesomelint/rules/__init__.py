"""Importing this package registers every rule, in the order `awesomelint rules` lists them."""

from . import (  # noqa: F401
    anchors,
    duplicates,
    hygiene,
    linktext,
    lists,
    mojibake,
    numbering,
    offtopic,
    online,
    placeholders,
    syntax,
    tables,
    whitespace,
)

# the order `awesomelint rules`, the README table and SARIF list them in: the stable ids of DESIGN.md
ORDER = [
    "nested-link", "placeholder-url", "duplicate-entry", "mojibake", "off-topic", "missing-link", "tracking-param",
    "url-shortener", "insecure-url", "link-text-mismatch", "broken-anchor", "list-numbering", "table-shape",
    "empty-cell-marker", "whitespace", "double-marker", "missing-scheme", "dead-link", "redirected-link", "link-error", "archived-repo",
]
