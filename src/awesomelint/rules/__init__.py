"""Every rule, in one explicit tuple: the order `awesomelint rules`, the README table and
SARIF list them in, and the order they run in. A rule exists when it is listed here."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..registry import Rule
from . import (
    broken_anchor,
    copied_link,
    descriptions,
    duplicate_entry,
    empty_list_item,
    entry_order,
    hygiene,
    layout,
    link_text_mismatch,
    list_numbering,
    lists,
    mixed_script,
    mojibake,
    nested_link,
    off_topic,
    online,
    placeholders,
    references,
    repofiles,
    structure,
    tables,
    toc_sync,
    url_invisible_char,
    whitespace,
)

RULES: tuple[Rule, ...] = (
    nested_link.nested_link,
    placeholders.placeholder_url,
    duplicate_entry.duplicate_entry,
    copied_link.copied_link,
    mojibake.mojibake,
    off_topic.off_topic,
    placeholders.missing_link,
    hygiene.tracking_param,
    hygiene.url_shortener,
    hygiene.insecure_url,
    link_text_mismatch.link_text_mismatch,
    broken_anchor.broken_anchor,
    list_numbering.list_numbering,
    tables.table_shape,
    tables.empty_cell_marker,
    whitespace.whitespace,
    lists.double_marker,
    hygiene.missing_scheme,
    toc_sync.toc_sync,
    entry_order.entry_order,
    lists.list_marker_space,
    references.undefined_reference,
    references.unused_definition,
    structure.list_title,
    descriptions.entry_separator,
    url_invisible_char.url_invisible_char,
    empty_list_item.empty_list_item,
    mixed_script.mixed_script,
    structure.awesome_badge,
    structure.title_case,
    structure.toc_position,
    structure.toc_depth,
    descriptions.description_period,
    descriptions.description_case,
    descriptions.description_repeats_name,
    descriptions.unbalanced_quotes,
    descriptions.term_spelling,
    structure.license_section,
    repofiles.license_file,
    repofiles.contributing_file,
    structure.ci_badge,
    layout.layout,
    online.dead_link,
    online.redirected_link,
    online.link_error,
    online.archived_repo,
    online.repo_metadata,
)


def _by_name(rules: tuple[Rule, ...]) -> Mapping[str, Rule]:
    names = [r.name for r in rules]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValueError(f"rules listed twice: {', '.join(repeated)}")
    return MappingProxyType({r.name: r for r in rules})


BY_NAME: Mapping[str, Rule] = _by_name(RULES)
