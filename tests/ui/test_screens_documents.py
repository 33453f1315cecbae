"""DocumentsScreen ("Văn bản", key D): rows, type filter (typed or with t), Enter, cited-only."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Label, Static

from phuly_tui.store import KnownDocument
from phuly_tui.ui.screens.documents import DocumentsScreen, document_prompt, matches_filter
from tests.support.screen_dump import screen_text

HOSTILE = "[@click=app.quit]Thoát[/] [bold]đậm[/bold]"
PLAN = KnownDocument(
    "18/KH-UBND",
    "Kế hoạch",
    "KH",
    "2024-01-15",
    "ỦY BAN NHÂN DÂN THÀNH PHỐ PHỦ LÝ",
    "Cao điểm bảo đảm trật tự an toàn giao thông",
    "Kế hoạch số 18/KH-UBND",
    "http://127.0.0.1/Documents/KH-18-UBND.pdf",
)
NOTICE = KnownDocument(
    "412/TB-UBND",
    "Thông báo",
    "TB",
    "2024-11-25",
    None,
    "Lịch tiếp công dân định kỳ tháng 12",
    "Thông báo số 412",
    "http://127.0.0.1/Documents/TB-412.pdf",
)
LETTER = KnownDocument(
    "2145/UBND-KT",
    "Công văn",
    None,
    "2024-12-02",
    None,
    "Tăng cường phòng chống dịch bệnh",
    "Công văn 2145",
    "http://127.0.0.1/Documents/CV-2145.pdf",
)
CITED = KnownDocument("45/KH-UBND", "Kế hoạch", "KH", None, None, None, "Kế hoạch số 45", None)


class HostApp(App[None]):
    def __init__(self, documents: Any) -> None:
        super().__init__()
        self.documents = documents
        self.results: list[tuple[str, str] | None] = []

    def compose(self) -> ComposeResult:
        yield Label("main")

    def open_view(self) -> DocumentsScreen:
        view = DocumentsScreen(self.documents)
        self.push_screen(view, self.results.append)
        return view


def status_of(view: DocumentsScreen) -> str:
    return str(view.query_one("#documents-status", Static).render())


async def test_rows_show_date_number_type_and_subject_and_enter_reads() -> None:
    app = HostApp([LETTER, NOTICE, PLAN, CITED])
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.open_view()
        await pilot.pause()
        text = screen_text(app)
        assert "Văn bản" in text
        assert "15/01/2024  18/KH-UBND  [Kế hoạch]" in text
        assert "Cao điểm bảo đảm trật tự an toàn giao thông · ỦY BAN NHÂN DÂN" in text
        assert "Kế hoạch số 45 — chưa có tệp — chỉ được nhắc đến" in text
        assert "4 văn bản · loại (t): KH, Công văn, TB" in status_of(view)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.results == [(PLAN.url, PLAN.title)]


async def test_a_document_known_only_by_citation_is_not_opened() -> None:
    app = HostApp([PLAN, CITED])
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.open_view()
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.results == []
        assert app.screen is view
        assert "Văn bản 45/KH-UBND chưa có tệp trên cổng" in status_of(view)


async def test_typing_a_type_code_or_name_filters_and_t_steps_through_types() -> None:
    app = HostApp([LETTER, NOTICE, PLAN, CITED])
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.open_view()
        await pilot.pause()
        await pilot.press("slash", "k", "h")
        await pilot.pause()
        assert [d.number for d in view.shown] == ["18/KH-UBND", "45/KH-UBND"]
        assert status_of(view) == "Kế hoạch: 2 văn bản"
        await pilot.press("enter")  # from the box to the list
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [(PLAN.url, PLAN.title)]

    app = HostApp([LETTER, NOTICE, PLAN, CITED])
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.open_view()
        await pilot.pause()
        await pilot.press("t")  # the most frequent type first
        await pilot.pause()
        assert {d.doc_type_code for d in view.shown} == {"KH"}
        await pilot.press("t")  # then by name: Công văn, TB
        await pilot.pause()
        assert [d.number for d in view.shown] == ["2145/UBND-KT"]
        await pilot.press("t")
        await pilot.pause()
        assert [d.number for d in view.shown] == ["412/TB-UBND"]
        await pilot.press("t")  # every type again
        await pilot.pause()
        assert len(view.shown) == 4


def test_a_file_known_only_by_its_link_is_one_line_without_a_blank_one() -> None:
    unread = KnownDocument(
        None, None, None, None, None, None, "Mẫu phiếu đăng ký", "http://x/m.docx"
    )
    assert document_prompt(unread).plain == "Mẫu phiếu đăng ký"
    assert document_prompt(PLAN).plain.startswith("15/01/2024  18/KH-UBND  [Kế hoạch]\nCao điểm")


def test_the_filter_reads_types_and_words_without_diacritics() -> None:
    assert matches_filter(PLAN, "ke hoach")
    assert matches_filter(LETTER, "Công văn")
    assert not matches_filter(PLAN, "cong van")
    assert matches_filter(NOTICE, "lich tiep")
    assert matches_filter(PLAN, "18/KH")
    assert not matches_filter(NOTICE, "giao thong")
    assert matches_filter(CITED, "")


async def test_text_from_documents_is_never_markup() -> None:
    hostile = KnownDocument(None, None, None, None, HOSTILE, HOSTILE, HOSTILE, "http://x/a.pdf")
    assert HOSTILE in document_prompt(hostile).plain
    app = HostApp([hostile])
    async with app.run_test(size=(120, 30)) as pilot:
        app.open_view()
        await pilot.pause()
        assert HOSTILE in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [("http://x/a.pdf", HOSTILE)]


async def test_a_failing_source_says_so_in_the_status_line() -> None:
    from phuly_tui.errors import StoreError

    def failing() -> list[KnownDocument]:
        raise StoreError(path="/tmp/x.db")

    app = HostApp(failing)
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.open_view()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert status_of(view).startswith("Không đọc được danh sách văn bản")
