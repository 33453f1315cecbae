"""The article side of the model: :class:`Article`, its body blocks, its links.

Part of :mod:`phuly_tui.model` (import these names from there): the listing
side — what a start of the app shows — lives in the package itself, this module
is loaded with the first article (an article read, parsed or rebuilt from the
store).  Its ten dataclasses cost ~2.5 ms to build, which a start that shows
stored titles no longer pays before its first frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

from ..values import Value

__all__ = [
    "Article",
    "Attachment",
    "Block",
    "Heading",
    "Image",
    "InlineLink",
    "ListBlock",
    "Paragraph",
    "RelatedLink",
    "Table",
    "Video",
    "block_from_dict",
]


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class InlineLink(Value):
    """A link inside a paragraph: its visible text and absolute URL."""

    text: str
    url: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "url": self.url}


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Paragraph(Value):
    """A paragraph of body text, inline markup flattened."""

    text: str
    links: tuple[InlineLink, ...] = ()
    type: Literal["paragraph"] = field(default="paragraph", init=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "paragraph", "text": self.text}
        if self.links:
            out["links"] = [link.to_dict() for link in self.links]
        return out


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Heading(Value):
    """A heading from ``<h1>``–``<h6>`` in the body."""

    text: str
    level: int = 2
    type: Literal["heading"] = field(default="heading", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {"type": "heading", "text": self.text, "level": self.level}


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Image(Value):
    """One ``<img>`` of the body.

    ``alt`` is the alt attribute as written (often only the file name, which is
    SharePoint's default and never a caption); ``caption`` is the figcaption,
    the image table's second row or the italic paragraph under the image.
    """

    src: str
    alt: str = ""
    caption: str | None = None
    type: Literal["image"] = field(default="image", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {"type": "image", "src": self.src, "alt": self.alt, "caption": self.caption}


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class ListBlock(Value):
    """A bulleted (``ordered=False``) or numbered list."""

    items: tuple[str, ...]
    ordered: bool = False
    type: Literal["list"] = field(default="list", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {"type": "list", "ordered": self.ordered, "items": list(self.items)}


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Table(Value):
    """A data table: rows of cell texts, header row included."""

    rows: tuple[tuple[str, ...], ...]
    type: Literal["table"] = field(default="table", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {"type": "table", "rows": [list(row) for row in self.rows]}


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Video(Value):
    """An embedded video (``<video>`` or ``<iframe>``)."""

    src: str
    caption: str | None = None
    type: Literal["video"] = field(default="video", init=False)

    def to_dict(self) -> dict[str, Any]:
        return {"type": "video", "src": self.src, "caption": self.caption}


Block: TypeAlias = Paragraph | Heading | Image | ListBlock | Table | Video


def block_from_dict(data: dict[str, Any]) -> Block:
    """Rebuild a block from its ``to_dict()`` form (used by the store)."""
    kind = data.get("type")
    if kind == "paragraph":
        links = tuple(InlineLink(str(x["text"]), str(x["url"])) for x in data.get("links", ()))
        return Paragraph(str(data["text"]), links)
    if kind == "heading":
        return Heading(str(data["text"]), int(data.get("level", 2)))
    if kind == "image":
        return Image(str(data["src"]), str(data.get("alt") or ""), data.get("caption"))
    if kind == "list":
        return ListBlock(tuple(str(x) for x in data["items"]), bool(data.get("ordered")))
    if kind == "table":
        return Table(tuple(tuple(str(c) for c in row) for row in data["rows"]))
    if kind == "video":
        return Video(str(data["src"]), data.get("caption"))
    raise ValueError(f"unknown block type: {kind!r}")


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class RelatedLink(Value):
    """An entry of the article's "Tin liên quan" block."""

    title: str
    url: str
    published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "url": self.url, "published": self.published}


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Attachment(Value):
    """A file of the article's attachments box ("Tải về", "File đính kèm")."""

    title: str
    url: str

    @property
    def file_type(self) -> str:
        """Upper-case extension of the file ("PDF", "DOCX"), or "" when unknown."""
        path = self.url.split("?", 1)[0].split("#", 1)[0]
        name = path.rsplit("/", 1)[-1]
        if "." not in name:
            return ""
        return name.rsplit(".", 1)[-1].upper()[:8]

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "url": self.url}


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Article(Value):
    """A news article, body as typed blocks in document order.

    ``published_from`` says where the date came from when not from the page
    itself: ``"listing"`` when the page shows none and a stored listing did
    (:class:`~phuly_tui.library.Library` fills it in; the parser never does).
    """

    url: str
    title: str
    section: str | None = None
    published: str | None = None
    lead: str | None = None
    author: str | None = None
    blocks: tuple[Block, ...] = ()
    related: tuple[RelatedLink, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    published_from: str | None = None

    @property
    def images(self) -> tuple[Image, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Image))

    @property
    def links(self) -> tuple[InlineLink, ...]:
        """Every inline link of the body, in order (the reader numbers them)."""
        return tuple(link for b in self.blocks if isinstance(b, Paragraph) for link in b.links)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "article",
            "url": self.url,
            "title": self.title,
            "section": self.section,
            "published": self.published,
            "lead": self.lead,
            "author": self.author,
            "blocks": [b.to_dict() for b in self.blocks],
            "related": [r.to_dict() for r in self.related],
            "attachments": [a.to_dict() for a in self.attachments],
        } | ({"published_from": self.published_from} if self.published_from else {})

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            url=str(data["url"]),
            title=str(data["title"]),
            section=data.get("section"),
            published=data.get("published"),
            lead=data.get("lead"),
            author=data.get("author"),
            blocks=tuple(block_from_dict(b) for b in data.get("blocks", ())),
            related=tuple(
                RelatedLink(str(r["title"]), str(r["url"]), r.get("published"))
                for r in data.get("related", ())
            ),
            attachments=tuple(
                Attachment(str(a["title"]), str(a["url"])) for a in data.get("attachments", ())
            ),
            published_from=data.get("published_from"),
        )
