"""Vietnamese date lines to ISO strings.

Portals write dates in many ways: ``14/06/2024``, ``14/6/2024``,
``Thứ Sáu, 14/06/2024 | 08:30``, ``Ngày 14 tháng 6 năm 2024``,
``14-6-2024 | 08:30``, ``14.06.2024``, ``Cập nhật lúc 10:30, ngày 15/01/2024``,
``08h30``, ``2:05:09 CH`` (12-hour clock: SA = morning, CH = afternoon).
:func:`parse_vn_datetime` reads one such line and gives ``"YYYY-MM-DD"`` or
``"YYYY-MM-DDTHH:MM"`` (seconds dropped), or None when the line holds no valid
date (31/02 is not a date).

Other templates and SharePoint locales write what a Vietnamese reader reads as
dates too, so these are understood as well:

- the year first, ``2024/10/10``, ``2024.10.10``, ``2024-10-10T08:30`` (a year
  first is never read day-first: ``2024/10/11`` is 11 October);
- the hour alone, ``lúc 8h``, ``8h sáng``, ``20h`` (``8ha`` is a surface: the
  ``h`` must end the number's word);
- words with a comma before the year, ``10 tháng 10, 2024`` (CLDR's Vietnamese
  long date), and the month by name as .NET's vi-VN culture writes it,
  ``Tháng Mười 10, 2024``, ``10 Tháng Mười 2024``;
- a site left in English, ``October 10, 2024``, ``Oct 10, 2024``,
  ``10 October 2024``, with ``8:30 AM`` times.

Numbers are the day first otherwise (``10/11/2024`` is 10 November): a page in
English with ``10/11/2024`` cannot be told from a Vietnamese one, and the portal
is Vietnamese.  Numbers that only look like dates are not read as dates: a
document number ``15/2024/NĐ-CP``, a version ``v1.2.24`` or ``1.2.24`` (a date
written with dots and a short year has two-digit day and month), an address
``10.10.10.10`` (a run of more parts), a phone number.

Matching happens on the folded text (:func:`.folding.fast_fold`: lower case,
no diacritics), so labels match whether the page stores ``Ngày đăng`` in NFC,
NFD or without accents.  When a line gives both a publication date
(``Ngày đăng``) and an update (``Cập nhật``), the publication date wins.

Every date form is recognised here: :data:`DATE_PATTERN` (the quick "this text
may hold a date" test the extractors use before parsing), :func:`split_title_date`
(a date at the end of a link's text) and :func:`parse_day_month` (a date printed
without its year) use the same forms, so a form learnt once is learnt everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Final

from ..text import clean_text
from .folding import fast_fold

__all__ = [
    "DATE_PATTERN",
    "parse_day_month",
    "parse_vn_date_only",
    "parse_vn_datetime",
    "split_title_date",
]

#: Vietnamese month names as .NET's vi-VN culture writes them ("Tháng Giêng" … "Tháng Mười
#: Hai"; "Một", "Bốn" and "Chạp" are the other names a writer uses)
_VN_MONTH_NAMES: Final = {
    "Giêng": 1,
    "Một": 1,
    "Hai": 2,
    "Ba": 3,
    "Tư": 4,
    "Bốn": 4,
    "Năm": 5,
    "Sáu": 6,
    "Bảy": 7,
    "Tám": 8,
    "Chín": 9,
    "Mười": 10,
    "Mười Một": 11,
    "Mười Hai": 12,
    "Chạp": 12,
}
#: "9 tháng năm 2024" is "the nine months of 2024", not 9 May: "Năm" names a month only
#: before the day ("Tháng Năm 9, 2024")
_NOT_AFTER_DAY: Final = "Năm"
_VN_MONTHS: Final = {fast_fold(name): month for name, month in _VN_MONTH_NAMES.items()}
_EN_MONTHS: Final = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}


def _names(names: Iterable[str]) -> str:
    """A regex alternation of ``names``, longest first ("mười hai" before "mười")."""
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


#: the three letters every English month name starts with
_EN_PREFIXES: Final = tuple({name[:3] for name in _EN_MONTHS})
_VN_NAME: Final = _names(_VN_MONTHS)
_VN_NAME_AFTER_DAY: Final = _names(set(_VN_MONTHS) - {fast_fold(_NOT_AFTER_DAY)})
_EN_NAME: Final = _names(_EN_MONTHS)

# dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy (also 2-digit years); not glued to other digits, to a
# version's "v", or to a further part of the same kind ("10.10.10.10" is an address)
_DMY: Final = re.compile(
    r"(?<![\d/.v-])(\d{1,2})\s?([/.-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d/])(?!\2\d)"
)
# yyyy/mm/dd, yyyy.mm.dd, yyyy-mm-dd (ISO, with its "T08:30"): a year of this or the last century
_YMD: Final = re.compile(
    r"(?<![\d/.v-])((?:19|20)\d\d)\s?([/.-])\s?(\d{1,2})\s?\2\s?(\d{1,2})(?![\d/])(?!\2\d)"
    r"(?:t(\d{2}):(\d{2}))?"
)
# "ngày 14 tháng 6 năm 2024", "14 tháng 6, 2024", "10 tháng mười 2024", "tháng mười 10, 2024"
_WORDS: Final = re.compile(
    r"(?<![\d/.,-])(?:ngay\s+)?(\d{1,2})\s+thang\s+(?:(\d{1,2})|(" + _VN_NAME_AFTER_DAY + r"))"
    r"\s*(?:,\s*(?:nam\s+)?|nam\s+|(?<=[a-z])\s)(\d{4})(?!\d)"
    r"|thang\s+(" + _VN_NAME + r")\s+(\d{1,2}),\s*(\d{4})(?!\d)"
)
# "october 10, 2024", "oct. 10, 2024", "10 october 2024", "10 oct, 2024"
_ENGLISH: Final = re.compile(
    r"(?<![a-z])(" + _EN_NAME + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,\s*(\d{4})(?!\d)"
    r"|(?<![\d/.,-])(\d{1,2})(?:st|nd|rd|th)?\s+(" + _EN_NAME + r")(?![a-z])\.?,?\s+(\d{4})(?!\d)"
)
_TIME: Final = re.compile(
    r"(?<![\d/.-])(\d{1,2})\s*(?::|h|g|gio)\s*(\d{2})(?:\s*(?::|phut)\s*(\d{2}))?"
    r"(?:\s*(?:phut|p))?(?:\s*(sa|ch|am|pm|a\.m\.|p\.m\.|sang|chieu|toi|trua))?(?![\d\w])"
)
# "10 giờ", "8h sáng", "20h": the "h" glued to the hour and ending its word ("8ha" is a surface)
_HOUR_ONLY: Final = re.compile(
    r"(?<![\d/.-])(\d{1,2})(?:\s*gio|h)(?:\s+(sang|chieu|toi|trua))?(?![\w])"
)
_PUBLISHED_LABEL: Final = re.compile(r"ngay\s+dang|dang\s+(?:luc|ngay)|xuat\s+ban|published|posted")
_UPDATED_LABEL: Final = re.compile(r"cap\s+nhat|chinh\s+sua|updated|modified")
_AFTERNOON: Final = frozenset({"ch", "pm", "p.m.", "chieu", "toi"})
_MORNING: Final = frozenset({"sa", "am", "a.m.", "sang"})

#: a quick test for "this text contains something that looks like a date" (on the page's
#: own text, not folded: a loose net, :func:`parse_vn_datetime` decides)
DATE_PATTERN: Final = re.compile(
    r"\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}|th[aá]ng\s+\d{1,2}"
    # a day, the month in words and a year: "NGÀY 10 THÁNG 10 NĂM 2024", "10 Tháng 10, 2024",
    # "10 Tháng Mười 2024", "Tháng Mười 10, 2024" (the page's own names: not folded)
    r"|(?i:\d{1,2}\s+th[aá]ng\s+(?:\d{1,2}\s*(?:,|n[aă]m\s)|(?:"
    + _names(set(_VN_MONTH_NAMES) - {_NOT_AFTER_DAY})
    + r")(?!\w),?)\s*\d{4}"
    r"|th[aá]ng\s+(?:" + _names(_VN_MONTH_NAMES) + r")\s+\d{1,2},\s*\d{4})"
    # in English: "October 10, 2024", "10 Oct 2024"
    r"|(?i:(?<![a-z])(?:" + _EN_NAME + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?,\s*\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:" + _EN_NAME + r")(?![a-z])\.?,?\s+\d{4})"
)


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


#: a found date: the day, where it starts and ends, and the ISO time it carried ("T08:30")
_Found = tuple[date, int, int, tuple[int, int] | None]


def _word_dates(text: str) -> Iterator[_Found]:
    for match in _WORDS.finditer(text):
        if match[5] is not None:  # "tháng mười 10, 2024"
            day, month, year = int(match[6]), _VN_MONTHS[match[5]], match[7]
        else:
            day, month, year = int(match[1]), int(match[2] or _VN_MONTHS[match[3]]), match[4]
        found = _valid_date(day, month, int(year))
        if found:
            yield found, match.start(), match.end(), None


def _numeric_dates(text: str) -> Iterator[_Found]:
    for match in _DMY.finditer(text):
        if match[2] == "." and len(match[4]) == 2 and (len(match[1]) < 2 or len(match[3]) < 2):
            continue  # "1.2.24" is a version; a date with dots and a short year is padded
        found = _valid_date(int(match[1]), int(match[3]), _year(match[4]))
        if found:
            yield found, match.start(), match.end(), None
    for match in _YMD.finditer(text):
        if match[2] == "." and (len(match[3]) < 2 or len(match[4]) < 2):
            continue  # "2024.10.1" is a version
        found = _valid_date(int(match[4]), int(match[3]), int(match[1]))
        if found:
            iso_time = (int(match[5]), int(match[6])) if match[5] is not None else None
            yield found, match.start(), match.end(), iso_time


def _english_dates(text: str) -> Iterator[_Found]:
    for match in _ENGLISH.finditer(text):
        if match[1] is not None:  # "october 10, 2024"
            day, month, year = match[2], _EN_MONTHS[match[1]], match[3]
        else:
            day, month, year = match[4], _EN_MONTHS[match[5]], match[6]
        found = _valid_date(int(day), month, int(year))
        if found:
            yield found, match.start(), match.end(), None


def _find_date(text: str) -> _Found | None:
    """First valid date in ``text`` (folded) with its span: words first (a line that
    writes "ngày 15 tháng 01 năm 2024" means it), then numbers, then English.  Each
    pattern runs only when a literal it needs occurs (most texts asked are no dates)."""
    if "thang" in text:
        for found in _word_dates(text):
            return found
    if "/" in text or "." in text or "-" in text:
        for found in _numeric_dates(text):
            return found
    if any(month in text for month in _EN_PREFIXES):
        for found in _english_dates(text):
            return found
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
    for match in _HOUR_ONLY.finditer(text) if "h" in text or "gio" in text else ():
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
    day, start, end, clock = found
    if clock is None:
        clock = _find_time(segment[:start] + " " * (end - start) + segment[end:])
    if clock is None:
        return day.isoformat()
    return f"{day.isoformat()}T{clock[0]:02d}:{clock[1]:02d}"


def parse_vn_date_only(text: str | None) -> str | None:
    """Like :func:`parse_vn_datetime` but always ``"YYYY-MM-DD"`` (listings, related)."""
    value = parse_vn_datetime(text)
    return value[:10] if value else None


def _whole_date(text: str) -> str | None:
    """``"YYYY-MM-DD"`` when ``text`` is a date and nothing else, else None."""
    if not any(map(str.isdigit, text)):
        return None
    folded = fast_fold(clean_text(text))
    found = _find_date(folded)
    if found is None or found[1] != 0 or found[2] != len(folded):
        return None
    return found[0].isoformat()


def split_title_date(title: str) -> tuple[str, str | None]:
    """``("Tiêu đề", "2024-06-20")`` for a link text that ends with its date —
    "Tiêu đề (20/06/2024)", "[20-06-2024]", "Tiêu đề - 20/06/2024", "(2024/06/20)",
    "(Oct 10, 2024)" — the text and None when it does not: the bracket or the part
    after the last " - " must be a date and only a date (so "(số 15/2024/NĐ-CP)" and
    "- phiên bản 1.2.24" stay), a possible one ("(31/02/2024)" stays), and some
    title must be left before it."""
    text = title.rstrip()
    if not text or (not text[-1].isdigit() and not text.endswith((")", "]"))):
        return title, None
    if text[-1].isdigit():
        cut = max(text.rfind(" - "), text.rfind(" – "))
        shown = text[cut + 3 :] if cut >= 0 else ""
    else:
        cut = text.rfind("(" if text.endswith(")") else "[")
        shown = text[cut + 1 : -1] if cut >= 0 else ""
    published = _whole_date(shown) if shown else None
    if published is None or not text[:cut].strip():
        return title, None
    return text[:cut].rstrip(), published


#: a date line that is only a day and a month: "(05/01)", "05/01", "5-1"
_DAY_MONTH: Final = re.compile(r"\(?\s*(\d{1,2})\s?[/.-]\s?(\d{1,2})\s*\)?")


def parse_day_month(text: str) -> tuple[int, int] | None:
    """(day, month) of a date printed without its year ("(05/01)" as small portals
    list them), else None; the caller finds the year (see :mod:`.listing`)."""
    match = _DAY_MONTH.fullmatch(text) if len(text) <= 12 else None
    if match is None:
        return None
    day, month = int(match[1]), int(match[2])
    return (day, month) if 1 <= day <= 31 and 1 <= month <= 12 else None
