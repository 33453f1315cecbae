"""A fake Wayback Machine on 127.0.0.1, written from the public API documentation.

What it answers (as documented for https://web.archive.org):

* the CDX server, ``/cdx/search/cdx?url=…&output=json&fl=…&filter=…&limit=…&from=…&to=…``:
  a JSON array whose first row names the fields, one row per capture, oldest
  first; ``[]`` when nothing matches; ``filter=[!]field:regex``; ``limit=-N``
  gives the newest N; ``from``/``to`` are timestamp prefixes (inclusive);
* the availability API, ``/wayback/available?url=…&timestamp=YYYYMMDDhhmmss``:
  ``{"url", "archived_snapshots": {"closest": {"available", "url", "timestamp",
  "status"}}}``, and ``"archived_snapshots": {}`` when the page was never captured;
* replay of the original bytes, ``/web/<timestamp>id_/<original URL>``: 200 with
  the page exactly as captured for an exact timestamp; a timestamp that is not
  one of the captures (a prefix, another second) answers 302 to the nearest
  capture on the archive's own origin; 404 for a page never captured;
* rate limiting: ``throttle(5, None)`` makes the next answers 429 with
  ``Retry-After: 5``, then without the header.  A client that asks again
  before the wait is over is *blocked*, as the real archive does: everything is
  refused (403) for ``penalty`` seconds.

Captures are made from the project's portal copy (:class:`PortalSite`): every
HTML page at :data:`NEWEST`, and pages in :data:`OLDER` also earlier, with a
marked title (:func:`older_body`) so a test can tell the captures apart.  A
capture of the seed article with status 404 (the archive keeps error pages too)
is newer than its good ones: only ``filter=statuscode:200`` skips it.

Strictness: the fake is set up for the canonical portal address only.  A
request it was not set up for — another path, a page URL that is not
``https://phuly.hanam.gov.vn/…`` (a mirror's address was never archived), a
User-Agent that does not name phuly-tui, a request during a ``Retry-After``,
more than ``limit`` requests in any ``window`` seconds, any request after
:meth:`FakeArchive.forbid` — is recorded in :attr:`FakeArchive.violations`; the
``fake_archive`` fixture fails the test when any was recorded.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from tests.support.portal_server import LoopbackServer, PortalSite

CANONICAL = "https://phuly.hanam.gov.vn"
#: the newest capture of every page: 28/06/2025 17:11:12 in Vietnam
NEWEST = "20250628101112"
OLDER_STAMP = "20240115083000"
SEED_PATH = (
    "/Pages/ban-chi-dao-35-tp-phu-ly-so-ket-cong-tac-6-thang-dau-nam-"
    "trien-khai-nhiem-vu-trong-tam-6-thang-cuoi-nam-2024.aspx"
)
#: pages captured more than once: target → older timestamps
OLDER: dict[str, tuple[str, ...]] = {
    SEED_PATH: (OLDER_STAMP, "20241103220000"),
    "/": (OLDER_STAMP,),
}
#: a newer capture of the seed article that recorded an error page (status 404)
ERROR_CAPTURE = "20250701000000"
OLDER_MARK = " (bản lưu cũ)"


def older_body(body: bytes, timestamp: str) -> bytes:
    """The page as an older capture shows it: its titles marked with the capture's year."""
    mark = f"{OLDER_MARK} {timestamp[:4]}".encode()
    return re.sub(
        rb"(<h1 class=\"news-detail-title\">[^<]*?)(\s*</h1>)", rb"\1" + mark + rb"\2", body
    )


def surt_key(url: str) -> str:
    """How the fake files a page: without scheme and ``www.``, lower case (like SURT)."""
    text = url.strip()
    text = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", text)
    text = re.sub(r"^www\.", "", text, flags=re.IGNORECASE)
    return text.lower()


def _stamp_seconds(timestamp: str) -> float:
    padded = (timestamp + "00000101000000"[len(timestamp) :])[:14]
    try:
        when = datetime.strptime(padded, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return 0.0
    return when.timestamp()


@dataclass
class Capture:
    timestamp: str
    original: str
    body: bytes
    statuscode: int = 200
    mimetype: str = "text/html"


@dataclass
class Request:
    at: float
    path: str
    status: int


class FakeArchive(LoopbackServer):
    """The fake Wayback Machine (see the module docstring); ``start()`` / ``stop()``."""

    def __init__(
        self,
        site: PortalSite | None = None,
        *,
        window: float = 60.0,
        limit: int = 60,
        penalty: float = 3600.0,
        populate: bool = True,
    ) -> None:
        self.window = window
        self.limit = limit
        self.penalty = penalty
        self.captures: dict[str, list[Capture]] = {}
        self.requests: list[Request] = []
        self.violations: list[str] = []
        self._throttle: list[float | None] = []
        self._retry_until = 0.0
        self._blocked_until = 0.0
        self._forbidden = False
        self._lock = threading.Lock()
        super().__init__()
        if populate:
            self.capture_site(site or PortalSite())

    # -- set-up -------------------------------------------------------------
    def add(self, target: str, timestamp: str, body: bytes, *, statuscode: int = 200) -> None:
        """Record a capture of ``CANONICAL + target`` taken at ``timestamp``."""
        original = CANONICAL + target
        bucket = self.captures.setdefault(surt_key(original), [])
        bucket.append(Capture(timestamp, original, body, statuscode))
        bucket.sort(key=lambda c: c.timestamp)

    def capture_site(self, site: PortalSite, targets: Iterable[str] | None = None) -> None:
        """Capture the HTML pages of ``site`` (see :data:`NEWEST`, :data:`OLDER`)."""
        for target in targets if targets is not None else site.html_targets():
            hit = site.lookup(target)
            if hit is None:
                continue
            body = hit[1]
            self.add(target, NEWEST, body)
            for stamp in OLDER.get(target, ()):
                self.add(target, stamp, older_body(body, stamp))
            if target == SEED_PATH:
                self.add(target, ERROR_CAPTURE, b"<html><body>404</body></html>", statuscode=404)

    def forget(self, target: str) -> None:
        """The page was never captured."""
        self.captures.pop(surt_key(CANONICAL + target), None)

    def throttle(self, *retry_after: float | None) -> None:
        """Answer the next requests 429, with ``Retry-After: value`` (None: no header)."""
        with self._lock:
            self._throttle.extend(retry_after)

    def forbid(self) -> None:
        """From now on any request is a violation (a test that must not ask the archive)."""
        self._forbidden = True

    # -- inspection ---------------------------------------------------------
    def count(self, prefix: str = "/") -> int:
        return sum(1 for r in self.requests if r.path.startswith(prefix))

    def max_in_window(self, window: float | None = None) -> int:
        """The most requests that arrived within any ``window`` seconds (sliding)."""
        span = self.window if window is None else window
        times = sorted(r.at for r in self.requests)
        best = 0
        start = 0
        for end, at in enumerate(times):
            while at - times[start] >= span:
                start += 1
            best = max(best, end - start + 1)
        return best

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        return _make_handler(self)

    # -- answering ------------------------------------------------------------
    def admit(self, path: str, user_agent: str) -> tuple[int, float | None] | None:
        """Bookkeeping of one request: None to answer it, or ``(status, retry_after)``."""
        now = time.monotonic()
        with self._lock:
            self.requests.append(Request(now, path, 0))
            if self._forbidden:
                self.violations.append(f"asked although forbidden: {path}")
            if not user_agent.startswith("phuly-tui/"):
                self.violations.append(f"User-Agent {user_agent!r} does not name phuly-tui")
            if now < self._blocked_until:
                self.violations.append(f"asked while blocked: {path}")
                return 403, None
            if now < self._retry_until:
                self.violations.append(f"asked during Retry-After: {path}")
                self._blocked_until = now + self.penalty
                return 403, None
            recent = [r for r in self.requests if now - r.at < self.window]
            if len(recent) > self.limit:
                self.violations.append(f"{len(recent)} requests within {self.window} s: {path}")
                self._retry_until = now + self.window
                return 429, self.window
            if self._throttle:
                retry_after = self._throttle.pop(0)
                self._retry_until = now + (60.0 if retry_after is None else retry_after)
                return 429, retry_after
        return None

    def lookup(self, url: str) -> list[Capture]:
        return self.captures.get(surt_key(url), [])

    def check_page_url(self, url: str) -> None:
        if not url.startswith(CANONICAL + "/"):
            self.violations.append(f"asked for a page that is not the canonical portal: {url!r}")


def _cdx_rows(archive: FakeArchive, query: dict[str, list[str]]) -> list[list[str]]:
    url = query.get("url", [""])[0]
    archive.check_page_url(url)
    if query.get("output", [""])[0] != "json":
        archive.violations.append("CDX asked without output=json")
    fields = (
        query.get("fl", ["urlkey,timestamp,original,mimetype,statuscode,digest,length"])[0]
    ).split(",")
    captures = list(archive.lookup(url))
    for rule in query.get("filter", []):
        negate = rule.startswith("!")
        name, _, pattern = rule.lstrip("!").partition(":")
        captures = [
            c for c in captures if bool(re.fullmatch(pattern, str(getattr(c, name, "")))) != negate
        ]
    if "from" in query:
        low = query["from"][0]
        captures = [c for c in captures if c.timestamp[: len(low)] >= low]
    if "to" in query:
        high = query["to"][0]
        captures = [c for c in captures if c.timestamp[: len(high)] <= high]
    if "limit" in query:
        limit = int(query["limit"][0])
        captures = captures[limit:] if limit < 0 else captures[:limit]
    rows = []
    for c in captures:
        values = {
            "urlkey": surt_key(c.original),
            "timestamp": c.timestamp,
            "original": c.original,
            "mimetype": c.mimetype,
            "statuscode": str(c.statuscode),
            "digest": "FAKE",
            "length": str(len(c.body)),
        }
        rows.append([values.get(f, "") for f in fields])
    return [fields, *rows] if rows else []


def _make_handler(archive: FakeArchive) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "FakeWayback/1.0"
        sys_version = ""

        def log_message(self, format: str, *args: object) -> None:
            pass

        def setup(self) -> None:
            super().setup()
            archive.opened(self.connection)

        def finish(self) -> None:
            archive.closed(self.connection)
            with contextlib.suppress(OSError):
                super().finish()

        def send(
            self,
            status: int,
            body: bytes,
            content_type: str = "application/json",
            headers: dict[str, str] | None = None,
        ) -> None:
            archive.requests[-1].status = status
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            refused = archive.admit(self.path, self.headers.get("User-Agent", ""))
            if refused is not None:
                status, retry_after = refused
                headers = {}
                if retry_after is not None:
                    headers["Retry-After"] = str(
                        int(retry_after) if retry_after == int(retry_after) else retry_after
                    )
                self.send(status, b"Too Many Requests", "text/plain", headers)
                return
            parts = urlsplit(self.path)
            query = parse_qs(parts.query, keep_blank_values=True)
            if parts.path == "/cdx/search/cdx":
                self.send(200, json.dumps(_cdx_rows(archive, query)).encode())
            elif parts.path == "/wayback/available":
                self.available(query)
            elif parts.path.startswith("/web/"):
                self.replay()
            else:
                archive.violations.append(f"not an archive API: {self.path}")
                self.send(404, b"not found", "text/plain")

        def available(self, query: dict[str, list[str]]) -> None:
            url = query.get("url", [""])[0]
            archive.check_page_url(url)
            wanted = _stamp_seconds(query.get("timestamp", ["99991231235959"])[0])
            good = [c for c in archive.lookup(url) if c.statuscode == 200]
            answer: dict[str, object] = {"url": url, "archived_snapshots": {}}
            if good:
                best = min(good, key=lambda c: abs(_stamp_seconds(c.timestamp) - wanted))
                answer["archived_snapshots"] = {
                    "closest": {
                        "status": "200",
                        "available": True,
                        "url": f"http://web.archive.org/web/{best.timestamp}/{best.original}",
                        "timestamp": best.timestamp,
                    }
                }
            self.send(200, json.dumps(answer).encode())

        def replay(self) -> None:
            rest = self.path[len("/web/") :]
            stamp, _, original = rest.partition("/")
            if not stamp.endswith("id_"):
                archive.violations.append(f"replay asked without id_ (toolbar page): {self.path}")
            stamp = stamp.removesuffix("id_")
            archive.check_page_url(original)
            captures = archive.lookup(original)
            if not captures:
                self.send(
                    404,
                    b"<html><body>Wayback Machine has not archived that URL.</body></html>",
                    "text/html",
                )
                return
            exact = [c for c in captures if c.timestamp == stamp]
            if exact:
                c = exact[0]
                self.send(
                    c.statuscode,
                    c.body,
                    "text/html; charset=utf-8",
                    {
                        "Memento-Datetime": datetime.strptime(c.timestamp, "%Y%m%d%H%M%S").strftime(
                            "%a, %d %b %Y %H:%M:%S GMT"
                        )
                    },
                )
                return
            wanted = _stamp_seconds(stamp)
            best = min(captures, key=lambda c: abs(_stamp_seconds(c.timestamp) - wanted))
            self.send(
                302,
                b"",
                "text/plain",
                {"Location": f"{archive.url}/web/{best.timestamp}id_/{best.original}"},
            )

    return Handler
