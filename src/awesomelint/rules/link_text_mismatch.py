"""link-text-mismatch: link text that says one place while the link goes to another."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..engine.context import Context
from ..engine.registry import FixAvailability, rule
from ..findings import Finding, Severity
from ..model.entries import entry_name, strip_symbols
from ..model.urls import OWNER_REPO, github_repo, host_of, host_words, squeezed, strip_www, within

MIN_COLUMN_LINKS = 4
# a DOI names its publisher by prefix: 10.1101 is bioRxiv's and medRxiv's, 10.48550 arXiv's
_DOI_PREFIXES = {"biorxiv": "10.1101/", "medrxiv": "10.1101/", "arxiv": "10.48550/"}
# a product's own documentation, on its maker's developer site
_DOCS = {"google drive": ("developers.google.com", "/drive")}


@rule(
    "link-text-mismatch",
    summary="Link text naming an owner/repo or a host (GitHub, HF, arXiv) that the URL contradicts; a lone odd host in a table column.",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    bad="[pro-gigapath/prov-gigapath](https://github.com/prov-gigapath/prov-gigapath)\n| GitHub |\n| [HF](https://huggingface.co/paige-ai/Virchow2) |",
    good="[prov-gigapath/prov-gigapath](https://github.com/prov-gigapath/prov-gigapath)",
)
def link_text_mismatch(ctx: Context) -> Iterator[Finding]:
    """When a row is copied and edited, the text gets updated and the target does not
    (or the reverse): the text promises one repository and the click opens another. In
    a table, a link whose host differs from every other link in its column (a Hugging
    Face link in a GitHub column) is usually in the wrong cell. Case differences in
    owner/repo are fine: GitHub ignores case. A link whose address names the service
    ('[dropbox](https://github.com/…/elixir-dropbox)') is a project about it, not a
    link claiming to go to it."""
    for link in ctx.links:
        if link.kind == "image" or not link.url.lower().startswith(("http://", "https://")):
            continue
        message = _text_contradiction(link.text.strip(), link.url)
        if message:
            yield ctx.finding(link.start, link.end, message, entry=ctx.entry_at(link.start))
    yield from _column_outliers(ctx)


def _text_contradiction(text: str, url: str) -> str | None:
    host = strip_www(host_of(url))
    if OWNER_REPO.match(text):
        return _repo_contradiction(text, url)
    word = text.lower()
    hosts = host_words().get(word)
    if hosts and host and not within(host, hosts) and not _names_it_otherwise(word, host, url):
        return f"link text says {text} but the link goes to {host}"
    return None


def _names_it_otherwise(word: str, host: str, url: str) -> bool:
    """A DOI with the named publisher's prefix, the product's own documentation, or a
    project about the service (github.com/…/elixir-dropbox for 'dropbox')."""
    path = urlsplit(url).path
    if squeezed(word) in squeezed(path):
        return True
    prefix = _DOI_PREFIXES.get(word)
    if prefix and within(host, ("doi.org",)) and path.lstrip("/").startswith(prefix):
        return True
    docs = _DOCS.get(word)
    return docs is not None and host == docs[0] and path.startswith(docs[1])


def _repo_contradiction(text: str, url: str) -> str | None:
    """owner/repo text against a repository URL: one half right and one wrong is a slip.

    Texts that are Go-style import paths (a dot in the owner), sub-package paths
    (repo/package) or names that share nothing with the URL are not repository names.
    """
    repo = github_repo(url)
    owner, name = text.lower().rstrip("/").split("/", 1)
    if repo is None or "." in owner or not text.isascii() or not _is_repo_root(url):
        return None
    actual_owner, actual_name = repo[0].lower(), repo[1].lower()
    if (owner == actual_owner) != (name == actual_name):
        return f"link text names {text} but the link goes to {repo[0]}/{repo[1]}"
    return None


def _is_repo_root(url: str) -> bool:
    path = [p for p in url.split("?")[0].split("#")[0].split("/")[3:] if p]
    if path and path[0] in ("datasets", "spaces"):
        path = path[1:]
    return len(path) == 2 or (len(path) == 4 and path[2] == "tree" and path[3] in ("main", "master"))


def _column_outliers(ctx: Context) -> Iterator[Finding]:
    tables: dict[int, list] = {}
    for entry in ctx.entries:
        if entry.table is not None:
            tables.setdefault(entry.table, []).append(entry)
    for rows in tables.values():
        columns: dict[int, list] = {}
        for row in rows:
            for link in row.web_links:
                if link.cell is not None and link.url.lower().startswith(("http://", "https://")):
                    columns.setdefault(link.cell, []).append((row, link))
        for column, links in columns.items():
            hosts = Counter(strip_www(host_of(link.url)) for _, link in links)
            if len(hosts) != 2:
                continue
            (common, count), (odd, odd_count) = hosts.most_common(2)
            header = rows[0].headers[column] if column < len(rows[0].headers) else ""
            named = host_words().get(strip_symbols(header).lower())
            if odd_count != 1 or count < MIN_COLUMN_LINKS or not named or within(odd, named):
                continue
            for row, link in links:
                if strip_www(host_of(link.url)) == odd:
                    yield ctx.finding(
                        link.start,
                        link.end,
                        f"link '{link.text}' goes to {odd}, but the column is {header} and every other link in it goes to {common}",
                        entry=entry_name(row),
                    )
