"""find_spans: diacritic-insensitive find-in-article with offsets into the original text."""

from __future__ import annotations

import unicodedata

import pytest

from phuly_tui.render.find import find_spans, graphemes

TITLE = "Ban chỉ đạo 35 TP Phủ Lý sơ kết công tác"


def matched(text: str, query: str) -> list[str]:
    return [text[start:end] for start, end in find_spans(text, query)]


def test_plain_query_finds_accented_phrase() -> None:
    assert matched(TITLE, "phu ly") == ["Phủ Lý"]
    assert matched(TITLE, "PHU LY") == ["Phủ Lý"]


def test_plain_d_matches_d_with_stroke_and_every_tone() -> None:
    text = "Đảng bộ đang triển khai nhiều dạng hoạt động; Dang dở."
    assert matched(text, "dang") == ["Đảng", "đang", "dạng", "Dang"]


def test_accented_word_matches_only_its_own_form_ignoring_case() -> None:
    text = "Đảng bộ đang triển khai; ĐẢNG viên; đảng."
    assert matched(text, "Đảng") == ["Đảng", "ĐẢNG", "đảng"]
    assert matched(text, "đang") == ["đang"]


def test_each_query_word_keeps_its_own_mode() -> None:
    text = "Phủ Lý, Phủ Ly và Phu Lý"
    # "Phủ" must match exactly; "ly" matches any accented form
    assert matched(text, "Phủ ly") == ["Phủ Lý", "Phủ Ly"]


def test_spans_are_offsets_into_decomposed_text() -> None:
    text = unicodedata.normalize("NFD", TITLE)
    assert len(text) > len(TITLE)
    spans = find_spans(text, "phu ly")
    assert len(spans) == 1
    start, end = spans[0]
    # the span covers the combining marks too, so the highlight is whole letters
    assert unicodedata.normalize("NFC", text[start:end]) == "Phủ Lý"
    assert matched(text, "Phủ Lý") == [text[start:end]]


def test_spans_count_characters_of_the_original_text() -> None:
    text = "Tỉnh Hà Nam — TP. Phủ Lý"
    start, end = find_spans(text, "phu ly")[0]
    assert (start, end) == (text.index("Phủ"), len(text))


def test_matches_do_not_overlap_and_run_left_to_right() -> None:
    assert find_spans("aaaa", "aa") == [(0, 2), (2, 4)]


def test_query_whitespace_is_collapsed_and_matches_any_space() -> None:
    text = "Phủ\u00a0Lý"
    assert matched(text, "  phu    ly ") == [text]


@pytest.mark.parametrize("query", ["", "   ", "\t"])
def test_blank_query_finds_nothing(query: str) -> None:
    assert find_spans(TITLE, query) == []


def test_no_match_and_query_longer_than_text() -> None:
    assert find_spans("Phủ Lý", "ha nam") == []
    assert find_spans("Lý", "phu ly") == []
    assert find_spans("", "ly") == []


def test_graphemes_group_combining_marks() -> None:
    text = "a\u0301b"
    assert graphemes(text) == [(0, 2), (2, 3)]
