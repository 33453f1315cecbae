"""The Wayback Machine's public APIs as plain functions: no I/O, no httpx.

* CDX server: ``/cdx/search/cdx?url=…&output=json&fl=…&filter=statuscode:200``
  answers a JSON array whose first row names the fields (``[]`` when nothing
  matched), captures oldest first; :func:`cdx_url`, :func:`parse_cdx`.
* Availability API: ``/wayback/available?url=…&timestamp=…`` answers
  ``{"archived_snapshots": {"closest": {"available", "url", "timestamp",
  "status"}}}`` or ``{"archived_snapshots": {}}``; :func:`available_url`,
  :func:`parse_available`.
* The original bytes of a capture: ``/web/<timestamp>id_/<original URL>`` —
  the ``id_`` form has no toolbar and no rewritten links; a timestamp that is
  not exact redirects to the nearest capture.  :meth:`Capture.replay_url`,
  :func:`timestamp_in`.

The archive is always asked for the canonical portal address
(:func:`canonical_page_url`): a mirror's or the demo's address was never archived.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, Final
from urllib.parse import quote, urlencode

from ..urls import CANONICAL_ORIGIN, canonical_url, origin_of, web_url
from ..values import Value

__all__ = [
    "VIETNAM",
    "Capture",
    "available_url",
    "canonical_page_url",
    "cdx_url",
    "parse_available",
    "parse_cdx",
    "timestamp_in",
    "utc_iso",
    "vietnam_date",
    "vietnam_time",
]

#: Vietnam's time zone (UTC+7 all year): capture dates are shown in it
VIETNAM: Final = timezone(timedelta(hours=7), "ICT")
_STAMP: Final = re.compile(r"^\d{14}$")
_REPLAY_STAMP: Final = re.compile(r"/web/(\d{14})(?:[a-z]{2}_)?/")
CDX_FIELDS: Final = ("timestamp", "original", "statuscode", "mimetype")


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Capture(Value):
    """One capture of a page: when (UTC, ``YYYYMMDDhhmmss``) and the URL as archived."""

    timestamp: str
    original: str

    @property
    def captured(self) -> datetime:
        """The capture time, timezone-aware (UTC)."""
        return datetime.strptime(self.timestamp, "%Y%m%d%H%M%S").replace(tzinfo=UTC)

    @property
    def captured_iso(self) -> str:
        """``2025-06-28T10:11:12Z``: the form JSON output carries."""
        return utc_iso(self.captured.timestamp())

    @property
    def local_date(self) -> str:
        """``28/06/2025``: the capture's date as read in Vietnam."""
        return vietnam_date(self.captured.timestamp())

    @property
    def local_time(self) -> str:
        """``28/06/2025 17:11``: the capture's date and time as read in Vietnam
        (the captures picker and ``phuly-tui captures`` list them so)."""
        return vietnam_time(self.captured.timestamp())

    def replay_url(self, archive_url: str) -> str:
        """The ``id_`` URL of the capture's original bytes on ``archive_url``."""
        return f"{archive_url.rstrip('/')}/web/{self.timestamp}id_/{self.original}"

    def to_dict(self, archive_url: str) -> dict[str, str]:
        """``{"captured": "2025-06-28T10:11:12Z", "url": <id_ URL>}``."""
        return {"captured": self.captured_iso, "url": self.replay_url(archive_url)}

    @classmethod
    def checked(cls, timestamp: str, original: str) -> Capture | None:
        """The capture of ``timestamp`` and ``original`` as the archive named them —
        a CDX row, or one stored from it — or None when it is not one.

        The timestamp must be 14 digits and the original an http(s) address,
        which is kept in the URL policy's spelling (controls percent-encoded):
        outside text, never as sent.  A list stored by a version before that
        spelling holds raw addresses: read back through here, they are spelled
        the same way again instead of failing as "only http/https".
        """
        address = web_url(original)
        if not _STAMP.match(timestamp) or address is None:
            return None
        return cls(timestamp, address)


def utc_iso(epoch: float) -> str:
    """``2025-06-28T10:11:12Z``: a capture time as JSON carries it (UTC)."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def vietnam_date(epoch: float) -> str:
    """``28/06/2025``: a capture's date as read in Vietnam (UTC+7)."""
    return datetime.fromtimestamp(epoch, VIETNAM).strftime("%d/%m/%Y")


def vietnam_time(epoch: float) -> str:
    """``28/06/2025 17:11``: a capture's date and time as read in Vietnam (UTC+7)."""
    return datetime.fromtimestamp(epoch, VIETNAM).strftime("%d/%m/%Y %H:%M")


def canonical_page_url(url: str, base_url: str | None = None) -> str:
    """``url`` (read through ``base_url``: the portal, a mirror, the demo) on the
    canonical portal, ``https://phuly.hanam.gov.vn/…`` — the address archived.

    Without ``base_url`` the URL's own origin is taken as the base.  The
    fragment goes; see :func:`phuly_tui.urls.canonical_url`.
    """
    return canonical_url(url, base_url or origin_of(url) or CANONICAL_ORIGIN)


def cdx_url(archive_url: str, page_url: str) -> str:
    """The CDX query listing the good (status 200) captures of ``page_url``."""
    query = urlencode(
        {
            "url": canonical_page_url(page_url),
            "output": "json",
            "fl": ",".join(CDX_FIELDS),
            "filter": "statuscode:200",
        },
        quote_via=quote,
    )
    return f"{archive_url.rstrip('/')}/cdx/search/cdx?{query}"


def available_url(archive_url: str, page_url: str, when: datetime) -> str:
    """The availability query for the capture of ``page_url`` nearest to ``when``."""
    stamp = when.astimezone(UTC).strftime("%Y%m%d%H%M%S")
    query = urlencode({"url": canonical_page_url(page_url), "timestamp": stamp}, quote_via=quote)
    return f"{archive_url.rstrip('/')}/wayback/available?{query}"


def _json(content: bytes) -> Any:
    try:
        return json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


def parse_cdx(content: bytes) -> list[Capture] | None:
    """Good captures in a CDX JSON answer, newest first; None if it is not one.

    Rows that are not status 200, have no 14-digit timestamp or no http(s)
    original are skipped (the filter asked for them already; this is the
    check, not the rule: :meth:`Capture.checked`).  The original is kept in
    the URL policy's spelling.
    """
    rows = _json(content)
    if not isinstance(rows, list):
        return None
    if not rows:
        return []
    header = rows[0]
    if not isinstance(header, list) or "timestamp" not in header or "original" not in header:
        return None
    at = {name: i for i, name in enumerate(header) if isinstance(name, str)}
    found: dict[str, Capture] = {}
    for row in rows[1:]:
        if not isinstance(row, list) or len(row) < len(header):
            continue
        stamp, original = str(row[at["timestamp"]]), str(row[at["original"]])
        status = str(row[at["statuscode"]]) if "statuscode" in at else "200"
        capture = Capture.checked(stamp, original) if status == "200" else None
        if capture is not None:
            found.setdefault(stamp, capture)
    return sorted(found.values(), key=lambda c: c.timestamp, reverse=True)


def parse_available(content: bytes, page_url: str) -> Capture | None:
    """The closest capture named by an availability answer, or None (none, or junk)."""
    data = _json(content)
    if not isinstance(data, dict):
        return None
    snapshots = data.get("archived_snapshots")
    closest = snapshots.get("closest") if isinstance(snapshots, dict) else None
    if not isinstance(closest, dict) or closest.get("available") is not True:
        return None
    stamp = str(closest.get("timestamp", ""))
    if not _STAMP.match(stamp) or str(closest.get("status", "200")) != "200":
        return None
    return Capture(stamp, canonical_page_url(page_url))


def timestamp_in(replay_url: str) -> str | None:
    """The 14-digit timestamp of a ``/web/<timestamp>id_/…`` URL (after a redirect)."""
    match = _REPLAY_STAMP.search(replay_url)
    return match.group(1) if match else None
