"""Text hygiene (phuly_tui.text) and URL rules (phuly_tui.urls)."""

from __future__ import annotations

import unicodedata

import pytest

from phuly_tui.text import clean_text, fold, has_diacritics, safe_terminal_text, strip_hostile
from phuly_tui.urls import (
    is_http_url,
    is_same_site,
    origin_of,
    reduce_same_site,
    reduce_urls,
    resolve,
)

PAGE = "http://127.0.0.1:8000/Pages/bai-viet.aspx"

# -- clean_text -------------------------------------------------------------------


def test_nfd_becomes_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Thành phố Phủ Lý")
    assert decomposed != "Thành phố Phủ Lý"
    assert clean_text(decomposed) == "Thành phố Phủ Lý"


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
        "\x00\x07\x08\x7f\x85",
        "\u202e\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u200e\u200f\u061c",
    ],
)
def test_hostile_sequences_stripped(hostile: str) -> None:
    assert clean_text(f"an{hostile}toàn") == "antoàn"
    assert strip_hostile(f"a{hostile}b\n") == "ab\n"


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
