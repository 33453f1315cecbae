"""Vietnamese-aware search: what gets indexed, how a query becomes FTS5, snippets.

The rule users rely on (issue 4): a query word typed *without* diacritics
matches every accented form (``dang`` finds ``Đảng``, ``đang``, ``dạng``), a
word typed *with* diacritics matches only that form (``Đảng`` does not find
``đang``), and case never matters.  SQLite's ``remove_diacritics`` cannot do
this (it does not fold ``đ``, and it cannot be switched per query word), so the
index holds every text twice:

* ``title``, ``lead``, ``body`` — the text as published (NFC), which the
  ``unicode61 remove_diacritics 0`` tokenizer lower-cases but keeps accented;
* ``title_f``, ``lead_f``, ``body_f`` — :func:`phuly_tui.text.fold` of the same
  text (no marks, ``đ`` → ``d``).

:func:`parse_query` tokenizes what the user typed itself (FTS5 syntax is never
passed through: every word becomes a quoted string), and each word is sent to
the folded or the exact columns depending on whether it carries a mark.  A
word followed by ``*`` is a prefix search; every other character a user may
type (quotes, ``NEAR(``, ``-``, ``:``, ``^``, parentheses, emoji) only
separates words, and ``AND``/``OR``/``NOT`` are ordinary words.

Snippets and highlight spans are computed here in Python, on the published
text, with the same matching rule (see :meth:`SearchQuery.spans`), so the app
can also highlight the matches in the reader.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from ..text import clean_text, fold, strip_hostile
from .records import Span

__all__ = [
    "BM25_WEIGHTS",
    "MAX_TERMS",
    "SearchQuery",
    "Term",
    "make_snippet",
    "parse_query",
    "searchable_text",
]

#: a word as SQLite's unicode61 tokenizer sees one: letters and digits, nothing else
_WORD: Final = re.compile(r"[^\W_]+")
_NOT_SPACE: Final = re.compile(r"\S+")
#: more words than this in one query are ignored (nobody types them; FTS cost grows)
MAX_TERMS: Final = 16
_MAX_TERM_CHARS: Final = 64
#: bm25 weights of (title, lead, body, title_f, lead_f, body_f): the title counts most
BM25_WEIGHTS: Final = (10.0, 4.0, 1.0, 10.0, 4.0, 1.0)
_EXACT_COLUMNS: Final = "{title lead body}"
_FOLDED_COLUMNS: Final = "{title_f lead_f body_f}"
#: the body text indexed per article is capped (a hostile 10 MB page stays cheap)
MAX_BODY_CHARS: Final = 200_000
SNIPPET_WORDS: Final = 30


class _AlignedTable(dict[int, str]):
    """A ``str.translate`` table that maps every character to exactly one.

    ``fold``/``lower`` may change a string's length for rare characters; spans
    found in the translated text must point at the same characters of the
    original, so a character whose mapping is not one character stays as it is.
    Entries are computed on first use and then looked up at C speed.
    """

    def __init__(self, mapper: Any) -> None:
        super().__init__()
        self._mapper = mapper

    def __missing__(self, code: int) -> str:
        char = chr(code)
        mapped: str = self._mapper(char)
        if len(mapped) != 1:
            lowered = char.lower()
            mapped = lowered if len(lowered) == 1 else char
        self[code] = mapped
        return mapped


_ALIGNED_FOLD: Final = _AlignedTable(fold)
_ALIGNED_LOWER: Final = _AlignedTable(str.lower)


@dataclass(frozen=True, slots=True)
class Term:
    """One query word.

    Attributes:
        text: the word lower-cased (``exact``) or folded (not ``exact``).
        exact: typed with diacritics: match only that accented form.
        prefix: typed with a trailing ``*``: match words starting with it.
    """

    text: str
    exact: bool
    prefix: bool = False

    def fts_phrase(self) -> str:
        """This word as an FTS5 column-filtered string: never FTS syntax."""
        columns = _EXACT_COLUMNS if self.exact else _FOLDED_COLUMNS
        quoted = '"' + self.text.replace('"', '""') + '"'
        return f"{columns} : {quoted}{'*' if self.prefix else ''}"

    def pattern(self) -> re.Pattern[str]:
        """A regex finding this word in aligned-folded or aligned-lowered text."""
        tail = r"[^\W_]*" if self.prefix else r"(?![^\W_])"
        return re.compile(r"(?<![^\W_])" + re.escape(self.text) + tail)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A parsed query: the words to find, in the order typed, without repeats."""

    terms: tuple[Term, ...]

    @property
    def is_empty(self) -> bool:
        return not self.terms

    def match_expression(self) -> str:
        """The FTS5 ``MATCH`` string: every word required (implicit AND)."""
        return " AND ".join(term.fts_phrase() for term in self.terms)

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """``(start, end, term index)`` of every matched word in ``text``, sorted."""
        if not self.terms or not text:
            return []
        folded = lowered = ""
        found: list[tuple[int, int, int]] = []
        for index, term in enumerate(self.terms):
            if term.exact:
                haystack = lowered = lowered or text.translate(_ALIGNED_LOWER)
            else:
                haystack = folded = folded or text.translate(_ALIGNED_FOLD)
            found.extend((m.start(), m.end(), index) for m in term.pattern().finditer(haystack))
        found.sort()
        return found

    def spans(self, text: str) -> tuple[Span, ...]:
        """Spans of the matched words in ``text`` (for highlighting), sorted."""
        return tuple((start, end) for start, end, _ in self.matches(text))


def parse_query(query: str) -> SearchQuery:
    """Turn whatever a user typed into a :class:`SearchQuery` (never raises)."""
    text = unicodedata.normalize("NFC", strip_hostile(query or ""))
    terms: list[Term] = []
    seen: set[tuple[str, bool]] = set()
    for match in _WORD.finditer(text):
        word = match.group()[:_MAX_TERM_CHARS]
        prefix = text[match.end() : match.end() + 1] == "*"
        lowered = unicodedata.normalize("NFC", word.lower())
        folded = fold(word)
        exact = folded != lowered
        key = (lowered if exact else folded, exact)
        if key in seen:
            continue
        seen.add(key)
        terms.append(Term(key[0], exact, prefix))
        if len(terms) == MAX_TERMS:
            break
    return SearchQuery(tuple(terms))


def make_snippet(
    text: str, query: SearchQuery, *, words: int = SNIPPET_WORDS
) -> tuple[str, tuple[Span, ...]]:
    """About ``words`` words of ``text`` around its best match, with highlight spans.

    The window with the most different query words wins (then the most
    matches, then the earliest); an ellipsis marks cut text.  Without a match
    the snippet is the start of the text.
    """
    text = text.replace("\n", " ").replace("\r", " ").replace("\t", " ")
    positions = [(m.start(), m.end()) for m in _NOT_SPACE.finditer(text)]
    if not positions:
        return "", ()
    found = query.matches(text)
    starts = [start for start, _ in positions]
    first = 0
    if found and len(positions) > words:
        found_starts = [start for start, _, _ in found]
        best: tuple[int, int, int] | None = None
        for start in dict.fromkeys(found_starts[:64]):
            word_index = bisect.bisect_right(starts, start) - 1
            candidate = max(0, min(word_index - words // 4, len(positions) - words))
            lo, hi = positions[candidate][0], positions[candidate + words - 1][1]
            inside = found[
                bisect.bisect_left(found_starts, lo) : bisect.bisect_right(found_starts, hi)
            ]
            score = (len({term for _, _, term in inside}), len(inside), -candidate)
            if best is None or score > best:
                best, first = score, candidate
    last = min(len(positions), first + words) - 1
    lo, hi = positions[first][0], positions[last][1]
    lead = "… " if first > 0 else ""
    tail = " …" if last < len(positions) - 1 else ""
    shift = len(lead) - lo
    spans = tuple((s + shift, e + shift) for s, e, _ in found if s >= lo and e <= hi)
    return lead + text[lo:hi] + tail, spans


def _block_texts(blocks: Iterable[Mapping[str, Any]]) -> Iterable[str]:
    for block in blocks:
        kind = block.get("type")
        if kind in ("paragraph", "heading"):
            yield str(block.get("text") or "")
        elif kind == "list":
            yield from (str(item) for item in block.get("items") or ())
        elif kind == "table":
            for row in block.get("rows") or ():
                yield from (str(cell) for cell in row)
        elif kind in ("image", "video"):
            yield str(block.get("caption") or "")


def searchable_text(data: Mapping[str, Any]) -> tuple[str, str, str]:
    """``(title, lead, body)`` of an article's ``to_dict()`` form, cleaned for the index.

    The body joins paragraphs, headings, list items, table cells and image and
    video captions (not alt texts: on this portal they are mostly file names).
    Everything passes :func:`clean_text` again, so no control byte can reach a
    snippet even from a row written by an older version.
    """
    title = clean_text(str(data.get("title") or ""))
    lead = clean_text(str(data.get("lead") or data.get("summary") or ""))
    parts = (clean_text(part) for part in _block_texts(data.get("blocks") or ()))
    body = " ".join(part for part in parts if part)[:MAX_BODY_CHARS]
    return title, lead, body
