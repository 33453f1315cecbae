"""Text hygiene (phuly_tui.text) and URL rules (phuly_tui.urls)."""

from __future__ import annotations

import unicodedata

import pytest

from phuly_tui.text import (
    CP1252_SPECIALS,
    clean_text,
    fold,
    has_diacritics,
    safe_terminal_text,
    strip_hostile,
)
from phuly_tui.urls import (
    is_http_url,
    is_same_site,
    origin_of,
    reduce_same_site,
    reduce_urls,
    resolve,
)
from tests.support.charset_pages import read_as_windows_1252

PAGE = "http://127.0.0.1:8000/Pages/bai-viet.aspx"

# -- clean_text -------------------------------------------------------------------


def test_nfd_becomes_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Thành phố Phủ Lý")
    assert decomposed != "Thành phố Phủ Lý"
    assert clean_text(decomposed) == "Thành phố Phủ Lý"


@pytest.mark.parametrize(
    "meant",
    [
        "Phủ Lý tổ chức Hội nghị đối thoại với doanh nghiệp",
        "Đảng ủy thường kỳ tháng 12: ờ ợ ữ ự Ư Ơ Ă",  # C1 bytes (0x9D, 0x90) among them
        "Thành phố",  # "à" is C3 A0: its second byte a no-break space
        unicodedata.normalize("NFD", "Phủ Lý"),  # tone marks as combining characters
    ],
)
def test_twice_encoded_vietnamese_is_read_back(meant: str) -> None:
    twice = read_as_windows_1252(meant)
    assert twice != meant
    assert clean_text(twice) == unicodedata.normalize("NFC", meant)


@pytest.mark.parametrize(
    "written",
    [
        "VŨ KHÍ” MỚI",  # Í then ” are valid UTF-8 (U+0354): not Vietnamese, kept
        "NGÃ” BA",  # gives only Ô, a Latin-1 letter: no proof
        "Giá «không tăng» năm 2025, 45.000 đồng/m²·năm — ©2024 Hà Nội",
        "Café Phủ Lý",
    ],
)
def test_text_that_only_looks_twice_encoded_is_kept(written: str) -> None:
    assert clean_text(written) == written


def test_twice_encoded_and_right_text_in_one_string() -> None:
    twice = read_as_windows_1252("Phủ Lý")
    assert clean_text(f"{twice} và Phủ Lý") == "Phủ Lý và Phủ Lý"


def test_whitespace_and_nbsp_collapse() -> None:
    assert clean_text("  a\u00a0\u00a0b\n\t c \u3000 d\u2003 ") == "a b c d"


@pytest.mark.parametrize("zw", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_zero_width_removed(zw: str) -> None:
    assert clean_text(f"Tin,{zw} ảnh{zw}:") == "Tin, ảnh:"


@pytest.mark.parametrize(
    "hostile",
    [
        "\x1b[31m",
        "\x1b[2J\x1b[H",
        "\x1b]52;c;ZXZpbA==\x07",
        "\x1b]8;;https://evil.example/\x1b\\",
        "\x9b31m",
        "\x9d0;title\x9c",
        "\x01\x07\x08\x7f\x9f",
        "\u202e\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u200e\u200f\u061c",
    ],
)
def test_hostile_sequences_stripped(hostile: str) -> None:
    assert clean_text(f"an{hostile}toàn") == "antoàn"
    assert strip_hostile(f"a{hostile}b\n") == "ab\n"


def test_zwj_inside_emoji_sequences_is_kept() -> None:
    """Issue 9 item 15: 👨‍👩‍👧‍👦 stays one family; a joiner elsewhere still goes."""
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
    heart_on_fire = "\u2764\ufe0f\u200d\U0001f525"
    assert clean_text(f"Gia đình {family} vui") == f"Gia đình {family} vui"
    assert clean_text(heart_on_fire) == heart_on_fire
    assert safe_terminal_text(f"{family}\nx") == f"{family}\nx"
    assert (
        clean_text("Ph\u200dủ \U0001f44d\u200d Lý\u200d\U0001f525") == "Phủ \U0001f44d Lý\U0001f525"
    )


@pytest.mark.parametrize("separator", ["\x00", "\x0b", "\x0c", "\x1f", "\x85"])
def test_separating_controls_become_a_space(separator: str) -> None:
    """Issue 9 item 15: a NUL between words must not glue them together."""
    assert clean_text(f"Phủ{separator}Lý") == "Phủ Lý"
    assert strip_hostile(f"a{separator}b\n") == "a b\n"
    assert safe_terminal_text(f"a{separator}b\nc") == "a b\nc"


def test_combining_marks_capped_per_base_character() -> None:
    """Issue 9 item 15: "Zalgo" stacks lose their excess; Vietnamese keeps every mark."""
    zalgo = "Z" + "\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308" * 3 + "a"
    cleaned = clean_text(zalgo)
    assert unicodedata.normalize("NFD", cleaned) == "Z\u0300\u0301\u0302\u0303a"
    # marks NFC folds into the letter count too: é + 6 loose marks keeps 4 marks in all
    cleaned = clean_text("e\u0301\u0302\u0303\u0304\u0305\u0306\u0307")
    assert len(unicodedata.normalize("NFD", cleaned)) == 1 + 4
    vietnamese = "Việt Nam, Nghị quyết, Đảng bộ, hoà thuỷ, ỗ ặ ữ ỵ"
    assert clean_text(unicodedata.normalize("NFD", vietnamese)) == vietnamese
    assert clean_text(vietnamese) == vietnamese
    assert safe_terminal_text(zalgo) == clean_text(zalgo)


def test_unterminated_escape_keeps_the_rest_of_the_text() -> None:
    assert clean_text("đầu\x1b]52;phần còn lại") == "đầuphần còn lại"


def test_empty_and_none() -> None:
    assert clean_text(None) == ""
    assert clean_text("   \u200b ") == ""


def test_safe_terminal_text_keeps_lines() -> None:
    assert safe_terminal_text("Dòng  một\r\nDòng\x1b[1m hai\rba\u202e") == "Dòng một\nDòng hai\nba"


def test_fold_handles_d_stroke_and_case() -> None:
    assert fold("Đảng bộ PHỦ LÝ") == "dang bo phu ly"
    assert fold(unicodedata.normalize("NFD", "Việt Nam")) == "viet nam"
    assert has_diacritics("Lý")
    assert has_diacritics("đi")
    assert not has_diacritics("Ly")


# -- urls -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/Pages/a.aspx", "http://127.0.0.1:8000/Pages/a.aspx"),
        ("a.aspx?Page=2", "http://127.0.0.1:8000/Pages/a.aspx?Page=2"),
        ("../Documents/b.pdf", "http://127.0.0.1:8000/Documents/b.pdf"),
        ("  /x.aspx#phan-2  ", "http://127.0.0.1:8000/x.aspx"),
        ("https://phuly.hanam.gov.vn/Pages/c.aspx", "http://127.0.0.1:8000/Pages/c.aspx"),
        ("HTTPS://WWW.PHULY.HANAM.GOV.VN/d.aspx?ID=1", "http://127.0.0.1:8000/d.aspx?ID=1"),
        ("//phuly.hanam.gov.vn/e.aspx", "http://127.0.0.1:8000/e.aspx"),
        ("https://chinhphu.vn/f", "https://chinhphu.vn/f"),
        ("mailto:a@b.vn", "mailto:a@b.vn"),
    ],
)
def test_resolve(href: str, expected: str) -> None:
    assert resolve(href, PAGE) == expected


@pytest.mark.parametrize(
    "href",
    [
        None,
        "",
        "#top",
        "javascript:void(0)",
        " JavaScript:x",
        "java\tscript:x",
        "java\nscript:x",
        "data:text/html,x",
    ],
)
def test_resolve_non_links(href: str | None) -> None:
    assert resolve(href, PAGE) is None


def test_resolve_on_the_canonical_origin_itself() -> None:
    page = "https://phuly.hanam.gov.vn/Pages/x.aspx"
    assert resolve("https://phuly.hanam.gov.vn/a", page) == "https://phuly.hanam.gov.vn/a"
    assert resolve("/b", page) == "https://phuly.hanam.gov.vn/b"


def test_same_site_and_reduction() -> None:
    assert is_same_site("http://127.0.0.1:8000/x", PAGE)
    assert is_same_site("https://phuly.hanam.gov.vn/x", PAGE)
    assert not is_same_site("https://chinhphu.vn/x", PAGE)
    assert not is_same_site("mailto:x@y", PAGE)
    assert reduce_same_site("http://127.0.0.1:8000/a.aspx?Page=2", PAGE) == "/a.aspx?Page=2"
    assert reduce_same_site("https://phuly.hanam.gov.vn/", PAGE) == "/"
    assert reduce_same_site("https://chinhphu.vn/x", PAGE) == "https://chinhphu.vn/x"


def test_reduce_urls_only_touches_url_keys() -> None:
    data = {
        "url": "http://127.0.0.1:8000/a",
        "title": "http://127.0.0.1:8000/not-a-url-key",
        "items": [{"thumbnail": "http://127.0.0.1:8000/t.jpg", "next": None}],
        "blocks": [
            {
                "src": "https://phuly.hanam.gov.vn/i.jpg",
                "links": [{"url": "http://127.0.0.1:8000/l"}],
            }
        ],
    }
    assert reduce_urls(data, PAGE) == {
        "url": "/a",
        "title": "http://127.0.0.1:8000/not-a-url-key",
        "items": [{"thumbnail": "/t.jpg", "next": None}],
        "blocks": [{"src": "/i.jpg", "links": [{"url": "/l"}]}],
    }


def test_origin_and_scheme_checks() -> None:
    assert origin_of("HTTP://Example.VN:80/x") == "http://example.vn"
    assert origin_of("https://example.vn:8443/") == "https://example.vn:8443"
    assert origin_of("/relative") == ""
    assert origin_of("http://[::1]:99999/") == ""
    assert is_http_url("https://a.vn/x")
    assert not is_http_url("ftp://a.vn/x")
    assert not is_http_url("/x")


def test_the_written_out_cp1252_characters_are_the_codecs() -> None:
    """``CP1252_SPECIALS`` is written out to keep its building off every start; it
    must stay what windows-1252 decodes bytes 0x80–0x9F to."""
    from_codec = {bytes([b]).decode("cp1252", "ignore") for b in range(0x80, 0xA0)} - {""}
    assert set(CP1252_SPECIALS) == from_codec
    assert len(CP1252_SPECIALS) == len(from_codec)
