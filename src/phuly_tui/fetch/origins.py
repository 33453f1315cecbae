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

from ..errors import BadSchemeError, OffOriginError, UnsafeURLError
from ..urls import (
    CANONICAL_HOSTS,
    URLRefused,
    check_web_url,
    has_backslash_authority,
    host_of,
    hostname_of,
    is_portal_url,
    origin_of,
    redacted,
    resolve,
    web_url,
)

__all__ = ["OriginPolicy", "displayable_url", "host_of"]


def displayable_url(url: str) -> str:
    """``url`` without user info, spaces, controls and invisible format characters.

    A redirect target comes from a header the server controls; shown to a
    person it must be the *full* address, but without bytes that could move the
    cursor or reorder the text, and without a password written into it.
    Vietnamese letters stay readable.
    """
    return "".join(
        quote(ch, safe="") if ch.isspace() or unicodedata.category(ch) in {"Cc", "Cf"} else ch
        for ch in redacted(url)
    )


class OriginPolicy:
    """The allowed origins of one :class:`~phuly_tui.fetch.FetchSettings`.

    What is a web address at all is :func:`phuly_tui.urls.check_web_url`'s
    decision; this class only adds *which* origins are the portal.
    """

    def __init__(self, base_url: str, extra_origins: tuple[str, ...] = ()) -> None:
        self.base_url = base_url.strip()
        self.base_origin = origin_of(self.base_url)
        self.extra_origins = extra_origins
        self._base_is_canonical = hostname_of(self.base_url) in CANONICAL_HOSTS

    def absolute(self, url_or_path: str) -> str:
        """The absolute URL of a user's or a page's link, relative to the base.

        ``/Pages/x.aspx`` and ``Pages/x.aspx`` resolve against the base URL;
        absolute URLs on the canonical portal are rebased onto the base origin
        (so a mirror or the demo never leaks to the live site); fragments are
        dropped.  Values that are not links (``javascript:``, empty, an address
        the URL policy refuses) come back stripped and unchanged, and
        :meth:`check` then says why.
        """
        text = url_or_path.strip()
        resolved = resolve(text, self.base_url)
        return text if resolved is None else resolved

    def is_allowed(self, url: str) -> bool:
        """True for a web address on the base origin, an extra one or the canonical host."""
        return is_portal_url(url, self.base_url, self.extra_origins)

    def check(self, url: str) -> str:
        """The absolute form of ``url`` if it may be fetched; raises otherwise.

        Raises:
            UnsafeURLError: User info or a backslash in the address (never shown).
            BadSchemeError: Not http/https (``ftp:``, ``file:``, ``javascript:``, junk).
            OffOriginError: http(s) but not on the portal's origins.
        """
        absolute = self.absolute(url)
        try:
            absolute = check_web_url(absolute)
        except URLRefused as refused:
            if refused.reason in ("userinfo", "backslash"):
                raise UnsafeURLError(url=redacted(absolute)) from None
            raise BadSchemeError(url=absolute or url) from None
        if not self.is_allowed(absolute):
            raise OffOriginError(url=absolute)
        return absolute

    def redirect_target(self, location: str, current: str) -> str:
        """Where a ``Location`` header sent from ``current`` points.

        Canonical-host targets are rebased onto the base origin unless the base
        *is* the canonical portal (then an http→https redirect must be followed
        as sent, or it would loop).  A target the URL policy refuses comes back
        as written: :meth:`is_allowed` refuses it.
        """
        location = location.strip()
        if has_backslash_authority(location):
            return location  # another host to a browser: refused, and named
        target = urljoin(current, location)
        normal = web_url(target)
        if normal is None:
            return urlunsplit(urlsplit(target)._replace(fragment=""))
        if not self._base_is_canonical and hostname_of(normal) in CANONICAL_HOSTS:
            return self.base_origin + normal[len(origin_of(normal)) :]
        return normal
