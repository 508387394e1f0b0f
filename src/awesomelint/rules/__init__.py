"""Every rule, in one explicit tuple: the order `awesomelint rules`, the README table and
SARIF list them in, and the order they run in. A rule exists when it is listed here."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..registry import Rule
from . import (
    anchors,
    archived_repo,
    contents,
    copied_link,
    dead_link,
    descriptions,
    duplicates,
    empty_list_item,
    insecure_url,
    layout,
    link_error,
    linktext,
    lists,
    missing_scheme,
    mixed_script,
    mojibake,
    numbering,
    offtopic,
    order,
    placeholders,
    redirected_link,
    references,
    repo_metadata,
    repofiles,
    structure,
    syntax,
    tables,
    tracking_param,
    url_invisible_char,
    url_shortener,
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
    tracking_param.tracking_param,
    url_shortener.url_shortener,
    insecure_url.insecure_url,
    linktext.link_text_mismatch,
    anchors.broken_anchor,
    numbering.list_numbering,
    tables.table_shape,
    tables.empty_cell_marker,
    whitespace.whitespace,
    lists.double_marker,
    missing_scheme.missing_scheme,
    contents.toc_sync,
    order.entry_order,
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
    dead_link.dead_link,
    redirected_link.redirected_link,
    link_error.link_error,
    archived_repo.archived_repo,
    repo_metadata.repo_metadata,
)


def _by_name(rules: tuple[Rule, ...]) -> Mapping[str, Rule]:
    names = [r.name for r in rules]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValueError(f"rules listed twice: {', '.join(repeated)}")
    return MappingProxyType({r.name: r for r in rules})


BY_NAME: Mapping[str, Rule] = _by_name(RULES)
