"""The page cache's rows as the model: the JSON written, the rows that count as
stored, and :class:`StoredPage`, the record a read of the cache hands back.

A row is handed out only rebuilt as the model; one whose JSON is damaged or has
the wrong shape, or whose ``payload_version`` is not :data:`PAYLOAD_VERSION`,
reads as a cache miss (the page is fetched again).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from ..model import Home, Listing
from ..values import Value
from .encoding import encode_payload

if TYPE_CHECKING:
    from ..model import Article

__all__ = [
    "PAGE_KINDS",
    "PAYLOAD_VERSION",
    "SHAPE_ERRORS",
    "StoredPage",
    "dumps",
    "loads",
    "rebuild",
    "text_hash",
]

PAGE_KINDS: Final = frozenset({"home", "listing", "article"})
#: The version of the model's ``to_dict()`` form stored in ``pages.data``.  Bump it
#: when that form changes in a way ``from_dict`` of the new code cannot read: rows
#: of another version then count as not stored and are fetched again.
PAYLOAD_VERSION: Final = 1
#: the models of the other kinds ("article" is looked up when asked: see :func:`rebuild`)
_MODELS: Final[dict[str, type[Home] | type[Listing]]] = {"home": Home, "listing": Listing}
#: what ``from_dict`` (of the pages' models and of ``Document``) raises on JSON of
#: the wrong shape (a missing key, a number where a list of objects belongs, an
#: unknown block type)
SHAPE_ERRORS: Final = (KeyError, TypeError, ValueError, AttributeError, IndexError)


def dumps(data: dict[str, Any]) -> str:
    """The JSON the store writes, in short pieces for a big page (:mod:`.encoding`)."""
    return encode_payload(data)


def text_hash(text: str) -> str:
    """The content hash of a stored payload: of the parsed content, not of the
    page's bytes (the portal's raw HTML changes on every fetch — today's date,
    the ticker, ``__VIEWSTATE`` — its extraction only when the article does);
    hashed from the text the store writes, so a page is JSON-encoded once."""
    import hashlib  # only when a page is stored: not on the app's start path

    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def loads(text: str) -> dict[str, Any] | None:
    """A stored row's JSON object, or None when the text is not one."""
    try:
        data = json.loads(text)
    except (ValueError, TypeError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def rebuild(
    kind: str, text: str, payload_version: int
) -> tuple[dict[str, Any], Home | Listing | Article] | None:
    """A stored row's JSON and its model, or None when the row does not count
    as stored (another payload version, damaged JSON, the wrong shape)."""
    model: type[Home] | type[Listing] | type[Article] | None = _MODELS.get(kind)
    if kind == "article":
        # the article side of the model loads with the first stored article, not
        # with the store (the app's start reads only the home page and a listing)
        from ..model import Article

        model = Article
    if model is None or payload_version != PAYLOAD_VERSION:
        return None
    data = loads(text)
    if data is None:
        return None
    try:
        return data, model.from_dict(data)
    except SHAPE_ERRORS:
        return None


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class StoredPage(Value):
    """One cached page: the parsed model as ``to_dict()`` JSON plus fetch metadata.

    Attributes:
        url: the absolute URL the page was fetched from.
        kind: ``"home"``, ``"listing"`` or ``"article"``.
        data: the model's ``to_dict()`` form (rebuild with ``Article.from_dict`` & co.).
        etag: the ``ETag`` header of the last 200 answer (for ``If-None-Match``).
        last_modified: its ``Last-Modified`` header (for ``If-Modified-Since``).
        fetched_at: when the stored content was last downloaded (epoch seconds).
        checked_at: when the server last confirmed it (a 200 or a 304).
        content_hash: the caller's hash of the content, used to detect changes.
        updated_at: when the content last changed (first store counts as a change).
        value: ``data`` rebuilt as the model (:class:`Home`, :class:`Listing` or
            :class:`Article`, as ``kind`` says).  A row that cannot be rebuilt is
            never returned: the store reports it as not stored.
        captured_at: for a copy read from the Internet Archive, when it was
            captured (epoch seconds); None for a copy of the live portal.
        capture_url: the archive's ``id_`` URL of that capture.
    """

    url: str
    kind: str
    data: dict[str, Any]
    etag: str | None
    last_modified: str | None
    fetched_at: float
    checked_at: float
    content_hash: str
    updated_at: float
    value: Home | Listing | Article
    captured_at: float | None = None
    capture_url: str | None = None

    @property
    def as_of(self) -> float:
        """When the copy showed the page: its capture time, or when it was fetched."""
        return self.fetched_at if self.captured_at is None else self.captured_at
