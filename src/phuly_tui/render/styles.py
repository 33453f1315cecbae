"""How each :data:`~.blocks.Role` looks on a terminal: one table for the reader and the CLI.

The reader (Textual) and ``phuly-tui read`` on a terminal (Rich) draw the same
blocks; they look the same because they look their styles up here.  Styles are
Rich style strings; with ``NO_COLOR`` or a monochrome terminal the emphasis
(bold, italic, dim, underline) is what is left, so no role relies on a colour.
"""

from __future__ import annotations

from typing import Final

from .blocks import Role

__all__ = ["STYLES"]

STYLES: Final[dict[Role, str]] = {
    "title": "bold",
    "meta": "dim",
    "date_estimated": "italic",
    "source": "dim",
    "address": "underline",
    "lead": "bold italic",
    "rule": "dim",
    "body": "",
    "heading": "bold underline",
    "image": "italic",
    "image_file_name": "dim",
    "video": "italic",
    "link": "underline",
    "link_number": "bold",
    "group": "bold",
    "file_type": "bold",
    "number": "bold",
    "date": "dim",
}
