"""Article rules the portal copy does not exercise, on small pages built here.

Each page uses the portal's template (so the site profile applies) with a body
written to exercise one rule of the portal README: decomposed Unicode,
``<br><br>`` paragraphs, ordered lists, video, captions, 12-hour times, links
written absolute on the canonical origin or relative, related news without
dates, bylines that are not right-aligned, and the things that must never
become blocks.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

from phuly_tui.model import Article, Heading, Image, ListBlock, Paragraph, Table, Video
from phuly_tui.parse import explain_article, parse_article
from phuly_tui.urls import reduce_urls

BASE = "http://127.0.0.1:8000"
URL = BASE + "/Pages/bai-thu.aspx"


def portal_page(
    body: str,
    *,
    title: str = "Bài thử nghiệm",
    date: str = "Thứ Sáu, 14/06/2024 | 08:30",
    lead: str = "",
    after_body: str = "",
) -> str:
    """A page in the portal's template around a rich-text body."""
    sapo = f'<div class="news-detail-sapo">{lead}</div>' if lead else ""
    return f"""<!DOCTYPE html><html lang="vi-VN"><head><meta charset="utf-8">
<title>{title} - Cổng thông tin điện tử thành phố Phủ Lý</title></head><body>
<div class="pl-toplinks"><span class="pl-today">Thứ Hai, 23/12/2024</span></div>
<div class="pl-breadcrumb"><a href="/" class="home">Trang chủ</a><span class="sep"> » </span>
<a href="/Pages/kinh-te.aspx" class="current-cate">Kinh tế</a></div>
<div class="news-detail"><h1 class="news-detail-title">{title}</h1>
<div class="news-detail-meta"><span class="news-detail-date">{date}</span></div>{sapo}
<div class="news-detail-content"><div class="ms-rtestate-field">{body}</div></div>
{after_body}
<div class="news-detail-tools noindex"><span class="news-view">Lượt xem: 1.024</span>
<a href="javascript:window.print();">In bài viết</a><a href="mailto:?subject=x">Gửi email</a></div>
</div></body></html>"""


def parse(body: str, **parts: Any) -> Article:
    return parse_article(portal_page(body, **parts).encode("utf-8"), URL)


def texts(article: Article) -> list[str]:
    return [b.text for b in article.blocks if isinstance(b, Paragraph)]


# -- text normalisation -----------------------------------------------------------


def test_decomposed_unicode_becomes_nfc() -> None:
    body = unicodedata.normalize("NFD", "<p>Thành phố Phủ Lý đẩy mạnh chuyển đổi số</p>")
    title = unicodedata.normalize("NFD", "Tiêu đề có dấu tiếng Việt")
    article = parse(body, title=title)
    assert texts(article) == ["Thành phố Phủ Lý đẩy mạnh chuyển đổi số"]
    assert article.title == "Tiêu đề có dấu tiếng Việt"
    assert unicodedata.is_normalized("NFC", article.title)


def test_nbsp_zero_width_and_character_references() -> None:
    body = (
        "<p>Ph&#7911;&nbsp;&nbsp;L&#253;\u200b có&#160; \u00a0 nhi\u200c\u200dều "
        "&amp; &quot;cây&quot; &#x110;&#x1ea3;ng\ufeff\u2060</p>"
    )
    assert texts(parse(body)) == ['Phủ Lý có nhiều & "cây" Đảng']


@pytest.mark.parametrize(
    "empty",
    [
        "<p>&nbsp;</p>",
        "<p><br></p>",
        "<p>\u200b</p>",
        "<div> <br/> </div>",
        "<p><span> </span></p>",
    ],
)
def test_empty_paragraphs_give_nothing(empty: str) -> None:
    article = parse(f"{empty}<p>Nội dung</p>{empty}")
    assert [b.to_dict() for b in article.blocks] == [{"type": "paragraph", "text": "Nội dung"}]


# -- paragraphs -------------------------------------------------------------------


def test_double_br_splits_paragraphs_single_br_is_space() -> None:
    body = "<p>Dòng một<br>vẫn đoạn một<br><br>Đoạn hai<br/>\n<br/>Đoạn ba<br><br><br>Đoạn bốn</p>"
    assert texts(parse(body)) == ["Dòng một vẫn đoạn một", "Đoạn hai", "Đoạn ba", "Đoạn bốn"]


def test_div_paragraphs_and_inline_markup_flattened() -> None:
    body = (
        '<div>Đoạn <strong>một</strong> <span style="font-family:Arial"><em>có</em> '
        '<font color="red">định dạng</font></span></div><div>Đoạn hai</div>'
    )
    assert texts(parse(body)) == ["Đoạn một có định dạng", "Đoạn hai"]


def test_lead_is_not_repeated_in_blocks() -> None:
    lead = "Sáng 14/6, thành phố tổ chức hội nghị."
    article = parse(f"<p>{lead}</p><p>Nội dung chính.</p>", lead=lead)
    assert article.lead == lead
    assert texts(article) == ["Nội dung chính."]


# -- headings, lists, tables ------------------------------------------------------


def test_headings_keep_their_level() -> None:
    article = parse("<h2>Một</h2><p>x</p><h4><strong>Bốn</strong></h4><h6>Sáu</h6>")
    headings = [b for b in article.blocks if isinstance(b, Heading)]
    assert [(h.text, h.level) for h in headings] == [("Một", 2), ("Bốn", 4), ("Sáu", 6)]


def test_ordered_and_unordered_lists() -> None:
    article = parse(
        "<ol><li>Bước <b>một</b></li><li> </li><li>Bước hai</li></ol><ul><li>Ý a</li></ul>"
    )
    lists = [b for b in article.blocks if isinstance(b, ListBlock)]
    assert lists == [ListBlock(("Bước một", "Bước hai"), True), ListBlock(("Ý a",), False)]


def test_data_table_rows_include_header() -> None:
    body = (
        "<table><thead><tr><th>Khoản</th><th>Số</th></tr></thead>"
        "<tbody><tr><td><p>Thuế</p></td><td>1.250,0</td></tr><tr><td>Phí</td><td>88</td></tr></tbody></table>"
    )
    tables = [b for b in parse(body).blocks if isinstance(b, Table)]
    assert tables == [Table((("Khoản", "Số"), ("Thuế", "1.250,0"), ("Phí", "88")))]


# -- images and captions ----------------------------------------------------------


def test_caption_from_figcaption() -> None:
    body = '<figure><img src="/a.jpg" alt="a.jpg"><figcaption>Chú thích <em>ảnh</em></figcaption></figure>'
    assert parse(body).blocks == (Image(BASE + "/a.jpg", "a.jpg", "Chú thích ảnh"),)


def test_caption_from_second_row_of_image_table() -> None:
    body = (
        '<table class="image-table"><tr><td><img src="/b.jpg" alt="b.jpg"></td></tr>'
        "<tr><td><p><span>Hàng thứ hai là chú thích</span></p></td></tr></table><p>Sau bảng.</p>"
    )
    article = parse(body)
    assert article.blocks[0] == Image(BASE + "/b.jpg", "b.jpg", "Hàng thứ hai là chú thích")
    assert texts(article) == ["Sau bảng."]


@pytest.mark.parametrize(
    "caption_html",
    [
        "<p><em>Chú thích nghiêng.</em></p>",
        "<p style='text-align:center'><span><i>Chú thích nghiêng.</i></span></p>",
        "<div><span style='font-style: italic'>Chú thích nghiêng.</span></div>",
        "<p><em>Chú thích</em> <i>nghiêng.</i></p>",
    ],
)
def test_caption_from_entirely_italic_paragraph_after_image(caption_html: str) -> None:
    article = parse(f'<p><img src="/c.jpg" alt="c.jpg"></p>{caption_html}<p>Tiếp theo.</p>')
    assert article.blocks[0] == Image(BASE + "/c.jpg", "c.jpg", "Chú thích nghiêng.")
    assert texts(article) == ["Tiếp theo."]  # the caption paragraph is not a block


def test_file_name_alt_is_never_a_caption() -> None:
    article = parse('<p><img src="/IMG_0418.JPG" alt="IMG_0418.JPG"></p><p>Đoạn thường.</p>')
    assert article.blocks == (
        Image(BASE + "/IMG_0418.JPG", "IMG_0418.JPG", None),
        Paragraph("Đoạn thường."),
    )


def test_partly_italic_or_distant_paragraph_is_not_a_caption() -> None:
    article = parse(
        '<p><img src="/d.jpg" alt="Ảnh d"></p><p><em>Một phần</em> nghiêng.</p>'
        "<p><em>Nghiêng nhưng không ngay sau ảnh.</em></p>"
    )
    assert article.blocks[0] == Image(BASE + "/d.jpg", "Ảnh d", None)
    assert texts(article) == ["Một phần nghiêng.", "Nghiêng nhưng không ngay sau ảnh."]


def test_several_images_in_one_paragraph_keep_text_order() -> None:
    article = parse('<p>Trước <img src="/1.jpg" alt="1"> giữa <img src="/2.jpg" alt="2"> sau</p>')
    assert [b.to_dict() for b in article.blocks] == [
        {"type": "paragraph", "text": "Trước"},
        {"type": "image", "src": BASE + "/1.jpg", "alt": "1", "caption": None},
        {"type": "paragraph", "text": "giữa"},
        {"type": "image", "src": BASE + "/2.jpg", "alt": "2", "caption": None},
        {"type": "paragraph", "text": "sau"},
    ]


@pytest.mark.parametrize(
    "caption_html",
    [
        '<p class="news-detail-image-caption">Quang cảnh hội nghị.</p>',
        "<p><em>Quang cảnh hội nghị.</em></p>",
        '<div style="text-align:center">Quang cảnh hội nghị.</div>',
    ],
)
def test_page_image_above_the_body_of_the_portal_template_is_read(caption_html: str) -> None:
    """A page image between the sapo and the body (outside the rich-text field) is the
    article's first picture, its caption found by meaning — never lost, never the lead."""
    picture = (
        '<div class="news-detail-image"><img src="/PublishingImages/2024/06/hoi-nghi.jpg"'
        f' alt="hoi-nghi.jpg">{caption_html}</div>'
    )
    lead = "Sáng 14/6, thành phố tổ chức hội nghị sơ kết công tác 6 tháng đầu năm."
    html = portal_page("<p>Nội dung của bài.</p>", lead=lead).replace(
        '<div class="news-detail-content">', picture + '<div class="news-detail-content">'
    )
    article, provenance = explain_article(html.encode("utf-8"), URL)
    assert article.lead == lead
    assert article.blocks == (
        Image(
            BASE + "/PublishingImages/2024/06/hoi-nghi.jpg", "hoi-nghi.jpg", "Quang cảnh hội nghị."
        ),
        Paragraph("Nội dung của bài."),
    )
    rules = {record.field: record.rule for record in provenance}
    assert rules["blocks[0]"] == "meaning:picture between title and body"


def test_icons_and_uncaptioned_lines_above_the_body_stay_out() -> None:
    """A print icon is no picture; a bold line after the page image is not its caption."""
    between = (
        '<a href="javascript:window.print()"><img src="/images/print.png" width="16"></a>'
        '<div><img src="/PublishingImages/a.jpg" alt="a.jpg">'
        "<p><b>Một dòng đậm không phải chú thích ảnh.</b></p></div>"
    )
    html = portal_page("<p>Nội dung của bài.</p>").replace(
        '<div class="news-detail-content">', between + '<div class="news-detail-content">'
    )
    article = parse_article(html.encode("utf-8"), URL)
    assert article.blocks == (
        Image(BASE + "/PublishingImages/a.jpg", "a.jpg"),
        Paragraph("Nội dung của bài."),
    )


# -- video ------------------------------------------------------------------------


def test_iframe_and_video_are_blocks_and_fallback_is_not_text() -> None:
    body = (
        '<p><iframe src="https://www.youtube.com/embed/abc" width="560">Trình duyệt không hỗ trợ'
        "</iframe></p>"
        '<figure><video controls><source src="/Videos/le-hoi.mp4" type="video/mp4">'
        "Không phát được video</video><figcaption>Lễ hội</figcaption></figure>"
        '<video src="https://phuly.hanam.gov.vn/Videos/b.mp4"></video><p><em>Video b</em></p>'
    )
    article = parse(body)
    assert article.blocks == (
        Video("https://www.youtube.com/embed/abc"),
        Video(BASE + "/Videos/le-hoi.mp4", "Lễ hội"),
        Video(BASE + "/Videos/b.mp4", "Video b"),
    )


# -- dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Ngày đăng: 14/06/2024 02:05:09 CH", "2024-06-14T14:05"),
        ("14/06/2024 9:05 SA", "2024-06-14T09:05"),
        ("Ngày đăng: 12/06/2024 | Cập nhật: 14/06/2024 10:00", "2024-06-12"),
        ("Ngày 14 tháng 6 năm 2024", "2024-06-14"),
    ],
)
def test_date_line_formats(line: str, expected: str) -> None:
    assert parse("<p>x</p>", date=line).published == expected


def test_header_today_is_never_the_date() -> None:
    assert parse("<p>x</p>", date="").published is None


# -- links ------------------------------------------------------------------------


def test_canonical_absolute_and_relative_links() -> None:
    body = (
        '<p>Xem <a href="https://phuly.hanam.gov.vn/Pages/a.aspx?ID=1">bài a</a>, '
        '<a href="b.aspx">bài b</a>, <a href="../Documents/c.pdf">tệp c</a>, '
        '<a href="https://chinhphu.vn/x">Chính phủ</a> và <a href="javascript:void(0)">không</a>.</p>'
        '<p><img src="https://phuly.hanam.gov.vn/PublishingImages/x.jpg" alt="x"></p>'
    )
    article = parse(body)
    links = [(link.text, link.url) for link in article.links]
    assert links == [
        ("bài a", BASE + "/Pages/a.aspx?ID=1"),
        ("bài b", BASE + "/Pages/b.aspx"),
        ("tệp c", BASE + "/Documents/c.pdf"),
        ("Chính phủ", "https://chinhphu.vn/x"),
    ]
    assert article.images[0].src == BASE + "/PublishingImages/x.jpg"
    reduced = reduce_urls(article.to_dict(), BASE)
    assert reduced["blocks"][0]["links"][0]["url"] == "/Pages/a.aspx?ID=1"


def test_links_resolve_against_the_canonical_origin_too() -> None:
    html = portal_page('<p><a href="/Pages/a.aspx">a</a></p>')
    article = parse_article(html, "https://phuly.hanam.gov.vn/Pages/bai-thu.aspx")
    assert article.links[0].url == "https://phuly.hanam.gov.vn/Pages/a.aspx"


# -- related, attachments, other news --------------------------------------------


def test_related_without_dates_and_other_news_excluded() -> None:
    after = (
        '<div class="news-related"><h3>Tin liên quan</h3><ul>'
        '<li><a href="/Pages/r1.aspx">Tin một</a></li>'
        '<li><a href="https://phuly.hanam.gov.vn/Pages/r2.aspx">Tin hai</a> (01/02/2024)</li></ul></div>'
        '<div class="news-other"><h3>Các tin khác</h3><ul><li><a href="/Pages/o.aspx">Khác</a></li></ul></div>'
    )
    article = parse("<p>Nội dung.</p>", after_body=after)
    assert [r.to_dict() for r in article.related] == [
        {"title": "Tin một", "url": BASE + "/Pages/r1.aspx", "published": None},
        {"title": "Tin hai", "url": BASE + "/Pages/r2.aspx", "published": "2024-02-01"},
    ]
    assert texts(article) == ["Nội dung."]


def test_related_and_attachments_found_by_heading_text() -> None:
    after = (
        '<div class="box-a"><h4>Tin liên quan</h4><ul><li><a href="/Pages/r.aspx">Tin r</a></li></ul></div>'
        '<div class="box-b"><strong>File đính kèm:</strong><ul>'
        '<li><a href="/Documents/kh.pdf">Kế hoạch</a></li></ul></div>'
    )
    article = parse("<p>Nội dung.</p>", after_body=after)
    assert [r.title for r in article.related] == ["Tin r"]
    assert [(a.title, a.url) for a in article.attachments] == [
        ("Kế hoạch", BASE + "/Documents/kh.pdf")
    ]


# -- bylines ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        ("<p>Tác giả: Nguyễn Văn A</p>", "Nguyễn Văn A"),
        ("<p><strong>Bài, ảnh: Trần Thị B</strong></p>", "Trần Thị B"),
        ("<p style='text-align:right'>Tin, ảnh: Minh Anh</p>", "Minh Anh"),
        ("<p>Nguồn: Báo Hà Nam</p>", "Báo Hà Nam"),
        ("<p align='right'><b>Quang Huy</b></p>", "Quang Huy"),
    ],
)
def test_byline_at_end_of_body_is_author_not_block(byline: str, author: str) -> None:
    article = parse(f"<p>Nội dung bài viết.</p>{byline}")
    assert article.author == author
    assert texts(article) == ["Nội dung bài viết."]


def test_short_last_paragraph_without_label_or_alignment_stays() -> None:
    article = parse("<p>Nội dung bài viết.</p><p>Quang Huy</p>")
    assert article.author is None
    assert texts(article) == ["Nội dung bài viết.", "Quang Huy"]


def test_byline_after_body() -> None:
    article = parse(
        "<p>Nội dung.</p>", after_body='<div class="news-detail-author">Tin: <b>Ngọc Lan</b></div>'
    )
    assert article.author == "Ngọc Lan"


# -- never in blocks --------------------------------------------------------------


def test_hidden_scripts_and_tools_never_in_blocks() -> None:
    body = (
        "<p>Hiện.</p><p style='display: none'>Ẩn css</p><p hidden>Ẩn attr</p>"
        "<div aria-hidden='true'>Ẩn aria</div><script>var x = 'mã';</script>"
        "<style>p{}</style><noscript>Bật JavaScript</noscript>"
    )
    article = parse(body)
    assert texts(article) == ["Hiện."]
    dump = str(article.to_dict())
    for leak in ("Ẩn", "mã", "JavaScript", "Lượt xem", "In bài viết", "Gửi email", "23/12/2024"):
        assert leak not in dump


def test_hostile_text_is_stripped() -> None:
    body = (
        "<p>An\x1b]52;c;ZXZpbA==\x07toàn &#27;[31mđỏ&#27;[0m \u202eabc\u202c "
        "&#x1b;]8;;http://x&#7;link</p>"
    )
    article = parse(body, title="Tiêu\x07 đề\x9b2J")
    assert texts(article) == ["Antoàn đỏ abc link"]
    assert article.title == "Tiêu đề"


def test_result_urls_are_absolute() -> None:
    article = parse('<p><a href="x.aspx">x</a><img src="y.jpg" alt=""></p>')
    assert article.url == URL
    assert article.links[0].url.startswith(BASE)
    assert article.images[0].src == BASE + "/Pages/y.jpg"


def test_hand_made_rules_page_against_its_gold() -> None:
    """One page combining the rules, compared like the portal gold files."""
    import json
    from pathlib import Path

    pages = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
    gold = json.loads((pages / "rules_article.json").read_text(encoding="utf-8"))
    for base in (BASE, "https://phuly.hanam.gov.vn"):
        article = parse_article((pages / "rules_article.html").read_bytes(), base + gold["url"])
        got = reduce_urls(article.to_dict(), base)
        for block in got["blocks"]:  # keys the gold format does not have
            block.pop("level", None)
            block.pop("links", None)
        assert got == gold
    # the inline links are there too, absolute in the model
    assert [link.url for link in article.links] == [
        "https://phuly.hanam.gov.vn/Pages/chuyen-doi-so.aspx",
        "https://phuly.hanam.gov.vn/Documents/2024/06/huong-dan.pdf",
    ]


def test_hostile_characters_inside_links_never_reach_the_model() -> None:
    after = (
        '<div class="news-related"><h3>Tin liên quan</h3><ul>'
        '<li><a href="/Pages/a\u202eb.aspx">Tin \u2066a</a></li>'
        '<li><a href="/Pages/c&#x1b;[31m.aspx">Tin c</a></li></ul></div>'
    )
    article = parse(
        '<p><a href="/Pages/x\u200e.aspx">x</a> <img src="/i\u202e.jpg" alt="a\u202eb"></p>',
        after_body=after,
    )
    urls = [r.url for r in article.related] + [link.url for link in article.links]
    urls.append(article.images[0].src)
    assert urls == [
        BASE + "/Pages/ab.aspx",
        BASE + "/Pages/c.aspx",
        BASE + "/Pages/x.aspx",
        BASE + "/i.jpg",
    ]
    assert [r.title for r in article.related] == ["Tin a", "Tin c"]
    assert article.images[0].alt == "ab"


def test_table_laying_out_several_pictures() -> None:
    body = (
        '<table><tr><td><img src="/a.jpg" alt="a.jpg"></td><td><img src="/b.jpg" alt="b.jpg"></td></tr>'
        '<tr><td colspan="2"><em>Hai ảnh cạnh nhau.</em></td></tr></table>'
        "<table><tr><th>Khoản</th><th>Số</th></tr><tr><td>Thuế</td><td>1</td></tr></table>"
    )
    assert parse(body).blocks == (
        Image(BASE + "/a.jpg", "a.jpg", None),
        Image(BASE + "/b.jpg", "b.jpg", "Hai ảnh cạnh nhau."),
        Table((("Khoản", "Số"), ("Thuế", "1"))),
    )


def test_related_date_written_inside_the_link() -> None:
    after = (
        '<div class="news-related"><h3>Tin liên quan</h3><ul>'
        '<li><a href="/Pages/r.aspx">Hội nghị ngày 10/10/2024 (20/06/2024)</a></li></ul></div>'
    )
    (related,) = parse("<p>x</p>", after_body=after).related
    assert (related.title, related.published) == ("Hội nghị ngày 10/10/2024", "2024-06-20")


def test_nested_list_items_follow_their_parent() -> None:
    body = (
        "<ul><li>Mục A<ul><li>A1</li><li>A2<ol><li>A2a</li></ol></li></ul></li>"
        "<li><span>Mục</span> B</li></ul>"
    )
    (block,) = parse(body).blocks
    assert block == ListBlock(("Mục A", "A1", "A2", "A2a", "Mục B"), False)
