"""Hostile and broken attachments: each one gives one clear line, quickly, never a hang.

Truncated, encrypted, a decompression bomb, thousands of pages, a DOCX zip
bomb, too many zip entries, DOCTYPE/entity tricks, control bytes in the text,
other formats, and pypdfium2 missing.
"""

from __future__ import annotations

import io
import subprocess
import sys
import threading
import zipfile
from typing import Any

import pytest

from phuly_tui.attachments import safe_file_name
from phuly_tui.documents import MAX_PAGES, Document, document_notice, read_document
from phuly_tui.errors import (
    DocumentEncrypted,
    DocumentError,
    DocumentSupportMissing,
    DocumentTooLarge,
    DocumentUnreadable,
    UnsupportedDocument,
)
from tests.support.documents import (
    PORTAL_DOCUMENTS,
    PRODUCER_DOCUMENTS,
    document_bytes,
    load_reading,
    make_pdf,
    text_page,
)
from tests.support.faults import MINIMAL_PDF
from tests.support.hostile import HOSTILE_FILE, HOSTILE_FILE_SHOWN

KH = load_reading(PORTAL_DOCUMENTS / "KH-18-UBND.json")
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def one_line(error: DocumentError) -> str:
    message = str(error)
    assert "\n" not in message
    assert message
    return message


def docx(document_xml: str | bytes, *, extra: int = 0, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        archive.writestr("word/document.xml", document_xml)
        for n in range(extra):
            archive.writestr(f"word/media/x{n}.bin", b"")
    return buffer.getvalue()


def body(xml: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{xml}</w:body></w:document>'


@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.9])
def test_a_truncated_pdf_is_unreadable_in_one_line(fraction: float) -> None:
    data = document_bytes(KH, PORTAL_DOCUMENTS)
    with pytest.raises(DocumentUnreadable) as caught:
        read_document(data[: int(len(data) * fraction)], "/Documents/x.pdf")
    assert one_line(caught.value) == (
        "Tệp x.pdf hỏng hoặc không đọc được: tệp bị cắt cụt hoặc không đúng định dạng PDF"
    )


def test_an_encrypted_pdf_says_so() -> None:
    data = (PRODUCER_DOCUMENTS / "reportlab-encrypted.pdf").read_bytes()
    with pytest.raises(DocumentEncrypted) as caught:
        read_document(data, "/Documents/mat-khau.pdf")
    assert "mã hóa" in one_line(caught.value)


def test_a_pdf_decompression_bomb_is_refused_before_pdfium_parses_it() -> None:
    # 100 MiB of text operators in a 200 kB file: PDFium would take minutes
    content = b"BT /F1 12 Tf 72 700 Td " + b"(AAAAAAAAAA) Tj " * (100 * 65_536) + b"ET"
    bomb = make_pdf([content], compress=True)
    assert len(bomb) < 1_000_000
    with pytest.raises(DocumentUnreadable) as caught:
        read_document(bomb, "/Documents/bom.pdf")
    assert "bom nén" in one_line(caught.value)


def test_a_dense_page_is_read_without_its_layout_and_capped() -> None:
    content = b"BT /F1 12 Tf 72 700 Td " + b"(AAAAAAAAAA) Tj " * 4_000 + b"ET"
    document = read_document(make_pdf([content], compress=True), "/Documents/dense.pdf")
    assert document.text_layer
    assert sum(len(b.text) for b in document.blocks) == 40_000


def test_thousands_of_pages_stop_at_the_cap_with_a_notice() -> None:
    pages = [text_page(f"Trang {n}") for n in range(1, 3001)]
    document = read_document(make_pdf(pages), "/Documents/dai.pdf")
    assert document.pages == 3000
    assert document.truncated
    assert max(b.page or 0 for b in document.blocks) == MAX_PAGES == 300
    assert document.to_dict()["truncated"] is True
    assert document_notice(document) == "Chỉ hiện 300 trang đầu trong 3000 trang"


def test_a_short_document_has_no_truncated_key() -> None:
    document = read_document(make_pdf([text_page("Hello")]), "/Documents/ngan.pdf")
    assert "truncated" not in document.to_dict()


def test_the_attachment_cap_refuses_a_larger_file() -> None:
    data = document_bytes(KH, PORTAL_DOCUMENTS)
    with pytest.raises(DocumentTooLarge) as caught:
        read_document(data, "/Documents/KH.pdf", max_mb=0.01)
    assert one_line(caught.value) == "Tệp KH.pdf lớn hơn giới hạn 0.01 MB (attachment_max_mb)"


def test_a_docx_zip_bomb_is_refused() -> None:
    bomb = docx(body("<w:p><w:r><w:t>" + " " * (40 * 1024 * 1024) + "</w:t></w:r></w:p>"))
    assert len(bomb) < 200_000
    with pytest.raises(DocumentUnreadable) as caught:
        read_document(bomb, "/Documents/bom.docx")
    assert "bom nén" in one_line(caught.value)


def test_a_docx_with_too_many_entries_is_refused() -> None:
    with pytest.raises(DocumentUnreadable) as caught:
        read_document(docx(body(""), extra=2_001), "/Documents/nhieu.docx")
    assert "quá nhiều mục" in one_line(caught.value)


@pytest.mark.parametrize(
    "prologue",
    [
        # billion laughs
        '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>',
        # an external entity (a local file)
        '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        # a bare DOCTYPE
        "<!DOCTYPE html>",
        # spelled in lower case
        "<!doctype w:document>",
    ],
)
def test_any_doctype_is_refused(prologue: str) -> None:
    xml = f'<?xml version="1.0"?>{prologue}<w:document {_W}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>'
    with pytest.raises(DocumentUnreadable) as caught:
        read_document(docx(xml), "/Documents/doctype.docx")
    assert "DOCTYPE" in one_line(caught.value)


def test_a_utf16_doctype_is_refused_too() -> None:
    xml = f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><w:document {_W}><w:body/></w:document>'
    with pytest.raises(DocumentUnreadable):
        read_document(docx(xml.encode("utf-16")), "/Documents/utf16.docx")


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (b"not a zip at all", DocumentUnreadable, "không phải tệp PDF hay DOCX"),
        (b"PK\x03\x04 broken zip" + b"\0" * 50, DocumentUnreadable, "không phải tệp DOCX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, DocumentEncrypted, "mã hóa"),
        (docx(body("<w:p>"), method=zipfile.ZIP_STORED), DocumentUnreadable, "XML hỏng"),
    ],
    ids=["not-a-zip", "broken-zip", "ole-container", "bad-xml"],
)
def test_broken_docx_files(data: bytes, error: type[DocumentError], words: str) -> None:
    with pytest.raises(error) as caught:
        read_document(data, "/Documents/hong.docx")
    assert words in one_line(caught.value)


def test_document_text_is_cleaned_of_control_bytes_and_bidi_tricks() -> None:
    hostile = "Kế\u0085 hoạch \u202eđảo\u202c [bold]x[/bold] \u200bsố"
    document = read_document(docx(body(f"<w:p><w:r><w:t>{hostile}</w:t></w:r></w:p>")), "/x.docx")
    [block] = document.blocks
    assert block.text == "Kế hoạch đảo [bold]x[/bold] số"


def test_a_file_name_from_the_url_is_cleaned_like_page_text() -> None:
    # a scan has no subject: the file name is the document's title
    document = read_document(make_pdf([text_page("")]), "http://127.0.0.1" + HOSTILE_FILE)
    assert document.title == HOSTILE_FILE_SHOWN
    with pytest.raises(DocumentTooLarge) as caught:
        read_document(MINIMAL_PDF * 1000, HOSTILE_FILE, max_mb=0.001)
    assert HOSTILE_FILE_SHOWN in one_line(caught.value)
    # a copy saved to the downloads folder (or by sync --attachments) is named so too
    assert safe_file_name(HOSTILE_FILE) == "REDfdp.exe[@click=app.quit]q[_].pdf"


def test_a_title_stored_before_the_cleaning_is_read_back_clean() -> None:
    """An older phuly-tui stored a scan's file name as its title as decoded; the
    stored form is read back like page text (the reader, the CLI and --json)."""
    stored = {"url": "http://127.0.0.1" + HOSTILE_FILE, "format": "pdf", "pages": 1}
    stored["title"] = "\x1b[31mRED\x1b]52;c;aGk=\x07\x9b2J\u202efdp.exe[@click=app.quit]q[/].pdf"
    assert Document.from_dict(stored).title == HOSTILE_FILE_SHOWN


@pytest.mark.parametrize("name", ["bang.xls", "bang.xlsx", "ho-so.rar", "ho-so.zip", "cu.doc"])
def test_other_formats_say_in_one_line_they_cannot_be_shown(name: str) -> None:
    data = (
        b"PK\x03\x04" + b"\0" * 100
        if name.endswith(("x", "zip"))
        else b"\xd0\xcf\x11\xe0" + b"\0" * 100
    )
    with pytest.raises(UnsupportedDocument) as caught:
        read_document(data, f"/Documents/{name}")
    assert one_line(caught.value).startswith("Không hiển thị được tệp ")
    assert "o" in str(caught.value)
    assert "s" in str(caught.value)


def test_without_pypdfium2_a_pdf_says_what_it_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    with pytest.raises(DocumentSupportMissing) as caught:
        read_document(document_bytes(KH, PORTAL_DOCUMENTS), "/Documents/KH.pdf")
    assert "pypdfium2" in one_line(caught.value)
    # a DOCX still reads
    assert read_document(docx(body("<w:p><w:r><w:t>Có</w:t></w:r></w:p>")), "/x.docx").blocks


def test_pdfium_and_the_readers_are_imported_only_when_a_document_is_opened() -> None:
    """Nothing of documents/ is on the start path (the app and the store open
    without it: start-up must not move), PDFium not even when documents/ is."""
    code = (
        "import sys, phuly_tui.cli, phuly_tui.library, phuly_tui.store, phuly_tui.ui.prefetch,"
        " phuly_tui.ui.app;"
        "loaded = {m for m in sys.modules if m.split('.')[0] in ('pypdfium2', 'zipfile', 'xml')"
        " or m.startswith('phuly_tui.documents.')};"
        "assert not loaded, sorted(loaded);"
        "from phuly_tui.documents import read_document;"
        "assert 'pypdfium2' not in sys.modules, 'imported before a PDF is opened'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_two_threads_reading_pdfs_at_once_both_read_right() -> None:
    data = document_bytes(KH, PORTAL_DOCUMENTS)
    results: list[int] = []

    def work() -> None:
        for _ in range(5):
            results.append(len(read_document(data, "/KH.pdf").blocks))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [29] * 15


def test_every_pdfium_call_is_made_holding_the_one_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    """PDFium is not thread-safe: every call into it — pages, text, closing — is made
    while ``PDFIUM_LOCK`` is held, in any thread (the two-thread test above passes
    without the lock too; this one does not)."""
    from phuly_tui.documents import pdf

    raw = pdf.pdfium().raw
    # held by the calling thread (what threading.Condition asks an RLock)
    is_held = pdf.PDFIUM_LOCK._is_owned  # type: ignore[attr-defined]
    calls: list[str] = []
    outside: list[str] = []
    for name in dir(raw):
        real = getattr(raw, name)
        if not name.startswith("FPDF") or not callable(real) or isinstance(real, type):
            continue

        def spy(*args: object, _real: Any = real, _name: str = name) -> object:
            calls.append(_name)
            if not is_held():
                outside.append(_name)
            return _real(*args)

        monkeypatch.setattr(raw, name, spy)
    data = document_bytes(KH, PORTAL_DOCUMENTS)
    read: list[int] = []
    thread = threading.Thread(
        target=lambda: read.append(len(read_document(data, "/KH.pdf").blocks))
    )
    thread.start()
    thread.join()
    read.append(len(read_document(data, "/KH.pdf").blocks))
    assert read == [29, 29]
    assert {"FPDF_LoadMemDocument64", "FPDF_LoadPage", "FPDF_ClosePage"} <= set(calls)
    assert outside == []


def test_cancelling_stops_between_pages() -> None:
    pages = [text_page(f"Trang {n}") for n in range(1, 51)]
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3

    document = read_document(make_pdf(pages), "/dai.pdf", cancelled=cancelled)
    assert max(b.page or 0 for b in document.blocks) == 3
    assert document.truncated
