"""The library's reading policy for the app (issue 10): one path per load.

``Library.read_article`` decides what the reader shows — the stored copy at
once, then the portal's answer; the page's plain text when it is no article —
reading the store once per load and fetching the page once.  Against the real
local portal server; requests are counted on it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from phuly_tui.config import Config
from phuly_tui.errors import NotAnArticleError, OfflineMissError, ParseError
from phuly_tui.library import Library, Loaded
from phuly_tui.model import Article
from phuly_tui.store import Store
from tests.support import faults
from tests.support.portal_server import FIXTURE_DIR, PortalServer

SEED = "/Pages/ban-chi-dao-35-tp-phu-ly-so-ket-cong-tac-6-thang-dau-nam-trien-khai-nhiem-vu-trong-tam-6-thang-cuoi-nam-2024.aspx"
SECTION = "/Pages/kinh-te.aspx"
ODD = "/Pages/odd.aspx"
ODD_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>x</title></head><body>"
    "<ul><li><a href='/a'>Liên kết một</a></li><li><a href='/b'>Liên kết hai</a></li></ul>"
    "<form><input name='q'></form></body></html>"
).encode()


def make_library(base_url: str, data_dir: Path, **overrides: object) -> Library:
    config = Config(
        base_url=base_url, data_dir=data_dir, timeout=3.0, archive="never"
    ).with_overrides(**overrides)
    return Library(config)


async def read_all(library: Library, path: str, mode: str = "open") -> list[Loaded[Article]]:
    url = library.absolute(path)
    return [loaded async for loaded in library.read_article(url, mode=mode)]  # type: ignore[arg-type]


def site_bytes(target: str) -> bytes:
    return (FIXTURE_DIR / "site" / target.lstrip("/")).read_bytes()


def gets(server: PortalServer, target: str) -> int:
    return sum(1 for method, path, _ in server.requests if method == "GET" and path == target)


def count_page_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every ``Store.get_page`` call, by URL."""
    reads: list[str] = []
    real = Store.get_page

    def counting(self: Store, url: str) -> object:
        reads.append(url)
        return real(self, url)

    monkeypatch.setattr(Store, "get_page", counting)
    return reads


async def test_plain_text_fallback_fetches_the_page_once(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    fresh_portal.routes[ODD] = faults.html_page(ODD_PAGE)
    library = make_library(fresh_portal.url, tmp_path)
    try:
        answers = await read_all(library, ODD)
    finally:
        await library.aclose()
        library.close()
    assert len(answers) == 1
    fallback = answers[0]
    assert fallback.plain_text
    assert isinstance(fallback.error, ParseError)
    # the page's visible text, one paragraph a line, the first one the title
    assert fallback.value.title == "Liên kết một"
    assert [b.text for b in fallback.value.blocks] == ["Liên kết hai"]  # type: ignore[union-attr]
    assert gets(fresh_portal, ODD) == 1  # the bytes fetched for the article: no second GET


async def test_a_page_without_text_raises_the_parse_error(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    fresh_portal.routes[ODD] = faults.html_page(b"<html><body><form></form></body></html>")
    library = make_library(fresh_portal.url, tmp_path)
    try:
        with pytest.raises(NotAnArticleError):
            await read_all(library, ODD)
    finally:
        await library.aclose()
        library.close()
    assert gets(fresh_portal, ODD) == 1


async def test_open_shows_the_stored_copy_then_the_portal_reading_the_store_once(
    fresh_portal: PortalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = make_library(fresh_portal.url, tmp_path)
    try:
        first = await read_all(library, SEED)  # nothing stored: the portal's answer
        reads = count_page_reads(monkeypatch)
        second = await read_all(library, SEED)
    finally:
        await library.aclose()
        library.close()
    assert [a.source for a in first] == ["network"]
    assert [a.source for a in second] == ["cache", "network"]
    assert second[0].value == second[1].value == first[0].value
    assert reads == [library.absolute(SEED)]  # one look at the stored copy
    assert fresh_portal.count(304) == 1  # the refresh asked against that copy


async def test_offline_open_is_the_stored_copy_only(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    online = make_library(fresh_portal.url, tmp_path)
    try:
        await read_all(online, SEED)
    finally:
        await online.aclose()
        online.close()
    before = len(fresh_portal.requests)
    offline = make_library(fresh_portal.url, tmp_path, offline=True)
    try:
        answers = await read_all(offline, SEED)
        refreshed = await read_all(offline, SEED, "refresh")
        with pytest.raises(OfflineMissError):
            await read_all(offline, "/Pages/never-stored.aspx")
    finally:
        offline.close()
    assert [a.source for a in answers] == ["cache"]
    assert refreshed == []
    assert len(fresh_portal.requests) == before


async def test_a_page_that_stops_parsing_keeps_the_copy_shown(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    """After a stored copy (or one on screen), a page that no longer reads as an
    article raises: the good copy stays; a reload shows the page's text."""
    fresh_portal.routes[ODD] = faults.html_page(site_bytes(SEED))
    library = make_library(fresh_portal.url, tmp_path)
    try:
        stored = await read_all(library, ODD)
        fresh_portal.routes[ODD] = faults.html_page(ODD_PAGE)
        with pytest.raises(ParseError):
            await read_all(library, ODD, "refresh")
        opened: list[Loaded[Article]] = []

        async def open_it() -> None:
            async for loaded in library.read_article(library.absolute(ODD), mode="open"):
                opened.append(loaded)

        with pytest.raises(ParseError):
            await open_it()
        reloaded = await read_all(library, ODD, "reload")
    finally:
        await library.aclose()
        library.close()
    assert [a.source for a in opened] == ["cache"]
    assert opened[0].value == stored[0].value
    assert [a.plain_text for a in reloaded] == [True]


async def test_read_state_and_section_marks(fresh_portal: PortalServer, tmp_path: Path) -> None:
    library = make_library(fresh_portal.url, tmp_path)
    try:
        section = library.absolute(SECTION)
        listing = (await library.listing(section)).value
        urls = [item.url for item in listing.items]
        assert library.unread_counts([section]) == {section: len(urls)}
        assert library.unread_article_count() == len(urls)  # "Tin mới": this section only
        library.mark_read(urls[0])
        assert library.unread_article_count() == len(urls) - 1
        state = library.read_state(urls)
        assert state.read == {urls[0]}
        assert state.updated == set()
        off_list = library.absolute("/Pages/shown-but-not-listed.aspx")
        library.mark_section_read(section, [off_list])
        assert library.unread_counts([section]) == {section: 0}
        assert library.unread_article_count() == 0
        assert library.read_state([*urls, off_list]).read == {*urls, off_list}
    finally:
        await library.aclose()
        library.close()


async def test_download_attachment_never_replaces_a_users_file(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    pdf = "/Documents/2024/01/KH-18-UBND.pdf"
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "KH-18-UBND.pdf").write_bytes(b"the user's own file")
    library = make_library(fresh_portal.url, tmp_path / "data")
    try:
        first = await library.download_attachment(library.absolute(pdf), folder, "KH-18-UBND.pdf")
        again = await library.download_attachment(library.absolute(pdf), folder, "KH-18-UBND.pdf")
    finally:
        await library.aclose()
        library.close()
    assert (folder / "KH-18-UBND.pdf").read_bytes() == b"the user's own file"
    assert first != folder / "KH-18-UBND.pdf"
    assert first.read_bytes() == site_bytes(pdf)
    assert again == first  # the same file saved again: reused, not a third copy
    assert not [p for p in folder.iterdir() if p.name.startswith(".phuly-tui-")]


async def test_a_stored_document_is_fetched_again_only_conditionally(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    """Documents revalidate through the library's one conditional GET, as pages do:
    the second read sends the stored validators and the server answers 304."""
    target = "/Documents/2024/01/KH-18-UBND.pdf"
    library = make_library(fresh_portal.url, tmp_path)
    try:
        first = await library.document(library.absolute(target))
        second = await library.document(library.absolute(target))
    finally:
        library.close()
    assert [s for m, t, s in fresh_portal.requests if m == "GET" and t == target] == [200, 304]
    assert second.value.to_dict() == first.value.to_dict()
