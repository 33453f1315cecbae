"""The demo's HTTP server: the bundled snapshot served on 127.0.0.1 like the portal.

It answers the way the portal's SharePoint 2013 front end does, as far as a
reader can tell, so the demo exercises the same code paths as the live site:

* GET and HEAD by request target, exact first, then case-insensitive and
  percent-decoded (:meth:`Snapshot.lookup`);
* ``ETag`` (SharePoint style, commas inside the quotes) and ``Last-Modified``;
  ``304 Not Modified`` for a matching ``If-None-Match`` (a list of quoted tags,
  weak comparison) or, when that header is absent, ``If-Modified-Since``;
* gzip for pages when ``Accept-Encoding`` accepts it;
* a Vietnamese SharePoint-style 404 page for anything not in the snapshot.

It binds 127.0.0.1 only, on a random free port, and never writes to the
terminal (the app owns it): request logs and handler tracebacks are dropped.
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import gzip
import re
import socket
import sys
import threading
import uuid
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Final

from .snapshot import DemoError, Entry, Snapshot, load_snapshot

__all__ = ["NOT_FOUND_PAGE", "DemoServer"]

HOST: Final = "127.0.0.1"

#: SharePoint 2013's error page, Vietnamese edition, reduced to what a reader sees
NOT_FOUND_PAGE: Final = """<!DOCTYPE html>
<html dir="ltr" lang="vi-VN">
<head><meta name="GENERATOR" content="Microsoft SharePoint" /><meta http-equiv="Content-type" content="text/html; charset=utf-8" />
<title>Lỗi</title></head>
<body>
<div id="s4-workspace"><div id="s4-bodyContainer">
<div id="ms-error-header" class="ms-pr"><h1 class="ms-core-pageTitle">Rất tiếc, đã xảy ra sự cố</h1></div>
<div id="ms-error-body"><div id="ms-error-error-content">
<div id="ctl00_PlaceHolderMain_LabelMessage">Không tìm thấy tệp.</div>
<div id="techDetails" style="display:none"><p>ID Tương quan: {correlation_id}</p></div>
<p><a href="/">Quay lại site</a></p>
</div></div>
</div></div>
</body>
</html>
"""  # noqa: E501

_ENTITY_TAG = re.compile(r'(?:W/)?"[^"]*"|\*')


def if_none_match_hits(header: str, etag: str) -> bool:
    """True when an ``If-None-Match`` value names ``etag`` (weak comparison) or is ``*``.

    The header is a list of quoted tags; SharePoint's tags contain commas
    (``"{…},3"``), so it is split on the quotes, never on commas.
    """
    tags = _ENTITY_TAG.findall(header)
    opaque = etag.removeprefix("W/")
    return any(tag == "*" or tag.removeprefix("W/") == opaque for tag in tags)


def not_modified_since(header: str, modified_at: float) -> bool:
    """True when an ``If-Modified-Since`` date is at or after ``modified_at``."""
    try:
        since = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError, OverflowError):
        return False
    if since.tzinfo is None:  # an obsolete date form without a zone: HTTP dates are GMT
        return False
    return modified_at <= since.timestamp()


def accepts_gzip(header: str | None) -> bool:
    """True when an ``Accept-Encoding`` value accepts gzip.

    ``gzip`` (or ``x-gzip``) with a non-zero quality accepts it; ``q=0`` refuses
    it; otherwise ``*`` decides.
    """
    qualities: dict[str, float] = {}
    for item in (header or "").split(","):
        coding, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if coding:
            qualities[coding.lower()] = quality
    for coding in ("gzip", "x-gzip", "*"):
        if coding in qualities:
            return qualities[coding] > 0
    return False


class DemoServer:
    """The bundled portal snapshot on ``http://127.0.0.1:<random port>``.

    ``start()`` loads the snapshot (once), binds a free port and serves from a
    daemon thread; ``stop()`` closes it.  Use it as a context manager in tests::

        with DemoServer() as server:
            httpx.get(server.url + "/Pages/Default.aspx")

    Args:
        snapshot: the pages to serve; the bundled snapshot when None (loaded in
            ``start()``, not here, to keep construction cheap).
        port: the port to bind on 127.0.0.1; 0 (the default) picks a free one.
        gone: answer every request ``410 Gone`` — the portal taken down, for
            the demo's archive mode (``--demo-archive``).
    """

    def __init__(
        self, snapshot: Snapshot | None = None, *, port: int = 0, gone: bool = False
    ) -> None:
        self._snapshot = snapshot
        self._port = port
        self.gone = gone
        self._httpd: _QuietHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._gzip_cache: dict[str, bytes] = {}
        self._gzip_lock = threading.Lock()

    # -- life cycle --------------------------------------------------------
    def start(self) -> str:
        """Serve in a daemon thread and return the base URL (no trailing slash).

        Raises:
            DemoError: the snapshot is missing or damaged, or no port could be bound.
        """
        if self._httpd is not None:
            return self.url
        if self._snapshot is None:
            self._snapshot = load_snapshot()
        try:
            httpd = _QuietHTTPServer((HOST, self._port), self.handler())
        except OSError as exc:
            raise DemoError("demo.cannot_listen", reason=str(exc)) from exc
        httpd.daemon_threads = True
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_until_stopped, name="phuly-tui-demo-server", daemon=True
        )
        self._thread.start()
        return self.url

    def stop(self) -> None:
        """Stop serving and free the port at once; safe to call twice.

        Connections a client keeps alive are served by daemon threads until the
        client closes them or the process ends.
        """
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.request_stop()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        httpd.server_close()

    def __enter__(self) -> DemoServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def handler(self) -> type[BaseHTTPRequestHandler]:
        """The request handler class (the demo archive serves other paths)."""
        return _make_handler(self)

    # -- what callers read -------------------------------------------------
    @property
    def running(self) -> bool:
        return self._httpd is not None

    @property
    def port(self) -> int:
        """The bound port (only while running)."""
        return self.bound_address[1]

    @property
    def bound_address(self) -> tuple[str, int]:
        """The listening socket's (host, port): always on 127.0.0.1."""
        if self._httpd is None:
            raise RuntimeError("the demo server is not running")
        host, port = self._httpd.server_address[:2]
        return str(host), int(port)

    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:40123`` (only while running)."""
        return f"http://{HOST}:{self.port}"

    @property
    def snapshot(self) -> Snapshot:
        """The snapshot served (loading the bundled one if not started yet)."""
        if self._snapshot is None:
            self._snapshot = load_snapshot()
        return self._snapshot

    def gzipped(self, entry: Entry) -> bytes:
        """``entry.body`` gzip-compressed, computed once per entry."""
        key = entry.etag  # derived from the body: one key per distinct body
        with self._gzip_lock:
            cached = self._gzip_cache.get(key)
            if cached is None:
                cached = gzip.compress(entry.body, compresslevel=6, mtime=0)
                self._gzip_cache[key] = cached
        return cached


class _QuietHTTPServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer that stops at once and never prints to the terminal.

    ``serve_forever`` polls for its shutdown flag every half second, which would
    delay the app's quit; this loop instead blocks until a request comes and is
    woken for shutdown by a connection of its own.
    """

    #: the longest a lost wake-up connection can delay stopping (seconds)
    timeout = 1.0

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self._stopping = threading.Event()

    def serve_until_stopped(self) -> None:
        while not self._stopping.is_set():
            self.handle_request()

    def request_stop(self) -> None:
        self._stopping.set()
        # a wake-up that fails is harmless: the loop's timeout notices the flag anyway
        with contextlib.suppress(OSError):
            host, port = self.server_address[:2]
            socket.create_connection((str(host), int(port)), timeout=1).close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up mid-answer is routine for a reader (Escape cancels
        # a load); anything else would only garble the app's screen.
        return


def _make_handler(server: DemoServer) -> type[BaseHTTPRequestHandler]:
    snapshot = server.snapshot

    class DemoRequestHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "Microsoft-IIS/8.5"
        sys_version = ""
        #: idle kept-alive connections are closed after this many seconds
        timeout = 120

        def version_string(self) -> str:
            return self.server_version

        def log_message(self, format: str, *args: Any) -> None:
            return  # the app owns the terminal

        def do_GET(self) -> None:
            self._answer(head=False)

        def do_HEAD(self) -> None:
            self._answer(head=True)

        def _answer(self, head: bool) -> None:
            entry = None if server.gone else snapshot.lookup(self.path)
            if entry is None:
                self._not_found(head)
                return
            if self._not_modified(entry):
                self.send_response(304)
                self.send_header("ETag", entry.etag)
                self.send_header("Last-Modified", entry.last_modified)
                self.end_headers()
                return
            body = entry.body
            compressed = entry.is_html and accepts_gzip(self.headers.get("Accept-Encoding"))
            if compressed:
                body = server.gzipped(entry)
            self.send_response(entry.status)
            self.send_header("Content-Type", entry.content_type)
            self.send_header(
                "Cache-Control", "private, max-age=0" if entry.is_html else "max-age=86400"
            )
            if entry.is_html:
                self.send_header("Vary", "Accept-Encoding")
            if compressed:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("ETag", entry.etag)
            self.send_header("Last-Modified", entry.last_modified)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def _not_modified(self, entry: Entry) -> bool:
            if_none_match = self.headers.get("If-None-Match")
            if if_none_match is not None:
                return if_none_match_hits(if_none_match, entry.etag)
            if_modified_since = self.headers.get("If-Modified-Since")
            if if_modified_since:
                return not_modified_since(if_modified_since, entry.modified_at)
            return False

        def _not_found(self, head: bool) -> None:
            page = NOT_FOUND_PAGE.replace("{correlation_id}", str(uuid.uuid4()))
            body = page.encode("utf-8")
            self.send_response(410 if server.gone else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Cache-Control", "private")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)

    return DemoRequestHandler


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m phuly_tui.demo.server``: serve the snapshot until Ctrl+C.

    For trying the snapshot in a browser or pointing a development build at it
    (``phuly-tui --base-url URL``).  The first line printed is the base URL.
    """
    parser = argparse.ArgumentParser(
        prog="python -m phuly_tui.demo.server",
        description="Serve the portal snapshot bundled for phuly-tui --demo on 127.0.0.1.",
    )
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    args = parser.parse_args(argv)
    server = DemoServer(port=args.port)
    try:
        print(server.start(), flush=True)
        threading.Event().wait()
    except DemoError as error:
        print(f"{error.title}: {error.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
