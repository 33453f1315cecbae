"""The page cache's rows as the model: the JSON written, and the rows that count as stored.

A row is handed out only rebuilt as the model; one whose JSON is damaged or has
the wrong shape, or whose ``payload_version`` is not :data:`PAYLOAD_VERSION`,
reads as a cache miss (the page is fetched again).
"""

from __future__ import annotations

import json
from typing import Any, Final

from ..model import Article, Home, Listing
from .encoding import encode_payload

__all__ = [
    "PAGE_KINDS",
    "PAYLOAD_VERSION",
    "SHAPE_ERRORS",
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
_MODELS: Final[dict[str, type[Home] | type[Listing] | type[Article]]] = {
    "home": Home,
    "listing": Listing,
    "article": Article,
}
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
    model = _MODELS.get(kind)
    if model is None or payload_version != PAYLOAD_VERSION:
        return None
    data = loads(text)
    if data is None:
        return None
    try:
        return data, model.from_dict(data)
    except SHAPE_ERRORS:
        return None
