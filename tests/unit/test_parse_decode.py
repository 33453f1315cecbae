"""Bytes → text: BOM, the caller's (HTTP) charset, <meta>, UTF-8, the cp1258 heuristic."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from phuly_tui.charsets import codec_for_label
from phuly_tui.parse import decode_html, parse_article
from phuly_tui.parse.decode import detect_encoding, prepare_bytes

PAGE = "<html><head>{meta}</head><body><p>Thành phố Phủ Lý</p></body></html>"
#: "Việt Nam" in cp1258: ê + combining dot below (0xF2)
CP1258_VIET_NAM = b"Vi\xea\xf2t Nam"


def test_utf8_without_declaration() -> None:
    assert "Phủ Lý" in decode_html(PAGE.format(meta="").encode("utf-8"))


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_bom_wins_over_everything(bom: bytes, codec: str) -> None:
    html = PAGE.format(meta='<meta charset="windows-1252">')
    data = bom + html.encode(codec)
    assert detect_encoding(data, "iso-8859-1") == (codec, len(bom))
    text = decode_html(data, "iso-8859-1")
    assert "Phủ Lý" in text
    assert not text.startswith("\ufeff")


def test_caller_encoding_wins_over_meta() -> None:
    html = PAGE.format(meta='<meta charset="utf-8">').replace("Thành phố Phủ Lý", "café")
    data = html.encode("cp1252")
    assert "café" in decode_html(data, "windows-1252")
    assert detect_encoding(data, "Windows-1252")[0] == "cp1252"


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="windows-1258">',
        "<meta charset=windows-1258>",
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">',
    ],
)
def test_meta_charset_in_the_head(meta: str) -> None:
    data = PAGE.format(meta=meta).replace("Thành phố Phủ Lý", "{x}").encode("ascii")
    data = data.replace(b"{x}", CP1258_VIET_NAM)
    assert detect_encoding(data)[0] == "cp1258"
    text = decode_html(data)
    assert "Việt Nam" not in text  # cp1258 writes tone marks as combining characters…
    assert "Việt Nam" in unicodedata.normalize("NFC", text)  # …and clean_text composes them


def test_latin1_label_reads_as_windows_1252() -> None:
    assert detect_encoding(b"x", "ISO-8859-1")[0] == "cp1252"
    assert decode_html(b"\x93quoted\x94", "latin-1") == "\u201cquoted\u201d"


@pytest.mark.parametrize("label", ["no-such-charset", "base64", "rot13", ""])
def test_unusable_labels_are_ignored(label: str) -> None:
    assert detect_encoding(PAGE.format(meta="").encode(), label)[0] == "utf-8"


def test_undeclared_legacy_bytes_use_cp1258_only_when_clearly_better() -> None:
    legacy = b"<p>" + CP1258_VIET_NAM * 20 + b"</p>"
    assert detect_encoding(legacy)[0] == "cp1258"
    # a UTF-8 page with one stray byte stays UTF-8 (with a replacement character)
    mostly_utf8 = ("<p>" + "Thành phố Phủ Lý " * 20 + "</p>").encode() + b"\xff"
    assert detect_encoding(mostly_utf8)[0] == "utf-8"
    assert decode_html(mostly_utf8).endswith("\ufffd")


@pytest.mark.parametrize(("header", "meta"), [(None, "utf-8"), ("utf-8", None), ("utf-8", "utf-8")])
def test_utf8_label_on_legacy_bytes_gives_way(header: str | None, meta: str | None) -> None:
    """A template's "charset=utf-8" left on a page saved in the Vietnamese code page
    (or a server's default header): the bytes say otherwise on every accented
    letter, so they are read as cp1258, not as a page of U+FFFD."""
    tag = f'<meta http-equiv="Content-Type" content="text/html; charset={meta}">' if meta else ""
    legacy = f"<html><head>{tag}</head><body>".encode() + b"<p>" + CP1258_VIET_NAM * 20 + b"</p>"
    assert detect_encoding(legacy, header)[0] == "cp1258"
    assert "\ufffd" not in decode_html(legacy, header)


def test_utf8_label_with_a_stray_byte_stays_utf8() -> None:
    page = ("<p>" + "Thành phố Phủ Lý " * 20 + "</p>").encode() + b"\xff"
    assert detect_encoding(page, "utf-8")[0] == "utf-8"
    assert detect_encoding(b'<meta charset="utf-8">' + page)[0] == "utf-8"


def test_a_true_meta_label_wins_over_a_contradicted_utf8_header() -> None:
    legacy = b'<meta charset="windows-1258"><p>' + CP1258_VIET_NAM * 20 + b"</p>"
    assert detect_encoding(legacy, "utf-8")[0] == "cp1258"


def test_legacy_page_parses_to_nfc() -> None:
    body = b"<p>" + CP1258_VIET_NAM + b" ph\xe1t tri\xea\xecn</p>"
    html = (
        b'<html><head><meta charset="windows-1258"></head><body><div class="news-detail">'
        b'<h1 class="news-detail-title">Ti\xea\xecu \xf0\xea\xec</h1><div class="ms-rtestate-field">'
        + body
        + b"</div></div></body></html>"
    )
    article = parse_article(html, "http://127.0.0.1:8000/Pages/a.aspx")
    assert article.title == "Tiếu đế"
    assert article.blocks[0].to_dict()["text"] == "Việt Nam phát triến"


def test_hidden_aspnet_state_is_cut_before_parsing() -> None:
    state = "A" * 5000
    html = f'<form><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{state}" /><p>x</p></form>'
    prepared = prepare_bytes(html.encode())
    assert state.encode() not in prepared
    assert b'id="__VIEWSTATE" value=""' in prepared
    assert prepare_bytes(html) == prepared  # str input takes the same path


def test_small_hidden_values_and_other_inputs_are_kept() -> None:
    html = (
        b'<input type="hidden" id="__VIEWSTATE" value="short" /><input value="'
        + b"B" * 1000
        + b'">'
    )
    assert prepare_bytes(html) == html


@pytest.mark.parametrize("label", ["ISO-8859-1", "windows-1252", "windows-1258"])
def test_stale_single_byte_label_on_a_utf8_page(label: str) -> None:
    data = PAGE.format(meta=f'<meta charset="{label}">').encode("utf-8")
    assert detect_encoding(data)[0] == "utf-8"
    assert detect_encoding(data, label)[0] == "utf-8"
    assert "Thành phố Phủ Lý" in decode_html(data, label)
    # but a real legacy page keeps its code page
    legacy = PAGE.format(meta="").replace("Thành phố Phủ Lý", "café").encode("cp1252")
    assert detect_encoding(legacy, "windows-1252")[0] == "cp1252"


# -- issue 9 item 13: the HTTP charset, UTF-16 without BOM, UTF-7 -------------


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("UTF-8", "utf-8"),
        (' "utf-16le" ', "utf-16-le"),
        ("UTF-16BE", "utf-16-be"),
        ("utf-16", "utf-16-le"),  # no byte order given: little-endian, as browsers read it
        ("windows-1258", "cp1258"),
        ("latin-1", "cp1252"),
        ("utf-7", None),
        ("UNICODE-1-1-UTF-7", None),
        ("iso-2022-kr", None),
        ("hz-gb-2312", None),
        ("unicode_escape", None),
        ("idna", None),
        ("base64", None),
        ("x-user-defined", None),
        ("klingon-8", None),
        ("", None),
        (None, None),
    ],
)
def test_one_rule_for_charset_labels(label: str | None, codec: str | None) -> None:
    assert codec_for_label(label) == codec


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_http_utf16_charset_without_bom_is_honoured(codec: str) -> None:
    data = PAGE.format(meta="").encode(codec)
    assert detect_encoding(data, codec.replace("-le", "le").replace("-be", "be")) == (codec, 0)
    assert "Thành phố Phủ Lý" in decode_html(data, codec)


def test_meta_utf16_on_ascii_bytes_is_utf8() -> None:
    data = PAGE.format(meta='<meta charset="utf-16">').encode("utf-8")
    assert detect_encoding(data)[0] == "utf-8"


def test_stale_utf16_header_on_bytes_without_nul_falls_back() -> None:
    data = PAGE.format(meta='<meta charset="windows-1258">').replace("Thành phố Phủ Lý", "{x}")
    legacy = data.encode("ascii").replace(b"{x}", CP1258_VIET_NAM)
    assert detect_encoding(legacy, "utf-16le")[0] == "cp1258"  # the meta tag decides
    assert detect_encoding(PAGE.format(meta="").encode(), "utf-16")[0] == "utf-8"


@pytest.mark.parametrize("meta", ["", '<meta charset="utf-8">'])
def test_utf7_label_falls_back_and_never_breaks_parsing(meta: str) -> None:
    """UTF-7 would turn ``+ADw-`` into ``<`` and ``+2D3-`` into a lone surrogate."""
    body = "<p>Giá +2D3- và +ADw-b+AD4-đậm+ADw-/b+AD4-</p>"
    data = PAGE.format(meta=meta).replace("<p>Thành phố Phủ Lý</p>", body).encode()
    assert detect_encoding(data, "utf-7")[0] == "utf-8"
    assert "Giá +2D3- và +ADw-b+AD4-đậm" in decode_html(data, "utf-7")
    assert b"+2D3-" in prepare_bytes(data, "utf-7")
