"""Vietnamese date lines to ISO strings.

Portals write dates in many ways: ``14/06/2024``, ``14/6/2024``,
``Thứ Sáu, 14/06/2024 | 08:30``, ``Ngày 14 tháng 6 năm 2024``,
``14-6-2024 | 08:30``, ``14.06.2024``, ``Cập nhật lúc 10:30, ngày 15/01/2024``,
``08h30``, ``2:05:09 CH`` (12-hour clock: SA = morning, CH = afternoon).
:func:`parse_vn_datetime` reads one such line and gives ``"YYYY-MM-DD"`` or
``"YYYY-MM-DDTHH:MM"`` (seconds dropped), or None when the line holds no valid
date (31/02 is not a date).

Matching happens on the folded text (:func:`.folding.fast_fold`: lower case,
no diacritics), so labels match whether the page stores ``Ngày đăng`` in NFC,
NFD or without accents.  When a line gives both a publication date
(``Ngày đăng``) and an update (``Cập nhật``), the publication date wins.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from ..text import clean_text
from .folding import fast_fold

__all__ = ["DATE_PATTERN", "parse_vn_date_only", "parse_vn_datetime", "split_title_date"]

# dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy (also 2-digit years); not glued to other digits
_DMY: Final = re.compile(
    r"(?<![\d/.-])(\d{1,2})\s?([/.-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d/])"
)
_WORDS: Final = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:,\s*)?nam\s+(\d{4})")
_ISO: Final = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2}))?(?!\d)")
_TIME: Final = re.compile(
    r"(?<![\d/.-])(\d{1,2})\s*(?::|h|g|gio)\s*(\d{2})(?:\s*(?::|phut)\s*(\d{2}))?"
    r"(?:\s*(?:phut|p))?(?:\s*(sa|ch|am|pm|a\.m\.|p\.m\.|sang|chieu|toi|trua))?(?![\d\w])"
)
_HOUR_ONLY: Final = re.compile(r"(?<![\d/.-])(\d{1,2})\s*gio(?:\s+(sang|chieu|toi|trua))?(?![\w])")
_PUBLISHED_LABEL: Final = re.compile(r"ngay\s+dang|dang\s+(?:luc|ngay)|xuat\s+ban|published|posted")
_UPDATED_LABEL: Final = re.compile(r"cap\s+nhat|chinh\s+sua|updated|modified")
_AFTERNOON: Final = frozenset({"ch", "pm", "p.m.", "chieu", "toi"})
_MORNING: Final = frozenset({"sa", "am", "a.m.", "sang"})

#: a quick test for "this text contains something that looks like a date"
DATE_PATTERN: Final = re.compile(r"\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}|th[aá]ng\s+\d{1,2}")


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _valid_date(day: int, month: int, year: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _publication_segment(folded: str) -> str:
    """The part of a date line that belongs to the publication date."""
    published = _PUBLISHED_LABEL.search(folded)
    updated = _UPDATED_LABEL.search(folded)
    if published is None or updated is None:
        return folded
    if published.start() < updated.start():
        return folded[published.start() : updated.start()]
    return folded[published.start() :]


def _find_date(text: str) -> tuple[date, int, int] | None:
    """First valid date in ``text`` with its span."""
    for match in _WORDS.finditer(text) if "thang" in text else ():
        found = _valid_date(int(match[1]), int(match[2]), int(match[3]))
        if found:
            return found, match.start(), match.end()
    for match in _DMY.finditer(text):
        found = _valid_date(int(match[1]), int(match[3]), _year(match[4]))
        if found:
            return found, match.start(), match.end()
    for match in _ISO.finditer(text) if "-" in text else ():
        found = _valid_date(int(match[3]), int(match[2]), int(match[1]))
        if found:
            return found, match.start(), match.end()
    return None


def _find_time(text: str) -> tuple[int, int] | None:
    """First valid time of day in ``text`` as 24-hour (hour, minute)."""
    if not any(map(str.isdigit, text)):
        return None  # both patterns need a digit (str.isdigit covers every \d)
    for match in _TIME.finditer(text):
        minute = int(match[2])
        hour = _to_24h(int(match[1]), match[4])
        if hour is not None and 0 <= hour < 24 and 0 <= minute < 60:
            return hour, minute
    for match in _HOUR_ONLY.finditer(text) if "gio" in text else ():
        bare_hour = _to_24h(int(match[1]), match[2])
        if bare_hour is not None and 0 <= bare_hour < 24:
            return bare_hour, 0
    return None


def _to_24h(hour: int, marker: str | None) -> int | None:
    if marker in _AFTERNOON:
        if not 1 <= hour <= 12:
            return None
        return hour if hour == 12 else hour + 12
    if marker in _MORNING:
        if not 1 <= hour <= 12:
            return None
        return 0 if hour == 12 else hour
    return hour


def parse_vn_datetime(text: str | None) -> str | None:
    """ISO form of the date (and time, when shown) of a Vietnamese date line."""
    if not text:
        return None
    folded = fast_fold(clean_text(text))
    if not any(map(str.isdigit, folded)):
        return None
    segment = _publication_segment(folded)
    found = _find_date(segment)
    if found is None and segment is not folded:
        segment = folded
        found = _find_date(segment)
    if found is None:
        return None
    day, start, end = found
    matched = segment[start:end]
    iso_time = _ISO.search(matched) if "-" in matched else None
    if iso_time and iso_time[4] is not None:
        return f"{day.isoformat()}T{int(iso_time[4]):02d}:{int(iso_time[5]):02d}"
    rest = segment[:start] + " " * (end - start) + segment[end:]
    clock = _find_time(rest)
    if clock is None:
        return day.isoformat()
    return f"{day.isoformat()}T{clock[0]:02d}:{clock[1]:02d}"


def parse_vn_date_only(text: str | None) -> str | None:
    """Like :func:`parse_vn_datetime` but always ``"YYYY-MM-DD"`` (listings, related)."""
    value = parse_vn_datetime(text)
    return value[:10] if value else None


#: a date written at the end of a link's text: "Tiêu đề (20/06/2024)", "[20-06-2024]",
#: "Tiêu đề - 20/06/2024"
_TITLE_DATE: Final = re.compile(
    r"(?:\s*[\(\[]\s*(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})\s*[\)\]]"
    r"|\s+[-–]\s+(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}))\s*$"
)


def split_title_date(title: str) -> tuple[str, str | None]:
    """``("Tiêu đề", "2024-06-20")`` for a link text that ends with its date; the text
    and None when it does not (or the date is impossible: "(31/02/2024)" stays)."""
    if not title or (not title[-1:].isdigit() and not title.endswith((")", "]"))):
        return title, None
    found = _TITLE_DATE.search(title)
    if found is None:
        return title, None
    published = parse_vn_date_only(found[1] or found[2])
    if published is None or found.start() == 0:
        return title, None
    return title[: found.start()].rstrip(), published
