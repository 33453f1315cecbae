"""Search: Vietnamese diacritics folding, hostile queries, ranking, snippets."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phuly_tui.errors import BadDateError
from phuly_tui.library import parse_day, split_search_filters
from phuly_tui.model import Article, Paragraph
from phuly_tui.store import SearchFilter, Store, make_snippet, open_store, parse_query
from phuly_tui.store.search import tone_spellings
from phuly_tui.text import fold
from tests.support.store_samples import BASE, article, gold_models, put

PHU_LY = article("phu-ly", "Thành phố Phủ Lý khánh thành cầu mới", "Cầu nối hai bờ sông Đáy.")
DANG = article("dang", "Trao Huy hiệu Đảng cho đảng viên", "Lễ trao tặng diễn ra trang trọng.")
DANG_PRESENT = article(
    "dang-tap-trung", "Nông dân tập trung thu hoạch", "Bà con đang gặt lúa xuân."
)
DANG_FORM = article("da-dang", "Hàng hóa Tết phong phú", "Mặt hàng đa dạng, giá ổn định.")
DANG_OFFER = article("dang-huong", "Lễ tưởng niệm liệt sĩ", "Lãnh đạo dâng hương, dâng hoa.")
WORDS = article(
    "words",
    "Dự án NEAR hợp tác",
    "Hai bên ký kết NEAR và OR trong khuôn khổ AND, không NOT gì cả.",
)
ALL = (PHU_LY, DANG, DANG_PRESENT, DANG_FORM, DANG_OFFER, WORDS)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path) as opened:
        for model in ALL:
            put(opened, model)
        yield opened


def urls(store: Store, query: str) -> set[str]:
    return {result.url for result in store.search(query, limit=500)}


# -- folding -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "phu ly",
        "PHU LY",
        "Phu Ly",
        "Phủ Lý",
        "PHỦ LÝ",
        "phủ lý",
        "Phu Lý",  # mixed: one word folded, one exact
        unicodedata.normalize("NFD", "Phủ Lý"),  # decomposed input
        unicodedata.normalize("NFD", "PHỦ LÝ"),
    ],
)
def test_phu_ly_in_every_spelling(store: Store, query: str) -> None:
    assert urls(store, query) == {PHU_LY.url}


def test_unaccented_dang_finds_every_accented_form(store: Store) -> None:
    assert urls(store, "dang") == {
        DANG.url,
        DANG_PRESENT.url,
        DANG_FORM.url,
        DANG_OFFER.url,
    }
    assert urls(store, "DANG") == urls(store, "dang")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Đảng", {DANG.url}),  # the title has "Đảng", the body of DANG has "đảng" too
        ("đảng", {DANG.url}),
        ("ĐẢNG", {DANG.url}),
        (unicodedata.normalize("NFD", "Đảng"), {DANG.url}),
        ("đang", {DANG_PRESENT.url}),
        ("dạng", {DANG_FORM.url}),
        ("dâng", {DANG_OFFER.url}),
        ("Đáy", {PHU_LY.url}),
        ("day", {PHU_LY.url}),
        ("đáy", {PHU_LY.url}),
        ("dáy", set()),  # accented but without đ: a different word
    ],
)
def test_an_accented_word_finds_only_its_form(store: Store, query: str, expected: set[str]) -> None:
    assert urls(store, query) == expected


def test_every_word_is_required(store: Store) -> None:
    assert urls(store, "dang huong") == {DANG_OFFER.url}
    assert urls(store, "dang xyzzy") == set()


def test_stored_text_in_nfd_is_found(tmp_path: Path) -> None:
    decomposed = Article(
        url=f"{BASE}/Pages/nfd.aspx",
        title=unicodedata.normalize("NFD", "Hội nghị Đảng bộ"),
        blocks=(Paragraph(unicodedata.normalize("NFD", "Phường Lam Hạ")),),
    )
    with open_store(tmp_path) as store:
        put(store, decomposed)
        for query in ("Đảng", "dang", "Lam Hạ", "lam ha", "HỘI NGHỊ"):
            assert urls(store, query) == {decomposed.url}, query
        [hit] = store.search("ha")
        assert hit.snippet[hit.highlights[0][0] : hit.highlights[0][1]] == "Hạ"


def test_prefix_search_with_a_star(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        put(store, article("q", "Quyết định mới", "Nghị quyết số 5"))
        assert urls(store, "quy") == set()
        assert urls(store, "quy*") == {f"{BASE}/Pages/q.aspx"}
        assert urls(store, "nghi quy*") == {f"{BASE}/Pages/q.aspx"}
        [hit] = store.search("Quyế*")
        assert [hit.title[s:e] for s, e in hit.title_highlights] == ["Quyết"]


def test_both_tone_placements_are_one_word(tmp_path: Path) -> None:
    old_style = article("old", "Hội nghị hoà giải ở cơ sở", "Thuỷ lợi nội đồng, sức khoẻ")
    new_style = article("new", "Ngày hội hòa nhập", "Công trình thủy lợi")
    with open_store(tmp_path) as store:
        put(store, old_style)
        put(store, new_style)
        assert urls(store, "hòa") == {old_style.url, new_style.url}
        assert urls(store, "HOÀ") == {old_style.url, new_style.url}
        assert urls(store, "thủy lợi") == {old_style.url, new_style.url}
        assert urls(store, "khỏe") == {old_style.url}
        assert urls(store, "hoa") == {old_style.url, new_style.url}
        assert urls(store, "hóa") == set()  # another tone is another word
        [hit] = store.search("thủy lợi nội")
        assert [hit.snippet[s:e] for s, e in hit.highlights] == ["Thuỷ", "lợi", "nội"]


@pytest.mark.parametrize(
    ("word", "spellings"),
    [
        ("hòa", ("hòa", "hoà")),
        ("hoà", ("hoà", "hòa")),
        ("thuỷ", ("thuỷ", "thủy")),
        ("khỏe", ("khỏe", "khoẻ")),
        ("hoàng", ("hoàng",)),  # a final consonant fixes the place
        ("quý", ("quý",)),  # the u of "qu" is not a vowel here
        ("đảng", ("đảng",)),
        ("người", ("người",)),
        ("hoa", ("hoa",)),
    ],
)
def test_tone_spellings(word: str, spellings: tuple[str, ...]) -> None:
    assert tone_spellings(word) == spellings


# -- what users type ----------------------------------------------------------------

HOSTILE_QUERIES = [
    "",
    "   ",
    '"',
    '""',
    '"phu',
    'phu"',
    '"phu ly"',
    "'",
    "phu' OR '1'='1",
    "NEAR(",
    "NEAR(phu ly)",
    "NEAR(phu ly, 2)",
    "phu NEAR ly",
    "*",
    "**",
    "*phu",
    "phu**",
    "-",
    "-phu",
    "phu -ly",
    "--",
    ":",
    "title:phu",
    "title_f : phu",
    "{title}: phu",
    "{title body} : phu",
    "^",
    "^phu",
    "(",
    ")",
    "(phu",
    "phu)",
    "(phu OR ly)",
    "AND",
    "OR",
    "NOT",
    "phu AND",
    "AND phu",
    "NOT ly",
    "phu OR",
    "phu + ly",
    "phu | ly",
    "🎉",
    "phu 🎉 ly",
    "👨‍👩‍👧",
    ".,;!?",
    "...",
    "%",
    "_",
    "phu_ly",
    "\\",
    "\x00",
    "\x1b[31mphu\x1b[0m",
    "\x1b]52;c;cGhl\x07phu",
    "\u202ephu",
    "\u200bphu",
    "ß",
    "İstanbul",
    "ǅ",
    "ﬁ",
    "ǰ",
    "\u0301",
    "e\u0301\u0301\u0301",
    "中文 搜索",
    "مرحبا",
    "phu" * 300,
    "phu " * 400,
    '"' * 1000,
    "a" * 10_000,
    "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20",
    "2024",
    "10/10/2024",
    "65 tạ/ha",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_any_query_is_answered(store: Store, query: str) -> None:
    results = store.search(query)
    assert isinstance(results, list)
    for result in results:
        assert "\x1b" not in result.snippet


def test_operators_are_plain_words(store: Store) -> None:
    assert urls(store, "NEAR(") == {WORDS.url}
    assert urls(store, "OR") == {WORDS.url}
    assert urls(store, "NOT") == {WORDS.url}
    assert urls(store, "phu OR xyzzy") == set()  # not an OR: both words required
    assert urls(store, "-khanh") == {PHU_LY.url}  # not a NOT
    assert urls(store, '"phu ly"') == {PHU_LY.url}
    assert urls(store, "title:phu") == set()  # "title" is just a word here


def test_empty_and_punctuation_only_queries_find_nothing(store: Store) -> None:
    for query in ("", "   ", "?!", "🎉", "*"):
        assert store.search(query) == []


def test_limit(store: Store) -> None:
    assert len(store.search("dang", limit=2)) == 2
    assert store.search("dang", limit=0) == []


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=60))
def test_no_text_makes_search_raise(store: Store, query: str) -> None:
    results = store.search(query)
    for result in results:
        for start, end in result.highlights:
            assert 0 <= start < end <= len(result.snippet)


# -- ranking and snippets -------------------------------------------------------------


def test_a_title_match_ranks_first(tmp_path: Path) -> None:
    body_heavy = article(
        "body",
        "Báo cáo tình hình kinh tế",
        *(["Thu ngân sách đạt khá. " + "Các chỉ tiêu khác ổn định. " * 5] * 3),
    )
    in_title = article("title", "Thu ngân sách 9 tháng năm 2024", "Báo cáo của Chi cục Thuế.")
    with open_store(tmp_path) as store:
        put(store, body_heavy)
        put(store, in_title)
        results = store.search("ngan sach")
        assert [r.url for r in results] == [in_title.url, body_heavy.url]
        assert results[0].score > results[1].score
        assert [results[0].title[s:e] for s, e in results[0].title_highlights] == ["ngân", "sách"]


def test_gold_search_ranks_the_article_about_it_first(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        for model in gold_models():
            put(store, model)
        [first, *_] = store.search("ocop")
        assert "OCOP" in first.title
        [first, *_] = store.search("bao so 3")
        assert "bão số 3" in first.title.lower()
        assert len(store.search("phu ly", limit=500)) > 30


def test_snippet_highlights_the_matched_words(store: Store) -> None:
    [hit] = store.search("dang huong")
    assert hit.snippet == "Lãnh đạo dâng hương, dâng hoa."
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["dâng", "hương", "dâng"]
    assert hit.title_highlights == ()
    assert hit.to_dict() == {
        "title": DANG_OFFER.title,
        "url": DANG_OFFER.url,
        "published": DANG_OFFER.published,
        "section": DANG_OFFER.section,
        "snippet": hit.snippet,
        "kind": "article",
        "page": None,
        "attached_to": None,
    }


def test_snippet_of_a_long_body_centres_on_the_match(tmp_path: Path) -> None:
    filler = " ".join(f"từ{n}" for n in range(500))
    long = article("long", "Bài dài", filler + " Phường Liêm Chính tổ chức hội nghị " + filler)
    with open_store(tmp_path) as store:
        put(store, long)
        [hit] = store.search("liem chinh")
    assert hit.snippet.startswith("… ")
    assert hit.snippet.endswith(" …")
    assert len(hit.snippet.split()) <= 34
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["Liêm", "Chính"]


def test_snippet_prefers_the_place_where_all_words_meet() -> None:
    text = "Phủ Lý " + "khác " * 60 + "thành phố Phủ Lý triển khai kế hoạch " + "khác " * 60 + "Lý"
    snippet, spans = make_snippet(text, parse_query("phu ly trien khai"))
    assert [snippet[s:e] for s, e in spans] == ["Phủ", "Lý", "triển", "khai"]


def test_snippet_without_a_match_is_the_start_of_the_text() -> None:
    snippet, spans = make_snippet("Một hai ba bốn", parse_query("xyz"))
    assert (snippet, spans) == ("Một hai ba bốn", ())
    assert make_snippet("", parse_query("x")) == ("", ())


def test_snippets_are_free_of_control_characters(tmp_path: Path) -> None:
    hostile = {
        **article(
            "h", "Tin \x1b[2J có mã", "Đoạn \x1b]52;c;ZXZpbA==\x07 Phủ Lý \x9b31m đỏ\u202e"
        ).to_dict()
    }
    with open_store(tmp_path) as store:
        store.put_page(
            hostile["url"],
            "article",
            hostile,
            etag=None,
            last_modified=None,
            fetched_at=1.0,
            content_hash="h",
        )
        [hit] = store.search("phu ly")
    for char in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert char not in hit.snippet
    assert "Phủ Lý" in hit.snippet


def test_snippet_searches_lead_and_stub_summaries(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        put(store, article("l", "Tin ngắn", "Thân bài", lead="Sáng nay tại phường Thanh Châu"))
        [hit] = store.search("thanh chau")
    assert hit.snippet.startswith("Sáng nay tại phường Thanh Châu")


# -- the query parser -----------------------------------------------------------------


def test_parse_query_terms() -> None:
    query = parse_query('Phủ  LY "đảng" quy* phu PHU Ly')
    assert [(t.text, t.exact, t.prefix) for t in query.terms] == [
        ("phủ", True, False),
        ("ly", False, False),
        ("đảng", True, False),
        ("quy", False, True),
        ("phu", False, False),
    ]
    assert query.match_expression() == (
        '{title lead body} : "phủ" AND {title_f lead_f body_f} : "ly" AND'
        ' {title lead body} : "đảng" AND {title_f lead_f body_f} : "quy"* AND'
        ' {title_f lead_f body_f} : "phu"'
    )


def test_parse_query_caps_the_number_of_words() -> None:
    assert len(parse_query(" ".join(f"w{n}" for n in range(100))).terms) == 16


@given(st.text(max_size=80))
def test_parsed_terms_are_plain_words(text: str) -> None:
    for term in parse_query(text).terms:
        assert term.text
        assert all(char.isalnum() for char in term.text)
        assert term.exact == (fold(term.text) != term.text)


@given(st.text(alphabet="aăâdđeêioôơuưyÀÁẢÃẠĐđ ,.", max_size=60), st.text(max_size=12))
def test_spans_cover_whole_matched_words(text: str, query_text: str) -> None:
    query = parse_query(query_text)
    for start, end in query.spans(text):
        word = text[start:end]
        assert word
        assert start == 0 or not text[start - 1].isalnum()
        assert end == len(text) or not text[end].isalnum() or any(t.prefix for t in query.terms)
        assert any(
            (word.lower() if t.exact else fold(word)).startswith(
                tone_spellings(t.text) if t.exact else t.text
            )
            for t in query.terms
        )


# -- filters (issue 11, item 13) ----------------------------------------------------


def test_a_date_filter_leaves_undated_articles_out(tmp_path: Path) -> None:
    dated = article("dated", "Hội nghị tổng kết", "Nội dung.", published="2024-03-05T08:00")
    undated = article("undated", "Hội nghị sơ kết", "Nội dung.", published=None)
    with open_store(tmp_path) as store:
        put(store, dated)
        put(store, undated)
        assert {hit.url for hit in store.search("hoi nghi")} == {dated.url, undated.url}
        for where in (
            SearchFilter(since="2024-03-05"),
            SearchFilter(until="2024-03-05"),
            SearchFilter(since="2000-01-01", until="2099-12-31"),
        ):
            assert [hit.url for hit in store.search("hoi nghi", where=where)] == [dated.url]
        # a section filter alone keeps undated articles
        where = SearchFilter(section_name="Tin tức - Sự kiện")
        assert len(store.search("hoi nghi", where=where)) == 2


def test_a_section_is_its_name_or_its_listing(tmp_path: Path) -> None:
    own = article("own", "Hội nghị A", "x", section="Kinh tế")
    other = article("other", "Hội nghị B", "x", section="Chính trị")
    with open_store(tmp_path) as store:
        put(store, own)
        put(store, other)
        where = SearchFilter(section_name="Kinh tế")
        assert [hit.url for hit in store.search("hoi nghi", where=where)] == [own.url]
        where = SearchFilter(section_url=f"{BASE}/Pages/kinh-te.aspx")
        assert store.search("hoi nghi", where=where) == []  # listed nowhere yet


@pytest.mark.parametrize(
    ("typed", "words", "filters"),
    [
        (
            "ngân sách muc:kinh-te tu:01/01/2024 den:30/06/2024",
            "ngân sách",
            {"section": "kinh-te", "since": "01/01/2024", "until": "30/06/2024"},
        ),
        ('mục:"Kinh tế" từ:2024-01-01 đến:2024-02-01 lúa', "lúa", {
            "section": "Kinh tế", "since": "2024-01-01", "until": "2024-02-01"}),
        ("section:chinh-tri since:2024-01-01 until:2024-12-31", "", {
            "section": "chinh-tri", "since": "2024-01-01", "until": "2024-12-31"}),
        ("abc:def dang", "abc:def dang", {}),  # not a filter word: left among the words
        ("dang den:", "dang", {}),  # a filter being typed is no filter yet
    ],
)  # fmt: skip
def test_split_search_filters(typed: str, words: str, filters: dict[str, str]) -> None:
    assert split_search_filters(typed) == (words, filters)


@pytest.mark.parametrize(
    ("typed", "day"),
    [("2024-01-31", "2024-01-31"), ("31/01/2024", "2024-01-31"), ("1/2/2024", "2024-02-01"),
     ("29-02-2024", "2024-02-29")],
)  # fmt: skip
def test_parse_day(typed: str, day: str) -> None:
    assert parse_day(typed) == day


@pytest.mark.parametrize("typed", ["2024-02-30", "30/02/2024", "hôm qua", "2024", "1/2/24", ""])
def test_parse_day_refuses_what_is_no_day(typed: str) -> None:
    with pytest.raises(BadDateError):
        parse_day(typed)


def test_unread_articles_newest_first_undated_last_at_most_the_limit(tmp_path: Path) -> None:
    from phuly_tui.model import Listing, ListingItem

    dated = [
        ListingItem(f"Tin {n}", f"{BASE}/Pages/tin-{n}.aspx", f"2024-01-{n + 1:02d}")
        for n in range(5)
    ]
    items = (*dated, ListingItem("Không ngày", f"{BASE}/Pages/khong-ngay.aspx"))
    listing = Listing(url=f"{BASE}/Pages/kinh-te.aspx", section="Kinh tế", items=items)
    with open_store(tmp_path) as store:
        put(store, listing)
        store.mark_read(items[2].url)
        found = store.unread_articles()
        assert [item.title for item, _ in found] == [
            "Tin 4",
            "Tin 3",
            "Tin 1",
            "Tin 0",
            "Không ngày",
        ]
        assert {section for _, section in found} == {"Kinh tế"}
        assert [item.title for item, _ in store.unread_articles(limit=2)] == ["Tin 4", "Tin 3"]


def test_unread_article_count_counts_what_new_articles_lists_without_its_limit(
    tmp_path: Path,
) -> None:
    """ "Tin mới"'s count: every unread article of every stored listing — past the
    200 that :meth:`unread_articles` hands out — and no article that no stored
    listing holds (an article only opened by its address)."""
    from phuly_tui.model import Listing, ListingItem

    items = tuple(
        ListingItem(f"Tin {n}", f"{BASE}/Pages/tin-{n}.aspx", f"2024-01-{n % 28 + 1:02d}")
        for n in range(230)
    )
    other = ListingItem("Tin khác", f"{BASE}/Pages/tin-khac.aspx")
    with open_store(tmp_path) as store:
        assert store.unread_article_count() == 0
        put(store, Listing(url=f"{BASE}/Pages/kinh-te.aspx", section="Kinh tế", items=items))
        put(store, Listing(url=f"{BASE}/Pages/xa-hoi.aspx", section="Xã hội", items=(other,)))
        put(store, article("chi-mo-bang-dia-chi", "Chỉ mở bằng địa chỉ"))
        store.mark_read(items[0].url)
        store.mark_read(items[1].url)
        assert store.unread_article_count() == 229
        assert len(store.unread_articles(limit=1000)) == 229
        assert len(store.unread_articles()) == 200  # the list stops; the count does not
