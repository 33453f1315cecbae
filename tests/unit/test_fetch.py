"""The Fetcher against the local portal copy: pages, conditional requests,
redirects, origin rules, downloads and proxies (127.0.0.1 only)."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from phuly_tui.errors import (
    BadSchemeError,
    FetchError,
    NetworkError,
    OffOriginError,
    RedirectError,
    ResponseTooLarge,
)
from phuly_tui.fetch import Fetcher, FetchSettings
from phuly_tui.i18n import set_language
from tests.support import faults
from tests.support.portal_server import FIXTURE_DIR, PortalServer

pytestmark = pytest.mark.timeout(30)

HOME = "/Pages/Default.aspx"
PDF = "/Documents/2024/01/KH-18-UBND.pdf"
MakeFetcher = Callable[..., Fetcher]


def site_bytes(name: str) -> bytes:
    return (FIXTURE_DIR / "site" / name).read_bytes()


@pytest.fixture
async def make_fetcher() -> AsyncIterator[MakeFetcher]:
    """Fetchers with small, fast settings for a server; closed after the test."""
    made: list[Fetcher] = []

    def make(server: PortalServer | str, **overrides: Any) -> Fetcher:
        base = server if isinstance(server, str) else server.url
        values: dict[str, Any] = {"base_url": base, "timeout": 2.0, "retries": 0, "backoff": 0.01}
        values.update(overrides)
        fetcher = Fetcher(FetchSettings(**values))
        made.append(fetcher)
        return fetcher

    yield make
    for fetcher in made:
        await fetcher.aclose()


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("vi")


# -- ordinary pages --------------------------------------------------------------


async def test_page_arrives_gzipped_and_decoded(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    seen: list[dict[str, str]] = []
    fresh_portal.routes["/probe"] = faults.recording(seen)
    fetcher = make_fetcher(fresh_portal)
    result = await fetcher.get(HOME)
    assert result.status == 200
    assert result.url == fresh_portal.url + HOME
    assert result.content == site_bytes("Pages/Default.aspx")
    assert result.content_type == "text/html"
    assert result.encoding == "utf-8"
    assert result.etag is not None
    assert "," in result.etag
    assert result.last_modified is not None
    assert result.not_modified is False
    await fetcher.get("/probe")
    assert "gzip" in seen[0]["accept-encoding"]
    assert seen[0]["user-agent"].startswith("phuly-tui/")


async def test_gzip_body_from_a_route_is_decoded(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    import gzip

    page = faults.SMALL_PAGE * 50
    fresh_portal.routes["/gz"] = faults.bytes_response(
        gzip.compress(page), headers={"Content-Encoding": "gzip"}
    )
    result = await make_fetcher(fresh_portal).get("/gz")
    assert result.content == page


async def test_etag_with_commas_gives_304_round_trip(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fetcher = make_fetcher(fresh_portal)
    first = await fetcher.get(HOME)
    again = await fetcher.get(HOME, etag=first.etag)
    assert again.not_modified is True
    assert again.status == 304
    assert again.content == b""
    assert again.etag == first.etag
    by_date = await fetcher.get(HOME, last_modified=first.last_modified)
    assert by_date.not_modified is True
    stale = await fetcher.get(HOME, etag='"{00000000-0000-0000-0000-000000000000},1"')
    assert stale.not_modified is False
    assert stale.content == first.content
    assert fresh_portal.count(200) == 2
    assert fresh_portal.count(304) == 2


async def test_junk_validators_are_not_sent(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    seen: list[dict[str, str]] = []
    fresh_portal.routes["/probe"] = faults.recording(seen)
    await make_fetcher(fresh_portal).get("/probe", etag='"a"\r\nX-Evil: 1', last_modified="")
    assert "if-none-match" not in seen[0]
    assert "x-evil" not in seen[0]


async def test_canonical_and_relative_urls_go_to_the_base(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fetcher = make_fetcher(fresh_portal)
    assert fetcher.absolute("/Pages/x.aspx") == fresh_portal.url + "/Pages/x.aspx"
    result = await fetcher.get("https://phuly.hanam.gov.vn/Pages/Default.aspx")
    assert result.url == fresh_portal.url + HOME
    assert fresh_portal.requests == [("GET", HOME, 200)]


async def test_concurrent_requests_share_one_client(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fetcher = make_fetcher(fresh_portal)
    targets = [t for t in fresh_portal.site.html_targets() if t.startswith("/Pages/")][:6]
    results = await asyncio.gather(*(fetcher.get(t) for t in targets))
    assert [r.url for r in results] == [fresh_portal.url + t for t in targets]
    assert fetcher._client is not None


def test_one_fetcher_survives_two_event_loops(fresh_portal: PortalServer) -> None:
    """The CLI may call asyncio.run more than once with the same Fetcher."""
    fetcher = Fetcher(FetchSettings(base_url=fresh_portal.url, timeout=2.0))
    assert asyncio.run(fetcher.get(HOME)).status == 200
    assert asyncio.run(fetcher.get(HOME)).status == 200
    asyncio.run(fetcher.aclose())


async def test_context_manager_closes(fresh_portal: PortalServer) -> None:
    async with Fetcher(FetchSettings(base_url=fresh_portal.url)) as fetcher:
        await fetcher.get(HOME)
        assert fetcher._client is not None
    assert fetcher._client is None


# -- work done once a request is out ----------------------------------------------


def held_until(event: threading.Event, seen: list[bool]) -> faults.Route:
    """A page answered only once ``event`` is set (``seen``: whether it was, within
    10 s — a guard against a hang, not a time limit)."""
    page = faults.html_page()

    def route(handler: BaseHTTPRequestHandler) -> None:
        seen.append(event.wait(10))
        page(handler)

    return route


async def test_a_callback_after_the_next_send_runs_while_the_request_is_out(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    """The server answers only once the callback has run: it must run when the
    request has been sent, not when its answer is back."""
    called = threading.Event()
    seen: list[bool] = []
    fresh_portal.routes["/held"] = held_until(called, seen)
    fetcher = make_fetcher(fresh_portal)
    calls: list[int] = []

    def callback() -> None:
        calls.append(1)
        called.set()

    fetcher.after_next_send(callback)
    assert calls == []  # not at once: the request is not out yet
    result = await fetcher.get("/held")
    assert result.status == 200
    assert result.content
    assert seen == [True]
    assert calls == [1]
    await fetcher.get("/held")  # once only
    assert calls == [1]


async def test_a_callback_after_the_next_send_runs_once_when_the_request_fails(
    make_fetcher: MakeFetcher,
) -> None:
    """Nothing was sent (no server listens): the callback still runs, once, when
    the request has ended."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fetcher = make_fetcher(f"http://127.0.0.1:{port}")
    calls: list[int] = []
    fetcher.after_next_send(lambda: calls.append(1))
    with pytest.raises(NetworkError):
        await fetcher.get("/")
    assert calls == [1]


async def test_a_forgotten_callback_after_the_next_send_never_runs(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    """Forgotten because no request was made for it (a sync's home page read from
    the store): it must not run at some later request's sending."""
    fetcher = make_fetcher(fresh_portal)
    calls: list[int] = []
    forget = fetcher.after_next_send(lambda: calls.append(1))
    forget()
    await fetcher.get(HOME)
    assert calls == []
    forget()  # twice: nothing left to forget


async def test_a_failing_callback_after_the_next_send_does_not_fail_the_request(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> None:
        raise RuntimeError("a bug in the caller")

    fetcher = make_fetcher(fresh_portal)
    fetcher.after_next_send(broken)
    result = await fetcher.get(HOME)
    assert "Phủ Lý".encode() in result.content
    assert "a bug in the caller" in caplog.text


# -- origin and scheme rules -----------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["https://example.com/", "http://127.0.0.1:9/Pages/Default.aspx", "//example.com/x"],
)
async def test_off_origin_is_refused_without_a_request(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher, url: str
) -> None:
    fetcher = make_fetcher(fresh_portal)
    assert not fetcher.is_allowed(fetcher.absolute(url))
    with pytest.raises(OffOriginError) as caught:
        await fetcher.get(url)
    assert fresh_portal.requests == []
    assert "not on the portal" in caught.value.message
    with pytest.raises(OffOriginError):
        await fetcher.download(url, Path("never"))


@pytest.mark.parametrize(
    "url", ["ftp://127.0.0.1/x", "file:///etc/passwd", "javascript:alert(1)", "mailto:a@b.vn", ""]
)
async def test_non_http_schemes_are_refused(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher, url: str
) -> None:
    with pytest.raises(BadSchemeError):
        await make_fetcher(fresh_portal).get(url)
    assert fresh_portal.requests == []


async def test_extra_origins_are_allowed(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fetcher = make_fetcher("http://127.0.0.1:9", extra_origins=(fresh_portal.url,))
    result = await fetcher.get(fresh_portal.url + HOME)
    assert result.status == 200


# -- redirects -------------------------------------------------------------------


async def test_same_origin_redirects_are_followed(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fresh_portal.routes["/old"] = faults.redirect_to(HOME, 301)
    fresh_portal.routes["/canon"] = faults.redirect_to("https://phuly.hanam.gov.vn/old")
    result = await make_fetcher(fresh_portal).get("/canon")
    assert result.url == fresh_portal.url + HOME
    assert [t for _m, t, _s in fresh_portal.requests] == ["/canon", "/old", HOME]


async def test_five_hops_are_followed_but_not_six(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    for i in range(6):
        fresh_portal.routes[f"/r{i}"] = faults.redirect_to(f"/r{i + 1}")
    fresh_portal.routes["/r6"] = faults.html_page()
    fetcher = make_fetcher(fresh_portal)
    assert (await fetcher.get("/r1")).url.endswith("/r6")
    with pytest.raises(RedirectError) as caught:
        await fetcher.get("/r0")
    assert caught.value.message_key == "error.redirect_loop"


async def test_redirect_loop_is_an_error(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fresh_portal.routes["/loop"] = faults.redirect_loop()
    fresh_portal.routes["/a"] = faults.redirect_to("/b")
    fresh_portal.routes["/b"] = faults.redirect_to("/a")
    fetcher = make_fetcher(fresh_portal, retries=2)
    with pytest.raises(RedirectError) as caught:
        await fetcher.get("/loop")
    assert "redirects too many times" in caught.value.message
    assert fresh_portal.count() == 1
    with pytest.raises(RedirectError):
        await fetcher.get("/a")
    assert fresh_portal.count() == 3


async def test_redirect_offsite_names_the_target_and_is_not_followed(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    target = "https://quang-cao.example.com/khuyen-mai?id=1"
    fresh_portal.routes["/away"] = faults.redirect_to(target)
    with pytest.raises(RedirectError) as caught:
        await make_fetcher(fresh_portal).get("/away")
    assert caught.value.message_key == "error.redirect_offsite"
    assert caught.value.params["target"] == target
    assert target in caught.value.message
    assert fresh_portal.count() == 1


async def test_redirect_to_another_scheme_is_not_followed(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    fresh_portal.routes["/ftp"] = faults.redirect_to("ftp://files.example.com/a.pdf")
    with pytest.raises(RedirectError) as caught:
        await make_fetcher(fresh_portal).get("/ftp")
    assert "ftp://files.example.com/a.pdf" in caught.value.message


# -- non-page resources and downloads --------------------------------------------


async def test_expect_html_false_returns_any_resource(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    result = await make_fetcher(fresh_portal).get(PDF, expect_html=False)
    assert result.content == site_bytes(PDF.lstrip("/"))
    assert result.content_type == "application/pdf"
    assert result.encoding is None


async def test_download_writes_the_file_atomically(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher, tmp_path: Path
) -> None:
    dest = tmp_path / "tai-ve" / "KH-18-UBND.pdf"
    saved = await make_fetcher(fresh_portal).download(PDF, dest)
    assert saved == dest
    assert dest.read_bytes() == site_bytes(PDF.lstrip("/"))
    assert sorted(p.name for p in dest.parent.iterdir()) == ["KH-18-UBND.pdf"]


async def test_download_over_the_cap_leaves_nothing(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher, tmp_path: Path
) -> None:
    fresh_portal.routes["/big.pdf"] = faults.oversized(300_000, chunked=True)
    dest = tmp_path / "downloads" / "big.pdf"
    with pytest.raises(ResponseTooLarge):
        await make_fetcher(fresh_portal).download("/big.pdf", dest, max_bytes=100_000)
    assert list(dest.parent.iterdir()) == []


async def test_download_keeps_the_old_file_on_failure(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher, tmp_path: Path
) -> None:
    fresh_portal.routes["/cut.pdf"] = faults.truncated_body()
    dest = tmp_path / "downloads" / "cut.pdf"
    dest.parent.mkdir()
    dest.write_bytes(b"old copy")
    with pytest.raises(FetchError):
        await make_fetcher(fresh_portal).download("/cut.pdf", dest)
    assert dest.read_bytes() == b"old copy"
    assert [p.name for p in dest.parent.iterdir()] == ["cut.pdf"]


async def test_download_into_an_unwritable_place_is_a_fetch_error(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(FetchError) as caught:
        await make_fetcher(fresh_portal).download(PDF, blocker / "x.pdf")
    assert caught.value.message_key == "error.download_write"


# -- proxies ---------------------------------------------------------------------


async def test_configured_proxy_is_used(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher
) -> None:
    """The portal server plays the proxy: it receives the absolute-form target."""
    fresh_portal.routes["http://portal.invalid/Pages/x.aspx"] = faults.html_page()
    fetcher = make_fetcher("http://portal.invalid", proxy=fresh_portal.url)
    result = await fetcher.get("/Pages/x.aspx")
    assert result.content == faults.SMALL_PAGE
    assert fresh_portal.requests[0][1] == "http://portal.invalid/Pages/x.aspx"


async def test_environment_proxy_is_used(
    fresh_portal: PortalServer, make_fetcher: MakeFetcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", fresh_portal.url)
    fresh_portal.routes["http://portal.invalid/"] = faults.html_page()
    result = await make_fetcher("http://portal.invalid").get("/")
    assert result.status == 200
    assert fresh_portal.count() == 1


async def test_unusable_proxy_setting_is_a_fetch_error(make_fetcher: MakeFetcher) -> None:
    with pytest.raises(FetchError) as caught:
        await make_fetcher("http://127.0.0.1:9", proxy="gopher://nope").get("/")
    assert "gopher://nope" in caught.value.message


async def test_unreachable_configured_proxy_is_named_without_credentials(
    make_fetcher: MakeFetcher,
) -> None:
    fetcher = make_fetcher("http://portal.invalid", proxy="http://user:secret@127.0.0.1:9")
    with pytest.raises(NetworkError) as caught:
        await fetcher.get("/")
    assert caught.value.message_key == "error.proxy"
    assert "http://127.0.0.1:9" in caught.value.message
    assert "secret" not in caught.value.message


async def test_unreachable_environment_proxy_is_named(
    make_fetcher: MakeFetcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    with pytest.raises(NetworkError) as caught:
        await make_fetcher("http://portal.invalid").get("/")
    assert "http://127.0.0.1:9" in caught.value.message
    # NO_PROXY (127.0.0.1 in the test environment) is honoured: a direct attempt
    with pytest.raises(NetworkError) as direct:
        await make_fetcher("http://127.0.0.1:9").get("/")
    assert direct.value.message_key == "error.unreachable"


# -- httpx internals -------------------------------------------------------------------


def test_httpx_still_guards_its_cli_import_the_way_the_fetcher_relies_on() -> None:
    """The fetcher puts ``None`` at ``sys.modules["httpx._main"]`` so that ``import
    httpx`` skips its command line (click, pygments, rich); that works only while
    httpx imports it inside ``try: … except ImportError``.  Checked on the installed
    httpx, then in a fresh interpreter: httpx imports, its CLI does not."""
    import ast
    import subprocess
    import sys

    import httpx

    tree = ast.parse(Path(httpx.__file__).read_text(encoding="utf-8"))
    guarded = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Try)
        and any(
            isinstance(stmt, ast.ImportFrom) and stmt.module == "_main" and stmt.level == 1
            for stmt in node.body
        )
        and any(
            isinstance(handler.type, ast.Name) and handler.type.id == "ImportError"
            for handler in node.handlers
        )
    ]
    assert guarded, "httpx/__init__.py no longer imports ._main inside try/except ImportError"
    script = (
        "import sys\n"
        "from phuly_tui.fetch.client import _skip_httpx_cli\n"
        "_skip_httpx_cli()\n"
        "import httpx\n"
        "assert callable(httpx.main)\n"
        "assert sys.modules['httpx._main'] is None\n"
        "print(sorted(m for m in sys.modules if m.startswith(('click', 'pygments'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
