"""URL helpers shared by the rules: hosts, query parameters, canonical forms."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from urllib.parse import SplitResult, urlsplit

from .. import data

# "owner/repo" as link text: what a GitHub or Hugging Face address names
OWNER_REPO = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
_ARXIV = re.compile(r"^(?:export\.)?arxiv\.org/(?:abs|pdf|html)/(?P<id>[\w.\-/]+?)(?:v\d+)?(?:\.pdf)?$", re.I)
# a referrer value that names a site (ref=github.com, ref=https%3A…): tracking, not an API argument
_SITE_VALUE = re.compile(r"^(https?(:|%3A)|www\.|[\w-]+(\.[\w-]+)+(/|%2F|$))", re.I)
_GITHUB_TAIL = re.compile(r"/(?:tree|blob)/(?:main|master)/?$|/(?:tree|blob)/(?:main|master)/README\.md$", re.I)


@cache
def _split(url: str) -> SplitResult | None:
    """``url`` split, once per address however many rules ask (urlsplit is the costliest
    step of most URL questions); None when it cannot be split."""
    try:
        return urlsplit(url.strip())
    except ValueError:  # a malformed IPv6 address, say
        return None


@cache
def host_of(url: str) -> str:
    """The lower-case host of ``url`` ("" when it has none)."""
    parts = _split(url)
    return (parts.hostname or "").lower().rstrip(".") if parts is not None else ""


def host_matches(host: str, hosts: Iterable[str]) -> bool:
    """``host`` is one of ``hosts`` (or a subdomain of an entry written ``*.domain``).

    ``www.`` is ignored on both sides.
    """
    exact, domains = _host_set(tuple(hosts))
    host = strip_www(host)
    return host in exact or within(host, domains)


def within(host: str, domains: Iterable[str]) -> bool:
    """``host`` is one of ``domains`` or a subdomain of one."""
    return any(host == domain or host.endswith("." + domain) for domain in domains)


@lru_cache(maxsize=64)
def _host_set(hosts: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """(hosts named exactly, domains named as ``*.domain``) of a pattern list."""
    exact = frozenset(strip_www(h) for h in hosts if not h.startswith("*."))
    return exact, tuple(h[2:] for h in hosts if h.startswith("*."))


def strip_www(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


def paths_on(urls: Iterable[str], hosts: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(url, its path) for each address on one of ``hosts`` ("www." ignored): the pages a
    metadata source (arXiv, Hugging Face) can say something about."""
    wanted = {strip_www(host) for host in hosts}
    for url in urls:
        parts = _split(url)
        if parts is not None and strip_www(host_of(url)) in wanted:
            yield url, parts.path


def _untracked_query(query: str) -> str:
    """``query`` without the parameters that only track a click (utm_*, fbclid,
    ref=<site>…; urls.tracking_params), the others kept in their written order."""
    params = [p for p in query.split("&") if p]
    tracked = set(tracking_params(params, []))
    return "&".join(p for p in params if p not in tracked)


@cache
def canonical(url: str) -> str:
    """A form under which two links to the same work compare equal.

    https, no ``www.``, no trailing slash or index.html, no fragment unless it is what
    selects the page (a site's root with '#…', or '#!…'/'#/…' routes), GitHub
    ``/tree/main`` dropped and owner/repo lower-cased, arXiv abs/pdf/version folded,
    tracking parameters dropped (a query that selects content is kept: two pages).
    """
    parts = _split(url)
    if parts is None:
        return url.strip()
    host = strip_www((parts.hostname or "").lower())
    path = parts.path.rstrip("/")
    for index_page in ("/index.html", "/index.htm"):
        if path.lower().endswith(index_page):
            path = path[: -len(index_page)]
    if host in ("github.com", "huggingface.co", "gitlab.com"):
        path = _GITHUB_TAIL.sub("", path).rstrip("/").lower()
        if path.endswith(".git"):
            path = path[:-4]
    arxiv = _ARXIV.match(host + path)
    if arxiv:
        return "arxiv:" + arxiv.group("id").lower()
    if path.endswith((".full.pdf", ".full")) and "rxiv.org" in host:
        path = path.rsplit(".full", 1)[0]
    query = _untracked_query(parts.query) if host not in ("github.com",) else ""
    # a fragment is all that tells apart pages of a site that routes by it ('/#58I88I', '#!/x')
    fragment = parts.fragment if parts.fragment and (not path or parts.fragment[0] in "!/") else ""
    return f"{host}{path}" + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")


def https_counterpart(url: str) -> str | None:
    """The https address of a plain http one (``http://x.org/a`` -> ``https://x.org/a``)."""
    return "https://" + url[len("http://") :] if url[:7].lower() == "http://" else None


def split_query(url: str) -> tuple[str, list[str], str]:
    """(before '?', raw 'k=v' parameters, '#fragment' or '') without re-encoding anything."""
    fragment = ""
    if "#" in url:
        url, fragment = url.split("#", 1)
        fragment = "#" + fragment
    if "?" not in url:
        return url, [], fragment
    base, query = url.split("?", 1)
    return base, [p for p in query.split("&") if p != ""], fragment


def join_query(base: str, params: list[str], fragment: str) -> str:
    return base + ("?" + "&".join(params) if params else "") + fragment


def github_repo(url: str) -> tuple[str, str] | None:
    """(owner, repo) of a github.com / huggingface.co / gitlab.com repository URL."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = strip_www((parts.hostname or "").lower())
    if host not in ("github.com", "huggingface.co", "gitlab.com"):
        return None
    segments = [s for s in parts.path.split("/") if s]
    if host == "huggingface.co" and segments and segments[0] in ("datasets", "spaces"):
        segments = segments[1:]
    if len(segments) < 2:
        return None
    repo = segments[1][:-4] if segments[1].endswith(".git") else segments[1]
    return segments[0], repo


def tracking_params(params: list[str], extra: list[str]) -> list[str]:
    """The parameters of a query that only track where a click came from."""
    config = data.load("tracking")
    names = {n.lower() for n in config["names"] + extra if "=" not in n}
    pairs = {n.lower() for n in config["names"] + extra if "=" in n}
    prefixes = tuple(p.lower() for p in config["prefixes"])
    ref_names = {n.lower() for n in config["ref-names"]}
    tracked = []
    for param in params:
        name, _, value = param.partition("=")
        lowered = name.lower()
        if (
            lowered in names
            or param.lower() in pairs
            or lowered.startswith(prefixes)
            or (lowered in ref_names and _SITE_VALUE.match(value))
        ):
            tracked.append(param)
    return tracked


def squeezed(text: str) -> str:
    """Letters and digits only, case-folded: 'Cutt.ly', 'cuttly' and 'CUTT-LY' compare equal."""
    return "".join(c for c in text.casefold() if c.isalnum())


@cache
def host_words() -> dict[str, list[str]]:
    """Words a link text uses for a site -> the hosts that fit it (rules/link_hosts.yaml):
    link-text-mismatch reports a contradiction, nested-link prefers the target it names."""
    return data.load("link_hosts")["names"]


@lru_cache(maxsize=1)
def _login_patterns() -> list[re.Pattern]:
    return [re.compile(p, re.I) for p in data.load("links")["login-patterns"]]


def is_login(url: str) -> bool:
    """A login or consent page: never a fix target, whatever the redirect says."""
    return any(p.search(url) for p in _login_patterns())
