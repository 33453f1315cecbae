"""Documents in the store: text search with the diacritic rule, search by number in any
spelling, the list of known documents, and the schema upgrade that fills it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from phuly_tui.documents import read_document
from phuly_tui.store import SCHEMA_VERSION, Store, open_store
from tests.conftest import GOLD_DIR
from tests.support.documents import PORTAL_DOCUMENTS, document_bytes, load_reading

BASE = "http://portal.test"
KH_ARTICLE = (
    "/Pages/ke-hoach-cao-diem-bao-dam-trat-tu-an-toan-giao-thong-dip-tet-nguyen-dan-giap-thin.aspx"
)
NQ_ARTICLE = "/Pages/ky-hop-thuong-le-giua-nam-2024-hdnd-thanh-pho-phu-ly.aspx"


def absolute(data: Any) -> Any:
    if isinstance(data, dict):
        return {
            k: (
                BASE + v if k == "url" and isinstance(v, str) and v.startswith("/") else absolute(v)
            )
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [absolute(v) for v in data]
    return data


def store_articles(store: Store) -> None:
    for path in sorted(GOLD_DIR.glob("pages-*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold.get("kind") == "article":
            store.put_page(
                BASE + gold["url"],
                "article",
                absolute(gold),
                etag=None,
                last_modified=None,
                fetched_at=1.0,
                content_hash=path.stem,
            )


def store_document(store: Store, name: str) -> str:
    reading = load_reading(PORTAL_DOCUMENTS / f"{name}.json")
    url: str = BASE + reading["url"]
    title, _ = store.attachment_title(url)
    document = read_document(document_bytes(reading, PORTAL_DOCUMENTS), url, title=title)
    store.put_document(url, document.to_dict())
    return url


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path)
    store_articles(s)
    for name in (
        "KH-18-UBND",
        "NQ-HDND-ky-hop-giua-nam-2024",
        "CV-2145-UBND-KT",
        "Mau-phieu-dang-ky-du-tuyen",
    ):
        store_document(s, name)
    return s


def test_words_inside_a_document_are_found_with_the_page_and_the_article(store: Store) -> None:
    hits = [h for h in store.search("chuyen doi so") if h.kind == "document"]
    [hit] = hits
    assert hit.url.endswith("NQ-HDND-ky-hop-giua-nam-2024.pdf")
    assert hit.page in (1, 2)
    assert hit.attached_to == BASE + NQ_ARTICLE
    assert "chuyển đổi số" in hit.snippet
    assert hit.to_dict()["kind"] == "document"


def test_the_diacritic_rule_holds_for_documents(store: Store) -> None:
    assert any(h.kind == "document" for h in store.search("trong diem"))
    # with marks, only that spelling: "trọng điểm" is in the NQ, "trống điểm" nowhere
    assert any(h.kind == "document" for h in store.search("trọng điểm"))
    assert not store.search("trống điểm")


def test_a_document_on_its_third_page_says_so(store: Store) -> None:
    [hit] = [h for h in store.search("Nguyễn Thị Hồng Vân") if h.kind == "document"]
    assert hit.page == 3


@pytest.mark.parametrize("query", ["18/KH-UBND", "18 KH UBND", "kh-ubnd 18", "KH 18"])
def test_search_by_number_finds_the_document_and_the_article(store: Store, query: str) -> None:
    hits = store.search(query)
    assert [(h.kind, h.url) for h in hits] == [
        ("document", BASE + "/Documents/2024/01/KH-18-UBND.pdf"),
        ("article", BASE + KH_ARTICLE),
    ]
    assert hits[0].attached_to == BASE + KH_ARTICLE


def test_search_by_an_ascii_spelled_number_with_a_year(store: Store) -> None:
    hits = store.search("07/2024/NQ-HDND")
    assert [(h.kind, h.url) for h in hits] == [
        ("document", BASE + "/Documents/2024/07/NQ-HDND-ky-hop-giua-nam-2024.pdf"),
        ("article", BASE + NQ_ARTICLE),  # attaches it; its link text has no number
    ]


def test_a_number_only_cited_finds_the_citing_document(store: Store) -> None:
    hits = store.search("16 CT TTg")
    assert [(h.kind, h.url, h.page) for h in hits] == [
        ("document", BASE + "/Documents/2024/01/KH-18-UBND.pdf", 1)
    ]
    assert "16/CT-TTg" in hits[0].snippet


def test_a_number_in_an_attachment_title_finds_the_document_before_it_is_read(
    tmp_path: Path,
) -> None:
    with open_store(tmp_path) as s:
        store_articles(s)
        hits = s.search("412/TB-UBND")
        assert hits[0].kind == "document"
        assert hits[0].url.endswith("TB-412-UBND-lich-tiep-cong-dan-T12.pdf")
        assert hits[0].title == "Thông báo số 412/TB-UBND"
        assert hits[1].kind == "article"


def test_known_documents_newest_first_with_the_cited_ones(store: Store) -> None:
    known = store.known_documents()
    by_number = {d.number: d for d in known}
    kh = by_number["18/KH-UBND"]
    assert kh.url == BASE + "/Documents/2024/01/KH-18-UBND.pdf"
    assert kh.title == "Kế hoạch số 18/KH-UBND ngày 15/01/2024"
    assert kh.issued == "2024-01-15"
    assert kh.doc_type == "Kế hoạch"
    assert kh.articles == (BASE + KH_ARTICLE,)
    cited = by_number["45/KH-UBND"]
    assert cited.url is None
    assert cited.title == "Kế hoạch số 45/KH-UBND"
    assert cited.to_dict() == {
        "number": "45/KH-UBND",
        "doc_type": "Kế hoạch",
        "doc_type_code": "KH",
        "issued": None,
        "issuer": None,
        "subject": None,
        "title": "Kế hoạch số 45/KH-UBND",
        "url": None,
        "articles": [],
    }
    dated = [d.issued for d in known if d.issued]
    assert dated == sorted(dated, reverse=True)
    # attached to an article but not read yet: known, with a URL
    assert by_number["412/TB-UBND"].url is not None


def test_an_older_store_is_upgraded_and_learns_the_attachments(tmp_path: Path) -> None:
    with open_store(tmp_path) as s:
        store_articles(s)
    raw = sqlite3.connect(tmp_path / "phuly-tui.sqlite3")
    for table in ("doc_refs", "documents", "document_search"):
        raw.execute(f"DROP TABLE {table}")
    raw.execute("PRAGMA user_version = 3")
    raw.commit()
    raw.close()
    with open_store(tmp_path) as s:
        assert s.schema_version == SCHEMA_VERSION >= 4
        assert any(d.number == "05/CĐ-UBND" for d in s.known_documents())
        assert s.search("05/CD-UBND")[0].url.endswith("CD-05-UBND-ung-pho-bao-so-3.pdf")


def test_a_bookmarked_document_is_listed_under_its_title(store: Store) -> None:
    """A document read: its title (the link's text) and issued date; a file never
    read as text (a scan kept aside, a .zip): the article's link text, never its URL."""
    url = BASE + "/Documents/2024/01/KH-18-UBND.pdf"
    unread = BASE + "/Documents/2024/11/TB-412-UBND-lich-tiep-cong-dan-T12.pdf"
    for bookmarked in (url, unread):
        store.toggle_bookmark(bookmarked)
    marks = {mark.url: mark for mark in store.bookmarks()}
    assert marks[url].title == "Kế hoạch số 18/KH-UBND ngày 15/01/2024"
    assert marks[url].published == "2024-01-15"
    assert marks[unread].title == "Thông báo số 412/TB-UBND"
