"""Finding stored documents: by the words of their text, and by a document number.

Words are matched per page in ``document_search`` (so a hit says which page);
a number in any usual spelling (``18 KH UBND``) finds the documents that carry
it and the articles and documents that attach or cite them (``doc_refs``).
Tables and rows are those of :mod:`.documents`.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Final

from ..urls import decoded_file_name
from .documents import attachment_title, parsed_number
from .records import SearchResult
from .search import SearchQuery, make_snippet, parse_query

if TYPE_CHECKING:  # annotations only: the store opens without the document modules
    from ..documents.numbers import DocumentNumber, NumberQuery

__all__ = ["document_hits", "number_hits"]

_DOC_EXACT: Final = "{title body}"
_DOC_FOLDED: Final = "{title_f body_f}"
#: bm25 weights of (doc_id, page, title, body, title_f, body_f)
_DOC_WEIGHTS: Final = "0.0, 0.0, 10.0, 1.0, 10.0, 1.0"


def document_hits(conn: sqlite3.Connection, query: SearchQuery, limit: int) -> list[SearchResult]:
    """Documents whose text holds every word of ``query``: the best page of each."""
    rows = conn.execute(
        f"SELECT doc_id, page, body, bm25(document_search, {_DOC_WEIGHTS}) AS rank"
        " FROM document_search WHERE document_search MATCH ? ORDER BY rank LIMIT ?",
        (query.match_expression(_DOC_EXACT, _DOC_FOLDED), limit * 4),
    ).fetchall()
    best: dict[int, tuple[int, str, float]] = {}
    for doc_id, page, body, rank in rows:
        if doc_id not in best:
            best[doc_id] = (int(page), str(body), float(rank))
    results: list[SearchResult] = []
    for doc_id, (page, body, rank) in list(best.items())[:limit]:
        meta = conn.execute(
            "SELECT url, title, issued FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if meta is None:
            continue
        url, title, issued = meta
        snippet, highlights = make_snippet(body, query)
        results.append(
            SearchResult(
                url=url,
                title=title,
                published=issued,
                section=None,
                snippet=snippet,
                highlights=highlights,
                score=-rank,
                title_highlights=query.spans(title),
                kind="document",
                page=page,
                attached_to=attachment_title(conn, url)[1],
            )
        )
    return results


def _document_result(
    conn: sqlite3.Connection, url: str, terms: SearchQuery, score: float
) -> SearchResult | None:
    row = conn.execute("SELECT id, title, issued FROM documents WHERE url = ?", (url,)).fetchone()
    if row is None:
        return None
    doc_id, title, issued = row
    for page, body in conn.execute(
        "SELECT page, body FROM document_search WHERE doc_id = ? ORDER BY page", (doc_id,)
    ):
        if terms.matches(str(body), limit=1):
            snippet, highlights = make_snippet(str(body), terms)
            return SearchResult(
                url,
                title,
                issued,
                None,
                snippet,
                highlights,
                score,
                terms.spans(title),
                "document",
                int(page),
                attachment_title(conn, url)[1],
            )
    return None


def number_hits(conn: sqlite3.Connection, wanted: NumberQuery, limit: int) -> list[SearchResult]:
    """The documents with a number ``wanted`` names, then the articles attaching or citing them."""
    like = (f"{wanted.serial}/%", f"{wanted.serial}-%")
    documents = conn.execute(
        "SELECT id, url, title, number, issued FROM documents"
        " WHERE number_key LIKE ? OR number_key LIKE ?",
        like,
    ).fetchall()
    refs = conn.execute(
        "SELECT number, source_url, source_kind, relation, target_url, title FROM doc_refs"
        " WHERE number_key LIKE ? OR number_key LIKE ? ORDER BY relation, rowid",
        like,
    ).fetchall()
    results: list[SearchResult] = []
    seen: set[str] = set()

    def matching(number: str | None) -> DocumentNumber | None:
        parsed = parsed_number(number)
        return parsed if parsed is not None and wanted.matches(parsed) else None

    for doc_id, url, title, number, issued in documents:
        parsed = matching(number)
        if parsed is None or url in seen:
            continue
        seen.add(url)
        terms = parse_query(parsed.text)
        first = conn.execute(
            "SELECT page, body FROM document_search WHERE doc_id = ? ORDER BY page LIMIT 1",
            (doc_id,),
        ).fetchone()
        snippet, highlights = make_snippet(str(first[1]), terms) if first else ("", ())
        results.append(
            SearchResult(
                url,
                title,
                issued,
                None,
                snippet,
                highlights,
                100.0,
                terms.spans(title),
                "document",
                int(first[0]) if first else None,
                attachment_title(conn, url)[1],
            )
        )
    # the articles attaching a matched document, whatever their link's text says
    attached = [
        (number, source, "article", "attaches", url, None)
        for _, url, _, number, _ in documents
        if matching(number) is not None
        for (source,) in conn.execute(
            "SELECT source_url FROM doc_refs WHERE relation = 'attaches' AND target_url = ?",
            (url,),
        )
    ]
    for number, source, kind, relation, target, link_title in [*attached, *refs]:
        parsed = matching(number)
        if parsed is None:
            continue
        terms = parse_query(parsed.text)
        if relation == "attaches" and target and target not in seen:
            seen.add(target)
            title = link_title or decoded_file_name(target)
            results.append(
                SearchResult(
                    target,
                    title,
                    None,
                    None,
                    "",
                    (),
                    90.0,
                    terms.spans(title),
                    "document",
                    None,
                    source,
                )
            )
        if source in seen:
            continue
        if kind == "document":  # a document citing the number
            citing = _document_result(conn, source, terms, 70.0)
            if citing is not None:
                seen.add(source)
                results.append(citing)
            continue
        seen.add(source)
        row = conn.execute(
            "SELECT a.title, a.published, a.section, s.lead, s.body FROM articles AS a"
            " LEFT JOIN article_search AS s ON s.rowid = a.id WHERE a.url = ?",
            (source,),
        ).fetchone()
        if row is None:
            continue
        title, published, section, lead, body = row
        text = " ".join(part for part in (lead, body) if part)
        snippet, highlights = make_snippet(text, terms)
        results.append(
            SearchResult(
                source,
                title,
                published,
                section,
                snippet,
                highlights,
                80.0,
                terms.spans(title),
                "article",
            )
        )
    return results[:limit]
