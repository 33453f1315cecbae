"""Hand-written fast paths in the parser give what the regular expressions they
replace give."""

from __future__ import annotations

import random
import re
import sys
import unicodedata

from phuly_tui.parse.folding import ascii_fold, fast_fold
from phuly_tui.parse.links import _NEEDS_RESOLVER, _needs_resolver
from phuly_tui.parse.meaning import (
    ATTACHMENT_LABELS,
    FEATURED_LABELS,
    OTHER_LABELS,
    RELATED_LABELS,
    _strip_non_word_edges,
    mentions_label,
)
from phuly_tui.text import fold

EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


def test_label_edges_strip_like_the_pattern_for_every_bmp_character() -> None:
    for code in range(0x10000):
        char = chr(code)
        if char == "\n":
            continue  # label keys are cleaned text: never a newline
        for text in (char, f"{char}ab", f"ab{char}", f"{char}a{char}b{char}{char}"):
            assert _strip_non_word_edges(text) == EDGE_PUNCT.sub("", text), hex(code)


def test_label_edges_strip_like_the_pattern_on_random_labels() -> None:
    alphabet = "ab _-»:.,()[]\u00a0\u0301đ1²½"
    rng = random.Random(3)
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert _strip_non_word_edges(text) == EDGE_PUNCT.sub("", text), ascii(text)


def test_ascii_fold_equals_lower_case_first_for_every_code_point() -> None:
    def lower_first(text: str) -> str:
        text = text.lower().replace("đ", "d").replace("ð", "d")
        return unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode("ascii")

    for code in range(sys.maxunicode + 1):
        assert ascii_fold(chr(code)) == lower_first(chr(code)), hex(code)
    text = "Tải VỀ đính KÈM Đ İ K Å ΣΑΣ"
    assert ascii_fold(text) == lower_first(text)


def test_fast_fold_covers_every_character_that_decomposes_to_ascii() -> None:
    # the table lists a few Unicode blocks instead of scanning all below U+2000 at
    # import (above it, ≠ → = and the like are not letters: never folded)
    for code in range(0x2000):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii():
            assert fast_fold(char) == base.lower(), hex(code)
    for char in "đĐàẢẵỆịỎớỰỳ":
        assert fast_fold(char) == fold(char)


def test_root_relative_links_need_the_resolver_exactly_when_the_pattern_says() -> None:
    alphabet = [
        "/",
        ".",
        "#",
        "\\",
        "?",
        " ",
        "a",
        "\n",
        "\t",
        "\x7f",
        "é",
        "\u202e",
        "%",
        "~",
        "!",
    ]
    rng = random.Random(11)
    for _ in range(50_000):
        href = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
        assert _needs_resolver(href) == (_NEEDS_RESOLVER.search(href) is not None), ascii(href)
    for code in range(0x3000):
        for href in (f"/a{chr(code)}", f"/{chr(code)}", f"/a{chr(code)}?"):
            assert _needs_resolver(href) == (_NEEDS_RESOLVER.search(href) is not None), hex(code)


def test_label_prefilter_answers_like_collapsing_and_testing_every_label() -> None:
    label_sets = [
        ATTACHMENT_LABELS, RELATED_LABELS, OTHER_LABELS, FEATURED_LABELS,
        frozenset({"tin", ""}), frozenset(), frozenset({" tin"}), frozenset({"tin khac", "khac"}),
    ]  # fmt: skip
    pieces = ["tải về", "đính kèm", "tài liệu", "download", "file", "tin", "bài", "viết",
              "liên quan", "khác", "cũ hơn", "nổi bật", " ", "\n", "\xa0", "TẢI", "a"]  # fmt: skip
    rng = random.Random(2)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        collapsed = " ".join(ascii_fold(text).split())
        for labels in label_sets:
            expected = any(label in collapsed for label in labels)
            assert mentions_label(text, labels) == expected, (ascii(text), sorted(labels))
