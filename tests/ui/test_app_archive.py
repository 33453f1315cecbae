"""Issue 14 in the app, what was left: a page never captured offers its listing's
capture (Enter), and the sync reads the archive when the portal is gone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.app_harness import NEWEST_TITLE, make_app, notifications, settle
from tests.support.fake_archive import CANONICAL, NEWEST, FakeArchive
from tests.support.portal_server import PortalServer

NOTICE = "Bản lưu trữ ngày 28/06/2025 (Internet Archive)"
SECTION = "/Pages/tin-tuc-su-kien.aspx"
NEWEST_PATH = "/Pages/thanh-pho-phu-ly-day-nhanh-tien-do-xoa-nha-tam-nha-dot-nat.aspx"


async def test_a_page_never_captured_offers_its_listings_capture_on_enter(
    fresh_portal: PortalServer, fake_archive: FakeArchive, tmp_path: Path
) -> None:
    fake_archive.forget(NEWEST_PATH)
    data = tmp_path / "data"
    options: dict[str, Any] = {"archive": "auto", "archive_url": fake_archive.url}
    app = make_app(fresh_portal.url, data, **options)
    async with app.run_test(size=(120, 36)) as pilot:  # the listing is stored, live
        await settle(pilot)
        assert app.main.article_list.items[0].title == NEWEST_TITLE
    fresh_portal.stop()  # the portal is gone; same address, nothing answers
    app = make_app(fresh_portal.url, data, **options)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = app.main
        await pilot.press("enter")  # the newest article: never opened, never captured
        await settle(pilot)
        assert main.reader.article is None
        text = main.reader.text
        assert "Trang này không có trong kho lưu trữ" in text
        assert "Nhấn Enter để mở bản lưu trữ của mục Tin tức - Sự kiện (ngày 28/06/2025)" in text
        asked = len(fake_archive.requests)
        await pilot.press("enter")
        await settle(pilot)
        # the listing's capture, in the article list, saying where it came from
        replay = f"/web/{NEWEST}id_/{CANONICAL}{SECTION}"
        assert [r.path for r in fake_archive.requests[asked:]] == [replay]
        assert main.article_list.section is not None
        assert main.article_list.section.name == "Tin tức - Sự kiện"
        assert main.article_list.pages[0].url == fresh_portal.url + SECTION
        assert main.article_list.items[0].title == NEWEST_TITLE
        assert NOTICE in main.status.text
        assert app.focused is main.article_list
        # Enter on an article that opens is Enter on an article, not an offer
        await pilot.press("j", "enter")
        await settle(pilot)
        assert main.reader.article is not None
        asked = len(fake_archive.requests)
        await pilot.press("enter")
        await settle(pilot)
        assert len(fake_archive.requests) == asked
        assert main.reader.article is not None


async def test_a_page_whose_listing_is_unknown_offers_nothing(
    fake_archive: FakeArchive, tmp_path: Path
) -> None:
    from tests.conftest import CLOSED_URL

    fake_archive.forget(NEWEST_PATH)
    fake_archive.forget(SECTION)  # its listing is nowhere: neither stored nor captured
    app = make_app(
        CLOSED_URL,
        tmp_path / "data",
        url=CLOSED_URL + NEWEST_PATH,
        archive="auto",
        archive_url=fake_archive.url,
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        text = app.main.reader.text
        assert "Trang này không có trong kho lưu trữ" in text
        assert "Nhấn Enter" not in text


async def test_sync_with_the_portal_gone_reads_the_archive_with_its_waits_in_the_status_line(
    fake_archive: FakeArchive, tmp_path: Path
) -> None:
    """The app's sync (command palette) with the portal unreachable does what
    ``sync --from-archive`` does, paced, each wait shown in the status line."""
    from phuly_tui.archive import shared_bucket
    from tests.conftest import CLOSED_URL

    rate = 20
    shared_bucket(rate).configure(rate, window=0.3)  # a minute shrunk to 0.3 s
    fake_archive.window, fake_archive.limit = 0.3, rate
    app = make_app(
        CLOSED_URL, tmp_path / "data", archive="auto", archive_url=fake_archive.url,
        archive_rate=rate,
    )  # fmt: skip
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        shown: list[str] = []
        status = app.main.status
        real = status.set_activity

        def record(text: str | None) -> None:
            shown.append(text or "")
            real(text)

        status.set_activity = record  # type: ignore[method-assign]
        asked = fake_archive.count(f"/web/{NEWEST}id_/")
        app.main.sync()  # what the palette's "Đồng bộ" runs
        for _ in range(500):  # the notice comes first (it times out before the end)
            if any(text.startswith("Đang đồng bộ từ") for text in shown):
                break
            await pilot.pause(0.01)
        said = [m for title, m in notifications(app) if title == "Đồng bộ"]
        assert said[0].startswith("Cổng thông tin không trả lời: đồng bộ từ Internet Archive")
        await settle(pilot, rounds=8)
        said = [m for title, m in notifications(app) if title == "Đồng bộ"]
        assert said[-1].startswith("Xong: ")
        assert "0 lỗi" in said[-1]
        assert any(text.startswith("Đang đồng bộ từ Internet Archive") for text in shown)
        waits = [text for text in shown if "chờ 1 giây (giới hạn tốc độ)" in text]
        assert waits, shown
        assert shown[-1] == ""  # cleared at the end
        # captures of the listings and their articles were read, within the rate
        assert fake_archive.count(f"/web/{NEWEST}id_/") - asked > 20
        assert fake_archive.max_in_window() <= rate
    stored = app.library.cached_article(
        CLOSED_URL + "/Pages/khoi-cong-xay-dung-khu-nha-o-xa-hoi-tai-phuong-thanh-chau.aspx"
    )
    assert stored is not None
    assert stored.archived is not None


async def test_sync_with_the_portal_up_does_not_ask_the_archive(
    fresh_portal: PortalServer, fake_archive: FakeArchive, tmp_path: Path
) -> None:
    fake_archive.forbid()  # any request to it fails the test
    app = make_app(
        fresh_portal.url, tmp_path / "data", archive="auto", archive_url=fake_archive.url
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.main.sync()
        await settle(pilot, rounds=5)
        said = [m for title, m in notifications(app) if title == "Đồng bộ"]
        assert len(said) == 1
        assert said[0].startswith("Xong: ")
    assert fake_archive.requests == []
