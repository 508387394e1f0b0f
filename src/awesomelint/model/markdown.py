"""The one markdown-it-py configuration every part of awesomelint parses with.

markdown-it-py gives block tokens a line map but inline tokens no offsets. The rules
need exact source spans for links and code spans (to report columns and to emit
text edits), so the inline rules that make those tokens are wrapped here to record
``token.meta["span"] = (start, end)`` as offsets into the inline token's content.
The parser itself still decides what is a link; nothing re-parses markdown by regex.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.linkify import SCHEME_RE
from markdown_it.token import Token

InlineRule = Callable[[StateInline, bool], bool]

# inline rule name -> the token type whose span it records
_RECORDED = {
    "link": "link_open",
    "image": "image",
    "autolink": "link_open",
    "backticks": "code_inline",
    "html_inline": "html_inline",
}


MAX_URL = 4096  # longer than any address a browser or server takes
_SCHEME_ROOM = 64  # room before "://" for the scheme the rule reads back


def _recording_linkify(rule: InlineRule) -> InlineRule:
    """A bare ``https://…`` that GitHub turns into a link: record its span (it starts at
    the scheme, which the rule takes back from the pending text) as its destination too.

    linkify-it matches from the scheme to the end of the text it is given; on a line with
    thousands of "://" and no space that is quadratic. The rule sees a window of the text
    around the scheme, MAX_URL long, which no real address outgrows.
    """

    def wrapped(state: StateInline, silent: bool) -> bool:
        # the rule only fires at "://"; search the pending text only then (it can be long)
        if not state.src.startswith("://", state.pos):
            return False
        scheme = SCHEME_RE.search(state.pending[-_SCHEME_ROOM:]) if not silent else None
        start = state.pos - len(scheme.group(1)) if scheme else 0
        first_new = len(state.tokens)
        source, end, offset = state.src, state.posMax, max(0, state.pos - _SCHEME_ROOM)
        state.src = source[offset : state.pos + MAX_URL]
        state.pos -= offset
        state.posMax = min(end, state.pos + offset + MAX_URL) - offset
        try:
            matched = rule(state, silent)
        finally:
            state.pos += offset
            state.src, state.posMax = source, end
        if matched and scheme is not None:
            for token in state.tokens[first_new:]:
                if token.type == "link_open":
                    token.meta["span"] = token.meta["dest"] = (start, state.pos)
                    break
        return matched

    return wrapped


def _recording(rule: InlineRule, token_type: str) -> InlineRule:
    def wrapped(state: StateInline, silent: bool) -> bool:
        start = state.pos
        first_new = len(state.tokens)
        matched = rule(state, silent)
        if matched and not silent:
            for token in state.tokens[first_new:]:
                if token.type == token_type:
                    token.meta["span"] = (start, state.pos)
                    if token_type in ("link_open", "image") and state.src[start] in "[!":
                        _record_destination(state, start, token)
                    break
        return matched

    return wrapped


def _record_destination(state: StateInline, start: int, token: Token) -> None:
    """Remember where the written destination of an inline link or image sits."""
    label_start = start + (2 if state.src[start] == "!" else 1)
    label_end = state.md.helpers.parseLinkLabel(state, label_start - 1, True)
    if label_end < 0:
        return
    token.meta["label"] = (label_start, label_end)
    pos = label_end + 1
    src = state.src
    if pos >= len(src) or src[pos] != "(":
        token.meta["reference"] = True
        return
    pos += 1
    while pos < len(src) and src[pos] in " \t\n":
        pos += 1
    result = parseLinkDestination(src, pos, len(src))
    if result.ok:
        token.meta["dest"] = (pos, result.pos)


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """CommonMark plus GitHub's tables, strikethrough and bare-URL links, with span recording.

    Bare URLs are linked like GitHub does for ``http://``/``https://`` (linkify-it-py,
    fuzzy domains off: GitHub does not link ``example.com`` alone).
    """
    md = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])
    assert md.linkify is not None  # the "linkify" option loads linkify-it-py
    md.linkify.set({"fuzzy_link": False, "fuzzy_email": False, "fuzzy_ip": False})
    md.core.ruler.disable("linkify")  # the inline rule links URLs with positions; the core pass has none
    for name, token_type in _RECORDED.items():
        original = next(r for r in md.inline.ruler.__rules__ if r.name == name).fn
        md.inline.ruler.at(name, _recording(original, token_type))
    linkify = next(r for r in md.inline.ruler.__rules__ if r.name == "linkify").fn
    md.inline.ruler.at("linkify", _recording_linkify(linkify))
    return md


def render(text: str) -> str:
    """HTML for ``text``."""
    return render_tokens(parser().parse(text))


def render_tokens(tokens: list[Token]) -> str:
    """HTML for parsed tokens (what ``render(text)`` gives, without parsing the text
    again); the fix safety check compares these."""
    md = parser()
    return md.renderer.render(tokens, md.options, {})
