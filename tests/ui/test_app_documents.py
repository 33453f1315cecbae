"""Documents in the reader pane (issue 13): attachments read as text, ``s``, ``D``, citations.

Every test drives the real app against the local portal server, which serves
the real PDFs and DOCX of ``tests/fixtures/portal``.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from phuly_tui.ui.app import PhulyApp
from phuly_tui.ui.screens.documents import DocumentsScreen
from phuly_tui.ui.screens.picker import PickerScreen
from tests.support import faults
from tests.support.app_harness import make_app, notifications, settle
from tests.support.documents import PRODUCER_DOCUMENTS
from tests.support.portal_server import PortalServer

PLAN_PATH = (
    "/Pages/ke-hoach-cao-diem-bao-dam-trat-tu-an-toan-giao-thong-dip-tet-nguyen-dan-giap-thin.aspx"
)
PLAN_PDF = "/Documents/2024/01/KH-18-UBND.pdf"
SESSION_PATH = "/Pages/ky-hop-thuong-le-giua-nam-2024-hdnd-thanh-pho-phu-ly.aspx"
SESSION_PDF = "/Documents/2024/07/NQ-HDND-ky-hop-giua-nam-2024.pdf"
SCAN_PATH = (
    "/Pages/lay-y-kien-nhan-dan-ve-do-an-quy-hoach-chi-tiet-khu-dan-cu-phuong-liem-chinh.aspx"
)
HIRING_PATH = "/Pages/thong-bao-tuyen-dung-vien-chuc-giao-duc-nam-2024.aspx"
#: a notice of the city council citing the session's resolution 07/2024/NQ-HĐND (reportlab)
CITING_PDF = "/Documents/2024/08/TB-09-HDND.pdf"


@pytest.fixture
def no_graphical_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "PHULY_TUI_OPENER", "WSL_DISTRO_NAME", "BROWSER"):
        monkeypatch.delenv(name, raising=False)


def _number(app: PhulyApp) -> str | None:
    """The number of the document the reader shows (None: it shows no document)."""
    document = app.main.reader.document
    return document.info.number if document is not None else None


def _citing_app(fresh_portal: PortalServer, tmp_path: Path) -> PhulyApp:
    """The session's page, whose first attachment (07/2024/NQ-HĐND) the notice at
    CITING_PDF (made with reportlab) cites as [1]."""
    citing = (PRODUCER_DOCUMENTS / "reportlab-thong-bao.pdf").read_bytes()
    fresh_portal.routes[CITING_PDF] = faults.bytes_response(citing, "application/pdf")
    return make_app(fresh_portal.url, tmp_path / "data", url=fresh_portal.url + SESSION_PATH)


async def _read_the_citing_notice(pilot: Any, fresh_portal: PortalServer) -> None:
    """Read the session's resolution (known by its number once read), then the notice."""
    app = pilot.app
    await _open_first_attachment(pilot)
    assert _number(app) == "07/2024/NQ-HĐND"
    app.main.follow_link(fresh_portal.url + CITING_PDF)
    await settle(pilot)
    assert _number(app) == "09/TB-HĐND"


async def _open_first_attachment(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PickerScreen)
    await pilot.press("1")
    await settle(pilot)


async def test_a_opens_a_pdf_in_the_reader_with_its_card_and_cited_links(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data", url=portal.url + PLAN_PATH)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_first_attachment(pilot)
        reader = app.main.reader
        assert reader.document is not None
        assert reader.article is None
        assert reader.file_url == portal.url + PLAN_PDF
        text = reader.text
        for label, value in (
            ("Số, ký hiệu", "18/KH-UBND"),
            ("Loại văn bản", "Kế hoạch"),
            ("Ngày ban hành", "15/01/2024"),
            ("Cơ quan ban hành", "ỦY BAN NHÂN DÂN THÀNH PHỐ PHỦ LÝ"),
            ("Trích yếu", "Cao điểm bảo đảm trật tự an toàn giao thông"),
            ("Tệp", "PDF · 1 trang · KH-18-UBND.pdf"),
        ):
            assert f"{label:<16}  {value}" in text  # the card: labels in one column
        # reflowed: one paragraph per "Căn cứ", its cited number a numbered link
        assert "Căn cứ Kế hoạch số 45/KH-UBND[2] ngày 10/01/2024 của Ủy ban nhân dân tỉnh" in text
        assert "Chỉ thị số 16/CT-TTg[1]" in text
        assert [link.text for link in reader.links] == ["16/CT-TTg", "45/KH-UBND"]
        assert app.focused is reader
        # the keys of an article: f finds in the document
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"tet nguyen dan")
        await pilot.pause()
        assert len(reader.matches) >= 2


async def test_a_multi_page_pdf_shows_where_each_page_begins(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data", url=portal.url + SESSION_PATH)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_first_attachment(pilot)
        text = app.main.reader.text
        assert "— Trang 2/3 —" in text
        assert "— Trang 3/3 —" in text
        assert text.index("— Trang 2/3 —") < text.index("— Trang 3/3 —")
        assert "— Trang 1/3 —" not in text  # the card says where page 1 begins


async def test_a_docx_keeps_its_table(portal: PortalServer, tmp_path: Path) -> None:
    app = make_app(portal.url, tmp_path / "data", url=portal.url + HIRING_PATH)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("2")  # [DOCX] Mẫu phiếu đăng ký dự tuyển
        await settle(pilot)
        reader = app.main.reader
        assert reader.document is not None
        assert reader.document.format == "docx"
        from phuly_tui.ui.widgets.article_body import TablePiece

        assert any(isinstance(piece, TablePiece) for piece in reader.rendered.blocks)


async def test_s_saves_the_file_never_over_a_file_of_the_users(
    portal: PortalServer, tmp_path: Path
) -> None:
    from phuly_tui.paths import downloads_dir

    folder = downloads_dir()
    folder.mkdir(parents=True)
    mine = folder / "KH-18-UBND.pdf"
    mine.write_bytes(b"%PDF my own plan")
    app = make_app(portal.url, tmp_path / "data", url=portal.url + PLAN_PATH)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_first_attachment(pilot)
        for _ in range(2):  # twice: the same file is not saved again
            await pilot.press("s")
            await settle(pilot)
        said = [message for _title, message in notifications(app)]
    assert mine.read_bytes() == b"%PDF my own plan"
    saved = folder / "KH-18-UBND-2.pdf"
    assert saved.read_bytes() == (portal.site.root / "site" / PLAN_PDF.lstrip("/")).read_bytes()
    assert {p.name for p in folder.iterdir()} == {mine.name, saved.name}
    assert f"Đã lưu tệp vào {saved}" in said


async def test_backspace_goes_back_to_the_article_and_forward_to_the_document(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data", url=portal.url + PLAN_PATH)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_first_attachment(pilot)
        reader = app.main.reader
        assert reader.document is not None
        await pilot.press("backspace")
        await settle(pilot)
        assert reader.document is None
        assert reader.file_url is None
        assert reader.article is not None
        assert reader.article.url == portal.url + PLAN_PATH
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert _number(app) == "18/KH-UBND"


async def test_a_scanned_pdf_says_so_in_one_line_and_offers_o_and_s(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data", url=portal.url + SCAN_PATH)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_first_attachment(pilot)
        reader = app.main.reader
        lines = reader.text.splitlines()
        assert "Bản quét, không có lớp chữ — 2 trang" in lines
        assert any(line.startswith("o: mở bằng ứng dụng khác · s: lưu") for line in lines)
        assert reader.file_url == portal.url + "/Documents/2024/05/QH-khu-dan-cu-Liem-Chinh.pdf"
        await pilot.press("s")
        await settle(pilot)
    assert list((tmp_path / "home").rglob("QH-khu-dan-cu-Liem-Chinh.pdf"))


async def test_a_zip_says_it_cannot_be_shown_and_s_still_saves_it(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    zipped = b"PK\x03\x04" + b"\x00" * 60
    fresh_portal.routes["/Documents/2024/08/ho-so.zip"] = faults.bytes_response(
        zipped, "application/zip"
    )
    app = make_app(fresh_portal.url, tmp_path / "data", url=fresh_portal.url + HIRING_PATH)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.main.follow_link(fresh_portal.url + "/Documents/2024/08/ho-so.zip")
        await settle(pilot)
        reader = app.main.reader
        assert "Không hiển thị được tệp ZIP trong terminal — mở: o, lưu: s" in reader.text
        assert reader.text.strip(), "never an empty pane"
        # nothing was fetched to say so
        assert not [r for r in fresh_portal.requests if r[1].endswith(".zip")]
        await pilot.press("s")
        await settle(pilot)
    saved = list((tmp_path / "home").rglob("ho-so.zip"))
    assert [path.read_bytes() for path in saved] == [zipped]


async def test_escape_cancels_a_slow_document_and_the_article_stays(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    pdf = (fresh_portal.site.root / "site" / PLAN_PDF.lstrip("/")).read_bytes()
    fresh_portal.routes[PLAN_PDF] = faults.slow_headers(
        1.5, then=faults.bytes_response(pdf, "application/pdf")
    )
    app = make_app(fresh_portal.url, tmp_path / "data", url=fresh_portal.url + PLAN_PATH)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause(0.2)
        assert app.main.reader.document is None  # still on its way
        await pilot.press("escape")
        await settle(pilot)
        await pilot.pause(1.6)  # past the server's answer: nothing shows up late
        await settle(pilot)
        reader = app.main.reader
        assert reader.document is None
        assert reader.article is not None
        assert reader.article.url == fresh_portal.url + PLAN_PATH
        assert ("Hủy", "Đã hủy tải.") in notifications(app)
        assert app.main.status.activity == ""  # "Đang đọc …" is gone


async def test_escape_stops_the_extraction_itself(
    portal: PortalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reading thread sees the worker cancelled (``cancelled=``), between pages."""
    import phuly_tui.documents as documents

    real = documents.read_document
    started = threading.Event()
    seen: list[bool] = []

    def reading(data: bytes, url: str, **options: Any) -> Any:
        cancelled = options["cancelled"]
        started.set()
        for _ in range(500):  # a long document: pages go by until Esc
            if cancelled():
                seen.append(True)
                break
            threading.Event().wait(0.01)
        else:
            seen.append(False)
        return real(data, url, **options)

    monkeypatch.setattr(documents, "read_document", reading)
    app = make_app(portal.url, tmp_path / "data", url=portal.url + PLAN_PATH)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("1")
        for _ in range(300):
            if started.is_set():
                break
            await pilot.pause(0.01)
        assert started.is_set()
        await pilot.press("escape")
        for _ in range(300):
            if seen:
                break
            await pilot.pause(0.01)
        await settle(pilot)
        assert seen == [True]
        assert app.main.reader.document is None


async def test_a_document_over_the_attachment_cap_says_so(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(
        portal.url, tmp_path / "data", url=portal.url + PLAN_PATH, attachment_max_mb=0.001
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_first_attachment(pilot)
        reader = app.main.reader
        assert reader.document is None
        assert "lớn hơn giới hạn 0.001 MB (attachment_max_mb)" in reader.text
        await pilot.press("s")  # the cap holds for saving too
        await settle(pilot)
        assert any("attachment_max_mb" in message for _t, message in notifications(app))
    assert not list((tmp_path / "home").rglob("KH-18-UBND*.pdf"))


async def test_d_lists_known_documents_and_enter_reads_one(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data", url=portal.url + PLAN_PATH)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_first_attachment(pilot)  # read once: its number and citations are known
        await pilot.press("backspace")
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        view = app.screen
        assert isinstance(view, DocumentsScreen)
        numbers = [d.number for d in view.shown]
        assert "18/KH-UBND" in numbers
        # the plan cites the province's plan 45/KH-UBND: known, with no file
        cited = [d for d in view.shown if d.number == "45/KH-UBND"]
        assert [d.url for d in cited] == [None]
        # filter by a type code
        await pilot.press("slash")
        await pilot.press("T", "B")
        await pilot.pause()
        assert list(view.shown) == []  # no notice (TB) is known yet: the status says so
        status = view.query_one("#documents-status", Static)
        assert "Không có văn bản nào khớp “TB”" in str(status.render())
        await pilot.press("backspace", "backspace", "K", "H")
        await pilot.pause()
        assert {d.doc_type_code for d in view.shown} == {"KH"}
        await pilot.press("enter")  # to the list
        index = [d.number for d in view.shown].index("18/KH-UBND")
        for _ in range(index):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.main
        reader = app.main.reader
        assert reader.document is not None
        assert reader.document.url == portal.url + PLAN_PDF


async def test_d_on_a_document_known_only_by_citation_says_it_has_no_file(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data", url=portal.url + PLAN_PATH)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_first_attachment(pilot)
        await pilot.press("D")
        await settle(pilot)
        view = app.screen
        assert isinstance(view, DocumentsScreen)
        index = [d.number for d in view.shown].index("45/KH-UBND")
        for _ in range(index):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is view  # nothing to read: the view stays and says why
        status = view.query_one("#documents-status", Static)
        assert "45/KH-UBND chưa có tệp" in str(status.render())


async def test_a_cited_number_opens_the_known_document_it_names(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    app = _citing_app(fresh_portal, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _read_the_citing_notice(pilot, fresh_portal)
        reader = app.main.reader
        assert "07/2024/NQ-HĐND[1]" in reader.text
        await pilot.press("2")  # 45-HD/TU: cited, not known
        await settle(pilot)
        assert any("45-HD/TU" in message for _t, message in notifications(app))
        assert _number(app) == "09/TB-HĐND"
        await pilot.press("1")
        await settle(pilot)
        assert reader.document is not None
        assert reader.document.url == fresh_portal.url + SESSION_PDF
        assert _number(app) == "07/2024/NQ-HĐND"
        await pilot.press("backspace")  # back to the notice that cited it
        await settle(pilot)
        assert _number(app) == "09/TB-HĐND"


async def test_l_on_a_document_lists_the_numbers_it_cites_and_opens_the_one_picked(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    app = _citing_app(fresh_portal, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _read_the_citing_notice(pilot, fresh_portal)
        reader = app.main.reader
        await pilot.press("L")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        assert picker._title == "Văn bản được dẫn"  # the cited numbers, not the body's links
        await pilot.press("1")
        await settle(pilot)
        assert reader.document is not None
        assert reader.document.url == fresh_portal.url + SESSION_PDF


async def test_e_and_y_export_and_copy_the_document_not_the_article(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data", url=portal.url + PLAN_PATH)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign,assignment]
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_first_attachment(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("Y", "y")
        await settle(pilot)
    exported = list((tmp_path / "home").rglob("*.md"))
    assert len(exported) == 1
    text = exported[0].read_text(encoding="utf-8")
    assert text.startswith("# Kế hoạch số 18/KH-UBND ngày 15/01/2024\n")  # the link's text
    assert "- **Số, ký hiệu:** 18/KH-UBND" in text
    # the portal's own address, never the test server's
    assert "<https://phuly.hanam.gov.vn/Documents/2024/01/KH-18-UBND.pdf>" in text
    assert copied[0].startswith("Kế hoạch số 18/KH-UBND ngày 15/01/2024\n")
    assert "Số, ký hiệu: 18/KH-UBND" in copied[0]
    assert copied[1] == portal.url + PLAN_PDF  # y: the document's address


def _key_bar_line(app: PhulyApp) -> str:
    """The key bar's line as the terminal shows it (cut with "…" when too long)."""
    from phuly_tui.ui.widgets.key_bar import KeyBar

    return app.main.query_one(KeyBar).render().plain


async def test_the_key_bar_names_what_the_digits_open_for_what_the_reader_shows(
    portal: PortalServer, tmp_path: Path
) -> None:
    """On an article 1–9 open related news; on a document, the documents it cites."""
    app = make_app(portal.url, tmp_path / "data", url=portal.url + PLAN_PATH)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.focused is app.main.reader
        assert app.main.reader.article is not None
        assert _key_bar_line(app).startswith("1-9 Tin liên quan  Bksp Quay lại")
        await _open_first_attachment(pilot)
        assert _number(app) == "18/KH-UBND"
        line = _key_bar_line(app)
        assert line.startswith("1-9 Văn bản được dẫn  Bksp Quay lại")
        assert "Tin liên quan" not in line
        await pilot.press("backspace")  # the article again: its related news
        await settle(pilot)
        assert app.main.reader.article is not None
        assert _key_bar_line(app).startswith("1-9 Tin liên quan  Bksp Quay lại")


async def test_the_key_bar_names_the_cited_documents_in_english(
    portal: PortalServer, tmp_path: Path
) -> None:
    from phuly_tui.i18n import set_language

    app = make_app(portal.url, tmp_path / "data", url=portal.url + PLAN_PATH, lang="en")
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await _open_first_attachment(pilot)
            assert _number(app) == "18/KH-UBND"
            line = _key_bar_line(app)
            assert line.startswith("1-9 Cited documents  Bksp Back")
            assert "Related" not in line
    finally:
        set_language("vi")


async def test_b_m_o_and_shift_e_act_on_the_open_document(
    portal: PortalServer, tmp_path: Path, no_graphical_browser: None
) -> None:
    """``b``, ``m``, ``o`` and ``E`` take the document the reader shows, not the
    article it is attached to (issue 13: "o, y, b, m act on the open document")."""
    from phuly_tui.paths import downloads_dir

    article_url, document_url = portal.url + PLAN_PATH, portal.url + PLAN_PDF
    app = make_app(portal.url, tmp_path / "data", url=article_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_first_attachment(pilot)
        assert app.main.reader.file_url == document_url
        library = app.library
        await pilot.press("b")
        await settle(pilot)
        assert [bookmark.url for bookmark in library.bookmarks()] == [document_url]
        was_read = document_url in library.read_urls([document_url])
        await pilot.press("m")
        await settle(pilot)
        assert (document_url in library.read_urls([document_url])) is not was_read
        assert article_url in library.read_urls([article_url])  # read when opened, untouched
        app.clear_notifications()
        await pilot.press("o")  # no display: the file is fetched and its path said
        await settle(pilot)
        fetched = downloads_dir() / "KH-18-UBND.pdf"
        assert (
            fetched.read_bytes() == (portal.site.root / "site" / PLAN_PDF.lstrip("/")).read_bytes()
        )
        assert any(str(fetched) in message for _title, message in notifications(app))
        await pilot.press("E")
        await settle(pilot)
    (text,) = (tmp_path / "home").rglob("*.txt")
    assert text.read_text(encoding="utf-8").startswith("Kế hoạch số 18/KH-UBND ngày 15/01/2024\n")


@pytest.fixture
def synced_documents(portal: PortalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder where ``sync --attachments`` stored "Chỉ đạo điều hành" and the
    documents its articles attach."""
    from phuly_tui.cli import EXIT_OK, main

    data = tmp_path / "data"
    monkeypatch.setenv("PHULY_TUI_DATA_DIR", str(data))
    sync = ["sync", "--sections", "chi-dao-dieu-hanh", "--pages", "1", "--attachments"]
    assert main(["--base-url", portal.url, *sync]) == EXIT_OK
    return data


async def test_search_in_the_app_finds_words_inside_documents_and_numbers(
    portal: PortalServer, synced_documents: Path
) -> None:
    """Issue 13, "Done when": search by words inside documents and by number works in
    the app (the CLI's tests read the JSON only); Enter reads the document found."""
    from textual.widgets import Input

    from phuly_tui.ui.screens.search import SearchScreen

    app = make_app(portal.url, synced_documents)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        box = screen.query_one("#search-input", Input)
        box.value = "18 KH UBND"  # a number: the document first, then its article
        await pilot.pause(SearchScreen.DEBOUNCE + 0.05)
        await settle(pilot)
        assert [hit.url for hit in screen.results[:2]] == [
            portal.url + PLAN_PDF,
            portal.url + PLAN_PATH,
        ]
        box.value = "lo mom long mong"  # words inside a document only
        await pilot.pause(SearchScreen.DEBOUNCE + 0.05)
        await settle(pilot)
        assert [hit.url for hit in screen.results] == [
            portal.url + "/Documents/2024/12/CV-2145-UBND-KT.pdf"
        ]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.main
        assert _number(app) == "2145/UBND-KT"
        assert "lở mồm long móng" in app.main.reader.text


async def test_a_bookmarked_document_is_listed_under_its_title_not_its_url(
    portal: PortalServer, tmp_path: Path
) -> None:
    """``b`` on a document, then ``B``: the row shows the title the reader's card shows
    (the link's text in the article) and its issued date; Enter reads it again."""
    from phuly_tui.ui.screens.bookmarks import BookmarksScreen
    from tests.support.screen_dump import screen_text

    app = make_app(portal.url, tmp_path / "data", url=portal.url + PLAN_PATH)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_first_attachment(pilot)
        document = app.main.reader.document
        assert document is not None
        assert document.title == "Kế hoạch số 18/KH-UBND ngày 15/01/2024"
        await pilot.press("b")
        await settle(pilot)
        app.main.open_article(portal.url + PLAN_PATH)  # away from the document
        await settle(pilot)
        await pilot.press("B")
        await settle(pilot)
        assert isinstance(app.screen, BookmarksScreen)
        text = screen_text(app)
        assert "Kế hoạch số 18/KH-UBND ngày 15/01/2024" in text
        assert "15/01/2024" in text.split("Kế hoạch số 18/KH-UBND ngày 15/01/2024", 1)[1]
        assert "KH-18-UBND.pdf" not in text  # not under its address
        await pilot.press("enter")
        await settle(pilot)
        assert _number(app) == "18/KH-UBND"
