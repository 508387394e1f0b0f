"""Importing this package registers every rule, in the order `awesomelint rules` lists them."""

from . import (  # noqa: F401
    syntax,
    placeholders,
    duplicates,
    mojibake,
    offtopic,

    hygiene,
    linktext,
    anchors,
    numbering,
    tables,
    whitespace,
    online,
)
