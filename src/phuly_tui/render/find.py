"""Finding a phrase in an article's text, the way a Vietnamese reader types it.

Readers often type without diacritics.  :func:`find_spans` follows the same
rule as the store's search (issue 4), word by word:

* a query word typed **without** diacritics matches every accented form —
  ``phu ly`` finds ``Phủ Lý``, ``dang`` finds ``Đảng``, ``đang`` and ``dạng``;
* a query word typed **with** diacritics matches that form only, ignoring case —
  ``Đảng`` finds ``đảng`` but not ``đang``.

The spans are offsets into the *original* text, so a caller can highlight
them directly.  Text and query are compared one grapheme (a base character and
the combining marks after it) at a time, which keeps the offsets right even
when the text is decomposed (NFD) and folding changes its length.  A run of
whitespace in the query matches one whitespace character of the text.

Imports no Textual.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..text import fold, has_diacritics
from ..values import Value

__all__ = ["Match", "find_spans", "graphemes"]


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class Match(Value):
    """A span :func:`find_spans` found in block ``block`` of a text made of blocks
    (the reader's pieces): ``start`` to ``end``, end exclusive.

    Here, not in the reader: the reader imports this module with its first
    find, and a start builds no dataclass it does not use.
    """

    block: int
    start: int
    end: int


def graphemes(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each base character with its following combining marks."""
    clusters: list[tuple[int, int]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or not unicodedata.combining(text[index]):
            if index > start:
                clusters.append((start, index))
            start = index
    return clusters


@lru_cache(maxsize=4096)
def _folded(cluster: str) -> str:
    if cluster.isspace():
        return " "
    return fold(cluster)


@lru_cache(maxsize=4096)
def _exact(cluster: str) -> str:
    if cluster.isspace():
        return " "
    return unicodedata.normalize("NFC", cluster).lower()


def _query_keys(query: str) -> list[tuple[str, bool]]:
    """One ``(key, exact)`` pair per grapheme of the query, words marked exact or folded."""
    keys: list[tuple[str, bool]] = []
    words = query.split()
    for number, word in enumerate(words):
        if number:
            keys.append((" ", False))
        exact = has_diacritics(word)
        for start, end in graphemes(word):
            cluster = word[start:end]
            keys.append((_exact(cluster) if exact else _folded(cluster), exact))
    return keys


def find_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Non-overlapping ``(start, end)`` offsets in ``text`` where ``query`` occurs.

    Matching is case-insensitive and diacritic-insensitive per word as the
    module docstring describes; an empty or blank query finds nothing.
    """
    keys = _query_keys(unicodedata.normalize("NFC", query))
    if not keys or not text:
        return []
    clusters = graphemes(text)
    pieces = [text[start:end] for start, end in clusters]
    folded = [_folded(piece) for piece in pieces]
    exact = [_exact(piece) for piece in pieces]
    length = len(keys)
    first_key, first_exact = keys[0]
    spans: list[tuple[int, int]] = []
    position = 0
    last = len(clusters) - length
    while position <= last:
        if (exact if first_exact else folded)[position] != first_key:
            position += 1
            continue
        for offset in range(1, length):
            key, is_exact = keys[offset]
            if (exact if is_exact else folded)[position + offset] != key:
                position += 1
                break
        else:
            spans.append((clusters[position][0], clusters[position + length - 1][1]))
            position += length
    return spans
