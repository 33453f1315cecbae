"""The library service against the real local portal server: cache, 304s, offline."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

import phuly_tui.parse
import phuly_tui.parse.api
from phuly_tui.cli import main
from phuly_tui.config import Config
from phuly_tui.errors import NetworkError, OfflineMissError
from phuly_tui.library import Library
from tests.conftest import CLOSED_URL
from tests.support.charset_pages import SEED_TITLE, CharsetCase, charset_cases
from tests.support.portal_server import PortalServer

SEED = "/Pages/ban-chi-dao-35-tp-phu-ly-so-ket-cong-tac-6-thang-dau-nam-trien-khai-nhiem-vu-trong-tam-6-thang-cuoi-nam-2024.aspx"


def make_library(base_url: str, data_dir: Path, **overrides: object) -> Library:
    config = Config(
        base_url=base_url, data_dir=data_dir, timeout=3.0, archive="never"
    ).with_overrides(**overrides)
    return Library(config)


async def read_article(library: Library, path: str) -> object:
    try:
        return await library.article(library.absolute(path))
    finally:
        await library.aclose()


def test_second_read_is_a_304_without_reparse(
    fresh_portal: PortalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = phuly_tui.parse.parse_article

    def counting(*args: object, **kwargs: object) -> object:
        calls.append("parse")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(phuly_tui.parse.api, "parse_article", counting)
    library = make_library(fresh_portal.url, tmp_path)
    first = asyncio.run(read_article(library, SEED))
    second = asyncio.run(read_article(library, SEED))
    assert first.value == second.value  # type: ignore[attr-defined]
    assert second.source == "network"  # type: ignore[attr-defined]
    assert fresh_portal.count(304) == 1
    assert calls == ["parse"]


def test_unreachable_portal_serves_the_stored_copy(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    library = make_library(fresh_portal.url, tmp_path)
    fresh = asyncio.run(read_article(library, SEED))
    fresh_portal.stop()
    stale = asyncio.run(read_article(library, SEED))
    assert stale.source == "stale"  # type: ignore[attr-defined]
    assert stale.value == fresh.value  # type: ignore[attr-defined]
    assert isinstance(stale.error, NetworkError)  # type: ignore[attr-defined]
    assert stale.notice.startswith("Đang xem bản lưu lúc ")  # type: ignore[attr-defined]


def test_cli_offline_notice_goes_to_stderr_exit_0(
    fresh_portal: PortalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "store")
    assert main(["--base-url", fresh_portal.url, "--data-dir", data, "read", SEED, "--json"]) == 0
    fresh_json = capsys.readouterr().out
    fresh_portal.stop()
    code = main(
        [
            "--base-url",
            fresh_portal.url,
            "--data-dir",
            data,
            "--timeout",
            "2",
            "read",
            SEED,
            "--json",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0
    assert out == fresh_json
    assert "Đang xem bản lưu lúc" in err


def test_offline_mode_never_touches_the_network(fresh_portal: PortalServer, tmp_path: Path) -> None:
    asyncio.run(read_article(make_library(fresh_portal.url, tmp_path), SEED))
    before = len(fresh_portal.requests)
    offline = make_library(fresh_portal.url, tmp_path, offline=True)
    loaded = asyncio.run(read_article(offline, SEED))
    assert loaded.source == "cache"  # type: ignore[attr-defined]
    assert len(fresh_portal.requests) == before
    with pytest.raises(OfflineMissError):
        asyncio.run(read_article(make_library(CLOSED_URL, tmp_path / "empty", offline=True), SEED))


@pytest.mark.parametrize("case", charset_cases(), ids=lambda case: case.name)
def test_library_honours_the_http_charset_or_falls_back(
    case: CharsetCase, fresh_portal: PortalServer, tmp_path: Path
) -> None:
    """Issue 9 item 13: UTF-16 without BOM is read; UTF-7 and unknown labels fall back."""
    fresh_portal.routes["/Pages/charset.aspx"] = case.route
    loaded = asyncio.run(
        read_article(make_library(fresh_portal.url, tmp_path), "/Pages/charset.aspx")
    )
    article = loaded.value  # type: ignore[attr-defined]
    assert article.title == SEED_TITLE
    assert case.expect_text in article.blocks[0].to_dict()["text"]


def test_a_page_whose_chrome_changes_is_unchanged(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    """Today's date in the header changes the bytes, not the article: no "updated"."""
    from tests.support import faults
    from tests.support.hostile import SEED_FILE

    html = SEED_FILE.read_text(encoding="utf-8")
    assert "Thứ Hai, 23/12/2024" in html
    library = make_library(fresh_portal.url, tmp_path)
    url = library.absolute("/Pages/chrome.aspx")

    async def refresh_with(header_date: str) -> str:
        page = html.replace("Thứ Hai, 23/12/2024", header_date).encode("utf-8")
        fresh_portal.routes["/Pages/chrome.aspx"] = faults.html_page(page)
        stored = await asyncio.to_thread(library.stored_page, url)
        refreshed = await library.refresh(url, "article", stored)
        return refreshed.outcome

    async def go() -> list[str]:
        try:
            return [
                await refresh_with("Thứ Hai, 23/12/2024"),
                await refresh_with("Thứ Ba, 24/12/2024"),
            ]
        finally:
            await library.aclose()

    assert asyncio.run(go()) == ["new", "unchanged"]


def test_pages_are_parsed_off_the_event_loop(
    fresh_portal: PortalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 9 item 14: a big page's parse must not hold the loop that answers keys."""
    import threading

    on_loop: list[bool] = []
    real = phuly_tui.parse.parse_article

    def recording(*args: object, **kwargs: object) -> object:
        on_loop.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(phuly_tui.parse.api, "parse_article", recording)
    library = make_library(fresh_portal.url, tmp_path)
    asyncio.run(read_article(library, SEED))
    assert on_loop == [False]
