"""The public entry points: decode, parse, and turn any failure into ParseError.

The article's extraction (:mod:`.article` and the modules it uses), the kind
detection and the plain-text fallback are imported by the functions that need
them: the app's background refresh right after its start parses only the home
page and a listing, and the article side is most of the parser's code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, TypeVar

from selectolax.lexbor import LexborHTMLParser

from ..errors import NotAnArticleError, ParseError, PhulyError
from ..model import Home, Listing, is_article
from .decode import prepare_bytes
from .dom import document
from .home import extract_home
from .listing import extract_listing

if TYPE_CHECKING:
    from ..model import Article
    from .provenance import Provenance

__all__ = [
    "explain_article",
    "page_plain_text",
    "parse_article",
    "parse_as",
    "parse_home",
    "parse_listing",
    "parse_page",
]

_T = TypeVar("_T")


def _guarded(
    html: bytes | str, url: str, encoding: str | None, work: Callable[[LexborHTMLParser], _T]
) -> _T:
    """Parse and run ``work``; every unexpected exception becomes a ParseError.

    Errors name the page: their message takes the ``url`` parameter.
    """
    return _guarded_bytes(html, url, encoding, lambda data: work(document(data)))


def _guarded_bytes(
    html: bytes | str, url: str, encoding: str | None, work: Callable[[bytes], _T]
) -> _T:
    """Like :func:`_guarded`, but ``work`` gets the prepared UTF-8 bytes, not a tree."""
    try:
        if not isinstance(html, bytes | bytearray | memoryview | str):
            raise ParseError(url=url)
        return work(prepare_bytes(bytes(html) if not isinstance(html, str) else html, encoding))
    except PhulyError as exc:
        exc.params.setdefault("url", url)
        raise
    except Exception as exc:  # a bug or a page we did not foresee: still only ParseError
        raise ParseError(url=url) from exc


def parse_article(html: bytes | str, url: str, *, encoding: str | None = None) -> Article:
    """The article on a page (NotAnArticleError when the page is clearly not one)."""
    from .article import extract_article_from_bytes

    return _guarded_bytes(html, url, encoding, lambda data: extract_article_from_bytes(data, url))


def explain_article(
    html: bytes | str, url: str, *, encoding: str | None = None
) -> tuple[Article, list[Provenance]]:
    """Like :func:`parse_article`, plus which rule produced each field."""
    from .article import extract_article_from_bytes
    from .provenance import Trace

    trace = Trace()
    article = _guarded_bytes(
        html, url, encoding, lambda data: extract_article_from_bytes(data, url, trace)
    )
    return article, trace.records


def parse_listing(html: bytes | str, url: str, *, encoding: str | None = None) -> Listing:
    """One page of a section listing, with its pager."""
    return _guarded(html, url, encoding, lambda doc: extract_listing(doc, url))


def parse_home(html: bytes | str, url: str, *, encoding: str | None = None) -> Home:
    """The home page: main-menu sections and the "Tin nổi bật" block."""
    return _guarded(html, url, encoding, lambda doc: extract_home(doc, url))


def parse_page(
    html: bytes | str, url: str, *, encoding: str | None = None
) -> Home | Listing | Article:
    """Whatever the page is: detects home, listing or article (deep links, the app's
    first reading of an address no page named).

    An article is extracted from a tree of its own, exactly as :func:`parse_article`
    does: telling the kind prunes menus and hidden rows from the tree it looks at,
    and the breadcrumb and the menu's marked item name the article's section.
    """

    from .article import extract_article_from_bytes
    from .page_kind import detect_kind

    def work(data: bytes) -> Home | Listing | Article:
        doc = document(data)
        kind = detect_kind(doc, url)
        if kind == "home":
            return extract_home(doc, url)
        if kind == "listing":
            return extract_listing(doc, url)
        return extract_article_from_bytes(data, url)

    return _guarded_bytes(html, url, encoding, work)


def parse_as(
    kind: Literal["home", "listing", "article", "page"],
    html: bytes | str,
    url: str,
    encoding: str | None = None,
) -> Home | Listing | Article:
    """The page parsed as ``kind``; ``"page"``: as what the page says it is
    (:func:`parse_page`).  An article with neither a title nor any text is
    :class:`~phuly_tui.errors.NotAnArticleError`.

    The library's one call into the parser, with positional arguments only: it
    is what :mod:`phuly_tui.parse.offload` sends to a child process for a big
    page, and the child imports the parser for it, not the library.
    """
    if kind == "home":
        return parse_home(html, url, encoding=encoding)
    if kind == "listing":
        return parse_listing(html, url, encoding=encoding)
    value = (parse_page if kind == "page" else parse_article)(html, url, encoding=encoding)
    if is_article(value) and not value.title and not value.blocks:
        raise NotAnArticleError(url=url)
    return value


def page_plain_text(html: bytes | str, url: str, *, encoding: str | None = None) -> str:
    """The visible text of a page, line structure kept, hostile characters stripped.

    For the reader's "could not extract the article" notice: it shows this
    instead of nothing.
    """
    from .plain import plain_text

    return _guarded(html, url, encoding, plain_text)
