"""Vietnamese-aware search: what gets indexed, how a query becomes FTS5, snippets.

The rule users rely on (issue 4): a query word typed *without* diacritics
matches every accented form (``dang`` finds ``Đảng``, ``đang``, ``dạng``), a
word typed *with* diacritics matches only that form (``Đảng`` does not find
``đang``), and case never matters.  Old- and new-style tone placement count as
the same spelling (``hoà`` = ``hòa``, ``thuỷ`` = ``thủy``, see
:func:`tone_spellings`).  SQLite's ``remove_diacritics`` cannot do this (it does
not fold ``đ``, and it cannot be switched per query word), so the index holds
every text twice:

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
import functools
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
#: matches of each word weighed when placing a snippet
_SNIPPET_CANDIDATES: Final = 16
#: a generous average length of a word plus its space (Vietnamese syllables are short)
_CHARS_PER_WORD: Final = 8
_LINE_BREAKS: Final = re.compile(r"[\n\r\t\f\v]")


@functools.cache
def _fold_variants() -> dict[str, frozenset[str]]:
    """For each folded letter, the accented Latin letters that fold to it (both cases).

    ``"d"`` → ``d D đ Đ ð Ð …``; ``"a"`` → ``a A à À á Á ả … ặ Ặ``.  Covers
    Latin-1, Latin Extended-A/B and Latin Extended Additional (all Vietnamese).
    Built on the first search, not at import: the app's start imports the store
    and should not pay ~900 decompositions (and the Unicode tables' pages) for it.
    """
    variants: dict[str, set[str]] = {}
    for code in (*range(0x41, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and folded.isalpha():
            variants.setdefault(folded, set()).add(char)
    return {base: frozenset(chars) for base, chars in variants.items()}


def _both_cases(chars: Iterable[str]) -> str:
    """A regex character class of ``chars`` in lower and upper case.

    Spelled out rather than ``re.IGNORECASE``: the regex engine scans for a
    plain class several times faster, and snippets run on every result.
    """
    cased = set()
    for char in chars:
        cased.add(char)
        cased.update(c for c in (char.lower(), char.upper()) if len(c) == 1)
    if len(cased) == 1:
        return re.escape(next(iter(cased)))
    return "[" + "".join(re.escape(c) for c in sorted(cased)) + "]"


# Vietnamese tone marks, as combining characters
_TONE_MARKS: Final = frozenset("\u0300\u0301\u0303\u0309\u0323")
#: vowel pairs whose tone is written on either vowel (old style "hoà", new style "hòa")
_SWING_PAIRS: Final = frozenset({"oa", "oe", "uy"})


def tone_spellings(word: str) -> tuple[str, ...]:
    """``word`` and its other accepted tone placement: ``"hòa"`` → ``("hòa", "hoà")``.

    Vietnamese writes the tone of a word-final ``oa``, ``oe`` or ``uy`` on either
    vowel (``hoà``/``hòa``, ``khoẻ``/``khỏe``, ``thuỷ``/``thủy``); both styles occur
    on the portal and mean the same word, so an accented query word matches both.
    Other words come back alone.
    """
    decomposed = unicodedata.normalize("NFD", word)
    tones = [char for char in decomposed if char in _TONE_MARKS]
    if len(tones) != 1:
        return (word,)
    tone = tones[0]
    bare = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
    if len(bare) != len(word):
        return (word,)

    def toned(index: int) -> str:
        return unicodedata.normalize("NFC", bare[: index + 1] + tone + bare[index + 1 :])

    lowered = bare.lower()
    # only a word-final pair swings ("hoà", not "hoàng"), and not the "u" of "qu" ("quý")
    pair_at = len(lowered) - 2
    if (
        pair_at < 0
        or lowered[pair_at:] not in _SWING_PAIRS
        or lowered[pair_at - 1 : pair_at] == "q"
    ):
        return (word,)
    if toned(pair_at) == word:
        return (word, toned(pair_at + 1))
    if toned(pair_at + 1) == word:
        return (word, toned(pair_at))
    return (word,)


@functools.lru_cache(maxsize=256)
def _word_pattern(word: str, exact: bool, prefix: bool) -> re.Pattern[str]:
    """A regex for ``word`` in published text, any case; folded words match every
    accented form, accented ones every tone placement.  The start-of-word check
    is done by the caller (a lookbehind would slow the scan down)."""
    if exact:
        bodies = [
            "".join(_both_cases(char) for char in spelled) for spelled in tone_spellings(word)
        ]
        body = bodies[0] if len(bodies) == 1 else "(?:" + "|".join(bodies) + ")"
    else:
        variants = _fold_variants()
        body = "".join(_both_cases(variants.get(char, frozenset(char))) for char in word)
    tail = r"[^\W_]*" if prefix else r"(?![^\W_])"
    return re.compile(body + tail)


def _quoted(word: str) -> str:
    """An FTS5 string: whatever it holds is text, never syntax."""
    return '"' + word.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class Term:
    """One query word.

    Attributes:
        text: the word lower-cased (``exact``) or folded (not ``exact``).
        exact: typed with diacritics: match only that accented form (in
            either tone-mark placement, see :func:`tone_spellings`).
        prefix: typed with a trailing ``*``: match words starting with it.
    """

    text: str
    exact: bool
    prefix: bool = False

    def fts_phrase(
        self, exact_columns: str = _EXACT_COLUMNS, folded_columns: str = _FOLDED_COLUMNS
    ) -> str:
        """This word as an FTS5 column-filtered string: never FTS syntax."""
        star = "*" if self.prefix else ""
        if not self.exact:
            return f"{folded_columns} : {_quoted(self.text)}{star}"
        spellings = [_quoted(spelled) + star for spelled in tone_spellings(self.text)]
        if len(spellings) == 1:
            return f"{exact_columns} : {spellings[0]}"
        return f"{exact_columns} : ({' OR '.join(spellings)})"

    def pattern(self) -> re.Pattern[str]:
        """A regex finding this word (without its start-of-word check) in published text."""
        return _word_pattern(self.text, self.exact, self.prefix)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A parsed query: the words to find, in the order typed, without repeats."""

    terms: tuple[Term, ...]

    @property
    def is_empty(self) -> bool:
        return not self.terms

    def match_expression(
        self, exact_columns: str = _EXACT_COLUMNS, folded_columns: str = _FOLDED_COLUMNS
    ) -> str:
        """The FTS5 ``MATCH`` string: every word required (implicit AND).

        The column sets default to the article index's; the document index
        (``{title body}``/``{title_f body_f}``) passes its own.
        """
        return " AND ".join(term.fts_phrase(exact_columns, folded_columns) for term in self.terms)

    def matches(self, text: str, *, limit: int | None = None) -> list[tuple[int, int, int]]:
        """``(start, end, term index)`` of the matched words in ``text``, sorted.

        With ``limit``, only the first ``limit`` matches of each query word.
        """
        if not self.terms or not text:
            return []
        found: list[tuple[int, int, int]] = []
        for index, term in enumerate(self.terms):
            count = 0
            for match in term.pattern().finditer(text):
                start = match.start()
                if start and text[start - 1].isalnum():
                    continue  # inside a longer word
                found.append((start, match.end(), index))
                count += 1
                if count == limit:
                    break
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

    The place where the most different query words meet wins (then the most
    matches, then the earliest); an ellipsis marks cut text.  Without a match
    the snippet is the start of the text.  Only the first matches of each word
    are weighed and only the words near the winner are split, so a long body
    costs little.
    """
    text = _LINE_BREAKS.sub(" ", text)
    found = query.matches(text, limit=_SNIPPET_CANDIDATES)
    anchor = 0
    if found:
        starts = [start for start, _, _ in found]
        reach = _CHARS_PER_WORD * words
        best: tuple[int, int, int] | None = None
        for start in dict.fromkeys(starts):
            inside = found[
                bisect.bisect_left(starts, start - reach // 4) : bisect.bisect_right(
                    starts, start + reach
                )
            ]
            score = (len({term for _, _, term in inside}), len(inside), -start)
            if best is None or score > best:
                best, anchor = score, start
    region_lo = max(0, anchor - 2 * _CHARS_PER_WORD * (words // 4 + 1))
    region_hi = anchor + 2 * _CHARS_PER_WORD * words
    positions = [(m.start(), m.end()) for m in _NOT_SPACE.finditer(text, region_lo, region_hi)]
    if positions and region_lo > 0 and not text[region_lo - 1].isspace():
        positions.pop(0)  # a word cut by the region's edge
    if positions and region_hi < len(text) and not text[region_hi].isspace():
        positions.pop()
    if not positions:
        return "", ()
    index = bisect.bisect_right([start for start, _ in positions], anchor) - 1
    first = max(0, index - words // 4)
    last = min(len(positions), first + words) - 1
    first = max(0, last - words + 1)
    lo, hi = positions[first][0], positions[last][1]
    lead = "… " if text[:lo].strip() else ""
    tail = " …" if text[hi:].strip() else ""
    body = text[lo:hi]
    spans = tuple((s + len(lead), e + len(lead)) for s, e, _ in query.matches(body))
    return lead + body + tail, spans


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
