"""The demo's own Internet Archive: captures of the bundled snapshot on 127.0.0.1.

``phuly-tui --demo-archive`` shows what happens when the portal is gone: the
demo portal answers ``410 Gone`` to everything and this server plays the
Wayback Machine, so the archive mode can be tried without a network.  It
answers the three documented APIs the reader uses:

* ``/cdx/search/cdx?url=…&output=json`` — a header row, then one row per
  capture, oldest first (``[]`` for a page never captured);
* ``/wayback/available?url=…&timestamp=…`` — the closest capture, or
  ``"archived_snapshots": {}``;
* ``/web/<timestamp>id_/<original>`` — the page's bytes for an exact
  timestamp, a 302 to the nearest capture (on this origin) otherwise, 404 for
  a page never captured.

Every HTML page of the snapshot has two captures, :data:`CAPTURES`, with the
same bytes (the snapshot has one version of each page); both are later than
the snapshot's newest article (02/12/2024), so no capture predates its page.  No rate limit here:
the client's own bucket still paces every request.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from typing import Any, Final
from urllib.parse import parse_qs, urlsplit

from ..urls import CANONICAL_ORIGIN
from .server import DemoServer

__all__ = ["CAPTURES", "DemoArchiveServer"]

#: the demo's capture times (UTC), oldest first
CAPTURES: Final = ("20241215083000", "20250628101112")


def _seconds(stamp: str) -> float:
    padded = (stamp + "00000101000000"[len(stamp) :])[:14]
    try:
        return datetime.strptime(padded, "%Y%m%d%H%M%S").replace(tzinfo=UTC).timestamp()
    except ValueError:
        return 0.0


def _nearest(stamp: str) -> str:
    wanted = _seconds(stamp)
    return min(CAPTURES, key=lambda c: abs(_seconds(c) - wanted))


class DemoArchiveServer(DemoServer):
    """The Wayback Machine's APIs over the bundled snapshot (see the module doc)."""

    def target_of(self, url: str) -> str | None:
        """The snapshot target of a canonical page URL, or None (not captured)."""
        if not url.startswith(CANONICAL_ORIGIN + "/"):
            return None
        target = url[len(CANONICAL_ORIGIN) :]
        entry = self.snapshot.lookup(target)
        return target if entry is not None and entry.is_html else None

    def handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class ArchiveHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            server_version = "DemoWayback"
            sys_version = ""
            timeout = 120

            def log_message(self, format: str, *args: Any) -> None:
                return  # the app owns the terminal

            def _send(
                self, status: int, body: bytes, kind: str, location: str | None = None
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                if location:
                    self.send_header("Location", location)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                query = parse_qs(parts.query)
                url = query.get("url", [""])[0]
                if parts.path == "/cdx/search/cdx":
                    rows: list[list[str]] = []
                    if server.target_of(url) is not None:
                        fields = query.get("fl", ["timestamp,original,statuscode,mimetype"])
                        rows = [fields[0].split(",")]
                        values = {"original": url, "statuscode": "200", "mimetype": "text/html"}
                        rows += [
                            [{**values, "timestamp": c}.get(f, "") for f in rows[0]]
                            for c in CAPTURES
                        ]
                    self._send(200, json.dumps(rows).encode(), "application/json")
                elif parts.path == "/wayback/available":
                    answer: dict[str, Any] = {"url": url, "archived_snapshots": {}}
                    if server.target_of(url) is not None:
                        stamp = _nearest(query.get("timestamp", ["99991231"])[0])
                        answer["archived_snapshots"] = {
                            "closest": {
                                "status": "200",
                                "available": True,
                                "url": f"{server.url}/web/{stamp}/{url}",
                                "timestamp": stamp,
                            }
                        }
                    self._send(200, json.dumps(answer).encode(), "application/json")
                elif parts.path.startswith("/web/"):
                    self._replay()
                else:
                    self._send(404, b"Not found", "text/plain")

            def _replay(self) -> None:
                stamp, _, original = self.path[len("/web/") :].partition("/")
                stamp = stamp.removesuffix("id_")
                target = server.target_of(original)
                entry = server.snapshot.lookup(target) if target is not None else None
                if entry is None:
                    self._send(404, b"Not archived", "text/plain")
                elif stamp not in CAPTURES:
                    where = f"{server.url}/web/{_nearest(stamp)}id_/{original}"
                    self._send(302, b"", "text/plain", where)
                else:
                    self._send(200, entry.body, entry.content_type)

        return ArchiveHandler
