"""An article page that shows no date gets the date its stored listing gave it.

The page is a hand-made template (``tests/fixtures/templates/sp2010_a.html``)
with its date row taken out, served by the local portal server at the URL of
the first item of the "Kinh tế" listing, which dates it 02/12/2024.  The date
is shown, and where it came from is said: ``published_from: "listing"`` in
JSON, "theo danh sách tin" after the date in text, the reader dims it.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from phuly_tui.cli import main
from phuly_tui.config import Config
from phuly_tui.i18n import set_language
from phuly_tui.library import Library, Loaded
from phuly_tui.model import Article
from phuly_tui.render.article import article_plain
from phuly_tui.ui.widgets.reader import render_article
from tests.support import faults
from tests.support.portal_server import PortalServer

TEMPLATES = Path(__file__).resolve().parent.parent / "fixtures" / "templates"
LISTING = "/Pages/kinh-te.aspx"
ITEM = "/Pages/thanh-pho-phu-ly-co-them-5-san-pham-dat-chuan-ocop.aspx"
LISTING_DATE = "2024-12-02"


def _cut(html: str, start_marker: str, end_marker: str) -> str:
    start = html.index(start_marker)
    return html[:start] + html[html.index(end_marker, start) + len(end_marker) :]


def page(*, dated: bool, sectioned: bool = True) -> bytes:
    html = (TEMPLATES / "sp2010_a.html").read_text(encoding="utf-8")
    if not dated:
        html = _cut(html, '<tr><td class="NgayDang">', "</tr>")
    if not sectioned:  # neither a breadcrumb nor a menu item marked as the current one
        html = _cut(html, '<div class="hn-breadcrumb">', "</div>")
        html = html.replace(" hn-menu-selected", "")
    return html.encode("utf-8")


def read(
    portal: PortalServer, data_dir: Path, *, listing_first: bool
) -> tuple[Loaded[Article], Loaded[Article] | None]:
    library = Library(Config(base_url=portal.url, data_dir=data_dir, timeout=3.0))

    async def run() -> Loaded[Article]:
        try:
            if listing_first:
                await library.listing(library.absolute(LISTING))
            return await library.article(library.absolute(ITEM))
        finally:
            await library.aclose()

    try:
        loaded = asyncio.run(run())
        return loaded, library.cached_article(library.absolute(ITEM))
    finally:
        library.close()


def test_a_page_without_a_date_shows_the_listing_date(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    fresh_portal.routes[ITEM] = faults.html_page(page(dated=False))
    loaded, cached = read(fresh_portal, tmp_path, listing_first=True)
    article = loaded.value
    assert (article.published, article.published_from) == (LISTING_DATE, "listing")
    assert article.to_dict()["published_from"] == "listing"
    assert cached is not None
    assert (cached.value.published, cached.value.published_from) == (LISTING_DATE, "listing")


def test_a_page_without_a_section_is_in_its_listings_section(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    fresh_portal.routes[ITEM] = faults.html_page(page(dated=False, sectioned=False))
    alone, _cached = read(fresh_portal, tmp_path / "alone", listing_first=False)
    assert alone.value.section is None
    loaded, _cached = read(fresh_portal, tmp_path / "listed", listing_first=True)
    assert loaded.value.section == "Kinh tế"


def test_the_page_date_wins_over_the_listing(fresh_portal: PortalServer, tmp_path: Path) -> None:
    fresh_portal.routes[ITEM] = faults.html_page(page(dated=True))
    loaded, _cached = read(fresh_portal, tmp_path, listing_first=True)
    assert loaded.value.published == "2024-11-19T08:30"
    assert loaded.value.published_from is None
    assert "published_from" not in loaded.value.to_dict()


def test_no_listing_no_date(fresh_portal: PortalServer, tmp_path: Path) -> None:
    fresh_portal.routes[ITEM] = faults.html_page(page(dated=False))
    loaded, _cached = read(fresh_portal, tmp_path, listing_first=False)
    assert loaded.value.published is None
    assert "published_from" not in loaded.value.to_dict()


def test_cli_json_says_where_the_date_came_from(
    fresh_portal: PortalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fresh_portal.routes[ITEM] = faults.html_page(page(dated=False))
    common = ["--base-url", fresh_portal.url, "--data-dir", str(tmp_path / "d")]
    assert main([*common, "list", LISTING, "--json"]) == 0
    capsys.readouterr()
    assert main([*common, "read", ITEM, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["published"], data["published_from"]) == (LISTING_DATE, "listing")


def test_text_and_reader_mark_a_listing_date() -> None:
    set_language("vi")
    article = Article(url="https://x/a", title="Tiêu đề", section="Kinh tế", published=LISTING_DATE)
    from_listing = Article(
        url="https://x/a",
        title="Tiêu đề",
        section="Kinh tế",
        published=LISTING_DATE,
        published_from="listing",
    )
    assert "Kinh tế · Thứ Hai, 02/12/2024\n" in article_plain(article)
    assert "Kinh tế · Thứ Hai, 02/12/2024 (theo danh sách tin)\n" in article_plain(from_listing)
    plain_meta = render_article(article).searchable[1]
    meta = render_article(from_listing).searchable[1]
    assert plain_meta is not None
    assert meta is not None
    assert meta.plain == "Kinh tế · Thứ Hai, 02/12/2024 (theo danh sách tin)"
    date_at = meta.plain.index("Thứ Hai")
    dimmer = [span for span in meta.spans if span.start <= date_at < span.end]
    assert any("italic" in str(span.style) for span in dimmer)
    assert not any("italic" in str(span.style) for span in plain_meta.spans)
