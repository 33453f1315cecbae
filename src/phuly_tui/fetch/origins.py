"""Which URLs phuly-tui may fetch on its own, and how a link becomes absolute.

The reader fetches automatically only from the portal: the base URL's origin,
the canonical ``https://phuly.hanam.gov.vn`` (and ``www.``), and any extra
origins the configuration names.  Everything else — a link to a ministry site,
a redirect to an ad server — is refused before a single byte is sent; the app
may then offer to open it in a browser after showing the full address.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from ..errors import BadSchemeError, OffOriginError
from ..urls import CANONICAL_HOSTS, is_http_url, origin_of, resolve

__all__ = ["OriginPolicy", "displayable_url", "host_of"]


def host_of(url: str) -> str:
    """``host[:port]`` of ``url`` for messages (no user info), or the URL itself."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return url
    if not host:
        return url
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{port}" if port else host


def displayable_url(url: str) -> str:
    """``url`` with spaces, controls and invisible format characters percent-encoded.

    A redirect target comes from a header the server controls; shown to a
    person it must be the *full* address, but without bytes that could move the
    cursor or reorder the text.  Vietnamese letters stay readable.
    """
    return "".join(
        quote(ch, safe="") if ch.isspace() or unicodedata.category(ch) in {"Cc", "Cf"} else ch
        for ch in url
    )


class OriginPolicy:
    """The allowed origins of one :class:`~phuly_tui.fetch.FetchSettings`."""

    def __init__(self, base_url: str, extra_origins: tuple[str, ...] = ()) -> None:
        self.base_url = base_url.strip()
        self.base_origin = origin_of(self.base_url)
        self.origins = frozenset(
            o for o in (self.base_origin, *(origin_of(x) for x in extra_origins)) if o
        )
        self._base_is_canonical = _hostname(self.base_url) in CANONICAL_HOSTS

    def absolute(self, url_or_path: str) -> str:
        """The absolute URL of a user's or a page's link, relative to the base.

        ``/Pages/x.aspx`` and ``Pages/x.aspx`` resolve against the base URL;
        absolute URLs on the canonical portal are rebased onto the base origin
        (so a mirror or the demo never leaks to the live site); fragments are
        dropped.  Values that are not links (``javascript:``, empty) come back
        stripped and unchanged, and :meth:`is_allowed` then refuses them.
        """
        text = url_or_path.strip()
        resolved = resolve(text, self.base_url)
        return text if resolved is None else resolved

    def is_allowed(self, url: str) -> bool:
        """True for an http(s) URL on the base origin, an extra one or the canonical host."""
        if not is_http_url(url):
            return False
        origin = origin_of(url)
        if not origin:
            return False
        return origin in self.origins or _hostname(url) in CANONICAL_HOSTS

    def check(self, url: str) -> str:
        """The absolute form of ``url`` if it may be fetched; raises otherwise.

        Raises:
            BadSchemeError: Not http/https (``ftp:``, ``file:``, ``javascript:``, junk).
            OffOriginError: http(s) but not on the portal's origins.
        """
        absolute = self.absolute(url)
        if not is_http_url(absolute) or not origin_of(absolute):
            raise BadSchemeError(url=absolute or url)
        if not self.is_allowed(absolute):
            raise OffOriginError(url=absolute)
        return absolute

    def redirect_target(self, location: str, current: str) -> str:
        """Where a ``Location`` header sent from ``current`` points.

        Canonical-host targets are rebased onto the base origin unless the base
        *is* the canonical portal (then an http→https redirect must be followed
        as sent, or it would loop).
        """
        target = urljoin(current, location.strip())
        parts = urlsplit(target)
        if (
            not self._base_is_canonical
            and parts.scheme.lower() in {"http", "https"}
            and (parts.hostname or "").lower() in CANONICAL_HOSTS
        ):
            base = urlsplit(self.base_url)
            parts = parts._replace(scheme=base.scheme, netloc=base.netloc)
        return urlunsplit(parts._replace(fragment=""))


def _hostname(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
