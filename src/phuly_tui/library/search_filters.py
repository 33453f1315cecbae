"""What a person types to narrow a list or a search, read as values: no I/O.

The search box's filters (``muc:kinh-te tu:01/01/2024 den:30/06/2024``), a
day as ``YYYY-MM-DD`` or as Vietnamese write it, a section by name (accents
optional), slug or URL, and a document type by code or name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Final, Protocol
from urllib.parse import urlsplit

from ..errors import BadDateError, UnknownSectionError
from ..i18n import add_messages
from ..model import Section
from ..text import fold
from ..urls import (
    is_url_input,
)

if TYPE_CHECKING:
    pass


__all__ = ["AbsoluteURLs", "find_section", "parse_day", "resolve_doc_type", "split_search_filters"]

add_messages(
    {
        "error.unknown_doc_type": (
            "Không có loại văn bản {value!r} (ví dụ: KH, Kế hoạch, TB, Công văn)",
            "No document type {value!r} (e.g. KH, Kế hoạch, TB, Công văn)",
        ),
    }
)


class AbsoluteURLs(Protocol):
    """What :func:`find_section` needs of the library: user input made absolute."""

    def absolute(self, url_or_path: str) -> str: ...


#: filter words of the search box, folded (diacritics optional): Vietnamese and English
_FILTER_NAMES: Final = {
    "muc": "section",
    "chuyenmuc": "section",
    "section": "section",
    "tu": "since",
    "since": "since",
    "den": "until",
    "until": "until",
}


_TYPED_FILTER: Final = re.compile(r'(?<!\S)([^\W\d_]+):("[^"]*"?|\S*)')


def split_search_filters(text: str) -> tuple[str, dict[str, str]]:
    """The words of a search box and the filters typed among them.

    ``muc:kinh-te`` (or ``mục:``, ``section:``) names a section as ``list SECTION``
    does (``muc:"kinh tế"`` for a name with spaces); ``tu:`` / ``từ:`` / ``since:``
    and ``den:`` / ``đến:`` / ``until:`` bound the days.  Any other ``word:`` is
    left among the words (a colon only separates words there).  Returns the
    remaining text and ``{"section"|"since"|"until": value}`` (the last one typed
    wins; an empty value is no filter).
    """
    filters: dict[str, str] = {}

    def take(match: re.Match[str]) -> str:
        name = _FILTER_NAMES.get(fold(match.group(1)))
        if name is None:
            return match.group(0)
        value = match.group(2).strip('"').strip()
        if value:
            filters[name] = value
        else:
            filters.pop(name, None)
        return " "

    rest = _TYPED_FILTER.sub(take, text)
    return " ".join(rest.split()), filters


def parse_day(text: str) -> str:
    """A calendar day typed as ``YYYY-MM-DD`` or as Vietnamese write it
    (``dd/mm/yyyy``, ``d/m/yyyy``, ``dd-mm-yyyy``), as ``YYYY-MM-DD``.

    Raises BadDateError for anything else (``2024-02-30``, ``hôm qua``).
    """
    value = text.strip()
    try:
        if len(value) == 10 and value[4] == "-" and value.isascii():
            return date.fromisoformat(value).isoformat()
        parts = value.replace("-", "/").replace(".", "/").split("/")
        if len(parts) == 3 and all(p.isascii() and p.isdigit() for p in parts):
            day, month, year = (int(p) for p in parts)
            if len(parts[2]) == 4:
                return date(year, month, day).isoformat()
    except ValueError:
        pass
    raise BadDateError(value=text)


def find_section(sections: Iterable[Section], query: str | None, library: AbsoluteURLs) -> Section:
    """Match ``query`` against section names (diacritics optional), slugs and URLs."""
    options = list(sections)
    if not options:
        raise UnknownSectionError(value=query or "")
    if query is None or not query.strip():
        return options[0]
    wanted = query.strip()
    if is_url_input(wanted):
        url = library.absolute(wanted)
        path = urlsplit(url).path.lower()
        for section in options:
            if urlsplit(section.url).path.lower() == path:
                return section
        return Section(name=wanted, url=url)
    key = fold(wanted).replace("-", " ").split()
    for section in options:
        if fold(section.name).replace("-", " ").split() == key:
            return section
    slug = wanted.lower().removesuffix(".aspx")
    for section in options:
        if urlsplit(section.url).path.lower().rsplit("/", 1)[-1].removesuffix(".aspx") == slug:
            return section
    raise UnknownSectionError(value=query)


def resolve_doc_type(query: str) -> tuple[str | None, str]:
    """``(code, full name)`` of a type typed as a code (``KH``, ``CD``) or a name
    (``Kế hoạch``, ``ke hoach``; ``Công văn`` has no code).

    Raises:
        UsageError: nothing matches.
    """
    from ..documents import DOCUMENT_TYPES, type_code_for
    from ..documents.numbers import CONG_VAN
    from ..errors import UsageError

    text = query.strip()
    code = type_code_for(text) if len(text) <= 5 else None
    if code is not None and code != "CV":
        return code, DOCUMENT_TYPES[code]
    wanted = fold(text)
    if wanted in (fold(CONG_VAN), "cv"):
        return None, CONG_VAN
    for code, name in DOCUMENT_TYPES.items():
        if fold(name) == wanted:
            return code, name
    raise UsageError("error.unknown_doc_type", value=query)
