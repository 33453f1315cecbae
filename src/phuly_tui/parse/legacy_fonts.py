"""Text typed in the Vietnamese legacy font encodings, TCVN3 (ABC) and VNI, read as Unicode.

Before Unicode, Vietnamese offices typed with fonts that draw Vietnamese
letters in the places of Latin-1 ones: TCVN3 (ABC, fonts ``.VnTime``,
``.VnArial``…; ``¾`` is drawn as ``ắ``, so "Thắng" is stored as ``Th¾ng``) and
VNI (fonts ``VNI-Times``, ``VNI-Helve``…; a letter and a mark drawn together,
"Việt" is stored as ``Vieät``).  Pasted into a web page, such text keeps its
``<font face=".VnTime">`` (or ``style="font-family: VNI-Times"``) and shows
right only where the font is installed; anywhere else it is garbage.

The font names the encoding, so the text under an element whose face is a
TCVN3 or VNI font is converted — and only that text: the nearest element that
names a font decides (a ``<span>`` in Times New Roman inside a ``.VnTime``
paragraph is Unicode).  TCVN3 has no capitals of its accented letters; its
capital fonts (``.VnTimeH``, names ending in "H") draw the small ones as
capitals, so their text is upper-cased.  Text in other fonts is never touched:
a page written in Unicode that merely mentions ".VnTime" loses nothing.
"""

from __future__ import annotations

import re
from typing import Final

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..text import CP1252_SPECIALS

__all__ = [
    "LEGACY_FONT_BYTES",
    "convert_legacy_fonts",
    "tcvn3_capitals_meant",
    "tcvn3_to_unicode",
    "vni_to_unicode",
]

#: TCVN3 (ABC) code points as Latin-1 characters → the letters they are drawn as
_TCVN3: Final = dict(
    zip(
        "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ¡¢§£¤¥¦",
        "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ",
        strict=True,
    )
)
_TCVN3_TABLE: Final = str.maketrans(_TCVN3)


def _vni_pairs() -> dict[str, str]:
    """VNI spellings → letters: a vowel, then the byte of its mark (tone last)."""
    tones = ("", "ù", "ø", "û", "õ", "ï")  # none, sắc, huyền, hỏi, ngã, nặng
    hat_tones = ("â", "á", "à", "å", "ã", "ä")  # â ê ô, and their tones
    breve_tones = ("ê", "é", "è", "ú", "ü", "ë")  # ă and its tones
    rows: list[tuple[str, tuple[str, ...], str]] = [
        ("a", tones, "aáàảãạ"),
        ("a", hat_tones, "âấầẩẫậ"),
        ("a", breve_tones, "ăắằẳẵặ"),
        ("e", tones, "eéèẻẽẹ"),
        ("e", hat_tones, "êếềểễệ"),
        ("o", tones, "oóòỏõọ"),
        ("o", hat_tones, "ôốồổỗộ"),
        ("ô", tones, "ơớờởỡợ"),
        ("u", tones, "uúùủũụ"),
        ("ö", tones, "ưứừửữự"),
        ("y", tones[:5], "yýỳỷỹ"),
    ]
    pairs: dict[str, str] = {}
    for base, marks, letters in rows:
        for mark, letter in zip(marks, letters, strict=True):
            if mark or base in "ôö":
                pairs[base + mark] = letter
                pairs[(base + mark).upper()] = letter.upper()
    for spelled, letter in zip("íìæóòîñ", "íìỉĩịỵđ", strict=True):
        pairs[spelled] = letter
        pairs[spelled.upper()] = letter.upper()
    return pairs


_VNI: Final = _vni_pairs()
_VNI_SPELLING: Final = re.compile("|".join(sorted(map(re.escape, _VNI), key=len, reverse=True)))


def tcvn3_to_unicode(text: str) -> str:
    """``Th¾ng`` → ``Thắng``."""
    return text.translate(_TCVN3_TABLE)


#: a word: a run of characters other than white space
_WORD: Final = re.compile(r"\S+")


def _typed_in_capitals(text: str) -> bool:
    """True when the Latin letters of ``text`` are capitals, two or more of them."""
    letters = [char for char in text if char.isascii() and char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def tcvn3_capitals_meant(text: str) -> str:
    """TCVN3 ``text`` converted, with the capitals its writer meant.

    A TCVN3 font other than a capital one (``.VnTimeH``) has no capital letter
    with a tone mark, so a heading typed in capitals in ``.VnTime`` is drawn
    with its toned letters small: ``THµNH PHè`` shows as "THàNH PHố".  Where
    the Latin letters are all capitals (two or more), they were meant: the run
    is upper-cased when all of it is so, else each word that is ("Tin: THµNH
    PHè" → "Tin: THÀNH PHỐ"); "Bé", "Lý" (one capital) stay as written.
    """
    converted = tcvn3_to_unicode(text)
    if _typed_in_capitals(text):
        return converted.upper()
    return _WORD.sub(
        lambda word: word.group().upper() if _typed_in_capitals(word.group()) else word.group(),
        converted,
    )


def vni_to_unicode(text: str) -> str:
    """``Vieät Nam`` → ``Việt Nam``."""
    return _VNI_SPELLING.sub(lambda match: _VNI[match[0]], text)


#: a font face or font-family naming a TCVN3 (".VnTime") or VNI ("VNI-Times") font
_FONT_FAMILY: Final = re.compile(r"font(?:-family)?\s*:([^;]*)", re.IGNORECASE)
_CANDIDATES: Final = '[face*="vn" i],[style*="vn" i]'
#: a font face or font-family in a page's bytes that names a TCVN3 or VNI font
LEGACY_FONT_BYTES: Final = re.compile(
    rb"""(?:face\s*=\s*["']?|font-family\s*:\s*(?:&quot;|["'])?)\s*(?:\.vn|vni-)""",
    re.IGNORECASE,
)


def _font_of(node: LexborNode) -> str | None:
    """The first font ``node`` names (``face`` or the style's font-family), or None."""
    face = node.attributes.get("face") if node.tag == "font" else None
    if face:
        return face.split(",")[0].strip(" \"'")
    style = node.attributes.get("style")
    found = _FONT_FAMILY.search(style) if style else None
    if found is None:
        return None
    family = found[1].split(",")[0].strip(" \"'")
    return family or None


def _converter(font: str) -> tuple[str, bool] | None:
    """("tcvn3" | "vni", capitals) for a legacy font's name, else None."""
    name = font.lower()
    if name.startswith(".vn"):
        return "tcvn3", name.endswith("h")
    if name.startswith("vni"):
        return "vni", False
    return None


#: characters beyond Latin-1 that windows-1252 puts in 0x80–0x9F (punctuation, €, ™…)
_CP1252_EXTRAS: Final = frozenset(CP1252_SPECIALS)


def _is_unicode_text(texts: list[str]) -> bool:
    """Text already in Unicode under a legacy font's name (an editor kept the font of a
    document retyped in Unicode): it holds letters beyond Latin-1 (ư, ơ, đ, ạ…), which
    no text typed in TCVN3 or VNI can hold."""
    return any(char > "\u00ff" and char not in _CP1252_EXTRAS for text in texts for char in text)


def convert_legacy_fonts(doc: LexborHTMLParser) -> int:
    """Convert, in place, the text of ``doc`` whose nearest font is TCVN3 or VNI;
    returns how many text nodes changed."""
    root = doc.root
    if root is None:
        return 0
    changed = 0
    for element in root.css(_CANDIDATES):
        font = _font_of(element)
        kind = _converter(font) if font else None
        if kind is None:
            continue
        nodes = [
            node
            for node in element.traverse(include_text=True)
            if node.tag == "-text" and _font_holder(node) == element.mem_id
        ]
        texts = [node.text_content or "" for node in nodes]
        if _is_unicode_text(texts):
            continue
        # VNI has every capital; TCVN3's ordinary fonts have no toned ones (see
        # tcvn3_capitals_meant)
        convert = tcvn3_capitals_meant if kind[0] == "tcvn3" else vni_to_unicode
        for node, raw in zip(nodes, texts, strict=True):
            if raw.isascii():
                continue
            value = convert(raw).upper() if kind[1] else convert(raw)
            if value != raw:
                node.replace_with(value)
                changed += 1
    return changed


def _font_holder(node: LexborNode) -> int | None:
    """``mem_id`` of the nearest element above ``node`` that names a font."""
    current = node.parent
    while current is not None:
        if _font_of(current) is not None:
            return current.mem_id
        current = current.parent
    return None
