"""The article list's word wrap: lines fit, words stay whole, and it is greedy."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from phuly_tui.render.wrapping import line_starts

WORDS = st.lists(
    st.sampled_from(["Phủ", "Lý", "đẩy", "nhanh", "28/11/2024", "•", "Đảng", "x" * 30, "中文"]),
    min_size=1,
    max_size=30,
)


def lines_of(text: str, width: int) -> list[str]:
    starts = line_starts(text, width)
    return [text[a:b].rstrip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


@given(words=WORDS, width=st.integers(min_value=4, max_value=60))
def test_lines_fit_keep_words_whole_and_fill_greedily(words: list[str], width: int) -> None:
    text = "  ".join(words[:2]) + (" " + " ".join(words[2:]) if len(words) > 2 else "")
    lines = lines_of(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(text.split()) == "".join("".join(lines).split())  # nothing lost
    starts = line_starts(text, width)
    for a, b, following in zip(starts, starts[1:], lines[1:], strict=False):
        first_word = following.split()[0]
        if first_word in words:  # a whole word (not a piece of one cut at the width)
            piece = text[a:b]
            gap = len(piece) - len(piece.rstrip())
            # greedy: it went to the next line because it did not fit on this one
            assert cell_len(piece.rstrip()) + gap + cell_len(first_word) > width


def test_examples() -> None:
    assert line_starts("", 10) == [0]
    assert line_starts("Phủ Lý", 10) == [0]
    assert lines_of("Thành phố Phủ Lý đẩy nhanh  28/11/2024", 16) == [
        "Thành phố Phủ Lý",
        "đẩy nhanh",
        "28/11/2024",
    ]
    assert lines_of("abcdefghij", 4) == ["abcd", "efgh", "ij"]  # a word wider than the line
    assert lines_of("中文中文", 5) == ["中文", "中文"]  # two cells each
