"""Where an address leads (issue 10): ``Library.route``.

Decided by what the pages read say (the home page's menu, a listing's pager,
an article's attachments) and only then by the address itself — never by one
template's ``/Pages/*.aspx``: other templates' articles (``/tin-tuc/….html``,
DotNetNuke's ``…/ArticleID/3187/…``, even one ending in ``Default.aspx``) and
the Internet Archive's copies of portal pages route too.  Against the real
local portal server.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phuly_tui.config import Config
from phuly_tui.library import Library, PageElsewhereError, Route
from phuly_tui.library.routes import RouteBook, archived_original
from phuly_tui.model import Article, Attachment, Home, Listing, Section
from tests.support import faults
from tests.support.portal_server import FIXTURE_DIR, PortalServer

TEMPLATES = FIXTURE_DIR.parent / "templates"
ARCHIVE = "https://web.archive.org"
SECTION = "/Pages/kinh-te.aspx"


def make_library(base_url: str, data_dir: Path) -> Library:
    return Library(Config(base_url=base_url, data_dir=data_dir, timeout=3.0, archive="never"))


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return make_library("https://phuly.hanam.gov.vn", tmp_path)


def kind(library: Library, url: str, sections: tuple[Section, ...] = ()) -> str:
    return library.route(url, sections).kind


@pytest.mark.parametrize(
    "url",
    [
        "https://phuly.hanam.gov.vn/",
        "https://phuly.hanam.gov.vn",
        "https://phuly.hanam.gov.vn/Pages/Default.aspx",
        "https://phuly.hanam.gov.vn/default.aspx",
        "https://phuly.hanam.gov.vn/index.html",
    ],
)
def test_the_sites_root_and_its_default_documents_are_home(library: Library, url: str) -> None:
    assert kind(library, url) == "home"


@pytest.mark.parametrize(
    "path",
    [
        "/Pages/tin-tuc-moi.aspx",
        # other templates' articles (tests/fixtures/templates)
        "/tin-tuc/phu-ly-giai-ngan-von-dau-tu-cong-dat-78-ke-hoach-12345.html",
        "/tin-tuc/tin-hoat-dong/ArtMID/512/ArticleID/3187/so-tu-phap-to-chuc-hoi-nghi",
        "/web/guest/-/le-phat-dong-thang-hanh-dong",
        # a DotNetNuke article's address ends in Default.aspx: not the home page
        "/tabid/94/ArticleId/1234/Default.aspx",
        "/Pages/kinh-te.aspx?Page=2",  # a section's page 2 before the menu is known
    ],
)
def test_other_portal_pages_are_articles(library: Library, path: str) -> None:
    route = library.route("https://phuly.hanam.gov.vn" + path)
    assert route == Route("article", "https://phuly.hanam.gov.vn" + path)


def test_files_are_attachments_and_other_sites_external(library: Library) -> None:
    assert kind(library, "https://phuly.hanam.gov.vn/Documents/2024/KH-18.pdf") == "attachment"
    assert kind(library, "https://phuly.hanam.gov.vn/uploads/files/a.docx") == "attachment"
    assert kind(library, "https://example.com/Pages/x.aspx") == "external"
    refused = library.route("https://user:secret@phuly.hanam.gov.vn/Pages/x.aspx")
    assert refused.kind == "refused"
    assert "secret" not in refused.url


def test_sections_on_screen_route_by_path_and_query(library: Library) -> None:
    news = Section("Kinh tế", "https://phuly.hanam.gov.vn/Pages/kinh-te.aspx")
    cms = Section("Văn hóa", "https://phuly.hanam.gov.vn/index.php?cat=5")
    shown = (news, cms)
    assert library.route(news.url, shown) == Route("section", news.url, news)
    later = news.url + "?Page=2"
    assert library.route(later, shown) == Route("section", later, news)
    assert library.route(news.url.upper().replace("HTTPS://PHULY.HANAM.GOV.VN", "https://phuly.hanam.gov.vn"), shown).section == news  # fmt: skip
    assert library.route(cms.url, shown).section == cms
    # another category of the same script is not that section
    assert kind(library, "https://phuly.hanam.gov.vn/index.php?cat=6", shown) == "article"


@pytest.mark.parametrize(
    ("captured", "expected"),
    [
        (
            f"{ARCHIVE}/web/20250628101112id_/https://phuly.hanam.gov.vn/Pages/x.aspx",
            Route("article", "https://phuly.hanam.gov.vn/Pages/x.aspx"),
        ),
        (
            f"{ARCHIVE}/web/20250628101112/http://phuly.hanam.gov.vn/Pages/Default.aspx",
            Route("home", "https://phuly.hanam.gov.vn/Pages/Default.aspx"),
        ),
        (
            f"{ARCHIVE}/web/2024/phuly.hanam.gov.vn/Documents/KH-18.pdf",
            Route("attachment", "https://phuly.hanam.gov.vn/Documents/KH-18.pdf"),
        ),
        (
            f"{ARCHIVE}/web/20250628101112id_/https://example.com/Pages/x.aspx",
            Route("external", f"{ARCHIVE}/web/20250628101112id_/https://example.com/Pages/x.aspx"),
        ),
        (f"{ARCHIVE}/about/", Route("external", f"{ARCHIVE}/about/")),
    ],
)
def test_an_archived_copys_address_leads_to_the_portal_page(
    library: Library, captured: str, expected: Route
) -> None:
    assert library.route(captured) == expected


def test_archived_original_reads_the_replay_forms() -> None:
    page = "https://phuly.hanam.gov.vn/Pages/x.aspx?a=1"
    assert archived_original(f"{ARCHIVE}/web/20250628101112id_/{page}", ARCHIVE) == page
    assert archived_original(f"{ARCHIVE}/web/20250628101112if_/https:/phuly.hanam.gov.vn/", ARCHIVE) == "https://phuly.hanam.gov.vn/"  # fmt: skip
    assert archived_original(f"https://example.org/web/20250628101112id_/{page}", ARCHIVE) is None
    assert archived_original(f"{ARCHIVE}/cdx/search/cdx?url={page}", ARCHIVE) is None


def test_what_the_pages_said_decides() -> None:
    """Learned: the menu's sections, a listing off the menu and its pager, an
    attachment whose address has no file name."""
    base = "https://portal.example.vn"
    book = RouteBook(base)
    menu = Section("Thông báo", f"{base}/thong-bao")
    book.learn(Home(f"{base}/trang-chu", sections=(menu,)), f"{base}/")
    book.learn(
        Listing(f"{base}/chuyen-de/cai-cach", "Cải cách hành chính", next=f"{base}/chuyen-de/cai-cach/2"),
        f"{base}/chuyen-de/cai-cach",
    )  # fmt: skip
    download = f"{base}/DownloadFile.aspx?id=3"
    book.learn(Article(f"{base}/tin/1", "Tin", attachments=(Attachment("Kế hoạch", download),)))
    route = book.route
    assert route(f"{base}/trang-chu", (), ARCHIVE).kind == "home"
    assert route(f"{base}/thong-bao", (), ARCHIVE) == Route("section", f"{base}/thong-bao", menu)
    off_menu = route(f"{base}/chuyen-de/cai-cach/2", (), ARCHIVE)
    assert off_menu.kind == "listing"
    assert off_menu.section == Section("Cải cách hành chính", f"{base}/chuyen-de/cai-cach")
    assert route(download, (), ARCHIVE).kind == "attachment"
    assert route(f"{base}/DownloadFile.aspx?id=4", (), ARCHIVE).kind == "article"


async def test_a_deep_link_to_a_section_routes_once_the_home_page_was_read(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    library = make_library(fresh_portal.url, tmp_path)
    section = library.absolute(SECTION)
    try:
        assert library.route(section).kind == "article"  # nothing read yet: no section known
        await library.home()
        assert library.route(section).kind == "section"
        assert library.route(section + "?Page=2").kind == "section"
    finally:
        await library.aclose()
        library.close()
    later = make_library(fresh_portal.url, tmp_path)  # a new process: the store says it
    try:
        assert later.cached_home() is not None
        assert later.route(section).kind == "section"
    finally:
        later.close()


async def test_another_templates_attachment_routes_after_its_article(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    gold = json.loads((TEMPLATES / "dnn_a.json").read_text(encoding="utf-8"))
    fresh_portal.routes[gold["url"]] = faults.html_page((TEMPLATES / "dnn_a.html").read_bytes())
    library = make_library(fresh_portal.url, tmp_path)
    url = library.absolute(gold["url"])
    try:
        assert library.route(url).kind == "article"
        answers = [loaded async for loaded in library.read_article(url)]
    finally:
        await library.aclose()
        library.close()
    assert not answers[-1].plain_text
    attachments = answers[-1].value.attachments
    assert [library.route(a.url).kind for a in attachments] == ["attachment"] * len(attachments)
    assert len(attachments) == len(gold["attachments"])


async def test_a_page_never_named_says_what_it_is(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    """Opened as an article before any page named it, a listing raises
    PageElsewhereError with its route — one GET, the listing stored as one, so
    the next look needs no request and the address routes as a listing."""
    library = make_library(fresh_portal.url, tmp_path)
    url = library.absolute(SECTION)
    try:
        with pytest.raises(PageElsewhereError) as raised:
            await anext(library.read_article(url))
        assert raised.value.route == Route("listing", url, Section("Kinh tế", url))
        assert "danh sách tin" in raised.value.message
        assert library.route(url).kind == "listing"
        with pytest.raises(PageElsewhereError):  # the store says it now
            await anext(library.read_article(url))
        await library.home()  # the menu names it: a section
        assert library.route(url).kind == "section"
    finally:
        await library.aclose()
        library.close()
    assert sum(1 for _, path, _ in fresh_portal.requests if path == SECTION) == 1
