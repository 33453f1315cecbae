"""Dates the way Vietnamese readers write them: ``14/06/2024``, ``Thứ Sáu, 14/06/2024 08:30``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ..i18n import add_messages, language, t
from ..model import parse_iso

if TYPE_CHECKING:
    from ..model import Article

__all__ = ["article_date", "format_date", "format_datetime", "weekday_name"]

add_messages({"date.from_listing": ("theo danh sách tin", "from the listing")})

_WEEKDAYS_VI: Final = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
_WEEKDAYS_EN: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def format_date(iso: str | None) -> str:
    """``"2024-06-14T08:30"`` → ``"14/06/2024"``; "" when unknown."""
    moment = parse_iso(iso)
    return moment.strftime("%d/%m/%Y") if moment else ""


def weekday_name(iso: str | None) -> str:
    moment = parse_iso(iso)
    if moment is None:
        return ""
    names = _WEEKDAYS_EN if language() == "en" else _WEEKDAYS_VI
    return names[moment.weekday()]


def format_datetime(iso: str | None, *, weekday: bool = False) -> str:
    """``"2024-06-14T08:30"`` → ``"14/06/2024 08:30"`` (time only when the page gave one)."""
    moment = parse_iso(iso)
    if moment is None or iso is None:
        return ""
    text = moment.strftime("%d/%m/%Y %H:%M") if "T" in iso else moment.strftime("%d/%m/%Y")
    return f"{weekday_name(iso)}, {text}" if weekday else text


def article_date(article: Article) -> str:
    """The article's date as its meta line shows it, saying so when it is a listing's:
    ``Thứ Hai, 02/12/2024 (theo danh sách tin)``."""
    text = format_datetime(article.published, weekday=True)
    if text and article.published_from == "listing":
        return f"{text} ({t('date.from_listing')})"
    return text
