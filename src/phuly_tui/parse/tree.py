"""Where nodes sit relative to each other: ancestors, containment, what lies outside.

The article rules ask these of the body, the title and the labelled blocks
(related news, attachments) around them.  Each walks parents only, never a
subtree, so a question costs the depth of the page.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

__all__ = ["ancestor", "children_outside", "common_ancestor", "contains"]


def children_outside(root: LexborNode, body: LexborNode) -> list[LexborNode]:
    """Children of ``root`` that do not hold ``body`` (where labelled blocks sit)."""
    holders: set[int] = set()
    node: LexborNode | None = body
    while node is not None and node.mem_id != root.mem_id:
        holders.add(node.mem_id)
        node = node.parent
    return [
        child
        for child in root.iter()
        if child.mem_id not in holders and child.tag not in ("-text", "-comment")
    ]


def ancestor(node: LexborNode, levels: int) -> LexborNode:
    """``node``'s ancestor ``levels`` up, stopping below ``<body>``."""
    for _ in range(levels):
        parent = node.parent
        if parent is None or parent.tag in ("body", "html"):
            break
        node = parent
    return node


def common_ancestor(a: LexborNode, b: LexborNode) -> LexborNode | None:
    """The nearest node holding both ``a`` and ``b`` (None in different trees)."""
    seen: set[int] = set()
    node: LexborNode | None = a
    while node is not None:
        seen.add(node.mem_id)
        node = node.parent
    node = b
    while node is not None:
        if node.mem_id in seen:
            return node
        node = node.parent
    return None


def contains(holder: LexborNode, node: LexborNode) -> bool:
    """Whether ``node`` is ``holder`` or lies under it."""
    current: LexborNode | None = node
    while current is not None:
        if current.mem_id == holder.mem_id:
            return True
        current = current.parent
    return False
