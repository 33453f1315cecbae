"""Plain, frozen dataclasses for what the portal publishes.

The model is the contract between the parser, the store, the CLI and the app:
parsing produces it, the store keeps it (as ``to_dict()`` JSON) and rebuilds it
with ``from_dict()``, the renderers and the UI read it.  It imports no Textual
and does no I/O.

Every URL in the model is absolute (resolved against the page it came from).
``to_dict()`` returns the gold schema of the portal copy's README with those
absolute URLs; a gold comparison reduces same-site URLs to path + query first
(see :func:`phuly_tui.urls.reduce_same_site`).  Dates are ISO strings:
``"YYYY-MM-DD"`` or ``"YYYY-MM-DDTHH:MM"`` when the page shows a time.

The package holds the listing side (:class:`Section`, :class:`Home`,
:class:`Listing`, :class:`ListingItem`, :class:`FeaturedLink`) — all a start of
the app shows; the article side (:class:`Article`, the blocks, the links) is
:mod:`.article`, loaded on first use of any of its names through this package
(``from phuly_tui.model import Article`` works as always).  A module the app
imports before its first frame imports those names only where it uses them.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeGuard

from ..values import Value

if TYPE_CHECKING:
    from .article import (
        Article,
        Attachment,
        Block,
        Heading,
        Image,
        InlineLink,
        ListBlock,
        Paragraph,
        RelatedLink,
        Table,
        Video,
        block_from_dict,
    )

__all__ = [
    "Article",
    "Attachment",
    "Block",
    "FeaturedLink",
    "Heading",
    "Home",
    "Image",
    "InlineLink",
    "ListBlock",
    "Listing",
    "ListingItem",
    "Paragraph",
    "RelatedLink",
    "Section",
    "SectionNews",
    "Table",
    "Video",
    "block_from_dict",
    "is_article",
    "parse_iso",
]

#: the article side's names, loaded from :mod:`.article` on first use
_ARTICLE_SIDE = frozenset(
    {
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
    }
)


def __getattr__(name: str) -> Any:
    """The article side's names come from :mod:`.article`, imported on first use
    (and kept here: the next look-up is a plain attribute)."""
    if name not in _ARTICLE_SIDE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    article = importlib.import_module(".article", __name__)
    globals().update((each, getattr(article, each)) for each in _ARTICLE_SIDE)
    return globals()[name]


def is_article(value: object) -> TypeGuard[Article]:
    """``isinstance(value, Article)``, without loading the article side to say no.

    No article exists before :mod:`.article` is loaded, so code on the start's
    path (a refresh of the home page or a listing) can ask without loading it.
    """
    article = sys.modules.get(f"{__name__}.article")
    return article is not None and isinstance(value, article.Article)


def parse_iso(value: str | None) -> datetime | None:
    """Turn the model's ISO date string into a ``datetime`` (midnight when no time)."""
    if not value:
        return None
    try:
        if "T" in value:
            return datetime.fromisoformat(value)
        return datetime.combine(date.fromisoformat(value), datetime.min.time())
    except ValueError:
        return None


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class ListingItem(Value):
    """One entry of a section listing."""

    title: str
    url: str
    published: str | None = None
    summary: str | None = None
    thumbnail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "summary": self.summary,
            "thumbnail": self.thumbnail,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ListingItem:
        return cls(
            title=str(data["title"]),
            url=str(data["url"]),
            published=data.get("published"),
            summary=data.get("summary"),
            thumbnail=data.get("thumbnail"),
        )


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Listing(Value):
    """One page of a section listing with its pager."""

    url: str
    section: str
    page: int = 1
    items: tuple[ListingItem, ...] = ()
    next: str | None = None
    prev: str | None = None
    last_page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "listing",
            "url": self.url,
            "section": self.section,
            "page": self.page,
            "items": [i.to_dict() for i in self.items],
            "next": self.next,
            "prev": self.prev,
            "last_page": self.last_page,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Listing:
        return cls(
            url=str(data["url"]),
            section=str(data.get("section") or ""),
            page=int(data.get("page") or 1),
            items=tuple(ListingItem.from_dict(i) for i in data.get("items", ())),
            next=data.get("next"),
            prev=data.get("prev"),
            last_page=data.get("last_page"),
        )


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Section(Value):
    """A first-level entry of the portal's main menu."""

    name: str
    url: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "url": self.url}


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class FeaturedLink(Value):
    """An entry of the home page's "Tin nổi bật" block."""

    title: str
    url: str

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "url": self.url}


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class SectionNews(Value):
    """A section's newest articles as the home page lists them, in a block headed
    by a link to the section.  They are on the section's first listing page too:
    a sync asks for them the moment the home page is parsed, while the listings
    are still out."""

    section_url: str
    article_urls: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"section": self.section_url, "articles": list(self.article_urls)}


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Home(Value):
    """The portal's home page: its sections, featured news and each section's
    newest articles."""

    url: str
    sections: tuple[Section, ...] = ()
    featured: tuple[FeaturedLink, ...] = ()
    news: tuple[SectionNews, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "home",
            "url": self.url,
            "sections": [s.to_dict() for s in self.sections],
            "featured": [f.to_dict() for f in self.featured],
            "news": [n.to_dict() for n in self.news],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Home:
        return cls(
            url=str(data["url"]),
            sections=tuple(
                Section(str(s["name"]), str(s["url"])) for s in data.get("sections", ())
            ),
            featured=tuple(
                FeaturedLink(str(f["title"]), str(f["url"])) for f in data.get("featured", ())
            ),
            news=tuple(  # absent from homes stored before it was read
                SectionNews(str(n["section"]), tuple(str(u) for u in n.get("articles", ())))
                for n in data.get("news", ())
            ),
        )
