"""Pages of layouts the other fixtures do not show, read by the generic extractor.

Each page of ``tests/fixtures/pages/`` listed in :data:`GOLDS` is hand-made
after markup the portal may serve on pages nobody here has seen: SharePoint
2013's own article layout (body in ``…RichHtmlField``, the top menu inside
``div.ms-breadcrumb-box``, a page image with its caption above the body), an
older master of nested layout tables with ``<br><br>`` paragraphs, a portal
page as the Wayback Machine replays it (toolbar, every link rewritten to
``/web/<timestamp>/<original>``), a page saved in the Vietnamese code page
(cp1258: tone marks as combining characters) under a meta tag saying UTF-8,
a page of meaningless class names stored in decomposed Unicode (NFD) with a
flat menu list before its " / " breadcrumb and a "Tải về: <a>…</a>" box, a
portal page whose editor wrapped the whole body in a one-cell layout table, a
news list's item on SharePoint's display form (``DispForm.aspx``: a table of
field labels and values under a heading that names the list), a
portal page whose title, sapo, one paragraph, byline and related title were stored
twice-encoded (UTF-8 read as windows-1252), a portal page whose body was pasted
from Microsoft Word (``MsoNormal``, ``<o:p>``, conditional comments, lists as
``mso-list`` paragraphs) among ``<font>`` soup, unclosed ``<p>``, ``<center>``,
``<marquee>``, inline ``<script>``/``<style>``, ``<noscript>``, an old page typed
in the legacy font encodings TCVN3 (``.VnTime``, ``.VnTimeH``) and VNI (``VNI-Times``)
served without a charset.  Beside each,
its gold JSON, written by hand from the page: every key it has must match.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from phuly_tui.model import Image, Paragraph
from phuly_tui.parse import explain_article, page_plain_text, parse_article, parse_page
from phuly_tui.urls import reduce_urls
from tests.support.gold import assert_matches_gold

BASE = "http://127.0.0.1:8000"
PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
GOLDS = (
    "nested_tables_br",
    "sp2013_richhtml",
    "wayback_toolbar",
    "legacy_cp1258",
    "nfd_divs",
    "portal_messy",
    "sp2013_dispform",
    "portal_double_utf8",
    "portal_word_paste",
    "legacy_tcvn3",
)
#: every field of an article's gold (``../portal/README.md``)
ARTICLE_FIELDS = (
    "kind", "url", "title", "section", "published", "lead", "author", "blocks", "related",
    "attachments",
)  # fmt: skip
ARCHIVED = "https://web.archive.org/web/20240712031544/https://phuly.hanam.gov.vn"


def load(name: str) -> tuple[bytes, dict[str, Any]]:
    gold: dict[str, Any] = json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))
    return (PAGES / f"{name}.html").read_bytes(), gold


def rules_of(name: str) -> dict[str, str]:
    html, gold = load(name)
    _article, provenance = explain_article(html, BASE + gold["url"])
    return {record.field: record.rule for record in provenance}


@pytest.mark.parametrize("name", GOLDS)
def test_page_matches_its_gold(name: str) -> None:
    html, gold = load(name)
    article = parse_article(html, BASE + gold["url"])
    assert_matches_gold(reduce_urls(article.to_dict(), BASE), gold)
    assert parse_page(html, BASE + gold["url"]) == article


@pytest.mark.parametrize("name", GOLDS)
def test_every_gold_states_every_field(name: str) -> None:
    """A key missing from a gold is a field nobody compares: the gold says them all."""
    _html, gold = load(name)
    assert set(ARTICLE_FIELDS) <= set(gold)


def test_the_page_image_and_its_caption_open_the_body() -> None:
    """SharePoint's page-image field and its caption field sit between the title and
    the body: one image block with its caption, ahead of the body, never a paragraph."""
    html, gold = load("sp2013_richhtml")
    article = parse_article(html, BASE + gold["url"])
    first = article.blocks[0]
    assert isinstance(first, Image)
    assert first.caption == "Cầu Châu Giang mới nhìn từ bờ phường Quang Trung."
    texts = [block.text for block in article.blocks if isinstance(block, Paragraph)]
    assert first.caption not in texts
    rules = rules_of("sp2013_richhtml")
    assert rules["blocks[0]"] == "meaning:picture between title and body"
    assert rules["blocks[0].caption"] == "meaning:line marked 'caption' after picture"


def test_title_in_a_nested_layout_table_is_found_above_the_body() -> None:
    """The body cell sits three tables deep: the title's row is further up than five
    elements, yet it is the article's title (not the site name of ``<title>``)."""
    rules = rules_of("nested_tables_br")
    assert rules["title"] == "fallback:title-like line before body"
    assert rules["published"] == "fallback:date line after title"
    assert rules["author"] == "meaning:byline label after body"


def test_the_row_holding_the_body_is_not_a_lead() -> None:
    """A table row around the body cell holds no block (cells are not blocks): it is
    the body itself, never "the one block between the date and the body"."""
    html, gold = load("nested_tables_br")
    article = parse_article(html, BASE + gold["url"])
    assert article.lead is None
    assert rules_of("nested_tables_br")["lead"] == "none"


def test_sharepoint_top_menu_is_not_a_breadcrumb() -> None:
    """SharePoint 2013's Seattle master puts its top menu in ``ms-breadcrumb-box``:
    still a menu, whose selected item (minus its ``ms-hidden`` screen-reader note)
    names the section."""
    assert rules_of("sp2013_richhtml")["section"] == "meaning:active menu item"


def test_caption_of_the_page_image_is_not_the_lead() -> None:
    html, gold = load("sp2013_richhtml")
    article = parse_article(html, BASE + gold["url"])
    assert rules_of("sp2013_richhtml")["lead"] == "fallback:first bold paragraph of body"
    texts = [block.text for block in article.blocks if isinstance(block, Paragraph)]
    assert texts[-2:] == [
        "Phát biểu tại buổi lễ, Chủ tịch UBND thành phố cho biết công trình hoàn thành vượt "
        "tiến độ 45 ngày, bảo đảm chất lượng, mỹ quan đô thị, góp phần giảm tải cho cầu cũ "
        "đã xuống cấp sau hơn 30 năm sử dụng.",
        "Chi tiết xem tại Quyết định phê duyệt dự án đính kèm bên dưới.",
    ]


def test_links_of_a_wayback_replay_are_the_portal_pages() -> None:
    """Read at its archive address, the replayed page links to the portal's pages,
    images and files (the originals), never to the archive's copies of them."""
    html, gold = load("wayback_toolbar")
    article = parse_article(html, ARCHIVED + gold["url"])
    portal = "https://phuly.hanam.gov.vn"
    assert [r.url for r in article.related] == [portal + gold["related"][0]["url"]]
    assert [a.url for a in article.attachments] == [portal + gold["attachments"][0]["url"]]
    data = article.to_dict()
    assert data["blocks"][1]["src"] == portal + "/PublishingImages/2024/07/khoi-cong-thcs.jpg"
    assert [link["url"] for link in data["blocks"][2]["links"]] == [
        portal + "/Pages/giao-duc.aspx",
        "http://moet.gov.vn/",
    ]


def test_wayback_toolbar_never_reaches_the_text() -> None:
    html, gold = load("wayback_toolbar")
    text = page_plain_text(html, BASE + gold["url"])
    assert "Khởi công xây dựng Trường THCS Liêm Chính" in text
    for toolbar in ("COLLECTED BY", "captures", "About this capture", "Alexa"):
        assert toolbar not in text


def test_a_breadcrumb_with_separators_wins_over_a_flat_menu() -> None:
    """``ul.mnu`` (Trang chủ, Tin tức, Thông báo, Liên hệ) comes first and reads like a
    breadcrumb drawn by CSS; the trail written with " / " after it is the breadcrumb."""
    html, gold = load("nfd_divs")
    assert parse_article(html, BASE + gold["url"]).section == "Tin tức"


def test_a_box_labelled_in_its_own_text_holds_the_attachments() -> None:
    assert rules_of("nfd_divs")["attachments"] == "meaning:heading 'Tải về:'"


def test_a_sentence_starting_with_a_label_stays_in_the_body() -> None:
    """Only a box of links after its label is one: "Tải về <a>mẫu đơn</a> tại đây…"
    is a sentence of the body."""
    sentence = (
        "Tải về <a href='/Documents/mau-don.docx'>mẫu đơn</a> tại đây, điền đầy đủ thông "
        "tin và nộp tại bộ phận một cửa của phường trước ngày 15/7."
    )
    html = (
        "<html><head><title>Hướng dẫn nộp hồ sơ</title></head><body><h1>Hướng dẫn nộp hồ sơ"
        "</h1><div><p>Người dân có nhu cầu đăng ký cần chuẩn bị đầy đủ giấy tờ theo quy định."
        f"</p><p>{sentence}</p></div></body></html>"
    )
    article = parse_article(html.encode(), BASE + "/Pages/huong-dan.aspx")
    assert article.attachments == ()
    assert [b.text for b in article.blocks if isinstance(b, Paragraph)][-1].startswith("Tải về")


def test_a_layout_table_around_the_body_is_not_an_image_table() -> None:
    """A one-cell table holding the whole body (an image deep inside) is layout: its
    paragraphs are the body, and the image's table inside it captions the image."""
    html, gold = load("portal_messy")
    article = parse_article(html, BASE + gold["url"])
    assert sum(isinstance(block, Paragraph) for block in article.blocks) == 4
    assert rules_of("portal_messy")["blocks[3].caption"] == "meaning:image table row 2"


def test_sharepoint_web_part_title_heads_its_links() -> None:
    """A web part's title as SharePoint 2013 writes it: ``<h2><nobr><span>Tin liên
    quan</span><span id="WebPartCaption…"></span></nobr></h2>``, the list in the next
    box; the inner span says the same but only the heading finds the links."""
    assert rules_of("sp2013_richhtml")["related"] == "meaning:heading 'Tin liên quan'"


def test_a_menu_list_under_a_breadcrumb_box_is_no_breadcrumb() -> None:
    """Seattle's ``div.ms-breadcrumb-top`` holds the top menu: a list that says "menu"
    itself is a menu, however close the box that says "breadcrumb" is."""
    html = (
        "<html><head><title>Lịch tiếp công dân tháng 7</title></head><body>"
        '<div class="ms-breadcrumb-box"><div class="ms-breadcrumb-top">'
        '<div class="ms-core-navigation" role="navigation">'
        '<ul class="root ms-core-listMenu-root static">'
        '<li class="static"><a class="static menu-item" href="/">Trang chủ</a></li>'
        '<li class="static selected"><a class="static selected menu-item" href="/Pages/tb.aspx">'
        'Thông báo<span class="ms-hidden">Hiện đang được chọn</span></a></li>'
        '<li class="static"><a class="static menu-item" href="/Pages/kt.aspx">Kinh tế</a></li>'
        "</ul></div></div></div><h1>Lịch tiếp công dân tháng 7</h1><div>"
        "<p>Chủ tịch UBND thành phố tiếp công dân định kỳ vào ngày 15/7/2024 tại trụ sở.</p>"
        "<p>Công dân mang theo căn cước công dân và giấy tờ liên quan đến vụ việc.</p>"
        "</div></body></html>"
    )
    html_bytes = html.encode()
    article, provenance = explain_article(html_bytes, BASE + "/Pages/lich-tiep.aspx")
    assert article.section == "Thông báo"
    assert {r.field: r.rule for r in provenance}["section"] == "meaning:active menu item"


def test_a_list_items_title_comes_from_its_title_field() -> None:
    """On ``DispForm.aspx`` the page's heading is the list's name ("Tin tức"); the
    article's title is the value of the form's "Tiêu đề" field."""
    rules = rules_of("sp2013_dispform")
    assert rules["title"] == "meaning:form field 'Tiêu đề'"
    assert rules["published"] == "meaning:form field 'Ngày đăng'"
    assert rules["lead"] == "meaning:form field 'Tóm tắt'"
    assert rules["blocks"] == "meaning:form field 'Nội dung'"
    assert rules["related"] == "meaning:form field 'Tin liên quan'"
    assert rules["attachments"] == "meaning:form field 'Tệp đính kèm'"


def test_form_labels_and_unknown_fields_never_become_text() -> None:
    html, gold = load("sp2013_dispform")
    article = parse_article(html, BASE + gold["url"])
    texts = [block.text for block in article.blocks if isinstance(block, Paragraph)]
    for label in ("Tiêu đề", "Ngày đăng", "Tác giả", "Tóm tắt", "Nội dung", "Hiển thị trang chủ"):
        assert not any(label == text or text.startswith(label + " ") for text in texts)
    assert "Có" not in texts
    assert article.title not in texts


FORM_ROWS = (
    "<tr><th>Title</th><td>Lịch tiếp công dân của Chủ tịch UBND thành phố tháng 8/2024</td></tr>"
    "<tr><th>Modified</th><td>02/08/2024 4:15 CH</td></tr>"
    "<tr><th>Created</th><td>01/08/2024 9:05 SA</td></tr>"
    "<tr><th>Body</th><td><div><p>Chủ tịch UBND thành phố tiếp công dân định kỳ vào ngày 15/8/2024"
    " tại Trụ sở Tiếp công dân thành phố.</p><p>Công dân mang theo giấy tờ tùy thân.</p></div></td></tr>"
    '<tr><th>Attachments</th><td><a href="/Lists/Lich/Attachments/3/lich-tiep.pdf">lich-tiep.pdf</a>'
    "</td></tr>"
)


def test_a_form_in_english_without_sharepoint_classes_is_read_by_its_labels() -> None:
    """Any table of label/value rows whose labels name known fields is a form: the
    English display names too, the creation date when no publication date is given."""
    html = (
        "<html><head><title>Lịch tiếp dân</title></head><body><h1>Lịch công tác</h1>"
        f"<table class='x1'>{FORM_ROWS}</table></body></html>"
    )
    article, provenance = explain_article(html.encode(), BASE + "/Lists/Lich/DispForm.aspx?ID=3")
    assert article.title == "Lịch tiếp công dân của Chủ tịch UBND thành phố tháng 8/2024"
    assert article.published == "2024-08-01T09:05"
    assert [b.text for b in article.blocks if isinstance(b, Paragraph)] == [
        "Chủ tịch UBND thành phố tiếp công dân định kỳ vào ngày 15/8/2024 tại Trụ sở Tiếp công"
        " dân thành phố.",
        "Công dân mang theo giấy tờ tùy thân.",
    ]
    assert [a.title for a in article.attachments] == ["lich-tiep.pdf"]
    assert {r.field: r.rule for r in provenance}["published"] == "meaning:form field 'Created'"


def test_one_labelled_row_is_no_form() -> None:
    """A two-cell table row that starts with "Nội dung" inside an article is a table of
    the article, not a form: a form names at least two known fields."""
    html = (
        "<html><head><title>Kế hoạch kiểm tra</title></head><body><h1>Kế hoạch kiểm tra</h1><div>"
        "<p>Thành phố ban hành kế hoạch kiểm tra công tác cải cách hành chính năm 2024 tại các xã,"
        " phường trên địa bàn.</p><table><tr><td>Nội dung</td><td>Kiểm tra việc giải quyết thủ "
        "tục hành chính</td></tr><tr><td>Thời gian</td><td>Tháng 9/2024</td></tr></table>"
        "</div></body></html>"
    )
    article = parse_article(html.encode(), BASE + "/Pages/ke-hoach.aspx")
    assert article.title == "Kế hoạch kiểm tra"
    assert any(b.type == "table" for b in article.blocks)


def form_row(label: str, internal: str, kind: str, value: str) -> str:
    """A row of SharePoint's server-rendered display form."""
    return (
        '<tr><td nowrap="true" valign="top" class="ms-formlabel"><h3 class="ms-standardheader">'
        f'<a name="SPBookmark_{internal}"></a><nobr>{label}</nobr></h3></td>'
        f'<td valign="top" class="ms-formbody" id="{kind}">\n<!-- FieldName="{label}"\n'
        f'     FieldInternalName="{internal}"\n     FieldType="{kind}"\n  -->\n{value}&nbsp;</td></tr>'
    )


def test_a_renamed_title_field_is_known_by_its_internal_name() -> None:
    """A document list calls its Title field "Số ký hiệu": SharePoint's comment in the
    value cell still says ``FieldInternalName="Title"``.  "Người tạo" (internally
    ``Author``: who created the item) is not the article's author."""
    rows = (
        form_row("Số ký hiệu", "Title", "SPFieldText", "18/KH-UBND")
        + form_row("Trích yếu", "TrichYeu", "SPFieldNote", "Kế hoạch tổ chức Tết Trồng cây 2024")
        + form_row("Ngày ban hành", "NgayBanHanh", "SPFieldDateTime", "15/01/2024")
        + form_row("Cơ quan ban hành", "CoQuan", "SPFieldText", "UBND thành phố Phủ Lý")
        + form_row("Người tạo", "Author", "SPFieldUser", "Quản trị cổng")
        + form_row(
            "Tệp đính kèm",
            "Attachments",
            "SPFieldAttachments",
            '<table id="idAttachmentsTable"><tr><td class="ms-vb"><a href="/Lists/VanBan/'
            'Attachments/3/18-KH-UBND.pdf">18-KH-UBND.pdf</a></td></tr></table>',
        )
    )
    html = (
        "<html><head><title>Văn bản - 18/KH-UBND</title></head><body>"
        '<h1 id="pageTitle"><a href="/Lists/VanBan/AllItems.aspx">Văn bản</a></h1>'
        f'<table class="ms-formtable">{rows}</table></body></html>'
    )
    article, provenance = explain_article(html.encode(), BASE + "/Lists/VanBan/DispForm.aspx?ID=3")
    assert article.title == "18/KH-UBND"
    assert article.lead == "Kế hoạch tổ chức Tết Trồng cây 2024"
    assert article.published == "2024-01-15"
    assert article.author is None
    assert [a.title for a in article.attachments] == ["18-KH-UBND.pdf"]
    assert {r.field: r.rule for r in provenance}["title"] == "meaning:form field 'Số ký hiệu'"


def test_a_form_without_a_date_field_is_dated_by_its_creation_line() -> None:
    """A list with no date field: the form's toolbar says when the item was created
    ("Được tạo lúc … bởi …", SharePoint's ``…CreatedModifiedInfo``), not when it changed."""
    rows = form_row("Tiêu đề", "Title", "SPFieldText", "Thông báo lịch cắt điện tháng 7") + (
        form_row(
            "Nội dung",
            "Body",
            "SPFieldNote",
            "<div><p>Điện lực Phủ Lý thông báo lịch "
            "tạm ngừng cung cấp điện tại phường Quang Trung ngày 12/7/2024.</p></div>",
        )
    )
    toolbar = (
        '<table class="ms-formtoolbar"><tr><td class="ms-descriptiontext" id="onetidinfoblock1">'
        '<span id="ctl00_g_1_ctl00_toolBarTbl_RptControls_ctl00_ctl00_ctl00_CreatedModifiedInfo">'
        "Được tạo lúc 08/07/2024 2:15 CH&#160; bởi <span class='ms-imnSpan'><a>Minh Thu</a></span>"
        "</span><br/><span>Sửa đổi lần cuối lúc 09/07/2024 9:10 SA&#160; bởi <a>Quản trị</a>"
        "</span></td></tr></table>"
    )
    html = (
        "<html><head><title>Thông báo</title></head><body><h1>Thông báo</h1>"
        f'<table class="ms-formtable">{rows}</table>{toolbar}</body></html>'
    )
    article, provenance = explain_article(
        html.encode(), BASE + "/Lists/ThongBao/DispForm.aspx?ID=4"
    )
    assert article.published == "2024-07-08T14:15"
    rules = {r.field: r.rule for r in provenance}
    assert rules["published"] == "profile:sharepoint2013:created_info"


FORM_CONTEXT = (
    "var WPQ2FormCtx = {"
    '"ListData": {"owshiddenversion": 3, "ContentType": "Mục",'
    ' "Title": "Phủ Lý ra quân hưởng ứng Tháng hành động vì môi trường",'
    ' "NgayDang": "5/7/2024 8:30", "TomTat": "Sáng 5/7, hơn 1.500 người ra quân vệ sinh môi trường.",'
    ' "NoiDung": "<div class=\\"ExternalClassA1\\"><p>Lực lượng ra quân thu gom rác thải tại 21 xã,'
    ' phường.</p><p>Hoạt động kéo dài đến hết tháng 7.</p></div>",'
    ' "TacGia": [{"Key": "i:0#.w|phuly\\\\minhthu", "DisplayText": "Minh Thu", "IsResolved": true}],'
    ' "ChuyenMuc": "Văn hóa - Xã hội", "HienThiTrangChu": "1",'
    ' "TinLienQuan": "8;#Phủ Lý phát động chống rác thải nhựa;#10;#Ra mắt mô hình phân loại rác",'
    ' "Attachments": "", "Created": "05/07/2024 8:25",'
    ' "Author": "1;#i:0#.w|phuly\\\\admin,#admin@phuly.hanam.gov.vn", "Modified": "06/07/2024 9:10"},'
    '"ListSchema": {'
    '"Title": {"Title": "Tiêu đề", "Name": "Title", "FieldType": "Text", "Type": "Text"},'
    ' "NgayDang": {"Title": "Ngày đăng", "Name": "NgayDang", "FieldType": "DateTime"},'
    ' "TomTat": {"Title": "Tóm tắt", "Name": "TomTat", "FieldType": "Note", "RichText": false},'
    ' "NoiDung": {"Title": "Nội dung", "Name": "NoiDung", "FieldType": "Note", "RichText": true},'
    ' "TacGia": {"Title": "Tác giả", "Name": "TacGia", "FieldType": "User"},'
    ' "ChuyenMuc": {"Title": "Chuyên mục", "Name": "ChuyenMuc", "FieldType": "Choice"},'
    ' "HienThiTrangChu": {"Title": "Hiển thị trang chủ", "FieldType": "Boolean"},'
    ' "TinLienQuan": {"Title": "Tin liên quan", "Name": "TinLienQuan", "FieldType": "LookupMulti",'
    ' "BaseDisplayFormUrl": "https://phuly.hanam.gov.vn/_layouts/15/listform.aspx?PageType=4",'
    ' "LookupListId": "5c3e9a1b-7d2f-4e8a-9b6c-1f0e2d3c4b5a"},'
    ' "Attachments": {"Title": "Tệp đính kèm", "FieldType": "Attachments"},'
    ' "Created": {"Title": "Đã tạo", "FieldType": "DateTime"},'
    ' "Author": {"Title": "Người tạo", "FieldType": "User"},'
    ' "Modified": {"Title": "Đã sửa đổi", "FieldType": "DateTime"}},'
    '"FormControlMode": 4, "FormUniqueId": "WPQ2"};'
)
EMPTY_ROWS = "".join(
    form_row(label, internal, kind, "")
    for label, internal, kind in (
        ("Tiêu đề", "Title", "SPFieldText"),
        ("Ngày đăng", "NgayDang", "SPFieldDateTime"),
        ("Nội dung", "NoiDung", "SPFieldNote"),
    )
)


@pytest.mark.parametrize("table", ["", f'<table class="ms-formtable">{EMPTY_ROWS}</table>'])
def test_a_form_rendered_in_the_browser_is_read_from_its_item_data(table: str) -> None:
    """SharePoint 2013 may render a form with scripts: the value cells are empty (or
    there is no table) and the item is the ``WPQ2FormCtx`` JSON of the page."""
    html = (
        "<html><head><title>Tin tức</title></head><body><h1>Tin tức</h1>"
        f'<div id="WebPartWPQ2">{table}</div><script type="text/javascript">//<![CDATA[\n'
        f"var _v_rg_spbutton = new Array();\n{FORM_CONTEXT}\n//]]></script></body></html>"
    )
    article, provenance = explain_article(html.encode(), BASE + "/Lists/TinTuc/DispForm.aspx?ID=12")
    assert article.title == "Phủ Lý ra quân hưởng ứng Tháng hành động vì môi trường"
    assert article.published == "2024-07-05T08:30"
    assert article.lead == "Sáng 5/7, hơn 1.500 người ra quân vệ sinh môi trường."
    assert article.author == "Minh Thu"
    assert article.section == "Văn hóa - Xã hội"
    assert [b.text for b in article.blocks if isinstance(b, Paragraph)] == [
        "Lực lượng ra quân thu gom rác thải tại 21 xã, phường.",
        "Hoạt động kéo dài đến hết tháng 7.",
    ]
    assert [(r.title, r.url) for r in article.related] == [
        (
            "Phủ Lý phát động chống rác thải nhựa",
            BASE + "/_layouts/15/listform.aspx?PageType=4"
            "&ListId=%7B5c3e9a1b-7d2f-4e8a-9b6c-1f0e2d3c4b5a%7D&ID=8",
        ),
        (
            "Ra mắt mô hình phân loại rác",
            BASE + "/_layouts/15/listform.aspx?PageType=4"
            "&ListId=%7B5c3e9a1b-7d2f-4e8a-9b6c-1f0e2d3c4b5a%7D&ID=10",
        ),
    ]
    assert {r.field: r.rule for r in provenance}["title"] == "meaning:form data 'Tiêu đề'"


def test_item_data_nested_past_the_decoders_depth_is_no_form() -> None:
    """A hostile ``WPQ2FormCtx`` (arrays nested 100,000 deep) leaves the page to the
    generic reader: the article is still read."""
    html = (
        "<html><head><title>Lịch tiếp dân</title></head><body><h1>Lịch tiếp dân</h1><div>"
        "<p>Chủ tịch UBND thành phố tiếp công dân định kỳ vào ngày 15 hằng tháng tại trụ sở.</p>"
        f"</div><script>var WPQ2FormCtx = {'[' * 100_000}{']' * 100_000};</script></body></html>"
    )
    article = parse_article(html.encode(), BASE + "/Lists/Lich/DispForm.aspx?ID=1")
    assert article.title == "Lịch tiếp dân"


def test_a_list_pasted_from_word_in_another_template() -> None:
    """Word's list paragraphs are a list wherever the body is found: here by the
    generic extractor (no profile), the numbering "a)" making it ordered; a plain
    paragraph between two runs of items ends the first list."""
    item = (
        '<p class="MsoListParagraph" style="text-indent:-18pt;mso-list:l0 level1 lfo1">'
        '<![if !supportLists]><span style="mso-list:Ignore">{0}<span style="font:7pt">'
        "&nbsp;&nbsp;&nbsp; </span></span><![endif]>{1}<o:p></o:p></p>"
    )
    html = (
        "<html><head><title>Thông báo lịch tiếp công dân tháng 12</title></head><body>"
        '<div class="content"><h1>Thông báo lịch tiếp công dân tháng 12</h1>'
        "<p>Ngày 02/12/2024</p><div class='noidung'>"
        "<p class=MsoNormal>UBND thành phố thông báo lịch tiếp công dân định kỳ như sau:</p>"
        + item.format("a)", "Ngày 10/12: Chủ tịch UBND thành phố tiếp công dân;")
        + item.format("b)", "Ngày 20/12: Phó Chủ tịch UBND thành phố tiếp công dân.")
        + "<p class=MsoNormal>Địa điểm: Trụ sở Ban Tiếp công dân thành phố.</p>"
        + item.format("·", "Công dân mang theo giấy tờ tùy thân.")
        + "</div></div></body></html>"
    )
    article = parse_article(html, BASE + "/tin-tuc/lich-tiep-cong-dan.html")
    lists = [b.to_dict() for b in article.blocks if b.to_dict()["type"] == "list"]
    assert lists == [
        {
            "type": "list",
            "ordered": True,
            "items": [
                "Ngày 10/12: Chủ tịch UBND thành phố tiếp công dân;",
                "Ngày 20/12: Phó Chủ tịch UBND thành phố tiếp công dân.",
            ],
        },
        {"type": "list", "ordered": False, "items": ["Công dân mang theo giấy tờ tùy thân."]},
    ]
