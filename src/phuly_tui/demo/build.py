"""Regenerate the bundled demo snapshot from a copy of the portal (a developer command).

Usage::

    python -m phuly_tui.demo.build tests/fixtures/portal            # writes phuly_tui/demo/data/
    python -m phuly_tui.demo.build tests/fixtures/portal --out /tmp/x

``SOURCE_DIR`` is laid out like ``tests/fixtures/portal``: ``urls.tsv`` (request
target, file under ``site/``, content type, status — tab-separated) and ``site/``.

What goes in, and why the package stays small (about 230 KB instead of 8.8 MB; most
of it is the attachments, real PDFs whose embedded font subsets xz cannot shrink):

* every HTML page, with the three big opaque hidden-input values
  (``__VIEWSTATE``, ``__EVENTVALIDATION``, ``__REQUESTDIGEST``) emptied and every
  ``<script>`` element's contents removed.  The tags themselves stay and every
  other byte is kept as it was — visible markup, classes, ids, inline styles,
  ``<style>`` blocks, comments — so a parser sees the same document.  The build
  checks this: it refuses to write a snapshot if a page's visible text changed;
* every other file as it is: the attachments (PDF, DOCX…), so opening or saving
  one works in the demo, and the images (the copy's are small, about 30 KB in
  all), so an article opened in a browser from the demo shows its pictures.

Everything is compressed together (xz, solid), which is what makes the repeated
page chrome nearly free.  The output is deterministic: the same source gives the
same archive bytes (members sorted, fixed owners and modes, modification times
derived from the content).  ``manifest.json`` records the counts, sizes and a
content hash; its ``built`` date honours ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import lzma
import os
import re
import sys
import tarfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from .snapshot import ARCHIVE_NAME, MANIFEST_NAME, SITE_PREFIX, URLS_MEMBER

__all__ = ["BuildError", "BuildResult", "build_snapshot", "main", "slim_html", "visible_text"]

#: where ``python -m phuly_tui.demo.build`` writes by default (the package's data folder)
DEFAULT_OUT: Final = Path(__file__).resolve().parent / "data"
FORMAT_VERSION: Final = 1
#: hidden inputs whose values are opaque server state, useless to a reader and huge
OPAQUE_INPUTS: Final = ("__VIEWSTATE", "__EVENTVALIDATION", "__REQUESTDIGEST")
#: modification times are spread over 2024 from the content digest, as the portal's are
_EPOCH_2024: Final = 1704067200

#: a comment (left alone: a "<script" inside one starts nothing) or a script element
_COMMENT_OR_SCRIPT = re.compile(
    rb"<!--.*?-->|(<script(?=[\s>/])[^>]*>)(.*?)(</script\s*>)", re.IGNORECASE | re.DOTALL
)
_INPUT = re.compile(rb"<input\b[^>]*>", re.IGNORECASE)
_NAME = re.compile(rb"""\bname\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_VALUE = re.compile(rb"""(\bvalue\s*=\s*)(?:"[^"]*"|'[^']*')""", re.IGNORECASE)
_OPAQUE_NAMES: Final = frozenset(name.encode("ascii").lower() for name in OPAQUE_INPUTS)


class BuildError(Exception):
    """The source cannot be turned into a snapshot (a developer-facing error)."""


@dataclass
class BuildResult:
    """What :func:`build_snapshot` wrote."""

    archive: Path
    manifest_path: Path
    manifest: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Row:
    target: str
    name: str
    content_type: str
    status: str

    @property
    def line(self) -> str:
        return f"{self.target}\t{self.name}\t{self.content_type}\t{self.status}"


def slim_html(page: bytes) -> bytes:
    """``page`` without script contents and opaque view-state values; all else as it was."""

    def empty_opaque_value(match: re.Match[bytes]) -> bytes:
        tag = match.group(0)
        name = _NAME.search(tag)
        if name is None or name.group(1).lower() not in _OPAQUE_NAMES:
            return tag
        return _VALUE.sub(rb'\1""', tag, count=1)

    def empty_script(match: re.Match[bytes]) -> bytes:
        start_tag, _, end_tag = match.groups()
        return match.group(0) if start_tag is None else start_tag + end_tag

    page = _INPUT.sub(empty_opaque_value, page)
    return _COMMENT_OR_SCRIPT.sub(empty_script, page)


def visible_text(page: bytes) -> str:
    """The text a reader can see: body text with scripts, styles and templates removed."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(page.decode("utf-8", errors="replace"))
    tree.strip_tags(["script", "style", "noscript", "template"])
    body = tree.body
    return body.text(separator="\n") if body is not None else ""


def _read_rows(source: Path) -> list[_Row]:
    table = source / "urls.tsv"
    if not table.is_file():
        raise BuildError(f"{table} not found: SOURCE_DIR must hold urls.tsv and site/")
    rows = []
    for number, line in enumerate(table.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 4:
            raise BuildError(f"{table}:{number}: expected 4 tab-separated fields")
        rows.append(_Row(*parts))
    return rows


def _mtime(body: bytes) -> int:
    digest = hashlib.sha256(body).digest()
    return _EPOCH_2024 + int.from_bytes(digest[:4], "big") % (350 * 86400)


def _tar(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for name in sorted(members):
            body = members[name]
            info = tarfile.TarInfo(name)
            info.size = len(body)
            info.mtime = _mtime(body)
            info.mode = 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(body))
    return buffer.getvalue()


def _content_sha256(members: dict[str, bytes]) -> str:
    """A hash of names and contents only, independent of tar and xz versions."""
    digest = hashlib.sha256()
    for name in sorted(members):
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(members[name]).digest())
    return digest.hexdigest()


def _build_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return when.date().isoformat()


def build_snapshot(
    source: Path, out: Path = DEFAULT_OUT, *, log: Callable[[str], None] | None = None
) -> BuildResult:
    """Read the portal copy in ``source`` and write the archive and manifest into ``out``.

    Raises:
        BuildError: ``source`` is not a portal copy, a file is missing, or slimming
            a page would change its visible text.
    """
    rows = _read_rows(source)
    site = source / "site"
    members: dict[str, bytes] = {}
    source_bytes: dict[str, int] = {}
    for row in rows:
        path = site / row.name
        if not path.is_file():
            raise BuildError(f"{path} listed in urls.tsv but missing")
        source_bytes.setdefault(row.name, path.stat().st_size)
    for row in rows:
        member = SITE_PREFIX + row.name
        if member in members:
            continue
        body = (site / row.name).read_bytes()
        if row.content_type.lower().startswith("text/html"):
            slim = slim_html(body)
            if visible_text(slim) != visible_text(body):
                raise BuildError(f"slimming {row.name} would change its visible text")
            body = slim
        members[member] = body
    members[URLS_MEMBER] = ("\n".join(row.line for row in rows) + "\n").encode("utf-8")

    archive = lzma.compress(_tar(members), format=lzma.FORMAT_XZ, preset=9 | lzma.PRESET_EXTREME)
    html_rows = [row for row in rows if row.content_type.lower().startswith("text/html")]
    manifest: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "built": _build_date(),
        "source": {
            "urls": len(rows),
            "html_targets": len(html_rows),
            "html_pages": len({row.name for row in html_rows}),
            "files": len(source_bytes),
            "bytes": sum(source_bytes.values()),
        },
        "dropped_from_pages": ["script contents", *(f"{name} values" for name in OPAQUE_INPUTS)],
        "snapshot": {
            "archive": ARCHIVE_NAME,
            "urls": len(rows),
            "files": len(members) - 1,
            "bytes": sum(len(body) for name, body in members.items() if name != URLS_MEMBER),
            "archive_bytes": len(archive),
            "content_sha256": _content_sha256(members),
        },
    }
    out.mkdir(parents=True, exist_ok=True)
    archive_path = out / ARCHIVE_NAME
    manifest_path = out / MANIFEST_NAME
    _write_atomically(archive_path, archive)
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    _write_atomically(manifest_path, text.encode("utf-8"))
    if log is not None:
        snap = manifest["snapshot"]
        log(
            f"{archive_path}: {snap['urls']} URLs, {snap['files']} files, "
            f"{manifest['source']['bytes']:,} → {snap['bytes']:,} bytes, "
            f"{snap['archive_bytes']:,} compressed"
        )
    return BuildResult(archive_path, manifest_path, manifest)


def _write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    partial.replace(path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m phuly_tui.demo.build",
        description="Regenerate the portal snapshot bundled for phuly-tui --demo.",
    )
    parser.add_argument("source", type=Path, help="portal copy: urls.tsv + site/")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})"
    )
    args = parser.parse_args(argv)
    try:
        build_snapshot(args.source, args.out, log=print)
    except (BuildError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
