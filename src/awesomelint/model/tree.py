"""The token stream as a tree of blocks: lists hold items, items hold paragraphs."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown_it.token import Token


def lines(token: Token) -> tuple[int, int]:
    """The 0-based [first, last) source lines of a block token (one the parser placed)."""
    if token.map is None:
        raise ValueError(f"{token.type} token has no source lines")
    return token.map[0], token.map[1]


class _Inlines:
    """Every inline token of the stream with its position: a node's inline tokens are
    the ones between its opening and closing tokens, found by bisection, not by walking
    its subtree (entry extraction asks every list and table for them)."""

    __slots__ = ("positions", "tokens")

    def __init__(self, tokens: list[Token]):
        self.positions = [index for index, token in enumerate(tokens) if token.type == "inline"]
        self.tokens = [tokens[index] for index in self.positions]

    def between(self, first: int, last: int) -> list[Token]:
        return self.tokens[bisect.bisect_left(self.positions, first) : bisect.bisect_right(self.positions, last)]


@dataclass(eq=False)
class Node:
    """One block of the token stream: an opening token and what it holds until it closes."""

    type: str
    token: Token
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    first: int = -1  # position of its token in the stream
    last: int = -1  # position of its closing token (its own, for a token that does not open)
    inlines: _Inlines | None = field(default=None, repr=False, compare=False)
    map: list[int] | None = field(init=False, repr=False, compare=False)  # the token's source lines
    _below: list[Token] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.map = self.token.map  # read for every node by every walk: an attribute, not a property

    def inline_tokens(self) -> list[Token]:
        """The inline tokens below this node, in order (found once: entry extraction asks
        each item for its title, text and links)."""
        if self._below is None:
            assert self.inlines is not None  # every node build_tree makes knows the stream's inline tokens
            self._below = self.inlines.between(self.first, self.last)
        return self._below

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, in document order (a stack, not recursion:
        entry extraction walks every item of a 100,000-entry list)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def build_tree(tokens: list[Token]) -> Node:
    """The root node over every block of ``tokens``: each ``*_open`` token opens a node
    that takes the tokens up to its ``*_close``; other tokens are leaves."""
    inlines = _Inlines(tokens)
    root = Node("root", Token("root", "", 0), first=-1, last=len(tokens), inlines=inlines)
    stack = [root]
    for index, token in enumerate(tokens):
        if token.nesting == 1:
            node = Node(token.type[: -len("_open")], token, stack[-1], first=index, inlines=inlines)
            stack[-1].children.append(node)
            stack.append(node)
        elif token.nesting == -1:
            stack.pop().last = index
        else:
            stack[-1].children.append(Node(token.type, token, stack[-1], first=index, last=index, inlines=inlines))
    for unclosed in stack[1:]:
        unclosed.last = len(tokens)
    return root
