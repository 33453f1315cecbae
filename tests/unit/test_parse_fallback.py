"""The generic extractor: pages the site profile does not match still parse.

Copies of the real fixture pages get every class attribute value replaced by a
random token (and, in a second variant, every ``id`` removed): the profile no
longer matches, so the fallback must find the title (exact), the date (exact)
and the body (token F1 ≥ 0.9 against the gold).  A hand-written table-based
older master page checks a different layout altogether.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from phuly_tui.errors import NotAnArticleError
from phuly_tui.parse import explain_article, parse_article, parse_listing, parse_page
from phuly_tui.urls import reduce_urls
from tests.conftest import gold_files
from tests.support.gold import project_onto
from tests.support.portal_server import FIXTURE_DIR

BASE = "http://127.0.0.1:8000"
PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
_CLASS = re.compile(r"""(\bclass\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
_ID = re.compile(r"""\bid\s*=\s*(["']).*?\1""", re.IGNORECASE | re.DOTALL)


def rename_classes(html: str, seed: int, *, drop_ids: bool = False) -> str:
    """Every class name replaced by a random token (consistently within the page)."""
    rng = random.Random(seed)
    mapping: dict[str, str] = {}

    def swap(match: re.Match[str]) -> str:
        names = []
        for name in match[3].split():
            if name not in mapping:
                mapping[name] = f"x{rng.getrandbits(40):010x}"
            names.append(mapping[name])
        return f"{match[1]}{match[2]}{' '.join(names)}{match[2]}"

    html = _CLASS.sub(swap, html)
    return _ID.sub("", html) if drop_ids else html


def _page_file(target: str) -> Path:
    for line in (FIXTURE_DIR / "urls.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if parts[0] == target:
            return FIXTURE_DIR / "site" / parts[1]
    raise KeyError(target)


def _gold(kind: str) -> list[dict[str, Any]]:
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in gold_files()]
    return [g for g in golds if g["kind"] == kind]


def body_tokens(article: dict[str, Any]) -> list[str]:
    words: list[str] = []
    for block in article["blocks"]:
        kind = block["type"]
        if kind in ("paragraph", "heading"):
            words += block["text"].split()
        elif kind == "list":
            words += " ".join(block["items"]).split()
        elif kind == "table":
            words += " ".join(" ".join(row) for row in block["rows"]).split()
        elif kind in ("image", "video") and block.get("caption"):
            words += block["caption"].split()
    return words


def token_f1(expected: list[str], got: list[str]) -> float:
    common = sum((Counter(expected) & Counter(got)).values())
    if not expected and not got:
        return 1.0
    if common == 0:
        return 0.0
    precision, recall = common / len(got), common / len(expected)
    return 2 * precision * recall / (precision + recall)


ARTICLES = _gold("article")


@pytest.mark.parametrize(("seed", "drop_ids"), [(1, False), (2, True)])
@pytest.mark.parametrize("gold", ARTICLES, ids=lambda g: g["url"][7:47])
def test_renamed_article_still_parses(gold: dict[str, Any], seed: int, drop_ids: bool) -> None:
    html = rename_classes(
        _page_file(gold["url"]).read_text(encoding="utf-8"), seed, drop_ids=drop_ids
    )
    article, provenance = explain_article(html.encode("utf-8"), BASE + gold["url"])
    got = reduce_urls(article.to_dict(), BASE)
    assert not any(p.rule.startswith("profile:") for p in provenance)  # really the fallback
    assert got["title"] == gold["title"]
    assert got["published"] == gold["published"]
    assert token_f1(body_tokens(gold), body_tokens(got)) >= 0.9
    # meaning-based parts come through as well
    assert [r["title"] for r in got["related"]] == [r["title"] for r in gold["related"]]
    assert got["attachments"] == gold["attachments"]
    assert got["author"] == gold["author"]
    assert got["section"] == gold["section"]


@pytest.mark.parametrize("gold", _gold("listing") + _gold("home"), ids=lambda g: g["url"])
def test_renamed_listing_and_home_still_parse(gold: dict[str, Any]) -> None:
    original = _page_file(gold["url"]).read_text(encoding="utf-8")
    page = parse_page(rename_classes(original, 5), BASE + gold["url"])
    got = reduce_urls(page.to_dict(), BASE)
    assert project_onto(got, gold) == gold
    # what the gold format does not have is found by shape as well (a home page's
    # sections' newest articles): the same with the classes renamed
    assert got == reduce_urls(parse_page(original, BASE + gold["url"]).to_dict(), BASE)


def test_older_table_master_page() -> None:
    data = (PAGES / "older_master_table.html").read_bytes()
    url = BASE + "/Pages/chi-tiet.aspx?ItemID=77"
    article = parse_article(data, url)
    got = reduce_urls(article.to_dict(), BASE)
    assert got["title"] == 'Phường Lam Hạ ra mắt mô hình "Khu dân cư an toàn"'
    # publication date, not the update, and not the header's "today"
    assert got["published"] == "2024-06-14T08:30"
    assert got["section"] == "Quốc phòng - An ninh"
    assert got["lead"].startswith("Sáng 14/6, UBND phường Lam Hạ")
    assert got["author"] == "Hoàng Minh"  # a byline that is not right-aligned
    assert [b["type"] for b in got["blocks"]] == ["paragraph", "paragraph", "image", "paragraph"]
    image = got["blocks"][2]
    assert image["alt"] == "mo-hinh-an-toan.jpg"
    assert image["caption"] == "Lãnh đạo phường trao quyết định thành lập các tổ tự quản."
    text = " ".join(b.get("text", "") for b in got["blocks"])
    for leak in ("Lượt xem", "In bài viết", "VĂN BẢN MỚI", "Quyết định số", "DANH MỤC", "Hôm nay"):
        assert leak not in text
    assert got["related"] == [
        {
            "title": "Công an thành phố ra quân tấn công, trấn áp tội phạm",
            "url": "/Pages/cong-an-thanh-pho-ra-quan-tan-cong-tran-ap-toi-pham.aspx",
            "published": "2024-03-12",
        },
        {  # written absolute on the canonical origin, no date shown
            "title": "Diễn tập phương án chữa cháy và cứu nạn, cứu hộ tại khu dân cư",
            "url": "/Pages/ra-quan-dien-tap.aspx",
            "published": None,
        },
    ]


def test_explain_names_profile_rules_on_portal_pages() -> None:
    gold = next(g for g in ARTICLES if g["attachments"] and g["author"])
    _article, provenance = explain_article(_page_file(gold["url"]).read_bytes(), BASE + gold["url"])
    rules = {p.field: p.rule for p in provenance}
    assert rules["title"] == "profile:sharepoint2013:title"
    assert rules["published"] == "profile:sharepoint2013:date"
    assert rules["blocks"] == "profile:sharepoint2013:body"
    assert rules["attachments"] == "profile:sharepoint2013:attachments"
    assert all(len(p.excerpt) <= 80 for p in provenance)


def test_explain_names_fallback_and_meaning_rules() -> None:
    _article, provenance = explain_article(
        (PAGES / "older_master_table.html").read_bytes(), BASE + "/x"
    )
    rules = {p.field: p.rule for p in provenance}
    assert rules["blocks"] == "fallback:density"
    assert rules["related"].startswith("meaning:heading 'Tin liên quan")
    assert rules["author"].startswith("meaning:")
    assert rules["blocks[2].caption"] == "meaning:image table row 2"


def test_error_page_is_not_an_article() -> None:
    from tests.support.portal_server import ERROR_PAGE

    html = ERROR_PAGE.format(message="Không tìm thấy trang bạn yêu cầu.", guid="1234")
    with pytest.raises(NotAnArticleError):
        parse_article(html, BASE + "/Pages/khong-co.aspx")


def test_listing_is_not_an_article() -> None:
    data = _page_file("/Pages/kinh-te.aspx").read_bytes()
    with pytest.raises(NotAnArticleError):
        parse_article(data, BASE + "/Pages/kinh-te.aspx")


def test_page_without_content_is_not_an_article() -> None:
    html = "<html><head><title>Trang</title></head><body><nav><a href='/'>Trang chủ</a></nav></body></html>"
    with pytest.raises(NotAnArticleError):
        parse_article(html, BASE + "/x")


def test_renamed_listing_parses_as_listing() -> None:
    gold = next(g for g in _gold("listing") if g["next"])
    html = rename_classes(_page_file(gold["url"]).read_text(encoding="utf-8"), 9, drop_ids=True)
    listing = parse_listing(html, BASE + gold["url"])
    assert reduce_urls(listing.to_dict(), BASE) == gold


def test_explain_accounts_for_every_field() -> None:
    gold = ARTICLES[0]
    article, provenance = explain_article(_page_file(gold["url"]).read_bytes(), BASE + gold["url"])
    fields = {p.field for p in provenance}
    assert {
        "title",
        "section",
        "published",
        "lead",
        "author",
        "blocks",
        "related",
        "attachments",
    } <= fields
    assert article == parse_article(_page_file(gold["url"]).read_bytes(), BASE + gold["url"])
    empty = [p for p in provenance if p.rule == "none"]
    assert all(p.excerpt == "" for p in empty)
    assert provenance[0].to_dict() == {
        "field": provenance[0].field,
        "rule": provenance[0].rule,
        "excerpt": provenance[0].excerpt,
    }


def test_profile_body_outside_its_root_falls_back() -> None:
    html = """<html><head><title>Tiêu đề bài - Cổng</title></head><body>
    <div class="pl-col-right"><div class="ms-rtestate-field"><p>Giới thiệu cột phải.</p></div></div>
    <div class="news-detail"><h1 class="news-detail-title">Tiêu đề bài</h1>
    <div class="news-detail-date">14/06/2024</div>
    <div class="noi-dung"><p>Đoạn thân bài một, đủ dài để là nội dung chính của bài.</p><p>Đoạn hai.</p></div>
    </div></body></html>"""
    article, provenance = explain_article(html, BASE + "/Pages/a.aspx")
    assert [b.to_dict()["text"] for b in article.blocks] == [
        "Đoạn thân bài một, đủ dài để là nội dung chính của bài.",
        "Đoạn hai.",
    ]
    assert article.published == "2024-06-14"
    assert {p.field: p.rule for p in provenance}["blocks"] == "fallback:density"


def test_sapo_written_as_rich_text_field_is_not_the_body() -> None:
    html = """<html><body><div class="news-detail"><h1 class="news-detail-title">Tiêu đề</h1>
    <div class="news-detail-sapo"><div class="ms-rtestate-field">Sapo của bài.</div></div>
    <div><div class="ms-rtestate-field"><p>Thân bài dài hơn sapo rất nhiều.</p></div></div>
    </div></body></html>"""
    article = parse_article(html, BASE + "/Pages/a.aspx")
    assert article.lead == "Sapo của bài."
    assert [b.to_dict()["text"] for b in article.blocks] == ["Thân bài dài hơn sapo rất nhiều."]


def test_errors_name_the_page() -> None:
    url = BASE + "/Pages/khong-phai-bai.aspx"
    with pytest.raises(NotAnArticleError) as caught:
        parse_article("<html><body><p>x</p></body></html>", url)
    assert url in str(caught.value)


OLD_CELL_PAGE = """<html><head><title>UBND xã Phù Vân - Tin tức</title></head><body>
<table width="780" align="center"><tr><td class="menu"><a href="/default.asp">Trang chủ</a> |
<a href="/tintuc.asp">Tin tức</a> | <a href="/vanban.asp">Văn bản</a></td></tr>
<tr><td><table width="100%"><tr><td>
<p align="center"><font size="4" color="#990000"><b>Xã Phù Vân ra quân làm đường giao thông nông thôn</b></font></p>
<p><font size="2"><i>Ngày 05/11/2024</i></font></p>
<p>Sáng 5/11, xã Phù Vân ra quân làm mới 2,3 km đường giao thông nông thôn tại các thôn.</p>
<p>Nhân dân đã hiến hơn 1.200 m² đất và đóng góp hơn 800 ngày công lao động.</p>
</td></tr></table></td></tr></table></body></html>"""


def test_title_and_date_written_atop_the_body_cell() -> None:
    """An old layout puts title, date and text in one cell under a ``<title>`` naming the
    site: the bold, centred first line above a date line is the title, the date is the
    date; the " | " row of links in ``td.menu`` is a menu, not a breadcrumb."""
    article, provenance = explain_article(OLD_CELL_PAGE, BASE + "/tintuc.asp?id=9")
    assert article.title == "Xã Phù Vân ra quân làm đường giao thông nông thôn"
    assert article.published == "2024-11-05"
    assert article.section is None
    assert [b.to_dict()["text"] for b in article.blocks] == [
        "Sáng 5/11, xã Phù Vân ra quân làm mới 2,3 km đường giao thông nông thôn tại các thôn.",
        "Nhân dân đã hiến hơn 1.200 m² đất và đóng góp hơn 800 ngày công lao động.",
    ]
    rules = {record.field: record.rule for record in provenance}
    assert rules["title"] == "fallback:bold line above date atop body"


def test_a_bold_first_line_without_a_date_under_it_is_not_taken_for_the_title() -> None:
    html = OLD_CELL_PAGE.replace('<p><font size="2"><i>Ngày 05/11/2024</i></font></p>', "")
    assert parse_article(html, BASE + "/tintuc.asp?id=9").title == "UBND xã Phù Vân - Tin tức"
