"""A real HTTP server on 127.0.0.1 that serves the test copy of the portal.

It behaves like the portal's SharePoint 2013 front end as far as a reader can
tell: answers by exact request target from ``urls.tsv``, then case-insensitive
and percent-decoded; SharePoint ETags (with commas) and Last-Modified; 304 on
``If-None-Match`` / ``If-Modified-Since``; gzip when asked; a Vietnamese
SharePoint-style 404 page for unknown targets.

Tests can make it misbehave on purpose: ``server.routes[target] = fn`` replaces
the answer for one request target with ``fn(handler)`` (a
:class:`http.server.BaseHTTPRequestHandler`), ``server.latency`` delays every
answer, ``server.requests`` records ``(method, target, status)`` of each request,
and ``server.stop()`` / ``server.start()`` take it down and bring it back on the
same port.  It binds 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import email.utils
import gzip
import hashlib
import re
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self
from urllib.parse import unquote

FIXTURE_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "portal"

ERROR_PAGE = """<!DOCTYPE html>
<html dir="ltr" lang="vi-VN">
<head><meta name="GENERATOR" content="Microsoft SharePoint" /><meta http-equiv="Content-type" content="text/html; charset=utf-8" />
<title>Lỗi</title></head>
<body>
<div id="s4-workspace"><div id="s4-bodyContainer">
<div id="ms-error-header" class="ms-pr"><h1 class="ms-core-pageTitle">Rất tiếc, đã xảy ra sự cố</h1></div>
<div id="ms-error-body"><div id="ms-error-error-content">
<div id="ctl00_PlaceHolderMain_LabelMessage">{message}</div>
<div id="techDetails" style="display:none"><p>ID Tương quan: {guid}</p></div>
<p><a href="/">Quay lại site</a></p>
</div></div>
</div></div>
</body>
</html>
"""

Route = Callable[[BaseHTTPRequestHandler], None]


@dataclass(frozen=True)
class Entry:
    file: str
    content_type: str
    status: int


class PortalSite:
    """The pages of one portal copy, looked up like SharePoint does."""

    def __init__(self, root: Path = FIXTURE_DIR) -> None:
        self.root = root
        self.exact: dict[str, Entry] = {}
        self.folded: dict[str, Entry] = {}
        for line in (root / "urls.tsv").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            target, fname, ctype, status = line.split("\t")
            entry = Entry(fname, ctype, int(status))
            self.exact[target] = entry
            self.folded.setdefault(self.fold(target), entry)
        self._cache: dict[str, tuple[bytes, str, int]] = {}
        self._gzipped: dict[bytes, bytes] = {}
        self._lock = threading.Lock()

    @staticmethod
    def fold(target: str) -> str:
        path, sep, query = target.partition("?")
        return unquote(path).lower() + sep + unquote(query)

    def lookup(self, target: str) -> tuple[Entry, bytes, str, int] | None:
        entry = self.exact.get(target) or self.folded.get(self.fold(target))
        if entry is None:
            return None
        with self._lock:
            if entry.file not in self._cache:
                body = (self.root / "site" / entry.file).read_bytes()
                digest = hashlib.md5(body).hexdigest()
                d = digest.upper()
                version = 1 + int(digest[:2], 16) % 9
                # SharePoint's ETag form: a GUID and a version, with a comma
                etag = f'"{{{d[:8]}-{d[8:12]}-{d[12:16]}-{d[16:20]}-{d[20:32]}}},{version}"'
                mtime = 1704067200 + int(digest[2:10], 16) % (350 * 86400)
                self._cache[entry.file] = (body, etag, mtime)
            body, etag, mtime = self._cache[entry.file]
        return entry, body, etag, mtime

    def gzipped(self, body: bytes) -> bytes:
        """``body`` gzip-compressed, once per body, as IIS keeps compressed copies.

        Compressing every answer anew (~4 ms of CPU for a 160 kB page at level
        9) made the server compete for the machine's two cores with the client
        it serves: four answers of a sync round came out ~15 ms apart.
        """
        with self._lock:
            packed = self._gzipped.get(body)
            if packed is None:
                packed = self._gzipped[body] = gzip.compress(body, mtime=0)
        return packed

    def html_targets(self) -> list[str]:
        return [t for t, e in self.exact.items() if e.content_type.startswith("text/html")]


class QuietHTTPServer(ThreadingHTTPServer):
    """A threading server that records handler errors instead of printing them.

    Clients that give up mid-answer (timeouts, refused oversize bodies) are
    normal in fault tests; their BrokenPipe tracebacks must not land on the
    stderr that tests inspect.
    """

    daemon_threads = True

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.errors: list[BaseException] = []

    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        error = sys.exc_info()[1]
        if error is not None:
            self.errors.append(error)


class LoopbackServer:
    """A test HTTP server on 127.0.0.1 (random port) in a thread: start, stop, URL.

    Subclasses give the handler class (:meth:`_handler`).  The handler calls
    :meth:`opened` / :meth:`closed` for each client connection, so that
    ``stop()`` really ends the server (keep-alive connections would otherwise
    go on answering).
    """

    def __init__(self, port: int = 0) -> None:
        self._port = port
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        raise NotImplementedError

    def _make_server(
        self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]
    ) -> ThreadingHTTPServer:
        """The server object (TLS servers wrap their sockets here)."""
        return QuietHTTPServer(address, handler)

    def opened(self, connection: socket.socket) -> None:
        with self._connections_lock:
            self.connections.add(connection)

    def closed(self, connection: socket.socket) -> None:
        with self._connections_lock:
            self.connections.discard(connection)

    # -- life cycle -------------------------------------------------------
    def start(self) -> Self:
        self._httpd = self._make_server(("127.0.0.1", self._port), self._handler())
        self._httpd.daemon_threads = True
        self._port = self._httpd.server_address[1]
        # a short poll interval: stop() waits for it, and every fresh server stops once
        httpd = self._httpd
        self._thread = threading.Thread(
            target=lambda: httpd.serve_forever(poll_interval=0.05), daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        with self._connections_lock:
            for conn in self.connections:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
            self.connections.clear()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._port}"


class PortalServer(LoopbackServer):
    """Serve a :class:`PortalSite` on 127.0.0.1 (random port) in a thread."""

    def __init__(self, site: PortalSite | None = None, port: int = 0) -> None:
        self.site = site or PortalSite()
        self.routes: dict[str, Route] = {}
        self.latency = 0.0
        self.requests: list[tuple[str, str, int]] = []
        super().__init__(port)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        return _make_handler(self)

    def count(self, status: int | None = None, method: str = "GET") -> int:
        return sum(
            1 for m, _t, s in self.requests if m == method and (status is None or s == status)
        )


def _make_handler(server: PortalServer) -> type[BaseHTTPRequestHandler]:
    site = server.site

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "Microsoft-IIS/8.5"
        sys_version = ""

        def version_string(self) -> str:
            return self.server_version

        def log_message(self, format: str, *args: object) -> None:
            pass

        def setup(self) -> None:
            super().setup()
            server.opened(self.connection)

        def finish(self) -> None:
            server.closed(self.connection)
            with contextlib.suppress(OSError):
                super().finish()

        def _record(self, status: int) -> None:
            server.requests.append((self.command, self.path, status))

        def do_HEAD(self) -> None:
            self._answer(head=True)

        def do_GET(self) -> None:
            self._answer(head=False)

        def send_error_page(self, code: int, message: str = "Không tìm thấy tệp.") -> None:
            body = (
                ERROR_PAGE.replace("{message}", message)
                .replace("{guid}", str(uuid.uuid4()))
                .encode("utf-8")
            )
            self._record(code)
            self.send_response(code)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "private")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _answer(self, head: bool) -> None:
            if server.latency:
                time.sleep(server.latency)
            target = self.path
            route = server.routes.get(target)
            if route is not None:
                self._record(-1)
                route(self)
                return
            hit = site.lookup(target)
            if hit is None:
                self.send_error_page(404)
                return
            entry, body, etag, mtime = hit
            lastmod = email.utils.formatdate(mtime, usegmt=True)
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            not_modified = False
            if inm is not None:
                tags = re.findall(r'(?:W/)?"[^"]*"|\*', inm)
                not_modified = "*" in tags or etag in tags or ("W/" + etag) in tags
            elif ims:
                with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
                    not_modified = mtime <= email.utils.parsedate_to_datetime(ims).timestamp()
            html = entry.content_type.startswith("text/html")
            if not_modified:
                self._record(304)
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", lastmod)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            encoding = None
            if html and "gzip" in (self.headers.get("Accept-Encoding") or ""):
                body = site.gzipped(body)
                encoding = "gzip"
            self._record(entry.status)
            self.send_response(entry.status)
            self.send_header("Content-Type", entry.content_type)
            self.send_header("Cache-Control", "private, max-age=0" if html else "max-age=86400")
            if encoding:
                self.send_header("Content-Encoding", encoding)
                self.send_header("Vary", "Accept-Encoding")
            self.send_header("Last-Modified", lastmod)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)

    return Handler
