"""What the library answers with: a value and where it came from.

:class:`Loaded` (the value, its source — portal, archive, store, stale copy —,
its notice, the plain-text fallback's mark), :class:`ArchivedCopy` (which
capture of the Internet Archive), :class:`Refreshed` (what one conditional
fetch did) and :class:`ReadState` (a list's read marks).  Plain values: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from ..errors import PhulyError
from ..i18n import t
from ..model import Home, Listing
from ..urls import web_url
from ..values import Value

if TYPE_CHECKING:
    from ..store import StoredPage


__all__ = [
    "ArchivedCopy",
    "ArticleLoad",
    "Kind",
    "Loaded",
    "Outcome",
    "PageKind",
    "ReadState",
    "Refreshed",
    "kind_of",
    "stored_loaded",
]

T = TypeVar("T")


Kind = Literal["home", "listing", "article"]
#: a page read for what it says it is (a home page, a listing or an article)
PageKind = Literal["home", "listing", "article", "page"]


def kind_of(value: Any) -> Kind:
    """The kind of page a parsed value is (for ``"page"`` reads: what it said)."""
    if isinstance(value, Home):
        return "home"
    if isinstance(value, Listing):
        return "listing"
    return "article"


#: how a reader loads an article (see :meth:`Library.read_article`)
ArticleLoad = Literal["open", "refresh", "reload"]


Outcome = Literal["new", "updated", "unchanged"]


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class ArchivedCopy(Value):
    """Which capture of the Internet Archive a value was read from."""

    #: the capture time (epoch seconds)
    captured_at: float
    #: the archive's ``id_`` URL of the capture's original bytes
    url: str

    @property
    def captured_iso(self) -> str:
        """``2025-06-28T10:11:12Z`` (UTC), as JSON carries it."""
        from ..archive.wayback import utc_iso

        return utc_iso(self.captured_at)

    @property
    def local_date(self) -> str:
        """``28/06/2025``: the capture's date in Vietnam's time zone."""
        from ..archive.wayback import vietnam_date

        return vietnam_date(self.captured_at)

    @property
    def notice(self) -> str:
        """ "Bản lưu trữ ngày 28/06/2025 (Internet Archive)"."""
        return t("notice.archived_copy", date=self.local_date)

    @property
    def citation(self) -> tuple[str, str]:
        """``(notice, capture URL)``: how an export cites the capture."""
        return self.notice, self.url

    @classmethod
    def of(cls, stored: StoredPage | None) -> ArchivedCopy | None:
        """The capture a stored copy came from, or None for a live copy.

        Its address is read back in the URL policy's spelling: a copy stored
        before the policy percent-encoded controls (9f297c0) keeps the
        archive's original address raw in it.
        """
        if stored is None or stored.captured_at is None or not stored.capture_url:
            return None
        return cls(stored.captured_at, web_url(stored.capture_url) or "")


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Loaded(Value, Generic[T]):
    """A value and where it came from.

    ``source`` is ``"network"`` (fetched now, or confirmed unchanged by a 304),
    ``"archive"`` (read now from the Internet Archive), ``"cache"`` (read from
    the store without asking the portal: offline mode or an instant first
    paint) or ``"stale"`` (the portal failed; ``error`` says how, and the
    stored copy is shown instead).  ``archived`` names the capture when the
    value is an archived copy (read now, or stored earlier).
    """

    value: T
    source: Literal["network", "archive", "cache", "stale"]
    stored_at: float | None = None
    #: the article changed since the user read it ("đã cập nhật")
    updated: bool = False
    error: PhulyError | None = None
    archived: ArchivedCopy | None = None
    #: the page could not be read as an article (``error`` says why): the value
    #: is its visible text, one paragraph a line, made from the bytes fetched
    #: for the article — a one-off, never stored
    plain_text: bool = False

    @property
    def source_dict(self) -> dict[str, str]:
        """JSON's ``"source"``: ``{"kind": "archive", "captured", "url"}``, or
        ``{"kind": "live"}``."""
        if self.archived is None:
            return {"kind": "live"}
        return {
            "kind": "archive",
            "captured": self.archived.captured_iso,
            "url": self.archived.url,
        }

    @property
    def notice(self) -> str | None:
        """ "Bản lưu trữ ngày 28/06/2025 (Internet Archive)" for an archived copy,
        "Đang xem bản lưu lúc 07:30 ngày 26/11" for stale or offline copies."""
        if self.archived is not None:
            return self.archived.notice
        if self.source == "network" or self.stored_at is None:
            return None
        when = datetime.fromtimestamp(self.stored_at)
        return t("notice.stale_copy", time=when.strftime("%H:%M"), date=when.strftime("%d/%m"))


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Refreshed(Value):
    """What one conditional fetch did: ``new``, ``updated`` or ``unchanged``."""

    outcome: Outcome
    value: Any
    stored_at: float


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class ReadState(Value):
    """The read marks of a list's articles: ``read``, and ``updated`` — read ones
    that changed on the portal since ("đã cập nhật")."""

    read: set[str]
    updated: set[str]


def stored_loaded(
    stored: StoredPage,
    source: Literal["cache", "stale"],
    error: PhulyError | None = None,
) -> Loaded[Any]:
    """A stored copy as a :class:`Loaded`, with its capture when it is an archived one."""
    return Loaded(
        stored.value, source, stored.fetched_at, error=error, archived=ArchivedCopy.of(stored)
    )
