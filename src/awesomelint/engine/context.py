"""What a rule reads while it runs: the parsed document and its models, the rule's own
options, and what a link-check run found. The linter builds one Context per document and
hands it to each enabled rule in turn (setting ``rule``); rules read nothing else.

Every field is typed, so a rule body is checked by mypy like the rest of the code.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Union

from ..findings import Finding
from ..model.document import Document
from ..model.entries import Entry, entry_name, entry_of_offset
from ..model.linkspans import Link

if TYPE_CHECKING:  # types only: the registry and the link checker import nothing of the rules' run
    from ..links.github import RepoMetadata
    from ..links.verdict import Verdict
    from ..model.generated import Generated
    from .layout import Options
    from .registry import Rule

# the list's own repository: "owner/name" and its metadata, or why there is none (a
# sentence), or None when the run did not ask
OwnRepository = tuple[str, Union["RepoMetadata", str, None]]


@dataclass(frozen=True)
class LinkRun:
    """What a link-check run found, for the rules that read it (empty without a run)."""

    verdicts: Mapping[str, Verdict] = field(default_factory=dict)  # url as written -> its verdict
    repository: OwnRepository | None = None  # for repo-metadata
    links_only: bool = False  # `awesomelint links`: offline rules say only what the run taught them


class Context:
    """What a rule reads: the document, its entries and links, its options and the link run."""

    def __init__(
        self,
        doc: Document,
        entries: list[Entry],
        links: list[Link],
        options: Mapping[str, Mapping[str, Any]],
        link_run: LinkRun | None = None,
        *,
        profile: str | None = None,
        layout: Options | None = None,
        generated: Generated | None = None,
        enabled: frozenset[str] = frozenset(),
        new_lines: frozenset[int] | None = None,
    ):
        self.doc = doc
        self.entries = entries
        self.links = links
        self.link_run = link_run or LinkRun()
        self.profile = profile  # the config's profile: a rule may hold a list to that profile's standard
        self.layout = layout  # the layout `fix` writes, or None when the config turns it off
        self.generated = generated  # set when the list is built from data: its order is the generator's
        self.enabled = enabled  # the rules this run has on: a rule leaves to another what that one says better
        # with --changed-since: the lines added since the revision (a rule may judge what
        # is new against what was there, as a reviewer does); None otherwise
        self.new_lines = new_lines
        self._options = options  # rule name -> its configured options; read through option()
        self.rule: Rule | None = None

    def links_judged(self, *kinds: str) -> Iterator[tuple[Link, Verdict]]:
        """The document's links (images aside) whose verdict in the link-check run is one
        of ``kinds``, each with its verdict: what dead-link, redirected-link, link-error
        and archived-repo report on. Without a run there are none."""
        verdicts = self.link_run.verdicts
        for link in self.links:
            if link.kind == "image":
                continue
            verdict = verdicts.get(link.url.strip())
            if verdict is not None and verdict.kind in kinds:
                yield link, verdict

    def finding(self, start: int, end: int, message: str, **kwargs: Any) -> Finding:
        assert self.rule is not None
        kwargs.setdefault("severity", self.rule.severity)
        return Finding(self.rule.name, message, start, end, **kwargs)

    def entry_at(self, offset: int) -> str | None:
        """The title of the entry holding ``offset``, for a finding's ``entry`` field."""
        return entry_name(entry_of_offset(self.entries, self.doc, offset))

    def option(self, key: str) -> Any:
        """The running rule's own option: configured, else the rule's default. A rule
        cannot read another rule's options (each setting has one owner)."""
        assert self.rule is not None
        if key not in self.rule.options:
            raise KeyError(f"rule {self.rule.name} has no option {key!r}")
        return self._options.get(self.rule.name, {}).get(key, self.rule.options[key])
