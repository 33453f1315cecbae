"""Text typed in the legacy Vietnamese font encodings (TCVN3, VNI) reads as Unicode.

The conversions are checked on strings written down independently of the tables
(the Republic's motto as every TCVN3 document starts, "Việt Nam" as VNI users
type it); the page tests check that only text whose nearest font is such a font
is converted, and that a page naming such a font is read byte for byte.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phuly_tui.parse import parse_article
from phuly_tui.parse.decode import detect_encoding
from phuly_tui.parse.legacy_fonts import tcvn3_capitals_meant, tcvn3_to_unicode, vni_to_unicode
from tests.support import faults
from tests.support.cli import run_cli
from tests.support.portal_server import PortalServer
from tests.unit.test_parse_article import portal_page

BASE = "http://127.0.0.1:8000"
PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Céng hßa x· héi chñ nghÜa ViÖt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        ("B¶o Th¾ng, M\xadêng Kh\xad¬ng", "Bảo Thắng, Mường Khương"),  # ư is the soft hyphen
    ],
)
def test_tcvn3(typed: str, meant: str) -> None:
    assert tcvn3_to_unicode(typed) == meant


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        # a heading in capitals, typed in .VnTime (no toned capitals): what was meant
        ("THµNH PHè PHñ Lý", "THÀNH PHỐ PHỦ LÝ"),
        ("UBND THµNH PHè", "UBND THÀNH PHỐ"),
        ("Tin: THµNH PHè", "Tin: THÀNH PHỐ"),  # only the words typed in capitals
        # sentence case stays as written, one capital included
        ("BÐ Na ë Phñ Lý", "Bé Na ở Phủ Lý"),
        ("Th¾ng", "Thắng"),
        ("HĐND", "HĐND"),
    ],
)
def test_tcvn3_capitals_typed_in_an_ordinary_font(typed: str, meant: str) -> None:
    assert tcvn3_capitals_meant(typed) == meant


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Vieät Nam", "Việt Nam"),
        ("Thaønh phoá Phuû Lyù, tænh Haø Nam", "Thành phố Phủ Lý, tỉnh Hà Nam"),
        ("ñaát nöôùc, TRÖÔØNG hoïc, Ñaûng", "đất nước, TRƯỜNG học, Đảng"),
    ],
)
def test_vni(typed: str, meant: str) -> None:
    assert vni_to_unicode(typed) == meant


def test_text_pasted_in_legacy_fonts_into_a_utf8_page() -> None:
    """Only the text whose nearest font is TCVN3 or VNI changes: an Arial span inside a
    ``.VnTime`` paragraph, a paragraph in Times, and a paragraph retyped in Unicode that
    kept its ``.VnTime`` style (letters beyond Latin-1 prove it) stay as written."""
    body = (
        '<p><font face=".VnTime">ThÝ ®iÓm <span style="font-family:Arial">Phủ Lý</span>'
        " tr\xaan ®Þa bµn.</font></p>"
        "<p style=\"font-family:'VNI-Times',serif\">Vieät Nam</p>"
        '<p><font face="Times New Roman">Giá «không tăng» ®</font></p>'
        '<p style="font-family:.VnTime">Nhiệm vụ năm 2025 được triển khai.</p>'
        '<p><span style="font-family:.VnTimeH;font-size:14pt">th«ng b¸o</span></p>'
        '<p><font face=".VnTime">QUYÕT §ÞNH cña UBND</font></p>'
    )
    article = parse_article(portal_page(body).encode("utf-8"), BASE + "/Pages/x.aspx")
    assert [b.to_dict()["text"] for b in article.blocks] == [
        "Thí điểm Phủ Lý trên địa bàn.",
        "Việt Nam",
        "Giá «không tăng» ®",
        "Nhiệm vụ năm 2025 được triển khai.",
        "THÔNG BÁO",
        "QUYẾT ĐỊNH của UBND",
    ]


def test_an_undeclared_page_naming_a_legacy_font_is_read_byte_for_byte() -> None:
    """Invalid UTF-8 with no charset would be guessed Vietnamese Windows (cp1258), which
    turns bytes TCVN3 uses for letters (0xCC "è", 0xD2 "ề", 0xEC "ỡ"…) into combining
    marks; a page that names a TCVN3 or VNI font is read as windows-1252 instead."""
    data = (PAGES / "legacy_tcvn3.html").read_bytes()
    assert detect_encoding(data) == ("cp1252", 0)
    assert detect_encoding(data.replace(b".VnTime", b"Tahoma").replace(b"VNI-", b"X-"))[0] == (
        "cp1258"
    )


def test_read_a_legacy_page_over_http(
    fresh_portal: PortalServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``phuly-tui read --json`` of the page served as ``text/html`` with no charset."""
    data = (PAGES / "legacy_tcvn3.html").read_bytes()
    fresh_portal.routes["/tintuc.asp?id=215"] = faults.bytes_response(data, "text/html")
    argv = ("--base-url", fresh_portal.url, "--data-dir", str(tmp_path), "read", "--json")
    code, out, err = run_cli(capsys, *argv, fresh_portal.url + "/tintuc.asp?id=215")
    assert (code, err) == (0, "")
    article = json.loads(out)
    assert article["title"] == "HỘI NGHỊ TỔNG KẾT CÔNG TÁC NĂM 2024"
    assert article["blocks"][2]["text"].startswith("Hội nghị đã khen thưởng 6 tập thể")
