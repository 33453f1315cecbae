"""Issue 14 in the app: an archived article says so; ``A`` lists its captures."""

from __future__ import annotations

import asyncio
from pathlib import Path

from phuly_tui.cli import main
from phuly_tui.ui.app import PhulyApp
from phuly_tui.ui.screens.captures import CapturesScreen
from tests.conftest import CLOSED_URL
from tests.support.app_harness import SEED_PATH, SEED_TITLE, make_app, notifications, settle
from tests.support.fake_archive import CANONICAL, NEWEST, OLDER_MARK, FakeArchive
from tests.support.portal_server import PortalServer

NOTICE = "Bản lưu trữ ngày 28/06/2025 (Internet Archive)"


def portal_gone_app(fake_archive: FakeArchive, tmp_path: Path) -> PhulyApp:
    """The app opening the seed article with the portal closed: read from the archive."""
    return make_app(
        CLOSED_URL,
        tmp_path / "data",
        url=CLOSED_URL + SEED_PATH,
        archive="auto",
        archive_url=fake_archive.url,
    )


async def test_portal_gone_the_reader_and_status_line_say_archived_and_a_reads_older(
    fake_archive: FakeArchive, tmp_path: Path
) -> None:
    app = portal_gone_app(fake_archive, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.main.reader
        assert reader.article is not None
        assert reader.article.title.startswith(SEED_TITLE)
        assert NOTICE in reader.text
        assert NOTICE in app.main.status.text
        await pilot.press("A")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, CapturesScreen)
        rows = [row for row, _ in picker._items]
        assert rows == ["28/06/2025 17:11", "04/11/2024 05:00", "15/01/2024 15:30"]
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, CapturesScreen)
        assert reader.article is not None
        assert reader.article.title.endswith(f"{OLDER_MARK} 2024")
        assert "Bản lưu trữ ngày 15/01/2024 (Internet Archive)" in reader.text
        assert "Bản lưu trữ ngày 15/01/2024 (Internet Archive)" in app.main.status.text


async def test_a_link_in_an_archived_article_is_the_portals_and_read_from_the_archive_again(
    fake_archive: FakeArchive, tmp_path: Path
) -> None:
    """Issue 14: links inside an archived page are the portal's own; following one
    stays in the app and, the portal being gone, goes through the archive again."""
    app = portal_gone_app(fake_archive, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reader = app.main.reader
        assert reader.article is not None
        related = reader.article.related[0]
        assert related.url.startswith(CLOSED_URL + "/Pages/")  # the portal's, not the capture's
        asked = len(fake_archive.requests)
        await pilot.press("1")
        await settle(pilot, rounds=5)
        assert reader.article is not None
        assert reader.article.url == related.url
        assert reader.article.title == related.title
        assert NOTICE in reader.text
        assert NOTICE in app.main.status.text
        path = related.url.removeprefix(CLOSED_URL)
        replays = [r.path for r in fake_archive.requests[asked:] if r.path.startswith("/web/")]
        assert replays == [f"/web/{NEWEST}id_/{CANONICAL}{path}"]
        await pilot.press("backspace")
        await settle(pilot)
        assert reader.article is not None
        assert reader.article.title.startswith(SEED_TITLE)


async def test_a_offline_without_a_stored_capture_list_says_the_archive_was_not_asked(
    portal: PortalServer, fake_archive: FakeArchive, tmp_path: Path
) -> None:
    """``A`` offline on an article the store has, whose captures were never listed:
    the notice says no list is stored, not that the page is not in the archive."""
    fake_archive.forbid()
    data = tmp_path / "data"
    stored = ["--base-url", portal.url, "--data-dir", str(data), "read", SEED_PATH]
    assert await asyncio.to_thread(main, stored) == 0  # the article is in the store
    app = make_app(
        portal.url,
        data,
        url=portal.url + SEED_PATH,
        offline=True,
        archive="auto",
        archive_url=fake_archive.url,
    )
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert app.main.reader.article is not None
        await pilot.press("A")
        await settle(pilot)
        assert not isinstance(app.screen, CapturesScreen)
        said = " ".join(message for _title, message in notifications(app))
        assert "Kho dữ liệu chưa có danh sách bản lưu trữ" in said
        assert "chế độ ngoại tuyến không hỏi Internet Archive" in said
        titles = {title for title, message in notifications(app) if "bản lưu trữ" in message}
        assert titles == {"Chưa có bản lưu (ngoại tuyến)"}  # not "Kho lưu trữ": not asked
        assert "không có trong kho lưu trữ" not in said
    assert fake_archive.requests == []


async def test_a_429_in_the_app_is_said_and_waited_out(
    fake_archive: FakeArchive, tmp_path: Path
) -> None:
    fake_archive.throttle(1)
    app = portal_gone_app(fake_archive, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert app.main.reader.article is not None
        assert NOTICE in app.main.reader.text
        said = " ".join(message for _title, message in notifications(app))
        assert "Internet Archive yêu cầu chờ 1 giây" in said


def test_demo_archive_mode_reads_the_bundled_captures(capsys: object) -> None:
    import json

    import pytest

    capture: pytest.CaptureFixture[str] = capsys  # type: ignore[assignment]
    code = main(["--demo-archive", "read", SEED_PATH, "--json"])
    out, err = capture.readouterr()
    assert code == 0, err
    assert NOTICE in err
    data = json.loads(out)
    assert data["title"].startswith(SEED_TITLE)
    assert data["source"]["kind"] == "archive"


def test_no_demo_capture_predates_the_article_it_holds(capsys: object) -> None:
    """The demo archive's captures of an article are all later than its date (the
    demo once offered a 15/01/2024 capture of a page published in November 2024)."""
    import json

    import pytest

    capture: pytest.CaptureFixture[str] = capsys  # type: ignore[assignment]
    assert main(["--demo-archive", "list", "tin-tuc-su-kien", "--json"]) == 0
    items = json.loads(capture.readouterr().out)["items"]
    newest = max(item["published"][:10] for item in items if item["published"])
    assert main(["--demo-archive", "captures", items[0]["url"], "--json"]) == 0
    captured = [c["captured"][:10] for c in json.loads(capture.readouterr().out)]
    assert len(captured) == 2
    assert min(captured) >= newest


async def test_y_copies_an_archived_article_with_the_same_citation_as_the_text_export(
    fake_archive: FakeArchive, tmp_path: Path
) -> None:
    """``Y`` copies what ``E`` writes: the archived copy's notice and capture
    address beside "Nguồn:" (the copy once left them out)."""
    app = portal_gone_app(fake_archive, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.main.reader.article is not None
        await pilot.press("E")
        await settle(pilot)
        texts = list((tmp_path / "home").rglob("*.txt"))
        assert len(texts) == 1
        exported = texts[0].read_text(encoding="utf-8")
        assert NOTICE in exported
        await pilot.press("Y")
        await pilot.pause()
        assert "Đã sao chép nội dung bài" in notifications(app)[-1][1]
    assert NOTICE in app.clipboard
    assert fake_archive.url in app.clipboard
    assert app.clipboard == exported
