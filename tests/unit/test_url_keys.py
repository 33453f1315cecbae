"""One page, one address: every spelling of an address meets one store key.

The URL policy's one spelling (:func:`phuly_tui.urls.check_web_url`, keyed by
:func:`phuly_tui.urls.url_key`) is what goes on the wire; the parser writes
links in it, and the store keys every address it is given with it — a page
linked as ``/Pages/tin tuc.aspx`` and typed as ``/Pages/tin%20tuc.aspx`` is one
row, one read mark, one bookmark, one search hit.
"""

from __future__ import annotations

import asyncio
import inspect
import random
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from phuly_tui.config import Config
from phuly_tui.model import Article, Attachment, Home, Listing, ListingItem, Paragraph, Section
from phuly_tui.parse.links import absolute_url
from phuly_tui.store import SearchFilter, Store, open_store
from phuly_tui.urls import check_web_url, resolve, url_key
from tests.support.faults import bytes_response
from tests.support.libraries import library_with_store
from tests.support.portal_server import FIXTURE_DIR, PortalServer

BASE = "http://127.0.0.1:8765"


# -- the one spelling -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("spellings", "key"),
    [
        (["/Pages/tin tuc.aspx", "/Pages/tin%20tuc.aspx"], "/Pages/tin%20tuc.aspx"),
        (["/Pages/ti%e1%bb%83u.aspx", "/Pages/ti%E1%BB%83u.aspx"], "/Pages/ti%E1%BB%83u.aspx"),
        (["/Pages/tin-tức.aspx", "/Pages/tin-t%E1%BB%A9c.aspx"], "/Pages/tin-t%E1%BB%A9c.aspx"),
        (["/Pages/tin%2Dtuc.aspx", "/Pages/tin%2dtuc.aspx", "/Pages/%74in-tuc.aspx"], None),
        (["/Pages/a%7E_b.aspx", "/Pages/a~_b.aspx", "/Pages/a%7e%5Fb.aspx"], None),
        (["/Pages/x.aspx?", "/Pages/x.aspx#muc-2", "/Pages/x.aspx?#top"], "/Pages/x.aspx"),
        (["/a/./b/../x.aspx", "/a/%2E/x.aspx", "/a/x.aspx"], "/a/x.aspx"),
        (["/Pages/x.aspx?q=tin tuc", "/Pages/x.aspx?q=tin%20tuc"], "/Pages/x.aspx?q=tin%20tuc"),
        (["/Pages/x.aspx?q=%c4%91", "/Pages/x.aspx?q=đ"], "/Pages/x.aspx?q=%C4%91"),
        (['/Pages/{a}"b".aspx', "/Pages/%7Ba%7D%22b%22.aspx"], "/Pages/%7Ba%7D%22b%22.aspx"),
    ],
)
def test_spellings_of_one_path_meet_in_one_key(spellings: list[str], key: str | None) -> None:
    keys = {url_key(BASE + spelling) for spelling in spellings}
    assert len(keys) == 1, keys
    if key is not None:
        assert keys == {BASE + key}
    assert keys == {url_key(next(iter(keys)))}  # a key is its own key


@pytest.mark.parametrize(
    ("spellings", "key"),
    [
        (
            [
                "HTTPS://PhuLy.Hanam.Gov.VN:443/Pages/x.aspx",
                "https://phuly.hanam.gov.vn/Pages/x.aspx",
            ],
            "https://phuly.hanam.gov.vn/Pages/x.aspx",
        ),
        (
            ["http://127.0.0.1:80/x", "http://127.0.0.1/x", "http://127.0.0.1./x"],
            "http://127.0.0.1/x",
        ),
        (["http://example.vn", "http://example.vn/", "http://example.vn?"], "http://example.vn/"),
    ],
)
def test_scheme_host_and_default_port_meet_in_one_key(spellings: list[str], key: str) -> None:
    assert {url_key(spelling) for spelling in spellings} == {key}


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # the path's case: the portal's server ignores it, the key keeps it (other
        # servers do not; only routing compares paths without case)
        ("/Pages/Tin-Tuc.aspx", "/pages/tin-tuc.aspx"),
        # an escaped reserved character means something else than the character
        ("/Pages/a%2Fb.aspx", "/Pages/a/b.aspx"),
        ("/Pages/x.aspx?q=a%26b", "/Pages/x.aspx?q=a&b"),
        ("/Pages/x.aspx?q=a%3Db", "/Pages/x.aspx?q=a=b"),
        # "+" is a space only to a form decoder: the address keeps it apart
        ("/Pages/x.aspx?q=a+b", "/Pages/x.aspx?q=a%20b"),
        ("/Pages/x.aspx?Page=2", "/Pages/x.aspx?Page=3"),
        # NFC and NFD letters are other bytes on the wire: other addresses
        ("/Pages/tin-tu\u1ee9c.aspx", "/Pages/tin-tu\u01b0\u0301c.aspx"),
    ],
)
def test_spellings_of_other_addresses_stay_apart(one: str, other: str) -> None:
    assert url_key(BASE + one) != url_key(BASE + other)


def test_the_portals_http_and_www_links_meet_on_the_base_origin() -> None:
    """Which origin is the portal is the origin policy's: a page's links to the
    canonical host, on http or https, with or without ``www.``, land on its origin."""
    page = "https://phuly.hanam.gov.vn/Pages/a.aspx"
    links = [
        "http://phuly.hanam.gov.vn/Pages/b.aspx",
        "https://www.phuly.hanam.gov.vn:443/Pages/b.aspx",
        "HTTP://WWW.PHULY.HANAM.GOV.VN/Pages/b.aspx#x",
        "/Pages/b.aspx",
    ]
    assert {resolve(link, page) for link in links} == {"https://phuly.hanam.gov.vn/Pages/b.aspx"}


WIRE_SPELLINGS = [
    "/Pages/tin tuc.aspx",
    "/Pages/tin-tức.aspx?q=Phủ Lý&x=%c4%91",
    "/Pages/%2d%7e%41{}`|^[]\"<>'.aspx?a=`{}|'\"&b=%zz",
    "/Pages/a%b.aspx",
    "/a/b/../../c/./d.aspx",
]


@pytest.mark.parametrize("spelling", WIRE_SPELLINGS)
def test_the_key_is_what_goes_on_the_wire(spelling: str) -> None:
    """httpx sends a key as it is (so nothing is respelled on the wire), and a
    key is printable ASCII: a raw space never reaches a request line."""
    key = url_key(BASE + spelling)
    target = httpx.URL(key).raw_path.decode("ascii")
    assert BASE + target == key
    assert key.isascii()
    assert key.isprintable()
    assert " " not in key


@pytest.mark.parametrize(
    "spelling", [*WIRE_SPELLINGS, "/a%%32%65.aspx", "/%%34%31", "/a%%%32%35%32%65", "/a?b=%%32%65"]
)
def test_a_key_spelled_again_is_the_same_key(spelling: str) -> None:
    """The store keys every address it is given, keys included: a key that
    changed when spelled again ("%%32%65" → "%2e" → ".") was never found again."""
    key = url_key(BASE + spelling)
    assert url_key(key) == key


def test_the_parsers_fast_path_gives_the_resolvers_spelling() -> None:
    """Root-relative links skip the resolver when nothing in them needs it: a
    link with an escape, a space or a letter to encode never does."""
    pieces = ["/", "a", "-", "%2d", "%2D", "%41", "%c3%a1", "%", " ", "ứ", "{", '"', "?", "=", "."]
    rng = random.Random(8)
    page = BASE + "/Pages/x.aspx"
    for _ in range(20_000):
        href = "/" + "".join(rng.choice(pieces) for _ in range(rng.randint(1, 7)))
        assert absolute_url(href, page) == resolve(href, page), ascii(href)


# -- the store keys whatever it is given --------------------------------------------------
#: two spellings of one address each: the store must treat them as one
PAIRS = [
    (BASE + "/Pages/tin tuc.aspx", BASE + "/Pages/tin%20tuc.aspx"),
    (BASE + "/Pages/ti%e1%bb%83u%2Dmuc.aspx", BASE + "/Pages/tiểu-muc.aspx"),
]
SECTION = BASE + "/Pages/chinh-tri.aspx"
DOCUMENT = BASE + "/Documents/k%e1%ba%bf hoach.pdf"
DOCUMENT_AGAIN = BASE + "/Documents/kế%20hoach.pdf"

Check = Callable[[Store, str, str], bool]


def _put(store: Store, url: str, value: Article | Listing | Home, at: float = 100.0) -> None:
    kind = {Article: "article", Listing: "listing", Home: "home"}[type(value)]
    store.put_page(url, kind, value.to_dict(), etag=None, last_modified=None, fetched_at=at)


def _listing(section: str, item: str) -> Listing:
    return Listing(section, "Chính trị", 1, (ListingItem("Tin đã đọc", item, "2024-07-01"),))


def _article(url: str, text: str = "Nội dung") -> Article:
    attachment = Attachment("Kế hoạch số 18/KH-UBND", DOCUMENT)
    return Article(url, "Tin đã đọc", blocks=(Paragraph(text),), attachments=(attachment,))


#: every method of the Store that takes an address: written under one spelling,
#: asked under the other, the answer must be the one the first spelling gets
CHECKS: dict[str, Check] = {}


def check(*names: str) -> Callable[[Check], Check]:
    """Register a check for the methods ``names``."""

    def register(function: Check) -> Check:
        CHECKS.update(dict.fromkeys(names, function))
        return function

    return register


@check("get_page", "article")
def check_get_page(s: Store, a: str, b: str) -> bool:
    _put(s, a, _article(a))
    return s.get_page(b) is not None and s.article(b) is not None


@check("put_page")
def check_put_page(s: Store, a: str, b: str) -> bool:
    _put(s, a, _article(a))
    _put(s, b, _article(b))
    return len(s.page_urls()) == 1


@check("touch_page")
def check_touch_page(s: Store, a: str, b: str) -> bool:
    _put(s, a, _article(a))
    s.touch_page(b, 999.0)
    page = s.get_page(a)
    return page is not None and page.checked_at == 999.0


@check("listing", "listing_pages")
def check_listing(s: Store, a: str, b: str) -> bool:
    _put(s, a, _listing(a, SECTION))
    return s.listing(b) is not None and len(s.listing_pages(b)) == 1


@check("home")
def check_home(s: Store, a: str, b: str) -> bool:
    _put(s, a, Home(a, (Section("x", SECTION),)))
    return s.home(b) is not None


@check("listings_of", "known_article")
def check_listings_of(s: Store, a: str, b: str) -> bool:
    _put(s, SECTION, _listing(SECTION, a))
    return s.listings_of(b) == [SECTION] and s.known_article(b) is not None


@check("get_captures", "put_captures")
def check_captures(s: Store, a: str, b: str) -> bool:
    s.put_captures(a, [])
    s.put_captures(b, [("20240101000000", b)])
    captures = s.get_captures(a)
    return captures is not None and captures.captures != ()


@check("put_document", "get_document")
def check_documents(s: Store, a: str, b: str) -> bool:
    s.put_document(a, {"title": "Kế hoạch", "blocks": []})
    s.put_document(b, {"title": "Kế hoạch mới", "blocks": []})
    return len(s.known_documents()) == 1 and s.get_document(a) is not None


@check("attachment_title")
def check_attachment_title(s: Store, a: str, b: str) -> bool:
    _put(s, BASE + "/Pages/x.aspx", _article(BASE + "/Pages/x.aspx"))  # attaches DOCUMENT
    return s.attachment_title(DOCUMENT_AGAIN)[0] == "Kế hoạch số 18/KH-UBND"


@check("mark_read", "is_read", "read_urls")
def check_read_marks(s: Store, a: str, b: str) -> bool:
    s.mark_read(a)
    if not (s.is_read(b) and s.read_urls([b]) == {b}):
        return False
    s.mark_read(b, False)
    return not s.is_read(a)


@check("updated_since_read")
def check_updated(s: Store, a: str, b: str) -> bool:
    _put(s, a, _article(a))
    s.mark_read(a, at=150.0)
    _put(s, a, _article(a, "Nội dung mới"), at=200.0)
    return s.updated_since_read([b]) == {b}


@check("mark_section_read", "unread_count")
def check_sections(s: Store, a: str, b: str) -> bool:
    _put(s, a, _listing(a, BASE + "/Pages/x.aspx"))
    return s.unread_count(b) == 1 and s.mark_section_read(b) == 1 and s.unread_count(a) == 0


@check("toggle_bookmark", "is_bookmarked")
def check_bookmarks(s: Store, a: str, b: str) -> bool:
    s.toggle_bookmark(a)
    if not s.is_bookmarked(b):
        return False
    return s.toggle_bookmark(b) is False and s.bookmarks() == []


@check("search")  # the search's section filter is an address too (SearchFilter.section_url)
def check_search_filter(s: Store, a: str, b: str) -> bool:
    _put(s, a, _listing(a, BASE + "/Pages/x.aspx"))
    return len(s.search("tin", where=SearchFilter(section_url=b))) == 1


#: parameter names that carry an address
ADDRESS_PARAMETERS = frozenset({"url", "urls", "section_url", "article_url", "base_url", "where"})


def test_every_store_method_that_takes_an_address_is_checked() -> None:
    """A new method of the store that takes an address must be added to CHECKS
    (and so key what it is given): this test is what catches the one that forgets."""
    takes_address = {
        name
        for name, method in inspect.getmembers(Store, inspect.isfunction)
        if not name.startswith("_")
        and ADDRESS_PARAMETERS & set(inspect.signature(method).parameters)
    }
    assert takes_address == set(CHECKS)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path) as opened:
        yield opened


@pytest.mark.parametrize("method", sorted(CHECKS))
@pytest.mark.parametrize(("one", "other"), PAIRS, ids=["space", "escapes"])
def test_the_store_keys_every_address_it_is_given(
    store: Store, method: str, one: str, other: str
) -> None:
    if method in ("get_document", "put_document", "attachment_title"):
        one, other = DOCUMENT, DOCUMENT_AGAIN
    assert CHECKS[method](store, one, other)


def test_a_listings_items_and_an_articles_attachments_are_keyed(store: Store) -> None:
    """What a page's JSON names is keyed too: the item read under another spelling
    is read in the list, the attachment is the document's own row."""
    linked, typed = PAIRS[0]
    _put(store, SECTION, _listing(SECTION, linked))
    store.mark_read(typed)
    assert store.unread_count(SECTION) == 0
    assert store.unread_articles() == []
    assert [a.url for a in store.bookmarks()] == []
    _put(store, typed, _article(typed))
    assert len(store.search("tin")) == 1


# -- end to end: one page under two spellings, through the real server --------------------
SITE = FIXTURE_DIR / "site" / "Pages"
SLUG = "/Pages/thanh-uy-phu-ly-giao-ban-cong-tac-dan-van-quy-iii-nam-2024.aspx"


def _wire_target(url: str) -> str:
    """The request target an HTTP client sends for ``url``."""
    return httpx.URL(url).raw_path.decode("ascii")


@pytest.mark.parametrize(
    ("linked", "typed"),
    [
        ("/Pages/tin tuc.aspx", "/Pages/tin%20tuc.aspx"),
        ("/Pages/tin-t%e1%bb%a9c.aspx", "/Pages/tin-tức.aspx"),
        ("/Pages/tin%2Dtuc.aspx", "/Pages/tin-tuc.aspx"),
    ],
    ids=["space", "letters", "unreserved"],
)
def test_a_page_reached_by_two_spellings_is_stored_once_and_read_under_both(
    fresh_portal: PortalServer, tmp_path: Path, linked: str, typed: str
) -> None:
    """A listing links an article with one spelling, the reader types the other:
    one stored page, its read mark and bookmark show in the list, one search hit,
    and the server only ever gets a valid request target."""
    listing = (SITE / "chinh-tri.aspx").read_text(encoding="utf-8").replace(SLUG, linked)
    fresh_portal.routes["/Pages/chinh-tri.aspx"] = bytes_response(listing.encode("utf-8"))
    article = (SITE / SLUG.removeprefix("/Pages/")).read_bytes()
    for spelling in (linked, typed):
        for url in (fresh_portal.url + spelling, check_web_url(fresh_portal.url + spelling)):
            fresh_portal.routes[_wire_target(url)] = bytes_response(article)
    config = Config(base_url=fresh_portal.url, data_dir=tmp_path, timeout=3.0, archive="never")
    library, store = library_with_store(config)

    async def read() -> tuple[str, str, str]:
        try:
            section = await library.listing(library.absolute("/Pages/chinh-tri.aspx"))
            item = section.value.items[0].url
            typed_url = library.absolute(typed)
            first = await library.article(typed_url)
            library.record_reading(typed_url)
            await library.article(item)  # and again, from the list
            return item, typed_url, first.value.title
        finally:
            await library.aclose()

    item, typed_url, title = asyncio.run(read())
    assert library.read_state([item, typed_url]).read == {item, typed_url}
    assert library.unread_counts([section_url := fresh_portal.url + "/Pages/chinh-tri.aspx"]) == {
        section_url: 4
    }
    stored = [url for url in store.page_urls() if "/Pages/tin" in url]
    assert stored == [item] == [typed_url]
    assert library.toggle_bookmark(item)
    assert [(b.url, b.title) for b in library.bookmarks()] == [(typed_url, title)]
    assert [hit.url for hit in library.search("giao ban dân vận")] == [item]
    targets = {target for _method, target, _status in fresh_portal.requests}
    assert all(target.isascii() and " " not in target for target in targets)
    library.close()
