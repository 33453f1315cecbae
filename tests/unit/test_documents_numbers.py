"""Document numbers (số, ký hiệu) per Decree 30/2020/NĐ-CP: reading, keys, types, queries."""

from __future__ import annotations

import pytest

from phuly_tui.documents import DOCUMENT_TYPES, find_numbers, number_query, parse_number
from phuly_tui.documents.metadata import document_info
from phuly_tui.documents.model import DocumentBlock


@pytest.mark.parametrize(
    ("text", "key", "doc_type", "code"),
    [
        ("18/KH-UBND", "18/KH-UBND", "Kế hoạch", "KH"),
        ("2145/UBND-KT", "2145/UBND-KT", "Công văn", None),
        ("07/2024/NQ-HĐND", "7/2024/NQ-HDND", "Nghị quyết", "NQ"),
        ("714-TB/TU", "714-TB/TU", "Thông báo", "TB"),
        ("05/CĐ-UBND", "5/CD-UBND", "Công điện", "CĐ"),
        ("16/CT-TTg", "16/CT-TTG", "Chỉ thị", "CT"),
        ("05/2024/TT-BNNPTNT", "5/2024/TT-BNNPTNT", "Thông tư", "TT"),
        ("12/QyĐ-UBND", "12/QYD-UBND", "Quy định", "QyĐ"),
        ("3/CTr-UBND", "3/CTR-UBND", "Chương trình", "CTr"),
        ("115/2020/NĐ-CP", "115/2020/ND-CP", "Nghị định", "NĐ"),
        ("45-CV/TU", "45-CV/TU", "Công văn", None),
    ],
)
def test_numbers_are_read_with_their_type(
    text: str, key: str, doc_type: str, code: str | None
) -> None:
    number = parse_number(text)
    assert number is not None
    assert number.text == text
    assert number.key == key
    assert number.doc_type == doc_type
    assert number.type_code == code


@pytest.mark.parametrize(
    ("printed", "ascii_form"),
    [
        ("07/2024/NQ-HĐND", "07/2024/NQ-HDND"),
        ("05/CĐ-UBND", "05/CD-UBND"),
        ("05/CĐ-UBND", "5/cd-ubnd".upper()),
        ("115/2020/NĐ-CP", "115/2020/ND-CP"),
    ],
)
def test_ascii_spellings_are_the_same_symbol(printed: str, ascii_form: str) -> None:
    a, b = parse_number(printed), parse_number(ascii_form)
    assert a is not None
    assert b is not None
    assert a.key == b.key
    assert a.doc_type == b.doc_type


def test_ascii_codes_prefer_the_ascii_type() -> None:
    # HD is Hướng dẫn, HĐ is Hợp đồng; ĐA is Đề án, DA is Dự án
    assert parse_number("3/HD-UBND").doc_type == "Hướng dẫn"  # type: ignore[union-attr]
    assert parse_number("3/HĐ-UBND").doc_type == "Hợp đồng"  # type: ignore[union-attr]
    assert parse_number("3/ĐA-UBND").doc_type == "Đề án"  # type: ignore[union-attr]
    assert parse_number("3/DA-UBND").doc_type == "Dự án"  # type: ignore[union-attr]


def test_the_decree_table_is_complete_for_the_common_types() -> None:
    for code, name in {
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
        "GM": "Giấy mời",
        "NĐ": "Nghị định",
        "TT": "Thông tư",
    }.items():
        assert DOCUMENT_TYPES[code] == name


def test_numbers_are_found_in_running_text() -> None:
    text = (
        "Căn cứ Kế hoạch số 45/KH-UBND ngày 10/01/2024, Công điện số 05/CĐ-UBND, "
        "Thông báo số 714-TB/TU và Nghị quyết 07/2024/NQ-HĐND; trực 24/24 giờ (để b/c)."
    )
    assert [n.text for _, n in find_numbers(text)] == [
        "45/KH-UBND",
        "05/CĐ-UBND",
        "714-TB/TU",
        "07/2024/NQ-HĐND",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "/Documents/2024/07/NQ-HDND-ky-hop-giua-nam-2024.pdf",
        "ngày 06/9/2024",
        "trực ban 24/24 giờ",
        "UBND tỉnh (để b/c)",
        "Phòng GD&ĐT",
    ],
)
def test_what_is_not_a_number(text: str) -> None:
    assert list(find_numbers(text)) == []


@pytest.mark.parametrize(
    "query", ["18/KH-UBND", "18 KH UBND", "kh-ubnd 18", "KH 18", "18/kh-ubnd", "Số 18/KH-UBND"]
)
def test_every_usual_spelling_is_a_number_query(query: str) -> None:
    wanted = number_query(query)
    assert wanted is not None
    assert wanted.matches(parse_number("18/KH-UBND"))  # type: ignore[arg-type]
    assert not wanted.matches(parse_number("18/TB-UBND"))  # type: ignore[arg-type]
    assert not wanted.matches(parse_number("19/KH-UBND"))  # type: ignore[arg-type]


def test_a_year_narrows_a_number_query() -> None:
    wanted = number_query("07/2024/NQ-HDND")
    assert wanted is not None
    assert wanted.matches(parse_number("07/2024/NQ-HĐND"))  # type: ignore[arg-type]
    assert not wanted.matches(parse_number("07/2023/NQ-HĐND"))  # type: ignore[arg-type]


@pytest.mark.parametrize("query", ["phu ly", "tin tuc 2024", "bao so 3", "18", "KH", "năm 2024"])
def test_ordinary_searches_are_not_number_queries(query: str) -> None:
    assert number_query(query) is None


def test_metadata_from_a_header_table_and_a_party_number() -> None:
    blocks = [
        DocumentBlock(
            "table",
            rows=(
                (
                    "ĐẢNG BỘ TỈNH HÀ NAM THÀNH ỦY PHỦ LÝ * Số 714-TB/TU",
                    "ĐẢNG CỘNG SẢN VIỆT NAM Phủ Lý, ngày 3 tháng 5 năm 2024",
                ),
            ),
        ),
        DocumentBlock("heading", "THÔNG BÁO"),
        DocumentBlock("paragraph", "Kết luận của Ban Thường vụ Thành ủy về công tác cán bộ"),
        DocumentBlock("paragraph", "Thực hiện Quy định số 41-QĐ/TW của Bộ Chính trị, ..."),
    ]
    info = document_info(blocks)
    assert info.number == "714-TB/TU"
    assert info.doc_type == "Thông báo"
    assert info.issued == "2024-05-03"
    assert info.issuer == "ĐẢNG BỘ TỈNH HÀ NAM THÀNH ỦY PHỦ LÝ"
    assert info.subject == "Kết luận của Ban Thường vụ Thành ủy về công tác cán bộ"
    assert info.cites == ("41-QĐ/TW",)


@pytest.mark.parametrize(
    ("header", "issued"),
    [
        ("Phủ Lý, ngày 3 tháng 5 năm 2024", "2024-05-03"),
        ("Phủ Lý, ngày 31 tháng 02 năm 2024", None),  # no such day: no issue date
        ("Phủ Lý, ngày 29 tháng 02 năm 2024", "2024-02-29"),
    ],
)
def test_the_issue_date_is_a_possible_day(header: str, issued: str | None) -> None:
    """An impossible day in the header is no issue date (as in parse.dates), not an
    ISO-looking string that sorts and filters as a date."""
    blocks = [DocumentBlock("paragraph", header), DocumentBlock("heading", "THÔNG BÁO")]
    assert document_info(blocks).issued == issued
