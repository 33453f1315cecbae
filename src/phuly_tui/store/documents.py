"""Documents in the store: their text, its search index, and who names them.

Finding them (by words, by number) is :mod:`.document_search`.

Three tables (schema version 3, see :mod:`.schema`):

* ``documents`` — one row per attachment read as text (opened in the app,
  ``phuly-tui read`` or ``sync --attachments``): the ``Document.to_dict()``
  JSON and its metadata in columns;
* ``document_search`` — FTS5, one row per page of a document (the page a
  match is on is known), exact and folded columns like ``article_search``;
* ``doc_refs`` — which article or document names which document: an
  article's attachment (``attaches``, with the link's URL and text, and the
  number its text holds if any) and every number an article or a document
  cites (``cites``).  This is what search by number, the "Văn bản" view and
  ``phuly-tui docs`` read; a document known only from a citation exists only
  here.

A stored row is handed out only when it is one this program can read: its
``payload_version`` is :data:`DOCUMENT_PAYLOAD_VERSION` and its JSON rebuilds a
:class:`~phuly_tui.documents.Document`.  Any other row (written by an older or
newer phuly-tui, damaged JSON, the wrong shape) reads as not stored, so the
document is fetched and read again — the rule of the page cache
(:mod:`phuly_tui.store.store`), applied to the same kind of row.

Numbers are compared by :attr:`~phuly_tui.documents.DocumentNumber.key`
(no diacritics, no case, no leading zeros), so ``07/2024/NQ-HDND`` finds
``07/2024/NQ-HĐND``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

from ..text import clean_text, fold
from ..urls import decoded_file_name, url_key
from .encoding import encode_payload
from .payload import SHAPE_ERRORS, loads
from .records import KnownDocument, StoredDocument

if TYPE_CHECKING:
    from ..documents.numbers import DocumentNumber

# The document modules (number patterns, metadata rules, the model) are imported
# where they are used: the store opens before the app's first frame, which needs
# none of them (issue 10: start-up must not move).

__all__ = [
    "DOCUMENTS_DDL",
    "DOCUMENT_PAYLOAD_VERSION",
    "attachment_title",
    "index_document",
    "known_documents",
    "parsed_number",
    "record_article_refs",
    "stored_document",
]

#: The version of ``Document.to_dict()`` stored in ``documents.data``.  Bump it when
#: that form changes in a way ``Document.from_dict`` of the new code cannot read:
#: rows of another version then count as not stored and are read again.
DOCUMENT_PAYLOAD_VERSION: Final = 1

DOCUMENTS_DDL: Final = (
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        data TEXT NOT NULL,
        title TEXT NOT NULL,
        number TEXT,
        number_key TEXT,
        doc_type TEXT,
        doc_type_code TEXT,
        issued TEXT,
        issuer TEXT,
        subject TEXT,
        etag TEXT,
        last_modified TEXT,
        fetched_at REAL NOT NULL
    )""",
    "CREATE INDEX documents_by_number ON documents (number_key)",
    """CREATE VIRTUAL TABLE document_search USING fts5(
        doc_id UNINDEXED, page UNINDEXED, title, body, title_f, body_f,
        tokenize = 'unicode61 remove_diacritics 0'
    )""",
    """CREATE TABLE doc_refs (
        number_key TEXT,
        number TEXT,
        source_url TEXT NOT NULL,
        source_kind TEXT NOT NULL CHECK (source_kind IN ('article', 'document')),
        relation TEXT NOT NULL CHECK (relation IN ('attaches', 'cites')),
        target_url TEXT,
        title TEXT
    )""",
    "CREATE INDEX doc_refs_by_number ON doc_refs (number_key)",
    "CREATE INDEX doc_refs_by_source ON doc_refs (source_url)",
    "CREATE INDEX doc_refs_by_target ON doc_refs (target_url)",
)
#: text indexed per document at most (a 300-page document stays cheap)
MAX_DOCUMENT_CHARS: Final = 2_000_000


def _first_number(text: str) -> DocumentNumber | None:
    from ..documents.numbers import find_numbers

    for _, number in find_numbers(text):
        return number
    return None


def _article_texts(data: Mapping[str, Any]) -> list[str]:
    texts = [str(data.get("title") or ""), str(data.get("lead") or "")]
    for block in data.get("blocks") or ():
        if not isinstance(block, Mapping):
            continue
        kind = block.get("type")
        if kind in ("paragraph", "heading"):
            texts.append(str(block.get("text") or ""))
        elif kind == "list":
            texts.extend(str(item) for item in block.get("items") or ())
        elif kind == "table":
            texts.extend(str(cell) for row in block.get("rows") or () for cell in row)
    return texts


def record_article_refs(conn: sqlite3.Connection, url: str, data: Mapping[str, Any]) -> None:
    """(Re)write the numbers an article names: its attachments and citations."""
    conn.execute("DELETE FROM doc_refs WHERE source_url = ? AND source_kind = 'article'", (url,))
    attached: set[str] = set()
    for attachment in data.get("attachments") or ():
        if not isinstance(attachment, Mapping) or not attachment.get("url"):
            continue
        title = clean_text(str(attachment.get("title") or ""))
        number = _first_number(title)
        if number is not None:
            attached.add(number.key)
        conn.execute(
            "INSERT INTO doc_refs (number_key, number, source_url, source_kind, relation,"
            " target_url, title) VALUES (?, ?, ?, 'article', 'attaches', ?, ?)",
            (
                number.key if number else None,
                number.text if number else None,
                url,
                url_key(str(attachment["url"])),  # the document's own key
                title or None,
            ),
        )
    from ..documents.metadata import numbers_in_text

    for number in numbers_in_text(_article_texts(data)):
        if number.key in attached:
            continue
        conn.execute(
            "INSERT INTO doc_refs (number_key, number, source_url, source_kind, relation)"
            " VALUES (?, ?, ?, 'article', 'cites')",
            (number.key, number.text, url),
        )


def _page_texts(blocks: Iterable[Mapping[str, Any]]) -> dict[int, list[str]]:
    pages: dict[int, list[str]] = {}
    for block in blocks:
        page = block.get("page")
        key = page if isinstance(page, int) else 1
        if block.get("type") == "table":
            texts = [str(cell) for row in block.get("rows") or () for cell in row]
        else:
            texts = [str(block.get("text") or "")]
        pages.setdefault(key, []).extend(clean_text(t) for t in texts if t)
    return pages


def index_document(
    conn: sqlite3.Connection,
    url: str,
    data: Mapping[str, Any],
    *,
    etag: str | None,
    last_modified: str | None,
    fetched_at: float,
) -> int:
    """Store a document's ``to_dict()`` form, its search rows and its citations.

    Returns the document's row id.
    """
    number = data.get("number")
    parsed = _first_number(str(number)) if number else None
    title = clean_text(str(data.get("title") or "")) or url
    conn.execute(
        "INSERT INTO documents (url, data, payload_version, title, number, number_key,"
        " doc_type, doc_type_code, issued, issuer, subject, etag, last_modified, fetched_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (url) DO UPDATE SET data = excluded.data,"
        " payload_version = excluded.payload_version, title = excluded.title,"
        " number = excluded.number, number_key = excluded.number_key,"
        " doc_type = excluded.doc_type, doc_type_code = excluded.doc_type_code,"
        " issued = excluded.issued, issuer = excluded.issuer, subject = excluded.subject,"
        " etag = excluded.etag, last_modified = excluded.last_modified,"
        " fetched_at = excluded.fetched_at",
        (
            url,
            encode_payload(dict(data)),
            DOCUMENT_PAYLOAD_VERSION,
            title,
            number,
            parsed.key if parsed else None,
            data.get("doc_type"),
            data.get("doc_type_code"),
            data.get("issued"),
            data.get("issuer"),
            data.get("subject"),
            etag,
            last_modified,
            fetched_at,
        ),
    )
    doc_id = int(conn.execute("SELECT id FROM documents WHERE url = ?", (url,)).fetchone()[0])
    conn.execute("DELETE FROM document_search WHERE doc_id = ?", (doc_id,))
    head = clean_text(" ".join(str(p) for p in (title, number or "", data.get("subject") or "")))
    budget = MAX_DOCUMENT_CHARS
    for page, texts in sorted(_page_texts(data.get("blocks") or ()).items()):
        body = " ".join(texts)[:budget]
        budget -= len(body)
        conn.execute(
            "INSERT INTO document_search (doc_id, page, title, body, title_f, body_f)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (doc_id, page, head, body, fold(head), fold(body)),
        )
        head = ""  # the title counts once, on the first page
        if budget <= 0:
            break
    conn.execute("DELETE FROM doc_refs WHERE source_url = ? AND source_kind = 'document'", (url,))
    for cited in data.get("cites") or ():
        parsed_cite = _first_number(str(cited))
        if parsed_cite is not None:
            conn.execute(
                "INSERT INTO doc_refs (number_key, number, source_url, source_kind, relation)"
                " VALUES (?, ?, ?, 'document', 'cites')",
                (parsed_cite.key, parsed_cite.text, url),
            )
    return doc_id


# -- reading ------------------------------------------------------------------------


def parsed_number(number: str | None) -> DocumentNumber | None:
    """A stored number read back as a :class:`DocumentNumber` (None when it is none)."""
    return _first_number(number) if number else None


def _type_of(number: DocumentNumber | None) -> tuple[str | None, str | None]:
    if number is None:
        return None, None
    return number.doc_type, number.type_code


def known_documents(conn: sqlite3.Connection) -> list[KnownDocument]:
    """Every document the store knows, newest first (see :class:`KnownDocument`)."""
    published = dict(conn.execute("SELECT url, published FROM articles").fetchall())
    refs = conn.execute(
        "SELECT number_key, number, source_url, source_kind, relation, target_url, title"
        " FROM doc_refs"
    ).fetchall()
    citing: dict[str, list[str]] = {}
    attaching: dict[str, list[str]] = {}
    for key, _, source, kind, relation, target, _ in refs:
        if kind != "article":
            continue
        if relation == "attaches" and target:
            attaching.setdefault(target, []).append(source)
        if key:
            citing.setdefault(key, []).append(source)

    found: dict[str, KnownDocument] = {}
    keys: set[str] = set()

    def articles_of(url: str | None, key: str | None) -> tuple[str, ...]:
        urls = [*attaching.get(url or "", ()), *citing.get(key or "", ())]
        return tuple(dict.fromkeys(urls))

    for row in conn.execute(
        "SELECT url, title, number, number_key, doc_type, doc_type_code, issued, issuer,"
        " subject FROM documents"
    ):
        url, title, number, key, doc_type, code, issued, issuer, subject = row
        found[url] = KnownDocument(
            number, doc_type, code, issued, issuer, subject, title, url, articles_of(url, key), True
        )
        if key:
            keys.add(key)
    for key, number, _, _, relation, target, title in refs:
        if relation != "attaches" or not target or target in found:
            continue
        parsed = parsed_number(number)
        doc_type, code = _type_of(parsed)
        found[target] = KnownDocument(
            number,
            doc_type,
            code,
            None,
            None,
            None,
            title or decoded_file_name(target),
            target,
            articles_of(target, key),
        )
        if key:
            keys.add(key)
    cited: dict[str, KnownDocument] = {}
    for key, number, _, _, relation, _, _ in refs:
        if relation != "cites" or not key or key in keys or key in cited:
            continue
        parsed = parsed_number(number)
        doc_type, code = _type_of(parsed)
        title = f"{doc_type} số {number}" if doc_type else str(number)
        cited[key] = KnownDocument(
            number, doc_type, code, None, None, None, title, None, articles_of(None, key)
        )

    def newest(doc: KnownDocument) -> str:
        dates = [published.get(u) or "" for u in doc.articles]
        return doc.issued or max(dates, default="")

    every = [*found.values(), *cited.values()]
    return sorted(every, key=lambda d: (newest(d), d.number or "", d.title), reverse=True)


def stored_document(conn: sqlite3.Connection, url: str) -> StoredDocument | None:
    """The stored document at ``url``, or None when none is stored or its row is
    not one this program can read (see the module doc)."""
    row = conn.execute(
        "SELECT url, data, etag, last_modified, fetched_at, payload_version"
        " FROM documents WHERE url = ?",
        (url,),
    ).fetchone()
    if row is None or row[5] != DOCUMENT_PAYLOAD_VERSION:
        return None
    data = loads(row[1])
    if data is None:
        return None
    from ..documents.model import Document

    try:
        document = Document.from_dict(data)
    except SHAPE_ERRORS:
        return None
    return StoredDocument(row[0], data, row[2], row[3], row[4], document)


def attachment_title(conn: sqlite3.Connection, url: str) -> tuple[str | None, str | None]:
    """``(link text, article URL)`` of the first article attaching ``url``."""
    row = conn.execute(
        "SELECT title, source_url FROM doc_refs WHERE relation = 'attaches' AND target_url = ?"
        " ORDER BY rowid LIMIT 1",
        (url,),
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)
