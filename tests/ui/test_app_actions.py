"""Keys that act on the article: m/M/b/B, y, o, r, e, ?, q, Escape, f, /, a, L."""

from __future__ import annotations

from pathlib import Path

import pytest

from phuly_tui.ui.screens.bookmarks import BookmarksScreen
from phuly_tui.ui.screens.confirm import ConfirmScreen
from phuly_tui.ui.screens.help import HelpScreen
from phuly_tui.ui.screens.picker import PickerScreen
from phuly_tui.ui.screens.search import SearchScreen
from tests.support import faults
from tests.support.app_harness import SEED_PATH, make_app, notifications, settle
from tests.support.portal_server import PortalServer

DIGITAL_PATH = "/Pages/phu-ly-huong-ung-ngay-chuyen-doi-so-quoc-gia-10-10-2024.aspx"
HIRING_PATH = "/Pages/thong-bao-tuyen-dung-vien-chuc-giao-duc-nam-2024.aspx"


@pytest.fixture
def no_graphical_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    """A session with no display: nothing graphical can open a URL."""
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "PHULY_TUI_OPENER", "WSL_DISTRO_NAME", "BROWSER"):
        monkeypatch.delenv(name, raising=False)


async def test_m_toggles_read_and_b_toggles_bookmark(portal: PortalServer, tmp_path: Path) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        articles = app.main.article_list
        first = articles.items[0].url
        assert first not in articles.read
        await pilot.press("m")
        await settle(pilot)
        assert first in articles.read
        assert app.library.read_urls([first]) == {first}
        assert "9 chưa đọc" in app.main.status.text
        prompt = articles.prompt_at(0)
        assert prompt.style == "dim"
        await pilot.press("m")
        await settle(pilot)
        assert first not in articles.read
        assert app.library.read_urls([first]) == set()
        await pilot.press("b")
        await settle(pilot)
        assert [b.url for b in app.library.bookmarks()] == [first]
        await pilot.press("B")
        await settle(pilot)
        assert isinstance(app.screen, BookmarksScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.reader.article is not None
        assert app.main.reader.article.url == first
        await pilot.press("b")
        await settle(pilot)
        assert app.library.bookmarks() == []


async def test_shift_m_marks_the_whole_section_read(portal: PortalServer, tmp_path: Path) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        articles = app.main.article_list
        await pilot.press("M")
        await settle(pilot)
        urls = [item.url for item in articles.items]
        assert set(urls) <= articles.read
        assert app.library.read_urls(urls) == set(urls)
        assert "0 chưa đọc" in app.main.status.text
        assert "(" not in str(
            app.main.section_list.get_option_at_index(1).prompt
        )  # after "Tin mới"


async def test_y_copies_the_url_and_o_without_a_browser_shows_and_copies_it(
    portal: PortalServer, tmp_path: Path, no_graphical_browser: None
) -> None:
    seed = portal.url + SEED_PATH
    app = make_app(portal.url, tmp_path / "data", url=seed)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        assert app.clipboard == seed
        assert any(seed in message for _, message in notifications(app))
        app.copy_to_clipboard("")
        await pilot.press("o")
        await settle(pilot)
        assert app.clipboard == seed
        title, message = notifications(app)[-1]
        assert title == "Trình duyệt"
        assert seed in message
        assert app.is_running


async def test_r_reloads_the_listing_and_the_article(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(fresh_portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        listing_requests = sum(1 for _, target, _ in fresh_portal.requests if "tin-tuc" in target)
        await pilot.press("r")
        await settle(pilot)
        after = sum(1 for _, target, _ in fresh_portal.requests if "tin-tuc" in target)
        assert after == listing_requests + 1
        assert fresh_portal.requests[-1][2] == 304  # conditional: nothing changed
        await pilot.press("enter")
        await settle(pilot)
        url = app.main.reader.article.url  # type: ignore[union-attr]
        path = url.removeprefix(fresh_portal.url)
        before = sum(1 for _, target, _ in fresh_portal.requests if target == path)
        await pilot.press("r")
        await settle(pilot)
        assert sum(1 for _, target, _ in fresh_portal.requests if target == path) == before + 1
        assert app.main.reader.article is not None
        assert app.main.reader.article.url == url


async def test_question_mark_shows_help_and_q_quits(portal: PortalServer, tmp_path: Path) -> None:
    app = make_app(portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_escape_cancels_a_slow_load(fresh_portal: PortalServer, tmp_path: Path) -> None:
    app = make_app(fresh_portal.url, tmp_path / "data")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        before = app.main.reader.text
        fresh_portal.latency = 3.0
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert app.main.reader.body.loading
        await pilot.press("escape")
        await pilot.pause()
        assert not app.main.reader.body.loading
        assert app.main.reader.article is None
        assert app.main.reader.text == before
        assert ("Hủy", "Đã hủy tải.") in notifications(app)
        fresh_portal.latency = 0.0
        await pilot.press("down")  # still responsive
        assert app.main.article_list.highlighted == 1


async def test_f_finds_in_the_article_without_diacritics(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data", url=portal.url + SEED_PATH)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        reader = app.main.reader
        await pilot.press("f")
        await pilot.press(*"ban chi dao")
        await pilot.pause()
        assert len(reader.matches) >= 2  # title and lead at least
        assert reader.find_bar is not None
        assert "1/" in str(reader.find_bar.query_one("#find-count").render())
        await pilot.press("enter")
        assert reader.match_index == 1
        await pilot.press("escape")
        await pilot.pause()
        assert reader.matches == []
        assert app.focused is reader


async def test_slash_searches_and_opens_with_matches_highlighted(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data", url=portal.url + SEED_PATH)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)  # the seed is now stored, so search finds it
        await pilot.press("h", "slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("q", "question_mark", "backspace", "backspace")  # typed, not keys
        assert app.is_running
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"chi dao 35")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.main
        reader = app.main.reader
        assert reader.article is not None
        assert reader.article.url == portal.url + SEED_PATH
        assert reader.matches


async def test_l_lists_links_off_site_asks_first(
    portal: PortalServer, tmp_path: Path, no_graphical_browser: None
) -> None:
    app = make_app(portal.url, tmp_path / "data", url=portal.url + DIGITAL_PATH)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        reader = app.main.reader
        assert "Cổng Dịch vụ công quốc gia[1]" in reader.text
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("1")  # off-site: asks first, showing the URL
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main
        await pilot.press("L")
        await pilot.pause()
        await pilot.press("2")  # the portal's home page: the sections pane
        await settle(pilot)
        assert app.screen is app.main
        assert app.focused is app.main.section_list


async def test_a_lists_attachments_and_reads_the_chosen_document_in_the_reader(
    portal: PortalServer, tmp_path: Path, no_graphical_browser: None
) -> None:
    app = make_app(portal.url, tmp_path / "data", url=portal.url + HIRING_PATH)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        reader = app.main.reader
        assert "[PDF] " in reader.text
        assert "[DOCX] " in reader.text
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("1")
        await settle(pilot)
        assert reader.document is not None
        assert (
            reader.document.url
            == portal.url + "/Documents/2024/08/TB-tuyen-dung-vien-chuc-2024.pdf"
        )
        assert "285/TB-UBND" in reader.text
        # nothing is saved until s (see test_app_documents.py)
        assert not list((tmp_path / "home").rglob("TB-tuyen-dung-vien-chuc-2024.pdf"))


async def test_e_and_shift_e_export_the_article_as_markdown_and_text(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data", url=portal.url + SEED_PATH)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        exported = list((tmp_path / "home").rglob("*.md"))
        assert len(exported) == 1
        assert "Ban chỉ đạo 35" in exported[0].read_text(encoding="utf-8")
        await pilot.press("E")  # the same article as plain text, beside it
        await settle(pilot)
        texts = list((tmp_path / "home").rglob("*.txt"))
        assert len(texts) == 1
        assert texts[0].parent == exported[0].parent
        plain = texts[0].read_text(encoding="utf-8")
        assert plain.startswith("Ban chỉ đạo 35")
        assert "[Ảnh 1/6:" in plain
        assert "**" not in plain  # not Markdown


async def test_a_link_to_a_document_reads_it_and_a_file_as_page_is_read_too(
    fresh_portal: PortalServer, tmp_path: Path, no_graphical_browser: None
) -> None:
    """A link to a PDF opens it in the reader; so does a PDF behind a page's address;
    another file behind a page's address offers the browser."""
    pdf = (fresh_portal.site.root / "site" / "Documents/2024/01/KH-18-UBND.pdf").read_bytes()
    fresh_portal.routes["/Pages/ke-hoach-18.aspx"] = faults.bytes_response(pdf, "application/pdf")
    fresh_portal.routes["/Pages/anh.aspx"] = faults.bytes_response(b"\x89PNG\r\n", "image/png")
    app = make_app(fresh_portal.url, tmp_path / "data", url=fresh_portal.url + HIRING_PATH)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        reader = app.main.reader
        assert "tại đây[1]" in reader.text
        await pilot.press("L", "1")
        await settle(pilot)
        assert app.screen is app.main
        assert reader.document is not None
        assert reader.document.info.number == "285/TB-UBND"
        app.main.open_article(fresh_portal.url + "/Pages/ke-hoach-18.aspx")
        await settle(pilot)
        assert reader.document is not None
        assert reader.document.info.number == "18/KH-UBND"
        await pilot.press("backspace", "backspace")
        await settle(pilot)
        assert reader.article is not None
        app.main.open_article(fresh_portal.url + "/Pages/anh.aspx")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        # followed from the article being read: it stays, the notification says why
        assert "tại đây[1]" in reader.text
        assert any("không phải trang tin" in message for _, message in notifications(app))
