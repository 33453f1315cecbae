"""Sync against the real local portal server: resumable, 304s, no waiting on the store."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from phuly_tui.config import Config
from phuly_tui.library import Library, SyncProgress, SyncReport
from phuly_tui.model import Section
from tests.support import faults
from tests.support.libraries import library_with_store
from tests.support.portal_server import FIXTURE_DIR, PortalServer

#: pages of the copy a ``--pages 3`` sync asks for: home, 10 listings, 42 articles
ALL_REQUESTS = 53


def make_config(base_url: str, data_dir: Path, **overrides: object) -> Config:
    return Config(base_url=base_url, data_dir=data_dir, timeout=3.0).with_overrides(**overrides)


def make_library(base_url: str, data_dir: Path, **overrides: object) -> Library:
    return Library(make_config(base_url, data_dir, **overrides))


def home_sections(base_url: str, data_dir: Path) -> tuple[Section, ...]:
    """The sections the home page at ``base_url`` lists (read through a library)."""

    async def menu() -> tuple[Section, ...]:
        library = make_library(base_url, data_dir)
        try:
            return (await library.sections()).value
        finally:
            await library.aclose()

    return asyncio.run(menu())


def run_sync(library: Library, **kwargs: Any) -> SyncReport:
    async def go() -> SyncReport:
        try:
            return await library.sync(**kwargs)
        finally:
            await library.aclose()

    return asyncio.run(go())


def test_sync_then_resync_is_all_304(fresh_portal: PortalServer, tmp_path: Path) -> None:
    library = make_library(fresh_portal.url, tmp_path)
    first = run_sync(library, pages=3)
    assert first.failed == 0
    assert first.new == 42  # every article of the copy
    assert first.requests == ALL_REQUESTS == len(fresh_portal.requests)
    fresh_portal.requests.clear()
    second = run_sync(library, pages=3)
    assert second.new == 0
    assert second.updated == 0
    assert second.unchanged == 42
    assert len(fresh_portal.requests) == ALL_REQUESTS
    assert fresh_portal.count(304) == ALL_REQUESTS  # nothing refetched


def test_the_store_is_asked_only_about_the_pages_it_has(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    """Each look-up is a hop to a thread between two requests: a page the store had
    no copy of when the sync began is requested at once; a stored one is still
    asked for conditionally."""
    library = make_library(fresh_portal.url, tmp_path)
    looked_up: list[str] = []
    stored_page = library.stored_page

    def spy(url: str) -> Any:
        looked_up.append(url)
        return stored_page(url)

    library.stored_page = spy  # type: ignore[method-assign]
    first = run_sync(library, pages=1)
    assert first.new > 0
    assert looked_up == []
    fresh_portal.requests.clear()
    second = run_sync(library, pages=2)
    assert second.new > 0  # the second listing pages and their articles
    stored_before = {fresh_portal.url + t for _m, t, s in fresh_portal.requests if s == 304}
    assert stored_before
    assert set(looked_up) == stored_before - {library.home_url()}


def test_the_home_pages_newest_articles_are_asked_for_before_any_listing_answers(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    """The home page lists each section's newest articles: they are queued the moment
    it is parsed, so they are fetched even when every listing fails (and, the
    listings answering, add no request: see ALL_REQUESTS above)."""
    from tests.support import faults

    library = make_library(fresh_portal.url, tmp_path)
    for section in ("/Pages/tin-tuc-su-kien.aspx", "/Pages/van-hoa-xa-hoi.aspx"):
        fresh_portal.routes[section] = faults.sharepoint_error(503)
    report = run_sync(library, pages=1)
    fetched = {target for _m, target, status in fresh_portal.requests if status == 200}
    stored = library.cached_home()
    assert stored is not None
    news = {n.section_url: n.article_urls for n in stored.value.news}
    for section in ("/Pages/tin-tuc-su-kien.aspx", "/Pages/van-hoa-xa-hoi.aspx"):
        articles = news[fresh_portal.url + section]
        assert len(articles) >= 3
        assert {url.removeprefix(fresh_portal.url) for url in articles} <= fetched
    assert report.failed == 2  # the two listings


def test_sync_interrupted_then_resumed(fresh_portal: PortalServer, tmp_path: Path) -> None:
    library, store = library_with_store(make_config(fresh_portal.url, tmp_path, timeout=1.0))
    committed: list[str] = []

    def stop_halfway(p: SyncProgress) -> None:
        if p.outcome == "new":
            committed.append(p.url)
        if p.done == 20:
            fresh_portal.stop()

    first = run_sync(library, pages=3, on_progress=stop_halfway)
    assert first.failed > 0
    stored = [u for u in committed if store.get_page(u) is not None]
    assert stored == committed
    assert committed
    fresh_portal.start()
    fresh_portal.requests.clear()
    second = run_sync(library, pages=3)
    assert second.failed == 0
    for url in committed:
        assert store.get_page(url) is not None
    total_articles = first.new + second.new
    assert total_articles == 42


def test_requests_go_on_while_a_page_is_being_stored(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    """Two workers; the home page's write and the first article's are held back until
    the server has seen 12 requests.  They are still made: what a page reveals is
    queued as soon as it is parsed, and a worker never waits for the store."""
    library, store = library_with_store(make_config(fresh_portal.url, tmp_path))
    real_put = store.put_page
    held_kinds: list[str] = []
    seen_while_held: list[int] = []

    def held_put(url: str, kind: str, data: dict[str, Any], **kwargs: Any) -> bool:
        if kind not in held_kinds and kind in ("home", "article"):
            held_kinds.append(kind)
            pause = threading.Event()
            for _ in range(300):  # a guard against a hang, not a time limit
                if len(fresh_portal.requests) >= 12 or pause.wait(0.1):
                    break
            seen_while_held.append(len(fresh_portal.requests))
        return real_put(url, kind, data, **kwargs)

    store.put_page = held_put  # type: ignore[method-assign]
    report = run_sync(library, pages=3, concurrency=2)
    assert report.failed == 0
    assert report.new == 42
    assert sorted(held_kinds) == ["article", "home"]
    assert min(seen_while_held) >= 12
    assert store.get_page(library.home_url()) is not None


def test_the_store_opens_while_the_http_stack_is_imported(
    fresh_portal: PortalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the first request the sync imports httpx (``Fetcher.warm``) and opens
    the store, noting its pages (``Store.page_urls``): the store's thread must be
    under way while ``warm`` runs, not after it (a task for the thread starts
    only when the event loop is given control)."""
    from phuly_tui.fetch import Fetcher
    from phuly_tui.store import Store

    opened = threading.Event()
    overlapped: list[bool] = []
    page_urls = Store.page_urls
    warm = Fetcher.warm

    def noted_page_urls(self: Store) -> frozenset[str]:
        opened.set()
        return page_urls(self)

    def waiting_warm(self: Fetcher) -> None:
        warm(self)
        overlapped.append(opened.wait(10))  # a guard against a hang, not a time limit

    monkeypatch.setattr(Store, "page_urls", noted_page_urls)
    monkeypatch.setattr(Fetcher, "warm", waiting_warm)
    report = run_sync(make_library(fresh_portal.url, tmp_path), pages=1)
    assert report.failed == 0
    assert overlapped == [True]


def test_the_page_work_is_imported_while_the_home_request_is_out(
    fresh_portal: PortalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parser and the store's writing side are imported once the home page's
    request is on the wire (the import used to start before, competing with
    writing the request for the interpreter lock): the request has been written
    to the socket when the import begins, and the server answers the home page
    only after it has begun."""
    import socket

    import phuly_tui.sync.run

    written: list[bytes] = []
    send = socket.socket.send

    def watched_send(self: socket.socket, data: bytes, *args: int) -> int:
        written.append(bytes(data[:6]))
        return send(self, data, *args)

    begun = threading.Event()
    after_the_request: list[bool] = []

    def import_page_work() -> None:
        after_the_request.append(b"GET / " in written)
        begun.set()

    held: list[bool] = []
    home = fresh_portal.site.exact["/"]
    body = (FIXTURE_DIR / "site" / home.file).read_bytes()
    page = faults.html_page(body)

    def held_home(handler: BaseHTTPRequestHandler) -> None:
        held.append(begun.wait(10))  # a guard against a hang, not a time limit
        page(handler)

    fresh_portal.routes["/"] = held_home
    monkeypatch.setattr(socket.socket, "send", watched_send)
    monkeypatch.setattr(phuly_tui.sync.run, "_import_page_work", import_page_work)
    report = run_sync(make_library(fresh_portal.url, tmp_path), pages=1)
    assert report.failed == 0
    assert report.new > 0
    assert after_the_request == [True]
    assert held == [True]


PAGES_AFTER_THE_IMPORT = """
import sys
from pathlib import Path

from phuly_tui.parse import parse_article, parse_home, parse_listing
from phuly_tui.store import open_store
from phuly_tui.sync.run import _import_page_work

site, data = Path(sys.argv[1]), Path(sys.argv[2])
store = open_store(data)
_import_page_work()
before = set(sys.modules)
for name, parse, kind in (
    ("Pages/Default.aspx", parse_home, "home"),
    ("Pages/tin-tuc-su-kien.aspx", parse_listing, "listing"),
    ("Pages/khai-giang-nam-hoc-moi-2024-2025.aspx", parse_article, "article"),
):
    url = "https://phuly.hanam.gov.vn/" + name
    value = parse((site / name).read_bytes(), url)
    store.put_page(url, kind, value.to_dict(), etag=None, last_modified=None, fetched_at=1.0)
print(" ".join(sorted(set(sys.modules) - before)))
"""


def test_the_page_work_imported_ahead_leaves_nothing_to_import(tmp_path: Path) -> None:
    """After the sync's import ahead (while the home request is out), parsing and
    storing a home page, a listing and an article import no module: one imported
    on first use would cost its time in the middle of the sync's second round."""
    site = FIXTURE_DIR / "site"
    done = subprocess.run(
        [sys.executable, "-c", PAGES_AFTER_THE_IMPORT, str(site), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []


def test_a_sync_of_named_sections_reads_the_stored_pages_once(
    fresh_portal: PortalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Named sections open the store before the home page is asked where to read;
    the home page's request must not open it and list its pages a second time."""
    from phuly_tui.store import Store

    sections = home_sections(fresh_portal.url, tmp_path)
    listed: list[int] = []
    page_urls = Store.page_urls

    def counted(self: Store) -> frozenset[str]:
        listed.append(1)
        return page_urls(self)

    monkeypatch.setattr(Store, "page_urls", counted)
    report = run_sync(make_library(fresh_portal.url, tmp_path), sections=[sections[1]], pages=1)
    assert report.new > 0
    assert report.failed == 0
    assert len(listed) == 1


def test_a_piped_sync_starts_lean(fresh_portal: PortalServer, tmp_path: Path) -> None:
    """``phuly-tui sync`` with stderr piped never imports Rich's progress bar nor
    httpx's command line (click, pygments): a whole-process sync is measured from
    the spawn (benchmarks/sync.py)."""
    script = (
        "import json, sys\n"
        "from phuly_tui.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "loaded = sorted(m for m, v in sys.modules.items() if v is not None and m.startswith(('rich', 'httpx', 'click')))\n"
        "print(json.dumps({'code': code, 'modules': loaded}))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PHULY_TUI_")}
    empty = tmp_path / "empty.toml"  # defaults only (a file named here must exist)
    empty.write_text("", encoding="utf-8")
    env["PHULY_TUI_CONFIG"] = str(empty)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "sync",
            "--pages",
            "1",
            "--base-url",
            fresh_portal.url,
            "--data-dir",
            str(tmp_path / "data"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["code"] == 0
    assert "httpx" in result["modules"]  # it did fetch
    assert not [m for m in result["modules"] if m.startswith(("rich", "click", "httpx._main"))]


def test_the_sync_engine_loads_lean() -> None:
    """Importing the sync (right before its first request) leaves the model's
    article side to the parser, and compiles no ordered dataclass: both cost
    milliseconds before the home page is asked for (benchmarks/sync.py)."""
    code = (
        "import sys, phuly_tui.library, phuly_tui.sync.run as run\n"
        "print('phuly_tui.model.article' in sys.modules, hasattr(run._Job, '__dataclass_fields__'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["False", "False"]


def test_a_bug_while_storing_ends_the_sync_and_is_raised(
    fresh_portal: PortalServer, tmp_path: Path
) -> None:
    """Not a PhulyError: the sync stops (no hang on the queue) and the error reaches
    the caller, where the CLI logs it and says so in one line."""
    import pytest

    library = make_library(fresh_portal.url, tmp_path)
    real_absorb = library.absorb

    async def broken(url: str, kind: Any, *args: Any, **kwargs: Any) -> Any:
        if kind == "article":
            raise RuntimeError("a bug")
        return await real_absorb(url, kind, *args, **kwargs)

    library.absorb = broken  # type: ignore[method-assign]
    with pytest.raises(RuntimeError, match="a bug"):
        run_sync(library, pages=1)


def test_sync_a_site_of_another_template(fresh_portal: PortalServer, tmp_path: Path) -> None:
    """Real HTTP end to end on pages nobody here designed for: the home page's menu is a
    row of a layout table, the section's list has no headlines (a ``<ul>`` of links with
    "(dd/mm)" dates), every article an old page typed in TCVN3 and VNI fonts served with
    no charset and reached by a link with spaces and Vietnamese letters in it."""
    from phuly_tui.model import Article

    pages = FIXTURE_DIR.parent / "pages"
    fresh_portal.routes["/"] = faults.html_page((pages / "home_table_menu.html").read_bytes())
    listing = (pages / "listing_plain_links.html").read_bytes()
    fresh_portal.routes["/tintuc.asp?cm=1"] = faults.html_page(listing)
    article = faults.bytes_response((pages / "legacy_tcvn3.html").read_bytes(), "text/html")
    for slug in (
        "H%E1%BB%99i%20ngh%E1%BB%8B%20t%E1%BB%95ng%20k%E1%BA%BFt%20n%C4%83m%202024",
        "ra-quan-ve-sinh",
        "trao-qua-nguoi-co-cong",
        "hoi-thi-can-bo-dan-so",
        "tiem-chung",
    ):
        fresh_portal.routes[f"/tin-hoat-dong/{slug}.html"] = article

    sections = home_sections(fresh_portal.url, tmp_path)
    assert sections[1].name == "TIN TỨC - SỰ KIỆN"
    report = run_sync(make_library(fresh_portal.url, tmp_path), sections=[sections[1]], pages=1)
    assert (report.new, report.failed) == (5, 0)
    stored = make_library(fresh_portal.url, tmp_path, offline=True)
    read = stored.cached_article(fresh_portal.url + "/tin-hoat-dong/tiem-chung.html")
    assert read is not None
    assert isinstance(read.value, Article)
    assert read.value.title == "HỘI NGHỊ TỔNG KẾT CÔNG TÁC NĂM 2024"
