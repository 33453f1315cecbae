"""Searching the store: articles (FTS5, diacritics optional) and documents, filtered in SQL.

A part of :class:`~.store.Store` (it derives from :class:`Searching`).  The
query parser, the snippets, the document search and the result records are
imported by the first search, not with the store: the app opens the store
before its first frame, and a start never searches (they cost ~2.5 ms).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from .database import Database
from .sections import section_url_of

if TYPE_CHECKING:
    from .records import SearchFilter, SearchResult

__all__ = ["Searching"]

#: hits returned at most, whatever a caller asks
_MAX_LIMIT: Final = 500


class Searching:
    """Search of :class:`~.store.Store`."""

    _db: Database

    def search(
        self, query: str, *, limit: int = 50, where: SearchFilter | None = None
    ) -> list[SearchResult]:
        """Articles and documents matching every word of ``query``, best first (see
        :mod:`phuly_tui.store.search` for the diacritics rule). Never raises on
        what a user types; an empty or punctuation-only query finds nothing.

        A query that is a document number in any usual spelling (``18 KH UBND``,
        ``kh-ubnd 18``) finds the documents with that number and the articles
        that attach or cite them; when the store knows no such number the words
        are searched as usual.

        ``where`` narrows the article hits by section and published day in SQL,
        before the limit: the best ``limit`` hits *inside* the filter come back,
        not what is left of the best ``limit`` overall.  Documents belong to no
        section: a section filter leaves them out, a day filter keeps those
        issued inside it; the number shortcut is not taken under a filter.
        """
        from ..documents.numbers import number_query
        from .document_search import document_hits, number_hits
        from .records import SearchResult
        from .search import BM25_WEIGHTS, make_snippet, parse_query

        parsed = parse_query(query)
        if parsed.is_empty or limit <= 0:
            return []
        limit = min(int(limit), _MAX_LIMIT)
        wanted = number_query(query)
        if wanted is not None and (where is None or where.is_empty):
            with self._db.read() as conn:
                numbered = number_hits(conn, wanted, limit)
            if numbered:
                return numbered
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        conditions, params = _filter_sql(where)
        if conditions:
            # the filter joins before the limit (the best hits inside the filter)
            sql = (
                "WITH hits AS ("
                f" SELECT rowid AS id, bm25(article_search, {weights}) AS rank"
                " FROM article_search WHERE article_search MATCH ?)"
                " SELECT a.url, a.title, a.published, a.section, s.lead, s.body, hits.rank"
                " FROM hits JOIN articles AS a ON a.id = hits.id"
                " JOIN article_search AS s ON s.rowid = hits.id"
                f" WHERE {conditions} ORDER BY hits.rank LIMIT ?"
            )
            args: tuple[Any, ...] = (parsed.match_expression(), *params, limit)
        else:
            sql = (
                "WITH hits AS ("
                f" SELECT rowid AS id, bm25(article_search, {weights}) AS rank"
                " FROM article_search WHERE article_search MATCH ? ORDER BY rank LIMIT ?)"
                " SELECT a.url, a.title, a.published, a.section, s.lead, s.body, hits.rank"
                " FROM hits JOIN articles AS a ON a.id = hits.id"
                " JOIN article_search AS s ON s.rowid = hits.id ORDER BY hits.rank"
            )
            args = (parsed.match_expression(), limit)
        with self._db.read() as conn:
            rows = conn.execute(sql, args).fetchall()
            documents = _filtered_documents(document_hits(conn, parsed, limit), where)
        results: list[SearchResult] = []
        for url, title, published, section, lead, body, rank in rows:
            text = f"{lead} {body}" if lead and body else (lead or body or "")
            snippet, highlights = make_snippet(text, parsed)
            results.append(
                SearchResult(
                    url=url,
                    title=title,
                    published=published,
                    section=section,
                    snippet=snippet,
                    highlights=highlights,
                    score=-float(rank),
                    title_highlights=parsed.spans(title),
                )
            )
        if documents:
            results = sorted([*results, *documents], key=lambda r: -r.score)[:limit]
        return results


def _filtered_documents(
    found: list[SearchResult], where: SearchFilter | None
) -> list[SearchResult]:
    """Document hits that pass ``where``: none under a section filter (documents
    belong to no section), those issued inside the day bounds under a day filter
    (an undated document never passes one)."""
    if where is None or where.is_empty:
        return found
    if where.section_url or where.section_name:
        return []
    kept = []
    for hit in found:
        day = (hit.published or "")[:10]
        if not day or (where.since and day < where.since) or (where.until and day > where.until):
            continue
        kept.append(hit)
    return kept


def _filter_sql(where: SearchFilter | None) -> tuple[str, list[Any]]:
    """The SQL condition (on ``articles AS a``) and parameters of a search filter.

    A section holds the articles listed on its stored pages and those whose own
    section carries its name; a day bound compares the first ten characters of
    ``published`` (``YYYY-MM-DD``, with or without a time), so both bounds are
    inclusive whole days and an undated article never passes one.
    """
    if where is None or where.is_empty:
        return "", []
    conditions: list[str] = []
    params: list[Any] = []
    section: list[str] = []
    if where.section_name:
        section.append("a.section = ?")
        params.append(where.section_name)
    if where.section_url:
        section.append(
            "a.url IN (SELECT li.article_url FROM listing_items AS li"
            " JOIN pages AS p ON p.url = li.listing_url WHERE p.section_url = ?)"
        )
        params.append(section_url_of(where.section_url))
    if section:
        conditions.append("(" + " OR ".join(section) + ")")
    if where.since:
        conditions.append("substr(a.published, 1, 10) >= ?")
        params.append(where.since)
    if where.until:
        conditions.append("substr(a.published, 1, 10) <= ?")
        params.append(where.until)
    return " AND ".join(conditions), params
