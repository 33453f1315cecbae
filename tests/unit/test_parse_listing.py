"""Listings and the home page beyond the gold: pagers without numbers, another
page parameter, a "last" link, missing pagers, a menu found by shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phuly_tui.errors import ParseError
from phuly_tui.parse import parse_home, parse_listing, parse_page
from tests.support import faults
from tests.support.cli import run_cli
from tests.support.portal_server import PortalServer

BASE = "http://127.0.0.1:8000"
PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"


def test_pager_with_only_previous_and_next_links() -> None:
    data = (PAGES / "listing_prev_next_only.html").read_bytes()
    listing = parse_listing(data, BASE + "/Pages/tin-phuong-xa.aspx?trang=3")
    assert listing.page == 3  # from the URL's own page parameter
    assert listing.next == BASE + "/Pages/tin-phuong-xa.aspx?trang=4"
    assert listing.prev == BASE + "/Pages/tin-phuong-xa.aspx?trang=2"
    assert listing.last_page is None  # the pager shows no page numbers
    assert listing.section == "Tin phường, xã"
    first, second = listing.items
    assert first.published == "2024-05-12"
    assert first.summary == "Sáng 12/5, phường Thanh Châu ra quân tổng vệ sinh môi trường..."
    assert first.thumbnail is None
    # canonical-origin links and images rebased onto the page's origin
    assert second.url == BASE + "/Pages/b.aspx"
    assert second.thumbnail == BASE + "/PublishingImages/2024/05/b.jpg?RenditionID=2"
    assert (second.published, second.summary) == (None, None)


def test_other_page_parameter_numbers_and_last_link() -> None:
    data = (PAGES / "listing_other_param.html").read_bytes()
    listing = parse_listing(data, BASE + "/Pages/thong-bao.aspx?p=2")
    assert listing.page == 2
    assert listing.next == BASE + "/Pages/thong-bao.aspx?p=3"
    assert listing.prev is None  # no "previous" link, only numbers
    assert listing.last_page == 7  # the "Trang cuối" link, not the highest number shown
    assert listing.section == "Thông báo"
    assert [i.title for i in listing.items] == [
        "Thông báo lịch tiếp công dân tháng 1",
        "Thông báo tuyển dụng",
        "Thông báo nghỉ Tết",
    ]
    assert [i.published for i in listing.items] == ["2025-01-05", "2025-01-02", "2024-12-28"]
    assert listing.items[2].thumbnail == BASE + "/PublishingImages/tb-3.jpg"
    assert parse_page(data, BASE + "/Pages/thong-bao.aspx?p=2").to_dict()["kind"] == "listing"


def test_page_number_from_pager_when_url_has_none() -> None:
    data = (PAGES / "listing_other_param.html").read_bytes()
    assert parse_listing(data, BASE + "/Pages/thong-bao.aspx").page == 2


def test_listing_without_pager() -> None:
    html = (PAGES / "listing_prev_next_only.html").read_text(encoding="utf-8")
    start = html.index('<div class="paging">')
    html = html[:start] + html[html.index("</div>", start) + 6 :]
    listing = parse_listing(html, BASE + "/Pages/tin-phuong-xa.aspx")
    assert (listing.next, listing.prev, listing.last_page, listing.page) == (None, None, None, 1)


def test_disabled_pager_links_are_null() -> None:
    html = (
        '<div class="news-list"><div class="news-item"><h3 class="news-title"><a href="/a.aspx">A</a>'
        '</h3></div></div><div class="paging"><span class="prev disabled">Trang trước</span>'
        '<span class="current">1</span><a class="next disabled" href="#">Trang sau</a></div>'
    )
    listing = parse_listing(html, BASE + "/Pages/x.aspx")
    assert (listing.next, listing.prev, listing.last_page) == (None, None, 1)


def test_page_with_nothing_list_like_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        parse_listing("<html><body><p>Không có gì</p></body></html>", BASE + "/Pages/x.aspx")


def test_home_menu_found_by_shape() -> None:
    html = """<html><body><div id="top"><ul>
      <li><a href="/Pages/Default.aspx">Trang chủ</a></li>
      <li><a href="/Pages/tin-tuc.aspx">Tin tức</a><ul><li><a href="/Pages/con.aspx">Con</a></li></ul></li>
      <li><a href="https://phuly.hanam.gov.vn/Pages/kinh-te.aspx">Kinh tế</a></li>
      <li><a href="/Pages/thong-bao.aspx">Thông báo</a></li></ul></div>
      <div><h2>Tin nổi bật</h2><a href="/Pages/a.aspx"><img src="/a.jpg"></a>
      <h3><a href="/Pages/a.aspx">Tin A</a></h3><ul><li><a href="/Pages/b.aspx">Tin B</a></li></ul></div>
      </body></html>"""
    home = parse_home(html, BASE + "/")
    assert [(s.name, s.url) for s in home.sections] == [
        ("Tin tức", BASE + "/Pages/tin-tuc.aspx"),
        ("Kinh tế", BASE + "/Pages/kinh-te.aspx"),
        ("Thông báo", BASE + "/Pages/thong-bao.aspx"),
    ]
    assert [(f.title, f.url) for f in home.featured] == [
        ("Tin A", BASE + "/Pages/a.aspx"),
        ("Tin B", BASE + "/Pages/b.aspx"),
    ]


def test_home_menu_of_drop_downs_without_a_home_link() -> None:
    """A Bootstrap navbar whose entries open drop-downs and none links home: the menu
    is the list marked ``navbar-nav`` with sub-menus, not the top links before it nor
    the footer's list that starts with "Trang chủ"; "Dịch vụ công" on another site is
    no section; "TIN NỔI BẬT" in a ``<b>`` heads the featured box."""
    data = (PAGES / "home_dropdown_menu.html").read_bytes()
    home = parse_home(data, BASE + "/")
    assert [(s.name, s.url) for s in home.sections] == [
        ("Giới thiệu", BASE + "/gioi-thieu/"),
        ("Tin tức", BASE + "/tin-tuc/"),
        ("Thông báo", BASE + "/thong-bao/"),
        ("Văn bản", BASE + "/van-ban/"),
    ]
    assert [f.url for f in home.featured] == [
        BASE + "/tin-tuc/hoat-dong/dai-hoi-dang-bo.html",
        BASE + "/tin-tuc/kinh-te/thu-ngan-sach.html",
        BASE + "/thong-bao/lich-tiep-dan.html",
    ]
    assert home.featured[0].title == "Đại hội Đảng bộ phường Lam Hạ lần thứ XV thành công tốt đẹp"
    assert parse_page(data, BASE + "/") == home


def test_home_menu_in_a_layout_table_row() -> None:
    """An older layout: the menu is a table row of links (the first an icon to
    ``/default.asp``) between separator images, beside image maps of two areas;
    "TIN NỔI BẬT" is a ``<font><b>`` row of the table whose next rows are the links."""
    data = (PAGES / "home_table_menu.html").read_bytes()
    home = parse_home(data, BASE + "/default.asp")
    assert [(s.name, s.url) for s in home.sections] == [
        ("GIỚI THIỆU", BASE + "/gioithieu.asp"),
        ("TIN TỨC - SỰ KIỆN", BASE + "/tintuc.asp?cm=1"),
        ("VĂN HÓA - XÃ HỘI", BASE + "/tintuc.asp?cm=2"),
        ("VĂN BẢN", BASE + "/vanban.asp"),
        ("LIÊN HỆ", BASE + "/lienhe.asp"),
    ]
    assert [(f.title, f.url) for f in home.featured] == [
        ("Xã Phù Vân tổ chức Ngày hội Đại đoàn kết toàn dân tộc", BASE + "/tintuc.asp?cm=1&id=215"),
        ("Khai trương thư viện xanh tại Trường Tiểu học Phù Vân", BASE + "/tintuc.asp?cm=2&id=212"),
        (
            "Ra quân vệ sinh môi trường, hưởng ứng Ngày Chủ nhật xanh",
            BASE + "/tintuc.asp?cm=1&id=209",
        ),
    ]


def test_sections_of_a_table_layout_home_over_http(
    fresh_portal: PortalServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fresh_portal.routes["/"] = faults.html_page((PAGES / "home_table_menu.html").read_bytes())
    argv = ("--base-url", fresh_portal.url, "--data-dir", str(tmp_path), "sections", "--json")
    code, out, err = run_cli(capsys, *argv)
    assert (code, err) == (0, "")
    home = json.loads(out)
    assert [s["url"] for s in home["sections"]][:2] == [
        fresh_portal.url + "/gioithieu.asp",
        fresh_portal.url + "/tintuc.asp?cm=1",
    ]


def test_home_menu_as_an_image_map() -> None:
    """A banner's image map whose first area goes home names the sections by ``alt``;
    ``index.php?cat=…`` is a section, not a link home."""
    html = """<html><body><img src="/menu.png" usemap="#m"><map name="m">
      <area href="/index.php" alt="Trang chủ" coords="0,0,1,1">
      <area href="/index.php?cat=1" alt="Tin tức" coords="1,0,2,1">
      <area href="/index.php?cat=2" alt="Thông báo" coords="2,0,3,1">
      <area href="/index.php?cat=3" alt="Văn bản" coords="3,0,4,1"></map>
      <div><h2>Tin nổi bật</h2><a href="/index.php?id=7">Tin bảy</a></div></body></html>"""
    home = parse_home(html, BASE + "/")
    assert [(s.name, s.url) for s in home.sections] == [
        ("Tin tức", BASE + "/index.php?cat=1"),
        ("Thông báo", BASE + "/index.php?cat=2"),
        ("Văn bản", BASE + "/index.php?cat=3"),
    ]


def test_a_list_with_no_mark_of_a_menu_is_no_menu() -> None:
    html = """<html><body><ul><li><a href="/a">Liên hệ</a></li><li><a href="/b">Sơ đồ</a></li>
      <li><a href="/c">Hỏi đáp</a></li></ul>
      <div><h2>Tin nổi bật</h2><a href="/Pages/x.aspx">Tin X</a></div></body></html>"""
    assert parse_home(html, BASE + "/").sections == ()


def test_home_lists_each_sections_newest_articles_by_their_block() -> None:
    """A block headed by a link to a menu section holds that section's newest
    articles (pages of the portal only); a block heading two sections is no one's."""
    html = """<html><body><ul>
      <li><a href="/Pages/Default.aspx">Trang chủ</a></li>
      <li><a href="/Pages/tin-tuc.aspx">Tin tức</a></li>
      <li><a href="/Pages/kinh-te.aspx">Kinh tế</a></li>
      <li><a href="/Pages/thong-bao.aspx">Thông báo</a></li></ul>
      <div class="cate"><div class="head"><h2><a href="/Pages/tin-tuc.aspx">Tin tức</a></h2>
        <a class="more" href="/Pages/tin-tuc.aspx">Xem thêm</a></div>
        <div><a href="/Pages/a.aspx"><img src="/a.jpg"></a><h3><a href="/Pages/a.aspx">A</a></h3>
        <ul><li><a href="/Pages/b.aspx">B</a></li><li><a href="/Documents/kh.pdf">KH</a></li>
        <li><a href="https://elsewhere.example/c.aspx">C</a></li></ul></div></div>
      <div><h2><a href="/Pages/kinh-te.aspx">Kinh tế</a></h2>
        <h2><a href="/Pages/thong-bao.aspx">Thông báo</a></h2><a href="/Pages/d.aspx">D</a></div>
      </body></html>"""
    home = parse_home(html, BASE + "/")
    assert [(n.section_url, n.article_urls) for n in home.news] == [
        (BASE + "/Pages/tin-tuc.aspx", (BASE + "/Pages/a.aspx", BASE + "/Pages/b.aspx")),
    ]
    assert type(home).from_dict(home.to_dict()) == home  # stored and read back


def test_home_with_nothing_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        parse_home("<html><body><p>Trống</p></body></html>", BASE + "/")


def test_the_home_page_and_a_listing_parse_without_the_article_side() -> None:
    """The app's refresh right after its start parses the home page and a listing:
    the article's extraction, the kind detection, the plain-text fallback, the
    article side of the model and the zip reader of importlib.resources (the
    profiles are read from the package folder) stay unloaded — memory the start
    does not need — and an article read later loads them."""
    import subprocess
    import sys

    from tests.support.portal_server import FIXTURE_DIR

    site = FIXTURE_DIR / "site" / "Pages"
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from phuly_tui.parse import parse_as\n"
        f"site = Path({str(site)!r})\n"
        f"home = parse_as('home', (site / 'Default.aspx').read_bytes(), {BASE!r} + '/')\n"
        "listing = parse_as('listing', (site / 'chinh-tri.aspx').read_bytes(),\n"
        f"                   {BASE!r} + '/Pages/chinh-tri.aspx')\n"
        "later = {'phuly_tui.parse.article', 'phuly_tui.parse.page_kind',\n"
        "         'phuly_tui.parse.plain', 'phuly_tui.model.article', 'zipfile'}\n"
        "print(len(home.sections), len(listing.items), sorted(later & set(sys.modules)))\n"
        "url = listing.items[0].url\n"
        "page = site / url.rsplit('/', 1)[-1]\n"
        "article = parse_as('article', page.read_bytes(), url)\n"
        "print(bool(article.title), sorted(later & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.splitlines() == [
        "7 5 []",
        "True ['phuly_tui.model.article', 'phuly_tui.parse.article']",
    ]


# -- lists without headlines (tests/fixtures/pages/README.md) ------------------------

LISTVIEW = "/thong-bao/Pages/danh-sach.aspx"
VIEW = "View=%7B4C6D5B2A-1E2F-4B7A-9E0D-2A3B4C5D6E7F%7D"


def test_sharepoint_list_view_rows_are_the_items() -> None:
    """A SharePoint list view: one ``<tr>`` per item, the date in a cell of its own
    in four spellings (one impossible), relative links with ``../`` and with spaces
    and Vietnamese letters; the side box of links without dates is not the list."""
    data = (PAGES / "listing_sp_listview.html").read_bytes()
    listing = parse_listing(data, f"{BASE}{LISTVIEW}?Paged=TRUE&p_ID=31&PageFirstRow=7&{VIEW}")
    assert [(i.title, i.url, i.published) for i in listing.items] == [
        (
            "Thông báo lịch tiếp công dân định kỳ tháng 12 năm 2024",
            BASE + "/thong-bao/Lists/ThongBao/DispForm.aspx?ID=31",
            "2024-12-02",
        ),
        (
            "Lịch trực cơ quan dịp Tết Nguyên đán Ất Tỵ 2025",
            # in the one spelling: spaces and letters as sent (UTF-8, %XX)
            BASE + "/thong-bao/Pages/Tin%20t%E1%BB%A9c/"
            "L%E1%BB%8Bch%20tr%E1%BB%B1c%20T%E1%BA%BFt%20Nguy%C3%AAn%20%C4%91%C3%A1n%202025.aspx",
            "2024-12-02",  # "2/12/2024 8:30 SA"
        ),
        (
            "Thông báo tuyển dụng viên chức sự nghiệp giáo dục năm 2024",
            BASE + "/thong-bao/Pages/tuyen-dung-vien-chuc-2024.aspx",
            "2024-12-02",  # "Thứ hai, 02/12/2024"
        ),
        (
            "Thông báo kết quả xét tuyển giáo viên mầm non vòng 2",
            BASE + "/thong-bao/Pages/ket-qua-xet-tuyen.aspx",
            "2024-11-29",  # "29/11/2024 - 14:30"
        ),
        (
            "Thông báo đấu giá quyền sử dụng đất khu dân cư Liêm Chính",
            BASE + "/thong-bao/Pages/dau-gia-quyen-su-dung-dat.aspx",
            None,  # "31/02/2024" is no date
        ),
        (
            "Lịch tạm ngừng cung cấp điện khu vực phường Lam Hạ",
            BASE + "/thong-bao/Pages/cat-dien-khu-vuc.aspx",
            "2024-11-27",  # "14:30 | 27/11/2024"
        ),
    ]
    assert {(i.summary, i.thumbnail) for i in listing.items} == {(None, None)}
    assert listing.section == "Thông báo"  # the menu item marked selected
    assert parse_page(data, BASE + LISTVIEW).to_dict()["kind"] == "listing"


def test_sharepoint_list_view_pager_of_image_links_and_first_rows() -> None:
    """``Paged=TRUE&p_ID=…&PageFirstRow=N`` with next.gif/prev.gif links in cells of
    their own beside "7 - 12": rows 7–12 of six a page are page 2."""
    data = (PAGES / "listing_sp_listview.html").read_bytes()
    listing = parse_listing(data, f"{BASE}{LISTVIEW}?Paged=TRUE&p_ID=31&PageFirstRow=7&{VIEW}")
    assert listing.next == f"{BASE}{LISTVIEW}?Paged=TRUE&p_ID=25&PageFirstRow=13&{VIEW}"
    assert listing.prev == (
        f"{BASE}{LISTVIEW}?Paged=TRUE&PagedPrev=TRUE&p_ID=37&PageFirstRow=1&{VIEW}"
    )
    assert (listing.page, listing.last_page) == (2, None)
    assert parse_listing(data, BASE + LISTVIEW).page == 1
    # the last page shows only its "previous" link: the rows per page are counted back
    html = data.decode("utf-8")
    next_cell = html.index('<td class="ms-paging"><a', html.index("7 - 12"))
    html = html[:next_cell] + html[html.index("</td>", next_cell) + 5 :]
    html = html.replace("p_ID=37&amp;PageFirstRow=1&amp;", "p_ID=25&amp;PageFirstRow=7&amp;")
    last = parse_listing(html, f"{BASE}{LISTVIEW}?Paged=TRUE&p_ID=19&PageFirstRow=13&{VIEW}")
    assert (last.page, last.next) == (3, None)


def test_plain_list_of_links_dates_without_year_and_a_repeated_item() -> None:
    """A ``<ul>`` of links with "(dd/mm)" after each: the year comes from the nearest
    fully dated item (newest first: 05/01 above 20/12/2024 is 2025); an item listed
    twice is listed once; a bullet image is no thumbnail."""
    data = (PAGES / "listing_plain_links.html").read_bytes()
    listing = parse_listing(data, BASE + "/tin-hoat-dong/")
    assert (
        [(i.url, i.published) for i in listing.items]
        == [
            (  # "Hội nghị tổng kết năm 2024.html", in the one spelling (as sent)
                BASE + "/tin-hoat-dong/H%E1%BB%99i%20ngh%E1%BB%8B%20t%E1%BB%95ng%20k%E1%BA%BFt"
                "%20n%C4%83m%202024.html",
                "2025-01-05",
            ),
            (BASE + "/tin-hoat-dong/ra-quan-ve-sinh.html", "2024-12-30"),
            (BASE + "/tin-hoat-dong/trao-qua-nguoi-co-cong.html", "2024-12-20"),
            (BASE + "/tin-hoat-dong/hoi-thi-can-bo-dan-so.html", "2024-12-12"),
            (BASE + "/tin-hoat-dong/tiem-chung.html", None),
        ]
    )
    assert listing.items[2].title == "Trao quà cho người có công với cách mạng nhân dịp 22/12"
    assert {i.thumbnail for i in listing.items} == {None}
    assert listing.section == "Tin hoạt động"  # from <title>, the site's name cut off
    assert parse_page(data, BASE + "/tin-hoat-dong/").to_dict()["kind"] == "listing"
    assert (listing.page, listing.next, listing.last_page) == (
        1,
        BASE + "/tin-hoat-dong/?trang=2",
        3,
    )


def test_a_day_and_month_alone_stay_undated_without_a_dated_neighbour() -> None:
    html = (PAGES / "listing_plain_links.html").read_text(encoding="utf-8")
    html = html.replace("(20/12/2024)", "(20/12)")
    assert {i.published for i in parse_listing(html, BASE + "/tin-hoat-dong/").items} == {None}


def test_profile_listing_drops_a_repeated_item_and_completes_a_short_date() -> None:
    item = (
        '<div class="news-item"><h3 class="news-title"><a href="/Pages/{0}.aspx">Tin {0}</a>'
        '</h3><span class="news-date">{1}</span></div>'
    )
    html = (
        '<div class="news-list">'
        + item.format("a", "(02/01)")
        + item.format("b", "28/12/2024")
        + item.format("a", "(02/01)")
        + "</div>"
    )
    listing = parse_listing(html, BASE + "/Pages/x.aspx")
    assert [(i.url, i.published) for i in listing.items] == [
        (BASE + "/Pages/a.aspx", "2025-01-02"),
        (BASE + "/Pages/b.aspx", "2024-12-28"),
    ]


def test_list_pages_through_a_list_view_over_http(
    fresh_portal: PortalServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``phuly-tui list URL --page 2`` follows the list view's next.gif link from the
    first page as served (real HTTP on 127.0.0.1); page 3 is past the last (exit 4)."""
    data = (PAGES / "listing_sp_listview.html").read_bytes()
    html = data.decode("utf-8")
    next_cell = html.index('<td class="ms-paging"><a', html.index("7 - 12"))
    last = html[:next_cell] + html[html.index("</td>", next_cell) + 5 :]
    fresh_portal.routes[LISTVIEW] = faults.html_page(data)
    second = f"{LISTVIEW}?Paged=TRUE&p_ID=25&PageFirstRow=13&{VIEW}"
    fresh_portal.routes[second] = faults.html_page(
        last.replace("02-12-2024", "01-12-2024").encode()
    )
    argv = ("--base-url", fresh_portal.url, "--data-dir", str(tmp_path), "list")
    code, out, err = run_cli(capsys, *argv, fresh_portal.url + LISTVIEW, "--page", "2", "--json")
    assert (code, err) == (0, "")
    listing = json.loads(out)
    assert listing["url"] == fresh_portal.url + second
    assert (listing["section"], listing["items"][0]["published"]) == ("Thông báo", "2024-12-01")
    code, _out, err = run_cli(capsys, *argv, fresh_portal.url + LISTVIEW, "--page", "3")
    assert code == 4
    assert "2" in err


def test_a_date_written_inside_the_items_link_is_its_date_not_its_title() -> None:
    """ "Tiêu đề (02/12/2024)", "[…]" or "Tiêu đề - 30/11/2024" inside the link: the date
    is the item's date, as in "Tin liên quan"; a title that merely ends in a date written
    otherwise ("… ngày 30/11/2024") keeps it; in the profile's listing too."""
    rows = "".join(
        f'<li><a href="/tin-tuc/{n}.html">{text}</a></li>'
        for n, text in enumerate(
            [
                "Hội nghị tổng kết công tác năm 2024 (02/12/2024)",
                "Phủ Lý ra quân làm sạch môi trường [01/12/2024]",
                "Khai mạc giải bóng đá thanh niên - 30/11/2024",
                "Thông báo lịch nghỉ ngày 30/11/2024",
            ]
        )
    )
    html = f"<html><body><h1>Tin tức</h1><ul>{rows}</ul></body></html>"
    listing = parse_listing(html, BASE + "/tin-tuc/")
    assert [(i.title, i.published) for i in listing.items] == [
        ("Hội nghị tổng kết công tác năm 2024", "2024-12-02"),
        ("Phủ Lý ra quân làm sạch môi trường", "2024-12-01"),
        ("Khai mạc giải bóng đá thanh niên", "2024-11-30"),
        ("Thông báo lịch nghỉ ngày 30/11/2024", None),
    ]
    profile = (
        '<div class="news-list"><div class="news-item"><h3 class="news-title">'
        '<a href="/Pages/a.aspx">Tin A (05/12/2024)</a></h3></div></div>'
    )
    (item,) = parse_listing(profile, BASE + "/Pages/x.aspx").items
    assert (item.title, item.published) == ("Tin A", "2024-12-05")


def test_sharepoint_pager_buttons_whose_address_is_in_their_script() -> None:
    """SharePoint 2013's list views draw their pager as ``href="javascript:"`` buttons
    that go to ``RefreshPageTo(event, "\\u002f…?Paged=TRUE\\u0026p_ID=…")``: the address
    in the script, its escapes undone, is the link."""
    html = (PAGES / "listing_sp_listview.html").read_text(encoding="utf-8")
    start = html.index('<td class="ms-paging"><a')
    end = html.index("</tr></table></td></tr></table>", start)

    def button(first_row: int, p_id: int, label: str, prev: str = "") -> str:
        target = (
            f"\\u002fthong-bao\\u002fPages\\u002fdanh-sach.aspx?Paged=TRUE{prev}\\u0026p_ID="
            f"{p_id}\\u0026PageFirstRow={first_row}\\u0026View=%7b4C6D5B2A%7d"
        )
        return (
            f'<td class="ms-paging"><a onclick=\'javascript:RefreshPageTo(event, "{target}")'
            ';javascript:return false;\' href="javascript:" class="ms-commandLink '
            'ms-promlink-button ms-promlink-button-enabled"><span class="ms-promlink-button-'
            f'image"><img src="/_layouts/15/images/spcommon.png?rev=23" alt="{label}">'
            "</span></a></td>"
        )

    pager = (
        button(1, 37, "Trước", "\\u0026PagedPrev=TRUE")
        + '<td class="ms-paging">7 - 12</td>'
        + button(13, 25, "Tiếp")
    )
    listing = parse_listing(
        html[:start] + pager + html[end:], f"{BASE}{LISTVIEW}?Paged=TRUE&p_ID=31&PageFirstRow=7"
    )
    assert (
        listing.next == f"{BASE}{LISTVIEW}?Paged=TRUE&p_ID=25&PageFirstRow=13&View=%7B4C6D5B2A%7D"
    )
    assert listing.prev == (
        f"{BASE}{LISTVIEW}?Paged=TRUE&PagedPrev=TRUE&p_ID=37&PageFirstRow=1&View=%7B4C6D5B2A%7D"
    )
    assert listing.page == 2


CSR = "/thong-bao/Lists/ThongBao/AllItems.aspx"
#: the page writes its escapes in lower case; the one spelling has them in upper case
CSR_VIEW = "View=%7B4C6D5B2A-1E2F-4B7A-9E0D-2A3B4C5D6E7F%7D"


def test_a_list_view_drawn_by_scripts_is_read_from_its_json() -> None:
    """SharePoint 2013's client-side list view: an empty table, the rows in
    ``var WPQ2ListData = {"Row": […]}``: titles unescaped, each item its display form
    (``ctx.displayFormUrl`` + ``?ID=``), dates from ``Created`` ("29/11/2024 2:15 CH"),
    next/previous from ``NextHref``/``PrevHref``, rows 4–6 of three a page: page 2."""
    data = (PAGES / "listing_sp_csr.html").read_bytes()
    listing = parse_listing(data, f"{BASE}{CSR}?Paged=TRUE&p_ID=32&PageFirstRow=4")
    display = BASE + "/thong-bao/Lists/ThongBao/DispForm.aspx?ID="
    assert [(i.title, i.url, i.published) for i in listing.items] == [
        (
            "Thông báo lịch tiếp công dân định kỳ tháng 12 năm 2024",
            display + "31",
            "2024-12-02",
        ),
        (
            "Kết quả xét tuyển viên chức: vòng 2 & danh sách trúng tuyển",
            display + "30",
            "2024-11-29",
        ),
        ("Lịch tạm ngừng cung cấp điện khu vực phường Lam Hạ", display + "29", "2024-11-27"),
    ]
    assert listing.next == f"{BASE}{CSR}?Paged=TRUE&p_ID=29&PageFirstRow=7&{CSR_VIEW}"
    assert (
        listing.prev == f"{BASE}{CSR}?Paged=TRUE&PagedPrev=TRUE&p_ID=34&PageFirstRow=1&{CSR_VIEW}"
    )
    assert (listing.page, listing.last_page, listing.section) == (2, None, "Thông báo")
    assert parse_page(data, BASE + CSR).to_dict()["kind"] == "listing"


@pytest.mark.parametrize(
    "script",
    [
        "var WPQ2ListData = { not json };",
        "var WPQ2ListData = " + "[" * 100_000 + "]" * 100_000 + ";",
        'var WPQ2ListData = {"Row": "nothing"};',
        'var WPQ2ListData = {"Row": [{"ID": "1", "Title": "Không địa chỉ"}]};',
    ],
)
def test_list_data_that_cannot_be_read_is_no_listing(script: str) -> None:
    html = f"<html><body><h1>Thông báo</h1><script>{script}</script></body></html>"
    with pytest.raises(ParseError):
        parse_listing(html, BASE + CSR)


def test_a_pages_librarys_scripted_view_links_its_pages() -> None:
    """In a pages library each row is a page: its ``FileRef`` is the address (no display
    form), and its ``ArticleStartDate`` outranks ``Created``."""
    row = (
        '{"ID": "7", "FSObjType": "0", "Title": "Khánh thành cầu Châu Giang",'
        ' "FileRef": "\\u002ftin-tuc\\u002fPages\\u002fcau-chau-giang.aspx",'
        ' "ArticleStartDate": "05\\u002f07\\u002f2024", "Created": "06\\u002f07\\u002f2024"}'
    )
    html = (
        "<html><body><h1>Tin tức</h1><script>var WPQ3ListData = "
        f'{{"Row": [{row}], "FirstRow": 1, "RowLimit": 10}};</script></body></html>'
    )
    listing = parse_listing(html, BASE + "/tin-tuc/Pages/Forms/AllItems.aspx")
    assert [(i.title, i.url, i.published) for i in listing.items] == [
        ("Khánh thành cầu Châu Giang", BASE + "/tin-tuc/Pages/cau-chau-giang.aspx", "2024-07-05")
    ]
    assert (listing.page, listing.next, listing.prev) == (1, None, None)


@pytest.mark.parametrize(
    ("shown", "published"),
    [
        ("(2024/12/20)", "2024-12-20"),
        ("(20 tháng 12, 2024)", "2024-12-20"),
        ("(Dec 20, 2024)", "2024-12-20"),
        ("(20 December 2024)", "2024-12-20"),
    ],
)
def test_a_list_of_links_dated_in_another_form(shown: str, published: str) -> None:
    """The ``<ul>`` of links of another template or locale: the dated item is read, and
    the items dated "(dd/mm)" take their year from it."""
    html = (PAGES / "listing_plain_links.html").read_text(encoding="utf-8")
    html = html.replace("(20/12/2024)", shown)
    items = parse_listing(html, BASE + "/tin-hoat-dong/").items
    assert [i.published for i in items] == [
        "2025-01-05",
        "2024-12-30",
        published,
        "2024-12-12",
        None,
    ]
