"""Every rule, in one explicit tuple: the order `awesomelint rules`, the README table and
SARIF list them in, and the order they run in. A rule exists when it is listed here."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..registry import Rule
from . import (
    anchors,
    contents,
    copied_link,
    description_case,
    description_period,
    description_repeats_name,
    duplicates,
    empty_list_item,
    entry_separator,
    hygiene,
    layout,
    linktext,
    lists,
    mixed_script,
    mojibake,
    numbering,
    offtopic,
    online,
    order,
    placeholders,
    references,
    repofiles,
    structure,
    syntax,
    tables,
    term_spelling,
    unbalanced_quotes,
    url_invisible_char,
    whitespace,
)

RULES: tuple[Rule, ...] = (
    syntax.nested_link,
    placeholders.placeholder_url,
    duplicates.duplicate_entry,
    copied_link.copied_link,
    mojibake.mojibake,
    offtopic.off_topic,
    placeholders.missing_link,
    hygiene.tracking_param,
    hygiene.url_shortener,
    hygiene.insecure_url,
    linktext.link_text_mismatch,
    anchors.broken_anchor,
    numbering.list_numbering,
    tables.table_shape,
    tables.empty_cell_marker,
    whitespace.whitespace,
    lists.double_marker,
    hygiene.missing_scheme,
    contents.toc_sync,
    order.entry_order,
    lists.list_marker_space,
    references.undefined_reference,
    references.unused_definition,
    structure.list_title,
    entry_separator.entry_separator,
    url_invisible_char.url_invisible_char,
    empty_list_item.empty_list_item,
    mixed_script.mixed_script,
    structure.awesome_badge,
    structure.title_case,
    structure.toc_position,
    structure.toc_depth,
    description_period.description_period,
    description_case.description_case,
    description_repeats_name.description_repeats_name,
    unbalanced_quotes.unbalanced_quotes,
    term_spelling.term_spelling,
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
