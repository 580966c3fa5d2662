"""Outline: labelled lines nested by their numbering, paragraphs under the heading they follow.

Levels come from the order labels appear in, not from a fixed scheme: the first kind of label is
level 1, a new kind met under it is level 2, and a kind seen before closes the levels below it. So a
document whose top level is （一） or 1. reads as well as one that starts at 一、.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from plancc.importer.extract import Line
from plancc.importer.labels import Label, read_label, read_missing_shi

MAX_LEVELS = 4


@dataclass
class Node:
    """A labelled line and what follows it: deeper labelled lines and plain paragraphs, in order."""

    label: Label | None
    line: Line | None
    level: int
    children: list[Node | Line] = field(default_factory=list)

    @property
    def nodes(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]

    @property
    def paragraphs(self) -> list[Line]:
        return [c for c in self.children if isinstance(c, Line)]

    def walk(self) -> list[Node]:
        out: list[Node] = []
        for n in self.nodes:
            out.append(n)
            out.extend(n.walk())
        return out


def build_outline(lines: list[Line]) -> Node:
    """Nest labelled lines into a tree; unlabelled lines attach to the latest node."""
    root = Node(None, None, 0)
    stack: list[Node] = [root]  # stack[i]: the open node at level i
    kinds: list[str] = []  # kinds[i]: the label kind of level i + 1
    for line in lines:
        label = None if line.cells is not None else read_label(line.text)
        if label is None and kinds and kinds[-1] == "shi" and stack[-1].label:
            label = read_missing_shi(line.text, stack[-1].label.number + 1)
        if label is None:
            stack[-1].children.append(line)
            continue
        if label.kind in kinds:
            level = kinds.index(label.kind) + 1
        elif len(kinds) < MAX_LEVELS:
            level = len(kinds) + 1
        else:
            stack[-1].children.append(line)  # a fifth level: keep it as text
            continue
        del kinds[level - 1 :]
        kinds.append(label.kind)
        del stack[level:]
        node = Node(label, line, level)
        stack[-1].children.append(node)
        stack.append(node)
    return root
