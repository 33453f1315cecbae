"""render_document / render_file_notice: the card, page markers, tables, cited links."""

from __future__ import annotations

from rich.text import Text

from phuly_tui.documents import Document, DocumentBlock, DocumentInfo
from phuly_tui.ui.widgets.article_body import RulePiece, TablePiece
from phuly_tui.ui.widgets.document_view import (
    cited_numbers,
    render_document,
    render_file_notice,
)

HOSTILE = "[@click=app.quit]Thoát[/] [bold]đậm[/bold]\x1b[31m"

DOCUMENT = Document(
    url="http://127.0.0.1/Documents/TB-09.pdf",
    title="Thông báo kết luận kỳ họp",
    format="pdf",
    pages=2,
    text_layer=True,
    blocks=(
        DocumentBlock("heading", "THÔNG BÁO", page=1),
        DocumentBlock(
            "paragraph",
            "Căn cứ Nghị quyết số 07/2024/NQ-HĐND ngày 10/7/2024 và Hướng dẫn số 45-HD/TU;",
            page=1,
        ),
        DocumentBlock("paragraph", "Số: 09/TB-HĐND", page=1),
        DocumentBlock("paragraph", "Thực hiện Nghị quyết số 07/2024/NQ-HĐND nói trên.", page=2),
        DocumentBlock("table", rows=(("STT", "Nội dung"), ("1", "Tiếp công dân")), page=2),
    ),
    info=DocumentInfo(
        number="09/TB-HĐND",
        doc_type="Thông báo",
        doc_type_code="TB",
        issued="2024-07-20",
        issuer="HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ PHỦ LÝ",
        subject="Kết luận kỳ họp",
        cites=("07/2024/NQ-HĐND", "45-HD/TU", "09/TB-HĐND"),
    ),
)


def lines(rendered: object) -> list[str]:
    return [p.plain for p in rendered.blocks if isinstance(p, Text)]  # type: ignore[attr-defined]


def test_the_card_comes_first_then_a_rule() -> None:
    rendered = render_document(DOCUMENT)
    shown = lines(rendered)
    assert shown[0] == "Thông báo kết luận kỳ họp"
    assert shown[2:8] == [
        "Số, ký hiệu       09/TB-HĐND",
        "Loại văn bản      Thông báo",
        "Ngày ban hành     20/07/2024",
        "Cơ quan ban hành  HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ PHỦ LÝ",
        "Trích yếu         Kết luận kỳ họp",
        "Tệp               PDF · 2 trang · TB-09.pdf",
    ]
    assert isinstance(rendered.blocks[8], RulePiece)


def test_cited_numbers_are_numbered_links_once_each_never_the_own_number() -> None:
    rendered = render_document(DOCUMENT)
    assert cited_numbers(DOCUMENT) == ["07/2024/NQ-HĐND", "45-HD/TU"]
    assert [(link.text, link.url) for link in rendered.links] == [
        ("07/2024/NQ-HĐND", ""),
        ("45-HD/TU", ""),
    ]
    shown = lines(rendered)
    assert (
        "Căn cứ Nghị quyết số 07/2024/NQ-HĐND[1] ngày 10/7/2024 và Hướng dẫn số 45-HD/TU[2];"
        in shown
    )
    assert "Thực hiện Nghị quyết số 07/2024/NQ-HĐND[1] nói trên." in shown
    assert "Số: 09/TB-HĐND" in shown  # its own number is no link
    assert shown[-4:] == [
        "Văn bản được dẫn",
        "1. 07/2024/NQ-HĐND",
        "2. 45-HD/TU",
        "1–9 hoặc L: mở văn bản được dẫn",
    ]


def test_pages_are_marked_where_they_begin_and_tables_stay_tables() -> None:
    rendered = render_document(DOCUMENT)
    shown = lines(rendered)
    assert "— Trang 2/2 —" in shown
    assert "— Trang 1/2 —" not in shown
    assert shown.index("— Trang 2/2 —") < shown.index(
        "Thực hiện Nghị quyết số 07/2024/NQ-HĐND[1] nói trên."
    )
    tables = [p for p in rendered.blocks if isinstance(p, TablePiece)]
    assert [t.rows for t in tables] == [[["STT", "Nội dung"], ["1", "Tiếp công dân"]]]


def test_document_text_is_data_never_markup_nor_control_bytes() -> None:
    hostile = Document(
        url="http://127.0.0.1/x.pdf",
        title=HOSTILE,
        format="pdf",
        pages=1,
        text_layer=True,
        blocks=(DocumentBlock("paragraph", HOSTILE, page=1),),
        info=DocumentInfo(subject=HOSTILE),
    )
    shown = lines(render_document(hostile))
    clean = "[@click=app.quit]Thoát[/] [bold]đậm[/bold]"
    assert shown[0].startswith(clean)
    assert all("\x1b" not in line for line in shown)
    assert sum(clean in line for line in shown) == 3  # title, card's subject, paragraph


def test_a_file_notice_is_never_empty_and_says_what_o_and_s_do() -> None:
    shown = lines(render_file_notice("ho-so.zip", "Không hiển thị được tệp ZIP"))
    assert shown == [
        "ho-so.zip",
        "",
        "Không hiển thị được tệp ZIP",
        "",
        "o: mở bằng ứng dụng khác · s: lưu vào thư mục Tải về · Backspace: quay lại",
    ]
