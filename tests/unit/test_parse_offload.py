"""Big pages are parsed in a child process (issue 9 item 14), structure not wall-clock.

A thread shares the GIL with the app's event loop; a child process does not.
These tests check what runs where: a page of ``OFFLOAD_BYTES`` or more is parsed
by another interpreter (nothing of the parse runs here), gives the very same
article, and its errors arrive as the parser raised them; a child that cannot
start falls back to a thread; a cancelled load kills its child.  And the store
writes a big payload as many short ``json.dumps`` calls, once (not once more
for a hash), so no single call holds the GIL for the whole page.
"""

from __future__ import annotations

import asyncio
import json
import os
import pickle
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import phuly_tui.parse
import phuly_tui.parse.api
from phuly_tui.config import Config
from phuly_tui.errors import NotAnArticleError, PhulyError
from phuly_tui.library import Library
from phuly_tui.parse import offload
from phuly_tui.parse.offload import OFFLOAD_BYTES, run_parse
from phuly_tui.store import open_store
from phuly_tui.store.encoding import encode_payload
from tests.support import faults
from tests.support.big_table import big_table_page
from tests.support.libraries import library_with_store
from tests.support.portal_server import PortalServer

BIG = "/Pages/big.aspx"
ROWS = 4_000  # ≈ 600 KB: over the offload threshold, quick to parse


@pytest.fixture(scope="module")
def big_page() -> bytes:
    page = big_table_page(ROWS)
    assert len(page) >= OFFLOAD_BYTES
    return page


def spawned(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Record every child process the offload starts (and start it for real)."""
    children: list[Any] = []
    real = asyncio.create_subprocess_exec

    async def spy(*args: Any, **kwargs: Any) -> Any:
        process = await real(*args, **kwargs)
        children.append(process)
        return process

    monkeypatch.setattr(asyncio, "create_subprocess_exec", spy)
    return children


def no_parse_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any parse in this process fails the test (the child imports its own parser)."""

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("parsed in the app's process")

    monkeypatch.setattr(phuly_tui.parse.api, "parse_article", refuse)  # what parse_as calls


def load(library: Library, url: str) -> Any:
    async def go() -> Any:
        try:
            return await library.article(url)
        finally:
            await library.aclose()

    return asyncio.run(go())


def test_a_big_page_is_parsed_in_a_child_process_and_gives_the_same_article(
    fresh_portal: PortalServer, tmp_path: Path, big_page: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh_portal.routes[BIG] = faults.html_page(big_page)
    url = fresh_portal.url + BIG
    expected = phuly_tui.parse.parse_article(big_page, url)
    children = spawned(monkeypatch)
    no_parse_here(monkeypatch)
    library, store = library_with_store(
        Config(base_url=fresh_portal.url, data_dir=tmp_path, timeout=30.0)
    )
    loaded = load(library, url)
    assert len(children) == 1
    assert children[0].returncode == 0
    assert loaded.source == "network"
    assert loaded.value == expected
    assert store.article(url) == expected  # stored as parsed
    library.close()


def test_the_child_imports_the_parser_not_the_library(
    fresh_portal: PortalServer, tmp_path: Path, big_page: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The call the library sends names the parser's function: the child's start
    imports no part of the library (a child that did exits non-zero here, and the
    page would be parsed in this process)."""
    fresh_portal.routes[BIG] = faults.html_page(big_page)
    url = fresh_portal.url + BIG
    check = "; import sys; assert 'phuly_tui.library' not in sys.modules"
    monkeypatch.setattr(offload, "_CHILD_CODE", offload._CHILD_CODE + check)
    children = spawned(monkeypatch)
    no_parse_here(monkeypatch)
    library = Library(Config(base_url=fresh_portal.url, data_dir=tmp_path, timeout=30.0))
    assert load(library, url).value.title
    assert [child.returncode for child in children] == [0]
    library.close()


def test_the_portal_articles_stay_in_a_thread(
    portal: PortalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Starting a Python costs far more than parsing a 200 KB article."""
    children = spawned(monkeypatch)
    library = Library(Config(base_url=portal.url, data_dir=tmp_path, timeout=10.0))
    loaded = load(
        library,
        library.absolute("/Pages/thanh-pho-phu-ly-day-nhanh-tien-do-xoa-nha-tam-nha-dot-nat.aspx"),
    )
    assert loaded.value.title
    assert children == []
    library.close()


def test_the_parsers_errors_cross_the_process_boundary(
    fresh_portal: PortalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big page that is no article: the same error, in the user's language."""
    page = b"<html><body>" + b"<div>" + b"x" * OFFLOAD_BYTES + b"</div></body></html>"
    fresh_portal.routes[BIG] = faults.html_page(page)
    children = spawned(monkeypatch)
    library = Library(Config(base_url=fresh_portal.url, data_dir=tmp_path, timeout=30.0))
    with pytest.raises(NotAnArticleError) as caught:
        load(library, fresh_portal.url + BIG)
    assert len(children) == 1
    assert caught.value.params == {"url": fresh_portal.url + BIG}
    assert caught.value.message == NotAnArticleError(url=fresh_portal.url + BIG).message
    library.close()


@pytest.mark.parametrize("error", [NotAnArticleError(url="http://x/a"), PhulyError()])
def test_errors_survive_pickling(error: PhulyError) -> None:
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert again.message_key == error.message_key
    assert again.params == error.params
    assert again.message == error.message


def test_the_child_runs_elsewhere_and_small_work_stays_here() -> None:
    assert asyncio.run(run_parse(os.getpid, size=OFFLOAD_BYTES)) != os.getpid()
    assert asyncio.run(run_parse(os.getpid, size=OFFLOAD_BYTES - 1)) == os.getpid()


def test_a_child_that_cannot_start_falls_back_to_a_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "executable", "/nonexistent/python3")
    assert asyncio.run(run_parse(os.getpid, size=OFFLOAD_BYTES)) == os.getpid()


def test_a_call_that_cannot_be_sent_runs_in_a_thread() -> None:
    local: Callable[[], int] = lambda: 7  # noqa: E731 - not importable by the child
    assert asyncio.run(run_parse(local, size=OFFLOAD_BYTES)) == 7


def test_a_bug_in_the_child_is_raised_here_with_its_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Not one of the parser's errors: the call runs again in a thread, so the
    exception is raised in this process, traceback and all, for the crash log."""
    children = spawned(monkeypatch)
    with pytest.raises(ValueError, match="invalid literal") as caught:
        asyncio.run(run_parse(int, "not a number", size=OFFLOAD_BYTES))
    assert [child.returncode for child in children] == [4]
    assert caught.value.__traceback__ is not None


def test_a_cancelled_load_kills_its_child(monkeypatch: pytest.MonkeyPatch) -> None:
    children = spawned(monkeypatch)

    async def go() -> None:
        task = asyncio.create_task(run_parse(time.sleep, 60, size=OFFLOAD_BYTES))
        while not children:
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(go())
    (child,) = children
    assert child.returncode is not None  # waited for: no child left behind
    with pytest.raises(ProcessLookupError):
        os.kill(child.pid, 0)


# -- the stored payload: one encoding, in short pieces ---------------------------------------
def longest_dumps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the length of what each ``json.dumps`` call returns."""
    lengths: list[int] = []
    real = json.dumps

    def spy(*args: Any, **kwargs: Any) -> str:
        text = real(*args, **kwargs)
        lengths.append(len(text))
        return text

    monkeypatch.setattr(json, "dumps", spy)
    return lengths


def test_a_big_page_is_encoded_once_in_short_pieces(
    fresh_portal: PortalServer, tmp_path: Path, big_page: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh_portal.routes[BIG] = faults.html_page(big_page)
    url = fresh_portal.url + BIG
    library, store = library_with_store(  # opened before counting
        Config(base_url=fresh_portal.url, data_dir=tmp_path, timeout=30.0)
    )
    lengths = longest_dumps(monkeypatch)
    load(library, url)
    with sqlite3.connect(store.path) as raw:
        (stored,) = raw.execute("SELECT length(data) FROM pages WHERE url = ?", (url,)).fetchone()
    raw.close()
    assert stored > 300_000
    assert max(lengths) < 64 * 1024  # no single call encodes the page
    # once: what was encoded adds up to about one copy of the payload
    assert sum(lengths) < 1.5 * stored
    library.close()


def test_the_pieces_are_exactly_json_dumps(big_page: bytes) -> None:
    data = phuly_tui.parse.parse_article(big_page, "http://127.0.0.1/Pages/big.aspx").to_dict()
    data["odd"] = {"nested": [[1, 2.5, None, True], {"k": 'ư\u200d"\\'}], "n": -0.0}
    data["many"] = [{"a": [i] * 70} for i in range(300)]
    assert encode_payload(data) == json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    assert encode_payload(data, small=0) == encode_payload(data, small=10**9)


def test_a_row_hashed_the_old_way_with_the_same_text_is_unchanged(tmp_path: Path) -> None:
    """Rows stored before the store hashed its own text: same content, not 'changed'."""
    data = {"url": "http://x/a", "title": "A", "blocks": []}
    with open_store(tmp_path) as store:
        assert store.put_page(
            "http://x/a", "article", data, etag=None, last_modified=None,
            fetched_at=1.0, content_hash="sorted-keys-sha1",
        )  # fmt: skip
        assert not store.put_page(
            "http://x/a", "article", data, etag=None, last_modified=None, fetched_at=2.0
        )
        assert store.put_page(
            "http://x/a", "article", {**data, "title": "B"}, etag=None, last_modified=None,
            fetched_at=3.0,
        )  # fmt: skip
        assert not store.put_page(
            "http://x/a", "article", {**data, "title": "B"}, etag=None, last_modified=None,
            fetched_at=4.0,
        )  # fmt: skip
