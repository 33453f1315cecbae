"""A listing page's section: the key its pages are grouped under.

Apart from :mod:`.catalogue` (which writes the derived tables and needs the
schema's search index) so that the schema's migrations can use it too.
"""

from __future__ import annotations

from typing import Final
from urllib.parse import urlsplit, urlunsplit

from ..urls import url_key

__all__ = ["section_url_of"]

#: query parameters that number a listing's pages (compared case-insensitively)
_PAGER_PARAMETERS: Final = frozenset({"page", "pageindex", "pagenum", "pageno", "paged", "p"})


def section_url_of(listing_url: str) -> str:
    """The section a listing page belongs to: its URL (in the one spelling,
    :func:`~phuly_tui.urls.url_key`) without the pager parameter.

    The other parameters keep their spelling (``a%20b`` is not re-encoded as
    ``a+b``): the section's key is a page's key with one parameter less.
    """
    key = url_key(listing_url)
    try:
        parts = urlsplit(key)
    except ValueError:
        return key
    query = "&".join(
        pair
        for pair in parts.query.split("&")
        if pair and pair.partition("=")[0].lower() not in _PAGER_PARAMETERS
    )
    return urlunsplit(parts._replace(query=query, fragment=""))
