"""URLs of the portal: resolving, same-site rules and the reduced form.

The portal's canonical origin is ``https://phuly.hanam.gov.vn``.  phuly-tui can
be pointed at another base URL (a mirror, the bundled demo, a test server); links
that a page writes absolute on the canonical origin are then treated as links
to *that* base, so a reader on a mirror never leaves it by accident.
"""

from __future__ import annotations

from typing import Any, Final
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

__all__ = [
    "CANONICAL_HOSTS",
    "CANONICAL_ORIGIN",
    "canonical_url",
    "is_file_url",
    "is_http_url",
    "is_same_site",
    "origin_of",
    "reduce_same_site",
    "reduce_urls",
    "resolve",
]

CANONICAL_ORIGIN: Final = "https://phuly.hanam.gov.vn"
CANONICAL_HOSTS: Final = frozenset({"phuly.hanam.gov.vn", "www.phuly.hanam.gov.vn"})
_IGNORED_SCHEMES: Final = ("javascript:", "data:", "vbscript:", "about:")
#: last-segment suffixes of pages (read as articles); any other suffix is a file
PAGE_SUFFIXES: Final = frozenset({"aspx", "html", "htm", "php", "asp"})
#: keys of ``to_dict()`` output whose values are URLs
URL_KEYS: Final = frozenset({"url", "src", "thumbnail", "next", "prev"})


def _split(url: str) -> SplitResult | None:
    try:
        return urlsplit(url)
    except ValueError:
        return None


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` in lower case, default ports dropped; "" if none."""
    parts = _split(url)
    if parts is None or not parts.scheme or not parts.netloc:
        return ""
    scheme = parts.scheme.lower()
    try:
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return ""
    if ":" in host:
        host = f"[{host}]"
    if port is None or (scheme, port) in {("http", 80), ("https", 443)}:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def canonical_url(url: str, base_url: str) -> str:
    """``url`` on the portal's own address when it was read through ``base_url``.

    A page read on a mirror, the demo or a test server is cited by the address
    an official can give to anyone (``https://phuly.hanam.gov.vn/Pages/…``),
    never by ``127.0.0.1`` or the mirror.  URLs elsewhere are left as they are.
    """
    base = origin_of(base_url)
    if not base or origin_of(url) != base:
        return url
    parts = urlsplit(url)
    prefix = urlsplit(base_url).path.rstrip("/")
    path = parts.path
    if prefix and path.startswith(prefix + "/"):  # a mirror under a folder
        path = path[len(prefix) :]
    canonical = urlsplit(CANONICAL_ORIGIN)
    return urlunsplit((canonical.scheme, canonical.netloc, path or "/", parts.query, ""))


def is_http_url(url: str) -> bool:
    parts = _split(url)
    return parts is not None and parts.scheme.lower() in {"http", "https"} and bool(parts.netloc)


def is_file_url(url: str) -> bool:
    """True when ``url`` names a file (``/Documents/x.pdf``), not a page (``.aspx``)."""
    parts = _split(url)
    if parts is None:
        return False
    name = parts.path.rsplit("/", 1)[-1].lower()
    return "." in name and name.rsplit(".", 1)[-1] not in PAGE_SUFFIXES


def is_same_site(url: str, base: str) -> bool:
    """True when ``url`` is on ``base``'s origin or on the canonical portal host."""
    parts = _split(url)
    if parts is None or parts.scheme.lower() not in {"http", "https"}:
        return False
    if origin_of(url) == origin_of(base):
        return True
    return (parts.hostname or "").lower() in CANONICAL_HOSTS


def resolve(href: str | None, page_url: str) -> str | None:
    """Absolute form of a link written on ``page_url``, or None for a non-link.

    ``javascript:``, ``data:`` and empty or fragment-only links give None.
    Absolute links on the canonical portal host are rebased onto
    ``page_url``'s origin.  Other schemes (``mailto:``, ``tel:``) come back as
    written; callers that open links accept only http/https.
    """
    if href is None:
        return None
    # browsers drop tabs and newlines anywhere in a URL ("java\tscript:" is javascript:)
    href = href.replace("\t", "").replace("\n", "").replace("\r", "").strip()
    if not href or href.startswith("#"):
        return None
    if href.lower().startswith(_IGNORED_SCHEMES):
        return None
    try:
        absolute = urljoin(page_url, href)
    except ValueError:
        return None
    parts = _split(absolute)
    if parts is None:
        return None
    if parts.scheme.lower() in {"http", "https"}:
        host = (parts.hostname or "").lower()
        if host in CANONICAL_HOSTS and origin_of(absolute) != origin_of(page_url):
            base = _split(page_url)
            if base is not None and base.netloc:
                parts = parts._replace(scheme=base.scheme, netloc=base.netloc)
        return urlunsplit(parts._replace(fragment=""))
    return absolute


def reduce_same_site(url: str, base: str) -> str:
    """Path + query for a same-site URL (the gold's form); other URLs unchanged."""
    if not is_same_site(url, base):
        return url
    parts = _split(url)
    if parts is None:
        return url
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def reduce_urls(data: Any, base: str) -> Any:
    """Copy of a ``to_dict()`` structure with every same-site URL reduced."""
    if isinstance(data, dict):
        return {
            key: reduce_same_site(value, base)
            if key in URL_KEYS and isinstance(value, str)
            else reduce_urls(value, base)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [reduce_urls(item, base) for item in data]
    return data
