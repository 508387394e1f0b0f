"""The token stream as a tree of blocks: lists hold items, items hold paragraphs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown_it.token import Token


def lines(token: Token) -> tuple[int, int]:
    """The 0-based [first, last) source lines of a block token (one the parser placed)."""
    if token.map is None:
        raise ValueError(f"{token.type} token has no source lines")
    return token.map[0], token.map[1]


@dataclass(eq=False)
class Node:
    """One block of the token stream: an opening token and what it holds until it closes."""

    type: str
    token: Token
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    _inlines: list[Token] | None = field(default=None, repr=False, compare=False)
    map: list[int] | None = field(init=False, repr=False, compare=False)  # the token's source lines

    def __post_init__(self) -> None:
        self.map = self.token.map  # read for every node by every walk: an attribute, not a property

    def inline_tokens(self) -> list[Token]:
        """The inline tokens below this node, in order (computed once: entry extraction
        asks each item for its title, text and links)."""
        if self._inlines is None:
            self._inlines = [n.token for n in self.walk() if n.type == "inline"]
        return self._inlines

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
    root = Node("root", Token("root", "", 0))
    stack = [root]
    for token in tokens:
        if token.nesting == 1:
            node = Node(token.type[: -len("_open")], token, stack[-1])
            stack[-1].children.append(node)
            stack.append(node)
        elif token.nesting == -1:
            stack.pop()
        else:
            stack[-1].children.append(Node(token.type, token, stack[-1]))
    return root
