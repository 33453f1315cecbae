"""Portal pages → model objects: the public, stable parsing API.

::

    from phuly_tui.parse import parse_home, parse_listing, parse_article, parse_page
    article = parse_article(html_bytes, "https://phuly.hanam.gov.vn/Pages/x.aspx")

``html`` is ``bytes`` (decoded here: BOM, then the ``encoding`` argument —
typically the HTTP charset —, then ``<meta charset>``, else UTF-8; see
:func:`decode_html`) or ``str``; ``url`` is the page's absolute URL, against
which every link is resolved.  The functions are pure (no I/O) and raise only
:class:`~phuly_tui.errors.ParseError` (:class:`~phuly_tui.errors.NotAnArticleError`
from :func:`parse_article` for pages that are clearly not articles).

Selectors live in site profiles (TOML data in ``phuly_tui/parse/profiles``);
pages no profile matches go to a generic extractor that finds the content by
text density and by what the page says ("Tin liên quan", "Tải về", …).
:func:`explain_article` also tells which rule produced each field.
"""

from __future__ import annotations

from ..errors import NotAnArticleError, ParseError
from .api import (
    explain_article,
    page_plain_text,
    parse_article,
    parse_as,
    parse_home,
    parse_listing,
    parse_page,
)
from .dates import parse_vn_datetime
from .decode import decode_html
from .provenance import Provenance

__all__ = [
    "NotAnArticleError",
    "ParseError",
    "Provenance",
    "decode_html",
    "explain_article",
    "page_plain_text",
    "parse_article",
    "parse_as",
    "parse_home",
    "parse_listing",
    "parse_page",
    "parse_vn_datetime",
]
