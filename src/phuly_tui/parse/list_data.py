"""A list view as SharePoint's client-side rendering ships it: ``WPQ2ListData``.

SharePoint 2013 draws most list views in the browser: the page holds the view's
empty table and, in a script, the rows as JSON — ``var WPQ2ListData = {"Row":
[{"ID": "31", "Title": "…", "FileRef": "…", "Created": "02/12/2024 8:30 SA"…}],
"FirstRow": 7, "RowLimit": 6, "NextHref": "?Paged=TRUE&p_ID=25&PageFirstRow=13…",
"PrevHref": …}`` — with the list's display form named beside it
(``ctx.displayFormUrl = "\\u002f…\\u002fDispForm.aspx"``).  A reader without
scripts sees an empty list; :func:`list_data` reads the rows instead: the title
(HTML-escaped in the JSON, as SharePoint writes it), the item's address — a page
of a pages library is its ``FileRef``, a list item its display form with
``?ID=`` — the date (``ArticleStartDate``, else ``Created``), the view's
next and previous pages and the page's number (its first row over the rows per
page).
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any, Final, NamedTuple

from selectolax.lexbor import LexborHTMLParser

from ..model import ListingItem
from ..text import clean_text
from ..urls import is_http_url
from .dates import parse_vn_date_only
from .links import absolute_url
from .pager import unescape_js
from .scripts import assigned_object, scripts_naming

__all__ = ["ListData", "has_list_data", "list_data"]

_LIST_DATA: Final = re.compile(r"\bvar\s+WPQ\d+ListData\s*=\s*")
_DISPLAY_FORM: Final = re.compile(r"""\bdisplayFormUrl\s*=\s*(["'])(.+?)\1""")
_DATE_FIELDS: Final = ("ArticleStartDate", "Created")


class ListData(NamedTuple):
    items: list[ListingItem]
    next: str | None
    prev: str | None
    page: int | None


def has_list_data(doc: LexborHTMLParser) -> bool:
    """The page ships a list view's rows in a script (see the module doc)."""
    return any(_LIST_DATA.search(text) for text in scripts_naming(doc, "ListData"))


def _data(text: str) -> dict[str, Any] | None:
    value = assigned_object(text, _LIST_DATA)
    return value if value is not None and isinstance(value.get("Row"), list) else None


def _number(value: object) -> int | None:
    text = str(value) if isinstance(value, int | str) else ""
    return int(text) if text.isdigit() and 0 < int(text) < 10_000_000 else None


def list_data(doc: LexborHTMLParser, url: str) -> ListData | None:
    """The rows of the page's ``WPQ…ListData`` as listing items, or None without one."""
    for text in scripts_naming(doc, "ListData"):
        data = _data(text)
        if data is None:
            continue
        form = _DISPLAY_FORM.search(text)
        display_form = unescape_js(form[2]) if form else None
        items = [
            item
            for row in data["Row"]
            if isinstance(row, dict)
            for item in (_item(row, display_form, url),)
            if item is not None
        ]
        first, size = _number(data.get("FirstRow")), _number(data.get("RowLimit"))
        page = (first - 1) // size + 1 if first and size else None
        return ListData(
            items, _href(data.get("NextHref"), url), _href(data.get("PrevHref"), url), page
        )
    return None


def _href(value: object, url: str) -> str | None:
    found = absolute_url(value, url) if isinstance(value, str) and value else None
    return found if found is not None and is_http_url(found) else None


def _item(row: dict[str, Any], display_form: str | None, url: str) -> ListingItem | None:
    title = clean_text(unescape(str(row.get("Title") or "")))
    file_ref = str(row.get("FileRef") or "")
    if file_ref.lower().endswith((".aspx", ".html", ".htm")):
        target: str | None = file_ref
    elif display_form and _number(row.get("ID")):
        target = f"{display_form}?ID={row['ID']}"
    else:
        target = None
    href = absolute_url(target, url) if target else None
    if not title or href is None or not is_http_url(href):
        return None
    published = None
    for name in _DATE_FIELDS:
        value = row.get(name)
        if isinstance(value, str) and (published := parse_vn_date_only(unescape(value))):
            break
    return ListingItem(title, href, published, None, None)
