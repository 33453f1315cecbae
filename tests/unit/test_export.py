"""Export: the seed article as Markdown and text equals the reviewed expected files."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from phuly_tui.cli import main
from phuly_tui.export import MAX_STEM, export_article, export_filename, write_export
from phuly_tui.model import Article, Attachment, Image, Paragraph, RelatedLink
from tests.support.portal_server import FIXTURE_DIR, PortalServer

EXPECTED = FIXTURE_DIR.parent / "expected"
SEED = "/Pages/ban-chi-dao-35-tp-phu-ly-so-ket-cong-tac-6-thang-dau-nam-trien-khai-nhiem-vu-trong-tam-6-thang-cuoi-nam-2024.aspx"
CANONICAL = "https://phuly.hanam.gov.vn"


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_cli_export_matches_expected_file(
    fmt: str, portal: PortalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # read through the portal server, then compare with the canonical URLs of the expected file
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    # the day before and after the export: a run across midnight cites either
    days = {date.today().strftime("%d/%m/%Y")}
    code = main(["--base-url", portal.url, "export", SEED, "-o", str(out_dir), "--format", fmt])
    days.add(date.today().strftime("%d/%m/%Y"))
    assert code == 0, capsys.readouterr().err
    files = list(out_dir.iterdir())
    assert len(files) == 1
    assert (
        files[0].name
        == f"ban-chi-dao-35-tp-phu-ly-so-ket-cong-tac-6-thang-dau-nam-trien-khai-nhiem-vu.{fmt}"
    )
    produced = files[0].read_text(encoding="utf-8")
    # read through 127.0.0.1, cited on the portal's own address (issue 11)
    assert portal.url not in produced
    # the expected file was read on 02/12/2026: the access date is today's here
    [today] = [day for day in days if f"truy cập ngày {day}" in produced]
    produced = produced.replace(f"truy cập ngày {today}", "truy cập ngày 02/12/2026")
    assert produced == (EXPECTED / f"seed-article.{fmt}").read_text(encoding="utf-8")


def test_export_to_stdout(portal: PortalServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--base-url", portal.url, "export", SEED, "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Ban chỉ đạo 35 TP Phủ Lý")
    assert "\n[Ảnh 6/6: 484_8613.00_00_40_17.Still067.jpg]\n" in out  # no backslashes


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Đảng bộ phường Lê Hồng Phong", "dang-bo-phuong-le-hong-phong.md"),
        ("../../etc/passwd", "etc-passwd.md"),
        ('a/b\\c:d*e?f"g<h>i|j', "a-b-c-d-e-f-g-h-i-j.md"),
        ("!!!", "bai-viet.md"),
        ("CON", "bai-viet-con.md"),
    ],
)
def test_file_names_are_safe(title: str, expected: str) -> None:
    assert export_filename(Article(url="https://x/y", title=title)) == expected


def test_long_titles_are_cut_at_a_word() -> None:
    name = export_filename(Article(url="https://x/y", title="Phủ Lý " * 40), "txt")
    stem = name.removesuffix(".txt")
    assert len(stem) <= MAX_STEM
    assert not stem.endswith("-")
    assert stem.endswith(("phu", "ly"))


def test_write_export_never_overwrites(tmp_path: Path) -> None:
    article = Article(url="https://x/y", title="Tin thử")
    first = write_export(article, tmp_path)
    second = write_export(article, tmp_path)
    assert first != second
    assert second.name == "tin-thu-2.md"


def test_write_export_to_a_named_file_refuses_an_existing_one_unless_told(tmp_path: Path) -> None:
    article = Article(url="https://x/y", title="Tin thử")
    target = tmp_path / "out" / "bao-cao.md"
    target.parent.mkdir()
    target.write_text("của người dùng", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_export(article, target, exact=True)
    assert target.read_text(encoding="utf-8") == "của người dùng"
    assert write_export(article, target, exact=True, overwrite=True) == target
    assert target.read_text(encoding="utf-8").startswith("# Tin thử")
    assert sorted(p.name for p in target.parent.iterdir()) == ["bao-cao.md"]


def test_write_export_is_the_one_writer_of_exports() -> None:
    """The CLI's ``export`` and the app's ``e``/``E`` write through ``write_export``:
    no other module both makes an export's text and hands bytes to a user-file
    writer (the CLI once did, beside it)."""
    import phuly_tui

    root = Path(phuly_tui.__file__).parent
    writers = []
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        writes = re.search(r"\b(write_to|save_bytes|save_file)\(", text)
        exports = re.search(r"\b(export_article|article_markdown|article_plain)\(", text)
        if writes and exports:
            writers.append(path.relative_to(root).as_posix())
    assert writers == ["export.py"]


def _hostile_article() -> Article:
    return Article(
        url="http://127.0.0.1:8123/Pages/a.aspx",
        title="Tiêu đề *đậm* [x](javascript:alert(1))",
        section="Tin tức - Sự kiện",
        published="2024-06-14T08:30",
        blocks=(
            Paragraph("Đoạn một có <b>thẻ</b> và &amp; cùng dấu _gạch_ dưới tên_tệp.pdf."),
            Image(src="http://127.0.0.1:8123/a.jpg", alt="Chú thích ](javascript:alert(1)) cuối"),
            Paragraph("# không phải tiêu đề\n1. không phải danh sách"),
            Paragraph(("Đoạn hai rất dài " * 30).strip()),
        ),
        related=(RelatedLink("Bài [liên] quan", "http://127.0.0.1:8123/Pages/b.aspx"),),
        attachments=(Attachment("Kế hoạch (số 18)", "http://127.0.0.1:8123/Documents/k h.pdf"),),
    )


def test_markdown_escapes_only_syntax_and_never_makes_a_link_of_page_text() -> None:
    from markdown_it import MarkdownIt

    text = export_article(
        _hostile_article(), "md", base_url="http://127.0.0.1:8123", accessed=date(2026, 12, 2)
    )
    html = MarkdownIt("commonmark").render(text)
    assert "javascript:" not in " ".join(re.findall(r'href="([^"]*)"', html))
    assert "<b>" not in html  # the page's "<b>" stays text
    assert "<h1>không phải" not in html
    assert "<ol>" not in html.split("<h2>")[0]
    # the placeholder needs no backslashes
    assert "[Ảnh 1/1: Chú thích \\](javascript:alert(1)) cuối]" in text
    assert "tên_tệp.pdf" in text
    # what a reader of the HTML sees is the page's text
    assert "Chú thích ](javascript:alert(1)) cuối" in html
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs == [
        "https://phuly.hanam.gov.vn/Pages/a.aspx",
        "https://phuly.hanam.gov.vn/Documents/k%20h.pdf",
        "https://phuly.hanam.gov.vn/Pages/b.aspx",
    ]


def test_text_export_is_one_line_per_paragraph_and_cites_the_portal() -> None:
    article = _hostile_article()
    text = export_article(
        article, "txt", base_url="http://127.0.0.1:8123", accessed=date(2026, 12, 2)
    )
    lines = text.splitlines()
    assert ("Đoạn hai rất dài " * 30).strip() in lines  # never wrapped
    assert "Nguồn: https://phuly.hanam.gov.vn/Pages/a.aspx, truy cập ngày 02/12/2026" in lines
    assert "127.0.0.1" not in text


def test_a_document_export_cites_the_portal_and_keeps_paragraphs_whole(tmp_path: Path) -> None:
    from phuly_tui.documents import Document, DocumentBlock, DocumentInfo
    from phuly_tui.export import export_document

    long = ("Các cơ quan, đơn vị báo cáo kết quả thực hiện " * 6).strip()
    document = Document(
        url="http://127.0.0.1:8123/Documents/2024/01/KH-18-UBND.pdf",
        title="Cao điểm bảo đảm trật tự an toàn giao thông",
        format="pdf",
        pages=1,
        text_layer=True,
        blocks=(DocumentBlock("paragraph", long, page=1),),
        info=DocumentInfo(number="18/KH-UBND", doc_type="Kế hoạch"),
    )
    text = export_document(document, "txt", base_url="http://127.0.0.1:8123")
    assert f"Tệp: {CANONICAL}/Documents/2024/01/KH-18-UBND.pdf" in text
    assert long in text.splitlines()  # one paragraph, one line (pastes whole)
    markdown = export_document(document, "md", base_url="http://127.0.0.1:8123")
    assert markdown.startswith("# Cao điểm bảo đảm trật tự an toàn giao thông\n")
    assert "- **Số, ký hiệu:** 18/KH-UBND" in markdown
    first = write_export(document, tmp_path, "txt")
    second = write_export(document, tmp_path, "txt")
    assert first.name == "cao-diem-bao-dam-trat-tu-an-toan-giao-thong.txt"
    assert second.name == "cao-diem-bao-dam-trat-tu-an-toan-giao-thong-2.txt"
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("url", "document", "kind"),
    [
        ("http://x/Documents/KH-18-UBND.pdf", True, None),
        ("http://x/Documents/Mau%20phieu.DOCX", True, None),
        ("http://x/Documents/ho-so.zip", True, "ZIP"),
        ("http://x/Documents/bang.xlsx?web=1", True, "XLSX"),
        ("http://x/Documents/cu.doc", True, "DOC"),
        ("http://x/Pages/tin.aspx", False, None),
        ("http://x/PublishingImages/anh.jpg", False, None),
    ],
)
def test_which_addresses_the_reader_takes_as_documents(
    url: str, document: bool, kind: str | None
) -> None:
    from phuly_tui.documents import is_document_url, unsupported_kind

    assert is_document_url(url) is document
    assert unsupported_kind(url) == kind
