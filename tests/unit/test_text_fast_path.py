"""clean_text's fast path (printable text with single spaces) gives exactly what the
full normalisation gives, for every code point and for random mixes."""

from __future__ import annotations

import random
import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from phuly_tui.text import (
    _SUSPICIOUS,
    _cap_marks,
    _zero_width,
    clean_text,
    strip_hostile,
    undo_double_utf8,
)


def reference_clean_text(text: str | None) -> str:
    """clean_text without the fast path: twice-encoded runs read back, strip, NFC (marks
    capped), collapse whitespace."""
    if not text:
        return ""
    text = undo_double_utf8(text)
    if _SUSPICIOUS.search(text):
        text = _zero_width().sub("", strip_hostile(text))
    if not text.isascii():
        text = _cap_marks(unicodedata.normalize("NFC", text))
    return " ".join(text.split())


def test_every_code_point_alone_and_between_letters() -> None:
    # the whole BMP, and every 7th code point above it (mostly unassigned)
    for code in [*range(0x10000), *range(0x10000, sys.maxunicode + 1, 7)]:
        char = chr(code)
        for text in (char, f"a{char}b", f"a {char}\u0301"):
            assert clean_text(text) == reference_clean_text(text), hex(code)


def test_random_mixes_of_tricky_characters() -> None:
    alphabet = "aĐđ ́̀\u00a0\u2000\u2002\u200b\u200e\u202e\u00ad\x1b[\t\n\r\x85\u3000…ừỮ"
    rng = random.Random(5)
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        assert clean_text(text) == reference_clean_text(text), ascii(text)


@settings(max_examples=500)
@given(st.text())
def test_arbitrary_text(text: str) -> None:
    assert clean_text(text) == reference_clean_text(text)
