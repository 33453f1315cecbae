"""Every document of the portal copy and of the other producers reads right.

Token F1 ≥ 0.98 against the expected reading (``documents/*.json``), metadata
exact.  Cited numbers are compared as a set: the portal copy lists
``18/KH-UBND``'s citations in another order than the text gives them (the text
cites 16/CT-TTg first), and phuly-tui keeps the text's order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from phuly_tui.documents import document_notice, read_document
from phuly_tui.render.document import document_markdown, document_plain
from tests.support.documents import (
    PORTAL_DOCUMENTS,
    PRODUCER_DOCUMENTS,
    document_bytes,
    expected_readings,
    load_reading,
    token_f1,
)

READINGS = [
    *((PORTAL_DOCUMENTS, p) for p in expected_readings(PORTAL_DOCUMENTS)),
    *((PRODUCER_DOCUMENTS, p) for p in expected_readings(PRODUCER_DOCUMENTS)),
]


def test_there_are_documents_of_every_kind() -> None:
    formats = {(load_reading(p)["format"], load_reading(p)["text_layer"]) for _, p in READINGS}
    assert formats == {("pdf", True), ("pdf", False), ("docx", True)}
    assert len(READINGS) == 12


@pytest.mark.parametrize(("folder", "path"), READINGS, ids=lambda v: getattr(v, "stem", ""))
def test_document_reads_right(folder: Path, path: Path) -> None:
    expected = load_reading(path)
    document = read_document(document_bytes(expected, folder), str(expected["url"]))
    data = document.to_dict()
    assert token_f1(document, expected["paragraphs"]) >= 0.98
    for key in (
        "format",
        "pages",
        "text_layer",
        "number",
        "doc_type",
        "issued",
        "issuer",
        "subject",
    ):
        assert data[key] == expected[key], key
    assert sorted(data["cites"]) == sorted(expected["cites"])
    assert data["url"] == expected["url"]


def test_json_has_the_issue_shape() -> None:
    expected = load_reading(PORTAL_DOCUMENTS / "KH-18-UBND.json")
    data = read_document(document_bytes(expected, PORTAL_DOCUMENTS), expected["url"]).to_dict()
    assert list(data) == [
        "kind",
        "url",
        "title",
        "format",
        "pages",
        "text_layer",
        "number",
        "doc_type",
        "doc_type_code",
        "issued",
        "issuer",
        "subject",
        "cites",
        "blocks",
    ]
    assert data["kind"] == "document"
    assert data["doc_type_code"] == "KH"
    assert data["title"] == expected["subject"]  # no link text known: the subject
    assert {b["type"] for b in data["blocks"]} == {"paragraph", "heading"}
    assert all(b["page"] == 1 for b in data["blocks"])


def test_lines_are_reflowed_into_the_documents_paragraphs() -> None:
    expected = load_reading(PORTAL_DOCUMENTS / "NQ-HDND-ky-hop-giua-nam-2024.json")
    document = read_document(document_bytes(expected, PORTAL_DOCUMENTS), expected["url"])
    assert [block.text for block in document.blocks] == expected["paragraphs"]


def test_the_header_columns_are_read_left_then_right_whatever_the_producer_wrote_first() -> None:
    # fpdf2-ke-hoach.pdf draws the right column (motto, date) before the left one
    expected = load_reading(PRODUCER_DOCUMENTS / "fpdf2-ke-hoach.json")
    document = read_document(document_bytes(expected, PRODUCER_DOCUMENTS), expected["url"])
    assert [b.text for b in document.blocks[:6]] == expected["paragraphs"][:6]


def test_page_boundaries_are_kept_and_shown() -> None:
    expected = load_reading(PORTAL_DOCUMENTS / "NQ-HDND-ky-hop-giua-nam-2024.json")
    document = read_document(document_bytes(expected, PORTAL_DOCUMENTS), expected["url"])
    assert sorted({b.page or 0 for b in document.blocks}) == [1, 2, 3]
    assert document.blocks[-1].text == "Nguyễn Thị Hồng Vân"
    assert document.blocks[-1].page == 3
    plain = document_plain(document)
    assert "— Trang 2/3 —" in plain
    assert "— Trang 3/3 —" in plain
    assert "— Trang 1/3 —" not in plain
    assert "*— Trang 2/3 —*" in document_markdown(document)


def test_a_docx_table_stays_a_table() -> None:
    expected = load_reading(PORTAL_DOCUMENTS / "Mau-phieu-dang-ky-du-tuyen.json")
    document = read_document(document_bytes(expected, PORTAL_DOCUMENTS), expected["url"])
    [table] = [b for b in document.blocks if b.type == "table"]
    assert table.rows[0] == (
        "Ngày, tháng, năm cấp văn bằng",
        "Tên trường, cơ sở đào tạo",
        "Trình độ văn bằng",
        "Ngành đào tạo",
        "Hình thức đào tạo",
    )
    assert table.page is None
    assert "| Ngày, tháng, năm cấp văn bằng |" in document_markdown(document)


def test_a_scanned_pdf_says_so_in_one_line() -> None:
    expected = load_reading(PORTAL_DOCUMENTS / "QH-khu-dan-cu-Liem-Chinh.json")
    document = read_document(document_bytes(expected, PORTAL_DOCUMENTS), expected["url"])
    assert document.text_layer is False
    assert document.blocks == ()
    assert document_notice(document) == "Bản quét, không có lớp chữ — 2 trang"
    assert "Bản quét, không có lớp chữ — 2 trang" in document_plain(document)


def test_a_readable_document_has_no_notice() -> None:
    expected = load_reading(PORTAL_DOCUMENTS / "CV-2145-UBND-KT.json")
    document = read_document(document_bytes(expected, PORTAL_DOCUMENTS), expected["url"])
    assert document_notice(document) is None
    assert document.info.doc_type_code is None  # a công văn has no type code


def test_the_link_text_is_the_title_when_given() -> None:
    expected = load_reading(PORTAL_DOCUMENTS / "KH-18-UBND.json")
    document = read_document(
        document_bytes(expected, PORTAL_DOCUMENTS), expected["url"], title="Kế hoạch số 18"
    )
    assert document.title == "Kế hoạch số 18"
