"""Text hygiene: make web text safe for a terminal and normal for Vietnamese.

Two entry points:

* :func:`clean_text` — for every text that enters the model: hostile bytes
  stripped (terminal escapes, C0/C1 controls, bidi overrides), zero-width
  characters removed, Unicode NFC, whitespace runs (``&nbsp;`` included)
  collapsed to one space, trimmed.
* :func:`safe_terminal_text` — for text that keeps its line breaks (error
  messages, a page's plain-text fallback): hostile bytes stripped, NFC, but
  newlines kept.

Stripping happens *before* whitespace collapsing, so an escape sequence can
never be split into harmless-looking pieces by the whitespace rules, and on the
decoded text, so ``&#27;[31m`` in a page is caught as well as a raw ESC.

Also here: :func:`fold` — the diacritic-insensitive key used by search and by
section-name matching (handles ``đ``/``Đ``, which Unicode decomposition does not)
— and :func:`unaccent`, the same folding without lower-casing, which output
streams that cannot encode Vietnamese use (``Phủ Lý`` → ``Phu Ly``).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = [
    "clean_text",
    "fold",
    "has_diacritics",
    "safe_terminal_text",
    "strip_hostile",
    "unaccent",
]

# Terminal escape sequences, 7-bit and 8-bit forms.  A terminated OSC/DCS/APC/PM/SOS
# string is removed whole (its payload is an instruction, e.g. OSC 52 clipboard
# data); an unterminated one loses only its introducer and numeric parameters, so
# hostile input cannot make us drop the rest of a page.
_ESCAPES: Final = re.compile(
    r"""
      (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?                          # CSI
    | (?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]{0,4096}(?:\x07|\x1b\\|\x9c)  # OSC
    | (?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[0-9;]*             # unterminated introducer
    | \x1b[ -/]*[0-~]?                                           # any other ESC sequence
    """,
    re.VERBOSE,
)
# C0 controls except TAB, LF, CR; DEL; C1 controls.
_CONTROLS: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bidirectional embeddings, overrides, isolates and marks (Trojan-source style tricks).
_BIDI: Final = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Zero-width characters the portal README names, plus the soft hyphen.
_ZERO_WIDTH: Final = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SUSPICIOUS: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u00ad]"
)


def strip_hostile(text: str) -> str:
    """Remove terminal escape sequences, control characters and bidi controls.

    TAB, LF and CR are kept (callers decide what whitespace means).
    """
    if not _SUSPICIOUS.search(text):
        return text
    text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub("", text)
    return _BIDI.sub("", text)


def clean_text(text: str | None) -> str:
    """Normalise one piece of page text for the model (see the module doc)."""
    if not text:
        return ""
    if text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " ":
        # Fast path, same result: printable means no control, format (zero-width,
        # bidi, soft hyphen) or separator character but the ASCII space, so nothing
        # to strip and no whitespace to collapse — and NFC never creates whitespace.
        return text if text.isascii() else unicodedata.normalize("NFC", text)
    if _SUSPICIOUS.search(text):
        text = _ZERO_WIDTH.sub("", strip_hostile(text))
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    # str.split() splits on exactly the characters \s matches (str.isspace), ~4x faster
    return " ".join(text.split())


def safe_terminal_text(text: str) -> str:
    """Strip hostile characters but keep line structure (for multi-line text)."""
    text = _ZERO_WIDTH.sub("", strip_hostile(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(lines).strip()


_STROKE_TABLE: Final = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def unaccent(text: str) -> str:
    """Diacritic-free form that keeps the case: ``"Đảng Phủ Lý"`` → ``"Dang Phu Ly"``.

    Unicode decomposition removes tone and vowel marks but leaves ``đ`` alone
    (it is a separate letter, not d + a mark), so it is mapped explicitly.
    Characters without marks are returned unchanged (``"中"`` stays ``"中"``).
    """
    text = text.translate(_STROKE_TABLE)
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def fold(text: str) -> str:
    """Lower-case, diacritic-free form: ``"Đảng Phủ Lý"`` → ``"dang phu ly"``
    (:func:`unaccent`, lower-cased)."""
    return unaccent(text).lower()


def has_diacritics(word: str) -> bool:
    """True when ``word`` carries any Vietnamese mark or ``đ``."""
    return fold(word) != word.lower()
