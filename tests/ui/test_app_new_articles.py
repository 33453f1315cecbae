""" "Tin mới": the first entry of the sections pane (issue 11, item 11).

The unread articles of every stored section, newest first (undated last, at
most 200), each with its section's name; the app still opens on the portal's
first section.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from phuly_tui.config import Config
from phuly_tui.library import Library
from phuly_tui.model import Listing, ListingItem
from phuly_tui.store import open_store
from phuly_tui.ui.new_articles import LIMIT, NEW_ARTICLES_URL
from tests.conftest import GOLD_DIR
from tests.support.app_harness import NEWEST_TITLE, make_app, settle
from tests.support.portal_server import PortalServer
from tests.support.screen_dump import screen_text
from tests.support.store_samples import put

FIRST = "/Pages/tin-tuc-su-kien.aspx"  # the section the app opens on
KINH_TE = "/Pages/kinh-te.aspx"
CHINH_TRI = "/Pages/chinh-tri.aspx"


def listed(*paths: str) -> set[str]:
    """The article paths the gold listings at ``paths`` hold (page 1; some are in two)."""
    found: set[str] = set()
    for file in GOLD_DIR.glob("*.json"):
        data = json.loads(file.read_text(encoding="utf-8"))
        if data.get("kind") == "listing" and data["url"] in paths:
            found |= {item["url"] for item in data["items"]}
    return found


async def store_listings(base_url: str, data_dir: Path, *paths: str) -> None:
    """Fetch the first page of some sections into the store (as a sync would)."""
    library = Library(Config(base_url=base_url, data_dir=data_dir, archive="never"))
    try:
        for path in paths:
            await library.listing(base_url + path)
    finally:
        await library.aclose()
        library.close()


async def open_new_articles(pilot: Pilot[Any]) -> None:
    """h, Home (the first entry), Enter — as a person does."""
    await pilot.press("h", "home", "enter")
    await settle(pilot)


def newest_first_undated_last(days: list[str | None]) -> bool:
    dated = [day for day in days if day]
    undated_tail = days[len(dated) :]
    return dated == sorted(dated, reverse=True) and not any(undated_tail)


async def test_new_articles_come_first_but_the_app_opens_on_the_first_section(
    portal: PortalServer, tmp_path: Path
) -> None:
    app = make_app(portal.url, tmp_path / "data", lang="vi")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        sections = app.main.section_list
        # its count: the unread articles of every stored section (the first one's 10)
        assert str(sections.get_option_at_index(0).prompt) == "Tin mới (10)"
        assert sections.highlighted == 1
        assert app.main.article_list.section is not None
        assert app.main.article_list.section.name == "Tin tức - Sự kiện"
        assert app.main.article_list.items[0].title == NEWEST_TITLE


async def test_new_articles_of_every_section_newest_first_with_their_section(
    portal: PortalServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    await store_listings(portal.url, data, KINH_TE, CHINH_TRI)
    app = make_app(portal.url, data)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = app.main
        await open_new_articles(pilot)
        assert main.article_list.section is not None
        assert main.article_list.section.url == NEW_ARTICLES_URL
        items = main.article_list.items
        # the first section (loaded at start) and the two stored ones
        expected = listed(FIRST, KINH_TE, CHINH_TRI)
        assert len(expected) > 15
        assert {item.url.removeprefix(portal.url) for item in items} == expected
        names = {main.article_list.section_names[item.url] for item in items}
        assert names == {"Tin tức - Sự kiện", "Kinh tế", "Chính trị"}
        assert newest_first_undated_last([item.published for item in items])
        assert items[0].title == "Thành phố Phủ Lý có thêm 5 sản phẩm đạt chuẩn OCOP"
        # each item says its section, on screen
        first = main.article_list.prompt_at(0).plain
        assert first.splitlines()[-1] == "02/12/2024 · Kinh tế"  # as the search results write it
        assert f"Tin mới · {len(expected)} tin" in main.status.text
        assert "Tin bài · Tin mới" in screen_text(app)


async def test_an_article_read_from_new_articles_leaves_it_on_the_next_visit(
    portal: PortalServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    await store_listings(portal.url, data, KINH_TE)
    app = make_app(portal.url, data)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = app.main
        await open_new_articles(pilot)
        first = main.article_list.items[0]
        unread = len(listed(FIRST, KINH_TE))
        assert len(main.article_list.items) == unread
        await pilot.press("enter")
        await settle(pilot)
        assert main.reader.article is not None
        assert main.reader.article.title == first.title
        assert first.url in main.article_list.read  # dimmed at once, like any list
        assert f"{unread - 1} chưa đọc" in main.status.text
        assert main.article_list.prompt_at(0).style == "dim"
        new_entry = main.section_list.get_option_at_index(0).prompt
        assert str(new_entry) == f"Tin mới ({unread - 1})"
        # another section, then Tin mới again: the read article is gone
        await pilot.press("h", "h", "j", "enter")
        await settle(pilot)
        assert main.article_list.section is not None
        assert main.article_list.section.name == "Tin tức - Sự kiện"
        await open_new_articles(pilot)
        urls = [item.url for item in main.article_list.items]
        assert first.url not in urls
        assert len(urls) == unread - 1


async def test_new_articles_lists_at_most_the_200_newest(
    portal: PortalServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    many = tuple(
        ListingItem(
            f"Tin số {n}",
            f"{portal.url}/Pages/tin-so-{n}.aspx",
            f"2023-{n % 12 + 1:02d}-{n % 28 + 1:02d}T{n % 24:02d}:00",
        )
        for n in range(LIMIT + 40)
    )
    undated = ListingItem("Tin không ngày", f"{portal.url}/Pages/tin-khong-ngay.aspx")
    listing = Listing(
        url=portal.url + "/Pages/thong-bao.aspx", section="Thông báo", items=(*many, undated)
    )
    with open_store(data) as store:
        put(store, listing)
    app = make_app(portal.url, data)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = app.main
        await open_new_articles(pilot)
        items = main.article_list.items
        assert len(items) == LIMIT
        days = [item.published for item in items]
        assert newest_first_undated_last(days)
        # the 200 newest of the 250 unread: the 10 of the first section (2024)
        # come first, the oldest stored ones and the undated one are left out
        assert items[0].title == NEWEST_TITLE
        stored = sorted((i.published or "" for i in many), reverse=True)
        assert days[-1] == stored[LIMIT - 11]
        assert undated.url not in {item.url for item in items}


async def test_new_articles_in_english(portal: PortalServer, tmp_path: Path) -> None:
    app = make_app(portal.url, tmp_path / "data", lang="en")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert str(app.main.section_list.get_option_at_index(0).prompt) == "New (10)"
