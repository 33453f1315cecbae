"""URLs of the portal: the one URL policy, resolving, and the reduced form.

**One policy.**  Whether a string is a web address phuly-tui may use, and how it
is spelled, is decided by :func:`check_web_url` and nothing else: the command
line (``read URL``, a deep link, ``--base-url``), the app (links it follows, the
browser it opens), the parser (every link of a page), the fetcher (every
request and redirect) and sync all come through it (via :func:`web_url`,
:func:`is_http_url`, :func:`origin_of`, :func:`resolve` and
:func:`is_portal_url`).  It refuses:

* a scheme other than ``http``/``https``, or no host;
* **user info** (``http://user:pass@host/``): phuly-tui never sends, stores or
  prints credentials, and ``http://phuly.hanam.gov.vn@evil.example/`` is a
  classic way to hide where a link goes;
* a **backslash** in the authority: ``http://a:1\\@b:2/`` is host ``b`` to
  Python and host ``a`` to a browser; a page's ``\\\\host/x`` is a link to
  ``host`` for a browser and a path for Python;
* whitespace, controls, ``%`` or anything but letters, digits, ``.``, ``-``
  (and an IPv6 literal's brackets) in the host; a port that is not 1–65535.

**One spelling.**  The same page is one URL (one store key, one read mark, one
bookmark): the address as it goes on the wire.  Scheme and host in lower case,
the default port (``:80`` on http, ``:443`` on https) and a host's trailing dot
dropped, an empty path written ``/``, an empty query (``?``) and the fragment
dropped, ``.``/``..`` segments removed; in the path and the query
(:mod:`phuly_tui.url_spelling`) every
character the request line cannot carry as written — spaces, ``"<>`` (and in
the path ``` ` ``{}``), controls, and every non-ASCII letter (as UTF-8) — is
percent-encoded, every escape is written in upper case (``%c3%a1`` →
``%C3%A1``) and an escape of a letter, a digit or ``-._~`` is written as that
character (``%2D`` → ``-``).  So ``/Pages/tin tuc.aspx`` and
``/Pages/tin%20tuc.aspx``, ``/Pages/tin-tức.aspx`` and
``/Pages/tin-t%E1%BB%A9c.aspx`` are one page each (RFC 3986's equivalences,
§6.2.2), the spelling is what httpx sends (it leaves it as it is), and an
address the policy accepted is printable ASCII: it never carries a byte a
terminal acts on, wherever it is printed.  The path's case is kept: the
portal's server ignores it, but other servers do not, and only
:mod:`phuly_tui.library.routes` compares paths without case (to tell where an
address leads, never to key a page).  Escapes of reserved characters
(``%2F``, ``%3F``, ``%26``…) and ``+`` stay as written: they mean something
else than the character.

The portal's canonical origin is ``https://phuly.hanam.gov.vn``.  phuly-tui can
be pointed at another base URL (a mirror, the bundled demo, a test server); links
that a page writes absolute on the canonical origin are then treated as links
to *that* base, so a reader on a mirror never leaves it by accident.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import Any, Final, Literal
from urllib.parse import SplitResult, unquote, urljoin, urlsplit, urlunsplit

from .text import clean_text
from .url_spelling import spelled_path, spelled_query

__all__ = [
    "CANONICAL_HOSTS",
    "CANONICAL_ORIGIN",
    "URLRefused",
    "canonical_url",
    "check_web_url",
    "decoded_file_name",
    "has_backslash_authority",
    "host_of",
    "hostname_of",
    "is_file_url",
    "is_http_url",
    "is_portal_url",
    "is_same_site",
    "is_unsafe_url",
    "is_url_input",
    "map_urls",
    "origin_of",
    "redacted",
    "reduce_same_site",
    "reduce_urls",
    "resolve",
    "url_key",
    "web_url",
]

CANONICAL_ORIGIN: Final = "https://phuly.hanam.gov.vn"
CANONICAL_HOSTS: Final = frozenset({"phuly.hanam.gov.vn", "www.phuly.hanam.gov.vn"})
_IGNORED_SCHEMES: Final = ("javascript:", "data:", "vbscript:", "about:")
#: last-segment suffixes of pages (read as articles); any other suffix is a file
PAGE_SUFFIXES: Final = frozenset({"aspx", "html", "htm", "php", "asp"})
_WEB_SCHEMES: Final = frozenset({"http", "https"})
_DEFAULT_PORTS: Final = {"http": 80, "https": 443}
#: a host name (any letters: an IDN is read as written) or IPv4 address; no
#: spaces, controls, escapes or delimiters (IPv6 literals are checked apart)
_HOST: Final = re.compile(r"[^\x00-\x20\x7f-\x9f%@\\\[\]/?#:]+")
_IPV6: Final = re.compile(r"\[[0-9a-f:.]+\]")
_PORT: Final = re.compile(r"[0-9]{1,5}")
_SCHEME: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_WEB_SCHEME: Final = re.compile(r"https?:", re.IGNORECASE)


#: keys of ``to_dict()`` output whose values are URLs
URL_KEYS: Final = frozenset({"url", "src", "thumbnail", "next", "prev"})

Refusal = Literal["scheme", "userinfo", "backslash", "host", "port"]


class URLRefused(ValueError):
    """``url`` is not a web address phuly-tui uses; ``reason`` says why."""

    def __init__(self, url: str, reason: Refusal) -> None:
        super().__init__(f"{reason}: {redacted(url)}")
        self.url = url
        self.reason: Refusal = reason


def _split(url: str) -> SplitResult | None:
    try:
        return urlsplit(url)
    except ValueError:
        return None


def _after_scheme(url: str) -> tuple[str, str]:
    """``(slashes, rest)`` after ``scheme:``: browsers read the authority after any
    run of ``/`` *and* ``\\`` there."""
    rest = url.partition(":")[2]
    body = rest.lstrip("/\\")
    return rest[: len(rest) - len(body)], body


def check_web_url(url: str) -> str:
    """The normal spelling of the web address ``url``; raises when it is refused.

    The one URL policy of phuly-tui (see the module docstring for what is
    refused and how addresses are spelled).

    Raises:
        URLRefused: with ``reason`` ``"scheme"`` (not absolute http/https),
            ``"userinfo"``, ``"backslash"``, ``"host"`` or ``"port"``.
    """
    parts = _split(url)
    if parts is None:
        raise URLRefused(url, "host")
    scheme = parts.scheme.lower()
    if scheme not in _WEB_SCHEMES:
        raise URLRefused(url, "scheme")
    netloc = parts.netloc
    slashes, _body = _after_scheme(url)
    if "\\" in netloc or "\\" in slashes:
        raise URLRefused(url, "backslash")
    if "@" in netloc:
        raise URLRefused(url, "userinfo")
    if not netloc:
        raise URLRefused(url, "scheme")
    host, port = _host_and_port(netloc)
    if host is None:
        raise URLRefused(url, "host")
    if port is False:
        raise URLRefused(url, "port")
    if port == _DEFAULT_PORTS[scheme]:
        port = None
    authority = host if port is None else f"{host}:{port}"
    path = spelled_path(parts.path or "/")
    return urlunsplit((scheme, authority, path, spelled_query(parts.query), ""))


def _host_and_port(netloc: str) -> tuple[str | None, int | Literal[False] | None]:
    """``(host, port)`` of an authority without user info: host None when
    malformed; port None when absent (or empty: ``host:``), False when malformed."""
    lowered = netloc.lower()
    if lowered.startswith("["):
        end = lowered.find("]")
        if end == -1 or not _IPV6.fullmatch(lowered[: end + 1]):
            return None, None
        host, rest = lowered[: end + 1], lowered[end + 1 :]
        if rest and not rest.startswith(":"):
            return None, None
        port_text = rest[1:]
    else:
        host, _colon, port_text = lowered.partition(":")
        host = host.removesuffix(".")
        if not _HOST.fullmatch(host):
            return None, None
    if not port_text:
        return host, None
    if not _PORT.fullmatch(port_text) or not 0 < int(port_text) <= 65535:
        return host, False
    return host, int(port_text)


def is_unsafe_url(url: str) -> bool:
    """True when the policy refuses ``url`` for user info or a backslash in its
    authority (written absolute or as a page's ``\\\\host`` link): the
    address hides where it goes or carries a password, and is named redacted."""
    if has_backslash_authority(url):
        return True
    try:
        check_web_url(url)
    except URLRefused as refused:
        return refused.reason in ("userinfo", "backslash")
    return False


def is_url_input(text: str) -> bool:
    """Whether a user's argument is meant as an address (``…://…``, ``/path``, ``\\\\host``)
    rather than a name (a section, a subcommand); the policy then judges it."""
    return "://" in text or text.startswith(("/", "\\")) or _WEB_SCHEME.match(text) is not None


def web_url(url: str) -> str | None:
    """:func:`check_web_url`'s normal spelling, or None for a refused address."""
    try:
        return check_web_url(url)
    except URLRefused:
        return None


@functools.lru_cache(maxsize=4096)
def url_key(url: str) -> str:
    """The spelling under which ``url`` is stored and looked up: a page, an
    article, a read mark, a bookmark, a listing's item, a capture list, a document.

    :func:`check_web_url`'s one spelling, so every spelling of one address
    meets one row; a string the policy refuses is kept as given (it names no
    page phuly-tui fetches, so it meets nothing).  The store applies it to every
    address it is given (``tests/unit/test_url_keys.py`` holds it to that);
    which origin is the portal (``http``/``https``, ``www.``) is the origin
    policy's to decide before an address gets here (:func:`resolve` rebases the
    canonical host onto the base URL's origin).  Cached: a list of 200 items
    asks for the keys of its URLs at every redraw of its read marks.
    """
    return web_url(url) or url


def decoded_file_name(url: str) -> str:
    """The last segment of ``url``'s path, percent-decoded and cleaned like page
    text; "" when the path ends with ``/``.

    The one way a file's name is read from its address — a document's title
    when it states none, the name in a message, a saved copy's name.  Decoded,
    the name is outside text: ``%1B%5B31m`` is a terminal escape and
    ``%E2%80%AE`` a bidi override that shows ``…fdp.exe`` as ``…exe.pdf``;
    :func:`~phuly_tui.text.clean_text` removes them as it does from a page.
    """
    return clean_text(unquote(urlsplit(url).path.rsplit("/", 1)[-1]))


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
    """True for a web address the policy accepts (see :func:`check_web_url`)."""
    return web_url(url) is not None


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` in lower case, default ports dropped; "" if refused."""
    normal = web_url(url)
    if normal is None:
        return ""
    parts = urlsplit(normal)
    return f"{parts.scheme}://{parts.netloc}"


def host_of(url: str) -> str:
    """``host[:port]`` of ``url`` for messages (never user info), or ``url`` redacted.

    Lenient on purpose: it names the server of an address in an error message,
    whatever the address looks like; it decides nothing.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return redacted(url)
    if not host:
        return redacted(url)
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{port}" if port else host


def hostname_of(url: str) -> str:
    """The host of an address the policy accepts (lower case, no port); "" otherwise."""
    normal = web_url(url)
    if normal is None:
        return ""
    netloc = urlsplit(normal).netloc
    return netloc if netloc.startswith("[") else netloc.partition(":")[0]


def is_portal_url(url: str, base: str, extra_origins: Iterable[str] = ()) -> bool:
    """True when the policy accepts ``url`` and it is on the portal.

    The portal is ``base``'s origin, any of ``extra_origins``, and the
    canonical host (whose links :func:`resolve` rebases onto ``base``).
    """
    origin = origin_of(url)
    if not origin:
        return False
    if origin == origin_of(base) or origin in {origin_of(extra) for extra in extra_origins}:
        return True
    return hostname_of(url) in CANONICAL_HOSTS


def is_file_url(url: str) -> bool:
    """True when ``url`` names a file (``/Documents/x.pdf``), not a page (``.aspx``)."""
    parts = _split(url)
    if parts is None:
        return False
    name = parts.path.rsplit("/", 1)[-1].lower()
    return "." in name and name.rsplit(".", 1)[-1] not in PAGE_SUFFIXES


def is_same_site(url: str, base: str) -> bool:
    """True when ``url`` is on ``base``'s origin or on the canonical portal host."""
    return is_portal_url(url, base)


def redacted(url: str) -> str:
    """``url`` with its user info (or what a backslash hides) replaced by ``***``.

    For messages: a password written in an address is never printed.  The
    authority is taken as Python reads it (up to ``/``, ``?`` or ``#``), which
    covers what a browser reads too.
    """
    head, sep, body = url.partition("://")
    if not sep:
        head, body = "", url
    end = len(body)
    for stop in "/?#":
        index = body.find(stop)
        if index != -1:
            end = min(end, index)
    cut = body.rfind("@", 0, end)
    if cut == -1:
        return url
    return f"{head}{sep}***{body[cut:]}"


def has_backslash_authority(href: str) -> bool:
    """A link whose authority a browser would find after backslashes: ``\\\\host``,
    ``/\\host``, ``http:\\\\host`` — Python reads those as paths."""
    if _SCHEME.match(href):
        slashes, _body = _after_scheme(href)
    else:
        slashes = href[: len(href) - len(href.lstrip("/\\"))]
    return "\\" in slashes


def resolve(href: str | None, page_url: str) -> str | None:
    """Absolute form of a link written on ``page_url``, or None for a non-link.

    ``javascript:``, ``data:`` and empty or fragment-only links give None, and
    so does a web link the policy refuses (user info, a backslash in the
    authority, a malformed host): it is never fetched, opened, stored or
    printed.  Web links come back in their normal spelling; absolute links on
    the canonical portal host are rebased onto ``page_url``'s origin.  Other
    schemes (``mailto:``, ``tel:``) come back as written; callers that open
    links accept only http/https.
    """
    if href is None:
        return None
    # browsers drop tabs and newlines anywhere in a URL ("java\tscript:" is javascript:)
    href = href.replace("\t", "").replace("\n", "").replace("\r", "").strip()
    if not href or href.startswith("#"):
        return None
    if href.lower().startswith(_IGNORED_SCHEMES):
        return None
    if has_backslash_authority(href):
        return None
    try:
        absolute = urljoin(page_url, href)
    except ValueError:
        return None
    parts = _split(absolute)
    if parts is None:
        return None
    if parts.scheme.lower() not in _WEB_SCHEMES:
        return absolute
    normal = web_url(absolute)
    if normal is None:
        return None
    if hostname_of(normal) in CANONICAL_HOSTS and origin_of(normal) != origin_of(page_url):
        base = origin_of(page_url)
        if base:
            return base + normal[len(origin_of(normal)) :]
    return normal


def reduce_same_site(url: str, base: str) -> str:
    """Path + query for a same-site URL (the gold's form); other URLs unchanged."""
    if not is_same_site(url, base):
        return url
    parts = _split(url)
    if parts is None:
        return url
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def map_urls(data: Any, change: Callable[[str], str]) -> Any:
    """Copy of a ``to_dict()`` structure with ``change`` applied to every address
    in it (the values of :data:`URL_KEYS`)."""
    if isinstance(data, dict):
        return {
            key: change(value)
            if key in URL_KEYS and isinstance(value, str)
            else map_urls(value, change)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [map_urls(item, change) for item in data]
    return data


def reduce_urls(data: Any, base: str) -> Any:
    """Copy of a ``to_dict()`` structure with every same-site URL reduced."""
    return map_urls(data, lambda url: reduce_same_site(url, base))
