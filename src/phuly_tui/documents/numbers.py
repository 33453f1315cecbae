"""Document numbers and symbols (*số, ký hiệu*) as Decree 30/2020/NĐ-CP writes them.

Forms a reader meets on the portal::

    18/KH-UBND          number / type-issuer                (a Kế hoạch of the UBND)
    2145/UBND-KT        number / issuer-unit                (a công văn: no type code)
    07/2024/NQ-HĐND     number / year / type-issuer         (legal normative documents)
    714-TB/TU           number-type / issuer                (the Party's form)
    05/2024/TT-BNNPTNT  a ministry's circular

ASCII spellings (``HDND``, ``CD``, ``ND-CP``) are the same symbol: every
comparison goes through :attr:`DocumentNumber.key`, which folds diacritics
(``Đ`` → ``D``), case and leading zeros.  :func:`find_numbers` finds numbers in
running text; :func:`parse_number` reads one typed by a person;
:func:`number_query` recognises a search that is a number in any usual
spelling (``18 KH UBND``, ``kh-ubnd 18``, ``KH 18``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from ..text import fold
from ..values import Value

__all__ = [
    "DOCUMENT_TYPES",
    "DocumentNumber",
    "NumberQuery",
    "doc_type_of",
    "find_numbers",
    "number_query",
    "parse_number",
    "type_code_for",
]

#: The decree's table of abbreviations (Appendix III), the law's own forms
#: (Nghị định, Thông tư…) and the Party's (Hướng dẫn 36-HD/VPTW): code → full name.
DOCUMENT_TYPES: Final[dict[str, str]] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "PL": "Pháp lệnh",
    "KL": "Kết luận",
    "CV": "Công văn",
}
#: the type of a number whose symbol starts with an issuer, not a type code
CONG_VAN: Final = "Công văn"

_LETTERS: Final = "A-Za-zĐđƠơƯưÂâÊêÔôĂă"
# one part of a symbol: starts upper-case, letters and digits (UBND, TTg, QyĐ, CCCNTY, VP1)
_PART: Final = rf"[A-ZĐ][{_LETTERS}0-9&]*"
_STANDARD: Final = re.compile(
    rf"(?<![\w/.-])(?P<num>[0-9]{{1,5}})(?:/(?P<year>(?:19|20)[0-9][0-9]))?/(?P<symbol>{_PART}(?:-{_PART})+)"
    rf"(?![\w-]*[{_LETTERS}0-9])(?!-\w)"
)
_PARTY: Final = re.compile(
    rf"(?<![\w/.-])(?P<num>[0-9]{{1,5}})-(?P<type>{_PART})/(?P<issuer>{_PART}(?:-{_PART})*)"
    rf"(?![\w-]*[{_LETTERS}0-9])(?!-\w)"
)
#: a number printed after "Số:" may have a one-part symbol (rare: ``12/BC``)
_AFTER_SO: Final = re.compile(
    rf"(?:^|(?<=\s))Số\s*:?\s*(?P<num>[0-9]{{1,5}})(?:/(?P<year>(?:19|20)[0-9][0-9]))?/(?P<symbol>{_PART}(?:-{_PART})*)"
)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _key_part(part: str) -> str:
    return fold(part).upper()


_FOLDED_TYPES: Final[dict[str, list[str]]] = {}
for _code in DOCUMENT_TYPES:
    _FOLDED_TYPES.setdefault(_key_part(_code), []).append(_code)


def type_code_for(part: str) -> str | None:
    """The table's code for one symbol part: ``"KH"``, ``"CĐ"`` for ``"CD"``, or None.

    An exact spelling wins (``HĐ`` Hợp đồng, ``HD`` Hướng dẫn); an ASCII or
    differently cased one falls back to the folded form, preferring the code
    spelled the same way in ASCII (``HD`` → Hướng dẫn, not Hợp đồng).
    """
    if part in DOCUMENT_TYPES:
        return part
    for code in DOCUMENT_TYPES:
        if code.upper() == part.upper():
            return code
    candidates = _FOLDED_TYPES.get(_key_part(part), [])
    if not candidates:
        return None
    ascii_first = sorted(candidates, key=lambda c: (not c.isascii(), c))
    return ascii_first[0]


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class DocumentNumber(Value):
    """One *số, ký hiệu*, as printed (NFC) and as a comparison key.

    Attributes:
        number: the serial as printed (``"05"``).
        year: the year of a legal normative document's number, or None.
        symbol: the part after the number (``"KH-UBND"``; the Party's form
            keeps its type and issuer: ``"TB/TU"``).
        party: written in the Party's form ``714-TB/TU``.
    """

    number: str
    year: str | None
    symbol: str
    party: bool = False

    @property
    def text(self) -> str:
        """The number as printed: ``18/KH-UBND``, ``07/2024/NQ-HĐND``, ``714-TB/TU``."""
        if self.party:
            return f"{self.number}-{self.symbol}"
        year = f"{self.year}/" if self.year else ""
        return f"{self.number}/{year}{self.symbol}"

    @property
    def key(self) -> str:
        """Spelling-independent key: no diacritics, upper case, no leading zeros."""
        serial = str(int(self.number))
        symbol = "-".join(_key_part(p) for p in re.split(r"-", self.symbol))
        if self.party:
            return f"{serial}-{symbol}"
        year = f"{self.year}/" if self.year else ""
        return f"{serial}/{year}{symbol}"

    @property
    def parts(self) -> tuple[str, ...]:
        """The symbol's parts, folded: ``("KH", "UBND")``; the Party's ``("TB", "TU")``."""
        return tuple(_key_part(p) for p in re.split(r"[-/]", self.symbol) if p)

    @property
    def type_code(self) -> str | None:
        """The decree's code of the type (``"KH"``); None for a công văn."""
        first = re.split(r"[-/]", self.symbol)[0]
        code = type_code_for(first)
        if code == "CV":
            return None
        return code

    @property
    def doc_type(self) -> str:
        """The full name of the type: ``Kế hoạch``; ``Công văn`` when the symbol has none."""
        code = self.type_code
        return DOCUMENT_TYPES[code] if code else CONG_VAN


def doc_type_of(number: DocumentNumber | None) -> tuple[str | None, str | None]:
    """``(doc_type, doc_type_code)`` of a number (both None without one)."""
    if number is None:
        return None, None
    return number.doc_type, number.type_code


def _from_match(match: re.Match[str], *, party: bool) -> DocumentNumber:
    if party:
        return DocumentNumber(
            match["num"], None, _nfc(f"{match['type']}/{match['issuer']}"), party=True
        )
    return DocumentNumber(match["num"], match["year"], _nfc(match["symbol"]))


def find_numbers(text: str) -> Iterator[tuple[int, DocumentNumber]]:
    """``(offset, number)`` of every document number in ``text``, in text order."""
    text = _nfc(text)
    found: list[tuple[int, DocumentNumber]] = []
    for match in _STANDARD.finditer(text):
        found.append((match.start(), _from_match(match, party=False)))
    for match in _PARTY.finditer(text):
        found.append((match.start(), _from_match(match, party=True)))
    found.sort(key=lambda item: item[0])
    yield from found


def number_after_so(text: str) -> DocumentNumber | None:
    """The number printed after ``Số:`` in a header line, or None."""
    text = _nfc(text)
    match = _AFTER_SO.search(text)
    if match is not None:
        return _from_match(match, party=False)
    party = re.search(r"(?:^|(?<=\s))Số\s*:?\s*", text)
    if party is not None:
        found = _PARTY.match(text, party.end())
        if found is not None:
            return _from_match(found, party=True)
    return None


def parse_number(text: str) -> DocumentNumber | None:
    """A number typed or printed on its own (``"07/2024/NQ-HDND"``), or None."""
    text = _nfc(text.strip())
    for pattern, party in ((_STANDARD, False), (_PARTY, True)):
        match = pattern.fullmatch(text)
        if match is not None:
            return _from_match(match, party=party)
    return None


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # see Value
class NumberQuery(Value):
    """A search that names a document number: serial, optional year, symbol parts."""

    serial: int
    year: str | None
    parts: frozenset[str]

    def matches(self, number: DocumentNumber) -> bool:
        if int(number.number) != self.serial:
            return False
        if self.year is not None and number.year != self.year:
            return False
        return self.parts <= set(number.parts)


_QUERY_TOKEN: Final = re.compile(r"[^\W_]+")


def number_query(query: str) -> NumberQuery | None:
    """Read ``query`` as a document number when it is one, in any usual spelling.

    ``18/KH-UBND``, ``18 KH UBND``, ``kh-ubnd 18``, ``KH 18`` and
    ``07/2024/NQ-HDND`` are numbers; ``tin tuc 2024`` is not.  A query is a
    number when it holds one serial (1–5 digits), at most one year, and one
    or more symbol parts (letters, at most 10), at least one of which is a
    type code of the decree's table or an issuer part written in capitals.
    """
    tokens = _QUERY_TOKEN.findall(_nfc(query))
    if tokens and fold(tokens[0]) in ("so", "ky", "hieu"):
        tokens = tokens[1:]  # "Số 18/KH-UBND", as printed
    if not 2 <= len(tokens) <= 6:
        return None
    digits = [t for t in tokens if t.isascii() and t.isdigit()]
    letters = [t for t in tokens if t not in digits]
    if not letters or not 1 <= len(digits) <= 2:
        return None
    if any(len(t) > 10 or not t.isalpha() for t in letters):
        return None
    year: str | None = None
    if len(digits) == 2:
        years = [d for d in digits if len(d) == 4 and d[:2] in ("19", "20")]
        serials = [d for d in digits if d not in years[:1]]
        if not years or len(serials) != 1:
            return None
        year, serial = years[0], serials[0]
    else:
        serial = digits[0]
    if len(serial) > 5:
        return None
    typed_as_symbol = any(type_code_for(t) is not None for t in letters) or any(
        t.isupper() and len(t) >= 2 for t in letters
    )
    if not typed_as_symbol:
        return None
    return NumberQuery(int(serial), year, frozenset(_key_part(t) for t in letters))
