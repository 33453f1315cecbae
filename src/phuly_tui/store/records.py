"""What the store hands back besides its pages: small frozen records, no SQLite types.

Callers (the library, the CLI, the app) never see ``sqlite3.Row``; they get
these records, which are safe to pass between threads and to keep after the
store is closed.  A page of the cache comes back as
:class:`~.payload.StoredPage`, which lives with the code that rebuilds it: it is
the one record a start of the app needs, and this module — six dataclasses,
~1.5 ms to build — is imported only when bookmarks, search, documents or
archive captures are first asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..values import Value

if TYPE_CHECKING:
    from ..documents.model import Document

__all__ = [
    "ArticleSummary",
    "KnownDocument",
    "SearchFilter",
    "SearchResult",
    "Span",
    "StoredCaptures",
    "StoredDocument",
]

#: ``(start, end)`` character offsets into a string, end exclusive
Span = tuple[int, int]


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class ArticleSummary(Value):
    """An article as lists show it (bookmarks, search): enough to draw a row.

    ``title`` falls back to the URL when the store knows nothing else about it.
    """

    url: str
    title: str
    published: str | None = None
    section: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "section": self.section,
        }


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class SearchFilter(Value):
    """What narrows a search besides its words (issue 11, item 13).

    Attributes:
        section_url: the section's listing URL: an article listed on one of its
            stored pages belongs to it.
        section_name: the section's name: an article whose own section (from its
            breadcrumb or its listing) carries this name belongs to it too.
        since: first day wanted, ``YYYY-MM-DD``, inclusive.
        until: last day wanted, ``YYYY-MM-DD``, inclusive.

    With ``since`` or ``until`` set, undated articles are left out: nobody can
    say they fall inside the range.
    """

    section_url: str | None = None
    section_name: str | None = None
    since: str | None = None
    until: str | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.section_url or self.section_name or self.since or self.until)


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class SearchResult(Value):
    """One search hit, best first in the list :meth:`Store.search` returns.

    Attributes:
        snippet: about thirty words of the lead/body around the best match, in
            their original (accented) form, one line, free of control bytes.
        highlights: the matched words as spans into ``snippet``.
        score: relevance, higher is better (the negated bm25 rank).
        title_highlights: the matched words as spans into ``title``.
        kind: ``"article"``, or ``"document"`` when the words (or the number)
            are in an attachment's text.
        page: the document's page holding the match (documents only).
        attached_to: the URL of the article the document is attached to, when
            the store knows one.
    """

    url: str
    title: str
    published: str | None
    section: str | None
    snippet: str
    highlights: tuple[Span, ...]
    score: float
    title_highlights: tuple[Span, ...] = ()
    kind: str = "article"
    page: int | None = None
    attached_to: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The CLI's ``--json`` form: issue 4's title, url, published, section and
        snippet, and issue 13's kind, page and attached_to."""
        return {
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "section": self.section,
            "snippet": self.snippet,
            "kind": self.kind,
            "page": self.page,
            "attached_to": self.attached_to,
        }


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class StoredDocument(Value):
    """An attachment stored as text: its ``Document.to_dict()`` and fetch metadata.

    ``value`` is ``data`` rebuilt as the :class:`~phuly_tui.documents.Document`:
    the store rebuilds it to tell a readable row, so the caller never does it
    again.  A row that cannot be rebuilt is never returned.
    """

    url: str
    data: dict[str, Any]
    etag: str | None
    last_modified: str | None
    fetched_at: float
    value: Document


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class KnownDocument(Value):
    """One row of the "Văn bản" view and ``phuly-tui docs``.

    ``url`` is None for a document known only because something cites its
    number (not available to read); ``articles`` are the articles that attach
    or cite it.  ``read`` is True when its text is stored.
    """

    number: str | None
    doc_type: str | None
    doc_type_code: str | None
    issued: str | None
    issuer: str | None
    subject: str | None
    title: str
    url: str | None
    articles: tuple[str, ...] = ()
    read: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The ``phuly-tui docs --json`` form (issue 13)."""
        return {
            "number": self.number,
            "doc_type": self.doc_type,
            "doc_type_code": self.doc_type_code,
            "issued": self.issued,
            "issuer": self.issuer,
            "subject": self.subject,
            "title": self.title,
            "url": self.url,
            "articles": list(self.articles),
        }


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class StoredCaptures(Value):
    """A page's capture list as last looked up, and when (the library re-asks an
    old one: the archive keeps capturing)."""

    #: ``(timestamp, original)``, newest first; empty: never captured (then)
    captures: tuple[tuple[str, str], ...]
    #: when the archive was asked (Unix time)
    looked_up_at: float
