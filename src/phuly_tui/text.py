"""Text hygiene: make web text safe for a terminal and normal for Vietnamese.

Two entry points:

* :func:`clean_text` — for every text that enters the model: hostile bytes
  stripped (terminal escapes, C0/C1 controls, bidi overrides), zero-width
  characters removed, Unicode NFC, whitespace runs (``&nbsp;`` included)
  collapsed to one space, trimmed.
* :func:`safe_terminal_text` — for text that keeps its line breaks (error
  messages, a page's plain-text fallback): hostile bytes stripped, NFC, but
  newlines kept.

What "removed" means, precisely: a control character that separates (NUL,
vertical tab, form feed, the information separators U+001C–U+001F, NEL)
becomes a space, so ``"a\x00b"`` stays two words; other controls vanish.  A
zero-width joiner between two emoji is part of the emoji (👨‍👩‍👧‍👦 is one family,
not four people) and is kept; anywhere else it is removed like the other
zero-width characters.  A run of combining marks is cut to
:data:`MAX_COMBINING` per base character ("Zalgo" text stacks dozens, which
spill over the lines above and below; Vietnamese needs at most two).

Stripping happens *before* whitespace collapsing, so an escape sequence can
never be split into harmless-looking pieces by the whitespace rules, and on the
decoded text, so ``&#27;[31m`` in a page is caught as well as a raw ESC.

Text stored twice-encoded — UTF-8 bytes read as windows-1252 (or Latin-1) and
saved again as UTF-8, a database connection's classic mistake — shows
Vietnamese as ``PhÃº LÃ½``, ``Há»™i nghá»‹``, ``Ä‘``.  :func:`clean_text` reads
such runs back as the UTF-8 they were (:func:`undo_double_utf8`), but only when
the result is Vietnamese: at least one letter beyond Latin-1 (``ộ``, ``đ``,
``ư``, a tone mark) and nothing but Vietnamese letters and Latin-1 among what
changed.  Vietnamese written right never looks like this: its accented letters
are all U+00C0 or above, which are never UTF-8 continuation bytes, so a run
changes only where such a letter is followed by a symbol (``KHÍ”``), and that
result is not Vietnamese and is left alone.

Also here: :func:`fold` — the diacritic-insensitive key used by search and by
section-name matching (handles ``đ``/``Đ``, which Unicode decomposition does not)
— and :func:`unaccent`, the same folding without lower-casing, which output
streams that cannot encode Vietnamese use (``Phủ Lý`` → ``Phu Ly``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final

__all__ = [
    "UNSAFE_CHARACTERS",
    "clean_text",
    "fold",
    "has_diacritics",
    "safe_terminal_text",
    "strip_hostile",
    "unaccent",
    "undo_double_utf8",
]

#: the body of a regex character class: every single character a terminal may
#: act on or that changes how a line reads — C0 and C1 controls, DEL, bidi
#: marks and controls, zero-width characters, line and paragraph separators,
#: the BOM.  Where outside text is replaced character for character (a URL's
#: ``%XX``, a search line's spaces, printed JSON's ``\u`` escapes) this is the set.
UNSAFE_CHARACTERS: Final = "\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"

# The patterns below that only hostile or unusual text needs are compiled on
# first use (each getter is cached): compiling them all cost ~1.4 ms of every
# start, and a daily start only cleans ordinary titles, which the two patterns
# compiled at import (_SUSPICIOUS, _MARK_RUN_HINT) already tell apart.


@functools.cache
def _escapes() -> re.Pattern[str]:
    """Terminal escape sequences, 7-bit and 8-bit forms.

    A terminated OSC/DCS/APC/PM/SOS string is removed whole (its payload is an
    instruction, e.g. OSC 52 clipboard data); an unterminated one loses only its
    introducer and numeric parameters, so hostile input cannot make us drop the
    rest of a page.
    """
    return re.compile(
        r"""
          (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?                          # CSI
        | (?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]{0,4096}(?:\x07|\x1b\\|\x9c)  # OSC
        | (?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[0-9;]*             # unterminated introducer
        | \x1b[ -/]*[0-~]?                                           # any other ESC sequence
        """,
        re.VERBOSE,
    )


@functools.cache
def _separating_controls() -> re.Pattern[str]:
    """Controls that separate words: they become a space (NUL, VT, FF, FS/GS/RS/US, NEL)."""
    return re.compile(r"[\x00\x0b\x0c\x1c-\x1f\x85]")


@functools.cache
def _controls() -> re.Pattern[str]:
    """C0 controls except TAB, LF, CR; DEL; C1 controls."""
    return re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@functools.cache
def _bidi() -> re.Pattern[str]:
    """Bidirectional embeddings, overrides, isolates and marks (Trojan-source style tricks)."""
    return re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


#: characters that take part in emoji sequences (Extended_Pictographic, roughly:
#: the symbol and pictograph blocks), for telling a joiner inside an emoji
#: sequence from a stray one
_EMOJI: Final = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21ff\u2300-\u23ff\u24c2"
    "\u25a0-\u27bf\u2934\u2935\u2b00-\u2bff\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
)


@functools.cache
def _zero_width() -> re.Pattern[str]:
    """Zero-width characters the portal README names, plus the soft hyphen.

    A ZWJ is one of them unless it joins two emoji (after an emoji, its
    variation selector or a skin-tone modifier, before an emoji).
    """
    return re.compile(
        f"[\u200b\u200c\u2060\ufeff\u00ad]|(?<![{_EMOJI}\ufe0f])\u200d|\u200d(?![{_EMOJI}])"
    )


# everything the patterns above remove: a text without any of these skips them all
_SUSPICIOUS: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u00ad]"
)
#: combining marks kept on one base character; Vietnamese needs at most two
MAX_COMBINING: Final = 4
# combining diacritical marks (and their extended, supplement, symbol and half-mark blocks)
_MARKS: Final = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"


@functools.cache
def _mark_run() -> re.Pattern[str]:
    """More than :data:`MAX_COMBINING` marks in a row (the first ones captured)."""
    return re.compile(f"([{_MARKS}]{{{MAX_COMBINING}}})[{_MARKS}]+")


# NFC folds up to two marks into a letter (ệ): three loose ones after it may be too many
_MARK_RUN_HINT: Final = re.compile(f"[{_MARKS}]{{{MAX_COMBINING - 1}}}")


def strip_hostile(text: str) -> str:
    """Remove terminal escape sequences, control characters and bidi controls.

    TAB, LF and CR are kept (callers decide what whitespace means); the
    controls that separate words (NUL, VT, FF…) become a space.
    """
    if not _SUSPICIOUS.search(text):
        return text
    text = _escapes().sub("", text)
    text = _controls().sub("", _separating_controls().sub(" ", text))
    return _bidi().sub("", text)


def _cap_marks(text: str) -> str:
    """NFC ``text`` with at most :data:`MAX_COMBINING` marks on any base character.

    Counted on the decomposed form, so marks NFC folded into the letter count
    too; text without three marks in a row (all Vietnamese) is returned as is.
    """
    if not _MARK_RUN_HINT.search(text):
        return text
    capped = _mark_run().sub(r"\1", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", capped)


#: the characters windows-1252 has for bytes 0x80–0x9F (Œ œ Š š Ÿ Ž ž ƒ ˆ ˜ – — ‘ ’ ‚ “ ” „
#: † ‡ • … ‰ ‹ › € ™), written out: building them at import cost every start
#: (``tests/unit/test_text.py`` checks them against the codec)
CP1252_SPECIALS: Final = (
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019"
    "\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
#: a UTF-8 lead byte read as a character, then a continuation byte read as one
_TWICE_HINT: Final = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{CP1252_SPECIALS}]")


@functools.cache
def _twice_run() -> re.Pattern[str]:
    return re.compile(f"[\u0080-\u00ff{CP1252_SPECIALS}]{{2,}}")


@functools.cache
def _twice_encoded_byte() -> dict[str, int]:
    """Each character of windows-1252 and Latin-1 above ASCII → the byte it stands for
    (built at the first twice-encoded run, not at start-up)."""
    return {
        **{chr(byte): byte for byte in range(0x80, 0x100)},
        **{
            char: byte
            for byte in range(0x80, 0xA0)
            for char in (bytes([byte]).decode("cp1252", "ignore"),)
            if char
        },
    }


@functools.cache
def _vietnamese_beyond_latin1() -> re.Pattern[str]:
    """Letters beyond Latin-1 that Vietnamese writes (ă đ ĩ ũ ơ ư, the U+1EA0 block)
    and its five tone marks as combining characters."""
    return re.compile(
        "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0"
        "\u1ea0-\u1ef9\u0300\u0301\u0303\u0309\u0323]"
    )


def _undo_run(run: str) -> str:
    """``run`` with every valid UTF-8 sequence of its bytes decoded; characters
    whose bytes are not part of one stay as they are."""
    decoded = bytes(_twice_encoded_byte()[char] for char in run).decode("utf-8", "surrogateescape")
    out: list[str] = []
    position = 0
    for char in decoded:
        if "\udc80" <= char <= "\udcff":
            out.append(run[position])
            position += 1
        else:
            out.append(char)
            position += len(char.encode("utf-8"))
    return "".join(out)


def undo_double_utf8(text: str) -> str:
    """``text`` with Vietnamese that was UTF-8 read as windows-1252 read back
    (``Há»™i nghá»‹`` → ``Hội nghị``), else ``text`` itself (see the module doc)."""
    if text.isascii() or not _TWICE_HINT.search(text):
        return text
    changed = False
    pieces: list[str] = []
    position = 0
    for match in _twice_run().finditer(text):
        fixed = _undo_run(match[0])
        if fixed == match[0]:
            continue
        beyond = [char for char in fixed if char > "\u00ff" and char not in match[0]]
        if any(_vietnamese_beyond_latin1().fullmatch(char) is None for char in beyond):
            return text  # not Vietnamese: "KHÍ”" stays as written
        changed = changed or bool(beyond)
        pieces += (text[position : match.start()], fixed)
        position = match.end()
    if not changed:
        return text  # Latin-1 alone proves nothing: "NGÃ”" may be meant
    pieces.append(text[position:])
    return "".join(pieces)


def clean_text(text: str | None) -> str:
    """Normalise one piece of page text for the model (see the module doc)."""
    if not text:
        return ""
    if text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " ":
        # Fast path, same result: printable means no control, format (zero-width,
        # bidi, soft hyphen) or separator character but the ASCII space, so nothing
        # to strip and no whitespace to collapse — and NFC never creates whitespace.
        if text.isascii():
            return text
        return _cap_marks(unicodedata.normalize("NFC", undo_double_utf8(text)))
    if not text.isascii():
        text = undo_double_utf8(text)  # before controls go: 0x81–0x9F bytes are C1 here
    if _SUSPICIOUS.search(text):
        text = _zero_width().sub("", strip_hostile(text))
    if not text.isascii():
        text = _cap_marks(unicodedata.normalize("NFC", text))
    # str.split() splits on exactly the characters \s matches (str.isspace), ~4x faster
    return " ".join(text.split())


def safe_terminal_text(text: str) -> str:
    """Strip hostile characters but keep line structure (for multi-line text)."""
    text = _zero_width().sub("", strip_hostile(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = _cap_marks(unicodedata.normalize("NFC", text))
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
