"""Every rule, in one explicit tuple: the order `awesomelint rules`, the README table and
SARIF list them in, and the order they run in. A rule exists when it is listed here."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..engine.registry import Rule
from . import (
    archived_repo,
    awesome_badge,
    broken_anchor,
    ci_badge,
    contributing_file,
    copied_link,
    dead_link,
    description_case,
    description_period,
    description_repeats_name,
    double_marker,
    duplicate_entry,
    empty_cell_marker,
    empty_list_item,
    entry_order,
    entry_separator,
    insecure_url,
    invalid_comment,
    layout,
    license_file,
    license_section,
    link_error,
    link_text_mismatch,
    list_marker_space,
    list_numbering,
    list_title,
    missing_file,
    missing_link,
    missing_scheme,
    mixed_script,
    mojibake,
    nested_link,
    off_topic,
    placeholder_url,
    redirected_link,
    repo_metadata,
    stale_entry,
    table_shape,
    term_spelling,
    title_case,
    toc_depth,
    toc_position,
    toc_sync,
    tracking_param,
    unbalanced_quotes,
    undefined_reference,
    unused_definition,
    url_invisible_char,
    url_shortener,
    whitespace,
)

RULES: tuple[Rule, ...] = (
    nested_link.nested_link,
    placeholder_url.placeholder_url,
    duplicate_entry.duplicate_entry,
    copied_link.copied_link,
    mojibake.mojibake,
    off_topic.off_topic,
    missing_link.missing_link,
    tracking_param.tracking_param,
    url_shortener.url_shortener,
    insecure_url.insecure_url,
    link_text_mismatch.link_text_mismatch,
    broken_anchor.broken_anchor,
    missing_file.missing_file,
    list_numbering.list_numbering,
    table_shape.table_shape,
    empty_cell_marker.empty_cell_marker,
    whitespace.whitespace,
    double_marker.double_marker,
    missing_scheme.missing_scheme,
    toc_sync.toc_sync,
    entry_order.entry_order,
    list_marker_space.list_marker_space,
    undefined_reference.undefined_reference,
    unused_definition.unused_definition,
    list_title.list_title,
    entry_separator.entry_separator,
    url_invisible_char.url_invisible_char,
    empty_list_item.empty_list_item,
    mixed_script.mixed_script,
    awesome_badge.awesome_badge,
    title_case.title_case,
    toc_position.toc_position,
    toc_depth.toc_depth,
    description_period.description_period,
    description_case.description_case,
    description_repeats_name.description_repeats_name,
    unbalanced_quotes.unbalanced_quotes,
    term_spelling.term_spelling,
    license_section.license_section,
    license_file.license_file,
    contributing_file.contributing_file,
    ci_badge.ci_badge,
    invalid_comment.invalid_comment,
    layout.layout,
    dead_link.dead_link,
    redirected_link.redirected_link,
    link_error.link_error,
    archived_repo.archived_repo,
    stale_entry.stale_entry,
    repo_metadata.repo_metadata,
)


def _by_name(rules: tuple[Rule, ...]) -> Mapping[str, Rule]:
    names = [r.name for r in rules]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValueError(f"rules listed twice: {', '.join(repeated)}")
    return MappingProxyType({r.name: r for r in rules})


BY_NAME: Mapping[str, Rule] = _by_name(RULES)
