"""Every rule, in one explicit tuple: the order `awesomelint rules`, the README table and
SARIF list them in, and the order they run in. A rule exists when it is listed here."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..registry import Rule
from .anchors import broken_anchor
from .duplicates import duplicate_entry
from .hygiene import insecure_url, missing_scheme, tracking_param, url_shortener
from .linktext import link_text_mismatch
from .lists import double_marker
from .mojibake import mojibake
from .numbering import list_numbering
from .offtopic import off_topic
from .online import archived_repo, dead_link, link_error, redirected_link
from .placeholders import missing_link, placeholder_url
from .syntax import nested_link
from .tables import empty_cell_marker, table_shape
from .whitespace import whitespace

RULES: tuple[Rule, ...] = (
    nested_link,
    placeholder_url,
    duplicate_entry,
    mojibake,
    off_topic,
    missing_link,
    tracking_param,
    url_shortener,
    insecure_url,
    link_text_mismatch,
    broken_anchor,
    list_numbering,
    table_shape,
    empty_cell_marker,
    whitespace,
    double_marker,
    missing_scheme,
    dead_link,
    redirected_link,
    link_error,
    archived_repo,
)


def _by_name(rules: tuple[Rule, ...]) -> Mapping[str, Rule]:
    names = [r.name for r in rules]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValueError(f"rules listed twice: {', '.join(repeated)}")
    return MappingProxyType({r.name: r for r in rules})


BY_NAME: Mapping[str, Rule] = _by_name(RULES)
